"""The console script's lean path for ``show`` must behave exactly like the typer command."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from quotecite.cli.entry import lean_bib, lean_cite, lean_show, parse_args, parse_show_args

CASES = [
    ["doc6", "16"],
    ["garf", "3", "--json"],
    ["doc6", "16", "--context", "2"],
    ["--context=1", "doc6", "3"],
    ["-C", "1", "garf", "3.2"],
    ["doc6 ¶¶3–5", "--plain"],
    ["doc6, para. 16", "--json"],
    ["gorbachov"],
    ["doc6", "99"],
    ["doc6", "1x"],
    ["g"],
    ["--", "doc6", "16"],
]


def _same_as_typer(
    lean: Callable[[list[str]], int | None],
    command: str,
    args: list[str],
    qc: Any,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str]:
    """Run ``args`` through the lean path and through typer: the same status, stdout and
    stderr (returned: the status and stdout)."""
    status = lean(args)
    out = capsys.readouterr()
    full = qc(command, *args)
    assert status is not None
    assert (status, out.out, out.err) == (full.exit_code, full.stdout, full.stderr)
    return status, out.out


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_lean_path_equals_typer_command(
    args: list[str], qc: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _same_as_typer(lean_show, "show", args, qc, capsys)


def test_lean_path_with_corpus_option(
    corpus_copy: Path, qc: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus_copy / "garf-10063-1-190.md").unlink()
    args = ["garf", "--corpus", str(corpus_copy)]
    status = lean_show(args)
    lean = capsys.readouterr()
    full = qc("show", *args)
    assert (
        (status, lean.out, lean.err)
        == (full.exit_code, full.stdout, full.stderr)
        == (3, "", "quotecite: error: no document 'garf'\n")
    )


DEV_ITEMS = str(Path(__file__).resolve().parent / "data" / "citations" / "dev_items.json")
CITE_CASES = [
    ["doc6", "16"],
    ["andreeva-1988", "3", "--items", DEV_ITEMS],
    ["andreeva-1988:3-5", "--items", DEV_ITEMS, "--style", "mla", "--json"],
    ["chernyaev-diary-1985a", "--items", DEV_ITEMS, "-f", "html"],
    ["no-such-item", "--items", DEV_ITEMS],
    ["andreeva-1988", "--items", "missing.json"],
    ["garf", "3", "--style", "mla"],
    ["garf", "3.2", "-s", "chicago-author-date", "--json"],
    ["doc6", "3-5", "--format", "markdown"],
    ["doc6", "16", "-f", "html", "--archive-style=russian"],
    ["garf", "3", "--archive-style", "russian", "--format", "latex"],
    ["doc6", "16", "--format", "rtf"],
    ["doc6", "16", "--style", "chicago-fullnote-bibliography"],
    ["doc6", "16", "--style", "chicgo"],
    ["doc6", "16", "--format", "docx"],
    ["doc6", "99"],
    ["nothing-here"],
]


@pytest.mark.parametrize("args", CITE_CASES, ids=[" ".join(c) for c in CITE_CASES])
def test_lean_cite_equals_typer_command(
    args: list[str], qc: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _same_as_typer(lean_cite, "cite", args, qc, capsys)


BIB_CASES = [
    ["--all"],
    ["doc6", "garf", "--style", "mla"],
    ["--all", "--json", "-s", "chicago-author-date"],
    ["--all", "--format", "rtf"],
    ["--all", "-f", "latex", "--archive-style=russian"],
    ["--all", "--items", DEV_ITEMS, "--style", "modern-language-association"],
    ["andreeva-1988", "garf-10063-1-190", "--items", DEV_ITEMS, "--json"],
    ["nothing-here"],
    ["no-such-item", "--items", DEV_ITEMS],
    ["--all", "--style", "chicgo"],
    ["--all", "--items", "missing.json"],
    ["--all", "--format", "docx"],
]


@pytest.mark.parametrize("args", BIB_CASES, ids=[" ".join(c[:4]) for c in BIB_CASES])
def test_lean_bib_equals_typer_command(
    args: list[str], qc: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _same_as_typer(lean_bib, "bib", args, qc, capsys)
    assert out or status != 0


def test_bib_without_refs_or_all_is_left_to_typer() -> None:
    assert parse_args("bib", ["--json"]) is None
    assert parse_args("bib", ["--all", "--bogus"]) is None


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["doc6", "--rich"],
        ["doc6", "--context"],
        ["doc6", "--context", "x"],
        [],
        ["--bogus", "doc6"],
    ],
)
def test_what_the_lean_path_leaves_to_typer(args: list[str]) -> None:
    assert parse_show_args(args) is None


def test_lean_path_imports_neither_typer_nor_rich() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['quotecite', 'show', 'doc6', '16']\n"
        "from quotecite.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'click', 'citeproc', 'lxml'})\n"
        "sys.stderr.write(f'{code} {heavy}')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stderr == "0 []"
    assert "16  With good reason" in r.stdout


def test_lean_bib_imports_neither_typer_nor_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['quotecite', 'bib', '--all', '--items', {DEV_ITEMS!r}]\n"
        "from quotecite.cli.entry import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'rich', 'click'})\n"
        "sys.stderr.write(f'{code} {heavy}')\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QUOTECITE_CACHE_DIR": str(tmp_path)},
    )
    assert r.stderr == "0 []"
    assert len(r.stdout.splitlines()) == 36


def test_console_script_end_to_end() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "quotecite", "show", "gorbachov"], capture_output=True, text=True
    )
    assert (r.returncode, r.stdout) == (3, "")
    assert (
        r.stderr
        == "quotecite: error: no document 'gorbachov'; did you mean 'gorbachev-1986-06-26'?\n"
    )
