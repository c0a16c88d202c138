"""Read and write one corpus document file.

A corpus file is UTF-8 text: TOML metadata between ``+++`` lines, then the paragraphs::

    +++
    id = "gorbachev-1986-06-26"
    title = "Memorandum from Mikhail Gorbachev to the CC CPSU Politburo …"
    issued = "1986-06-26"

    [[author]]
    family = "Gorbachev"
    given = "Mikhail"
    +++

    ¶ 1 headnote
    This very rare personal memo … Vadim Medvedev,[^1] the document …

    ¶ 3
    As of late, I have often had to deal with questions …

    ¶ n1 footnote
    The document comes from the Shakhnazarov file …

A line ``¶ NUMBER [ROLE] [l. LEAVES] [p. PAGES]`` starts a paragraph; NUMBER is the number as
printed; ``ll. 29–30`` are the archival leaves the paragraph stands on, ``p. 379`` its printed
pages. Lines of text are joined with a space; a blank line inside a paragraph starts a
sub-paragraph (``3.2``).
``[^1]`` marks where footnote marker 1 stands. ``\\¶`` and ``\\[^`` write those characters literally
at the start of a line or before a caret.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, NamedTuple

from quotecite.dates import DateFormatError, DateSpec, parse_date
from quotecite.errors import CorpusError
from quotecite.model import (
    Archival,
    Document,
    Marker,
    Name,
    Numbering,
    Paragraph,
    Part,
    Publication,
    Role,
)
from quotecite.refs import ADDRESS

FENCE = "+++"
SUFFIX = ".md"
#: a locator's value as written: one word, or a comma list ("23–24, 44–47")
_LOC_VALUE = r"[^\s,]+(?:,[ \t]*[^\s,]+)*"
_HEADER = re.compile(
    r"¶[ \t]+(?P<num>\S+)(?:[ \t]+(?P<role>[a-z][a-z-]*)(?=[ \t]|\Z))?"
    rf"(?P<loc>(?:[ \t]+(?:ll?|pp?)\.[ \t]*{_LOC_VALUE})*)[ \t]*\Z"
)
_LOCATOR = re.compile(rf"(?P<kind>ll?|pp?)\.[ \t]*(?P<value>{_LOC_VALUE})")
#: leaves as the archival parser normalizes them ("5", "5ob.", "12–14ob.", "23–24, 44–47");
#: pages as printed, arabic or roman, a PDF's labels ("379", "iv", "A12")
_LEAF = r"\d+(?:ob\.)?"
_PAGE = r"[A-Za-z]{0,3}\d+[a-z]?|[ivxlcdm]+|[IVXLCDM]+"
_LEAVES_VALUE = re.compile(rf"{_LEAF}(?:[-–]{_LEAF})?(?:,[ \t]*{_LEAF}(?:[-–]{_LEAF})?)*\Z")
_PAGES_VALUE = re.compile(
    rf"(?:{_PAGE})(?:[-–](?:{_PAGE}))?(?:,[ \t]*(?:{_PAGE})(?:[-–](?:{_PAGE}))?)*\Z"
)
_HEADER_HELP = "(write '¶ 16', '¶ 1 headnote' or '¶ 16 ll. 29–30')"
_NUMBER = re.compile(ADDRESS + r"\Z", re.I)
_MARKER = re.compile(r"(?<!\\)\[\^([^\]\s]{1,12})\]")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")

_TOP_KEYS = {
    "id",
    "aliases",
    "type",
    "genre",
    "title",
    "title-short",
    "title-supplied",
    "issued",
    "author",
    "recipient",
    "translator",
    "language",
    "original-language",
    "numbering",
    "note",
    "archival",
    "publication",
}
_PUB_KEYS = {
    "container-title",
    "collection-title",
    "editor",
    "publisher",
    "publisher-place",
    "issued",
    "number",
    "page",
    "volume",
    "URL",
    "accessed",
}
_NAME_KEYS = {"family", "given", "literal"}


class Problem(NamedTuple):
    """A soft problem in a file that loads: reported by ``quotecite check``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Parsed(NamedTuple):
    document: Document
    problems: list[Problem]


def read_document(path: Path) -> Document:
    return parse_file(path).document


def parse_file(path: Path) -> Parsed:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(path, f"cannot read file: {exc.strerror or exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError(path, "not UTF-8 text", line) from exc
    return parse_text(text, path)


def parse_text(text: str, path: Path | str = "<text>") -> Parsed:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise CorpusError(path, f"a corpus file starts with a '{FENCE}' line", 1)
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == FENCE)
    except StopIteration:
        raise CorpusError(path, f"metadata is not closed by a '{FENCE}' line", 1) from None
    meta_text = "\n".join(lines[1:close])
    try:
        meta = tomllib.loads(meta_text)
    except tomllib.TOMLDecodeError as exc:
        msg, line = _toml_error(str(exc))
        raise CorpusError(path, f"metadata: {msg}", line + 1 if line else None) from exc
    problems: list[Problem] = []
    reader = _MetaReader(meta, meta_text, str(path))
    paragraphs = _parse_body(lines, close + 1, str(path), problems)
    doc = reader.document(paragraphs, Path(path) if not isinstance(path, Path) else path)
    _check_numbers(doc, str(path), problems)
    return Parsed(doc, problems)


def _toml_error(message: str) -> tuple[str, int | None]:
    m = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if not m:
        m = re.search(r"\s*\(at end of document\)", message)
        return (message[: m.start()] if m else message), None
    return message[: m.start()] + message[m.end() :], int(m.group(1))


class _MetaReader:
    def __init__(self, meta: dict[str, Any], text: str, path: str) -> None:
        self.meta = meta
        self.text_lines = text.split("\n")
        self.path = path

    def line_of(self, key: str) -> int | None:
        pat = re.compile(rf"\s*(?:\[\[?\s*)?\"?{re.escape(key)}\"?\s*(?:=|\]|\.)")
        for i, line in enumerate(self.text_lines):
            if pat.match(line):
                return i + 2  # +1 for 1-based, +1 for the opening fence
        return None

    def fail(self, key: str, message: str) -> CorpusError:
        return CorpusError(self.path, message, self.line_of(key.split(".")[-1]))

    def string(self, table: dict[str, Any], key: str, where: str = "") -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.fail(key, f"{where}{key} must be text, not {type(value).__name__}")
        value = value.strip()
        return value or None

    def names(self, table: dict[str, Any], key: str) -> tuple[Name, ...]:
        value = table.get(key)
        if value is None:
            return ()
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(
                key, f"{key} must be a list of names ({{ family, given }} or {{ literal }})"
            )
        out = []
        for entry in value:
            if isinstance(entry, str):
                out.append(Name(literal=entry.strip()))
                continue
            if not isinstance(entry, dict):
                raise self.fail(key, f"{key}: a name is {{ family, given }} or {{ literal }}")
            unknown = set(entry) - _NAME_KEYS
            if unknown:
                raise self.fail(key, f"{key}: unknown name field '{sorted(unknown)[0]}'")
            name = Name(
                family=str(entry.get("family", "")).strip(),
                given=str(entry.get("given", "")).strip(),
                literal=str(entry.get("literal", "")).strip(),
            )
            if not (name.family or name.literal):
                raise self.fail(key, f"{key}: a name needs family or literal")
            out.append(name)
        return tuple(out)

    def date(self, table: dict[str, Any], key: str) -> DateSpec | None:
        value = table.get(key)
        if value is None or value == "":
            return None
        try:
            return parse_date(value)
        except DateFormatError as exc:
            raise self.fail(key, f"{key}: {exc}") from exc

    def document(self, paragraphs: tuple[Paragraph, ...], path: Path) -> Document:
        m = self.meta
        unknown = sorted(set(m) - _TOP_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"unknown metadata field '{unknown[0]}'")
        doc_id = self.string(m, "id")
        if not doc_id:
            raise CorpusError(self.path, "metadata has no id", 2)
        if not _ID.match(doc_id):
            raise self.fail(
                "id", f"id '{doc_id}' may use only lower-case letters, digits, '.', '_' and '-'"
            )
        title = self.string(m, "title")
        if not title:
            raise (
                self.fail("title", "metadata has no title")
                if self.line_of("title")
                else CorpusError(self.path, "metadata has no title", 2)
            )
        aliases = m.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise self.fail("aliases", "aliases must be a list of text")
        numbering = self.string(m, "numbering") or "printed"
        try:
            numbering_enum = Numbering(numbering)
        except ValueError:
            raise self.fail("numbering", "numbering must be 'printed' or 'supplied'") from None
        references = self.references(m.get("archival"))
        supplied = m.get("title-supplied", False)
        if not isinstance(supplied, bool):
            raise self.fail("title-supplied", "title-supplied must be true or false")
        return Document(
            id=doc_id,
            title=title,
            paragraphs=paragraphs,
            aliases=tuple(a.strip().lower() for a in aliases if a.strip()),
            csl_type=self.string(m, "type") or "manuscript",
            kind=self.string(m, "genre"),
            title_short=self.string(m, "title-short"),
            title_supplied=supplied,
            issued=self.date(m, "issued"),
            authors=self.names(m, "author"),
            recipients=self.names(m, "recipient"),
            translators=self.names(m, "translator"),
            language=self.string(m, "language"),
            original_language=self.string(m, "original-language"),
            archival=references[0] if references else Archival(),
            more_archival=references[1:],
            publication=self.publication(m.get("publication")),
            numbering=numbering_enum,
            note=self.string(m, "note"),
            path=path,
        )

    def references(self, value: object) -> tuple[Archival, ...]:
        """``[archival]`` (one reference) or ``[[archival]]`` (several, the first primary)."""
        if value is None:
            return ()
        if isinstance(value, list):
            if not value:
                return ()
            return tuple(self.archival(table) for table in value)
        return (self.archival(value),)

    def archival(self, table: object) -> Archival:
        if not isinstance(table, dict):
            raise self.fail("archival", "archival must be a table, or an array of tables")
        unknown = sorted(set(table) - set(Archival._fields))
        if unknown:
            raise self.fail(unknown[0], f"unknown archival field '{unknown[0]}'")
        return Archival(**{f: self.string(table, f, "archival.") for f in Archival._fields})

    def publication(self, table: object) -> Publication:
        if table is None:
            return Publication()
        if not isinstance(table, dict):
            raise self.fail("publication", "publication must be a table")
        unknown = sorted(set(table) - _PUB_KEYS)
        if unknown:
            raise self.fail(unknown[0], f"unknown publication field '{unknown[0]}'")
        s = self.string
        return Publication(
            container_title=s(table, "container-title", "publication."),
            collection_title=s(table, "collection-title", "publication."),
            editors=self.names(table, "editor"),
            publisher=s(table, "publisher", "publication."),
            publisher_place=s(table, "publisher-place", "publication."),
            issued=self.date(table, "issued"),
            number=s(table, "number", "publication."),
            page=s(table, "page", "publication."),
            volume=s(table, "volume", "publication."),
            url=s(table, "URL", "publication."),
            accessed=self.date(table, "accessed"),
        )


def _parse_body(
    lines: list[str], start: int, path: str, problems: list[Problem]
) -> tuple[Paragraph, ...]:
    paragraphs: list[Paragraph] = []
    header: tuple[str, Role, int, str | None, str | None] | None = None
    parts: list[Part] = []
    buffer: list[str] = []

    def end_part() -> None:
        if buffer:
            parts.append(_make_part(" ".join(buffer)))
            buffer.clear()

    def end_paragraph() -> None:
        end_part()
        if header is None:
            return
        number, role, line, leaves, pages = header
        if not parts:
            problems.append(Problem(path, line, f"paragraph {number} is empty"))
            parts.append(Part(""))
        paragraphs.append(
            Paragraph(
                number=number, role=role, parts=tuple(parts), line=line, leaves=leaves, pages=pages
            )
        )
        parts.clear()

    for i in range(start, len(lines)):
        line = lines[i].rstrip()
        lineno = i + 1
        if line.startswith("¶"):
            m = _HEADER.match(line)
            if not m or not _NUMBER.match(m.group("num")):
                raise CorpusError(
                    path, f"cannot read paragraph header '{line}' {_HEADER_HELP}", lineno
                )
            role_name = m.group("role") or "body"
            try:
                role = Role(role_name)
            except ValueError:
                roles = ", ".join(r.value for r in Role)
                raise CorpusError(
                    path, f"unknown paragraph role '{role_name}' (roles: {roles})", lineno
                ) from None
            end_paragraph()
            leaves, pages = _locators(m.group("loc") or "", line, path, lineno)
            header = (m.group("num"), role, lineno, leaves, pages)
            continue
        if not line.strip():
            end_part()
            continue
        if header is None:
            raise CorpusError(path, "text before the first paragraph header ('¶ 1')", lineno)
        if line.startswith("\\¶"):
            line = line[1:]
        buffer.append(line.strip())
    end_paragraph()
    return tuple(paragraphs)


def _locators(text: str, header: str, path: str, lineno: int) -> tuple[str | None, str | None]:
    """The leaves and pages of a header's locators ("ll. 29-30 p. 379" → "29–30", "379").

    Each kind once, each value a leaf or page value: a header that says leaves twice, or
    leaves that are no leaves, is an error, not a paragraph on the last or on "foo".
    """
    found: dict[str, str] = {}
    for loc in _LOCATOR.finditer(text):
        kind = "leaves" if loc.group("kind").startswith("l") else "pages"
        value = loc.group("value")
        if kind in found:
            reason = f"{kind} are given twice"
        elif not (_LEAVES_VALUE if kind == "leaves" else _PAGES_VALUE).match(value):
            what = "a leaf or range of leaves" if kind == "leaves" else "a page or range of pages"
            reason = f"'{value}' is not {what}"
        else:
            found[kind] = re.sub(r"[ \t]*,[ \t]*", ", ", value.replace("-", "–"))
            continue
        raise CorpusError(
            path, f"cannot read paragraph header '{header}': {reason} {_HEADER_HELP}", lineno
        )
    return found.get("leaves"), found.get("pages")


def _make_part(text: str) -> Part:
    markers: list[Marker] = []
    out: list[str] = []
    pos = 0
    length = 0
    for m in _MARKER.finditer(text):
        chunk = text[pos : m.start()].replace("\\[^", "[^")
        out.append(chunk)
        length += len(chunk)
        markers.append(Marker(label=m.group(1), offset=length))
        pos = m.end()
    out.append(text[pos:].replace("\\[^", "[^"))
    return Part(text="".join(out), markers=tuple(markers))


def _check_numbers(doc: Document, path: str, problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for p in doc.paragraphs:
        key = p.number.lower()
        if key in seen:
            problems.append(
                Problem(path, p.line, f"paragraph number {p.number} repeats line {seen[key]}")
            )
        else:
            seen[key] = p.line


# --------------------------------------------------------------------------- writing


def format_document(doc: Document) -> str:
    """The corpus-file text of ``doc``; ``parse_text(format_document(d))`` gives ``d`` back."""
    import tomli_w

    meta = document_metadata(doc)
    body: list[str] = []
    for p in doc.paragraphs:
        head = f"¶ {p.number}" if p.role is Role.BODY else f"¶ {p.number} {p.role.value}"
        if p.leaves:
            head += f" {'ll.' if _plural(p.leaves) else 'l.'} {p.leaves}"
        if p.pages:
            head += f" {'pp.' if _plural(p.pages) else 'p.'} {p.pages}"
        body.append(head)
        for k, part in enumerate(p.parts):
            if k:
                body.append("")
            body.append(_part_line(part))
        body.append("")
    return f"{FENCE}\n{tomli_w.dumps(meta).rstrip()}\n{FENCE}\n\n" + "\n".join(body)


def _plural(value: str) -> bool:
    """A range or a list of leaves or pages: "ll. 29–30", "pp. 12, 14"."""
    return "–" in value or "," in value


def _part_line(part: Part) -> str:
    pieces: list[str] = []
    pos = 0
    for mk in part.markers:
        pieces.append(part.text[pos : mk.offset].replace("[^", "\\[^"))
        pieces.append(f"[^{mk.label}]")
        pos = mk.offset
    pieces.append(part.text[pos:].replace("[^", "\\[^"))
    text = " ".join("".join(pieces).split())
    if text.startswith("¶"):
        text = "\\" + text
    return text


def document_metadata(doc: Document) -> dict[str, Any]:
    """The metadata table of a corpus file, in the order written."""
    meta: dict[str, Any] = {"id": doc.id}
    if doc.aliases:
        meta["aliases"] = list(doc.aliases)
    meta["type"] = doc.csl_type
    if doc.kind:
        meta["genre"] = doc.kind
    meta["title"] = doc.title
    if doc.title_short:
        meta["title-short"] = doc.title_short
    if doc.title_supplied:
        meta["title-supplied"] = True
    if doc.issued:
        meta["issued"] = _date_value(doc.issued)
    if doc.language:
        meta["language"] = doc.language
    if doc.original_language:
        meta["original-language"] = doc.original_language
    meta["numbering"] = doc.numbering.value
    if doc.note:
        meta["note"] = doc.note
    for key, names in (
        ("author", doc.authors),
        ("recipient", doc.recipients),
        ("translator", doc.translators),
    ):
        if names:
            meta[key] = [n.to_csl() for n in names]
    references = [
        {k: v for k, v in ref.as_dict().items() if v is not None} for ref in doc.archival_references
    ]
    if len(references) == 1:
        meta["archival"] = references[0]
    elif references:
        meta["archival"] = references
    pub = doc.publication
    if not pub.is_empty():
        table: dict[str, Any] = {}
        for key, value in (
            ("container-title", pub.container_title),
            ("collection-title", pub.collection_title),
            ("publisher", pub.publisher),
            ("publisher-place", pub.publisher_place),
            ("issued", _date_value(pub.issued) if pub.issued else None),
            ("number", pub.number),
            ("page", pub.page),
            ("volume", pub.volume),
            ("URL", pub.url),
            ("accessed", _date_value(pub.accessed) if pub.accessed else None),
        ):
            if value is not None:
                table[key] = value
        if pub.editors:
            table["editor"] = [n.to_csl() for n in pub.editors]
        meta["publication"] = table
    return meta


def _date_value(date: DateSpec) -> str | dict[str, str]:
    return {"literal": date.literal} if date.literal else date.to_edtf()
