"""The catalog: a cache of every corpus file's metadata, checked against size and mtime on use."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotecite import corpusfile
from quotecite.errors import CorpusError
from quotecite.fsutil import atomic_write_text, cache_dir, corpus_key

if TYPE_CHECKING:
    from quotecite.corpus import Corpus, Entry
    from quotecite.model import Document

VERSION = 2  #: 2: entries have title_short


def entry_for(doc: Document, file: str) -> Entry:
    from quotecite.corpus import Entry

    arch = doc.archival
    archive = ", ".join(x for x in (arch.acronym or arch.archive, arch.location()) if x)
    return Entry(
        id=doc.id,
        aliases=doc.aliases,
        title=doc.title,
        date=doc.issued.to_edtf() if doc.issued else "",
        archive=archive,
        paragraphs=len(doc.paragraphs),
        file=file,
        title_short=doc.title_short or "",
    )


def load_catalog(
    corpus: Corpus,
    strict: bool = False,
    errors: list[CorpusError] | None = None,
) -> dict[str, Entry]:
    """id → Entry for every readable file.

    Each file's size and mtime are checked against the cache, and changed files re-read.
    A malformed file raises CorpusError with ``strict``; otherwise it is left out and its error
    appended to ``errors``.
    """
    try:
        cache_file: Path | None = cache_dir() / f"catalog-{corpus_key(corpus.path)}.json"
    except OSError:  # no cache directory can be made: every file is read, nothing is kept
        cache_file = None
    data = _read_cache(cache_file, corpus) if cache_file is not None else None
    dir_stamp = os.stat(corpus.path).st_mtime_ns
    files, changed = _refresh(corpus, data["files"] if data else {})
    if cache_file is not None and (
        changed or data is None or data.get("dir") != dir_stamp or quick_names(corpus) is None
    ):
        # a cache that cannot be written costs speed, not correctness
        with contextlib.suppress(OSError):
            atomic_write_text(
                cache_file,
                json.dumps(
                    {
                        "version": VERSION,
                        "corpus": str(corpus.path.resolve()),
                        "dir": dir_stamp,
                        "files": files,
                    },
                    ensure_ascii=False,
                ),
            )
            _write_names(corpus, dir_stamp, files)
    return _entries(corpus, files, strict, errors)


def _names_file(corpus: Corpus) -> Path:
    return cache_dir() / f"names-{corpus_key(corpus.path)}.json"


def _write_names(corpus: Corpus, dir_stamp: int, files: dict[str, Any]) -> None:
    """A small map of every id and alias to its file, for lookups in large corpora."""
    names: dict[str, str] = {}
    for name, record in files.items():
        entry = record.get("entry")
        if entry:
            for key in (entry["id"], *entry["aliases"]):
                # a name two files claim is left to the full catalog, which reports it
                names[key] = "" if names.get(key, name) != name else name
    atomic_write_text(
        _names_file(corpus),
        json.dumps({"version": VERSION, "dir": dir_stamp, "names": names}, ensure_ascii=False),
    )


def quick_names(corpus: Corpus) -> dict[str, str] | None:
    """id or alias → file name, if the directory is unchanged since the map was written.

    Cheap whatever the corpus size: no file is stat-ed. A file edited in place can make it out
    of date, so callers check the document they read against the name (as Corpus.document does).
    """
    try:
        data = json.loads(_names_file(corpus).read_text("utf-8"))
        if data["version"] != VERSION or data["dir"] != os.stat(corpus.path).st_mtime_ns:
            return None
        names = data["names"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return names if isinstance(names, dict) else None


def _read_cache(cache_file: Path, corpus: Corpus) -> dict[str, Any] | None:
    try:
        data = json.loads(cache_file.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(data, dict)
        or data.get("version") != VERSION
        or data.get("corpus") != str(corpus.path.resolve())
        or not isinstance(data.get("files"), dict)
    ):
        return None
    return data


def _refresh(corpus: Corpus, cached: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    files: dict[str, Any] = {}
    changed = False
    for path in corpus.files():
        try:
            st = os.stat(path)
        except OSError:
            continue
        stamp = [st.st_mtime_ns, st.st_size]
        old = cached.get(path.name)
        if isinstance(old, dict) and old.get("stamp") == stamp:
            files[path.name] = old
            continue
        changed = True
        try:
            doc = corpusfile.read_document(path)
        except CorpusError as exc:
            files[path.name] = {"stamp": stamp, "error": exc.message_only, "line": exc.line}
            continue
        files[path.name] = {"stamp": stamp, "entry": entry_for(doc, path.name)._asdict()}
    return files, changed or set(files) != set(cached)


def _entries(
    corpus: Corpus, files: dict[str, Any], strict: bool, errors: list[CorpusError] | None
) -> dict[str, Entry]:
    from quotecite.corpus import Entry

    out: dict[str, Entry] = {}
    for name in sorted(files):
        record = files[name]
        if "error" in record:
            error = CorpusError(corpus.path / name, record["error"], record.get("line"))
            if strict:
                raise error
            if errors is not None:
                errors.append(error)
            continue
        state = dict(record["entry"])
        state["aliases"] = tuple(state["aliases"])
        entry = Entry(**state)
        out.setdefault(entry.id, entry)
    return out
