"""PDF: the text layer, read with pdfminer.six's layout analysis, one page after another.

Each text box pdfminer finds (lines close enough together to belong to one block) becomes a block of
lines, with a blank line between boxes so that paragraphs set off by space survive. Pages follow
one another with a blank line between them (no text box spans a page); where each begins is
``page_starts``, with the printed page labels (``/PageLabels``: "iii", "iv", "1" …) as
``page_labels``. A PDF without any text (a scan) is refused: it needs OCR.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from quotecite.errors import InputError
from quotecite.importer.formats import Source, damaged
from quotecite.importer.formats.text import clean, removed_note

if TYPE_CHECKING:
    from pdfminer.layout import LAParams, LTItem

__all__ = ["MAX_PAGES", "read_pdf"]

#: a hostile or mistaken file is refused past this many pages (the file size is capped by the
#: package's MAX_BYTES)
MAX_PAGES = 2000

_CID = re.compile(r"\(cid:\d+\)")
#: the Latin ligatures of Alphabetic Presentation Forms (ﬁ, ﬂ …) that fonts map glyphs to: their
#: letters, so that the words are the words
_LIGATURES = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
_SPACES = re.compile(r"[ \u00a0]{2,}")


def _laparams() -> LAParams:
    from pdfminer.layout import LAParams

    return LAParams(
        # characters closer than 6 × their width are one line. pdfminer's default, 2, splits the
        # loose lines of justified text (a wide gap after a narrow ".", " ") into fragments that
        # its box ordering then moves: real texts typeset justified (tests/data/real in fpdf2)
        # came back with words out of order in 17 of 144 pages at 2, in 2 at 6; in two columns
        # in 27 of 38 at 2, in 4 at 6. Columns are not merged at 6: their text is one after the
        # other in the page's content stream, and only neighbours in that stream are joined
        char_margin=6.0,
        # lines whose vertical gap is under half a line's height are one text box: the lines of a
        # paragraph stay together, a paragraph set off by space (or a heading, a page number, a
        # running header) becomes a box of its own, i.e. a block after a blank line
        line_margin=0.5,
        # a gap wider than 0.1 × the character size is a space: PDFs made by TeX and many others
        # have no space characters, only gaps (runs of spaces this makes are collapsed)
        word_margin=0.1,
        # the reading order of boxes: mostly top to bottom, a little left to right, so that two
        # columns are read one after the other
        boxes_flow=0.5,
        # horizontal text only: vertical text in the margins (stamps, filing codes) of archival
        # scans would otherwise be read into the page as lines of single letters
        detect_vertical=False,
        # text inside figures (form XObjects) too: some producers, OCR layers among them, put the
        # whole page there
        all_texts=True,
    )


def read_pdf(data: bytes, name: str) -> Source:
    """The text of a PDF's text layer, page after page."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    with _pdfminer_log() as log:
        try:
            document = PDFDocument(PDFParser(io.BytesIO(data)))
        except PDFPasswordIncorrect:
            raise InputError(
                f"{name}: an encrypted PDF that needs a password: open it with the password and "
                "save (or print) it as a PDF without one, then import that"
            ) from None
        except PDFEncryptionError as exc:
            raise InputError(
                f"{name}: an encrypted PDF that cannot be decrypted ({exc}): save (or print) it "
                "as a PDF without encryption, then import that"
            ) from None
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            raise _damaged(name, exc) from None
        try:
            declared = _page_count(document)
        except Exception:
            declared = 0
        if declared > MAX_PAGES:
            raise _too_many(name, declared)
        metadata = _metadata(document)
        manager = PDFResourceManager(caching=True)
        device = PDFPageAggregator(manager, laparams=_laparams())
        interpreter = PDFPageInterpreter(manager, device)
        pages: list[str] = []
        labels: list[str] = []
        try:
            for number, page in enumerate(PDFPage.create_pages(document), 1):
                if number > MAX_PAGES:
                    raise _too_many(name, number)
                interpreter.process_page(page)
                pages.append(_page_text(device.get_result()))
                labels.append(page.label or str(number))
        except InputError:
            raise
        except RecursionError:
            raise InputError(
                f"{name}: a damaged PDF (its objects refer to each other in a loop)"
            ) from None
        except Exception as exc:
            raise _damaged(name, exc) from None
        if not document.is_extractable:
            log.append("the PDF asks that its text not be extracted; it was read all the same")
    if not pages:
        raise InputError(f"{name}: a PDF without pages")
    if not any(p.strip() for p in pages):
        raise InputError(
            f"{name}: a PDF without a text layer (a scan?): run OCR on it first, e.g. ocrmypdf, "
            "and import the result"
        )
    return _source(name, pages, labels, metadata, log)


def _source(
    name: str, pages: list[str], labels: list[str], metadata: dict[str, str], log: list[str]
) -> Source:
    notes: list[str] = []
    text = "".join(pages)
    found = _CID.findall(text)
    cids = len(found)
    if cids and sum(map(len, found)) * 2 > len(re.sub(r"\s", "", text)):
        raise InputError(
            f"{name}: the PDF's text layer has no Unicode mapping for its fonts (it comes out as "
            "(cid:N) codes): run OCR on it (e.g. ocrmypdf --force-ocr) and import the result"
        )
    if cids:
        notes.append(f"{cids} characters without a Unicode mapping in the PDF left as (cid:N)")
    starts: list[int] = []
    line = 1
    for page in pages:
        starts.append(line)
        line += page.count("\n") + 1
    text, removed = clean("\n".join(pages))
    if removed:
        notes.append(removed_note(removed))
    notes.extend(log)
    return Source(
        name=name,
        kind="pdf",
        text=text,
        encoding="PDF text layer",
        page_starts=tuple(starts),
        page_labels=tuple(labels),
        notes=tuple(notes),
        metadata=metadata,
    )


def _page_text(layout: LTItem) -> str:
    """One page: its text boxes in pdfminer's reading order, a blank line between boxes; every
    line of it ends in a newline (an empty page is one empty line)."""
    boxes = [_box_text(box) for box in _text_boxes(layout)]
    text = "\n\n".join(b for b in boxes if b)
    return text + "\n" if text else "\n"


def _text_boxes(item: LTItem) -> Iterator[LTItem]:
    from pdfminer.layout import LTFigure, LTPage, LTTextBox

    if isinstance(item, LTTextBox):
        yield item
    elif isinstance(item, LTPage | LTFigure):
        for child in item:
            yield from _text_boxes(child)


def _box_text(box: Any) -> str:
    lines = []
    for line in str(box.get_text()).translate(_LIGATURES).split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line:
            lines.append(line)
    return "\n".join(lines)


def _page_count(document: Any) -> int:
    from pdfminer.pdftypes import resolve1

    pages = resolve1(document.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    return count if isinstance(count, int) else 0


def _metadata(document: Any) -> dict[str, str]:
    """Title and author from the Info dictionary (not its dates: when the file was made, not the
    document)."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    out: dict[str, str] = {}
    for info in reversed(getattr(document, "info", []) or []):
        for key, field in (("Title", "title"), ("Author", "author")):
            try:
                value = resolve1(info.get(key))
                if isinstance(value, bytes):
                    value = decode_text(value)
            except Exception:
                continue
            if isinstance(value, str):
                value, _ = clean(" ".join(value.split()))
                if value and field not in out:
                    out[field] = value
    return out


def _damaged(name: str, exc: Exception) -> InputError:
    return damaged(
        name,
        exc,
        "a damaged or truncated PDF that pdfminer cannot read",
        "get the file again, or repair it (e.g. qpdf or by printing it to PDF) and import the "
        "result",
    )


def _too_many(name: str, pages: int) -> InputError:
    return InputError(
        f"{name}: a PDF of {pages} pages, more than the {MAX_PAGES} quotecite reads from one "
        "file: split it (e.g. qpdf --split-pages) and import the parts"
    )


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _pdfminer_log() -> Iterator[list[str]]:
    """pdfminer's warnings (it logs them, with no handler of its own) while a file is read,
    summed up as one note instead of lines on stderr; yields the list of notes to extend."""
    logger = logging.getLogger("pdfminer")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    notes: list[str] = []
    try:
        yield notes
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
    if handler.messages:
        first = handler.messages[0].splitlines()[0][:120] if handler.messages[0] else ""
        count = len(handler.messages)
        notes.insert(
            0,
            f"pdfminer reported {count} problem{'s' if count > 1 else ''} "
            f"reading the file (first: {first})",
        )
