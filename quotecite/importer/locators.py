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
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
#: "[page two]", "[page twenty-one]": the page marks of the Bukovsky archive's translations
_NUMBER_WORDS = (
    {w: k for k, w in enumerate(_UNITS, start=1)}
    | {w: k for k, w in enumerate(_TEENS, start=10)}
    | {w: 10 * k for k, w in enumerate(_TENS, start=2)}
    | {
        f"{t}-{u}": 10 * k + n
        for k, t in enumerate(_TENS, start=2)
        for n, u in enumerate(_UNITS, start=1)
    }
)
_WORDS = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
#: a page mark's value is a number, a number word or a roman numeral (front matter): nothing
#: else, so that every page written is one a corpus file can hold
PAGE_MARK = re.compile(
    r"\[\s*(?:[Pp]age|[Pp]\.|[Сс]тр\.|[Сс]\.)\s*"
    rf"(?P<p>\d{{1,5}}|(?i:{_WORDS})|[ivxlc]{{1,7}})(?:\s+of\s+[\w-]+)?\s*\]"
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


def _first_marks(paragraphs: list[RawParagraph]) -> tuple[str | None, str | None, bool, bool]:
    """The first leaf mark's and page mark's values, and whether text comes before each."""
    leaf: str | None = None
    page: str | None = None
    text_before_leaf = text_before_page = False
    for p in paragraphs:
        for part in p.parts:
            lm, pm = LEAF_MARK.search(part), PAGE_MARK.search(part)
            if leaf is None:
                if lm:
                    leaf = leaf_value(lm)
                    text_before_leaf = text_before_leaf or bool(part[: lm.start()].strip())
                elif part.strip() and p.role in _ON_LEAVES:
                    text_before_leaf = True
            if page is None:
                if pm:
                    page = _page_value(pm)
                    text_before_page = text_before_page or bool(part[: pm.start()].strip())
                elif part.strip():
                    text_before_page = True
            if leaf is not None and page is not None:
                return leaf, page, text_before_leaf, text_before_page
    return leaf, page, text_before_leaf, text_before_page


def _page_value(m: re.Match[str]) -> str:
    value = m.group("p").lower()
    return str(_NUMBER_WORDS.get(value, value))


def place(
    paragraphs: list[RawParagraph],
    first: str | None,
    page_starts: Sequence[int] = (),
    page_labels: Sequence[str] = (),
    off_page: frozenset[int] = frozenset(),
) -> list[Repair]:
    """Set ``leaves`` and ``pages`` of each paragraph; the leaf and page marks leave its text.
    ``off_page``: lines of a page's own text (an archive catalogue's summary), on no page."""
    repairs: list[Repair] = []
    placed = [p for p in paragraphs if p.line not in off_page]
    first_mark, first_page_mark, before_leaf, before_page = _first_marks(placed)
    # text before the mark that begins the range's first leaf is not on it (editors' prose)
    leaf = None if before_leaf and first_mark == first else first
    page: str | None = None
    if not page_starts and before_page and first_page_mark and first_page_mark.isdigit():
        # text before "[Page 39]" is on page 38
        page = str(int(first_page_mark) - 1) if int(first_page_mark) > 1 else None
    for p in placed:
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
                page = _page_value(m)
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
