"""quote and verify: a quotation with its citation; a manuscript checked against a corpus.

Quick run: the shipped corpus and the seed manuscript. ``--full``: a generated corpus of 500
documents (copies of the seeds under new ids, each with one changed word so none is a
duplicate) and a manuscript of 200 quotations, half exact, half altered or invented, verified
with a cold cache (the first run builds the catalog and the search index, whose build is also
timed on its own) and with a warm one. Every run uses a private cache directory in the scratch
directory (QUOTECITE_BENCH_DIR).
"""

from __future__ import annotations

import json
import random
import re
import shutil
import statistics
import subprocess
from pathlib import Path

from bench.common import env_with, median_time, quotecite_command, row, run_once, scratch

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
MANUSCRIPT = ROOT / "tests" / "data" / "manuscripts" / "seeds.md"


def _big_corpus(n: int) -> Path:
    out = scratch(f"quote-corpus-{n}")
    if len(list(out.glob("*.md"))) == n:
        return out
    seeds = sorted(CORPUS.glob("*.md"))
    rng = random.Random(7)
    for i in range(n):
        src = seeds[i % len(seeds)].read_text(encoding="utf-8")
        doc_id = f"bench-{i:04d}"
        text = re.sub(r'^id = ".*"$', f'id = "{doc_id}"', src, count=1, flags=re.M)
        text = re.sub(r"aliases = \[[^\]]*\]", "aliases = []", text, count=1, flags=re.S)
        words = text.split(" ")
        k = rng.randrange(len(words) // 2, len(words))
        while not words[k].isalpha():
            k -= 1
        words[k] = f"word{i}"
        (out / f"{doc_id}.md").write_text(" ".join(words), encoding="utf-8")
    return out


def _big_manuscript(n: int) -> Path:
    from quotecite.corpus import Corpus
    from quotecite.quoting.sentences import sentence_spans

    rng = random.Random(11)
    sentences = []
    for doc in Corpus(CORPUS).documents():
        for p in doc.paragraphs:
            for part in p.parts:
                sentences.extend(part.text[a:b] for a, b in sentence_spans(part.text))
    lines = []
    for i in range(n):
        s = rng.choice(sentences)
        if i % 4 == 1:
            s = s.replace(" the ", " a ", 1)
        elif i % 4 == 3:
            s = f"An invented sentence number {i} about the socialist countries and their future."
        lines.append(f"Paragraph {i} says “{s}” as quoted.\n")
    path = scratch("quote-manuscript") / f"manuscript-{n}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _cold(cmd: list[str], env: dict[str, str], cache: Path, repeat: int) -> float:
    """Median time of ``cmd`` each run on an empty cache directory."""
    times = []
    for _ in range(repeat):
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        times.append(run_once(cmd, env))
    return statistics.median(times)


def main(full: bool) -> None:
    qc = quotecite_command()
    cache = scratch("quote-cache")
    env = env_with(QUOTECITE_CORPUS=str(CORPUS), QUOTECITE_CACHE_DIR=str(cache))
    repeat = 9 if not full else 5
    runs = [
        ("quote doc6 16 --sentences 2,4", ["quote", "doc6", "16", "--sentences", "2,4"]),
        (
            "quote doc6 16 --words … -f latex",
            ["quote", "doc6", "16", "--words", "we must … example", "-f", "latex"],
        ),
        ("verify seeds.md (11 quotations, 2 documents)", ["verify", str(MANUSCRIPT)]),
    ]
    for label, args in runs:
        row(label, median_time([*qc, *args], repeat, env))
    if full:
        corpus = _big_corpus(500)
        manuscript = _big_manuscript(200)
        big_cache = scratch("quote-cache-500")
        big = env_with(QUOTECITE_CORPUS=str(corpus), QUOTECITE_CACHE_DIR=str(big_cache))
        verify = [*qc, "verify", str(manuscript)]
        row("index build, 500 documents (empty cache)", _cold([*qc, "index"], big, big_cache, 3))
        row("verify 200 quotations, 500 documents: cold", _cold(verify, big, big_cache, 3))
        print("    (cold: empty cache; the run builds the catalog and the search index)")
        seconds = median_time(verify, 5, big, warmup=1)
        row("verify 200 quotations, 500 documents: warm", seconds)
        out = subprocess.run([*verify, "--json"], env=big, capture_output=True, text=True)
        counts = json.loads(out.stdout)["counts"]
        print(f"    (warm: index up to date; {', '.join(f'{v} {k}' for k, v in counts.items())})")
