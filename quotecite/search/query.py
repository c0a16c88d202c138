"""User search syntax → a safe FTS5 MATCH expression.

Supported: words (all must occur), ``"a phrase"``, ``prefix*``, ``AND``, ``OR``, ``NOT`` (upper
case, as in FTS5) and parentheses. A word joined by punctuation (``Marxism-Leninism``,
``Chernyaev’s``) is a phrase of its parts, since the index splits it the same way.

Every term reaches SQLite as a double-quoted string of letters and digits, so nothing the user
types can be read as FTS5 syntax of its own (column filters, ``NEAR``, ``^``, ``+`` …). Input that
does not parse under the rules above (an unclosed quote, ``AND`` with nothing after it, a leading
``NOT``, unbalanced parentheses) is searched as plain words instead: never an error.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quotecite.search.normalize import fts_words

MAX_TERMS = 64  #: more words than this are dropped (each costs a doclist merge)
_OPERATORS = ("AND", "OR", "NOT")
_LEX = re.compile(
    r'"(?P<phrase>[^"]*)(?P<close>"?)(?P<pstar>\*?)|(?P<paren>[()])|(?P<chunk>[^\s"()]+)'
)


class Query(NamedTuple):
    """``expression`` goes to FTS5 MATCH; ``words`` are the folded search words."""

    expression: str
    words: tuple[str, ...]
    plain: bool  #: the input was not valid syntax and is searched as plain words

    @property
    def empty(self) -> bool:
        return not self.words


class _Invalid(Exception):
    pass


def _term(words: list[str], prefix: bool) -> str:
    body = '"' + " ".join(words) + '"'
    return body + "*" if prefix else body


def _lex(text: str) -> list[tuple[str, str, list[str]]]:
    """(kind, text, words): kind is 'term', 'op', '(' or ')'."""
    out: list[tuple[str, str, list[str]]] = []
    for m in _LEX.finditer(text):
        if m.group("paren"):
            out.append((m.group("paren"), m.group("paren"), []))
        elif m.group("chunk") is not None:
            chunk = m.group("chunk")
            if chunk in _OPERATORS:
                out.append(("op", chunk, []))
                continue
            words = fts_words(chunk)
            if words:
                out.append(("term", _term(words, chunk.endswith("*")), words))
        else:
            if not m.group("close"):
                raise _Invalid("unclosed quote")
            words = fts_words(m.group("phrase"))
            if words:
                out.append(("term", _term(words, bool(m.group("pstar"))), words))
    return out


class _Parser:
    """or := and (OR and)* ; and := not (AND? not)* ; not := primary (NOT primary)*"""

    def __init__(self, items: list[tuple[str, str, list[str]]]) -> None:
        self.items = items
        self.pos = 0
        self.words: list[str] = []
        self.terms = 0

    def peek(self) -> tuple[str, str]:
        if self.pos < len(self.items):
            kind, text, _ = self.items[self.pos]
            return kind, text
        return "", ""

    def parse(self) -> str:
        if not self.items:
            raise _Invalid("nothing to search for")
        expr = self.or_()
        if self.pos != len(self.items):
            raise _Invalid("unexpected input")
        return expr

    def or_(self) -> str:
        parts = [self.and_()]
        while self.peek() == ("op", "OR"):
            self.pos += 1
            parts.append(self.and_())
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"

    def and_(self) -> str:
        parts = [self.not_()]
        while True:
            kind, text = self.peek()
            if (kind, text) == ("op", "AND"):
                self.pos += 1
            elif kind not in ("term", "("):
                break
            parts.append(self.not_())
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def not_(self) -> str:
        expr = self.primary()
        while self.peek() == ("op", "NOT"):
            self.pos += 1
            expr = f"({expr} NOT {self.primary()})"
        return expr

    def primary(self) -> str:
        kind, text = self.peek()
        if kind == "term":
            _, expr, words = self.items[self.pos]
            self.pos += 1
            self.terms += 1
            if self.terms > MAX_TERMS:
                raise _Invalid("too many terms")
            self.words.extend(words)
            return expr
        if kind == "(":
            self.pos += 1
            expr = self.or_()
            if self.peek()[0] != ")":
                raise _Invalid("unbalanced parenthesis")
            self.pos += 1
            return expr
        raise _Invalid(f"unexpected {text or 'end of query'}")


def plain_query(text: str) -> Query:
    """Every word of ``text`` must occur (the first MAX_TERMS distinct words)."""
    words = list(dict.fromkeys(fts_words(text)))[:MAX_TERMS]
    return Query(" AND ".join(_term([w], False) for w in words), tuple(words), plain=True)


def parse_query(text: str) -> Query:
    """The FTS5 expression for what the user typed; see the module docstring."""
    try:
        parser = _Parser(_lex(text))
        expression = parser.parse()
    except _Invalid:
        return plain_query(text)
    return Query(expression, tuple(parser.words), plain=False)
