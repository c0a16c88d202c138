"""Markdown (CommonMark/pandoc): italics as ``*…*``; Markdown specials in values escaped."""

from __future__ import annotations

import re

from quotecite.csl.formatters._wrap import Plain, Wrapped

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def preformat(text: object) -> str:
    """Backslash-escape the characters Markdown would read as markup."""
    return _SPECIAL.sub(r"\\\1", str(text))


class Italic(Wrapped):
    open = close = "*"


class Oblique(Italic):
    pass


class Bold(Wrapped):
    open = close = "**"


class Light(Plain):
    pass


class Underline(Plain):
    pass


class Superscript(Wrapped):
    open, close = "<sup>", "</sup>"


class Subscript(Wrapped):
    open, close = "<sub>", "</sub>"


class SmallCaps(Plain):
    pass
