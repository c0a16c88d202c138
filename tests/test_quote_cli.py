"""``quotecite quote`` on the command line: JSON, --copy, and error messages."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from conftest import DOC001


def test_json(qc: Any) -> None:
    r = qc("quote", "doc6", "16", "--sentences", "2,4", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["document"] == DOC001
    assert data["paragraphs"] == ["16"] and data["pinpoint"] == "16"
    assert data["block"] is False and data["words"] == 45 and data["in_text"] is False
    assert data["quotation"].startswith("First of all, we need to ensure")
    assert ". . . . Our country" in data["quotation"]
    assert data["rules"]["family"] == "chicago"
    assert data["style"]["id"] == "quotecite-chicago-notes-archival"
    assert data["output"].startswith("“First of all")
    assert data["citation"].endswith("para. 16.")


def test_copy_without_a_clipboard(qc: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    r = qc("quote", "doc6", "15", "--sentences", "1", "--copy")
    assert r.exit_code == 0
    assert r.stdout.startswith("“This conclusion suggests itself")
    assert r.stderr == (
        "quotecite: no clipboard on this machine (no display, or no wl-copy, xclip, xsel or "
        "pbcopy); printed the quotation instead\n"
    )


def test_copy_with_a_clipboard_tool(
    qc: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A stand-in ``wl-copy`` on PATH (this machine has no display to run the real one)."""
    tool = tmp_path / "wl-copy"
    got = tmp_path / "clipboard"
    tool.write_text(f'#!/bin/sh\necho "$@" > {got}.args\ncat > {got}\n', encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    r = qc("quote", "doc6", "15", "--sentences", "1", "--copy", "-f", "html")
    assert (r.exit_code, r.stdout) == (0, "")
    assert r.stderr == "quotecite: copied the quotation to the clipboard (wl-copy)\n"
    assert got.read_text(encoding="utf-8").startswith("“This conclusion suggests itself")
    assert (tmp_path / "clipboard.args").read_text(encoding="utf-8") == "--type text/html\n"


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ["doc6", "99"],
            3,
            "document 'gorbachev-1986-06-26' has no paragraph 99 (it has paragraphs 1–26, n1)",
        ),
        (["doc6", "16", "--words", "nope"], 3, "'nope' is not in 'gorbachev-1986-06-26 16'"),
        (
            ["doc6", "16", "--sentences", "9"],
            3,
            "'gorbachev-1986-06-26 16' has 5 sentences; there is no sentence 9",
        ),
        (
            ["doc6", "16", "--sentences", "x"],
            4,
            "cannot read sentences 'x' (write them like 2, 2-3 or 1,3-4)",
        ),
        (
            ["doc6", "16", "--sentences", "1", "--words", "With"],
            4,
            "give --sentences or --words, not both",
        ),
        (
            ["doc6"],
            4,
            "say what to quote from 'gorbachev-1986-06-26' "
            "(give paragraphs (doc6 16), --sentences with them, or --words)",
        ),
        (
            ["doc6", "16", "-f", "docx"],
            6,
            "unknown format 'docx' (use one of markdown, latex, html, rtf, text)",
        ),
        (
            ["doc6", "16", "--initial", "sideways"],
            6,
            "unknown initial 'sideways' (use lower or upper)",
        ),
        (["nosuchdoc", "1"], 3, "no document 'nosuchdoc'"),
    ],
)
def test_errors(qc: Any, args: list[str], status: int, message: str) -> None:
    r = qc("quote", *args)
    assert r.exit_code == status
    assert r.stdout == ""
    assert r.stderr == f"quotecite: error: {message}\n"
