"""The ``quotecite`` console script.

Importing typer and rich costs several times a bare Python start-up, while a lookup is the
command people run most. So ``show`` in plain or JSON output — what scripts and pipes get — is
served here with the same library calls and renderers as ``quotecite.cli.commands.show``,
without importing typer or rich. Anything this small reader does not recognise (help, an
unknown option, a terminal that wants the rich view) goes to the full typer application, which
stays the definition of the command; a test checks that both give byte-identical results.
"""

from __future__ import annotations

import os
import sys

_VALUE_OPTIONS = {"--corpus": "corpus", "--context": "context", "-C": "context"}
_FLAG_OPTIONS = {"--json": "json", "--plain": "plain"}


def parse_show_args(args: list[str]) -> dict[str, object] | None:
    """Arguments of ``show`` as a dict, or None when only the full CLI can handle them."""
    opts: dict[str, object] = {"ref": [], "json": False, "plain": False, "context": "0"}
    ref: list[str] = []
    i = 0
    only_args = False
    while i < len(args):
        arg = args[i]
        if only_args or not arg.startswith("-") or arg == "-":
            ref.append(arg)
        elif arg == "--":
            only_args = True
        elif arg in _FLAG_OPTIONS:
            opts[_FLAG_OPTIONS[arg]] = True
        elif arg in _VALUE_OPTIONS:
            if i + 1 >= len(args):
                return None
            opts[_VALUE_OPTIONS[arg]] = args[i + 1]
            i += 1
        elif "=" in arg and arg.split("=", 1)[0] in _VALUE_OPTIONS and arg.startswith("--"):
            key, value = arg.split("=", 1)
            opts[_VALUE_OPTIONS[key]] = value
        else:
            return None
        i += 1
    context = str(opts["context"])
    if not ref or not context.isdigit():
        return None
    opts["ref"] = ref
    opts["context"] = int(context)
    if "corpus" not in opts and os.environ.get("QUOTECITE_CORPUS"):
        opts["corpus"] = os.environ["QUOTECITE_CORPUS"]
    return opts


def lean_show(args: list[str]) -> int | None:
    """Serve ``show`` without typer or rich; None when the full CLI must do it."""
    opts = parse_show_args(args)
    if opts is None:
        return None
    if not opts["json"] and not opts["plain"] and sys.stdout.isatty():
        return None  # the rich view needs rich
    from pathlib import Path

    from quotecite.cli.commands.show_core import output_lean, run
    from quotecite.cli.report import report
    from quotecite.errors import QuoteciteError

    corpus = Path(str(opts["corpus"])) if opts.get("corpus") else None
    if corpus is not None and not corpus.is_dir():
        return None  # let the full CLI word the usage error
    try:
        passage = run(opts["ref"], corpus, int(str(opts["context"])))  # type: ignore[arg-type]
        output_lean(passage, as_json=bool(opts["json"]))
    except QuoteciteError as exc:
        return report(exc)
    return 0


def main() -> None:
    args = sys.argv[1:]
    try:
        if args and args[0] == "show":
            status = lean_show(args[1:])
            if status is not None:
                sys.stdout.flush()
                sys.exit(status)
        if args and args[0] in ("search", "find"):
            from quotecite.search.lean import lean_main

            status = lean_main(args[0], args[1:])
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
