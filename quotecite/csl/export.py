"""Export CSL-JSON items (corpus documents or ``--items``) as CSL-JSON, CSL-YAML, BibTeX,
biblatex or RIS.

Archival data is never dropped silently. Each format keeps it where it can:

* CSL-JSON / CSL-YAML: ``archive`` (full name with acronym), ``archive-short`` (the acronym),
  ``archive_location`` (``f. 10063, op. 1, d. 190``), ``archive-place``, ``archive_collection``.
* BibTeX / biblatex: the same as the fields ``archive``, ``archiveshort``, ``archivelocation``,
  ``archiveplace``, ``archivecollection`` and, for corpus documents, the structured
  ``fond``, ``opis``, ``delo``, ``papka``, ``leaves`` (styles ignore unknown fields, tools
  keep them); and the readable reference in ``note`` (BibTeX) / ``addendum`` (biblatex), which
  the standard styles print.
* RIS: ``DB`` archive and ``AN`` location (as Zotero reads and writes them); place, collection,
  acronym and the structured parts in ``N1``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from quotecite.csl.formatters.latex import preformat as latex_escape
from quotecite.dates import DateSpec, parse_date
from quotecite.model import Archival

FORMATS = ("csl-json", "csl-yaml", "bibtex", "biblatex", "ris")


@dataclass(frozen=True)
class Record:
    """One item to export; ``archival`` is the structured reference of a corpus document."""

    item: dict[str, Any]
    archival: Archival | None = None


def export(records: Sequence[Record], to: str) -> str:
    if to == "csl-json":
        return json.dumps([r.item for r in records], ensure_ascii=False, indent=2) + "\n"
    if to == "csl-yaml":
        import yaml

        return str(
            yaml.safe_dump(
                {"references": [r.item for r in records]},
                allow_unicode=True,
                sort_keys=False,
                width=100,
            )
        )
    if to in ("bibtex", "biblatex"):
        return _bibtex(records, biblatex=to == "biblatex")
    if to == "ris":
        return _ris(records)
    raise ValueError(f"unknown export format '{to}'")


# ------------------------------------------------------------------ shared helpers
def _names_bib(names: Any) -> str:
    out = []
    for n in names or []:
        if n.get("literal"):
            out.append("{" + latex_escape(n["literal"]) + "}")
        elif n.get("given"):
            out.append(f"{latex_escape(n.get('family', ''))}, {latex_escape(n['given'])}")
        else:
            out.append(latex_escape(n.get("family", "")))
    return " and ".join(out)


def _names_ris(names: Any) -> list[str]:
    out = []
    for n in names or []:
        if n.get("literal"):
            out.append(n["literal"])
        elif n.get("given"):
            out.append(f"{n.get('family', '')}, {n['given']}")
        else:
            out.append(n.get("family", ""))
    return out


def _names_plain(names: Any) -> str:
    parts = [
        n.get("literal") or " ".join(p for p in (n.get("given"), n.get("family")) if p)
        for n in names or []
    ]
    if len(parts) > 2:
        return ", ".join(parts[:-1]) + ", and " + parts[-1]
    return " and ".join(parts)


def _date(value: Any) -> DateSpec | None:
    if not isinstance(value, dict):
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _title(item: dict[str, Any]) -> str:
    return str(item.get("title") or item.get("genre") or "")


def archival_text(item: dict[str, Any]) -> str:
    """ "f. 10063, op. 1, d. 190, State Archive of the Russian Federation (GARF), Moscow"."""
    parts = [
        item.get("archive_location"),
        item.get("archive_collection"),
        item.get("archive"),
        item.get("archive-place"),
    ]
    return ", ".join(str(p) for p in parts if p)


def _structured(archival: Archival | None) -> list[tuple[str, str]]:
    if archival is None:
        return []
    return [
        (key, value)
        for key in ("fond", "opis", "papka", "delo", "leaves")
        if (value := getattr(archival, key))
    ]


# ------------------------------------------------------------------ BibTeX / biblatex
_BIB_TYPES = {
    "manuscript": ("unpublished", "unpublished"),
    "document": ("misc", "misc"),
    "chapter": ("incollection", "incollection"),
    "book": ("book", "book"),
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "report": ("techreport", "report"),
    "thesis": ("phdthesis", "thesis"),
    "webpage": ("misc", "online"),
    "personal_communication": ("misc", "letter"),
    "speech": ("misc", "misc"),
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _key(item_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_:.\-]+", "-", item_id).strip("-") or "item"


def _bib_fields(record: Record, biblatex: bool) -> list[tuple[str, str]]:
    item = record.item
    f: list[tuple[str, str]] = []

    def add(key: str, value: Any, escape: bool = True) -> None:
        if value:
            f.append((key, latex_escape(str(value)) if escape else str(value)))

    for var, field in (("author", "author"), ("editor", "editor"), ("translator", "translator")):
        if item.get(var):
            f.append((field, _names_bib(item[var])))
    title = _title(item)
    if title:
        # a description supplied by the corpus editor keeps its case: protect it from styles
        f.append(
            ("title", latex_escape(title) if item.get("title") else "{" + latex_escape(title) + "}")
        )
    add("shorttitle", item.get("title-short"))
    if str(item.get("type", "")).startswith("article"):
        add("journaltitle" if biblatex else "journal", item.get("container-title"))
    else:
        add("booktitle", item.get("container-title"))
    add("series", item.get("collection-title"))
    add("publisher", item.get("publisher"))
    add("location" if biblatex else "address", item.get("publisher-place"))
    add("number", item.get("number"))
    add("volume", item.get("volume"))
    add("pages", str(item.get("page", "")).replace("–", "--"))
    issued = _date(item.get("issued"))
    original = _date(item.get("original-date"))
    if biblatex:
        if issued is not None:
            add("date", issued.to_edtf(), escape=issued.literal != "")
        if original is not None:
            add("origdate", original.to_edtf(), escape=original.literal != "")
        accessed = _date(item.get("accessed"))
        if accessed is not None:
            add("urldate", accessed.to_edtf())
    elif issued is not None:
        if issued.literal:
            add("year", issued.literal)
        elif issued.start:
            add("year", str(issued.start[0]), escape=False)
            if len(issued.start) > 1:
                f.append(("month", _MONTHS[issued.start[1] - 1]))
    add("url", item.get("URL"), escape=False)
    add("doi", item.get("DOI"), escape=False)
    # archival data: machine-readable fields …
    for csl_key, bib_key in (
        ("archive", "archive"),
        ("archive-short", "archiveshort"),
        ("archive_location", "archivelocation"),
        ("archive-place", "archiveplace"),
        ("archive_collection", "archivecollection"),
    ):
        add(bib_key, item.get(csl_key))
    for key, value in _structured(record.archival):
        add(key, value)
    # … and the readable reference the standard styles print
    readable = []
    if original is not None and not biblatex:
        readable.append(original.display())
    archive = archival_text(item)
    if archive:
        readable.append(archive)
    if item.get("translator") and not biblatex:
        readable.append("Translated by " + _names_plain(item["translator"]))
    if item.get("type") == "chapter" and item.get("number"):
        readable.insert(0, f"Doc. {item['number']}")
    if readable:
        add("addendum" if biblatex else "note", ". ".join(readable))
    return f


def _bibtex(records: Sequence[Record], biblatex: bool) -> str:
    from bibtexparser import model
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library

    library = Library()
    for record in records:
        csl_type = str(record.item.get("type", ""))
        bibtex_type, biblatex_type = _BIB_TYPES.get(csl_type, ("misc", "misc"))
        fields = [model.Field(k, v) for k, v in _bib_fields(record, biblatex)]
        library.add(
            model.Entry(
                biblatex_type if biblatex else bibtex_type, _key(str(record.item["id"])), fields
            )
        )
    return str(write_string(library))


# ------------------------------------------------------------------ RIS
_RIS_TYPES = {
    "manuscript": "MANSCPT",
    "chapter": "CHAP",
    "book": "BOOK",
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "webpage": "ELEC",
    "report": "RPRT",
    "thesis": "THES",
    "personal_communication": "PCOMM",
    "speech": "SLIDE",
    "document": "GEN",
}


def _ris_date(date: DateSpec | None) -> str | None:
    if date is None:
        return None
    if date.literal:
        return date.literal
    parts = [f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(date.start)]
    return "/".join(parts + [""] * (3 - len(parts))) + "/"


def _ris_record(record: Record) -> dict[str, Any]:
    item = record.item
    ref: dict[str, Any] = {"type_of_reference": _RIS_TYPES.get(str(item.get("type")), "GEN")}

    def put(key: str, value: Any) -> None:
        if value:
            ref[key] = value

    put("authors", _names_ris(item.get("author")))
    put("secondary_authors", _names_ris(item.get("editor")))
    put("subsidiary_authors", _names_ris(item.get("translator")))
    put("title", _title(item))
    put("short_title", item.get("title-short"))
    put("secondary_title", item.get("container-title"))
    put("tertiary_title", item.get("collection-title"))
    put("publisher", item.get("publisher"))
    put("place_published", item.get("publisher-place"))
    put("volume", item.get("volume"))
    issued = _date(item.get("issued"))
    if issued is not None and issued.start:
        put("year", str(issued.start[0]))
    put("date", _ris_date(issued))
    put("original_publication", _ris_date(_date(item.get("original-date"))))
    page = str(item.get("page") or "")
    if page:
        first, _, last = page.replace("–", "-").partition("-")
        put("start_page", first)
        put("end_page", last)
    put("urls", [item["URL"]] if item.get("URL") else None)
    put("access_date", _ris_date(_date(item.get("accessed"))))
    put("language", item.get("language"))
    if item.get("number"):
        put("note", f"doc. {item['number']}" if item.get("type") == "chapter" else item["number"])
    put("name_of_database", item.get("archive"))
    put("accession_number", item.get("archive_location"))
    notes = []
    for key, label in (
        ("archive-short", "Archive acronym"),
        ("archive-place", "Archive place"),
        ("archive_collection", "Archival collection"),
    ):
        if item.get(key):
            notes.append(f"{label}: {item[key]}")
    structured = _structured(record.archival)
    if structured:
        notes.append("Archival reference: " + ", ".join(f"{k} {v}" for k, v in structured))
    put("notes", notes)
    return ref


def _ris(records: Sequence[Record]) -> str:
    import rispy
    from rispy.writer import RisWriter

    class _Writer(RisWriter):  # type: ignore[misc]
        def set_header(self, count: int) -> str:
            return ""

    return str(rispy.dumps([_ris_record(r) for r in records], implementation=_Writer))
