"""The bodies of ``search``, ``find`` and ``index``, free of typer so the lean entry can use them.

``run_*`` return data, ``output_*`` print it in the chosen mode (data on stdout, notes on stderr).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from quotecite.cli.output import Mode, write_json, write_rich, write_text

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

    from quotecite.search.find import Candidate
    from quotecite.search.index import SyncReport
    from quotecite.search.lookup import Hit

PROGRESS_MIN = 1000  #: show a progress bar when at least this many files are to be indexed


class ProgressBar:
    """A progress callback: a rich bar on stderr, when it is a terminal and the work is large."""

    def __init__(self, label: str = "Indexing corpus") -> None:
        self.label = label
        self.bar: RichProgress | None = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if total < PROGRESS_MIN or not sys.stderr.isatty():
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

            from quotecite.render.terminal import console

            self.bar = Progress(
                f"{self.label}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console(stderr=True),
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=total)
        self.bar.update(self.task, completed=done, total=total)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()


def corpus_path(corpus: Path | None) -> Path:
    """The corpus directory; given or from $QUOTECITE_CORPUS without importing the corpus code."""
    import os

    if corpus is None and not os.environ.get("QUOTECITE_CORPUS"):
        from quotecite.corpus import Corpus

        return Corpus(None).path
    path = (corpus or Path(os.environ["QUOTECITE_CORPUS"])).expanduser()
    if not path.is_dir():
        from quotecite.errors import CorpusError

        raise CorpusError(path, "corpus directory does not exist")
    return path


def note(message: str) -> None:
    sys.stderr.write(f"quotecite: {message}\n")


# ------------------------------------------------------------------------------------ search


def run_search(
    query: list[str] | str,
    corpus: Path | None = None,
    doc: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    archive: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    from quotecite.search.lookup import Filters, date_bound, search

    text = query if isinstance(query, str) else " ".join(query)
    for value, upper in ((date_from, False), (date_to, True)):
        if value:
            date_bound(value, upper)  # a bad date is reported before any indexing
    filters = Filters(doc=doc, date_from=date_from, date_to=date_to, archive=archive)
    with ProgressBar() as bar:
        return search(corpus_path(corpus), text, filters, limit=limit, progress=bar)


def output_search(hits: list[Hit], mode: Mode) -> None:
    from quotecite.search import render

    if mode is Mode.JSON:
        write_json([render.hit_json(h) for h in hits])
        return
    if not hits:
        note("no matches")
        return
    if mode is Mode.PLAIN:
        write_text(render.render_hits(hits))
    else:
        write_rich(render.hits_view(hits))


# ------------------------------------------------------------------------------------ find


def citation_for(corpus: Path | None, ref: str, style: str) -> str:
    """The full note for ``ref``, as ``quotecite cite`` gives it.

    ``cite`` passes the whole corpus as the bibliography in play (for disambiguation), which
    reads every document; in a corpus of more than FULL_SCAN_LIMIT files that would cost minutes,
    so there the passage's document alone is cited.
    """
    from quotecite import citing
    from quotecite.corpus import Corpus
    from quotecite.search.index import FULL_SCAN_LIMIT, open_index

    lib = Corpus(corpus_path(corpus))
    passage = lib.passage(ref)
    index = open_index(lib.path)  # knows the number of files without listing the directory
    try:
        small = int(index.meta("files") or 0) <= FULL_SCAN_LIMIT
    finally:
        index.close()
    return citing.cite_passage(passage, style, "text", corpus=lib if small else None).citation


def run_find(
    quotation: list[str] | str, corpus: Path | None = None, limit: int = 5
) -> list[Candidate]:
    from quotecite.search.find import find

    text = quotation if isinstance(quotation, str) else " ".join(quotation)
    with ProgressBar() as bar:
        return find(corpus_path(corpus), text, limit=limit, progress=bar)


def output_find(
    candidates: list[Candidate], mode: Mode, corpus: Path | None = None, style: str = "chicago"
) -> None:
    from quotecite.search import render

    if mode is Mode.JSON:
        write_json(
            [
                render.candidate_json(c, citation_for(corpus, c.citation_ref, style))
                for c in candidates
            ]
        )
        return
    if not candidates:
        note("no source found for the quotation")
        return
    citation = citation_for(corpus, candidates[0].citation_ref, style)
    if mode is Mode.PLAIN:
        write_text(render.render_find(candidates, citation))
    else:
        write_rich(render.find_view(candidates, citation))


# ------------------------------------------------------------------------------------ index


def run_index(corpus: Path | None = None, rebuild: bool = False) -> tuple[SyncReport, int, int]:
    from quotecite.search.index import Index
    from quotecite.search.lookup import with_index

    reports: list[SyncReport] = []

    def counts(index: Index) -> tuple[int, int]:
        docs = index.conn.execute("SELECT count(*) FROM docs WHERE id IS NOT NULL").fetchone()
        paras = index.conn.execute(
            "SELECT coalesce(sum(last_pid - first_pid + 1), 0) FROM docs"
        ).fetchone()
        return int(docs[0]), int(paras[0])

    with ProgressBar() as bar:
        documents, paragraphs = with_index(
            corpus_path(corpus), counts, full=True, rebuild=rebuild, progress=bar, report=reports
        )
    return reports[-1], documents, paragraphs


def output_index(result: tuple[SyncReport, int, int], mode: Mode) -> None:
    from quotecite.search import render

    report, documents, paragraphs = result
    for file, message in report.errors:
        note(f"warning: {file}: {message} (not indexed)")
    if mode is Mode.JSON:
        write_json(render.report_json(report, documents, paragraphs))
    else:
        write_text(render.render_report(report, documents, paragraphs))
