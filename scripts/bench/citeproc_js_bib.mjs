// citeproc-js on the benchmark's items (dev-only; run by scripts/bench/bibliography.py).
// usage: node citeproc_js_bib.mjs CITEPROC_MODULE_DIR STYLE.csl LOCALE.xml ITEMS.json
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const [moduleDir, stylePath, localePath, itemsPath] = process.argv.slice(2);
const require = createRequire(moduleDir + "/");
const t0 = performance.now();
const CSL = require("citeproc");
const style = readFileSync(stylePath, "utf8");
const locale = readFileSync(localePath, "utf8");
const items = JSON.parse(readFileSync(itemsPath, "utf8"));
const byId = new Map(items.map((item) => [String(item.id), item]));
const sys = {
  retrieveLocale: () => locale,
  retrieveItem: (id) => byId.get(String(id)),
};
const t1 = performance.now();
const engine = new CSL.Engine(sys, style, "en-US");
engine.setOutputFormat("text");
const t2 = performance.now();
engine.updateItems(items.map((item) => String(item.id)));
const t3 = performance.now();
const [, entries] = engine.makeBibliography();
const t4 = performance.now();
const bytes = entries.reduce((n, e) => n + Buffer.byteLength(e), 0);
console.log(JSON.stringify({
  load: (t1 - t0) / 1000, engine: (t2 - t1) / 1000, update: (t3 - t2) / 1000,
  bibliography: (t4 - t3) / 1000, total: (t4 - t1) / 1000, entries: entries.length, bytes,
  rss_mb: process.memoryUsage().rss / 1048576,
}));
