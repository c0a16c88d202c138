"""quotecite export: CSL-JSON, CSL-YAML, BibTeX, biblatex, RIS; archival data never dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from golden_files import check_golden

from conftest import DOC000, DOC001

DEV_ITEMS = Path(__file__).parent / "data" / "cite_dev_items.json"
FORMATS = ["csl-json", "csl-yaml", "bibtex", "biblatex", "ris"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_corpus_golden(request: pytest.FixtureRequest, qc: Any, fmt: str) -> None:
    r = qc("export", "--all", "--to", fmt)
    assert r.exit_code == 0
    check_golden(request, f"export/corpus.{fmt}.txt", r.stdout)


@pytest.mark.parametrize("fmt", FORMATS)
def test_archival_fields_kept(qc: Any, fmt: str) -> None:
    out = qc("export", DOC000, "--to", fmt).stdout
    for value in (
        "State Archive of the Russian Federation (GARF)",
        "f. 10063, op. 1, d. 190",
        "Moscow",
        "GARF",
    ):
        assert value in out
    doc6 = qc("export", DOC001, "--to", fmt).stdout
    assert "Shakhnazarov Collection" in doc6
    assert "Archive of the Gorbachev Foundation" in doc6


def test_csl_json_round_trip(qc: Any) -> None:
    items = json.loads(qc("export", "--all").stdout)
    assert [i["id"] for i in items] == [DOC000, DOC001]
    assert items[0]["genre"] == "Notes on the new political thinking"
    assert "title" not in items[0]
    assert items[0]["archive_location"] == "f. 10063, op. 1, d. 190"


def test_russian_archive_style_export(qc: Any) -> None:
    items = json.loads(qc("export", DOC000, "--archive-style", "russian").stdout)
    assert items[0]["archive_location"] == "ф. 10063, оп. 1, д. 190"


def test_bibtex_parses_back(qc: Any) -> None:
    import bibtexparser

    library = bibtexparser.parse_string(qc("export", "--all", "--to", "biblatex").stdout)
    entries = {e.key: e for e in library.entries}
    garf = entries[DOC000]
    assert garf.entry_type == "unpublished"
    assert garf["fond"] == "10063"
    assert garf["opis"] == "1"
    assert garf["delo"] == "190"
    assert garf["translator"] == "Savranskaya, Svetlana"
    assert entries[DOC001]["origdate"] == "1986-06-26"
    assert entries[DOC001]["date"] == "2010"


def test_ris_parses_back(qc: Any) -> None:
    import rispy

    records = rispy.loads(qc("export", "--all", "--to", "ris").stdout)
    garf = records[0]
    assert garf["type_of_reference"] == "MANSCPT"
    assert garf["name_of_database"] == "State Archive of the Russian Federation (GARF)"
    assert garf["accession_number"] == "f. 10063, op. 1, d. 190"
    assert "Archival reference: fond 10063, opis 1, delo 190" in garf["notes"]
    assert records[1]["secondary_title"].startswith("Masterpieces of History")


def test_csl_yaml_loads(qc: Any) -> None:
    import yaml

    data = yaml.safe_load(qc("export", "--all", "--to", "csl-yaml").stdout)
    assert [r["id"] for r in data["references"]] == [DOC000, DOC001]


def test_export_items_file(qc: Any) -> None:
    r = qc("export", "rgani-3-82-162", "--items", str(DEV_ITEMS), "--to", "bibtex")
    assert r.exit_code == 0
    assert "archivelocation = {f. 10063" not in r.stdout
    assert "archivelocation = {f. 3, op. 82, d. 162, l. 12–14ob.}" in r.stdout


def test_export_latex_specials_escaped(qc: Any, tmp_path: Path) -> None:
    path = tmp_path / "i.json"
    path.write_text(
        json.dumps([{"id": "x", "type": "book", "title": "50% & $5 #1 a_b", "publisher": "AT&T"}])
    )
    out = qc("export", "x", "--items", str(path), "--to", "bibtex").stdout
    assert r"title = {50\% \& \$5 \#1 a\_b}" in out
    assert r"publisher = {AT\&T}" in out


def test_unknown_export_format(qc: Any) -> None:
    r = qc("export", "--all", "--to", "endnote")
    assert (r.exit_code, r.stderr) == (
        6,
        "quotecite: error: unknown export format 'endnote' "
        "(use one of csl-json, csl-yaml, bibtex, biblatex, ris)\n",
    )
