"""The passage-reference grammar."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotecite.errors import ReferenceSyntaxError
from quotecite.refs import PassageRef, Span, parse_ref


@pytest.mark.parametrize(
    ("text", "doc", "spans"),
    [
        ("doc6", "doc6", ()),
        ("doc6 16", "doc6", (Span("16"),)),
        ("doc6 3-5", "doc6", (Span("3", "5"),)),
        ("doc6 3,7,9-11", "doc6", (Span("3"), Span("7"), Span("9", "11"))),
        ("doc6 3, 7, 9–11", "doc6", (Span("3"), Span("7"), Span("9", "11"))),
        ("garf 3.2", "garf", (Span("3.2"),)),
        ("doc6:16", "doc6", (Span("16"),)),
        ("doc6 ¶16", "doc6", (Span("16"),)),
        ("doc6 ¶ 16", "doc6", (Span("16"),)),
        ("doc6 ¶¶3–5", "doc6", (Span("3", "5"),)),
        ("doc6, para. 16", "doc6", (Span("16"),)),
        ("doc6, paras. 3–5", "doc6", (Span("3", "5"),)),
        ("doc6, pars. 3 and 5", "doc6", (Span("3"), Span("5"))),
        ("doc6 § 3.2", "doc6", (Span("3.2"),)),
        ("doc6 3 to 5", "doc6", (Span("3", "5"),)),
        ("doc6 n1", "doc6", (Span("n1"),)),
        ("Doc6 SRC1", "Doc6", (Span("src1"),)),
        ("gorbachev-1986-06-26 16", "gorbachev-1986-06-26", (Span("16"),)),
        ("  doc6   16  ", "doc6", (Span("16"),)),
    ],
)
def test_forms(text: str, doc: str, spans: tuple[Span, ...]) -> None:
    assert parse_ref(text) == PassageRef(doc, spans)


def test_argument_list_is_joined() -> None:
    assert parse_ref(["doc6", "3-5,", "7"]) == PassageRef("doc6", (Span("3", "5"), Span("7")))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty passage reference"),
        ("doc6 16x!", "cannot read '16x!'"),
        ("doc6 3--5", "cannot read"),
        ("doc6 ¶", "no paragraph"),
        ("doc6 3,,", "cannot read"),
        ("doc6 (16)", "cannot read '(16)'"),
    ],
)
def test_malformed(text: str, message: str) -> None:
    with pytest.raises(ReferenceSyntaxError) as info:
        parse_ref(text)
    assert message in str(info.value)


def test_str_is_canonical() -> None:
    assert str(parse_ref("doc6, paras. 3–5 and 9")) == "doc6 3-5,9"


addresses = st.one_of(
    st.integers(1, 999).map(str),
    st.tuples(st.integers(1, 99), st.integers(1, 20)).map(lambda t: f"{t[0]}.{t[1]}"),
    st.tuples(st.sampled_from(["n", "h", "src"]), st.integers(1, 9)).map(lambda t: f"{t[0]}{t[1]}"),
)
spans = st.tuples(addresses, st.one_of(st.none(), addresses)).map(lambda t: Span(*t))
docs = st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)


@given(docs, st.lists(spans, max_size=5))
def test_round_trip(doc: str, items: list[Span]) -> None:
    ref = PassageRef(doc, tuple(items))
    assert parse_ref(str(ref)) == ref


@given(st.text(max_size=60))
def test_never_anything_but_a_syntax_error(text: str) -> None:
    with contextlib.suppress(ReferenceSyntaxError):
        parse_ref(text)
