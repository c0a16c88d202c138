"""Finding documents: id, alias, prefix, suggestions, and a catalog that notices edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quotecite.corpus import Corpus
from quotecite.errors import AmbiguousDocument, CorpusError, DocumentNotFound

from conftest import DOC000, DOC001


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        (DOC001, DOC001),
        ("doc6", DOC001),
        ("DOC6", DOC001),
        ("gorb", DOC001),
        ("garf", DOC000),
        ("new-political-thinking", DOC000),
    ],
)
def test_lookup(name: str, doc_id: str) -> None:
    assert Corpus().document(name).id == doc_id


def test_suggestions() -> None:
    with pytest.raises(DocumentNotFound) as info:
        Corpus().document("gorbachov-1986")
    assert str(info.value) == "no document 'gorbachov-1986'; did you mean 'gorbachev-1986-06-26'?"
    assert info.value.exit_status == 3


def test_no_suggestion_for_nonsense() -> None:
    with pytest.raises(DocumentNotFound) as info:
        Corpus().document("zzzzqqqq")
    assert str(info.value) == "no document 'zzzzqqqq'"


def test_ambiguous_prefix(corpus_copy: Path) -> None:
    text = (corpus_copy / f"{DOC001}.md").read_text("utf-8")
    twin = text.replace(f'id = "{DOC001}"', 'id = "gorbachev-1986-07-01"').replace(
        '    "doc6",\n', ""
    )
    (corpus_copy / "gorbachev-1986-07-01.md").write_text(twin, "utf-8")
    with pytest.raises(
        AmbiguousDocument,
        match="'gorbachev-1986' matches several documents: "
        "'gorbachev-1986-06-26', 'gorbachev-1986-07-01'",
    ):
        Corpus(corpus_copy).document("gorbachev-1986")


def test_catalog_notices_an_edited_alias(corpus_copy: Path) -> None:
    corpus = Corpus(corpus_copy)
    assert corpus.document("doc6").id == DOC001
    path = corpus_copy / f"{DOC001}.md"
    text = path.read_text("utf-8").replace('"doc6"', '"memo86"')
    stat = path.stat()
    path.write_text(text, "utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    fresh = Corpus(corpus_copy)
    assert fresh.document("memo86").id == DOC001
    with pytest.raises(DocumentNotFound):
        fresh.document("doc6")


def test_catalog_notices_added_and_removed_files(corpus_copy: Path) -> None:
    assert Corpus(corpus_copy).document("new-political").id == DOC000
    (corpus_copy / f"{DOC000}.md").unlink()
    with pytest.raises(DocumentNotFound):
        Corpus(corpus_copy).document("new-political")


def test_a_broken_file_does_not_hide_the_others(corpus_copy: Path) -> None:
    (corpus_copy / "broken.md").write_text("not a corpus file\n", "utf-8")
    assert Corpus(corpus_copy).document("doc6").id == DOC001
    with pytest.raises(CorpusError, match=r"broken\.md:1: a corpus file starts with"):
        Corpus(corpus_copy).document("not-there")


def test_missing_corpus_directory(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="corpus directory does not exist"):
        Corpus(tmp_path / "nowhere")


def test_env_variable_chooses_corpus(corpus_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (corpus_copy / f"{DOC000}.md").unlink()
    monkeypatch.setenv("QUOTECITE_CORPUS", str(corpus_copy))
    assert Corpus().path == corpus_copy
    with pytest.raises(DocumentNotFound):
        Corpus().document(DOC000)


def test_a_file_whose_name_is_not_its_id(corpus_copy: Path) -> None:
    (corpus_copy / f"{DOC001}.md").rename(corpus_copy / "memo.md")
    assert Corpus(corpus_copy).document(DOC001).id == DOC001


def test_name_map_is_used_only_while_the_directory_is_unchanged(corpus_copy: Path) -> None:
    from quotecite.catalog import quick_names

    corpus = Corpus(corpus_copy)
    assert quick_names(corpus) is None
    corpus.catalog()
    assert quick_names(corpus) == {
        DOC000: f"{DOC000}.md",
        "new-political-thinking": f"{DOC000}.md",
        DOC001: f"{DOC001}.md",
        "doc6": f"{DOC001}.md",
    }
    (corpus_copy / "new.md").write_text('+++\nid = "new"\ntitle = "New"\n+++\n', "utf-8")
    assert quick_names(corpus) is None


def test_an_alias_two_documents_claim_is_ambiguous(corpus_copy: Path) -> None:
    path = corpus_copy / f"{DOC000}.md"
    path.write_text(path.read_text("utf-8").replace('"new-political-thinking"', '"doc6"'), "utf-8")
    corpus = Corpus(corpus_copy)
    corpus.catalog()  # writes the name map
    with pytest.raises(AmbiguousDocument, match="'doc6' matches several documents"):
        Corpus(corpus_copy).document("doc6")


def test_name_map_is_written_for_an_existing_catalog(corpus_copy: Path) -> None:
    from quotecite.catalog import _names_file, quick_names

    corpus = Corpus(corpus_copy)
    corpus.catalog()
    _names_file(corpus).unlink()
    Corpus(corpus_copy).catalog()
    assert quick_names(corpus) is not None
