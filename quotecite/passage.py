"""Resolve a parsed reference against a document: which paragraphs and sub-paragraphs it names."""

from __future__ import annotations

from typing import NamedTuple

from quotecite.errors import ParagraphNotFound, ReferenceSyntaxError
from quotecite.model import Document, Numbering, Paragraph, span, span_ends
from quotecite.refs import PassageRef, Span

Unit = tuple[int, int]  # (paragraph index, part index)


class Selection(NamedTuple):
    """A paragraph of a passage; ``parts`` lists the selected part indexes (all when whole)."""

    paragraph: Paragraph
    parts: tuple[int, ...]
    context: bool = False  #: shown for context only, not part of the passage

    @property
    def whole(self) -> bool:
        return len(self.parts) == len(self.paragraph.parts)

    def addresses(self) -> list[str]:
        if self.whole:
            return [self.paragraph.number]
        return [self.paragraph.part_number(i) for i in self.parts]


class Passage(NamedTuple):
    document: Document
    selections: tuple[Selection, ...]
    ref: PassageRef

    @property
    def whole_document(self) -> bool:
        return self.ref.whole_document

    @property
    def cited(self) -> tuple[Selection, ...]:
        return tuple(s for s in self.selections if not s.context)

    def addresses(self) -> list[str]:
        out: list[str] = []
        for sel in self.cited:
            out.extend(sel.addresses())
        return out

    def pinpoint(self) -> str | None:
        """The paragraph locator for a citation ("16", "3–5", "3, 7, 9–11", "3.2").

        None for a whole document, and when the numbers were supplied by quotecite rather than
        printed in the source: a citation must not claim a paragraph number the source lacks.
        """
        if self.whole_document or self.document.numbering is Numbering.SUPPLIED:
            return None
        cited = [s for s in self.cited if s.paragraph.number[:1].isdigit()]
        if not cited:
            return None
        return compress([a for s in cited for a in s.addresses()], self.document)

    def text(self) -> str:
        return "\n\n".join(s.paragraph.parts[i].text for s in self.cited for i in s.parts)

    def leaves(self) -> str | None:
        """The archival leaves the cited paragraphs stand on ("29–30"); None if unknown."""
        return _extent([s.paragraph.leaves for s in self.cited])

    def pages(self) -> str | None:
        """The printed pages the cited paragraphs stand on ("379"); None if unknown."""
        return _extent([s.paragraph.pages for s in self.cited])


def _extent(values: list[str | None]) -> str | None:
    """From the first leaf or page of the first paragraph to the last of the last."""
    if not values or any(v is None for v in values):
        return None
    known = [v for v in values if v]
    return span(span_ends(known[0])[0], span_ends(known[-1])[1])


def compress(addresses: list[str], document: Document) -> str:
    """Join consecutive whole-paragraph numbers into ranges: 3, 4, 5, 7 → "3–5, 7"."""
    order = {p.number: i for i, p in enumerate(document.paragraphs)}
    groups: list[list[str]] = []
    for addr in addresses:
        if (
            groups
            and addr in order
            and groups[-1][-1] in order
            and order[addr] == order[groups[-1][-1]] + 1
        ):
            groups[-1].append(addr)
        else:
            groups.append([addr])
    return ", ".join(g[0] if len(g) == 1 else f"{g[0]}–{g[-1]}" for g in groups)


def resolve(document: Document, ref: PassageRef, context: int = 0) -> Passage:
    """The passage ``ref`` names in ``document``; ``context`` adds N paragraphs either side."""
    paragraphs = document.paragraphs
    if ref.whole_document:
        sels = tuple(Selection(p, tuple(range(len(p.parts)))) for p in paragraphs)
        return Passage(document, sels, ref)
    chosen: dict[int, set[int]] = {}
    for wanted in ref.spans:
        for pi, qi in _units(document, wanted):
            chosen.setdefault(pi, set()).add(qi)
    selections: list[Selection] = []
    if context > 0:
        first, last = min(chosen), max(chosen)
        lo, hi = max(0, first - context), min(len(paragraphs) - 1, last + context)
        around = [i for i in range(lo, hi + 1) if i not in chosen]
    else:
        around = []
    for i in sorted(set(chosen) | set(around)):
        p = paragraphs[i]
        if i in chosen:
            selections.append(Selection(p, tuple(sorted(chosen[i]))))
        else:
            selections.append(Selection(p, tuple(range(len(p.parts))), context=True))
    return Passage(document, tuple(selections), ref)


def _units(document: Document, span: Span) -> list[Unit]:
    flat = [(pi, qi) for pi, p in enumerate(document.paragraphs) for qi in range(len(p.parts))]
    first_lo, first_hi = _locate(document, span.start)
    if span.end is None:
        lo, hi = first_lo, first_hi
    else:
        end_lo, end_hi = _locate(document, span.end)
        lo, hi = first_lo, end_hi
        if flat.index(hi) < flat.index(lo):
            raise ReferenceSyntaxError(
                f"range {span} runs backwards in document '{document.id}'",
                hint=f"write {span.end}-{span.start}",
            )
        del end_lo
    return flat[flat.index(lo) : flat.index(hi) + 1]


def _locate(document: Document, address: str) -> tuple[Unit, Unit]:
    """First and last unit of an address: a paragraph number or ``number.k`` for part k."""
    for pi, p in enumerate(document.paragraphs):
        if p.number.lower() == address:
            return (pi, 0), (pi, len(p.parts) - 1)
    head, dot, tail = address.rpartition(".")
    if dot and tail.isdigit():
        for pi, p in enumerate(document.paragraphs):
            if p.number.lower() == head:
                k = int(tail)
                if 1 <= k <= len(p.parts):
                    return (pi, k - 1), (pi, k - 1)
                raise ParagraphNotFound(
                    f"paragraph {head} of document '{document.id}' has no sub-paragraph {k}",
                    hint=_parts_hint(p),
                )
    raise ParagraphNotFound(
        f"document '{document.id}' has no paragraph {address}",
        hint=f"it has paragraphs {describe_numbers(document)}",
    )


def _parts_hint(p: Paragraph) -> str:
    if len(p.parts) == 1:
        return f"paragraph {p.number} has no sub-paragraphs"
    return f"it has {p.number}.1–{p.number}.{len(p.parts)}"


def describe_numbers(document: Document) -> str:
    """ "1–26" or "1–9, s1": the paragraph numbers, with numeric runs compressed."""
    numbers = document.paragraph_numbers()
    if not numbers:
        return "none"
    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            out.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run.clear()

    for n in numbers:
        if n.isdigit() and (not run or int(n) == run[-1] + 1):
            run.append(int(n))
        else:
            flush()
            if n.isdigit():
                run.append(int(n))
            else:
                out.append(n)
    flush()
    return ", ".join(out)
