"""Every source-note form of the research note and issue 3, read into structured references."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.archival import find_archives, lookup, normalize_leaves, parse_source_note, registry
from quotecite.archival.parser import (
    LEAVES,
    VALUE,
    is_archival_description,
    is_publication_reference,
)
from quotecite.archival.registry import code_archive
from quotecite.model import Archival, Name

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


@pytest.mark.parametrize(
    ("note", "description", "publication"),
    [
        ("Подлинник. Машинопись.", True, False),
        ("Original in German. Typewritten.", True, False),
        ("Copy.", True, False),
        ("Typescript.", True, False),
        ("Завер. копия. Подписи — автографы.", True, False),
        ("Сталин и Каганович. Переписка. 1931–1936 гг. С. 178.", False, True),
        ("Ледовский А.М. СССР и Сталин в судьбах Китая. С. 51.", False, True),
        ("[Source: Vondrová & Navrátil, vol. 2, pp. 187–189.]", False, True),
        # a reference is no description or publication, whatever it begins or ends with
        ("RGASPI, f. 495, op. 73, d. 57, l. 29. Original in German. Typewritten.", False, False),
        ("Copy in the State Archive of the Russian Federation", False, False),
        ("AVP RF, f. 0129, op. 27, p. 188", False, False),
        ("Something else entirely", False, False),
        ("Copying is prohibited", False, False),
    ],
)
def test_descriptions_and_publication_references(
    note: str, description: bool, publication: bool
) -> None:
    assert (is_archival_description(note), is_publication_reference(note)) == (
        description,
        publication,
    )


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


# --------------------------------------------------------------------------- conventions
# The forms the source families use beyond the real documents of tests/data/real: every
# reference is compared whole (archive, acronym, place and every level), so a value read
# where the note gives none fails too.

RGANI_ = {"archive": "Russian State Archive of Contemporary History", "acronym": "RGANI"}
RGASPI_ = {"archive": "Russian State Archive of Socio-Political History", "acronym": "RGASPI"}
AVPRF_ = {"archive": "Archive of Foreign Policy of the Russian Federation", "acronym": "AVP RF"}
GARF_ = {"archive": GARF[0], "acronym": "GARF"}
TNA_ = {"archive": "The National Archives of the United Kingdom", "acronym": "TNA", "place": "Kew"}
TSDAHO_ = {
    "archive": "Central State Archive of Public Organizations of Ukraine",
    "acronym": "TsDAHO",
    "place": "Kyiv",
}
LYA_ = {"archive": "Lithuanian Special Archives", "acronym": "LYA", "place": "Vilnius"}
SAPMO_ = {
    "archive": "Foundation Archives of the Parties and Mass Organizations of the GDR in the "
    "Federal Archives",
    "acronym": "SAPMO-BArch",
    "place": "Berlin",
}
ESTONIA_ = {"archive": "National Archives of Estonia", "place": "Tartu"}
CAC_ = {"archive": "Churchill Archives Centre", "acronym": "CAC", "place": "Cambridge"}
MOSCOW_ = {"place": "Moscow"}


def whole(*parts: dict[str, str], **values: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        out.update(part)
    out.update(values)
    return out


def refs_of(note: str, previous: Archival | None = None) -> list[dict[str, str]]:
    parsed = parse_source_note(note, previous=previous)
    return [{k: v for k, v in r.as_dict().items() if v is not None} for r in parsed.references]


CONVENTIONS: list[tuple[str, list[dict[str, str]]]] = [
    # papka: "p." before a delo; after a delo it is pages, unless leaves follow (then a papka)
    ("AVPRF, f. 059a, op. 5a, d. 4, p. 11, l. 89",
     [whole(AVPRF_, MOSCOW_, fond="059a", opis="5a", delo="4", papka="11", leaves="89")]),
    ("AVP RF, f. 0102, op. 16, pap. 85, d. 7, p. 16-42",
     [whole(AVPRF_, MOSCOW_, fond="0102", opis="16", papka="85", delo="7", leaves="16–42")]),
    ("АВП РФ, ф. 06, оп. 10, п. 8, д. 110, л. 5",
     [whole(AVPRF_, MOSCOW_, fond="06", opis="10", papka="8", delo="110", leaves="5")]),
    # Folder: the delo, or the papka when a delo is given too
    ("AVP RF, Fond 06, Opis 10, Folder 8, Delo 110, List 5",
     [whole(AVPRF_, MOSCOW_, fond="06", opis="10", papka="8", delo="110", leaves="5")]),
    ("AVP RF, Fond 06, Opis 10, Folder 8", [whole(AVPRF_, MOSCOW_, fond="06", opis="10", delo="8")]),
    ("AVP RF, Fond 06, Opis 10, Delo 110, Folder 8, List 5",
     [whole(AVPRF_, MOSCOW_, fond="06", opis="10", delo="110", papka="8", leaves="5")]),
    # por. (poriadkovyi nomer) stands for the delo when no d. is given
    ("AVP RF, f. 07, op. 30, por. 5, l. 3",
     [whole(AVPRF_, MOSCOW_, fond="07", opis="30", delo="5", leaves="3")]),
    ("AVP RF, f. 07, op. 30, d. 2, por. 5", [whole(AVPRF_, MOSCOW_, fond="07", opis="30", delo="2")]),
    # fonds with letters, in either script, stored in Latin
    ("ГАРФ, ф. Р-9401, оп. 2, д. 64, л. 12–14 об.",
     [whole(GARF_, MOSCOW_, fond="R-9401", opis="2", delo="64", leaves="12–14ob.")]),
    ("GARF, f. A-2306, op. 1, d. 5, ll. 29-29 ob.",
     [whole(GARF_, MOSCOW_, fond="A-2306", opis="1", delo="5", leaves="29–29ob.")]),
    ("GARF, f. Р-9478, оп. 1, д. 5, лл. 5, 7–9",
     [whole(GARF_, MOSCOW_, fond="R-9478", opis="1", delo="5", leaves="5, 7–9")]),
    ("TsA FSB, f. 5-ос, op. 1, d. 2, t. 3, l. 4",
     [whole({"archive": "Central Archive of the Federal Security Service of the Russian "
             "Federation", "acronym": "TsA FSB"}, MOSCOW_,
            fond="5-os", opis="1", delo="2", leaves="4")]),
    ("RGASPI, f. 17, op. 162, d. 5, l. 12v",
     [whole(RGASPI_, MOSCOW_, fond="17", opis="162", delo="5", leaves="12ob.")]),
    ("TsAMO, f. 3, op. 11556, d. 12, l. 5 об.–6",
     [whole({"archive": "Central Archive of the Ministry of Defence of the Russian Federation",
             "acronym": "TsAMO", "place": "Podolsk"},
            fond="3", opis="11556", delo="12", leaves="5ob.–6")]),
    # ed. khr. is the file
    ("РГАЛИ, ф. 631, оп. 15, ед. хр. 455, л. 10",
     [whole({"archive": "Russian State Archive of Literature and Art", "acronym": "RGALI"},
            MOSCOW_, fond="631", opis="15", delo="455", leaves="10")]),
    # no leaf number: kept out of leaves
    ("РГАСПИ. Ф. 17. Оп. 3. Д. 5. Л. б/н", [whole(RGASPI_, MOSCOW_, fond="17", opis="3", delo="5")]),
    # a page of the publication the document was printed in is not a leaf of the file
    ("RGASPI, f. 17, op. 3, d. 5. Published in Istochnik, 1995, no. 2, p. 12",
     [whole(RGASPI_, MOSCOW_, fond="17", opis="3", delo="5")]),
    # several references; a follow-on one shares the archive and the levels above its first
    ("RGANI, f. 89, op. 18, d. 101, ll. 1-3; d. 102, l. 5",
     [whole(RGANI_, MOSCOW_, fond="89", opis="18", delo="101", leaves="1–3"),
      whole(RGANI_, MOSCOW_, fond="89", opis="18", delo="102", leaves="5")]),
    ("GARF, f. 1, op. 2, d. 3 and d. 5",
     [whole(GARF_, MOSCOW_, fond="1", opis="2", delo="3"),
      whole(GARF_, MOSCOW_, fond="1", opis="2", delo="5")]),
    ("RGASPI, f. 17, op. 3, d. 1000, l. 5. Ibid., l. 7.",
     [whole(RGASPI_, MOSCOW_, fond="17", opis="3", delo="1000", leaves="5"),
      whole(RGASPI_, MOSCOW_, fond="17", opis="3", delo="1000", leaves="7")]),
    # Ukrainian and Lithuanian words
    ("TsDAHO, f. 1, op. 16, spr. 10, ark. 5-7",
     [whole(TSDAHO_, fond="1", opis="16", delo="10", leaves="5–7")]),
    ("ЦДАГО України, ф. 1, оп. 23, спр. 5233, арк. 12",
     [whole(TSDAHO_, fond="1", opis="23", delo="5233", leaves="12")]),
    ("LYA, f. K-1, ap. 3, b. 123, l. 5", [whole(LYA_, fond="K-1", opis="3", delo="123", leaves="5")]),
    ("Lietuvos ypatingasis archyvas, F. 1771, ap. 190, b. 5, lap. 12",
     [whole(LYA_, fond="1771", opis="190", delo="5", leaves="12")]),
    # the archives of the other countries CWIHP translations cite, in their own conventions
    ("MNL OL, M-KS 288. f. 5/123. ő. e.",
     [whole({"archive": "Hungarian National Archives", "acronym": "MNL OL", "place": "Budapest"},
            fond="288", opis="5", delo="123", collection="M-KS")]),
    ("TsDA, f. 1-Б, op. 64, a.e. 302, l. 1-5",
     [whole({"archive": "Central State Archive (Bulgaria)", "acronym": "TsDA", "place": "Sofia"},
            fond="1-B", opis="64", delo="302", leaves="1–5")]),
    ("ANIC, fond CC al PCR – Secţia Relaţii Externe, dosar 12/1968, f. 3-10",
     [whole({"archive": "Central Historical National Archives of Romania", "acronym": "ANIC",
             "place": "Bucharest"}, delo="12/1968", leaves="3–10")]),
    ("ANIC, dosar 12/1968, f. 30-40",
     [whole({"archive": "Central Historical National Archives of Romania", "acronym": "ANIC",
             "place": "Bucharest"}, delo="12/1968", leaves="30–40")]),
    ("Thatcher MSS, ff. 3-10", [{**CAC_, "leaves": "3–10", "collection": "Thatcher MSS"}]),
    ("Churchill Archives Centre, THCR 1/10/117, f. 44",
     [{**CAC_, "delo": "THCR 1/10/117", "leaves": "44", "collection": "Thatcher MSS"}]),
    ("AQSH, F. 14/AP, M-PKS, V. 1961, D. 5, fl. 1-3",
     [whole({"archive": "Central State Archive of Albania", "acronym": "AQSH", "place": "Tirana"},
            fond="14/AP", delo="5", leaves="1–3")]),
    ("AAN, KC PZPR, t. 2258, k. 20-25",
     [whole({"archive": "Central Archives of Modern Records", "acronym": "AAN", "place": "Warsaw"},
            delo="2258", leaves="20–25", collection="KC PZPR")]),
    ("TNA, PREM 19/1234", [whole(TNA_, delo="PREM 19/1234")]),
    ("PRO, FO 371/12345, f. 44", [whole(TNA_, delo="FO 371/12345", leaves="44")]),
    ("National Archives, Kew, CAB 128/45", [whole(TNA_, delo="CAB 128/45")]),
    ("SAPMO-BArch, DY 30/J IV 2/202/130, Bl. 12-14",
     [whole(SAPMO_, delo="DY 30/J IV 2/202/130", leaves="12–14")]),
    ("ERAF.1.4.123, l. 5",
     [whole(ESTONIA_, fond="1", opis="4", delo="123", leaves="5", collection="ERAF")]),
    ("National Archives of Estonia, ERA.R-1.5.30", [whole(ESTONIA_, fond="R-1", opis="5", delo="30")]),
    ("Volkogonov Papers, Library of Congress, reel 3",
     [{"archive": "Library of Congress, Manuscript Division", "place": "Washington, D.C.",
       "collection": "Volkogonov Papers"}]),
    # names as printed: full English, with acronym, Russian, former, foreign ministry wording
    ("Russian State Archive of Contemporary History (RGANI), f. 5, op. 30, d. 1",
     [whole(RGANI_, MOSCOW_, fond="5", opis="30", delo="1")]),
    ("Archive of the Russian Foreign Ministry, f. 07, op. 5",
     [whole(AVPRF_, MOSCOW_, fond="07", opis="5")]),
    ("Государственный архив Российской Федерации, ф. 5446, оп. 1, д. 5",
     [whole(GARF_, MOSCOW_, fond="5446", opis="1", delo="5")]),
    ("TsGAOR SSSR, f. 5446, op. 1, d. 5", [whole(GARF_, MOSCOW_, fond="5446", opis="1", delo="5")]),
    ("ЦГА РСФСР, ф. 2306, оп. 1, д. 2895", [whole(GARF_, MOSCOW_, fond="2306", opis="1", delo="2895")]),
    ("TsAODM, f. 3, op. 52, d. 27",
     [whole({"archive": "Central State Archive of the City of Moscow", "acronym": "TsGA Moskvy"},
            MOSCOW_, fond="3", opis="52", delo="27")]),
    ("HDA SBU, f. 16, op. 1, spr. 5, ark. 3",
     [whole({"archive": "Sectoral State Archive of the Security Service of Ukraine",
             "acronym": "HDA SBU", "place": "Kyiv"}, fond="16", opis="1", delo="5", leaves="3")]),
    # labels printed without their periods (OCR that drops punctuation), inside a chain only
    ("TsKhSD F 3 Op 12 D 1006", [whole(RGANI_, MOSCOW_, fond="3", opis="12", delo="1006")]),
    ("ГАРФ Ф 10063 Оп 1 Д 190 Л 5",
     [whole(GARF_, MOSCOW_, fond="10063", opis="1", delo="190", leaves="5")]),
    ("Grade d 5 and f 3", []),
    # an archive the registry does not know keeps its name as printed
    ("ДАЛО, ф. Р-3, оп. 1, спр. 5, арк. 12",
     [{"archive": "ДАЛО", "fond": "R-3", "opis": "1", "delo": "5", "leaves": "12"}]),
    ("Central State Archive of the Kyrgyz Republic, f. 2, op. 3, d. 4",
     [{"archive": "Central State Archive of the Kyrgyz Republic", "fond": "2", "opis": "3",
       "delo": "4"}]),
    ("Archiv der sozialen Demokratie, Bonn, Nachlass Brandt",
     [{"archive": "Archiv der sozialen Demokratie"}]),
]  # fmt: skip


@pytest.mark.parametrize(("note", "expected"), CONVENTIONS)
def test_conventions(note: str, expected: list[dict[str, str]]) -> None:
    assert refs_of(note) == expected


def test_unknown_archives_are_kept_as_printed_and_listed() -> None:
    note = parse_source_note("ДАЛО, ф. Р-3, оп. 1, спр. 5; GARF, f. 1, op. 2, d. 3")
    assert note.unknown_archives == ("ДАЛО",)
    assert [(r.archive, r.acronym) for r in note.references] == [("ДАЛО", None), (GARF[0], "GARF")]
    assert note.problems == ()
    assert parse_source_note("GARF, f. 1, op. 2, d. 3").unknown_archives == ()
    # a publisher's "Digital Archive" and an archive word alone are not archives
    assert parse_source_note("Original Archive").references == ()
    assert parse_source_note("Digital Archive of the Foo Project, f. 1").unknown_archives == ()


def test_ibid_with_the_reference_before() -> None:
    before = Archival(archive=GARF[0], acronym="GARF", place="Moscow", fond="1235", opis="140",
                      delo="59", leaves="20")  # fmt: skip
    assert refs_of("Ibid., l. 29", previous=before) == [
        whole(GARF_, MOSCOW_, fond="1235", opis="140", delo="59", leaves="29")
    ]
    assert refs_of("Там же. Д. 60. Л. 3", previous=before) == [
        whole(GARF_, MOSCOW_, fond="1235", opis="140", delo="60", leaves="3")
    ]
    assert refs_of("Ibid.", previous=before) == [
        whole(GARF_, MOSCOW_, fond="1235", opis="140", delo="59", leaves="20")
    ]
    alone = parse_source_note("Ibid., d. 12, l. 3")
    assert alone.problems == ("'Ibid.' without a reference before it",)
    assert refs_of("Ibid., d. 12, l. 3") == [{"delo": "12", "leaves": "3"}]


def test_remarks_are_noted_not_read_as_locators() -> None:
    note = parse_source_note("РГАСПИ, ф. 17, оп. 3, д. 953, протокол № 12. Подлинник.")
    assert refs_of(note.text) == [whole(RGASPI_, MOSCOW_, fond="17", opis="3", delo="953")]
    assert note.remarks == ("протокол № 12", "Подлинник")
    assert parse_source_note("TsA FSB, f. 5-os, op. 1, d. 2, t. 3").remarks == ("t. 3",)
    assert parse_source_note("AVP RF, f. 07, op. 30, d. 2, por. 5").remarks == ("por. 5",)


@pytest.mark.parametrize(
    ("note", "translators", "fields"),
    [
        ("Translated by Svetlana Savranskaya and Anna Melyakova.",
         [("Savranskaya", "Svetlana"), ("Melyakova", "Anna")], {}),
        ("Translated by Gary Goldberg, Sergey Radchenko, and Vladislav Zubok for CWIHP.",
         [("Goldberg", "Gary"), ("Radchenko", "Sergey"), ("Zubok", "Vladislav")],
         {"translated_for": "CWIHP"}),
        ("translated for CWIHP by Mark Doctoroff", [("Doctoroff", "Mark")],
         {"translated_for": "CWIHP"}),
        ("Translated by Gary Goldberg for the North Korea International Documentation Project.",
         [("Goldberg", "Gary")],
         {"translated_for": "North Korea International Documentation Project"}),
        ("Translation by Vladislav Zubok.", [("Zubok", "Vladislav")], {}),
        ("Translated from the Russian by Vladislav Zubok", [("Zubok", "Vladislav")], {}),
        ("trans. Svetlana Savranskaya, Notes of A.S. Chernyaev", [("Savranskaya", "Svetlana")], {}),
        ("Перевод с английского Н. Иванова.", [("Иванова", "Н.")], {}),
        ("Пер. с англ. Н. Бастрыкина", [("Бастрыкина", "Н.")], {}),
        ("Traduction de Svetlana Savranskaya", [("Savranskaya", "Svetlana")], {}),
        ("Traduit du russe par Jean Dupont.", [("Dupont", "Jean")], {}),
        ("Übersetzung: Hans Müller", [("Müller", "Hans")], {}),
        ("Aus dem Russischen übersetzt von Wolfgang Schmidt.", [("Schmidt", "Wolfgang")], {}),
        ("translation by Aleksandr Zaemsky slightly revised", [("Zaemsky", "Aleksandr")], {}),
        ("translation by Vladislav M. Zubok (National Security Archive)",
         [("Zubok", "Vladislav M.")], {"translated_for": None}),
        ("Obtained by James F. Person and translated by Gary Goldberg.", [("Goldberg", "Gary")],
         {"contributors": (Name(family="Person", given="James F."),)}),
        # institutions and interpreters are never translators
        ("obtained and translated by NHK television", [],
         {"translating_body": "NHK television", "contributing_bodies": ("NHK television",)}),
        ("Translated by the National Security Archive.", [],
         {"translating_body": "National Security Archive"}),
        ("Translated by CWIHP staff", [], {"translating_body": "CWIHP staff"}),
        ("Translated by comrs. Fedorenko and Shi Zhe", [], {"translating_body": None}),
        ("Translated by comrades Molotov and Zhou", [], {"translating_body": None}),
        ("Compiled by V. N. Malin.", [], {"compilers": (Name(family="Malin", given="V. N."),)}),
    ],
)  # fmt: skip
def test_credit_forms(
    note: str, translators: list[tuple[str, str]], fields: dict[str, object]
) -> None:
    parsed = parse_source_note(note)
    assert [(n.family, n.given) for n in parsed.translators] == translators
    for name, value in fields.items():
        assert getattr(parsed, name) == value, name


def test_registry_holds_the_archives_cwihp_and_nsa_cite() -> None:
    keys = {a.key for a in registry()}
    assert {"rgva", "rgae", "rgali", "rgia", "rgada", "tsafsb", "tsgamoskvy", "rgakfd", "rgantd",
            "tsdaho", "tsdavo", "lya", "lva", "rahvusarhiiv", "ge-mia", "hdasbu", "sapmo", "paaa",
            "bstu", "aan", "ipn", "usd", "na-cz", "mnl-ol", "tsda", "anic", "aqsh", "prcfma",
            "kr-diplomatic", "mn-mfa", "tna", "cac", "nara", "loc", "hoover", "reaganlib",
            "cwihp", "nkidp"} <= keys  # fmt: skip
    publishers = {a.key for a in registry() if a.kind == "publisher"}
    assert publishers == {"nsarchive", "wilson", "cwihp", "nkidp", "php"}
    # every name of every archive resolves to that archive, and is found in a note
    for info in registry():
        for name in info.names():
            assert lookup(name) is info, name
            found = find_archives(f"See {name}, f. 1.")
            assert [m.archive for m in found] == [info], name
    # former names are the archive that holds those records now
    assert lookup("TsAODM") is lookup("ЦГА Москвы") is lookup("ЦАОДМ")
    assert lookup("TsGA RSFSR") is lookup("GARF")
    assert lookup("Russian Foreign Ministry archives") is lookup("AVP RF")
    assert lookup("AÚV KSČ") is lookup("Národní archiv")
    assert lookup("ZPA") is lookup("SED Archives") is lookup("SAPMO-BArch")
    assert lookup("Thatcher MSS") is lookup("Churchill Archives Centre")
    # a name printed with its parts is the archive of the first part
    assert lookup("SED Archives, IfGA, ZPA") is lookup("SAPMO-BArch")
    assert lookup("ÚSD, AÚV KSČ") is lookup("ÚSD")
    assert lookup("GARF, Moscow") is lookup("GARF")
    assert lookup("GARF, Nowhere") is None
    assert code_archive("THCR") == (lookup("CAC"), "Thatcher MSS")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["f. ", "op. ", "d. ", "l. ", "ll. ", "p. ", "Fond ", "Opis ", "Delo ", "List ",
             "Folder ", "por. ", "ob.", "об.", "rev.", "Ф. ", "Оп. ", "Д. ", "Л. ", "Р-", "ос",
             "Ж-", "5", "12", "059a", "-", "–", "/", ", ", ". ", "; ", " and ", "Ibid. ",
             "Там же. ", "GARF ", "RGANI ", "AVP RF ", "THCR ", "J IV ", "PRC FMA ", "ERA.",
             "288. f. ", "ő. e.", "ДАЛО ", "Archive of X ", "Translated by ", "Gary Goldberg",
             "NHK ", "trans. ", "comrs. ", "\n", "(", ")", '"', "unnumbered page "]
        ),
        max_size=30,
    ).map("".join)
)  # fmt: skip
def test_random_label_soup_reads_into_checkable_values(note: str) -> None:
    """Whatever is read passes ``quotecite check``'s patterns, and the reader never fails."""
    parsed = parse_source_note(note)
    assert not any(p.startswith("could not be read") for p in parsed.problems)
    value, leaves = re.compile(VALUE + r"\Z"), re.compile(LEAVES + r"\Z")
    for r in parsed.references:
        assert not r.is_empty()
        for key in ("fond", "opis", "delo", "papka"):
            got = getattr(r, key)
            assert got is None or value.match(got), (key, got)
        assert r.leaves is None or leaves.match(r.leaves), r.leaves


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_reads_without_failing(note: str) -> None:
    parsed = parse_source_note(note)
    assert parsed.text == note
    assert not any(p.startswith("could not be read") for p in parsed.problems)
