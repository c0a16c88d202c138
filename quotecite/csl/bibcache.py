"""A persistent cache of rendered bibliography entries (SQLite, in ``fsutil.cache_dir()``).

What is cached is only what is a function of its key. The key of an item is a SHA-256 over

* a *render fingerprint*: quotecite's version, the source of the CSL engine modules (engine,
  its element classes, the speed patches, the bibliography driver), the citeproc-py and lxml
  versions, the serialised style tree (so the style file's content, as loaded), the serialised
  locale trees in use (so the locale) and the output formatter;
* the item's canonical JSON (every field, sorted keys, the id included).

For each key the cache holds up to three independent parts (a part may be missing):

``sort``   the values of the bibliography's first n ``cs:key``s for the item (before
           collation): later keys are computed only when the item ties with another on the
           first ones, and stored when they are (the longer prefix is kept);
``plain``  the finished entry (or the error it raised, or "renders nothing") and the names its
           first ``cs:names`` rendered (what subsequent-author-substitute compares);
``subst``  the finished entry with the first names replaced by the style's
           subsequent-author-substitute text, and the names replaced (only computed when some
           bibliography needed it; an entry rendered after one with the same names gets only
           this part, so either part tells the names).

What depends on the *other* items is not cached per item. Whether an entry's names are
substituted is decided afresh on every run (from the cached names of the entry before it).
The order is cached only as a whole: keyed by the sequence of all item keys of the
bibliography (the engine's sort is stable, so the order is a function of that sequence);
any change to any item, to their order or number, is a different key and the order is
computed again, by the engine's comparison over the (cached) sort-key values.
Styles whose bibliography can depend on other items in any other way (citation numbers,
item ids) are not cached at all (see :mod:`quotecite.csl.bibliography`).

Concurrency: WAL journal, a busy timeout, each write batch is one ``BEGIN IMMEDIATE``
transaction of upserts that only fill parts (``COALESCE``), and every part is a pure function
of its key, so two processes writing the same key write the same thing. A cache that cannot
be opened or written (read-only directory, corrupt file, lock timeout) is skipped: it can make
a bibliography slower, never wrong or failing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from quotecite.fsutil import cache_dir

FILENAME = "bibliography-entries.sqlite3"
SCHEMA = 1
_BATCH = 500


class Outcome(NamedTuple):
    """One rendering of an entry: finished text, or an error message; plus the names.
    (A named tuple: a warm bibliography makes a thousand of them from the cache.)"""

    text: str | None
    error: str | None = None
    names: tuple[str, ...] | None = None

    def to_json(self) -> str:
        return json.dumps(
            [self.text, self.error, None if self.names is None else list(self.names)],
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, data: str) -> Outcome:
        text, error, names = json.loads(data)
        return cls(text, error, None if names is None else tuple(names))


class Record:
    """The cached parts of one item (``None``: not known). ``sort`` is decoded on first use
    (a bibliography whose order is cached never needs it)."""

    __slots__ = ("_sort", "_sort_json", "plain", "subst")

    def __init__(
        self,
        sort: list[Any] | None = None,
        plain: Outcome | None = None,
        subst: Outcome | None = None,
        *,
        sort_json: str | None = None,
    ) -> None:
        self._sort = sort
        self._sort_json = sort_json
        self.plain = plain
        self.subst = subst

    @property
    def sort(self) -> list[Any] | None:
        if self._sort is None and self._sort_json is not None:
            self._sort = json.loads(self._sort_json)
        return self._sort

    @sort.setter
    def sort(self, value: list[Any] | None) -> None:
        self._sort = value
        self._sort_json = None

    @property
    def has_sort(self) -> bool:
        return self._sort is not None or self._sort_json is not None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and (self.sort, self.plain, self.subst) == (
            other.sort,
            other.plain,
            other.subst,
        )

    def __repr__(self) -> str:
        return f"Record(sort={self.sort!r}, plain={self.plain!r}, subst={self.subst!r})"


def _plain(value: Any) -> Any:
    """Mappings and sequences of any kind as JSON objects and arrays."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float):
        return value
    kind = f"{type(value).__module__}.{type(value).__qualname__}"
    return {"__repr__": kind, "value": repr(value)}


def item_key(fingerprint: str, item: Mapping[str, Any]) -> str:
    """The cache key of ``item`` (its canonical JSON under ``fingerprint``)."""
    try:
        data = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):  # not plain JSON data (the engine may still accept it)
        data = json.dumps(_plain(item), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{fingerprint}\n{data}".encode()).hexdigest()


class BibCache:
    """The entry cache; every method degrades to "nothing cached" if SQLite fails."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self.failed: str | None = None  # why the cache was skipped, if it was

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.failed is not None:
            return self._db
        try:
            if self.path is None:
                self.path = cache_dir() / FILENAME
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, "
                "sort TEXT, plain TEXT, subst TEXT) WITHOUT ROWID"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS orders (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID"
            )
            db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
            found = db.execute("SELECT value FROM meta WHERE name='schema'").fetchone()
            if found is None or found[0] != str(SCHEMA):
                db.close()
                self.failed = f"{self.path}: cache schema {found and found[0]} is not {SCHEMA}"
                return None
        except (sqlite3.Error, OSError) as exc:
            self.failed = f"{self.path}: {exc}"
            return None
        self._db = db
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def get_many(self, keys: Iterable[str]) -> dict[str, Record]:
        db = self._connect()
        out: dict[str, Record] = {}
        if db is None:
            return out
        wanted = list(dict.fromkeys(keys))
        try:
            for start in range(0, len(wanted), _BATCH):
                batch = wanted[start : start + _BATCH]
                marks = ",".join("?" * len(batch))
                for key, sort, plain, subst in db.execute(
                    f"SELECT key, sort, plain, subst FROM entries WHERE key IN ({marks})", batch
                ):
                    out[key] = Record(
                        sort_json=sort,
                        plain=None if plain is None else Outcome.from_json(plain),
                        subst=None if subst is None else Outcome.from_json(subst),
                    )
        except (sqlite3.Error, ValueError) as exc:
            self.failed = f"{self.path}: {exc}"
            self.close()
            return {}
        return out

    def put_many(self, records: Mapping[str, Record]) -> None:
        """Store the known parts of ``records`` (parts already stored are kept, except a
        shorter prefix of sort values)."""
        if not records:
            return
        db = self._connect()
        if db is None:
            return
        rows = [
            (
                key,
                None if r.sort is None else json.dumps(r.sort, ensure_ascii=False),
                None if r.plain is None else r.plain.to_json(),
                None if r.subst is None else r.subst.to_json(),
            )
            for key, r in records.items()
        ]
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.executemany(
                    "INSERT INTO entries (key, sort, plain, subst) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET "
                    # sort values are a prefix of the item's keys: keep the longer one
                    "sort = CASE WHEN entries.sort IS NULL OR length(excluded.sort) > "
                    "length(entries.sort) THEN COALESCE(excluded.sort, entries.sort) "
                    "ELSE entries.sort END, "
                    "plain = COALESCE(entries.plain, excluded.plain), "
                    "subst = COALESCE(entries.subst, excluded.subst)",
                    rows,
                )
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            self.failed = f"{self.path}: {exc}"
            self.close()

    def get_order(self, key: str) -> list[int] | None:
        """A cached bibliography order (original indices in the style's order)."""
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM orders WHERE key = ?", (key,)).fetchone()
            return None if row is None else [int(i) for i in json.loads(row[0])]
        except (sqlite3.Error, ValueError) as exc:
            self.failed = f"{self.path}: {exc}"
            self.close()
            return None

    def put_order(self, key: str, order: list[int]) -> None:
        db = self._connect()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO orders VALUES (?, ?)", (key, json.dumps(order)))
        except sqlite3.Error as exc:
            self.failed = f"{self.path}: {exc}"
            self.close()

    def __len__(self) -> int:
        db = self._connect()
        if db is None:
            return 0
        return int(db.execute("SELECT count(*) FROM entries").fetchone()[0])

    def clear(self) -> None:
        db = self._connect()
        if db is not None:
            db.execute("DELETE FROM entries")
            db.execute("DELETE FROM orders")


__all__ = ["FILENAME", "BibCache", "Outcome", "Record", "item_key"]
