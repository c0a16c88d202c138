"""quotecite check's problems with imported documents: a cut-off source note, a reference that
skips a level, a paragraph of page furniture, a second document in one file; and real documents
imported from tests/data/real, which pass except for what they really lack.

Each problem is ``file:line: message`` on stdout, the count on stderr, exit 8.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT

REAL = ROOT / "tests" / "data" / "real"
MALIN_TITLE = "Working Notes from the Session of the CPSU CC Presidium on 21 October 1956"
#: the first of the Malin notes (tests/data/real/nsa-malin-notes-oct-1956.txt) as a corpus file
MALIN = f"""\
+++
id = "rgani-3-12-1006"
type = "manuscript"
genre = "notes"
title = "{MALIN_TITLE}"
issued = "1956-10-21"
language = "en"
numbering = "supplied"
author = [
    {{ family = "Malin", given = "V. N." }},
]

[archival]
archive = "Russian State Archive of Contemporary History"
acronym = "RGANI"
place = "Moscow"
fond = "3"
opis = "12"
delo = "1006"
+++

¶ 1
On the Situation in Poland

¶ 2
(Molotov, Serov, Zhukov, Mikoyan, Pervukhin, Saburov, Kaganovich, Voroshilov, Suslov, Furtseva, Malenkov)

¶ 3
Cde. Khrushchev: Taking account of the circumstances, we should refrain from military intervention. We need to display patience. (Everyone agrees with this.)

¶ src1 source-note
[Source: TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page. Compiled by V. N. Malin.]
"""
NOTE = "[Source: TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page. Compiled by V. N. Malin.]"


def write(root: Path, text: str, name: str = "rgani-3-12-1006.md") -> Path:
    root.mkdir(exist_ok=True)
    path = root / name
    path.write_text(text, "utf-8")
    return path


def line_of(path: Path, start: str) -> int:
    return next(
        i
        for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if line.startswith(start)
    )


def test_the_malin_notes_as_written_are_clean(qc: Any, tmp_path: Path) -> None:
    write(tmp_path, MALIN)
    r = qc("check", "--corpus", str(tmp_path))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "1 document checked: no problems\n", "")


# --- a cut-off source note ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("note", "messages"),
    [
        (
            # as stored copies of web pages end: in the middle of the note
            "[Source: TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page. Compiled by V. N.",
            ["source note ¶ src1 is cut off: “1006, unnumbered page. Compiled by V. N.”"],
        ),
        (
            "[Source: TsKhSD, F. 3, Op. 12, D.",
            ["source note ¶ src1 is cut off: “[Source: TsKhSD, F. 3, Op. 12, D.”"],
        ),
        (
            "Source: TsKhSD, Fond 3, Opis 12, Delo",
            [
                "source note ¶ src1 is cut off: “Source: TsKhSD, Fond 3, Opis 12, Delo”",
                "source note ¶ src1: cannot read it: 'Delo' without a number",
            ],
        ),
        (
            "Source: TsKhSD, F. 3, Op. 12, D. 1006 (unnumbered page) and",
            ["source note ¶ src1 is cut off: “3, Op. 12, D. 1006 (unnumbered page) and”"],
        ),
    ],
)
def test_cut_off_source_note(qc: Any, tmp_path: Path, note: str, messages: list[str]) -> None:
    path = write(tmp_path, MALIN.replace(NOTE, note))
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    line = line_of(path, "¶ src1")
    assert r.stdout.splitlines() == [f"{path}:{line}: {m}" for m in messages]
    n = len(messages)
    assert r.stderr == f"quotecite: {n} problem{'s' if n > 1 else ''} in 1 document\n"


def test_cut_off_russian_archival_line(qc: Any, tmp_path: Path) -> None:
    text = (
        MALIN.replace(NOTE, "РГАНИ. Ф. 3. Оп. 12. Д. 1006. Л.")
        .replace('language = "en"', 'language = "ru"')
        .replace(MALIN_TITLE, "Рабочая запись заседания Президиума ЦК КПСС 21 октября 1956 г.")
    )
    path = write(tmp_path, text)
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ src1')}: source note ¶ src1 is cut off: "
        "“РГАНИ. Ф. 3. Оп. 12. Д. 1006. Л.”\n"
    )


def test_cut_off_note_in_json(qc: Any, tmp_path: Path) -> None:
    path = write(tmp_path, MALIN.replace(" Malin.]", ""))
    r = qc("check", "--corpus", str(tmp_path), "--json")
    assert r.exit_code == 8
    assert json.loads(r.stdout) == {
        "documents": 1,
        "problems": [
            {
                "file": str(path),
                "line": line_of(path, "¶ src1"),
                "message": "source note ¶ src1 is cut off: “1006, unnumbered page. Compiled by V. N.”",
            }
        ],
    }


@pytest.mark.parametrize(
    "second",
    [
        "Original in German. Typewritten.",
        "Подлинник. Машинопись.",
        "Copy.",
        "Typescript.",
        "Сталин и Каганович. Переписка. 1931–1936 гг. С. 178.",
    ],
)
def test_a_description_or_publication_after_the_note_is_no_unreadable_note(
    qc: Any, tmp_path: Path, second: str
) -> None:
    write(tmp_path, MALIN + f"\n¶ src2 source-note\n{second}\n")
    r = qc("check", "--corpus", str(tmp_path))
    assert (r.exit_code, r.stdout) == (0, "1 document checked: no problems\n")


def test_a_note_that_is_neither_is_still_unreadable(qc: Any, tmp_path: Path) -> None:
    path = write(tmp_path, MALIN + "\n¶ src2 source-note\nSee the editors' introduction.\n")
    r = qc("check", "--corpus", str(tmp_path))
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ src2')}: source note ¶ src2: cannot read it: names no "
        "archive and no fond, opis or delo\n"
    )


# --- a level skipped ------------------------------------------------------------------------

KIM = """\
Memorandum of Conversation between Kim Sung-hwa and Ambassador Ivanov

June 7, 1956

[DPRK Minister of Construction] Kim Sung-hwa [Kim Sung Hwa], whom I had invited to dinner, \
visited the Embassy construction site in the evening. Kim Sung-hwa passed on a letter from \
[Deputy Prime Minister] Choe Chang-ik [Choe Chang Ik] who asked [me] to organize a meeting with \
him at my apartment but expressed a desire that the conversation be conducted without an \
interpreter, with only him present.

I agreed with this proposal and set this meeting for 8 June at the dacha at Seopo.

[Source: {reference}. Translated by Gary Goldberg.]
"""


@pytest.mark.parametrize(
    ("reference", "key", "message"),
    [
        (
            "RGANI, op. 28, d. 410, l. 210",
            "opis",
            "archival.opis is given without a fond: a level is missing",
        ),
        (
            "RGANI, f. 5, d. 410, l. 210",
            "delo",
            "archival.delo is given without an opis: a level is missing",
        ),
    ],
)
def test_a_level_skipped_in_an_imported_note(
    qc: Any, tmp_path: Path, reference: str, key: str, message: str
) -> None:
    # the Wilson Center's Ivanov journal entry, its note printed without a fond (an opis)
    source = tmp_path / "kim.txt"
    source.write_text(KIM.format(reference=reference), "utf-8")
    corpus = tmp_path / "corpus"
    r = qc("import", str(source), "--corpus", str(corpus))
    assert r.exit_code == 0
    (path,) = corpus.iterdir()
    r = qc("check", "--corpus", str(corpus))
    assert r.exit_code == 8
    assert r.stdout == f"{path}:{line_of(path, key + ' = ')}: {message}\n"
    assert r.stderr == "quotecite: 1 problem in 1 document\n"


def test_a_file_number_alone_skips_no_level(qc: Any, tmp_path: Path) -> None:
    source = tmp_path / "kim.txt"
    source.write_text(KIM.format(reference="RGANI, f. 5, op. 28, d. 410, l. 210"), "utf-8")
    corpus = tmp_path / "corpus"
    assert qc("import", str(source), "--corpus", str(corpus)).exit_code == 0
    r = qc("check", "--corpus", str(corpus))
    assert (r.exit_code, r.stdout) == (0, "1 document checked: no problems\n")
    (path,) = corpus.iterdir()
    text = path.read_text("utf-8")
    text = text.replace('fond = "5"\nopis = "28"\ndelo = "410"', 'delo = "J IV 2/202/130"')
    text = text.replace("RGANI, f. 5, op. 28, d. 410, l. 210", "RGANI, J IV 2/202/130, l. 210")
    path.write_text(text, "utf-8")
    r = qc("check", "--corpus", str(corpus))
    assert "a level is missing" not in r.stdout


ROSHCHIN_TWO = """\
+++
id = "aprf-45-1-336"
title = "Ciphered telegram, Roshchin to USSR Foreign Ministry"
issued = "1951-01-13"
language = "en"

[[archival]]
archive = "Archive of the President of the Russian Federation"
acronym = "APRF"
fond = "45"
opis = "1"
delo = "336"
leaves = "122"

[[archival]]
archive = "Archive of Foreign Policy of the Russian Federation"
acronym = "AVPRFX"
opis = "5a"
delo = "5"
papka = "11"
leaves = "13 and 14"
+++

¶ 1
Your order No. 48 has been fulfilled.
"""


def test_problems_of_a_further_reference_name_it(qc: Any, tmp_path: Path) -> None:
    path = write(tmp_path, ROSHCHIN_TWO, "aprf-45-1-336.md")
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    messages = [line.split(": ", 1)[1] for line in r.stdout.splitlines()]
    assert messages == [
        "archive acronym 'AVPRFX' is not in the archive registry",
        "archival[2].opis is given without a fond: a level is missing",
        "archival[2].leaves '13 and 14' is not a leaf or range of leaves",
    ]
    assert all(line.startswith(f"{path}:") for line in r.stdout.splitlines())


def test_problems_of_a_further_reference_are_at_its_lines(qc: Any, tmp_path: Path) -> None:
    path = write(tmp_path, ROSHCHIN_TWO, "aprf-45-1-336.md")
    r = qc("check", "--corpus", str(tmp_path))
    assert [int(line.split(":")[1]) for line in r.stdout.splitlines()] == [17, 18, 21]
    assert line_of(path, 'acronym = "AVPRFX"') == 17


# --- page furniture and a second document ---------------------------------------------------


@pytest.mark.parametrize("furniture", ["Skip to content", "— 2 –"])
def test_furniture_paragraph(qc: Any, tmp_path: Path, furniture: str) -> None:
    # an older import kept the page's furniture as ¶ 3; the numbers after it shift
    text = MALIN.replace("¶ 3\nCde. Khrushchev", f"¶ 3\n{furniture}\n\n¶ 4\nCde. Khrushchev")
    path = write(tmp_path, text)
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ 3')}: ¶ 3 looks like page furniture: “{furniture}”\n"
    )
    assert r.stderr == "quotecite: 1 problem in 1 document\n"


def test_furniture_words_inside_text_are_no_furniture(qc: Any, tmp_path: Path) -> None:
    text = MALIN.replace(
        "On the Situation in Poland", "On the Situation in Poland. Skip to content of the session."
    )
    write(tmp_path, text)
    assert qc("check", "--corpus", str(tmp_path)).exit_code == 0


SECOND = """
¶ 4
Working Notes from the Session of the CPSU CC Presidium on 23 October 1956

¶ 5
Those Taking Part: Bulganin, Kaganovich, Mikoyan, Molotov, Pervukhin, Saburov, Khrushchev, Suslov, Brezhnev, Zhukov, Furtseva, Shepilov
"""


def test_second_document_after_the_source_note(qc: Any, tmp_path: Path) -> None:
    path = write(tmp_path, MALIN + SECOND)
    r = qc("check", "--corpus", str(tmp_path))
    assert r.exit_code == 8
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ 4')}: ¶ 4 seems to begin another document (“Working Notes "
        "from the Session of the CPSU CC Pres”): one document a file\n"
    )


def test_document_heading_after_the_source_note(qc: Any, tmp_path: Path) -> None:
    heading = (
        "\n¶ 4\nDOCUMENT No. 86: Letter from the CPSU CC Politburo to the CPCz CC Presidium, "
        "August 17, 1968\n"
    )
    path = write(tmp_path, MALIN + heading)
    r = qc("check", "--corpus", str(tmp_path))
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ 4')}: ¶ 4 seems to begin another document (“DOCUMENT No. "
        "86: Letter from the CPSU CC Politburo”): one document a file\n"
    )


def test_a_heading_before_the_source_note_is_the_documents_own(qc: Any, tmp_path: Path) -> None:
    # the first paragraph repeats the title: the document's own heading, not a second document
    text = MALIN.replace("¶ 1\nOn the Situation", f"¶ p1\n{MALIN_TITLE}\n\n¶ 1\nOn the Situation")
    write(tmp_path, text)
    r = qc("check", "--corpus", str(tmp_path))
    assert (r.exit_code, r.stdout) == (0, "1 document checked: no problems\n")


# --- real documents imported ----------------------------------------------------------------


def _imported(qc: Any, tmp_path: Path, *stems: str, split: bool = False) -> Path:
    tmp_path.mkdir(exist_ok=True)
    corpus = tmp_path / "corpus"
    sources = []
    for stem in stems:
        shutil.copy(REAL / f"{stem}.txt", tmp_path / f"{stem}.txt")
        sources.append(str(tmp_path / f"{stem}.txt"))
    r = qc("import", *sources, "--corpus", str(corpus), *(["--split"] if split else []))
    assert r.exit_code == 0, r.stderr
    return corpus


def test_imported_roshchin_telegram_is_clean(qc: Any, tmp_path: Path) -> None:
    corpus = _imported(qc, tmp_path, "wilson-roshchin-telegram-mirror-1951")
    r = qc("check", "--corpus", str(corpus))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "1 document checked: no problems\n", "")


def test_imported_malin_page_holds_a_second_document(qc: Any, tmp_path: Path) -> None:
    corpus = _imported(qc, tmp_path, "nsa-malin-notes-oct-1956")
    path = corpus / "rgani-3-12-1006.md"
    r = qc("check", "--corpus", str(corpus))
    assert r.exit_code == 8
    assert r.stdout == (
        f"{path}:{line_of(path, '¶ 4')}: ¶ 4 seems to begin another document (“Working Notes "
        "from the Session of the CPSU CC Pres”): one document a file\n"
    )
    # split, the first is clean; the second really lacks its source: the page is cut off
    # before its note
    corpus = _imported(qc, tmp_path / "split", "nsa-malin-notes-oct-1956", split=True)
    second = corpus / "working-notes-from-the-session-of-1956-10-23.md"
    r = qc("check", "--corpus", str(corpus))
    assert r.stdout == (
        f"{second}:{line_of(second, 'title = ')}: metadata names no source: give [archival] or "
        "[publication]\n"
    )
    assert r.stderr == "quotecite: 1 problem in 2 documents\n"


def test_imported_frus_telegram_lacks_source_and_date(qc: Any, tmp_path: Path) -> None:
    # the FRUS page as stored names neither the volume nor the telegram's date
    corpus = _imported(qc, tmp_path, "vol-frus-harriman-telegram-1944")
    (path,) = corpus.iterdir()
    title = line_of(path, "title = ")
    r = qc("check", "--corpus", str(corpus))
    assert r.stdout.splitlines() == [
        f"{path}:{title}: metadata names no source: give [archival] or [publication]",
        f"{path}:{title}: metadata has no issued date (an undated document's note begins "
        "'Undated')",
    ]


def test_imported_szanto_letter_lacks_only_its_translator(qc: Any, tmp_path: Path) -> None:
    corpus = _imported(qc, tmp_path, "vol-szanto-letter-dimitrov-1938")
    path = corpus / "rgaspi-495-73-57.md"
    r = qc("check", "--corpus", str(corpus))
    assert r.stdout == (
        f"{path}:{line_of(path, 'original-language = ')}: a translation with no translator\n"
    )


def test_imported_reader_document_has_its_whole_source_note(qc: Any, tmp_path: Path) -> None:
    corpus = _imported(qc, tmp_path, "nsa-brezhnev-letter-dubcek-1968")
    path = corpus / "brezhnev-1968-08-16.md"
    r = qc("check", "--corpus", str(corpus))
    assert "is cut off" not in r.stdout
    text = path.read_text("utf-8")
    assert "Vondrová & Navrátil, vol. 2, pp. 187–189." in text


def test_imported_russian_telegram_is_clean(qc: Any, tmp_path: Path) -> None:
    corpus = _imported(qc, tmp_path, "ru-stalin-mao-telegram-1948")
    r = qc("check", "--corpus", str(corpus))
    assert (r.exit_code, r.stdout) == (0, "1 document checked: no problems\n")
