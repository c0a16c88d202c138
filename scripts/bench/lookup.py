"""lookup: `quotecite show` as a whole process, shipped corpus and a generated large corpus."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from quotecite.corpusfile import format_document
from quotecite.dates import DateSpec
from quotecite.model import Archival, Document, Name, Numbering, Paragraph, Part, Role

from bench.common import bare_python, env_with, median_time, quotecite_command, row, scratch

WORDS = [
    "socialist",
    "countries",
    "relations",
    "policy",
    "fraternal",
    "parties",
    "economic",
    "cooperation",
    "perestroika",
    "collaboration",
    "integration",
    "leadership",
    "Politburo",
    "development",
    "political",
    "thinking",
    "world",
    "socialism",
    "interests",
    "security",
    "allies",
    "experience",
    "mechanism",
    "confidence",
]


def generate(directory: Path, count: int, seed: int = 1) -> None:
    """``count`` documents of 20–40 paragraphs each, in the corpus format."""
    if directory.exists() and len(list(directory.glob("*.md"))) == count:
        return
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    rng = random.Random(seed)
    for i in range(count):
        paragraphs = tuple(
            Paragraph(
                str(n),
                Role.BODY,
                (Part(" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 120))) + "."),),
            )
            for n in range(1, rng.randint(20, 40) + 1)
        )
        doc = Document(
            id=f"gen-{i:06d}",
            aliases=(f"g{i}",),
            title=f"Generated memorandum {i}",
            issued=DateSpec(start=(1950 + i % 40, 1 + i % 12, 1 + i % 28)),
            authors=(Name("Author", f"Number{i % 97}"),),
            archival=Archival(
                archive="State Archive of the Russian Federation",
                acronym="GARF",
                fond=str(5000 + i % 300),
                opis="1",
                delo=str(i),
            ),
            numbering=Numbering.PRINTED,
            paragraphs=paragraphs,
        )
        (directory / f"{doc.id}.md").write_text(format_document(doc), "utf-8")


def main(full: bool) -> None:
    qc = quotecite_command()
    repeat = 21 if full else 11
    bare = bare_python()
    row("python -c pass", bare)
    row(
        "show doc6 16 (shipped corpus, alias)",
        median_time([*qc, "show", "doc6", "16"], repeat),
        bare,
    )
    row(
        "show gorbachev-1986-06-26 16 (id)",
        median_time([*qc, "show", "gorbachev-1986-06-26", "16"], repeat),
        bare,
    )
    row(
        "show garf 3 --json (prefix)",
        median_time([*qc, "show", "garf", "3", "--json"], repeat),
        bare,
    )
    row(
        "show doc6 16 --rich (typer + rich)",
        median_time([*qc, "show", "doc6", "16", "--rich"], repeat),
        bare,
    )
    count = 10_000 if full else 2_000
    corpus = scratch("lookup") / f"corpus-{count}"
    generate(corpus, count)
    cache = scratch("lookup") / f"cache-{count}"
    env = env_with(QUOTECITE_CORPUS=str(corpus), QUOTECITE_CACHE_DIR=str(cache))
    last = f"gen-{count - 1:06d}"
    row(
        f"show {last} 12 ({count:,} docs, by id)",
        median_time([*qc, "show", last, "12"], repeat, env),
        bare,
    )
    row(
        f"show g{count - 1} 12 ({count:,} docs, alias; catalog warm)",
        median_time([*qc, "show", f"g{count - 1}", "12"], repeat, env),
        bare,
    )
    shutil.rmtree(cache, ignore_errors=True)
    row(
        f"show g{count - 1} 12 ({count:,} docs, catalog cold)",
        median_time([*qc, "show", f"g{count - 1}", "12"], 1, env, warmup=0),
        bare,
    )
