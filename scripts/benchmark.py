#!/usr/bin/env python3
"""quotecite's benchmark: whole-process timings on the shipped and generated corpora.

    python scripts/benchmark.py              # every area, quick sizes
    python scripts/benchmark.py lookup       # one area
    python scripts/benchmark.py --full       # the sizes the issues set targets for

Each area is a module in scripts/bench/ with a ``main(full: bool) -> None``.
Figures are medians of repeated runs of the installed ``quotecite`` command.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def areas() -> dict[str, str]:
    import bench

    out = {}
    for info in pkgutil.iter_modules(bench.__path__):
        if info.name.startswith("_") or info.name == "common":
            continue
        module = importlib.import_module(f"bench.{info.name}")
        out[info.name] = (module.__doc__ or "").strip().splitlines()[0]
    return out


def main() -> None:
    known = areas()
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("area", nargs="*", choices=[*known, []], help="areas to run (default: all)")
    parser.add_argument(
        "--full", action="store_true", help="run at the sizes the targets are set for"
    )
    args = parser.parse_args()
    for name in args.area or sorted(known):
        print(f"\n== {name}: {known[name]}", flush=True)
        importlib.import_module(f"bench.{name}").main(full=args.full)


if __name__ == "__main__":
    main()
