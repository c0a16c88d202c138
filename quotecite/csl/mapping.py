"""A corpus document as a CSL-JSON item, and a passage as its pinpoint.

CSL has no fond / opis / delo, so the structured archival reference is written into the flat
``archive_location`` in the convention the user chose:

* ``english`` (default): ``f. 10063, op. 1, p. 188, d. 190, ll. 12–14ob.``
* ``russian``: ``ф. 10063, оп. 1, п. 188, д. 190, лл. 12–14 об.``

The repository goes into ``archive`` as full name with acronym ("State Archive of the Russian
Federation (GARF)"), and the acronym alone into ``archive-short``, which a style prints with
``<text variable="archive" form="short"/>`` (short notes). The other choices:

* a title supplied by the corpus editor is a *description*, not a title: it goes into ``genre``
  and the item has no ``title``, which is how CSL styles print an untitled item's description
  (no quotation marks, not title-cased);
* a document published in an edited volume (``[publication] container-title``) is a
  ``chapter`` whose ``issued`` is the volume's year; the document's own date becomes
  ``original-date`` and its number in the volume ``number`` ("doc. 6 in …");
* translators stay ``translator``; nothing is ever moved into ``author``;
* further archival references (a copy in another fond or archive) go into ``references`` as
  "copy in Archive of Foreign Policy of the Russian Federation (AVP RF), f. 059a, …", which the
  project styles print after the repository;
* a passage's own leaves, where the text marks them, replace the document's range in the
  primary ``archive_location`` (:func:`passage_item`).

Pure data; imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

from quotecite.model import Document, Name
from quotecite.passage import Passage

ARCHIVE_STYLES = ("english", "russian")
PINPOINT_LABEL = "paragraph"


def _names(names: tuple[Name, ...]) -> list[dict[str, str]]:
    """CSL names; a name written family name first ("Zhou Enlai") goes as written."""
    from quotecite.names import family_first

    return [{"literal": f"{n.family} {n.given}"} if family_first(n) else n.to_csl() for n in names]


def archive_location(document: Document, archive_style: str = "english") -> str:
    """The flat archival location of ``document`` in the chosen convention ("" when none)."""
    if archive_style not in ARCHIVE_STYLES:
        raise ValueError(f"archive style must be one of {', '.join(ARCHIVE_STYLES)}")
    return document.archival.location(russian=archive_style == "russian")


def further_references(document: Document, archive_style: str = "english") -> str:
    """ "copy in AVP RF, f. 059a, …": the references after the primary one ("" when none)."""
    russian = archive_style == "russian"
    out = []
    for ref in document.more_archival:
        where = ", ".join(x for x in (ref.repository(), ref.location(russian=russian)) if x)
        if where:
            out.append(f"copy in {where}")
    return "; ".join(out)


def passage_item(passage: Passage, archive_style: str = "english") -> dict[str, Any]:
    """The document's item for citing ``passage``: its leaves, where known, pinpoint the
    archival location ("f. 45, op. 1, d. 336, l. 122" rather than the file's range)."""
    document = passage.document
    leaves = passage.leaves()
    if leaves and not document.archival.is_empty():
        document = document._replace(archival=document.archival._replace(leaves=leaves))
    return document_item(document, archive_style)


def document_item(document: Document, archive_style: str = "english") -> dict[str, Any]:
    """The CSL-JSON item for ``document`` (without pinpoint: that belongs to the citation)."""
    item: dict[str, Any] = {"id": document.id}
    pub = document.publication
    in_volume = bool(pub.container_title)
    csl_type = document.csl_type
    if in_volume and csl_type in ("manuscript", "document", "letter"):
        csl_type = "chapter"
    item["type"] = csl_type

    if document.authors:
        item["author"] = _names(document.authors)
    if document.title_supplied:
        item["genre"] = document.title
    else:
        item["title"] = document.title
        if document.title_short:
            item["title-short"] = document.title_short
    if document.recipients:
        item["recipient"] = _names(document.recipients)
    if document.translators:
        item["translator"] = _names(document.translators)
    if document.language:
        item["language"] = document.language

    if in_volume:
        # the volume's year is the item's; the document's own date is its original date
        if pub.issued is not None:
            item["issued"] = pub.issued.to_csl()
        if document.issued is not None:
            item["original-date"] = document.issued.to_csl()
    elif document.issued is not None:
        item["issued"] = document.issued.to_csl()
    elif pub.issued is not None:
        item["issued"] = pub.issued.to_csl()

    if pub.container_title:
        item["container-title"] = pub.container_title
    if pub.collection_title:
        item["collection-title"] = pub.collection_title
    if pub.editors:
        item["editor"] = _names(pub.editors)
    if pub.publisher:
        item["publisher"] = pub.publisher
    if pub.publisher_place:
        item["publisher-place"] = pub.publisher_place
    if pub.number:
        item["number"] = pub.number
    if pub.page:
        item["page"] = pub.page
    if pub.volume:
        item["volume"] = pub.volume
    if pub.url:
        item["URL"] = pub.url
    if pub.accessed is not None:
        item["accessed"] = pub.accessed.to_csl()

    arch = document.archival
    repository = arch.repository()
    if repository:
        item["archive"] = repository
        if arch.acronym and arch.archive:
            item["archive-short"] = arch.acronym
    location = archive_location(document, archive_style)
    if location:
        item["archive_location"] = location
    if arch.place:
        item["archive-place"] = arch.place
    if arch.collection:
        item["archive_collection"] = arch.collection
    more = further_references(document, archive_style)
    if more:
        item["references"] = more
    return item


def passage_pinpoint(passage: Passage) -> str | None:
    """The paragraph locator of a passage: "16", "3–5", "3.2"; None for a whole document or
    a document whose paragraph numbers quotecite supplied (the source prints none)."""
    pin = passage.pinpoint()
    return pin.replace("-", "–") if pin else None


def passage_locator(passage: Passage) -> tuple[str | None, str]:
    """(locator, CSL label) of a passage: its printed paragraph numbers ("16", "paragraph");
    where the source numbers none, the printed pages it stands on ("379", "page")."""
    pin = passage_pinpoint(passage)
    if pin:
        return pin, PINPOINT_LABEL
    pages = passage.pages() if not passage.whole_document else None
    if pages:
        return pages, "page"
    return None, PINPOINT_LABEL
