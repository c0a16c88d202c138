"""Plain-text rendering: for pipes, files and scripts. Never wrapped, never coloured."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from quotecite.model import Archival, Document, Name, Part, Role
from quotecite.render.safe import safe

if TYPE_CHECKING:
    from quotecite.corpus import Entry
    from quotecite.passage import Passage


def display_title(doc: Document) -> str:
    """A title supplied by the corpus editor is bracketed, as editors print supplied titles."""
    return f"[{doc.title}]" if doc.title_supplied else doc.title


def source_line(doc: Document) -> str:
    """``id · date · repository, f. …, collection``: where the passage comes from."""
    arch = doc.archival
    where = ", ".join(x for x in (arch.repository(), arch.location(), arch.collection) if x)
    pieces = [doc.id, doc.issued.display() if doc.issued else "undated"]
    if where:
        pieces.append(where)
    return " · ".join(pieces)


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def marked_text(part: Part) -> str:
    """The part's text with its footnote markers shown: ¹ for "1", [^a] for other labels."""
    if not part.markers:
        return part.text
    out: list[str] = []
    pos = 0
    for mk in part.markers:
        out.append(part.text[pos : mk.offset])
        out.append(mk.label.translate(_SUPERSCRIPT) if mk.label.isdigit() else f"[^{mk.label}]")
        pos = mk.offset
    out.append(part.text[pos:])
    return "".join(out)


class Row(NamedTuple):
    """One shown (sub-)paragraph: its address, role tag ("" for body), text, and context flag."""

    number: str
    role: str
    text: str
    context: bool


def passage_rows(passage: Passage) -> list[Row]:
    rows: list[Row] = []
    for sel in passage.selections:
        p = sel.paragraph
        role = "" if p.role is Role.BODY else p.role.value
        for i in sel.parts:
            rows.append(Row(p.part_number(i), role, marked_text(p.parts[i]), sel.context))
    return rows


def render_passage(passage: Passage) -> str:
    """Heading, source line, then each paragraph after its number; context numbers in ( )."""
    doc = passage.document
    lines = [safe(display_title(doc)), safe(source_line(doc)), ""]
    rows = passage_rows(passage)
    labels = [f"({r.number})" if r.context else r.number for r in rows]
    width = max((len(label) for label in labels), default=0)
    for label, row in zip(labels, rows, strict=True):
        tag = f"[{row.role}] " if row.role else ""
        lines.append(f"{label:>{width}}  {tag}{safe(row.text)}")
    return "\n".join(lines) + "\n"


def names(values: tuple[Name, ...]) -> str:
    return "; ".join(n.display() for n in values)


def info_fields(doc: Document) -> list[tuple[str, str]]:
    """The metadata of ``info`` as (label, value) pairs, empty values left out.

    Every archival reference is shown, the primary first; a further one's labels are numbered
    ("archive 2", "archival reference 2").
    """
    references = doc.archival_references or (doc.archival,)
    pub = doc.publication
    pairs = [
        ("id", doc.id),
        ("aliases", ", ".join(doc.aliases)),
        ("title", display_title(doc)),
        ("short title", doc.title_short or ""),
        ("kind", doc.kind or ""),
        ("CSL type", doc.csl_type),
        ("date", doc.issued.display() if doc.issued else ""),
        ("date precision", doc.issued.precision.value if doc.issued else ""),
        ("authors", names(doc.authors)),
        ("recipients", names(doc.recipients)),
        ("translators", names(doc.translators)),
        ("language", doc.language or ""),
        ("original language", doc.original_language or ""),
        *(
            pair
            for k, arch in enumerate(references, start=1)
            for pair in _archival_fields(arch, "" if k == 1 else f" {k}")
        ),
        ("published in", pub.container_title or ""),
        ("series", pub.collection_title or ""),
        ("editors", names(pub.editors)),
        ("publisher", pub.publisher or ""),
        ("publisher place", pub.publisher_place or ""),
        ("published", pub.issued.display() if pub.issued else ""),
        ("document number", pub.number or ""),
        ("pages", pub.page or ""),
        ("URL", pub.url or ""),
        ("accessed", pub.accessed.display() if pub.accessed else ""),
        ("numbering", doc.numbering.value),
        ("note", doc.note or ""),
        ("paragraphs", paragraph_summary(doc)),
        ("file", str(doc.path) if doc.path else ""),
    ]
    return [(k, v) for k, v in pairs if v]


def _archival_fields(arch: Archival, suffix: str) -> list[tuple[str, str]]:
    return [
        (f"archive{suffix}", arch.repository()),
        (f"archive place{suffix}", arch.place or ""),
        (f"archival reference{suffix}", arch.location()),
        (f"collection{suffix}", arch.collection or ""),
    ]


def paragraph_summary(doc: Document) -> str:
    from quotecite.passage import describe_numbers

    roles: dict[str, int] = {}
    for p in doc.paragraphs:
        roles[p.role.value] = roles.get(p.role.value, 0) + 1
    counts = ", ".join(f"{n} {r}" for r, n in roles.items())
    return f"{len(doc.paragraphs)} ({describe_numbers(doc)}; {counts})"


def render_info(doc: Document) -> str:
    fields = info_fields(doc)
    width = max(len(k) for k, _ in fields)
    return "".join(f"{k + ':':<{width + 1}} {safe(v)}\n" for k, v in fields)


def list_rows(entries: list[Entry]) -> list[tuple[str, str, str, str, str]]:
    return [(e.id, e.date or "undated", str(e.paragraphs), e.archive, e.title) for e in entries]


LIST_HEADERS = ("id", "date", "¶", "archive", "title")


def render_list(entries: list[Entry]) -> str:
    rows = [LIST_HEADERS, *list_rows(entries)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    out = []
    for row in rows:
        cells = [f"{row[i]:<{widths[i]}}" if i != 2 else f"{row[i]:>{widths[i]}}" for i in range(4)]
        out.append(safe("  ".join(cells) + "  " + row[4]))
    return "\n".join(out) + "\n"
