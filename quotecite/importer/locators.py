"""Which archival leaves and printed pages each paragraph stands on.

Leaves: Russian and translated editions mark where a leaf of the archival file begins —
``[l. 2]``, ``[Л. 28]``, ``[Л. 28 об.]``, ``/л. 2 об./``, ``<л. 3>``. The marks are taken out of
the text (they are the editors', not the document's) and each paragraph gets the leaves it
stands on: from the leaf current at its start to the last leaf begun inside it. Before the first
mark the current leaf is the first of the archival reference's range ("ll. 28–31" → 28), if the
note gives one.

Pages: a PDF's pages (or form feeds in a text), a publisher's page marks (``[Page 39]``,
``[page two]``), and page-start marks of PDF text (``(2)``) give each paragraph its pages, as
printed labels ("iv", "379").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotecite.importer.layout import Repair
from quotecite.importer.structure import RawParagraph
from quotecite.model import Role, span

_OB = r"(?:\s*(?:об|ob|v|verso)\.?)"
LEAF_MARK = re.compile(
    rf"\[\s*(?:[lLлЛ]|[лЛ]ист|[Ll]eaf|[Ff]ol(?:io)?)\.?\s*(?P<a>\d{{1,4}})(?P<ao>{_OB})?\s*\]"
    rf"|/\s*(?:[lLлЛ])\.\s*(?P<b>\d{{1,4}})(?P<bo>{_OB})?\s*/"
    rf"|<\s*(?:[lLлЛ])\.\s*(?P<c>\d{{1,4}})(?P<co>{_OB})?\s*>"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
PAGE_MARK = re.compile(
    r"\[\s*(?:[Pp]age|[Pp]\.|[Сс]тр\.|[Сс]\.)\s*(?P<p>\d{1,5}|[a-z]+)(?:\s+of\s+\w+)?\s*\]"
)


#: the document's own text stands on the archival file's leaves; editors' text does not
_ON_LEAVES = {Role.BODY, Role.DATELINE, Role.SIGNATURE}


def leaf_value(m: re.Match[str]) -> str:
    number = m.group("a") or m.group("b") or m.group("c") or ""
    verso = m.group("ao") or m.group("bo") or m.group("co")
    return f"{number}ob." if verso else number


def first_leaf(leaves: str | None) -> str | None:
    """The first leaf of an archival reference's leaves: "28–31" → "28", "1–1ob." → "1"."""
    if not leaves:
        return None
    m = re.match(r"\s*(\d+)\s*(ob\.|об\.)?", leaves)
    if not m:
        return None
    return m.group(1) + ("ob." if m.group(2) else "")


def place(
    paragraphs: list[RawParagraph],
    first: str | None,
    page_starts: Sequence[int] = (),
    page_labels: Sequence[str] = (),
) -> list[Repair]:
    """Set ``leaves`` and ``pages`` of each paragraph; the leaf and page marks leave its text."""
    repairs: list[Repair] = []
    leaf = first
    page: str | None = None
    for p in paragraphs:
        start_leaf = leaf
        start_page = _page_at(p.line, page_starts, page_labels) or page
        for i, part in enumerate(p.parts):

            def on_leaf(m: re.Match[str], line: int = p.line) -> str:
                nonlocal leaf
                leaf = leaf_value(m)
                repairs.append(Repair("leaf-mark", line, m.group()))
                return " "

            def on_page(m: re.Match[str], line: int = p.line) -> str:
                nonlocal page
                value = m.group("p").lower()
                page = str(_NUMBER_WORDS.get(value, value))
                repairs.append(Repair("page-mark", line, m.group()))
                return " "

            text = LEAF_MARK.sub(on_leaf, part)
            text = PAGE_MARK.sub(on_page, text)
            if text != part:
                p.parts[i] = " ".join(text.split())
        if (start_leaf is not None or leaf is not None) and p.role in _ON_LEAVES:
            p.leaves = span(start_leaf or leaf or "", leaf or start_leaf or "")
        end_page = _page_at(p.end or p.line, page_starts, page_labels) or page
        if page_starts:
            page = end_page
        if start_page or end_page:
            p.pages = span(start_page or end_page or "", end_page or start_page or "")
    if not any(p.leaves and p.leaves != first for p in paragraphs) and not any(
        r.kind == "leaf-mark" for r in repairs
    ):
        for p in paragraphs:
            p.leaves = None  # no marks: the document's leaves, not a paragraph's
    # a line that was only a mark ("[page two]") leaves no paragraph behind
    paragraphs[:] = [p for p in paragraphs if any(part.strip() for part in p.parts)]
    for p in paragraphs:
        p.parts = [part for part in p.parts if part.strip()]
    return repairs


def _page_at(line: int, starts: Sequence[int], labels: Sequence[str]) -> str | None:
    if not starts:
        return None
    k = 0
    for i, start in enumerate(starts):
        if start <= line:
            k = i
        else:
            break
    return labels[k] if k < len(labels) else str(k + 1)
