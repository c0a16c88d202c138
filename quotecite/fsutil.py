"""Filesystem helpers shared by every command that writes: atomic writes and the cache directory."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

ENV_CACHE = "QUOTECITE_CACHE_DIR"


def cache_dir() -> Path:
    """$QUOTECITE_CACHE_DIR, else the user's cache directory (platformdirs)."""
    env = os.environ.get(ENV_CACHE)
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_cache_dir("quotecite", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def corpus_key(corpus_path: Path) -> str:
    """A short stable key for a corpus directory, for naming its cache files."""
    return hashlib.sha1(str(corpus_path.resolve()).encode()).hexdigest()[:16]


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half."""
    import tempfile  # not at the top: searches import this module and never write files

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_create_text(path: Path, text: str) -> None:
    """Create ``path`` atomically with ``text``; FileExistsError if it exists (no race: the
    complete file is linked into place, which fails if another process created it first)."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            # a filesystem without hard links: exclusive creation, then the content
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
