"""Read a source note ("[Source: …]") into structured archival references and credits.

The forms read, as the National Security Archive, the Wilson Center Digital Archive, the Yale
Annals of Communism, the CEU Press readers and Russian publications print them::

    State Archive of the Russian Federation. Fond 10063, Opis 1, Delo 190
    RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.
    AVP RF, f. 0129, op. 27, p. 188, d. 14          (p. = papka before a delo; pages after one)
    GARF, f. R-9478 …   f. 5-os …   l. 5ob.   ll. 12–14 ob.   l. 29-rev.   ll. 23–24, 44–47
    ГАРФ. Ф. 10063. Оп. 1. Д. 190. Л. 5          ф. Р-9478 (stored R-9478), л. 1—1 об.
    GARF 1235/1/16/5                                  (four bare numbers after an archive)
    RGANI. Collection 52. Inventory 1. File 498. Sheets 43.   (English words for the labels)
    SED Archives, IfGA, ZPA, J IV 2/202/130   THCR 1/10/117 f44   PRC FMA 109-03984-02, 7-8
    APRF, f. 45 … and AVPRF, f. 059a …   GARF, f. 1 …; f. 4 …   Там же. Ф. 558 …   Ibid., l. 5

Archive names (full, acronym, former, romanized, Russian, native) resolve through the registry;
a name the registry does not know is kept as printed and listed in ``unknown_archives``. Several
references in one note become several :class:`Archival` values, the first the primary. Credits
("Translated by X", "translated for CWIHP by X", "Obtained by A and translated by B", "trans. X",
"translation by X slightly revised", "Перевод X", "Traduction de X", "Übersetzung: X",
"Compiled by X"), collections ("Shakhnazarov Collection", "Notes of A.S. Chernyaev"), "On file at
…" and remarks ("Prot. No. 38", "unnumbered page", "Подлинник. Машинопись.") are read too.
Nothing the note does not say is filled in — except the archive's own English name, acronym and
place, which come from the registry once the note names it, and the levels an "Ibid." or a
follow-on reference ("…, d. 101, ll. 1-3; d. 102, l. 5") shares with the reference before it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

from quotecite.archival.registry import (
    ArchiveInfo,
    Mention,
    code_archive,
    find_archives,
    known_codes,
    lookup,
)
from quotecite.model import Archival, Name

# --------------------------------------------------------------------------- values

_B = r"(?<![\w.])"  # a label starts a word
_NO = r"(?:\s*(?:No\.|no\.|Nr\.|nr\.|№)\s*)?"
#: a labelled number: 10063, R-9478, Р-9478, 5-os, 1-B, 059a, 07/15 (Czech), 14/AP, 12/1968
_NUMBER = r"(?:[A-Za-zА-Яа-яЁё]{1,3}-)?\d+(?:[a-zа-я](?!\w))?(?:-[A-Za-zА-Яа-я]{1,4}(?!\w))?"
NUMBER = rf"{_NUMBER}(?:/(?:\d+[a-zа-я]?|[A-ZА-Я]{{1,4}})(?!\w))?"
_ROMAN = r"[IVX]{1,5}"
_SNUM = r"\d+(?:\.\d+)*[a-z]?"
_CODE = r"[A-Z][A-Za-z]{0,4}"
#: a reference code that is a file's whole address: THCR 1/10/117, J IV 2/202/130,
#: DY 30/IV 2/2.035/38, PREM 19/1234 (or PREM19/1234), 109-03984-02 (PRC Foreign Ministry
#: Archive), Lot 66 D 204 (US State Department)
SIGNATURE = (
    rf"(?:{_CODE}(?:\s+{_ROMAN})?\s*{_SNUM}(?:/(?:{_CODE}(?:\s+{_ROMAN})?\s+|{_ROMAN}\s+)?{_SNUM})+"
    r"|\d{1,4}(?:-\d{1,6}){2,}"
    r"|Lot\s+\d{2}\s*D\s*\d{1,4})"  # the State Department's lot files
)
#: a number as stored: Cyrillic letters written in Latin ("Ж-5" is "Zh-5", "5-ос" is "5-os")
_STORED = (
    r"(?:[A-Za-z]{1,12}-)?\d+(?:[a-z]{1,4}(?!\w))?(?:-[A-Za-z]{1,16}(?!\w))?"
    r"(?:/(?:\d+[a-z]{0,4}|[A-Z]{1,16})(?!\w))?"
)
#: every value a fond, opis, papka or delo may hold once read
VALUE = rf"(?:{SIGNATURE}|{NUMBER}|{_STORED}|[A-Z](?!\w))"  # a fond named by a letter: "P"
_OB = r"(?:\s*-?\s*(?:ob|об|rev|verso|oborot|оборот)\.?(?!\w)|v(?!\w))"
_LEAF = rf"\d+(?:[абaб](?![\w]))?{_OB}?(?:\s*[-–—]\s*\d+(?:[абaб](?![\w]))?{_OB}?)?"
LEAVES = rf"{_LEAF}(?:\s*,\s*{_LEAF})*"

_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_ALA_LC = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch - y - e iu ia"
_LAT = {c: v.strip("-") for c, v in zip(_CYRILLIC, _ALA_LC.split(), strict=True)}


def _latin(value: str) -> str:
    """``Р-9478`` → ``R-9478``, ``5-ос`` → ``5-os``, ``059а`` → ``059a`` (ALA-LC letters)."""
    out = []
    for ch in value:
        low = ch.lower()
        if low in _LAT:
            lat = _LAT[low]
            out.append(lat.capitalize() if ch != low else lat)
        else:
            out.append(ch)
    return "".join(out)


def normalize_leaves(value: str) -> str:
    """``12 – 14 об.`` → ``12–14ob.``; ``193-194`` → ``193–194``; ``47-8`` → ``47–48``;
    ``29-rev.`` → ``29ob.``."""
    text = re.sub(r"\s*-?\s*(?:ob|об|rev|verso|oborot|оборот)\.?(?!\w)", "ob.", value.strip())
    text = re.sub(r"(?<=\d)v(?!\w)", "ob.", text)
    text = re.sub(r"\s*[-–—]\s*", "–", text)
    text = re.sub(r"(?<!\d)(\d+)–(\d+)(?!\d)", _expand_range, text)
    return re.sub(r"\s*,\s*", ", ", text)


def _expand_range(m: re.Match[str]) -> str:
    """An abbreviated range written out: "47-8" is leaves 47–48, "124-44" is 124–144."""
    first, last = m.group(1), m.group(2)
    if len(last) < len(first) and int(first[-len(last) :]) < int(last):
        last = first[: len(first) - len(last)] + last
    return f"{first}–{last}"


# --------------------------------------------------------------------------- labels

#: kind → label forms. "folder" (Folder N) is a delo unless the chain also has a delo, then a
#: papka; "por" (AVP RF's poriadkovyi nomer, an item number) is stored as the delo when no d.
#: is given; "page" (pp., S., С.) counts as leaves only right after a delo; "tee" (t., Polish
#: teczka / Russian tom) is a delo right after an archive or fond, a volume after a delo;
#: "chain" labels (k., ap., b.) are read only inside a reference already begun.
_LABELS: dict[str, str] = {
    "fond": r"[Ff]onds?|FOND|[Ff]ondas|[Ff]ondo|[Фф]онд|[Фф]\.|[Ff]\.|Collection|Record\s+Group|RG",
    "opis": r"[Oo]pis['’ʹ]?|OPIS|[Oo]pys|[Oo]p\.|[Оо]пись|[Оо]пис|[Оо]п\.|[Aa]pyrašas|[Ii]nventory"
    r"|[Dd]ans",
    "folder": r"[Ff]older",
    "por": r"[Pp]or\.|[Пп]ор\.",
    "papka": r"[Pp]apka|[Pp]ap\.|[Пп]апка|[Пп]\.|[Pp]\.",
    "delo": r"[Dd]elo|DELO|[Dd]\.|[Дд]ело|[Дд]\.|[Ss]prava|[Ss]pr\.|[Сс]права|[Сс]пр\.|[Bb]yla"
    r"|[Ee]d\.\s?khr\.|[Ее]д\.\s?хр\.|File|[Dd]osar(?:ul)?|[Dd]osja|[Tt]eczka|[Ss]ygn\."
    r"|[Aa]\.\s?e\.|[Аа]\.\s?е\.|kh/n",
    "leaves": r"[Ll]l\.|LL\.|[Ll]\.|[Лл]л\.|[Лл]\.|[Ll]isty?|LIST|[Ll]eaf|[Ll]eaves|[Ss]heets?"
    r"|[Ff]olios?|[Ff]ols?\.|ff\.|[Aa]rkush\w*|[Aa]rk\.|[Аа]ркуш\w*|[Аа]рк\.|[Ll]apas|[Ll]apai"
    r"|[Ll]ap\.|[Bb]l\.|[Kk]arta|[Kk]arty|[Ff]l\.|[Ff]let[aë]",
    "page": r"pp\.|pg\.|[Pp]ages?|[Ss]s\.|[Ss]\.|[Ss]tr\.|[Сс]\.|[Сс]тр\.|[Ss]eiten?",
    "tee": r"[Tt]\.",
    "chain": r"[Kk]\.|[Aa]p\.|[Bb]\.",
    "volume": r"[Тт]\.|[Tt]om|[Тт]ом|[Vv]ol\.|Bd\.",
}
#: "p. 188" is a papka before a delo and pages after one ("p.16-42"): its value may be a range
_VALUES = {
    "leaves": LEAVES,
    "page": LEAVES,
    "chain": rf"(?:{NUMBER}(?![\d/])(?!\s*[-–—]\s*\d)|{LEAVES})",
    "papka": rf"(?:{_LEAF}(?:\s*,\s*{_LEAF})*(?!\w)|{NUMBER})",
    # "f. 3-10" after a dosar is a folio range (Romanian, British); a fond never is one
    "fond": rf"(?:{NUMBER}(?![\d/])(?!\s*[-–—]\s*\d|\s*(?:ob|об)\.)|{LEAVES}"
    # a fond named by a letter ("Ф. П. Оп. 1."), only where its opis follows: not an initial
    r"|[A-ZА-ЯЁ](?=\.?,?\s*(?:[Оо]п|[Oo]p)\.))",
}
_LOCATOR = re.compile(
    "|".join(
        rf"(?P<{kind}>{_B}(?:{label}){_NO}\s*(?P<{kind}_v>{_VALUES.get(kind, NUMBER)}))"
        for kind, label in _LABELS.items()
    )
)
#: labels printed without their period ("F 3 Op 12 D 1006": OCR that drops punctuation) are
#: read only inside a chain: right after an archive or another locator
_DOTLESS = re.compile(
    "|".join(
        rf"(?P<{kind}>(?<![\w.])(?:{label})\s+(?P<{kind}_v>{_VALUES.get(kind, NUMBER)}))"
        for kind, label in {
            "fond": r"[Ff]|[Фф]",
            "opis": r"[Oo]p|[Оо]п",
            "delo": r"[Dd]|[Дд]",
            "leaves": r"[Ll]l?|[Лл]л?",
        }.items()
    )
    + r"(?![\w.])"
)
_GLUED_FOLIO = re.compile(rf"{_B}f(?P<v>{LEAVES})(?![\w/])")  # "THCR 1/10/117 f44"
_LEVEL = {"fond": 0, "opis": 1, "delo": 3, "leaves": 4}
#: a spelled-out label with no number after it: the note is not understood
_DANGLING = re.compile(
    r"(?<![\w])(?:Fond|Opis['’ʹ]?|Delo|Фонд|Опись|Дело)(?![\w'’ʹ])(?!\s*(?:No\.|№)?\s*"
    r"(?:[A-Za-zА-Яа-я]{1,3}-)?\d)"
)
_BARE = re.compile(
    rf"\s*,?\s*(?P<f>{_NUMBER})/(?P<o>\d+[a-z]?)/(?P<d>\d+[a-z]?)(?:/(?P<l>{_LEAF}))?(?![\w/])"
)
_SIG_LEAVES = (
    rf"(?:\s*,\s*(?:(?:ff?\.|fols?\.|pp?\.|S\.|Bl\.|ll?\.)\s*)?|\s+(?:ff?\.?|fols?\.)\s*)"
    rf"(?P<lv>{LEAVES})(?![\w/])"
)
_AFTER_ARCHIVE = re.compile(rf"[\s,:]*(?P<sig>{SIGNATURE})(?![\w/-])(?:{_SIG_LEAVES})?")
#: Hungarian: MNL OL, M-KS 288. f. 5/123. ő. e. (fond 288, series 5, storage unit 123)
_HUNGARIAN = re.compile(
    r"(?<![\w.])(?:(?P<pre>[A-Z]-[A-Z]{1,3})\s+)?(?P<f>\d+)\.\s*f\.\s*(?P<o>\d+)\s*/\s*(?P<d>\d+)"
    r"\.?\s*ő\.\s*e\."
)
#: Estonian reference codes: ERA.R-1.5.30, ERAF.1.4.123 (fond.opis.delo)
_DOTTED = re.compile(
    r"(?<![\w.])(?P<code>ERAF|ERA|EAA)\.(?P<f>(?:R-)?\d+[a-z]?)\.(?P<o>\d+[a-z]?)\.(?P<d>\d+[a-z]?)"
)
_LOT = re.compile(r"(?<![\w])(?P<sig>Lot\s+\d{2}\s*D\s*\d{1,4})(?![\w])(?P<lv>)")  # see SIGNATURE
_IBID = re.compile(r"(?<![\w])(?:Там\s+же|там\s+же|Ibid(?:em)?\.?|ibid(?:em)?\.?)(?!\w)")

# --------------------------------------------------------------------------- words and names

_UPPER = re.compile(r"[A-ZА-ЯЁÀ-ÖØ-ÞĀ-ŽȘȚ]")
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’.-](?=[^\W\d_])|\.)*")
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "la", "le", "bin", "du", "dos", "del"}
#: capitalised words that end a person's name: what follows a credit in notes
_NAME_STOP = {
    "Collection", "Archive", "Archives", "Foundation", "Papers", "Fond", "Moscow", "Notes",
    "Edited", "Translated", "Compiled", "Donated", "Obtained", "Contributed", "Provided",
    "Original", "Typescript", "Typewritten", "Copy", "Source", "Texte", "Document", "Record",
    "Diary", "The", "From", "For", "On", "In", "With", "Introduction", "Copyright", "Translation",
    "Courtesy", "See", "Published", "Reprinted", "Digital", "History", "National", "Cold",
}  # fmt: skip
#: words that make a credit's object a body, not a person
_BODY_WORDS = {
    "archive", "archives", "project", "television", "tv", "center", "centre", "institute",
    "university", "foundation", "ministry", "agency", "service", "office", "department",
    "bureau", "press", "radio", "committee", "program", "programme", "library", "museum",
    "staff", "section", "division", "team", "group", "corporation", "company", "broadcasting",
    "security", "embassy", "council", "academy",
}  # fmt: skip
_COMRADES = re.compile(
    r"(?:comrs?\.|comrades?|cdes?\.?|tt?\.|тов\.|товарищ\w*|comrade)\s", re.IGNORECASE
)
_LANGUAGES = {
    "english": "en", "german": "de", "russian": "ru", "french": "fr", "polish": "pl",
    "czech": "cs", "slovak": "sk", "hungarian": "hu", "bulgarian": "bg", "romanian": "ro",
    "albanian": "sq", "chinese": "zh", "korean": "ko", "mongolian": "mn", "spanish": "es",
    "italian": "it", "vietnamese": "vi", "serbian": "sr", "serbo-croatian": "sh",
    "ukrainian": "uk", "georgian": "ka", "lithuanian": "lt", "latvian": "lv", "estonian": "et",
    "japanese": "ja", "portuguese": "pt", "finnish": "fi",
}  # fmt: skip

# --------------------------------------------------------------------------- credits

_BY = r"\s+by\b\s*"
#: who obtained, provided or donated the document (and sometimes translated it)
_OBTAINED = re.compile(
    r"(?<![\w])(?:[Cc]opy\s+)?(?:[Oo]btained|[Cc]ontributed|[Pp]rovided|[Dd]onated|[Ff]ound"
    r"|[Ll]ocated)(?P<tr>\s+and\s+translated)?" + _BY
)
#: English translation credits; "for X" before or after the names is whom it was made for
_TRANSLATION = re.compile(
    r"(?<![\w])(?:(?:[Tt]ranslated|[Tt]ranslation)(?:\s+(?:from|out\s+of)\s+(?:the\s+)?"
    r"(?P<lang>[A-Z][a-z]+))?(?:\s+and\s+(?:edited|annotated|introduced))?"
    r"(?:\s+for\s+(?P<for>(?:the\s+)?[A-Z][^,;()\[\]]*?))?" + _BY + r"|"
    r"(?:[Tt]rans|[Tt]ransl|[Tt]r)\.(?:\s+by\b)?\s*"
    r"|(?:Translated|Translators?|Translation|TRANSLATED|TRANSLATOR)\s*:\s*)"  # a page's label
)
#: credits in other languages: Перевод X, Пер. с англ. X, Traduction de X, Übersetzung: X …
_FOREIGN_TRANSLATION = re.compile(
    r"(?<![\w])(?:"
    r"(?:[Пп]еревод|[Пп]ер\.)(?:\s+с\s+[а-яё]+\.?(?:\s+языка)?)?\s*:?\s*"
    r"|(?:[Tt]raduction|[Tt]raduit|[Tt]raduite)(?:\s+(?:du|de\s+l['’]|de\s+la)\s*[a-zé]+)?"
    r"\s+(?:de|d['’]|par)\s*:?\s*"
    r"|[Tt]raduction\s*:\s*"
    r"|(?:Übersetzung|übersetzt|Übersetzt)(?:\s+aus\s+dem\s+[A-ZÄÖÜ]\w+)?(?:\s*:\s*|\s+von\s+)"
    r"|(?:[Tt]raducción|[Tt]raducido)\s+(?:de|por)\s+"
    r"|(?:[Tt]raduzione|[Tt]radotto)\s+(?:di|da)\s+"
    r"|(?:[Tt]łumaczenie|[Tt]łum\.|[Pp]rzełożył[a]?)\s*:?\s*"
    r")"
)
_COMPILED = re.compile(
    r"(?<![\w])(?:(?:[Cc]ompiled|[Rr]ecorded|[Tt]ranscribed|[Nn]otes\s+taken)" + _BY + r"|"
    r"(?:[Сс]оставил[аи]?|[Зз]аписал[аи]?|[Зз]апись\s+вел[аи]?|[Сс]оставител[ьи])\s*:?\s*)"
)
_FOR_TAIL = re.compile(r"\s+for\s+(?P<for>(?:the\s+)?[A-Z][^.;,\[\]()]*)")
_PAREN_TAIL = re.compile(r"\s*\([^()]{1,80}\)")
_ON_FILE = re.compile(
    r"(?:[Oo]n file|[Hh]eld|[Aa] copy is (?:on file|held)) at\s+"
    r"(?P<where>[^;\[\]]+?)(?=\.?\s*$|\.\s|[;\]])"
)
_PROVIDED_TO = re.compile(r"(?<![\w])provided\s+to\s+[^,;.\[\]]+")
_ORIGINAL = re.compile(
    r"(?:Original\s+in|Original\s+[Ll]anguage\s*:)\s*(?P<lang>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
)

# --------------------------------------------------------------------------- other parts

_WORD = r"(?:[A-ZА-ЯЁ][a-zа-яё]{0,2}\.(?:-?[A-ZА-ЯЁ][a-zа-яё]?\.)*|[A-ZА-ЯЁ][\w'’-]+)"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_WORD}|de|van|von|der|da|di|la|le|bin))*"
_COLLECTION = re.compile(
    r"(?P<c>(?:(?:[A-ZА-Я][\w'’-]+|of|the)[ \t]+)*?[A-ZА-Я][\w'’-]+[ \t]+(?:Collection|Papers"
    r"|Diary|Files?|Fond)(?!\s*(?:No\.\s*)?\d)"
    r"|(?:Collection|Papers|Notes|Diary|Personal[ \t]+[Aa]rchive)[ \t]+of[ \t]+" + _NAME + r")"
)
_GROUP_AFTER_ARCHIVE = re.compile(
    r"\s*,\s*(?P<c>[A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]*(?:[ \t]+[A-ZÀ-ÖØ-ÞА-ЯЁ][\w-]*){0,3})\s*,"
)
_SOURCE = re.compile(
    r"^\s*\[?\s*(?:Source|SOURCE|Sources|Источник|Источники|Архив|Citation|Quelle|Źródło)\s*:"
    r"\s*",
    re.S,
)
_REMARK = re.compile(
    r"(?<![\w])(?:"
    r"[Pp]rot(?:ocol)?\.?\s*(?:No\.|№|Nr\.)\s*[\w/-]+"
    r"|[Пп]ротокол\s*№\s*[\w/-]+|[Пп]рот\.\s*№\s*[\w/-]+"
    r"|unnumbered(?:\s+(?:pages?|leaf|leaves|sheets?|folios?))?|б/н|б\.\s?л\."
    r"|Original\s+in\s+[A-Z][a-z]+|Typewritten(?:\s+copy)?|Typescript|Handwritten|Manuscript"
    r"|Certified\s+copy|Photocopy"
    r"|Подлинник|Машинопись|Машинописный\s+текст|Машинописная\s+копия|Рукопись|Автограф"
    r"|Заверенная\s+копия|Завер\.\s*копия|Копия|Отпуск|Черновик"
    r"|[A-Z][a-z]{1,6}\.(?:\s*[a-z]{1,6}\.)*\s*(?:No\.|č\.|Nr\.)\s*\d+"
    r")(?![\w])"
)
_ARCHIVE_WORD = re.compile(
    r"(?<![\w])(?:[Aa]rchives?|[Aa]rchiv|[Aa]rchivum|[Aa]rchiwum|[Aa]rhiv[aeu]?|[Aa]rhivele"
    r"|[Aa]rchivo|[Aa]rchivio|[Aa]rchief|[Aa]rkiv[i]?|[Aa]rkhiv[y]?|[Aa]rchyvas|[Aa]rhīvs"
    r"|[Ll]evéltár[a]?|[Аа]рхив[ы]?|[Аа]рхів|[Аа]рхіў|Record\s+Office|Records\s+Office"
    r"|(?:Парт|Гос|Облгос|Облпарт|Крайгос|Горгос)архив[аы]?"
    r"|Library|Staatsarchiv|Landesarchiv|Hauptstaatsarchiv)(?!\w)"
)
_GENERIC = {
    "original", "digital", "personal", "private", "family", "document", "documents", "source",
    "online", "electronic", "web", "home", "the", "this", "its", "his", "her", "their",
}  # fmt: skip
#: clause ends; a period after an initial ("И. В. Сталина") ends nothing
_CLAUSE_SPLIT = re.compile(
    r"[,;()\[\]\n:]|//|(?<![^\w][^\W\d_])(?<!^[^\W\d_])\.\s+(?=[^\W\d_])|\s[–—]\s|\s-\s"
)


@dataclass(frozen=True, slots=True)
class SourceNote:
    """What a source note says, structured. ``references`` in the order the note gives them."""

    text: str
    references: tuple[Archival, ...] = ()
    translators: tuple[Name, ...] = ()
    contributors: tuple[Name, ...] = ()  #: persons who obtained, provided or donated it
    translated_for: str | None = None  #: "National Security Archive" (who the translation was for)
    on_file_at: str | None = None  #: the sentence's object: "the National Security Archive"
    on_file_sentence: str | None = None  #: the sentence as written: "On file at the … Archive."
    #: languages of the original: what the note states ("Original in German"), then the archives'
    languages: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  #: what could not be read
    #: archives named as printed that the registry does not know ("ДАЛО"): the importer warns
    unknown_archives: tuple[str, ...] = ()
    translating_body: str | None = None  #: an institution credited with the translation (NHK)
    contributing_bodies: tuple[str, ...] = ()  #: institutions that obtained it ("NHK")
    compilers: tuple[Name, ...] = ()  #: "Compiled by V. N. Malin": who took the notes
    #: what the note says of the document that is no reference field, as printed: "Prot. No.
    #: 38", "unnumbered page", "Typescript", "Подлинник", "Завер. копия", "t. 2", "por. 5"
    remarks: tuple[str, ...] = ()

    @property
    def archival(self) -> Archival:
        return self.references[0] if self.references else Archival()

    def is_understood(self) -> bool:
        return bool(self.references) and not self.problems


@dataclass
class _Ref:
    info: ArchiveInfo | None = None
    archive_text: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    collections: list[str] = field(default_factory=list)
    start: int = -1
    end: int = 0
    separator: str = ""
    ibid: bool = False
    first_kind: str = ""
    folder: str | None = None  #: "Folder N": a delo, or a papka when a delo follows
    pages_after_delo: str | None = None  #: "p. N" after a delo: pages, or a papka before leaves
    por: str | None = None

    def empty(self) -> bool:
        return (
            self.info is None
            and self.archive_text is None
            and not self.values
            and not self.collections
            and self.folder is None
            and self.pages_after_delo is None
            and self.por is None
            and not self.ibid
        )

    def touch(self, start: int, end: int, kind: str) -> None:
        if self.start < 0:
            self.start = start
            self.first_kind = kind
        self.end = max(self.end, end)

    def settle(self, remarks: list[str]) -> None:
        """Decide what the provisional values were, once the chain is read."""
        if self.folder is not None:
            key = "papka" if "delo" in self.values else "delo"
            self.values.setdefault(key, self.folder)
        if self.pages_after_delo is not None:
            if "leaves" in self.values and "papka" not in self.values:
                self.values["papka"] = self.pages_after_delo
            else:
                self.values.setdefault("leaves", normalize_leaves(self.pages_after_delo))
        if self.por is not None:
            # AVP RF's poriadkovyi nomer numbers the items of an opis: the file, when no d. is given
            if "delo" in self.values:
                remarks.append(f"por. {self.por}")
            else:
                self.values["delo"] = self.por
        self.folder = self.pages_after_delo = self.por = None

    def build(self) -> Archival:
        info = self.info
        return Archival(
            archive=info.name if info else self.archive_text,
            acronym=info.acronym if info else None,
            place=info.place if info else None,
            fond=self.values.get("fond"),
            opis=self.values.get("opis"),
            delo=self.values.get("delo"),
            papka=self.values.get("papka"),
            leaves=self.values.get("leaves"),
            collection=", ".join(dict.fromkeys(self.collections)) or None,
        )


@dataclass
class _Credits:
    translators: list[Name] = field(default_factory=list)
    contributors: list[Name] = field(default_factory=list)
    compilers: list[Name] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    translated_for: str | None = None
    translating_body: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Event:
    start: int
    end: int
    kind: str
    priority: int
    value: object


def strip_source(text: str) -> str:
    """The note without its ``[Source: …]`` wrapper."""
    body = _SOURCE.sub("", text, count=1)
    body = body.strip()
    if body.endswith("]") and body.count("[") < body.count("]"):
        body = body[:-1].rstrip()
    return body


def parse_name(text: str) -> Name:
    """``Svetlana Savranskaya`` → family Savranskaya, given Svetlana; a body stays literal."""
    words = text.strip().strip(",;").split()
    if not words:
        return Name(literal=text.strip())
    if len(words) == 1 or any(w.isupper() and len(w) > 1 for w in words):
        return Name(literal=" ".join(words))
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return Name(family=" ".join(words[i:]), given=" ".join(words[:i]))


def split_names(text: str) -> tuple[Name, ...]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip())
    return tuple(parse_name(p) for p in parts if p.strip())


def parse_source_note(text: str, previous: Archival | None = None) -> SourceNote:
    """Read a source note; never raises, reports what it could not read in ``problems``.

    ``previous`` is the reference of the note before, for a note that begins "Ibid." / "Там же".
    """
    try:
        return _parse(text, previous)
    except Exception as exc:  # a note that breaks the reader is reported, never raised
        return SourceNote(text=text, problems=(f"could not be read ({type(exc).__name__})",))


#: the problem of a note that gives no reference at all
NO_REFERENCE = "names no archive and no fond, opis or delo"
#: what the archival description of a document begins with: the original or a copy, typed or
#: written by hand, its language ("Подлинник. Машинопись.", "Original in German. Typewritten.")
_DESCRIPTION = re.compile(
    r"(?:Original(?:\s+in\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?|\s+[Ll]anguage\s*:\s*[A-Z][a-z]+)?"
    r"|(?:Certified\s+|Carbon\s+|Photo)?[Cc]opy|Typewritten|Typescript|Handwritten|Manuscript"
    r"|Autograph|Подлинник|(?:Заверенная\s+|Завер\.\s*|Машинописная\s+)?[Кк]опия|Машинопис\w*"
    r"|Рукопись|Автограф|Отпуск|Черновик)(?![\w-])"
)
#: the reference of a publication the text is taken from, to its pages: "Сталин и Каганович.
#: Переписка. 1931–1936 гг. С. 178.", "Vondrová & Navrátil, vol. 2, pp. 187–189."
_PUBLICATION = re.compile(
    r"[^\d\s].{3,300}?(?<![\w.])(?:[СсSs]|[Сс]тр|pp?)\.\s*\d+(?:\s*[-–—]\s*\d+)?\.?", re.S
)


def is_archival_description(text: str) -> bool:
    """A note that describes the document, not where it is: "Подлинник. Машинопись.",
    "Original in German. Typewritten.", "Copy.", "Typescript." — no number and no archive in
    it, a few sentences, the first beginning with what the document is."""
    body = strip_source(text)
    return (
        _DESCRIPTION.match(body) is not None
        and not re.search(r"\d", body)
        and len(body) <= 300
        and len(re.findall(r"[.;](?:\s|\Z)", body)) <= 4
        and not parse_source_note(body).references
    )


def is_publication_reference(text: str) -> bool:
    """A note that gives the publication the text comes from, to its pages, as Russian
    editions print it after a document: "Сталин и Каганович. Переписка. 1931–1936 гг. С. 178."
    (a note that names an archive or its locators is a reference, whatever it ends with)."""
    body = strip_source(text)
    return _PUBLICATION.fullmatch(body) is not None and not parse_source_note(body).references


# --------------------------------------------------------------------------- the reader


#: Latin letters that look like Cyrillic ones, typed or recognised inside Russian words ("oп.")
_LOOKALIKES = str.maketrans("AaBCcEeHKMOoPpTXxy", "АаВСсЕеНКМОоРрТХху")


def _cyrillic_words(text: str) -> str:
    """Words of mixed script read as Cyrillic ("oп." with a Latin o is "оп."); same length."""
    return re.sub(
        r"[A-Za-zА-Яа-яЁё]+",
        lambda m: (
            m.group().translate(_LOOKALIKES)
            if re.search("[А-Яа-яЁё]", m.group()) and re.search("[A-Za-z]", m.group())
            else m.group()
        ),
        text,
    )


def _parse(text: str, previous: Archival | None) -> SourceNote:
    body = _cyrillic_words(strip_source(text))
    credits = _read_credits(body)
    spans = list(credits.spans)
    on_file = on_file_sentence = None
    m_file = _ON_FILE.search(body)
    if m_file and not _inside(m_file.start(), spans):
        on_file = m_file.group("where").strip()
        if not re.search(r"\b[A-Z]\.$", on_file):
            on_file = on_file.rstrip(".")  # "… Archive." ends the sentence; "D.C." keeps its own
        sentence = body[m_file.start() : m_file.end()].rstrip(".") + "."
        on_file_sentence = sentence[:1].upper() + sentence[1:]
        spans.append((m_file.start(), m_file.end()))
    spans.extend((m.start(), m.end()) for m in _PROVIDED_TO.finditer(body))
    spans.extend(_quoted_spans(body))
    masked = _mask(body, spans)

    mentions = find_archives(masked)
    remarks = [m.group() for m in _REMARK.finditer(masked)]
    # "Prot. No. 38", "Zahr. kor. No. 822": noted, never read as locators
    masked_loc = _mask(masked, [(m.start(), m.end()) for m in _REMARK.finditer(masked)])
    masked_loc = _mask(masked_loc, [(a.start, a.end) for a in mentions])

    events = _events(body, masked, masked_loc, mentions, spans)
    refs = _assemble(events, body, masked, remarks)
    _name_unknown_archives(refs, body, mentions, spans)
    problems: list[str] = []
    _inherit(refs, previous, problems)
    refs = [r for r in refs if not r.build().is_empty()]  # "Ibid." with nothing before it
    # publisher-like collections (National Security Archive) are the archive only when alone
    archives = [r for r in refs if not (r.info and r.info.kind == "publisher" and not r.values)]
    if archives:
        refs = archives
    # an archive named again with nothing more, or a reference printed twice, is one reference
    seen: set[Archival] = set()
    unique: list[_Ref] = []
    for r in refs:
        built_ref = r.build()
        if built_ref in seen:
            continue
        seen.add(built_ref)
        if any(_bare_again(built_ref, u.build()) for u in unique):
            continue  # "… a Department of State translation …": the archive named again
        if unique and _only_collection(built_ref):
            # "…, Box 27, Dobrynin File.": a file the reference before it holds, no other one
            remarks.append(built_ref.collection or "")
            continue
        unique.append(r)
    refs = unique

    for m in _DANGLING.finditer(masked_loc):
        problems.append(f"'{m.group()}' without a number")
    if not refs and not (credits.translators or credits.translating_body or on_file):
        problems.append(NO_REFERENCE)
    stated = [
        _LANGUAGES[m.group("lang").lower()]
        for m in _ORIGINAL.finditer(body)
        if m.group("lang").lower() in _LANGUAGES
    ]
    languages = tuple(
        dict.fromkeys(stated + [r.info.language for r in refs if r.info and r.info.language])
    )
    built = tuple(r.build() for r in refs)
    unknown = tuple(
        dict.fromkeys(r.archive_text for r in refs if r.info is None and r.archive_text)
    )
    return SourceNote(
        text=text,
        references=built,
        translators=tuple(credits.translators),
        contributors=tuple(credits.contributors),
        translated_for=credits.translated_for,
        on_file_at=on_file,
        on_file_sentence=on_file_sentence,
        languages=languages,
        problems=tuple(dict.fromkeys(problems)),
        unknown_archives=unknown,
        translating_body=credits.translating_body,
        contributing_bodies=tuple(dict.fromkeys(credits.bodies)),
        compilers=tuple(credits.compilers),
        remarks=tuple(dict.fromkeys(r.strip() for r in remarks)),
    )


def _events(
    body: str,
    masked: str,
    masked_loc: str,
    mentions: list[Mention],
    spans: list[tuple[int, int]],
) -> list[_Event]:
    events: list[_Event] = []
    for m in _DOTTED.finditer(masked):
        found = code_archive(m.group("code"))
        events.append(_Event(m.start(), m.end(), "dotted", 0, (m, found)))
    for m in _HUNGARIAN.finditer(masked):
        events.append(_Event(m.start(), m.end(), "hungarian", 0, m))
    for a in mentions:
        events.append(_Event(a.start, a.end, "archive", 1, a))
    for m in _IBID.finditer(masked_loc):
        events.append(_Event(m.start(), m.end(), "ibid", 1, None))
    for a in mentions:
        sm = _AFTER_ARCHIVE.match(masked, a.end)
        if sm:
            found = _sig_code(sm["sig"])
            events.append(_Event(sm.start("sig"), sm.end(), "signature", 2, (sm, found)))
        bm = _BARE.match(body, a.end)
        if bm and not sm:
            events.append(_Event(bm.start("f"), bm.end(), "bare", 2, bm))
    for m in _LOT.finditer(masked_loc):  # the State Department's lot files: "Lot 66 D 204"
        events.append(_Event(m.start(), m.end(), "signature", 2, (m, None)))
    for start, end, name in _unknown_archive_clauses(body, masked_loc, mentions, spans):
        events.append(_Event(start, end, "unknown", 1, name))
    code_re = _code_pattern()
    if code_re is not None:
        for m in code_re.finditer(masked_loc):
            events.append(_Event(m.start(), m.end(), "signature", 2, (m, code_archive(m["code"]))))
    for a in mentions:
        # "AAN, KC PZPR, t. 2258": a record group named by its acronym between archive and file
        cm = _GROUP_AFTER_ARCHIVE.match(masked_loc, a.end)
        if cm and _acronym_like(cm["c"]):
            events.append(_Event(cm.start("c"), cm.end("c"), "collection", 4, cm["c"]))
    collections = list(_COLLECTION.finditer(masked_loc))
    for m in collections:
        name = re.sub(r"^(?:the|of)\s+", "", m.group("c").strip())
        if name.split()[0] in {"The", "Archive", "State"}:
            continue
        events.append(_Event(m.start(), m.start() + len(m.group("c")), "collection", 4, name))
    loc_text = _mask(masked_loc, [(m.start(), m.end()) for m in collections])
    for m in _LOCATOR.finditer(loc_text):
        kind = next(k for k in _LABELS if m.group(k))
        label = m.group(kind)[: m.start(kind + "_v") - m.start(kind)]
        events.append(_Event(m.start(), m.end(), kind, 3, (m.group(kind + "_v"), label)))
    for m in _DOTLESS.finditer(loc_text):
        kind = next(k for k in ("fond", "opis", "delo", "leaves") if m.group(k))
        label = m.group(kind)[: m.start(kind + "_v") - m.start(kind)]
        events.append(_Event(m.start(), m.end(), kind, 3, (m.group(kind + "_v"), label)))
    for m in _GLUED_FOLIO.finditer(loc_text):
        events.append(_Event(m.start(), m.end(), "leaves", 3, (m.group("v"), m.group())))
    events.sort(key=lambda e: (e.start, e.priority, -e.end))
    kept: list[_Event] = []
    for e in events:
        if kept and e.start < kept[-1].end:
            continue  # inside what an earlier (or stronger) reading took
        kept.append(e)
    return kept


def _assemble(events: list[_Event], body: str, masked: str, remarks: list[str]) -> list[_Ref]:
    refs: list[_Ref] = [_Ref()]

    def new(pos: int) -> _Ref:
        prev = refs[-1]
        prev.settle(remarks)
        ref = _Ref(separator=body[prev.end : pos] if prev.start >= 0 else "")
        refs.append(ref)
        return ref

    for e in events:
        cur = refs[-1]
        gap = masked[cur.end : e.start] if cur.start >= 0 else ""
        adjacent = cur.start >= 0 and not re.search(r"[^\W_]", gap) and len(gap) <= 12
        if e.kind == "archive":
            assert isinstance(e.value, Mention)
            mention = e.value
            if (
                (cur.info is not None or cur.archive_text is not None)
                and not cur.values
                and cur.pages_after_delo is None
                and cur.folder is None
                and re.fullmatch(r"[\s,(/]*", gap)
                and "publisher" not in (cur.info.kind if cur.info else "", mention.archive.kind)
            ):
                # "SED Archives, IfGA, ZPA", "ÚSD, AÚV KSČ": the first named holds the others
                if mention.archive is not cur.info or mention.division:
                    cur.collections.append(mention.text)
                cur.touch(e.start, e.end, "archive")
                continue
            if _named_or_complete(cur):
                cur = new(e.start)
            cur.info = mention.archive
            if mention.division:
                cur.collections.append(mention.text)
            cur.touch(e.start, e.end, "archive")
        elif e.kind == "unknown":
            assert isinstance(e.value, str)
            if _named_or_complete(cur):
                cur = new(e.start)
            cur.archive_text = e.value
            cur.touch(e.start, e.end, "archive")
        elif e.kind == "ibid":
            cur = new(e.start) if not cur.empty() else cur
            cur.ibid = True
            cur.touch(e.start, e.end, "ibid")
        elif e.kind == "collection":
            assert isinstance(e.value, str)
            if cur.collections and not (cur.info and cur.info.is_division(cur.collections[-1])):
                cur = new(e.start)
            cur.collections.append(e.value)
            cur.touch(e.start, e.end, "collection")
        elif e.kind == "bare":
            assert isinstance(e.value, re.Match)
            bm = e.value
            if not cur.values:
                cur.values.update(fond=_latin(bm["f"]), opis=bm["o"], delo=bm["d"])
                if bm["l"]:
                    cur.values["leaves"] = normalize_leaves(bm["l"])
                cur.touch(e.start, e.end, "fond")
        elif e.kind in ("signature", "dotted", "hungarian"):
            if "delo" in cur.values or _complete(cur):
                cur = new(e.start)
            _read_coded(cur, e)
            cur.touch(e.start, e.end, "delo" if e.kind == "signature" else "fond")
        else:
            assert isinstance(e.value, tuple)
            value, label = e.value
            if (
                cur.values
                and len(re.findall(r"[^\W\d_]{2,}", gap)) >= 3
                and not _file_title_then_leaves(cur, e.kind, gap)
            ):
                # prose since the last locator: this one begins another reference
                cur = new(e.start)
                gap, adjacent = "", False
            tight = adjacent and ";" not in gap
            read = _read_locator(cur, e.kind, value, label, tight, e.start, new, remarks)
            if read is not None:
                read.touch(e.start, e.end, e.kind)
    refs[-1].settle(remarks)
    return [r for r in refs if not r.empty()]


def _bare_again(ref: Archival, before: Archival) -> bool:
    """Is ``ref`` only the archive of a reference before it, named again?"""
    return (
        bool(ref.archive)
        and ref.archive == before.archive
        and not (ref.fond or ref.opis or ref.delo or ref.papka or ref.leaves or ref.collection)
    )


def _only_collection(ref: Archival) -> bool:
    return bool(ref.collection) and not (
        ref.archive or ref.acronym or ref.fond or ref.opis or ref.delo or ref.papka or ref.leaves
    )


def _named_or_complete(cur: _Ref) -> bool:
    """Does an archive named now begin another reference (this one has its archive, or all)?"""
    return (
        cur.info is not None
        or cur.archive_text is not None
        or cur.ibid
        or bool(cur.values and _complete(cur))
    )


def _file_title_then_leaves(cur: _Ref, kind: str, gap: str) -> bool:
    """ "d. 77. General outgoing telegrams for 1936, l. 290": the file's title, then its leaves."""
    return (
        kind == "leaves"
        and "delo" in cur.values
        and "leaves" not in cur.values
        and ";" not in gap
        and len(gap) <= 100
    )


def _read_coded(cur: _Ref, e: _Event) -> None:
    if e.kind == "hungarian":
        m = cast("re.Match[str]", e.value)
        if m["pre"]:
            cur.collections.append(m["pre"])
        cur.values.update(fond=m["f"], opis=m["o"], delo=m["d"])
        return
    m, found = cast("tuple[re.Match[str], tuple[ArchiveInfo, str] | None]", e.value)
    if found is not None:
        info, collection = found
        if cur.info is None:
            cur.info = info
        if collection and cur.info is info and collection not in cur.collections:
            cur.collections.append(collection)
    if e.kind == "dotted":
        cur.values.update(fond=m["f"], opis=m["o"], delo=m["d"])
        return
    cur.values["delo"] = " ".join(m["sig"].split())
    if m["lv"]:
        cur.values["leaves"] = normalize_leaves(m["lv"])


def _read_locator(
    cur: _Ref,
    kind: str,
    value: str,
    label: str,
    adjacent: bool,
    pos: int,
    new: Callable[[int], _Ref],
    remarks: list[str],
) -> _Ref | None:
    started = cur.start >= 0 and (
        cur.info is not None or bool(cur.values) or cur.archive_text is not None or cur.ibid
    )
    after_delo = ("delo" in cur.values or cur.por is not None) and adjacent
    lab = label.strip()
    if "." not in lab and len(lab) <= 2 and not (started and adjacent):
        return None  # "d 5" outside a chain is not a label
    if (
        kind == "fond"
        and lab in ("f.", "F.")
        and "leaves" not in cur.values
        and (after_delo or re.search(r"\d\s*[-–—]\s*\d|об|ob", value))
    ):
        kind = "leaves"  # Romanian "dosar 12/1968, f. 3", British "f. 44", any "f. 3-10": folios
    elif kind == "papka" and lab.lower() in ("p.", "п."):
        if after_delo:
            if cur.pages_after_delo is None and "leaves" not in cur.values:
                cur.pages_after_delo = value
                return cur
            return None
        if not ("fond" in cur.values or "opis" in cur.values) or not adjacent:
            return None  # "p. 12" outside an archival chain is a page, not a papka
    elif kind == "page":
        if not (after_delo and "leaves" not in cur.values):
            return None  # a page of the publication, not of the file
        kind = "leaves"
    elif kind == "tee":
        if "delo" in cur.values:
            remarks.append(f"{lab} {value}")  # tom: a volume of the file
            return None
        if not (started and adjacent):
            return None
        kind = "delo"  # Polish teczka
    elif kind == "chain":
        if not (started and adjacent):
            return None
        kind = {"k.": "leaves", "ap.": "opis", "b.": "delo"}[lab.lower()]
        if kind == "leaves" and "delo" not in cur.values:
            return None
    elif kind == "volume":
        if "delo" in cur.values and adjacent:
            remarks.append(f"{lab} {value}")
        return None
    if kind == "folder":
        if "delo" in cur.values and "papka" not in cur.values and cur.folder is None:
            cur.values["papka"] = value.strip()  # "Delo 110, Folder 8": the papka
            return cur
        if cur.folder is not None or "delo" in cur.values:
            cur = new(pos)
        cur.folder = value.strip()
        return cur
    if kind == "por":
        if cur.por is not None:
            cur = new(pos)
        cur.por = value.strip()
        return cur
    level = _LEVEL.get(kind)
    deepest = max((_LEVEL[k] for k in cur.values if k in _LEVEL), default=-1)
    if cur.folder is not None and kind not in ("delo", "leaves"):
        deepest = max(deepest, 3)
    if kind in cur.values or (level is not None and level <= deepest and kind != "leaves"):
        cur = new(pos)  # a level read again, or a higher one: the next reference
    if kind == "leaves":
        cur.values[kind] = normalize_leaves(value)
    else:
        cur.values[kind] = _latin(value.strip())
    return cur


def _complete(ref: _Ref) -> bool:
    return "delo" in ref.values or "leaves" in ref.values


def _inherit(refs: list[_Ref], previous: Archival | None, problems: list[str]) -> None:
    """An "Ibid." reference, or one that goes on from the one before ("; d. 102, l. 5"), is
    in the same archive, and shares the levels above the first it gives."""
    order = ("fond", "opis", "papka", "delo", "leaves")
    for i, ref in enumerate(refs):
        if ref.info is not None or ref.archive_text is not None:
            continue
        if i:
            prev: Archival | None = refs[i - 1].build()
            prev_info = refs[i - 1].info
            continues = (
                ref.ibid
                or ";" in ref.separator
                or re.search(r"\band\b", ref.separator) is not None
                or ref.first_kind in ("opis", "papka", "delo", "leaves")
            )
        else:
            prev = previous
            prev_info = lookup(previous.acronym or previous.archive or "") if previous else None
            continues = ref.ibid
        if not continues:
            continue
        if prev is None:
            problems.append("'Ibid.' without a reference before it")
            continue
        ref.info = prev_info
        if prev_info is None:
            ref.archive_text = prev.archive
        given = [k for k in order if k in ref.values]
        top = order.index(given[0]) if given else len(order)
        for key in order[:top]:
            value = getattr(prev, key)
            if value is not None:
                ref.values.setdefault(key, value)
        if not ref.collections and prev.collection:
            ref.collections.append(prev.collection)


def _unknown_archive_clauses(
    body: str, masked_loc: str, mentions: list[Mention], spans: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Clauses naming an archive the registry does not know ("Central State Archive of
    Kyrgyzstan"), as printed, with where the name stands."""
    taken = [(a.start, a.end) for a in mentions] + spans
    out = []
    for start, end in _clauses(body):
        if any(a < end and start < b for a, b in taken):
            continue
        segment = masked_loc[start:end]
        cut = re.search(r"\d|(?<![\w.])[A-Za-zА-Яа-я]{1,2}\.\s*\d", segment)
        if cut:
            segment = segment[: cut.start()]
        name = _archive_phrase(segment)
        if name:
            at = body.find(name, start, end)
            if at >= 0:
                out.append((at, at + len(name), name))
    return out


def _name_unknown_archives(
    refs: list[_Ref], body: str, mentions: list[Mention], spans: list[tuple[int, int]]
) -> None:
    """An acronym printed before a reference that names no archive ("ДАЛО, ф. Р-3, …") is
    the archive, kept as printed."""
    taken = [(a.start, a.end) for a in mentions] + spans
    clauses = _clauses(body)
    for ref in refs:
        if ref.info is not None or ref.archive_text is not None or ref.ibid or ref.start < 0:
            continue
        before = [c for c in clauses if c[0] <= ref.start <= c[1]]
        if not before:
            continue
        begin = before[0][0]
        # the clause before the locator's own, when the locator opens its clause
        lead = body[begin : ref.start].strip(" \t\n,.;:-–—•*")
        if not lead:
            earlier = [c for c in clauses if c[1] <= begin]
            if not earlier or not re.fullmatch(r"[\s,]*", body[earlier[-1][1] : begin]):
                continue
            begin = earlier[-1][0]
            lead = body[begin : earlier[-1][1]].strip(" \t\n,.;:-–—•*")
        if any(a < ref.start and begin < b for a, b in taken):
            continue
        if _acronym_like(lead):
            ref.archive_text = lead


def _archive_phrase(segment: str) -> str | None:
    text = segment.strip(" \t\n.,;:-–—•*")
    text = re.sub(r"^(?:(?:in|at|from|the|copy|copies|held|a|an)\s+)+", "", text, flags=re.I)
    if not text or not _ARCHIVE_WORD.search(text):
        return None
    words = text.split()
    if len(words) > 12 or not _UPPER.match(text):
        return None
    capitals = [w for w in words if _UPPER.match(w)]
    meaningful = [w for w in capitals if w.lower().strip(".,") not in _GENERIC]
    word = _ARCHIVE_WORD.search(text)
    assert word is not None
    before = text[: word.start()].split()
    if before and before[-1].lower() in ("digital", "virtual", "online", "electronic", "web"):
        return None  # "Digital Archive": a publisher's collection, not a repository
    if not meaningful or (
        not _UPPER.match(word.group()) and not _UPPER.match(text[: word.start()].strip() or "x")
    ):
        return None
    if len(meaningful) == 1 and meaningful[0] == word.group() and len(capitals) == len(words):
        return None  # "Archive" alone
    return text


def _acronym_like(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 4 or re.search(r"\d", text):
        return False
    first = words[0]
    return len(_UPPER.findall(first)) >= 2 and len(first) <= 12 and _UPPER.match(first) is not None


def _clauses(body: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _CLAUSE_SPLIT.finditer(body):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(body):
        out.append((start, len(body)))
    return out


# --------------------------------------------------------------------------- credits


def _read_credits(body: str) -> _Credits:
    out = _Credits()
    for m in _OBTAINED.finditer(body):
        people, bodies, end = _read_names(body, m.end())
        if not people and not bodies:
            continue
        out.contributors.extend(people)
        out.bodies.extend(bodies)
        if m.group("tr"):
            out.translators.extend(people)
            if bodies and out.translating_body is None:
                out.translating_body = bodies[0]
        out.spans.append((m.start(), end))
    for regex in (_TRANSLATION, _FOREIGN_TRANSLATION):
        for m in regex.finditer(body):
            if _inside(m.start(), out.spans):
                continue
            people, bodies, end = _read_names(body, m.end())
            if not people and not bodies:
                if _COMRADES.match(body, m.end()):
                    out.spans.append((m.start(), m.end()))
                continue
            out.translators.extend(people)
            if bodies and out.translating_body is None:
                out.translating_body = bodies[0]
            for_ = m.groupdict().get("for")
            tail = _FOR_TAIL.match(body, end)
            if tail and not for_:
                for_ = tail.group("for")
                end = tail.end()
            paren = _PAREN_TAIL.match(body, end)
            if paren:
                end = paren.end()  # "(National Security Archive)": the translator's affiliation
            if for_ and out.translated_for is None:
                out.translated_for = _strip_the(for_.strip().rstrip("."))
            out.spans.append((m.start(), end))
    for m in _COMPILED.finditer(body):
        if _inside(m.start(), out.spans):
            continue
        people, _bodies, end = _read_names(body, m.end())
        if people:
            out.compilers.extend(people)
            out.spans.append((m.start(), end))
    return out


def _read_names(text: str, pos: int) -> tuple[list[Name], list[str], int]:
    """The persons (or the body) a credit names from ``pos``: ``Gary Goldberg and Sergey
    Radchenko``, ``X, Y, and Z``; a comma joins names only when an "and" ends the list."""
    if _COMRADES.match(text, pos):
        return [], [], pos  # "Translated by comrs. Fedorenko and Shi Zhe": the interpreters
    body = _read_body(text, pos)
    if body is not None:
        return [], [body[0]], body[1]
    first = _read_person(text, pos)
    if first is None:
        return [], [], pos
    names = [first]
    kept, end = 1, first[1]
    joined_by_and = False
    cursor = first[1]
    while True:
        sep = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*").match(text, cursor)
        if not sep or "\n" in sep.group():
            break
        nxt = _read_person(text, sep.end())
        if nxt is None or _read_body(text, sep.end()) is not None:
            break
        names.append(nxt)
        cursor = nxt[1]
        if "and" in sep.group() or "&" in sep.group():
            joined_by_and = True
            kept, end = len(names), nxt[1]
    if not joined_by_and:
        kept, end = 1, first[1]
    return [n[0] for n in names[:kept]], [], end


#: a title before a credited name: "Translated: Prof. Richard B. Day"
_HONORIFIC = re.compile(r"\s*(?:Prof|Professor|Dr|Mr|Mrs|Ms|Mme|Dott)\.?\s+(?=[A-Z])")


def _read_person(text: str, pos: int) -> tuple[Name, int] | None:
    tokens: list[str] = []
    title = _HONORIFIC.match(text, pos)
    cursor = title.end() if title else pos
    end = pos
    while len(tokens) < 5:
        space = re.compile(r"[ \t\u00a0]*" if tokens else r"\s*").match(text, cursor)
        assert space is not None
        if tokens and not space.group():
            break
        m = _NAME_TOKEN.match(text, space.end())
        if not m:
            break
        word = m.group()
        if word.endswith(".") and not re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+", word):
            word = word[:-1]  # "Goldberg." ends a sentence; "V." and "A.S." are initials
        if not ((word in _PARTICLES and tokens) or (word[:1].isupper() and word not in _NAME_STOP)):
            break
        tokens.append(word)
        cursor = space.end() + len(word)
        end = cursor
    while tokens and tokens[-1] in _PARTICLES:
        tokens.pop()
    if not tokens or all(re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+", t) for t in tokens):
        return None
    return _person(tokens), end


def _person(tokens: list[str]) -> Name:
    if len(tokens) == 1:
        return Name(family=tokens[0])
    i = len(tokens) - 1
    while i > 1 and tokens[i - 1].lower() in _PARTICLES:
        i -= 1
    return Name(family=" ".join(tokens[i:]), given=" ".join(tokens[:i]))


def _read_body(text: str, pos: int) -> tuple[str, int] | None:
    """An institution credited ("NHK television", "the National Security Archive")."""
    m = re.compile(r"\s*(?P<b>(?:the\s+|The\s+)?[^\W\d_][^,;()\[\]\n]*)").match(text, pos)
    if not m:
        return None
    clause = m.group("b")
    stop = re.search(r"\.\s|\.$|\s+(?:and\s+(?:translated|edited)|for)\s", clause)
    if stop:
        clause = clause[: stop.start()]
    words = clause.split()
    if not words:
        return None
    first = words[0]
    is_body = first.lower() == "the" or (first.isupper() and len(first) > 1 and first.isalpha())
    head = words[: next((i for i, w in enumerate(words) if not w[:1].isupper()), len(words))]
    if any(w.lower().strip(".,") in _BODY_WORDS for w in head):
        is_body = True
    if not is_body:
        return None
    name = _strip_the(clause.strip().rstrip("."))
    return name, m.start("b") + len(clause.rstrip().rstrip("."))


# --------------------------------------------------------------------------- helpers


def merge(archival: Archival, **values: str | None) -> Archival:
    return archival._replace(**{k: v for k, v in values.items() if v is not None})


_CODE_RE: list[re.Pattern[str] | None] = []


def _code_pattern() -> re.Pattern[str] | None:
    """Signatures that begin with a code the registry knows ("THCR 1/10/117", "J IV 2/202/130")."""
    if not _CODE_RE:
        codes = known_codes()
        if not codes:
            _CODE_RE.append(None)
        else:
            alts = "|".join(r"\s+".join(map(re.escape, c.split())) for c in codes)
            rest = (  # "PREM 19/2868", and as often printed, "PREM19/2868"
                rf"(?:\s+{_ROMAN})?\s*{_SNUM}"
                rf"(?:/(?:{_CODE}(?:\s+{_ROMAN})?\s+|{_ROMAN}\s+)?{_SNUM})+"
            )
            _CODE_RE.append(
                re.compile(
                    rf"(?<![\w/.-])(?P<sig>(?P<code>{alts}){rest})(?![\w/-])(?:{_SIG_LEAVES})?"
                )
            )
    return _CODE_RE[0]


def _sig_code(signature: str) -> tuple[ArchiveInfo, str] | None:
    """The archive whose code begins a signature: "THCR 1/10/117", "J IV 2/202/130"."""
    words = signature.split()
    for n in (2, 1):
        found = code_archive(" ".join(words[:n])) if len(words) > n else None
        if found is not None:
            return found
    return None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Titles in quotation marks, URLs and "(accessed …)": never archives or locators."""
    out = []
    for m in re.finditer(
        r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”|«[^»\n]{1,300}»|„[^“”\n]{1,300}[“”]"
        r"|https?://\S+|www\.\S+|\(accessed[^)]*\)"
        r"|(?<![\w@.])[\w-]+(?:\.[\w-]+)*\.(?:org|com|edu|gov|net|int)(?:/\S*)?(?![\w.])",
        text,
    ):
        out.append((m.start(), m.end()))
    return out


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(a, 0), min(b, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
