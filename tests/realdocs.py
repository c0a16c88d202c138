"""The development set of real documents (``tests/data/real``) and how an import is scored.

Each document is ``<stem>.txt`` (the text as found) with ``<stem>.toml``: where it was found and
what a reader finds in it (``[expected]``). :func:`score` compares an imported document with that
expectation field by field; the test suite and ``scripts/import_accuracy.py`` share it.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecite.archival import normalize_leaves
from quotecite.model import Archival, Document, Name

REAL = Path(__file__).resolve().parent / "data" / "real"
ARCHIVAL_KEYS = ("archive", "fond", "opis", "delo", "papka", "leaves")
FIELDS = ("title", "date", "authors", "translators", "archival")


@dataclass(frozen=True)
class RealDocument:
    stem: str
    source: Path
    url: str
    family: str
    complete: bool
    expected: dict[str, Any]


def documents(directory: Path = REAL) -> Iterator[RealDocument]:
    for meta in sorted(directory.glob("*.toml")):
        data = tomllib.loads(meta.read_text("utf-8"))
        source = next(p for p in meta.parent.glob(meta.stem + ".*") if p.suffix != ".toml")
        yield RealDocument(
            stem=meta.stem,
            source=source,
            url=data["url"],
            family=data["family"],
            complete=bool(data.get("complete", False)),
            expected=data.get("expected", {}),
        )


@dataclass
class Score:
    """Right and wrong values per field; ``misses`` says what was wrong, for reading."""

    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)

    def add(self, name: str, ok: bool, what: str) -> None:
        self.total[name] += 1
        if ok:
            self.right[name] += 1
        else:
            self.misses.append(f"{name}: {what}")

    def merge(self, other: Score) -> None:
        for k in FIELDS:
            self.right[k] += other.right[k]
            self.total[k] += other.total[k]
        self.misses.extend(other.misses)

    def ratio(self, name: str | None = None) -> float:
        keys = [name] if name else list(FIELDS)
        total = sum(self.total[k] for k in keys)
        return sum(self.right[k] for k in keys) / total if total else 1.0


def fold(text: str) -> str:
    """Text compared without case, accents, typographic quotes or spacing differences."""
    text = unicodedata.normalize("NFKC", text).replace("ё", "е").replace("Ё", "Е")
    text = re.sub(r"[“”„«»\"]", '"', text)
    text = re.sub(r"[‘’ʼ`']", "'", text)
    text = re.sub(r"[‐‑‒–—−]", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    text = re.sub(r"[.,]+(?=[\"']$)", "", text)  # a sentence's stop inside closing quotes
    return text.casefold()


def _given_initials(given: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_]+", given)).casefold()


def name_matches(expected: str, name: Name) -> bool:
    """``"Gorbachev, Mikhail"`` (a person) or ``"=CC CPSU Politburo"`` (a body) against a name."""
    if expected.startswith("="):
        return bool(name.literal) and fold(expected[1:]) == fold(name.literal)
    family, _, given = expected.partition(",")
    if name.literal:
        return fold(name.literal) in (fold(f"{given} {family}"), fold(expected))
    if fold(family) != fold(name.family):
        return False
    if given.strip() and name.given:
        return _given_initials(given) == _given_initials(name.given)
    return True


def names_match(expected: list[str], names: tuple[Name, ...]) -> bool:
    if len(expected) != len(names):
        return False
    return all(name_matches(e, n) for e, n in zip(expected, names, strict=True))


def _archive_matches(expected: str, ref: Archival) -> bool:
    """The archive as printed ("AVPRF", "РГАСПИ", "TsKhSD") names the archive read, either
    through the registry (any of its names) or word for word."""
    from quotecite.archival.registry import lookup

    wanted = lookup(expected)
    if wanted is not None:
        return any(lookup(x) == wanted for x in (ref.acronym, ref.archive) if x)
    return fold(expected) in {fold(x) for x in (ref.acronym, ref.archive) if x}


def _value_matches(key: str, expected: str, got: str | None) -> bool:
    if got is None:
        return False
    if key == "leaves":  # as printed ("47-8"): the leaves it means (47–48)
        expected = normalize_leaves(expected)
    a, b = fold(expected), fold(got)
    if key == "leaves":
        a, b = (re.sub(r"\s|\.", "", x).replace("об", "ob") for x in (a, b))
    return a == b


def score(real: RealDocument, document: Document, references: tuple[Archival, ...]) -> Score:
    """Field-by-field comparison of an imported document with what its reader expected."""
    exp = real.expected
    out = Score()
    # title
    if "title" in exp:
        ok = fold(exp["title"]) == fold(document.title) and not document.title_supplied
        out.add("title", ok, f"{document.title!r} (want {exp['title']!r})")
    else:
        words = exp.get("title_words", [])
        ok = document.title_supplied and all(fold(w) in fold(document.title) for w in words)
        out.add("title", ok, f"{document.title!r} (want a supplied title with {words})")
    # date
    got_date = document.issued.to_edtf() if document.issued else None
    want_date = exp.get("date")
    out.add("date", got_date == want_date, f"{got_date} (want {want_date})")
    # names
    for key, attr in (("authors", "authors"), ("translators", "translators")):
        want = exp.get(key, [])
        names: tuple[Name, ...] = getattr(document, attr)
        shown = [n.sort_display() if not n.literal else "=" + n.literal for n in names]
        out.add(key, names_match(want, names), f"{shown} (want {want})")
    # archival references: every value expected, and none that is not
    wanted = exp.get("archival", [])
    for i, ref_exp in enumerate(wanted):
        ref = references[i] if i < len(references) else Archival()
        for key in ARCHIVAL_KEYS:
            if key not in ref_exp:
                continue
            if key == "archive":
                ok = _archive_matches(ref_exp[key], ref)
                got = ref.acronym or ref.archive
            else:
                got = getattr(ref, key)
                ok = _value_matches(key, str(ref_exp[key]), got)
            out.add("archival", ok, f"ref {i + 1} {key}: {got!r} (want {ref_exp[key]!r})")
        for key in ARCHIVAL_KEYS[1:]:
            if key not in ref_exp and getattr(ref, key) is not None:
                out.add("archival", False, f"ref {i + 1} {key}: {getattr(ref, key)!r} (want none)")
    for j, ref in enumerate(references[len(wanted) :], start=len(wanted) + 1):
        if any(getattr(ref, k) for k in ARCHIVAL_KEYS[1:]):
            out.add("archival", False, f"ref {j}: {ref.location()!r} (want no such reference)")
    return out
