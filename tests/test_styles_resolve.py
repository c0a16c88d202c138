"""Style names, project styles (schema-valid), hostile style files, the styles command."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from quotecite.csl import styles
from quotecite.errors import StyleNotFound

PROJECT = Path(__file__).resolve().parent.parent / "styles"


@pytest.mark.parametrize(
    ("name", "corpus", "resolved", "edition"),
    [
        ("chicago", True, "quotecite-chicago-notes-archival", "CMOS 18"),
        ("chicago", False, "chicago-notes-bibliography", "CMOS 18"),
        ("chicago-short", True, "chicago-shortened-notes-bibliography", "CMOS 18"),
        ("chicago-author-date", False, "chicago-author-date", "CMOS 18"),
        ("mla", True, "quotecite-mla-archival", "MLA 9"),
        ("mla", False, "modern-language-association", "MLA 9"),
        ("apa", False, "apa", "APA 7"),
        (
            "chicago-notes-bibliography-17th-edition",
            False,
            "chicago-notes-bibliography-17th-edition",
            "CMOS 17",
        ),
    ],
)
def test_resolve(name: str, corpus: bool, resolved: str, edition: str) -> None:
    ref = styles.resolve(name, corpus=corpus)
    assert (ref.name, ref.edition) == (resolved, edition)
    assert ref.path.is_file()


def test_legacy_fullnote_maps_to_18th_edition() -> None:
    ref = styles.resolve("chicago-fullnote-bibliography")
    assert ref.name == "chicago-notes-bibliography"
    assert ref.notice is not None and "CMOS 18" in ref.notice


def test_dependent_style_uses_parent() -> None:
    ref = styles.resolve("nature-digest")
    assert ref.path.name == "nature.csl"
    assert ref.source == "official-dependent"


def test_unknown_style() -> None:
    with pytest.raises(StyleNotFound) as err:
        styles.resolve("modern-language-assocation")
    assert str(err.value) == (
        "no style 'modern-language-assocation' (did you mean 'modern-language-association', "
        "'modern-language-association-notes', 'modern-language-association-no-url'? "
        "'quotecite styles WORD' lists styles)"
    )


def test_project_styles_are_valid_csl() -> None:
    import citeproc
    from lxml import etree  # type: ignore[import-untyped]

    schema_path = Path(citeproc.__file__).parent / "data/schema/schemas/styles/csl.rng"
    schema = etree.RelaxNG(etree.parse(str(schema_path)))
    found = sorted(PROJECT.glob("*.csl"))
    assert [p.name for p in found] == [
        "quotecite-chicago-notes-archival.csl",
        "quotecite-mla-archival.csl",
    ]
    for path in found:
        assert schema.validate(etree.parse(str(path))), f"{path.name}: {schema.error_log}"


XXE = """<?xml version="1.0"?>
<!DOCTYPE style [<!ENTITY xxe SYSTEM "file://{secret}">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
<info><title>Evil</title><id>evil</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text value="&xxe;"/></layout></citation></style>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
<info><title>Laughs</title><id>l</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text value="&lol3;"/></layout></citation></style>
"""


@pytest.mark.parametrize("payload", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_hostile_style_refused(qc: Any, tmp_path: Path, payload: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CANARY")
    style = tmp_path / "evil.csl"
    style.write_text(payload.replace("{secret}", str(secret)))
    r = qc("cite", "doc6", "16", "--style", str(style))
    assert r.exit_code == 7
    assert r.stderr == (
        f"quotecite: error: {style}: refusing a CSL style with a DOCTYPE (DTDs and entities are "
        "not allowed in CSL files)\n"
    )
    assert "CANARY" not in r.stdout


def test_broken_style_file(qc: Any, tmp_path: Path) -> None:
    style = tmp_path / "broken.csl"
    style.write_text("<style")
    r = qc("cite", "doc6", "16", "--style", str(style))
    assert r.exit_code == 7
    assert r.stderr.startswith(f"quotecite: error: {style}: not well-formed XML")


def test_missing_style_file(qc: Any, tmp_path: Path) -> None:
    r = qc("cite", "doc6", "16", "--style", str(tmp_path / "x.csl"))
    assert (r.exit_code, r.stderr) == (3, f"quotecite: error: no style file '{tmp_path}/x.csl'\n")


def test_styles_command(qc: Any) -> None:
    r = qc("styles", "chicago-notes-bibliography-17")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == (
        "chicago-notes-bibliography-17th-edition\tChicago Manual of Style 17th edition (notes and "
        "bibliography) "
        "[CMOS 17]\tofficial"
    )
    short = qc("styles", "--json").stdout
    data = json.loads(short)
    assert len(data) > 10_000
    assert data[0] == {
        "id": "chicago",
        "title": "Chicago Manual of Style 18th edition (notes and bibliography); for corpus "
        "documents: quotecite-chicago-notes-archival",
        "source": "short",
        "edition": "CMOS 18",
    }
    assert data[4]["id"] == "quotecite-chicago-notes-archival"
    assert not [d for d in data if d["id"] == "chicago-fullnote-bibliography"]


def test_styles_listing_cached(qc: Any) -> None:
    qc("styles", "apa")
    cache = Path(os.environ["QUOTECITE_CACHE_DIR"])
    assert [p.name for p in cache.glob("styles-*.json")] == ["styles-0.1.6.json"]
