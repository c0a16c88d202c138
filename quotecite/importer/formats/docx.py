"""Word documents (.docx), read with docx2python, which reads footnotes and endnotes too.

Each Word paragraph is one line (a manual line break inside it stays a line break), a blank line
between paragraphs; a table row is one line, its cells separated by a tab. Footnote and endnote
references become ``[1]``-style markers, numbered in the order they appear in the text, as Word
numbers them (footnotes and endnotes in one sequence), and the notes follow the text after a line
``Notes``, each as ``[1] text``. Page headers and footers, comments and image descriptions are
left out and listed in ``dropped``.

A .docx is a ZIP archive: before docx2python opens it, the archive is checked (entry count,
declared uncompressed size, compression ratio, encryption, document type definitions) so that a
zip bomb or a hostile file is refused without being unpacked.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from quotecite.errors import InputError
from quotecite.importer.formats import Dropped, Source, damaged
from quotecite.importer.formats.text import clean, removed_note

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNCOMPRESSED", "read_docx"]

#: a .docx unpacking to more than this is refused (a long book is a few MB)
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: an entry larger than 10 MB unpacked that compresses more than 100:1 is a zip bomb (Word's XML
#: compresses about 5–20:1)
MAX_RATIO = 100
_RATIO_FLOOR = 10 * 1024 * 1024
#: a Word document has tens of parts, with images hundreds
MAX_ENTRIES = 10_000

_REFERENCE = re.compile(r"----(footnote|endnote)(-?\d+)----")
_NOTE_START = re.compile(r"(footnote|endnote)(-?\d+)\)\t")
_LINK = re.compile(r'<a href="[^"]*">(.*)</a>', re.DOTALL)
_IMAGE = re.compile(r"----[^\s<>]+/[^\s<>]+----")  # an image, by its path in the package
_ALT = re.compile(r"----Image alt text---->(.*)<", re.DOTALL)
_SYMBOL = re.compile(r"<span style=font-family:[^>]*>(&#x[0-9A-Fa-f]+;)</span>")
_LATEX = re.compile(r"<latex>(.*)</latex>", re.DOTALL)
_CORE = (("title", "title"), ("creator", "author"))


def read_docx(data: bytes, name: str) -> Source:
    """The text of a Word document: body, then its notes; metadata from the core properties."""
    _check_archive(data, name)
    from docx2python import docx2python

    try:
        with docx2python(io.BytesIO(data), duplicate_merged_cells=False) as content:
            body = content.body_pars
            notes = {"footnote": content.footnotes_pars, "endnote": content.endnotes_pars}
            furniture = [
                ("Word page header", content.header_pars),
                ("Word page footer", content.footer_pars),
            ]
            comments = content.comments
            core = content.core_properties
    except InputError:
        raise
    except Exception as exc:  # docx2python raises many kinds on a damaged document
        raise _damaged(name, exc) from None
    reader = _Reader()
    blocks = reader.body(body)
    note_text = reader.notes(notes)
    if note_text:
        blocks += ["Notes", *note_text]
    if not any(blocks):
        raise InputError(f"{name}: a Word document without text")
    dropped = [Dropped(line, reason) for reason, tree in furniture for line in _lines(tree)]
    dropped += [Dropped(line, "image description (alt text)") for line in reader.alt]
    for comment in comments:
        text = " ".join(str(comment[-1]).split()) if comment else ""
        if text:
            dropped.append(Dropped(text, "Word comment"))
    messages = list(reader.messages)
    if reader.images:
        messages.append(f"left out {reader.images} image{'s' if reader.images > 1 else ''}")
    text, removed = clean("\n\n".join(b for b in blocks if b) + "\n")
    if removed:
        messages.append(removed_note(removed))
    return Source(
        name=name,
        kind="docx",
        text=text,
        encoding="Word document",
        dropped=tuple(dict.fromkeys(dropped)),
        notes=tuple(messages),
        metadata=_metadata(core),
    )


def _check_archive(data: bytes, name: str) -> None:
    """Refuse a hostile or damaged archive before anything is unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise InputError(
                    f"{name}: a .docx of {len(entries)} parts, more than the {MAX_ENTRIES} of "
                    "any Word document: refused"
                )
            total = 0
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise InputError(
                        f"{name}: a .docx with encrypted parts: save it again without a password "
                        "and import that"
                    )
                total += entry.file_size
                if total > MAX_UNCOMPRESSED:
                    raise InputError(
                        f"{name}: a .docx that unpacks to more than "
                        f"{MAX_UNCOMPRESSED // 2**20} MB (a zip bomb?): refused"
                    )
                if entry.file_size > _RATIO_FLOOR and entry.file_size > MAX_RATIO * max(
                    entry.compress_size, 1
                ):
                    raise InputError(
                        f"{name}: a .docx whose {entry.filename} compresses "
                        f"{entry.file_size // max(entry.compress_size, 1)}:1 (a zip bomb?): "
                        "refused"
                    )
            for entry in entries:
                if entry.filename.endswith((".xml", ".rels")):
                    with archive.open(entry) as part:
                        head = part.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise InputError(
                            f"{name}: a .docx with a document type definition in "
                            f"{entry.filename}, which Word never writes: refused"
                        )
    except InputError:
        raise
    except NotImplementedError:
        raise InputError(
            f"{name}: a .docx compressed with a method Python cannot unpack: save it again in "
            "Word and import that"
        ) from None
    except Exception as exc:  # zipfile.BadZipFile, zlib.error, EOFError, OSError …
        raise _damaged(name, exc) from None


def _damaged(name: str, exc: Exception) -> InputError:
    return damaged(
        name,
        exc,
        "a damaged Word document that cannot be read",
        "open it in Word or LibreOffice, save it again and import the new file",
    )


class _Reader:
    """docx2python's nested lists (tables › rows › cells › paragraphs) → blocks of text."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], int] = {}  #: (kind, id) → printed marker
        self.alt: list[str] = []
        self.images = 0
        self.messages: list[str] = []

    def body(self, tables: list[Any]) -> list[str]:
        blocks: list[str] = []
        for table in tables:
            if _is_table(table):
                rows = ["\t".join(self._cell(cell) for cell in row) for row in table]
                blocks.append("\n".join(r for r in rows if r.strip()))
            else:
                blocks.extend(self._par(p) for row in table for cell in row for p in cell)
        return blocks

    def _cell(self, cell: list[Any]) -> str:
        return " ".join(t for t in (self._par(p).replace("\n", " ") for p in cell) if t)

    def _par(self, par: Any) -> str:
        text = "".join(self._run(str(run.text)) for run in par.runs)
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)

    def _run(self, text: str) -> str:
        m = _REFERENCE.fullmatch(text)
        if m:
            key = (m.group(1), m.group(2))
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            return f"[{number}]"
        m = _LINK.fullmatch(text)
        if m:
            return m.group(1)
        m = _ALT.fullmatch(text)
        if m:
            alt = " ".join(m.group(1).split())
            if alt:
                self.alt.append(alt)
            return ""
        if _IMAGE.fullmatch(text):
            self.images += 1
            return ""
        m = _LATEX.fullmatch(text)
        if m:
            return m.group(1)
        if "<span style=font-family:" in text:
            import html

            text = _SYMBOL.sub(lambda s: html.unescape(s.group(1)), text)
        return text

    def notes(self, trees: dict[str, list[Any]]) -> list[str]:
        """The notes as ``[n] text`` in marker order; notes without a marker follow, numbered on."""
        found: dict[tuple[str, str], list[str]] = {}
        for tree in trees.values():
            current: list[str] | None = None
            for table in tree:
                for row in table:
                    for cell in row:
                        for par in cell:
                            texts = [str(run.text) for run in par.runs]
                            start = next((t for t in texts if t), "")
                            m = _NOTE_START.fullmatch(start)
                            if m:
                                current = found.setdefault((m.group(1), m.group(2)), [])
                                par_text = self._par_texts(texts[texts.index(start) + 1 :])
                            else:
                                par_text = self._par_texts(texts)
                            if current is not None and par_text:
                                current.append(par_text)
        unreferenced = [key for key in found if key not in self.numbers]
        for key in unreferenced:
            self.numbers[key] = len(self.numbers) + 1
        if unreferenced:
            self.messages.append(
                f"{len(unreferenced)} note{'s' if len(unreferenced) > 1 else ''} without a "
                "reference in the text, numbered after the others"
            )
        missing = [key for key in self.numbers if key not in found]
        if missing:
            self.messages.append(
                f"{len(missing)} note reference{'s' if len(missing) > 1 else ''} without a note"
            )
        order = sorted((n, key) for key, n in self.numbers.items() if key in found)
        return [f"[{n}] " + " ".join(found[key]) for n, key in order if found[key]]

    def _par_texts(self, runs: list[str]) -> str:
        return " ".join("".join(self._run(t) for t in runs).split())


def _is_table(table: list[Any]) -> bool:
    for row in table:
        for cell in row:
            for par in cell:
                return "tbl" in (getattr(par, "lineage", ()) or ())
    return False


def _lines(tables: list[Any]) -> list[str]:
    out: list[str] = []
    for table in tables:
        for row in table:
            for cell in row:
                for par in cell:
                    text = " ".join("".join(str(r.text) for r in par.runs).split())
                    if text:
                        out.append(text)
    return out


def _metadata(core: Any) -> dict[str, str]:
    """Title and author (creator) from the core properties; not their dates (when the file was
    made, not the document)."""
    out: dict[str, str] = {}
    if isinstance(core, dict):
        for key, field in _CORE:
            value = core.get(key)
            if isinstance(value, str):
                value = clean(" ".join(value.split()))[0]
                if value:
                    out[field] = value
    return out
