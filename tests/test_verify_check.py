"""``quotecite verify``: exact, altered, truncated, misattributed and invented quotations."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from quotecite.corpus import Corpus
from quotecite.verify import Checker
from quotecite.verify.extract import Found, extract_markdown

DATA = Path(__file__).parent / "data" / "manuscripts"
PANDOC = shutil.which("pandoc")


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Corpus())


def check(checker: Checker, markdown: str) -> list[tuple[str, str | None, str | None, list[Any]]]:
    out = []
    for found in extract_markdown(markdown, checker.names):
        r = checker.check(found)
        out.append((r.status, r.doc, r.paragraph, r.differences))
    return out


def one(checker: Checker, markdown: str) -> tuple[str, str | None, str | None, list[Any]]:
    (row,) = check(checker, markdown)
    return row


DOC6 = "gorbachev-1986-06-26"
GARF = "garf-10063-1-190"


def test_exact_with_and_without_citation(checker: Checker) -> None:
    q = "“Our interactions on questions of foreign policy also leave much to be desired.”"
    assert one(checker, q) == ("exact", DOC6, "14", [])
    assert one(checker, q + " [@doc6, para. 14]") == ("exact", DOC6, "14", [])
    assert one(checker, q + " [@doc6, paras. 13–15]") == ("exact", DOC6, "14", [])


def test_exact_with_ellipsis_and_bracketed_capital(checker: Checker) -> None:
    q = (
        "> [W]e must fulfill this role not through exhortation . . . but through "
        "ideological-political influence.[^1]\n\n[^1]: doc6 16."
    )
    assert one(checker, q) == ("exact", DOC6, "16", [])


def test_quote_output_verifies_exact(checker: Checker, qc: Any) -> None:
    """What ``quotecite quote`` writes, ``quotecite verify`` finds word for word."""
    for args in (
        ["doc6", "16", "--sentences", "2,4"],
        [
            "doc6",
            "16",
            "--words",
            "we need to ensure … real content",
            "--words",
            "this role … directives",
        ],
        ["doc6", "12-13", "--sentences", "1,3,5"],
        ["garf", "3", "--sentences", "1,13"],
        ["doc6", "15", "--sentences", "1", "--initial", "lower", "--style", "mla"],
    ):
        out = qc("quote", *args).stdout
        (row,) = check(checker, f"As the source has it, {out}" if out.startswith("“") else out)
        assert row[0] == "exact", (args, row)


def test_changed_word(checker: Checker) -> None:
    assert one(
        checker, "“this process is far behind the integration process” [@doc6, para. 13]"
    ) == ("differs", DOC6, "13", [{"kind": "changed", "source": "sharply", "quoted": "far"}])


def test_added_word(checker: Checker) -> None:
    assert one(
        checker,
        "“Our interactions on questions of foreign policy also leave very much to be desired.”",
    ) == ("differs", DOC6, "14", [{"kind": "added", "source": "", "quoted": "very"}])


def test_truncated_without_ellipsis(checker: Checker) -> None:
    assert one(checker, "“Almost all of the initiatives originated in the Soviet Union”") == (
        "differs",
        DOC6,
        "14",
        [{"kind": "missing-ellipsis", "source": "of recent years", "quoted": ""}],
    )


def test_truncated_with_ellipsis_is_exact(checker: Checker) -> None:
    assert one(checker, "“Almost all of the initiatives . . . originated in the Soviet Union”") == (
        "exact",
        DOC6,
        "14",
        [],
    )


def test_capital_changed_without_brackets(checker: Checker) -> None:
    row = one(checker, "“We must fulfill this role not through exhortation” [@doc6, para. 16]")
    assert row == (
        "differs",
        DOC6,
        "16",
        [{"kind": "capitalisation", "source": "we", "quoted": "We"}],
    )


def test_wrong_paragraph(checker: Checker) -> None:
    status, doc, para, diffs = one(
        checker,
        "“A person cannot live in a society and be free from it.” [@garf-10063-1-190, para. 3]",
    )
    assert (status, doc, para, diffs) == ("wrong-paragraph", GARF, "2", [])


def test_wrong_document(checker: Checker) -> None:
    row = one(checker, "“A person cannot live in a society and be free from it.” [@doc6, para. 2]")
    assert row == ("wrong-paragraph", GARF, "2", [])


def test_cited_paragraph_that_does_not_exist(checker: Checker) -> None:
    (found,) = extract_markdown(
        "“A person cannot live in a society and be free from it.” [@garf, para. 99]", checker.names
    )
    r = checker.check(found)
    assert r.status == "wrong-paragraph"
    assert r.note == "document 'garf-10063-1-190' has no paragraph 99 (it has paragraphs 1–9, src1)"


def test_in_text_locator_checked_in_the_document_found(checker: Checker) -> None:
    q = "“Our interactions on questions of foreign policy also leave much to be desired”"
    assert one(checker, q + " (Gorbachev, par. 14).")[0] == "exact"
    assert one(checker, q + " (Gorbachev, par. 15).")[0] == "wrong-paragraph"


def test_invented(checker: Checker) -> None:
    assert one(
        checker, "“The Warsaw Pact must be dissolved within five years.” [@doc6, para. 18]"
    ) == ("not-found", None, None, [])
    assert one(checker, "“Nothing like this sentence appears anywhere in the corpus at all.”") == (
        "not-found",
        None,
        None,
        [],
    )


def test_outside_the_corpus_is_not_found(checker: Checker) -> None:
    assert (
        one(checker, "“An entirely different book says this here.” [@smith2001, 45]")[0]
        == "not-found"
    )


def test_block_spanning_paragraphs(checker: Checker) -> None:
    text = (
        "> The considerations stated here do not encompass the full diversity of issues "
        "relating to interactions with the fraternal countries under present-day "
        "circumstances. . . .\n>\n"
        "> It seems to me that after exchanging opinions at the Politburo, the CC CPSU, the MFA, "
        "and the KGB departments could be assigned to prepare a document [@doc6, paras. 23–24]\n"
    )
    assert one(checker, text) == ("exact", DOC6, "23–24", [])


def test_headnote_text_is_found_but_the_document_preferred(checker: Checker) -> None:
    # the editors' headnote quotes ¶15 with a capital; the memorandum itself has "a"
    q = "“A genuine turning point in the entire system of collaboration with our allies is needed,”"
    row = one(checker, q + " Gorbachev writes [@doc6, para. 15]")
    assert row[0] == "differs" and row[2] == "15"
    assert one(checker, q)[:3] == ("exact", DOC6, "1")


# ------------------------------------------------------------------ the done-when manuscript
EXPECTED = [
    (8, "exact", DOC6, "12"),
    (10, "exact", DOC6, "16"),
    (13, "differs", DOC6, "13"),
    (14, "differs", DOC6, "14"),
    (15, "differs", DOC6, "15"),
    (18, "wrong-paragraph", DOC6, "14"),
    (19, "not-found", None, None),
    (22, "exact", GARF, "2"),
    (24, "differs", GARF, "3"),
    (27, "exact", GARF, "9"),
]


def test_seed_manuscript_json(qc: Any) -> None:
    r = qc("verify", str(DATA / "seeds.md"), "--json")
    assert r.exit_code == 8
    assert (
        r.stderr == "quotecite: error: 6 of 10 quotations do not match the corpus word for word\n"
    )
    data = json.loads(r.stdout)
    rows = [(q["line"], q["status"], q["doc"], q["paragraph"]) for q in data["quotations"]]
    assert rows == EXPECTED
    assert data["counts"] == {"exact": 4, "differs": 4, "wrong-paragraph": 1, "not-found": 1}
    assert data["skipped"] == 1 and data["ok"] is False
    by_line = {q["line"]: q for q in data["quotations"]}
    assert by_line[13]["differences"] == [{"kind": "changed", "source": "sharply", "quoted": "far"}]
    assert by_line[14]["differences"] == [
        {"kind": "missing-ellipsis", "source": "of recent years", "quoted": ""}
    ]
    assert by_line[15]["differences"] == [{"kind": "capitalisation", "source": "a", "quoted": "A"}]
    assert by_line[24]["differences"] == [
        {"kind": "changed", "source": "autarchy", "quoted": "autarky"},
        {"kind": "missing-ellipsis", "source": "as a phenomenon", "quoted": ""},
    ]
    assert by_line[18]["cited"] == "doc6 15"
    assert by_line[19]["quotation"] == (
        "The Warsaw Pact must be dissolved within five years if socialism is to survive in Europe."
    )
    assert set(by_line[8]) == {
        "quotation",
        "status",
        "line",
        "block",
        "doc",
        "paragraph",
        "cited",
        "differences",
        "note",
    }


def test_seed_manuscript_plain(qc: Any) -> None:
    r = qc("verify", str(DATA / "seeds.md"))
    assert r.exit_code == 8
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "seeds.md:8: exact: gorbachev-1986-06-26 ¶12: “We should admit honestly that Moscow has "
        "been viewed as …”"
    )
    assert (
        "seeds.md:18: wrong-paragraph: cited doc6 ¶15, found in gorbachev-1986-06-26 ¶14: "
        in r.stdout
    )
    assert "    left out without an ellipsis: “of recent years”" in lines
    assert "    capital changed without brackets: “a” → “A”" in lines
    assert lines[-1] == (
        "10 quotations: 4 exact, 4 differ, 1 in the wrong paragraph, 1 not found "
        "(1 short uncited quotation not checked)"
    )


def test_all_exact_exits_zero(qc: Any, tmp_path: Path) -> None:
    path = tmp_path / "good.md"
    path.write_text(
        "He wrote: “We helped them ourselves.” [@garf, para. 3] And “[t]he main thing now is not "
        "to talk too much about the speech”.[^1]\n\n[^1]: garf-10063-1-190 9.\n",
        encoding="utf-8",
    )
    r = qc("verify", str(path))
    assert r.exit_code == 0 and r.stderr == ""
    assert (
        r.stdout.splitlines()[-1]
        == "2 quotations: 2 exact, 0 differ, 0 in the wrong paragraph, 0 not found"
    )


def test_latex_and_text_manuscripts(qc: Any) -> None:
    tex = json.loads(qc("verify", str(DATA / "seeds.tex"), "--json").stdout)
    assert [(q["line"], q["status"], q["paragraph"]) for q in tex["quotations"]] == [
        (5, "exact", "16"),
        (6, "exact", "14"),
        (7, "differs", "13"),
        (8, "exact", "2"),
        (9, "wrong-paragraph", "7"),
        (14, "exact", "5"),
    ]
    txt = json.loads(qc("verify", str(DATA / "seeds.txt"), "--json").stdout)
    assert [(q["line"], q["status"], q["paragraph"]) for q in txt["quotations"]] == [
        (1, "exact", "6"),
        (3, "exact", "6"),
        (6, "exact", "2"),
        (10, "differs", "4"),
    ]


@pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed (apt-get install pandoc)")
def test_docx_manuscript_made_by_pandoc(qc: Any, tmp_path: Path) -> None:
    docx = tmp_path / "seeds.docx"
    subprocess.run([str(PANDOC), str(DATA / "seeds.md"), "-o", str(docx)], check=True, timeout=60)
    data = json.loads(qc("verify", str(docx), "--json").stdout)
    assert [(q["status"], q["doc"], q["paragraph"]) for q in data["quotations"]] == [
        (s, d, p) for _line, s, d, p in EXPECTED
    ]
    assert data["quotations"][-1]["block"] is True


def test_errors(qc: Any, tmp_path: Path) -> None:
    r = qc("verify", str(tmp_path / "missing.md"))
    assert (r.exit_code, r.stdout) == (6, "")
    assert r.stderr == f"quotecite: error: no manuscript '{tmp_path / 'missing.md'}'\n"
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00bad")
    r = qc("verify", str(bad))
    assert (r.exit_code, r.stderr) == (
        6,
        f"quotecite: error: manuscript '{bad}' is not UTF-8 text\n",
    )
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    r = qc("verify", str(fake))
    assert (r.exit_code, r.stderr) == (
        6,
        f"quotecite: error: '{fake}' is not a .docx file (not a zip archive)\n",
    )
    r = qc("verify", str(DATA / "seeds.md"), "--from", "rst")
    assert (r.exit_code, r.stderr) == (
        6,
        "quotecite: error: unknown syntax 'rst' (use one of markdown, latex, text)\n",
    )


def test_found_is_data() -> None:
    assert Found("a b", 3).cites == ()


def test_a_corpus_file_that_cannot_be_read_is_an_error(corpus_copy: Path, qc: Any) -> None:
    """Not "not found" for the quotations of a document whose file is broken: the file and
    line are named, exit 5, as for every command that needs the document."""
    path = corpus_copy / "gorbachev-1986-06-26.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("¶ 16", "¶ xx bogus role\n\n¶ 16", 1), "utf-8")
    line = path.read_text("utf-8").splitlines().index("¶ xx bogus role") + 1
    r = qc("verify", str(DATA / "seeds.md"), "--corpus", str(corpus_copy))
    assert (r.exit_code, r.stdout) == (5, "")
    assert r.stderr.startswith(f"quotecite: error: {path}:{line}: cannot read paragraph header")
