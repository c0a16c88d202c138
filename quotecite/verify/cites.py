"""Reading the citation attached to a quotation: pandoc ``[@doc, para. 16]``, LaTeX ``\\cite``,
or a footnote that names a corpus document (``doc6 16``, or a note as ``quotecite quote`` writes
it: the document's title and ``para. 16``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotecite.errors import QuoteciteError
from quotecite.refs import ADDRESS, PassageRef, parse_ref


@dataclass(frozen=True, slots=True)
class Cite:
    """What a manuscript says a quotation comes from. ``doc`` None: only a locator was given
    (an in-text "(par. 16)"); ``ref`` None: no paragraph was given."""

    text: str  #: as written in the manuscript
    doc: str | None
    ref: PassageRef | None = None

    def describe(self) -> str:
        if self.ref is not None and self.ref.spans:
            return str(self.ref)
        return self.doc or self.text


@dataclass(frozen=True, slots=True)
class Names:
    """The corpus's documents as a manuscript may name them: ids, aliases and titles."""

    keys: dict[str, str]  #: lower-cased id or alias → id
    titles: dict[str, str]  #: normalised title → id

    def pattern(self) -> re.Pattern[str] | None:
        if not self.keys:
            return None
        alts = "|".join(re.escape(k) for k in sorted(self.keys, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])({alts})(?![\w-])", re.I)


_NUM = r"\d+(?:\.\d+)*"
_LABEL = r"(?:¶¶?|§§?|\bparas?\.|\bpars?\.|\bparagraphs?\b|\bsections?\b)"
#: more paragraphs after the first: numbers only, so "para. 3, State Archive" stops at 3
_MORE = rf"(?:\s*(?:-|–|—)\s*{ADDRESS})?(?:\s*,\s*{_NUM}(?:\s*(?:-|–|—)\s*{_NUM})?)*"
_LOCATOR = re.compile(rf"(?:{_LABEL}\s*{ADDRESS}|{_NUM}){_MORE}", re.I)
_LABELLED = re.compile(rf"{_LABEL}\s*({ADDRESS}{_MORE})", re.I)
_PANDOC_KEY = re.compile(r"(-?)@\{?([\w][\w:.#$%&\-+?<>~/]*[\w])\}?")


def locator_ref(doc: str, locator: str) -> PassageRef | None:
    """``doc`` with a written locator ("para. 16", "¶¶ 3–5", "16"), or None if it names none."""
    locator = locator.strip().strip(",").strip()
    if not locator:
        return None
    m = _LOCATOR.match(locator)
    if not m:
        return None
    try:
        ref = parse_ref(f"{doc} {m.group().strip()}")
    except QuoteciteError:
        return None
    return ref if ref.spans else None


def pandoc_cites(text: str) -> list[Cite]:
    """Citations in one pandoc citation group's text: ``see @doc6, para. 16; @garf, 3``."""
    out: list[Cite] = []
    for item in text.split(";"):
        m = _PANDOC_KEY.search(item)
        if not m:
            continue
        key = m.group(2)
        rest = item[m.end() :]
        out.append(Cite(item.strip(), key, locator_ref(key, rest)))
    return out


def note_cites(text: str, names: Names, previous: Cite | None = None) -> list[Cite]:
    """Citations in a footnote's text.

    A corpus id or alias followed by paragraphs (``doc6 16``, ``garf-10063-1-190, ¶ 3``); a
    pandoc citation; else a document title with ``para. N``; "Ibid." takes the previous note's
    document.
    """
    found: list[Cite] = []
    if "@" in text:
        found.extend(c for c in pandoc_cites(text) if c.doc)
    pattern = names.pattern()
    if pattern is not None:
        for m in pattern.finditer(text):
            doc = names.keys[m.group(1).lower()]
            ref = locator_ref(doc, text[m.end() :].lstrip(" ,:"))
            if not any(c.doc == doc and c.ref == ref for c in found):
                found.append(Cite(text.strip(), doc, ref))
    if found:
        return found
    flat = normalise_title(text)
    for title, doc in names.titles.items():
        if title and title in flat:
            return [Cite(text.strip(), doc, _labelled(doc, text))]
    if re.match(r"\s*ibid\b", text, re.I) and previous is not None and previous.doc:
        return [Cite(text.strip(), previous.doc, _labelled(previous.doc, text) or previous.ref)]
    loc = _LABELLED.search(text)
    if loc:
        return [Cite(text.strip(), None, _bare_locator(loc.group(1)))]
    return []


def in_text_cite(text: str) -> Cite | None:
    """A parenthetical citation "(Gorbachev, par. 16)": a locator without a document."""
    loc = _LABELLED.search(text)
    if not loc:
        return None
    ref = _bare_locator(loc.group(1))
    return Cite(text.strip(), None, ref) if ref else None


def _labelled(doc: str, text: str) -> PassageRef | None:
    loc = _LABELLED.search(text)
    return locator_ref(doc, loc.group(1)) if loc else None


def _bare_locator(locator: str) -> PassageRef | None:
    ref = locator_ref("?", locator)
    return ref


_TITLE_JUNK = re.compile(r"[\W_]+")


def normalise_title(text: str) -> str:
    return " " + _TITLE_JUNK.sub(" ", text.casefold()).strip() + " "
