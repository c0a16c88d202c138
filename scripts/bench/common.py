"""Helpers shared by the benchmark areas."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path


def quotecite_command() -> list[str]:
    exe = shutil.which("quotecite")
    if exe:
        return [exe]
    return [sys.executable, "-m", "quotecite"]


def run_once(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def median_time(
    cmd: Sequence[str], repeat: int = 15, env: dict[str, str] | None = None, warmup: int = 2
) -> float:
    """Median wall time of ``cmd`` as a whole process, in seconds."""
    for _ in range(warmup):
        run_once(cmd, env)
    return statistics.median(run_once(cmd, env) for _ in range(repeat))


def bare_python(repeat: int = 21) -> float:
    return median_time([sys.executable, "-c", "pass"], repeat)


def peak_rss_mb(cmd: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Peak resident memory of one run of ``cmd`` (a child process), in MB."""
    code = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *cmd], capture_output=True, text=True, env=env, check=True
    )
    return int(out.stdout.strip()) / 1024


def env_with(**values: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(values)
    return env


def row(label: str, seconds: float, baseline: float | None = None) -> None:
    ratio = f"  ({seconds / baseline:.1f}× bare python)" if baseline else ""
    print(f"  {label:<48} {seconds * 1000:8.1f} ms{ratio}", flush=True)


def scratch(name: str) -> Path:
    base = Path(os.environ.get("QUOTECITE_BENCH_DIR", "/tmp/quotecite-bench")) / name
    base.mkdir(parents=True, exist_ok=True)
    return base


__all__ = [
    "bare_python",
    "env_with",
    "median_time",
    "peak_rss_mb",
    "quotecite_command",
    "resource",
    "row",
    "scratch",
]
