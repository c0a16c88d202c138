"""The publisher's apparatus around a document's text: source notes, citations, summaries.

:func:`find_apparatus` decides, for lines of a page that are still text after the page and the
head were read, which are not the document's own words:

* **source notes** (role ``source-note``): ``[Source: …]``, ``Source: …``, ``Архив: …``, the
  Wilson Center's note under "Document Information" and its citation line, lines that are an
  archival reference (``РГАСПИ. Ф. 558. Оп. 11. Д. 77. Л. 68.``, ``- GARF, f. 1235, …``,
  ``RGANI. Collection 52. Inventory 1. File 498. Sheets 43.``), the description that goes with
  one (``Подлинник. Машинопись.``, ``Original in German. Typewritten.``), and the reference of a
  Russian publication (``Сталин и Каганович. Переписка. 1931–1936 гг. С. 178.``);
* **headnotes** (role ``headnote``): the archive's or editors' summary — in the head (Wilson's
  older layout, a series line, a catalogue description) or right before the Wilson Center's
  "Document Information" block;
* **furniture**: the Wilson Center's record fields after "Document Information" (a
  classification, the funders), and what follows an e-book's source lines (advertising).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotecite.archival.parser import (
    is_archival_description,
    is_publication_reference,
    parse_source_note,
)
from quotecite.importer.head import _WILSON_CITATION, Head
from quotecite.importer.page import Kind, Line, Page
from quotecite.model import Role

_SOURCE_START = re.compile(
    r"\s*\[?\s*(?:Source|SOURCE|Sources|Источник|Источники|Архив|Archive|Original Archive)\s*:",
)
_LOCATOR_WORDS = re.compile(
    r"(?<![\w])(?:[FfФф]\.|[Oo]p\.|[Оо]п\.|[Dd]\.|[Дд]\.|[Ll]l?\.|[Лл]л?\.|[Ff]ond|[Oo]pis|[Dd]elo|"
    r"List|Collection|Inventory|File|Sheets?|Folder|Фонд|Опись|Дело)\s*\d"
)
_WILSON_INFO = "Document Information"
_WILSON_BLOCK = re.compile(r"Related Documents|Associated|Subjects Discussed|Document Information")
#: a publisher's citation or credit line: "…, 5 July 1989, trans. Svetlana Savranskaya, Notes of
#: …, Archive of the Gorbachev Foundation, … (accessed May 14, 2008).", "(based on an annotated
#: translation from Russian by Henryk Cimek)"
_CREDIT = re.compile(
    r".{0,300}(?:\btrans\.\s+[A-Z].{0,200}\(accessed [^)]+\)|\(accessed [^)]+\)\.?$)"
    r"|\(?(?:based on\s+)?an?\s+(?:annotated\s+)?translation\s+from\s+\w+\s+by\s+[^)]{3,60}\)?"
    r"|(?:English\s+|Russian\s+)?(?:Translation|Translated)\s+(?:from\s+\w+\s+)?by\s+[A-Z][^.;]{2,60}"
    r"(?:,\s*\w+\s+\d{4})?\.?",
    re.S,
)
#: an editor's or translator's word on the edition's conventions, bracketed as theirs
_EDITORIAL_CONVENTION = re.compile(
    r"\[\s*(?:Translator|Editor|Compiler)s?[’']s?\s+(?:notes?|comments?|insertions?|additions?)\b"
    r"[^\]]{0,120}\]?\Z",
    re.I,
)
#: a line that ends in the middle of an archival reference
_WRAPPED_REF = re.compile(r"(?:\b(?:[FfФф]|[Oo]p|[Оо]п|[Dd]|[Дд]|[Ll]l?|[Лл]л?)\.|,)\s*$")
_FOOTNOTE_START = re.compile(r"\s*(?:\d{1,3}|\[\d{1,3}\]|\[[ivxlc]{1,6}\])\s+\S")


@dataclass
class Apparatus:
    roles: dict[int, Role] = field(default_factory=dict)  #: line number → role
    starts: set[int] = field(default_factory=set)  #: lines where an apparatus paragraph begins
    notes: list[tuple[int, str]] = field(default_factory=list)  #: source notes, in order
    furniture: list[int] = field(default_factory=list)


def is_credit_line(text: str) -> bool:
    """A translation's credit line: "English Translation by Marta Olynyk, July 2010"."""
    return _CREDIT.fullmatch(" ".join(text.split())) is not None


def is_archival_line(text: str) -> bool:
    """Is this line an archival reference (with, maybe, its description)?"""
    t = " ".join(text.split()).lstrip("-–—•* ").strip()[:300]  # the reference, then a description
    if not t or _FOOTNOTE_START.match(text):
        return False
    found = list(_LOCATOR_WORDS.finditer(t))
    if len(found) < 2 or found[0].start() > 80:
        return False  # a reference in the middle of prose is a footnote's citation
    note = parse_source_note(t)
    if not note.references:
        return False
    ref = note.references[0]
    filled = sum(1 for v in (ref.fond, ref.opis, ref.delo, ref.leaves) if v)
    return filled >= 2


def find_apparatus(page: Page, head: Head) -> Apparatus:
    app = Apparatus()
    lines = page.lines
    for no in head.headnotes:
        app.roles[no] = Role.HEADNOTE
    # field values that are notes: Source, Original Archive, Citation, Архив, Источник
    for f in page.fields:
        if f.name in ("source", "archive", "citation", "reference"):
            kept = [no for no in f.lines if lines[no - 1].kind is Kind.TEXT]
            for no in kept:
                app.roles[no] = Role.SOURCE_NOTE
            if kept:  # one note, though a wrap spread it over lines
                app.notes.append((kept[0], " ".join(lines[no - 1].stripped for no in kept)))
        elif f.name == "summary":
            for no in f.lines:
                if lines[no - 1].kind is Kind.TEXT:
                    app.roles[no] = Role.HEADNOTE
    text_lines = [line for line in lines if line.kind is Kind.TEXT]
    _wilson_tail(page, text_lines, app)
    k = 0
    while k < len(text_lines):
        line = text_lines[k]
        t = line.stripped
        k += 1
        if line.no in app.roles:
            continue
        if (
            re.search(r"\bby\Z", t)
            and k < len(text_lines)
            and text_lines[k].no - line.no <= 3
            and text_lines[k].no not in app.roles
            and _CREDIT.fullmatch(f"{t} {text_lines[k].stripped}")
        ):
            # a credit a wrap split: "(based on an annotated translation from Russian by" /
            # "Henryk Cimek)"
            nxt = text_lines[k]
            app.roles[line.no] = app.roles[nxt.no] = Role.SOURCE_NOTE
            app.notes.append((line.no, f"{t} {nxt.stripped}"))
            k += 1
            continue
        if (
            _SOURCE_START.match(t)
            or _WILSON_CITATION.search(t)
            or t.startswith("//")
            or _CREDIT.fullmatch(t)
        ):
            app.roles[line.no] = Role.SOURCE_NOTE
            if t.startswith("[") and "]" not in t:
                # "[Source: … Delo 190" / "Translated by … Archive]": one note over lines
                while k < len(text_lines) and text_lines[k].no - text_lines[k - 1].no <= 2:
                    nxt = text_lines[k]
                    app.roles[nxt.no] = Role.SOURCE_NOTE
                    t += " " + nxt.stripped
                    k += 1
                    if "]" in nxt.stripped:
                        break
            app.notes.append((line.no, t))
        elif is_archival_line(t):
            app.roles[line.no] = Role.SOURCE_NOTE
            app.notes.append((line.no, t))
        elif _EDITORIAL_CONVENTION.match(t):
            app.roles[line.no] = Role.HEADNOTE  # "[Translator’s notes are bracketed]"
        elif _WRAPPED_REF.search(t) and k < len(text_lines):
            # a reference a hard wrap split: "RGASPI, f. 495, op." / "184, d. 34, Outgoing …"
            nxt = text_lines[k]
            joined = f"{t} {nxt.stripped}"
            if nxt.no == line.no + 1 and is_archival_line(joined):
                app.roles[line.no] = app.roles[nxt.no] = Role.SOURCE_NOTE
                app.notes.append((line.no, joined))
                k += 1
        elif " // " in t and is_archival_line(t.split(" // ", 1)[1]):
            # a caption and its reference: "Из доклада … 6 декабря 1941 г. // ЦАОДМ, ф. 3, …"
            app.roles[line.no] = Role.SOURCE_NOTE
            app.notes.append((line.no, t.split(" // ", 1)[1]))
    app.starts = {no for no, _ in app.notes} | {
        no for no, role in app.roles.items() if role is not Role.SOURCE_NOTE
    }
    _neighbours(text_lines, app)
    return app


def _neighbours(text_lines: list[Line], app: Apparatus) -> None:
    """An archival description or a publication reference next to a source note is part of
    the source-note apparatus ("Подлинник. Машинопись.", "Сталин и Каганович … С. 178.")."""
    index = {line.no: k for k, line in enumerate(text_lines)}
    for no in [n for n, r in list(app.roles.items()) if r is Role.SOURCE_NOTE]:
        k = index.get(no)
        if k is None:
            continue
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(text_lines) and abs(j - k) <= 3:
                t = text_lines[j].stripped
                if text_lines[j].no in app.roles:
                    j += step
                    continue
                wrapped = (
                    step == 1
                    and j + 1 < len(text_lines)
                    and text_lines[j + 1].no == text_lines[j].no + 1
                    and text_lines[j + 1].no not in app.roles
                    and not re.search(r"[.;]\Z", t)
                    and is_archival_description(f"{t} {text_lines[j + 1].stripped}")
                )
                if wrapped:  # "Original in" / "English. Typewritten."
                    app.roles[text_lines[j].no] = app.roles[text_lines[j + 1].no] = Role.SOURCE_NOTE
                    app.notes.append((text_lines[j].no, f"{t} {text_lines[j + 1].stripped}"))
                    app.starts.add(text_lines[j].no)
                    j += 2
                elif (
                    (
                        is_publication_reference(t)
                        or re.fullmatch(
                            r"\d.{0,120}?(?:С|Стр|pp?)\.\s*\d+(?:\s*[-–—]\s*\d+)?\.?", t
                        )
                    )
                    and (t[:1].islower() or t[:1].isdigit())
                    and j > 0
                    and text_lines[j - 1].no not in app.roles
                    and (
                        not re.search(r"[.!?;]\Z", text_lines[j - 1].stripped)
                        # a book's title, then "1925-1936 гг. М., 1995. С. 245–246."
                        or (t[:1].isdigit() and len(text_lines[j - 1].stripped.split()) <= 12)
                    )
                ):
                    # a reference a wrap split, the blank line between: "Ледовский А.М. СССР
                    # и Сталин" / "в судьбах Китая. С. 51."
                    before = text_lines[j - 1]
                    app.roles[before.no] = app.roles[text_lines[j].no] = Role.SOURCE_NOTE
                    app.notes.append((before.no, f"{before.stripped} {t}"))
                    app.starts.add(before.no)
                    j += step
                elif (
                    is_archival_description(t)
                    or (is_publication_reference(t) and len(t) < 220)
                    or (re.match(r"[-–—•]\s", t) and _LOCATOR_WORDS.search(t[:40]))
                ):
                    app.roles[text_lines[j].no] = Role.SOURCE_NOTE
                    app.notes.append((text_lines[j].no, t))
                    app.starts.add(text_lines[j].no)
                    j += step
                    continue
                break


def _wilson_tail(page: Page, text_lines: list[Line], app: Apparatus) -> None:
    """The Wilson Center's record page after the text: the summary, then "Document
    Information" with the source note; the rest of the block is the site's."""
    if "wilson" not in page.sites:
        return
    info = next(
        (
            line
            for line in page.lines
            if line.stripped == _WILSON_INFO and line.kind is not Kind.TEXT
        ),
        None,
    )
    blocks = [
        line
        for line in page.lines
        if line.kind is Kind.FURNITURE
        and line.reason.startswith("page furniture")
        and _WILSON_BLOCK.match(line.stripped)
    ]
    first_block = min((b.no for b in blocks), default=None)
    if first_block is not None:
        before = [line for line in text_lines if line.no < first_block]
        if before:
            last = before[-1]
            t = last.stripped
            if (
                last.no not in app.roles
                and 5 < len(t.split()) < 90
                and not _SOURCE_START.match(t)
                and not is_archival_line(t)
                and not re.match(r"\[?\d+\]", t)
            ):
                app.roles[last.no] = Role.HEADNOTE  # the archive's summary of the document
    if info is None:
        return
    after = [line for line in text_lines if line.no > info.no]
    source_done = bool(app.notes and any(no > info.no for no, _ in app.notes))
    for line in after:
        if line.no in app.roles:
            continue
        t = line.stripped
        if not source_done and (is_archival_line(t) or len(t.split()) > 3):
            app.roles[line.no] = Role.SOURCE_NOTE
            app.notes.append((line.no, t))
            source_done = True
            continue
        line.kind, line.reason = Kind.FURNITURE, "the archive's record fields"
        app.furniture.append(line.no)
