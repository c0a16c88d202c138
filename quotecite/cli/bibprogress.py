"""A progress bar on stderr for long bibliographies (``quotecite bib``)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

PROGRESS_MIN = 200  # units of work (sort keys + entries to render) from which a bar is shown


@contextmanager
def progress_bar(minimum: int = PROGRESS_MIN) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback for ``build_bibliography``.

    The bar appears on stderr only when stderr is a terminal and the work turns out to be
    long (``total >= minimum``; a warm cache means little work and no bar). It is started at
    the first call, i.e. after any worker processes were started, and removed at the end.
    """
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in state:
            if total < minimum or not sys.stderr.isatty():
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            from quotecite.render.terminal import console

            bar = Progress(
                TextColumn("bibliography"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console(stderr=True),
                transient=True,
            )
            bar.start()
            state["bar"] = bar
            state["task"] = bar.add_task("bibliography", total=total)
        state["bar"].update(state["task"], completed=done, total=total)

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()
