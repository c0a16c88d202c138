"""Layout repair: lines → blocks → joined text, undoing what PDF extraction did to the text.

Repairs, each recorded as a :class:`Repair` so that a test can prove no word was lost:

* hard-wrapped lines are joined with a space;
* a line-end hyphen is removed only where the joined word is a word (the document's own
  vocabulary, then an English word list) and the hyphenated form is not used elsewhere in the
  document; otherwise it is kept (``self-adoration``, ``ill-health``, ``One-sidedness``);
* a blank run (one blank line or a page break's several) between text that does not end a
  sentence and text that starts in lower case is layout: the two blocks are one paragraph;
* page numbers standing alone and running headers (the same short line three times or more) are
  removed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from quotecite.importer.words import is_word


@dataclass(frozen=True, slots=True)
class Repair:
    kind: str  #: "hyphen-removed", "hyphen-kept", "page-number", "running-header", "joined", …
    line: int
    detail: str


@dataclass
class Block:
    """Consecutive non-blank lines; ``gap`` blank lines stood before it."""

    start: int
    lines: list[str]
    gap: int
    line_numbers: list[int] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.lines[0].strip() if self.lines else ""

    @property
    def last(self) -> str:
        return self.lines[-1].strip() if self.lines else ""

    def part(self, start: int, stop: int) -> Block:
        """Lines ``start`` to ``stop`` as a block of their own (the gap stays with the first)."""
        return Block(
            self.line_numbers[start],
            self.lines[start:stop],
            self.gap if start == 0 else 0,
            self.line_numbers[start:stop],
        )


_PAGE_NUMBER = re.compile(
    r"(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?|(?:[Pp]age|PAGE|[Сс]тр\.?)\s*\d{1,4}(?:\s*(?:of|из)\s*\d{1,4})?"
)
_TERMINAL = re.compile(r"[.?!:;…][\"”’'»)\]]*\Z")
_HYPHEN_END = re.compile(r"(?<![^\W\d_])(?P<w>[^\W\d_]+)[-‐]\Z")
_WORD_START = re.compile(r"(?P<w>[^\W\d_]+)")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_SOFT = "\u00ad"
_LABEL_ALONE = re.compile(
    r"(?:Cdes?\.\s+|Comrade\s+|Тов\.\s+|т\.\s+)?[A-ZА-ЯЁ][\w’'.-]*(?:\s+[A-ZА-ЯЁ][\w’'.-]*){0,3}:"
)
_BRACKET_THEN_LOWER = re.compile(r"\[[^\]]{1,80}\]\s*[a-zа-яё]")
_DATE_ONLY = re.compile(
    r"[“\"]?\d{1,2}[”\"]?\s+[A-ZА-Я][a-zа-яё]+\.?,?\s+\d{4}(?:\s*(?:г\.|года))?"
)
_FUNCTION_WORDS = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or",
    "but", "that", "which", "who", "as", "than", "into", "onto", "upon", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "not", "its", "their", "his", "her", "our",
    "this", "these", "those", "between", "about", "under", "over", "through", "during",
}  # fmt: skip


def split_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    current: Block | None = None
    for i, raw in enumerate(text.replace("\f", "\n\n").split("\n"), start=1):
        line = raw.replace("\t", " ").rstrip()
        if not line.strip():
            if current is not None:
                blocks.append(current)
                current = None
            gap += 1
            continue
        if current is None:
            current = Block(start=i, lines=[], gap=gap)
            gap = 0
        current.lines.append(line)
        current.line_numbers.append(i)
    if current is not None:
        blocks.append(current)
    return blocks


def is_page_number(line: str) -> bool:
    return _PAGE_NUMBER.fullmatch(line.strip()) is not None


def remove_furniture(blocks: list[Block], keep: set[int], repairs: list[Repair]) -> list[Block]:
    """Drop page numbers standing alone and running headers (blocks whose index is not kept)."""
    counts = Counter(b.first for b in blocks if len(b.lines) == 1 and len(b.first) <= 80)
    out: list[Block] = []
    carry = 0
    for index, b in enumerate(blocks):
        single = len(b.lines) == 1
        if single and index not in keep and is_page_number(b.first):
            repairs.append(Repair("page-number", b.start, b.first))
            carry += b.gap + 1
            continue
        if (
            single
            and counts[b.first] >= 3
            and not b.first[:1].isdigit()
            and index not in keep
            and _header_like(b.first)
        ):
            repairs.append(Repair("running-header", b.start, b.first))
            carry += b.gap + 1
            continue
        if carry:
            b.gap += carry
            carry = 0
        out.append(b)
    return out


def _header_like(line: str) -> bool:
    """Could a line repeated three times be a running head ("Masterpieces of History")? Not
    a speaker's short turn ("Gorbachev: Yes.") nor a sentence."""
    if _SPEAKER.match(line):
        return False
    return not (ends_sentence(line) and len(line.split()) >= 2)


#: a rule ("=====", "———"): layout, not text
RULE = re.compile(r"\s*(?:[=_\-–—*·~#•]\s*){4,}")
_BRACKETED_END = re.compile(r"[.?!”\"')]\]\Z")
_INITIAL_END = re.compile(r"(?:^|[\s(])[A-ZА-ЯЁ]\.\Z")


def is_classification(text: str) -> bool:
    """A security mark or handling line above a text: "Top Secret", "Особая папка"."""
    return bool(
        re.match(
            r"(?:Top\s+secret|TOP\s+SECRET|Secret|SECRET|Confidential|Strictly confidential|"
            r"Совершенно секретно|Сов(?:\[ершенно\])?\.?\s*секретно|Секретно|Особая папка|"
            r"Copy No|Экз\.|Making copies|Особой важности|For Comrade|Лично)(?=\W|$)",
            text,
            re.I,
        )
    )


def ends_sentence(text: str) -> bool:
    """Does a line end a sentence? Not where it ends with an initial ("Academician A.")."""
    t = text.rstrip()
    return _TERMINAL.search(t) is not None and not _INITIAL_END.search(t)


def continues(prev: Block, nxt: Block, numbered: bool = False) -> bool:
    """Is ``nxt`` the continuation of ``prev`` across a blank run (layout, not a paragraph)?

    Yes when ``prev`` does not end a sentence and ``nxt`` starts in lower case; or ``nxt`` starts
    with a letter and ``prev`` ends with a hyphen, a comma or a word like "in"/"the", or is the
    one-line start of a numbered section (seed 000: ``8.  … General Assembly in`` / ``New York``).
    """
    last = prev.last
    first = nxt.first
    if not last or not first:
        return False
    if len(prev.lines) == 1 and _LABEL_ALONE.fullmatch(last) and not _LIST_ITEM.match(first):
        return True  # a speaker's name alone above the turn: "Cde. Khrushchev:" / "Taking …"
    mark = len(prev.lines) == 1 and len(last) <= 40 and is_classification(last)
    if ends_sentence(last) or mark:  # "Top Secret" / "of the Secretariat …": no continuation
        return False
    if _BRACKET_THEN_LOWER.match(first):
        return True  # "… and MVD" / "[Ministry of Internal Affairs] buildings were occupied."
    if len(prev.lines) == 1 and _DATE_ONLY.fullmatch(last):
        return False  # a date line: "1 November 1962" / "At the outset …"
    c = first[0]
    if c.islower():
        return True
    if not (c.isalpha() or c in "“\"‘'«(") or first.startswith(("Source", "[Source")):
        return False
    if _HYPHEN_END.search(last) or last.endswith(","):
        return True
    tail = last.rsplit(None, 1)[-1]
    if tail in _FUNCTION_WORDS:
        return True
    return numbered and len(prev.lines) == 1


class Vocabulary:
    """The words of one document, to decide line-end hyphens."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: set[str] | None = None
        self._hyphenated: set[str] = set()

    @property
    def words(self) -> set[str]:
        if self._words is None:
            self._load()
        assert self._words is not None
        return self._words

    @property
    def hyphenated(self) -> set[str]:
        if self._words is None:
            self._load()
        return self._hyphenated

    def _load(self) -> None:
        tokens = {t.lower().replace("‐", "-") for t in _TOKEN.findall(self.text)}
        self._hyphenated = {t for t in tokens if "-" in t}
        words = {t for t in tokens if "-" not in t}
        for t in self._hyphenated:
            words.update(t.split("-"))
        self._words = words

    def join_hyphen(self, left: str, right: str) -> bool:
        """Remove the hyphen of ``left-`` + ``right``? Only where ``left+right`` is a word."""
        if not right[:1].islower():
            return False  # anti-Soviet, One-Sidedness: a capital after the hyphen is a compound
        joined = (left + right).lower()
        if f"{left}-{right}".lower() in self.hyphenated:
            return False
        if joined in self.words:
            return True
        return is_word(joined)


def join_lines(
    lines: list[str], numbers: list[int], vocab: Vocabulary, repairs: list[Repair]
) -> str:
    """One paragraph's lines as one line of text, hyphenation undone where it is hyphenation."""
    pieces: list[str] = []
    prev = ""
    for k, raw in enumerate(lines):
        line = " ".join(raw.split())
        if not pieces:
            pieces.append(line)
            prev = line
            continue
        if prev.endswith(_SOFT):
            pieces[-1] = pieces[-1][:-1]
            pieces.append(line)
            repairs.append(Repair("hyphen-removed", numbers[k - 1], "soft hyphen"))
        else:
            m = _HYPHEN_END.search(prev[-80:]) if prev.endswith(("-", "‐")) else None
            w = _WORD_START.match(line) if m else None
            if m and w:
                left, right = m.group("w"), w.group("w")
                if vocab.join_hyphen(left, right):
                    pieces[-1] = pieces[-1][:-1]
                    repairs.append(Repair("hyphen-removed", numbers[k - 1], f"{left}-{right}"))
                else:
                    repairs.append(Repair("hyphen-kept", numbers[k - 1], f"{left}-{right}"))
                pieces.append(line)
            else:
                pieces.append(" ")
                pieces.append(line)
        prev = line
    return "".join(pieces)


_SPEAKER = re.compile(
    r"(?:\[[^\]]{1,30}\]\s*)?(?:Cdes?\.\s+|Comrade\s+|Тов\.\s+|т\.\s+)?"
    r"[A-ZА-ЯЁ][\w’'.-]*(?:\s+[A-ZА-ЯЁ][\w’'.-]*){0,3}\s*(?::|\.\s|—|--)\s*\S"
)
_LIST_ITEM = re.compile(r"(?:\d{1,3}[.)]|[a-zа-я][.)]|[•·*–—-])\s+\S")


def _width(blocks: list[Block]) -> int:
    """The text's line width: long lines (above ~130 characters) mean it is not hard-wrapped."""
    lengths = sorted(len(line.strip()) for b in blocks for line in b.lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]


def _hard_wrapped(b: Block) -> bool:
    """Are a block's lines a hard wrap: all but the last about as long as the longest?"""
    lengths = [len(x.strip()) for x in b.lines]
    if len(lengths) < 2:
        return False
    longest = max(lengths)
    return longest <= 130 and all(n >= 0.8 * longest for n in lengths[:-1])


def split_paragraph_lines(
    blocks: list[Block], forced: Mapping[int, object], starts: set[int]
) -> list[Block]:
    """Blocks whose lines are paragraphs of their own, split into one block a line.

    A text copied from a web page has one paragraph a line, with or without blank lines
    between; a hard-wrapped text (a PDF's, a typescript's) has several lines a paragraph. In
    the first, every line is a paragraph unless it visibly continues (a line-end hyphen, a
    lower-case start after no full stop). In the second, a line is a paragraph's end when it
    ends a sentence well short of the width, when a speaker's turn or a list item follows, or
    when a block is a column of short lines (an address, a header). A line whose role is
    already decided (``forced``) is cut from lines of another role, and each of ``starts``
    begins a paragraph.
    """
    width = _width(blocks)
    web = width > 130
    # blank lines already separate the paragraphs: a sentence ending a line inside a block is
    # not a paragraph's end (PDF text with blank lines between paragraphs, seed 000). Counted
    # by lines: a text of one long block under a blank-separated title and tag is not.
    sizes = sorted(len(b.lines) for b in blocks for _ in b.lines)
    blank_separated = len(blocks) >= 3 and bool(sizes) and sizes[len(sizes) // 2] <= 12
    out: list[Block] = []
    for b in blocks:
        if len(b.lines) == 1 and len(b.lines[0]) > 600 and b.start not in forced:
            out.extend(_split_flattened(b))
            continue
        if len(b.lines) < 2:
            out.append(b)
            continue
        block_web, block_width = web, width
        if web and _hard_wrapped(b):
            # a hard-wrapped block on a page of long lines: an editors' introduction from a
            # PDF above the document's text copied from the web
            block_web, block_width = False, max(len(x.strip()) for x in b.lines)
        short_column = (
            not block_web
            and len(b.lines) >= 3
            and all(len(x.strip()) < 0.6 * block_width for x in b.lines)
        )
        lone = _lone_first_words(b)
        if lone is not None:
            cuts = sorted(
                set(lone) | {i for i in range(1, len(b.lines)) if b.line_numbers[i] in starts}
            )
        else:
            cuts = [
                i
                for i in range(1, len(b.lines))
                if b.line_numbers[i] in starts
                or forced.get(b.line_numbers[i]) != forced.get(b.line_numbers[i - 1])
                or (
                    b.line_numbers[i] not in forced
                    and _cut(
                        b.lines[i - 1].strip(),
                        b.lines[i].strip(),
                        block_web,
                        block_width,
                        short_column,
                        blank_separated,
                    )
                )
            ]
        if not cuts:
            out.append(b)
            continue
        start = 0
        for i in [*cuts, len(b.lines)]:
            out.append(b.part(start, i))
            start = i
    return out


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: where a text flattened onto one line (a PDF's, a chapter preview's) starts a speaker's turn
#: or a diary entry: after the end of a sentence
_TURN_START = re.compile(
    r"(?<=[.!?…”\"»)\]])\s+(?=(?P<label>[A-ZА-ЯЁ][\w’'-]+(?:\s+[A-ZА-ЯЁ][\w’'.-]+){0,2}):\s)"
)
_ENTRY_START = re.compile(rf"\s+(?=(?:{_MONTHS})\s+\d{{1,2}},\s+\d{{4}}\.\s+[A-Z])")


def _lone_first_words(b: Block) -> list[int] | None:
    """A rendering that puts each paragraph's first word alone on a line ("A" / "letter from
    the ECCI …", "Top" / "secret", "28" / "August 1936", "1." / "It is essential …"): where its
    paragraphs begin, or None if the block is not set that way."""
    lines = [x.strip() for x in b.lines]
    short = [i for i in range(len(lines) - 1) if len(lines[i].split()) <= 2 and len(lines[i]) <= 15]
    if len(short) < 4 or len(short) < 0.1 * len(lines):
        return None
    open_ended = [i for i in short if not ends_sentence(lines[i])]
    if sum(len(lines[i].split()) == 1 for i in open_ended) < 0.75 * len(open_ended):
        return None  # headings and names ("CC CPSU", "D. Sakharov"), not lone first words
    cuts: set[int] = set()
    started = -2  # the line where the last paragraph began with a lone word
    for i in short:
        line = lines[i]
        if ends_sentence(line) and not _LIST_ITEM.match(line + " x") and not line[:-1].isdigit():
            cuts.add(i + 1)  # "Congress.": the last word of a paragraph
        elif i == started + 1:
            continue  # the line after a lone first word goes on with it ("28" / "August 1936")
        elif i:
            cuts.add(i)
            started = i
        else:
            started = i
    return sorted(c for c in cuts if 0 < c < len(lines))


def _split_flattened(b: Block) -> list[Block]:
    """A paragraph-less line of a whole text: split at speakers' turns ("Suslov: …") when
    the same speakers recur, or at a diary's dated entries ("January 2, 1990. …")."""
    line = b.lines[0]
    turns = list(_TURN_START.finditer(line))
    labels = [m.group("label") for m in turns]
    cuts: list[int] = []
    if len(turns) >= 2 and len(set(labels)) < len(labels):
        cuts = [m.end() for m in turns]
    else:
        entries = list(_ENTRY_START.finditer(line))
        if entries:
            cuts = [m.end() for m in entries]
    if not cuts:
        return [b]
    pieces = [line[a:z].strip() for a, z in itertools.pairwise([0, *cuts, len(line)])]
    return [
        Block(b.start, [piece], b.gap if k == 0 else 0, [b.start])
        for k, piece in enumerate(pieces)
        if piece
    ]


def _cut(
    prev: str, nxt: str, web: bool, width: int, short_column: bool, blank_separated: bool
) -> bool:
    if not prev or not nxt:
        return False
    if RULE.fullmatch(prev) or RULE.fullmatch(nxt):
        return True
    if prev.endswith(("-", "‐", _SOFT)) and nxt[:1].islower():
        return False  # a word hyphenated across the lines
    continuing = nxt[:1].islower() and not ends_sentence(prev)
    if web:
        return not continuing
    if short_column and not continuing:
        return True
    if ends_sentence(prev) and (_SPEAKER.match(nxt) or _LIST_ITEM.match(nxt)):
        return True
    if _BRACKETED_END.search(prev) and (nxt[:1].isupper() or nxt[:1].isdigit()):
        return True  # an editor's bracketed note ends: "… except for “Copy no.”]" / "18.12.89"
    if blank_separated:
        return False
    if (
        len(prev) < 0.5 * width
        and (nxt[:1].isupper() or nxt[:1] in '“"«[')
        and not (
            prev.endswith((",", "-", "‐")) or prev.rsplit(None, 1)[-1].lower() in _FUNCTION_WORDS
        )
    ):
        return True  # a heading, an address or a signature line above the text
    # a sentence's end where the next line's first word would have fitted: a deliberate break
    first_word = nxt.split()[0]
    return (
        ends_sentence(prev)
        and len(prev) + 1 + len(first_word) < width
        and (nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in '“"«([')
    )
