"""The typer application. Errors become exit statuses here, and only here."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from quotecite import __version__
from quotecite.cli.commands import (
    bib,
    check,
    cite,
    export,
    find,
    import_,
    index,
    info,
    quote,
    search,
    show,
    styles,
    verify,
)
from quotecite.cli.commands import list as list_cmd
from quotecite.cli.report import report
from quotecite.errors import QuoteciteError


class QuoteciteGroup(TyperGroup):
    """Runs a command and maps quotecite's exceptions to a message and an exit status."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except QuoteciteError as exc:
            raise typer.Exit(report(exc)) from None


app = typer.Typer(
    cls=QuoteciteGroup,
    name="quotecite",
    help="Look up, cite and quote translated archival documents exactly.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"quotecite {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Look up, cite and quote translated archival documents exactly."""


app.command("list")(list_cmd.cli)
app.command("show")(show.cli)
app.command("info")(info.cli)
app.command("search")(search.cli)
app.command("find")(find.cli)
app.command("index")(index.cli)
app.command("cite")(cite.cli)
app.command("bib")(bib.cli)
app.command("export")(export.cli)
app.command("styles")(styles.cli)
app.command("import")(import_.cli)
app.command("check")(check.cli)
app.command("quote")(quote.cli)
app.command("verify")(verify.cli)


def main() -> None:
    """Run the typer application (``quotecite.cli.entry.main`` handles a closed pipe)."""
    app()
