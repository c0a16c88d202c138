"""HTML: citeproc's html formatter; ``preformat`` escapes ``& < >`` in terms and values."""

from __future__ import annotations

from citeproc.formatter.html import (
    Bold,
    Italic,
    Light,
    Oblique,
    SmallCaps,
    Subscript,
    Superscript,
    Underline,
    preformat,
)

__all__ = [
    "Bold",
    "Italic",
    "Light",
    "Oblique",
    "SmallCaps",
    "Subscript",
    "Superscript",
    "Underline",
    "preformat",
]
