"""Where the sentences of a paragraph begin and end.

English prose of translated documents: a sentence ends at ``.``, ``?`` or ``!`` (with any closing
quotation marks or brackets after it) followed by white space and something that can start a
sentence: a capital, a digit, an opening quotation mark or bracket, or a dash that opens an item.
A full stop after a known abbreviation ("Mr.", "U.S.", "ll.", "op.") or a single capital (an
initial: "V. I. Lenin") does not end a sentence.
"""

from __future__ import annotations

import re

#: lower-cased abbreviations (without their final dot) after which a full stop ends no sentence
ABBREVIATIONS = frozenset(
    (
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "vols", "p", "pp", "para",
        "paras", "par", "pars", "ch", "chap", "sec", "fig", "ed", "eds", "trans", "vs", "cf", "e.g",
        "i.e", "al", "approx", "ca", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen",
        "rep", "jr", "sr", "messrs", "f", "op", "d", "l", "ll", "ob", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.s.s.r", "u.k",
    )
)

_END = re.compile(r"[.?!]+[”’\"'»)\]]*(?=\s)")
_STARTER = re.compile(r"\s+(?=[\"“‘'«(\[]*[A-ZА-ЯЁ0-9]|[—–-]{1,2}\s|[\"“‘'«(\[]+)")
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``; trailing white space is not included."""
    spans: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    for m in _END.finditer(text):
        end = m.end()
        if end <= start:
            continue
        nxt = _STARTER.match(text, end)
        if not nxt:
            continue
        if text[m.start()] == "." and m.end() - m.start() == 1 and _abbreviation(text, m.start()):
            continue
        spans.append((start, end))
        start = nxt.end()
    start = _skip_space(text, start)
    stop = len(text.rstrip())
    if start < stop:
        spans.append((start, stop))
    return spans


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _abbreviation(text: str, dot: int) -> bool:
    """Is the full stop at ``dot`` the end of an abbreviation or an initial?"""
    m = _WORD_BEFORE.search(text, 0, dot + 1)
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial
    return word.lower() in ABBREVIATIONS


def ends_sentence(text: str) -> bool:
    """Does ``text`` end with a sentence's closing punctuation (before any closing quotes)?"""
    stripped = text.rstrip().rstrip("”’\"'»)]")
    return stripped.endswith((".", "?", "!"))
