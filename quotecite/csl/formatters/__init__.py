"""Output formats for rendered citations, as citeproc formatter modules.

A citeproc formatter is a module with ``preformat(text)`` (applied to every term and, by
quotecite's engine, to every field value) and the string classes ``Italic``, ``Oblique``,
``Bold``, ``Light``, ``Underline``, ``Superscript``, ``Subscript`` and ``SmallCaps`` that wrap
already-formatted text. quotecite adds an optional ``finish(text)`` for whole-string work
(RTF's ``\\uN?`` escapes) and, for RTF, ``document(paragraphs)``.

``text`` is citeproc's plain formatter; ``html`` is citeproc's html formatter (its
``preformat`` escapes ``& < >``, and the engine applies it to values too).
"""

from __future__ import annotations

import importlib
from types import ModuleType

FORMATS = ("text", "markdown", "html", "latex", "rtf")

_MODULES = {
    "text": "citeproc.formatter.plain",
    "html": "quotecite.csl.formatters.html",
    "markdown": "quotecite.csl.formatters.markdown",
    "latex": "quotecite.csl.formatters.latex",
    "rtf": "quotecite.csl.formatters.rtf",
}


def formatter(fmt: str) -> ModuleType:
    """The formatter module for ``fmt`` (one of FORMATS)."""
    try:
        name = _MODULES[fmt]
    except KeyError:
        raise ValueError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}") from None
    return importlib.import_module(name)


def finish(fmt: str, text: str) -> str:
    """Whole-string finishing for ``fmt`` (identity for all but RTF)."""
    module = formatter(fmt)
    fn = getattr(module, "finish", None)
    return str(fn(text)) if fn is not None else text
