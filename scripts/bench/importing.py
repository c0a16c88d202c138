"""import: generated raw documents → corpus files, one `quotecite import DIR` process.

Default: 500 documents; --full: 10,000 (target ≤ 60 s on 2 cores, memory flat: peak RSS at
10,000 should be close to the peak at 500, as files are imported one at a time).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time

from quotecite.importer.sample import generate

from bench.common import quotecite_command, resource, scratch


def _prepare(n: int) -> tuple[str, str]:
    base = scratch(f"import-{n}")
    src, out = base / "src", base / "corpus"
    shutil.rmtree(src, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    src.mkdir(parents=True)
    rng = random.Random(n)
    for i in range(n):
        sample = generate(rng)
        # vary the delo so each document gets its own id
        text = sample.text.replace("d. 101,", f"d. {i + 1},", 1)
        (src / f"doc{i:05d}.txt").write_text(text, "utf-8")
    return str(src), str(out)


def _run(n: int) -> None:
    src, out = _prepare(n)
    cmd = [*quotecite_command(), "import", src, "--corpus", out]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    written = len(list(scratch(f"import-{n}").joinpath("corpus").glob("*.md")))
    status = "ok" if proc.returncode == 0 and written == n else f"exit {proc.returncode}"
    rss = f"peak RSS {max(peak, before) / 1024:.0f} MB" if peak > before else "peak RSS n/a"
    print(
        f"  import {n:>6} documents  {seconds:8.2f} s  {n / seconds:8.0f} docs/s  {rss}  "
        f"{written} written ({status})",
        flush=True,
    )


def main(full: bool) -> None:
    for n in (100, 500) if not full else (500, 10_000):
        _run(n)
