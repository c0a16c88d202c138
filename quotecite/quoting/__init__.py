"""Quoting a passage exactly: selection, ellipses and brackets, and output ready to paste.

``build`` selects and assembles; :mod:`quotecite.quoting.render` formats the quotation with its
citation. Nothing here prints or reads the command line.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotecite.errors import ReferenceSyntaxError
from quotecite.passage import Passage, resolve
from quotecite.quoting.quotation import Quotation, assemble
from quotecite.quoting.rules import QuoteRules, rules_for
from quotecite.quoting.select import (
    Span,
    select_sentences,
    select_words,
    units_of,
    whole,
)
from quotecite.refs import PassageRef
from quotecite.refs import Span as RefSpan


@dataclass(frozen=True, slots=True)
class Quoted:
    quotation: Quotation
    passage: Passage  #: the paragraphs the quoted words come from: what the citation cites
    rules: QuoteRules


def build(
    passage: Passage,
    *,
    sentences: str | None = None,
    words: list[str] | None = None,
    style: str = "chicago",
    style_title: str = "",
    block: bool | None = None,
    initial: str | None = None,
) -> Quoted:
    """Select from ``passage`` and assemble the quotation by the rules of ``style``."""
    if sentences and words:
        raise ReferenceSyntaxError("give --sentences or --words, not both")
    units = units_of(passage)
    where = _where(passage)
    spans: list[Span]
    if words:
        spans = select_words(units, words, where)
    elif sentences:
        spans = select_sentences(units, sentences, where)
    elif passage.whole_document:
        raise ReferenceSyntaxError(
            f"say what to quote from '{passage.document.id}'",
            hint="give paragraphs (doc6 16), --sentences with them, or --words",
        )
    else:
        spans = whole(units)
    rules = rules_for(style, style_title)
    quotation = assemble(units, spans, rules, block=block, initial=initial)
    numbers = list(dict.fromkeys(units[s.unit].paragraph.number for s in spans))
    doc = passage.document
    cited = resolve(doc, PassageRef(doc.id, tuple(RefSpan(n.lower()) for n in numbers)))
    return Quoted(quotation, cited, rules)


def _where(passage: Passage) -> str:
    if passage.whole_document:
        return f"document '{passage.document.id}'"
    return f"'{passage.document.id} {', '.join(passage.addresses())}'"


__all__ = ["Quotation", "Quoted", "build"]
