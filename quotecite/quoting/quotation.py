"""A quotation assembled from selected spans: text, omissions and bracketed changes.

The rules (CMOS 18 ch. 12, "three-dot method"; MLA Handbook 9 ch. 6 agrees on each point):

* an omission within a quotation is marked by three spaced dots; where the text before it ends a
  sentence, that sentence keeps its full stop and the three dots follow ("… policy. . . . We");
* no ellipsis before a quotation that starts with a fragment, nor after one that ends with one;
* the omission of whole paragraphs in a block quotation is marked at the end of the paragraph
  before it, the omission of the start of a paragraph at that paragraph's start;
* a first letter whose case is changed — a fragment opening a block quotation, the words after
  an omission that ended a sentence, or the initial adapted to the writer's sentence — stands in
  brackets: "[W]e must fulfill", "[t]his conclusion".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotecite.quoting.rules import QuoteRules
from quotecite.quoting.select import Span, Unit
from quotecite.quoting.sentences import ends_sentence


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Omission:
    """Three spaced dots (bracketed when ``bracketed``)."""

    bracketed: bool = False


@dataclass(frozen=True, slots=True)
class Changed:
    """A letter whose case the quoting writer changed: printed in brackets."""

    text: str


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """A quotation mark inside the quoted text: ``level`` 0 is double, 1 single, 2 double …"""

    opening: bool
    level: int

    def char(self) -> str:
        if self.level % 2 == 0:
            return "“" if self.opening else "”"
        return "‘" if self.opening else "’"


Inline = Text | Omission | Changed | QuoteMark
_SOURCE_ELLIPSIS = re.compile(r"…|\.\s?\.\s?\.")
_TRAILING = "\u00a0 ,;:—–-"


@dataclass(frozen=True, slots=True)
class Quotation:
    paragraphs: tuple[tuple[Inline, ...], ...]
    block: bool
    addresses: tuple[str, ...]  #: the (sub-)paragraphs the quoted words come from, in order

    def plain(self, ellipsis: str = ". . .") -> str:
        """The quotation as text, paragraphs separated by a blank line."""
        return "\n\n".join(join_inline(p, _same, ellipsis) for p in self.paragraphs)

    @property
    def words(self) -> int:
        return len(self.plain().split())


def join_inline(
    pieces: Sequence[Inline],
    escape: Callable[[str], str],
    ellipsis: str,
    changed: Callable[[str], str] | None = None,
    mark: Callable[[QuoteMark], str] | None = None,
) -> str:
    """Join pieces with spaces around each omission; ``escape`` escapes text for a format."""
    out: list[str] = []
    for i, piece in enumerate(pieces):
        if isinstance(piece, Omission):
            dots = f"[{ellipsis}]" if piece.bracketed else ellipsis
            out.append((" " if i else "") + dots + (" " if i < len(pieces) - 1 else ""))
        elif isinstance(piece, Changed):
            out.append(changed(piece.text) if changed else f"[{escape(piece.text)}]")
        elif isinstance(piece, QuoteMark):
            out.append(mark(piece) if mark else piece.char())
        else:
            out.append(escape(piece.text))
    return "".join(out)


def merge(units: list[Unit], spans: list[Span]) -> list[Span]:
    """Sort spans and join those that overlap or touch (only white space between them)."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and out[-1].unit == span.unit:
            prev = out[-1]
            between = units[span.unit].text[prev.end : span.start]
            if span.start <= prev.end or not between.strip():
                out[-1] = Span(prev.unit, prev.start, max(prev.end, span.end))
                continue
        out.append(span)
    return out


def assemble(
    units: list[Unit],
    spans: list[Span],
    rules: QuoteRules,
    block: bool | None = None,
    initial: str | None = None,
) -> Quotation:
    """Build the quotation; ``block`` None chooses by the style's threshold.

    ``initial`` "lower" or "upper" adapts the first letter to the writer's sentence.
    """
    spans = merge(units, spans)
    if not spans:
        return Quotation((), bool(block), ())
    spans = [_trim(units, s) for s in spans]
    source_has_ellipsis = any(
        _SOURCE_ELLIPSIS.search(units[s.unit].text[s.start : s.end]) for s in spans
    )
    bracket = rules.bracket_own_omissions and source_has_ellipsis
    paragraph_count = len({s.unit for s in spans})
    if block is None:
        words = sum(len(units[s.unit].text[s.start : s.end].split()) for s in spans)
        block = rules.wants_block(words, paragraph_count)
    elif not block and paragraph_count > 1:
        block = True  # a quotation of two or more paragraphs is always set off

    paragraphs: list[list[Inline]] = [[]]
    for k, span in enumerate(spans):
        unit = units[span.unit]
        text = unit.text[span.start : span.end]
        at_start = _starts_sentence(unit, span.start)
        case: str | None = None
        if k == 0:
            if block and not at_start:
                case = "upper"
            if initial and not block:
                case = initial
        else:
            prev = spans[k - 1]
            prev_text = units[prev.unit].text[prev.start : prev.end]
            if prev.unit == span.unit:
                paragraphs[-1].append(Omission(bracket))
                if ends_sentence(prev_text) and not at_start:
                    case = "upper"
            else:
                prev_unit = units[prev.unit]
                if prev.end < len(prev_unit.text.rstrip()) or span.unit > prev.unit + 1:
                    paragraphs[-1].append(Omission(bracket))
                paragraphs.append([])
                if span.start > 0:
                    paragraphs[-1].append(Omission(bracket))
        if k == len(spans) - 1 and not ends_sentence(text):
            text = text.rstrip(_TRAILING)
        paragraphs[-1].extend(_with_case(text, case))
    return Quotation(
        tuple(tuple(p) for p in paragraphs),
        block,
        tuple(dict.fromkeys(units[s.unit].address for s in spans)),
    )


def _trim(units: list[Unit], span: Span) -> Span:
    text = units[span.unit].text
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(span.unit, start, end)


def _starts_sentence(unit: Unit, pos: int) -> bool:
    return any(s == pos for s, _ in unit.sentences)


def _with_case(text: str, case: str | None) -> list[Inline]:
    """``text`` with its first letter put in ``case`` (in brackets) when that changes it."""
    if case is None:
        return [Text(text)]
    for i, ch in enumerate(text):
        if ch.isalpha():
            new = ch.upper() if case == "upper" else ch.lower()
            if new == ch or (i and text[i - 1] == "["):
                return [Text(text)]
            pieces: list[Inline] = []
            if i:
                pieces.append(Text(text[:i]))
            pieces.append(Changed(new))
            if text[i + 1 :]:
                pieces.append(Text(text[i + 1 :]))
            return pieces
        if ch.isdigit():
            break
    return [Text(text)]


def _same(text: str) -> str:
    return text


_MARKS = re.compile("[“”«»„‘’\"]")


def with_marks(
    paragraphs: Sequence[Sequence[Inline]], shift: int
) -> tuple[list[list[Inline]], bool]:
    """Quotation marks in the text as :class:`QuoteMark` pieces, nested ``shift`` levels deeper.

    A run-in quotation is itself in double quotes, so the quotations it contains move one level
    in (double → single, single → double); a block quotation keeps them (``shift`` 0). Returns
    the paragraphs and whether every mark found its pair. An apostrophe (’ inside or after a
    word with no single quotation open) stays text.
    """
    stack: list[str] = []
    balanced = True
    out: list[list[Inline]] = []
    for para in paragraphs:
        pieces: list[Inline] = []
        for piece in para:
            if not isinstance(piece, Text):
                pieces.append(piece)
                continue
            text = piece.text
            pos = 0
            for m in _MARKS.finditer(text):
                ch = m.group()
                before = text[m.start() - 1] if m.start() else " "
                after = text[m.end()] if m.end() < len(text) else " "
                if ch == "’" and not (stack and stack[-1] == "s" and not after.isalnum()):
                    continue  # an apostrophe
                if ch == '"':
                    opening = before.isspace() or before in "([{—–/-" or not stack
                else:
                    opening = ch in "“«„‘"
                if m.start() > pos:
                    pieces.append(Text(text[pos : m.start()]))
                pos = m.end()
                if opening:
                    pieces.append(QuoteMark(True, shift + len(stack)))
                    stack.append("s" if ch == "‘" else "d")
                else:
                    if stack:
                        stack.pop()
                    else:
                        balanced = False
                    pieces.append(QuoteMark(False, shift + len(stack)))
            if pos < len(text):
                pieces.append(Text(text[pos:]))
        out.append(pieces)
    return out, balanced and not stack
