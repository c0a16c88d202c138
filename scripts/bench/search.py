"""search/find/index on a generated corpus (5,000 documents; --full 100,000 ≈ 1 M paragraphs)

Generates documents in the corpus file format into a scratch directory (reused while the size
and generator version match), then times, each as a whole ``quotecite`` process:

* the full index build (``quotecite index`` on an empty cache);
* an incremental update after editing one document (``quotecite index``, and a search right after
  the edit, which notices it through the directory's mtime);
* ``search`` for a common and for a rare phrase, against ``rg -i -F`` over the same files;
* ``find`` for a 20-word quotation with a changed word, a dropped word and curly quotes;
* peak resident memory of build, search and find.

Set QUOTECITE_BENCH_REUSE=1 to keep the index (and its recorded build time) of an earlier run.
Targets (2 cores): search ≤ 0.2 s and faster than rg; find ≤ 0.5 s; update ≤ 0.5 s; memory flat.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.common import (
    bare_python,
    env_with,
    median_time,
    peak_rss_mb,
    quotecite_command,
    row,
    scratch,
)

GENERATOR_VERSION = "2"
PARAGRAPHS = 10
WORDS = (25, 60)
COMMON = "socialist countries"  # planted in ~2% of paragraphs
RARE = "spiritual autarchy"  # planted in 3 paragraphs
COMMON_RATE = 0.02


def _vocabulary(rng: random.Random, size: int = 20000) -> tuple[list[str], list[float]]:
    syllables = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ia", "ov")]
    words: list[str] = []
    seen: set[str] = set()
    while len(words) < size:
        w = "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    weights = [1.0 / (rank + 1) for rank in range(size)]
    return words, weights


def _sentence(rng: random.Random, words: list[str], cum: list[float]) -> str:
    n = rng.randint(*WORDS)
    chosen = rng.choices(words, cum_weights=cum, k=n)
    chosen[0] = chosen[0].capitalize()
    return " ".join(chosen) + "."


def generate(target: Path, docs: int) -> Path:
    """A corpus of ``docs`` documents of PARAGRAPHS paragraphs each (reused when present)."""
    from quotecite.corpusfile import format_document
    from quotecite.dates import parse_date
    from quotecite.model import Archival, Document, Name

    stamp = target / ".generated"
    want = f"{GENERATOR_VERSION}:{docs}"
    if stamp.is_file() and stamp.read_text() == want:
        return target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    rng = random.Random(1986)
    words, weights = _vocabulary(rng)
    cum: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cum.append(total)
    rare_at = {(docs // 3, 4), (docs // 2, 2), (docs - 7, 8)}
    start = time.perf_counter()
    for d in range(docs):
        year = 1945 + d % 47
        doc = Document(
            id=f"doc-{d:06d}",
            title=f"Memorandum {d} on {words[d % 500]} questions",
            issued=parse_date(f"{year}-{1 + d % 12:02d}-{1 + d % 28:02d}"),
            authors=(Name(family=words[d % 300].capitalize(), given="Ivan"),),
            archival=Archival(acronym=("GARF", "RGANI", "AVP RF")[d % 3], fond=str(d % 900)),
        )
        head = format_document(doc)
        body: list[str] = []
        for p in range(1, PARAGRAPHS + 1):
            text = _sentence(rng, words, cum) + " " + _sentence(rng, words, cum)
            if rng.random() < COMMON_RATE:
                cut = text.index(" ", 20)
                text = f"{text[:cut]} the {COMMON} {text[cut:]}"
            if (d, p) in rare_at:
                text = f"They needed {RARE} then. " + text
            body.append(f"¶ {p}\n{text}\n")
        (target / f"{doc.id}.md").write_text(head + "\n".join(body), "utf-8")
    stamp.write_text(want)
    print(f"  generated {docs} documents in {time.perf_counter() - start:.1f} s", flush=True)
    return target


def quotation(corpus: Path, docs: int) -> str:
    """20 words from a known paragraph, one word changed, one dropped, curly quotes added."""
    text = (corpus / f"doc-{docs // 4:06d}.md").read_text("utf-8")
    para = text.split("¶ 6\n", 1)[1].split("\n", 1)[0]
    words = para.replace(".", "").split()[3:24]
    del words[7]
    words[12] = "different"
    return "“" + " ".join(words[:10]) + ",” " + " ".join(words[10:])


def main(full: bool) -> None:
    import os

    reuse = bool(os.environ.get("QUOTECITE_BENCH_REUSE"))
    docs = 100_000 if full else 5_000
    base = scratch("search")
    corpus = generate(base / f"corpus-{docs}", docs)
    cache = base / f"cache-{docs}"
    record = base / f"build-{docs}.txt"
    env = env_with(QUOTECITE_CACHE_DIR=str(cache), QUOTECITE_CORPUS=str(corpus))
    qc = quotecite_command()
    paragraphs = docs * PARAGRAPHS
    print(f"  corpus: {docs} documents, {paragraphs} paragraphs, {corpus}")
    if reuse and record.is_file() and cache.is_dir():
        build, build_rss = (float(x) for x in record.read_text().split())
        print("  (index reused from an earlier run: QUOTECITE_BENCH_REUSE)")
    else:
        if cache.exists():
            shutil.rmtree(cache)
        cache.mkdir()
        start = time.perf_counter()
        build_rss = peak_rss_mb([*qc, "index"], env=env)  # the build, measured whole
        build = time.perf_counter() - start
        record.write_text(f"{build!r} {build_rss!r}")
    row(f"index build ({docs} docs)", build)
    size = sum(p.stat().st_size for p in cache.glob("search-*"))
    print(f"  index size {size / 2**20:.0f} MiB", flush=True)

    results: dict[str, float] = {}
    results["index (nothing changed)"] = median_time([*qc, "index"], repeat=5, env=env, warmup=1)
    # edit one document (saved by rename, as editors and quotecite do) and index again
    target = corpus / f"doc-{docs // 2:06d}.md"
    original = target.read_text("utf-8")
    edits: list[float] = []
    search_after: list[float] = []
    for k in range(3):
        from quotecite.fsutil import atomic_write_text

        atomic_write_text(target, original.replace("¶ 3\n", f"¶ 3\nEdited {k} zyxwv{k}. "))
        start = time.perf_counter()
        subprocess.run([*qc, "index"], env=env, check=True, stdout=subprocess.DEVNULL)
        edits.append(time.perf_counter() - start)
        atomic_write_text(target, original.replace("¶ 3\n", f"¶ 3\nEdited again {k}. "))
        start = time.perf_counter()
        out = subprocess.run(
            [*qc, "search", f"edited again {k}", "--json"], env=env, check=True, capture_output=True
        )
        search_after.append(time.perf_counter() - start)
        assert json.loads(out.stdout), "the edit was not found"
    atomic_write_text(target, original)
    subprocess.run([*qc, "index"], env=env, check=True, stdout=subprocess.DEVNULL)
    results["index after editing one document"] = sorted(edits)[1]
    results["search right after editing one document"] = sorted(search_after)[1]

    searches = {
        f"search common phrase '{COMMON}'": [*qc, "search", f'"{COMMON}"', "--plain"],
        f"search rare phrase '{RARE}'": [*qc, "search", f'"{RARE}"', "--plain"],
    }
    for label, cmd in searches.items():
        results[label] = median_time(cmd, repeat=9, env=env)
    quote = quotation(corpus, docs)
    found = subprocess.run(
        [*qc, "find", quote, "--json"], env=env, check=True, capture_output=True, text=True
    )
    best = json.loads(found.stdout)[0]
    ok = (best["doc"], best["paragraph"]) == (f"doc-{docs // 4:06d}", "6")
    results["find 20-word quotation"] = median_time(
        [*qc, "find", quote, "--plain"], repeat=9, env=env
    )
    base = bare_python()
    row("bare python start-up (machine load gauge)", base)
    for label, seconds in results.items():
        row(label, seconds, base)
    print(f"  find's best hit is the source: {ok} (score {best['score']})")

    rg = shutil.which("rg")
    if rg:
        for phrase in (COMMON, RARE):
            t = median_time([rg, "-i", "-F", phrase, str(corpus)], repeat=5, env=env, warmup=1)
            row(f"rg -i -F '{phrase}'", t)
    else:
        print("  rg not installed (apt-get install ripgrep): comparison skipped")

    print("  peak memory:")
    for label, cmd in (
        ("search common phrase", searches[f"search common phrase '{COMMON}'"]),
        ("find", [*qc, "find", quote, "--plain"]),
        ("index (nothing changed)", [*qc, "index"]),
    ):
        print(f"    {label:<46} {peak_rss_mb(cmd, env=env):8.1f} MB", flush=True)
    print(f"    {'index build':<46} {build_rss:8.1f} MB")
    print(f"  ({sys.executable}; figures are medians of whole processes)")
