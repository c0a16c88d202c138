"""Generated raw documents with known content: for the no-lost-word tests and the benchmark.

:func:`generate` writes a document as PDF extraction leaves it — hard-wrapped lines, words
hyphenated at line ends, compound hyphens at line ends, page breaks inside paragraphs, the
chosen numbering form — and returns the paragraphs the importer must recover from it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

WORDS = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "that",
    "socialism",
    "relations",
    "countries",
    "policy",
    "cooperation",
    "development",
    "international",
    "economic",
    "political",
    "continuation",
    "perestroika",
    "leadership",
    "agreement",
    "conversation",
    "situation",
    "committee",
    "government",
    "interests",
    "experience",
    "question",
    "community",
    "considerable",
    "fraternal",
    "collaboration",
    "responsibility",
    "strengthening",
    "independence",
    "understanding",
    "relationship",
    "discussion",
    "negotiations",
    "significant",
    "important",
    "necessary",
    "conditions",
    "approach",
    "principles",
    "initiatives",
    "ideological",
    "practical",
    "security",
    "reform",
]
COMPOUNDS = (
    "self-adoration",
    "ill-health",
    "one-sidedness",
    "ready-made",
    "long-term",
    "well-known",
)
STYLES = ("dot", "glued", "pilcrow", "bracket", "roman", "none")
ROMAN = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
)


@dataclass
class Sample:
    text: str
    paragraphs: list[list[str]]  #: expected body paragraphs, each a list of parts
    style: str


def _sentence(rng: random.Random) -> str:
    n = rng.randint(6, 18)
    words = [rng.choice(COMPOUNDS) if rng.random() < 0.08 else rng.choice(WORDS) for _ in range(n)]
    if rng.random() < 0.3:
        words.insert(rng.randint(1, n - 1), str(rng.randint(2, 1999)))
    words[0] = words[0][:1].upper() + words[0][1:]
    return (
        " ".join(words) + rng.choice((".", ".", ".", "?", ";")) if False else " ".join(words) + "."
    )


def _label(style: str, n: int) -> str:
    return {
        "dot": f"{n}.  ",
        "glued": f"{n}",
        "pilcrow": f"¶ {n} ",
        "bracket": f"[{n}] ",
        "roman": f"{ROMAN[n - 1]}. ",
        "none": "",
    }[style]


def _wrap(rng: random.Random, text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            if "-" in word and rng.random() < 0.5 and not word[0].isdigit():
                head, tail = word.split("-", 1)
                lines.append(f"{line} {head}-")
                line = tail
                continue
            if len(word) > 8 and word.isalpha() and word.islower() and rng.random() < 0.5:
                cut = rng.randint(3, len(word) - 3)
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                continue
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def generate(rng: random.Random, style: str | None = None, paragraphs: int | None = None) -> Sample:
    style = style or rng.choice(STYLES)
    count = paragraphs or rng.randint(2, 14)
    width = rng.randint(50, 95)
    expected: list[list[str]] = []
    out: list[str] = ["Memorandum from Yuri Andropov to the CC CPSU, June 26, 1986", ""]
    for n in range(1, count + 1):
        parts_n = rng.randint(1, 3) if style not in ("none", "glued") else 1
        parts = [" ".join(_sentence(rng) for _ in range(rng.randint(1, 4))) for _ in range(parts_n)]
        expected.append(parts)
        for k, part in enumerate(parts):
            lines = _wrap(rng, part, width)
            if k == 0:
                lines[0] = _label(style, n) + lines[0]
            for i, line in enumerate(lines):
                out.append(line)
                nxt = lines[i + 1] if i + 1 < len(lines) else ""
                if nxt[:1].islower() and not line.endswith((".", "-")) and rng.random() < 0.05:
                    out.extend(["", "", ""])  # a page break inside the paragraph
            out.append("")
    out.append("[Source: RGANI, f. 89, op. 18, d. 101, ll. 1-3. Translated by Anna Smith.]")
    return Sample(text="\n".join(out) + "\n", paragraphs=expected, style=style)
