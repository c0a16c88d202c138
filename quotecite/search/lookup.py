"""Searching the index: filters, BM25-ranked hits, and the damage-tolerant way to open it."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from quotecite.errors import AmbiguousDocument, DocumentNotFound, InputError, SearchIndexError
from quotecite.search.index import Index, Progress, SyncReport, is_corrupt, open_index
from quotecite.search.query import Query, parse_query, plain_query

T = TypeVar("T")

#: private-use characters around highlighted words in a snippet; renderers replace them
HL_OPEN = "\ue000"
HL_CLOSE = "\ue001"
SNIPPET_TOKENS = 24


class Filters(NamedTuple):
    doc: str | None = None  #: document id, alias or id prefix
    date_from: str | None = None  #: EDTF date: documents that may be dated on or after it
    date_to: str | None = None  #: EDTF date: documents that may be dated on or before it
    archive: str | None = None  #: archive acronym ("GARF"), case-insensitive

    @property
    def empty(self) -> bool:
        return not (self.doc or self.date_from or self.date_to or self.archive)


class Hit(NamedTuple):
    doc: str
    paragraph: str  #: "16", or "3.2" for sub-paragraph 2 of a numbered section
    score: float  #: BM25, larger is better
    snippet: str  #: with HL_OPEN / HL_CLOSE around matched words
    title: str
    date: str  #: for people ("June 26, 1986"), "" when undated
    file: str

    @property
    def citation_ref(self) -> str:
        return f"{self.doc} {self.paragraph}"


def with_index(
    corpus_path: Path,
    fn: Callable[[Index], T],
    *,
    full: bool = False,
    rebuild: bool = False,
    progress: Progress | None = None,
    report: list[SyncReport] | None = None,
) -> T:
    """Open, bring up to date and use the index; a damaged index is rebuilt and ``fn`` re-run."""
    for attempt in range(2):
        try:
            index = open_index(corpus_path)
        except sqlite3.Error as exc:
            raise SearchIndexError(f"cannot open the search index: {exc}") from exc
        try:
            if rebuild and attempt == 0:
                index.discard()
                index = open_index(corpus_path)
            sync = index.sync(full=full or rebuild, progress=progress)
            if report is not None:
                report.append(sync)
            return fn(index)
        except sqlite3.Error as exc:
            if attempt == 0 and is_corrupt(exc):
                index.discard()
                continue
            raise SearchIndexError(f"search index: {exc}") from exc
        finally:
            index.close()
    raise AssertionError("unreachable")


def date_bound(value: str, upper: bool) -> str:
    from quotecite.dates import DateFormatError, parse_date
    from quotecite.search.index import date_bounds

    try:
        spec = parse_date(value)
    except DateFormatError as exc:
        raise InputError(str(exc)) from exc
    lo, hi = date_bounds(spec)
    bound = hi if upper else lo
    if bound is None:
        raise InputError(f"cannot read date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    return bound


def _resolve_doc(index: Index, name: str) -> str:
    found = index.find_doc(name)
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousDocument(name, found)
    from quotecite.corpus import Corpus

    raise DocumentNotFound(name, Corpus(index.corpus_path).suggest(name.strip().lower()))


def _filter_sql(index: Index, filters: Filters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    args: list[object] = []
    if filters.doc:
        doc_id = _resolve_doc(index, filters.doc)
        ranges = index.pid_ranges("id = ?", [doc_id])
        if not ranges:
            return " AND 0", []
        clauses.append("(" + " OR ".join("rowid BETWEEN ? AND ?" for _ in ranges) + ")")
        args.extend(x for r in ranges for x in r)
    doc_where: list[str] = []
    doc_args: list[object] = []
    if filters.date_from:
        doc_where.append("date_hi >= ?")
        doc_args.append(date_bound(filters.date_from, upper=False))
    if filters.date_to:
        doc_where.append("date_lo <= ?")
        doc_args.append(date_bound(filters.date_to, upper=True))
    if filters.archive:
        doc_where.append("archive = ?")
        doc_args.append(filters.archive.strip().lower())
    if doc_where:
        clauses.append(f"docid IN (SELECT docid FROM docs WHERE {' AND '.join(doc_where)})")
        args.extend(doc_args)
    return "".join(f" AND {c}" for c in clauses), args


def _run(index: Index, query: Query, filters: Filters, limit: int) -> list[Hit]:
    where, args = _filter_sql(index, filters)
    sql = (
        "SELECT ref, docid, snippet(fts, 0, ?, ?, '…', ?), rank FROM fts "
        f"WHERE fts MATCH ?{where} ORDER BY rank LIMIT ?"
    )
    rows = index.conn.execute(
        sql, [HL_OPEN, HL_CLOSE, SNIPPET_TOKENS, query.expression, *args, limit]
    ).fetchall()
    docs = index.docs_by_id(sorted({int(r[1]) for r in rows}))
    hits: list[Hit] = []
    for ref, docid, snippet, rank in rows:
        d = docs.get(int(docid))
        if d is None or d.id is None:
            continue
        hits.append(
            Hit(
                doc=d.id,
                paragraph=str(ref),
                score=round(-float(rank), 4),
                snippet=str(snippet),
                title=d.title,
                date=d.date_display,
                file=d.file,
            )
        )
    return hits


def search(
    corpus_path: Path,
    text: str,
    filters: Filters | None = None,
    limit: int = 20,
    progress: Progress | None = None,
) -> list[Hit]:
    """Hits for the user's query ``text``, best first (see quotecite.search.query for syntax)."""
    query = parse_query(text)
    if query.empty:
        raise InputError("nothing to search for: the query has no words")
    filt = filters or Filters()

    def op(index: Index) -> list[Hit]:
        nonlocal query
        for _ in range(3):
            try:
                hits = _run(index, query, filt, limit)
            except sqlite3.OperationalError as exc:
                if "fts5" not in str(exc) or query.plain:
                    raise
                # belt and braces: the parser emits only valid expressions
                query = plain_query(text)
                hits = _run(index, query, filt, limit)
            # a hit's file edited in place since the last scan: re-index it and search again
            if not index.refresh([h.file for h in hits]):
                break
        return hits

    return with_index(corpus_path, op, progress=progress)
