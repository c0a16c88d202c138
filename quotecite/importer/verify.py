"""The no-lost-word check: the source's words against the imported document's."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from quotecite.importer.build import ImportResult

_NUMBER_TOKEN = re.compile(r"(?:¶|\d{1,4}[.)]?|\[\d{1,4}\]|[IVXLC]{1,7}[.)])\Z")
_DELETABLE = set("0123456789-‐[]⁰¹²³⁴⁵⁶⁷⁸⁹")


def lost_words(source: str, result: ImportResult) -> list[str]:
    """Differences between the source's words and the result's beyond the documented repairs.

    Documented: lines that became metadata (``consumed``) and removed page furniture; paragraph
    number tokens; footnote labels and markers (digits, brackets, superscripts) and line-end
    hyphens removed where the joined word is a word. Nothing else may differ.
    """
    dropped = list(result.consumed) + [
        r.detail for r in result.repairs if r.kind in ("page-number", "running-header", "separator")
    ]
    starts = {p.line for p in result.document.paragraphs}
    src: list[str] = []
    for lineno, line in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        stripped = line.strip()
        if stripped and stripped in [d.strip() for d in dropped]:
            dropped.remove(next(d for d in dropped if d.strip() == stripped))
            continue
        words = line.split()
        if lineno in starts and words and _NUMBER_TOKEN.match(words[0]):
            words = words[1:]  # the paragraph's number standing before its text
        src.extend(words)
    out = [w for p in result.document.paragraphs for part in p.parts for w in part.text.split()]
    problems = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, src, out, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        s, r = "".join(src[a1:a2]), "".join(out[b1:b2])
        if not _deletion_of(s, r):
            problems.append(f"{src[a1:a2]} → {out[b1:b2]}")
    return problems


def _deletion_of(source: str, result: str) -> bool:
    """Is ``result`` ``source`` with only digits, brackets, superscripts and hyphens deleted?"""
    i = 0
    for ch in source:
        if i < len(result) and ch == result[i]:
            i += 1
        elif ch not in _DELETABLE:
            return False
    return i == len(result)
