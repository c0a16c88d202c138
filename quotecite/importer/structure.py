"""Paragraphs, numbering, roles and footnotes of a raw document.

Numbering forms: ``1. text`` (or ``1) text``), ``1text`` (number glued to the first word),
``¶ 1 text``, ``[1] text``, roman ``IV. text``, ``1 text`` (a number and a space, accepted only
as a sequence from 1), a number alone on its line before its text, and unnumbered text (then
paragraphs are numbered 1…n and the document's numbering is ``supplied``).

Roles: the editors' lines and ``Document No. N: Title, date`` heading at the top become metadata;
unnumbered paragraphs between heading and body, and a numbered group set off from the body by a
wider blank run, are editors' headnotes; date lines are datelines; short name lines at the end are
signatures; ``[Source: …]`` is the source note; numbered notes at the end whose markers stand in the
text (``Medvedev,1``, ``[1]``, ``¹⁰⁷``) are footnotes.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from quotecite.importer.datetext import date_line, find_date, numeric_date
from quotecite.importer.layout import (
    RULE,
    Block,
    Repair,
    Vocabulary,
    continues,
    join_lines,
    remove_furniture,
)
from quotecite.model import Role

_OPEN = r"[A-ZА-ЯЁ“\"‘'«\[(]"
STYLES: dict[str, re.Pattern[str]] = {
    "dot": re.compile(r"\s*(?P<n>\d{1,4})[.)](?:\s+(?=\S)|(?=[“\"‘'«\[(]))"),
    "pilcrow": re.compile(r"\s*[¶§]\s*(?P<n>\d{1,4})\.?\s*(?=\S)"),
    "bracket": re.compile(r"\s*\[(?P<n>\d{1,4})\]\s*(?=\S)"),
    "roman": re.compile(r"\s*(?P<n>[IVXLC]{1,7})[.)]\s+(?=\S)"),
    "glued": re.compile(rf"\s*(?P<n>\d{{1,4}})(?={_OPEN})"),
    "space": re.compile(rf"\s*(?P<n>\d{{1,4}})\s+(?={_OPEN})"),
}
_NUMBER_ALONE = re.compile(r"\s*(?:[¶§]\s*)?(?:\d{1,4}|[IVXLC]{1,7})[.)]?\s*|\s*\[\d{1,4}\]\s*")
_FOOTNOTE = re.compile(
    r"\s*(?:(?P<a>\d{1,3})[.)]?\s+|\[(?P<b>\d{1,3}|[ivxlc]{1,6})\]\s*|(?P<c>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*)(?=\S)"
)
_SEPARATOR = re.compile(
    r"\s*(?:[_\-–—*=·.]\s*){3,}|\s*(?:Notes|NOTES|Footnotes|Endnotes|Notes and Comments|"
    r"Примечания|Примечание)\s*[:.]?\s*"
)
_SOURCE = re.compile(r"\s*\[?\s*(?:Source|SOURCE|Sources|Источник|Источники)\s*:")
_HEADNOTE = re.compile(r"\s*(?:Editors?['’]?s?\s+[Nn]ote|Headnote|Introduction|Commentary)\s*[:.]")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPER_RX = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
M_OPEN = "\ue000"
M_CLOSE = "\ue001"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(text: str) -> int | None:
    total = 0
    prev = 0
    for ch in reversed(text.upper()):
        v = _ROMAN.get(ch)
        if v is None:
            return None
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if total > 0 else None


def to_roman(value: int) -> str:
    out = ""
    for v, sym in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= v:
            out += sym
            value -= v
    return out


def number_value(number: str) -> int | None:
    if number.isdigit():
        return int(number)
    return roman_value(number)


@dataclass
class RawParagraph:
    number: str | None  #: as printed, None where the source prints none
    role: Role
    parts: list[str]  #: text with footnote markers as M_OPEN label M_CLOSE
    line: int
    end: int = 0  #: the source line where it ends
    leaves: str | None = None
    pages: str | None = None


@dataclass
class Structure:
    paragraphs: list[RawParagraph] = field(default_factory=list)
    style: str | None = None  #: numbering style, None for unnumbered text
    repairs: list[Repair] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    consumed: list[str] = field(default_factory=list)  #: source lines turned into metadata


# --------------------------------------------------------------------------- helpers


def _match_style(style: str | None, text: str) -> re.Match[str] | None:
    if style is None:
        return None
    m = STYLES[style].match(text)
    if m and style == "roman" and roman_value(m.group("n")) is None:
        return None
    return m


def choose_style(blocks: list[Block]) -> str | None:
    best: tuple[int, int, str] | None = None
    for name, rx in STYLES.items():
        nums: list[int] = []
        for b in blocks:
            m = rx.match(b.first)
            if m:
                v = number_value(m.group("n"))
                if v is not None:
                    nums.append(v)
        if len(nums) < 2 and not (
            len(nums) == 1 and nums[0] == 1 and name in ("pilcrow", "bracket")
        ):
            continue
        asc = sum(1 for a, b in itertools.pairwise(nums) if b == a + 1)
        if asc < 1 and len(nums) > 1:
            continue
        if name == "space" and (asc < 2 or nums[0] > 2):
            continue
        if name == "glued" and (asc < 1 or nums[0] > 2):
            continue
        if name == "dot" and asc * 2 < len(nums) - 1:
            continue
        key = (asc, len(nums), name)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None


def is_source(text: str) -> bool:
    return _SOURCE.match(text) is not None


def is_dateline(text: str) -> bool:
    t = text.strip()
    if len(t) > 80:
        return False
    found = find_date(t)
    if found is None:
        # a date in figures is a dateline only as a line of its own ("17. 1. 37", "Ercoli
        # 17. 1. 37", "10/Х-33 г."), which datetext.date_line decides
        return date_line(t) is not None and numeric_date(t) is not None
    rest = (t[: found[1]] + " " + t[found[2] :]).strip(" ,.;:-–—")
    return len(rest.split()) <= 3 and not re.search(r"\d", rest)


def is_signature(text: str) -> bool:
    t = text.strip()
    words = t.split()
    if not words or len(words) > 8 or len(t) > 80 or re.search(r"\d", t):
        return False
    if t.endswith((".", "?", "!", ":", ";", ",")) and not re.search(r"\b[A-ZА-ЯЁ]\.\Z", t):
        return False
    caps = sum(1 for w in words if w[:1].isupper() or w.startswith("/s/") or w in {"of", "the"})
    return caps == len(words) and any(len(w.strip(".")) > 2 for w in words)


def _prose(text: str) -> bool:
    """Editors' prose, as an unnumbered paragraph before numbered text can be: a few sentences,
    not a document's address, classification or subject line."""
    return len(text.split()) >= 25 and bool(re.search(r"[.!?]\s+[A-ZА-ЯЁ]", text))


# --------------------------------------------------------------------------- main


def analyse(
    text: str,
    *,
    heading: bool = False,
    roles: Mapping[int, Role] | None = None,
    starts: set[int] | None = None,
) -> Structure:
    """The paragraphs of ``text`` (the page without its head, fields and furniture, which are
    blank lines in it). ``heading``: the document has a publisher's heading (an editors'
    headnote may follow it); ``roles``: lines whose role the page and its apparatus decided
    (source notes, summaries); ``starts``: lines where such a paragraph begins."""
    from quotecite.importer.layout import split_blocks, split_paragraph_lines

    forced: Mapping[int, Role] = roles or {}
    st = Structure()
    blocks = split_paragraph_lines(split_blocks(text), forced, starts or set(forced))
    keep = _number_lines(blocks)
    blocks = remove_furniture(blocks, keep, st.repairs)
    blocks = _merge_number_lines(blocks, st.repairs)
    vocab = Vocabulary(text)
    if not blocks:
        return st

    # footnotes at the end
    foot_start, separator, offset = _find_footnotes(blocks)
    footnotes = blocks[foot_start:]
    body = blocks[: foot_start - (1 if separator else 0)]
    if separator:
        sep = blocks[foot_start - 1]
        st.repairs.append(Repair("separator", sep.start, sep.first))
        st.consumed.append(sep.first)

    # rules ("=====", "———") that set off nothing: layout, not text
    ruled: list[Block] = []
    first_rule: int | None = None  # where the first rule stood: an editors' note may end there
    for b in body:
        if len(b.lines) == 1 and RULE.fullmatch(b.first):
            st.repairs.append(Repair("rule", b.start, b.first))
            if ruled and first_rule is None:
                first_rule = b.start
            continue
        ruled.append(b)
    body = ruled

    # continuation across blank runs
    merged: list[Block] = []
    for b in body:
        numbered = (
            any(rx.match(merged[-1].first) for rx in STYLES.values())
            and not is_dateline(merged[-1].first)  # "3. 1. 36" is a date, not ¶ 3
            if merged
            else False
        )
        same_note = (
            merged
            and b.start in forced
            and forced.get(b.start) == forced.get(merged[-1].start)
            and b.start not in (starts or set(forced))
        )  # a source note a blank line split: "… Тверь: Информационно-" / "издательский …"
        if (
            merged
            and (same_note or (b.start not in forced and merged[-1].start not in forced))
            and continues(merged[-1], b, numbered)
            and not is_source(b.first)
        ):
            prev = merged[-1]
            st.repairs.append(
                Repair("joined", b.start, f"{b.gap} blank line(s) inside a paragraph")
            )
            prev.lines.extend(b.lines)
            prev.line_numbers.extend(b.line_numbers)
        else:
            merged.append(b)
    body = merged

    text_blocks = [b for b in body if b.start not in forced]
    style = choose_style(text_blocks)
    if style is None:  # numbered paragraphs with no blank lines between them
        style = choose_style(
            [
                Block(n, [line], 0, [n])
                for b in text_blocks
                for n, line in zip(b.line_numbers, b.lines, strict=True)
            ]
        )
    st.style = style
    body = _split_inline_numbers(body, style)
    index = 0

    paragraphs: list[RawParagraph] = []
    current: RawParagraph | None = None
    seen_number = False
    trailing = _trailing_roles(body, index, style, forced)
    counters: Counter[str] = Counter()

    for k in range(index, len(body)):
        b = body[k]
        joined = join_lines(b.lines, b.line_numbers, vocab, st.repairs)
        m = (
            _match_style(style, joined)
            if b.start not in forced and not (len(b.lines) == 1 and is_dateline(joined))
            else None
        )
        number = m.group("n") if m else None
        content = joined[m.end() :] if m else joined
        role = Role.BODY
        if b.start in forced:
            role = forced[b.start]
        elif is_source(content):
            role = Role.SOURCE_NOTE
        elif k in trailing:
            role = trailing[k]
        elif is_dateline(content) and (not seen_number or k > len(body) - 4):
            role = Role.DATELINE
        elif heading and (
            (style is not None and number is None and not seen_number and _prose(content))
            or (style is None and _HEADNOTE.match(content))
        ):
            role = Role.HEADNOTE
        if number is not None:
            seen_number = True
        if (
            role is Role.BODY
            and number is None
            and style is not None
            and seen_number
            and current is not None
            and current.role is Role.BODY
        ):
            current.parts.append(content)
            current.end = b.line_numbers[-1]
            continue
        para = RawParagraph(
            number=number, role=role, parts=[content], line=b.start, end=b.line_numbers[-1]
        )
        paragraphs.append(para)
        current = para

    # editors' headnote set off by a wider blank run (seed 001: ¶1–2, then two blank lines)
    if heading and style is not None:
        _headnotes_by_gap(paragraphs, body, index)
    if heading and first_rule is not None:
        _headnotes_above_rule(paragraphs, first_rule)
    if heading and style is None:
        _headnotes_before_salutation(paragraphs)
    _editors_notes_after(paragraphs)

    # footnotes
    labels: list[str] = []
    source_labels: list[str] = []
    for b in footnotes:
        fm = _FOOTNOTE.match(b.first)
        assert fm is not None
        label = _footnote_label(fm)
        if offset:
            label = str(int(label) + offset)
        joined = join_lines(b.lines, b.line_numbers, vocab, st.repairs)
        fm2 = _FOOTNOTE.match(joined)
        text_ = joined[fm2.end() :] if fm2 else joined
        # FRUS: note 1 is the document's source note, called from the heading or the text
        source = not labels and not source_labels and is_source(text_)
        (source_labels if source else labels).append(label)
        paragraphs.append(
            RawParagraph(
                number=None if source else f"n{label}",
                role=Role.SOURCE_NOTE if source else Role.FOOTNOTE,
                parts=[text_],
                line=b.start,
                end=b.line_numbers[-1],
            )
        )
    _mark_footnotes(paragraphs, labels + source_labels, st)
    for p in paragraphs:  # a source note's call: the note is the document's, not a footnote
        p.parts = [
            re.sub(f"{M_OPEN}(?:{'|'.join(map(re.escape, source_labels))}){M_CLOSE}", "", part)
            if source_labels
            else part
            for part in p.parts
        ]

    # numbers for paragraphs the source does not number
    if style is None:
        n = 0
        for p in paragraphs:
            if p.role is Role.BODY:
                n += 1
                p.number = str(n)
    prefixes = {
        Role.HEADNOTE: "h", Role.SOURCE_NOTE: "src", Role.DATELINE: "d",
        Role.SIGNATURE: "sig", Role.BODY: "p", Role.FOOTNOTE: "n",
    }  # fmt: skip
    for p in paragraphs:
        if p.number is None:
            prefix = prefixes[p.role]
            counters[prefix] += 1
            p.number = f"{prefix}{counters[prefix]}"
    _check_sequence(paragraphs, style, st)
    st.paragraphs = paragraphs
    return st


def _number_lines(blocks: list[Block]) -> set[int]:
    """Indexes of blocks that are a paragraph number alone on its line (kept, not page numbers)."""
    keep: set[int] = set()
    bare: list[int] = []
    for i, b in enumerate(blocks):
        if len(b.lines) != 1 or i + 1 >= len(blocks) or not _NUMBER_ALONE.fullmatch(b.first):
            continue
        if b.first.strip().isdigit():
            bare.append(i)
        else:
            keep.add(i)
    values = [int(blocks[i].first) for i in bare]
    if len(values) >= 2 and values[0] == 1 and values == list(range(1, len(values) + 1)):
        keep.update(bare)
    return keep


def _merge_number_lines(blocks: list[Block], repairs: list[Repair]) -> list[Block]:
    """A paragraph number alone on its line joins the text after it ("1." / "First one.").
    A bare number ("28" above "February 1941.") does so only as part of a run 1, 2, 3 …"""
    bare = [
        int(b.first) for b in blocks if len(b.lines) > 1 and re.fullmatch(r"[0-9]{1,3}", b.first)
    ]
    sequence = len(bare) >= 2 and bare == list(range(1, len(bare) + 1))
    out: list[Block] = []
    pending: Block | None = None
    for b in blocks:
        if (
            len(b.lines) > 1
            and _NUMBER_ALONE.fullmatch(b.first)
            and (sequence or not re.fullmatch(r"[0-9]+", b.first.strip()))
        ):
            token = b.first.strip() + ("." if b.first.strip().isdigit() else "")
            b.lines[:2] = [f"{token} {b.lines[1].strip()}"]
            b.line_numbers[:2] = [b.line_numbers[0]]
            repairs.append(Repair("number-line", b.start, token))
        if pending is None and len(b.lines) == 1 and _NUMBER_ALONE.fullmatch(b.first):
            pending = b
            continue
        if pending is not None:
            token = pending.first.strip()
            if token.isdigit():
                token += "."  # a number alone on its line: read as "1. text"
            b.lines[0] = token + " " + b.lines[0].strip()
            b.gap = pending.gap
            b.start = pending.start
            b.line_numbers[0] = pending.start
            repairs.append(Repair("number-line", pending.start, pending.first.strip()))
            pending = None
        out.append(b)
    if pending is not None:
        out.append(pending)
    return out


def _footnote_label(m: re.Match[str]) -> str:
    """The label of a footnote line as its marker is written: "1", "iv" (from "¹" too)."""
    return (m.group("a") or m.group("b") or m.group("c") or "").translate(_SUPERSCRIPT)


def _find_footnotes(blocks: list[Block]) -> tuple[int, bool, int]:
    """Where trailing footnotes start (len(blocks) if none); does a separator precede them;
    what to add to their printed numbers to get the text's markers?

    Footnotes run 1, 2, 3 … (or i, ii, iii … in brackets) to the end of the text; they count
    as footnotes only after a separator ("____", "Notes"), a source note, or when every one of
    their markers stands in the text.
    """
    start = len(blocks)
    labels: list[str] = []
    while start > 1:
        m = _FOOTNOTE.match(blocks[start - 1].first)
        if not m:
            break
        label = _footnote_label(m)
        value = number_value(label.upper() if not label.isdigit() else label) or 0
        if is_source(blocks[start - 1].first[m.end() :]) and value != 1:
            break  # a numbered source note; but FRUS's note 1 is the source, the others follow
        if labels:
            first = labels[0]
            if value != (number_value(first.upper() if not first.isdigit() else first) or 0) - 1:
                break
        labels.insert(0, label)
        start -= 1
        if value == 1:
            break
    if not labels or (number_value(labels[0].upper() if not labels[0].isdigit() else labels[0])
                      != 1):  # fmt: skip
        return len(blocks), False, 0
    before = blocks[start - 1]
    if _SEPARATOR.fullmatch(before.first) and len(before.lines) == 1:
        return start, True, 0
    if is_source(before.first) or (
        STYLES["glued"].match(before.first)
        and is_source(
            before.first[STYLES["glued"].match(before.first).end() :]  # type: ignore[union-attr]
        )
    ):
        return start, False, 0
    text = "\n".join(line for b in blocks[:start] for line in b.lines).translate(_SUPERSCRIPT)
    if all(_marker_regex(n).search(text) for n in labels):
        return start, False, 0
    first_note = _FOOTNOTE.sub("", blocks[start].first, count=1)
    if is_source(first_note) and all(_marker_regex(n).search(text) for n in labels[1:]):
        return start, False, 0  # FRUS: note 1, the source note, is called from the heading
    if blocks[start].lines[0][:1].isspace():
        offset = _list_offset(text, len(labels))
        if offset:
            return start, False, offset
    return len(blocks), False, 0


def _list_offset(text: str, count: int) -> int:
    """A web page's notes as an ordered list that counts from 1 while the text calls them
    53, 54, 55 (a volume's chapter-wide numbers, FRUS): how much to add to the list's."""
    for m in re.finditer(r"(?<=[^\W\d_])(\d{1,3})(?=[\s,.;:)”’\"]|\Z)", text):
        first = int(m.group(1))
        if first > 1 and all(_marker_regex(str(first + i)).search(text) for i in range(count)):
            return first - 1
    return 0


def _split_inline_numbers(blocks: list[Block], style: str | None) -> list[Block]:
    """Split a block where a line inside it starts the next number of the sequence."""
    if style is None:
        return blocks
    out: list[Block] = []
    expected: int | None = None
    for b in blocks:
        m = _match_style(style, b.first)
        if m:
            expected = (number_value(m.group("n")) or 0) + 1
        start = 0
        for i in range(1, len(b.lines)):
            mi = _match_style(style, b.lines[i])
            if mi and expected is not None and number_value(mi.group("n")) == expected:
                out.append(b.part(start, i))
                start = i
                expected += 1
        if start == 0:
            out.append(b)
        else:
            out.append(b.part(start, len(b.lines)))
    return out


def _trailing_roles(
    body: list[Block], index: int, style: str | None, forced: Mapping[int, Role]
) -> dict[int, Role]:
    """Signatures and datelines after the last paragraph of text (before the source notes)."""
    out: dict[int, Role] = {}
    k = len(body) - 1
    # an edition's notes after the text ("Примечание" and what follows) are not the document's
    for j in range(len(body) - 1, max(index, len(body) // 2) - 1, -1):
        if len(body[j].lines) == 1 and _NOTES_HEADING.fullmatch(body[j].first):
            k = j - 1
            break
    while k > index and (is_source(_strip_number(body[k].first, style)) or body[k].start in forced):
        k -= 1
    while k > index:
        text = " ".join(
            _strip_number(line, style) if i == 0 else line for i, line in enumerate(body[k].lines)
        )
        if len(body[k].lines) > 3:
            break
        if is_dateline(text):
            out[k] = Role.DATELINE
        elif is_signature(text) and (_match_style(style, body[k].first) is None):
            out[k] = Role.SIGNATURE
        else:
            break
        k -= 1
    return out


def _strip_number(text: str, style: str | None) -> str:
    m = _match_style(style, text)
    return text[m.end() :] if m else text


def _headnotes_by_gap(paragraphs: list[RawParagraph], body: list[Block], index: int) -> None:
    numbered = [p for p in paragraphs if p.role is Role.BODY and p.number is not None]
    if len(numbered) < 4:
        return
    gaps = {b.start: b.gap for b in body[index:]}
    values = [gaps.get(p.line, 0) for p in numbered]
    normal = Counter(values[1:]).most_common(1)[0][0]
    for i in range(1, len(numbered) // 2 + 1):
        if values[i] > normal:
            for p in numbered[:i]:
                p.role = Role.HEADNOTE
            return
    # no wider gap: the editors' prose runs up to the document's first words — a speaker's
    # turn, or a sentence in the first person outside quotation marks
    for i, p in enumerate(numbered[:8]):
        if _document_voice(p.parts[0]):
            if i and all(_prose(q.parts[0]) for q in numbered[:i]):
                for q in numbered[:i]:
                    q.role = Role.HEADNOTE
            return


def _headnotes_above_rule(paragraphs: list[RawParagraph], rule: int) -> None:
    """A volume's editors' note set off from the document by a rule (OpenEdition: "1Gorbachev
    finds the French president …" / "____" / "2Gorbachev: I will tell you …")."""
    body = [p for p in paragraphs if p.role is Role.BODY]
    above = [p for p in body if p.line < rule]
    if (
        above
        and len(above) <= 3
        and len(above) < len(body)
        and all(_prose(p.parts[0]) and not _document_voice(p.parts[0]) for p in above)
    ):
        for p in above:
            p.role = Role.HEADNOTE


def _headnotes_before_salutation(paragraphs: list[RawParagraph]) -> None:
    """A letter begins with its salutation: the editors' prose between a volume's source note
    and "Esteemed Alexander Stepanovich," is theirs, not the letter's."""
    body = [p for p in paragraphs if p.role is Role.BODY]
    if not body or not any(
        p.role is Role.SOURCE_NOTE for p in paragraphs[: paragraphs.index(body[0])]
    ):
        return
    for i, p in enumerate(body[:8]):
        if is_salutation(p.parts[0]):
            before = body[:i]
            editors = all(_prose(q.parts[0]) and not _document_voice(q.parts[0]) for q in before)
            if before and editors:
                for q in before:
                    q.role = Role.HEADNOTE
            return


#: the heading of an edition's notes after the document, not tied to note calls
_NOTES_HEADING = re.compile(
    r"(?:Примечани[ея]|Комментари[йи]|Notes?(?:\s+and\s+Comments)?|Editor(?:s[’']|[’']s)\s+"
    r"[Nn]otes?|Comments?|Commentary)\s*[.:]?"
)


def _editors_notes_after(paragraphs: list[RawParagraph]) -> None:
    """ "Примечание." / "Notes and Comments:" after the text, and the editors' paragraphs under
    it: theirs, not the document's."""
    body = [p for p in paragraphs if p.role is Role.BODY]
    for i, p in enumerate(body[1:], start=1):
        if _NOTES_HEADING.fullmatch(p.parts[0].strip()) and i >= len(body) // 2:
            for q in body[i:]:
                q.role = Role.HEADNOTE
            return


#: a letter's salutation, alone on its line ("Dear Comrade Stalin!", "Esteemed Alexander
#: Stepanovich,50" with its note call)
_SALUTATION = re.compile(
    r"(?:(?:My\s+)?Dear|(?:Highly\s+)?Esteemed|Respected|Уважаемый|Уважаемая|Уважаемые|Дорогой|"
    r"Дорогая|Дорогие|Глубокоуважаемый)\b[^.!?\n]{1,80}[,!:]\s*(?:\d{1,3}|\[\d{1,3}\])?"
)
#: a salutation by name alone, which opens a letter only if it is signed: "Вячеслав!",
#: "Тов. Сталин!"
_VOCATIVE = re.compile(
    r"(?:(?:Дорог|Уважаем|Глубокоуважаем|Многоуважаем)\w*\s+)?(?:[Тт]ов\.\s*|[Тт]оварищ\s+)?"
    r"[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+){0,2}\s*!"
)


def is_salutation(text: str, *, by_name: bool = False) -> bool:
    """Is ``text`` a letter's salutation? ``by_name``: also a bare name called ("Вячеслав!")."""
    t = text.strip()
    return bool(_SALUTATION.fullmatch(t) or (by_name and _VOCATIVE.fullmatch(t)))


_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")
_FIRST_PERSON = re.compile(r"\b(?:I|we|We|my|My|our|Our|me|us)\b")
_TURN = re.compile(r"(?:\[[^\]]{1,30}\]\s*)?[A-ZА-ЯЁ][\w’'.-]*(?:\s+[A-ZА-ЯЁ][\w’'.-]*){0,3}:\s")


def _document_voice(text: str) -> bool:
    """Does a paragraph speak as the document does: a speaker's turn ("Gorbachev: …"), or
    the first person outside quotations ("As of late, I have often had to deal …")?"""
    if _TURN.match(text):
        return True
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))


def _marker_regex(label: str) -> re.Pattern[str]:
    if not label.isdigit():  # a roman footnote label: "[iv]"
        return re.compile(rf"(?P<m3>\[{label}\])")
    return re.compile(
        rf"(?<=[^\W\d_])(?P<m>{label})(?=[\s,.;:)”’\"]|\Z)"
        rf"|(?<=[^\W\d_][,.;:!?”’\"')\]])(?P<m2>{label})(?=[\s,.;:)”’\"]|\Z)"
        rf"|(?P<m3>\[{label}\])"
    )


def _mark_footnotes(paragraphs: list[RawParagraph], labels: list[str], st: Structure) -> None:
    pending = list(labels)
    for p in paragraphs:
        if p.role is Role.FOOTNOTE:
            continue
        for i, part in enumerate(p.parts):
            text = _SUPER_RX.sub(
                lambda m: f"{M_OPEN}{m.group().translate(_SUPERSCRIPT)}{M_CLOSE}", part
            )
            if text != part:
                for found in re.findall(f"{M_OPEN}(\\d+){M_CLOSE}", text):
                    if found in pending:
                        pending.remove(found)
                    st.repairs.append(Repair("marker", p.line, found))
            while pending:
                m = _marker_regex(pending[0]).search(text)
                if not m:
                    break
                label = pending.pop(0)
                text = text[: m.start()] + f"{M_OPEN}{label}{M_CLOSE}" + text[m.end() :]
                st.repairs.append(Repair("marker", p.line, label))
            p.parts[i] = text
    for label in pending:
        st.warnings.append(f"footnote {label}: no marker for it found in the text")


def _check_sequence(paragraphs: list[RawParagraph], style: str | None, st: Structure) -> None:
    if style is None:
        return
    prev: int | None = None
    prev_text = ""
    seen: set[str] = set()
    for p in paragraphs:
        number = p.number or ""
        if p.role is Role.FOOTNOTE or not (number.isdigit() or roman_value(number)):
            continue
        value = number_value(number)
        if number in seen:
            st.warnings.append(f"line {p.line}: paragraph number {number} repeats")
            continue
        seen.add(number)
        if value is None:
            continue
        if prev is not None and value > prev + 1:
            show = to_roman if style == "roman" else str
            missing = show(prev + 1) if value == prev + 2 else f"{show(prev + 1)}–{show(value - 1)}"
            st.warnings.append(
                f"line {p.line}: paragraph {missing} missing "
                f"(numbers go from {prev_text} to {number}); kept as printed"
            )
        elif prev is not None and value <= prev:
            st.warnings.append(
                f"line {p.line}: paragraph numbers go back from {prev_text} to {number}; "
                "kept as printed"
            )
        prev = value
        prev_text = number
