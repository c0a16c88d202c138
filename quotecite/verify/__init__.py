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

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from quotecite.corpus import Corpus
from quotecite.errors import InputError, QuoteciteError
from quotecite.passage import compress, resolve
from quotecite.refs import PassageRef
from quotecite.verify.cites import Cite, Names, normalise_title
from quotecite.verify.extract import Found, extract, guess_syntax
from quotecite.verify.match import DocIndex, Located, Tok, locate, quote_segments, shared_run

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
    """The corpus, indexed once, and the names a manuscript may cite its documents by."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.indexes = [DocIndex.build(doc) for doc in corpus.documents()]
        self.by_id = {ix.doc.id: ix for ix in self.indexes}
        keys: dict[str, str] = {}
        titles: dict[str, str] = {}
        for ix in self.indexes:
            keys[ix.doc.id.lower()] = ix.doc.id
            for alias in ix.doc.aliases:
                keys.setdefault(alias.lower(), ix.doc.id)
            for title in (ix.doc.title, ix.doc.title_short):
                if title and len(title) > 12:
                    titles[normalise_title(title)] = ix.doc.id
        self.names = Names(keys, titles)

    def index_for(self, name: str) -> DocIndex | None:
        doc_id = self.names.keys.get(name.lower())
        if doc_id is None:
            try:
                doc_id = self.corpus.find_entry(name).id
            except QuoteciteError:
                return None
        return self.by_id.get(doc_id)

    def candidates(self, segments: list[list[Tok]], limit: int = 8) -> list[DocIndex]:
        """The documents worth aligning against: most words of the quotation in one place."""
        words = sum(1 for seg in segments for t in seg if not t.interp)
        need = min(words, 2)
        scored = [(shared_run(segments, ix), n, ix) for n, ix in enumerate(self.indexes)]
        scored = [row for row in scored if row[0] >= need]
        scored.sort(key=lambda row: (-row[0], row[1]))
        return [ix for _score, _n, ix in scored[:limit]]

    def best(self, found: Found) -> Located | None:
        segments = quote_segments(found.text)
        if not segments:
            return None
        best: Located | None = None
        for ix in self.candidates(segments):
            loc = locate(segments, ix)
            if loc is not None and loc.found() and (best is None or loc.rank() < best.rank()):
                best = loc
        return best

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
    path: Path, corpus: Corpus, syntax: str | None = None, min_words: int = MIN_WORDS
) -> Report:
    text = read_manuscript(path)
    if path.suffix.lower() == ".docx":
        syntax = "markdown"
    syntax = syntax or guess_syntax(path.name, text)
    checker = Checker(corpus)
    results: list[Result] = []
    skipped = 0
    docx = path.suffix.lower() == ".docx"
    for found in extract(text, syntax, checker.names):
        if docx:
            from quotecite.verify.docx import paragraph_of_line

            found = replace(found, line=paragraph_of_line(found.line))
        if not found.cites and len(found.text.split()) < min_words:
            skipped += 1
            continue
        results.append(checker.check(found))
    return Report(str(path), syntax, results, skipped)


__all__ = ["STATUSES", "Report", "Result", "verify"]
