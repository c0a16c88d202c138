"""A quotation with its citation, ready to paste: Markdown, LaTeX, HTML, RTF or plain text.

A note style puts the citation in a footnote whose marker follows the closing quotation mark
(after the full stop, which American usage keeps inside). An in-text style (MLA, author-date)
puts the parenthetical citation after the closing quotation mark and the sentence's full stop
after the parenthesis; after a block quotation, the citation follows its final punctuation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotecite.quoting.quotation import (
    Inline,
    Omission,
    Quotation,
    QuoteMark,
    Text,
    join_inline,
    with_marks,
)

FORMATS = ("markdown", "latex", "html", "rtf", "text")
NBSP = "\u00a0"
#: CMOS and MLA ellipsis: three full stops with (non-breaking) spaces between them
ELLIPSIS = f".{NBSP}.{NBSP}."


@dataclass(frozen=True, slots=True)
class Note:
    """The citation, already formatted for the output format."""

    text: str
    in_text: bool = False  #: a parenthetical citation rather than a footnote


@dataclass(frozen=True, slots=True)
class Rendered:
    quote: str  #: what stands in the text where the quotation goes
    notes: str = ""  #: the footnote definition / notes section ("" when none)

    def document(self) -> str:
        return f"{self.quote}\n\n{self.notes}\n" if self.notes else f"{self.quote}\n"


def render(q: Quotation, note: Note, fmt: str, label: str = "1") -> Rendered:
    renderer = _RENDERERS.get(fmt)
    if renderer is None:
        raise ValueError(f"unknown format {fmt!r}")
    paragraphs, balanced = with_marks(q.paragraphs, 0 if q.block else 1)
    period = ""
    if note.in_text and not q.block:
        paragraphs[-1], period = _move_period(paragraphs[-1])
    return renderer(q.block, paragraphs, balanced, note, label, period)


def _move_period(pieces: list[Inline]) -> tuple[list[Inline], str]:
    """Take a final full stop out of the quotation: it goes after the parenthetical citation.

    A question or exclamation mark stays inside; the sentence still ends after the citation.
    """
    pieces = list(pieces)
    for i in range(len(pieces) - 1, -1, -1):
        piece = pieces[i]
        if isinstance(piece, QuoteMark):
            continue
        if isinstance(piece, Text) and piece.text.endswith((".", "?", "!")):
            if piece.text.endswith(".") and not piece.text.endswith(". ."):
                pieces[i] = Text(piece.text[:-1])
            return pieces, "."
        break
    return pieces, ""


Renderer = Callable[[bool, list[list[Inline]], bool, Note, str, str], Rendered]


# ---------------------------------------------------------------- Markdown
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>$@^~|])")
_MD_LINE_START = re.compile(r"^(\s*)([#+]|-(?=\s)|\d+(?=[.)]\s))")


def md_escape(text: str) -> str:
    """Escape text for pandoc's Markdown (and CommonMark): nothing in it becomes markup.

    ``@`` would start a pandoc citation, ``$`` math, ``^``/``~`` super/subscript, and ``--``
    an en dash under pandoc's ``smart`` extension, so those are escaped too.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("--", "-\\-")


def _md_paragraph(pieces: Sequence[Inline]) -> str:
    out = join_inline(pieces, md_escape, ELLIPSIS, changed=lambda t: f"\\[{md_escape(t)}\\]")
    return _MD_LINE_START.sub(r"\1\\\2", out)


def _markdown(
    block: bool, paras: list[list[Inline]], balanced: bool, note: Note, label: str, period: str
) -> Rendered:
    del balanced
    texts = [_md_paragraph(p) for p in paras]
    if note.in_text:
        if block:
            texts[-1] += f" {note.text}"
            return Rendered("\n>\n".join(f"> {t}" for t in texts))
        return Rendered(f"“{texts[0]}” {note.text}{period}")
    marker = f"[^{label}]"
    notes = f"[^{label}]: {note.text}"
    if block:
        texts[-1] += marker
        return Rendered("\n>\n".join(f"> {t}" for t in texts), notes)
    return Rendered(f"“{texts[0]}”{marker}", notes)


# ---------------------------------------------------------------- LaTeX
_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "%": r"\%",
    "^": r"\^{}",
    "~": r"\textasciitilde{}",
    "[": "{[}",
    "]": "{]}",
    NBSP: "~",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))


def tex_escape(text: str) -> str:
    """Escape text for LaTeX; ``--`` stays two hyphens rather than becoming an en dash."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], text).replace("--", "-{}-")


def _latex(
    block: bool, paras: list[list[Inline]], balanced: bool, note: Note, label: str, period: str
) -> Rendered:
    del label

    def mark(m: QuoteMark) -> str:
        if balanced:
            return r"\enquote{" if m.opening else "}"
        return m.char()

    def changed(letter: str) -> str:
        return f"{{[}}{tex_escape(letter)}{{]}}"

    texts = [join_inline(p, tex_escape, ".~.~.", changed=changed, mark=mark) for p in paras]
    cite = f" {note.text}" if note.in_text else f"\\footnote{{{note.text}}}"
    if block:
        texts[-1] += cite
        body = "\n\n".join(texts)
        return Rendered(f"\\begin{{quote}}\n{body}\n\\end{{quote}}")
    return Rendered(f"\\enquote{{{texts[0]}}}{cite}{period}")


# ---------------------------------------------------------------- HTML
def _html(
    block: bool, paras: list[list[Inline]], balanced: bool, note: Note, label: str, period: str
) -> Rendered:
    del balanced
    texts = [join_inline(p, _html_escape, ELLIPSIS) for p in paras]
    ident = f"qc-fn-{label}"
    if note.in_text:
        cite, notes = f" {note.text}", ""
    else:
        cite = (
            f'<sup class="footnote-ref"><a href="#{ident}" id="{ident}-ref" '
            f'role="doc-noteref">{html.escape(label)}</a></sup>'
        )
        start = f' start="{label}"' if label.isdigit() and label != "1" else ""
        notes = (
            f'<section class="footnotes" role="doc-endnotes">\n<ol{start}>\n'
            f'<li id="{ident}"><p>{note.text} <a href="#{ident}-ref" class="footnote-back" '
            f'role="doc-backlink">↩︎</a></p></li>\n</ol>\n</section>'
        )
    if block:
        texts[-1] += cite
        body = "\n".join(f"<p>{t}</p>" for t in texts)
        return Rendered(f"<blockquote>\n{body}\n</blockquote>", notes)
    return Rendered(f"“{texts[0]}”{cite}{period}", notes)


def _html_escape(text: str) -> str:
    return html.escape(text, quote=False)


# ---------------------------------------------------------------- RTF
RTF_HEADER = r"{\rtf1\ansi\ansicpg1252\deff0\uc1{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}"


def rtf_escape(text: str) -> str:
    """Escape text for RTF: control characters of RTF, and every non-ASCII character as \\uN?."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == NBSP:
            out.append("\\~")
        elif code < 128:
            out.append(ch)
        else:
            encoded = ch.encode("utf-16-le")
            for i in range(0, len(encoded), 2):
                unit = int.from_bytes(encoded[i : i + 2], "little")
                out.append(f"\\u{unit - 65536 if unit > 32767 else unit}?")
    return "".join(out)


def _rtf(
    block: bool, paras: list[list[Inline]], balanced: bool, note: Note, label: str, period: str
) -> Rendered:
    del balanced, label
    texts = [
        join_inline(p, rtf_escape, ".\\~.\\~.", mark=lambda m: rtf_escape(m.char()))
        for p in paras
    ]
    if note.in_text:
        cite = " " + note.text
    else:
        cite = (
            r"{\super\chftn}{\footnote\pard\plain\f0\fs20 {\super\chftn} " + note.text + "}"
        )
    if block:
        texts[-1] += cite
        body = "".join(
            r"\pard\plain\li720\ri720\sb120\sa120\f0\fs24 " + t + "\\par\n" for t in texts
        )
    else:
        body = (
            r"\pard\plain\f0\fs24 " + rtf_escape("“") + texts[0] + rtf_escape("”")
            + cite + period + "\\par\n"
        )
    return Rendered(f"{RTF_HEADER}\n{body}}}")


# ---------------------------------------------------------------- plain text
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _text(
    block: bool, paras: list[list[Inline]], balanced: bool, note: Note, label: str, period: str
) -> Rendered:
    del balanced
    texts = [join_inline(p, _plain, ELLIPSIS) for p in paras]
    sup = label.translate(_SUPERSCRIPT) if label.isdigit() else f"[{label}]"
    cite = f" {note.text}" if note.in_text else sup
    notes = "" if note.in_text else f"{sup} {note.text}"
    if block:
        texts[-1] += cite
        return Rendered("\n\n".join(f"    {t}" for t in texts), notes)
    return Rendered(f"“{texts[0]}”{cite}{period}", notes)


def _plain(text: str) -> str:
    return text


_RENDERERS: dict[str, Renderer] = {
    "markdown": _markdown,
    "latex": _latex,
    "html": _html,
    "rtf": _rtf,
    "text": _text,
}

__all__ = ["ELLIPSIS", "FORMATS", "Note", "Omission", "Rendered", "render"]
