"""A source (text, PDF, web page, Word) → a corpus Document, and what was left out of it.

The steps, each in its own module: :mod:`.formats` reads the file; :mod:`.page` marks the site's
furniture and fields; :mod:`.head` finds the title, date, number and editors; :mod:`.apparatus`
finds source notes and summaries; :mod:`.structure` makes the paragraphs; :mod:`.metadata`
assembles what the text states. Then ``--meta`` and the flags, which win. Nothing is refused for
want of a title: an untitled document gets a description, marked as supplied.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecite.archival.parser import SourceNote, split_names
from quotecite.errors import CorpusError, InputError
from quotecite.importer.datetext import parse_date_text
from quotecite.importer.formats import Source, read_bytes, read_file
from quotecite.importer.layout import Repair
from quotecite.importer.structure import M_CLOSE, M_OPEN, RawParagraph
from quotecite.model import Archival, Document, Marker, Name, Paragraph, Part

_ID_OK = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


@dataclass
class Overrides:
    """What the user says on the command line or in a --meta file; wins over detection."""

    id: str | None = None
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    meta: dict[str, Any] | None = None
    meta_name: str | None = None


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A line, or part of one, that is not in the document's text, and why."""

    line: int
    text: str
    reason: str


@dataclass
class ImportResult:
    document: Document
    text: str  #: the corpus file
    encoding: str
    source: str
    kind: str = "text"  #: "text", "pdf", "html", "docx"
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)  #: furniture and metadata lines
    source_note: SourceNote | None = None


def load_meta(path: Path) -> dict[str, Any]:
    """A --meta file: TOML in the corpus file's metadata vocabulary."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply") from None


def import_path(path: Path, corpus_dir: Path, overrides: Overrides | None = None) -> ImportResult:
    """Import a file (``-`` for standard input): text, PDF, saved web page or Word document."""
    return import_source(read_file(path), corpus_dir, overrides)


def import_bytes(
    data: bytes, source: str, corpus_dir: Path, overrides: Overrides | None = None
) -> ImportResult:
    return import_source(read_bytes(data, source), corpus_dir, overrides)


def import_text(
    text: str,
    source: str,
    corpus_dir: Path,
    overrides: Overrides | None = None,
    encoding: str = "UTF-8",
    notes: list[str] | None = None,
) -> ImportResult:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    src = Source(name=source, kind="text", text=text, encoding=encoding, notes=tuple(notes or ()))
    return import_source(src, corpus_dir, overrides)


def import_source(
    src: Source, corpus_dir: Path, overrides: Overrides | None = None
) -> ImportResult:
    from quotecite.importer.metadata import read_document

    ov = overrides or Overrides()
    reading = read_document(src)
    if not any(p.role.value != "footnote" for p in reading.paragraphs):
        raise InputError(f"{src.name}: no paragraphs of text found")
    meta = reading.meta
    warnings = list(reading.warnings)
    if ov.meta:
        meta = _deep_merge(meta, ov.meta)
        if "title" in ov.meta and "title-supplied" not in ov.meta:
            meta.pop("title-supplied", None)
    _apply_flags(meta, ov)
    if meta.get("title-supplied") and not (ov.title or (ov.meta and "title" in ov.meta)):
        warnings.append(f"no title in the text: supplied the description “{meta['title']}”")
    if not meta.get("id"):
        meta["id"] = derive_id(meta)
    paragraphs = tuple(_paragraph(p) for p in reading.paragraphs)
    document = _document(meta, paragraphs, corpus_dir, src.name, ov.meta_name)
    from quotecite.corpusfile import format_document

    return ImportResult(
        document=document,
        text=format_document(document),
        encoding=src.encoding,
        source=src.name,
        kind=src.kind,
        warnings=warnings,
        notes=list(src.notes),
        repairs=reading.repairs,
        left_out=reading.left_out,
        source_note=reading.source_note,
    )


def import_parts(
    path: Path, corpus_dir: Path, overrides: Overrides | None = None
) -> list[ImportResult]:
    """Import a file that holds several documents (``--split``): one result for each, split
    where a document's heading follows another's source note."""
    from dataclasses import replace

    from quotecite.importer.metadata import read_document

    src = read_file(path)
    starts = read_document(src).starts
    if not starts:
        return [import_source(src, corpus_dir, overrides)]
    lines = src.text.split("\n")
    bounds = [1, *starts, len(lines) + 1]
    out = []
    for k, (a, b) in enumerate(itertools.pairwise(bounds), start=1):
        # keep the line numbers of the whole file: the lines of other parts are left blank
        part = "\n".join(line if a <= i < b else "" for i, line in enumerate(lines, start=1))
        name = src.name if k == 1 else f"{src.name} (document {k}, line {a})"
        out.append(import_source(replace(src, text=part, name=name), corpus_dir, overrides))
    return out


def with_id(result: ImportResult, doc_id: str) -> ImportResult:
    """The result under another id (a batch import's unique suffix)."""
    from dataclasses import replace

    from quotecite.corpusfile import format_document

    path = result.document.path.with_name(f"{doc_id}.md") if result.document.path else None
    document = result.document._replace(id=doc_id, path=path)
    return replace(result, document=document, text=format_document(document))


# --------------------------------------------------------------------------- ids

_CYR = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})  # fmt: skip


def derive_id(meta: dict[str, Any]) -> str:
    """``garf-10063-1-190`` from the archival ref, else ``gorbachev-1986-06-26``, or title."""
    arch = meta.get("archival") or {}
    if isinstance(arch, list):
        arch = arch[0] if arch else {}
    issued = meta.get("issued")
    date = issued if isinstance(issued, str) else ""
    if isinstance(arch, dict) and arch.get("acronym") and arch.get("fond") and arch.get("delo"):
        parts = [arch["acronym"], arch["fond"], arch.get("opis"), arch.get("papka"), arch["delo"]]
        return slug("-".join(str(p) for p in parts if p))
    authors = meta.get("author") or []
    if authors and isinstance(authors, list) and isinstance(authors[0], dict) and date:
        who = authors[0].get("family") or authors[0].get("literal") or ""
        if who:
            return slug(f"{who}-{date}")
    words = re.findall(r"\w+", str(meta.get("title", "")))[:6]
    return slug("-".join([*words, date] if date else words)) or "document"


def slug(text: str) -> str:
    import unicodedata

    text = re.sub(r"[‐-―−]", "-", text.lower().translate(_CYR))  # "ll. 32–33" keeps its range
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")
    return re.sub(r"-{2,}", "-", text)[:80].strip("-.")


# --------------------------------------------------------------------------- flags


def _apply_flags(meta: dict[str, Any], ov: Overrides) -> None:
    if ov.id:
        meta["id"] = ov.id
    if ov.title:
        meta["title"] = ov.title
        meta.pop("title-supplied", None)
    if ov.date:
        try:
            meta["issued"] = parse_date_text(ov.date).to_edtf()
        except ValueError as exc:
            raise InputError(f"--date: {exc}") from None
    if ov.authors:
        meta["author"] = [_name_arg(a).to_csl() for a in ov.authors]
    if ov.translators:
        meta["translator"] = [_name_arg(a).to_csl() for a in ov.translators]


def _name_arg(text: str) -> Name:
    """--author "Gorbachev, Mikhail" or "Mikhail Gorbachev"; a body stays literal."""
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family=family.strip(), given=given.strip())
    names = split_names(text)
    return names[0] if names else Name(literal=text.strip())


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


# --------------------------------------------------------------------------- document

_SENTINEL = re.compile(f"\\s*{M_OPEN}([^{M_CLOSE}]*){M_CLOSE}")


def make_part(text: str) -> Part:
    """Text with marker sentinels → clean single-spaced text and marker offsets.

    A marker attaches to the text before it: ``word [1] more`` → ``word[^1] more``.
    """
    if M_OPEN not in text:
        return Part(text=" ".join(text.split()))
    clean = ""
    markers: list[Marker] = []
    pos = 0
    for m in _SENTINEL.finditer(text):
        chunk = " ".join(text[pos : m.start()].split())
        if chunk:
            if clean and text[pos : pos + 1].isspace():
                clean += " "
            clean += chunk
        markers.append(Marker(label=m.group(1), offset=len(clean)))
        pos = m.end()
    rest = " ".join(text[pos:].split())
    if rest:
        if clean and text[pos : pos + 1].isspace():
            clean += " "
        clean += rest
    return Part(text=clean, markers=tuple(markers))


def _paragraph(p: RawParagraph) -> Paragraph:
    return Paragraph(
        number=p.number or "",
        role=p.role,
        parts=tuple(make_part(t) for t in p.parts),
        line=p.line,
        leaves=p.leaves,
        pages=p.pages,
    )


def _document(
    meta: dict[str, Any],
    paragraphs: tuple[Paragraph, ...],
    corpus_dir: Path,
    source: str,
    meta_name: str | None,
) -> Document:
    import tomli_w

    from quotecite.corpusfile import parse_text

    doc_id = str(meta.get("id", ""))
    if not _ID_OK.match(doc_id):
        raise InputError(
            f"{source}: id '{doc_id}' may use only lower-case letters, digits, '.', '_' and '-'"
        )
    try:
        header = "+++\n" + tomli_w.dumps(meta) + "+++\n"
        parsed = parse_text(header, corpus_dir / f"{doc_id}.md")
    except CorpusError as exc:
        where = meta_name or source
        raise InputError(f"{where}: {exc.message_only}") from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"{meta_name or source}: {exc}") from None
    return parsed.document._replace(paragraphs=paragraphs, path=corpus_dir / f"{doc_id}.md")


def references_meta(references: tuple[Archival, ...]) -> dict[str, Any] | list[dict[str, Any]]:
    """The ``archival`` metadata value: a table, or an array of tables for several."""
    tables = [{k: v for k, v in r.as_dict().items() if v is not None} for r in references]
    return tables[0] if len(tables) == 1 else tables
