"""Raw text → a corpus Document: structure, detected metadata, --meta, flags (later wins)."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecite.archival.parser import SourceNote, parse_name, parse_source_note, split_names
from quotecite.errors import CorpusError, InputError
from quotecite.importer.datetext import find_date, parse_date_text
from quotecite.importer.decode import decode
from quotecite.importer.layout import Repair
from quotecite.importer.structure import M_CLOSE, M_OPEN, RawParagraph, Structure, analyse
from quotecite.model import Document, Marker, Name, Paragraph, Part, Role

_GENRE = re.compile(
    r"(?P<g>Memorandum|Memo|Letter|Note|Notes|Telegram|Cable|Report|Information|Directive|"
    r"Instruction|Resolution|Decree|Minutes|Transcript|Record of (?:a |the )?[Cc]onversation|"
    r"Memorandum of (?:a |the )?[Cc]onversation|Diary [Ee]ntry|Speech|Appeal|Statement)\b"
)
_FROM_TO = re.compile(
    r"\b(?:from|by)\s+(?P<from>.+?)(?:\s+to\s+(?P<to>.+?))?"
    r"(?=\s+(?:on|regarding|about|concerning|re:|in|at|with)\s|,|\s*$)"
    r"|\bto\s+(?P<to2>.+?)(?=\s+(?:on|regarding|about|concerning|re:|in|at|with)\s|,|\s*$)"
)
_BODY_WORDS = {
    "Politburo", "Committee", "CC", "CPSU", "Ministry", "Department", "Embassy", "Government",
    "Council", "Presidium", "Secretariat", "Bureau", "Party", "Commission", "Office", "Staff",
    "KGB", "MFA", "Leadership", "Members", "Comrades", "Union", "Soviet", "State", "Directorate",
}  # fmt: skip
_CYR = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
})  # fmt: skip
_LETTER = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_ID_OK = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


@dataclass
class Overrides:
    """What the user says on the command line or in a --meta file; wins over detection."""

    id: str | None = None
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    translators: list[str] = field(default_factory=list)
    meta: dict[str, Any] | None = None
    meta_name: str | None = None


@dataclass
class ImportResult:
    document: Document
    text: str  #: the corpus file
    encoding: str
    source: str
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)  #: source lines that became metadata
    source_note: SourceNote | None = None


def load_meta(path: Path) -> dict[str, Any]:
    """A --meta file: TOML in the corpus file's metadata vocabulary."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: {exc}") from None


def import_bytes(
    data: bytes, source: str, corpus_dir: Path, overrides: Overrides | None = None
) -> ImportResult:
    decoded = decode(data, source)
    return import_text(
        decoded.text, source, corpus_dir, overrides, decoded.encoding, list(decoded.notes)
    )


def import_text(
    text: str,
    source: str,
    corpus_dir: Path,
    overrides: Overrides | None = None,
    encoding: str = "UTF-8",
    notes: list[str] | None = None,
) -> ImportResult:
    ov = overrides or Overrides()
    text = text.lstrip("\ufeff").replace(M_OPEN, "").replace(M_CLOSE, "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    st = analyse(text)
    if not any(p.role is not Role.FOOTNOTE for p in st.paragraphs):
        raise InputError(f"{source}: no paragraphs of text found")
    warnings = list(st.warnings)
    meta, source_note = detect_metadata(st, text, warnings)
    if ov.meta:
        meta = _deep_merge(meta, ov.meta)
    _apply_flags(meta, ov, source)
    if not meta.get("title"):
        raise InputError(f"{source}: no title found in the text; give --title or title in --meta")
    if not meta.get("id"):
        meta["id"] = derive_id(meta)
    paragraphs = tuple(_paragraph(p) for p in st.paragraphs)
    document = _document(meta, paragraphs, corpus_dir, source, ov.meta_name)
    from quotecite.corpusfile import format_document

    return ImportResult(
        document=document,
        text=format_document(document),
        encoding=encoding,
        source=source,
        warnings=warnings,
        notes=notes or [],
        repairs=st.repairs,
        consumed=st.consumed,
        source_note=source_note,
    )


# --------------------------------------------------------------------------- metadata


def detect_metadata(
    st: Structure, text: str, warnings: list[str]
) -> tuple[dict[str, Any], SourceNote | None]:
    meta: dict[str, Any] = {"type": "manuscript"}
    publication: dict[str, Any] = {}
    title_text = st.heading.title if st.heading else st.title_line
    issued = None
    if title_text:
        found = find_date(title_text)
        if found and not title_text[found[2] :].strip(" .,)"):
            issued = found[0]
            title_text = title_text[: found[1]].rstrip(" ,;:(")
        meta["title"] = title_text.strip()
        _people_from_title(meta, meta["title"])
    if st.heading and st.heading.number:
        publication["number"] = st.heading.number
    if st.editors:
        publication["editor"] = [parse_name(e).to_csl() for e in st.editors]
    if issued is None:
        for p in st.paragraphs:
            if p.role is Role.DATELINE:
                found = find_date(_plain(p.parts[0]))
                if found:
                    issued = found[0]
                    break
    if issued is not None:
        meta["issued"] = issued.to_edtf()
    body_text = " ".join(
        _plain(part) for p in st.paragraphs if p.role is Role.BODY for part in p.parts
    )
    language = detect_language(body_text)
    if language:
        meta["language"] = language
    meta["numbering"] = "printed" if st.style else "supplied"

    source_note = None
    notes: list[str] = []
    for p in st.paragraphs:
        if p.role is Role.SOURCE_NOTE:
            source_note = parse_source_note(_plain(" ".join(p.parts)))
            break
    if source_note is not None:
        refs = source_note.references
        if refs:
            meta["archival"] = {k: v for k, v in refs[0].as_dict().items() if v is not None}
            for extra in refs[1:]:
                where = ", ".join(
                    x for x in (extra.acronym or extra.archive, extra.location()) if x
                )
                notes.append(f"Also: {where}.")
            if len(refs) > 1:
                warnings.append(
                    f"the source note gives {len(refs)} archival references: the first is in "
                    "[archival], the others in note"
                )
        for problem in source_note.problems:
            warnings.append(f"source note: {problem}")
        if source_note.translators:
            meta["translator"] = [n.to_csl() for n in source_note.translators]
        if source_note.on_file_sentence:
            notes.insert(0, source_note.on_file_sentence)
        if source_note.translated_for:
            publication["publisher"] = source_note.translated_for
        if source_note.translators and language:
            original = [lang for lang in source_note.languages if lang != language]
            if original:
                meta["original-language"] = original[0]
    if notes:
        meta["note"] = " ".join(notes)
    if publication:
        meta["publication"] = publication
    return meta, source_note


def _people_from_title(meta: dict[str, Any], title: str) -> None:
    g = _GENRE.match(title)
    if not g:
        return
    meta["genre"] = g.group("g").lower()
    m = _FROM_TO.search(title, g.end())
    if not m:
        return
    sender = m.group("from")
    recipient = m.group("to") or m.group("to2")
    if sender:
        meta["author"] = [_person_or_body(n) for n in re.split(r"\s+and\s+|,\s*", sender) if n]
    if recipient:
        meta["recipient"] = [_person_or_body(n) for n in re.split(r"\s+and\s+", recipient) if n]


def _person_or_body(text: str) -> dict[str, str]:
    words = text.strip().split()
    if words and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(words)
    if (
        not words
        or any(w in _BODY_WORDS or (w.isupper() and len(w) > 1) for w in words)
        or len(words) > 4
    ):
        return {"literal": name}
    return parse_name(name).to_csl()


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    letters = sum(map(len, _LETTER.findall(sample)))
    if not letters:
        return None
    if sum(map(len, _CYRILLIC.findall(sample))) > letters / 2:
        return "ru"
    words = re.findall(r"[a-z]+", sample.lower())
    if (
        words
        and sum(1 for w in words if w in {"the", "and", "of", "to", "in", "is", "that"})
        > len(words) * 0.08
    ):
        return "en"
    return None


def derive_id(meta: dict[str, Any]) -> str:
    """``garf-10063-1-190`` from the archival ref, else ``gorbachev-1986-06-26``, or title."""
    arch = meta.get("archival") or {}
    issued = meta.get("issued")
    date = issued if isinstance(issued, str) else ""
    if isinstance(arch, dict) and arch.get("acronym") and arch.get("fond") and arch.get("delo"):
        parts = [arch["acronym"], arch["fond"], arch.get("opis"), arch.get("papka"), arch["delo"]]
        return slug("-".join(str(p) for p in parts if p))
    authors = meta.get("author") or []
    if authors and isinstance(authors, list) and isinstance(authors[0], dict) and date:
        who = authors[0].get("family") or authors[0].get("literal") or ""
        if who:
            return slug(f"{who}-{date}")
    words = re.findall(r"\w+", str(meta.get("title", "")))[:6]
    return slug("-".join([*words, date] if date else words)) or "document"


def slug(text: str) -> str:
    text = text.lower().translate(_CYR)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9.]+", "-", text).strip("-.")
    return re.sub(r"-{2,}", "-", text)[:80].strip("-")


def _apply_flags(meta: dict[str, Any], ov: Overrides, source: str) -> None:
    if ov.id:
        meta["id"] = ov.id
    if ov.title:
        meta["title"] = ov.title
    if ov.date:
        try:
            meta["issued"] = parse_date_text(ov.date).to_edtf()
        except ValueError as exc:
            raise InputError(f"--date: {exc}") from None
    if ov.authors:
        meta["author"] = [_name_arg(a).to_csl() for a in ov.authors]
    if ov.translators:
        meta["translator"] = [_name_arg(a).to_csl() for a in ov.translators]


def _name_arg(text: str) -> Name:
    """--author "Gorbachev, Mikhail" or "Mikhail Gorbachev"; a body stays literal."""
    if "," in text:
        family, _, given = text.partition(",")
        return Name(family=family.strip(), given=given.strip())
    names = split_names(text)
    return names[0] if names else Name(literal=text.strip())


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


# --------------------------------------------------------------------------- document


def _plain(text: str) -> str:
    return re.sub(f"{M_OPEN}[^{M_CLOSE}]*{M_CLOSE}", "", text)


_SENTINEL = re.compile(f"\\s*{M_OPEN}([^{M_CLOSE}]*){M_CLOSE}")


def make_part(text: str) -> Part:
    """Text with marker sentinels → clean single-spaced text and marker offsets.

    A marker attaches to the text before it: ``word [1] more`` → ``word[^1] more``.
    """
    if M_OPEN not in text:
        return Part(text=" ".join(text.split()))
    clean = ""
    markers: list[Marker] = []
    pos = 0
    for m in _SENTINEL.finditer(text):
        chunk = " ".join(text[pos : m.start()].split())
        if chunk:
            if clean and text[pos : pos + 1].isspace():
                clean += " "
            clean += chunk
        markers.append(Marker(label=m.group(1), offset=len(clean)))
        pos = m.end()
    rest = " ".join(text[pos:].split())
    if rest:
        if clean and text[pos : pos + 1].isspace():
            clean += " "
        clean += rest
    return Part(text=clean, markers=tuple(markers))


def _paragraph(p: RawParagraph) -> Paragraph:
    return Paragraph(
        number=p.number or "", role=p.role, parts=tuple(make_part(t) for t in p.parts), line=p.line
    )


def _document(
    meta: dict[str, Any],
    paragraphs: tuple[Paragraph, ...],
    corpus_dir: Path,
    source: str,
    meta_name: str | None,
) -> Document:
    import tomli_w

    from quotecite.corpusfile import parse_text

    doc_id = str(meta.get("id", ""))
    if not _ID_OK.match(doc_id):
        raise InputError(
            f"{source}: id '{doc_id}' may use only lower-case letters, digits, '.', '_' and '-'"
        )
    try:
        header = "+++\n" + tomli_w.dumps(meta) + "+++\n"
        parsed = parse_text(header, corpus_dir / f"{doc_id}.md")
    except CorpusError as exc:
        where = meta_name or source
        raise InputError(f"{where}: {exc.message_only}") from None
    except (TypeError, ValueError) as exc:
        raise InputError(f"{meta_name or source}: {exc}") from None
    return parsed.document._replace(paragraphs=paragraphs, path=corpus_dir / f"{doc_id}.md")
