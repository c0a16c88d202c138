"""Bad input: one line on stderr, a documented exit status, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import DOC001


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["show", "gorbachov-1986"],
            3,
            "no document 'gorbachov-1986'; did you mean 'gorbachev-1986-06-26'?",
        ),
        (
            ["show", "doc6", "30"],
            3,
            f"document '{DOC001}' has no paragraph 30 (it has paragraphs 1–26, n1)",
        ),
        (
            ["show", "doc6", "16x"],
            4,
            "cannot read '16x' in passage reference 'doc6 16x' (separate paragraphs with commas: 3,7,9-11)",
        ),
        (
            ["show", "doc6", "9-3"],
            4,
            "range 9-3 runs backwards in document 'gorbachev-1986-06-26' (write 3-9)",
        ),
        (["info", "nothing-like-it"], 3, "no document 'nothing-like-it'"),
        (
            ["show", "g"],
            3,
            "'g' matches several documents: 'garf-10063-1-190', 'gorbachev-1986-06-26'; give more of the id",
        ),
    ],
)
def test_errors(qc: Any, args: list[str], status: int, message: str) -> None:
    r = qc(*args)
    assert (r.exit_code, r.stderr, r.stdout) == (status, f"quotecite: error: {message}\n", "")


def test_malformed_corpus_file(qc: Any, corpus_copy: Path) -> None:
    path = corpus_copy / f"{DOC001}.md"
    path.write_text(path.read_text("utf-8").replace("¶ 16\n", "¶ 16 main\n"), "utf-8")
    r = qc("show", "doc6", "16", "--corpus", str(corpus_copy))
    assert r.exit_code == 5
    line = path.read_text("utf-8").splitlines().index("¶ 16 main") + 1
    assert r.stderr.startswith(f"quotecite: error: {path}:{line}: unknown paragraph role 'main'")


def test_unreadable_corpus_file(qc: Any, corpus_copy: Path) -> None:
    path = corpus_copy / f"{DOC001}.md"
    path.write_bytes(b"\x00\xff" * 10)
    r = qc("show", DOC001, "--corpus", str(corpus_copy))
    assert r.exit_code == 5
    assert r.stderr == f"quotecite: error: {path}:1: not UTF-8 text\n"


def test_missing_corpus(qc: Any, tmp_path: Path) -> None:
    r = qc("show", "doc6", "--corpus", str(tmp_path / "none"))
    assert (r.exit_code, r.stderr) == (
        5,
        f"quotecite: error: {tmp_path / 'none'}: corpus directory does not exist\n",
    )


def test_unknown_command_and_option(qc: Any) -> None:
    assert qc("shwo").exit_code == 2
    assert qc("show", "doc6", "--bogus").exit_code == 2
