#!/usr/bin/env python3
"""How well ``quotecite import`` reads the real documents of ``tests/data/real``.

    python scripts/import_accuracy.py            # per-field accuracy, per family and in all
    python scripts/import_accuracy.py -v         # and every value read wrong, per document

Each document is imported as ``quotecite import FILE`` would (no flags, no --meta) and compared
with the ``[expected]`` metadata its reader wrote (``tests/realdocs.py``). A file the importer
refuses counts as refused and every expected value of it as wrong.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from realdocs import FIELDS, RealDocument, Score, documents, score  # noqa: E402

from quotecite.errors import QuoteciteError  # noqa: E402


def run(real: RealDocument, corpus: Path) -> tuple[Score, str | None]:
    from quotecite.importer import import_path

    try:
        result = import_path(real.source, corpus)
    except QuoteciteError as exc:
        refused = Score()
        refused.add("title", False, f"refused: {exc}")
        return refused, str(exc)
    return score(real, result.document, result.document.archival_references), None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--dir", type=Path, default=None, help="another set of documents in the same form"
    )
    args = parser.parse_args()
    total = Score()
    by_family: dict[str, Score] = defaultdict(Score)
    refused = 0
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for real in documents(args.dir) if args.dir else documents():
            count += 1
            s, error = run(real, Path(tmp))
            refused += error is not None
            total.merge(s)
            by_family[real.family].merge(s)
            if args.verbose and s.misses:
                print(f"{real.stem}:")
                for miss in s.misses:
                    print(f"    {miss}")
    header = f"{'':14}" + "".join(f"{f:>13}" for f in FIELDS) + f"{'all':>9}"
    print(header)
    for family, s in sorted(by_family.items()):
        cells = "".join(f"{s.right[f]:>6}/{s.total[f]:<3}{'':3}" for f in FIELDS)
        print(f"{family:14}{cells}{s.ratio():>8.1%}")
    cells = "".join(f"{total.right[f]:>6}/{total.total[f]:<3}{'':3}" for f in FIELDS)
    print(f"{'all':14}{cells}{total.ratio():>8.1%}")
    print(
        f"{count} documents, {refused} refused; "
        + ", ".join(f"{f} {total.ratio(f):.1%}" for f in FIELDS)
    )


if __name__ == "__main__":
    main()
