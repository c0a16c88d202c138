"""``quotecite bib``'s work, without typer: select the items, render, print.

Shared by the typer command (``quotecite.cli.commands.bib``) and the console script's lean path
(``quotecite.cli.entry``), which serves ``bib`` without importing typer.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from quotecite.cli.output import write_json, write_text
from quotecite.errors import InputError, QuoteciteError


def select(
    refs: list[str], everything: bool, archive_style: str, items: str | None, corpus: Path | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Any], str]:
    """(selected items, all items in play, corpus documents of the selection, source name)."""
    if not refs and not everything:
        raise QuoteciteError("name documents (or item ids) or give --all")
    if items is not None:
        from quotecite.csl.items import find_item, read_items, source_name

        data = read_items(items)
        name = source_name(items)
        chosen = data if everything else [find_item(data, r, name) for r in refs]
        return _unique(chosen), data, [], name
    from quotecite.corpus import Corpus
    from quotecite.csl.mapping import document_item
    from quotecite.refs import parse_ref

    lib = Corpus(corpus)
    docs = list(lib.documents())
    if not everything:
        wanted = [lib.document(parse_ref(r).doc).id for r in refs]
        by_id = {d.id: d for d in docs}
        docs_chosen = [by_id[w] for w in dict.fromkeys(wanted)]
    else:
        docs_chosen = docs
    all_items = [document_item(d, archive_style) for d in docs]
    chosen_ids = {d.id for d in docs_chosen}
    return [i for i in all_items if i["id"] in chosen_ids], all_items, docs_chosen, str(lib.path)


def _unique(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(item["id"], item)
    return list(seen.values())


def run(
    refs: list[str],
    everything: bool = False,
    style: str = "chicago",
    fmt: str = "text",
    archive_style: str = "english",
    items: str | None = None,
    corpus: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Any:
    from quotecite import citing

    chosen, pool, _, name = select(refs, everything, archive_style, items, corpus)
    return citing.bibliography(
        chosen, pool, style, fmt, corpus=items is None, source=name, progress=progress
    )


def output(bib: Any, fmt: str, style: str, json_out: bool, corpus_mode: bool) -> None:
    """Print the entries (text, JSON or an RTF document); items that failed make it an error
    (after the others are printed)."""
    from quotecite.cli.commands.cite_core import style_notice

    style_notice(style, corpus=corpus_mode)
    if json_out:
        write_json([{"id": e.id, "entry": e.entry} for e in bib.entries])
    elif fmt == "rtf":
        from quotecite.csl.formatters.rtf import document

        write_text(document([e.entry for e in bib.entries]))
    elif bib.entries:
        write_text("".join(e.entry + "\n" for e in bib.entries))
    if bib.errors:
        first_id, message = bib.errors[0]
        more = f" (and {len(bib.errors) - 1} more)" if len(bib.errors) > 1 else ""
        raise InputError(f"item '{first_id}' cannot be rendered: {message}{more}")


def run_and_output(
    refs: list[str],
    everything: bool,
    style: str,
    fmt: str,
    archive_style: str,
    items: str | None,
    corpus: Path | None,
    json_out: bool,
) -> None:
    """The whole command, with a progress bar on stderr when it is a terminal."""
    from quotecite.cli.bibprogress import progress_bar

    with progress_bar() as progress:
        bib = run(refs, everything, style, fmt, archive_style, items, corpus, progress=progress)
    output(bib, fmt, style, json_out, corpus_mode=items is None)
