"""Plain text: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1251/1252 detected.

:func:`decode` is the byte decoder ``quotecite.importer.decode`` has always offered (its text keeps
form feeds); :func:`read_text` makes a :class:`~quotecite.importer.formats.Source` of it, turning
form feeds (``\\f``, as pdftotext writes them between pages) into page boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotecite.errors import InputError
from quotecite.importer.formats import Source

__all__ = ["Decoded", "clean", "decode", "read_text"]

_SIGNATURES = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .odt?)"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file"),
    (b"{\\rtf", "an RTF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
)
#: C0 controls but tab, line feed, form feed and carriage return; DEL; C1 controls
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_NAMES = {"cp1251": "Windows-1251", "cp1252": "Windows-1252"}


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  #: "UTF-8", "UTF-8 with BOM", "Windows-1251" …
    notes: tuple[str, ...] = ()


def decode(data: bytes, name: str = "<input>") -> Decoded:
    """Decode an import source; raises :class:`InputError` for empty or binary files."""
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}, not text (extract its text first)")
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}: not readable as UTF-16 despite its byte-order mark"
            ) from None
        encoding = "UTF-16"
    elif b"\x00" in data:
        raise InputError(f"{name}: a binary file, not text")
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data[3:].decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise InputError(f"{name}:{line}: not UTF-8 text despite its byte-order mark") from None
        encoding = "UTF-8 with BOM"
    else:
        try:
            text = data.decode("utf-8")
            encoding = "UTF-8"
        except UnicodeDecodeError:
            text, encoding = _detect(data, name)
            notes.append(f"not UTF-8: decoded as {encoding}")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(f"{name}: a binary file, not text ({controls} control characters)")
    if controls:
        text = _CONTROL.sub("", text)
        notes.append(removed_note(controls))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text=text, encoding=encoding, notes=tuple(notes))


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "cp1252"]).best()
    if best is None or best.encoding not in _NAMES:
        raise InputError(
            f"{name}: neither UTF-8 nor Windows-1251/1252 text; convert it to UTF-8 first"
        )
    return str(best), _NAMES[best.encoding]


def removed_note(controls: int) -> str:
    """The note that control characters left the text."""
    return f"removed {controls} control character{'s' if controls > 1 else ''}"


def read_text(data: bytes, name: str) -> Source:
    """A plain-text source; form feeds mark pages (``page_starts``), they stay out of the text."""
    decoded = decode(data, name)
    text, removed = clean(decoded.text, keep_form_feeds=True)
    notes = list(decoded.notes)
    if removed:
        notes.append(removed_note(removed))
    text, starts = paginate(text)
    return Source(
        name=name,
        kind="text",
        text=text,
        encoding=decoded.encoding,
        page_starts=starts,
        page_labels=tuple(str(n) for n in range(1, len(starts) + 1)),
        notes=tuple(notes),
    )


_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\r": "\n"})


def clean(text: str, *, keep_form_feeds: bool = False) -> tuple[str, int]:
    """Text as every reader hands it on: ``\\n`` line ends (also for U+2028/U+2029), no control
    characters but ``\\n`` and ``\\t`` (and ``\\f`` if asked); returns it and how many controls
    were removed."""
    text = text.replace("\r\n", "\n").translate(_SEPARATORS)
    if not keep_form_feeds:
        text = text.replace("\f", "\n")
    removed = len(_CONTROL.findall(text))
    return (_CONTROL.sub("", text) if removed else text), removed


def paginate(text: str) -> tuple[str, tuple[int, ...]]:
    """Form feeds → page boundaries: the text without them and the line each page begins on.

    A form feed ending the text (pdftotext ends every page with one) or beginning it makes no
    page; a form feed inside a line ends that line; an empty page is one empty line. A text with
    one form feed at its end is one page.
    """
    if "\f" not in text:
        return text, ()
    pages = text.split("\f")
    if not pages[-1].strip():
        trailing = pages.pop()
        if not pages[-1].endswith("\n") and trailing.endswith("\n"):
            pages[-1] += "\n"
    if pages and not pages[0]:
        pages.pop(0)
    out: list[str] = []
    starts: list[int] = []
    line = 1
    for page in pages:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
            line += 1
        starts.append(line)
        page = page or "\n"
        out.append(page)
        line += page.count("\n")
    return "".join(out), tuple(starts)
