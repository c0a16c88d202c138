"""The body of ``show``, free of typer and rich so the lean entry point can use it too."""

from __future__ import annotations

from pathlib import Path

from quotecite.cli.output import Mode, write_json, write_rich, write_text
from quotecite.corpus import Corpus
from quotecite.passage import Passage
from quotecite.refs import parse_ref


def run(ref: list[str] | str, corpus: Path | None = None, context: int = 0) -> Passage:
    return Corpus(corpus).passage(parse_ref(ref), context=context)


def output_lean(passage: Passage, as_json: bool) -> None:
    if as_json:
        from quotecite.serialize import passage_json

        write_json(passage_json(passage))
    else:
        from quotecite.render.text import render_passage

        write_text(render_passage(passage))


def output(passage: Passage, mode: Mode) -> None:
    if mode is Mode.RICH:
        from quotecite.render.terminal import passage_view

        write_rich(passage_view(passage))
    else:
        output_lean(passage, as_json=mode is Mode.JSON)
