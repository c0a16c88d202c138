"""Raw bytes → text: kept for existing imports; the decoder lives in ``formats.text``."""

from __future__ import annotations

from quotecite.importer.formats.text import Decoded, decode

__all__ = ["Decoded", "decode"]
