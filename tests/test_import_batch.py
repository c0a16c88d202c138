"""quotecite import on the command line: standard input, directories of every format, ids that
collide, existing documents, --split, --dry-run, --json, and concurrent imports into one corpus.

The inputs are real published texts (tests/data/real, tests/data/seeds), made into a web page,
a Word file and a PDF the way tests/test_import_formats.py makes them.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_import_formats import FONT, archive_page, seed_blocks, seed_pages, typeset, word_document

from quotecite.corpusfile import parse_file
from quotecite.importer import Overrides, import_path, import_text
from quotecite.importer.build import with_id
from quotecite.serialize import document_json

from conftest import ROOT

REAL = ROOT / "tests" / "data" / "real"
MALIN = REAL / "nsa-malin-notes-oct-1956.txt"
ROSHCHIN = REAL / "wilson-roshchin-telegram-mirror-1951.txt"
SZANTO = REAL / "vol-szanto-letter-dimitrov-1938.txt"
ECCI_LETTER = REAL / "vol-ecci-letter-trotskyist-trial-1936.txt"
ECCI_RESOLUTION = REAL / "vol-ecci-resolution-polish-question-1936.txt"
SECOND_DOCUMENT = (
    "line 17: another document seems to begin here (“Working Notes from the Session of the "
    "CPSU CC Presidium on 2”); import it on its own, or use --split"
)


def web_page(path: Path) -> str:
    """A real text saved as a plain web page: each blank-line block a <p>, the first the title."""
    text = path.read_text("utf-8")
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]
    body = "\n".join(f"<p>{html.escape(b)}</p>" for b in blocks)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(blocks[0])}</title></head>\n"
        f"<body><main><article>\n{body}\n</article></main></body></html>\n"
    )


def rows(stdout: str) -> list[dict[str, Any]]:
    data = json.loads(stdout)
    assert isinstance(data, list)
    return data


def md_files(corpus: Path) -> list[str]:
    return sorted(p.name for p in corpus.iterdir()) if corpus.exists() else []


@pytest.fixture
def font() -> Path:
    if not FONT.exists():
        pytest.skip(f"{FONT} (Debian package fonts-dejavu-core) is needed to typeset Unicode")
    return FONT


# --- standard input -------------------------------------------------------------------------


def test_text_on_standard_input(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", "-", "--corpus", str(corpus), input=MALIN.read_text("utf-8"))
    assert r.exit_code == 0
    target = corpus / "rgani-3-12-1006.md"
    assert r.stdout == f"- → {target} (20 paragraphs, supplied numbering)\n"
    assert r.stderr == f"quotecite: warning: -: {SECOND_DOCUMENT}\n"
    assert target.read_text("utf-8") == import_path(MALIN, corpus).text


def test_web_page_on_standard_input(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", "-", "--corpus", str(corpus), "--json", input=web_page(SZANTO))
    assert r.exit_code == 0
    (row,) = rows(r.stdout)
    assert {k: row[k] for k in ("source", "id", "written", "format", "encoding")} == {
        "source": "-",
        "id": "rgaspi-495-73-57",
        "written": True,
        "format": "html",
        "encoding": "HTML (UTF-8)",
    }
    # the page's paragraphs are the text's
    from_page = parse_file(corpus / "rgaspi-495-73-57.md").document
    from_text = import_path(SZANTO, corpus).document
    assert from_page.title == from_text.title
    assert [p.text for p in from_page.paragraphs] == [p.text for p in from_text.paragraphs]
    assert row["paragraphs"] == len(from_text.paragraphs) == 14


def test_seed_archive_page_on_standard_input_is_sniffed_as_html(qc: Any, tmp_path: Path) -> None:
    page = archive_page(seed_blocks())
    r = qc("import", "-", "--corpus", str(tmp_path), "--dry-run", "--json", input=page)
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert (data["id"], data["import"]["source"], data["import"]["format"]) == (
        "gorbachev-1986-06-26",
        "-",
        "html",
    )
    assert data["import"]["left_out"][0] == {
        "line": 1,
        "text": "Skip to main content",
        "reason": "page furniture",
    }
    assert md_files(tmp_path) == []


# --- a directory of every format ------------------------------------------------------------


def test_directory_of_text_web_page_word_and_pdf(qc: Any, tmp_path: Path, font: Path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    shutil.copy(ROSHCHIN, src / "roshchin.txt")
    (src / "szanto.html").write_text(web_page(SZANTO), "utf-8")
    (src / "doc6.docx").write_bytes(word_document(seed_blocks()))
    (src / "notes.pdf").write_bytes(typeset(font, seed_pages()))
    (src / "roshchin.toml").write_text('url = "https://example.org"\n', "utf-8")  # not a source
    (src / "older").mkdir()  # a directory inside is not descended into
    shutil.copy(MALIN, src / "older" / "malin.txt")
    corpus = tmp_path / "corpus"
    r = qc("import", str(src), "--corpus", str(corpus), "--json")
    assert r.exit_code == 0, r.stderr
    got = [
        (
            Path(row["source"]).name,
            row["id"],
            row["format"],
            row["encoding"],
            row["written"],
            row["numbering"],
            row["title_supplied"],
            row["error"],
        )
        for row in rows(r.stdout)
    ]
    assert got == [
        (
            "doc6.docx",
            "gorbachev-1986-06-26",
            "docx",
            "Word document",
            True,
            "printed",
            False,
            None,
        ),
        ("notes.pdf", "garf-10063-1-190", "pdf", "PDF text layer", True, "printed", True, None),
        ("roshchin.txt", "aprf-45-1-336", "text", "UTF-8", True, "supplied", False, None),
        ("szanto.html", "rgaspi-495-73-57", "html", "HTML (UTF-8)", True, "supplied", False, None),
    ]
    assert md_files(corpus) == [
        "aprf-45-1-336.md",
        "garf-10063-1-190.md",
        "gorbachev-1986-06-26.md",
        "rgaspi-495-73-57.md",
    ]
    for row in rows(r.stdout):
        assert row["file"] == str(corpus / f"{row['id']}.md")
        written = Path(row["file"]).read_text("utf-8")
        assert written == import_path(Path(row["source"]), corpus).text
        assert row["paragraphs"] == len(parse_file(Path(row["file"])).document.paragraphs)
    # imported again: every one is there already
    again = qc("import", str(src), "--corpus", str(corpus))
    assert again.exit_code == 9
    assert again.stdout == ""
    assert again.stderr.splitlines()[-1] == "quotecite: 4 of 4 files not imported"


def test_directory_without_sources(qc: Any, tmp_path: Path) -> None:
    (tmp_path / "notes.toml").write_text("x = 1\n", "utf-8")
    r = qc("import", str(tmp_path), "--corpus", str(tmp_path / "corpus"))
    assert (r.exit_code, r.stdout) == (6, "")
    assert r.stderr == (
        "quotecite: error: no files to import (a directory's .txt, .pdf, .html, .docx files)\n"
    )


# --- ids ------------------------------------------------------------------------------------


def _ecci_batch(qc: Any, corpus: Path) -> Any:
    # two different documents of the ECCI Secretariat, both dated by the user to 1936: both
    # derive the id ecci-secretariat-1936
    return qc(
        "import", str(ECCI_LETTER), str(ECCI_RESOLUTION), "--date", "1936", "--corpus", str(corpus)
    )


def test_same_id_in_one_batch_gets_a_deterministic_suffix(qc: Any, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    runs = [_ecci_batch(qc, first), _ecci_batch(qc, second)]
    for corpus, r in zip((first, second), runs, strict=True):
        assert r.exit_code == 0
        assert [line.split(" → ")[1].split(" (")[0] for line in r.stdout.splitlines()] == [
            str(corpus / "ecci-secretariat-1936.md"),
            str(corpus / "ecci-secretariat-1936-2.md"),
        ]
        assert (
            f"quotecite: warning: {ECCI_RESOLUTION}: id 'ecci-secretariat-1936' was taken by "
            f"{ECCI_LETTER}: this one is 'ecci-secretariat-1936-2'"
        ) in r.stderr.splitlines()
    assert (
        md_files(first)
        == md_files(second)
        == [
            "ecci-secretariat-1936-2.md",
            "ecci-secretariat-1936.md",
        ]
    )
    for name in md_files(first):
        assert (first / name).read_text("utf-8") == (second / name).read_text("utf-8")
    letter = parse_file(first / "ecci-secretariat-1936.md").document
    resolution = parse_file(first / "ecci-secretariat-1936-2.md").document
    assert letter.title.startswith("A letter from the ECCI Secretariat")
    assert resolution.title.startswith("Resolution of the ECCI Secretariat")
    # the order of the files decides which keeps the id
    swapped = qc(
        "import",
        str(ECCI_RESOLUTION),
        str(ECCI_LETTER),
        "--date",
        "1936",
        "--corpus",
        str(tmp_path / "three"),
    )
    assert swapped.exit_code == 0
    again = parse_file(tmp_path / "three" / "ecci-secretariat-1936.md").document
    assert again.title == resolution.title


RU_MEMO_28 = """\
Записка Г.Г. Ягоды И.В. Сталину о положении в колхозах Западно-Сибирского края
17 марта 1934 г.

[Л. 28] Секретарю ЦК ВКП(б) тов. Сталину.

Сообщаю, что по данным Полномочного представительства ОГПУ по Западно-Сибирскому краю за \
январь и февраль 1934 г. выявлено 17 случаев массовых выступлений в колхозах края.

Народный комиссар внутренних дел Г. Ягода

РГАСПИ. Ф. 17. Оп. 3. Д. 845. Л. 28–31. Подлинник. Машинопись.
"""
RU_MEMO_32 = """\
Записка Г.Г. Ягоды И.В. Сталину о ходе весеннего сева в Западно-Сибирском крае
2 апреля 1934 г.

[Л. 32] Секретарю ЦК ВКП(б) тов. Сталину.

По сообщению Полномочного представительства ОГПУ по Западно-Сибирскому краю, к 1 апреля в \
ряде районов края семенные фонды колхозов засыпаны не полностью. [Л. 33] О принятых мерах \
доложу дополнительно.

Народный комиссар внутренних дел Г. Ягода

РГАСПИ. Ф. 17. Оп. 3. Д. 845. Л. 32–33. Подлинник. Машинопись.
"""


def test_suffix_from_the_leaves_keeps_their_range(qc: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(RU_MEMO_28, "utf-8")
    (tmp_path / "b.txt").write_text(RU_MEMO_32, "utf-8")
    corpus = tmp_path / "corpus"
    r = qc("import", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--corpus", str(corpus))
    assert r.exit_code == 0
    assert md_files(corpus) == ["rgaspi-17-3-845-l32-33.md", "rgaspi-17-3-845.md"]


def test_reimport_exits_9_and_force_rewrites(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    assert qc("import", str(MALIN), "--corpus", str(corpus)).exit_code == 0
    target = corpus / "rgani-3-12-1006.md"
    imported = target.read_text("utf-8")
    corrected = imported.replace("Taking account of the circumstances", "Taking into account")
    assert corrected != imported
    target.write_text(corrected, "utf-8")  # corrected by hand since
    r = qc("import", str(MALIN), "--corpus", str(corpus))
    assert (r.exit_code, r.stdout) == (9, "")
    assert r.stderr == f"quotecite: error: {target} exists (--force to overwrite it)\n"
    assert target.read_text("utf-8") == corrected
    assert md_files(corpus) == ["rgani-3-12-1006.md"]
    r = qc("import", str(MALIN), "--corpus", str(corpus), "--force")
    assert r.exit_code == 0
    assert r.stdout == f"{MALIN} → {target} (20 paragraphs, supplied numbering)\n"
    assert target.read_text("utf-8") == imported
    assert md_files(corpus) == ["rgani-3-12-1006.md"]


def test_a_different_document_never_overwrites(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(ECCI_LETTER), "--date", "1936", "--corpus", str(corpus))
    assert r.exit_code == 0
    letter = (corpus / "ecci-secretariat-1936.md").read_text("utf-8")
    # even with --force: --force rewrites the same document, never another one
    r = qc("import", str(ECCI_RESOLUTION), "--date", "1936", "--corpus", str(corpus), "--force")
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{ECCI_RESOLUTION} → {corpus / 'ecci-secretariat-1936-2.md'} (")
    assert r.stderr == (
        f"quotecite: warning: {ECCI_RESOLUTION}: 'ecci-secretariat-1936.md' in the corpus is "
        "another document: this one is 'ecci-secretariat-1936-2'\n"
    )
    assert (corpus / "ecci-secretariat-1936.md").read_text("utf-8") == letter
    assert md_files(corpus) == ["ecci-secretariat-1936-2.md", "ecci-secretariat-1936.md"]


def test_two_untitled_undated_documents_are_two(qc: Any, tmp_path: Path) -> None:
    # a supplied "Untitled document" with no date tells no document from another: the second
    # takes a suffix, it is not refused as the first imported again
    (tmp_path / "a.txt").write_text("The comrades met and agreed on the grain plan.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Nothing was decided about the railway.\n", "utf-8")
    corpus = tmp_path / "corpus"
    assert qc("import", str(tmp_path / "a.txt"), "--corpus", str(corpus)).exit_code == 0
    r = qc("import", str(tmp_path / "b.txt"), "--corpus", str(corpus))
    assert r.exit_code == 0
    assert md_files(corpus) == ["untitled-document-2.md", "untitled-document.md"]
    # the same untitled text again is the same document (its text says so)
    assert qc("import", str(tmp_path / "a.txt"), "--corpus", str(corpus)).exit_code == 9


def test_a_document_that_got_a_suffix_imported_again_exits_9(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    assert _ecci_batch(qc, corpus).exit_code == 0
    r = qc("import", str(ECCI_RESOLUTION), "--date", "1936", "--corpus", str(corpus))
    assert md_files(corpus) == ["ecci-secretariat-1936-2.md", "ecci-secretariat-1936.md"]
    assert r.exit_code == 9


# --- several documents in one file ----------------------------------------------------------


def test_split_writes_each_document(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(MALIN), "--split", "--corpus", str(corpus))
    assert r.exit_code == 0
    first = corpus / "rgani-3-12-1006.md"
    second = corpus / "working-notes-from-the-session-of-1956-10-23.md"
    assert r.stdout == (
        f"{MALIN} → {first} (4 paragraphs, supplied numbering)\n"
        f"{MALIN} → {second} (15 paragraphs, supplied numbering)\n"
    )
    assert "another document seems to begin here" not in r.stderr
    one, two = parse_file(first).document, parse_file(second).document
    assert (one.title, one.issued.to_edtf() if one.issued else None) == (
        "Working Notes from the Session of the CPSU CC Presidium on 21 October 1956",
        "1956-10-21",
    )
    assert (two.title, two.issued.to_edtf() if two.issued else None) == (
        "Working Notes from the Session of the CPSU CC Presidium on 23 October 1956",
        "1956-10-23",
    )
    assert [(p.number, p.role.value) for p in one.paragraphs] == [
        ("1", "body"),
        ("2", "body"),
        ("3", "body"),
        ("src1", "source-note"),
    ]
    assert one.paragraphs[-1].text == (
        "[Source: TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page. Compiled by V. N. Malin.]"
    )
    assert two.paragraphs[0].text.startswith("Those Taking Part: Bulganin, Kaganovich")
    assert two.paragraphs[-1].text == "Cde. Saburov--Troops must be sent to up"
    # nothing of the first is in the second, and the other way round
    assert not {p.text for p in one.paragraphs} & {p.text for p in two.paragraphs}
    assert md_files(corpus) == [first.name, second.name]


def test_split_json_rows(qc: Any, tmp_path: Path) -> None:
    r = qc("import", str(MALIN), "--split", "--corpus", str(tmp_path), "--json")
    assert r.exit_code == 0
    assert [
        (row["source"], row["id"], row["paragraphs"], row["written"]) for row in rows(r.stdout)
    ] == [
        (str(MALIN), "rgani-3-12-1006", 4, True),
        (str(MALIN), "working-notes-from-the-session-of-1956-10-23", 15, True),
    ]


def test_without_split_a_second_document_is_reported(qc: Any, tmp_path: Path) -> None:
    r = qc("import", str(MALIN), "--corpus", str(tmp_path))
    assert r.exit_code == 0
    assert r.stderr == f"quotecite: warning: {MALIN}: {SECOND_DOCUMENT}\n"
    assert md_files(tmp_path) == ["rgani-3-12-1006.md"]
    doc = parse_file(tmp_path / "rgani-3-12-1006.md").document
    assert len(doc.paragraphs) == 20


# --- --dry-run and --json -------------------------------------------------------------------

ROSHCHIN_LEFT_OUT = [
    (1, "Skip to content", "page furniture"),
    (3, "January 13, 1951", "date"),
    (5, "Ciphered telegram, Roshchin to USSR Foreign Ministry", "title"),
    (23, "Document Information", "page furniture"),
    (
        29,
        "The History and Public Policy Program welcomes reuse of Digital Archive materials for "
        "research and educational purposes. Some documents may be subject to copyright, which is "
        "retained by the rights holders in accordance with US and international copyright laws. "
        "When possible, rights holders have been contacted for permission to reproduce their "
        "materials.",
        "page furniture",
    ),
    (
        31,
        "To enquire about this document's rights status or request permission for commercial "
        "use, please contact the History and Public Policy Program at [email protected].",
        "page furniture",
    ),
    (33, "Original Uploaded Date", "page furniture"),
    (39, "Record ID", "page furniture"),
]
ROSHCHIN_WARNINGS = [
    "the source note gives 2 archival references: the first is the primary one",
    "left out 6 lines of page furniture (--dry-run --json lists them)",
]


def test_dry_run_lists_what_is_left_out_and_writes_nothing(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(ROSHCHIN), "--corpus", str(corpus), "--dry-run")
    assert r.exit_code == 0
    assert r.stdout == import_path(ROSHCHIN, corpus).text
    assert r.stderr.splitlines() == [
        *(f"quotecite: warning: {ROSHCHIN}: {w}" for w in ROSHCHIN_WARNINGS),
        *(f"quotecite: left out: {ROSHCHIN}:{n}: {t} ({why})" for n, t, why in ROSHCHIN_LEFT_OUT),
    ]
    assert not corpus.exists()
    # every line of the source is in the document or listed: nothing dropped silently
    lines = ROSHCHIN.read_text("utf-8").split("\n")
    listed = {n for n, _, _ in ROSHCHIN_LEFT_OUT}
    text = " ".join(r.stdout.split())
    for n, line in enumerate(lines, start=1):
        if line.strip() and n not in listed:
            assert " ".join(line.split()) in text, (n, line)


def test_dry_run_of_a_batch_writes_nothing(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(ROSHCHIN), str(MALIN), "--corpus", str(corpus), "--dry-run", "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [(d["id"], d["import"]["source"]) for d in data] == [
        ("aprf-45-1-336", str(ROSHCHIN)),
        ("rgani-3-12-1006", str(MALIN)),
    ]
    assert not corpus.exists()


def test_json_rows(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(ROSHCHIN), "--corpus", str(corpus), "--json")
    assert r.exit_code == 0
    (row,) = rows(r.stdout)
    assert row == {
        "source": str(ROSHCHIN),
        "id": "aprf-45-1-336",
        "file": str(corpus / "aprf-45-1-336.md"),
        "written": True,
        "format": "text",
        "encoding": "UTF-8",
        "paragraphs": 8,
        "numbering": "supplied",
        "title_supplied": False,
        "warnings": ROSHCHIN_WARNINGS,
        "left_out": [{"line": n, "text": t, "reason": why} for n, t, why in ROSHCHIN_LEFT_OUT],
        "error": None,
    }


def test_json_rows_title_supplied_and_errors(qc: Any, tmp_path: Path, font: Path) -> None:
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(typeset(font, seed_pages()))
    corpus = tmp_path / "corpus"
    assert qc("import", str(ROSHCHIN), "--corpus", str(corpus)).exit_code == 0
    r = qc("import", str(pdf), str(ROSHCHIN), "--corpus", str(corpus), "--json")
    assert r.exit_code == 9
    supplied, refused = rows(r.stdout)
    assert (supplied["format"], supplied["title_supplied"], supplied["written"]) == (
        "pdf",
        True,
        True,
    )
    assert supplied["warnings"] == [
        "no title in the text: supplied the description “Untitled document (GARF, f. 10063, "
        "op. 1, d. 190)”"
    ]
    assert parse_file(Path(supplied["file"])).document.title == (
        "Untitled document (GARF, f. 10063, op. 1, d. 190)"
    )
    assert (refused["written"], refused["error"]) == (
        False,
        f"{corpus / 'aprf-45-1-336.md'} exists (--force to overwrite it)",
    )
    assert refused["source"] == str(ROSHCHIN)
    assert md_files(corpus) == ["aprf-45-1-336.md", "garf-10063-1-190.md"]


def test_dry_run_json_is_info_json_plus_import(qc: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    r = qc("import", str(ROSHCHIN), "--corpus", str(corpus), "--dry-run", "--json")
    assert r.exit_code == 0
    dry = json.loads(r.stdout)
    assert dry.pop("import") == {
        "source": str(ROSHCHIN),
        "format": "text",
        "encoding": "UTF-8",
        "warnings": ROSHCHIN_WARNINGS,
        "left_out": [{"line": n, "text": t, "reason": why} for n, t, why in ROSHCHIN_LEFT_OUT],
    }
    assert not corpus.exists()
    assert qc("import", str(ROSHCHIN), "--corpus", str(corpus)).exit_code == 0
    info = qc("info", "aprf-45-1-336", "--json", "--corpus", str(corpus))
    assert json.loads(info.stdout) == dry
    assert dry == document_json(import_path(ROSHCHIN, corpus).document)


# --- concurrent imports into one corpus -----------------------------------------------------


def test_concurrent_imports_never_replace_a_written_document(tmp_path: Path) -> None:
    src = tmp_path / "sources"
    src.mkdir()
    files = []
    for stem in (
        "wilson-roshchin-telegram-mirror-1951",
        "nsa-malin-notes-oct-1956",
        "vol-szanto-letter-dimitrov-1938",
        "ru-kaganovich-molotov-stalin-1934",
        "wilson-kim-sung-hwa-ivanov-1956",
        "wilson-zhou-report-mao-1952",
    ):
        shutil.copy(REAL / f"{stem}.txt", src / f"{stem}.txt")
        files.append(src / f"{stem}.txt")
    # two different documents of one file of the archive: both derive rgaspi-17-3-845
    for name, text in (("memo-28.txt", RU_MEMO_28), ("memo-32.txt", RU_MEMO_32)):
        (src / name).write_text(text, "utf-8")
        files.append(src / name)
    # the first Malin notes alone, as a reader may have saved them: the same document as
    # the whole page's first (same title and date), another text
    (src / "malin-21.txt").write_text(
        "\n".join(MALIN.read_text("utf-8").split("\n")[:15]) + "\n", "utf-8"
    )
    files.append(src / "malin-21.txt")
    corpus = tmp_path / "corpus"
    n = len(files)
    sets = [[files[(3 * k + i) % n] for i in range(6)] for k in range(4)]
    sets[1].reverse()
    sets[3].reverse()
    command = [sys.executable, "-m", "quotecite", "import", "--json", "--corpus", str(corpus)]
    procs = [
        subprocess.Popen(
            [*command, *map(str, s)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
        for s in sets
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert {p.returncode for p in procs} <= {0, 9}, [err for _, err in outs]
    written: dict[str, tuple[int, dict[str, Any]]] = {}
    for k, (out, err) in enumerate(outs):
        reported = rows(out)
        assert [Path(row["source"]) for row in reported] == sets[k], err
        for row in reported:
            if row["written"]:
                assert row["file"] not in written, f"{row['file']} reported written twice"
                written[row["file"]] = (k, row)
            else:
                assert row["error"].endswith(
                    ("exists (--force to overwrite it)", "meanwhile (--force to overwrite it)")
                ), row["error"]
    # every file in the corpus was written by exactly one process, whole, and holds what that
    # process imported: no process replaced another's document
    assert sorted(corpus.iterdir()) == sorted(Path(f) for f in written)
    for file, (_, row) in written.items():
        expected = with_id(import_path(Path(row["source"]), corpus, Overrides()), row["id"])
        assert Path(file).read_text("utf-8") == expected.text, (file, row["source"])
        assert Path(file).name == f"{row['id']}.md"
    assert {row["source"] for _, row in written.values()} <= {str(f) for f in files}
    # the two documents of one archival file are both in the corpus, under different ids
    memos = [row for _, row in written.values() if Path(row["source"]).name.startswith("memo-")]
    assert {Path(row["source"]).name for row in memos} == {"memo-28.txt", "memo-32.txt"}


def test_text_import_of_stdin_and_file_agree(tmp_path: Path) -> None:
    # what the CLI reads from standard input is imported as the same text read from a file
    text = MALIN.read_text("utf-8")
    assert import_text(text, "-", tmp_path).text == import_path(MALIN, tmp_path).text
