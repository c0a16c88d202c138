"""quotecite cite --items: CSL-JSON items from a file or stdin, validated with clear errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotecite import citing

DATA = Path(__file__).parent / "data"
DEV_ITEMS = DATA / "cite_dev_items.json"
DEV_GOLDENS = DATA / "cite_dev_goldens_citeproc-js.json"


def test_items_file_uses_official_chicago(qc: Any) -> None:
    r = qc("cite", "masterpieces-doc-12", "16", "--items", str(DEV_ITEMS), "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["style"]["id"] == "chicago-notes-bibliography"
    title = "Record of Conversation between Mikhail Gorbachev and George H. W. Bush, Malta"
    assert data["citation"] == (  # citeproc-js prints the same
        f"Soviet Ministry of Foreign Affairs, “{title},” in Masterpieces of History: The "
        "Peaceful End of the Cold War in Europe, 1989, no. 110, ed. Svetlana Savranskaya et al., "
        "trans. Svetlana Savranskaya (Central European University Press, 2010), para. 16."
    )
    assert data["subsequent"] == f"Soviet Ministry of Foreign Affairs, “{title},” para. 16."


def test_items_from_stdin(qc: Any) -> None:
    r = qc("cite", "frus-doc-45:3-5", "--items", "-", "-s", "mla", input=DEV_ITEMS.read_text())
    assert r.exit_code == 0
    assert r.stdout.startswith("(Geyer and Herschler, pars. 3–5)\n\n")


def test_item_ids_with_colons_and_spaces(qc: Any, tmp_path: Path) -> None:
    path = tmp_path / "zotero.json"
    item = {
        "id": "http://zotero.org/users/1/items/AB CD",
        "type": "book",
        "title": "Zhizn’",
        "author": [{"family": "Gorbachev", "given": "Mikhail"}],
        "issued": {"date-parts": [[1995]]},
    }
    path.write_text(json.dumps([item]))
    r = qc("cite", "http://zotero.org/users/1/items/AB CD", "16", "--items", str(path), "-s", "mla")
    assert r.stdout.split("\n")[0] == "(Gorbachev, par. 16)"


STYLES = [
    "chicago-notes-bibliography",
    "chicago-shortened-notes-bibliography",
    "chicago-author-date",
    "modern-language-association",
]


@pytest.mark.parametrize("style", STYLES)
def test_bib_command_reproduces_citeproc_js(qc: Any, style: str) -> None:
    """`bib --all --items` on the development set: every entry and the order as citeproc-js."""
    expected = json.loads(DEV_GOLDENS.read_text())["styles"][style]
    r = qc("bib", "--all", "--items", str(DEV_ITEMS), "--style", style, "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert [d["id"] for d in data] == expected["bibOrder"]
    assert {d["id"]: d["entry"] for d in data} == expected["bib"]


@pytest.mark.parametrize("style", STYLES)
def test_cite_path_matches_citeproc_js(style: str) -> None:
    """The product path (candidates in play) gives citeproc-js's first citations; its entry
    stands alone, so where a works-cited list would put MLA's "———" it names the author."""
    items = json.loads(DEV_ITEMS.read_text())
    expected = json.loads(DEV_GOLDENS.read_text())["styles"][style]
    cites = citing.cite_items(items, [(i["id"], "16") for i in items], style, "text")
    for item, c in zip(items, cites, strict=True):
        assert c.citation == expected["cites"][f"{item['id']}\tfirst"], item["id"]
        entry = expected["bib"][item["id"]]
        if entry.startswith("———."):
            assert c.bibliography.endswith(entry[len("———.") :]), item["id"]
            assert not c.bibliography.startswith("———"), item["id"]
        else:
            assert c.bibliography == entry, item["id"]


BAD_ITEMS = [
    ("{", ":1:2: not valid JSON: Expecting property name enclosed in double quotes"),
    ('{"id": "x"}', "CSL-JSON must be a list of items (an array of objects)"),
    ("[]", "no items"),
    ("[3]", "item 1: an item must be an object, not a number"),
    ('[{"type": "book"}]', "item 1: no 'id' (a non-empty string or number)"),
    ('[{"id": "a"}]', "item 1 ('a'): no 'type'"),
    ('[{"id": "a", "type": "novel"}]', "item 1 ('a'): 'novel' is not a CSL item type"),
    (
        '[{"id": "a", "type": "book"}, {"id": "a", "type": "book"}]',
        "item 2 ('a'): id 'a' is used by item 1 too",
    ),
    (
        '[{"id": "a", "type": "book", "author": "Smith"}]',
        "item 1 ('a'): 'author' must be a list of names",
    ),
    (
        '[{"id": "a", "type": "book", "author": [{"x": 1}]}]',
        "item 1 ('a'): every name in 'author' needs a family, given or literal part",
    ),
    (
        '[{"id": "a", "type": "book", "issued": {"date-parts": [["x"]]}}]',
        "item 1 ('a'): 'issued': cannot read date {'date-parts': [['x']]}",
    ),
    (
        '[{"id": "a", "type": "book", "title": ["A"]}]',
        "item 1 ('a'): 'title' must be a string or a number, not a list",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD_ITEMS)
def test_invalid_csl_json(qc: Any, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "items.json"
    path.write_text(content)
    r = qc("cite", "a", "--items", str(path))
    assert r.exit_code == 6
    sep = "" if message.startswith(":") else ": "
    assert r.stderr == f"quotecite: error: {path}{sep}{message}\n"


def test_invalid_stdin_names_stdin(qc: Any) -> None:
    r = qc("cite", "a", "--items", "-", input="not json")
    assert (r.exit_code, r.stderr) == (
        6,
        "quotecite: error: <stdin>:1:1: not valid JSON: Expecting value\n",
    )


def test_missing_items_file(qc: Any, tmp_path: Path) -> None:
    r = qc("cite", "a", "--items", str(tmp_path / "nope.json"))
    assert (r.exit_code, r.stderr) == (6, f"quotecite: error: {tmp_path}/nope.json: no such file\n")


def test_item_without_needed_fields(qc: Any, tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text('[{"id": "bare", "type": "book", "publisher": "X"}]')
    r = qc("cite", "bare", "--items", str(path))
    assert r.exit_code == 6
    assert r.stderr == (
        f"quotecite: error: {path}: item 'bare' has no title, genre, author, editor or "
        "container-title: a citation has nothing to name it by\n"
    )


def test_unknown_item_suggests(qc: Any) -> None:
    r = qc("cite", "frus-doc-54", "--items", str(DEV_ITEMS))
    assert r.exit_code == 3
    assert r.stderr == (
        f"quotecite: error: no item 'frus-doc-54' in {DEV_ITEMS} (did you mean 'frus-doc-45'?)\n"
    )


def test_items_are_disambiguated_against_the_file() -> None:
    """Two Gromykos in the file: the in-text citation must say which (citeproc-js does)."""
    items = json.loads(DEV_ITEMS.read_text())
    gromykos = [
        i["id"] for i in items if any(a.get("family") == "Gromyko" for a in i.get("author", []))
    ]
    assert len(gromykos) == 2
    pool = citing.in_play([next(i for i in items if i["id"] == gromykos[0])], items)
    assert {i["id"] for i in pool} >= set(gromykos)
