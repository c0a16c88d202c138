"""quotecite info DOC: all metadata of a document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import Mode, choose_mode, write_json, write_rich, write_text
from quotecite.corpus import Corpus
from quotecite.model import Document
from quotecite.refs import parse_ref


def run(doc: str, corpus: Path | None = None) -> Document:
    return Corpus(corpus).document(parse_ref(doc).doc)


def cli(
    doc: Annotated[
        str, typer.Argument(help="Document id, alias or unique prefix.", show_default=False)
    ],
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """Show all metadata of a document."""
    document = run(doc, corpus)
    mode = choose_mode(json_out, plain, rich)
    if mode is Mode.JSON:
        from quotecite.serialize import document_json

        write_json(document_json(document))
    elif mode is Mode.PLAIN:
        from quotecite.render.text import render_info

        write_text(render_info(document))
    else:
        from quotecite.render.terminal import info_view

        write_rich(info_view(document))
