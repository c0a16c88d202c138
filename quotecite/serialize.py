"""The documented JSON shapes of quotecite's data (README, "JSON output")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quotecite.dates import DateSpec
from quotecite.model import Document, Name, Paragraph, Part

if TYPE_CHECKING:
    from quotecite.corpus import Entry
    from quotecite.passage import Passage, Selection


def date_json(date: DateSpec | None) -> dict[str, Any] | None:
    if date is None:
        return None
    return {
        "edtf": date.to_edtf(),
        "display": date.display(),
        "precision": date.precision.value,
        "csl": date.to_csl(),
    }


def name_json(name: Name) -> dict[str, str]:
    return name.to_csl()


def part_json(number: str, part: Part) -> dict[str, Any]:
    return {
        "number": number,
        "text": part.text,
        "footnotes": [{"label": m.label, "offset": m.offset} for m in part.markers],
    }


def paragraph_json(p: Paragraph) -> dict[str, Any]:
    return {
        "number": p.number,
        "role": p.role.value,
        "leaves": p.leaves,
        "pages": p.pages,
        "text": p.text,
        "parts": [part_json(p.part_number(i), part) for i, part in enumerate(p.parts)],
    }


def document_json(doc: Document, paragraphs: bool = True) -> dict[str, Any]:
    pub = doc.publication
    out: dict[str, Any] = {
        "id": doc.id,
        "aliases": list(doc.aliases),
        "type": doc.csl_type,
        "genre": doc.kind,
        "title": doc.title,
        "title_short": doc.title_short,
        "title_supplied": doc.title_supplied,
        "issued": date_json(doc.issued),
        "authors": [name_json(n) for n in doc.authors],
        "recipients": [name_json(n) for n in doc.recipients],
        "translators": [name_json(n) for n in doc.translators],
        "language": doc.language,
        "original_language": doc.original_language,
        "archival": doc.archival.as_dict(),
        "archival_references": [ref.as_dict() for ref in doc.archival_references],
        "publication": {
            "container_title": pub.container_title,
            "collection_title": pub.collection_title,
            "editors": [name_json(n) for n in pub.editors],
            "publisher": pub.publisher,
            "publisher_place": pub.publisher_place,
            "issued": date_json(pub.issued),
            "number": pub.number,
            "page": pub.page,
            "volume": pub.volume,
            "url": pub.url,
            "accessed": date_json(pub.accessed),
        },
        "numbering": doc.numbering.value,
        "note": doc.note,
        "file": str(doc.path) if doc.path else None,
    }
    if paragraphs:
        out["paragraphs"] = [paragraph_json(p) for p in doc.paragraphs]
    return out


def selection_json(sel: Selection) -> list[dict[str, Any]]:
    p = sel.paragraph
    if sel.whole:
        return [dict(paragraph_json(p), context=sel.context)]
    return [
        dict(
            part_json(p.part_number(i), p.parts[i]),
            role=p.role.value,
            leaves=p.leaves,
            pages=p.pages,
            context=sel.context,
        )
        for i in sel.parts
    ]


def passage_json(passage: Passage) -> dict[str, Any]:
    doc = passage.document
    return {
        "reference": str(passage.ref),
        "document": document_json(doc, paragraphs=False),
        "pinpoint": passage.pinpoint(),
        "paragraphs": [row for sel in passage.selections for row in selection_json(sel)],
    }


def entry_json(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "aliases": list(entry.aliases),
        "title": entry.title,
        "date": entry.date or None,
        "archive": entry.archive or None,
        "paragraphs": entry.paragraphs,
        "file": entry.file,
    }
