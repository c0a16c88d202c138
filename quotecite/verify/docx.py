"""A Word manuscript (.docx) as Markdown-like text, for the Markdown quotation finder.

A .docx file is a zip of WordprocessingML; lxml (already a dependency) reads it. Each Word
paragraph becomes one line followed by a blank line, so line *2k − 1* of the text is paragraph
*k* (``paragraph_of_line``). Paragraphs in a quotation style ("Quote", "Block Text", "Intense
Quote") or indented on both sides become ``>`` block quotations; footnote references become
``[^id]`` markers and the footnotes ``[^id]: text`` definitions. External entities and DTDs are
not resolved.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from quotecite.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUOTE_STYLES = {"quote", "blocktext", "intensequote", "quotation", "blockquote"}
_MAX_PART = 64 * 1024 * 1024


def _parse(archive: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree  # type: ignore[import-untyped]

    info = archive.getinfo(name)
    if info.file_size > _MAX_PART:
        raise InputError(f"{name} in the manuscript is too large ({info.file_size} bytes)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(archive.read(name), parser)


def _text(p: Any) -> str:
    out: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t" and el.text:
            out.append(el.text)
        elif tag == f"{W}tab" or tag in (f"{W}br", f"{W}cr"):
            out.append(" ")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag == f"{W}footnoteReference":
            out.append(f"[^{el.get(f'{W}id')}]")
    return "".join(out)


def _is_quote(p: Any) -> bool:
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    style = ppr.find(f"{W}pStyle")
    if style is not None and (style.get(f"{W}val") or "").replace(" ", "").lower() in QUOTE_STYLES:
        return True
    ind = ppr.find(f"{W}ind")
    if ind is not None:
        left = ind.get(f"{W}left") or ind.get(f"{W}start") or "0"
        right = ind.get(f"{W}right") or ind.get(f"{W}end") or "0"
        try:
            return int(left) >= 567 and int(right) >= 567  # both sides, 1 cm or more
        except ValueError:
            return False
    return False


def docx_text(path: Path) -> str:
    """The manuscript's text: paragraphs, block quotations and footnotes (see module doc)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise InputError(f"'{path}' is not a Word document (no word/document.xml)")
            body = _parse(archive, "word/document.xml")
            notes = _parse(archive, "word/footnotes.xml") if "word/footnotes.xml" in names else None
    except FileNotFoundError:
        raise InputError(f"no manuscript '{path}'") from None
    except zipfile.BadZipFile:
        raise InputError(f"'{path}' is not a .docx file (not a zip archive)") from None
    except OSError as exc:
        raise InputError(f"cannot read manuscript '{path}': {exc.strerror}") from None
    except Exception as exc:  # lxml's XMLSyntaxError, without importing lxml at module level
        if type(exc).__name__ == "XMLSyntaxError":
            raise InputError(f"'{path}' has malformed XML: {exc}") from None
        raise
    lines: list[str] = []
    for p in body.iter(f"{W}p"):
        text = " ".join(_text(p).split())
        lines.append(f"> {text}" if text and _is_quote(p) else text)
    if notes is not None:
        for note in notes.iter(f"{W}footnote"):
            ident = note.get(f"{W}id")
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(" ".join(_text(p).split()) for p in note.iter(f"{W}p")).strip()
            lines.append(f"[^{ident}]: {text}")
    return "\n\n".join(lines) + "\n"


def paragraph_of_line(line: int) -> int:
    return (line + 1) // 2
