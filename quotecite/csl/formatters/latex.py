"""LaTeX: ``\\textit{…}`` and friends; the ten LaTeX specials in terms and values escaped."""

from __future__ import annotations

from quotecite.csl.formatters._wrap import Plain, Wrapped

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TABLE = str.maketrans(_ESCAPES)


def preformat(text: object) -> str:
    return str(text).translate(_TABLE)


class Italic(Wrapped):
    open, close = r"\textit{", "}"


class Oblique(Wrapped):
    open, close = r"\textsl{", "}"


class Bold(Wrapped):
    open, close = r"\textbf{", "}"


class Light(Plain):
    pass


class Underline(Wrapped):
    open, close = r"\underline{", "}"


class Superscript(Wrapped):
    open, close = r"\textsuperscript{", "}"


class Subscript(Wrapped):
    open, close = r"\textsubscript{", "}"


class SmallCaps(Wrapped):
    open, close = r"\textsc{", "}"
