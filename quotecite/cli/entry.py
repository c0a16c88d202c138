"""The ``quotecite`` console script.

Importing typer (and with it pydantic) and rich costs several times a bare Python start-up,
while looking up and citing a passage are what people run most. So ``show``, ``search`` and
``find`` (in plain or JSON output — what scripts and pipes get), ``cite`` and ``bib`` are served
here, with the same library calls and output functions as the typer commands in
``quotecite.cli.commands``, without importing typer or rich (``bib``'s progress bar imports rich
when it shows on a terminal). Anything this small reader does not recognise (help, an option it
does not know, a terminal that wants the rich view) goes to the full typer application, which
stays the definition of every command; ``tests/test_cli_entry.py`` and
``tests/test_search_cli.py`` check that both give byte-identical results.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from quotecite.cli.output import Mode


class Spec(NamedTuple):
    """The options of a command the lean path serves: option → key, for values and for flags."""

    values: dict[str, str]
    flags: dict[str, str]
    defaults: dict[str, object]


_CITING = {  # the options cite and bib share
    "--corpus": "corpus",
    "--style": "style",
    "-s": "style",
    "--format": "format",
    "-f": "format",
    "--archive-style": "archive_style",
}
_CITING_DEFAULTS = {"json": False, "style": "chicago", "format": "text", "archive_style": "english"}

SPECS = {
    "show": Spec(
        values={"--corpus": "corpus", "--context": "context", "-C": "context"},
        flags={"--json": "json", "--plain": "plain"},
        defaults={"json": False, "plain": False, "context": "0"},
    ),
    "cite": Spec(
        values={**_CITING, "--items": "items"},
        flags={"--json": "json"},
        defaults={**_CITING_DEFAULTS, "items": None},
    ),
    "search": Spec(
        values={
            "--corpus": "corpus",
            "--doc": "doc",
            "--from": "date_from",
            "--to": "date_to",
            "--archive": "archive",
            "--limit": "limit",
            "-n": "limit",
        },
        flags={"--json": "json", "--plain": "plain"},
        defaults={"json": False, "plain": False, "limit": "20"},
    ),
    "find": Spec(
        values={"--corpus": "corpus", "--style": "style", "--limit": "limit", "-n": "limit"},
        flags={"--json": "json", "--plain": "plain"},
        defaults={"json": False, "plain": False, "limit": "5", "style": "chicago"},
    ),
    "bib": Spec(
        values={**_CITING, "--items": "items"},
        flags={"--json": "json", "--all": "all"},
        defaults={**_CITING_DEFAULTS, "all": False, "items": None},
    ),
}


def parse_args(command: str, args: list[str]) -> dict[str, object] | None:
    """The arguments of ``command`` as a dict, or None when only the full CLI can handle them."""
    spec = SPECS[command]
    opts: dict[str, object] = dict(spec.defaults)
    ref: list[str] = []
    i = 0
    only_args = False
    while i < len(args):
        arg = args[i]
        if only_args or not arg.startswith("-") or arg == "-":
            ref.append(arg)
        elif arg == "--":
            only_args = True
        elif arg in spec.flags:
            opts[spec.flags[arg]] = True
        elif arg in spec.values:
            if i + 1 >= len(args):
                return None
            opts[spec.values[arg]] = args[i + 1]
            i += 1
        elif arg.startswith("--") and arg.split("=", 1)[0] in spec.values and "=" in arg:
            key, value = arg.split("=", 1)
            opts[spec.values[key]] = value
        else:
            return None
        i += 1
    if not ref and not opts.get("all"):
        return None
    if "context" in opts:
        if not str(opts["context"]).isdigit():
            return None
        opts["context"] = int(str(opts["context"]))
    opts["ref"] = ref
    corpus = opts.get("corpus") or os.environ.get("QUOTECITE_CORPUS")
    if corpus is not None and not os.path.isdir(str(corpus)):
        return None  # let the full CLI word the error
    opts["corpus"] = corpus
    return opts


def parse_show_args(args: list[str]) -> dict[str, object] | None:
    return parse_args("show", args)


def lean_show(args: list[str]) -> int | None:
    """Serve ``show`` without typer or rich; None when the full CLI must do it."""
    opts = parse_args("show", args)
    if opts is None or _wants_rich(opts):
        return None
    from quotecite.cli.commands.show_core import output_lean, run

    ref = _words(opts)

    def serve(corpus: Path | None) -> None:
        output_lean(run(ref, corpus, int(str(opts["context"]))), as_json=bool(opts["json"]))

    return _serve(serve, opts)


def lean_cite(args: list[str]) -> int | None:
    """Serve ``cite`` without typer or rich; None when the full CLI must."""
    opts = parse_args("cite", args)
    if opts is None:
        return None
    from quotecite.cli.commands.cite_core import output, run

    style, fmt = str(opts["style"]), str(opts["format"])
    ref = _words(opts)
    items = _value(opts, "items")

    def serve(corpus: Path | None) -> None:
        citation = run(ref, style, fmt, str(opts["archive_style"]), items, corpus)
        output(citation, fmt, style, bool(opts["json"]), corpus_mode=items is None)

    return _serve(serve, opts)


def lean_bib(args: list[str]) -> int | None:
    """Serve ``bib`` without typer; None when the full CLI must."""
    opts = parse_args("bib", args)
    if opts is None:
        return None
    from quotecite.cli.commands.bib_core import run_and_output

    items = _value(opts, "items")

    def serve(corpus: Path | None) -> None:
        run_and_output(
            _words(opts),
            bool(opts["all"]),
            str(opts["style"]),
            str(opts["format"]),
            str(opts["archive_style"]),
            items,
            corpus,
            bool(opts["json"]),
        )

    return _serve(serve, opts)


def lean_search(args: list[str]) -> int | None:
    """Serve ``search`` in plain or JSON output without typer or rich."""
    opts = parse_args("search", args)
    limit = _limit(opts)
    if opts is None or limit is None or _wants_rich(opts):
        return None
    from quotecite.search import commands

    words, mode = _words(opts), _mode(opts)

    def serve(corpus: Path | None) -> None:
        hits = commands.run_search(
            words,
            corpus,
            _value(opts, "doc"),
            _value(opts, "date_from"),
            _value(opts, "date_to"),
            _value(opts, "archive"),
            limit,
        )
        commands.output_search(hits, mode)

    return _serve(serve, opts)


def lean_find(args: list[str]) -> int | None:
    """Serve ``find`` in plain or JSON output without typer or rich."""
    opts = parse_args("find", args)
    limit = _limit(opts)
    if opts is None or limit is None or _wants_rich(opts):
        return None
    from quotecite.search import commands

    words, mode, style = _words(opts), _mode(opts), str(opts["style"])

    def serve(corpus: Path | None) -> None:
        commands.output_find(commands.run_find(words, corpus, limit), mode, corpus, style)

    return _serve(serve, opts)


def _wants_rich(opts: dict[str, object]) -> bool:
    """Neither --json nor --plain, on a terminal: the rich view, which needs rich."""
    return not opts["json"] and not opts["plain"] and sys.stdout.isatty()


def _limit(opts: dict[str, object] | None) -> int | None:
    """--limit as a positive number; None (the full CLI words the error) otherwise."""
    limit = str(opts["limit"]) if opts else ""
    return int(limit) if limit.isdigit() and int(limit) >= 1 else None


def _value(opts: dict[str, object], key: str) -> str | None:
    """An option's value, None when it was not given."""
    return None if opts.get(key) is None else str(opts[key])


def _words(opts: dict[str, object]) -> list[str]:
    return [str(r) for r in opts["ref"]]  # type: ignore[attr-defined]


def _mode(opts: dict[str, object]) -> Mode:
    from quotecite.cli.output import Mode

    return Mode.JSON if opts["json"] else Mode.PLAIN


def _serve(body: Callable[[Path | None], None], opts: dict[str, object]) -> int:
    from pathlib import Path

    from quotecite.cli.report import report
    from quotecite.errors import QuoteciteError

    corpus = Path(str(opts["corpus"])) if opts.get("corpus") else None
    try:
        body(corpus)
    except QuoteciteError as exc:
        return report(exc)
    return 0


LEAN: dict[str, Callable[[list[str]], int | None]] = {
    "show": lean_show,
    "cite": lean_cite,
    "bib": lean_bib,
    "search": lean_search,
    "find": lean_find,
}


def main() -> None:
    args = sys.argv[1:]
    try:
        if args and args[0] in LEAN:
            status = LEAN[args[0]](args[1:])
            if status is not None:
                sys.stdout.flush()
                sys.exit(status)
        from quotecite.cli.app import main as full_main

        full_main()
    except BrokenPipeError:
        # the reader went away (| head): stop quietly, as other Unix tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
