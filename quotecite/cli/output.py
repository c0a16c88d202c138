"""Where command output goes: rich for a terminal, plain for pipes, JSON for scripts."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType


class Mode(StrEnum):
    RICH = "rich"
    PLAIN = "plain"
    JSON = "json"


def choose_mode(json_out: bool = False, plain: bool = False, rich: bool = False) -> Mode:
    """--json, else --plain, else --rich, else rich on a terminal and plain in a pipe."""
    if json_out:
        return Mode.JSON
    if plain:
        return Mode.PLAIN
    if rich:
        return Mode.RICH
    isatty = getattr(sys.stdout, "isatty", None)
    return Mode.RICH if isatty is not None and isatty() else Mode.PLAIN


def write_json(data: Any) -> None:
    import json

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_text(text: str) -> None:
    sys.stdout.write(text)


def write_rich(renderable: RenderableType) -> None:
    from quotecite.render.terminal import console

    console().print(renderable)
