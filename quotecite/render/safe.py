"""Corpus and style text is data: make it safe to print on a terminal."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and C1 controls (ESC/CSI start terminal sequences)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(text: str) -> str:
    """``text`` with control characters shown as visible escapes (ESC → ``\\x1b``)."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
