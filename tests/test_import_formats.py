"""The input readers of quotecite import: PDF, saved web pages, Word documents, text; sniffing.

Every input is made here from real published texts (tests/data/seeds, tests/data/real): typeset
into PDFs with fpdf2, wrapped in a realistic archive page, written into a .docx with python-docx.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecite.errors import InputError
from quotecite.importer.formats import SUFFIXES, Source, read_bytes, read_file
from quotecite.importer.formats.text import read_text

from conftest import ROOT

SEED_DIR = ROOT / "tests" / "data" / "seeds"
REAL = ROOT / "tests" / "data" / "real"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")  # Debian's fonts-dejavu-core


def paragraphs(path: Path) -> list[str]:
    """The blank-line separated blocks of a real text, each with its whitespace normalised."""
    text = path.read_text("utf-8")
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def nonblank(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    """``needle`` occurs in ``haystack`` as a contiguous run."""
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def check_clean(source: Source) -> None:
    """What every reader promises about its text and its line numbers."""
    assert "\r" not in source.text and "\f" not in source.text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", source.text)
    lines = source.text.count("\n") + 1
    assert all(1 <= n <= lines for n in source.furniture)
    assert list(source.page_starts) == sorted(set(source.page_starts))
    assert len(source.page_labels) == len(source.page_starts)
    assert all(1 <= n <= lines for n in source.page_starts)


# --- PDF ------------------------------------------------------------------------------------


@pytest.fixture
def font() -> Path:
    if not FONT.exists():
        pytest.skip(f"{FONT} (Debian package fonts-dejavu-core) is needed to typeset Unicode")
    return FONT


def typeset(
    font: Path,
    pages: list[list[str]],
    *,
    labels: dict[int, tuple[str, int]] | None = None,
    title: str = "",
    author: str = "",
) -> bytes:
    """A PDF with the given paragraphs on each page (a blank line's space between paragraphs);
    ``labels``: page index → (fpdf2 label style, first number) where a page-label range starts."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(font))
    pdf.set_font("DejaVu", size=8)
    pdf.set_auto_page_break(False)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for index, page in enumerate(pages):
        pdf.add_page()
        if labels and index in labels:
            style, start = labels[index]
            pdf.set_page_label(label_style=style, label_start=start)
        for para in page:
            pdf.multi_cell(0, 4, para)
            pdf.ln(3)
        assert pdf.get_y() < pdf.h - 10, "the page's text runs off the page"
    return bytes(pdf.output())


def seed_pages() -> list[list[str]]:
    """Seed 000 (13 KB, 51 blocks) in three pages of about the same length."""
    paras = paragraphs(SEED_DIR / "000_b269804334c0b786.txt")
    third = sum(map(len, paras)) / 3
    pages: list[list[str]] = [[]]
    done = 0
    for para in paras:
        if done >= third * len(pages):
            pages.append([])
        pages[-1].append(para)
        done += len(para)
    assert len(pages) == 3
    return pages


def test_pdf_three_pages_words_in_order(font: Path) -> None:
    pages = seed_pages()
    data = typeset(font, pages, title="Notes on the new political thinking", author="A. Yakovlev")
    source = read_bytes(data, "notes.pdf")
    check_clean(source)
    assert (source.kind, source.encoding, source.notes) == ("pdf", "PDF text layer", ())
    # a blank line between paragraphs (pdfminer's text boxes); the lines of one joined again
    assert [" ".join(b.split()) for b in source.text.split("\n\n")] == [
        p for pg in pages for p in pg
    ]
    assert words(source.text) == words(" ".join(p for pg in pages for p in pg))
    assert source.page_labels == ("1", "2", "3")
    assert source.metadata == {
        "title": "Notes on the new political thinking",
        "author": "A. Yakovlev",
    }


def test_pdf_page_starts_are_where_each_page_begins(font: Path) -> None:
    pages = seed_pages()
    source = read_bytes(typeset(font, pages), "notes.pdf")
    lines = source.text.split("\n")
    first_lines = [lines[n - 1] for n in source.page_starts]
    assert len(first_lines) == 3
    assert all(pg[0].startswith(line) for pg, line in zip(pages, first_lines, strict=True))
    # each page's text is exactly its paragraphs
    bounds = [*source.page_starts, len(lines) + 1]
    for page, start, end in zip(pages, bounds, bounds[1:], strict=False):
        chunk = "\n".join(lines[start - 1 : end - 1]).strip("\n")
        assert [" ".join(b.split()) for b in chunk.split("\n\n")] == page


def test_pdf_page_labels_roman_then_arabic(font: Path) -> None:
    paras = paragraphs(REAL / "ru-chernyaev-diary-1986.txt")
    pages = [paras[:1], paras[1:2], paras[2:]]
    data = typeset(font, pages, labels={0: ("r", 3), 2: ("D", 1)})
    source = read_bytes(data, "diary.pdf")
    assert source.page_labels == ("iii", "iv", "1")
    assert len(source.page_starts) == 3
    assert words(source.text) == words(" ".join(paras))  # Cyrillic through the ToUnicode map


def test_pdf_without_text_layer(font: Path) -> None:
    from fpdf import FPDF
    from PIL import Image

    scan = io.BytesIO()
    Image.new("L", (200, 280), 235).save(scan, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(scan.getvalue()), x=10, y=10, w=190)
    with pytest.raises(InputError) as err:
        read_bytes(bytes(pdf.output()), "scan.pdf")
    assert str(err.value) == (
        "scan.pdf: a PDF without a text layer (a scan?): run OCR on it first, e.g. ocrmypdf, "
        "and import the result"
    )


def test_pdf_encrypted(font: Path) -> None:
    from fpdf import FPDF

    paras = paragraphs(REAL / "nsa-malin-notes-oct-1956.txt")

    def encrypted(user_password: str) -> bytes:
        pdf = FPDF()
        pdf.add_font("DejaVu", "", str(font))
        pdf.set_font("DejaVu", size=10)
        pdf.set_encryption(owner_password="owner-secret", user_password=user_password)
        pdf.add_page()
        for para in paras:
            pdf.multi_cell(0, 5, para)
            pdf.ln(5)
        return bytes(pdf.output())

    with pytest.raises(InputError) as err:
        read_bytes(encrypted("reader-secret"), "malin.pdf")
    assert str(err.value) == (
        "malin.pdf: an encrypted PDF that needs a password: open it with the password and save "
        "(or print) it as a PDF without one, then import that"
    )
    # encrypted with an owner password only: anyone may open it, so it is read
    source = read_bytes(encrypted(""), "malin.pdf")
    assert words(source.text) == words(" ".join(paras))


def test_pdf_truncated_or_damaged(font: Path) -> None:
    data = typeset(font, seed_pages())
    for cut in (len(data) // 2, 400):
        with pytest.raises(InputError) as err:
            read_bytes(data[:cut], "cut.pdf")
        message = str(err.value)
        assert message.startswith("cut.pdf: a damaged or truncated PDF that pdfminer cannot read (")
        assert message.endswith(
            "); get the file again, or repair it (e.g. qpdf or by printing it to PDF) and "
            "import the result"
        )
    with pytest.raises(InputError) as err:
        read_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 50, "junk.pdf")
    assert str(err.value).startswith("junk.pdf: a damaged or truncated PDF that pdfminer cannot")


def test_pdf_page_cap(font: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotecite.importer.formats import pdf

    monkeypatch.setattr(pdf, "MAX_PAGES", 2)
    with pytest.raises(InputError) as err:
        read_bytes(typeset(font, seed_pages()), "long.pdf")
    assert str(err.value) == (
        "long.pdf: a PDF of 3 pages, more than the 2 quotecite reads from one file: split it "
        "(e.g. qpdf --split-pages) and import the parts"
    )


def test_pdf_named_txt_is_read_as_pdf(font: Path, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(typeset(font, seed_pages()))
    source = read_file(path)
    assert (source.name, source.kind, len(source.page_starts)) == (str(path), "pdf", 3)


# --- text -----------------------------------------------------------------------------------


def test_text_form_feeds_are_pages() -> None:
    paras = paragraphs(SEED_DIR / "000_b269804334c0b786.txt")
    pages = ["\n\n".join(paras[:3]), "\n\n".join(paras[3:9]), "\n\n".join(paras[9:])]
    data = ("\n\f".join(pages) + "\n\f").encode("utf-8")  # as pdftotext writes it
    source = read_bytes(data, "notes.txt")
    check_clean(source)
    assert source.text == "\n".join(pages) + "\n"
    assert source.page_starts == (1, 6, 17)
    assert source.page_labels == ("1", "2", "3")
    lines = source.text.split("\n")
    assert [lines[n - 1] for n in source.page_starts] == [paras[0], paras[3], paras[9]]
    assert (source.kind, source.encoding, source.notes) == ("text", "UTF-8", ())


def test_text_encodings() -> None:
    ru = (REAL / "ru-stalin-molotov-letter-1927.txt").read_text("utf-8")
    source = read_bytes(ru.encode("cp1251", "replace"), "letter.txt")
    assert (source.encoding, source.notes) == (
        "Windows-1251",
        ("not UTF-8: decoded as Windows-1251",),
    )
    assert words(source.text) == words(ru.encode("cp1251", "replace").decode("cp1251"))
    en = (REAL / "nsa-malin-notes-oct-1956.txt").read_text("utf-8")
    bom = read_bytes(b"\xef\xbb\xbf" + en.replace("\n", "\r\n").encode(), "malin.txt")
    assert (bom.encoding, bom.text) == ("UTF-8 with BOM", en)
    utf16 = read_bytes(b"\xff\xfe" + en.encode("utf-16-le"), "malin.txt")
    assert (utf16.encoding, utf16.text) == ("UTF-16", en)


def test_decode_is_still_importable_from_its_old_place() -> None:
    from quotecite.importer import decode as old
    from quotecite.importer.formats import text

    assert (old.decode, old.Decoded) == (text.decode, text.Decoded)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600))
def test_text_decoder_any_bytes(data: bytes) -> None:
    try:
        source = read_text(data, "x.txt")
    except InputError as exc:
        assert str(exc).startswith("x.txt")
    else:
        check_clean(source)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html><p>", b"\xff\xfe", b"\xef\xbb\xbf"]
    ),
    data=st.binary(max_size=400),
)
def test_any_bytes_give_a_source_or_an_input_error(prefix: bytes, data: bytes) -> None:
    try:
        source = read_bytes(prefix + data, "x.bin")
    except InputError as exc:
        assert str(exc).startswith("x.bin")
    else:
        check_clean(source)


# --- HTML -----------------------------------------------------------------------------------


def archive_page(blocks: list[str], charset: str = "utf-8", declare: bool = True) -> str:
    """A saved National Security Archive document page around the blocks of a real text."""
    body = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n")]
        text = "<br>\n".join(_escape(line) for line in lines)
        text = text.replace("Medvedev,1 ", "Medvedev,<sup><a href='#fn1'>1</a></sup> ")
        if text.startswith("1 The document comes"):
            body.append(f'<div class="footnotes"><p id="fn1"><sup>1</sup>{text[1:]}</p></div>')
        else:
            body.append(f"<p>{text}</p>")
    meta = f'<meta charset="{charset}">' if declare else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
{meta}
<title>Document 6 | National Security Archive</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="citation_title" content="Memorandum from Mikhail Gorbachev to the CC CPSU Politburo">
<meta name="citation_author" content="Gorbachev, Mikhail">
<meta name="citation_date" content="1986/06/26">
<meta property="og:site_name" content="National Security Archive">
<meta property="og:title" content="Gorbachev memo, June 26, 1986">
<link rel="canonical" href="https://nsarchive.gwu.edu/document/12345-document-6">
<link rel="stylesheet" href="/themes/nsa.css">
<script>window.dataLayer = [];function gtag(){{dataLayer.push(arguments);}}</script>
<style>.skip {{ position: absolute; }} p {{ margin: 1em 0; }}</style>
</head>
<body class="page-document">
<a class="skip" href="#main-content">Skip to main content</a>
<header class="site-header">
  <div class="logo"><a href="/">The National Security Archive</a></div>
  <nav class="main-menu" aria-label="Main">
    <ul><li><a href="/">Home</a></li><li><a href="/documents">Documents</a></li>
    <li><a href="/research">Research</a></li><li><a href="/about">About</a></li></ul>
  </nav>
  <form class="search" action="/search"><input type="text" name="q"><button>Search</button></form>
</header>
<main id="main-content">
<div class="breadcrumb"><a href="/">Home</a> › <a href="/documents">Documents</a> › Document 6</div>
<article class="document">
<h1>Document No. 6: Memorandum from Mikhail Gorbachev to the CC CPSU Politburo</h1>
{"".join(body)}
</article>
<section class="document-information">
<h2>Document Information</h2>
<dl><dt>Source</dt><dd>Archive of the Gorbachev Foundation, Shakhnazarov Collection</dd>
<dt>Date</dt><dd>June 26, 1986</dd>
<dt>Citation</dt><dd>Masterpieces of History, doc. 6 (CEU Press, 2010)</dd></dl>
</section>
<aside class="sidebar">
  <h2>Related documents</h2>
  <ul><li><a href="/document/1">Conversation between Gorbachev and Mitterrand, July 7, 1986</a></li>
  <li><a href="/document/2">Politburo session on Chernobyl, April 28, 1986</a></li></ul>
</aside>
</main>
<footer class="site-footer">
  <p>© 2024 The National Security Archive. All rights reserved.</p>
  <p>Gelman Library, Suite 701, 2130 H Street, NW, Washington, D.C., 20037</p>
</footer>
<script src="/js/site.js"></script>
</body>
</html>
"""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def seed_blocks() -> list[str]:
    text = (SEED_DIR / "001_e99a51de76cd9eb4.txt").read_text("utf-8")
    return [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]


def test_html_archive_page() -> None:
    blocks = seed_blocks()
    source = read_bytes(archive_page(blocks).encode("utf-8"), "doc6.html")
    check_clean(source)
    assert (source.kind, source.encoding, source.notes) == ("html", "HTML (UTF-8)", ())
    lines = source.text.split("\n")
    # the whole real text, line for line, a blank line between its blocks; the footnote
    # reference glued to its word as printed
    seed_lines = [line.strip() for b in blocks for line in b.split("\n")]
    assert contains_run(nonblank(source.text), seed_lines)
    assert "Drafted by Shakhnazarov and Vadim Medvedev,1 the document" in source.text
    first = lines.index(blocks[2])
    assert lines[first - 1 : first + 4] == ["", blocks[2], "", blocks[3], ""]
    assert lines[:5] == ["Skip to main content", "", "The National Security Archive", "", "Search"]
    # what archive sites keep outside the document: still in the text, in order
    info = [
        "Document Information",
        "Source",
        "Archive of the Gorbachev Foundation, Shakhnazarov Collection",
        "Date",
        "June 26, 1986",
        "Citation",
        "Masterpieces of History, doc. 6 (CEU Press, 2010)",
    ]
    assert contains_run(nonblank(source.text), info)
    # furniture: outside trafilatura's main content — the record's information box too, which
    # is why the text keeps the whole page
    furniture = [lines[n - 1] for n in sorted(source.furniture)]
    assert furniture == [
        "Skip to main content",
        "The National Security Archive",
        "Search",
        "Home › Documents › Document 6",
        *info,
        "Related documents",
        "* Conversation between Gorbachev and Mitterrand, July 7, 1986",
        "* Politburo session on Chernobyl, April 28, 1986",
        "© 2024 The National Security Archive. All rights reserved.",
        "Gelman Library, Suite 701, 2130 H Street, NW, Washington, D.C., 20037",
    ]
    assert not set(seed_lines) & set(furniture)
    assert [(d.text, d.reason) for d in source.dropped] == [
        (f"* {item}", "navigation menu (<nav>)")
        for item in ("Home", "Documents", "Research", "About")
    ]
    assert "dataLayer" not in source.text and "margin" not in source.text
    assert source.metadata == {
        "title": "Memorandum from Mikhail Gorbachev to the CC CPSU Politburo",
        "author": "Gorbachev, Mikhail",
        "date": "1986/06/26",
        "url": "https://nsarchive.gwu.edu/document/12345-document-6",
        "site": "National Security Archive",
    }


def test_html_windows_1251_declared_and_undeclared() -> None:
    ru = (REAL / "ru-chernyaev-diary-1986.txt").read_text("utf-8")
    blocks = [b for b in ru.split("\n") if b.strip()]
    page = archive_page(blocks, charset="windows-1251")
    source = read_bytes(page.encode("cp1251", "replace"), "diary.htm")
    assert (source.encoding, source.notes) == ("HTML (Windows-1251)", ())
    expected = [b.encode("cp1251", "replace").decode("cp1251").strip() for b in blocks]
    assert contains_run(nonblank(source.text), expected)
    undeclared = read_bytes(
        archive_page(blocks, declare=False).encode("cp1251", "replace"), "d.htm"
    )
    assert undeclared.encoding == "HTML (Windows-1251)"
    assert undeclared.notes == ("no charset declared and not UTF-8: decoded as Windows-1251",)
    assert undeclared.text == source.text


def test_html_named_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_bytes(b"\xef\xbb\xbf\n  " + archive_page(seed_blocks()).encode("utf-8"))
    source = read_file(path)
    assert (source.kind, source.encoding) == ("html", "HTML (UTF-8)")
    xhtml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Записка</title></head>'
        "<body><p>Служебная записка.</p><p>Второй абзац.</p></body></html>"
    )
    source = read_bytes(xhtml.encode("utf-8"), "note.txt")
    assert (source.kind, source.text, source.metadata) == (
        "html",
        "Служебная записка.\n\nВторой абзац.\n",
        {"title": "Записка"},
    )
    # markup that is not an HTML page stays text
    assert read_bytes(b"<Source: GARF> and more text\n", "note.txt").kind == "text"


# --- Word -----------------------------------------------------------------------------------

FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
W_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)


def footnotes_part(notes: dict[int, str]) -> bytes:
    """word/footnotes.xml as Word writes it: the two separators, then the notes."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {_escape(text)}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes.items()
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<w:footnotes {W_NS}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        "</w:r></w:p></w:footnote>" + body + "</w:footnotes>"
    ).encode()


def word_document(blocks: list[str], *, repeat: int = 1) -> bytes:
    """Seed 001 as a Word document: editors with manual line breaks, a heading, paragraphs, the
    footnote a real Word footnote, a table of document information, page header and footer."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    doc.core_properties.title = "Masterpieces of History, document 6"
    doc.core_properties.author = "Savranskaya, Blanton, Zubok"
    section = doc.sections[0]
    section.header.paragraphs[0].text = "The Peaceful End of the Cold War in Europe, 1989"
    section.footer.paragraphs[0].text = "Chapter One"
    for _ in range(repeat):
        for block in blocks:
            if block.startswith("1 The document comes"):
                continue
            if block.startswith("Document No. 6"):
                doc.add_heading(block, level=1)
                continue
            para = doc.add_paragraph()
            lines = block.split("\n")
            for i, line in enumerate(lines):
                if "Medvedev,1 " in line:
                    before, after = line.split("Medvedev,1 ", 1)
                    para.add_run(before + "Medvedev,")
                    ref = OxmlElement("w:footnoteReference")
                    ref.set(qn("w:id"), "2")
                    para.add_run()._r.append(ref)
                    para.add_run(" " + after)
                else:
                    run = para.add_run(line)
                    if i < len(lines) - 1:
                        run.add_break()
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Source"
    table.cell(0, 1).text = "Archive of the Gorbachev Foundation"
    table.cell(1, 0).text = "Translated by"
    table.cell(1, 1).text = "Anna Melyakova"
    note = next(b for b in blocks if b.startswith("1 The document comes"))[2:]
    part = Part(
        PackURI("/word/footnotes.xml"), FOOTNOTES_CT, footnotes_part({2: note}), doc.part.package
    )
    doc.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_docx_text_footnotes_and_metadata() -> None:
    blocks = seed_blocks()
    source = read_bytes(word_document(blocks), "doc6.docx")
    check_clean(source)
    note = blocks[-1][2:]
    body = [b.replace("Medvedev,1 ", "Medvedev,[1] ") for b in blocks[:-1]]
    assert (
        source.text
        == "\n\n".join(
            [
                *body,
                "Source\tArchive of the Gorbachev Foundation\nTranslated by\tAnna Melyakova",
                "Notes",
                f"[1] {note}",
            ]
        )
        + "\n"
    )
    assert (source.kind, source.encoding, source.notes) == ("docx", "Word document", ())
    assert [(d.text, d.reason) for d in source.dropped] == [
        ("The Peaceful End of the Cold War in Europe, 1989", "Word page header"),
        ("Chapter One", "Word page footer"),
    ]
    assert source.metadata == {
        "title": "Masterpieces of History, document 6",
        "author": "Savranskaya, Blanton, Zubok",
    }


def central_directory_patch(
    data: bytes,
    member: str,
    *,
    size: int | None = None,
    flags: int | None = None,
    method: int | None = None,
) -> bytes:
    """Change what the ZIP's central directory declares for one member."""
    buf = bytearray(data)
    pos = buf.find(b"PK\x01\x02")
    while pos >= 0:
        (name_len,) = struct.unpack_from("<H", buf, pos + 28)
        if bytes(buf[pos + 46 : pos + 46 + name_len]).decode() == member:
            if size is not None:
                struct.pack_into("<I", buf, pos + 24, size)
            if flags is not None:
                struct.pack_into("<H", buf, pos + 8, flags)
            if method is not None:
                struct.pack_into("<H", buf, pos + 10, method)
            return bytes(buf)
        pos = buf.find(b"PK\x01\x02", pos + 46)
    raise AssertionError(f"{member} not in the archive")


def rezip(
    data: bytes, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info.filename, (replace or {}).get(info.filename, src.read(info)))
        for name, content in (extra or {}).items():
            dst.writestr(name, content)
    return out.getvalue()


def test_docx_zip_bombs_refused_before_unpacking() -> None:
    small = word_document(seed_blocks()[:4] + seed_blocks()[-1:])
    declared = central_directory_patch(small, "word/document.xml", size=0xF000_0000)
    with pytest.raises(InputError) as err:
        read_bytes(declared, "bomb.docx")
    assert (
        str(err.value)
        == "bomb.docx: a .docx that unpacks to more than 200 MB (a zip bomb?): refused"
    )
    padded = rezip(small, extra={"customXml/item9.xml": b"<a>" + b" " * (20 * 2**20) + b"</a>"})
    info = zipfile.ZipFile(io.BytesIO(padded)).getinfo("customXml/item9.xml")
    assert len(padded) < 100_000
    with pytest.raises(InputError) as err:
        read_bytes(padded, "bomb.docx")
    assert str(err.value) == (
        f"bomb.docx: a .docx whose customXml/item9.xml compresses "
        f"{info.file_size // info.compress_size}:1 (a zip bomb?): refused"
    )


def test_docx_hostile_or_damaged() -> None:
    good = word_document(seed_blocks()[:4] + seed_blocks()[-1:])
    with pytest.raises(InputError) as err:
        read_bytes(central_directory_patch(good, "word/document.xml", flags=0x1), "locked.docx")
    assert str(err.value) == (
        "locked.docx: a .docx with encrypted parts: save it again without a password and import that"
    )
    with pytest.raises(InputError) as err:  # 99: AES, which zipfile cannot unpack
        read_bytes(central_directory_patch(good, "word/document.xml", method=99), "aes.docx")
    assert str(err.value) == (
        "aes.docx: a .docx compressed with a method Python cannot unpack: save it again in Word "
        "and import that"
    )
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        document = z.read("word/document.xml")
    dtd = document.replace(
        b"<w:document",
        b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document',
        1,
    )
    with pytest.raises(InputError) as err:
        read_bytes(rezip(good, replace={"word/document.xml": dtd}), "xxe.docx")
    assert str(err.value) == (
        "xxe.docx: a .docx with a document type definition in word/document.xml, which Word "
        "never writes: refused"
    )
    # the central directory cut off: not a readable ZIP at all
    with pytest.raises(InputError) as err:
        read_bytes(good[: len(good) - 300], "cut.docx")
    assert str(err.value) == (
        "cut.docx: a damaged ZIP archive (a .docx is one): it cannot be opened; save the "
        "document again and import the new file"
    )
    # the compressed document.xml corrupted: zlib's error, caught before docx2python runs
    info = zipfile.ZipFile(io.BytesIO(good)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    broken = bytearray(good)
    broken[start : start + 64] = bytes(64)
    with pytest.raises(InputError) as err:
        read_bytes(bytes(broken), "broken.docx")
    assert str(err.value).startswith("broken.docx: a damaged Word document that cannot be read (")
    assert str(err.value).endswith(
        "); open it in Word or LibreOffice, save it again and import the new file"
    )


def test_other_formats_refused_with_what_to_do() -> None:
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
        z.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
    epub = io.BytesIO()
    with zipfile.ZipFile(epub, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("OEBPS/chapter1.xhtml", "<html/>")
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("a.txt", "text")
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    cases = [
        (
            odt.getvalue(),
            "an OpenDocument text (.odt), which quotecite does not read: save it as .docx "
            "(e.g. soffice --headless --convert-to docx FILE) and import that",
        ),
        (
            epub.getvalue(),
            "an EPUB e-book, which quotecite does not read: convert the chapter you need to .docx "
            "or text (e.g. pandoc FILE -o out.docx, or calibre) and import that",
        ),
        (plain_zip.getvalue(), "a ZIP archive, not a document: unpack it and import its files"),
        (
            ole2
            + "Root Entry".encode("utf-16-le")
            + bytes(44)
            + "WordDocument".encode("utf-16-le"),
            "a legacy Word document (.doc), which quotecite does not read: save it as .docx "
            "(e.g. soffice --headless --convert-to docx FILE) and import that",
        ),
        (
            ole2 + "EncryptedPackage".encode("utf-16-le"),
            "a password-protected Office document: open it in Word, remove the password "
            "(File › Info › Protect Document) and save it again, then import the .docx",
        ),
        (
            b"{\\rtf1\\ansi Memorandum}",
            "an RTF document, not text: save it as .docx or plain text (e.g. soffice --headless "
            "--convert-to docx FILE) and import that",
        ),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(40),
            "a PNG image, not text: run OCR on it first (e.g. tesseract, or ocrmypdf for a PDF) "
            "and import the result",
        ),
        (b" \n\t\n", "the file is empty"),
    ]
    for data, message in cases:
        with pytest.raises(InputError) as err:
            read_bytes(data, "in.docx")
        assert str(err.value) == f"in.docx: {message}"


# --- files, stdin, suffixes, import cost ----------------------------------------------------


def test_read_file_and_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = REAL / "vol-gorbachev-nemeth-1989.txt"
    data = src.read_bytes()
    from_file = read_file(src)
    assert (from_file.name, from_file.text) == (str(src), data.decode("utf-8"))

    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin)
    from_stdin = read_file(Path("-"))
    assert (from_stdin.name, from_stdin.text) == ("<stdin>", from_file.text)
    with pytest.raises(InputError) as err:
        read_file(tmp_path / "missing.pdf")
    assert str(err.value) == f"{tmp_path / 'missing.pdf'}: no such file"
    with pytest.raises(InputError) as err:
        read_file(tmp_path)
    assert str(err.value) == f"{tmp_path}: a directory, not a file"


def test_suffixes() -> None:
    assert sorted(SUFFIXES) == [".docx", ".htm", ".html", ".md", ".pdf", ".text", ".txt", ".xhtml"]


def test_importing_the_readers_imports_no_parser() -> None:
    code = (
        "import sys, quotecite.importer.formats, quotecite.importer.decode\n"
        "heavy = {'pdfminer', 'trafilatura', 'docx2python', 'inscriptis', 'w3lib', 'lxml'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
