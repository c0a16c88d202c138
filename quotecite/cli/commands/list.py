"""quotecite list: the documents of the corpus."""

from __future__ import annotations

from pathlib import Path

from quotecite.catalog import load_catalog
from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import Mode, choose_mode, write_json, write_rich, write_text
from quotecite.corpus import Corpus, Entry


def run(corpus: Path | None = None) -> list[Entry]:
    c = Corpus(corpus)
    entries = load_catalog(c, strict=True)
    return sorted(entries.values(), key=lambda e: (e.date or "9999", e.id))


def cli(
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """List the documents: id, date, paragraph count, archive reference, title."""
    entries = run(corpus)
    mode = choose_mode(json_out, plain, rich)
    if mode is Mode.JSON:
        from quotecite.serialize import entry_json

        write_json([entry_json(e) for e in entries])
    elif mode is Mode.PLAIN:
        from quotecite.render.text import render_list

        write_text(render_list(entries))
    else:
        from quotecite.render.terminal import list_view

        write_rich(list_view(entries))
