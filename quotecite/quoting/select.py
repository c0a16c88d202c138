"""Choosing what to quote from a passage: all of it, some of its sentences, or word spans.

A selection is a list of :class:`Span` — character ranges in the clean text (``Part.text``) of
the passage's sub-paragraphs, so footnote markers are never part of a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from quotecite.errors import NotFoundError, ReferenceSyntaxError
from quotecite.model import Paragraph, Role
from quotecite.passage import Passage
from quotecite.quoting.sentences import sentence_spans

#: what separates the first and last words of a ``--words`` span
_RANGE = re.compile(r"\s*(?:…|\.\s?\.\s?\.)\s*")
_SENTENCE_SPEC = re.compile(r"\s*(\d+)\s*(?:(?:-|–|—|\bto\b)\s*(\d+)\s*)?\Z", re.I)
_QUOTE_CLASS = {
    "'": "['’‘]",
    "’": "['’‘]",
    "‘": "['’‘]",
    '"': "[\"“”«»]",
    "“": "[\"“”«»]",
    "”": "[\"“”«»]",
    "-": "[-‐‑]",
}


@dataclass(frozen=True, slots=True)
class Unit:
    """One sub-paragraph of the passage: the smallest piece a citation can point to."""

    paragraph: Paragraph
    part: int

    @property
    def text(self) -> str:
        return self.paragraph.parts[self.part].text

    @property
    def address(self) -> str:
        return self.paragraph.part_number(self.part)

    @property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return _sentences(self.text)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Characters ``start:end`` of unit ``unit``."""

    unit: int
    start: int
    end: int


@lru_cache(maxsize=256)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sentence_spans(text))


def units_of(passage: Passage) -> list[Unit]:
    return [Unit(sel.paragraph, i) for sel in passage.cited for i in sel.parts]


def whole(units: list[Unit]) -> list[Span]:
    return [Span(i, 0, len(u.text.rstrip())) for i, u in enumerate(units) if u.text.strip()]


def numbered_sentences(units: list[Unit]) -> list[Span]:
    """Every sentence of the passage in order; sentence *n* is item *n - 1*."""
    return [Span(i, s, e) for i, u in enumerate(units) for s, e in u.sentences]


def parse_sentence_spec(spec: str) -> list[tuple[int, int]]:
    """``"2-3"``, ``"1,4"``, ``"2 to 5"`` → inclusive 1-based ranges."""
    ranges: list[tuple[int, int]] = []
    for piece in re.split(r"[,;]|\band\b", spec):
        if not piece.strip():
            continue
        m = _SENTENCE_SPEC.match(piece)
        if not m:
            raise ReferenceSyntaxError(
                f"cannot read sentences '{spec}'", hint="write them like 2, 2-3 or 1,3-4"
            )
        lo = int(m.group(1))
        hi = int(m.group(2) or lo)
        if lo < 1 or hi < lo:
            raise ReferenceSyntaxError(
                f"cannot read sentences '{spec}'",
                hint="sentences are numbered from 1 and a range runs forwards, as 2-3",
            )
        ranges.append((lo, hi))
    if not ranges:
        raise ReferenceSyntaxError("no sentence numbers given", hint="write them like 2 or 2-3")
    return ranges


def select_sentences(units: list[Unit], spec: str, where: str) -> list[Span]:
    sentences = numbered_sentences(units)
    chosen: set[int] = set()
    for lo, hi in parse_sentence_spec(spec):
        if hi > len(sentences):
            count = len(sentences)
            raise NotFoundError(
                f"{where} has {count} sentence{'s' if count != 1 else ''}; "
                f"there is no sentence {hi if lo <= count else lo}"
            )
        chosen.update(range(lo - 1, hi))
    return [sentences[i] for i in sorted(chosen)]


def select_words(units: list[Unit], specs: list[str], where: str) -> list[Span]:
    """Spans given as ``"first words … last words"`` (or one exact phrase), in passage order."""
    flat, starts = _flatten(units)
    out: list[Span] = []
    for spec in specs:
        pieces = [p for p in _RANGE.split(spec.strip(), maxsplit=1)]
        first = pieces[0].strip()
        last = pieces[1].strip() if len(pieces) > 1 else ""
        if not first or (len(pieces) > 1 and not last):
            raise ReferenceSyntaxError(
                f"cannot read words '{spec}'",
                hint='give "first words … last words" or one exact phrase',
            )
        a, b = _find_range(flat, first, last, where, _preferred(units, starts))
        b = _take_terminal(flat, a, b)
        out.extend(_unflatten(a, b, starts, units))
    out.sort()
    return out


def _flatten(units: list[Unit]) -> tuple[str, list[int]]:
    starts: list[int] = []
    pieces: list[str] = []
    pos = 0
    for u in units:
        starts.append(pos)
        pieces.append(u.text)
        pos += len(u.text) + 2
    return "\n\n".join(pieces), starts


def _unflatten(a: int, b: int, starts: list[int], units: list[Unit]) -> list[Span]:
    out: list[Span] = []
    for i, (s, u) in enumerate(zip(starts, units, strict=True)):
        lo, hi = max(a, s), min(b, s + len(u.text))
        if lo < hi and u.text[lo - s : hi - s].strip():
            out.append(Span(i, lo - s, hi - s))
    return out


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as a pattern: any quotation-mark style, any white space, case-insensitive."""
    words = phrase.split()
    parts = ["".join(_QUOTE_CLASS.get(ch, re.escape(ch)) for ch in w) for w in words]
    body = r"[\s—–]+".join(parts)
    return re.compile(rf"(?<!\w){body}(?!\w)", re.I)


def _preferred(units: list[Unit], starts: list[int]) -> list[tuple[int, int]]:
    """Flat ranges of the document's own words (body paragraphs), preferred over the editors'."""
    return [
        (s, s + len(u.text))
        for s, u in zip(starts, units, strict=True)
        if u.paragraph.role is Role.BODY
    ]


def _find_range(
    flat: str, first: str, last: str, where: str, preferred: list[tuple[int, int]]
) -> tuple[int, int]:
    """The first occurrence of the span, preferring one within the body paragraphs."""
    start_pat = phrase_pattern(first)
    matches = list(start_pat.finditer(flat))
    if not matches:
        raise NotFoundError(f"'{first}' is not in {where}")
    found: list[tuple[int, int]] = []
    if not last:
        found = [(m.start(), m.end()) for m in matches]
    else:
        end_pat = phrase_pattern(last)
        for m in matches:
            end = end_pat.search(flat, m.end())
            if end:
                found.append((m.start(), end.end()))
        if not found:
            raise NotFoundError(f"'{last}' does not follow '{first}' in {where}")
    for a, b in found:
        if any(lo <= a and b <= hi for lo, hi in preferred):
            return a, b
    for a, b in found:
        if any(lo <= a < hi for lo, hi in preferred):
            return a, b
    return found[0]


_TERMINAL = re.compile(r"[.?!]+[”’\"'»)\]]*(?=\s|\Z)")
_CLOSERS = {"”": "“", "»": "«", "’": "‘", ")": "(", "]": "["}


def _take_terminal(flat: str, start: int, end: int) -> int:
    """Extend a span ending at a word to the sentence's closing punctuation, if that follows,
    and to a closing quotation mark or bracket whose opening is in the span."""
    m = _TERMINAL.match(flat, end)
    if m:
        return m.end()
    while end < len(flat) and flat[end] in _CLOSERS:
        opener = _CLOSERS[flat[end]]
        inside = flat[start:end]
        if inside.count(opener) <= inside.count(flat[end]):
            break
        end += 1
    return end
