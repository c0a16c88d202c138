"""What a published text states about its document, gathered into corpus metadata.

:func:`read_document` runs the reading steps over a :class:`~quotecite.importer.formats.Source`
and assembles, from the head, the fields, the source notes and the document's own text:

* the **title** — the publisher's heading; else the document's own subject line ("On the
  confiscation of parcels …", "О …"); else a description supplied from what the text states
  (kind, author, recipient, date), marked ``title-supplied``;
* the **date** — the heading's; else a dated field ("Датировка"), a date line at the top of the
  text, a diary entry's opening date, the publisher's citation line, a dateline at the end;
* **authors** — as the title names them; else an author line, a diary series, an archive
  catalogue ("KGB memorandum from Andropov", "Signed by …"), a note-taker ("Compiled by …",
  "Notes of …"), or the signature of a letter, telegram or memorandum; never the participants
  of a conversation or a meeting, never editors or translators;
* **translators**, **archival references** (all of them, the first primary), the original
  language — from the source notes, the publisher's citation and fields;
* the **publication** — the volume and its editors, the document's number in it, a digital
  archive's name and address, the publisher of a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from quotecite.archival.parser import SourceNote, parse_name, parse_source_note
from quotecite.dates import DateSpec
from quotecite.importer.apparatus import Apparatus, find_apparatus
from quotecite.importer.build import LeftOut, references_meta
from quotecite.importer.datetext import date_line, find_date, find_dates, numeric_date
from quotecite.importer.formats import Source
from quotecite.importer.head import Head, find_head, is_heading_like
from quotecite.importer.layout import Repair, is_classification
from quotecite.importer.page import Kind, Page, read_page
from quotecite.importer.people import (
    People,
    from_signature,
    from_title,
    genitive,
    genre_of,
    is_body,
    nominative,
    person,
)
from quotecite.importer.structure import M_CLOSE, M_OPEN, RawParagraph, analyse, is_salutation
from quotecite.model import Archival, Name, Role

_JOURNAL_KEEPER = re.compile(
    r"(?:From the (?:diary|journal) of\s+)?(?:the\s+)?(?:Soviet\s+)?(?:Ambassador|Counsell?or|"
    r"Charg[ée] d['’]\s*Affaires|Envoy|Attach[ée]|(?:First|Second|Third) Secretary)\b[^.:;]{0,80}?"
    r",?\s+(?:Cde\.|Comrade|Com\.|тов\.)\s*(?P<n>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ]\.(?:\s*[A-ZА-ЯЁ]\.)?)?"
    r"(?:\s+[A-ZА-ЯЁ][\w’'-]+)?)[.,]?"
)
_ISSUED_BY = re.compile(
    r"(?:(?:Resolution|Decision|Decree|Protocol|Minutes)\s+)?of\s+the\s+(?P<body>"
    r"(?:(?:CPSU|VKP\(b\)|RCP\(b\)|AUCP\(b\)|ECCI)\s+)?(?:Secretariat|"
    r"Politburo|Presidium|Plenum|Orgburo|Central Committee|Council of (?:People's )?"
    r"(?:Commissars|Ministers)|Central Executive Committee)\b[^.:;]{0,80})",
    re.IGNORECASE,
)
_SUBJECT = re.compile(r"(?:On|Concerning|Regarding|Re:|About|О|Об|По поводу|По вопросу)\s+\S")
_PERSON_EN = (
    r"(?:(?:[A-Z]\.\s?){1,3}\s?[A-Z][\w'’-]+|[A-Z][\w'’-]+\s+(?:[A-Z]\.\s?){1,2}[A-Z][\w'’-]+"
    r"|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
)
_NOTE_TAKER = re.compile(
    rf"(?i:compiled|recorded|taken down|written down|notes taken)\s+by\s+(?P<n>{_PERSON_EN})"
    rf"|Notes\s+of\s+(?P<n2>{_PERSON_EN})"
    rf"|:\s*(?P<n4>[A-Z][\w'’-]+\s+[A-Z][\w'’-]+)\s+record of (?:a |the )?conversation"
    r"|Записал[аи]?\s+(?P<n3>(?:[А-ЯЁ]\.\s?){1,2}\s?[А-ЯЁ][а-яё]+)",
)
#: a dateline's place, not a signer: "Moscow, 12 March 1983"
_PLACE_WORD = re.compile(
    r"(?:Moscow|Москва|Kremlin|Кремль|Washington|Berlin|Beijing|Peking|Paris|"
    r"London|Prague|Warsaw|Budapest|Bucharest|Sofia|Belgrade|Havana|Bonn)"
)
#: given names of the people these documents are by, as translations spell them
_GIVEN_NAMES = {
    "Aleksandr", "Alexander", "Aleksei", "Alexei", "Anatoly", "Anatolii", "Andrei", "Andrey",
    "Boris", "Dmitri", "Dmitrii", "Eduard", "Egon", "Erich", "Georgi", "Georgii", "Georgy",
    "Gennadi", "Grigori", "Igor", "Ivan", "Iosif", "Joseph", "Konstantin", "Lavrentii",
    "Lavrenty", "Leonid", "Mikhail", "Nikita", "Nikolai", "Nikolay", "Pavel", "Petr", "Pyotr",
    "Sergei", "Sergey", "Valentin", "Vasilii", "Vasily", "Viktor", "Vladimir", "Vladislav",
    "Vyacheslav", "Yegor", "Yuri", "Yury", "Walter", "Wojciech", "Todor", "Janos", "János",
    "Gustav", "Margaret", "Ronald", "George", "James", "Henry", "Zbigniew",
    "Helmut", "François", "Fidel", "Raul", "Ernesto", "Nicolae", "Enver", "Josip", "Klement",
    "Antonin", "Antonín", "Mátyás", "Imre", "Wladyslaw", "Władysław", "Palmiro", "Maurice",
}  # fmt: skip
#: an address or a line of the document's header, not its title
_ADDRESS = re.compile(
    r"(?:To|For|Dear|Esteemed|Copy|Tov\.|Тов\.|Товарищу|В ЦК|ЦК|Секретарю|Members? of|Excerpts?|"
    r"Results of|Secretaries of)\b",
    re.I,
)
_SIGNED = re.compile(r"Signed by\s+(?P<names>[^.\[]+)", re.I)
_URL = re.compile(r"https?://\S+[\w/]")
_ORIGINAL_IN = re.compile(
    r"Original in (?P<l>[A-Z][a-z]+)|Original Language:?\s*(?P<l2>[A-Z][a-z]+)"
)
_LANGUAGES = {
    "russian": "ru", "german": "de", "french": "fr", "polish": "pl", "czech": "cs",
    "hungarian": "hu", "chinese": "zh", "korean": "ko", "english": "en", "bulgarian": "bg",
    "romanian": "ro", "serbian": "sr", "slovak": "sk", "mongolian": "mn", "vietnamese": "vi",
    "spanish": "es", "italian": "it", "ukrainian": "uk", "albanian": "sq", "japanese": "ja",
}  # fmt: skip
_DIGITAL_ARCHIVE = re.compile(
    r"History and Public Policy Program Digital Archive|Wilson Center Digital Archive"
)
_RU_GENRE_WORDS = {
    "diary": "Дневник", "letter": "Письмо", "telegram": "Телеграмма", "memorandum": "Записка",
    "report": "Доклад", "resolution": "Постановление", "minutes": "Протокол",
    "record of conversation": "Запись беседы", "transcript": "Стенограмма", "notes": "Записи",
    "decree": "Декрет", "order": "Приказ", "directive": "Директива", "speech": "Речь",
}  # fmt: skip
_LETTER = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")


@dataclass
class Reading:
    meta: dict[str, Any]
    paragraphs: list[RawParagraph]
    warnings: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    source_note: SourceNote | None = None
    starts: list[int] = field(default_factory=list)  #: lines where further documents begin


def read_document(src: Source) -> Reading:
    text = src.text.replace(M_OPEN, "").replace(M_CLOSE, "")
    page = read_page(text, src.furniture)
    head = find_head(page)
    app = find_apparatus(page, head)
    body_text = "\n".join(line.text if line.kind is Kind.TEXT else "" for line in page.lines)
    st = analyse(body_text, heading=head.found, roles=app.roles, starts=app.starts)
    paragraphs = _with_cut_headnotes(st.paragraphs, head)
    _front_matter(paragraphs, numbered=st.style is not None)
    reading = Reading(meta={}, paragraphs=paragraphs, warnings=list(st.warnings))
    reading.repairs = st.repairs
    reading.left_out = _left_out(page, head, st.repairs, st.consumed)
    _Assembler(src, page, head, app, paragraphs, reading, numbered=st.style is not None).run()
    return reading


def _with_cut_headnotes(paragraphs: list[RawParagraph], head: Head) -> list[RawParagraph]:
    """A flattened page's headnote, cut from its line by the head, as a headnote paragraph."""
    if not head.headnote_text:
        return paragraphs
    out = list(paragraphs)
    for k, (line, text) in enumerate(head.headnote_text, start=1):
        at = next((i for i, p in enumerate(out) if p.line >= line), len(out))
        out.insert(at, RawParagraph(number=f"h{k}", role=Role.HEADNOTE, parts=[text], line=line))
    _renumber_headnotes(out)
    return out


_CREDITS = re.compile(
    r"\b(?:Translated by|Translation by|Edited by|Donated by|Compiled by)\s+[A-Z]|©|\(c\) \d{4}"
)


def _front_matter(paragraphs: list[RawParagraph], numbered: bool) -> None:
    """A first paragraph of credits before the text ("Donated by … Translated by Anna Melyakova
    Edited by Svetlana Savranskaya … © The National Security Archive, 2010"): the publisher's."""
    body = [p for p in paragraphs if p.role is Role.BODY]
    if len(body) < 2:
        return
    first = " ".join(body[0].parts)
    if len(_CREDITS.findall(first)) >= 2 and len(first) < 1500 and not numbered:
        body[0].role = Role.SOURCE_NOTE
        notes = [p for p in paragraphs if p.role is Role.SOURCE_NOTE]
        for k, p in enumerate(notes, start=1):
            p.number = f"src{k}"
        _renumber_supplied(paragraphs, numbered=False)


def _renumber_supplied(paragraphs: list[RawParagraph], numbered: bool) -> None:
    """Numbers quotecite supplied, made consecutive again after a paragraph went."""
    n = 0
    for p in paragraphs:
        if p.role is Role.BODY and (not numbered or (p.number or "").startswith("p")):
            n += 1
            p.number = str(n) if not numbered else f"p{n}"


def _renumber_headnotes(paragraphs: list[RawParagraph]) -> None:
    n = 0
    for p in paragraphs:
        if p.role is Role.HEADNOTE and (p.number or "").startswith("h"):
            n += 1
            p.number = f"h{n}"


def _left_out(page: Page, head: Head, repairs: list[Repair], consumed: list[str]) -> list[LeftOut]:
    out: list[LeftOut] = []
    cut = {line for line, _text, _why in head.consumed}
    for line in page.lines:
        if line.kind in (Kind.FURNITURE, Kind.FIELD) and line.no not in cut:
            out.append(LeftOut(line.no, line.text.strip(), line.reason))
    for line_no, text, why in head.consumed:
        out.append(LeftOut(line_no, text, why))
    for r in repairs:
        if r.kind in ("page-number", "running-header", "separator", "rule"):
            out.append(LeftOut(r.line, r.detail, r.kind.replace("-", " ")))
    out.sort(key=lambda x: x.line)
    return out


def _plain(text: str) -> str:
    return re.sub(f"{M_OPEN}[^{M_CLOSE}]*{M_CLOSE}", "", text)


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    letters = sum(map(len, _LETTER.findall(sample)))
    if not letters:
        return None
    if sum(map(len, _CYRILLIC.findall(sample))) > letters / 2:
        return "ru"
    words = re.findall(r"[a-z]+", sample.lower())
    english = {"the", "and", "of", "to", "in", "is", "that"}
    if words and sum(1 for w in words if w in english) > len(words) * 0.08:
        return "en"
    return None


# --------------------------------------------------------------------------- assembly


def _widened(issued: DateSpec | None, title: str | None) -> DateSpec | None:
    """A day the page dates the document by, as the range its title gives: a page dated
    "January 22, 1987" over "Notes from Politburo Meeting, 21-22 January 1987"."""
    if issued is None or not title or issued.end:
        return issued
    for found in find_dates(title):
        spec = found.spec
        if found.precision == "range" and spec.start <= issued.start <= spec.end:
            return spec
    return issued


class _Assembler:
    def __init__(
        self,
        src: Source,
        page: Page,
        head: Head,
        app: Apparatus,
        paragraphs: list[RawParagraph],
        reading: Reading,
        numbered: bool,
    ) -> None:
        self.src = src
        self.page = page
        self.head = head
        self.app = app
        self.paragraphs = paragraphs
        self.reading = reading
        self.numbered = numbered
        self.meta: dict[str, Any] = {"type": "manuscript"}
        self._signed: list[Name] | None = None
        self.body = [p for p in paragraphs if p.role is Role.BODY]
        self.language = detect_language(
            " ".join(_plain(t) for p in self.body for t in p.parts)
        ) or detect_language(  # no text of its own beyond the heading and a note: theirs
            " ".join([head.title or "", *(_plain(t) for p in paragraphs for t in p.parts)])
        )
        self.notes = self._source_notes()

    # ---------------------------------------------------------------- run
    def run(self) -> None:
        meta = self.meta
        title, supplied_from = self._title()
        people = from_title(title, self.language) if title and not supplied_from else People()
        genre = (
            people.genre or self.head.genre or self._catalogue_people().genre or self._letter_form()
        )
        issued = _widened(self._date(), title)
        authors = self._authors(people, genre)
        references = self._references()
        translators = self._translators()
        if title is None:
            title = self._supplied_title(genre, authors, people.recipients, issued, references)
            supplied_from = "supplied"
        meta["title"] = title
        if supplied_from:
            meta["title-supplied"] = True
        if genre:
            meta["genre"] = genre
        if issued is not None:
            meta["issued"] = issued.to_edtf()
        if self.language:
            meta["language"] = self.language
        meta["numbering"] = "printed" if self.numbered else "supplied"
        if authors:
            meta["author"] = [n.to_csl() for n in authors]
        if people.recipients:
            meta["recipient"] = [n.to_csl() for n in people.recipients]
        if translators:
            meta["translator"] = [n.to_csl() for n in translators]
        original = self._original_language(references, translators)
        if original:
            meta["original-language"] = original
        if references:
            meta["archival"] = references_meta(references)
        self._locate(references)
        note = self._note()
        if note:
            meta["note"] = note
        publication = self._publication()
        if publication:
            meta["publication"] = publication
        self._warnings(references)
        self.reading.meta = meta

    # ---------------------------------------------------------------- leaves and pages
    def _locate(self, references: tuple[Archival, ...]) -> None:
        """Each paragraph's leaves (from leaf marks) and pages (PDF pages, page marks)."""
        from quotecite.importer.locators import first_leaf, place

        starts, labels = list(self.src.page_starts), list(self.src.page_labels)
        if not starts:
            # page-start marks of a PDF's text: "(1)", "(2)" alone on their lines
            for line in self.page.lines:
                m = re.fullmatch(r"\((\d{1,4})\)", line.stripped)
                if m and line.kind is Kind.FURNITURE:
                    starts.append(line.no)
                    labels.append(m.group(1))
        first = first_leaf(references[0].leaves) if references else None
        before = len(self.paragraphs)
        marks = place(self.paragraphs, first, starts, labels, frozenset(self.head.headnotes))
        self.reading.repairs.extend(marks)
        self.reading.left_out.extend(
            LeftOut(r.line, r.detail, r.kind.replace("-", " ")) for r in marks
        )
        self.reading.left_out.sort(key=lambda x: x.line)
        if len(self.paragraphs) != before:
            self.reading.paragraphs[:] = self.paragraphs
            _renumber_supplied(self.paragraphs, self.numbered)

    # ---------------------------------------------------------------- source notes
    def _source_notes(self) -> list[tuple[int, str]]:
        """The source notes in the order they count: a field's, a bracketed ``[Source: …]``,
        an archival line, the publisher's citation line."""

        def rank(item: tuple[int, str]) -> int:
            line, text = item
            if any(line in f.lines for f in self.page.fields if f.name in ("source", "archive")):
                return 0
            if text.lstrip().startswith(("[Source", "Source", "[Источник", "Архив")):
                return 1
            if self.head.citation and text == " ".join(self.head.citation.split()):
                return 3
            return 2

        notes = list(self.app.notes)
        paragraph_notes = [
            (p.line, _plain(" ".join(p.parts)))
            for p in self.paragraphs
            if p.role is Role.SOURCE_NOTE and p.line not in {n for n, _ in notes}
        ]
        notes.extend(paragraph_notes)
        if self.head.citation and not any(t == self.head.citation for _, t in notes):
            notes.append((0, self.head.citation))
        notes.sort(key=lambda item: (rank(item), item[0]))
        return notes

    def _parsed_notes(self) -> list[SourceNote]:
        if not hasattr(self, "_parsed"):
            # a source note is a few lines: what runs longer is not read as one
            self._parsed = [parse_source_note(text[:2000]) for _, text in self.notes]
        return self._parsed

    def _references(self) -> tuple[Archival, ...]:
        parsed = self._parsed_notes()
        # the first note that says where in an archive the document is: a publication's note
        # before it ("Лубянка … Архив Сталина. Документы …", "From the Library of Congress
        # exhibit …") only names a series or an exhibit
        located = [
            k
            for k, note in enumerate(parsed)
            if any(r.fond or r.opis or r.delo or r.papka or r.leaves for r in note.references)
        ]
        order = located + [k for k in range(len(parsed)) if k not in located]
        for k in order:
            note = parsed[k]
            refs = tuple(r for r in note.references if not r.is_empty())
            if refs:
                self.reading.source_note = note
                # a list of copies, one a line: "- L. 55. …" / "- GARF, f. 1235, …"
                line = self.notes[k][0]
                for (nxt_line, text), nxt in zip(
                    self.notes[k + 1 :], parsed[k + 1 :], strict=False
                ):
                    if nxt_line - line > 2 or not text.lstrip().startswith(("-", "–", "—", "•")):
                        break
                    refs += tuple(r for r in nxt.references if not r.is_empty())
                    line = nxt_line
                return self._with_page_archive(refs)
        archive = self.page.field("archive")
        if archive is not None:
            note = parse_source_note(archive.value)
            if note.references:
                self.reading.source_note = note
                return note.references
        return ()

    def _with_page_archive(self, refs: tuple[Archival, ...]) -> tuple[Archival, ...]:
        """A catalogue page names its archive once, above the entry ("Archive (Thatcher MSS)")."""
        if not self.head.archive or refs[0].archive or refs[0].acronym:
            return refs
        from quotecite.archival.registry import lookup

        info = lookup(self.head.archive)
        first = refs[0]._replace(
            archive=info.name if info else self.head.archive,
            acronym=info.acronym if info else None,
            place=info.place if info else None,
        )
        return (first, *refs[1:])

    def _translators(self) -> list[Name]:
        out: list[Name] = []
        seen: set[str] = set()
        for note in self._parsed_notes():
            for n in note.translators:
                key = (n.family or n.literal).casefold()
                if key not in seen:
                    seen.add(key)
                    out.append(n)
        credits = [person(text, self.language) for text in self.head.translators]
        field = self.page.field("translator")  # "Translated: Prof. Richard B. Day, of …"
        if field is not None:
            credits += parse_source_note(f"Translated by {field.value}").translators
        for credited in credits:
            if (
                credited is not None
                and (credited.family or credited.literal).casefold() not in seen
            ):
                seen.add((credited.family or credited.literal).casefold())
                out.append(credited)
        return out

    def _original_language(
        self, references: tuple[Archival, ...], translators: list[Name]
    ) -> str | None:
        texts = [t for _, t in self.notes]
        field_lang = self.page.field("language")
        if field_lang is not None:
            texts.append(f"Original Language: {field_lang.value}")
        for text in texts:
            m = _ORIGINAL_IN.search(text)
            if m:
                code = _LANGUAGES.get((m.group("l") or m.group("l2") or "").lower())
                if code and code != self.language:
                    return code
        if translators and self.language:
            for note in self._parsed_notes():
                original = [lang for lang in note.languages if lang != self.language]
                if original:
                    return original[0]
        return None

    def _note(self) -> str | None:
        for note in self._parsed_notes():
            if note.on_file_sentence:
                return note.on_file_sentence
        return None

    # ---------------------------------------------------------------- title
    def _title(self) -> tuple[str | None, str]:
        """(title, "" or why it is not the document's own: "supplied")."""
        if self.head.title:
            return self.head.title, ""
        subject = self._subject_line()
        if subject:
            return subject, ""
        return None, ""

    def _subject_line(self) -> str | None:
        """A document's own heading in its text, where the publisher gives none: its subject
        line ("On the confiscation of parcels …", "О …"), or, on an archive catalogue's page,
        the first heading after its marks and addressee ("Complaints by working people …")."""

        after_label = False
        for p in self.body[:12]:
            text = " ".join(_plain(p.parts[0]).split())
            words = len(text.split())
            listed, after_label = after_label, text.endswith(":")
            if listed or (text.count(",") >= 3 and words <= 3 * text.count(",")):
                continue  # "Comrades in attendance:" / "Yu.V. Andropov, A.A.Gromyko, …"
            if (
                _SUBJECT.match(text)
                and words <= 40
                and not re.search(r"(?<!\b[A-ZА-ЯЁ])[.!?]\s+[A-ZА-ЯЁ]", text)  # "A. D. Sakharov"
            ):
                return text.rstrip(":").strip()
            if words > 40 or (text.endswith(".") and words > 15):
                return None  # the text has begun
            if (
                self.head.catalogue
                and text[:1].isupper()
                and not is_classification(text)
                and not _ADDRESS.match(text)
                and date_line(text) is None
                and not re.search(r"\d{2,}|[:;]", text)
                and 3 <= words <= 30
            ):
                return text.rstrip(".").strip()
        return None

    def _supplied_title(
        self,
        genre: str | None,
        authors: list[Name],
        recipients: list[Name],
        issued: DateSpec | None,
        references: tuple[Archival, ...],
    ) -> str:
        """A description from what the text states: "Diary of Dimitrov", "Memorandum from X to
        Y" (the date is the document's own field: a citation prints it after the description)."""
        catalogue = self._catalogue_description()
        if catalogue:
            return catalogue
        if self.language == "ru" and genre:
            word = _RU_GENRE_WORDS.get(genre, "Документ")
            whose = self._series_genitive() or " ".join(genitive(n) for n in authors[:2])
            return f"{word} {whose}".strip()
        if genre:
            text = genre.capitalize()
            who = ", ".join(n.display() for n in authors)
            to = ", ".join(n.display() for n in recipients)
            if who:
                text += f" of {who}" if genre in ("diary", "notes") else f" from {who}"
            if to:
                text += f" to {to}"
            return text
        where = ""
        if references:
            ref = references[0]
            where = ", ".join(x for x in (ref.acronym or ref.archive, ref.location()) if x)
        if where:
            return f"Untitled document ({where})"
        return "Untitled document"

    def _series_genitive(self) -> str:
        m = re.search(r"дневников\s+(?P<n>[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+)", self._series_line())
        return m.group("n") if m else ""

    def _series_line(self) -> str:
        for line in self.page.lines:
            if line.no in self.head.headnotes:
                return line.stripped
        return ""

    def _catalogue_description(self) -> str | None:
        """An archive catalogue's description of the document, as its supplied title."""
        cat = self.head.catalogue
        if not cat or "thatcher" in self.page.sites:
            return None
        first = re.split(r"(?<=[a-z\])])\.\s+(?=[A-Z])|\s*\[", cat)[0].strip(" .")
        if len(first.split()) < 2:
            return None
        words = first.split()
        fixed = [w if not (w.isupper() and len(w) > 3) else w.lower() for w in words]
        return " ".join(fixed)

    # ---------------------------------------------------------------- date
    def _date(self) -> DateSpec | None:
        if self.head.date is not None:
            return self.head.date
        dated = self.page.field("date")
        if dated is not None:
            spec = date_line(dated.value)
            if spec is not None:
                return spec
        # a date line at the top of the text (after the heading, before the prose)
        top = [" ".join(_plain(p.parts[0]).split()) for p in self.body[:8]]
        for k, text in enumerate(top):
            if re.fullmatch(r"\d{1,2}", text) and k + 1 < len(top):
                text = f"{text} {top[k + 1]}"  # "28" / "August 1936": a date a wrap split
            spec = date_line(text)
            if spec is not None:
                return spec
            if len(text.split()) > 25:
                break
        # short lines that a hard wrap split a date over: "Top / secret / 28 / August 1936"
        opening = " ".join(" ".join(_plain(p.parts[0]).split()) for p in self.body[:6])
        found = find_dates(opening[:160])
        if (
            found
            and found[0].precision in ("day", "range")
            and self._heading_zone(opening, found[0].start)
        ):
            return found[0].spec
        # a diary entry opens with its date
        for p in self.body[:2]:
            text = " ".join(_plain(p.parts[0]).split())
            dates = find_dates(text[:40])
            if dates and dates[0].start == 0:
                return dates[0].spec
        for _, text in self.notes:
            if _DIGITAL_ARCHIVE.search(text) or re.search(r"\btrans\.|\bNotes of\b", text):
                found_date = find_date(text)
                if found_date is not None:
                    return found_date[0]
        for p in reversed(self.paragraphs):
            if p.role is Role.DATELINE:
                spec = date_line(_plain(p.parts[0]))
                if spec is not None:
                    return spec
        for p in self.body[-4:]:
            spec = date_line(" ".join(_plain(p.parts[-1]).split()))
            if spec is not None:
                return spec
        return None

    @staticmethod
    def _heading_zone(text: str, at: int) -> bool:
        before = text[:at]
        return len(before.split()) <= 8 and not re.search(
            r"[a-zа-яё]{4,}\s+[a-zа-яё]{4,}\s", before
        )

    # ---------------------------------------------------------------- people
    def _catalogue_people(self) -> People:
        cat = self.head.catalogue
        if not cat or "thatcher" in self.page.sites:
            return People()
        # what the document is: the summary's first sentence ("KGB memorandum."), not the
        # people its subject names ("… activities by the Helsinki Watch Committee")
        kind = re.split(r"(?<=[a-z\])])\.\s+(?=[A-Z])|\s*\[", cat)[0]
        people = from_title(kind, self.language)
        signed = _SIGNED.search(cat)
        if signed:
            names: list[Name] = []
            for part in re.split(r";\s*(?:and\s+)?", signed.group("names")):
                who = part.split(",")[0].strip()
                n = person(who, self.language)
                if n is not None:
                    names.append(n)
            if names:
                people.authors = names
        return people

    def _authors(self, people: People, genre: str | None) -> list[Name]:
        if people.authors:
            if genre in ("letter", "telegram", "memorandum") and all(
                n.literal for n in people.authors
            ):
                # sent in a body's name, signed by persons: they are its authors
                signers = [n for n in self._signers() if not n.literal]
                if signers:
                    return signers
            # the title's "Chairman Khrushchev" is the signature's "N. Khrushchev"
            signed = {n.family: n for n in self._signers() if n.family and n.given}
            return [
                signed.get(n.family, n) if n.family and not n.given else self._qualified(n)
                for n in people.authors
            ]
        taker = self._note_taker()
        if taker:
            return taker
        if people.no_author:
            return []
        if self.head.author_line:
            n = person(self.head.author_line, self.language)
            if n is not None:
                return [n]
        if self.head.series_author:
            who = self.head.series_author.split()
            if re.search("[А-я]", self.head.series_author):
                n = person(" ".join(nominative(w) for w in who), "ru")
                if n is not None:
                    return [Name(family=n.family, given=n.given)]
            else:
                n = person(self.head.series_author, self.language)
                if n is not None:
                    return [n]
        cat = self._catalogue_people()
        if cat.authors:
            return cat.authors
        body = self._issuing_body()
        if body is not None:  # and who signed for it: "Central Committee Secretary, L. Brezhnev"
            return [body, *(n for n in self._signers() if not n.literal)]
        if genre in (None, "letter", "telegram", "memorandum", "report", "directive", "order"):
            return self._signers()
        return []

    def _letter_form(self) -> str | None:
        """A text that opens with a salutation ("Вячеслав!", "Dear Comrade Stalin,") and
        ends signed is a letter."""
        if not self.body:
            return None
        opening = " ".join(_plain(self.body[0].parts[0]).split())
        if not is_salutation(opening, by_name=True) or not self._signers():
            return None
        return "letter"

    def _issuing_body(self) -> Name | None:
        """A resolution's heading line that names the body passing it, its genre word lost
        or set above: "of the Secretariat of the CPSU Central Committee"."""
        for p in self.body[:8]:
            text = " ".join(_plain(p.parts[0]).split())
            m = _ISSUED_BY.fullmatch(text)
            tail = re.search(r",\s+(?=(?:Resolution|Decision|Decree)\s+of\s+the\s)", text)
            if m is None and tail:  # a heading a list's trailing comma drew into it
                m = _ISSUED_BY.fullmatch(text[tail.end() :])
            if m:
                return Name(literal=m.group("body"))
        return None

    def _qualified(self, name: Name) -> Name:
        """A body the title names in one word ("Politburo") as the text qualifies it: "the
        meeting of the Politburo CC VKP(b)" → Politburo CC VKP(b)."""
        if not name.literal or " " in name.literal:
            return name
        text = " ".join(_plain(t) for p in self.body[:12] for t in p.parts)[:3000]
        m = re.search(
            rf"\b{re.escape(name.literal)}(?P<q>(?:\s+of\s+the)?\s+(?:"
            r"(?:CPSU|VKP\(b\)|КПСС)\s+(?:CC|Central Committee)"
            r"|(?:CC|Central Committee|ЦК)(?:\s+(?:of\s+the\s+)?[A-ZА-ЯЁ][\w()]*){1,2}))",
            text,
        )
        return Name(literal=name.literal + m.group("q")) if m else name

    def _note_taker(self) -> list[Name]:
        """Who took the notes or wrote the record: "Compiled by V. N. Malin", "Notes of A.S.
        Chernyaev", a catalogue's "Charles Powell record of conversation"."""
        texts = [t for _, t in self.notes] + [
            t for t in (self.head.catalogue, self.head.citation) if t
        ]
        # a line of its own at the top of the text: "Notes of Anatoly S. Chernyaev"
        texts += [
            " ".join(_plain(p.parts[0]).split())
            for p in self.body[:4]
            if len(p.parts[0].split()) <= 8
            and re.match(r"(?:Notes|Record|Записи|Запись)\b", p.parts[0])
        ]
        for text in texts:
            m = _NOTE_TAKER.search(text)
            if m:
                who = m.group("n") or m.group("n2") or m.group("n3") or m.group("n4") or ""
                n = person(who.strip(), self.language)
                if n is not None and not n.literal:
                    return [n]
        # a diplomat's journal: its keeper named on a line at the top, the period it covers
        # under it ("Ambassador of the USSR in the DPRK, Cde. Ivanov V.I." / "For the period …")
        for p in self.body[:6]:
            m = _JOURNAL_KEEPER.fullmatch(" ".join(_plain(p.parts[0]).split()))
            if m:
                n = person(m.group("n"), self.language)
                if n is not None and not n.literal:
                    return [n]
        return []

    def _signers(self) -> list[Name]:
        """Who signed (read once: the authors, the genre and the title all ask)."""
        if self._signed is None:
            self._signed = self._read_signers()
        return list(self._signed)

    def _read_signers(self) -> list[Name]:
        """Who signed: every signature at the end ("G. Dimitrov" / "D. Manuilsky" / "M.
        Moskvin"), a name beside the dateline ("Ercoli 17. 1. 37"), a short last line."""
        names: list[Name] = []
        for p in self.paragraphs:
            text = " ".join(_plain(" ".join(p.parts)).split())
            if p.role is Role.SIGNATURE and ":" not in text:
                names.extend(
                    n
                    for n in from_signature(text, self.language)
                    if n not in names and self._plausible_signer(n)
                )
            elif p.role is Role.DATELINE and names == []:
                found = numeric_date(text) or find_date(text)
                if found is not None:
                    rest = (text[: found[1]] + " " + text[found[2] :]).strip(" ,.")
                    if ":" in rest:
                        continue  # "Despatched: 19 February 1981 Firsanova": a clerk's note
                    who = (
                        person(rest, self.language)
                        if rest and not _PLACE_WORD.fullmatch(rest)
                        else None
                    )
                    if who is not None:
                        names.append(who)
        if names:
            return names
        # a short last line of the text that is a name: "Сталин.", "В. Молотов"
        if self.body:
            last = " ".join(_plain(self.body[-1].parts[-1]).split())
            if len(last.split()) <= 4 and not re.search(r"\d{2}|:", last):
                names = [n for n in from_signature(last, self.language) if not n.literal]
                if names and all(self._plausible_signer(n) for n in names):
                    return names
        return []

    def _plausible_signer(self, name: Name) -> bool:
        """A signature's name that is a person's: initials ("G. Dimitrov"), a surname the
        dictionary knows (Russian), a given name of the region, or a name the title also
        names ("Roshchin"); not "Nuclear Program"."""
        if name.literal:
            return is_body(name.literal)
        if "." in name.given:
            return True
        if re.search("[А-яЁё]", name.family):
            from quotecite.importer.people import is_surname

            return is_surname(name.family)
        title = self.head.title or ""
        return name.family in title or name.given in _GIVEN_NAMES

    # ---------------------------------------------------------------- publication
    def _publication(self) -> dict[str, Any]:
        pub: dict[str, Any] = {}
        head = self.head
        if head.container and not _DIGITAL_ARCHIVE.search(head.container):
            pub["container-title"] = head.container
        editors = list(head.editors)
        book_by = next(
            (
                m.group(1)
                for line in self.page.lines
                if (m := re.fullmatch(r"By (.{2,120}) \| Go to book overview", line.stripped))
            ),
            None,
        )
        if book_by:
            editors.extend(e.strip() for e in re.split(r";|\band\b", book_by) if e.strip())
        if editors:
            pub["editor"] = [parse_name(_fix_caps(e)).to_csl() for e in editors]
        if head.number:
            pub["number"] = head.number
        # a digital archive publishes the translation online: it is the publisher, with the
        # record's address ("History and Public Policy Program Digital Archive", its URL)
        for text in [head.citation or "", *(t for _, t in self.notes)]:
            archive = _DIGITAL_ARCHIVE.search(text)
            if archive:
                pub.setdefault("publisher", archive.group())
                url = _URL.search(text)
                if url:
                    pub["URL"] = url.group()
                break
        for note in self._parsed_notes():
            if note.translated_for and "publisher" not in pub:
                pub["publisher"] = note.translated_for  # "… for the National Security Archive"
                break
        reference = self.page.field("reference")
        if reference is not None:
            _openedition(reference.value, pub)
        return pub

    # ---------------------------------------------------------------- warnings
    def _warnings(self, references: tuple[Archival, ...]) -> None:
        w = self.reading.warnings
        note = self.reading.source_note
        if note is None and self.notes:
            note = self._parsed_notes()[0]  # no note names an archive: say why of the first
        if note is not None:
            for problem in note.problems:
                w.append(f"source note: {problem}")
            for archive in note.unknown_archives:
                w.append(f"source note: archive '{archive}' is not in the archive registry")
        if len(references) > 1:
            w.append(
                f"the source note gives {len(references)} archival references: the first is "
                "the primary one"
            )
        for line, text in self._further_documents():
            self.reading.starts.append(line)
            w.append(
                f"line {line}: another document seems to begin here (“{text[:60]}”); "
                "import it on its own, or use --split"
            )
        dropped = sum(1 for x in self.reading.left_out if "furniture" in x.reason)
        if dropped:
            w.append(
                f"left out {dropped} line{'s' if dropped > 1 else ''} of page furniture "
                "(--dry-run --json lists them)"
            )

    def _further_documents(self) -> list[tuple[int, str]]:
        """Headings like the first one after a source note: several documents in one file."""
        title = self.head.title or ""
        words = title.split()[:3]
        seen_note = False
        out: list[tuple[int, str]] = []
        for p in self.paragraphs:
            if p.role is Role.SOURCE_NOTE:
                seen_note = True
                continue
            if not seen_note or p.role is not Role.BODY:
                continue
            text = " ".join(_plain(p.parts[0]).split())
            if (
                len(words) >= 3
                and text.split()[:3] == words
                and is_heading_like(text)
                and genre_of(text)
            ) or re.match(r"(?:Document|DOCUMENT)\s+(?:No\.?\s*)?\d+\s*[:.]", text):
                out.append((p.line, text))
                seen_note = False
        return out


def _fix_caps(name: str) -> str:
    """ "JaromÍr NavrÁtil" (a site's small capitals) → "Jaromír Navrátil"."""
    return " ".join(w[:1] + w[1:].lower() if any(c.isupper() for c in w[1:]) and not w.isupper()
                    else w for w in name.split())  # fmt: skip


_OPENEDITION_REF = re.compile(
    r"In\s*:\s*(?P<book>.+?)\s*\[en ligne\]\.\s*(?P<place>[^:]+?)\s*:\s*(?P<publisher>[^,]+),\s*"
    r"(?P<year>\d{4})"
)


def _openedition(text: str, pub: dict[str, Any]) -> None:
    """OpenEdition's "Référence électronique du chapitre": the volume, publisher, place, year."""
    m = _OPENEDITION_REF.search(text)
    if m:
        book = re.sub(r"\s+:\s+", ": ", m.group("book").strip())
        pub["container-title"] = book
        pub["publisher"] = m.group("publisher").strip()
        pub["publisher-place"] = m.group("place").strip()
        pub["issued"] = m.group("year")
    url = re.search(r"<(https?://[^>]+)>", text)
    if url:
        pub["URL"] = url.group(1)
