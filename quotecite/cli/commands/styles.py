"""quotecite styles [WORD]: the CSL styles quotecite can use."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from quotecite.cli.options import JsonOption
from quotecite.cli.output import write_json, write_text


def run(word: str | None = None) -> list[Any]:
    from quotecite.csl.styles import listing, resolve

    if word and (word.endswith(".csl") or "/" in word):
        ref = resolve(word)
        from quotecite.csl.styles import Listed

        return [Listed(ref.name, ref.title, ref.source, ref.edition)]
    return listing(word)


def cli(
    word: Annotated[
        str | None,
        typer.Argument(
            help="Only styles whose id or title contains WORD (or a .csl path).", show_default=False
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """List the CSL styles: short names, the project's archival styles, the official ones."""
    found = run(word)
    if json_out:
        write_json(
            [
                {"id": s.name, "title": s.title, "source": s.source, "edition": s.edition}
                for s in found
            ]
        )
        return
    lines = []
    for s in found:
        edition = f" [{s.edition}]" if s.edition else ""
        lines.append(f"{s.name}\t{s.title}{edition}\t{s.source}\n")
    write_text("".join(lines))
