"""Archival references: the archive registry and the source-note parser."""

from __future__ import annotations

from quotecite.archival.parser import SourceNote, normalize_leaves, parse_name, parse_source_note
from quotecite.archival.registry import ArchiveInfo, find_archives, lookup, registry

__all__ = [
    "ArchiveInfo",
    "SourceNote",
    "find_archives",
    "lookup",
    "normalize_leaves",
    "parse_name",
    "parse_source_note",
    "registry",
]
