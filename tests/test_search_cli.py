"""quotecite search / index: ranking with known answers, filters, output shapes, errors."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import pytest
from test_search_index import write_doc

from quotecite.cli.entry import LEAN

from conftest import DOC000, DOC001, SHIPPED_CORPUS


def test_done_when_spiritual_autarchy(qc: Any) -> None:
    r = qc("search", "spiritual autarchy", "--json")
    assert r.exit_code == 0
    hits = json.loads(r.stdout)
    assert hits[0]["doc"] == DOC000
    assert hits[0]["paragraph"].split(".")[0] == "3"
    assert set(hits[0]) == {"doc", "paragraph", "score", "snippet", "citation_ref"}
    assert hits[0]["citation_ref"] == f"{DOC000} {hits[0]['paragraph']}"
    assert "**spiritual autarchy**" in hits[0]["snippet"]
    # every hit's reference is one `show` accepts, and shows the matched words
    for hit in hits:
        shown = qc("show", hit["citation_ref"], "--plain")
        assert shown.exit_code == 0
        assert "autarchy" in shown.stdout.lower() or "autarky" in shown.stdout.lower()


def test_plain_output(qc: Any) -> None:
    r = qc("search", '"power of our example"', "--plain")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == (
        f"{DOC001} 16  Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on Topical "
        "Questions regarding Collaboration with Socialist Countries, June 26, 1986"
    )
    assert "**power of our example**" in r.stdout.splitlines()[1]
    assert "\x1b" not in r.stdout


def test_insensitive_to_case_accents_quotes(qc: Any) -> None:
    for query in ("chernyaev", "CHERNYAEV", "Chérnyaev"):
        hits = json.loads(qc("search", query, "--json").stdout)
        assert [h["citation_ref"] for h in hits] == [f"{DOC001} 2"]
    # “iron curtain” in curly quotes in the text, straight quotes in the query
    hits = json.loads(qc("search", '"iron curtain"', "--json").stdout)
    assert [h["citation_ref"] for h in hits] == [f"{DOC000} 3.1"]


@pytest.fixture
def ranked(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(
        corpus, "a-1980", ["Walrus walrus walrus.", "The carpenter worked."], date="1980-03-01"
    )
    write_doc(
        corpus,
        "b-1985",
        ["One walrus among many other animals in a long list of words here."],
        date="1985-07",
        acronym="RGANI",
    )
    write_doc(
        corpus, "c-1990", ["The walrus and the carpenter walked on.", "Oysters."], date="1990"
    )
    return corpus


def _refs(qc: Any, *args: str) -> list[str]:
    r = qc("search", *args, "--json")
    assert r.exit_code == 0, r.stderr
    return [h["citation_ref"] for h in json.loads(r.stdout)]


def test_ranking_known_answers(qc: Any, ranked: Path) -> None:
    c = str(ranked)
    assert _refs(qc, "walrus", "--corpus", c) == ["a-1980 1", "c-1990 1", "b-1985 1"]
    assert _refs(qc, "walrus carpenter", "--corpus", c) == ["c-1990 1"]
    either = _refs(qc, "walrus OR carpenter", "--corpus", c)
    assert sorted(either) == ["a-1980 1", "a-1980 2", "b-1985 1", "c-1990 1"]
    assert either.index("c-1990 1") < either.index("b-1985 1")  # both words beat one, diluted
    assert _refs(qc, "walrus NOT carpenter", "--corpus", c) == ["a-1980 1", "b-1985 1"]
    assert sorted(_refs(qc, "carp*", "--corpus", c)) == ["a-1980 2", "c-1990 1"]
    assert _refs(qc, '"the carpenter walked"', "--corpus", c) == ["c-1990 1"]
    assert _refs(qc, "--limit", "1", "walrus", "--corpus", c) == ["a-1980 1"]


def test_filters(qc: Any, ranked: Path) -> None:
    c = str(ranked)
    assert _refs(qc, "walrus", "--doc", "b-1985", "--corpus", c) == ["b-1985 1"]
    assert _refs(qc, "walrus", "--doc", "c", "--corpus", c) == ["c-1990 1"]  # id prefix
    assert _refs(qc, "walrus", "--from", "1985-07-15", "--corpus", c) == ["c-1990 1", "b-1985 1"]
    assert _refs(qc, "walrus", "--to", "1985", "--corpus", c) == ["a-1980 1", "b-1985 1"]
    assert _refs(qc, "walrus", "--from", "1981", "--to", "1989", "--corpus", c) == ["b-1985 1"]
    assert _refs(qc, "walrus", "--archive", "rganI", "--corpus", c) == ["b-1985 1"]
    assert _refs(qc, "walrus", "--archive", "AVP", "--corpus", c) == []


def test_filter_errors(qc: Any, ranked: Path) -> None:
    r = qc("search", "walrus", "--doc", "zzz", "--corpus", str(ranked))
    assert r.exit_code == 3
    assert r.stderr == "quotecite: error: no document 'zzz'\n"
    r = qc("search", "walrus", "--from", "1985-13", "--corpus", str(ranked))
    assert r.exit_code == 6
    assert r.stderr.startswith("quotecite: error: date '1985-13' has no month 13")


@pytest.mark.parametrize(
    "query",
    [
        "body:walrus",
        'walrus"',
        "AND",
        "OR OR",
        "NOT walrus",
        "NEAR(walrus carpenter)",
        "walrus\x00carpenter",
        "x" * 100_000,
        " ".join(["walrus"] * 5000),
        "'; DROP TABLE docs; --",
        "*walrus",
        "((((walrus",
        "walrus)))))",
    ],
)
def test_hostile_queries(qc: Any, ranked: Path, query: str) -> None:
    r = qc("search", query, "--json", "--corpus", str(ranked))
    assert r.exit_code == 0, r.stderr
    assert isinstance(json.loads(r.stdout), list)
    assert _refs(qc, "walrus", "--corpus", str(ranked))  # the index is intact


@pytest.mark.parametrize("query", ["!!!", '"', "\x00", "()"])
def test_nothing_to_search(qc: Any, query: str) -> None:
    r = qc("search", query)
    assert r.exit_code == 6
    assert r.stderr == "quotecite: error: nothing to search for: the query has no words\n"


def test_no_matches(qc: Any) -> None:
    r = qc("search", "xylophone", "--plain")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "quotecite: no matches\n")
    assert qc("search", "xylophone", "--json").stdout == "[]\n"


def test_index_command(qc: Any, ranked: Path) -> None:
    r = qc("index", "--corpus", str(ranked))
    assert r.exit_code == 0
    assert r.stdout == (
        "3 files: 3 added, 0 updated, 0 removed; index holds 3 documents, 5 paragraphs\n"
    )
    r = qc("index", "--corpus", str(ranked), "--json")
    assert json.loads(r.stdout) == {
        "files": 3,
        "added": 0,
        "updated": 0,
        "removed": 0,
        "unchanged": 3,
        "documents": 3,
        "paragraphs": 5,
        "errors": [],
    }
    r = qc("index", "--rebuild", "--corpus", str(ranked))
    assert r.stdout.startswith("3 files: 3 added,")


@pytest.mark.parametrize(
    "args",
    [
        ["search", "spiritual", "autarchy", "--plain"],
        ["search", "socialism", "--json", "-n", "3", "--doc", "doc6"],
        ["search", "--to", "1986", "socialism", "--plain"],
        ["find", "the power of our example", "--json"],
        ["find", "the power of our example", "--plain", "--limit=2"],
    ],
)
def test_lean_path_matches_full_cli(
    qc: Any, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTECITE_CORPUS", str(SHIPPED_CORPUS))
    full = qc(*args)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    with redirect_stdout(out):
        status = LEAN[args[0]](args[1:])
    assert status == full.exit_code == 0
    assert out.getvalue() == full.stdout


def test_index_progress_bar_on_stderr(
    qc: Any, ranked: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotecite.search import commands

    monkeypatch.setattr(commands, "PROGRESS_MIN", 1)
    r = qc("index", "--corpus", str(ranked), "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["added"] == 3  # stdout stays pure data
    assert r.stderr == ""  # not a terminal: no bar

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr(sys, "stderr", err)
    with commands.ProgressBar() as bar:
        bar(500, 1000)
        bar(1000, 1000)
    assert "Indexing corpus" in err.getvalue()


@pytest.mark.parametrize(
    "name", ["doc6", "DOC6", "gorb", "gorbachev-1986-06-26", "new-pol", "garf"]
)
def test_doc_filter_takes_every_name_show_takes(qc: Any, name: str) -> None:
    """`search --doc NAME` and `show NAME` name the same document (id, alias, prefix of either)."""
    from quotecite.corpus import Corpus

    expected = Corpus().document(name).id
    r = qc("search", "the", "--doc", name, "--json")
    assert r.exit_code == 0, r.stderr
    assert {hit["doc"] for hit in json.loads(r.stdout)} == {expected}
