"""The archive registry shipped with quotecite (``registry.toml``): names, acronyms, places.

A source note names an archive in full ("State Archive of the Russian Federation"), by acronym
("GARF", "AVP RF"), by a former name ("TsKhSD"), in ALA-LC romanization or in Russian ("ГАРФ").
:func:`find_archives` finds every such mention in a text; :func:`lookup` resolves one name.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class ArchiveInfo:
    key: str
    name: str  #: English name
    acronym: str | None = None
    romanized: str | None = None  #: ALA-LC, without diacritics
    russian: str | None = None
    russian_acronym: str | None = None
    former: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    place: str | None = None
    language: str | None = None
    kind: str = "archive"  #: "archive", or "publisher" for digital collections of translations

    def names(self) -> tuple[str, ...]:
        """Every name this archive is known by, as written in the registry."""
        out = [self.name]
        for extra in (self.acronym, self.romanized, self.russian, self.russian_acronym):
            if extra:
                out.append(extra)
        out.extend(self.former)
        out.extend(self.variants)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class Mention:
    """An archive named in a text, at ``start``–``end``."""

    archive: ArchiveInfo
    start: int
    end: int
    text: str


def _norm(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


@lru_cache(maxsize=1)
def registry() -> tuple[ArchiveInfo, ...]:
    """Every archive in the shipped registry."""
    data = tomllib.loads(
        resources.files("quotecite.archival").joinpath("registry.toml").read_text("utf-8")
    )
    out = []
    for entry in data["archive"]:
        out.append(
            ArchiveInfo(
                key=entry["key"],
                name=entry["name"],
                acronym=entry.get("acronym"),
                romanized=entry.get("romanized"),
                russian=entry.get("russian"),
                russian_acronym=entry.get("russian-acronym"),
                former=tuple(entry.get("former", ())),
                variants=tuple(entry.get("variants", ())),
                place=entry.get("place"),
                language=entry.get("language"),
                kind=entry.get("kind", "archive"),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, ArchiveInfo]:
    out: dict[str, ArchiveInfo] = {}
    for info in registry():
        for name in info.names():
            out.setdefault(_norm(name), info)
        out.setdefault(_norm(info.key), info)
    return out


def lookup(name: str) -> ArchiveInfo | None:
    """The archive called ``name`` (any of its names, acronyms or spellings), or None."""
    key = _norm(name.strip().strip(".,;:"))
    if key.startswith("the "):
        key = key[4:]
    return _index().get(key)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    names = sorted({n for info in registry() for n in info.names()}, key=len, reverse=True)
    alts = []
    for n in names:
        body = r"\s+".join(re.escape(w) for w in n.replace("ё", "е").split())
        alts.append(body)
    # whole words only; "ГАРФ" and "GARF" must not match inside longer words
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def find_archives(text: str) -> list[Mention]:
    """Every archive named in ``text``, in order, longest names first where they overlap."""
    probe = text.replace("ё", "е").replace("Ё", "Е")
    out = []
    for m in _pattern().finditer(probe):
        found = m.group()
        info = lookup(found)
        if info is None:
            continue
        # an acronym must be written as one: "Garf" or "tsamo" in running text are not archives
        if not _case_ok(found, info):
            continue
        out.append(Mention(info, m.start(), m.end(), text[m.start() : m.end()]))
    return out


def _acronym_like(name: str) -> bool:
    return len(name) <= 12 and not re.search(r"[a-zа-я]{4,}", name)


def _case_ok(found: str, info: ArchiveInfo) -> bool:
    folded = " ".join(found.split())
    for name in info.names():
        if _norm(name) == _norm(folded) and (
            not _acronym_like(name) or name.replace("ё", "е") == folded
        ):
            return True
    return False
