"""The catalog: a cache of every corpus file's metadata, checked against size and mtime on use."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from quotecite import corpusfile
from quotecite.errors import CorpusError
from quotecite.fsutil import atomic_write_text, cache_dir, corpus_key

if TYPE_CHECKING:
    from quotecite.corpus import Corpus, Entry
    from quotecite.model import Document

VERSION = 1


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
    )


def load_catalog(
    corpus: Corpus, strict: bool = False, errors: list[CorpusError] | None = None
) -> dict[str, Entry]:
    """id → Entry for every readable file.

    A malformed file raises CorpusError with ``strict``; otherwise it is left out and its error
    appended to ``errors``.
    """
    from quotecite.corpus import Entry

    cache_file = cache_dir() / f"catalog-{corpus_key(corpus.path)}.json"
    cached: dict[str, Any] = {}
    try:
        data = json.loads(cache_file.read_text("utf-8"))
        if data.get("version") == VERSION and data.get("corpus") == str(corpus.path.resolve()):
            cached = data["files"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        cached = {}
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
    if changed or set(files) != set(cached):
        try:
            atomic_write_text(
                cache_file,
                json.dumps(
                    {"version": VERSION, "corpus": str(corpus.path.resolve()), "files": files},
                    ensure_ascii=False,
                ),
            )
        except OSError:
            pass  # a read-only cache costs speed, not correctness
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
