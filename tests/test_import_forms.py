"""Numbering forms, layout repairs, roles, footnotes, metadata and encodings of quotecite import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotecite.errors import InputError
from quotecite.importer import Overrides, import_bytes, import_text
from quotecite.model import Document

TITLE = "Memorandum from Yuri Andropov to the CC CPSU, March 12, 1983\n\n"


def doc(text: str, head: str = TITLE, **overrides: Any) -> Document:
    return import_text(head + text, "t.txt", Path("/tmp/c"), Overrides(**overrides)).document


def layout(d: Document) -> list[tuple[str, str, list[str]]]:
    return [(p.number, p.role.value, [part.text for part in p.parts]) for p in d.paragraphs]


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("1. First one.\n\n2. Second one.\n\n3. Third one.\n", ["1", "2", "3"]),
        ("1) First one.\n\n2) Second one.\n", ["1", "2"]),
        ("1First one.\n\n2Second one.\n\n3Third one.\n", ["1", "2", "3"]),
        ("¶ 1 First one.\n\n¶ 2 Second one.\n", ["1", "2"]),
        ("[1] First one.\n\n[2] Second one.\n", ["1", "2"]),
        ("I. First one.\n\nII. Second one.\n\nIII. Third one.\n", ["I", "II", "III"]),
        ("1\n\nFirst one.\n\n2\n\nSecond one.\n", ["1", "2"]),
        ("1.\nFirst one.\n\n2.\nSecond one.\n", ["1", "2"]),
        ("1. First one.\nmore of it.\n2. Second one.\n", ["1", "2"]),
    ],
)
def test_numbering_forms(text: str, numbers: list[str]) -> None:
    d = doc(text)
    assert [p.number for p in d.paragraphs] == numbers
    assert d.paragraphs[0].parts[0].text.startswith("First one.")
    assert d.numbering.value == "printed"


def test_unnumbered_text_gets_supplied_numbers() -> None:
    d = doc("First paragraph.\n\nSecond paragraph.\n\nThird.\n")
    assert layout(d) == [
        ("1", "body", ["First paragraph."]),
        ("2", "body", ["Second paragraph."]),
        ("3", "body", ["Third."]),
    ]
    assert d.numbering.value == "supplied"


def test_sections_keep_sub_paragraphs() -> None:
    d = doc("1. Section one.\n\nStill section one.\n\n2. Section two.\n")
    assert layout(d) == [
        ("1", "body", ["Section one.", "Still section one."]),
        ("2", "body", ["Section two."]),
    ]


def test_missing_number_is_reported_not_renumbered() -> None:
    r = import_text(TITLE + "1. One.\n\n2. Two.\n\n4. Four.\n\n5. Five.\n", "t.txt", Path("/tmp/c"))
    assert [p.number for p in r.document.paragraphs] == ["1", "2", "4", "5"]
    assert r.warnings == ["line 7: paragraph 3 missing (numbers go from 2 to 4); kept as printed"]
    roman = import_text(TITLE + "I. One.\n\nII. Two.\n\nIV. Four.\n", "t.txt", Path("/tmp/c"))
    assert roman.warnings == [
        "line 7: paragraph III missing (numbers go from II to IV); kept as printed"
    ]


def test_hyphenation_removed_only_for_words() -> None:
    d = doc(
        "1. The contin-\nuation of self-\nadoration and ill-\nhealth with ready-\nmade plans; "
        "One-\nsidedness and anti-\nSoviet talk.\n\n2. End.\n"
    )
    assert d.paragraphs[0].parts[0].text == (
        "The continuation of self-adoration and ill-health with ready-made plans; "
        "One-sidedness and anti-Soviet talk."
    )


def test_document_vocabulary_decides_hyphens() -> None:
    # "shakhnazarovite" is in no word list, but the document itself uses the joined word
    d = doc("Shakhnazarovite views.\n\nThe shakhnazaro-\nvite line.\n\nA well-known fact.\n")
    assert d.paragraphs[1].parts[0].text == "The shakhnazarovite line."
    # the hyphenated form used elsewhere in the document keeps its hyphen
    d = doc("A co-operation.\n\nThe co-\noperation went on.\n")
    assert d.paragraphs[1].parts[0].text == "The co-operation went on."


def test_page_breaks_and_blank_line_continuations() -> None:
    d = doc(
        "1. The first line of a section\n\ncontinues after a blank line, and\n\n\n\n"
        "goes on after a page break.\n\nA new paragraph.\n\n2. The UN General Assembly in\n\n"
        "New York.\n"
    )
    assert layout(d) == [
        (
            "1",
            "body",
            [
                "The first line of a section continues after a blank line, and goes on after "
                "a page break.",
                "A new paragraph.",
            ],
        ),
        ("2", "body", ["The UN General Assembly in New York."]),
    ]


def test_page_numbers_and_running_headers_removed() -> None:
    text = (
        "First paragraph of the\ntext.\n\n12\n\nMasterpieces of History\n\nSecond paragraph.\n\n"
        "- 13 -\n\nMasterpieces of History\n\nThird paragraph.\n\nPage 14\n\n"
        "Masterpieces of History\n\nFourth.\n"
    )
    r = import_text(TITLE + text, "t.txt", Path("/tmp/c"))
    assert [p.parts[0].text for p in r.document.paragraphs] == [
        "First paragraph of the text.",
        "Second paragraph.",
        "Third paragraph.",
        "Fourth.",
    ]
    removed = [(x.kind, x.detail) for x in r.repairs if x.kind in ("page-number", "running-header")]
    assert removed == [
        ("page-number", "12"),
        ("running-header", "Masterpieces of History"),
        ("page-number", "- 13 -"),
        ("running-header", "Masterpieces of History"),
        ("page-number", "Page 14"),
        ("running-header", "Masterpieces of History"),
    ]


def test_roles_dateline_signature_source() -> None:
    d = doc(
        "1. The text.\n\n2. More text.\n\nYu. Andropov\n\nMoscow, 12 March 1983\n\n"
        "[Source: RGANI, f. 89, op. 18, d. 101, ll. 1-3. Translated by Gary Goldberg.]\n"
    )
    assert [(p.number, p.role.value) for p in d.paragraphs] == [
        ("1", "body"),
        ("2", "body"),
        ("sig1", "signature"),
        ("d1", "dateline"),
        ("src1", "source-note"),
    ]
    assert d.archival.fond == "89" and d.archival.leaves == "1–3"
    assert d.translators[0].family == "Goldberg"
    assert d.original_language == "ru" and d.language == "en"
    assert d.id == "rgani-89-18-101"


INTRO = (
    "This memorandum went to the Politburo two days after the session. The editors print it "
    "from the copy in the Gorbachev Foundation. It shows how far the leadership had moved."
)


def test_headnotes_before_numbered_text() -> None:
    # after a volume's heading, the editors' prose before the numbered text is their headnote
    d = doc(f"{INTRO}\n\n1. The text.\n\n2. More.\n", head="Document No. 3: A memo, 1 May 1989\n\n")
    assert [(p.number, p.role.value) for p in d.paragraphs] == [
        ("h1", "headnote"),
        ("1", "body"),
        ("2", "body"),
    ]
    # a document's own unnumbered lines before its numbered points are its text
    d = doc("Top secret\n\nTo Comrade Andropov\n\n1. The text.\n\n2. More.\n")
    assert [(p.number, p.role.value) for p in d.paragraphs] == [
        ("p1", "body"),
        ("p2", "body"),
        ("1", "body"),
        ("2", "body"),
    ]


@pytest.mark.parametrize(
    ("body", "marker_text"),
    [
        ("1. Drafted by Medvedev,1 the text.\n\n2. More.\n\n1 The footnote.\n", "Medvedev,"),
        ("1. Drafted by Medvedev[1] the text.\n\n2. More.\n\n[1] The footnote.\n", "Medvedev"),
        ("1. Drafted by Medvedev¹ the text.\n\n2. More.\n\n¹ The footnote.\n", "Medvedev"),
    ],
)
def test_footnote_markers(body: str, marker_text: str) -> None:
    d = doc(body)
    first = d.paragraphs[0].parts[0]
    assert first.text == "Drafted by Medvedev the text." or first.text == (
        "Drafted by Medvedev, the text."
    )
    assert [(m.label, first.text[: m.offset]) for m in first.markers] == [
        ("1", f"Drafted by {marker_text}")
    ]
    assert (d.paragraphs[-1].number, d.paragraphs[-1].role.value) == ("n1", "footnote")
    assert d.paragraphs[-1].parts[0].text == "The footnote."


def test_metadata_detection() -> None:
    text = (
        "Svetlana Savranskaya\nThomas Blanton\n\n"
        "Document No. 12: Letter from Mikhail Gorbachev to Helmut Kohl, 5 May 1989\n\n"
        "1Text of the letter.\n\n2More text.\n"
    )
    d = import_text(text, "t.txt", Path("/tmp/c")).document
    assert d.title == "Letter from Mikhail Gorbachev to Helmut Kohl"
    assert d.kind == "letter"
    assert d.issued is not None and d.issued.to_edtf() == "1989-05-05"
    assert [(a.given, a.family) for a in d.authors] == [("Mikhail", "Gorbachev")]
    assert [(a.given, a.family) for a in d.recipients] == [("Helmut", "Kohl")]
    assert d.publication.number == "12"
    assert [e.family for e in d.publication.editors] == ["Savranskaya", "Blanton"]
    assert d.id == "gorbachev-1989-05-05"


def test_russian_text_and_date() -> None:
    d = doc(
        "Первый абзац текста.\n\nВторой абзац.\n\n26 июня 1986 г.\n",
        head="Записка Горбачева\n\n",
    )
    assert d.language == "ru"
    assert d.issued is not None and d.issued.to_edtf() == "1986-06-26"
    assert d.paragraphs[-1].role.value == "dateline"


def test_flags_override_detection_and_meta() -> None:
    d = doc(
        "1. Text.\n\n2. More.\n",
        id="my-doc",
        title="Given title",
        date="June 1, 1990",
        authors=["Chernyaev, Anatoly"],
        translators=["Anna Melyakova"],
        meta={"title": "Meta title", "aliases": ["x1"], "publication": {"page": "12"}},
    )
    assert (d.id, d.title, d.aliases) == ("my-doc", "Given title", ("x1",))
    assert d.issued is not None and d.issued.to_edtf() == "1990-06-01"
    assert (d.authors[0].family, d.authors[0].given) == ("Chernyaev", "Anatoly")
    assert d.translators[0].family == "Melyakova"
    assert d.publication.page == "12"


def test_encodings() -> None:
    text = TITLE + "1. Привет. café\r\n\r\n2. Second.\r\n"
    base = import_bytes(text.encode("utf-8"), "t.txt", Path("/tmp/c"))
    bom = import_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "t.txt", Path("/tmp/c"))
    assert base.text == bom.text
    assert (base.encoding, bom.encoding) == ("UTF-8", "UTF-8 with BOM")
    ru = "Служебная записка\n\nПервый абзац текста о политике.\n\nВторой абзац текста.\n"
    cp = import_bytes(ru.encode("cp1251"), "r.txt", Path("/tmp/c"))
    assert cp.encoding == "Windows-1251"
    assert cp.notes == ["not UTF-8: decoded as Windows-1251"]
    assert cp.document.paragraphs[0].parts[0].text == "Первый абзац текста о политике."
    en = (TITLE + "The café’s naïve “policy” was discussed at length.\n\nMore text.\n").encode(
        "cp1252"
    )
    assert import_bytes(en, "e.txt", Path("/tmp/c")).encoding == "Windows-1252"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.txt: the file is empty"),
        (b"  \n\n ", "x.txt: the file is empty"),
        (
            b"%PDF-1.4 ...",
            "x.txt: a damaged or truncated PDF that pdfminer cannot read (PDFSyntaxError: No "
            "/Root object! - Is this really a PDF?); get the file again, or repair it (e.g. qpdf "
            "or by printing it to PDF) and import the result",
        ),
        (b"abc\x00def\x00", "x.txt: a binary file, not text"),
        (bytes(range(1, 32)) * 20, "x.txt: a binary file, not text (540 control characters)"),
        (b"Document No. 5: A title\n", "x.txt: no paragraphs of text found"),
    ],
)
def test_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as err:
        import_bytes(data, "x.txt", Path("/tmp/c"))
    assert str(err.value) == message


def test_cli_errors(qc: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = qc("import", str(empty), "--corpus", str(tmp_path / "c"))
    assert (r.exit_code, r.stderr) == (6, f"quotecite: error: {empty}: the file is empty\n")
    r = qc("import", str(tmp_path / "missing.txt"), "--corpus", str(tmp_path / "c"))
    assert r.exit_code == 6
    assert r.stderr == f"quotecite: error: {tmp_path / 'missing.txt'}: no such file\n"
    notitle = tmp_path / "n.txt"
    notitle.write_text("1. Text.\n\n2. More.\n")
    r = qc("import", str(notitle), "--corpus", str(tmp_path / "c"))  # never refused for it
    assert r.exit_code == 0
    assert r.stderr == (
        f"quotecite: warning: {notitle}: no title in the text: supplied the description "
        "“Untitled document”\n"
    )
    assert (
        (tmp_path / "c" / "untitled-document.md")
        .read_text("utf-8")
        .startswith(
            '+++\nid = "untitled-document"\ntype = "manuscript"\ntitle = "Untitled document"\n'
            "title-supplied = true\n"
        )
    )
    bad_meta = tmp_path / "m.toml"
    bad_meta.write_text('colour = "red"\n')
    r = qc(
        "import", str(notitle), "--meta", str(bad_meta), "--title", "T", "--corpus", str(tmp_path)
    )
    assert (r.exit_code, r.stderr) == (
        6,
        f"quotecite: error: {bad_meta}: unknown metadata field 'colour'\n",
    )
    r = qc("import", str(notitle), "--title", "T", "--date", "someday", "--corpus", str(tmp_path))
    assert r.exit_code == 6 and r.stderr.startswith("quotecite: error: --date: cannot read date")
    assert "Traceback" not in r.stderr


def test_cli_many_files_continue_after_errors(qc: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(TITLE + "1. Text.\n\n2. More.\n")
    (src / "b.txt").write_bytes(b"")
    (src / "c.txt").write_text("Notes on policy\n\nFirst.\n\nSecond.\n\nThird.\n")
    out = tmp_path / "corpus"
    r = qc("import", str(src), "--corpus", str(out), "--json")
    assert r.exit_code == 6
    rows = json.loads(r.stdout)
    assert [(x["id"], x["written"], x["error"]) for x in rows] == [
        ("andropov-1983-03-12", True, None),
        (None, False, f"{src / 'b.txt'}: the file is empty"),
        ("notes-on-policy", True, None),
    ]
    assert r.stderr.splitlines() == [
        f"quotecite: error: {src / 'b.txt'}: the file is empty",
        "quotecite: 1 of 3 files not imported",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["andropov-1983-03-12.md", "notes-on-policy.md"]
    r = qc("import", str(src / "a.txt"), str(src / "c.txt"), "--id", "x", "--corpus", str(out))
    assert r.exit_code == 2


def test_cli_dry_run_writes_nothing(qc: Any, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TITLE + "1. Text.\n\n2. More.\n")
    r = qc("import", str(src), "--dry-run", "--corpus", str(tmp_path / "c"))
    assert r.exit_code == 0
    assert r.stdout.startswith('+++\nid = "andropov-1983-03-12"\n')
    assert r.stdout.endswith("¶ 1\nText.\n\n¶ 2\nMore.\n")
    assert not (tmp_path / "c").exists()


def test_cli_many_files_in_worker_processes(qc: Any, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(70):
        (src / f"d{i:02d}.txt").write_text(f"Notes number {i}\n\nFirst.\n\nSecond.\n", "utf-8")
    (src / "d33.txt").write_bytes(b"%PDF-1.4")
    out = tmp_path / "corpus"
    r = qc("import", str(src), "--corpus", str(out))
    assert r.exit_code == 6
    assert r.stderr.splitlines() == [
        f"quotecite: error: {src / 'd33.txt'}: a damaged or truncated PDF that pdfminer cannot "
        "read (PDFSyntaxError: No /Root object! - Is this really a PDF?); get the file again, or "
        "repair it (e.g. qpdf or by printing it to PDF) and import the result",
        "quotecite: 1 of 70 files not imported",
    ]
    assert len(r.stdout.splitlines()) == 69
    assert (out / "notes-number-69.md").read_text("utf-8").endswith("¶ 2\nSecond.\n")


def test_repeated_short_turns_are_kept() -> None:
    # a line repeated three times is a running head only if it reads as one: not a turn
    turns = "\n\n".join(["Gorbachev: Yes.", "Kohl: We agree on that, then."] * 3)
    d = doc(turns + "\n", head="Record of Conversation between Gorbachev and Kohl\n\n")
    assert [p.parts[0].text for p in d.paragraphs] == [
        "Gorbachev: Yes.",
        "Kohl: We agree on that, then.",
    ] * 3


def test_a_flattened_transcript_splits_at_its_turns() -> None:
    # a whole transcript on one line (a PDF's text, a chapter preview)
    line = " ".join(f"Speaker{i % 3}: Point number {i} is made here." for i in range(24))
    d = doc(line + "\n", head="Transcript of a Meeting, 5 May 1989\n\n")
    texts = [p.parts[0].text for p in d.paragraphs]
    assert texts[:2] == [
        "Speaker0: Point number 0 is made here.",
        "Speaker1: Point number 1 is made here.",
    ]
    assert len(texts) == 24


@pytest.mark.parametrize(
    "text",
    [
        "“" * 20000 + "word",  # once cubic in the Wilson citation pattern
        "[Source: " + "f. 1, op. 2, d. 3, " * 5000,  # a note far longer than any source note
        "Memorandum from " + "X " * 20000 + "to Y\n\nText.\n",
    ],
)
def test_pathological_lines_import(text: str) -> None:
    result = import_text(text, "p.txt", Path("/tmp/c"))
    assert result.document.paragraphs
