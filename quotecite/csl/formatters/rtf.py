"""RTF for pasting into word processors: ``{\\i …}`` and friends.

``preformat`` escapes the RTF specials ``\\ { }`` in terms and values; ``finish`` turns every
non-ASCII character of the finished string into ``\\uN?`` (UTF-16 code units, signed, as RTF
wants), and ``document`` wraps paragraphs into a complete RTF file.
"""

from __future__ import annotations

import re

from quotecite.csl.formatters._wrap import Plain, Wrapped

_SPECIAL = re.compile(r"([\\{}])")


def preformat(text: object) -> str:
    return _SPECIAL.sub(r"\\\1", str(text))


def finish(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if code < 0x80 and ch not in "\r\n":
            out.append(ch)
        elif ch in "\r\n":
            out.append("\\line ")
        else:
            data = ch.encode("utf-16-be")
            for i in range(0, len(data), 2):
                unit = int.from_bytes(data[i : i + 2], "big")
                if unit >= 0x8000:
                    unit -= 0x10000
                out.append(f"\\u{unit}?")
    return "".join(out)


def document(paragraphs: list[str]) -> str:
    """A complete RTF document, one paragraph per finished string (hanging indent)."""
    body = "".join(f"{{\\pard\\li720\\fi-720\\sa120 {p}\\par}}\n" for p in paragraphs)
    return (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1"
        "{\\fonttbl{\\f0\\froman Times New Roman;}}\n\\f0\\fs24\n"
        + body
        + "}\n"
    )


class Italic(Wrapped):
    open, close = "{\\i ", "}"


class Oblique(Italic):
    pass


class Bold(Wrapped):
    open, close = "{\\b ", "}"


class Light(Plain):
    pass


class Underline(Wrapped):
    open, close = "{\\ul ", "}"


class Superscript(Wrapped):
    open, close = "{\\super ", "}"


class Subscript(Wrapped):
    open, close = "{\\sub ", "}"


class SmallCaps(Wrapped):
    open, close = "{\\scaps ", "}"
