"""quotecite cite on the command line: output, JSON shape, formats, errors."""

from __future__ import annotations

import json
from typing import Any

from test_cite_seed import DOC6_BIB, DOC6_NOTE, DOC6_SHORT, GARF_MLA_BIB, GARF_MLA_CITE

from conftest import DOC000


def test_cite_text(qc: Any) -> None:
    r = qc("cite", "doc6", "16")
    assert r.exit_code == 0
    assert r.stdout == f"{DOC6_NOTE}\n\n{DOC6_BIB}\n"


def test_cite_mla_text(qc: Any) -> None:
    r = qc("cite", DOC000, "3", "--style", "mla")
    assert r.stdout == f"{GARF_MLA_CITE}\n\n{GARF_MLA_BIB}\n"


def test_cite_json_shape(qc: Any) -> None:
    r = qc("cite", "doc6, para. 16", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert list(data) == ["style", "citation", "subsequent", "ibid", "bibliography", "csl"]
    assert data["style"] == {
        "id": "quotecite-chicago-notes-archival",
        "title": "Chicago Manual of Style 18th edition (notes and bibliography, quotecite "
        "archival documents)",
        "edition": "CMOS 18",
    }
    assert data["citation"] == DOC6_NOTE
    assert data["subsequent"] == data["ibid"] == DOC6_SHORT
    assert data["csl"]["id"] == "gorbachev-1986-06-26"
    assert data["csl"]["number"] == "6"


def test_cite_official_style_json(qc: Any) -> None:
    data = json.loads(qc("cite", "doc6", "16", "-s", "chicago-author-date", "--json").stdout)
    assert data["style"]["id"] == "chicago-author-date"
    assert data["style"]["edition"] == "CMOS 18"
    assert data["citation"] == "(Gorbachev [1986] 2010, para. 16)"  # original-date


def test_legacy_style_id_says_so(qc: Any) -> None:
    r = qc("cite", "doc6", "16", "--style", "chicago-fullnote-bibliography", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout)["style"]["id"] == "chicago-notes-bibliography"
    assert r.stderr == (
        "quotecite: note: 'chicago-fullnote-bibliography' is the legacy id of Chicago notes and "
        "bibliography; using 'chicago-notes-bibliography' (CMOS 18)\n"
    )


def test_rtf_is_a_document(qc: Any) -> None:
    r = qc("cite", "doc6", "16", "--format", "rtf")
    assert r.stdout.startswith("{\\rtf1\\ansi")
    assert r.stdout.rstrip().endswith("}")
    assert "\\u8220?Memorandum" in r.stdout  # “ as an RTF unicode escape
    assert "{\\i Masterpieces of History" in r.stdout


def test_unknown_style_suggests(qc: Any) -> None:
    r = qc("cite", "doc6", "16", "--style", "chicgo")
    assert r.exit_code == 3
    assert r.stderr.startswith("quotecite: error: no style 'chicgo' (did you mean 'chicago'")
    assert "Traceback" not in r.stderr


def test_unknown_format_and_archive_style(qc: Any) -> None:
    r = qc("cite", "doc6", "16", "--format", "pdf")
    assert (r.exit_code, r.stderr) == (
        6,
        "quotecite: error: unknown format 'pdf' (use one of text, markdown, html, latex, rtf)\n",
    )
    r = qc("cite", "doc6", "16", "--archive-style", "german")
    assert r.exit_code == 6
    assert "unknown archive style 'german'" in r.stderr


def test_bad_paragraph(qc: Any) -> None:
    r = qc("cite", DOC000, "16")
    assert r.exit_code == 3
    assert r.stderr == (
        "quotecite: error: document 'garf-10063-1-190' has no paragraph 16 "
        "(it has paragraphs 1–9, src1)\n"
    )
