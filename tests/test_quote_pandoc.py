"""The pandoc round trip: ``quotecite export --to csl-json`` as pandoc's bibliography, and
pandoc's ``[@id, para. 16]`` citations rendered with the same CSL style as ``quotecite cite``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from quotecite.csl import styles

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(
    PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)"
)


def pandoc_cite(qc: Any, tmp_path: Path, style: str, text: str) -> list[str]:
    r = qc("export", "--all", "--to", "csl-json")
    assert r.exit_code == 0, r.stderr
    (tmp_path / "corpus.json").write_text(r.stdout, encoding="utf-8")
    (tmp_path / "paper.md").write_text(text, encoding="utf-8")
    csl = styles.resolve(style, corpus=True).path
    out = subprocess.run(
        [
            str(PANDOC),
            "paper.md",
            "--citeproc",
            "--bibliography",
            "corpus.json",
            "--csl",
            str(csl),
            "-t",
            "plain",
            "--wrap=none",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0 and out.stderr == "", out.stderr
    return [p.strip() for p in out.stdout.split("\n\n") if p.strip()]


def cite(qc: Any, style: str, *ref: str) -> list[str]:
    r = qc("cite", *ref, "--style", style)
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip().split("\n\n")


def test_chicago_notes_and_bibliography_match(qc: Any, tmp_path: Path) -> None:
    paras = pandoc_cite(
        qc,
        tmp_path,
        "chicago",
        "Text.[@gorbachev-1986-06-26, para. 16]\n\nMore.[@garf-10063-1-190, para. 3]\n",
    )
    note16, bib_memo = cite(qc, "chicago", "doc6", "16")
    note3, bib_garf = cite(qc, "chicago", "garf", "3")
    assert paras[:2] == ["Text.[1]", "More.[2]"]
    # pandoc sorts the bibliography; then the notes
    assert paras[2:] == [bib_garf, bib_memo, f"[1] {note16}", f"[2] {note3}"]


def test_mla_in_text_citations_match(qc: Any, tmp_path: Path) -> None:
    paras = pandoc_cite(
        qc,
        tmp_path,
        "mla",
        "Text [@gorbachev-1986-06-26, para. 16].\n\nMore [@garf-10063-1-190, paras. 3-4].\n",
    )
    assert paras[0] == f"Text {cite(qc, 'mla', 'doc6', '16')[0]}."
    assert paras[1] == f"More {cite(qc, 'mla', 'garf', '3-4')[0]}."
    bib_garf = cite(qc, "mla", "garf", "3")[1]
    bib_memo = cite(qc, "mla", "doc6", "16")[1]
    assert paras[2] == bib_garf
    # pandoc's own en-US locale abbreviates June ("Jun."); MLA 9 and quotecite do not abbreviate
    # May, June or July. Everything else in the entry is the same.
    assert "26 June 1986" in bib_memo
    assert paras[3] == bib_memo.replace("26 June 1986", "26 Jun. 1986")


def test_quote_footnote_is_the_pandoc_citation(qc: Any, tmp_path: Path) -> None:
    """A pasted ``quote`` footnote and a pandoc citation of the same paragraph render alike."""
    out = qc("quote", "doc6", "16", "--sentences", "5", "-f", "markdown").stdout
    quoted, note = out.strip().split("\n\n")
    paras = pandoc_cite(
        qc,
        tmp_path,
        "chicago",
        f"{quoted}\n\n{note}\n\nAgain.[@gorbachev-1986-06-26, para. 16]\n",
    )
    ours = next(p for p in paras if p.startswith("[1] "))
    theirs = next(p for p in paras if p.startswith("[2] "))
    # pandoc's smart typography ties a known abbreviation ("ed.") to the next word with a
    # non-breaking space in Markdown it reads; the citation pandoc makes itself has a space
    assert ours[4:].replace("\u00a0", " ") == theirs[4:]
