"""quotecite quote REF: a quotation with its citation, ready to paste."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from quotecite.cli.options import (
    ArchiveStyleOption,
    CorpusOption,
    FormatOption,
    JsonOption,
    StyleOption,
)
from quotecite.cli.output import write_json, write_text
from quotecite.errors import InputError

if TYPE_CHECKING:
    from quotecite.quoting import Quoted
    from quotecite.quoting.render import Rendered


@dataclass(frozen=True)
class QuoteResult:
    quoted: Quoted
    rendered: Rendered
    citation: str
    in_text: bool
    style: dict[str, Any]
    fmt: str


def run(
    ref: list[str] | str,
    *,
    sentences: str | None = None,
    words: list[str] | None = None,
    style: str = "chicago",
    fmt: str = "markdown",
    block: bool | None = None,
    initial: str | None = None,
    archive_style: str = "english",
    corpus: Path | None = None,
    label: str = "1",
) -> QuoteResult:
    from quotecite import citing
    from quotecite.corpus import Corpus
    from quotecite.csl import styles
    from quotecite.quoting import build
    from quotecite.quoting.render import FORMATS, Note, render
    from quotecite.refs import parse_ref

    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    if initial not in (None, "lower", "upper"):
        raise InputError(f"unknown initial '{initial}'", hint="use lower or upper")
    lib = Corpus(corpus)
    passage = lib.passage(parse_ref(ref))
    style_ref = styles.resolve(style, corpus=True)
    quoted = build(
        passage,
        sentences=sentences,
        words=words,
        style=style_ref.name,
        style_title=style_ref.title,
        block=block,
        initial=initial,
    )
    citation = citing.cite_passage(quoted.passage, style, fmt, archive_style, corpus=lib)
    in_text = not citing.load(style_ref).is_note
    rendered = render(quoted.quotation, Note(citation.citation, in_text), fmt, label)
    info = {
        "id": citation.style.id,
        "title": citation.style.title,
        "edition": citation.style.edition,
    }
    return QuoteResult(quoted, rendered, citation.citation, in_text, info, fmt)


def result_json(result: QuoteResult) -> dict[str, Any]:
    q = result.quoted
    return {
        "reference": str(q.passage.ref),
        "document": q.passage.document.id,
        "paragraphs": list(q.quotation.addresses),
        "pinpoint": q.passage.pinpoint(),
        "style": result.style,
        "rules": {"family": q.rules.family, "block": q.rules.block_rule},
        "format": result.fmt,
        "block": q.quotation.block,
        "words": q.quotation.words,
        "quotation": q.quotation.plain(),
        "citation": result.citation,
        "in_text": result.in_text,
        "output": result.rendered.document(),
    }


def cli(
    ref: Annotated[
        list[str],
        typer.Argument(
            help="Passage to quote from: DOC 16, DOC 3-5, DOC 3.2 … (DOC alone with --words).",
            show_default=False,
        ),
    ],
    sentences: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--sentences",
            help="Quote these sentences of the passage, numbered from 1: 2, 2-3, 1,3-4. "
            "Omissions between them get ellipses.",
            show_default=False,
        ),
    ] = None,
    words: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--words",
            help='Quote from the first words to the last: "we must fulfill … our example" '
            "(or one exact phrase). Repeat for several spans; ellipses mark the gaps.",
            show_default=False,
        ),
    ] = None,
    style: StyleOption = "chicago",
    fmt: FormatOption = "markdown",
    block: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--block/--run-in",
            help="Set off as a block quotation, or run in with quotation marks "
            "[default: by the style's rule: Chicago 100+ words, MLA more than 4 lines (~50 "
            "words), APA 40+ words; two or more paragraphs always a block].",
            show_default=False,
        ),
    ] = None,
    initial: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--initial",
            help="Change the first letter to fit your sentence, in brackets: lower "
            "(“[t]his …”) or upper (“[W]e …”).",
            show_default=False,
        ),
    ] = None,
    archive_style: ArchiveStyleOption = "english",
    copy: Annotated[
        bool, typer.Option("--copy", help="Put the result on the clipboard (where there is one).")
    ] = False,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
) -> None:
    """Quote a passage exactly, with its citation: ellipses for omissions (CMOS / MLA), brackets
    for changed capitals, a block quotation past the style's threshold."""
    result = run(
        ref,
        sentences=sentences,
        words=words,
        style=style,
        fmt=fmt,
        block=block,
        initial=initial,
        archive_style=archive_style,
        corpus=corpus,
    )
    text = result.rendered.document()
    copied = None
    if copy:
        from quotecite.quoting.clipboard import copy as to_clipboard

        copied = to_clipboard(text, fmt)
        if copied:
            sys.stderr.write(f"quotecite: copied the quotation to the clipboard ({copied})\n")
        else:
            sys.stderr.write(
                "quotecite: no clipboard on this machine (no display, or no wl-copy, xclip, "
                "xsel or pbcopy); printed the quotation instead\n"
            )
    if json_out:
        write_json(result_json(result))
    elif not copied:
        write_text(text)
