"""Rich rendering for a terminal. Corpus text goes in as ``Text`` objects, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from quotecite.render.safe import safe
from quotecite.render.text import (
    LIST_HEADERS,
    display_title,
    info_fields,
    list_rows,
    passage_rows,
    source_line,
)

if TYPE_CHECKING:
    from quotecite.corpus import Entry
    from quotecite.model import Document
    from quotecite.passage import Passage


def console(stderr: bool = False, width: int | None = None) -> Console:
    """The one way quotecite makes a console: data is never markup, nothing is auto-highlighted."""
    return Console(
        stderr=stderr, markup=False, highlight=False, emoji=False, soft_wrap=True, width=width
    )


def passage_view(passage: Passage) -> RenderableType:
    doc = passage.document
    heading = Text(safe(display_title(doc)), style="bold")
    sub = Text(safe(source_line(doc)), style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for n, row in enumerate(passage_rows(passage)):
        if n:
            grid.add_row("", "")
        gutter = Text(row.number, style="dim" if row.context else "bold cyan")
        body = Text()
        if row.role:
            body.append(row.role, style="italic magenta")
            body.append("  ")
        body.append(safe(row.text), style="dim" if row.context else "")
        grid.add_row(gutter, body)
    return Group(heading, sub, Text(""), grid)


def info_view(doc: Document) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for key, value in info_fields(doc):
        grid.add_row(Text(key), Text(safe(value)))
    return grid


def list_view(entries: list[Entry]) -> RenderableType:
    table = Table(show_edge=False, header_style="bold", box=None, pad_edge=False)
    for name in LIST_HEADERS:
        if name in ("archive", "title"):
            table.add_column(name, ratio=1 if name == "archive" else 2, min_width=12)
        else:
            table.add_column(name, no_wrap=True, justify="right" if name == "¶" else "left")
    for row in list_rows(entries):
        table.add_row(*(Text(safe(c)) for c in row))
    return table
