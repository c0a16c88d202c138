"""quotecite bib: bibliographies sorted as the style says, JSON shape, items, errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from golden_files import check_golden
from test_cite_seed import DOC6_BIB, DOC6_MLA_BIB, GARF_BIB, GARF_MLA_BIB

from conftest import DOC000, DOC001

DEV_ITEMS = Path(__file__).parent / "data" / "cite_dev_items.json"


def test_bib_all_chicago(qc: Any) -> None:
    r = qc("bib", "--all")
    assert r.exit_code == 0
    assert r.stdout == f"{DOC6_BIB}\n{GARF_BIB}\n"  # Gorbachev before Notes


def test_bib_json_mla(qc: Any) -> None:
    r = qc("bib", DOC000, "doc6", "--style", "mla", "--json")
    assert json.loads(r.stdout) == [
        {"id": DOC001, "entry": DOC6_MLA_BIB},
        {"id": DOC000, "entry": GARF_MLA_BIB},
    ]


def test_bib_one_document(qc: Any) -> None:
    assert qc("bib", "garf").stdout == f"{GARF_BIB}\n"


def test_bib_needs_refs_or_all(qc: Any) -> None:
    r = qc("bib")
    assert (r.exit_code, r.stderr) == (
        1,
        "quotecite: error: name documents (or item ids) or give --all\n",
    )


def test_bib_items_all_every_style(request: Any, qc: Any) -> None:
    for style in ("chicago", "mla", "chicago-author-date"):
        r = qc("bib", "--all", "--items", str(DEV_ITEMS), "-s", style, "--json")
        assert r.exit_code == 0
        entries = json.loads(r.stdout)
        assert len(entries) == len(json.loads(DEV_ITEMS.read_text())) or style == "chicago"
        check_golden(request, f"bib/dev-items.{style}.json", r.stdout)


def test_bib_keeps_the_engine_order(qc: Any) -> None:
    """bib prints the style's order as the engine sorts it (the engine's own suite compares
    that order with citeproc-js)."""
    from quotecite.csl import engine, styles

    items = json.loads(DEV_ITEMS.read_text())
    style = engine.load_style(styles.resolve("modern-language-association").path)
    expected = [i for i, _ in engine.render_bibliography(style, items).entries]
    r = qc("bib", "--all", "--items", str(DEV_ITEMS), "-s", "mla", "--json")
    assert [e["id"] for e in json.loads(r.stdout)] == expected


def test_bib_style_without_bibliography(qc: Any, tmp_path: Path) -> None:
    style = tmp_path / "nobib.csl"
    style.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" '
        'class="in-text" version="1.0"><info><title>No bib</title><id>x</id>'
        "<updated>2020-01-01T00:00:00+00:00</updated></info><citation><layout>"
        '<text variable="title"/></layout></citation></style>'
    )
    r = qc("bib", "--all", "--style", str(style))
    assert (r.exit_code, r.stderr) == (7, "quotecite: error: style 'nobib' has no bibliography\n")
