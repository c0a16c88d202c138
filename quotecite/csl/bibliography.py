"""Long bibliographies: cached, parallel, streamed — and exactly the engine's output.

:func:`iter_bibliography` yields the entries of a bibliography in the style's order as they
are ready; :func:`build_bibliography` collects them into the engine's
:class:`~quotecite.csl.engine.Bibliography`. Both give what
:func:`quotecite.csl.engine.render_bibliography` gives for the same arguments (the test suite
compares them on the development items and on generated items), only faster:

1. every item's cached parts are read from :class:`~quotecite.csl.bibcache.BibCache`;
2. the sort-key values of the items not cached are computed (in worker processes when there
   are many), and the engine's own ``cs:sort`` comparison orders all items from them;
3. entries not cached are rendered in that order (in worker processes when there are many,
   in ordered chunks so output streams), and subsequent-author-substitute is applied exactly
   as the engine does: an entry's names are compared with the previous entry's names, and
   the substituted rendering is used when they are equal. Like the engine, a rendering
   decides this as it renders the names (one rendering per entry); the cache keeps the
   plain and the substituted rendering apart, and either tells the names, so a later
   bibliography renders again only the one it lacks;
4. what was computed is written back to the cache.

A style whose bibliography could depend on other items in ways the parts above do not
capture (``citation-number``, the item ``id``) is rendered by ``render_bibliography``
directly, without cache or workers.

Worker processes are forked (POSIX only; elsewhere everything runs in this process) after
the items are registered and before ``progress`` is first called, so they inherit the loaded
style and registry and receive only indices.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import citeproc
import citeproc.formatter.plain
from lxml import etree  # type: ignore[import-untyped]

import quotecite
from quotecite.csl import engine, speed
from quotecite.csl.bibcache import BibCache, Outcome, Record, item_key
from quotecite.csl.engine import Bibliography, Style
from quotecite.csl.engine_text import collation_key  # the engine's sort comparison

NO_ENTRY = engine.NO_ENTRY
PARALLEL_MIN = 200  # uncached items from which worker processes pay (auto mode)
_KEY_CHUNK = 32
_RENDER_CHUNK = 16

Progress = Callable[[int, int], None]

# variables whose value in an entry depends on the other items: the citation number (the
# position), the id (the engine's registry key), and the year suffix (disambiguation)
_CONTEXT_VARIABLES = {"citation-number", "id", "first-reference-note-number", "year-suffix"}


@dataclass(frozen=True)
class Entry:
    """One bibliography entry as it streams: its text, or why it failed."""

    id: str
    text: str | None
    error: str | None = None


# ---------------------------------------------------------------------------------------------
# what the cache may rely on


def _reachable(style: Style) -> Iterator[Any]:
    """Every element the bibliography (layout and sort) can render, through macros."""
    csl = style.csl
    macros: dict[str, Any] = {}
    for macro in csl.iterchildren(f"{{{engine.CSL_NS}}}macro"):
        macros.setdefault(macro.get("name"), macro)
    seen: set[str] = set()
    stack = [csl.bibliography]
    while stack:
        for node in stack.pop().iter():
            yield node
            name = node.get("macro")
            if name is not None and name not in seen and name in macros:
                seen.add(name)
                stack.append(macros[name])


_CACHEABLE: weakref.WeakKeyDictionary[Style, bool] = weakref.WeakKeyDictionary()


def cacheable(style: Style) -> bool:
    """True when every entry is a function of its own item (given the substitution decision),
    so entries may be cached and rendered independently.

    The engine disambiguates the citations of all items before it renders a bibliography;
    what that decides reaches a bibliography entry only through ``year-suffix`` and
    ``cs:if disambiguate`` (name expansion applies to citations only). A bibliography that
    uses neither does not depend on it, so the cached path skips it."""
    known = _CACHEABLE.get(style)
    if known is None:
        known = True
        for node in _reachable(style):
            variables = node.get("variable")
            if node.get("disambiguate") is not None or (
                variables is not None and _CONTEXT_VARIABLES & set(variables.split())
            ):
                known = False
                break
        _CACHEABLE[style] = known
    return known


def _source_digest() -> str:
    """Every source file of quotecite's CSL package (engine, corrections, formatters, this
    driver …) and the citeproc-py and lxml versions: a code change is a new cache."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        digest.update(str(path.relative_to(here)).encode() + b"\0")
        digest.update(path.read_bytes())
    # (the engine refuses any other citeproc-py than the one it was written for)
    digest.update(f"citeproc-py={engine._installed_version('citeproc-py')}".encode())
    digest.update(f"lxml={etree.__version__}".encode())
    return digest.hexdigest()


def _module_digest(module: ModuleType) -> str:
    path = getattr(module, "__file__", None)
    try:
        data = Path(path).read_bytes() if path else b""
    except OSError:
        data = b""
    return hashlib.sha256(data).hexdigest()


_SOURCE: list[str] = []


def fingerprint(style: Style, formatter: ModuleType) -> str:
    """Everything besides the item that an entry depends on (see :mod:`bibcache`)."""
    if not _SOURCE:
        _SOURCE.append(_source_digest())
    digest = hashlib.sha256()
    digest.update(f"quotecite {quotecite.__version__}\n{_SOURCE[0]}\n".encode())
    digest.update(f"formatter {formatter.__name__} {_module_digest(formatter)}\n".encode())
    digest.update(etree.tostring(style.csl))
    for locale in style.csl.locales:
        digest.update(b"\0locale\0")
        digest.update(etree.tostring(locale.getroottree().getroot()))
    return digest.hexdigest()


# ---------------------------------------------------------------------------------------------
# rendering one item (in this process or in a worker)


@dataclass
class _Job:
    style: Style
    registry: Any
    finish: Callable[[Any], str]
    substitute: str | None


def _render(job: _Job, index: int, previous: tuple[str, ...] | None) -> tuple[Outcome, bool]:
    """The engine's rendering of one entry (``engine.render_entry``), its names replaced if
    they repeat ``previous``; and whether they were."""
    out = engine.render_entry(
        job.style,
        job.registry,
        job.registry.items[index],
        job.finish,
        job.substitute,
        previous,
    )
    return Outcome(out.text, out.error, out.names), out.substituted


def _sort_column(job: _Job, column: int, indices: Sequence[int]) -> list[Any]:
    """The values of the ``column``-th ``cs:key`` for some items (the engine's key)."""
    csl = job.style.csl
    sort = csl.bibliography.find(f"{{{engine.CSL_NS}}}sort")
    key = list(sort.iterchildren(f"{{{engine.CSL_NS}}}key"))[column]
    items = [job.registry.items[i] for i in indices]
    return list(key.sort_keys(items, csl.bibliography.layout))


def _render_chunk(job: _Job, indices: Sequence[int]) -> list[tuple[Outcome, bool]]:
    """Entries of items consecutive in the bibliography's order, each rendered after the
    one before it in the chunk (the first as if nothing came before it: the caller renders
    it again in the rare case that its names repeat those of the previous chunk's last)."""
    out: list[tuple[Outcome, bool]] = []
    previous: tuple[str, ...] | None = None
    for index in indices:
        outcome, substituted = _render(job, index, previous)
        if outcome.error is None and outcome.names:
            previous = outcome.names
        out.append((outcome, substituted))
    return out


_WORKER_JOB: list[_Job] = []  # set in the parent while forking; inherited by the workers
_FORK_LOCK = threading.Lock()


def _worker_keys(
    task: tuple[int, Sequence[int]],
    job: _Job | None = None,
) -> tuple[Sequence[int], list[Any]]:
    column, indices = task
    return indices, _sort_column(job or _WORKER_JOB[0], column, indices)


def _worker_render(indices: Sequence[int]) -> list[tuple[Outcome, bool]]:
    return _render_chunk(_WORKER_JOB[0], indices)


def _fork_pool(workers: int) -> Any:
    import multiprocessing

    return multiprocessing.get_context("fork").Pool(workers)


def _chunks(values: Sequence[int], size: int) -> list[Sequence[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _jobs_for(jobs: int | None, uncached: int) -> int:
    if uncached < 2:
        return 1
    import multiprocessing  # (only when there is something to render: a warm run needs none)

    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if jobs is None:
        if uncached < PARALLEL_MIN:
            return 1
        try:
            jobs = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover - not Linux
            jobs = os.cpu_count() or 1
    return max(1, min(jobs, uncached))


# ---------------------------------------------------------------------------------------------
# the bibliography


def _ids(items: Sequence[Mapping[str, Any]]) -> list[str] | None:
    """The item ids as the engine keys them, or None if they would not pass its checks
    (then the engine's registry reports the problem)."""
    ids = []
    for item in items:
        item_id = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(item_id, bool) or not isinstance(item_id, str | int) or item_id == "":
            return None
        ids.append(str(item_id))
    return ids if len(set(ids)) == len(ids) else None


class _Build:
    """The state of one bibliography build (see :func:`iter_bibliography`)."""

    def __init__(
        self,
        style: Style,
        items: Sequence[Mapping[str, Any]],
        formatter: ModuleType,
        store: BibCache | None,
        jobs: int | None,
        progress: Progress | None,
    ) -> None:
        self.style = style
        self.items = items
        self.formatter = formatter
        self.store = store
        self.jobs = jobs
        self.progress = progress
        csl = style.csl
        self.substitute: str | None = csl.bibliography.get("subsequent-author-substitute")
        self.sort = csl.bibliography.find(f"{{{engine.CSL_NS}}}sort")
        # sort-key values can be handed to the engine only through the fast cs:key class
        self.memo_keys = self.sort is not None and speed.is_fast(style)
        self.job: _Job | None = None
        self.fresh: dict[int, Record] = {}
        self.done = 0
        self.total = len(items)
        if store is not None:
            print_ = fingerprint(style, formatter)
            self.keys = [item_key(print_, item) for item in items]
            found = store.get_many(self.keys)
        else:
            self.keys = [str(i) for i in range(len(items))]
            found = {}
        self.records = [found.get(k) or Record() for k in self.keys]

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)

    def make_job(self) -> _Job:
        """The engine's registry of all items (validating them), items in original order."""
        if self.job is None:
            registry = engine._Registry(self.style, self.items, self.formatter)
            registry.items = [registry._registered(key) for key in registry.keys]
            self.job = _Job(self.style, registry, engine._finisher(self.style), self.substitute)
        return self.job

    def order_key(self) -> str:
        return hashlib.sha256("\n".join(self.keys).encode()).hexdigest()

    def cached_order(self) -> list[int] | None:
        """The order of a bibliography whose every part is cached (no registry needed:
        a cached part implies the item passed the engine's checks before)."""
        if self.store is None or _ids(self.items) is None:
            return None
        keys = self.memo_keys and len(self.records) > 1
        if any(_names_of(r) is _UNKNOWN or (keys and not r.has_sort) for r in self.records):
            return None
        if self.sort is None:
            return list(range(len(self.items)))
        return self.store.get_order(self.order_key())

    def entries(self) -> Iterator[Entry]:
        order = self.cached_order()
        pool = None
        try:
            if order is None:
                job = self.make_job()
                need_keys = (
                    [i for i, r in enumerate(self.records) if not r.has_sort]
                    if self.memo_keys and len(self.items) > 1
                    else []
                )
                need_render = sum(1 for r in self.records if _names_of(r) is _UNKNOWN)
                workers = _jobs_for(self.jobs, max(len(need_keys), need_render))
                if workers > 1:
                    if self.store is not None:
                        self.store.close()  # no connection across fork
                    with _FORK_LOCK:  # the workers take the job with them when forked
                        _WORKER_JOB[:] = [job]
                        pool = _fork_pool(workers)
                        _WORKER_JOB.clear()
                order = self.order(job, pool, workers)
                if self.store is not None and self.sort is not None:
                    self.store.put_order(self.order_key(), order)
                yield from self.render(order, pool, workers)
            else:
                yield from self.render(order, None, 1)
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
            if self.store is not None:
                if self.fresh:
                    self.store.put_many({self.keys[i]: r for i, r in self.fresh.items()})
                self.store.close()

    def sort_values(self, job: _Job, pool: Any, workers: int) -> None:
        """The sort-key values the engine's comparison will look at, computed lazily.

        The comparison is lexicographic: it looks at the (k+1)-th key of two items only when
        their first k keys collate equal. So the first key is computed for every item, the
        second only for items that tie with another on the first, and so on; an item's
        values are a prefix of its keys (cached as such; a later bibliography in which the
        item ties further computes more). Keys never looked at are handed to the engine as
        None: its comparison never reaches them."""
        records = self.records
        count = len(list(self.sort.iterchildren(f"{{{engine.CSL_NS}}}key")))
        groups = [list(range(len(records)))] if len(records) > 1 else []
        for column in range(count):
            need = [i for group in groups for i in group if len(records[i].sort or ()) <= column]
            if need:
                self.total += len(need)
                size = _chunk_size(_KEY_CHUNK, len(need), workers)
                tasks = [(column, chunk) for chunk in _chunks(need, size)]
                results = (
                    pool.imap_unordered(_worker_keys, tasks)
                    if pool is not None
                    else (_worker_keys((c, idx), job) for c, idx in tasks)
                )
                for indices, values in results:
                    for index, value in zip(indices, values, strict=True):
                        record = records[index]
                        record.sort = [*(record.sort or ()), value]
                        self.fresh[index] = record
                    self.tick(len(indices))
            split: list[list[int]] = []
            for group in groups:
                by_value: dict[Any, list[int]] = {}
                for i in group:
                    value = records[i].sort[column]  # type: ignore[index]
                    by_value.setdefault(None if value is None else collation_key(value), []).append(
                        i
                    )
                split += [g for g in by_value.values() if len(g) > 1]
            groups = split
            if not groups:
                break

    def order(self, job: _Job, pool: Any, workers: int) -> list[int]:
        """The engine's sort, over sort-key values computed here or cached."""
        registry = job.registry
        records = self.records
        if self.memo_keys:
            self.sort_values(job, pool, workers)
        original = {key: i for i, key in enumerate(registry.keys)}
        if self.memo_keys:
            setattr(
                registry,
                speed.SORT_MEMO,
                {key: records[i].sort or [] for key, i in original.items()},
            )
        try:
            registry.sort()
        finally:
            setattr(registry, speed.SORT_MEMO, None)
        if registry.qc.disamb:  # pragma: no cover - the engine started disambiguating
            raise RuntimeError("bibliography disambiguation is not supported by the cache")
        order = [original[item.key] for item in registry.items]
        # back to the original order for _render (the workers hold that one)
        by_original = {original[item.key]: item for item in registry.items}
        registry.items = [by_original[i] for i in range(len(self.items))]
        return order

    def render(self, order: list[int], pool: Any, workers: int) -> Iterator[Entry]:
        """Entries in ``order``, streamed; subsequent-author-substitute as the engine does:
        an entry's names are replaced when they repeat the previous entry's."""
        records = self.records
        arriving: Iterator[tuple[Sequence[int], list[tuple[Outcome, bool]]]] = iter(())
        if pool is not None:  # (in this process, each entry is rendered in the loop below)
            missing = [i for i in order if _names_of(records[i]) is _UNKNOWN]
            chunks = _chunks(missing, _chunk_size(_RENDER_CHUNK, len(missing), workers))
            arriving = zip(chunks, pool.imap(_worker_render, chunks), strict=False)
        pending: dict[int, tuple[Outcome, bool]] = {}
        ids = _ids(self.items) or [str(item["id"]) for item in self.items]
        previous: tuple[str, ...] | None = None
        for index in order:
            record = records[index]
            names = _names_of(record)
            if names is _UNKNOWN:
                if pool is None:
                    self.keep(index, *_render(self.make_job(), index, previous))
                else:
                    while index not in pending:
                        indices, outs = next(arriving)
                        pending.update(zip(indices, outs, strict=True))
                    self.keep(index, *pending.pop(index))
                names = _names_of(record)
            substituted = self.substitute is not None and engine.repeats_names(previous, names)
            outcome = record.subst if substituted else record.plain
            if outcome is None:  # the other rendering was cached or rendered in a chunk
                outcome, done = _render(self.make_job(), index, previous)
                self.keep(index, outcome, done)
            self.tick(1)
            if outcome.error is not None:
                yield Entry(ids[index], None, outcome.error)
                continue
            if outcome.names:
                previous = outcome.names
            if outcome.text is None:
                yield Entry(ids[index], None, NO_ENTRY)
            else:
                yield Entry(ids[index], outcome.text)

    def keep(self, index: int, outcome: Outcome, substituted: bool) -> None:
        """Record a rendering as the item's substituted or plain part (to be cached)."""
        record = self.records[index]
        if substituted:
            record.subst = outcome
        else:
            record.plain = outcome
        self.fresh[index] = record


_UNKNOWN: Any = object()


def _names_of(record: Record) -> Any:
    """The names an item's entry renders first (None: none), if a cached part tells."""
    if record.plain is not None:
        return record.plain.names
    if record.subst is not None:
        return record.subst.names
    return _UNKNOWN


def _chunk_size(largest: int, count: int, workers: int) -> int:
    """Chunks small enough to keep every worker busy to the end, at most ``largest``."""
    return max(1, min(largest, count // (4 * workers) or 1))


def iter_bibliography(
    style: Style,
    items: Sequence[Mapping[str, Any]],
    formatter: ModuleType | None = None,
    *,
    cache: bool | BibCache = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Iterator[Entry]:
    """The entries of ``render_bibliography(style, items, formatter)``, in order, as they are
    ready. ``cache``: use the entry cache (or this one); ``jobs``: worker processes (None:
    all cores once there are more than :data:`PARALLEL_MIN` entries to render; 1: none);
    ``progress(done, total)`` is called as work finishes (``total`` may grow once, when
    sort keys turn out to be needed)."""
    formatter = formatter or citeproc.formatter.plain
    csl = style.csl
    if csl.bibliography is None or not cacheable(style):
        result = engine.render_bibliography(style, items, formatter)
        yield from _merge(result)
        return
    engine._activate(style, formatter)
    store = cache if isinstance(cache, BibCache) else (BibCache() if cache else None)
    yield from _Build(style, items, formatter, store, jobs, progress).entries()


def _merge(result: Bibliography) -> Iterator[Entry]:
    """Entries and errors of ``render_bibliography`` as one stream in the style's order
    (errors have no place in its order: they follow the entries)."""
    for item_id, text in result.entries:
        yield Entry(item_id, text)
    for item_id, error in result.errors:
        yield Entry(item_id, None, error)


def build_bibliography(
    style: Style,
    items: Sequence[Mapping[str, Any]],
    formatter: ModuleType | None = None,
    *,
    cache: bool | BibCache = True,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> Bibliography:
    """``render_bibliography(style, items, formatter)``, from the cache and on all cores."""
    entries: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    for entry in iter_bibliography(
        style, items, formatter, cache=cache, jobs=jobs, progress=progress
    ):
        if entry.text is not None:
            entries.append((entry.id, entry.text))
        else:
            errors.append((entry.id, entry.error or ""))
    return Bibliography(entries=entries, errors=errors)


__all__ = [
    "PARALLEL_MIN",
    "Entry",
    "build_bibliography",
    "cacheable",
    "fingerprint",
    "iter_bibliography",
]

if sys.platform == "win32":  # pragma: no cover
    PARALLEL_MIN = sys.maxsize
