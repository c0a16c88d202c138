"""``search`` and ``find`` without typer or rich, for the console script (see cli/entry.py).

Importing typer and rich costs more than the whole of a search. Plain and JSON output — what
pipes and scripts get — is served here through the same ``run_*``/``output_*`` functions as the
typer commands in ``quotecite.cli.commands``, which remain the definition of the commands: anything
this reader does not recognise (help, ``--rich``, a bad value, a terminal) returns None and goes to
the full application. Tests check both give identical output.
"""

from __future__ import annotations

import os
import sys

_VALUES = {
    "search": {
        "--doc": "doc",
        "--from": "date_from",
        "--to": "date_to",
        "--archive": "archive",
        "--limit": "limit",
        "-n": "limit",
        "--corpus": "corpus",
    },
    "find": {"--style": "style", "--limit": "limit", "-n": "limit", "--corpus": "corpus"},
}
_FLAGS = {"--json": "json", "--plain": "plain"}


def parse_args(command: str, args: list[str]) -> dict[str, object] | None:
    """Options and words of ``search``/``find``, or None when only the full CLI can handle them."""
    values = _VALUES[command]
    opts: dict[str, object] = {"json": False, "plain": False}
    words: list[str] = []
    i = 0
    only_words = False
    while i < len(args):
        arg = args[i]
        if only_words or not arg.startswith("-") or arg == "-":
            words.append(arg)
        elif arg == "--":
            only_words = True
        elif arg in _FLAGS:
            opts[_FLAGS[arg]] = True
        elif arg in values:
            if i + 1 >= len(args):
                return None
            opts[values[arg]] = args[i + 1]
            i += 1
        elif arg.startswith("--") and "=" in arg and arg.split("=", 1)[0] in values:
            key, value = arg.split("=", 1)
            opts[values[key]] = value
        else:
            return None
        i += 1
    if not words:
        return None
    limit = str(opts.get("limit", "20" if command == "search" else "5"))
    if not limit.isdigit() or int(limit) < 1:
        return None
    opts["limit"] = int(limit)
    opts["words"] = words
    if "corpus" not in opts and os.environ.get("QUOTECITE_CORPUS"):
        opts["corpus"] = os.environ["QUOTECITE_CORPUS"]
    return opts


def lean_main(command: str, args: list[str]) -> int | None:
    """Run ``search`` or ``find``; None when the full CLI must do it."""
    opts = parse_args(command, args)
    if opts is None:
        return None
    if not opts["json"] and not opts["plain"] and sys.stdout.isatty():
        return None  # the rich view needs rich
    from pathlib import Path

    corpus = Path(str(opts["corpus"])).expanduser() if opts.get("corpus") else None
    if corpus is not None and not corpus.is_dir():
        return None  # let the full CLI word the usage error
    from quotecite.cli.output import Mode
    from quotecite.cli.report import report
    from quotecite.errors import QuoteciteError
    from quotecite.search import commands

    mode = Mode.JSON if opts["json"] else Mode.PLAIN
    words = [str(w) for w in opts["words"]]  # type: ignore[attr-defined]
    limit = int(str(opts["limit"]))
    try:
        if command == "search":
            hits = commands.run_search(
                words,
                corpus,
                _opt(opts, "doc"),
                _opt(opts, "date_from"),
                _opt(opts, "date_to"),
                _opt(opts, "archive"),
                limit,
            )
            commands.output_search(hits, mode)
        else:
            found = commands.run_find(words, corpus, limit)
            commands.output_find(found, mode, corpus, _opt(opts, "style") or "chicago")
    except QuoteciteError as exc:
        return report(exc)
    return 0


def _opt(opts: dict[str, object], key: str) -> str | None:
    value = opts.get(key)
    return None if value is None else str(value)
