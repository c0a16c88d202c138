"""Every source-note form of the research note and issue 3, read into structured references."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.archival import lookup, normalize_leaves, parse_source_note, registry
from quotecite.model import Name

GARF = ("State Archive of the Russian Federation", "GARF", "Moscow")


def ref(note: str, index: int = 0) -> dict[str, str]:
    parsed = parse_source_note(note)
    return {k: v for k, v in parsed.references[index].as_dict().items() if v is not None}


def test_seed_000_note() -> None:
    note = parse_source_note(
        "[Source:  State Archive of the Russian Federation.  Fond 10063, Opis 1, Delo 190 "
        "Translated by Svetlana Savranskaya for the National Security Archive]"
    )
    assert note.references[0].as_dict() == {
        "archive": GARF[0], "acronym": "GARF", "place": "Moscow", "fond": "10063", "opis": "1",
        "delo": "190", "papka": None, "leaves": None, "collection": None,
    }  # fmt: skip
    assert note.translators == (Name(family="Savranskaya", given="Svetlana"),)
    assert note.translated_for == "National Security Archive"
    assert note.problems == ()


def test_seed_001_note_collection_on_file_translator() -> None:
    note = parse_source_note(
        "[Source: Archive of the Gorbachev Foundation. Shakhnazarov Collection. On file at the "
        "National Security Archive. Translated by Anna Melyakova.]"
    )
    assert len(note.references) == 1
    assert ref(note.text) == {
        "archive": "Archive of the Gorbachev Foundation",
        "place": "Moscow",
        "collection": "Shakhnazarov Collection",
    }
    assert note.on_file_sentence == "On file at the National Security Archive."
    assert note.translators == (Name(family="Melyakova", given="Anna"),)
    assert note.translated_for is None


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.",
            {"acronym": "RGANI", "fond": "5", "opis": "49", "delo": "131", "leaves": "193–194"},
        ),
        (
            "GARF, f. 1235, op. 1, d. 16, l. 5ob.",
            {"acronym": "GARF", "fond": "1235", "opis": "1", "delo": "16", "leaves": "5ob."},
        ),
        (
            "GARF, f. 1235, op. 1, d. 16, ll. 12–14 ob.",
            {"acronym": "GARF", "fond": "1235", "opis": "1", "delo": "16", "leaves": "12–14ob."},
        ),
        (
            "GARF, f. 1235, op. 1, d. 16, ll. 5–7ob.",
            {"acronym": "GARF", "fond": "1235", "opis": "1", "delo": "16", "leaves": "5–7ob."},
        ),
        (
            "AVP RF, f. 0129, op. 27, p. 188, d. 14",
            {"acronym": "AVP RF", "fond": "0129", "opis": "27", "papka": "188", "delo": "14"},
        ),
        (
            "GARF, F. R-9478, op. 1, d. 5",
            {"acronym": "GARF", "fond": "R-9478", "opis": "1", "delo": "5"},
        ),
        (
            "TsA FSB, f. 5-os, op. 1, d. 2",
            {"acronym": "TsA FSB", "fond": "5-os", "opis": "1", "delo": "2"},
        ),
        (
            "ГАРФ. Ф. 10063. Оп. 1. Д. 190. Л. 5",
            {"acronym": "GARF", "fond": "10063", "opis": "1", "delo": "190", "leaves": "5"},
        ),
        (
            "ГАРФ, ф. 10063, оп. 1, д. 190, л. 5 об.",
            {"acronym": "GARF", "fond": "10063", "opis": "1", "delo": "190", "leaves": "5ob."},
        ),
        (
            "РГАНИ. Ф. 89. Оп. 1. Д. 2. Л. 1—1 об.",
            {"acronym": "RGANI", "fond": "89", "opis": "1", "delo": "2", "leaves": "1–1ob."},
        ),
        ("АП РФ. Ф. 3. Оп. 1. Д. 2.", {"acronym": "APRF", "fond": "3", "opis": "1", "delo": "2"}),
        (
            "GARF 1235/1/16/5",
            {"acronym": "GARF", "fond": "1235", "opis": "1", "delo": "16", "leaves": "5"},
        ),
        (
            "RGASPI, f. 17, op. 3, d. 1000",
            {"acronym": "RGASPI", "fond": "17", "opis": "3", "delo": "1000"},
        ),
        (
            "TsKhSD, f. 5, op. 30, d. 1",
            {"acronym": "RGANI", "fond": "5", "opis": "30", "delo": "1"},
        ),
        (
            "RTsKhIDNI, f. 17, op. 162, d. 1",
            {"acronym": "RGASPI", "fond": "17", "opis": "162", "delo": "1"},
        ),
        ("RGVA, f. 1, op. 2, d. 3", {"acronym": "RGVA", "fond": "1", "opis": "2", "delo": "3"}),
        (
            "TsAMO, f. 3, op. 11556, d. 12",
            {"acronym": "TsAMO", "fond": "3", "opis": "11556", "delo": "12"},
        ),
        (
            "RGAE, f. 4372, op. 66, d. 1",
            {"acronym": "RGAE", "fond": "4372", "opis": "66", "delo": "1"},
        ),
        ("APRF, f. 3, op. 63, d. 1", {"acronym": "APRF", "fond": "3", "opis": "63", "delo": "1"}),
        ("Fond 89, Opis' 18, Delo 101", {"fond": "89", "opis": "18", "delo": "101"}),
        (
            "Gosudarstvennyi arkhiv Rossiiskoi Federatsii, f. 1, op. 2, d. 3",
            {"acronym": "GARF", "fond": "1", "opis": "2", "delo": "3"},
        ),
    ],
)
def test_forms(note: str, expected: dict[str, str]) -> None:
    got = ref(note)
    assert {k: got.get(k) for k in expected} == expected
    # what the note does not say stays empty
    for key in ("fond", "opis", "delo", "papka", "leaves", "collection"):
        if key not in expected:
            assert key not in got


def test_registry_fills_name_and_place_of_acronym() -> None:
    assert ref("RGANI, f. 5")["archive"] == "Russian State Archive of Contemporary History"
    assert ref("TsAMO, f. 3")["place"] == "Podolsk"
    assert (
        ref("AVP RF, f. 0129")["archive"] == "Archive of Foreign Policy of the Russian Federation"
    )


def test_several_references() -> None:
    note = "GARF, f. R-9401, op. 2, d. 64, l. 9; RGANI, f. 89, op. 18, d. 101, ll. 1-3."
    assert [r.acronym for r in parse_source_note(note).references] == ["GARF", "RGANI"]
    assert ref(note, 1)["leaves"] == "1–3"
    same = parse_source_note("GARF, f. 1, op. 2, d. 3; f. 4, op. 5, d. 6")
    assert [(r.acronym, r.fond) for r in same.references] == [("GARF", "1"), ("GARF", "4")]


def test_translator_credits() -> None:
    note = parse_source_note("Contributed by Mark Kramer and translated by Svetlana Savranskaya.")
    assert note.contributors == (Name(family="Kramer", given="Mark"),)
    assert note.translators == (Name(family="Savranskaya", given="Svetlana"),)
    two = parse_source_note(
        "TsAMO, f. 3, op. 1, d. 2. Translated by Gary Goldberg and Sergey Radchenko for the Wilson "
        "Center Digital Archive"
    )
    assert [n.family for n in two.translators] == ["Goldberg", "Radchenko"]
    assert two.translated_for == "Wilson Center Digital Archive"
    assert [r.acronym for r in two.references] == ["TsAMO"]


def test_collections() -> None:
    note = "Notes of Anatoly Chernyaev. Archive of the Gorbachev Foundation, Fond 2, Opis 1."
    got = ref(note)
    assert got["collection"] == "Notes of Anatoly Chernyaev"
    assert got["fond"] == "2" and got["opis"] == "1"
    assert "delo" not in got


def test_page_is_not_papka_outside_a_chain() -> None:
    got = ref("GARF, p. 12")
    assert "papka" not in got


def test_unreadable_notes_report_problems() -> None:
    assert parse_source_note("Fond unknown").problems == (
        "'Fond' without a number",
        "names no archive and no fond, opis or delo",
    )
    assert parse_source_note("Something else entirely").problems == (
        "names no archive and no fond, opis or delo",
    )
    assert parse_source_note("Garf is a word here").references == ()


def test_registry_entries() -> None:
    keys = {a.key for a in registry()}
    assert {"garf", "rgani", "rgaspi", "aprf", "avprf", "rgva", "tsamo", "rgae",
            "gorbachev-foundation", "nsarchive", "wilson"} <= keys  # fmt: skip
    for a in registry():
        assert a.name and a.place and a.language
    assert lookup("ГАРФ") is lookup("GARF") is lookup("State Archive of the Russian Federation")
    assert lookup("РГАНИ") is lookup("TsKhSD")
    assert lookup("АП РФ") is lookup("APRF")
    assert lookup("nonsense") is None


def test_normalize_leaves() -> None:
    assert normalize_leaves("12 – 14 об.") == "12–14ob."
    assert normalize_leaves("193-194") == "193–194"
    assert normalize_leaves("5, 7") == "5, 7"


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("fopdlFODL.,; -–/0123456789RосФОДЛ об[]:GARFRGANI")),
        max_size=80,
    )
)
def test_random_notes_never_raise(note: str) -> None:
    parsed = parse_source_note(note)
    for r in parsed.references:
        assert not r.is_empty()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(note: str) -> None:
    parse_source_note(note)
