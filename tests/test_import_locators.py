"""Leaves and pages of imported paragraphs, and how cite pinpoints them.

Russian editions mark where each leaf of the archival file begins (``[Л. 28]``, ``/л. 28 об./``);
a paragraph stands on the leaves from the one current at its start to the last begun inside it.
Publishers mark pages (FRUS's ``[Page 39]``, the Bukovsky archive's ``[page two]``), and a PDF
has its pages. The Russian memorandum below is in the shape of a Russian document collection
(heading, date, text with the publisher's leaf marks, the archival line after the text, an
editors' footnote); the rest are real texts from tests/data/real and tests/data/seeds.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from test_import_formats import FONT, paragraphs, seed_pages, typeset

from quotecite.importer import import_path, import_text
from quotecite.importer.build import ImportResult
from quotecite.passage import resolve
from quotecite.refs import parse_ref

from conftest import ROOT

REAL = ROOT / "tests" / "data" / "real"
CORPUS = Path("/nonexistent-corpus")

MEMO = """\
Записка Г.Г. Ягоды И.В. Сталину о положении в колхозах Западно-Сибирского края
17 марта 1934 г.

[Л. 28] Секретарю ЦК ВКП(б) тов. Сталину.

Сообщаю, что по данным Полномочного представительства ОГПУ по Западно-Сибирскому краю за \
январь и февраль 1934 г. выявлено 17 случаев массовых выступлений в колхозах края1.

В большинстве случаев выступления возникли на почве недостатка продовольствия и задержки \
выдачи хлеба на трудодни. /л. 28 об./ Руководство районов мер к устранению причин не принимало.

Считаю необходимым поручить крайкому проверить положение в районах и принять меры к [Л. 29] \
обеспечению колхозников продовольствием до нового урожая.

Прошу Ваших указаний.

Народный комиссар внутренних дел Г. Ягода

РГАСПИ. Ф. 17. Оп. 3. Д. 845. Л. 28–31. Подлинник. Машинопись.

________________________

1 Сведения ПП ОГПУ см.: Л. 30–31.
"""
MEMO_ID = "rgaspi-17-3-845"
TITLE = "Записка Г.Г. Ягоды И.В. Сталину о положении в колхозах Западно-Сибирского края"

#: the same memorandum as an English edited volume prints it: heading, the editors' headnote,
#: numbered points, the leaves in brackets
VOLUME = """\
Document No. 12: Memorandum from G. G. Yagoda to J. V. Stalin on the Situation in the \
Collective Farms of the West Siberian Territory, 17 March 1934

The memorandum reached Stalin on the day it was written. The leaves of the file are given in \
brackets as the Russian edition prints them.

[l. 28] To the Secretary of the CC VKP(b), Comrade Stalin.

1. I report that according to the OGPU plenipotentiary representation for the West Siberian \
Territory, 17 cases of mass disturbances in the territory's collective farms were found in \
January and February 1934.

2. In most cases the disturbances arose from a shortage of food and delays in issuing grain for \
labor-days. [l. 28ob.] The district leadership took no measures to remove the causes.

3. I consider it necessary to instruct the territorial committee to check the situation in the \
districts and to take measures to [l. 29] supply the collective farmers with food until the new \
harvest.

People's Commissar of Internal Affairs G. Yagoda

RGASPI, f. 17, op. 3, d. 845, ll. 28–31. Original. Typewritten.
"""


def memo() -> ImportResult:
    return import_text(MEMO, "memo.txt", CORPUS)


def locators(result: ImportResult) -> list[tuple[str, str, str | None, str | None]]:
    return [(p.number, p.role.value, p.leaves, p.pages) for p in result.document.paragraphs]


# --- leaves ---------------------------------------------------------------------------------


def test_leaf_marks_give_each_paragraph_its_leaves() -> None:
    result = memo()
    doc = result.document
    assert (doc.id, doc.title, doc.archival.leaves) == (MEMO_ID, TITLE, "28–31")
    assert locators(result) == [
        ("1", "body", "28", None),
        ("2", "body", "28", None),
        ("3", "body", "28–28ob.", None),  # the verso begins inside it
        ("4", "body", "28ob.–29", None),  # begun on the verso, leaf 29 begins inside it
        ("5", "body", "29", None),
        ("6", "body", "29", None),
        ("src1", "source-note", None, None),  # the editors' archival line
        ("n1", "footnote", None, None),  # the editors' footnote
    ]


def test_leaf_marks_leave_the_text_and_are_listed() -> None:
    result = memo()
    texts = {p.number: p.text for p in result.document.paragraphs}
    assert texts["1"] == "Секретарю ЦК ВКП(б) тов. Сталину."
    assert texts["3"] == (
        "В большинстве случаев выступления возникли на почве недостатка продовольствия и "
        "задержки выдачи хлеба на трудодни. Руководство районов мер к устранению причин не "
        "принимало."
    )
    assert texts["4"] == (
        "Считаю необходимым поручить крайкому проверить положение в районах и принять меры к "
        "обеспечению колхозников продовольствием до нового урожая."
    )
    assert not any("Л." in t or "л." in t for n, t in texts.items() if not n.startswith(("s", "n")))
    assert [(r.line, r.detail) for r in result.repairs if r.kind == "leaf-mark"] == [
        (4, "[Л. 28]"),
        (8, "/л. 28 об./"),
        (10, "[Л. 29]"),
    ]
    # the corpus file says it in the headers
    assert [line for line in result.text.split("\n") if line.startswith("¶")] == [
        "¶ 1 l. 28",
        "¶ 2 l. 28",
        "¶ 3 ll. 28–28ob.",
        "¶ 4 ll. 28ob.–29",
        "¶ 5 l. 29",
        "¶ 6 l. 29",
        "¶ src1 source-note",
        "¶ n1 footnote",
    ]


def test_leaf_marks_are_listed_as_left_out() -> None:
    left = {(x.line, x.text) for x in memo().left_out}
    assert {(4, "[Л. 28]"), (8, "/л. 28 об./"), (10, "[Л. 29]")} <= left


def test_before_the_first_mark_the_first_leaf_of_the_range() -> None:
    # no mark at the start: the text begins on the first leaf the archival line gives
    result = import_text(MEMO.replace("[Л. 28] ", ""), "memo.txt", CORPUS)
    assert [p.leaves for p in result.document.paragraphs][:5] == [
        "28",
        "28",
        "28–28ob.",
        "28ob.–29",
        "29",
    ]


def test_no_marks_no_paragraph_leaves() -> None:
    plain = re.sub(r"\[Л\. \d+\] |/л\. 28 об\./ ", "", MEMO)
    result = import_text(plain, "memo.txt", CORPUS)
    assert {p.leaves for p in result.document.paragraphs} == {None}
    assert result.document.archival.leaves == "28–31"  # the document's, not a paragraph's


def test_editors_text_gets_no_leaves() -> None:
    result = import_text(VOLUME, "volume.txt", CORPUS)
    assert locators(result) == [
        ("h1", "headnote", None, None),
        ("p1", "body", "28", None),
        ("1", "body", "28", None),
        ("2", "body", "28–28ob.", None),
        ("3", "body", "28ob.–29", None),
        ("sig1", "signature", "29", None),
        ("src1", "source-note", None, None),
    ]
    assert result.document.paragraphs[0].text.startswith("The memorandum reached Stalin")


def test_prose_before_the_mark_that_begins_the_first_leaf_is_on_no_leaf() -> None:
    unnumbered = re.sub(r"\n\d\. ", "\n", VOLUME)
    result = import_text(unnumbered, "volume.txt", CORPUS)
    first = result.document.paragraphs[0]
    assert first.text.startswith("The memorandum reached Stalin")
    assert first.leaves is None


def test_number_line_above_a_russian_heading() -> None:
    doc = import_text("№ 12\n" + MEMO, "memo.txt", CORPUS).document
    assert doc.title == TITLE
    assert doc.publication.container_title is None
    assert [p.leaves for p in doc.paragraphs][:4] == ["28", "28", "28–28ob.", "28ob.–29"]


# --- pages ----------------------------------------------------------------------------------


def test_frus_page_mark_leaves_the_text() -> None:
    result = import_path(REAL / "vol-frus-harriman-telegram-1944.txt", CORPUS)
    second = result.document.paragraphs[1]
    assert second.text.startswith(
        "I had not known of the communication of March 10 from Stalin to the President "
        "referred to in the Department’s telegram. I do not now normally receive from Molotov"
    )
    assert [(r.line, r.detail) for r in result.repairs if r.kind == "page-mark"] == [
        (7, "[Page 39]")
    ]
    assert "[Page" not in result.text
    assert {p.pages for p in result.document.paragraphs[2:]} == {"39"}


def test_frus_paragraph_split_by_the_page_mark_stands_on_both_pages() -> None:
    # the text before the volume's "[Page 39]" is on page 38
    result = import_path(REAL / "vol-frus-harriman-telegram-1944.txt", CORPUS)
    assert [p.pages for p in result.document.paragraphs[:2]] == ["38", "38–39"]


def test_frus_telegram_text_and_notes_roles() -> None:
    # "1385." is the telegram's number, not a paragraph's; the notes, an ordered list counting
    # from 1 on the page, are the notes 53–55 the text calls
    doc = import_path(REAL / "vol-frus-harriman-telegram-1944.txt", CORPUS).document
    assert [(p.number, p.role.value) for p in doc.paragraphs] == [
        ("1", "body"),
        ("2", "body"),
        ("n53", "footnote"),
        ("n54", "footnote"),
        ("n55", "footnote"),
    ]
    assert doc.numbering == "supplied"
    assert doc.paragraphs[0].text.startswith("1385. The substance of the Department’s 999 [969]")
    assert [m.label for m in doc.paragraphs[0].parts[0].markers] == ["53", "54"]


def test_bukovsky_page_marks() -> None:
    # "[page one of two]" … "[page two]" on a KGB memorandum of the Bukovsky archive
    result = import_path(REAL / "ru-bukovsky-red-square-1968.txt", CORPUS)
    pages = [(p.number, p.pages) for p in result.document.paragraphs]
    assert pages == [
        ("h1", None),  # the archive's catalogue description, on none of the document's pages
        *[(str(n), "1") for n in range(1, 15)],
        ("15", "2"),
    ]
    assert result.document.paragraphs[-1].text.startswith("Eleven people were detained")
    assert [(r.line, r.detail) for r in result.repairs if r.kind == "page-mark"] == [
        (7, "[page one of two]"),
        (31, "[page two]"),
    ]


def test_afghanistan_resolution_pages_before_and_across_page_two() -> None:
    doc = import_path(REAL / "nsa-politburo-resolution-afghanistan-1979.txt", CORPUS).document
    pages = {p.number: p.pages for p in doc.paragraphs}
    assert (pages["p1"], pages["1"], pages["2"]) == ("1", "1", "1–2")


@pytest.fixture
def font() -> Path:
    if not FONT.exists():
        pytest.skip(f"{FONT} (Debian package fonts-dejavu-core) is needed to typeset Unicode")
    return FONT


def test_pdf_pages_of_seed_000(font: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(typeset(font, seed_pages()))
    result = import_path(pdf, tmp_path)
    assert result.kind == "pdf"
    assert [(p.number, p.pages) for p in result.document.paragraphs] == [
        ("1", "1"),
        ("2", "1"),
        ("3", "1–2"),  # its last sub-paragraph, "In reality, genuine competition …", on page 2
        ("4", "2"),
        ("5", "2"),
        ("6", "2–3"),
        ("7", "3"),
        ("8", "3"),
        ("9", "3"),
        ("src1", "3"),
    ]
    assert result.document.paragraphs[2].parts[-1].text.startswith("In reality, genuine")
    # a passage stands on the pages from its first paragraph's first to its last's last
    doc = result.document
    for ref, want in [("3", "1–2"), ("4-5", "2"), ("2-6", "1–3"), ("9", "3"), ("9-src1", "3")]:
        assert (ref, resolve(doc, parse_ref(f"{doc.id} {ref}")).pages()) == (ref, want)


def test_pdf_page_labels_and_a_sentence_across_pages(font: Path, tmp_path: Path) -> None:
    # the Szanto letter of the Yale Annals, typeset on pages 379–381 of a volume; the letter's
    # sentence runs from page 379 onto page 380
    paras = paragraphs(REAL / "vol-szanto-letter-dimitrov-1938.txt")
    letter = paras[6]
    cut = letter.index(" slander.")
    pages = [[*paras[:6], letter[:cut]], [letter[cut + 1 :], *paras[7:12]], paras[12:]]
    pdf = tmp_path / "szanto.pdf"
    pdf.write_bytes(typeset(font, pages, labels={0: ("D", 379)}))
    result = import_path(pdf, tmp_path)
    # each paragraph stands on the pages from the one its first words are on to the one its
    # last words are on (the reader's roles and numbers are not what this test is about)
    labels = ("379", "380", "381")
    printed = "\n".join(" ".join(page) for page in pages)
    breaks = [m.start() for m in re.finditer("\n", printed)]

    def page_at(offset: int) -> str:
        return labels[sum(1 for b in breaks if b < offset)]

    got = []
    cursor = 0
    for p in result.document.paragraphs:  # in the order of the text
        begin = printed.index(p.text[:40], cursor)
        cursor = printed.index(p.text[-40:], begin) + len(p.text[-40:]) - 1
        first, last = page_at(begin), page_at(cursor)
        got.append((p.text[:40], p.pages, first if first == last else f"{first}–{last}"))
    assert [(text, pages) for text, pages, _ in got] == [(text, want) for text, _, want in got]
    assert len(got) >= 12
    assert {pages for _, pages, _ in got} == {"379", "379–380", "380", "381"}
    (across,) = [p for p in result.document.paragraphs if p.pages == "379–380"]
    assert across.text.endswith(letter.replace("[ii]", ""))
    assert f"¶ {across.number} pp. 379–380\n" in result.text


# --- passages and citations -----------------------------------------------------------------


@pytest.fixture
def memo_corpus(qc: Any, tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    source = tmp_path / "memo.txt"
    source.write_text(MEMO, "utf-8")
    r = qc("import", str(source), "--corpus", str(root))
    assert r.exit_code == 0, r.stderr
    return root


def test_passage_leaves_and_pages(memo_corpus: Path) -> None:
    from quotecite.corpus import Corpus

    doc = Corpus(memo_corpus).document(MEMO_ID)
    for ref, leaves in [
        ("5", "29"),
        ("4", "28ob.–29"),
        ("3-4", "28–29"),
        ("1-6", "28–29"),
        ("5-src1", None),  # the archival line stands on no leaf: the passage's leaves unknown
        ("", None),  # the whole document: its own range
    ]:
        passage = resolve(doc, parse_ref(f"{MEMO_ID} {ref}".strip()))
        assert (ref, passage.leaves(), passage.pages()) == (ref, leaves, None)


NOTE = (
    f"Г.Г. Ягода, “{TITLE},” March 17, 1934, f. 17, op. 3, d. 845, {{}}, Russian State Archive "
    "of Socio-Political History (RGASPI), Moscow."
)


@pytest.mark.parametrize(
    ("ref", "location"),
    [
        ("5", "l. 29"),
        ("4", "ll. 28ob.–29"),
        ("2-5", "ll. 28–29"),
        ("", "ll. 28–31"),  # the whole document: the file's range
        ("src1", "ll. 28–31"),  # editors' text: the file's range
    ],
)
def test_chicago_note_pinpoints_the_leaves(
    qc: Any, memo_corpus: Path, ref: str, location: str
) -> None:
    args = [MEMO_ID, ref] if ref else [MEMO_ID]
    r = qc("cite", *args, "--corpus", str(memo_corpus), "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["citation"] == NOTE.format(location)
    assert data["csl"]["archive_location"] == f"f. 17, op. 3, d. 845, {location}"


def test_leaf_29_in_chicago_and_mla(qc: Any, memo_corpus: Path) -> None:
    r = qc("cite", MEMO_ID, "5", "--corpus", str(memo_corpus))
    assert r.exit_code == 0
    assert r.stdout.split("\n\n")[0] == NOTE.format("l. 29")
    russian = qc("cite", MEMO_ID, "5", "--archive-style", "russian", "--corpus", str(memo_corpus))
    assert russian.stdout.split("\n\n")[0] == NOTE.format("l. 29").replace(
        "f. 17, op. 3, d. 845, l. 29", "ф. 17, оп. 3, д. 845, л. 29"
    )
    mla = json.loads(
        qc("cite", MEMO_ID, "5", "--style", "mla", "--corpus", str(memo_corpus), "--json").stdout
    )
    assert mla["csl"]["archive_location"] == "f. 17, op. 3, d. 845, l. 29"
    assert mla["citation"] == "(Ягода)"  # no printed paragraph numbers, no pages
    verso = json.loads(
        qc("cite", MEMO_ID, "3", "--style", "mla", "--corpus", str(memo_corpus), "--json").stdout
    )
    assert verso["csl"]["archive_location"] == "f. 17, op. 3, d. 845, ll. 28–28ob."


@pytest.mark.parametrize(
    ("style", "entry"),
    [
        (
            "chicago",
            f"Ягода, Г.Г. “{TITLE},” March 17, 1934, f. 17, op. 3, d. 845, ll. 28–31. Russian "
            "State Archive of Socio-Political History (RGASPI), Moscow.",
        ),
        (
            "mla",
            f"Ягода, Г.Г. “{TITLE}.” 17 Mar. 1934. Russian State Archive of Socio-Political "
            "History (RGASPI), Moscow, f. 17, op. 3, d. 845, ll. 28–31.",
        ),
    ],
)
def test_bibliography_entry_is_the_documents_whatever_the_passage(
    qc: Any, memo_corpus: Path, style: str, entry: str
) -> None:
    whole = json.loads(
        qc("cite", MEMO_ID, "--style", style, "--corpus", str(memo_corpus), "--json").stdout
    )
    assert whole["bibliography"] == entry
    one = json.loads(
        qc("cite", MEMO_ID, "5", "--style", style, "--corpus", str(memo_corpus), "--json").stdout
    )
    assert one["bibliography"] == entry
    # the note keeps the passage's own leaf; the entry is the one bib gives
    assert one["csl"]["archive_location"] == "f. 17, op. 3, d. 845, l. 29"
    bib = qc("bib", MEMO_ID, "--style", style, "--corpus", str(memo_corpus))
    assert (bib.exit_code, bib.stdout) == (0, entry + "\n")


ROSHCHIN_CHICAGO = (
    "Roshchin, “Ciphered telegram, Roshchin to USSR Foreign Ministry,” January 13, 1951, f. 45, "
    "op. 1, d. 336, l. 122, Archive of the President of the Russian Federation (APRF), Moscow, "
    "copy in Archive of Foreign Policy of the Russian Federation (AVP RF), f. 059a, op. 5a, "
    "p. 11, d. 5, l. 13."
)
ROSHCHIN_MLA = (
    "Roshchin. “Ciphered telegram, Roshchin to USSR Foreign Ministry.” 13 Jan. 1951. Archive of "
    "the President of the Russian Federation (APRF), Moscow, f. 45, op. 1, d. 336, l. 122, copy "
    "in Archive of Foreign Policy of the Russian Federation (AVP RF), f. 059a, op. 5a, p. 11, "
    "d. 5, l. 13."
)


def test_two_archival_references_print_copy_in(qc: Any, tmp_path: Path) -> None:
    source = tmp_path / "roshchin.txt"
    shutil.copy(REAL / "wilson-roshchin-telegram-mirror-1951.txt", source)
    root = tmp_path / "corpus"
    r = qc("import", str(source), "--corpus", str(root))
    assert r.stdout == (
        f"{source} → {root / 'aprf-45-1-336.md'} (8 paragraphs, supplied numbering)\n"
    )
    assert r.stderr.splitlines()[0] == (
        f"quotecite: warning: {source}: the source note gives 2 archival references: the first "
        "is the primary one"
    )
    r = qc("cite", "aprf-45-1-336", "4", "--corpus", str(root))
    assert (r.exit_code, r.stdout.split("\n\n")[0]) == (0, ROSHCHIN_CHICAGO)
    r = qc("cite", "aprf-45-1-336", "4", "--style", "mla", "--corpus", str(root))
    assert r.stdout == f"(Roshchin)\n\n{ROSHCHIN_MLA}\n"
    data = json.loads(qc("cite", "aprf-45-1-336", "4", "--corpus", str(root), "--json").stdout)
    assert data["csl"]["archive_location"] == "f. 45, op. 1, d. 336, l. 122"
    assert data["csl"]["references"] == (
        "copy in Archive of Foreign Policy of the Russian Federation (AVP RF), f. 059a, op. 5a, "
        "p. 11, d. 5, l. 13"
    )
    russian = qc("cite", "aprf-45-1-336", "--archive-style", "russian", "--corpus", str(root))
    assert russian.stdout.split("\n\n")[0] == (
        "Roshchin, “Ciphered telegram, Roshchin to USSR Foreign Ministry,” January 13, 1951, "
        "ф. 45, оп. 1, д. 336, л. 122, Archive of the President of the Russian Federation "
        "(APRF), Moscow, copy in Archive of Foreign Policy of the Russian Federation (AVP RF), "
        "ф. 059a, оп. 5a, п. 11, д. 5, л. 13."
    )
