"""quotecite find: tolerant matching, word-by-word differences, output shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotecite.search.find import find

from conftest import DOC000, DOC001, SHIPPED_CORPUS

P16 = (
    "With good reason, relations with the socialist countries were identified as the priority "
    "for the Soviet Union’s foreign policy."
)


def best(quotation: str) -> tuple[str, float, list[dict[str, str]]]:
    c = find(SHIPPED_CORPUS, quotation, limit=3)[0]
    return c.citation_ref, c.score, [d.as_dict() for d in c.differences]


def test_done_when_paraphrase_of_paragraph_16(qc: Any) -> None:
    quotation = (
        "we must fulfil this role not through exhortation and not through directives, but "
        "through ideological influence, constructive initiatives and the power of example"
    )
    r = qc("find", quotation, "--json")
    assert r.exit_code == 0
    found = json.loads(r.stdout)
    assert (found[0]["doc"], found[0]["paragraph"]) == (DOC001, "16")
    assert set(found[0]) == {"doc", "paragraph", "score", "citation", "differences"}
    assert found[0]["differences"] == [
        {"kind": "changed", "quotation": "fulfil", "source": "fulfill"},
        {"kind": "missing", "quotation": "", "source": "especially"},
        {"kind": "missing", "quotation": "", "source": "political"},
        {"kind": "missing", "quotation": "", "source": "to deepen"},
        {"kind": "changed", "quotation": "and", "source": "collaboration"},
        {"kind": "missing", "quotation": "", "source": "our"},
    ]
    assert [c["score"] for c in found] == sorted((c["score"] for c in found), reverse=True)


def test_exact_sentence() -> None:
    assert best(P16) == (f"{DOC001} 16", 100.0, [])


@pytest.mark.parametrize(
    "quotation",
    [
        # punctuation and quote marks
        "With good reason relations with the socialist countries were identified as the priority "
        "for the Soviet Union's foreign policy",
        # case
        P16.upper(),
        # curly vs straight quotes around a word
        "With good reason, relations with the \u201csocialist countries\u201d were identified as "
        "the priority for the Soviet Union\u2019s foreign policy.",
    ],
)
def test_tolerated_without_differences(quotation: str) -> None:
    assert best(quotation) == (f"{DOC001} 16", 100.0, [])


def test_ellipses() -> None:
    for ellipsis in ("…", ". . .", "..."):
        ref, score, diffs = best(
            f"We have not yet fully assessed the scale {ellipsis} of the spiritual autarchy which "
            "predominated in the life of our country"
        )
        assert (ref, score) == (f"{DOC000} 3.1", 100.0)
        assert diffs == [{"kind": "elided", "quotation": "", "source": "and the consequences"}]


def test_bracketed_insertion() -> None:
    ref, score, diffs = best(
        "Stalin needed spiritual autarchy, because only in those conditions could Stalinism [in "
        "the USSR] as a phenomenon develop and survive"
    )
    assert (ref, score, diffs) == (f"{DOC000} 3.2", 100.0, [])
    # the source's own bracketed word is source text: replacing it is a difference
    ref, score, diffs = best(
        "But also because it allows [the Soviet Union] to fully turn on the spiritual factors of "
        "development in our work"
    )
    assert (ref, diffs) == (f"{DOC000} 2.4", [{"kind": "missing", "quotation": "", "source": "us"}])


def test_hyphenation() -> None:
    ref, score, diffs = best(
        "through ideological political influence, con- structive initiatives to deepen "
        "collaboration, the power of our example"
    )
    assert (ref, score, diffs) == (f"{DOC001} 16", 100.0, [])


def test_changed_and_missing_words() -> None:
    ref, score, diffs = best(
        "Stalin wanted spiritual autarchy, because only in such conditions could Stalinism develop "
        "and survive as a regime of personal power"
    )
    assert ref == f"{DOC000} 3.2"
    assert 80 <= score < 100
    assert diffs == [
        {"kind": "changed", "quotation": "wanted", "source": "needed"},
        {"kind": "changed", "quotation": "such", "source": "those"},
        {"kind": "missing", "quotation": "", "source": "as a phenomenon"},
    ]


def test_added_word() -> None:
    _, _, diffs = best(
        "We have not yet fully and properly assessed the scale and the consequences of the "
        "spiritual autarchy"
    )
    assert diffs == [{"kind": "added", "quotation": "and properly", "source": ""}]


def test_plain_output(qc: Any) -> None:
    r = qc(
        "find",
        "Stalin wanted spiritual autarchy, because only in those conditions could "
        "Stalinism develop",
        "--plain",
        "--limit",
        "2",
    )
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith(f"Best match: {DOC000} 3.2 (score ")
    assert lines[1] == "[Notes on the new political thinking], undated"
    assert "Differences from the source, word by word (quotation → source):" in lines
    assert "  changed    “wanted” → “needed”" in lines
    assert "  missing    “as a phenomenon”" in lines
    assert (
        "  Stalin [-wanted-]{+needed+} spiritual autarchy because only in those conditions could "
        "Stalinism {+as a phenomenon+} develop"
    ) in lines
    assert lines[-2] == "Other candidates:"
    assert lines[-1].startswith("  2. ")


def test_no_source(qc: Any) -> None:
    r = qc("find", "xylophones quietly serenade the marmalade", "--plain")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "quotecite: no source found for the quotation\n"
    assert qc("find", "xylophones serenade", "--json").stdout == "[]\n"


@pytest.mark.parametrize("quotation", ["…", "[only an insertion]", "!!!", "\x00"])
def test_nothing_to_find(qc: Any, quotation: str) -> None:
    r = qc("find", quotation)
    assert r.exit_code == 6
    assert r.stderr == "quotecite: error: nothing to find: the quotation has no words\n"


def test_hostile_quotations(qc: Any) -> None:
    r = qc("find", '"spiritual autarchy" OR body:x NEAR(', "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["doc"] == DOC000
    r = qc("find", "spiritual\x00autarchy " * 3000, "--json")  # long: no paragraph is like it
    assert (r.exit_code, r.stdout) == (0, "[]\n")


def test_citation_is_the_cite_commands(qc: Any) -> None:
    found = json.loads(qc("find", P16, "--json").stdout)
    cite = qc("cite", f"{DOC001} 16", "--json")
    assert cite.exit_code == 0, cite.stderr
    expected = json.loads(cite.stdout)["citation"]
    assert found[0]["citation"] == expected
    assert "16" in found[0]["citation"]
    plain = qc("find", P16, "--plain").stdout.splitlines()
    assert plain[3:5] == ["Citation:", f"  {expected}"]


def test_find_in_other_corpus(tmp_path: Path) -> None:
    from test_search_index import write_doc

    corpus = tmp_path / "c"
    corpus.mkdir()
    write_doc(corpus, "x", ["Peace is indivisible, said the minister, and so is security."])
    [c] = find(corpus, "peace is indivisible said the minister")
    assert (c.citation_ref, c.score) == ("x 1", 100.0)
