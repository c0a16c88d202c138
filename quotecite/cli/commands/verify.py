"""quotecite verify MANUSCRIPT: check every quotation in a manuscript against the corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from quotecite.cli.options import CorpusOption, JsonOption, PlainOption, RichOption
from quotecite.cli.output import Mode, choose_mode, write_json, write_rich, write_text
from quotecite.errors import CheckFailed, InputError

if TYPE_CHECKING:
    from quotecite.verify import Report, Result

_LABELS = {
    "changed": "changed",
    "added": "added",
    "missing-ellipsis": "left out without an ellipsis",
    "capitalisation": "capital changed without brackets",
}


def run(
    manuscript: Path, corpus: Path | None = None, syntax: str | None = None, min_words: int = 4
) -> Report:
    from quotecite.corpus import Corpus
    from quotecite.verify import verify
    from quotecite.verify.extract import SYNTAXES

    if syntax is not None and syntax not in SYNTAXES:
        raise InputError(f"unknown syntax '{syntax}'", hint=f"use one of {', '.join(SYNTAXES)}")
    return verify(manuscript, Corpus(corpus), syntax, min_words)


def short(text: str, words: int = 10) -> str:
    pieces = text.split()
    return " ".join(pieces) if len(pieces) <= words else " ".join(pieces[:words]) + " …"


def where(result: Result) -> str:
    if result.status == "not-found":
        return f"cited {_cited(result)}" if result.cite else "not in the corpus"
    found = f"{result.doc} ¶{result.paragraph}"
    if result.status == "wrong-paragraph":
        return f"cited {_cited(result)}, found in {found}"
    return found


def _cited(result: Result) -> str:
    assert result.cite is not None
    ref = result.cite.ref
    if ref is not None and ref.spans:
        doc = "" if ref.doc == "?" else f"{ref.doc} "
        return f"{doc}¶{', '.join(str(s) for s in ref.spans)}"
    return result.cite.describe()


def difference_lines(result: Result) -> list[str]:
    out: list[str] = []
    for d in result.differences:
        label = _LABELS.get(d["kind"], d["kind"])
        if d["kind"] == "missing-ellipsis":
            out.append(f"{label}: “{d['source']}”")
        elif d["kind"] == "added":
            out.append(f"{label}: “{d['quoted']}”")
        else:
            out.append(f"{label}: “{d['source']}” → “{d['quoted']}”")
    if result.note:
        out.append(result.note)
    return out


def summary(report: Report) -> str:
    counts = report.counts()
    total = len(report.results)
    parts = [
        f"{counts['exact']} exact",
        f"{counts['differs']} differ{'s' if counts['differs'] == 1 else ''}",
        f"{counts['wrong-paragraph']} in the wrong paragraph",
        f"{counts['not-found']} not found",
    ]
    text = f"{total} quotation{'s' if total != 1 else ''}: {', '.join(parts)}"
    if report.skipped:
        n = report.skipped
        text += f" ({n} short uncited quotation{'s' if n != 1 else ''} not checked)"
    return text


def render_plain(report: Report) -> str:
    from quotecite.render.safe import safe

    name = Path(report.manuscript).name
    lines: list[str] = []
    for r in report.results:
        head = f"{name}:{r.found.line}: {r.status}: {where(r)}"
        lines.append(safe(f"{head}: “{short(r.found.text)}”"))
        lines.extend(safe(f"    {d}") for d in difference_lines(r))
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def render_rich(report: Report) -> object:
    from rich.console import Group
    from rich.text import Text

    from quotecite.render.safe import safe

    colours = {
        "exact": "green",
        "differs": "yellow",
        "wrong-paragraph": "magenta",
        "not-found": "red",
    }
    name = Path(report.manuscript).name
    rows: list[Text] = []
    for r in report.results:
        line = Text()
        line.append(f"{name}:{r.found.line}: ", style="dim")
        line.append(r.status, style=f"bold {colours[r.status]}")
        line.append(safe(f"  {where(r)}  "), style="cyan")
        line.append(safe(f"“{short(r.found.text)}”"))
        rows.append(line)
        rows.extend(Text(safe(f"    {d}"), style=colours[r.status]) for d in difference_lines(r))
    rows.append(Text(summary(report), style="bold"))
    return Group(*rows)


def cli(
    manuscript: Annotated[
        Path,
        typer.Argument(
            help="Manuscript: Markdown (.md), plain text (.txt) or LaTeX (.tex).",
            show_default=False,
            dir_okay=False,
        ),
    ],
    syntax: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--from",
            help="Manuscript syntax: markdown, text or latex [default: by the file's extension].",
            show_default=False,
        ),
    ] = None,
    min_words: Annotated[
        int,
        typer.Option(
            "--min-words",
            min=1,
            help="Check uncited quotations of at least this many words (shorter ones are taken "
            "for terms or scare quotes); cited quotations are always checked.",
        ),
    ] = 4,
    corpus: CorpusOption = None,
    json_out: JsonOption = False,
    plain: PlainOption = False,
    rich: RichOption = False,
) -> None:
    """Check every quotation in a manuscript against the corpus: exact, differs, wrong
    paragraph or not found. Exits 0 when every quotation is exact, 8 otherwise."""
    report = run(manuscript, corpus, syntax, min_words)
    mode = choose_mode(json_out, plain, rich)
    if mode is Mode.JSON:
        write_json(report.json())
    elif mode is Mode.RICH:
        write_rich(render_rich(report))  # type: ignore[arg-type]
    else:
        write_text(render_plain(report))
    if not report.ok:
        bad = len(report.results) - report.counts()["exact"]
        raise CheckFailed(
            f"{bad} of {len(report.results)} quotations do not match the corpus word for word"
        )
