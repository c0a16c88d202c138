"""The search syntax: every form, and hostile input that must never error or inject."""

from __future__ import annotations

import re
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.search.normalize import fold, fts_words, quotation_segments, tokens
from quotecite.search.query import MAX_TERMS, parse_query


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("spiritual autarchy", '("spiritual" AND "autarchy")'),
        ('"spiritual autarchy"', '"spiritual autarchy"'),
        ("socialis*", '"socialis"*'),
        ('"power of our ex"*', '"power of our ex"*'),
        ("autarchy OR autarky", '("autarchy" OR "autarky")'),
        ("spiritual AND autarchy", '("spiritual" AND "autarchy")'),
        ("spiritual NOT autarchy", '("spiritual" NOT "autarchy")'),
        ("a OR b c", '("a" OR ("b" AND "c"))'),
        ("(a OR b) c", '(("a" OR "b") AND "c")'),
        ("a NOT b NOT c", '(("a" NOT "b") NOT "c")'),
        ("Marxism-Leninism", '"marxism leninism"'),
        ("Chernyaev’s", '"chernyaev s"'),
        ("Chernyaev's", '"chernyaev s"'),
        ("PERESTROÏKA", '"perestroika"'),
        ("and or not", '("and" AND "or" AND "not")'),
    ],
)
def test_valid_syntax(text: str, expression: str) -> None:
    q = parse_query(text)
    assert q.expression == expression
    assert not q.plain


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('"spiritual autarchy', ("spiritual", "autarchy")),  # unclosed quote
        ("AND autarchy", ("and", "autarchy")),
        ("autarchy OR", ("autarchy", "or")),
        ("NOT autarchy", ("not", "autarchy")),
        ("(autarchy", ("autarchy",)),
        ("autarchy)", ("autarchy",)),
        ("autarchy NOT", ("autarchy", "not")),
    ],
)
def test_invalid_syntax_is_plain_words(text: str, words: tuple[str, ...]) -> None:
    q = parse_query(text)
    assert q.plain
    assert q.words == words
    assert q.expression == " AND ".join(f'"{w}"' for w in words)


@pytest.mark.parametrize(
    "text",
    [
        "body:autarchy",
        "NEAR(spiritual autarchy, 2)",
        "^spiritual",
        "+autarchy",
        '"a" "b" " "',
        "{body ref}: x",
        "x\x00y",
        "'; DROP TABLE docs; --",
        '"""',
        "*",
    ],
)
def test_fts5_operators_are_words(text: str) -> None:
    q = parse_query(text)
    # nothing but quoted letters/digits, the three operators and parentheses
    rest = re.sub(r'"[^\W_]+(?: [^\W_]+)*"\*?|\bAND\b|\bOR\b|\bNOT\b|[() ]', "", q.expression)
    assert rest == ""
    _check_runs(q.expression)


def test_empty_queries() -> None:
    for text in ("", "   ", "!!! ...", '""', "()", "\x00"):
        assert parse_query(text).empty


def test_very_long_input_is_capped() -> None:
    q = parse_query(" ".join(f"w{i}" for i in range(10_000)))
    assert len(q.words) == MAX_TERMS
    _check_runs(q.expression)


def _check_runs(expression: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("INSERT INTO t VALUES('spiritual autarchy and more')")
    if expression:
        conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_input_gives_a_valid_expression(text: str) -> None:
    q = parse_query(text)
    _check_runs(q.expression)


def test_folding() -> None:
    assert fold("Perestroïka") == "perestroika"
    assert fold("ÉLITE") == "elite"
    assert fts_words("Chernyaev’s “freedom”") == ["chernyaev", "s", "freedom"]
    assert [t.norm for t in tokens("Chernyaev’s don't")] == ["chernyaevs", "dont"]


def test_quotation_segments() -> None:
    segs = quotation_segments("a [the USSR] b … c . . . d... e")
    assert [[t.norm for t in s] for s in segs] == [["a", "b"], ["c"], ["d"], ["e"]]
    joined = quotation_segments("ideo- logical soft\u00adhyphen")
    assert [t.norm for t in joined[0]] == ["ideological", "softhyphen"]
