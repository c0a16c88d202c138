"""Resolving references to paragraphs and sub-paragraphs, and the pinpoint a citation uses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.corpus import Corpus
from quotecite.errors import ParagraphNotFound, QuoteciteError, ReferenceSyntaxError
from quotecite.model import Numbering
from quotecite.passage import resolve
from quotecite.refs import parse_ref

from conftest import DOC000, DOC001


def addresses(ref: str, context: int = 0) -> list[tuple[str, bool]]:
    passage = Corpus().passage(ref, context=context)
    return [(a, s.context) for s in passage.selections for a in s.addresses()]


@pytest.mark.parametrize(
    ("ref", "expected", "pinpoint"),
    [
        ("doc6 16", ["16"], "16"),
        ("doc6 3-5", ["3", "4", "5"], "3–5"),
        ("doc6 3,7,9-11", ["3", "7", "9", "10", "11"], "3, 7, 9–11"),
        ("doc6 25-n1", ["25", "26", "n1"], "25–26"),
        ("garf 3.2", ["3.2"], "3.2"),
        ("garf 3.2-3.4", ["3.2", "3.3", "3.4"], "3.2, 3.3, 3.4"),
        ("garf 3.4-4", ["3.4", "3.5", "4"], "3.4, 3.5, 4"),
        ("garf 3", ["3"], "3"),
        ("garf 3.1", ["3"], "3"),
    ],
)
def test_resolve(ref: str, expected: list[str], pinpoint: str) -> None:
    passage = Corpus().passage(ref)
    assert passage.addresses() == expected
    assert passage.pinpoint() == pinpoint


def test_whole_document_has_no_pinpoint() -> None:
    passage = Corpus().passage("garf")
    assert passage.pinpoint() is None
    assert len(passage.selections) == 10


def test_supplied_numbering_never_gives_a_pinpoint() -> None:
    doc = Corpus().document(DOC001)._replace(numbering=Numbering.SUPPLIED)
    assert resolve(doc, parse_ref("x 16")).pinpoint() is None


def test_context_marks_neighbours() -> None:
    assert addresses("doc6 16", context=1) == [("15", True), ("16", False), ("17", True)]
    assert addresses("doc6 1", context=2)[0] == ("1", False)


def test_text_of_sub_paragraphs() -> None:
    passage = Corpus().passage("garf 3.2")
    assert passage.text().startswith("They succeeded in doing that too easily.")


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("doc6 27", f"document '{DOC001}' has no paragraph 27 (it has paragraphs 1–26, n1)"),
        ("garf 3.9", f"paragraph 3 of document '{DOC000}' has no sub-paragraph 9 (it has 3.1–3.5)"),
        (
            "doc6 16.2",
            f"paragraph 16 of document '{DOC001}' has no sub-paragraph 2 (paragraph 16 has no sub-paragraphs)",
        ),
    ],
)
def test_missing_paragraphs(ref: str, message: str) -> None:
    with pytest.raises(ParagraphNotFound) as info:
        Corpus().passage(ref)
    assert str(info.value) == message


def test_backwards_range() -> None:
    with pytest.raises(ReferenceSyntaxError, match="range 5-3 runs backwards"):
        Corpus().passage("doc6 5-3")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["doc6", "garf", "gorb", "new", "g", "x"]),
    st.lists(
        st.one_of(
            st.integers(0, 30).map(str),
            st.tuples(st.integers(0, 12), st.integers(0, 12)).map(lambda t: f"{t[0]}.{t[1]}"),
            st.sampled_from(["n1", "src1", "n2", "h1", "-", ",", "–", "¶", " to "]),
        ),
        max_size=6,
    ),
)
def test_any_reference_gives_a_passage_or_a_clean_error(doc: str, pieces: list[str]) -> None:
    corpus = Corpus()
    try:
        passage = corpus.passage(f"{doc} {' '.join(pieces)}")
    except QuoteciteError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert passage.selections
    for sel in passage.selections:
        assert all(0 <= i < len(sel.paragraph.parts) for i in sel.parts)
