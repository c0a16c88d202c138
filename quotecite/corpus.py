"""A corpus: a directory of document files, found by id, alias or unique id prefix.

A lookup by exact id reads one file (``<id>.md``). Aliases, prefixes and listings go through the
catalog, a cache of every file's metadata that is checked against each file's size and
modification time on use, so edited, added and removed files are noticed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from quotecite import corpusfile
from quotecite.errors import AmbiguousDocument, CorpusError, DocumentNotFound
from quotecite.model import Document
from quotecite.passage import Passage, resolve
from quotecite.refs import PassageRef, parse_ref

ENV_CORPUS = "QUOTECITE_CORPUS"


def default_corpus_path() -> Path:
    """$QUOTECITE_CORPUS, else the corpus shipped with quotecite."""
    env = os.environ.get(ENV_CORPUS)
    if env:
        return Path(env).expanduser()
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "corpus"
    if packaged.is_dir():
        return packaged
    return here.parent / "corpus"


class Entry(NamedTuple):
    """What the catalog knows of a document without reading its file."""

    id: str
    aliases: tuple[str, ...]
    title: str
    date: str  # EDTF or literal, "" when undated
    archive: str  # "GARF, f. 10063, op. 1, d. 190" for listings
    paragraphs: int
    file: str
    title_short: str = ""  #: "" when the document has none


class Corpus:
    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path).expanduser() if path is not None else default_corpus_path()
        if not self.path.is_dir():
            raise CorpusError(self.path, "corpus directory does not exist")
        self._catalog: dict[str, Entry] | None = None
        self._broken: list[CorpusError] = []

    # ------------------------------------------------------------------ files
    def files(self) -> list[Path]:
        return sorted(
            Path(e.path)
            for e in os.scandir(self.path)
            if e.name.endswith(corpusfile.SUFFIX) and not e.name.startswith(".") and e.is_file()
        )

    def file_for(self, doc_id: str) -> Path:
        return self.path / f"{doc_id}{corpusfile.SUFFIX}"

    # ------------------------------------------------------------------ lookup
    def document(self, name: str) -> Document:
        """The document named by id, alias, or a prefix of one that fits one document only."""
        key = name.strip().lower()
        direct = self.file_for(key)
        if _safe_name(key) and direct.is_file():
            doc = corpusfile.read_document(direct)
            if doc.id == key:
                return doc
        # Trust the name map while the directory is unchanged, but check the file it points to.
        file = self._quick_file(key)
        if file:
            with contextlib.suppress(CorpusError):  # if so, decided below against every file
                found = corpusfile.read_document(self.path / file)
                if _names(found, key):
                    return found
        entry = self.find_entry(key)
        return corpusfile.read_document(self.path / entry.file)

    def find_entry(self, name: str) -> Entry:
        """The catalog entry of the document ``name`` names, checked against every file."""
        key = name.strip().lower()
        entry = self._find(key, self.catalog())
        if entry is not None:
            return entry
        # the document may be in a file that cannot be read: say so rather than "no document"
        self.check_readable()
        raise DocumentNotFound(name, self.suggest(key))

    def _quick_file(self, key: str) -> str | None:
        """The file the cached name map gives for ``key`` (a name or a unique prefix), if any."""
        from quotecite.catalog import quick_names

        names = quick_names(self)
        if names is None:
            return None
        if key in names:
            return names[key] or None
        files = {f for n, f in names.items() if n.startswith(key)}
        return files.pop() if len(files) == 1 else None

    @staticmethod
    def _find(key: str, catalog: dict[str, Entry]) -> Entry | None:
        if key in catalog:
            return catalog[key]
        by_alias = [e for e in catalog.values() if key in e.aliases]
        if len(by_alias) > 1:
            raise AmbiguousDocument(key, sorted(e.id for e in by_alias))
        if by_alias:
            return by_alias[0]
        prefixed = sorted(
            e.id
            for e in catalog.values()
            if e.id.startswith(key) or any(a.startswith(key) for a in e.aliases)
        )
        if len(prefixed) > 1:
            raise AmbiguousDocument(key, prefixed)
        return catalog[prefixed[0]] if prefixed else None

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        import difflib

        catalog = self.catalog()
        names: dict[str, str] = {}
        for e in catalog.values():
            names[e.id] = e.id
            for a in e.aliases:
                names.setdefault(a, e.id)
        close = difflib.get_close_matches(name, list(names), n=limit * 2, cutoff=0.6)
        # Also match against each part of an id: "gorbachov" ~ "gorbachev-1986-06-26"
        if len(close) < limit:
            heads: dict[str, str] = {}
            for full in names:
                for piece in full.replace("_", "-").split("-"):
                    if len(piece) > 2:
                        heads.setdefault(piece, full)
            for piece in difflib.get_close_matches(
                name.split("-")[0], list(heads), n=limit, cutoff=0.75
            ):
                close.append(heads[piece])
        out: list[str] = []
        for c in close:
            target = names.get(c, c)
            if target not in out:
                out.append(target)
        return out[:limit]

    def passage(self, ref: PassageRef | str, context: int = 0) -> Passage:
        parsed = parse_ref(ref) if isinstance(ref, str) else ref
        return resolve(self.document(parsed.doc), parsed, context=context)

    def documents(self) -> Iterator[Document]:
        for path in self.files():
            yield corpusfile.read_document(path)

    # ------------------------------------------------------------------ catalog
    def catalog(self) -> dict[str, Entry]:
        """Every document's entry, each file checked for changes."""
        if self._catalog is None:
            self._broken.clear()
            from quotecite.catalog import load_catalog

            self._catalog = load_catalog(self, errors=self._broken)
        return self._catalog

    def check_readable(self) -> None:
        """Raise the first file's error if any corpus file cannot be read (the catalog leaves
        such files out; a command that must see every document calls this)."""
        self.catalog()
        if self._broken:
            first = self._broken[0]
            raise CorpusError(first.path, first.message_only, first.line)

    def entries(self) -> list[Entry]:
        return sorted(self.catalog().values(), key=lambda e: (e.date or "9999", e.id))


def _names(doc: Document, key: str) -> bool:
    """Whether ``key`` still names ``doc``: its id, an alias, or a prefix of one."""
    return any(n == key or n.startswith(key) for n in (doc.id, *doc.aliases))


def _safe_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")
