"""The head of a published document: its title, date, number, editors, and the publisher's lines.

Each family of sources prints the head its own way; :func:`find_head` knows these, in order:

* an edited volume: the book's title and the editors' names above ``Document No. 6: Title, June
  26, 1986`` (OpenEdition, Questia, Project MUSE, the CWIHP Bulletin: also with the page number
  or running head glued in front), ``Traduction de …``; the Yale Annals' ``DOCUMENT 13`` above a
  description; a Russian volume's ``№ 57. Протокол …``;
* the Wilson Center Digital Archive: the date, then the record title (or a summary first); the
  older layout's quoted citation line; the PDF's ``Citation: … Summary: … Contents:`` run together;
* the Bukovsky archive's catalogue line ``11 March 1975* (547-A) Matzo`` and its description;
* FRUS: ``840.50/3713: Telegram`` above the title, ``181. Memorandum of Conversation1``;
* a catalogue entry quoting the document's title: ``USSR: Charles Powell record of conversation
  ("Prime Minister's meeting with Mr. Gorbachev") [released 2017]`` (Thatcher archive);
* the rest: the first line that reads as a heading, with its date at its end or on the next line;
  for a text flattened onto one line (OCR, PDF text) the words before its first date.

A date that ends a heading is the document's date and leaves the title ("Каганович, Молотов —
Сталину 29 сентября 1934 г."); a date inside the phrase stays ("Journal … for 23 July 1960").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quotecite.dates import DateSpec
from quotecite.importer.datetext import date_line, find_dates, numeric_date
from quotecite.importer.layout import is_classification as _classification
from quotecite.importer.page import Kind, Line, Page

#: "Document No. 6:", "DOCUMENT No. 81:", "184 Document No. 29:", "Doc. 5." …
_DOC_HEADING = re.compile(
    r"(?:(?P<page>\d{1,4})\s+)?(?:Document|DOCUMENT|Doc\.)\s+(?:No\.?|Number|#)?\s*"
    r"(?P<n>\d{1,4}[A-Za-z]?)\s*[:.]\s*(?P<t>.+)"
    r"|(?:Документ|ДОКУМЕНТ)\s*(?:№|N)\s*(?P<rn>\d{1,4})\s*[:.]?\s*(?P<rt>.+)"
)
_DOC_ALONE = re.compile(
    r"(?:DOCUMENT|Document|ДОКУМЕНТ|Документ)\s+(?:No\.?\s*|№\s*)?(?P<n>\d{1,4})"
)
_RU_NUMBER = re.compile(r"№\s*(?P<n>\d{1,4})\.\s+(?P<t>\S.+)")
_FRUS_FILE = re.compile(r"\d{3}\.\d{2,3}[\w/.–-]*:\s*(?P<g>[A-Z][\w ]+)")
_FRUS_NUMBER = re.compile(r"(?P<n>\d{1,4})\.\s+(?P<t>[A-Z].{3,200}?)(?P<fn>\d{1,3})?")
_BUKOVSKY = re.compile(
    r"(?P<date>\d{1,2}\s+\w+\s+\d{4})\*?,?\s*"
    r"(?:\((?P<no>[\w/ .-]{1,20})\)|(?P<pb>[PП][bб]\s*[\d/]+))?"
    r"\s*(?P<t>.*)"
)
_CATALOGUE_QUOTE = re.compile(r"\(\s*[\"“](?P<t>[^\"”]{4,200})[\"”]\s*\)")
_WILSON_CITATION_RX = re.compile(
    r"[\"“](?P<title>[^\"“”]{1,600}?),?[\"”]\s*,?\s*(?P<date>[^,]{0,40}(?:,\s*\d{4})?)\s*,\s*"
    r"(?:History and Public Policy Program Digital Archive|Wilson Center Digital Archive)"
)


class _WilsonCitation:
    """The Wilson Center's citation line, looked for only where the archive is named."""

    @staticmethod
    def search(text: str) -> re.Match[str] | None:
        if "Digital Archive" not in text:
            return None
        return _WILSON_CITATION_RX.search(text)


_WILSON_CITATION = _WilsonCitation()
_WILSON_MASTHEAD = re.compile(
    r"^Digital Archive(?: digitalarchive\.wilsoncenter\.org)? International History Declassified\s*"
)
_WILSON_LABELS = re.compile(
    r"\s*\b(Citation|Summary|Credits|Original Language|Contents|Original Archive|Source):\s*"
)
_EDITOR_LINE = re.compile(r"[A-ZА-ЯЁ][\w'’.-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){1,3}")
_NOT_NAMES = {
    "Top", "Secret", "Confidential", "Copy", "Special", "Folder", "Urgent", "Memorandum",
    "Record", "Document", "Conversation", "Notes", "Minutes", "Draft", "Only", "History",
    "Archive", "Digital", "Masterpieces", "Session", "Meeting", "Report", "Letter", "Telegram",
}  # fmt: skip
_TRANSLATION_LINE = re.compile(
    r"(?:Traduction de|Translated by|Translation by|Übersetzt von|Traducido por|Traduzione di|"
    r"Перевод|Пер\. с \w+\.?)\s+(?P<n>[^.;]{3,80})\.?"
)
#: a series or collection heading, not the entry's own title: "Selections from Dimitrov's
#: Diaries - middle cadres", "Из дневников Анатолия Черняева - …"
_SERIES = re.compile(
    r"(?:Selections?\s+from|Excerpts?\s+from|From)\s+(?P<who>[\w .'’-]+?)['’]s\s+Diaries\b.*"
    r"|(?:Selections?|Excerpts?)\s+from\s+the\s+Diaries\s+of\s+(?P<who2>[\w .'’-]+?)(?:\s+[-–—].*)?"
    r"|Из\s+дневников\s+(?P<ru>[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+).*",
    re.I,
)
#: places a heading's dateline names right before the date ("… delegations Moscow May 18 1990")
_PLACES = {
    "Moscow", "Washington", "Beijing", "Peking", "Berlin", "Prague", "Warsaw", "Budapest",
    "Bonn", "Paris", "London", "Kremlin", "Sofia", "Bucharest", "Belgrade", "Pyongyang",
    "Hanoi", "Havana", "Vienna", "Geneva", "Helsinki", "Reykjavik", "Malta", "Yalta",
    "Potsdam", "Москва", "Кремль", "Ленинград", "Пекин", "Берлин", "Вашингтон",
}  # fmt: skip
#: words a date that belongs to the title follows ("for 23 July 1960", "от 8 июня 1978")
_DATE_QUALIFIER = re.compile(
    r"[\s,.]*(?:[Нн]е\s+ранее|[Нн]е\s+позднее|[Нн]е\s+позже|[Оо]коло|[Пп]осле|[Дд]о|"
    r"[Nn]ot\s+before|[Nn]ot\s+after|[Nn]o\s+later\s+than|[Cc]irca|ca\.|[Cc]\.)\s*$"
)
_EVENT_DATE = re.compile(r"(?:\b(?:in|during)|(?<![а-яё])(?:в|во))\s*$", re.I)
_DATE_IN_PHRASE = re.compile(
    r"(?:\b(?:for|of|on|from|since|until|to|before|after|dated)|(?<![а-яё])(?:от|за|на|с|по|до))"
    r"(?:\s+\d{1,2}(?:\s*(?:,|and|&|и)\s*\d{1,2})*\s*(?:,|and|&|и))?\s*$",  # "on 9 and 12 July"
    re.I,
)


@dataclass
class Head:
    title: str | None = None
    date: DateSpec | None = None
    number: str | None = None  #: the document's number in its volume
    editors: list[str] = field(default_factory=list)
    container: str | None = None  #: the book or collection printed above the document
    translators: list[str] = field(default_factory=list)  #: "Traduction de …" lines
    author_line: str | None = None  #: a line naming the author above the title ("Сталин И.В.")
    series_author: str | None = None  #: whose diaries a series heading names
    genre: str | None = None  #: a kind the head names outside the title (FRUS "Telegram")
    citation: str | None = None  #: a publisher's citation line (Wilson)
    catalogue: str | None = None  #: an archive catalogue's description (Bukovsky, Thatcher)
    archive: str | None = None  #: the archive a catalogue page belongs to ("Thatcher MSS")
    headnotes: list[int] = field(default_factory=list)  #: lines of the publisher's text
    headnote_text: list[tuple[int, str]] = field(default_factory=list)  #: cut from a line
    consumed: list[tuple[int, str, str]] = field(default_factory=list)  #: (line, text, why)
    found: bool = False  #: a heading was recognised (an edited volume's or an archive's)
    date_found_in: str = ""

    def consume(self, line: Line, why: str, text: str | None = None) -> None:
        self.consumed.append((line.no, text if text is not None else line.text.strip(), why))
        if text is None or text.strip() == line.text.strip():
            line.kind, line.reason = Kind.FIELD, why
        else:
            line.text = line.text.replace(text, " ", 1).strip() if text in line.text else line.text


# --------------------------------------------------------------------------- helpers


def _clean_title(text: str) -> str:
    """A heading as a title: no footnote asterisk, no closing full stop (a citation adds its own
    punctuation), an abbreviation's stop kept ("U.S.", "etc.", "Л.И.")."""
    t = " ".join(text.split()).strip(" ,;:—–-")
    t = re.sub(r"\*+$", "", t).strip()  # "… on the Polish Question*"
    t = re.sub(r"\(\s+(?=\S)|(?<=\S)\s+\)", lambda m: m.group().strip(), t)  # "( Harriman )"
    if t.endswith(".") and not re.search(r"(?:\b\w\.\w\.|\b[A-ZА-ЯЁ]\.|\betc\.|\bg\.|\bг\.)$", t):
        t = t[:-1].rstrip()
    t = re.sub(r"(?<=[”\"»])\.$|\.(?=[”\"»]$)", "", t)  # "… “the wreckers in the ECCI.”"
    return t


def _is_date_line(text: str) -> bool:
    return date_line(text) is not None


_PROTOCOL_CLAUSE = re.compile(r"\.\s+(?:\(?Из протокола|\(?Выписка из протокола)")


def split_title_date(text: str) -> tuple[str, DateSpec | None, str]:
    """(title, date, rest): a heading's title, the date that ends it, and any text after it.

    ``rest`` is non-empty for a text flattened onto one line, where the body follows the date.
    """
    t = " ".join(text.split())
    # a protocol reference after the title: "Постановление … «…». Из протокола заседания
    # Политбюро № 29, п. 2/6 от 15 марта 1931 г." — the title is the first sentence
    clause = _PROTOCOL_CLAUSE.search(t)
    if clause and clause.start() > 20:
        _t, date, rest = split_title_date(t[clause.start() + 1 :])
        return _clean_title(t[: clause.start()]), date, rest
    dates = find_dates(t)
    numeric = numeric_date(t)
    candidates = [(d.spec, d.start, d.end) for d in dates]
    if numeric and not any(s <= numeric[1] < e for _, s, e in candidates):
        candidates.append(numeric)
        candidates.sort(key=lambda c: c[1])
    for spec, start, end in candidates:
        before = t[:start].rstrip()
        after = t[end:]
        if not before.strip(" ,.;:—–-"):
            continue  # a date first: "April 29 1986 Politburo Session …" handled by the caller
        tail = after.strip()
        tail = re.sub(r"^(?:г\.|года?)(?![а-яё])", "", tail).strip()
        if _DATE_IN_PHRASE.search(before) and not _looks_like_body(tail):
            return _clean_title(t), spec, ""
        if _EVENT_DATE.search(before) and not tail:
            # "… об отмене приговора … в апреле 1937 г.": when something the title names
            # happened, not the document's date
            return _clean_title(t), None, ""
        # the date's qualifier is the date's: "… республики. Не ранее 10 ноября 1943 г."
        before = _DATE_QUALIFIER.sub("", before)
        title = _strip_place(before.rstrip(" ,.;:—–-"))
        if not tail.strip(" .,;:*") or re.fullmatch(r"[.,;:*\s\d]*", tail):
            return _clean_title(title), spec, ""
        if tail.startswith("//") or re.match(r"\.?\s*(?:Подлинник|Копия|Заверенная|Завер\.)", tail):
            return _clean_title(title), spec, tail.lstrip("/ .")
        if _looks_like_body(tail) or len(tail) > 80:
            return _clean_title(title), spec, tail
        # a date inside the title: "Session of the CPSU CC Politburo, 10 September 1981 (excerpt)"
        return _clean_title(t), spec, ""
    year = re.search(r"(?<![\d./-])(1[6-9]\d\d|20\d\d)\s*$", t)
    if year and len(t) > 10:  # "The Diary of Anatoly S. Chernyaev 1990"
        return _clean_title(t), DateSpec(start=(int(year.group(1)),)), ""
    return _clean_title(t), None, ""


def _strip_place(text: str) -> str:
    words = text.split()
    if len(words) > 2 and words[-1].strip(",") in _PLACES and words[-2].lower() not in (
        "in", "at", "to", "from", "of", "в", "из"
    ):  # fmt: skip
        return " ".join(words[:-1]).rstrip(",")
    return text


def _looks_like_body(text: str) -> bool:
    """Text that carries on after a heading's date: sentences, not a subtitle."""
    words = text.split()
    return len(words) > 12 or (len(words) > 3 and bool(re.search(r"[.!?]\s+[A-ZА-ЯЁ]", text)))


def is_heading_like(text: str) -> bool:
    """Could ``text`` be a document's heading (as opposed to a paragraph of its text)?"""
    t = " ".join(text.split())
    if not t or len(t) > 400 or not (t[0].isupper() or t[0] in '«"“(№['):
        return False
    words = t.split()
    if len(words) > 45:
        return False
    from quotecite.importer.people import genre_of

    if genre_of(t[:120]) or re.match(r"(?:Из|ИЗ)\s+[а-яёА-ЯЁ]+\s", t):
        return True
    if re.match(r"[^—–]{2,80}\s[—–]\s[А-ЯЁA-Z]", t) and len(words) <= 14:
        return True  # "Каганович, Молотов — Сталину …"
    letters = [c for c in t if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.8 * len(letters) and len(words) >= 2:
        return True
    return len(words) <= 14 and not re.search(r"[.!?:;]$", t.rstrip('»"”'))


# --------------------------------------------------------------------------- the readers


def find_head(page: Page) -> Head:
    head = Head()
    lines = page.text_lines()
    if not lines:
        return head
    _wilson_blob(page, lines, head)
    lines = page.text_lines()
    k = 0
    k = _book_and_editors(page, lines, k, head)
    k = _appendix_labels(lines, k, head)
    for reader in (_doc_heading, _thatcher, _bukovsky, _frus, _wilson, _ru_number, _series):
        done = reader(page, lines, k, head)
        if done is not None:
            k = done
            break
    else:
        k = _generic(page, lines, k, head)
    _translation_lines(page, head)
    return head


#: a book's appendix label above the document: "ПРИЛОЖЕНИЯ" / "Приложение № 24", "Appendix D"
_APPENDIX = re.compile(
    r"(?:ПРИЛОЖЕНИЯ|Приложения|ПРИЛОЖЕНИЕ|Приложение|APPENDIX|Appendix|Annex|ANNEX|Anhang)"
    r"(?:\s*(?:№|No\.?)?\s*(?:\d{1,3}[а-яa-z]?|[A-ZА-Я]|[IVXL]{1,5})\.?)?"
)
#: an appendix's letter before its heading: "D. Telephone Conversation Between …"
_APPENDIX_LETTER = re.compile(r"(?P<l>[A-Z])\.\s+(?=[A-Z][a-z]+\s)")


def _appendix_labels(lines: list[Line], k: int, head: Head) -> int:
    while k + 1 < len(lines) and _APPENDIX.fullmatch(lines[k].text.strip()):
        head.consume(lines[k], "appendix label")
        k += 1
    if k < len(lines):
        from quotecite.importer.people import genre_of

        text = lines[k].text.strip()
        m = _APPENDIX_LETTER.match(text)
        if m and genre_of(text[m.end() :]) is not None:
            head.consumed.append((lines[k].no, m.group().strip(), "appendix label"))
            lines[k].text = text[m.end() :]
    return k


def _joined(lines: list[Line], k: int, limit: int = 8) -> tuple[str, int]:
    """Line ``k`` and the lines that continue it without a blank line (a wrapped heading): up
    to the heading's date or the end of its sentence."""
    text = lines[k].text.strip()
    j = k + 1
    while (
        j < len(lines)
        and j - k < limit
        and (
            lines[j].no == lines[j - 1].no + 1
            # the subject clause after a blank line: "Спецсообщение Л.П. Берии - И.В. Сталину"
            # / "" / "об аресте группы …"
            or (
                lines[j].no <= lines[j - 1].no + 2
                and re.match(
                    r"(?:о|об|обо|по|в|на|about|on|regarding|concerning)\s", lines[j].text.strip()
                )
                is not None
                and not re.search(r"[.!?:;]\Z", text)
            )
        )
        and not _dated_line(lines[j].text)
        and not split_title_date(text)[1]
        and not re.search(r"[.”\"!?]$", text)
        and len(text) < 300
        and not lines[j].text.strip().startswith(("Source", "[Source", "Traduction", "Translated"))
        and not _classification(lines[j].text.strip())
    ):
        text += " " + lines[j].text.strip()
        j += 1
    return text, j


def _dated_line(text: str) -> bool:
    """A line that is only a date, or "от 2 июля 1937 г.": the heading's date, not its words."""
    t = " ".join(text.split())
    m = re.fullmatch(r"(?:от|of|dated)\s+(?P<d>.+)", t)
    t = m.group("d") if m else t
    found = find_dates(t)
    if not found:
        return numeric_date(t) is not None and date_line(t) is not None
    rest = t[: found[0].start] + t[found[0].end :]
    return not re.sub(r"\b(?:г|гг|года?)\b|[\s.,;:]", "", rest)


def _take_title(
    head: Head, text: str, lines_used: list[Line], why: str = "title", whole: str | None = None
) -> str:
    """Set the title (and date) from a heading; returns the text after the heading's date.
    ``whole``: the lines' text when ``text`` is only part of it ("184 Document No. 29: …")."""
    title, date, rest = split_title_date(text)
    text = whole or text
    head.title = title or None
    if date is not None and head.date is None:
        head.date = date
        head.date_found_in = "heading"
    for line in lines_used[:-1]:
        head.consume(line, why)
    last = lines_used[-1]
    if rest:
        consumed = text[: len(text) - len(rest)] if text.endswith(rest) else text
        offset_text = last.text.strip()
        keep = rest
        head.consumed.append((last.no, consumed.strip(), why))
        last.text = (
            keep if not offset_text.endswith(rest) else offset_text[len(offset_text) - len(rest) :]
        )
    else:
        head.consume(last, why)
    return rest


def _book_and_editors(page: Page, lines: list[Line], k: int, head: Head) -> int:
    """A book title line, then the editors one per line (OpenEdition), or "By … | Go to book
    overview" (Questia, already a field)."""
    j = k
    if j < len(lines) and ("openedition" in page.sites or "questia" in page.sites):
        nxt = lines[j + 1] if j + 1 < len(lines) else None
        if nxt is not None and not _DOC_HEADING.match(lines[j].text.strip()):
            head.container = _clean_title(lines[j].text)
            head.consume(lines[j], "the book the document is in")
            j += 1
    editors: list[Line] = []
    separators: list[Line] = []  # " | " and ", " between the names (OpenEdition's other interfaces)
    start = j
    while j < len(lines) and (
        _editor(lines[j].text) or re.fullmatch(r"[|,;·•]", lines[j].text.strip())
    ):
        (editors if _editor(lines[j].text) else separators).append(lines[j])
        j += 1
    section = (
        j + 1 < len(lines)
        and re.fullmatch(r"Documents?|Dokumente|Documentos|Documenti", lines[j].text.strip())
        and _DOC_HEADING.match(lines[j + 1].text.strip())
    )
    if editors and section:
        separators.append(lines[j])  # the book's section label above the heading
        j += 1
    if editors and j < len(lines) and _DOC_HEADING.match(lines[j].text.strip()):
        head.editors = [" ".join(e.text.split()) for e in editors]
        for e in editors:
            head.consume(e, "editors")
        for sep in separators:
            head.consume(sep, "the book's layout")
        return j
    return start


def _editor(text: str) -> bool:
    t = text.strip()
    return bool(_EDITOR_LINE.fullmatch(t)) and not (set(t.split()) & _NOT_NAMES)


def _doc_heading(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    if k >= len(lines):
        return None
    first = lines[k].text.strip()
    m = _DOC_HEADING.match(first)
    if m is None:
        # a running head glued in front: "304 COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN …"
        return _doc_alone(page, lines, k, head)
    text, j = _joined(lines, k)
    m = _DOC_HEADING.match(text)
    assert m is not None
    head.number = m.group("n") or m.group("rn")
    head.found = True
    heading = m.group("t") or m.group("rt") or ""
    rest = _take_title(head, heading, lines[k:j], "heading", whole=text)
    if rest:
        # a flattened page: the editors' note, then "[…]" or a rule, then the document
        _headnote_in_blob(lines[j - 1], rest, head)
    return j


def _headnote_in_blob(line: Line, rest: str, head: Head) -> None:
    """MUSE's one-line chapters: headnote ``[…]`` document; the headnote goes to the head."""
    m = re.search(r"\s*(?:\[…\]|\[\.\.\.\]|_{5,}|—{5,})\s*", rest)
    note = rest[: m.start()] if m else ""
    if m is not None and len(note.split()) > 8:
        head.headnote_text.append((line.no, note.strip()))
        marker = m.group().strip()
        # "[…]" marks text of the document left out: it stays with the document's text
        line.text = (marker + " " if marker.startswith("[") else "") + rest[m.end() :]
        if not marker.startswith("["):
            head.consumed.append((line.no, marker, "rule"))


def _doc_alone(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    """The Yale Annals' "DOCUMENT 13" alone, then the description that is its title."""
    first = lines[k].text.strip()
    m = _DOC_ALONE.fullmatch(first)
    if m is None or k + 1 >= len(lines):
        return None
    head.number = m.group("n")
    head.found = True
    head.consume(lines[k], "document number")
    j = k + 1
    parts = [lines[j].text.strip()]
    used = [lines[j]]
    j += 1
    while j < len(lines) and not re.search(r"[.”\"]\s*$", parts[-1]) and len(parts) < 8:
        if lines[j].no > used[-1].no + 1 and split_title_date(" ".join(parts))[1] is not None:
            break  # the heading has its date; past a blank line the document begins
        parts.append(lines[j].text.strip())
        used.append(lines[j])
        j += 1
    _take_title(head, " ".join(parts), used, "heading")
    return j


def _ru_number(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    if k >= len(lines):
        return None
    alone = re.fullmatch(r"(?:Документ\s+)?№\s*(?P<n>\d{1,4})\.?", lines[k].text.strip())
    if alone and k + 1 < len(lines) and is_heading_like(lines[k + 1].text):
        # the number on a line of its own above the heading: "№ 12" / "Записка …"
        head.number = alone.group("n")
        head.found = True
        head.consume(lines[k], "document number")
        text, end = _joined(lines, k + 1)
        _take_title(head, text, lines[k + 1 : end], "heading")
        return _date_under(lines, end, head)
    m = _RU_NUMBER.fullmatch(lines[k].text.strip())
    if m is None:
        return None
    head.number = m.group("n")
    head.found = True
    _take_title(head, m.group("t"), [lines[k]], "heading")
    return k + 1


def _thatcher(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    if "thatcher" not in page.sites:
        return None
    for line in lines[k : k + 3]:
        m = re.fullmatch(r"Archive \((?P<a>[^)]+)\)", line.text.strip())
        if m:
            head.archive = m.group("a")
    for j in range(k, min(k + 6, len(lines))):
        m = _CATALOGUE_QUOTE.search(lines[j].text)
        # a record's catalogue entry: "USSR: Charles Powell record of conversation ("…")"
        if m and re.match(r"[A-Z][A-Za-z .&]{1,30}:\s", lines[j].text.strip()):
            head.title = _clean_title(m.group("t"))
            head.catalogue = " ".join(lines[j].text.split())
            head.found = True
            head.consume(lines[j], "catalogue entry")
            for i in range(k, j):
                head.consume(lines[i], "catalogue entry")
            return j + 1
    return None


def _bukovsky(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    if k >= len(lines):
        return None
    first = lines[k].text.strip()
    m = _BUKOVSKY.fullmatch(first)
    if m is None or "*" not in first or (not m.group("no") and not m.group("pb")):
        return None
    from quotecite.importer.datetext import find_date

    found = find_date(m.group("date"))
    if found is None:
        return None
    head.date = found[0]
    head.date_found_in = "catalogue"
    head.found = True
    head.catalogue = m.group("t").strip() or None
    head.consume(lines[k], "archive catalogue entry")
    j = k + 1
    # the catalogue's description: "KGB memorandum from Andropov, … [Russian: 11 March 1975, 547-A]"
    if j < len(lines) and (
        re.search(r"\[(?:R|Russian|Rus\.)\b[^\]]*\]", lines[j].text) or _catalogue_summary(lines, j)
    ):
        head.catalogue = " ".join(lines[j].text.split())
        head.headnotes.append(lines[j].no)
        j += 1
    head.title = None  # the document's own subject line, if any, is found in its text
    return j


def _catalogue_summary(lines: list[Line], j: int) -> bool:
    """The catalogue's summary under its entry, a paragraph of its own that opens with what
    the document is: "Politburo meeting. Discussion concerning what to do with …"."""
    text = lines[j].text.strip()
    alone = lines[j].no != lines[j - 1].no + 1 and (
        j + 1 >= len(lines) or lines[j + 1].no != lines[j].no + 1
    )
    return (
        alone
        and len(text) >= 60
        and re.match(r"[A-Z][^.]{2,60}\.\s+[A-Z]", text) is not None
        and not _classification(text)
    )


def _frus(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    if k >= len(lines):
        return None
    first = lines[k].text.strip()
    m = _FRUS_FILE.fullmatch(first)
    if m and k + 1 < len(lines):
        from quotecite.importer.people import genre_of

        head.genre = genre_of(m.group("g")) or m.group("g").lower()
        head.consume(lines[k], "file number")
        head.found = True
        _take_title(head, lines[k + 1].text, [lines[k + 1]])
        return k + 2
    m2 = _FRUS_NUMBER.fullmatch(first)
    if m2 and is_heading_like(m2.group("t")) and len(first) < 320:
        from quotecite.importer.people import genre_of

        if genre_of(m2.group("t")) is None:
            return None
        head.number = m2.group("n")
        head.found = True
        title = m2.group("t")
        head.title = _clean_title(title)
        head.consume(lines[k], "heading")
        return k + 1
    return None


def _wilson_blob(page: Page, lines: list[Line], head: Head) -> None:
    """A Wilson PDF's fields run together on one line: read them and leave the text after them."""
    for line in lines[:6]:
        t = line.text
        labels = list(_WILSON_LABELS.finditer(t))
        if len(labels) < 2:
            continue
        pre = t[: labels[0].start()]
        pre = _WILSON_MASTHEAD.sub("", pre.strip())
        values: dict[str, str] = {}
        for a, b in zip(labels, [*labels[1:], None], strict=True):
            values[a.group(1).lower()] = t[a.end() : b.start() if b else len(t)].strip()
        contents = values.get("contents", "")
        body = re.sub(r"^(?:English Translation|Scan of Original Document|Original Document)\s*",
                      "", contents)  # fmt: skip
        body = re.sub(r"^(?:English Translation|Scan of Original Document)\s*", "", body)
        if values.get("citation"):
            head.citation = values["citation"]
        lead = find_dates(pre.strip()[:40])
        if pre.strip() and lead and lead[0].start == 0:
            # "July 09, 1956 Working Notes from the Session … on 9 and 12 July 1956"
            head.date = head.date or lead[0].spec
            pre = pre.strip()[lead[0].end :]
        if pre.strip():
            title, date, _rest = split_title_date(pre)
            if date is None:
                found = date_line(pre[:40]) or None
                if found is not None:
                    head.date = found
            head.title = head.title or (title if date is not None else None)
        consumed = t[: len(t) - len(body)] if body and t.endswith(body) else t
        head.consumed.append((line.no, consumed.strip(), "the archive's record fields"))
        for name in ("citation", "summary"):
            if values.get(name):
                from quotecite.importer.page import Field

                page.fields.append(Field(name, values[name], (line.no,)))
        if body:
            line.text = body
        else:
            line.kind, line.reason = Kind.FIELD, "the archive's record fields"
        head.found = True
        return


def _wilson(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    """Date then record title (or a summary before them; or the old layout's citation line)."""
    dated_title = (
        k + 1 < len(lines) and _is_date_line(lines[k].text) and _record_title(lines[k + 1])
    )
    if (
        "wilson" not in page.sites
        and not _WILSON_CITATION.search(" ".join(x.text for x in lines[k : k + 6]))
        and not dated_title
    ):
        return None
    j = k
    summary: list[Line] = []
    # Wilson's "Grigor'yan" pages: the summary comes first
    while j < len(lines) and j < k + 3 and not _is_date_line(lines[j].text):
        starts_dated = any(d.start == 0 for d in find_dates(lines[j].text.strip()[:40]))
        if (
            len(lines[j].text.split()) > 12
            and not starts_dated
            and not _WILSON_CITATION.search(lines[j].text)
        ):
            summary.append(lines[j])
            j += 1
        else:
            break
    if j < len(lines) and _is_date_line(lines[j].text):
        date = date_line(lines[j].text)
        # the date and the title on one line: "September 28, 1961 Letter from Khrushchev …"
        head.date = date
        head.date_found_in = "archive record"
        head.consume(lines[j], "date")
        j += 1
    elif head.title is None:
        first = lines[j].text.strip() if j < len(lines) else ""
        dates = find_dates(first)
        if dates and dates[0].start == 0 and _record_title_text(first[dates[0].end :]):
            head.date = dates[0].spec
            head.date_found_in = "archive record"
            title, _date, _rest = split_title_date(first[dates[0].end :])
            head.title = title
            head.found = True
            head.consume(lines[j], "heading")
            return j + 1
        if not _WILSON_CITATION.search(" ".join(x.text for x in lines[k : k + 6])):
            return None
    for s in summary:
        head.headnotes.append(s.no)
    # old layout: summary line(s), then the quoted citation line, which holds the title
    for i in range(j, min(j + 4, len(lines))):
        cm = _WILSON_CITATION.search(lines[i].text)
        if cm:
            head.citation = " ".join(lines[i].text.split())
            head.title = head.title or _clean_title(cm.group("title").rstrip(","))
            for s in lines[j:i]:
                head.headnotes.append(s.no)
            head.found = True
            return i + 1
    if head.title is None and j < len(lines) and _record_title(lines[j]):
        _take_title(head, lines[j].text, [lines[j]])
        head.found = True
        return j + 1
    head.found = head.found or head.date is not None
    return j


def _record_title(line: Line) -> bool:
    return _record_title_text(line.text)


def _record_title_text(text: str) -> bool:
    t = " ".join(text.split())
    if not t or len(t) > 350 or not t[:1].isupper() or _classification(t):
        return False
    # a summary is sentences: "Mikoyan talks with Stevenson … The U.S. side says …"
    return not (t.endswith(".") and len(t.split()) > 16)


def _series(page: Page, lines: list[Line], k: int, head: Head) -> int | None:
    """A series heading ("From the diaries of …") then, maybe, the entry's own headline."""
    if k >= len(lines):
        return None
    first = " ".join(lines[k].text.split())
    m = _SERIES.fullmatch(first)
    if m is None:
        return None
    head.series_author = m.group("who") or m.group("who2") or m.group("ru")
    head.genre = "diary"
    head.headnotes.append(lines[k].no)
    head.found = True
    j = k + 1
    while j < len(lines) and _is_date_line(lines[j].text) and head.date is None:
        head.date = date_line(lines[j].text)
        head.date_found_in = "entry"
        head.consume(lines[j], "date")
        j += 1
    if j < len(lines):
        t = " ".join(lines[j].text.split())
        dates = find_dates(t)
        letters = [c for c in t if c.isalpha()]
        caps = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
        if not (dates and dates[0].start == 0) and caps and len(t.split()) <= 14:
            _take_title(head, t, [lines[j]])  # a headline over the entry
            j += 1
    return j


def _generic(page: Page, lines: list[Line], k: int, head: Head) -> int:
    """The first heading-like line; an author line above it; its date here or on the next line."""
    if k >= len(lines):
        return k
    j = k
    # an author line above the title (c21ch: "Сталин И.В." then "Телеграмма Мао Цзэдуну")
    # a site's section above the author or the heading ("Speeches, etc." / "Margaret Thatcher")
    from quotecite.importer.apparatus import _EDITORIAL_CONVENTION, is_archival_line, is_credit_line
    from quotecite.importer.people import person

    while j + 1 < len(lines) and (
        is_archival_line(lines[j].text)
        or is_credit_line(lines[j].text)
        or _EDITORIAL_CONVENTION.match(lines[j].text.strip())
    ):
        j += 1  # a reference or a credit printed above the heading: apparatus
    if (
        j + 2 < len(lines)
        and len(lines[j].text.split()) <= 4
        and person(
            " ".join(lines[j].text.split()), "ru" if re.search("[А-я]", lines[j].text) else None
        )
        is None
        and not is_heading_like(lines[j].text)
        and not _is_date_line(lines[j].text)
        and (
            person(" ".join(lines[j + 1].text.split())) is not None
            or _strong_heading(lines[j + 1].text)
        )
    ):
        head.consume(lines[j], "the site's section")
        j += 1
    first = " ".join(lines[j].text.split())
    author = person(first, "ru" if re.search("[А-я]", first) else None)
    if (
        j + 1 < len(lines)
        and len(first.split()) <= 3
        and author is not None
        and author.given
        and is_heading_like(lines[j + 1].text)
        and not _is_date_line(first)
    ):
        head.author_line = first
        head.consume(lines[j], "author")
        j += 1
    if j >= len(lines):
        return j
    text = " ".join(lines[j].text.split())
    # a title set between angle quotes: "<<Из решения … 18 октября 1938 г. >> Политбюро …"
    angled = re.match(r"(?:<<|‹‹|<‹)\s*(?P<t>.{5,400}?)\s*(?:>>|››|›>)\s*", text)
    if angled:
        title, date, _rest = split_title_date(angled.group("t"))
        head.title, head.found = title, True
        if date is not None:
            head.date, head.date_found_in = date, "heading"
        head.consumed.append((lines[j].no, angled.group().strip(), "heading"))
        lines[j].text = text[angled.end() :]
        if not lines[j].text.strip():
            lines[j].kind, lines[j].reason = Kind.FIELD, "heading"
        return j + 1
    # a heading hard-wrapped after its first word: "A" / "letter from the ECCI Secretariat …"
    if (
        len(text.split()) <= 2
        and j + 1 < len(lines)
        and lines[j + 1].no == lines[j].no + 1
        and lines[j + 1].text.strip()[:1].islower()
    ):
        wrapped, end = _joined(lines, j)
        if is_heading_like(wrapped):
            _take_title(head, wrapped, lines[j:end])
            return end
    # a date first, the heading after it: "April 29 1986 Politburo Session Notes from …"
    dates = find_dates(text)
    if dates and dates[0].start == 0 and len(text) > dates[0].end + 10:
        rest_after_date = text[dates[0].end :].strip(" ,.")
        title, rest = _title_of_flattened(rest_after_date)
        if not title and len(text) < 300 and _strong_heading(rest_after_date):
            # a Wilson PDF's first line: "July 09, 1956 Working Notes from the Session …"
            title, rest = _clean_title(split_title_date(rest_after_date)[0]), ""
        if title:
            head.date = dates[0].spec
            head.date_found_in = "heading"
            head.title = title
            consumed = text[: len(text) - len(rest)] if rest else text
            head.consumed.append((lines[j].no, consumed, "heading"))
            if rest:
                lines[j].text = rest
            else:
                lines[j].kind, lines[j].reason = Kind.FIELD, "heading"
            return j + 1
        return j
    if not is_heading_like(text[:400]) and len(text) <= 400:
        return j
    if len(text) > 400:
        # a text flattened onto one line: the heading is what comes before the first date
        title, date, rest = split_title_date(text)
        if date is None:
            title, date, rest = _unpunctuated_heading(text)
        title = _strip_running_head(title)
        if date is None or not rest or not is_heading_like(title) or len(title.split()) > 30:
            return j
        head.title = title
        head.date = date
        head.date_found_in = "heading"
        head.consumed.append((lines[j].no, text[: len(text) - len(rest)].strip(), "heading"))
        lines[j].text = rest
        return j + 1
    # classification marks or a book's line above the heading: look a few lines further
    if _classification(text) or not _strong_heading(text):
        for i in range(j + 1, min(j + 4, len(lines))):
            cand = " ".join(lines[i].text.split())
            if _strong_heading(cand) and not _classification(cand):
                if not _classification(text):
                    book, editors = _book_line(text)
                    head.container = head.container or book
                    head.editors = head.editors or editors
                    head.consume(lines[j], "the book the document is in")
                j = i
                text = cand
                break
            if not _classification(cand):
                break
        else:
            if _classification(text):
                return j
    if _classification(text) or (j + 1 >= len(lines) and head.title is None and len(text) > 200):
        return j
    text2, end = _joined(lines, j, limit=3)
    if end > j + 1 and not is_heading_like(text2):
        text2, end = text, j + 1
    rest = _take_title(head, text2, lines[j:end])
    j = end
    if rest:
        return j
    return _date_under(lines, j, head)


def _date_under(lines: list[Line], j: int, head: Head) -> int:
    """The heading's date on the line under it ("17 марта 1934 г.", "от 2 июля 1937 г.")."""
    if head.date is None and j < len(lines) and _is_date_line(lines[j].text):
        head.date = date_line(lines[j].text)
        head.date_found_in = "heading"
        head.consume(lines[j], "date")
        j += 1
    return j


def _book_line(text: str) -> tuple[str, list[str]]:
    """A book's line above a document: its title, and its editors where they end the line
    ("Politburo And The Church, Kremlin ArchivesN. Petrovsky, S.G. Petrov")."""
    t = " ".join(text.split())
    m = re.search(
        r"(?<=[a-z,])\s?(?P<eds>(?:[A-Z]\.\s?)+[A-Z][a-z]+(?:,\s*(?:[A-Z]\.\s?)+[A-Z][a-z]+)*)$", t
    )
    if m and m.start() > 8:
        editors = [e.strip() for e in m.group("eds").split(",")]
        return _clean_title(t[: m.start()]), editors
    return _clean_title(t), []


def _strong_heading(text: str) -> bool:
    """A heading that names its kind ("Telegram …", "Записка …") or is set in capitals."""
    from quotecite.importer.people import genre_of

    t = " ".join(text.split())
    if len(t.split()) > 45:
        return False
    letters = [c for c in t if c.isalpha()]
    caps = bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)
    return (
        bool(genre_of(t[:120]))
        or (caps and len(t.split()) >= 2)
        or bool(re.match(r"(?:Из|ИЗ)\s+[а-яёА-ЯЁ]+\s|[^—–]{2,80}\s[—–]\s[А-ЯЁA-Z]", t))
    )


def _strip_running_head(title: str) -> str:
    """ "304 COLD WAR INTERNATIONAL HISTORY PROJECT BULLETIN Telegram from …" → "Telegram …"."""
    m = re.match(r"\d{1,4}\s+(?:[A-Z][A-Z'’-]+\s+){2,}(?=[A-Z][a-z])", title)
    return title[m.end() :] if m else title


#: an OCR text stripped of its punctuation: the heading, then its date as a run of figures
#: ("Запись телефонного разговора … Ф Миттераном 14 11 5 89 …", a stray figure inside)
_BARE_FIGURES_DATE = re.compile(
    r"(?P<t>\D{10,200}?)\s+(?P<d>[0-3]?\d)\s+(?P<m>[01]?\d)\s+(?:\d\s+)?(?P<y>19\d\d|\d\d)\b"
)


def _unpunctuated_heading(text: str) -> tuple[str, DateSpec | None, str]:
    """(title, date, rest) of a flattened text whose heading is dated in bare figures."""
    m = _BARE_FIGURES_DATE.match(text)
    if m is None or not is_heading_like(m.group("t")):
        return text, None, ""
    day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return text, None, ""
    year = year if year > 99 else 1900 + year
    return m.group("t").strip(), DateSpec(start=(year, month, day)), text[m.end() :].strip()


def _title_of_flattened(text: str) -> tuple[str, str]:
    """The heading at the start of a flattened text without punctuation: it ends after the name
    its kind names ("… Notes from the Diary of Vitaly I Vorotnikov The meeting started …")."""
    m = re.match(
        r"(?P<t>.{5,160}?\b(?:of|from|by|to|with)\s+(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+)"
        r"\s+(?=(?:The|We|I|In|On|At|It|This|Today|Yesterday|After|Before|A|An)\b)",
        text,
    )
    if m:
        return m.group("t").strip(), text[m.end() :]
    return "", text


def _translation_lines(page: Page, head: Head) -> None:
    """ "Traduction de Svetlana Savranskaya" (OpenEdition) near the top: the translator."""
    for line in page.text_lines()[:8]:
        m = _TRANSLATION_LINE.fullmatch(" ".join(line.text.split()))
        if m:
            head.translators.append(m.group("n").strip())
            head.consume(line, "translator")
