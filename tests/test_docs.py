"""Every command is documented in the README, and the README's examples are true."""

from __future__ import annotations

import re
from typing import Any

from quotecite.cli.app import app

from conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    return sorted(c.name or "" for c in app.registered_commands)


def test_every_command_is_documented() -> None:
    documented = set(re.findall(r"^### `quotecite (\w+)", README, re.M))
    assert set(_commands()) <= documented, set(_commands()) - documented


def test_every_command_has_help(qc: Any) -> None:
    for name in _commands():
        r = qc(name, "--help")
        assert r.exit_code == 0 and "Usage:" in r.stdout, name


def test_setup_commands_name_the_test_command() -> None:
    setup = README.split("## Set-up", 1)[1].split("##", 1)[0]
    assert "pip install ." in setup and "python -m pytest -q" in setup
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert 'python" -m pytest -q' in ci


def test_exit_statuses_table_matches_the_code() -> None:
    from quotecite.errors import ExitStatus

    rows = dict(re.findall(r"^\| (\d+) \| (.+?) \|$", README, re.M))
    assert sorted(int(k) for k in rows) == sorted(int(s) for s in ExitStatus)
