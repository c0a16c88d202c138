"""Read a source note ("[Source: …]") into structured archival references and credits.

Every form in the team's research note is read::

    State Archive of the Russian Federation. Fond 10063, Opis 1, Delo 190
    RGANI, f. 5, op. 49, d. 131, ll. 193-194. Translated by Gary Goldberg.
    AVP RF, f. 0129, op. 27, p. 188, d. 14          (p. = papka, after f./op.)
    GARF, f. R-9478 …   f. 5-os …   l. 5ob.   ll. 12–14 ob.
    ГАРФ. Ф. 10063. Оп. 1. Д. 190. Л. 5          ф. 10063, оп. 1, д. 190, л. 1—1 об.
    GARF 1235/1/16/5                                  (four bare numbers after an archive)

Archive names (full, acronym, former, romanized, Russian) resolve through the registry.
Several references in one note become several :class:`Archival` values. Translator credits
("Translated by X", "translated by X for the National Security Archive", "Contributed by X and
translated by Y"), collections ("Shakhnazarov Collection", "Notes of Anatoly Chernyaev") and
"On file at …" are read too. Nothing the note does not say is filled in — except the archive's
own English name, acronym and place, which come from the registry once the note names it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from quotecite.archival.registry import ArchiveInfo, Mention, find_archives
from quotecite.model import Archival, Name

_B = r"(?<![\w.])"  # a label starts a word
_NO = r"(?:\s*(?:No\.|no\.|№)\s*)?"
VALUE = r"(?:[A-Za-zА-Яа-я]{1,3}-)?\d+(?:[a-zа-я](?![\w]))?(?:-[a-zа-я]{1,4}(?![\w]))?"
_OB = r"(?:\s*(?:ob|об)\.?(?![\w]))"
_LEAF = rf"\d+{_OB}?(?:\s*[-–—]\s*\d+{_OB}?)?"
LEAVES = rf"{_LEAF}(?:\s*,\s*{_LEAF})*"

_LABELS: dict[str, str] = {
    "fond": r"(?:[Ff]onds?|[Ff]ondas|FOND|[Ff]\.|[Фф]онд|[Фф]\.)",
    "opis": r"(?:[Oo]pis['’ʹ]?|[Oo]pys|[Oo]p\.|[Оо]пись|[Оо]п\.|[Aa]pyrašas|[Ii]nventory)",
    "papka": r"(?:[Pp]apka|[Pp]\.|[Пп]апка|[Пп]\.|[Ff]older)",
    "delo": r"(?:[Dd]elo|[Dd]\.|[Дд]ело|[Дд]\.|[Ss]prava|[Ss]pr\.|[Bb]yla|[Ee]d\.\s?khr\.|"
    r"[Ее]д\.\s?хр\.|[Ff]ile)",
    "leaves": r"(?:[Ll]l\.|[Ll]\.|[Лл]л\.|[Лл]\.|[Ll]isty?|[Ll]eaf|[Ll]eaves|[Aa]rkush|[Aa]rk\.|"
    r"[Ll]apas|[Ss]heets?)",
}
_LOCATOR = re.compile(
    "|".join(
        rf"(?P<{kind}>{_B}{label}{_NO}\s*(?P<{kind}_v>{LEAVES if kind == 'leaves' else VALUE}))"
        for kind, label in _LABELS.items()
    )
)
#: a spelled-out label with no number after it: the note is not understood
_DANGLING = re.compile(
    r"(?<![\w])(?:Fond|Opis['’]?|Delo|Фонд|Опись|Дело)(?!\w)(?!\s*(?:No\.|№)?\s*"
    r"(?:[A-Za-zА-Яа-я]{1,3}-)?\d)"
)
_BARE = re.compile(
    rf"\s*,?\s*(?P<f>{VALUE})/(?P<o>\d+[a-z]?)/(?P<d>\d+[a-z]?)(?:/(?P<l>{_LEAF}))?(?![\w/])"
)

_WORD = r"(?:[A-ZА-ЯЁ]\.|[A-ZА-ЯЁ][\w'’-]+)"
_NAME = rf"{_WORD}(?:\s+(?:{_WORD}|de|van|von|der|da|di|la|le|bin))*"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*){_NAME})*"
_TRANSLATED = re.compile(
    r"(?:(?:[Oo]btained(?:\s+and)?|[Cc]ontributed)\s+by\s+(?P<contrib>" + _NAMES + r")\s+and\s+)?"
    r"(?:[Tt]ranslated|[Tt]rans\.|[Tt]ranslation)(?:\s+from\s+(?:the\s+)?Russian)?"
    r"(?:\s+and\s+(?:edited|annotated))?\s+(?:by|for)\s+(?P<names>" + _NAMES + r")"
    r"(?:\s+(?:for|of)\s+(?P<for>[^.;\[\]]+))?"
)
_CONTRIBUTED = re.compile(r"(?:[Cc]ontributed|[Oo]btained)\s+by\s+(?P<names>" + _NAMES + ")")
_ON_FILE = re.compile(
    r"(?:[Oo]n file|[Hh]eld|[Aa] copy is (?:on file|held)) at\s+"
    r"(?P<where>[^;\[\]]+?)\.?(?=\s*$|\.\s|[;\]])"
)
_COLLECTION = re.compile(
    r"(?P<c>(?:(?:[A-ZА-Я][\w'’-]+|of|the)\s+)*?[A-ZА-Я][\w'’-]+\s+(?:Collection|Papers|Diary|Files?|Fond)"
    r"|(?:Collection|Papers|Notes|Diary|Personal\s+[Aa]rchive)\s+of\s+" + _NAME + r")"
)
_SOURCE = re.compile(r"^\s*\[?\s*(?:Source|SOURCE|Sources|Источник)\s*:\s*", re.S)
_NAME_STOP = {"Collection", "Archive", "Foundation", "Papers", "Fond", "Moscow"}


@dataclass(frozen=True, slots=True)
class SourceNote:
    """What a source note says, structured. ``references`` in the order the note gives them."""

    text: str
    references: tuple[Archival, ...] = ()
    translators: tuple[Name, ...] = ()
    contributors: tuple[Name, ...] = ()
    translated_for: str | None = None  #: "National Security Archive" (who the translation was for)
    on_file_at: str | None = None  #: the sentence's object: "the National Security Archive"
    on_file_sentence: str | None = None  #: the sentence as written: "On file at the … Archive."
    languages: tuple[str, ...] = ()  #: languages of the archives named (registry), for the original
    problems: tuple[str, ...] = ()  #: what could not be read

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
    collection: str | None = None
    end: int = 0
    separator: str = ""

    def empty(self) -> bool:
        return (
            self.info is None
            and self.archive_text is None
            and not self.values
            and not self.collection
        )

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
            collection=self.collection,
        )


def strip_source(text: str) -> str:
    """The note without its ``[Source: …]`` wrapper."""
    body = _SOURCE.sub("", text, count=1)
    body = body.strip()
    if body.endswith("]") and body.count("[") < body.count("]"):
        body = body[:-1].rstrip()
    return body


def normalize_leaves(value: str) -> str:
    """``12 – 14 об.`` → ``12–14ob.``; ``193-194`` → ``193–194``."""
    text = re.sub(r"\s*[-–—]\s*", "–", value.strip())
    text = re.sub(r"\s*(?:ob|об)\.?(?![\w])", "ob.", text)
    return re.sub(r"\s*,\s*", ", ", text)


def parse_name(text: str) -> Name:
    """``Svetlana Savranskaya`` → family Savranskaya, given Svetlana; a body stays literal."""
    words = text.strip().strip(",;").split()
    if not words:
        return Name(literal=text.strip())
    if len(words) == 1 or any(w.isupper() and len(w) > 1 for w in words):
        return Name(literal=" ".join(words))
    particles = {"de", "van", "von", "der", "da", "di", "la", "le", "bin"}
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in particles:
        i -= 1
    return Name(family=" ".join(words[i:]), given=" ".join(words[:i]))


def split_names(text: str) -> tuple[Name, ...]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*", text.strip())
    return tuple(parse_name(p) for p in parts if p.strip())


def parse_source_note(text: str) -> SourceNote:
    """Read a source note; never raises, reports what it could not read in ``problems``."""
    body = strip_source(text)
    spans: list[tuple[int, int]] = []
    translators: list[Name] = []
    contributors: list[Name] = []
    translated_for: str | None = None
    for m in _TRANSLATED.finditer(body):
        names = _trim_names(m.group("names"))
        translators.extend(split_names(names))
        if m.group("contrib"):
            contributors.extend(split_names(_trim_names(m.group("contrib"))))
        if m.group("for") and translated_for is None:
            translated_for = _strip_the(m.group("for").strip())
        spans.append((m.start(), m.end()))
    for m in _CONTRIBUTED.finditer(body):
        if not _inside(m.start(), spans):
            contributors.extend(split_names(_trim_names(m.group("names"))))
            spans.append((m.start(), m.end()))
    on_file = None
    on_file_sentence = None
    m_file = _ON_FILE.search(body)
    if m_file and not _inside(m_file.start(), spans):
        on_file = m_file.group("where").strip()
        on_file_sentence = body[m_file.start() : m_file.end()].rstrip(".") + "."
        spans.append((m_file.start(), m_file.end()))

    found_archives = find_archives(body)
    mentions = [a for a in found_archives if not _inside(a.start, spans)]
    events: list[tuple[int, str, object]] = []
    for a in mentions:
        events.append((a.start, "archive", a))
    masked = _mask(body, [(a.start, a.end) for a in found_archives] + spans)
    for m in _COLLECTION.finditer(masked):
        name = m.group("c").strip()
        name = re.sub(r"^(?:the|of)\s+", "", name)
        if name.split()[0] in {"The", "Archive", "State"}:
            continue
        events.append((m.start(), "collection", name))
    loc_mask = _mask(masked, [(m.start(), m.end()) for m in _COLLECTION.finditer(masked)])
    for m in _LOCATOR.finditer(loc_mask):
        kind = m.lastgroup or ""
        kind = kind[:-2] if kind.endswith("_v") else kind
        for k in _LABELS:
            if m.group(k):
                kind = k
                break
        events.append((m.start(), kind, m.group(f"{kind}_v")))
    for a in mentions:
        bm = _BARE.match(body, a.end)
        if bm:
            events.append((bm.start(), "bare", bm))
    events.sort(key=lambda e: e[0])

    refs: list[_Ref] = [_Ref()]
    for pos, kind, value in events:
        cur = refs[-1]
        if kind == "archive":
            assert isinstance(value, Mention)
            if cur.info is not None or (cur.values and _complete(cur)):
                refs.append(_Ref(info=value.archive, separator=_between(body, cur.end, pos)))
            else:
                cur.info = value.archive
            refs[-1].end = value.end
        elif kind == "collection":
            assert isinstance(value, str)
            if cur.collection:
                refs.append(_Ref(separator=_between(body, cur.end, pos)))
            refs[-1].collection = value
            refs[-1].end = pos + len(value)
        elif kind == "bare":
            assert isinstance(value, re.Match)
            if not cur.values:
                cur.values.update(fond=value["f"], opis=value["o"], delo=value["d"])
                if value["l"]:
                    cur.values["leaves"] = normalize_leaves(value["l"])
                cur.end = value.end()
        else:
            assert isinstance(value, str)
            if kind == "papka" and not ("fond" in cur.values or "opis" in cur.values):
                continue  # "p. 12" outside an archival chain is a page, not a papka
            if kind == "papka" and "delo" in cur.values:
                continue
            if kind in cur.values:
                refs.append(_Ref(separator=_between(body, cur.end, pos)))
                cur = refs[-1]
            cur.values[kind] = normalize_leaves(value) if kind == "leaves" else value.strip()
            cur.end = pos + len(value)
    refs = [r for r in refs if not r.empty()]
    # "GARF, f. 1, op. 2, d. 3; f. 4, op. 5, d. 6": the second reference is in the same archive
    for prev, ref in itertools.pairwise(refs):
        if ref.info is None and prev.info is not None and ";" in ref.separator:
            ref.info = prev.info
    # publisher-like collections (National Security Archive) are the archive only when alone
    archives = [r for r in refs if not (r.info and r.info.kind == "publisher" and not r.values)]
    if archives:
        refs = archives
    problems: list[str] = []
    for m in _DANGLING.finditer(loc_mask):
        problems.append(f"'{m.group()}' without a number")
    if not refs and not translators and not on_file:
        problems.append("names no archive and no fond, opis or delo")
    languages = tuple(dict.fromkeys(r.info.language for r in refs if r.info and r.info.language))
    return SourceNote(
        text=text,
        references=tuple(r.build() for r in refs),
        translators=tuple(translators),
        contributors=tuple(contributors),
        translated_for=translated_for,
        on_file_at=on_file,
        on_file_sentence=on_file_sentence,
        languages=languages,
        problems=tuple(problems),
    )


def merge(archival: Archival, **values: str | None) -> Archival:
    return archival._replace(**{k: v for k, v in values.items() if v is not None})


def _complete(ref: _Ref) -> bool:
    return "delo" in ref.values or "leaves" in ref.values


def _between(text: str, start: int, end: int) -> str:
    return text[start:end] if 0 <= start <= end else ""


def _trim_names(names: str) -> str:
    words = names.split()
    while words and (words[-1] in _NAME_STOP or words[-1].lower() in {"the", "and", "for"}):
        words.pop()
    return " ".join(words).rstrip(",")


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(max(a, 0), min(b, len(chars))):
            chars[i] = " "
    return "".join(chars)
