"""``quotecite verify`` picks candidate documents with the search index: the same report as
scanning every document, on a generated corpus of shuffled, varied and near-copied documents with
decoys of common words; and the scan when the index cannot be used."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotecite.corpus import Corpus
from quotecite.corpusfile import format_document, parse_text, read_document
from quotecite.model import Document, Paragraph, Part, Role
from quotecite.verify import Checker, verify
from quotecite.verify.candidates import MAX_SCORED, found_threshold
from quotecite.verify.extract import extract, extract_markdown
from quotecite.verify.match import DocIndex, locate, quote_segments, shared_run, window_bound

from conftest import DOC000, DOC001, SHIPPED_CORPUS

SEEDS_MS = Path(__file__).parent / "data" / "manuscripts" / "seeds.md"
#: what the seed manuscript's quotations are (as tests/test_verify_check.py has it)
SEEDS_EXPECTED = [
    ("exact", DOC001, "12"),
    ("exact", DOC001, "16"),
    ("differs", DOC001, "13"),
    ("differs", DOC001, "14"),
    ("differs", DOC001, "15"),
    ("wrong-paragraph", DOC001, "14"),
    ("not-found", None, None),
    ("exact", DOC000, "2"),
    ("differs", DOC000, "3"),
    ("exact", DOC000, "9"),
]
COMMON = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "our",
    "with",
    "socialist",
    "countries",
    "soviet",
    "union",
    "party",
    "policy",
    "this",
    "must",
    "be",
    "we",
    "it",
    "as",
    "on",
    "their",
    "all",
    "not",
    "are",
    "have",
    "which",
]


def _body(doc: Document) -> list[Paragraph]:
    """Body paragraphs without footnote markers (their footnotes are left out)."""
    return [
        p._replace(parts=tuple(part._replace(markers=()) for part in p.parts))
        for p in doc.paragraphs
        if p.role is Role.BODY
    ]


def _vary(text: str, rng: random.Random, k: int) -> str:
    words = text.split(" ")
    for _ in range(k):
        i = rng.randrange(len(words))
        if words[i].isalpha():
            words[i] = rng.choice(["plainly", "notably", words[i].upper(), "the", "Moscow"])
    return " ".join(words)


def _write(folder: Path, doc: Document, paragraphs: list[Paragraph]) -> None:
    renumbered = tuple(p._replace(number=str(n)) for n, p in enumerate(paragraphs, 1))
    text = format_document(doc._replace(paragraphs=renumbered, path=None))
    (folder / f"{doc.id}.md").write_text(text, encoding="utf-8")


def make_corpus(folder: Path, copies: int = MAX_SCORED + 6, decoys: int = 10) -> Path:
    """The shipped documents; 30 documents of their paragraphs shuffled, some words varied;
    ``copies`` near-copies of the memorandum (one word changed in each, as the benchmark has
    them); ``decoys`` documents of common words."""
    folder.mkdir()
    rng = random.Random(1986)
    seeds = [read_document(p) for p in sorted(SHIPPED_CORPUS.glob("*.md"))]
    for doc in seeds:
        (folder / f"{doc.id}.md").write_text(
            (SHIPPED_CORPUS / f"{doc.id}.md").read_text("utf-8"), encoding="utf-8"
        )
    for k in range(30 if copies else 0):
        seed = seeds[k % 2]
        body = _body(seed)
        chosen = rng.sample(body, rng.randint(2, len(body)))
        varied = [
            p._replace(
                parts=tuple(
                    part._replace(text=_vary(part.text, rng, rng.choice([0, 0, 1, 3])))
                    for part in p.parts
                )
            )
            for p in chosen
        ]
        doc = seed._replace(id=f"mixed-{k:02d}", aliases=(), title=f"Mixed notes {k}")
        _write(folder, doc, varied)
    memo = next(d for d in seeds if d.id == DOC001)
    body = _body(memo)
    for k in range(copies):
        copy = list(body)
        n = rng.randrange(len(copy))
        part = copy[n].parts[0]
        copy[n] = copy[n]._replace(parts=(part._replace(text=_vary(part.text, rng, 1)),))
        _write(folder, memo._replace(id=f"copy-{k:02d}", aliases=(), title=f"Copy {k}"), copy)
    for k in range(decoys):
        sentences = [" ".join(rng.choices(COMMON, k=rng.randint(8, 30))) + "." for _ in range(6)]
        paragraphs = [Paragraph(str(n), Role.BODY, (Part(s),)) for n, s in enumerate(sentences, 1)]
        _write(folder, Document(id=f"decoy-{k:03d}", title=f"Decoy {k}"), paragraphs)
    return folder


def make_manuscript(path: Path, corpus: Path) -> Path:
    """Quotations of every kind: exact, cited right and wrong, one word or many changed, words
    left out with and without an ellipsis, short, bracketed, invented from common words; then the
    seed manuscript."""
    rng = random.Random(11)
    docs = [read_document(p) for p in sorted(corpus.glob("*.md"))]
    lines: list[str] = []

    def sentence(doc: Document) -> tuple[str, str]:
        p = rng.choice([p for p in doc.paragraphs if p.role is Role.BODY])
        text = rng.choice(p.parts).text
        pieces = [s for s in re.split(r"(?<=[.;?])\s+", text) if len(s.split()) >= 6]
        return (rng.choice(pieces) if pieces else text), p.number

    for i in range(60):
        doc = rng.choice(docs)
        s, number = sentence(doc)
        words = s.split()
        cite = ""
        kind = i % 10
        if kind == 1:
            cite = f" [@{doc.id}, para. {number}]"
        elif kind == 2:
            other = [p.number for p in doc.paragraphs if p.number != number]
            cite = f" [@{doc.id}, para. {rng.choice(other)}]"
        elif kind == 3:
            k = rng.randrange(len(words))
            words[k] = "notwithstanding"
            s = " ".join(words)
        elif kind == 4:
            for k in rng.sample(range(len(words)), max(1, len(words) * 2 // 5)):
                words[k] = rng.choice(COMMON)
            s = " ".join(words)
        elif kind == 5:
            cut = len(words) // 3
            s = " ".join(words[:cut] + (["…"] if i % 20 == 5 else []) + words[cut + 2 :])
        elif kind == 6:
            s = " ".join(words[:4])
        elif kind == 7:
            s = " ".join(rng.choices(COMMON, k=rng.randint(6, 14)))
        elif kind == 8:
            s = " ".join([*words[:3], "[the", "USSR]", *words[3:]])
        elif kind == 9:
            s = "it is what it is and that is all there is to it"
        lines.append(f"Paragraph {i} says “{s}”{cite} as noted.\n")
    text = "\n".join(lines) + "\n" + SEEDS_MS.read_text("utf-8").split("---\n", 2)[2]
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("generated")
    corpus = make_corpus(base / "corpus")
    return corpus, make_manuscript(base / "manuscript.md", corpus)


def check_all(checker: Checker, manuscript: Path) -> list[dict[str, Any]]:
    found = extract(manuscript.read_text("utf-8"), "markdown", checker.names)
    return [checker.check(f).json() for f in found if f.cites or len(f.text.split()) >= 4]


def test_the_index_gives_the_scans_report(generated: tuple[Path, Path]) -> None:
    corpus, manuscript = generated
    scan = verify(manuscript, Corpus(corpus), use_index=False)
    counts = scan.counts()
    assert all(counts[s] >= 5 for s in ("exact", "differs", "not-found")), counts
    assert counts["wrong-paragraph"] >= 3, counts
    indexed = verify(manuscript, Corpus(corpus))
    assert json.dumps(indexed.json(), indent=1) == json.dumps(scan.json(), indent=1)
    # every quotation went through the index: decided by a proof or after MAX_SCORED documents
    with Checker(Corpus(corpus)) as checker:
        assert check_all(checker, manuscript) == [r.json() for r in scan.results]
        assert checker.stats["scan"] == 0
        assert checker.stats["outranked"] >= 10 and checker.stats["limit"] >= 10, checker.stats


def test_few_documents_are_read(tmp_path: Path) -> None:
    """Among 60 documents of common words, the seed manuscript's quotations are checked in the
    two documents they come from, each decided by a proof."""
    corpus = make_corpus(tmp_path / "corpus", copies=0, decoys=60)
    with Checker(Corpus(corpus)) as checker:
        rows = check_all(checker, SEEDS_MS)
        assert [(r["status"], r["doc"], r["paragraph"]) for r in rows] == SEEDS_EXPECTED
        assert checker.documents_read == 2
        assert checker.stats["limit"] == checker.stats["scan"] == 0, checker.stats
    with Checker(Corpus(corpus), use_index=False) as scan:
        assert check_all(scan, SEEDS_MS) == rows
        assert scan.documents_read == 62


def test_words_the_index_does_not_have_are_checked_by_the_scan(
    generated: tuple[Path, Path],
) -> None:
    corpus, _ = generated
    with Checker(Corpus(corpus)) as checker:
        (found,) = extract_markdown("“Zxqv plorbs wintergreen quaffle glimmerwick”", checker.names)
        assert checker.check(found).status == "not-found"
        assert checker.stats["scan"] == 1


def test_near_copies_are_taken_in_corpus_order(generated: tuple[Path, Path]) -> None:
    """More near-copies of a paragraph than MAX_SCORED: the first in corpus order, as the scan
    takes it."""
    corpus, _ = generated
    text = read_document(corpus / f"{DOC001}.md").paragraphs[12].parts[0].text
    quotation = f"“{text.split('. ')[0]}.”"
    rows = []
    for use_index in (True, False):
        with Checker(Corpus(corpus), use_index) as checker:
            (found,) = extract_markdown(quotation, checker.names)
            result = checker.check(found)
            rows.append((result.status, result.doc, result.paragraph))
    assert rows == [("exact", "copy-00", "11")] * 2


def test_an_edited_corpus_is_checked_as_it_is_now(corpus_copy: Path, qc: Any) -> None:
    first = json.loads(qc("verify", str(SEEDS_MS), "--corpus", str(corpus_copy), "--json").stdout)
    assert first["quotations"][0]["status"] == "exact"
    memo = corpus_copy / f"{DOC001}.md"
    memo.write_text(memo.read_text("utf-8").replace("admit honestly", "admit frankly"), "utf-8")
    again = json.loads(qc("verify", str(SEEDS_MS), "--corpus", str(corpus_copy), "--json").stdout)
    assert again["quotations"][0]["status"] == "differs"
    assert again["quotations"][0]["differences"] == [
        {"kind": "changed", "source": "frankly", "quoted": "honestly"}
    ]
    assert again["quotations"][1:] == first["quotations"][1:]


def _unwritable_cache(kind: str, tmp_path: Path, corpus: Path) -> Path:
    if kind == "file":  # the cache "directory" is a file: nothing can be made in it
        cache = tmp_path / "cache-file"
        cache.write_text("not a directory", encoding="utf-8")
        return cache
    cache = tmp_path / "cache-dir"  # the index's own path is taken by a directory
    cache.mkdir()
    from quotecite.fsutil import corpus_key

    (cache / f"search-{corpus_key(corpus)}.sqlite3").mkdir()
    return cache


@pytest.mark.parametrize("kind", ["file", "directory"])
def test_an_index_that_cannot_be_written_costs_speed_not_results(
    kind: str, qc: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = qc("verify", str(SEEDS_MS), "--json")
    monkeypatch.setenv(
        "QUOTECITE_CACHE_DIR", str(_unwritable_cache(kind, tmp_path, SHIPPED_CORPUS))
    )
    r = qc("verify", str(SEEDS_MS), "--json")
    assert (r.exit_code, r.stdout, r.stderr) == (
        expected.exit_code,
        expected.stdout,
        expected.stderr,
    )
    with Checker(Corpus()) as checker:
        assert check_all(checker, SEEDS_MS) == json.loads(expected.stdout)["quotations"]
        assert checker.stats["scan"] == 10


def test_a_damaged_index_is_rebuilt(qc: Any) -> None:
    from quotecite.search.index import index_path

    expected = qc("verify", str(SEEDS_MS), "--json")
    index_path(SHIPPED_CORPUS).write_bytes(b"this is not a database" * 100)
    r = qc("verify", str(SEEDS_MS), "--json")
    assert (r.exit_code, r.stdout) == (expected.exit_code, expected.stdout)
    with Checker(Corpus()) as checker:
        check_all(checker, SEEDS_MS)
        assert checker.stats["scan"] == 0


# ------------------------------------------------------------------ the bounds the proofs use
WORDS = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f", "g"]), min_size=1, max_size=40)


def _doc_index(words: list[str]) -> DocIndex:
    text = " ".join(words)
    return DocIndex.build(parse_text(f"+++\nid = 'x'\ntitle = 'x'\n+++\n¶ 1\n{text}\n").document)


@settings(max_examples=300, deadline=None)
@given(
    doc=WORDS,
    quotation=st.lists(
        st.sampled_from(["a", "b", "c", "d", "e", "f", "g", "…", "[b]", "[C]e"]), max_size=24
    ),
)
def test_no_alignment_matches_more_words_than_the_bounds_allow(
    doc: list[str], quotation: list[str]
) -> None:
    segments = quote_segments(" ".join(quotation))
    if not segments:
        return
    ix = _doc_index(doc)
    present = sum(1 for seg in segments for t in seg if t.norm in ix.positions)
    assert shared_run(segments, ix) <= present
    loc = locate(segments, ix)
    matched = 0 if loc is None else loc.matched
    assert matched <= present
    assert matched <= sum(window_bound(seg, ix) for seg in segments)
    if loc is not None and loc.found():
        assert matched >= found_threshold(segments)
