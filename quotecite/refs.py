"""The passage-reference grammar, used by every command that names a passage.

    ref      := DOC [sep] [label] [spans]
    sep      := ":" | "," | whitespace
    label    := "¶" | "¶¶" | "§" | "para." | "paras." | "par." | "pars." (dot optional)
    spans    := span (("," | "and" | "&") span)*
    span     := address [("-" | "–" | "—" | "to") address]
    address  := 16 | 3.2 | n1 (footnote 1) | s1 (unnumbered source note) …

Examples: ``doc6``, ``doc6 16``, ``doc6 3-5``, ``doc6 3,7,9-11``, ``garf 3.2``, ``doc6:16``,
``doc6 ¶16``, ``doc6 ¶¶3–5``, ``"doc6, para. 16"``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quotecite.errors import ReferenceSyntaxError

ADDRESS = r"(?:\d+(?:\.\d+)*|[a-z]+\d*(?:\.\d+)*)"
_DOC = re.compile(r"\s*(?P<doc>[^\s,:¶§]+)(?P<rest>.*)\Z", re.S)
_LABEL = re.compile(r"(?:¶¶?|§§?|paras?\b\.?|pars?\b\.?|paragraphs?\b|sections?\b)\s*", re.I)
_SPAN = re.compile(rf"(?P<start>{ADDRESS})(?:\s*(?:-|–|—|\bto\b)\s*(?P<end>{ADDRESS}))?", re.I)
_SEP = re.compile(r"\s*(?:,|;|\band\b|&)\s*|\s+", re.I)


class Span(NamedTuple):
    start: str
    end: str | None = None

    def __str__(self) -> str:
        return self.start if self.end is None else f"{self.start}-{self.end}"


class PassageRef(NamedTuple):
    """A document name and the paragraphs wanted; no spans means the whole document."""

    doc: str
    spans: tuple[Span, ...] = ()

    def __str__(self) -> str:
        if not self.spans:
            return self.doc
        return f"{self.doc} {','.join(str(s) for s in self.spans)}"

    @property
    def whole_document(self) -> bool:
        return not self.spans


def parse_ref(text: str | list[str] | tuple[str, ...]) -> PassageRef:
    """Parse a passage reference; raises ReferenceSyntaxError naming what is wrong."""
    if not isinstance(text, str):
        text = " ".join(text)
    original = text
    text = text.replace("\u00a0", " ").strip()
    if not text:
        raise ReferenceSyntaxError("empty passage reference; give a document, e.g. 'doc6 16'")
    m = _DOC.match(text)
    if not m:
        raise ReferenceSyntaxError(f"cannot read passage reference '{original}'")
    doc = m.group("doc")
    rest = m.group("rest").strip()
    rest = rest.lstrip(":,").strip()
    if not rest:
        return PassageRef(doc=doc)
    label = _LABEL.match(rest)
    if label:
        rest = rest[label.end() :]
    return PassageRef(doc=doc, spans=_parse_spans(rest, original))


def _parse_spans(text: str, original: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _SPAN.match(text, pos)
        if not m:
            bad = text[pos:].split()[0] if text[pos:].split() else text[pos:]
            raise ReferenceSyntaxError(
                f"cannot read '{bad}' in passage reference '{original}'",
                hint="paragraphs are written like 16, 3-5, 3,7,9-11 or 3.2",
            )
        spans.append(Span(m.group("start").lower(), (m.group("end") or "").lower() or None))
        pos = m.end()
        if pos < len(text):
            sep = _SEP.match(text, pos)
            if not sep or sep.end() == pos:
                bad = re.split(r"[\s,;]", text[m.start() :], maxsplit=1)[0]
                raise ReferenceSyntaxError(
                    f"cannot read '{bad}' in passage reference '{original}'",
                    hint="separate paragraphs with commas: 3,7,9-11",
                )
            pos = sep.end()
            # a trailing label after a separator, e.g. "3 and ¶5", is tolerated
            label = _LABEL.match(text, pos)
            if label:
                pos = label.end()
    if not spans:
        raise ReferenceSyntaxError(f"no paragraph in passage reference '{original}'")
    return tuple(spans)
