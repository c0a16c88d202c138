"""Golden files under tests/golden/: compare, or rewrite with ``pytest --regen-golden``.

Rewritten files must be reviewed by eye (``git diff tests/golden``) before committing: each was
checked against the CMOS 18 / MLA 9 rules quoted in shared/research/archival-citations.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(request: pytest.FixtureRequest, name: str, actual: str) -> None:
    path = GOLDEN / name
    if request.config.getoption("--regen-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"no golden file {name}: run 'pytest --regen-golden' and review it"
    assert actual == path.read_text(encoding="utf-8"), f"output differs from golden {name}"
