"""The full-text index of a corpus: SQLite FTS5 in the cache directory, one file per corpus.

Layout (``search-<corpus key>.sqlite3``):

* ``docs``: one row per corpus file with its size, mtime and content hash (the change stamp),
  its metadata for display and filtering, and the rowid range of its paragraphs in ``fts``;
* ``fts``: one row per (sub-)paragraph: ``body`` (indexed), ``ref`` and ``docid`` (stored only);
* ``meta``: the corpus path, the corpus directory's stamp and the time of the last full scan.

**Keeping up with the corpus.** A *scan* lists the corpus directory and stats every file; files
whose size or mtime changed are hashed, and only those whose hash changed are parsed and
re-indexed (a ``touch`` costs a hash, not a re-index); files gone are dropped. Each document is
replaced in one transaction, so an interrupted build leaves complete documents and the next run
carries on where it stopped.

Stat-ing every file costs about 15 µs a file here: 1.5 s for 100,000 files, far too slow to do
before every search. So the check depends on the corpus size and on what changed:

* ``quotecite index`` (and any corpus of at most ``FULL_SCAN_LIMIT`` files) stats every file;
* otherwise a search first compares the corpus directory's own stamp (one ``stat``). It changes
  when a file is added, removed or replaced by rename — which is how quotecite and most editors
  save. Only then is the directory listed (names and inode numbers, no per-file ``stat``) and
  compared with the listing stored at the last scan: new, removed and replaced files are
  (re-)indexed;
* a file edited *in place* (same inode, directory unchanged) is still caught when it is among the
  hits: every hit's file is stat-ed before results are shown, and changed documents are
  re-indexed and the search repeated. What such a search can miss is a new match created by an
  in-place edit of a file that had no hit; ``quotecite index`` catches that.

**Damage and concurrency.** The database runs in WAL mode with a long busy timeout, and every
write is an ``IMMEDIATE`` transaction that re-checks the stamp it is about to write, so two
processes indexing at once serialise their writes, skip each other's finished work and lose
nothing. A file that is not a database, is malformed, or has another schema version is deleted
and rebuilt without being asked.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from quotecite.fsutil import cache_dir, corpus_key

SCHEMA_VERSION = 1
FULL_SCAN_LIMIT = 1000  #: corpora with at most this many files are stat-ed on every use
BATCH_DOCS = 200  #: documents written per transaction
BUSY_TIMEOUT_MS = 120_000
SUFFIX = ".md"

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26

Progress = Callable[[int, int], None]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS docs(
    docid INTEGER PRIMARY KEY,
    file TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    hash TEXT NOT NULL,
    id TEXT,
    aliases TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',
    date_display TEXT NOT NULL DEFAULT '',
    date_lo TEXT,
    date_hi TEXT,
    archive TEXT NOT NULL DEFAULT '',
    first_pid INTEGER,
    last_pid INTEGER,
    error TEXT
);
CREATE INDEX IF NOT EXISTS docs_id ON docs(id);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    body, ref UNINDEXED, docid UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


def is_corrupt(exc: BaseException) -> bool:
    """True for errors that mean the database file is damaged (not for a busy or locked one)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    if isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("Could not decode"):
        # text the index wrote is UTF-8: undecodable text is a damaged page that SQLite's
        # checks let through (Python's sqlite3 raises this one, without an error code)
        return True
    return type(exc) is sqlite3.DatabaseError


def index_path(corpus_path: Path) -> Path:
    return cache_dir() / f"search-{corpus_key(corpus_path)}.sqlite3"


class SyncReport:
    """What a scan found and did (``touched``: stamp changed, content did not)."""

    def __init__(self, scanned: bool = False, files: int = 0) -> None:
        self.scanned = scanned
        self.files = files
        self.added = 0
        self.updated = 0
        self.removed = 0
        self.touched = 0
        self.errors: list[tuple[str, str]] = []  #: (file, message)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class DocRow(NamedTuple):
    """What the index knows of one document, for showing and citing hits."""

    docid: int
    id: str
    file: str
    title: str
    date: str
    date_display: str
    archive: str
    size: int
    mtime_ns: int


class _Stamp(NamedTuple):
    size: int
    mtime_ns: int


class Index:
    """An open index of one corpus directory. Use :func:`open_index`."""

    def __init__(self, corpus_path: Path, path: Path | None = None) -> None:
        self.corpus_path = corpus_path.resolve()
        self.path = path or index_path(self.corpus_path)
        self.conn = self._connect()
        self._ino = os.stat(self.path).st_ino

    # ---------------------------------------------------------------- connection, schema
    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            elif version == 0:
                conn.execute("PRAGMA journal_mode = WAL")
                with _transaction(conn):
                    if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                        for statement in _SCHEMA.split(";"):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute(
                            "INSERT OR REPLACE INTO meta VALUES('corpus', ?)",
                            (str(self.corpus_path),),
                        )
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            else:
                raise sqlite3.DatabaseError(f"index schema version {version}, not {SCHEMA_VERSION}")
            conn.execute("PRAGMA synchronous = NORMAL")
            return conn
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def discard(self) -> None:
        """Delete this index's files (when damaged); another process's new index is spared."""
        self.close()
        with contextlib.suppress(OSError):
            if os.stat(self.path).st_ino != self._ino:
                return
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}{suffix}")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def doc_count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM docs").fetchone()[0])

    # ---------------------------------------------------------------- keeping up
    def _dir_stamp(self) -> str:
        st = os.stat(self.corpus_path)
        return f"{st.st_dev}:{st.st_ino}:{st.st_mtime_ns}"

    def sync(self, full: bool = False, progress: Progress | None = None) -> SyncReport:
        """Bring the index up to date: ``full`` stats every file; otherwise see the module doc."""
        values = dict(
            self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('dir_stamp', 'files')"
            ).fetchall()
        )
        if full or int(values.get("files", "0")) <= FULL_SCAN_LIMIT:
            return self._scan(progress, stat_all=True)
        if values.get("dir_stamp") == self._dir_stamp():
            return SyncReport()
        return self._scan(progress, stat_all=False)

    def _listing(self) -> tuple[str, bytes] | None:
        """The directory listing at the last scan: NUL-joined names and their inode numbers."""
        rows = dict(
            self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('names', 'inodes')"
            ).fetchall()
        )
        names, blob = rows.get("names"), rows.get("inodes")
        if not isinstance(names, str) or not isinstance(blob, bytes) or len(blob) % 8:
            return None
        return names, blob

    def _scan(self, progress: Progress | None, stat_all: bool) -> SyncReport:
        """List the corpus; stat every file (``stat_all``) or only those whose inode changed.

        The listing (every entry's name and inode number, in directory order) is compared with
        the one stored at the last scan; when only inodes changed (files replaced by rename, the
        usual way of saving) the comparison is two string compares and one pass over the inodes.
        """
        import stat as stat_mod
        from array import array

        dir_stamp = self._dir_stamp()  # before listing: a change during the scan shows next time
        root = str(self.corpus_path)
        with os.scandir(root) as it:
            pairs = [(e.name, e.inode()) for e in it]
        names: tuple[str, ...] = ()
        numbers: tuple[int, ...] = ()
        if pairs:
            names, numbers = zip(*pairs, strict=True)
        names_blob = "\0".join(names)
        inodes = array("Q", numbers)
        listing = (names_blob, inodes.tobytes())
        old = self._listing()
        gone: list[str] = []
        if stat_all or old is None:
            suspects = [n for n in names if _wanted(n)]
            stored = {
                file: _Stamp(size, mtime)
                for file, size, mtime in self.conn.execute("SELECT file, size, mtime_ns FROM docs")
            }
            gone = sorted(stored.keys() - set(suspects))
        elif old == listing:
            suspects, stored = [], {}
        elif old[0] == names_blob:
            before = array("Q")
            before.frombytes(old[1])
            suspects = [
                names[i] for i, (x, y) in enumerate(zip(inodes, before, strict=True)) if x != y
            ]
            suspects = [n for n in suspects if _wanted(n)]
            stored = self._stamps(suspects)
        else:
            before = array("Q")
            before.frombytes(old[1])
            old_names = old[0].split("\0") if old[0] else []
            if len(old_names) != len(before):
                return self._scan(progress, stat_all=True)
            then = dict(zip(old_names, before, strict=True))
            now_map = dict(pairs)
            suspects = [n for n, _ in now_map.items() - then.items() if _wanted(n)]
            gone = sorted(n for n in then.keys() - now_map.keys() if _wanted(n))
            stored = self._stamps(suspects)
        todo: list[tuple[str, _Stamp]] = []
        missing = 0
        dir_fd = os.open(root, os.O_RDONLY)  # stat relative to it: a third faster than full paths
        try:
            for name in suspects:
                try:
                    st = os.stat(name, dir_fd=dir_fd)
                except OSError:
                    st = None
                if st is None or not stat_mod.S_ISREG(st.st_mode):
                    missing += 1
                    if name in stored:
                        gone.append(name)
                    continue
                stamp = _Stamp(st.st_size, st.st_mtime_ns)
                if stored.get(name) != stamp:
                    todo.append((name, stamp))
        finally:
            os.close(dir_fd)
        if stat_all or old is None or old[0] != names_blob:
            files = sum(1 for n in names if _wanted(n)) - missing
        else:
            files = int(self.meta("files") or 0)
        report = SyncReport(scanned=True, files=files)
        if gone:
            with _transaction(self.conn):
                for name in gone:
                    report.removed += int(self._delete_doc(name))
        todo.sort()
        self.update_files(todo, stored, report, progress)
        rows: list[tuple[str, object]] = [("dir_stamp", dir_stamp), ("files", str(files))]
        if listing != old:
            rows.extend([("names", listing[0]), ("inodes", listing[1])])
        with _transaction(self.conn):
            self.conn.executemany("INSERT OR REPLACE INTO meta VALUES(?, ?)", rows)
        return report

    def _stamps(self, files: list[str]) -> dict[str, _Stamp]:
        out: dict[str, _Stamp] = {}
        for k in range(0, len(files), 500):
            chunk = files[k : k + 500]
            marks = ",".join("?" * len(chunk))
            for file, size, mtime in self.conn.execute(
                f"SELECT file, size, mtime_ns FROM docs WHERE file IN ({marks})", chunk
            ):
                out[file] = _Stamp(size, mtime)
        return out

    def update_files(
        self,
        todo: list[tuple[str, _Stamp]],
        stored: dict[str, _Stamp],
        report: SyncReport,
        progress: Progress | None = None,
    ) -> None:
        """Re-index the files in ``todo`` whose content changed, in batches."""
        total = len(todo)
        for start in range(0, total, BATCH_DOCS):
            batch = [self._prepare(name, stamp) for name, stamp in todo[start : start + BATCH_DOCS]]
            with _transaction(self.conn):
                for prepared in batch:
                    if prepared is None:
                        continue
                    outcome = self._write_doc(prepared)
                    name = prepared.file
                    if outcome == "same":
                        continue
                    if outcome == "touched":
                        report.touched += 1
                    elif name in stored:
                        report.updated += 1
                    else:
                        report.added += 1
                    if prepared.error:
                        report.errors.append((name, prepared.error))
            if progress is not None:
                progress(min(start + BATCH_DOCS, total), total)

    def refresh(self, files: list[str]) -> bool:
        """Re-index any of ``files`` changed since indexed (hits' files); True if any was."""
        if not files:
            return False
        stored = self._stamps(list(dict.fromkeys(files)))
        todo: list[tuple[str, _Stamp]] = []
        gone: list[str] = []
        for name in dict.fromkeys(files):
            try:
                st = os.stat(self.corpus_path / name)
            except OSError:
                gone.append(name)
                continue
            stamp = _Stamp(st.st_size, st.st_mtime_ns)
            if stored.get(name) != stamp:
                todo.append((name, stamp))
        report = SyncReport()
        if gone:
            with _transaction(self.conn):
                for name in gone:
                    report.removed += int(self._delete_doc(name))
        self.update_files(todo, stored, report)
        return report.changed

    # ---------------------------------------------------------------- writing one document
    def _prepare(self, name: str, stamp: _Stamp) -> _Prepared | None:
        """Read, hash and parse a file outside any transaction; None if it vanished."""
        import hashlib

        from quotecite import corpusfile
        from quotecite.errors import CorpusError

        path = self.corpus_path / name
        try:
            raw = path.read_bytes()
            st = os.stat(path)
        except OSError:
            return None
        stamp = _Stamp(st.st_size, st.st_mtime_ns) if st.st_size == len(raw) else stamp
        digest = hashlib.blake2b(raw, digest_size=16).hexdigest()
        prepared = _Prepared(file=name, stamp=stamp, hash=digest)
        try:
            text = raw.decode("utf-8-sig")
            doc = corpusfile.parse_text(text, path).document
        except UnicodeDecodeError:
            prepared.error = "not UTF-8 text"
            return prepared
        except CorpusError as exc:
            prepared.error = str(exc.message_only)
            return prepared
        prepared.fill(doc)
        return prepared

    def _write_doc(self, p: _Prepared) -> str:
        """Replace one document's rows (inside a transaction): 'same', 'touched' or 'indexed'."""
        conn = self.conn
        row = conn.execute(
            "SELECT size, mtime_ns, hash FROM docs WHERE file = ?", (p.file,)
        ).fetchone()
        if row is not None:
            if (row[0], row[1]) == (p.stamp.size, p.stamp.mtime_ns) and row[2] == p.hash:
                return "same"  # another process wrote exactly this already
            if row[2] == p.hash:
                conn.execute(
                    "UPDATE docs SET size = ?, mtime_ns = ? WHERE file = ?",
                    (p.stamp.size, p.stamp.mtime_ns, p.file),
                )
                return "touched"
            self._delete_doc(p.file)
        first = last = None
        if p.parts:
            row = conn.execute("SELECT value FROM meta WHERE key = 'next_pid'").fetchone()
            first = int(row[0]) if row else 1
            last = first + len(p.parts) - 1
            conn.execute("INSERT OR REPLACE INTO meta VALUES('next_pid', ?)", (str(last + 1),))
            conn.execute(
                "INSERT INTO docs(size, mtime_ns, hash, file, id, aliases, title, date, "
                "date_display, date_lo, date_hi, archive, first_pid, last_pid, error) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*p.row(), first, last, p.error),
            )
            docid = conn.execute("SELECT last_insert_rowid()").fetchone()[0]
            conn.executemany(
                "INSERT INTO fts(rowid, body, ref, docid) VALUES(?, ?, ?, ?)",
                [(first + k, text, ref, docid) for k, (ref, text) in enumerate(p.parts)],
            )
        else:
            conn.execute(
                "INSERT INTO docs(size, mtime_ns, hash, file, id, aliases, title, date, "
                "date_display, date_lo, date_hi, archive, first_pid, last_pid, error) "
                "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (*p.row(), first, last, p.error),
            )
        return "indexed"

    def _delete_doc(self, file: str) -> bool:
        row = self.conn.execute(
            "SELECT docid, first_pid, last_pid FROM docs WHERE file = ?", (file,)
        ).fetchone()
        if row is None:
            return False
        docid, first, last = row
        if first is not None:
            self.conn.execute("DELETE FROM fts WHERE rowid BETWEEN ? AND ?", (first, last))
        self.conn.execute("DELETE FROM docs WHERE docid = ?", (docid,))
        return True

    # ---------------------------------------------------------------- reading
    def docs_by_id(self, docids: list[int]) -> dict[int, DocRow]:
        if not docids:
            return {}
        marks = ",".join("?" * len(docids))
        rows = self.conn.execute(
            "SELECT docid, id, file, title, date, date_display, archive, size, mtime_ns "
            f"FROM docs WHERE docid IN ({marks})",
            docids,
        ).fetchall()
        return {r[0]: DocRow(*r) for r in rows}

    def find_doc(self, name: str) -> list[str]:
        """Ids of indexed documents ``name`` names, by the rules of ``Corpus.document`` (id,
        alias, or a prefix of either; case-insensitive), answered from the index so that
        ``search --doc`` reads no corpus file and builds no catalog, whatever the corpus size."""
        key = name.strip().lower()
        exact = self.conn.execute("SELECT id FROM docs WHERE id = ?", (key,)).fetchall()
        if exact:
            return [exact[0][0]]
        alias = self.conn.execute(
            "SELECT id FROM docs WHERE instr(aliases, ?) > 0 ORDER BY id", (f" {key} ",)
        ).fetchall()
        if alias:
            return [r[0] for r in alias]
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        rows = self.conn.execute(
            "SELECT id FROM docs WHERE id LIKE ? ESCAPE '\\' OR aliases LIKE ? ESCAPE '\\' "
            "ORDER BY id LIMIT 50",
            (escaped + "%", "% " + escaped + "%"),
        ).fetchall()
        return [r[0] for r in rows]

    def pid_ranges(self, where: str, args: list[object]) -> list[tuple[int, int]]:
        rows = self.conn.execute(
            f"SELECT first_pid, last_pid FROM docs WHERE first_pid IS NOT NULL AND {where}", args
        ).fetchall()
        return [(int(a), int(b)) for a, b in rows]


class _Prepared:
    """A file read, hashed and parsed, ready to be written."""

    def __init__(self, file: str, stamp: _Stamp, hash: str) -> None:
        self.file = file
        self.stamp = stamp
        self.hash = hash
        self.error: str | None = None
        self.id: str | None = None
        self.aliases = ""
        self.title = ""
        self.date = ""
        self.date_display = ""
        self.date_lo: str | None = None
        self.date_hi: str | None = None
        self.archive = ""
        self.parts: list[tuple[str, str]] = []  #: (ref, text)

    def fill(self, doc: object) -> None:
        from quotecite.model import Document

        assert isinstance(doc, Document)
        self.id = doc.id
        self.aliases = " " + " ".join(a.lower() for a in doc.aliases) + " "
        self.title = f"[{doc.title}]" if doc.title_supplied else doc.title
        if doc.issued is not None:
            self.date = doc.issued.to_edtf()
            self.date_display = doc.issued.display()
            self.date_lo, self.date_hi = date_bounds(doc.issued)
        self.archive = (doc.archival.acronym or "").lower()
        for p in doc.paragraphs:
            many = len(p.parts) > 1
            for k, part in enumerate(p.parts):
                ref = f"{p.number}.{k + 1}" if many else p.number
                self.parts.append((ref, part.text))

    def row(self) -> tuple[object, ...]:
        return (
            self.stamp.size,
            self.stamp.mtime_ns,
            self.hash,
            self.file,
            self.id,
            self.aliases,
            self.title,
            self.date,
            self.date_display,
            self.date_lo,
            self.date_hi,
            self.archive,
        )


def _wanted(name: str) -> bool:
    return name.endswith(SUFFIX) and not name.startswith(".")


def date_bounds(date: object) -> tuple[str | None, str | None]:
    """Earliest and latest ISO day a date can mean; (None, None) for a literal date."""
    from quotecite.dates import DateSpec

    assert isinstance(date, DateSpec)
    if date.literal or not date.start:
        return None, None
    end = date.end or date.start
    lo = tuple(date.start) + (1, 1)[: 3 - len(date.start)]
    hi = tuple(end) + (12, 31)[len(end) - 1 :] if len(end) < 3 else tuple(end)
    return _iso(lo), _iso(hi)


def _iso(parts: tuple[int, ...]) -> str:
    return f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}"


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[None]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_index(corpus_path: Path) -> Index:
    """Open (creating if needed) the index of ``corpus_path``; a damaged file is replaced."""
    path = index_path(corpus_path.resolve())
    try:
        index = Index(corpus_path, path)
        index.meta("corpus")  # reads a page: a file that is not a database fails here
        return index
    except sqlite3.DatabaseError as exc:
        if not is_corrupt(exc) and "schema version" not in str(exc):
            raise
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")
    return Index(corpus_path, path)
