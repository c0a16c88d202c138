"""The one definition of a document, its metadata and its paragraphs.

The value types are immutable ``NamedTuple``s rather than dataclasses: they are created at every
start-up of every command, and a ``NamedTuple`` class costs a tenth of a dataclass to create
(``quotecite show`` must start in a few times a bare Python start-up).

Field names follow CSL (``container-title``, ``publisher-place`` …) where CSL has a word for the
thing; the archival reference is kept as structured fields (fond, opis, delo …) because CSL
has only the flat ``archive_location``.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from quotecite.dates import DateSpec


class Role(StrEnum):
    """What a paragraph is within the document as published."""

    #: editors' text about the document: an introduction before it, or notes printed after
    #: it under their own heading ("Примечание.", "Notes and Comments:") without note calls
    HEADNOTE = "headnote"
    BODY = "body"
    DATELINE = "dateline"
    SIGNATURE = "signature"
    SOURCE_NOTE = "source-note"  #: "[Source: …]", the archival provenance
    FOOTNOTE = "footnote"

    def __str__(self) -> str:
        return self.value


class Numbering(StrEnum):
    """Whose paragraph numbers these are."""

    PRINTED = "printed"  #: the source prints them: citations may use them as pinpoints
    SUPPLIED = "supplied"  #: quotecite numbered the paragraphs; no printed pinpoint exists

    def __str__(self) -> str:
        return self.value


class Name(NamedTuple):
    """A person (family/given) or a body ("CC CPSU Politburo") as ``literal``."""

    family: str = ""
    given: str = ""
    literal: str = ""

    def display(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.given} {self.family}".strip()

    def sort_display(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    def to_csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        out = {"family": self.family}
        if self.given:
            out["given"] = self.given
        return out


class Archival(NamedTuple):
    """An archival reference: fond / opis / delo / list. Absent parts are ``None``."""

    archive: str | None = None  #: full English name, "State Archive of the Russian Federation"
    acronym: str | None = None  #: "GARF"
    place: str | None = None  #: "Moscow"
    fond: str | None = None  #: "10063", "R-9478", "5-os"
    opis: str | None = None
    delo: str | None = None
    papka: str | None = None  #: folder (AVP RF)
    leaves: str | None = None  #: "5", "5ob.", "12–14ob."
    collection: str | None = None  #: "Shakhnazarov Collection"

    def is_empty(self) -> bool:
        return all(value is None for value in self)

    def as_dict(self) -> dict[str, str | None]:
        return self._asdict()

    def location(self, russian: bool = False) -> str:
        """``f. 10063, op. 1, d. 190, ll. 12–14ob.`` (or the Russian ``ф. 10063, оп. 1 …``)."""
        labels = ("ф.", "оп.", "п.", "д.") if russian else ("f.", "op.", "p.", "d.")
        parts = []
        for label, value in zip(labels, (self.fond, self.opis, self.papka, self.delo), strict=True):
            if value:
                parts.append(f"{label} {value}")
        if self.leaves:
            parts.append(_leaves(self.leaves, russian))
        return ", ".join(parts)

    def repository(self) -> str:
        """``State Archive of the Russian Federation (GARF)``."""
        name = self.archive or ""
        if self.acronym and self.acronym not in name:
            name = f"{name} ({self.acronym})" if name else self.acronym
        return name


def span(first: str, last: str) -> str:
    """ "29" and "30" → "29–30"; the same leaf or page once."""
    return first if first == last else f"{first}–{last}"


def span_ends(value: str) -> tuple[str, str]:
    """ "29–30" → ("29", "30"); "5" → ("5", "5")."""
    first, _, last = value.partition("–")
    return first, last or first


def _leaves(leaves: str, russian: bool) -> str:
    plural = any(sep in leaves for sep in ("-", "–", ","))
    if russian:
        text = leaves.replace("ob.", " об.").replace("  ", " ")
        return f"{'лл.' if plural else 'л.'} {text}"
    return f"{'ll.' if plural else 'l.'} {leaves}"


class Publication(NamedTuple):
    """Where the document was published: an edited volume or a web collection."""

    container_title: str | None = None  #: volume or web collection name
    collection_title: str | None = None  #: series ("National Security Archive Cold War Readers")
    editors: tuple[Name, ...] = ()
    publisher: str | None = None
    publisher_place: str | None = None
    issued: DateSpec | None = None
    number: str | None = None  #: document number in the volume ("6")
    page: str | None = None
    volume: str | None = None
    url: str | None = None
    accessed: DateSpec | None = None

    def is_empty(self) -> bool:
        return not any(
            (
                self.container_title,
                self.collection_title,
                self.editors,
                self.publisher,
                self.publisher_place,
                self.issued,
                self.number,
                self.page,
                self.volume,
                self.url,
                self.accessed,
            )
        )


class Marker(NamedTuple):
    """A footnote marker at ``offset`` characters into a (sub-)paragraph's text."""

    label: str
    offset: int


class Part(NamedTuple):
    """One sub-paragraph: its text without footnote markers, and where the markers stood."""

    text: str
    markers: tuple[Marker, ...] = ()


class Paragraph(NamedTuple):
    """A paragraph with its number as printed (``"16"``) or as supplied (``"n1"`` for a footnote).

    A numbered section that holds several paragraphs keeps them as ``parts``; part *k* (from 1)
    is addressed as ``"{number}.{k}"``.
    """

    number: str
    role: Role
    parts: tuple[Part, ...]
    line: int = 0  #: line in the corpus file where the paragraph starts
    leaves: str | None = None  #: the archival leaves it stands on: "29", "29–30", "2ob.–3"
    pages: str | None = None  #: the printed pages it stands on: "379", "379–380"

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.parts)

    def part_number(self, index: int) -> str:
        """Address of part ``index`` (0-based): the paragraph's own number for the first part."""
        return self.number if index == 0 else f"{self.number}.{index + 1}"


class Document(NamedTuple):
    id: str
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    aliases: tuple[str, ...] = ()
    csl_type: str = "manuscript"
    kind: str | None = None  #: genre: memorandum, notes, letter, diary …
    title_short: str | None = None
    title_supplied: bool = False  #: a description by the corpus editor, not the document's title
    issued: DateSpec | None = None
    authors: tuple[Name, ...] = ()
    recipients: tuple[Name, ...] = ()
    translators: tuple[Name, ...] = ()
    language: str | None = None  #: language of this text ("en")
    original_language: str | None = None  #: language of the original ("ru")
    archival: Archival = Archival()  #: the primary archival reference
    publication: Publication = Publication()
    numbering: Numbering = Numbering.PRINTED
    note: str | None = None
    path: Path | None = None  #: the corpus file it was read from
    #: further archival references after the primary one: a copy in another fond or archive
    more_archival: tuple[Archival, ...] = ()

    @property
    def archival_references(self) -> tuple[Archival, ...]:
        """Every archival reference, the primary first (none when the document has none)."""
        if self.archival.is_empty():
            return self.more_archival
        return (self.archival, *self.more_archival)

    def paragraph_numbers(self) -> list[str]:
        return [p.number for p in self.paragraphs]

    def body_range(self) -> str:
        """ "1–26": the span of paragraph numbers, for messages."""
        numbers = self.paragraph_numbers()
        if not numbers:
            return "no paragraphs"
        return numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
