"""How errors reach the user: one line on stderr and the error's exit status."""

from __future__ import annotations

import sys

from quotecite.errors import QuoteciteError
from quotecite.render.safe import safe


def report(exc: QuoteciteError) -> int:
    """Write ``quotecite: error: …`` to stderr; return the exit status to end with."""
    sys.stderr.write(f"quotecite: error: {safe(str(exc))}\n")
    return int(exc.exit_status)
