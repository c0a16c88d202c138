"""Importing many files into a corpus: unique ids, safe writes, worker processes.

:func:`run` imports files in the order given and yields an :class:`Outcome` for each document.
Ids are unique and stable: a document whose id another document of the batch, or a different
document already in the corpus, has taken gets a deterministic suffix — the leaves of its archival
reference, its date, then ``-2``, ``-3`` in the order of the files. The same document imported
again is refused without ``--force`` (exit 9). A file is created atomically and only if it does
not exist (another process importing into the same corpus cannot have its document replaced);
``--force`` replaces atomically.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotecite.errors import AlreadyExists, ExitStatus, InputError, QuoteciteError
from quotecite.importer.build import ImportResult, Overrides, import_path, slug, with_id

_BATCH = 256
_POOL_FROM = 64


@dataclass
class Outcome:
    source: str
    result: ImportResult | None = None
    written: bool = False
    error: QuoteciteError | None = None
    target: Path | None = None
    renamed_from: str | None = None  #: the id the document would have had, before a suffix
    messages: list[str] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        r = self.result
        return {
            "source": self.source,
            "id": r.document.id if r else None,
            "file": str(self.target) if self.target else None,
            "written": self.written,
            "format": r.kind if r else None,
            "encoding": r.encoding if r else None,
            "paragraphs": len(r.document.paragraphs) if r else None,
            "numbering": r.document.numbering.value if r else None,
            "title_supplied": r.document.title_supplied if r else None,
            "warnings": [*r.notes, *r.warnings, *self.messages] if r else [],
            "left_out": left_out_json(r) if r else [],
            "error": str(self.error) if self.error else None,
        }


def left_out_json(result: ImportResult) -> list[dict[str, Any]]:
    return [{"line": x.line, "text": x.text, "reason": x.reason} for x in result.left_out]


def expand(files: list[Path]) -> list[Path]:
    """Files as given; a directory stands for the files in it that quotecite reads."""
    from quotecite.importer.formats import SUFFIXES

    out: list[Path] = []
    for f in files:
        if str(f) != "-" and f.is_dir():
            out.extend(
                sorted(p for p in f.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file())
            )
        else:
            out.append(f)
    return out


def run(
    files: list[Path],
    corpus: Path,
    overrides: Overrides | None = None,
    dry_run: bool = False,
    force: bool = False,
    split: bool = False,
    tick: Callable[[], None] | None = None,
) -> Iterator[Outcome]:
    """Import each file in turn; yields what happened, in the order of ``files``.

    Parsing runs here (in worker processes from 64 files on); the atomic writes run on a few
    writer threads, so the disk's latency overlaps the parsing of the next files. At most a few
    documents are in flight at once: memory stays flat however many files there are.
    """
    from quotecite.fsutil import atomic_create_text, atomic_write_text

    taken: dict[str, str] = {}
    pending: list[tuple[Outcome, Future[None] | None]] = []

    def finish(outcome: Outcome, future: Future[None] | None) -> Outcome:
        if future is not None:
            try:
                future.result()
                outcome.written = True
            except FileExistsError:
                outcome.error = AlreadyExists(
                    f"{outcome.target} was created by another import meanwhile "
                    "(--force to overwrite it)"
                )
            except OSError as exc:
                outcome.error = InputError(f"{outcome.target}: cannot write: {exc.strerror or exc}")
        if tick is not None:
            tick()
        return outcome

    with ThreadPoolExecutor(max_workers=4) as pool:
        for path, parsed in _parse_all(files, corpus, overrides, split):
            for item in parsed if isinstance(parsed, list) else [parsed]:
                outcome = Outcome(source=str(path))
                future: Future[None] | None = None
                try:
                    if isinstance(item, QuoteciteError):
                        raise item
                    result = _unique(item, corpus, taken, force, outcome)
                    outcome.result = result
                    target = corpus / f"{result.document.id}.md"
                    outcome.target = target
                    taken[result.document.id] = str(path)
                    if not dry_run:
                        write = atomic_write_text if force else atomic_create_text
                        future = pool.submit(write, target, result.text)
                except QuoteciteError as exc:
                    outcome.error = exc
                pending.append((outcome, future))
            while len(pending) > 8:
                yield finish(*pending.pop(0))
        while pending:
            yield finish(*pending.pop(0))


def _unique(
    result: ImportResult, corpus: Path, taken: dict[str, str], force: bool, outcome: Outcome
) -> ImportResult:
    """The result with an id no other document of the batch or the corpus has."""
    doc_id = result.document.id
    target = corpus / f"{doc_id}.md"
    if doc_id not in taken:
        if not target.exists():
            return result
        if _same_document(target, result):
            if force:
                return result
            raise AlreadyExists(f"{target} exists (--force to overwrite it)")
    for candidate in _candidates(result):
        if candidate in taken:
            continue
        path = corpus / f"{candidate}.md"
        if path.exists():
            if not _same_document(path, result):
                continue
            if not force:  # imported before, under the id it took then
                raise AlreadyExists(f"{path} exists (--force to overwrite it)")
        outcome.renamed_from = doc_id
        why = (
            f"id '{doc_id}' was taken by {taken[doc_id]}"
            if doc_id in taken
            else f"'{target.name}' in the corpus is another document"
        )
        outcome.messages.append(f"{why}: this one is '{candidate}'")
        return with_id(result, candidate)
    raise AssertionError("_candidates never ends")  # pragma: no cover


def _candidates(result: ImportResult) -> Iterator[str]:
    doc = result.document
    base = doc.id
    if doc.archival.leaves:
        yield slug(f"{base}-l{doc.archival.leaves}")
    if doc.issued is not None and doc.issued.to_edtf() not in base:
        yield slug(f"{base}-{doc.issued.to_edtf()}")
    n = 2
    while True:
        yield f"{base}-{n}"
        n += 1


def _same_document(path: Path, result: ImportResult) -> bool:
    """Is the corpus file at ``path`` this document (the same text), or another one?"""
    from quotecite.corpusfile import parse_file

    try:
        existing = parse_file(path).document
    except QuoteciteError:
        return False  # an unreadable file is never overwritten without --force
    mine = result.document
    if [p.text for p in existing.paragraphs] == [p.text for p in mine.paragraphs]:
        return True
    # re-imported after an upgrade, or edited by hand: the same title and date — but a supplied
    # "Untitled document" with neither date nor archival reference (the id then comes from the
    # title alone) tells no document from another
    if mine.title_supplied and mine.issued is None and mine.archival.is_empty():
        return False
    return (existing.title, existing.issued) == (mine.title, mine.issued)


def _parse_all(
    files: list[Path], corpus: Path, overrides: Overrides | None, split: bool
) -> Iterator[tuple[Path, ImportResult | list[ImportResult] | QuoteciteError]]:
    """Parse the files in order; many files are parsed by a pool of processes, a batch at a time."""
    workers = min(os.cpu_count() or 1, 4)
    if len(files) < _POOL_FROM or workers < 2:
        for path in files:
            yield path, _parse_one(path, corpus, overrides, split)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for start in range(0, len(files), _BATCH):
            batch = files[start : start + _BATCH]
            args = [(p, corpus, overrides, split) for p in batch]
            for path, parsed in zip(batch, pool.map(_parse_packed, args, chunksize=8), strict=True):
                yield path, _unpack(parsed)


def _parse_one(
    path: Path, corpus: Path, overrides: Overrides | None, split: bool
) -> ImportResult | list[ImportResult] | QuoteciteError:
    try:
        if split:
            from quotecite.importer.build import import_parts

            return import_parts(path, corpus, overrides)
        return import_path(path, corpus, overrides)
    except QuoteciteError as exc:
        return exc
    except RecursionError:
        return InputError(f"{path}: nested too deeply to read")


def _parse_packed(
    args: tuple[Path, Path, Overrides | None, bool],
) -> ImportResult | list[ImportResult] | tuple[str, int]:
    # errors cross the process boundary as (message, exit status): not every error pickles
    parsed = _parse_one(*args)
    if isinstance(parsed, QuoteciteError):
        return (str(parsed), int(parsed.exit_status))
    return parsed


def _unpack(
    parsed: ImportResult | list[ImportResult] | tuple[str, int],
) -> ImportResult | list[ImportResult] | QuoteciteError:
    if isinstance(parsed, tuple):
        return _error_of_status(parsed[0], ExitStatus(parsed[1]))
    return parsed


def _error_of_status(message: str, status: ExitStatus) -> QuoteciteError:
    """The error class that carries ``status`` (an error rebuilt after crossing processes)."""
    for cls in (InputError, AlreadyExists):
        if cls.exit_status == status:
            return cls(message)
    return QuoteciteError(message)
