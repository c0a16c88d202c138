"""Groups skipped because they cannot render (quotecite.csl.speed_empty): which groups
qualify, and that skipping them never changes a character of the engine's output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotecite.csl import engine, engine_model, speed, speed_empty
from quotecite.csl.bibliography import build_bibliography

# Each group (id'd by its delimiter) is a case of the analysis; the comment says what it
# must decide. The layout joins them so that group suppression shows in the output.
GROUPS = {
    "a": '<text variable="title"/>',  # one variable: qualifies, tried
    "b": '<text term="in"/><text variable="container-title" font-style="italic"/>',  # term + variable
    "c": '<text value="only a value"/>',  # renders by itself: never skipped
    "d": '<choose><if variable="note"><text variable="publisher"/></if></choose>',  # tried or not
    "e": '<choose><if variable="note"><text variable="publisher"/></if>'
    '<else><text variable="publisher-place"/></else></choose>',  # every branch tries one
    "f": '<group delimiter="~"><choose><if type="book"><text variable="volume"/></if>'
    '</choose></group><text variable="page"/>',  # nested group overwrites, then a variable
    "g": '<text variable="page"/><group delimiter="^"><choose><if type="book">'
    '<text variable="volume"/></if></choose></group>',  # ... the nested group decides last
    "h": '<names variable="editor"><substitute><text macro="ed-sub"/></substitute></names>',
    "i": '<text variable="year-suffix"/><text variable="title"/>',  # context variable
    "j": '<choose><if position="first"><text variable="title"/></if></choose>',  # position
    "k": '<group delimiter="+"><text term="and"/></group><text variable="volume"/>',  # terms only
    "l": '<label variable="page" suffix=" "/><text variable="page"/>',
    "m": '<text macro="issued"/><number variable="edition" form="ordinal"/>',
}

STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"
       default-locale="en-US">
  <info><title>speed_empty cases</title><id>speed-empty-cases</id>
    <updated>2026-12-02T00:00:00+00:00</updated></info>
  <macro name="ed-sub"><group delimiter=" "><text term="anonymous"/>
    <text variable="title-short"/></group></macro>
  <macro name="issued"><date variable="issued" form="text"/></macro>
  <macro name="groups">
    {"".join(f'<group delimiter="{key}">{body}</group>' for key, body in GROUPS.items())}
  </macro>
  <citation><layout delimiter="; " suffix="."><names variable="author"/>
    <text macro="groups"/></layout></citation>
  <bibliography subsequent-author-substitute="———">
    <sort><key macro="groups"/></sort>
    <layout suffix="."><group delimiter=" | "><names variable="author"/>
      <text macro="groups"/></group></layout>
  </bibliography>
</style>
"""


@pytest.fixture(scope="module")
def style_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("style") / "cases.csl"
    path.write_text(STYLE, "utf-8")
    return path


def _plans(style: engine.Style) -> dict[str, speed_empty.Plan | None]:
    macro = style.csl.qc_macros["groups"]
    return {
        group.get("delimiter"): speed_empty.plan(group)
        for group in macro.iterchildren()
        if isinstance(group, engine_model.Group)
    }


def test_which_groups_qualify(style_path: Path) -> None:
    plans = _plans(speed.load_style(style_path))
    assert plans["a"] == speed_empty.Plan(
        frozenset({"title", "title_short"}), tried=True, names=False, terms=False
    )
    assert plans["b"] is not None and plans["b"].terms and plans["b"].tried
    assert plans["c"] is None  # a value renders without any variable
    assert plans["d"] is None  # tried or not, depending on the branch taken
    assert plans["e"] is not None and plans["e"].variables == {
        "publisher",
        "publisher_place",
        "publisher_place_short",
        "publisher_short",
    }
    assert plans["f"] is not None and plans["f"].tried  # the variable after it decides
    assert plans["g"] is None  # the nested group sets "tried" to True or False, last
    assert plans["h"] is not None and plans["h"].names and plans["h"].terms
    assert plans["h"].variables == {"editor", "title_short", "title_short_short"}
    assert plans["i"] is None and plans["j"] is None  # context variable, position
    assert plans["k"] is None  # a terms-only group with nothing tried renders its terms
    assert plans["l"] is not None and "page" in plans["l"].variables
    assert plans["m"] is not None and plans["m"].variables >= {"issued", "edition"}


FIELDS: dict[str, Any] = {
    "title": "A “Title”",
    "title-short": "Short",
    "container-title": "Journal",
    "publisher": "Nauka",
    "publisher-place": "Moscow",
    "note": "a note",
    "volume": "3",
    "page": "12-19",
    "edition": "2",
    "issued": {"date-parts": [[1986, 6, 26]]},
    "author": [{"family": "Gorbachev", "given": "Mikhail"}],
    "editor": [{"family": "Chernyaev", "given": "Anatoly"}],
}
ITEMS = st.lists(
    st.tuples(
        st.sampled_from(["book", "article-journal", "chapter", "manuscript"]),
        st.sets(st.sampled_from(sorted(FIELDS))),
    ),
    min_size=1,
    max_size=8,
)


def _items(drawn: list[tuple[str, set[str]]]) -> list[dict[str, Any]]:
    return [
        {"id": f"i{n}", "type": kind, **{field: FIELDS[field] for field in fields}}
        for n, (kind, fields) in enumerate(drawn)
    ]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=ITEMS)
def test_skipping_changes_nothing(style_path: Path, drawn: list[tuple[str, set[str]]]) -> None:
    items = _items(drawn)
    plain, fast = engine.load_style(style_path), speed.load_style(style_path)
    expected = engine.render_bibliography(plain, items)
    assert engine.render_bibliography(fast, items) == expected
    assert build_bibliography(fast, items, cache=False, jobs=1) == expected
    requests = [[engine.CiteRequest(item["id"])] for item in items]
    assert engine.render_citations(fast, items, requests) == engine.render_citations(
        plain, items, requests
    )


def test_groups_are_skipped(style_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The patch is in play: on an item without most fields, most groups are skipped."""
    taken: list[bool] = []
    skip = speed_empty.skip

    def counting(found: speed_empty.Plan, item: Any, state: Any) -> bool:
        taken.append(skip(found, item, state))
        return taken[-1]

    monkeypatch.setattr(speed_empty, "skip", counting)
    items = _items([("book", {"author"}), ("book", {"author", "title"})])
    fast = speed.load_style(style_path)
    expected = engine.render_bibliography(engine.load_style(style_path), items)
    assert build_bibliography(fast, items, cache=False, jobs=1) == expected
    assert taken.count(True) >= 10
    assert expected.entries[1][1].startswith("———")  # substitution still decided exactly
