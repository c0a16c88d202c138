"""The page around a document: site furniture and labelled fields, told from the text itself.

Texts copied from web pages and PDFs carry the site's chrome with them — "Skip to content",
menus, "get citation", rights notices, advertising, "Related Documents" — and the fields archive
sites print around a record ("Source", "Original Archive", "Citation:", "Архив:", "Датировка:").
:func:`read_page` marks each line of the text:

* ``FURNITURE`` — site chrome, left out of the document and listed with its reason;
* ``FIELD`` — a field's label, and the field's value when it is metadata rather than text
  (``Датировка: 1934.09.29``); a value that is apparatus text (a source note, a citation, a
  summary) stays ``TEXT`` and is found again through :attr:`Page.fields`;
* ``TEXT`` and ``BLANK`` — everything else, for the document's structure.

The lexicon below is the conventions of the sites historians copy from (the Wilson Center
Digital Archive in both its layouts, the National Security Archive, OpenEdition, Project MUSE,
Questia, docslib and other PDF-text hosts, istmat.org and other Russian publication sites,
e-book readers), plus general rules for menus and breadcrumbs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    TEXT = "text"
    BLANK = "blank"
    FURNITURE = "furniture"
    FIELD = "field"


@dataclass
class Line:
    no: int  #: 1-based line number in the source text
    text: str  #: the line, right-stripped
    kind: Kind = Kind.TEXT
    reason: str = ""  #: why a line is not text: "page furniture", "field: source" …

    @property
    def stripped(self) -> str:
        return " ".join(self.text.split())


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled field of the page: ``Source`` → its value, with the value's line numbers."""

    name: str  #: canonical name: "source", "archive", "citation", "summary", "date", …
    value: str
    lines: tuple[int, ...]


@dataclass
class Page:
    lines: list[Line]
    fields: list[Field] = field(default_factory=list)
    sites: set[str] = field(default_factory=set)  #: site conventions recognised ("wilson", …)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)

    def text_lines(self) -> list[Line]:
        return [line for line in self.lines if line.kind is Kind.TEXT]

    def mark(self, numbers: Iterable[int], kind: Kind, reason: str) -> None:
        for n in numbers:
            line = self.lines[n - 1]
            if line.kind is not Kind.BLANK:
                line.kind = kind
                line.reason = reason


# --------------------------------------------------------------------------- lexicon

#: whole lines that are a site's chrome (matched against the whitespace-normalised line)
_FURNITURE = [
    # general web chrome
    r"Skip to (?:main )?content|Search in|Search|Search for:|Menu|Home|Main menu|Navigation|Share|"
    r"Share this:?|Like this:?|Print|Email|E-mail|Tweet|Back to top|Back To Top|Related|"
    r"Related posts|Loading \.\.\.|Loading\.\.\.|Failed to load data\.|Read more|Leave a comment|"
    r"Leave a Reply|Cancel reply|Download|Download PDF|Download now|Save|Embed|Report|Copy link|"
    r"Like|Subscribe|Log in|Sign in|Sign up|Cookie settings|Accept|Close|Previous|Next|Next post|"
    r"Previous post|Source|<<|>>|<<Back|\[Show full text\]|Show full text|Similar documents|"
    r"More information|Transcription|Size: px|Start display at page:|Social Media|Recommend|"
    r"Enter Email Address|Twitter|Facebook|LinkedIn|Reddit|Pinterest|Tumblr|WhatsApp|Telegram|"
    r"Pocket|Reblog|Follow|Following|Comments|Comment|Reply|Permalink|Bookmark the permalink\.|"
    r"Blog at WordPress\.com\.?|Create a free website or blog at WordPress\.com\.?|"
    r"(?:Posted|Filed) (?:in|under) .{1,80}|Tagged .{1,120}|This entry was posted .{1,200}|"
    r"Notify me of (?:new comments|new posts) via email\.|Enter your comment here\.\.\.|"
    r"Fill in your details below or click an icon to log in:|Email \(required\)|Name \(required\)|"
    r"Website|Entries feed|Comments feed|WordPress\.org|Powered by .{1,60}|Recent Posts|"
    r"Archives|Categories|Meta|Tags|Tag Cloud|Privacy Policy|Terms of Use|Contact|Contact Us|"
    r"About|About Us|Donate|Sitemap|Site map|advertisement|Advertisement",
    r"\{\{[^}]*\}\}(?:\s*\|\s*\{\{[^}]*\}\})*",  # unfilled page templates
    r"[|¦/\\<>•·*~^#=+]{1,3}",  # a stray separator or bullet alone on its line
    r"Download \".*\"|\d+ views|Uploaded by .*|You are on page \d+/\d+|Search inside document",
    r"(?:Copyright|©) .{0,120}|All rights reserved\.?",
    r"‹ .{1,200}|.{1,200} ›|« .{1,200}|.{1,200} »",  # a book's or blog's previous/next links
    # PDF-text hosts (docslib, religiondocbox, pdfslide, vdocuments, scribd)
    r"Total Page:\s*\d+|File Type:\s*pdf.*|Top View|Recommended|Load more|Download now|"
    r"Report this document|Share this document|Did you find this document useful\?|"
    r"Is this content inappropriate\?|Reward Your Curiosity|Everything you want to read\.|"
    r"Anytime\. Anywhere\. Any device\.|No Commitment\. Cancel anytime\.",
    # Wilson Center Digital Archive, both layouts and PDFs
    r"Digital Archive(?: digitalarchive\.wilsoncenter\.org)? International History Declassified|"
    r"Digital Archive|International History Declassified|get citation|[•·]?\s*share document|"
    r"English HTML|View in Digital Archive|Document Information|Associated Places|"
    r"Associated People(?: & Organizations)?|Associated Organizations|Associated Topics|"
    r"Subjects Discussed|Related Documents|Original Uploaded Date|Record ID|"
    r"Original Classification|Rights|Credits:?|Scan of Original Document|"
    r"English Translation|Translation - English|Original - (?:Russian|Chinese|German|Korean)|"
    r"Sign up for updates|Wilson Center",
    r"This document was made possible with support from .*",
    r"The History and Public Policy Program welcomes reuse of Digital Archive materials.*",
    r"To enquire about this document's rights status.*",
    # OpenEdition Books, in each of its interface languages
    r"Version classique ?Version mobile|Version classique|Version mobile|Texte intégral|"
    r"Desktop version ?Mobile Version|Desktop version|Mobile Version|Volltext|Full text|"
    r"Texto completo|Testo integrale|Versión clásica ?Versión móvil|"
    r"Précédent|Suivant|Auteurs?|Plan|Détail|Citer|Partager|Signaler ce document|"
    r"Compatible avec Zotero|Accès ouvert|Freemium|Table des matières|Cité par|"
    r"Le texte seul est utilisable sous licence.*|Cette publication numérique est issue.*|"
    r"(?:Éditeur|Lieu d’édition|Année d’édition|Publication sur OpenEdition Books|"
    r"EAN (?:électronique|Édition imprimée)|DOI|ISBN|Nombre de pages|OpenEdition)\s*:.*",
    # Project MUSE, Questia
    r"In lieu of an abstract, here is a brief excerpt of the content:|"
    r"By .{2,120} \| Go to book overview",
    # Making the History of 1989
    r"Primary Sources?|Primary Source[—–-]+Excerpt|Item Relations|Collection|Tags",
    # Russian publication sites, blogs and e-book readers
    r"Реквизиты|Содержание|Оглавление|Комментарии|Поделиться|Версия для печати|вверх|Вверх|"
    r"Назад|Вперед|Вперёд|Главная|Предыдущая|Следующая|публикация|Предыдущая публикация|"
    r"Следующая публикация|Алфавитный указатель|сочинений И\. ?В\. Сталина|"
    r"Оглавление тома \d+|Читать далее|Читать онлайн|Скачать|Купить|Реклама|Поиск|Наверх|"
    r"сообщить о нарушении|ПОЛУЧИТЬ ПОДАРОК|books|История|Политика|Распечатать|"
    r"Добавить комментарий|Оставить комментарий|Ваш комментарий|Отправить|Похожие материалы|"
    r"Читать также|Смотрите также|Читайте также|Карта сайта|Обратная связь|Контакты|О проекте|"
    r"Просмотров:?\s*\d*|(?:Теги|Метки|Рубрики|Рубрика|Опубликовано|Раздел):.{0,120}|"
    r"Все права защищены\.?|Войти|Регистрация",
    r"Более [\d\s]+ книг и аудиокниг!.*|Получи \d+ месяц.* Литрес.*|"
    r"[\d\s]+ произведений, [\d\s]+ авторов\.|Электронная библиотека книг » .*|"
    r"[•·]?\s*Текст добавлен: .*|Текст книги \".*\"|Автор книги: .*|Жанр:|"
    r"Текущая страница: \d+ \(всего у книги \d+ страниц\)|"
    r"Центр гуманитарных наук 21-ого века|Зеркало Библиотеки Михаила Грачева,?|"
    r"Архив И\. ?В\. Сталина|Том \d+",
    # 9lib and other document hosts in other languages
    r"[•·]?\s*Nie Znaleziono Wyników|N/A|Protected|Academic year: \d{4}|Share \".*\"|Copied!|"
    r"Pełen tekst|\(\d{1,3}\)|\[\s*Pobierz całość w formacie PDF\s*\]|Pobierz|"
    r"PDF, [\d.,]+ MB\b.*",
]
_FURNITURE_RX = re.compile("(?:" + "|".join(_FURNITURE) + r")\Z")
#: a menu or breadcrumb: three or more short items separated by | » › or >
_MENU = re.compile(r"(?:[^|»›>]{1,30}\s*(?:\||»|›|>)\s*){2,}[^|»›>]{0,30}")

#: labels of fields; canonical name for each. A label stands alone on its line (its value on the
#: next lines) or begins the line ("Source: …").
_LABELS: dict[str, str] = {
    "source": "source", "sources": "source", "источник": "source", "источники": "source",
    "archive": "archive", "original archive": "archive", "архив": "archive",
    "citation": "citation", "• citation": "citation", "summary": "summary",
    "original language": "language", "contents": "contents", "credits": "credits",
    "translated by": "translator", "translator": "translator", "перевод": "translator",
    "document type": "type", "тип документа": "type", "type": "type",
    "датировка": "date", "date": "date", "направление": "direction",
    "государство": "country", "editorial comments": "comments", "importance ranking": "rank",
    "word count": "words", "themes": "themes", "référence électronique du chapitre": "reference",
    "référence électronique du livre": "book-reference",
    # the label block of a document archive's page (the Marxists Internet Archive):
    "written": "date", "translated": "translator", "first published": "published",
    "transcription & markup": "site", "transcription/markup": "site", "html markup": "site",
    "public domain": "site", "copyleft": "site", "download": "site", "online version": "site",
}  # fmt: skip
#: fields whose value is metadata, not text of the page (values leave the text)
_META_FIELDS = {
    "date", "type", "direction", "country", "comments", "rank", "words", "themes", "language",
    "credits", "contents", "translator", "book-reference", "reference", "published", "site",
}  # fmt: skip
#: a label with its value on the same line
_LABEL_LINE = re.compile(
    r"(?P<label>"
    + "|".join(sorted((re.escape(k) for k in _LABELS), key=len, reverse=True))
    + r")\s*:\s*(?P<value>.*)",
    re.IGNORECASE,
)
#: Wilson's blocks after the record: everything under these headings is the site's, not text
#: headers of a page's trailing blocks: what follows them up to the next field is the site's
_TRAILING_BLOCKS = re.compile(
    r"Auteurs?|Du même auteur|Voir aussi|Sur le même sujet|Cité par|Share this:?|Like this:?|"
    r"Related|Related posts|Leave a Reply|Recent Posts|Похожие материалы|Читать также|"
    r"Читайте также|Смотрите также|Комментарии|Similar documents|Recommended"
)
_WILSON_BLOCKS = re.compile(
    r"Related Documents|Associated Places|Associated People(?: & Organizations)?|"
    r"Associated Organizations|Associated Topics|Subjects Discussed\Z"
)
_SITES = {
    "wilson": re.compile(
        r"History and Public Policy Program|International History Declassified|"
        r"This document was made possible with support from|Original Uploaded Date|"
        r"Wilson Center Digital Archive"
    ),
    "openedition": re.compile(
        r"Version classique ?Version mobile|Desktop version ?Mobile Version|Texte intégral|"
        r"OpenEdition"
    ),
    "muse": re.compile(r"In lieu of an abstract, here is a brief excerpt of the content"),
    "questia": re.compile(r"\| Go to book overview"),
    "istmat": re.compile(r"^Реквизиты\s*$|^Датировка:\s*$", re.M),
    "docslib": re.compile(r"^Total Page:\s*\d+|^File Type:\s*pdf|\[Show full text\]", re.M),
    "rrchnm": re.compile(r"^Primary Source[—–-]+Excerpt", re.M),
    "thatcher": re.compile(r"Archive \(Thatcher MSS\)|^Importance ranking:", re.M),
}


def label_of(text: str) -> tuple[str, str] | None:
    """(canonical field name, value on the same line) if ``text`` is a field label."""
    t = " ".join(text.split())
    bare = t.rstrip(":").strip().casefold()
    if bare in _LABELS and (t.endswith(":") or bare in _STANDALONE or bare == "source"):
        return _LABELS[bare], ""
    m = _LABEL_LINE.fullmatch(t)
    if m and m.group("label").casefold() in _LABELS:
        return _LABELS[m.group("label").casefold()], m.group("value").strip()
    return None


#: labels that stand alone without a colon (Wilson's new layout: "Source" then the value)
_STANDALONE = {"original archive", "citation", "• citation", "summary"}


def is_furniture(text: str) -> bool:
    t = " ".join(text.split())
    if not t:
        return False
    if _FURNITURE_RX.fullmatch(t):
        return True
    return bool(len(t) <= 200 and _MENU.fullmatch(t) and t.count("|") + t.count("»") >= 2)


# --------------------------------------------------------------------------- reading


def read_page(text: str, furniture_hint: frozenset[int] = frozenset()) -> Page:
    """Classify every line of ``text``; ``furniture_hint`` are lines a reader judged chrome."""
    raw = text.split("\n")
    page = Page([Line(i, r.rstrip(), Kind.BLANK if not r.strip() else Kind.TEXT)
                 for i, r in enumerate(raw, start=1)])  # fmt: skip
    sample = text[:20000] + text[-20000:]
    page.sites = {name for name, rx in _SITES.items() if rx.search(sample)}
    _table_rules(page)
    lines = page.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind is Kind.BLANK:
            i += 1
            continue
        t = line.stripped
        if ("wilson" in page.sites and _WILSON_BLOCKS.fullmatch(t)) or (
            _TRAILING_BLOCKS.fullmatch(t) and i > len(lines) // 3
        ):
            i = _skip_block(page, i)
            continue
        found = label_of(t)
        if found is not None and _label_applies(page, found[0], i):
            i = _read_field(page, i, *found)
            continue
        if is_furniture(t):
            line.kind, line.reason = Kind.FURNITURE, "page furniture"
        elif line.no in furniture_hint:
            line.kind, line.reason = Kind.FURNITURE, "outside the page's main content"
        i += 1
    _title_echo(page)
    return page


_CELL_RULE = re.compile(r"\s*\|\s*")


def _table_rules(page: Page) -> None:
    """A page laid out in a table that a text copy kept as "|" between cells ("| Июнь 1931 года
    | Евгений Иванович Замятин |"): the bars are layout, not text, and leave the lines."""
    barred = [line for line in page.lines[:60] if line.text.strip().startswith("|")]
    if len(barred) < 3:
        return
    for line in page.lines:
        if "|" in line.text and not is_furniture(line.text):
            line.text = _CELL_RULE.sub("  ", line.text).strip()
            if not line.text:
                line.kind = Kind.BLANK


def _title_echo(page: Page) -> None:
    """A document host's page title, the text's opening cut off mid-sentence ("176 [Stamp in
    upper right-hand corner: indecipherable words except"), set above the text it repeats."""
    texts = [line for line in page.lines if line.kind is Kind.TEXT][:60]
    if len(texts) < 3:
        return
    first = " ".join(texts[0].stripped.split())
    if len(first) < 25:
        return
    joined = ""
    ends: set[int] = set()  # where a line ends in ``joined``
    for line in texts[1:]:
        joined += " ".join(line.stripped.split())
        ends.add(len(joined))
        joined += " "
    at = joined.find(first)
    if at > 400 or at < 0 or at + len(first) in ends:
        return
    texts[0].kind, texts[0].reason = Kind.FURNITURE, "the page's title, repeating the text's start"


def _label_applies(page: Page, name: str, index: int) -> bool:
    """Labels that also occur inside documents count only where a site prints them."""
    if (
        name == "source"
        and not page.lines[index].stripped.endswith(":")
        and ":" not in (page.lines[index].stripped)
    ):
        return "wilson" in page.sites  # Wilson's new layout: "Source" above the note
    if name == "contents":
        # Wilson's old layout: "Original Language:" … "Contents:"; a cable has its own "Contents:"
        return "wilson" in page.sites and any(f.name == "language" for f in page.fields)
    if name in ("date", "type", "translator", "direction", "country", "published", "site"):
        return (
            page.lines[index].stripped.endswith(":")
            or "istmat" in page.sites
            or _in_label_block(page, index)
        )
    return True


def _in_label_block(page: Page, index: int) -> bool:
    """Is the line one of three or more label lines in a row ("Written: …" / "Source: …" /
    "Translated: …"): a page's block of fields, not a line of a document?"""
    lines = page.lines

    def labelled(i: int) -> bool:
        return 0 <= i < len(lines) and label_of(lines[i].stripped) is not None

    start = index
    while labelled(start - 1):
        start -= 1
    end = index
    while labelled(end + 1):
        end += 1
    return end - start >= 2


def _next_text(lines: list[Line], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and lines[j].kind is Kind.BLANK:
        j += 1
    return j if j < len(lines) else None


def _read_field(page: Page, i: int, name: str, inline: str) -> int:
    """A field at line index ``i``; returns the index after it."""
    lines = page.lines
    label = lines[i]
    label.kind, label.reason = Kind.FIELD, f"field: {name}"
    if inline:
        value_lines = [label.no]
        if name not in _META_FIELDS:
            # "Source: APRF, …" is the text of a source note: the line stays in the document
            label.kind, label.reason = Kind.TEXT, ""
        inline, end = _wrapped_value(page, i, inline, value_lines)
        page.fields.append(Field(name, inline, tuple(value_lines)))
        return end
    j = _next_text(lines, i)
    if j is None:
        return i + 1
    nxt = lines[j]
    if label_of(nxt.stripped) is not None or (
        "wilson" in page.sites and _WILSON_BLOCKS.fullmatch(nxt.stripped)
    ):
        return j  # an empty field
    if is_furniture(nxt.stripped) and name not in ("credits",):
        return j
    # the value: the next line (a Wilson citation or summary is one line; istmat values too)
    value_lines = [nxt.no]
    value, end = _wrapped_value(page, j, nxt.stripped, value_lines)
    page.fields.append(Field(name, value, tuple(value_lines)))
    if name in _META_FIELDS or (name == "archive" and "istmat" not in page.sites):
        for no in value_lines:
            lines[no - 1].kind, lines[no - 1].reason = Kind.FIELD, f"field: {name}"
    return end


def _wrapped_value(page: Page, i: int, value: str, value_lines: list[int]) -> tuple[str, int]:
    """A field's value that a wrap carried onto the next lines: "…, vol. 2," / "pp. 187–189."
    (no blank between), "… Тверь: Информационно-" / "" / "издательский центр …" (a word
    hyphenated across a blank line). Returns the value and the index after it."""
    lines = page.lines
    k = i + 1
    while len(value) < 600 and not re.search(r"[.;]\Z", value):
        j = _next_text(lines, k - 1)
        if j is None:
            break
        nxt = lines[j]
        t = nxt.stripped
        hyphen = re.search(r"[^\W\d_][-‐]\Z", value) is not None and t[:1].islower()
        adjacent = j == k and not hyphen
        if not (hyphen or adjacent) or label_of(t) is not None or is_furniture(t):
            break
        if adjacent and not (value.endswith(",") or t[:1].islower() or re.match(r"pp?\.\s", t)):
            break
        value = value + t if hyphen else f"{value} {t}"  # "Информационно-издательский"
        value_lines.append(nxt.no)
        k = j + 1
    return value, k


def _skip_block(page: Page, i: int) -> int:
    """Wilson's "Related Documents" and "Associated …" blocks: chrome up to the next label."""
    lines = page.lines
    lines[i].kind, lines[i].reason = Kind.FURNITURE, "page furniture"
    j = i + 1
    while j < len(lines):
        t = lines[j].stripped
        if t and (
            label_of(t) is not None
            or t == "Document Information"
            or t.startswith("Référence électronique")
        ):
            break
        if t and (_WILSON_BLOCKS.fullmatch(t) or _TRAILING_BLOCKS.fullmatch(t)):
            lines[j].kind, lines[j].reason = Kind.FURNITURE, "page furniture"
        elif t:
            lines[j].kind, lines[j].reason = Kind.FURNITURE, f"page furniture ({lines[i].stripped})"
        j += 1
    return j
