"""Selecting sentences and word spans, and the CMOS / MLA ellipsis and bracket rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotecite.corpus import Corpus
from quotecite.errors import NotFoundError, ReferenceSyntaxError
from quotecite.quoting import build
from quotecite.quoting.quotation import Changed, Omission, Text
from quotecite.quoting.select import parse_sentence_spec
from quotecite.quoting.sentences import ends_sentence, sentence_spans


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus()


def plain(corpus: Corpus, ref: str, **kw: object) -> str:
    return build(corpus.passage(ref), **kw).quotation.plain()  # type: ignore[arg-type]


# ------------------------------------------------------------------ sentences
def test_sentences_of_paragraph_16(corpus: Corpus) -> None:
    text = corpus.passage("doc6 16").text()
    starts = [text[a : a + 20] for a, _ in sentence_spans(text)]
    assert starts == [
        "With good reason, re",
        "First of all, we nee",
        "We understand that t",
        "Our country was obje",
        "But we must fulfill ",
    ]


def test_abbreviations_and_initials_end_no_sentence() -> None:
    text = "Relations with the U.S. and the West matter. V. I. Lenin said so. See ll. 5–7 here."
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "Relations with the U.S. and the West matter.",
        "V. I. Lenin said so.",
        "See ll. 5–7 here.",
    ]


def test_sentence_ending_inside_quotation_marks(corpus: Corpus) -> None:
    text = corpus.passage("garf 3").document.paragraphs[2].parts[0].text
    _first, second, *_ = (text[a:b] for a, b in sentence_spans(text))
    assert second.endswith("behind an “iron curtain.”")


@given(st.text(alphabet="Ab .?!“”\n", max_size=80))
def test_sentence_spans_are_ordered_and_inside_the_text(text: str) -> None:
    spans = sentence_spans(text)
    pos = 0
    for a, b in spans:
        assert pos <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
        pos = b


def test_ends_sentence() -> None:
    assert ends_sentence("an “iron curtain.”")
    assert ends_sentence("Why?")
    assert not ends_sentence("the power of our example,")


@pytest.mark.parametrize(
    ("spec", "ranges"),
    [("2", [(2, 2)]), ("2-3", [(2, 3)]), ("1,3-4", [(1, 1), (3, 4)]), ("2 to 5", [(2, 5)])],
)
def test_sentence_spec(spec: str, ranges: list[tuple[int, int]]) -> None:
    assert parse_sentence_spec(spec) == ranges


@pytest.mark.parametrize("spec", ["", "two", "3-1", "0"])
def test_bad_sentence_spec(spec: str) -> None:
    with pytest.raises(ReferenceSyntaxError):
        parse_sentence_spec(spec)


def test_sentence_out_of_range(corpus: Corpus) -> None:
    with pytest.raises(NotFoundError, match=r"'gorbachev-1986-06-26 16' has 5 sentences"):
        build(corpus.passage("doc6 16"), sentences="6")


# ------------------------------------------------------------------ ellipses (CMOS 12 / MLA 6)
def test_whole_sentence_no_ellipsis(corpus: Corpus) -> None:
    assert plain(corpus, "doc6 15", sentences="1") == (
        "This conclusion suggests itself: a genuine turning point in the entire system of "
        "collaboration with our allies is needed."
    )


def test_omitted_sentence_keeps_full_stop_then_three_dots(corpus: Corpus) -> None:
    assert plain(corpus, "doc6 16", sentences="2,4") == (
        "First of all, we need to ensure that this general formula is filled with real "
        "content. . . . Our country was objectively placed into the leadership role in the "
        "socialist world as a guarantor of security for the fraternal countries and their "
        "social achievements."
    )


def test_fragment_opening_a_run_in_quotation_has_no_ellipsis_and_no_change(
    corpus: Corpus,
) -> None:
    q = build(corpus.passage("doc6 16"), words=["we must fulfill … our example"]).quotation
    assert not q.block
    assert q.paragraphs == (
        (
            Text(
                "we must fulfill this role not through exhortation and especially not through "
                "directives, but through ideological-political influence, constructive "
                "initiatives to deepen collaboration, the power of our example"
            ),
        ),
    )


def test_fragment_ends_without_ellipsis_or_trailing_comma(corpus: Corpus) -> None:
    assert plain(corpus, "doc6 16", words=["relations with … identified"]) == (
        "relations with the socialist countries were identified"
    )


def test_omission_within_a_sentence(corpus: Corpus) -> None:
    assert plain(
        corpus, "doc6 16", words=["we must fulfill … directives", "the power of our example"]
    ) == (
        "we must fulfill this role not through exhortation and especially not through "
        "directives . . . the power of our example"
    )


def test_capital_after_a_sentence_and_ellipsis_is_bracketed(corpus: Corpus) -> None:
    q = build(
        corpus.passage("doc6 16"),
        words=["we need to ensure … real content", "this role … directives"],
    ).quotation
    assert q.paragraphs[0][1:] == (
        Omission(),
        Changed("T"),
        Text("his role not through exhortation and especially not through directives"),
    )
    assert q.plain().startswith("we need to ensure that this general formula is filled with")
    assert "real content. . . . [T]his role" in q.plain()


def test_block_quotation_opening_with_a_fragment_gets_a_bracketed_capital(
    corpus: Corpus,
) -> None:
    q = build(corpus.passage("doc6 16"), words=["we must fulfill … our example"], block=True)
    assert q.quotation.block
    assert q.quotation.plain().startswith("[W]e must fulfill this role")


@pytest.mark.parametrize(
    ("initial", "start"), [("lower", "[t]his conclusion"), ("upper", "This conclusion")]
)
def test_initial_adapted_to_the_writers_sentence(corpus: Corpus, initial: str, start: str) -> None:
    assert plain(corpus, "doc6 15", sentences="1", initial=initial).startswith(start)


def test_upper_initial_for_a_fragment(corpus: Corpus) -> None:
    assert plain(corpus, "doc6 15", words=["a genuine … is needed"], initial="upper") == (
        "[A] genuine turning point in the entire system of collaboration with our allies is needed."
    )


def test_omitted_paragraph_marked_at_end_of_the_paragraph_before(corpus: Corpus) -> None:
    q = build(corpus.passage("doc6 12-13"), sentences="1,3,5").quotation
    assert q.block  # two paragraphs: always a block quotation
    assert q.plain() == (
        "We should admit honestly that Moscow has been viewed as a kind of conservative power "
        "that hindered reforms that were ripe for implementation. . . . Instead of jointly "
        "discussing topical issues of socialist development we often assumed the function of "
        "sole custodian of Marxist-Leninist teachings; at the same time we judged everything "
        "from our own standpoint, inadequately considering the novelty of the issues and the "
        "specific character of the fraternal countries. . . .\n\n"
        "All of these shortcomings have built up over the years and have done real damage."
    )


def test_omitted_start_of_a_later_paragraph(corpus: Corpus) -> None:
    q = build(
        corpus.passage("doc6 17-18"), words=["What do", "First of all", "a radical … realized"]
    )
    assert q.quotation.plain() == (
        "What do . . .\n\n"
        "First of all . . . A radical perestroika of the economic cooperation mechanism must "
        "be realized"
    )
    words = build(
        corpus.passage("doc6 17-18"),
        words=["the practical tasks … look like?", "consolidate … unity"],
    )
    second = words.quotation.plain().split("\n\n")[1]
    assert second == ". . . consolidate the socialist countries’ unity"


def test_footnote_markers_are_never_quoted(corpus: Corpus) -> None:
    text = plain(corpus, "doc6 1", words=["Drafted by … the document"])
    assert text == "Drafted by Shakhnazarov and Vadim Medvedev, the document"
    assert "[^" not in plain(corpus, "doc6 1", sentences="3")


def test_words_prefer_the_documents_own_paragraphs_over_the_headnote(corpus: Corpus) -> None:
    q = build(corpus.passage("doc6"), words=["we must fulfill this role"])
    assert q.passage.pinpoint() == "16"


def test_words_not_in_passage(corpus: Corpus) -> None:
    where = "'gorbachev-1986-06-26 16'"
    with pytest.raises(NotFoundError, match=f"'perestroika now' is not in {where}"):
        build(corpus.passage("doc6 16"), words=["perestroika now"])
    with pytest.raises(NotFoundError, match="'With good' does not follow 'our example'"):
        build(corpus.passage("doc6 16"), words=["our example … With good"])


def test_whole_document_needs_a_selection(corpus: Corpus) -> None:
    with pytest.raises(ReferenceSyntaxError, match="say what to quote"):
        build(corpus.passage("doc6"))


def test_sentences_and_words_together_refused(corpus: Corpus) -> None:
    with pytest.raises(ReferenceSyntaxError, match="not both"):
        build(corpus.passage("doc6 16"), sentences="1", words=["With"])


# ------------------------------------------------------------------ block thresholds
def test_chicago_block_at_100_words(corpus: Corpus) -> None:
    # ¶16 is 122 words: CMOS sets off 100 or more; sentences 1-4 (84 words) run in
    assert build(corpus.passage("doc6 16")).quotation.block
    assert build(corpus.passage("doc6 16")).quotation.words == 122
    four = build(corpus.passage("doc6 16"), sentences="1-4").quotation
    assert four.words == 84 and not four.block


def test_mla_block_past_four_lines(corpus: Corpus) -> None:
    q = build(corpus.passage("doc6 16"), sentences="1-3", style="mla")
    assert q.quotation.words == 58 and q.quotation.block
    short = build(corpus.passage("doc6 16"), sentences="1-2", style="mla")
    assert short.quotation.words == 35 and not short.quotation.block
    apa = build(corpus.passage("doc6 16"), sentences="5", style="apa")
    assert apa.quotation.words == 38 and not apa.quotation.block
    assert build(corpus.passage("doc6 16"), sentences="4-5", style="apa").quotation.block


def test_run_in_forced_for_one_paragraph(corpus: Corpus) -> None:
    assert not build(corpus.passage("doc6 16"), block=False).quotation.block
    # but two paragraphs are always set off
    assert build(corpus.passage("doc6 12-13"), sentences="1,5", block=False).quotation.block


def test_citation_cites_the_paragraphs_quoted(corpus: Corpus) -> None:
    q = build(corpus.passage("doc6 12-16"), words=["Take this fact … behind"])
    assert q.passage.pinpoint() == "13"
    assert q.quotation.addresses == ("13",)
