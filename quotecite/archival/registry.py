"""The archive registry shipped with quotecite (``registry.toml``): names, acronyms, places.

A source note names an archive in full ("State Archive of the Russian Federation"), by acronym
("GARF", "AVP RF"), by a former name ("TsKhSD"), in ALA-LC romanization, in Russian ("ГАРФ") or
in its own language ("Archiwum Akt Nowych"), sometimes followed by a part of it ("SED Archives,
IfGA, ZPA"). :func:`find_archives` finds every such mention in a text; :func:`lookup` resolves one
name; :func:`code_archive` names the archive a reference code belongs to ("THCR" → the Churchill
Archives Centre).
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
    native: str | None = None  #: its own name in its own language (non-Russian archives)
    native_acronym: str | None = None
    divisions: tuple[str, ...] = ()  #: parts named after it: "ZPA" in "SED Archives, IfGA, ZPA"
    codes: tuple[tuple[str, str], ...] = ()  #: reference-code prefix → collection ("" for none)

    def names(self) -> tuple[str, ...]:
        """Every name this archive is known by, as written in the registry."""
        out = [self.name]
        for extra in (
            self.acronym,
            self.romanized,
            self.russian,
            self.russian_acronym,
            self.native,
            self.native_acronym,
        ):
            if extra:
                out.append(extra)
        out.extend(self.former)
        out.extend(self.variants)
        out.extend(self.divisions)
        return tuple(out)

    def is_division(self, name: str) -> bool:
        """``name`` is one of the parts of this archive (not a name of the whole)."""
        folded = _norm(name)
        return any(_norm(d) == folded for d in self.divisions)


@dataclass(frozen=True, slots=True)
class Mention:
    """An archive named in a text, at ``start``–``end``."""

    archive: ArchiveInfo
    start: int
    end: int
    text: str

    @property
    def division(self) -> bool:
        return self.archive.is_division(self.text)


def _norm(name: str) -> str:
    return " ".join(name.replace("ё", "е").replace("Ё", "Е").split()).casefold()


def _key(name: str) -> str:
    """The index key of a name: "The National Security Archive." is "national security archive"."""
    key = _norm(name.strip().strip(".,;:"))
    return key[4:] if key.startswith("the ") else key


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
                native=entry.get("native"),
                native_acronym=entry.get("native-acronym"),
                divisions=tuple(entry.get("divisions", ())),
                codes=tuple(entry.get("codes", {}).items()),
            )
        )
    return tuple(out)


@lru_cache(maxsize=1)
def _index() -> dict[str, ArchiveInfo]:
    out: dict[str, ArchiveInfo] = {}
    for info in registry():
        for name in info.names():
            out.setdefault(_key(name), info)
        out.setdefault(_key(info.key), info)
    return out


@lru_cache(maxsize=1)
def _codes() -> dict[str, tuple[ArchiveInfo, str]]:
    return {code: (info, coll) for info in registry() for code, coll in info.codes}


def code_archive(code: str) -> tuple[ArchiveInfo, str] | None:
    """The archive a reference-code prefix belongs to ("THCR", "PREM", "DY") and the collection
    it stands for ("Thatcher MSS"; "" for none), or None."""
    return _codes().get(code.strip())


def known_codes() -> tuple[str, ...]:
    """Every reference-code prefix of the registry, longest first."""
    return tuple(sorted(_codes(), key=len, reverse=True))


def lookup(name: str) -> ArchiveInfo | None:
    """The archive called ``name`` (any of its names, acronyms or spellings), or None.

    A name printed with its parts ("SED Archives, IfGA, ZPA", "ÚSD, AÚV KSČ") is the archive
    of its first part when every part is an archive or the archive's place."""
    key = _key(name)
    found = _index().get(key)
    if found is not None or "," not in key:
        return found
    parts = [p.strip() for p in key.split(",") if p.strip()]
    first = lookup(parts[0]) if parts else None
    if first is None:
        return None
    for part in parts[1:]:
        if lookup(part) is None and (first.place is None or _norm(first.place) != part):
            return None
    return first


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
