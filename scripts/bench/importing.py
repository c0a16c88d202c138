"""import: generated raw documents → corpus files, one `quotecite import DIR` process.

Default: 500 documents; --full: 10,000 (target ≤ 60 s on 2 cores, memory flat: peak RSS at
10,000 should be close to the peak at 500, as files are imported one at a time).

Then one document of each format, as whole `quotecite import FILE --dry-run` processes (median,
with a bare `python -c pass` in the same run): a 20-page PDF, a 200 KB saved web page and a
30-page Word file, each made from the seed texts (fpdf2 and python-docx, the test extra).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import time
from pathlib import Path

from quotecite.importer.sample import generate

from bench.common import bare_python, median_time, quotecite_command, resource, scratch


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


_SEEDS = Path(__file__).resolve().parents[2] / "tests" / "data" / "seeds"
_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _paragraphs() -> list[str]:
    out = []
    for seed in sorted(_SEEDS.glob("*.txt")):
        for block in seed.read_text("utf-8").split("\n\n"):
            text = " ".join(block.split())
            if len(text) > 40:
                out.append(text)
    return out


def _pdf(path: Path, pages: int) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("serif", fname=str(_FONT))
    pdf.set_font("serif", size=11)
    paragraphs = _paragraphs()
    k = 0
    while pdf.pages_count < pages or pdf.pages_count == 0:
        if pdf.pages_count == 0:
            pdf.add_page()
        pdf.multi_cell(0, 5, paragraphs[k % len(paragraphs)])
        pdf.ln(3)
        k += 1
    pdf.output(str(path))


def _html(path: Path, size: int) -> None:
    from html import escape

    body = []
    k = 0
    paragraphs = _paragraphs()
    while sum(map(len, body)) < size:
        body.append(f"<p>{escape(paragraphs[k % len(paragraphs)])}</p>")
        k += 1
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(40))
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Memorandum</title></head><body>"
        f"<a href='#main'>Skip to content</a><nav><ul>{nav}</ul></nav><main id='main'>"
        "<div>June 26, 1986</div><h1>Memorandum from Mikhail Gorbachev to the CC CPSU Politburo"
        f"</h1>{''.join(body)}</main><footer>© Archive</footer></body></html>",
        "utf-8",
    )


def _docx(path: Path, pages: int) -> None:
    import docx

    document = docx.Document()
    paragraphs = _paragraphs()
    words = 0
    k = 0
    while words < pages * 500:
        text = paragraphs[k % len(paragraphs)]
        document.add_paragraph(text)
        words += len(text.split())
        k += 1
    document.save(str(path))


def _formats() -> None:
    base = scratch("import-formats")
    base.mkdir(parents=True, exist_ok=True)
    made = []
    for name, make in (
        ("document.pdf", lambda p: _pdf(p, 20)),
        ("page.html", lambda p: _html(p, 200_000)),
        ("document.docx", lambda p: _docx(p, 30)),
    ):
        path = base / name
        try:
            make(path)
        except (ImportError, OSError) as exc:  # fpdf2/python-docx or the font missing
            print(f"  {name}: not made ({exc})")
            continue
        made.append(path)
    bare = bare_python()
    print(f"  python -c pass {bare * 1000:8.0f} ms")
    for path in made:
        cmd = [*quotecite_command(), "import", str(path), "--dry-run", "--corpus", str(base / "c")]
        seconds = median_time(cmd, repeat=7, warmup=1)
        size = path.stat().st_size / 1024
        print(
            f"  import {path.name:14} {size:7.0f} KB  {seconds:7.3f} s  "
            f"({seconds / bare:5.1f}× bare Python)",
            flush=True,
        )


def main(full: bool) -> None:
    for n in (100, 500) if not full else (500, 10_000):
        _run(n)
    _formats()
