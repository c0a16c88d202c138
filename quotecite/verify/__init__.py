"""Checking every quotation in a manuscript against the corpus.

Each quotation gets one status:

* ``exact`` — word for word as in the corpus (ellipses and bracketed changes allowed), and in the
  cited paragraph where one is cited;
* ``differs`` — found, with differences: changed or added words, words left out without an
  ellipsis, a capital changed without brackets;
* ``wrong-paragraph`` — the manuscript cites a paragraph (or document) the quotation is not in,
  and it is found elsewhere;
* ``not-found`` — not in the corpus.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quotecite.corpus import Corpus, Entry
from quotecite.corpusfile import read_document
from quotecite.errors import InputError, QuoteciteError
from quotecite.passage import compress, resolve
from quotecite.refs import PassageRef
from quotecite.search.index import Index, is_corrupt, open_index
from quotecite.verify.candidates import (
    CANDIDATES,
    IndexFinder,
    Ranking,
    found_threshold,
    min_score,
)
from quotecite.verify.cites import Cite, Names, normalise_title
from quotecite.verify.extract import Found, extract, guess_syntax
from quotecite.verify.match import (
    DocIndex,
    Located,
    Tok,
    locate,
    quote_segments,
    shared_run,
    window_bound,
)

STATUSES = ("exact", "differs", "wrong-paragraph", "not-found")
#: uncited quotations shorter than this are taken for terms or scare quotes and not checked
MIN_WORDS = 4


@dataclass
class Result:
    found: Found
    status: str
    located: Located | None = None
    cite: Cite | None = None
    note: str | None = None  #: e.g. "the cited paragraph 99 does not exist"
    differences: list[dict[str, str]] = field(default_factory=list)

    @property
    def doc(self) -> str | None:
        return self.located.index.doc.id if self.located else None

    @property
    def paragraph(self) -> str | None:
        if not self.located:
            return None
        return compress(self.located.paragraphs(), self.located.index.doc) or None

    def json(self) -> dict[str, Any]:
        return {
            "quotation": self.found.text,
            "status": self.status,
            "line": self.found.line,
            "block": self.found.block,
            "doc": self.doc,
            "paragraph": self.paragraph,
            "cited": self.cite.describe() if self.cite else None,
            "differences": self.differences,
            "note": self.note,
        }


@dataclass
class Report:
    manuscript: str
    syntax: str
    results: list[Result]
    skipped: int  #: short uncited quotations not checked

    @property
    def ok(self) -> bool:
        return all(r.status == "exact" for r in self.results)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.results if r.status == s) for s in STATUSES}

    def json(self) -> dict[str, Any]:
        return {
            "manuscript": self.manuscript,
            "syntax": self.syntax,
            "quotations": [r.json() for r in self.results],
            "counts": self.counts(),
            "skipped": self.skipped,
            "ok": self.ok,
        }


class Checker:
    """The corpus, read as quotations need it, and the names a manuscript may cite its documents
    by. Documents are tokenised when first needed: those the index picks as candidates (see
    quotecite.verify.candidates) and those a quotation cites. ``use_index=False``: every
    quotation is checked by scanning every document (the reference the index path is tested
    against). Close it (or use it as a context manager) to close the index."""

    def __init__(self, corpus: Corpus, use_index: bool = True) -> None:
        self.corpus = corpus
        self.use_index = use_index
        self._entries: list[Entry] | None = None  #: the catalog in corpus order, when first needed
        self._names: Names | None = None
        self._docs: dict[int, DocIndex | None] = {}
        self._finder: IndexFinder | None = None
        self._finder_state = "unopened" if use_index else "off"
        self._files: list[str] = []
        self._place_of_id: dict[str, int] = {}
        #: how each quotation's candidates were found: "scan"; or with the index, proved the
        #: scan's ("all", "outranked", "unfindable", "unbeatable") or not ("gap", "limit"): see
        #: quotecite.verify.candidates. "scored": documents scored with the index.
        self.stats: Counter[str] = Counter()

    # ---------------------------------------------------------------- names and documents
    def _catalog(self) -> list[Entry]:
        if self._entries is None:
            # a file that cannot be read is an error, as when every document was read: its
            # quotations would otherwise be reported "not found"
            self.corpus.check_readable()
            self._entries = sorted(self.corpus.catalog().values(), key=lambda e: e.file)
            self._files = [e.file for e in self._entries]
            self._place_of_id = {e.id: n for n, e in enumerate(self._entries)}
        return self._entries

    @property
    def names(self) -> Names:
        if self._names is None:
            keys: dict[str, str] = {}
            titles: dict[str, str] = {}
            for e in self._catalog():
                keys[e.id.lower()] = e.id
                for alias in e.aliases:
                    keys.setdefault(alias.lower(), e.id)
                for title in (e.title, e.title_short):
                    if title and len(title) > 12:
                        titles[normalise_title(title)] = e.id
            self._names = Names(keys, titles)
        return self._names

    def _doc(self, place: int) -> DocIndex | None:
        """The document at ``place`` in corpus order, tokenised (a file that cannot be read
        raises CorpusError, naming the file and line)."""
        if place not in self._docs:
            self._docs[place] = DocIndex.build(read_document(self.corpus.path / self._files[place]))
        return self._docs[place]

    @property
    def documents_read(self) -> int:
        """How many documents have been read and tokenised so far."""
        return len(self._docs)

    def index_for(self, name: str) -> DocIndex | None:
        doc_id = self.names.keys.get(name.lower())
        if doc_id is None:
            try:
                doc_id = self.corpus.find_entry(name).id
            except QuoteciteError:
                return None
        self._catalog()
        place = self._place_of_id.get(doc_id)
        return None if place is None else self._doc(place)

    # ---------------------------------------------------------------- the index
    def _index(self) -> IndexFinder | None:
        if self._finder_state == "unopened":
            self._finder_state = "off"
            self._catalog()
            index = _open_index(self.corpus.path)
            if index is not None:
                try:
                    order = {file: n for n, file in enumerate(self._files)}
                    self._finder = IndexFinder(index, order)
                    self._finder_state = "on"
                except sqlite3.Error:
                    index.close()
        return self._finder

    def _drop_index(self) -> None:
        """A query failed: the rest of the quotations are checked by the scan."""
        if self._finder is not None:
            with contextlib.suppress(sqlite3.Error):
                self._finder.close()
        self._finder = None
        self._finder_state = "off"

    def close(self) -> None:
        if self._finder is not None:
            self._finder.close()
            self._finder = None

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- candidates
    def candidates(self, segments: list[list[Tok]], limit: int = CANDIDATES) -> list[DocIndex]:
        """The documents worth aligning against: most words of the quotation in one place."""
        return [ix for n in self._ranked(segments, limit, {}) if (ix := self._doc(n)) is not None]

    def scan(self, segments: list[list[Tok]], limit: int = CANDIDATES) -> list[int]:
        """The candidates by scoring every document (corpus places, best first)."""
        need = min_score(segments)
        scored: list[tuple[int, int]] = []
        for n in range(len(self._catalog())):
            ix = self._doc(n)
            if ix is not None:
                score = shared_run(segments, ix)
                if score >= need:
                    scored.append((score, n))
        scored.sort(key=lambda row: (-row[0], row[1]))
        return [n for _score, n in scored[:limit]]

    def _ranked(self, segments: list[list[Tok]], limit: int, memo: _Memo) -> list[int]:
        """The candidates (corpus places, best first): the scan's, found with the index when it
        can be (see quotecite.verify.candidates)."""
        finder = self._index()
        plan = None
        if finder is not None:
            try:
                plan = finder.plan(segments)
            except sqlite3.Error:
                self._drop_index()
        if plan is None:
            self.stats["scan"] += 1
            return self.scan(segments, limit)
        words = sum(1 for seg in segments for t in seg if not t.interp)
        threshold = found_threshold(segments)
        ranking = Ranking(plan, len(self._files), min_score(segments), threshold, words)

        def score(place: int) -> int:
            ix = self._doc(place)
            return -1 if ix is None else shared_run(segments, ix)

        def pick(places: list[int]) -> tuple[int, int] | None:
            best = self._pick(segments, places, memo)
            return None if best is None else (best[0], best[1].cost)

        outcome = ranking.run(score, pick, limit)
        self.stats[outcome] += 1
        self.stats["scored"] += len(ranking.scores)
        return ranking.top(limit)

    def _pick(
        self, segments: list[list[Tok]], places: list[int], memo: _Memo
    ) -> tuple[int, Located] | None:
        """The best match among the candidates ``places`` (the first of equally good ones)."""
        best: tuple[int, Located] | None = None
        best_rank: tuple[int, int, int, int] | None = None
        threshold = found_threshold(segments)
        floor = (0, 0, -sum(len(seg) for seg in segments), 0)
        for n in places:
            if n not in memo:
                ix = self._doc(n)
                memo[n] = None
                if ix is not None and _findable(segments, ix, threshold):
                    loc = locate(segments, ix)
                    if loc is not None and loc.found():
                        memo[n] = (loc, loc.rank())
            found = memo[n]
            if found is not None and (best_rank is None or found[1] < best_rank):
                best, best_rank = (n, found[0]), found[1]
                if best_rank == floor:
                    break  # nothing can rank better
        return best

    def best(self, found: Found) -> Located | None:
        segments = quote_segments(found.text)
        if not segments:
            return None
        memo: _Memo = {}
        picked = self._pick(segments, self._ranked(segments, CANDIDATES, memo), memo)
        return None if picked is None else picked[1]

    def check(self, found: Found) -> Result:
        segments = quote_segments(found.text)
        best = self.best(found)
        for cite in found.cites:
            result = self._check_cited(found, segments, cite, best)
            if result is not None:
                return result
        if best is None:
            return Result(found, "not-found", cite=found.cites[0] if found.cites else None)
        return _result(found, best, found.cites[0] if found.cites else None)

    def _check_cited(
        self, found: Found, segments: list[Any], cite: Cite, best: Located | None
    ) -> Result | None:
        """The result against what ``cite`` names; None when the cite names nothing checkable."""
        if cite.doc is None:
            # a locator only ("par. 16"): check it in the document where the words are
            if best is None or cite.ref is None:
                return None
            ix = best.index
        else:
            cited_ix = self.index_for(cite.doc)
            if cited_ix is None:
                return None  # cites something outside the corpus
            ix = cited_ix
        allowed: set[int] | None = None
        note = None
        if cite.ref is not None and cite.ref.spans:
            try:
                passage = resolve(ix.doc, PassageRef(ix.doc.id, cite.ref.spans))
                allowed = {
                    i
                    for i, u in enumerate(ix.units)
                    for sel in passage.cited
                    if sel.paragraph.number == u.paragraph and u.part in sel.parts
                }
            except QuoteciteError as exc:
                allowed = set()
                note = str(exc)
        there = locate(segments, ix, allowed) if allowed != set() else None
        if there is not None and there.found():
            diffs = there.differences()
            if (
                diffs
                and best is not None
                and best.body()
                and not best.differences()
                and not (best.index is ix and set(best.units()) <= (allowed or set()))
            ):
                # altered in the cited place but word for word in another paragraph
                return Result(found, "wrong-paragraph", best, cite, note, [])
            return _result(found, there, cite)
        if best is None:
            return Result(found, "not-found", None, cite, note)
        return Result(found, "wrong-paragraph", best, cite, note, best.differences())


def _result(found: Found, loc: Located, cite: Cite | None) -> Result:
    diffs = loc.differences()
    return Result(found, "differs" if diffs else "exact", loc, cite, None, diffs)


def read_manuscript(path: Path) -> str:
    if path.suffix.lower() == ".docx":
        from quotecite.verify.docx import docx_text

        return docx_text(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"no manuscript '{path}'") from None
    except IsADirectoryError:
        raise InputError(f"'{path}' is a directory, not a manuscript") from None
    except UnicodeDecodeError:
        raise InputError(f"manuscript '{path}' is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"cannot read manuscript '{path}': {exc.strerror}") from None


def verify(
    path: Path,
    corpus: Corpus,
    syntax: str | None = None,
    min_words: int = MIN_WORDS,
    use_index: bool = True,
) -> Report:
    text = read_manuscript(path)
    if path.suffix.lower() == ".docx":
        syntax = "markdown"
    syntax = syntax or guess_syntax(path.name, text)
    results: list[Result] = []
    skipped = 0
    docx = path.suffix.lower() == ".docx"
    with Checker(corpus, use_index) as checker:
        for found in extract(text, syntax, checker.names):
            if docx:
                from quotecite.verify.docx import paragraph_of_line

                found = replace(found, line=paragraph_of_line(found.line))
            if not found.cites and len(found.text.split()) < min_words:
                skipped += 1
                continue
            results.append(checker.check(found))
    return Report(str(path), syntax, results, skipped)


_Memo = dict[int, tuple[Located, tuple[int, int, int, int]] | None]  #: found matches and ranks


def _findable(segments: list[list[Tok]], ix: DocIndex, threshold: int) -> bool:
    """Whether ``locate`` could find the quotation in ``ix`` (matched words ≥ ``threshold``):
    first the words the document has anywhere, then those one alignment window can hold."""
    if sum(1 for seg in segments for t in seg if t.norm in ix.positions) < threshold:
        return False
    total = 0
    for seg in segments:
        total += window_bound(seg, ix, min(len(seg), threshold - total))
        if total >= threshold:
            return True
    return False


def _open_index(corpus_path: Path) -> Index | None:
    """The corpus's search index, up to date; None if it cannot be opened or updated (a damaged
    index is rebuilt once, as search does)."""
    for attempt in range(2):
        try:
            index = open_index(corpus_path)
        except (sqlite3.Error, OSError):
            return None
        try:
            index.sync()
            return index
        except sqlite3.Error as exc:
            if attempt == 0 and is_corrupt(exc):
                index.discard()
                continue
            index.close()
            return None
        except OSError:
            index.close()
            return None
    return None


__all__ = ["STATUSES", "Report", "Result", "verify"]
