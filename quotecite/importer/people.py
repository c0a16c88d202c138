"""Who wrote a document and to whom, from its title and signature, in English and Russian.

Titles name the sender and recipient in a few conventional shapes, which :func:`from_title`
reads: "Letter from X to Y", "Note, X to Y", "X Memorandum to Y", "X–Y Report", "Journal of …
A.M. Puzanov", "Speech by X", "Resolution of the ECCI Secretariat", "The Ambassador in the Soviet
Union (Harriman) to the Secretary of State", "Каганович, Молотов — Сталину", "Из письма
В.М. Молотова И.В. Сталину", "Записка … Г.Г. Ягоды", "Постановление Политбюро ЦК ВКП(б)".
Records of a conversation, a session or a meeting have no author: the people in them are its
participants. Russian names are put back into the nominative (pymorphy3) — "Ягоды" is Yagoda.

A person is a :class:`~quotecite.model.Name` with family and given names ("A.I." initials stay
initials; Chinese and Korean names are family-first: Zhou Enlai, Kim Il Sung); a body ("USSR
Foreign Ministry", "Политбюро ЦК ВКП(б)") is a literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from quotecite.model import Name
from quotecite.names import EAST_ASIAN_FAMILIES

# --------------------------------------------------------------------------- vocabulary

#: words that make a phrase an institution, not a person
BODY_WORDS = {
    "politburo", "committee", "cc", "cpsu", "ministry", "department", "embassy", "government",
    "council", "presidium", "secretariat", "bureau", "party", "commission", "office", "staff",
    "kgb", "mfa", "leadership", "members", "comrades", "union", "soviet", "state", "directorate",
    "division", "section", "sector", "congress", "ecci", "comintern", "international", "nkvd",
    "ogpu", "mvd", "mgb", "sovnarkom", "headquarters", "command", "army", "navy", "front",
    "delegation", "administration", "agency", "service", "institute", "academy", "organization",
    "organisation", "parties", "vkp(b)", "rcp", "rcp(b)", "pzpr", "sed", "kpd", "cpcz", "cpp",
    "kpp", "bcp", "hswp", "mszmp", "cpc", "ccp", "wpk", "psc", "kremlin", "stavka", "gkо",
    "foreign", "affairs", "republic", "people's", "peoples", "ussr", "urss", "prc", "gdr", "frg",
    "usa", "dprk", "embassies", "consulate", "mission", "group", "collegium", "soviets",
    # Russian
    "политбюро", "цк", "кпсс", "вкп(б)", "ркп(б)", "комитет", "комиссия", "министерство",
    "наркомат", "наркомата", "посольство", "секретариат", "президиум", "совет", "совета", "отдел",
    "управление", "бюро", "съезд", "съезда", "пленум", "снк", "вцик", "цик", "нкид", "нквд", "огпу",
    "мид", "кгб", "правительство", "коллегия", "штаб", "ставка", "гко", "совнарком", "партии",
    "партия", "республик", "ссср", "рсфср", "исполком", "исполкомы", "комиссариат",
}  # fmt: skip
_TITLES_EN = (
    r"(?:Comrades?|Cdes?\.|Cde|Com\.|comrs?\.|c\.c\.|c\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sir|General|Gen\.|"
    r"Marshal|Admiral|Colonel|Col\.|Ambassador|Minister|Premier|President|Chairman|Secretary|"
    r"Prime Minister|Foreign Minister|Deputy|First Secretary|General Secretary|Academician|"
    r"Professor|Prof\.|Chancellor|Prince|Count|King|Queen)"
)
_TITLES_RU = r"(?:тов\.|т\.|тт\.|товарищ[ау]?|товарищам|гражданин[уа]?|г-н[ау]?|господин[уа]?)"
_PARTICLES = {"de", "van", "von", "der", "da", "di", "la", "le", "bin", "du", "ter", "ten"}
_EAST_ASIAN_RU = {"мао", "чжоу", "лю", "дэн", "чжу", "пэн", "ким", "пак", "цзян", "ли", "ван",
                  "чэнь", "хо", "гао", "кан", "чан", "сун"}  # fmt: skip

_INITIALS = r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?){1,3}"
_CAP = r"[A-ZА-ЯЁ][\w'’ʹ-]*"
_LAT_NAME = r"[A-Z][a-zA-Z'’-]+"
_CAPS_WORD = re.compile(r"[A-ZА-ЯЁ]{2,}[A-ZА-ЯЁ'’-]*")

# --------------------------------------------------------------------------- names


#: stems of Russian words for institutions, in any case ("Комитета", "Наркомата", "Совету")
_BODY_STEMS_RU = (
    "комитет", "комисси", "министерств", "наркомат", "наркомпрос", "посольств", "секретариат",
    "президиум", "совет", "отдел", "управлени", "бюро", "съезд", "пленум", "правительств",
    "обком", "райком", "горком", "крайком", "губком", "ревком", "окружком",
    "коллеги", "штаб", "партии", "парти", "исполком", "комиссариат", "политбюро",
    "совнарком", "прокуратур", "трибунал", "редакци", "институт", "академи",
    "организаци", "делегаци", "миссия", "миссии", "консульств", "генштаб", "главк",
)  # fmt: skip


def is_body(text: str) -> bool:
    """Is ``text`` an institution ("USSR Foreign Ministry", "ЦК ВКП(б)"), not a person?"""
    words = [w.strip(".,;:()«»\"“”'").casefold() for w in text.split()]
    if any(w in BODY_WORDS for w in words):
        return True
    if any(w.startswith(_BODY_STEMS_RU) for w in words if re.match("[а-яё]", w)):
        return True
    caps = [w for w in text.split() if len(w) > 1 and w.isupper() and not w.endswith(".")]
    return bool(caps) and len(text.split()) > 1 and all(not _looks_name(w) for w in caps)


def _looks_name(word: str) -> bool:
    w = word.strip(".,;:")
    return len(w) > 3 and w.isalpha() and w.casefold() not in BODY_WORDS


#: words that are never part of a person's name in these texts
NOT_NAME_WORDS = {
    "top", "secret", "confidential", "copy", "special", "folder", "urgent", "only", "draft",
    "personal", "strictly", "single", "working", "notes", "source", "translation", "original",
    "совершенно", "секретно", "экз", "копия", "лично", "срочно", "особая", "папка",
}  # fmt: skip


_GIVEN_AFTER_COMMA = re.compile(rf"\s*{_INITIALS}\s*|\s*[A-ZА-ЯЁ][\w'’-]+(?:\s+{_INITIALS})?\s*")


def person(text: str, language: str | None = None) -> Name | None:
    """A person's name as printed → :class:`Name`; None if ``text`` is not a personal name.

    "A.I. Alekseev", "Cde. Ivanov V.I.", "Vitaly I Vorotnikov", "Zhou Enlai", "G. DIMITROV",
    "В.М. Молотова" (→ Молотов), "Сталин И.В.", "Brezhnev, L." …
    """
    t = _strip_titles(" ".join(text.replace("[", "").replace("]", "").split())).strip(" ,;:/")
    t = t.strip("/").strip()
    if not t or is_body(t) or len(t) > 60 or re.search(r"\d|№|N[º°]", t):
        return None
    if any(w.strip(".,").casefold() in NOT_NAME_WORDS for w in t.split()):
        return None
    if "," in t:
        family, _, given = t.partition(",")
        if _GIVEN_AFTER_COMMA.fullmatch(given):
            return _make(family.strip(), given.strip(), language)
        return None
    words = t.replace(". ", ".\u0000").replace(".", ". ").replace("\u0000", "").split()
    words = [w for w in t.split()]
    # initials first: "A.I. Alekseev", "A. I. Alekseev", "Г.Г. Ягоды", "V. Grigor’yan"
    m = re.fullmatch(rf"(?P<g>{_INITIALS})\s*(?P<f>{_CAP}(?:\s+{_CAP})?)", t)
    if m and not m.group("f").endswith("."):
        return _make(m.group("f"), _norm_initials(m.group("g")), language)
    # surname then initials: "Ivanov V.I.", "Сталин И.В.", "Брежнева Л.И."
    m = re.fullmatch(rf"(?P<f>{_CAP})\s+(?P<g>{_INITIALS})", t)
    if m:
        return _make(m.group("f"), _norm_initials(m.group("g")), language)
    if not all(w[:1].isupper() or w.lower() in _PARTICLES or re.fullmatch(r"[A-Z]\.?", w)
               for w in words):  # fmt: skip
        return None
    if len(words) > 4 or any(len(w) == 1 and not w.isupper() for w in words):
        return None
    if len(words) == 1:
        return _make(words[0], "", language)
    if len(words) > 2 and all(re.fullmatch(r"[A-Z]", w) for w in words[:-1]):
        # initials an OCR text lost the stops of: "A F Dobrynin"
        return _make(words[-1], "".join(f"{w}." for w in words[:-1]), language)
    if words[0].casefold() in EAST_ASIAN_FAMILIES or words[0].casefold() in _EAST_ASIAN_RU:
        return Name(family=_case(words[0]), given=" ".join(_case(w) for w in words[1:]))
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in _PARTICLES:
        i -= 1
    return _make(" ".join(words[i:]), " ".join(words[:i]), language)


def _make(family: str, given: str, language: str | None) -> Name:
    family = _case(family.strip(" ,."))
    if _is_cyrillic(family):
        family = nominative(family)
        given = " ".join(nominative(w) if len(w) > 2 and not w.endswith(".") else w
                         for w in given.split())  # fmt: skip
    return Name(family=family, given=_case_given(given))


def _case(word: str) -> str:
    """``DIMITROV`` → ``Dimitrov``; mixed case stays as printed."""
    if word.isupper() and len(word) > 1:
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def _case_given(given: str) -> str:
    return " ".join(_case(w) if not w.endswith(".") else w for w in given.split())


def _norm_initials(text: str) -> str:
    """``A. I.`` / ``A.I.`` → ``A.I.``; ``Yu. V.`` → ``Yu.V.``."""
    return re.sub(r"\.\s+(?=[A-ZА-ЯЁ])", ".", text.strip())


def _strip_titles(text: str) -> str:
    t = text
    for _ in range(3):
        t2 = re.sub(rf"^(?:{_TITLES_EN}|{_TITLES_RU})\s+", "", t, flags=re.I)
        if t2 == t:
            break
        t = t2
    return t


def _is_cyrillic(text: str) -> bool:
    return bool(re.search(r"[А-Яа-яЁё]", text))


@lru_cache(maxsize=1)
def _morph() -> Any:  # pymorphy3 ships no types
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def is_surname(word: str) -> bool:
    """Does the Russian dictionary know ``word`` as a surname or given name ("Сталин")?"""
    analysis = _morph().parse(word.strip(".,"))
    return any("Surn" in str(p.tag) or "Name" in str(p.tag) for p in analysis)


def nominative(word: str) -> str:
    """A Russian surname or given name in the nominative: Молотова → Молотов, Ягоды → Ягода."""
    if not _is_cyrillic(word) or len(word) < 3:
        return word
    parts = word.split("-")
    out = []
    for part in parts:
        upper = part.isupper()
        analysis = _morph().parse(part)
        chosen = next(
            (
                p
                for p in analysis
                if {"Surn", "Name"} & set(str(p.tag).replace(" ", ",").split(","))
            ),
            None,
        )
        if chosen is None:
            chosen = next((p for p in analysis if "NOUN" in str(p.tag)), None)
        if chosen is None:
            out.append(part)
            continue
        form = chosen.inflect({"nomn", "sing"}) or chosen
        text = str(form.word)
        if "ё" in text and "ё" not in part.lower():
            text = text.replace("ё", "е")
        out.append(text.upper() if upper else text[:1].upper() + text[1:])
    return "-".join(out)


def body(text: str) -> Name:
    """An institution as printed, without an article: "the ECCI Secretariat" → ECCI Secretariat."""
    t = " ".join(text.split()).strip(" ,.;:")
    t = re.sub(r"^(?:the|The)\s+", "", t)
    return Name(literal=t)


def name_or_body(text: str, language: str | None = None) -> Name | None:
    t = " ".join(text.split()).strip(" ,.;:")
    if not t:
        return None
    if is_body(t):
        return body(t)
    return person(t, language)


# --------------------------------------------------------------------------- titles

_GENRES_EN = {
    "memorandum of conversation": "record of conversation",
    "record of conversation": "record of conversation",
    "record of a conversation": "record of conversation",
    "record of the conversation": "record of conversation",
    "minutes of conversation": "record of conversation",
    "minutes of a conversation": "record of conversation",
    "transcript of conversation": "transcript", "transcript of a conversation": "transcript",
    "conversation": "record of conversation", "memcon": "record of conversation",
    "working notes": "notes", "notes": "notes", "note": "memorandum",
    "memorandum": "memorandum", "memo": "memorandum", "letter": "letter", "telegram": "telegram",
    "ciphered telegram": "telegram", "cipher telegram": "telegram", "cable": "telegram",
    "report": "report", "information": "report", "directive": "directive",
    "instruction": "directive", "instructions": "directive", "resolution": "resolution",
    "decision": "resolution", "decree": "decree", "order": "order", "minutes": "minutes",
    "protocol": "minutes", "transcript": "transcript", "stenographic record": "transcript",
    "diary": "diary", "diary entry": "diary", "journal": "diary", "speech": "speech",
    "address": "speech", "remarks": "speech", "appeal": "appeal", "statement": "statement",
    "message": "letter", "session": "minutes", "meeting": "minutes", "summary": "report",
    "draft": "draft", "proposal": "memorandum", "reply": "letter", "answer": "letter",
    "circular": "directive", "spravka": "report", "excerpt": "", "interview": "transcript",
    "conclusion": "report", "special report": "report", "survey": "report", "dispatch": "telegram",
    "communique": "statement", "communiqué": "statement",
}  # fmt: skip
#: kinds of document whose people are participants, not authors
_NO_AUTHOR = {"record of conversation", "transcript", "minutes"}
_GENRE_RX = re.compile(
    r"\b(?P<g>"
    + "|".join(sorted((re.escape(g) for g in _GENRES_EN), key=len, reverse=True))
    + r")\b",
    re.I,
)
#: Russian kinds of document by the stem of their word ("письма", "записка", "постановлением")
_GENRES_RU = {
    "запись бесед": "record of conversation", "бесед": "record of conversation",
    "стенограмм": "transcript", "протокол": "minutes", "заседани": "minutes",
    "рабочая запис": "minutes", "записк": "memorandum", "письм": "letter",
    "телеграмм": "telegram", "шифротелеграмм": "telegram", "шифровк": "telegram",
    "доклад": "report", "справк": "report", "сообщени": "report", "информаци": "report",
    "отчет": "report", "отчёт": "report", "донесени": "report", "спецсообщени": "report",
    "постановлени": "resolution", "решени": "resolution", "выписк": "resolution",
    "резолюци": "resolution", "декрет": "decree", "указ": "decree", "приказ": "order",
    "директив": "directive", "распоряжени": "order", "циркуляр": "directive",
    "дневник": "diary", "реч": "speech", "выступлени": "speech", "обращени": "appeal",
    "заявлени": "statement", "проект": "draft", "инструкци": "directive", "ответ": "letter",
    "заключени": "report", "обзор": "report", "рапорт": "report", "меморандум": "memorandum",
    "докладная записк": "memorandum", "служебная записк": "memorandum",
    "обвинительное заключени": "report",
}  # fmt: skip
_GENRE_RU_RX = re.compile(
    r"(?<![а-яё])(?P<g>" + "|".join(sorted(_GENRES_RU, key=len, reverse=True)) + r")[а-яё]*",
    re.I,
)
_STOP_EN = (
    r"(?=\s+(?:(?:on|regarding|about|concerning|re:|in|at|with|for|during|and\s+(?:his|her|"
    r"their)|dated?|requesting|asking|informing|transmitting|forwarding|reporting|describing)\b"
    r"|of\s+\d)|\s*[,(:;]|\s+\d|\s*$)"
)
#: where the name of a sender ends: a function ("Ambassador in the DPRK A.M. Puzanov") may hold
#: "in", "at" or "to", so only these end it
_STOP_WHO = (
    r"(?=\s+(?:(?:on|regarding|about|concerning|re:|during|dated?|requesting|asking|informing|"
    r"transmitting|forwarding|reporting|describing)\b|of\s+\d|for\s+(?:the\s+)?(?:period\b|\d))"
    r"|\s*,\s*(?i:regarding|concerning|about|on|re:)\b"
    r"|\s*[:;]|\s*\((?![a-zA-Z]{1,2}\))|\s*,(?!\s*(?:and\s+)?[A-Z][\w.’\'-]*(?:\s|,|$))|\s+\d|\s*$)"
)
#: a personal name ending a phrase: "A.I. Alekseev", "A F Dobrynin", "Adlai Stevenson"
_TRAILING_NAME = re.compile(
    rf"(?:{_INITIALS}\s*{_CAP}|(?<![A-Za-z])(?:[A-Z]\s){{1,3}}[A-Z][a-z]+|{_LAT_NAME}\s+{_INITIALS}"
    rf"|{_LAT_NAME}\s+{_LAT_NAME})$"
)


@dataclass
class People:
    genre: str | None = None
    authors: list[Name] = field(default_factory=list)
    recipients: list[Name] = field(default_factory=list)
    no_author: bool = False  #: a record of a conversation or meeting: nobody is its author


def genre_of(title: str) -> str | None:
    m = _GENRE_RX.search(title)
    if m and m.start() < 60:
        return _GENRES_EN[m.group("g").lower()] or None
    r = _GENRE_RU_RX.search(title)
    if r and r.start() < 40:
        return _GENRES_RU.get(r.group("g").lower())
    return None


def from_title(title: str, language: str | None = None) -> People:
    """Genre, authors and recipients a title states (nothing it does not state)."""
    t = " ".join(title.split())
    if _is_cyrillic(t[:80]):
        return _from_title_ru(t)
    return _from_title_en(t, language)


def _split_list(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*", text)
    return [p for p in parts if p.strip()]


def _names(text: str, language: str | None, bodies_whole: bool = True) -> list[Name]:
    """``"Dimitrov, Manuilsky and Moskvin"`` → three names; a body's "and" is kept whole
    unless it joins two bodies ("the Presidium of … and the Central Committee of …")."""
    t = text.strip(" ,.;:")
    if not t:
        return []
    if is_body(t):
        parts = re.split(r"\s+and\s+(?=the\s)|\s+и\s+(?=[А-ЯЁ])", t)
        if len(parts) > 1 and all(is_body(p) for p in parts):
            return [body(p) for p in parts]
        if bodies_whole or not any(person(p, language) for p in _split_list(t)):
            return [body(t)]
    out: list[Name] = []
    for part in _split_list(t):
        if out and not out[-1].literal and _APPOSITION.match(part):
            continue  # "F. Kotelnikov, Secretary of the party committee …": who he is
        n = name_or_body(_trim_apposition(part), language)
        if n is not None:
            out.append(n)
    return out


_APPOSITION = re.compile(
    r"(?:the\s+)?(?:Secretary|Chairman|Chair|Head|Chief|Minister|Deputy|Director|Member|"
    r"Commander|President|Ambassador|Envoy|Representative|Consul|Editor|First|Second|General|"
    r"[a-z])\b"
)


def _trim_apposition(text: str) -> str:
    """``F. Kotelnikov, Secretary of the party committee`` → ``F. Kotelnikov``; editorial
    brackets go ("Chairman Mao [Zedong]"), a party's "(b)" stays."""
    t = re.sub(r"\s*\[[^\]]*\]\s*", " ", text).strip()
    t = re.sub(r"\s*\([^)]{4,}\)\s*$", "", t)
    return t


def _people_phrase(text: str, language: str | None) -> list[Name]:
    """The names in a phrase that may carry a function: "Soviet Ambassador to Cuba A.I.
    Alekseev" → Alekseev; "the Division of Soviet and East European Affairs" → the body."""
    t = _trim_apposition(text).strip(" ,")
    if not t:
        return []
    # a personal name at the end of a function: "… Ambassador in the DPRK A.M. Puzanov"
    m = _TRAILING_NAME.search(t)
    if m and m.start() > 0 and "," not in t and is_body(t[: m.start()]):
        n = person(m.group(), language)
        if n is not None:
            return [n]
    # "Grechko at the First Meeting of …": a person, then where
    head = re.match(r"(?P<p>.+?)\s+(?:at|in|on|with|during)\s+(?:the\s+)?[A-Z]", t)
    if head and not is_body(head.group("p")):
        n = person(head.group("p"), language)
        if n is not None:
            return [n]
    if is_body(t) and not re.search(r"\b[A-Z]\.", t):
        return _names(t, language)
    return _names(t, language, bodies_whole=False)


def _from_title_en(t: str, language: str | None) -> People:
    out = People()
    t = re.sub(r"^(?:Excerpts?|From|Extracts?)\s+(?:from\s+)?(?:the\s+|an?\s+)?", "", t, flags=re.I)
    t = re.sub(r"^(?:Soviet|Top Secret|Secret|Urgent|Draft)\s+", "", t, flags=re.I)
    # a diary's or notes' keeper is named whatever the kind: "… Notes from the Diary of X"
    keeper = re.search(
        rf"\b(?:diary|diaries|journal|notes)\s+(?:of|by)\s+(?:the\s+)?(?P<n>.+?){_STOP_WHO}",
        t,
        re.I,
    )
    g = _GENRE_RX.search(t)
    genre = _GENRES_EN.get(g.group("g").lower()) if g and g.start() < 60 else None
    out.genre = genre or None
    if keeper:
        names = [n for n in _people_phrase(keeper.group("n"), language) if not n.literal]
        if names:
            out.authors = names[-1:]
            if re.search(r"diar|journal", keeper.group(), re.I):
                out.genre = "diary"
            return out
    if genre in _NO_AUTHOR:
        out.no_author = True
        return out
    # "The Ambassador in the Soviet Union (Harriman) to the Secretary of State" (FRUS)
    m = _FRUS_TITLE.match(t)
    if m and genre is None:
        out.genre = "telegram"
        out.authors = [n for n in [person(m.group("fn"), language)] if n]
        out.recipients = _people_phrase(m.group("tn") or m.group("to"), language)
        return out
    if g is None:
        return out
    before, after = t[: g.start()].strip(" ,"), t[g.end() :].strip()
    # "X-Y Report", "Valentin Falin Memorandum to …", "X's Letter to Y", "USSR Council of
    # Ministers Directive" — a short name or body, not a sentence ("Politburo. The situation …")
    if before and not re.search(r"\b(?:from|by)\b|[.;:]\s", before) and len(before.split()) <= 6:
        who = re.sub(r"['’]s$", "", before)
        who = re.sub(r"^(?:The|A|An)\s+", "", who)
        if "-" in who and " " not in who.strip() and not is_body(who):
            out.authors = [n for n in (person(p, language) for p in who.split("-")) if n]
        elif not _ADJECTIVE.fullmatch(who):
            out.authors = _people_phrase(who, language)
    # "…, X to Y" (Wilson), "… from X to Y", "… of X to Y", "… by X"
    # "of" names the sender only right after the kind ("Letter of Stalin to Molotov"), not in
    # "Remarks on the resignation of Mikhail Gorbachev"
    # title case prints them "From" and "To": "Message From Chairman Khrushchev to …"
    after = re.sub(r"\b(From|To|By|Of)\b", lambda w: w.group().lower(), after)
    m = (
        re.match(rf",\s*(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?{_STOP_WHO}", after)
        or re.match(rf"of\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?{_STOP_WHO}", after)
        or re.search(rf"\b(?:from|by)\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?{_STOP_WHO}", after)
    )
    if m and _GENRE_RX.search(after[: m.start()]):
        m = None  # "Decision with Approved Message from X to Y": the message's sender
    if m:
        sender, to = _split_sender(m.group("from"), m.group("to"))
        if not _NOT_SENDER.search(sender):
            out.authors = _people_phrase(sender, language) or out.authors
        if to:
            out.recipients = _people_phrase(to, language)
    elif (m2 := re.match(rf"to\s+(?P<to>.+?){_STOP_EN}", after)) is not None:
        out.recipients = _people_phrase(m2.group("to"), language)
    return out


#: what follows "from"/"of" that is no sender: "Notes from Politburo Meeting", "… of the
#: session", "from the period …"
_NOT_SENDER = re.compile(
    r"^(?:the\s+)?(?:meeting|session|conference|congress|plenum|period|situation|question|"
    r"results?|talks?|conversation)\b|\b(?:meeting|session|conference|talks|conversation)$",
    re.I,
)


def _split_sender(sender: str, to: str | None) -> tuple[str, str | None]:
    """Where "to" separates sender and recipient, when the sender's function holds a "to"
    too: "Soviet Ambassador to Cuba A.I. Alekseev to USSR Foreign Ministry"."""
    whole = sender + (f" to {to}" if to else "")
    pieces = whole.split(" to ")
    for k in range(1, len(pieces)):
        left = " to ".join(pieces[:k])
        m = _TRAILING_NAME.search(left)
        if m and not is_body(m.group()) and person(m.group()) is not None:
            return left, " to ".join(pieces[k:])
    return sender, to


_FRUS_TITLE = re.compile(
    r"(?:The\s+)?(?P<from>.+?)\s*\(\s*(?P<fn>[^)]+?)\s*\)\s+to\s+(?:the\s+)?(?P<to>.+?)"
    r"(?:\s*\(\s*(?P<tn>[^)]+?)\s*\))?$"
)
_ADJECTIVE = re.compile(
    r"(?:Soviet|American|Chinese|Polish|Hungarian|Czechoslovak|East German|German|British|French|"
    r"Korean|Cuban|Romanian|Bulgarian|Yugoslav|Albanian|Vietnamese|Mongolian|Excerpt|Final|Draft|"
    r"Secret|Top Secret|Personal|Private|Official|Ciphered|Coded|Urgent|Special|Handwritten|Typed)"
)


def _from_title_ru(t: str) -> People:
    out = People()
    low = t.lower()
    g = _GENRE_RU_RX.search(t)
    if g and g.start() < 40:
        out.genre = _GENRES_RU.get(g.group("g").lower())
    if out.genre in _NO_AUTHOR:
        out.no_author = True
        return out
    # "Каганович, Молотов — Сталину": senders, a dash, recipients in the dative
    m = re.match(r"(?P<from>[^—–]+?)\s+[—–]\s+(?P<to>[^.]+?)(?:\.|$)", t)
    if m and not g and len(m.group("from").split()) <= 8:
        out.authors = [
            n for n in (_ru_person(p) for p in re.split(r",\s*|\s+и\s+", m.group("from"))) if n
        ]
        out.recipients = [
            n for n in (_ru_person(p) for p in re.split(r",\s*|\s+и\s+", m.group("to"))) if n
        ]
        if out.authors:
            out.genre = out.genre or "letter"
            return out
    if not g:
        return out
    rest = re.sub(r"^\s*\([^)]{1,40}\)", "", t[g.end() :])  # "Из решения (опросом) …"
    # persons with initials before the subject: the genitive one wrote, the dative one received
    # (after "по делу", "о", "об" a name is whom the document is about)
    subject = re.search(r"\s(?:по\s+делу|о|об|обо|относительно|в\s+связи\s+с)\s|«", rest)
    for m2 in re.finditer(_RU_NAME_FULL, rest[: subject.start()] if subject else rest):
        case = _ru_case(m2.group())
        n = _ru_person(m2.group())
        if n is None:
            continue
        if case == "gent" and not out.authors:
            out.authors = [n]
        elif case == "datv":
            out.recipients.append(n)
    if out.authors:
        return out
    # "Выписка из протокола № 106 заседания политбюро ЦК КП(б)У о …": the body that met
    met = re.search(
        r"протокола\s*(?:№\s*[\w/-]+\s*)?заседания\s+(?P<b>.+?)(?=\s+(?:о|об|по|от)\s|\.|$)",
        rest,
        re.I,
    )
    if out.genre == "resolution" and met and is_body(met.group("b")):
        out.authors = [body(_ru_body_nominative(met.group("b")))]
        return out
    # a body in the genitive right after the kind, up to the subject, a number or a date:
    # "Постановление Политбюро ЦК ВКП(б) «…»", "Записка Комитета государственной безопасности
    # при Совете министров СССР", "Постановление СНК СССР № 1275/287сс"
    cut = _RU_BODY_END.search(rest)
    candidate = rest[: cut.start() if cut else len(rest)].strip(" ,.")
    if candidate and is_body(candidate) and len(candidate.split()) <= 12:
        # "СНК СССР и ЦК ВКП(б)": two bodies that passed it jointly
        parts = re.split(r"\s+и\s+", candidate)
        if len(parts) > 1 and "," in parts[0] and _plural_head(parts[0]):
            parts = re.split(r",\s*|\s+и\s+", candidate)  # "наркоматов юстиции, внутренних дел"
        if len(parts) > 1 and all(is_body(x) for x in parts):
            out.authors = [body(_ru_body_nominative(x)) for x in parts]
        elif len(parts) > 1 and _plural_head(parts[0]):
            # "наркоматов юстиции, внутренних дел и ОГПУ": each commissariat, then the OGPU
            noun = _plural_head(parts[0])
            first_rest = parts[0].split(None, 1)[1]
            out.authors = [body(f"{noun} {first_rest}")] + [
                body(x if is_body(x) else f"{noun} {x}") for x in parts[1:]
            ]
        else:
            out.authors = [body(_ru_body_nominative(candidate))]
        return out
    if "дневник" in low and not out.authors:
        m3 = re.search(r"дневник\w*\s+(?P<n>[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+)", t)
        if m3:
            n = _ru_person(m3.group("n"))
            if n:
                out.authors = [n]
    return out


_RU_NAME_FULL = re.compile(
    r"(?:(?:[А-ЯЁ]\.\s?){1,2}\s?[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
    r"|[А-ЯЁ][а-яё]+\s(?:[А-ЯЁ]\.\s?){1,2}(?![а-яё])"
    r"|(?:[А-ЯЁ]\.\s?){1,2}\s?[А-ЯЁ]{2,}(?:-[А-ЯЁ]{2,})?)"
)


_RU_BODY_END = re.compile(r"\s*[«\"“]|\s+(?i:о|об|по|от|за|на|с|в|к|от)\s|\s+№|\s+\d|\.\s|\.$")


def _ru_case(text: str) -> str | None:
    surname = max(re.findall(r"[А-ЯЁа-яё]{2,}", text), key=len, default="")
    if not surname:
        return None
    analysis = _morph().parse(surname.capitalize())
    named = [str(p.tag) for p in analysis if "Surn" in str(p.tag) or "Name" in str(p.tag)]
    tags = named or [str(p.tag) for p in analysis if "sing" in str(p.tag)]
    for case in ("gent", "datv", "nomn", "ablt"):
        if any(case in tag for tag in tags):
            return case
    return None


def _ru_person(text: str) -> Name | None:
    t = re.sub(rf"^{_TITLES_RU}\s+", "", " ".join(text.split()).strip(" ,.;:"), flags=re.I)
    if not t or is_body(t):
        return body(t) if t else None
    return person(t, "ru")


def genitive(name: Name) -> str:
    """A Russian name in the genitive, for a supplied title: "И. Сталин" → "И. Сталина"."""
    if name.literal or not re.fullmatch(r"[А-ЯЁ][а-яё-]+", name.family):
        return name.display()
    parse = next(
        (p for p in _morph().parse(name.family) if {"Surn"} in p.tag or {"Name"} in p.tag), None
    )
    form = parse.inflect({"gent"}) if parse is not None else None
    family = str(form.word).capitalize() if form else name.family
    return f"{name.given} {family}".strip()


def _plural_head(text: str) -> str | None:
    """The singular nominative of a plural genitive body noun that heads ``text``
    ("наркоматов юстиции" → "Наркомат"), or None."""
    first = text.split(None, 1)
    if len(first) < 2 or not first[0].casefold().startswith(_BODY_STEMS_RU):
        return None
    p = next((a for a in _morph().parse(first[0]) if {"gent", "plur"} in a.tag), None)
    form = p.inflect({"nomn", "sing"}) if p is not None else None
    return str(form.word).capitalize() if form else None


def _ru_body_nominative(text: str) -> str:
    """ "II ВСЕРОССИЙСКОГО СЪЕЗДА СОВЕТОВ" → "II Всероссийский съезд Советов": the head noun
    phrase goes into the nominative, what depends on it stays as printed."""
    words = text.split()
    if all(w.isupper() or not w.isalpha() for w in words):
        words = [
            w
            if not w.isalpha() or re.fullmatch(r"[IVX]+", w) or w.casefold() in BODY_WORDS
            else w.lower()
            for w in words
        ]
        for k, w in enumerate(words):
            if w.isalpha() and not re.fullmatch(r"[IVX]+", w):
                words[k] = w[:1].upper() + w[1:]
                break
    out: list[str] = []
    done = False
    for w in words:
        if done or not re.fullmatch(r"[А-Яа-яЁё]+", w):
            out.append(w)
            continue
        analysis = _morph().parse(w)
        p = next((a for a in analysis if "gent" in str(a.tag)), None)
        if p is None:
            out.append(w)
            if "NOUN" in str(analysis[0].tag):
                done = True
            continue
        form = p.inflect({"nomn"})
        new = str(form.word) if form else w
        if w.isupper() and len(w) > 1:
            new = w if not form else new.upper()  # an abbreviation: "СССР", "СНК"
        elif w[:1].isupper():
            new = new[:1].upper() + new[1:]
        out.append(new)
        if "NOUN" in str(p.tag):
            done = True
    return " ".join(out)


# --------------------------------------------------------------------------- signatures

_SIG_CLEAN = re.compile(r"\[(?:signature|подпись|signed|sig\.)\]|/s/|\(?подпись\)?|\[\s*\]", re.I)


def from_signature(text: str, language: str | None = None) -> list[Name]:
    """The signer of a signature line: "Сталин.", "/G. DIMITROV/.", "13.1.51 ROSHCHIN",
    "SOVIET AMBASSADOR IN THE DPRK [signature] /A. PUZANOV/", "Central Committee Secretary,
    L. Brezhnev", "Ministry of Foreign Affairs"."""
    t = _SIG_CLEAN.sub(" ", text)
    # a name between slashes or in parentheses is the typed name under a signature
    m = re.search(r"[/(]\s*([^/()]{3,40}?)\s*[/)]", t)
    if m and person(m.group(1), language):
        n = person(m.group(1), language)
        return [n] if n else []
    t = re.sub(r"^[\d./\s-]+", "", t).strip(" .,;")
    if not t:
        return []
    # function then name: "Central Committee Secretary, L. Brezhnev"; "НАРОДНЫЙ КОМИССАР … ЯГОДА"
    parts = [p for p in re.split(r",\s*", t) if p]
    if len(parts) > 1 and not any(is_body(p) for p in parts[1:]):
        names = [person(p, language) for p in parts]
        if all(names) and len(parts) <= 4:
            return [n for n in names if n]
        last = person(parts[-1], language)
        if last:
            return [last]
    words = t.split()
    if len(words) > 2 and words[-1].isupper() and len(words[-1]) > 2:
        n = person(words[-1], language)
        if n and is_body(" ".join(words[:-1])):
            return [n]
    n = person(t, language)
    if n:
        return [n]
    if is_body(t) and len(words) <= 8:
        return [body(t)]
    return []
