"""quotecite check: validate every file of a corpus; each problem is ``file:line: message``.

Problems: files that do not load; missing required metadata (language; a source: [archival] or
[publication]; an issued date, or a note beginning "Undated"; a translator when the original
language differs); ids that do not match their file name or repeat; aliases that collide;
repeated paragraph numbers and empty paragraphs (from :mod:`quotecite.corpusfile`); source notes
the archival parser cannot read (an archival description, "Original in German. Typewritten.",
or a publication's reference is none), that are cut off, or that contradict [archival];
malformed fond/opis/delo/leaves values and references that skip a level (an opis without a
fond), each at its own table's line; acronyms the registry does not know; footnote markers
without a footnote and footnotes without a marker; paragraphs of text that look like page
furniture; a second document's heading inside a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from quotecite.archival.parser import (
    LEAVES,
    NO_REFERENCE,
    VALUE,
    is_archival_description,
    is_publication_reference,
    parse_source_note,
)
from quotecite.archival.registry import lookup
from quotecite.corpusfile import Problem, parse_file
from quotecite.errors import CorpusError
from quotecite.model import Document, Role

_VALUE = re.compile(VALUE + r"\Z")
_LEAVES = re.compile(LEAVES + r"\Z")


@dataclass
class Report:
    documents: int
    problems: list[Problem]


def check_corpus(path: Path) -> Report:
    from quotecite.corpus import Corpus

    corpus = Corpus(path)
    problems: list[Problem] = []
    ids: dict[str, str] = {}
    aliases: dict[str, str] = {}
    count = 0
    for file in corpus.files():
        count += 1
        name = str(file)
        try:
            parsed = parse_file(file)
        except CorpusError as exc:
            problems.append(Problem(name, exc.line or 1, exc.message_only))
            continue
        problems.extend(parsed.problems)
        doc = parsed.document
        lines = _meta_lines(file)
        if doc.id in ids:
            problems.append(
                Problem(name, lines.get("id", 2), f"id '{doc.id}' is also the id of {ids[doc.id]}")
            )
        else:
            ids[doc.id] = name
        if file.stem != doc.id:
            problems.append(
                Problem(
                    name,
                    lines.get("id", 2),
                    f"id '{doc.id}' does not match the file name '{file.name}'",
                )
            )
        for alias in doc.aliases:
            owner = aliases.get(alias)
            if owner is not None and owner != doc.id:
                problems.append(
                    Problem(
                        name,
                        lines.get("aliases", 2),
                        f"alias '{alias}' is also an alias of '{owner}'",
                    )
                )
            aliases.setdefault(alias, doc.id)
        problems.extend(check_document(doc, name, lines))
    for alias, owner in aliases.items():
        if alias in ids and alias != owner:
            where = ids.get(owner, owner)
            problems.append(Problem(where, 2, f"alias '{alias}' is the id of another document"))
    problems.sort(key=lambda p: (p.path, p.line))
    return Report(count, problems)


def check_document(doc: Document, name: str, lines: dict[str, int]) -> list[Problem]:
    out: list[Problem] = []

    def add(key: str, message: str, table: str = "") -> None:
        """A problem at the line of ``key``: in ``table`` ("archival[2]") where it is there."""
        line = lines.get(f"{table}.{key}") if table else None
        out.append(Problem(name, line or lines.get(key, 2), message))

    if not doc.language:
        add("title", "metadata has no language")
    if doc.archival.is_empty() and doc.publication.is_empty():
        add("title", "metadata names no source: give [archival] or [publication]")
    if doc.issued is None and not (doc.note or "").lower().startswith("undated"):
        add("title", "metadata has no issued date (an undated document's note begins 'Undated')")
    if (
        doc.original_language
        and doc.language
        and doc.original_language != doc.language
        and not doc.translators
    ):
        add("original-language", "a translation with no translator")
    arch = doc.archival
    several = len(doc.archival_references) > 1
    for k, ref in enumerate(doc.archival_references, start=1):
        where = f"archival[{k}]." if several else "archival."
        table = f"archival[{k}]"
        for key in ("fond", "opis", "delo", "papka"):
            value = getattr(ref, key)
            if value is not None and not _VALUE.match(value):
                add(key, f"{where}{key} '{value}' is not an archival number", table)
        if ref.leaves is not None and not _LEAVES.match(ref.leaves):
            add("leaves", f"{where}leaves '{ref.leaves}' is not a leaf or range of leaves", table)
        if ref.acronym is not None and lookup(ref.acronym) is None:
            add("acronym", f"archive acronym '{ref.acronym}' is not in the archive registry", table)
        # fond → opis → delo; a file number alone (delo, "J IV 2/202/130") is no skipped level
        if ref.opis and not ref.fond:
            add("opis", f"{where}opis is given without a fond: a level is missing", table)
        elif ref.fond and ref.delo and not ref.opis:
            add("delo", f"{where}delo is given without an opis: a level is missing", table)
    out.extend(_paragraph_problems(doc, name))
    for p in doc.paragraphs:
        if p.role is not Role.SOURCE_NOTE:
            continue
        if _CUT_OFF.search(p.text) or p.text.count("[") > p.text.count("]"):
            out.append(
                Problem(name, p.line, f"source note ¶ {p.number} is cut off: “{p.text[-40:]}”")
            )
        note = parse_source_note(p.text)
        problems = note.problems
        if not note.references and (
            is_archival_description(p.text) or is_publication_reference(p.text)
        ):
            # "Original in German. Typewritten.", "… Переписка. С. 178.": no reference to read
            problems = tuple(x for x in problems if x != NO_REFERENCE)
        for problem in problems:
            out.append(
                Problem(name, p.line, f"source note ¶ {p.number}: cannot read it: {problem}")
            )
        if note.references and not arch.is_empty():
            ref = note.references[0]
            for key in ("fond", "opis", "delo", "papka", "leaves"):
                said, given = getattr(ref, key), getattr(arch, key)
                if said is not None and given is not None and said != given:
                    add(
                        key,
                        f"archival.{key} is '{given}' but the source note says '{said}'",
                        "archival[1]",
                    )
    labels = {m.label for p in doc.paragraphs for part in p.parts for m in part.markers}
    notes = {
        p.number[1:] for p in doc.paragraphs if p.role is Role.FOOTNOTE and p.number.startswith("n")
    }
    for p in doc.paragraphs:
        for part in p.parts:
            for m in part.markers:
                if m.label not in notes:
                    out.append(
                        Problem(
                            name,
                            p.line,
                            f"¶ {p.number}: footnote marker [^{m.label}] "
                            f"has no footnote n{m.label}",
                        )
                    )
        if p.role is Role.FOOTNOTE and p.number.startswith("n") and p.number[1:] not in labels:
            out.append(Problem(name, p.line, f"footnote {p.number} has no marker in the text"))
    return out


_CUT_OFF = re.compile(
    r"(?:\b(?:Fond|Opis['’]?|Delo|Papka|f|op|d|l|ll|Ф|Оп|Д|Л|and|of|the|by|for)\.?|[,;:(–—-])\s*\Z",
    re.I,
)
_HEADING = re.compile(r"(?:Document|DOCUMENT)\s+(?:No\.?\s*)?\d+\s*[:.]\s*\S|Документ\s*№\s*\d+")


def _paragraph_problems(doc: Document, name: str) -> list[Problem]:
    """Paragraphs that are the page's furniture, and a second document's heading."""
    from quotecite.importer.layout import is_page_number
    from quotecite.importer.page import is_furniture

    out: list[Problem] = []
    after_note = False
    for p in doc.paragraphs:
        if p.role is Role.SOURCE_NOTE:
            after_note = True
            continue
        if p.role is not Role.BODY:
            continue
        text = p.parts[0].text if p.parts else ""
        if len(p.parts) == 1 and (is_furniture(text) or is_page_number(text)):
            out.append(Problem(name, p.line, f"¶ {p.number} looks like page furniture: “{text}”"))
        elif after_note and (
            _HEADING.match(text)
            or (len(doc.title.split()) >= 3 and text.split()[:3] == doc.title.split()[:3])
        ):
            out.append(
                Problem(
                    name,
                    p.line,
                    f"¶ {p.number} seems to begin another document (“{text[:50]}”): "
                    "one document a file",
                )
            )
            after_note = False
    return out


_TABLE = re.compile(r"\s*(\[\[?)\s*\"?([\w-]+)\"?\s*\]\]?\s*(?:#.*)?\Z")
_KEY = re.compile(r"\s*\"?([\w-]+)\"?\s*=")


def _meta_lines(file: Path) -> dict[str, int]:
    """Line of each metadata key in a corpus file: ``key`` at its first occurrence, and
    ``table[k].key`` in the k-th table of that name ("archival[2].opis" in the second
    ``[[archival]]``; a ``[archival]`` table is "archival[1]")."""
    out: dict[str, int] = {}
    try:
        text = file.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return out
    tables: dict[str, int] = {}
    table = ""
    for i, line in enumerate(text.split("\n")[1:], start=2):
        if line.strip() == "+++":
            break
        t = _TABLE.match(line)
        if t:
            name = t.group(2)
            tables[name] = tables.get(name, 0) + 1 if t.group(1) == "[[" else 1
            table = f"{name}[{tables[name]}]"
            continue
        m = _KEY.match(line)
        if m:
            out.setdefault(m.group(1), i)
            if table:
                out.setdefault(f"{table}.{m.group(1)}", i)
    return out
