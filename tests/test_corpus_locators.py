"""The corpus format's locators: paragraph headers with leaves and pages, several [[archival]].

A paragraph header ``¶ NUMBER [ROLE] [l. LEAVES] [p. PAGES]`` says which archival leaves and
which printed pages the paragraph stands on; ``[[archival]]`` tables give a document several
archival references, the first primary. The documents here are the Wilson Center's Roshchin
telegram (tests/data/real/wilson-roshchin-telegram-mirror-1951.txt, as quotecite imports it) and
a Russian memorandum in the shape of a document collection: its leaves marked as published, its
pages those of the volume.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotecite.corpusfile import format_document, parse_text
from quotecite.errors import CorpusError
from quotecite.model import Archival, Role

YAGODA_ID = "rgaspi-17-3-845"
YAGODA = """\
+++
id = "rgaspi-17-3-845"
type = "manuscript"
genre = "memorandum"
title = "Записка Г.Г. Ягоды И.В. Сталину о положении в колхозах Западно-Сибирского края"
issued = "1934-03-17"
language = "ru"
numbering = "supplied"
author = [
    { family = "Ягода", given = "Г.Г." },
]
recipient = [
    { family = "Сталин", given = "И.В." },
]

[archival]
archive = "Russian State Archive of Socio-Political History"
acronym = "RGASPI"
place = "Moscow"
fond = "17"
opis = "3"
delo = "845"
leaves = "28–31"
+++

¶ h1 headnote p. 379
Записка направлена И.В. Сталину 17 марта 1934 г.; на первом листе помета: «Читал. И. Ст.»

¶ 1 l. 28 p. 379
Секретарю ЦК ВКП(б) тов. Сталину.

¶ 2 l. 28 p. 379
Сообщаю, что по данным Полномочного представительства ОГПУ по Западно-Сибирскому краю за январь и февраль 1934 г. выявлено 17 случаев массовых выступлений в колхозах края.

¶ 3 ll. 28–28ob. pp. 379–380
В большинстве случаев выступления возникли на почве недостатка продовольствия и задержки выдачи хлеба на трудодни. Руководство районов мер к устранению причин не принимало.

¶ 4 ll. 28ob.–29 p. 380
Считаю необходимым поручить крайкому проверить положение в районах и принять меры к обеспечению колхозников продовольствием до нового урожая.

¶ 5 l. 29 p. 380
Прошу Ваших указаний.

¶ sig1 signature l. 29 p. 380
Народный комиссар внутренних дел СССР Г. Ягода

¶ src1 source-note p. 380
РГАСПИ. Ф. 17. Оп. 3. Д. 845. Л. 28–31. Подлинник. Машинопись.
"""

ROSHCHIN_ID = "aprf-45-1-336"
ROSHCHIN = """\
+++
id = "aprf-45-1-336"
type = "manuscript"
genre = "telegram"
title = "Ciphered telegram, Roshchin to USSR Foreign Ministry"
issued = "1951-01-13"
language = "en"
numbering = "supplied"
author = [
    { family = "Roshchin" },
]
recipient = [
    { literal = "USSR Foreign Ministry" },
]

[[archival]]
archive = "Archive of the President of the Russian Federation"
acronym = "APRF"
place = "Moscow"
fond = "45"
opis = "1"
delo = "336"
leaves = "122"

[[archival]]
archive = "Archive of Foreign Policy of the Russian Federation"
acronym = "AVP RF"
place = "Moscow"
fond = "059a"
opis = "5a"
delo = "5"
papka = "11"
leaves = "13"
+++

¶ 1
Copies: Stalin (2), Molotov, Malenkov, Beria, Mikoyan, Kaganovich, Bulganin, Khrushchev, Vyshinsky, Copy.

¶ 2
Your order No. 48 has been fulfilled. Zhou Enlai asked to give great thanks to comrade Filippov for the advice and consultation.

¶ 3
13.1.51 ROSHCHIN

¶ src1 source-note
APRF, Fond 45, Opis 1, Delo 336, List 122 and AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, List 13
"""

APRF = Archival(
    archive="Archive of the President of the Russian Federation",
    acronym="APRF",
    place="Moscow",
    fond="45",
    opis="1",
    delo="336",
    leaves="122",
)
AVPRF = Archival(
    archive="Archive of Foreign Policy of the Russian Federation",
    acronym="AVP RF",
    place="Moscow",
    fond="059a",
    opis="5a",
    delo="5",
    papka="11",
    leaves="13",
)
HEAD = '+++\nid = "x"\ntitle = "t"\n+++\n\n'
HEADER_HELP = "(write '¶ 16', '¶ 1 headnote' or '¶ 16 ll. 29–30')"


def corpus(tmp_path: Path, *texts: tuple[str, str]) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for doc_id, text in texts:
        (root / f"{doc_id}.md").write_text(text, "utf-8")
    return root


# --- paragraph headers ----------------------------------------------------------------------


def test_headers_with_leaves_pages_and_roles_parse() -> None:
    doc = parse_text(YAGODA, "c/rgaspi-17-3-845.md").document
    assert [(p.number, p.role.value, p.leaves, p.pages, p.line) for p in doc.paragraphs] == [
        ("h1", "headnote", None, "379", 26),
        ("1", "body", "28", "379", 29),
        ("2", "body", "28", "379", 32),
        ("3", "body", "28–28ob.", "379–380", 35),
        ("4", "body", "28ob.–29", "380", 38),
        ("5", "body", "29", "380", 41),
        ("sig1", "signature", "29", "380", 44),
        ("src1", "source-note", None, "380", 47),
    ]
    # a locator is not text: the paragraph's text is what follows the header
    assert doc.paragraphs[5].text == "Прошу Ваших указаний."


@pytest.mark.parametrize("text", [YAGODA, ROSHCHIN], ids=["leaves-and-pages", "two-archival"])
def test_written_back_exactly(text: str) -> None:
    assert format_document(parse_text(text).document) == text


@pytest.mark.parametrize(
    ("header", "role", "leaves", "pages", "written"),
    [
        ("¶ 16 ll. 29–30", Role.BODY, "29–30", None, "¶ 16 ll. 29–30"),
        ("¶ 3 headnote p. 379", Role.HEADNOTE, None, "379", "¶ 3 headnote p. 379"),
        ("¶ 7 ll. 28ob.–29", Role.BODY, "28ob.–29", None, "¶ 7 ll. 28ob.–29"),
        ("¶ d1 dateline l. 5ob.", Role.DATELINE, "5ob.", None, "¶ d1 dateline l. 5ob."),
        ("¶ n1 footnote pp. 12–13", Role.FOOTNOTE, None, "12–13", "¶ n1 footnote pp. 12–13"),
        ("¶ 2 headnote p. iv", Role.HEADNOTE, None, "iv", "¶ 2 headnote p. iv"),
        ("¶ 5 signature l. 29 p. 380", Role.SIGNATURE, "29", "380", "¶ 5 signature l. 29 p. 380"),
        # what is read is written the one way: en dashes, l./ll. and p./pp. by the value,
        # leaves before pages, one space
        ("¶ 16 ll. 29-30", Role.BODY, "29–30", None, "¶ 16 ll. 29–30"),
        ("¶ 16 l. 29–30", Role.BODY, "29–30", None, "¶ 16 ll. 29–30"),
        ("¶ 16 ll. 29", Role.BODY, "29", None, "¶ 16 l. 29"),
        ("¶ 16 pp. 379", Role.BODY, None, "379", "¶ 16 p. 379"),
        ("¶ 16 p. 12 l. 29", Role.BODY, "29", "12", "¶ 16 l. 29 p. 12"),
        ("¶ 16  l.29\tp.12 ", Role.BODY, "29", "12", "¶ 16 l. 29 p. 12"),
    ],
)
def test_header_forms(
    header: str, role: Role, leaves: str | None, pages: str | None, written: str
) -> None:
    doc = parse_text(f"{HEAD}{header}\nText.\n").document
    (p,) = doc.paragraphs
    assert (p.role, p.leaves, p.pages, p.text) == (role, leaves, pages, "Text.")
    assert format_document(doc) == '+++\nid = "x"\ntype = "manuscript"\ntitle = "t"\n' + (
        f'numbering = "printed"\n+++\n\n{written}\nText.\n'
    )


@pytest.mark.parametrize(
    "header",
    [
        "¶ 16 ll.",
        "¶ 16 p.",
        "¶ 16 l 29",
        "¶ 16 L. 29",
        "¶ 16 leaves 29",
        "¶ 16 ll. 29 –30",
        "¶ 16 l. 29 headnote",
        "¶ 16 folio 29",
        "¶ 16 headnote body",
    ],
)
def test_malformed_header_is_a_one_line_error_naming_file_and_line(header: str) -> None:
    with pytest.raises(CorpusError) as info:
        parse_text(f"{HEAD}¶ 1 l. 1\nText.\n\n{header}\nMore text.\n", "corpus/bad.md")
    err = info.value
    assert (err.path, err.line) == ("corpus/bad.md", 9)
    assert str(err) == f"corpus/bad.md:9: cannot read paragraph header '{header}' {HEADER_HELP}"


def test_unknown_role_before_a_locator() -> None:
    with pytest.raises(CorpusError) as info:
        parse_text(f"{HEAD}¶ 16 preface l. 29\nText.\n", "corpus/bad.md")
    assert str(info.value) == (
        "corpus/bad.md:6: unknown paragraph role 'preface' "
        "(roles: headnote, body, dateline, signature, source-note, footnote)"
    )


def test_malformed_header_on_the_command_line(qc: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, (YAGODA_ID, YAGODA.replace("¶ 4 ll. 28ob.–29", "¶ 4 ll.28ob. –29")))
    r = qc("show", YAGODA_ID, "4", "--corpus", str(root))
    assert (r.exit_code, r.stdout) == (5, "")
    assert r.stderr == (
        f"quotecite: error: {root / (YAGODA_ID + '.md')}:38: cannot read paragraph header "
        f"'¶ 4 ll.28ob. –29 p. 380' {HEADER_HELP}\n"
    )


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("¶ 16 l. 29 l. 30", "leaves are given twice"),
        ("¶ 16 p. 379 p. 380", "pages are given twice"),
        ("¶ 16 l. 29 p. 379 ll. 30–31", "leaves are given twice"),
        ("¶ 16 ll. foo", "'foo' is not a leaf or range of leaves"),
        ("¶ 16 ll. 29–foo", "'29–foo' is not a leaf or range of leaves"),
        ("¶ 16 l. iv", "'iv' is not a leaf or range of leaves"),
        ("¶ 16 p. foo", "'foo' is not a page or range of pages"),
    ],
)
def test_header_with_repeated_or_meaningless_locator_is_an_error(header: str, reason: str) -> None:
    with pytest.raises(CorpusError) as info:
        parse_text(f"{HEAD}{header}\nText.\n", "corpus/bad.md")
    assert str(info.value) == (
        f"corpus/bad.md:6: cannot read paragraph header '{header}': {reason} {HEADER_HELP}"
    )


@pytest.mark.parametrize(
    ("header", "leaves", "pages", "written"),
    [
        # the values the archival parser normalizes leaves to, and the importer writes
        ("¶ 16 ll. 23–24, 44–47", "23–24, 44–47", None, "¶ 16 ll. 23–24, 44–47"),
        ("¶ 16 ll. 23-24,44-47", "23–24, 44–47", None, "¶ 16 ll. 23–24, 44–47"),
        ("¶ 16 l. 5, 7", "5, 7", None, "¶ 16 ll. 5, 7"),
        ("¶ 16 l. 12–14ob.", "12–14ob.", None, "¶ 16 ll. 12–14ob."),
        ("¶ 16 p. iii-iv", None, "iii–iv", "¶ 16 pp. iii–iv"),
        ("¶ 16 p. 12, 14 l. 5ob.", "5ob.", "12, 14", "¶ 16 l. 5ob. pp. 12, 14"),
    ],
)
def test_header_lists_and_ranges(
    header: str, leaves: str | None, pages: str | None, written: str
) -> None:
    doc = parse_text(f"{HEAD}{header}\nText.\n").document
    (p,) = doc.paragraphs
    assert (p.leaves, p.pages) == (leaves, pages)
    text = format_document(doc)
    assert f"\n{written}\nText.\n" in text
    assert format_document(parse_text(text).document) == text


# --- several archival references -----------------------------------------------------------


def test_array_of_archival_tables() -> None:
    doc = parse_text(ROSHCHIN, "c/aprf-45-1-336.md").document
    assert doc.archival == APRF
    assert doc.more_archival == (AVPRF,)
    assert doc.archival_references == (APRF, AVPRF)
    assert doc.archival.location() == "f. 45, op. 1, d. 336, l. 122"
    assert doc.more_archival[0].location() == "f. 059a, op. 5a, p. 11, d. 5, l. 13"


def test_one_reference_in_an_array_is_written_as_a_table() -> None:
    one = ROSHCHIN.split('\n\n[[archival]]\narchive = "Archive of Foreign Policy')[0] + (
        "\n+++\n\n¶ 1\nText.\n"
    )
    doc = parse_text(one).document
    assert (doc.archival, doc.more_archival, doc.archival_references) == (APRF, (), (APRF,))
    written = format_document(doc)
    assert "[[archival]]" not in written
    assert '\n\n[archival]\narchive = "Archive of the President of the Russian Federation"\n' in (
        written
    )
    assert parse_text(written).document.archival_references == (APRF,)


def test_no_archival_reference() -> None:
    doc = parse_text(f"{HEAD}¶ 1\nText.\n").document
    assert (doc.archival, doc.more_archival, doc.archival_references) == (Archival(), (), ())
    assert "archival" not in format_document(doc)


def test_archival_errors_name_the_line() -> None:
    with pytest.raises(CorpusError) as info:
        parse_text(ROSHCHIN.replace('papka = "11"', 'folder = "11"'), "c/x.md")
    assert str(info.value) == "c/x.md:32: unknown archival field 'folder'"
    with pytest.raises(CorpusError) as info:
        parse_text('+++\nid = "x"\ntitle = "t"\narchival = "APRF"\n+++\n', "c/x.md")
    assert str(info.value) == "c/x.md:4: archival must be a table, or an array of tables"
    with pytest.raises(CorpusError) as info:
        parse_text('+++\nid = "x"\ntitle = "t"\narchival = ["APRF"]\n+++\n', "c/x.md")
    assert str(info.value) == "c/x.md:4: archival must be a table, or an array of tables"


# --- on the command line --------------------------------------------------------------------

APRF_JSON = {
    "archive": "Archive of the President of the Russian Federation",
    "acronym": "APRF",
    "place": "Moscow",
    "fond": "45",
    "opis": "1",
    "delo": "336",
    "papka": None,
    "leaves": "122",
    "collection": None,
}
AVPRF_JSON = {
    "archive": "Archive of Foreign Policy of the Russian Federation",
    "acronym": "AVP RF",
    "place": "Moscow",
    "fond": "059a",
    "opis": "5a",
    "delo": "5",
    "papka": "11",
    "leaves": "13",
    "collection": None,
}


def test_info_json_archival_references_and_paragraph_locators(qc: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, (ROSHCHIN_ID, ROSHCHIN), (YAGODA_ID, YAGODA))
    data = json.loads(qc("info", ROSHCHIN_ID, "--json", "--corpus", str(root)).stdout)
    assert data["archival"] == APRF_JSON
    assert data["archival_references"] == [APRF_JSON, AVPRF_JSON]
    assert list(data).index("archival_references") == list(data).index("archival") + 1
    r = qc("info", YAGODA_ID, "--json", "--corpus", str(root))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["archival_references"] == [data["archival"]]
    assert data["archival"]["leaves"] == "28–31"
    assert [(p["number"], p["role"], p["leaves"], p["pages"]) for p in data["paragraphs"]] == [
        ("h1", "headnote", None, "379"),
        ("1", "body", "28", "379"),
        ("2", "body", "28", "379"),
        ("3", "body", "28–28ob.", "379–380"),
        ("4", "body", "28ob.–29", "380"),
        ("5", "body", "29", "380"),
        ("sig1", "signature", "29", "380"),
        ("src1", "source-note", None, "380"),
    ]


def test_info_json_of_a_document_with_one_reference_and_no_locators(qc: Any) -> None:
    data = json.loads(qc("info", "doc6", "--json").stdout)
    assert data["archival_references"] == [data["archival"]]
    assert {(p["leaves"], p["pages"]) for p in data["paragraphs"]} == {(None, None)}


def test_show_json_leaves_and_pages(qc: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, (ROSHCHIN_ID, ROSHCHIN), (YAGODA_ID, YAGODA))
    r = qc("show", YAGODA_ID, "3-4", "-C", "1", "--json", "--corpus", str(root))
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [(p["number"], p["leaves"], p["pages"], p["context"]) for p in data["paragraphs"]] == [
        ("2", "28", "379", True),
        ("3", "28–28ob.", "379–380", False),
        ("4", "28ob.–29", "380", False),
        ("5", "29", "380", True),
    ]
    assert list(data["paragraphs"][1])[:4] == ["number", "role", "leaves", "pages"]
    data = json.loads(qc("show", ROSHCHIN_ID, "2", "--json", "--corpus", str(root)).stdout)
    assert data["document"]["archival_references"] == [APRF_JSON, AVPRF_JSON]
    assert "paragraphs" not in data["document"]
    assert [(p["number"], p["leaves"], p["pages"]) for p in data["paragraphs"]] == [
        ("2", None, None)
    ]


def test_info_plain_shows_every_archival_reference(qc: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, (ROSHCHIN_ID, ROSHCHIN))
    r = qc("info", ROSHCHIN_ID, "--corpus", str(root))
    assert r.exit_code == 0
    assert "f. 45, op. 1, d. 336, l. 122" in r.stdout
    assert "f. 059a, op. 5a, p. 11, d. 5, l. 13" in r.stdout
    assert "Archive of Foreign Policy of the Russian Federation (AVP RF)" in r.stdout
    lines = r.stdout.splitlines()
    assert [line.split(":")[0].strip() for line in lines if line.startswith("arch")] == [
        "archive",
        "archive place",
        "archival reference",
        "archive 2",
        "archive place 2",
        "archival reference 2",
    ]
    rich = qc("info", ROSHCHIN_ID, "--rich", "--corpus", str(root))
    assert rich.exit_code == 0
    assert "archival reference 2" in rich.stdout
    assert "f. 059a, op. 5a, p. 11, d. 5, l. 13" in rich.stdout


@pytest.mark.parametrize("style", ["chicago", "mla", "chicago-author-date"])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_every_passage_has_the_documents_bibliography_entry(
    tmp_path: Path, style: str, fmt: str
) -> None:
    # the notes pinpoint each passage's leaves; the entry is the document's, as bib gives it,
    # whatever passage is cited (cite, quote and find all cite through cite_passage)
    from quotecite import citing
    from quotecite.corpus import Corpus
    from quotecite.csl.mapping import document_item
    from quotecite.passage import resolve
    from quotecite.refs import parse_ref

    lib = Corpus(corpus(tmp_path, (ROSHCHIN_ID, ROSHCHIN), (YAGODA_ID, YAGODA)))
    doc = lib.document(YAGODA_ID)
    items = [document_item(d) for d in lib.documents()]
    (entry,) = citing.bibliography([document_item(doc)], items, style, fmt, corpus=True).entries
    assert "28–31" in entry.entry
    for ref, leaves in [("", "ll. 28–31"), ("5", "l. 29"), ("3-4", "ll. 28–29"), ("h1", None)]:
        passage = resolve(doc, parse_ref(f"{YAGODA_ID} {ref}".strip()))
        cited = citing.cite_passage(passage, style, fmt, corpus=lib)
        assert (ref, cited.bibliography) == (ref, entry.entry)
        if leaves:
            assert cited.csl["archive_location"] == f"f. 17, op. 3, d. 845, {leaves}"


def test_quote_note_pinpoints_the_passages_leaf(qc: Any, tmp_path: Path) -> None:
    root = corpus(tmp_path, (YAGODA_ID, YAGODA))
    r = qc("quote", YAGODA_ID, "5", "--format", "text", "--corpus", str(root), "--json")
    assert r.exit_code == 0
    assert "f. 17, op. 3, d. 845, l. 29" in json.loads(r.stdout)["citation"]
