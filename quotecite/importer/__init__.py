"""quotecite import: the documents historians have (text, PDF, web page, Word) → corpus documents.

``formats`` reads the file; ``page`` marks a site's furniture and fields; ``head`` finds the
title, date, number and editors; ``apparatus`` the source notes and summaries; ``structure`` and
``layout`` the paragraphs (numbering, roles, footnotes, hyphenation); ``people`` the authors and
recipients; ``metadata`` assembles what the text states; ``build`` applies --meta and the flags
and makes the :class:`~quotecite.model.Document`.
"""

from __future__ import annotations

from quotecite.importer.build import (
    ImportResult,
    LeftOut,
    Overrides,
    derive_id,
    import_bytes,
    import_path,
    import_source,
    import_text,
    load_meta,
)

__all__ = [
    "ImportResult",
    "LeftOut",
    "Overrides",
    "derive_id",
    "import_bytes",
    "import_path",
    "import_source",
    "import_text",
    "load_meta",
]
