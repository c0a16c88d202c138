"""Corpus text is data: markup-like text and terminal escapes print literally and safely."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

HOSTILE = "He wrote [sic] and [illegible] then [/i] [bold red]x[/] and \x1b[2J\x1b]0;pwned\x07 end."
SHOWN = (
    "He wrote [sic] and [illegible] then [/i] [bold red]x[/] and \\x1b[2J\\x1b]0;pwned\\x07 end."
)


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "h.md").write_text(
        '+++\nid = "h"\ntitle = "T [/i] \\u001b[31m"\n+++\n\n¶ 1\n' + HOSTILE + "\n", "utf-8"
    )
    return corpus


@pytest.mark.parametrize("mode", ["--plain", "--rich"])
def test_markup_and_escapes_are_literal(qc: Any, hostile_corpus: Path, mode: str) -> None:
    r = qc("show", "h", "1", mode, "--corpus", str(hostile_corpus))
    assert r.exit_code == 0
    assert "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "T [/i] \\x1b[31m" in r.stdout
    flat = " ".join(r.stdout.split())
    assert " ".join(SHOWN.split()) in flat


def test_json_keeps_the_exact_text(qc: Any, hostile_corpus: Path) -> None:
    r = qc("show", "h", "1", "--json", "--corpus", str(hostile_corpus))
    assert "\x1b" not in r.stdout  # JSON escapes control characters
    assert json.loads(r.stdout)["paragraphs"][0]["text"] == HOSTILE


def test_info_and_list_are_safe_too(qc: Any, hostile_corpus: Path) -> None:
    for args in (["info", "h"], ["list"], ["info", "h", "--rich"], ["list", "--rich"]):
        r = qc(*args, "--corpus", str(hostile_corpus))
        assert r.exit_code == 0 and "\x1b" not in r.stdout, args
