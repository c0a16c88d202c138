"""Input readers of ``quotecite import``: the files historians have → text for the importer.

The format is decided from the content (:func:`sniff`), not only from the suffix: ``%PDF`` is a
PDF (:mod:`.pdf`, pdfminer.six), a ZIP holding ``word/document.xml`` a Word document (:mod:`.docx`,
docx2python), a file beginning with ``<!doctype html``/``<html`` a saved web page (:mod:`.html`,
trafilatura + inscriptis), anything else text (:mod:`.text`, UTF-8/UTF-16/Windows-1251/1252).
Other archives, legacy Office files, RTF and images are refused with what to do instead.

Every reader returns a :class:`Source`; every problem is an :class:`~quotecite.errors.InputError`
whose one-line message names the file. The parsing libraries are imported inside the readers only,
so importing this package costs the rest of quotecite nothing.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from quotecite.errors import InputError

__all__ = ["MAX_BYTES", "SUFFIXES", "Dropped", "Source", "read_bytes", "read_file", "sniff"]

#: the suffixes a directory import picks up
SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".text", ".md", ".pdf", ".html", ".htm", ".xhtml", ".docx"}
)
#: no import source may be larger: a guard against hostile or mistaken input
MAX_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Dropped:
    text: str  #: a line of the source left out of the document text
    reason: str  #: why: "page furniture outside the main content (trafilatura)" …


@dataclass(frozen=True, slots=True)
class Source:
    name: str  #: the file as given, or "<stdin>"
    kind: str  #: "text" | "pdf" | "html" | "docx"
    text: str  #: "\n" line ends, no "\f", no NUL/C0/C1 controls but \n and \t
    #: "UTF-8", "UTF-8 with BOM", "UTF-16", "Windows-1251", "Windows-1252", "PDF text layer",
    #: "HTML (UTF-8)", "Word document" …
    encoding: str
    #: 1-based line numbers of ``text`` where each page begins (PDF pages; form feeds in a .txt);
    #: () if not paged
    page_starts: tuple[int, ...] = ()
    #: the printed label of each page (PDF page labels when the PDF has them, else "1", "2", …);
    #: same length as page_starts
    page_labels: tuple[str, ...] = ()
    #: line numbers of ``text`` the reader judges page furniture (HTML: outside trafilatura's main
    #: content)
    furniture: frozenset[int] = frozenset()
    dropped: tuple[Dropped, ...] = ()  #: what the reader left out of ``text`` entirely
    notes: tuple[str, ...] = ()  #: messages for the user ("not UTF-8: decoded as Windows-1251")
    #: what the container itself states, keys "title", "author", "date", "url", "site"
    #: (HTML <title>/<meta>/citation_* tags, canonical link; PDF Info dict; docx core
    #: properties); only non-empty values
    metadata: Mapping[str, str] = field(default_factory=dict)


def read_file(path: Path) -> Source:
    """Read an import source; ``Path("-")`` reads standard input (named ``<stdin>``)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"<stdin>: {_too_large()}")
        return read_bytes(data, "<stdin>")
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{name}: a directory, not a file")
        if size > MAX_BYTES:
            raise InputError(f"{name}: {_too_large()}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: cannot read: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> Source:
    """Read an import source given as bytes; ``name`` is used in messages and in the Source."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: {_too_large()}")
    kind = sniff(data, name)
    if kind == "pdf":
        from quotecite.importer.formats.pdf import read_pdf

        return read_pdf(data, name)
    if kind == "docx":
        from quotecite.importer.formats.docx import read_docx

        return read_docx(data, name)
    if kind == "html":
        from quotecite.importer.formats.html import read_html

        return read_html(data, name)
    from quotecite.importer.formats.text import read_text

    return read_text(data, name)


def _too_large() -> str:
    return f"larger than {MAX_BYTES // 2**20} MB, more than quotecite imports from one file"


# --- sniffing -------------------------------------------------------------------------------

_CONVERT = "e.g. soffice --headless --convert-to docx FILE"
_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: how far into the file the HTML markers are looked for
_SNIFF = 4096


def sniff(data: bytes, name: str) -> str:
    """The kind of an import source from its first bytes: "pdf", "docx", "html" or "text".

    Raises :class:`InputError` for empty files and for formats quotecite does not read, saying
    what the file is and how to convert it.
    """
    if not data.strip():
        raise InputError(f"{name}: the file is empty")
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_ZIP):
        return _sniff_zip(data, name)
    if data.startswith(_OLE2):
        raise InputError(f"{name}: {_ole2_kind(data)}")
    if data.startswith(b"{\\rtf"):
        raise InputError(
            f"{name}: an RTF document, not text: save it as .docx or plain text ({_CONVERT}) "
            "and import that"
        )
    for magic, what in _IMAGES:
        if data.startswith(magic):
            return _refuse_image(name, what)
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return _refuse_image(name, "a WebP image")
    if _looks_like_html(data, name):
        return "html"
    return "text"


def _refuse_image(name: str, what: str) -> str:
    raise InputError(
        f"{name}: {what}, not text: run OCR on it first (e.g. tesseract, or ocrmypdf for a PDF) "
        "and import the result"
    )


def _looks_like_html(data: bytes, name: str) -> bool:
    """``<!doctype html`` or ``<html`` in the first few KB of a file that begins with markup."""
    head = data[: _SNIFF * 2]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", "ignore")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    text = text.lstrip("\ufeff \t\r\n\f")[:_SNIFF].lower()
    if not text.startswith("<"):
        return False
    return bool(_HTML_START.search(text)) or name.lower().endswith(_HTML_SUFFIXES)


def _sniff_zip(data: bytes, name: str) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = ""
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            if info is not None and info.file_size < 200:
                mimetype = archive.read(info).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise InputError(
            f"{name}: a damaged ZIP archive (a .docx is one): it cannot be opened; save the "
            "document again and import the new file"
        ) from None
    except Exception as exc:  # zlib.error and whatever else a hostile archive provokes
        raise InputError(f"{name}: a damaged ZIP archive ({type(exc).__name__})") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith("application/vnd.oasis.opendocument.text"):
        raise InputError(
            f"{name}: an OpenDocument text (.odt), which quotecite does not read: save it as "
            f".docx ({_CONVERT}) and import that"
        )
    if mimetype.startswith("application/vnd.oasis.opendocument"):
        raise InputError(
            f"{name}: an OpenDocument spreadsheet or presentation, not a text document: "
            "copy its text into a .txt or .docx file and import that"
        )
    if mimetype == "application/epub+zip":
        raise InputError(
            f"{name}: an EPUB e-book, which quotecite does not read: convert the chapter you "
            "need to .docx or text (e.g. pandoc FILE -o out.docx, or calibre) and import that"
        )
    if "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
        raise InputError(
            f"{name}: an Excel workbook or PowerPoint presentation, not a text document: "
            "copy its text into a .txt or .docx file and import that"
        )
    raise InputError(f"{name}: a ZIP archive, not a document: unpack it and import its files")


def _ole2_kind(data: bytes) -> str:
    """What a Compound File Binary (OLE2) file is, from the stream names in its directory."""
    head = data[: 1 << 20]
    if "EncryptedPackage".encode("utf-16-le") in head:
        return (
            "a password-protected Office document: open it in Word, remove the password "
            "(File › Info › Protect Document) and save it again, then import the .docx"
        )
    if "WordDocument".encode("utf-16-le") in head:
        what = "a legacy Word document (.doc)"
    elif "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        what = "a legacy Excel workbook (.xls)"
    else:
        what = "a legacy Microsoft Office file (.doc/.xls/.ppt)"
    return f"{what}, which quotecite does not read: save it as .docx ({_CONVERT}) and import that"


def damaged(name: str, exc: Exception, what: str, advice: str) -> InputError:
    """The one-line error for a file its reader library cannot read: what it is, the library's
    own word on why, and what to do."""
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    why = type(exc).__name__ + (f": {detail}" if detail else "")
    return InputError(f"{name}: {what} ({why}); {advice}")
