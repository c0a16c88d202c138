"""quotecite import: raw document text (from PDFs and web pages) → corpus documents.

``decode`` reads bytes (UTF-8, BOM, CRLF, Windows-1251/1252), ``layout`` repairs what extraction
did to the text, ``structure`` finds paragraphs, numbering, roles and footnotes, ``build`` detects
metadata and makes the :class:`~quotecite.model.Document`.
"""

from __future__ import annotations

from quotecite.importer.build import (
    ImportResult,
    Overrides,
    derive_id,
    import_bytes,
    import_text,
    load_meta,
)

__all__ = ["ImportResult", "Overrides", "derive_id", "import_bytes", "import_text", "load_meta"]
