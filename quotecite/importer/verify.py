"""The no-lost-word check: the source's words against the imported document's."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from quotecite.importer.build import ImportResult
from quotecite.model import Role

_NUMBER_TOKEN = re.compile(r"(?:¶|\d{1,4}[.)]?|\[\d{1,4}\]|[IVXLC]{1,7}[.)])\Z")
_DELETABLE = set("0123456789-‐[]⁰¹²³⁴⁵⁶⁷⁸⁹ivxlc|")  # "|": a table's cell rule


def lost_words(source: str, result: ImportResult) -> list[str]:
    """Differences between the source's words and the result's beyond what the import lists.

    Listed: what it left out (``left_out``: page furniture, fields, the heading and other lines
    that became metadata, page numbers and running heads); leaf and page marks (``repairs``);
    paragraph number tokens; footnote
    labels and markers (digits, brackets, superscripts) and line-end hyphens removed where the
    joined word is a word. Nothing else may differ.
    """
    left: dict[int, list[str]] = {}
    for x in result.left_out:
        left.setdefault(x.line, []).append(" ".join(x.text.split()))
    printed = result.document.numbering.value == "printed"
    numbers = {p.line: p.number for p in result.document.paragraphs if printed}
    # a note's printed label, which may count from 1 where the text calls 53 (FRUS on the web)
    notes = {
        p.line for p in result.document.paragraphs if p.role in (Role.FOOTNOTE, Role.SOURCE_NOTE)
    }
    from quotecite.importer.locators import LEAF_MARK, PAGE_MARK

    marks = {r.detail for r in result.repairs if r.kind in ("leaf-mark", "page-mark")}
    src: list[str] = []
    for lineno, line in enumerate(source.replace("\r\n", "\n").split("\n"), start=1):
        text = " ".join(line.split())
        if marks:  # leaf and page marks ("[Л. 28]", "[Page 39]") leave the text, listed
            text = PAGE_MARK.sub(lambda m: " " if m.group() in marks else m.group(), text)
            text = LEAF_MARK.sub(lambda m: " " if m.group() in marks else m.group(), text)
        for cut in left.get(lineno, []):
            if cut and cut in text:
                text = text.replace(cut, " ", 1)
        words = text.split()
        if words and (
            _is_number_of(words[0], numbers.get(lineno))
            or (lineno in notes and _NUMBER_TOKEN.match(words[0]))
        ):
            words = words[1:]  # the paragraph's or the note's number standing before its text
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


def _is_number_of(token: str, number: str | None) -> bool:
    """Is ``token`` ("1.", "[3]", "¶", "IV.") the printed number of the paragraph ``number``?"""
    if number is None or not _NUMBER_TOKEN.match(token):
        return False
    return token == "¶" or token.strip("[].)") == number


def _deletion_of(source: str, result: str) -> bool:
    """Is ``result`` ``source`` with only digits, brackets, superscripts and hyphens deleted?"""
    i = 0
    for ch in source:
        if i < len(result) and ch == result[i]:
            i += 1
        elif ch not in _DELETABLE:
            return False
    return i == len(result)
