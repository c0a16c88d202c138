from __future__ import annotations

from typing import Any

from conftest import DOC001


def test_show_paragraph_16(qc: Any) -> None:
    r = qc("show", "doc6", "16")
    assert r.exit_code == 0
    assert "16  With good reason, relations with the socialist countries" in r.stdout
