"""The index keeps up with the corpus: adds, edits, deletes, damage, and two writers at once."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from quotecite.fsutil import atomic_write_text
from quotecite.search import index as index_mod
from quotecite.search.index import index_path, open_index
from quotecite.search.lookup import search, with_index


def write_doc(
    corpus: Path,
    doc_id: str,
    paragraphs: list[str],
    date: str = "1986-06-26",
    acronym: str = "GARF",
    atomic: bool = True,
) -> Path:
    body = "\n".join(f"¶ {k}\n{text}\n" for k, text in enumerate(paragraphs, start=1))
    text = (
        f'+++\nid = "{doc_id}"\ntitle = "Title of {doc_id}"\nissued = "{date}"\n\n'
        f'[archival]\nacronym = "{acronym}"\nfond = "1"\n+++\n\n{body}'
    )
    path = corpus / f"{doc_id}.md"
    if atomic:
        atomic_write_text(path, text)
    else:
        with open(path, "w", encoding="utf-8") as fh:  # in place: same inode
            fh.write(text)
    return path


def refs(corpus: Path, query: str) -> list[str]:
    return [h.citation_ref for h in search(corpus, query)]


@pytest.fixture
def small(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_doc(corpus, "alpha", ["The walrus spoke of cabbages.", "Kings and sealing wax."])
    write_doc(corpus, "beta", ["Cabbages are green.", "Nothing about the sea."])
    return corpus


def test_add_edit_delete(small: Path) -> None:
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]
    write_doc(small, "gamma", ["A new document about turnips."])
    assert refs(small, "turnips") == ["gamma 1"]
    write_doc(small, "gamma", ["Now it speaks of parsnips."])
    assert refs(small, "turnips") == []
    assert refs(small, "parsnips") == ["gamma 1"]
    (small / "gamma.md").unlink()
    assert refs(small, "parsnips") == []
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]


def test_only_changed_documents_are_reindexed(small: Path) -> None:
    reports: list[index_mod.SyncReport] = []
    with_index(small, lambda i: None, full=True, report=reports)
    assert (reports[-1].added, reports[-1].files) == (2, 2)
    write_doc(small, "beta", ["Cabbages are red."])
    os.utime(small / "alpha.md")  # touched, same content: hashed, not re-indexed
    with_index(small, lambda i: None, full=True, report=reports)
    r = reports[-1]
    assert (r.added, r.updated, r.removed, r.touched) == (0, 1, 0, 1)
    with_index(small, lambda i: None, full=True, report=reports)
    r = reports[-1]
    assert (r.added, r.updated, r.removed, r.touched) == (0, 0, 0, 0)


def test_large_corpus_uses_directory_listing(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above FULL_SCAN_LIMIT files, searches rely on the directory stamp and inode listing."""
    monkeypatch.setattr(index_mod, "FULL_SCAN_LIMIT", 0)
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]
    write_doc(small, "gamma", ["Turnips."])  # added: directory changes
    assert refs(small, "turnips") == ["gamma 1"]
    write_doc(small, "gamma", ["Parsnips."])  # replaced by rename: new inode
    assert refs(small, "parsnips") == ["gamma 1"]
    write_doc(small, "delta", ["Parsnips again."])
    (small / "delta.md").unlink()  # added and removed between two searches
    (small / "gamma.md").rename(small / "epsilon.md")  # renamed: the old name is gone
    assert [(h.citation_ref, h.file) for h in search(small, "parsnips")] == [
        ("gamma 1", "epsilon.md")
    ]
    # edited in place: a hit's file is re-checked, so a stale hit is never shown
    write_doc(small, "alpha", ["No vegetables here."], atomic=False)
    assert refs(small, "cabbages") == ["beta 1"]
    # an in-place edit that adds a match elsewhere is found by `index` (documented limit)
    write_doc(small, "beta", ["Cabbages and turnips."], atomic=False)
    os.utime(small / "beta.md", ns=(1, 1))
    assert refs(small, "turnips") == []
    with_index(small, lambda i: None, full=True)
    assert refs(small, "turnips") == ["beta 1"]


def test_malformed_file_is_skipped_not_fatal(small: Path) -> None:
    (small / "broken.md").write_text("no metadata here\n", "utf-8")
    reports: list[index_mod.SyncReport] = []
    with_index(small, lambda i: None, full=True, report=reports)
    assert reports[-1].errors == [("broken.md", "a corpus file starts with a '+++' line")]
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "schema"])
def test_damaged_index_is_rebuilt(small: Path, damage: str) -> None:
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]
    path = index_path(small.resolve())
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    elif damage == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]
    index = open_index(small)
    assert index.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    index.close()


def test_corrupt_pages_are_rebuilt(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(40):
        write_doc(corpus, f"d{k:02d}", [f"paragraph {k} " + "filler words " * 200] * 3)
    assert len(refs(corpus, "paragraph")) == 20
    path = index_path(corpus.resolve())
    index = open_index(corpus)
    index.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.close()
    data = bytearray(path.read_bytes())
    for k in range(8192, len(data) - 4096, 4096):
        data[k + 100 : k + 400] = os.urandom(300)
    path.write_bytes(bytes(data))
    assert len(refs(corpus, "paragraph")) == 20


def test_undecodable_text_is_damage_and_rebuilt(tmp_path: Path) -> None:
    """A damaged page can hold bytes that are not UTF-8 where the index stored text: reading
    it fails in Python's sqlite3 (not in SQLite), and the index is rebuilt all the same."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(3):
        write_doc(corpus, f"d{k:02d}", [f"paragraph {k}"])
    assert len(refs(corpus, "paragraph")) == 3
    index = open_index(corpus)
    index.conn.execute("UPDATE docs SET file = CAST(x'ff' AS TEXT) WHERE file = 'd01.md'")
    index.conn.commit()
    index.close()
    assert len(refs(corpus, "paragraph")) == 3


def test_interrupted_build_carries_on(small: Path) -> None:
    index = open_index(small)
    # a build that stopped after the first document: only alpha is in
    from quotecite.search.index import _Stamp

    st = os.stat(small / "alpha.md")
    report = index_mod.SyncReport()
    index.update_files([("alpha.md", _Stamp(st.st_size, st.st_mtime_ns))], {}, report)
    index.close()
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]


WORKER = """
import sys
from pathlib import Path
from quotecite.search.lookup import with_index
with_index(Path(sys.argv[1]), lambda i: None, full=True)
"""


def test_concurrent_indexing_processes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in range(300):
        write_doc(corpus, f"d{k:03d}", [f"unique{k} shared words", f"second {k}"])
    env = dict(os.environ)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(corpus)], env=env, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    index = open_index(corpus)
    docs = index.conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    rows = index.conn.execute("SELECT count(*) FROM fts").fetchone()[0]
    index.close()
    assert (docs, rows) == (300, 600)
    assert refs(corpus, "unique123") == ["d123 1"]
    assert len(search(corpus, "shared", limit=1000)) == 300


def test_rejected_expression_falls_back_to_plain_words(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotecite.search import lookup
    from quotecite.search.query import Query

    broken = Query('"cabbages" AND', ("cabbages",), plain=False)
    monkeypatch.setattr(lookup, "parse_query", lambda text: broken)
    assert sorted(refs(small, "cabbages")) == ["alpha 1", "beta 1"]
