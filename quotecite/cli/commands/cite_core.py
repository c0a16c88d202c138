"""The body of ``cite``, free of typer and rich so the lean entry point can use it too."""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from quotecite.cli.output import write_json, write_text


def run(
    ref: list[str],
    style: str = "chicago",
    fmt: str = "text",
    archive_style: str = "english",
    items: str | None = None,
    corpus: Path | None = None,
) -> Any:
    """The Citation of REF (quotecite.citing.Citation)."""
    from quotecite import citing

    if items is not None:
        from quotecite.csl.items import parse_item_ref, read_items, source_name

        data = read_items(items)
        item_id, pin = parse_item_ref(ref, data)
        return citing.cite_items(data, [(item_id, pin)], style, fmt, source_name(items))[0]
    from quotecite.corpus import Corpus
    from quotecite.refs import parse_ref

    lib = Corpus(corpus)
    passage = lib.passage(parse_ref(ref))
    return citing.cite_passage(passage, style, fmt, archive_style, corpus=lib)


def citation_json(citation: Any) -> dict[str, Any]:
    return {
        "style": asdict(citation.style),
        "citation": citation.citation,
        "subsequent": citation.subsequent,
        "ibid": citation.ibid,
        "bibliography": citation.bibliography,
        "csl": citation.csl,
    }


def style_notice(style: str, corpus: bool) -> None:
    from quotecite.csl.styles import resolve

    notice = resolve(style, corpus=corpus).notice
    if notice:
        sys.stderr.write(f"quotecite: note: {notice}\n")


def output(citation: Any, fmt: str, style: str, json_out: bool, corpus_mode: bool) -> None:
    style_notice(style, corpus=corpus_mode)
    if json_out:
        write_json(citation_json(citation))
        return
    parts = [p for p in (citation.citation, citation.bibliography) if p]
    if fmt == "rtf":
        from quotecite.csl.formatters.rtf import document

        write_text(document(parts))
    else:
        write_text("\n\n".join(parts) + "\n")
