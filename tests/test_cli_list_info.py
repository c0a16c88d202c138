"""quotecite list and info."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conftest import DOC000, DOC001, SHIPPED_CORPUS


def test_list_plain(qc: Any) -> None:
    r = qc("list")
    assert r.exit_code == 0
    assert r.stdout == (
        "id                    date         ¶  archive                              title\n"
        "gorbachev-1986-06-26  1986-06-26  27  Archive of the Gorbachev Foundation  Memorandum from "
        "Mikhail Gorbachev to the CC CPSU Politburo on Topical Questions regarding Collaboration with "
        "Socialist Countries\n"
        "garf-10063-1-190      undated     10  GARF, f. 10063, op. 1, d. 190        "
        "Notes on the new political thinking\n"
    )


def test_list_json(qc: Any) -> None:
    data = json.loads(qc("list", "--json").stdout)
    assert [d["id"] for d in data] == [DOC001, DOC000]
    assert data[1] == {
        "id": DOC000,
        "aliases": ["new-political-thinking"],
        "title": "Notes on the new political thinking",
        "date": None,
        "archive": "GARF, f. 10063, op. 1, d. 190",
        "paragraphs": 10,
        "file": f"{DOC000}.md",
    }


def test_list_names_a_malformed_file(qc: Any, corpus_copy: Path) -> None:
    (corpus_copy / "broken.md").write_text(
        '+++\nid = "broken"\ntitle = "x"\nfond = 1\n+++\n', "utf-8"
    )
    r = qc("list", "--corpus", str(corpus_copy))
    assert r.exit_code == 5
    assert (
        r.stderr == f"quotecite: error: {corpus_copy}/broken.md:4: unknown metadata field 'fond'\n"
    )


def test_info_plain(qc: Any) -> None:
    r = qc("info", "garf")
    assert r.stdout == (
        "id:                 garf-10063-1-190\n"
        "aliases:            new-political-thinking\n"
        "title:              [Notes on the new political thinking]\n"
        "kind:               notes\n"
        "CSL type:           manuscript\n"
        "translators:        Svetlana Savranskaya\n"
        "language:           en\n"
        "original language:  ru\n"
        "archive:            State Archive of the Russian Federation (GARF)\n"
        "archive place:      Moscow\n"
        "archival reference: f. 10063, op. 1, d. 190\n"
        "publisher:          National Security Archive\n"
        "numbering:          printed\n"
        "note:               Undated; refers to Gorbachev’s speech at the UN General Assembly in New "
        "York (7 December 1988) as recent. Translated for the National Security Archive.\n"
        "paragraphs:         10 (1–9, src1; 9 body, 1 source-note)\n"
        f"file:               {SHIPPED_CORPUS / (DOC000 + '.md')}\n"
    )


def test_info_json_shape(qc: Any) -> None:
    data = json.loads(qc("info", "doc6", "--json").stdout)
    assert data["archival"] == {
        "archive": "Archive of the Gorbachev Foundation",
        "acronym": None,
        "place": "Moscow",
        "fond": None,
        "opis": None,
        "delo": None,
        "papka": None,
        "leaves": None,
        "collection": "Shakhnazarov Collection",
    }
    assert [(p["number"], p["role"]) for p in data["paragraphs"]][-3:] == [
        ("25", "dateline"),
        ("26", "source-note"),
        ("n1", "footnote"),
    ]
    assert data["issued"]["precision"] == "day"
    assert data["publication"]["container_title"].startswith("Masterpieces of History")
    assert data["recipients"] == [{"literal": "CC CPSU Politburo"}]
    garf = json.loads(qc("info", "garf", "--json").stdout)
    assert garf["archival"]["fond"] == "10063" and garf["archival"]["acronym"] == "GARF"


def test_info_rich(qc: Any) -> None:
    r = qc("info", "doc6", "--rich")
    assert r.exit_code == 0
    assert ["archive", "place", "Moscow"] in [line.split() for line in r.stdout.splitlines()]
