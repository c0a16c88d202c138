"""Every source note, citation and archival line of the real documents (tests/data/real), read.

Each case quotes a note exactly as its ``.txt`` prints it (a test checks that it does) and says
what ``parse_source_note`` must read from it: every reference, whole, and the credits. Where the
note is the document's own source note (``own``), a test also holds the case to what the
document's ``.toml`` says a careful reader finds (``[[expected.archival]]`` and
``translators``), so the two cannot drift apart.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from quotecite.archival import lookup, normalize_leaves, parse_source_note
from quotecite.archival.parser import LEAVES, VALUE
from quotecite.model import Archival, Name

REAL = Path(__file__).resolve().parent / "data" / "real"

APRF = {"archive": "Archive of the President of the Russian Federation", "acronym": "APRF"}
AVPRF = {"archive": "Archive of Foreign Policy of the Russian Federation", "acronym": "AVP RF"}
GARF = {"archive": "State Archive of the Russian Federation", "acronym": "GARF"}
RGANI = {"archive": "Russian State Archive of Contemporary History", "acronym": "RGANI"}
RGASPI = {"archive": "Russian State Archive of Socio-Political History", "acronym": "RGASPI"}
TSGA_MOSKVY = {"archive": "Central State Archive of the City of Moscow", "acronym": "TsGA Moskvy"}
GORBACHEV = {"archive": "Archive of the Gorbachev Foundation"}
MOSCOW = {"place": "Moscow"}
SAPMO = {
    "archive": "Foundation Archives of the Parties and Mass Organizations of the GDR in the "
    "Federal Archives",
    "acronym": "SAPMO-BArch",
    "place": "Berlin",
}
PRC_FMA = {
    "archive": "Archive of the Ministry of Foreign Affairs of the People's Republic of China",
    "acronym": "PRC FMA",
    "place": "Beijing",
}
USD = {
    "archive": "Institute of Contemporary History of the Czech Academy of Sciences",
    "acronym": "ÚSD",
    "place": "Prague",
}
CAC = {"archive": "Churchill Archives Centre", "acronym": "CAC", "place": "Cambridge"}
AAN = {"archive": "Central Archives of Modern Records", "acronym": "AAN", "place": "Warsaw"}


def ref(*parts: dict[str, str], **values: str) -> Archival:
    fields: dict[str, str] = {}
    for part in parts:
        fields.update(part)
    fields.update(values)
    return Archival(**fields)


def person(family: str, given: str) -> Name:
    return Name(family=family, given=given)


@dataclass(frozen=True)
class Case:
    stem: str  #: the document the note is quoted from
    note: str  #: exactly as printed
    references: tuple[Archival, ...]
    translators: tuple[Name, ...] = ()
    own: bool = True  #: the document's own source note (else a footnote or a line about another)
    extra: dict[str, Any] = field(default_factory=dict)  #: other SourceNote fields, exactly

    @property
    def id(self) -> str:
        return f"{self.stem}:{self.note[:24]}"


CASES = [
    Case(
        "nsa-brezhnev-dubcek-phone-1968",
        "Source: APRF, Prot. No. 38; Vondrová & Navrátil, vol. 2, pp. 172–181.",
        (ref(APRF, MOSCOW),),
        extra={"remarks": ("Prot. No. 38",), "problems": (), "unknown_archives": ()},
    ),
    Case(
        "nsa-brezhnev-letter-dubcek-1968",
        "Source: ÚSD, AÚV KSČ, F. 07/15, Zahr. kor. No. 822; Vondrová & Navrátil, vol. 2,\n"
        "pp. 187–189.",
        (ref(USD, fond="07/15", collection="AÚV KSČ"),),
        extra={"remarks": ("Zahr. kor. No. 822",), "languages": ("cs",)},
    ),
    Case(
        "nsa-chernyaev-diary-1990",
        "Donated by A.S. Chernyaev to The National Security Archive Translated by Anna Melyakova "
        "Edited by Svetlana Savranskaya",
        (Archival(archive="National Security Archive", place="Washington, D.C."),),
        (person("Melyakova", "Anna"),),
        extra={"contributors": (person("Chernyaev", "A.S."),)},
    ),
    Case(
        "nsa-gorbachev-mitterrand-rrchnm-1989",
        "Mikhail Gorbachev and Francois Mitterand, 5 July 1989, trans. Svetlana Savranskaya, Notes "
        "of A.S. Chernyaev, Archive of the Gorbachev Foundation, Cold War International History "
        "Project, Documents and Papers, CWIHP (accessed May 14, 2008).",
        (ref(GORBACHEV, MOSCOW, collection="Notes of A.S. Chernyaev"),),
        (person("Savranskaya", "Svetlana"),),
        extra={"translated_for": None, "problems": ()},
    ),
    Case(
        "nsa-gorbachev-mitterrand-spouses-1989",
        "Traduction de Svetlana Savranskaya",
        (),
        (person("Savranskaya", "Svetlana"),),
    ),
    Case(
        "nsa-malin-notes-oct-1956",
        "[Source: TsKhSD, F. 3, Op. 12, D. 1006, unnumbered page. Compiled by V. N. Malin.]",
        (ref(RGANI, MOSCOW, fond="3", opis="12", delo="1006"),),
        extra={"compilers": (person("Malin", "V. N."),), "remarks": ("unnumbered page",)},
    ),
    Case(
        "nsa-thatcher-powell-gorbachev-record",
        "Source: THCR 1/10/117 f44",
        (ref(CAC, delo="THCR 1/10/117", leaves="44", collection="Thatcher MSS"),),
    ),
    Case(
        "nsa-thatcher-powell-gorbachev-record",
        "Archive (Thatcher MSS)\nPersonal and party papers, Cambridge",
        (ref(CAC, collection="Thatcher MSS"),),
        own=False,
        extra={"unknown_archives": ()},
    ),
    Case(
        "ru-kaganovich-molotov-stalin-1934",
        "РГАСПИ Ф. 558. Оп. 11. Д. 85. Л. 156. Подлинник. Машинопись.",
        (ref(RGASPI, MOSCOW, fond="558", opis="11", delo="85", leaves="156"),),
        extra={"remarks": ("Подлинник", "Машинопись")},
    ),
    Case(
        "ru-kaganovich-molotov-stalin-1934",
        "(РГАСПИ. Ф. 17. Оп. 3. Д. 953. Л. 90)",
        (ref(RGASPI, MOSCOW, fond="17", opis="3", delo="953", leaves="90"),),
        own=False,
    ),
    Case(
        "ru-narkompros-protocol-1924",
        "Из материалов совещания наркомов просвещения союзных и автономных республик. Протокол № 1. "
        "27 октября 1924 г. // ЦГА РСФСР, ф. 2306, оп. 1, д. 2895, л. 1—1 об. Завер. копия.",
        (ref(GARF, MOSCOW, fond="2306", opis="1", delo="2895", leaves="1–1ob."),),
        extra={"remarks": ("Протокол № 1", "Завер. копия"), "unknown_archives": ()},
    ),
    Case(
        "ru-politburo-resolution-1941",
        "РГАСПИ. Ф. 17. Оп.163. Д. 1323. Л. 57",
        (ref(RGASPI, MOSCOW, fond="17", opis="163", delo="1323", leaves="57"),),
    ),
    Case(
        "ru-shcherbakov-report-1941",
        "Из доклада Первого секретаря МК и МГК ВКП(б) А. С. Щербакова на пленуме МГК ВКП(б) об "
        "обеспечении населения города продуктами питания, электроэнергией, авто- и "
        "железнодорожным транспортом. 6 декабря 1941 г. // ЦАОДМ, ф. 3, оп. 52, д. 27, л. 18-32. "
        "Заверенная копия.",
        (ref(TSGA_MOSKVY, MOSCOW, fond="3", opis="52", delo="27", leaves="18–32"),),
        extra={"remarks": ("Заверенная копия",), "unknown_archives": ()},
    ),
    Case(
        "ru-stalin-kaganovich-molotov-1933",
        "(РГАСПИ. Ф. 17. Оп. 3. Д. 932. Л. 23–24, 44–47)",
        (ref(RGASPI, MOSCOW, fond="17", opis="3", delo="932", leaves="23–24, 44–47"),),
        own=False,
    ),
    Case(
        # footnote 2 alone: "Там же" with no reference before it in the note
        "ru-stalin-kaganovich-molotov-1933",
        "(Там же. Ф. 558. Оп. 11. Д. 81. Л. 124)",
        (Archival(fond="558", opis="11", delo="81", leaves="124"),),
        own=False,
        extra={"problems": ("'Ibid.' without a reference before it",)},
    ),
    Case(
        "ru-stalin-kaganovich-telegram-1932",
        "Сталин и Каганович. Переписка. 1931–1936 гг. С. 178.\n"
        "РГАСПИ. Ф. 558. Оп. 11. Д. 77. Л. 68.",
        (ref(RGASPI, MOSCOW, fond="558", opis="11", delo="77", leaves="68"),),
    ),
    Case(
        "ru-stalin-mao-telegram-1948",
        "Ледовский А.М. СССР и Сталин\n\nв судьбах Китая. С. 51.\n\nАП РФ. Ф. 39. Оп. 1. Д. 31. Л. 32.",
        (ref(APRF, MOSCOW, fond="39", opis="1", delo="31", leaves="32"),),
    ),
    Case(
        "vol-chernyaev-diary-honecker-1989",
        "Anatoly Chernyaev, diary entry, 11 October 1989, trans. Vladislav Zubok, Notes of Anatoly "
        "Chernyaev, The Archive of the Gorbachev Foundation, Cold War International History "
        "Project, Documents and Papers, CWIHP (accessed May 14, 2008).",
        (ref(GORBACHEV, MOSCOW, collection="Notes of Anatoly Chernyaev"),),
        (person("Zubok", "Vladislav"),),
    ),
    Case(
        "vol-cipher-telegram-loyal-clergy-1922",
        "- L. 55. Typewritten copy of that time, certified by the deputy head of the cipher bureau of "
        "the Central Committee of the RCP (b) S.F. Chechulin. Below is a handwritten note about the "
        'mailing: "from No. 1957 / sh to No. 2026 / sh inclusive]". Handwritten date.\n'
        "- GARF, f. 1235, op. 140, d.59, l. 20. Typewritten copy made on May 18, 1922 and certified "
        "by the secretary of A. G. Beloborodov V. Litsis. By the hand of the latter, the same litter "
        'about the mailing with the date "30 / III.22" There is no formula "SHIFROM" .',
        (
            Archival(leaves="55"),
            ref(GARF, MOSCOW, fond="1235", opis="140", delo="59", leaves="20"),
        ),
        extra={"remarks": ("Typewritten copy", "Handwritten"), "unknown_archives": ()},
    ),
    Case(
        "vol-cipher-telegram-loyal-clergy-1922",
        "30 V GARF, f. 1235, op. 140, d.59, l. 29-rev. there is a document without a date",
        (ref(GARF, MOSCOW, fond="1235", opis="140", delo="59", leaves="29ob."),),
        own=False,
    ),
    Case(
        "vol-ecci-presidium-resolution-kpp-journal",
        "(based on an annotated translation from Russian by\n\nHenryk Cimek)",
        (),
        (person("Cimek", "Henryk"),),
    ),
    Case(
        "vol-gorbachev-mazowiecki-1989",
        "Traduction de Anna Melyakova",
        (),
        (person("Melyakova", "Anna"),),
    ),
    Case(
        "vol-gorbachev-nemeth-1989",
        "Traduction de Svetlana Savranskaya",
        (),
        (person("Savranskaya", "Svetlana"),),
    ),
    Case(
        "vol-szanto-letter-dimitrov-1938",
        "RGASPI, f. 495, op. 73, d. 57, l. 29.\n\nOriginal in German. Typewritten.",
        (ref(RGASPI, MOSCOW, fond="495", opis="73", delo="57", leaves="29"),),
        extra={"languages": ("de", "ru"), "remarks": ("Original in German", "Typewritten")},
    ),
    Case(
        "wilson-alekseev-telegram-cuba-1962",
        '"Telegram from Soviet Ambassador to Cuba A.I. Alekseev to USSR Foreign Ministry," November '
        "04, 1962, History and Public Policy Program Digital Archive, AVP RF; copy obtained by NHK, "
        "provided to CWIHP, and on file at National Security Archive, Washington, D.C.; "
        "translation by John Henriksen",
        (ref(AVPRF, MOSCOW),),
        (person("Henriksen", "John"),),
        extra={
            "contributors": (),
            "contributing_bodies": ("NHK",),
            "translating_body": None,
            "translated_for": None,
            "on_file_at": "National Security Archive, Washington, D.C.",
            "on_file_sentence": "On file at National Security Archive, Washington, D.C.",
        },
    ),
    Case(
        "wilson-castro-mikoyan-memcon-1962",
        '"Memorandum of Conversation between Castro and Mikoyan," November 04, 1962, History and '
        "Public Policy Program Digital Archive, Russian Foreign Ministry archives, obtained and "
        "translated by NHK television, copy provided by Philip Brenner; translation by Aleksandr "
        "Zaemsky slightly revised",
        (ref(AVPRF, MOSCOW),),
        (person("Zaemsky", "Aleksandr"),),
        extra={
            "translating_body": "NHK television",
            "contributing_bodies": ("NHK television",),
            "contributors": (person("Brenner", "Philip"),),
            "translated_for": None,
        },
    ),
    Case(
        "wilson-khrushchev-mao-airport-1958",
        "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. N.S. Khrushchev’ Copy.",
        (ref(RGANI, MOSCOW, fond="52", opis="1", delo="498", leaves="43"),),
        extra={"remarks": ("Typescript",)},
    ),
    Case(
        "wilson-khrushchev-ulbricht-letter-1961-pdf",
        "“Letter from Khrushchev to Ulbricht Regarding the Situation in Berlin,” , 1961, History "
        "and Public Policy Program Digital Archive, SED Archives, IfGA, ZPA, J IV 2/202/130. CWIHP "
        "Working Paper No. 5, \"Ulbricht and the Concrete 'Rose.'\" Translated for CWIHP by Hope "
        "Harrison. http://digitalarchive.wilsoncenter.org/document/116213",
        (ref(SAPMO, delo="J IV 2/202/130", collection="IfGA, ZPA"),),
        (person("Harrison", "Hope"),),
        extra={"translated_for": "CWIHP", "languages": ("de",), "unknown_archives": ()},
    ),
    Case(
        "wilson-khrushchev-ulbricht-letter-1961-pdf",
        "English Translation Letter from Khrushchev to Ulbricht, 28 September 1961. SED Archives, "
        "IfGA, ZPA, J IV 2/202/130.",
        (ref(SAPMO, delo="J IV 2/202/130", collection="IfGA, ZPA"),),
        own=False,
    ),
    Case(
        "wilson-kim-sung-hwa-ivanov-1956",
        "RGANI, Fond 5, Opis 28, Delo 410, List 210. Obtained by James F. Person and translated by "
        "Gary Goldberg.",
        (ref(RGANI, MOSCOW, fond="5", opis="28", delo="410", leaves="210"),),
        (person("Goldberg", "Gary"),),
        extra={"contributors": (person("Person", "James F."),)},
    ),
    Case(
        "wilson-mikoyan-mccloy-stevenson-1962",
        '"Soviet Record of 1 November1962 Dinner conversation between CPSU CC Politburo Member A.I. '
        'Mikoyan and White House envoy John McCloy and US Ambassador to the UN Adlai Stevenson," '
        "November 01, 1962, History and Public Policy Program Digital Archive, AVP RF; obtained by "
        "NHK, provided to CWIHP, copy on file at National Security Archive; translation by "
        "Vladislav M. Zubok (National Security Archive)",
        (ref(AVPRF, MOSCOW),),
        (person("Zubok", "Vladislav M."),),
        extra={
            "translated_for": None,
            "contributing_bodies": ("NHK",),
            "on_file_at": "National Security Archive",
        },
    ),
    Case(
        "wilson-politburo-poland-jan-1981-pdf",
        "in AAN, T. 2258, Ss. 20-25.",
        (ref(AAN, delo="2258", leaves="20–25"),),
        own=False,
    ),
    Case(
        "wilson-prc-cable-moscow-protest-1965",
        "PRC FMA 109-03984-02, 7-8. Obtained by You Lan and translated by Jake Tompkins.",
        (ref(PRC_FMA, delo="109-03984-02", leaves="7–8"),),
        (person("Tompkins", "Jake"),),
        # a Chinese name printed given-name last is read as printed: family "Lan"
        extra={"contributors": (person("Lan", "You"),)},
    ),
    Case(
        "wilson-prc-cable-soviet-consulate-cars-1962",
        "PRC FMA 118-01082-04, 60. Translated by Charles Kraus.",
        (ref(PRC_FMA, delo="118-01082-04", leaves="60"),),
        (person("Kraus", "Charles"),),
    ),
    Case(
        "wilson-puzanov-journal-july-1960",
        "AVPRF fond 0102, opis 16, delo 7, p.16-42. Translated for NKIDP by Gary Goldberg.",
        (ref(AVPRF, MOSCOW, fond="0102", opis="16", delo="7", leaves="16–42"),),
        (person("Goldberg", "Gary"),),
        extra={"translated_for": "NKIDP"},
    ),
    Case(
        "wilson-roshchin-telegram-mirror-1951",
        "APRF, Fond 45, Opis 1, Delo 336, List 122 and AVPRF, Fond 059a, Opis 5a, Delo 5, Papka 11, "
        "List 13",
        (
            ref(APRF, MOSCOW, fond="45", opis="1", delo="336", leaves="122"),
            ref(AVPRF, MOSCOW, fond="059a", opis="5a", delo="5", papka="11", leaves="13"),
        ),
    ),
    Case(
        "wilson-stalin-zhou-minutes-1952-pdf",
        "“Minutes of Conversation between I.V. Stalin and Zhou Enlai,” August 20, 1952, History and "
        "Public Policy Program Digital Archive, APRF, f. 45, op. 1, d. 329, ll. 54-72. Translated "
        "by Danny Rozas. http://digitalarchive.wilsoncenter.org/document/111244",
        (ref(APRF, MOSCOW, fond="45", opis="1", delo="329", leaves="54–72"),),
        (person("Rozas", "Danny"),),
    ),
    # interpreters named inside the document are never the publication's translators
    Case(
        "wilson-stalin-zhou-minutes-1952-pdf",
        "Translated by comrs. Fedorenko and Shi Zhe",
        (),
        own=False,
    ),
    Case(
        "wilson-stalin-zhou-minutes-1952",
        "Translated by\n\ncomrs. Fedorenko and Shi Zhe",
        (),
        own=False,
        extra={"translating_body": None},
    ),
    # the documents collected after the importer was built (w2-, r2-)
    Case(
        "r2-bukharin-letter-stalin-1937",
        "РГАСПИ. Ф. 17, Оп. 171, Д. 276, Л. 95.",
        (ref(RGASPI, MOSCOW, fond="17", opis="171", delo="276", leaves="95"),),
    ),
    Case(
        "r2-cc-commission-literary-heritage-1959",
        "Ф. П. Оп. 1. Д. 37. Л. 14. Подлинник.",
        (ref(fond="P", opis="1", delo="37", leaves="14"),),
        extra={"remarks": ("Подлинник",)},
    ),
    Case(
        "r2-istmat-kulak-commission-1931",
        "- РГАСПИ. Ф. 17. Оп. 163- Д. 869. Л. 57. «Подлинный» протокол заседания Политбюро. Рукописный подлинник на бланке постановлений Политбюро ЦК ВКП(б). В колонке «Постановили» записано: «Решение - особая папка». В графе «Выписки т.т.» записано: «Менжинскому - все; Андрееву, Постышеву, Ягоде - в; Орджоникидзе -2». В бланке номер пункта «2/6 рс», дата «11.III. 1931 г.».",
        (ref(RGASPI, MOSCOW, fond="17", opis="163", delo="869", leaves="57"),),
    ),
    Case(
        "r2-istmat-kulak-commission-1931",
        "- Опубликовано по экземпляру АП РФ: Лубянка. Сталин и ВЧК-ГПУ-ОГПУ-НКВД. С. 264.",
        (ref(APRF, MOSCOW),),
    ),
    Case(
        "r2-istmat-ptukha-cipher-1932",
        "РГАСПИ. Ф. 558. Оп.11. Д. 63. Л. 118. Копия.",
        (ref(RGASPI, MOSCOW, fond="558", opis="11", delo="63", leaves="118"),),
        extra={"remarks": ("Копия",)},
    ),
    Case(
        "r2-kgb-sakharov-mourning-1989",
        "English Translation by Marta Olynyk, July 2010",
        (),
        (person("Olynyk", "Marta"),),
    ),
    Case(
        "r2-stalin-archive-history-vkpb-1938",
        "RGASPI, f. 17, op. 3, d. 1002, ll. 47-8",
        (ref(RGASPI, MOSCOW, fond="17", opis="3", delo="1002", leaves="47–48"),),
    ),
    Case(
        "w2-chernyaev-diary-honecker-oct-1989",
        "Notes of Anatoly Chernyaev, Archive of the Gorbachev Foundation, f. 2, op. 2. Translated by Vladislav Zubok (The National Security Archive).",
        (ref(GORBACHEV, MOSCOW, fond="2", opis="2", collection="Notes of Anatoly Chernyaev"),),
        (person("Zubok", "Vladislav"),),
    ),
    Case(
        "w2-chuikov-yudin-ilichev-malenkov-1953",
        '"Memorandum from General Vasilii Chuikov, Pavel Yudin, and Ivan Il\'ichev to Georgii Malenkov Critically Assessing the Situation in the GDR," May 18, 1953, History and Public Policy Program Digital Archive, AP RF, f. 3, op. 64, d. 802, ll. 124-144. Provided by Leonid Reshin (Moscow). Translated by Benjamin Aldrich-Moodie.',
        (ref(APRF, MOSCOW, fond="3", opis="64", delo="802", leaves="124–144"),),
        (person("Aldrich-Moodie", "Benjamin"),),
    ),
    Case(
        "w2-ecci-telegram-browder-1936",
        "RGASPI, f. 495, op.\n184, d. 34, Outgoing telegram 1936 to New York",
        (ref(RGASPI, MOSCOW, fond="495", opis="184", delo="34"),),
    ),
    Case(
        "w2-ecci-telegram-julius-1937",
        "RGASPI, f. 495, op. 184, d. 23. Outgoing telegrams for 1937.",
        (ref(RGASPI, MOSCOW, fond="495", opis="184", delo="23"),),
    ),
    Case(
        "w2-ecci-telegram-trotsky-hearst-1936",
        "F. 495, op. 184, d. 77.  General outgoing telegrams for 1936, l. 290.",
        (ref(fond="495", opis="184", delo="77", leaves="290"),),
    ),
    Case(
        "w2-mvd-memo-semyonov-defections-1953",
        "\"Memorandum from the Soviet Ministry of Internal Affairs to Vladimir Semyonov, 'On the Question of Preventing the Defection of Inhabitants from the GDR to West Germany',\" May 15, 1953, History and Public Policy Program Digital Archive, AVP RF, f. 0742, op. 41, pap. 271, d. 92, ll. 99-102. Translated by Daniel Rozas.",
        (ref(AVPRF, MOSCOW, fond="0742", opis="41", delo="92", papka="271", leaves="99–102"),),
        (person("Rozas", "Daniel"),),
    ),
    Case(
        "w2-nikishov-beria-wallace-1944",
        "State Archive of the Russian Federation (GA RF), Fond R-9401, Opis’ 2, Delo 65, List 166. Published as Document no. 123 in Kokurin and Morukov, ''Stalinskie stroiki GULAGa 1930-1953'' [Stalin’s Construction Sites of the GULAG] (Moscow: Materik, 2005), 464. Obtained and translated for CWIHP by Vadim J. Birstein.",
        (ref(GARF, MOSCOW, fond="R-9401", opis="2", delo="65", leaves="166"),),
        (person("Birstein", "Vadim J."),),
    ),
    Case(
        "w2-politburo-notes-afghanistan-jan-1987",
        '"Notes from Politburo Meeting, 21-22 January 1987 (Excerpt)," January 22, 1987, History and Public Policy Program Digital Archive, Gorbachev Foundation, Moscow. Provided by Anatoly Chernyaev and translated for CWIHP by Gary Goldberg',
        (ref(GORBACHEV, MOSCOW),),
        (person("Goldberg", "Gary"),),
    ),
    Case(
        "w2-shtykov-stalin-telegram-aug-1950",
        "APRF, Fond 45, Opis 1, Delo 347, Listy 12-13 and AVPRF, Fond 059a, Opis 5a, Delo 4, Papka 11, Listy 159-160",
        (
            ref(APRF, MOSCOW, fond="45", opis="1", delo="347", leaves="12–13"),
            ref(AVPRF, MOSCOW, fond="059a", opis="5a", delo="4", papka="11", leaves="159–160"),
        ),
    ),
    Case(
        "w2-stukalin-orban-rrchnm-1989",
        "Boris Stukalin, conversation with Viktor Orban, 18 August 1989, trans. by Csaba Farkas, Archive of the Black Box Video Studio, Opposition Roundtable-National Roundtable Collection, Cold War International History Project, Documents and Papers, CWIHP (accessed May 14, 2008).",
        (
            ref(
                archive="Archive of the Black Box Video Studio",
                collection="Opposition Roundtable-National Roundtable Collection",
            ),
        ),
        (person("Farkas", "Csaba"),),
    ),
    # the third set (w3-, r3-)
    Case(
        "r3-historyrussia-chuvash-obkom-1943",
        "Из информации Чувашского обкома ВКП(б) в Управление пропаганды и агитации ЦК ВКП(б) о состоянии художественной самодеятельности в районах Чувашской республики. Не ранее 10 ноября 1943 г. // Партархив Чувашского обкома КПСС. ф. 1, oп. 44, д. 99, лл. 239-240. Подлинник.",
        (
            ref(
                archive="Партархив Чувашского обкома КПСС",
                fond="1",
                opis="44",
                delo="99",
                leaves="239–240",
            ),
        ),
        extra={"remarks": ("Подлинник",)},
    ),
    Case(
        "r3-istmat-ezhov-nasedkin-troika-1938",
        "АП РФ. Ф. 3. Оп. 58. Д. 212. Л. 195а—1956. Копия. Машинопись.",
        (ref(APRF, MOSCOW, fond="3", opis="58", delo="212", leaves="195а–1956"),),
        extra={"remarks": ("Копия", "Машинопись")},
    ),
    Case(
        "r3-istmat-politburo-protocol3-1930",
        "РГАСПИ. Ф. 17. Оп. 3. Д. 791. Л. 1-24; РГАСПИ. Ф. 17. Оп. 162. Д. 9 Л. 7-9.",
        (
            ref(RGASPI, MOSCOW, fond="17", opis="3", delo="791", leaves="1–24"),
            ref(RGASPI, MOSCOW, fond="17", opis="162", delo="9", leaves="7–9"),
        ),
    ),
    Case(
        "r3-istmat-turkmen-arrests-1937",
        "АП РФ. Ф. 3. Оп. 24. Д. 315. Л. 23. Копия. Машинопись.",
        (ref(APRF, MOSCOW, fond="3", opis="24", delo="315", leaves="23"),),
        extra={"remarks": ("Копия", "Машинопись")},
    ),
    Case(
        "r3-marxists-lenin-penza-telegram-1918",
        "RTsKhIDNI, F.2, Op. 1, d. 6898. L. 1-1 ob.",
        (ref(RGASPI, MOSCOW, fond="2", opis="1", delo="6898", leaves="1–1ob."),),
    ),
    Case(
        "r3-stalinism-stalin-molotov-sholokhov-1933",
        "РГАСПИ Ф. 17. Оп. 3. Д. 926. Л. 5, 6.",
        (ref(RGASPI, MOSCOW, fond="17", opis="3", delo="926", leaves="5, 6"),),
    ),
    Case(
        "r3-wikisource-gko-leningrad-evacuation-1942",
        "РГАСПИ. Ф. 644. Оп. 1. Д. 36. Л. 45.",
        (ref(RGASPI, MOSCOW, fond="644", opis="1", delo="36", leaves="45"),),
    ),
    Case(
        "w3-frus-khrushchev-kennedy-space-message",
        "Source: Department of State, Presidential Correspondence: Lot 66 D 204. No classification marking. The source text is a Department of State translation of a commercial telegram from Moscow. The transliterated Russian text is ibid.",
        (ref(archive="U.S. Department of State", place="Washington, D.C.", delo="Lot 66 D 204"),),
    ),
    Case(
        "w3-frus-kissinger-dobrynin-phone",
        "Source: National Archives, Nixon Presidential Materials, Henry Kissinger Telephone Conversation Transcripts, Box 27, Dobrynin File. No classification marking.",
        (ref(archive="National Archives", collection="Nixon Presidential Materials"),),
        extra={"remarks": ("Dobrynin File",)},
    ),
    Case(
        "w3-rrchnm-pzpr-secretariat-1989",
        '"Minutes No. 64 from an expanded meeting of the PZPR CC Secretariat of held on June 5, 1989," trans. Jan Chowaniec, Cold War International History Project, Documents and Papers, CWIHP (accessed May 14, 2008).',
        (
            ref(
                archive="Cold War International History Project",
                acronym="CWIHP",
                place="Washington, D.C.",
            ),
        ),
        (person("Chowaniec", "Jan"),),
    ),
    Case(
        "w3-thatcher-no10-gorbachev-times",
        "Source: PREM19/2868 f269",
        (
            ref(
                archive="The National Archives of the United Kingdom",
                acronym="TNA",
                place="Kew",
                delo="PREM19/2868",
                leaves="269",
            ),
        ),
    ),
    Case(
        "w3-wilson-kgb-annual-report-1967",
        '"The KGB’s 1967 Annual Report," May 06, 1968, History and Public Policy Program Digital Archive, TsKhSD f. 89, op. 5, d. 3, ll. 1-14. Translated for CWIHP by Vladislav Zubok.',
        (ref(RGANI, MOSCOW, fond="89", opis="5", delo="3", leaves="1–14"),),
        (person("Zubok", "Vladislav"),),
    ),
    Case(
        "w3-wilson-puzanov-taraki-1978",
        "Notes of O.A. Westad, TsKhSD, f. 5, op. 75, d. 1181, ll. 36-40",
        (
            ref(
                RGANI,
                MOSCOW,
                fond="5",
                opis="75",
                delo="1181",
                leaves="36–40",
                collection="Notes of O.A. Westad",
            ),
        ),
    ),
    Case(
        "w3-docslib-presidium-notes-july-1956",
        "“Working Notes from the Session of the CPSU CC Presidium on 9 and 12 July 1956,” July 09, 1956, History and Public Policy Program Digital Archive, TsKhSD, F. 3, Op. 12, D. 1005, Ll. 2-2ob, compiled by V. N. Malin. Published in CWIHP Bulletin 8-9, p. 388.",
        (ref(RGANI, MOSCOW, fond="3", opis="12", delo="1005", leaves="2–2ob."),),
        extra={"compilers": (person("Malin", "V. N."),)},
    ),
    Case(
        "w3-openedition-de-gorbachev-mitterrand-1989",
        "Übersetzt von Svetlana Savranskaya",
        (),
        (person("Savranskaya", "Svetlana"),),
    ),
    Case(
        "r3-marxists-lenin-penza-telegram-1918",
        "Translated: Prof. Richard B. Day, of the University of Toronto Mississauga (2008)",
        (),
        (person("Day", "Richard B."),),
    ),
    # the Bukovsky archive's catalogue numbers and a FRUS decimal file are not archival notes
    Case(
        "nsa-politburo-resolution-afghanistan-1979", "[R 12 December 1979, No 997]", (), own=False
    ),
    Case("ru-bukovsky-matzo-1975", "[Russian: 11 March 1975, 547-A]", (), own=False),
    Case("ru-bukovsky-red-square-1968", "[R: 5 Sept 1968, 2102-A]", (), own=False),
    Case("vol-frus-harriman-telegram-1944", "840.50/3713: Telegram", (), own=False),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_note_is_quoted_from_its_file(case: Case) -> None:
    assert case.note in (REAL / f"{case.stem}.txt").read_text("utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_real_note(case: Case) -> None:
    note = parse_source_note(case.note)
    assert note.references == case.references
    assert note.translators == case.translators
    for name, value in case.extra.items():
        assert getattr(note, name) == value, name
    if case.references:
        assert note.problems == case.extra.get("problems", ())


def _expectations() -> dict[str, dict[str, Any]]:
    out = {}
    for meta in sorted(REAL.glob("*.toml")):
        expected = tomllib.loads(meta.read_text("utf-8")).get("expected", {})
        if expected.get("archival") or expected.get("translators"):
            out[meta.stem] = expected
    return out


EXPECTED = _expectations()


def test_every_document_with_a_reference_or_translator_has_its_note_here() -> None:
    assert sorted(EXPECTED) == sorted({c.stem for c in CASES if c.own and c.stem in EXPECTED})
    assert len(EXPECTED) == 61


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_cases_agree_with_the_readers_toml(stem: str) -> None:
    """What the cases expect is what the document's reader found, field by field."""
    expected = EXPECTED[stem]
    refs = tuple(r for c in CASES if c.stem == stem and c.own for r in c.references)
    translators = tuple(n for c in CASES if c.stem == stem and c.own for n in c.translators)
    wanted = expected.get("archival", [])
    assert len(refs) >= len(wanted)
    for want, got in zip(wanted, refs, strict=False):
        printed = want.get("archive")
        if printed is not None:
            info = lookup(printed)
            if info is None:
                assert got.archive == printed
            else:
                assert lookup(got.acronym or got.archive or "") is info
        for key in ("fond", "opis", "delo", "papka", "leaves"):
            value = getattr(got, key)
            if key not in want:
                assert value is None, key
            elif key == "leaves":
                assert value == normalize_leaves(str(want[key])), key
            else:
                assert value == str(want[key]), key
    # no reference beyond those expected says where in an archive the document is
    for extra in refs[len(wanted) :]:
        assert (extra.fond, extra.opis, extra.delo, extra.papka, extra.leaves) == (None,) * 5
    want_names = expected.get("translators", [])
    assert [f"{n.family}, {n.given}" for n in translators] == want_names


def test_footnote_ibid_takes_the_archive_of_the_reference_before() -> None:
    first = parse_source_note("(РГАСПИ. Ф. 17. Оп. 3. Д. 932. Л. 23–24, 44–47)").archival
    second = parse_source_note("(Там же. Ф. 558. Оп. 11. Д. 81. Л. 124)", previous=first)
    assert second.references == (
        ref(RGASPI, MOSCOW, fond="558", opis="11", delo="81", leaves="124"),
    )
    assert second.problems == ()
    both = parse_source_note(
        "(РГАСПИ. Ф. 17. Оп. 3. Д. 932. Л. 23–24, 44–47). (Там же. Ф. 558. Оп. 11. Д. 81. Л. 124)"
    )
    assert [r.acronym for r in both.references] == ["RGASPI", "RGASPI"]
    assert both.references[1].fond == "558"


_VALUE = re.compile(VALUE + r"\Z")
_LEAVES = re.compile(LEAVES + r"\Z")


@pytest.mark.parametrize("case", [c for c in CASES if c.references], ids=lambda c: c.id)
def test_values_read_pass_the_checker(case: Case) -> None:
    """``quotecite check`` validates [archival] with VALUE and LEAVES: what is read passes."""
    for r in parse_source_note(case.note).references:
        for key in ("fond", "opis", "delo", "papka"):
            value = getattr(r, key)
            assert value is None or _VALUE.match(value), (key, value)
        assert r.leaves is None or _LEAVES.match(r.leaves), r.leaves
        assert r.acronym is None or lookup(r.acronym) is not None
