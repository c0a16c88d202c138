"""The two seeds re-import to exactly the shipped corpus files, and no word of them is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quotecite.importer import ImportResult, Overrides, import_bytes, load_meta
from quotecite.importer.verify import lost_words

from conftest import DOC000, DOC001, ROOT, SHIPPED_CORPUS

SEED_DIR = ROOT / "tests" / "data" / "seeds"
SEEDS = [("000_b269804334c0b786", DOC000), ("001_e99a51de76cd9eb4", DOC001)]


def seed_import(seed: str, corpus: Path = SHIPPED_CORPUS) -> ImportResult:
    src = SEED_DIR / f"{seed}.txt"
    meta = load_meta(SEED_DIR / f"{seed}.toml")
    return import_bytes(src.read_bytes(), str(src), corpus, Overrides(meta=meta))


@pytest.mark.parametrize(("seed", "doc_id"), SEEDS)
def test_reimport_matches_shipped_file(seed: str, doc_id: str) -> None:
    result = seed_import(seed)
    assert result.document.id == doc_id
    assert result.text == (SHIPPED_CORPUS / f"{doc_id}.md").read_text("utf-8")
    assert result.warnings == []


@pytest.mark.parametrize(("seed", "doc_id"), SEEDS)
def test_no_word_lost(seed: str, doc_id: str) -> None:
    result = seed_import(seed)
    source = (SEED_DIR / f"{seed}.txt").read_text("utf-8")
    assert lost_words(source, result) == []


def test_no_lost_word_check_can_fail() -> None:
    result = seed_import("000_b269804334c0b786")
    source = (SEED_DIR / "000_b269804334c0b786.txt").read_text("utf-8")
    assert lost_words(source.replace("Pyrrhic", "Pyrrhic victory"), result) == ["['victory'] → []"]


def test_seed_000_repairs() -> None:
    result = seed_import("000_b269804334c0b786")
    kept = [r.detail for r in result.repairs if r.kind == "hyphen-kept"]
    assert kept == ["self-adoration", "ill-health", "One-sidedness", "ready-made"]
    assert not [r for r in result.repairs if r.kind == "hyphen-removed"]
    doc = result.document
    assert [p.number for p in doc.paragraphs] == [*map(str, range(1, 10)), "src1"]
    assert [len(p.parts) for p in doc.paragraphs] == [3, 9, 5, 6, 1, 7, 2, 3, 2, 1]
    assert (
        doc.paragraphs[7]
        .parts[0]
        .text.startswith(
            "In all these respects, the speech at the session of the UN General Assembly in "
            "New York"
        )
    )


def test_seed_001_roles_and_footnote() -> None:
    doc = seed_import("001_e99a51de76cd9eb4").document
    roles = {p.number: p.role.value for p in doc.paragraphs}
    assert roles["1"] == roles["2"] == "headnote"
    assert all(roles[str(n)] == "body" for n in range(3, 25))
    assert (roles["25"], roles["26"], roles["n1"]) == ("dateline", "source-note", "footnote")
    first = doc.paragraphs[0].parts[0]
    assert [(m.label, first.text[: m.offset][-9:]) for m in first.markers] == [("1", "Medvedev,")]
    assert doc.publication.number == "6"
    assert [e.family for e in doc.publication.editors] == ["Savranskaya", "Blanton", "Zubok"]


def test_cli_reimport_writes_same_bytes(qc: Any, tmp_path: Path) -> None:
    for seed, doc_id in SEEDS:
        r = qc("import", str(SEED_DIR / f"{seed}.txt"), "--meta", str(SEED_DIR / f"{seed}.toml"),
               "--corpus", str(tmp_path))  # fmt: skip
        assert r.exit_code == 0, r.stderr
        assert r.stdout == f"{SEED_DIR / f'{seed}.txt'} → {tmp_path / f'{doc_id}.md'} (" + (
            "10 paragraphs, printed numbering)\n"
            if doc_id == DOC000
            else "27 paragraphs, printed numbering)\n"
        )
        assert (tmp_path / f"{doc_id}.md").read_bytes() == (
            SHIPPED_CORPUS / f"{doc_id}.md"
        ).read_bytes()


def test_dry_run_json_is_info_json(qc: Any) -> None:
    seed = "001_e99a51de76cd9eb4"
    r = qc("import", str(SEED_DIR / f"{seed}.txt"), "--meta", str(SEED_DIR / f"{seed}.toml"),
           "--dry-run", "--json", "--force")  # fmt: skip
    assert r.exit_code == 0, r.stderr
    info = qc("info", DOC001, "--json")
    dry = json.loads(r.stdout)
    report = dry.pop("import")
    assert dry == json.loads(info.stdout)
    assert (report["format"], report["encoding"], report["warnings"]) == ("text", "UTF-8", [])
    assert report["left_out"] == [
        {"line": 1, "text": "Svetlana Savranskaya", "reason": "editors"},
        {"line": 2, "text": "Thomas Blanton", "reason": "editors"},
        {"line": 3, "text": "Vladislav Zubok", "reason": "editors"},
        {
            "line": 6,
            "text": "Document No. 6: Memorandum from Mikhail Gorbachev to the CC CPSU Politburo on "
            "Topical Questions regarding Collaboration with Socialist Countries, June 26, 1986",
            "reason": "heading",
        },
    ]


def test_existing_document_not_overwritten(qc: Any, corpus_copy: Path) -> None:
    seed = "000_b269804334c0b786"
    target = corpus_copy / f"{DOC000}.md"
    target.write_text(target.read_text("utf-8") + "\n¶ 99\nEdited by hand.\n", "utf-8")
    before = target.read_bytes()
    r = qc("import", str(SEED_DIR / f"{seed}.txt"), "--meta", str(SEED_DIR / f"{seed}.toml"),
           "--corpus", str(corpus_copy))  # fmt: skip
    assert r.exit_code == 9
    assert r.stderr == f"quotecite: error: {target} exists (--force to overwrite it)\n"
    assert target.read_bytes() == before
    r = qc("import", str(SEED_DIR / f"{seed}.txt"), "--meta", str(SEED_DIR / f"{seed}.toml"),
           "--corpus", str(corpus_copy), "--force")  # fmt: skip
    assert r.exit_code == 0
    assert target.read_bytes() == (SHIPPED_CORPUS / f"{DOC000}.md").read_bytes()
    assert not [p for p in corpus_copy.iterdir() if p.name.startswith(".")]
