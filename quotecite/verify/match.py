"""Matching a quotation against the corpus, word by word.

A direct scan of the corpus, which is right for a personal corpus of hundreds of documents:
every document is tokenised once into normalised words (case-folded, letters and digits only;
dashes and white space separate words), and each word's positions are indexed. A quotation is
split at its ellipses into segments; for each segment the diagonals of shared words give
candidate places, and a word-level alignment (edit distance in which the source may start and
end anywhere) finds the best one. What the alignment could not match becomes the differences:
changed words, words added, words left out without an ellipsis, and a capital changed without
brackets. Bracketed words in a quotation are the quoting writer's own ("[and]", "[sic]") and
may stand anywhere; a bracketed initial ("[W]e") may differ in case from the source.
"""

from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from math import ceil

from quotecite.model import Document, Role

#: an ellipsis in a quotation: "…", ". . .", "...", or any of those in brackets
ELLIPSIS = re.compile(r"\[\s*(?:…|(?:\.\s?){2}\.)\s*\]|…|(?:\.[\s\u00a0]?){2}\.")
_SPLIT = re.compile(r"[\s\u00a0]+|—|–|-{2,}|/")
_NON_WORD = re.compile(r"[\W_]+")
_BRACKET_CAP = re.compile(r"\[(\w)\]")


@dataclass(slots=True)
class Tok:
    norm: str  #: case-folded letters and digits
    raw: str  #: as written, punctuation included
    bracket_cap: bool = False  #: "[W]e": the initial's case was changed, in brackets
    interp: bool = False  #: inside brackets: the quoting writer's words

    def initial_case(self) -> str:
        for ch in self.raw:
            if ch.isalpha():
                return "upper" if ch.isupper() else "lower"
        return ""


def tokenize(text: str) -> list[Tok]:
    """Words of ``text`` (no ellipsis handling)."""
    out: list[Tok] = []
    depth = 0
    for piece in _SPLIT.split(text):
        if not piece:
            continue
        cap = bool(_BRACKET_CAP.search(piece))
        body = _BRACKET_CAP.sub(r"\1", piece)
        opens, closes = body.count("["), body.count("]")
        interp = depth > 0 or opens > 0
        depth = max(0, depth + opens - closes)
        norm = _NON_WORD.sub("", body.casefold())
        if norm:
            out.append(Tok(norm, piece, cap, interp))
    return out


def quote_segments(text: str) -> list[list[Tok]]:
    """A quotation's words, split at its ellipses."""
    segments = [tokenize(part) for part in ELLIPSIS.split(text)]
    return [s for s in segments if s]


# ---------------------------------------------------------------- the corpus side
@dataclass(frozen=True, slots=True)
class UnitRef:
    paragraph: str  #: number as printed
    address: str  #: "3" or "3.2"
    part: int
    role: Role


@dataclass
class DocIndex:
    doc: Document
    tokens: list[Tok] = field(default_factory=list)
    unit_of: list[int] = field(default_factory=list)
    units: list[UnitRef] = field(default_factory=list)
    positions: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document) -> DocIndex:
        index = cls(doc)
        tokens, unit_of, positions = index.tokens, index.unit_of, index.positions
        seen: dict[str, Tok | None] = {}  # one (never changed) Tok per distinct piece
        for p in doc.paragraphs:
            for k, part in enumerate(p.parts):
                unit = len(index.units)
                index.units.append(UnitRef(p.number, p.part_number(k), k, p.role))
                for piece in _SPLIT.split(part.text):
                    if piece in seen:
                        tok = seen[piece]
                    else:
                        norm = _NON_WORD.sub("", piece.casefold())
                        tok = seen[piece] = Tok(norm, piece) if norm else None
                    if tok is not None:
                        positions.setdefault(tok.norm, []).append(len(tokens))
                        tokens.append(tok)
                        unit_of.append(unit)
        return index

    def unit_range(self, allowed: set[int]) -> tuple[int, int]:
        """Token range spanning the allowed units."""
        idx = [i for i, u in enumerate(self.unit_of) if u in allowed]
        return (idx[0], idx[-1] + 1) if idx else (0, 0)


# ---------------------------------------------------------------- alignment
@dataclass(frozen=True, slots=True)
class Op:
    kind: str  #: "=" same word, "~" changed, "+" only in the quotation, "-" only in the source
    q: Tok | None
    s: int | None  #: source token position


@dataclass
class Alignment:
    cost: int
    ops: list[Op]

    @property
    def matched(self) -> int:
        return sum(1 for op in self.ops if op.kind == "=")

    @property
    def span(self) -> tuple[int, int]:
        pos = [op.s for op in self.ops if op.s is not None and op.kind in "=~"]
        return (min(pos), max(pos) + 1) if pos else (0, 0)


#: alignment scores: a shared word earns more than leaving out up to five source words costs,
#: so "could Stalinism develop" against "could Stalinism as a phenomenon develop" reads as
#: words left out, not as a word added
MATCH, CHANGE, ADD, LEAVE_OUT = 4, -2, -2, -1


def align(q: list[Tok], s: list[Tok], lo: int, hi: int) -> Alignment:
    """Best alignment of all of ``q`` with some stretch of ``s[lo:hi]``."""
    w = hi - lo
    m = len(q)
    prev = [0] * (w + 1)
    back: list[bytearray] = [bytearray(w + 1)]
    for i in range(1, m + 1):
        qt = q[i - 1]
        add = 0 if qt.interp else ADD
        cur = [0] * (w + 1)
        bp = bytearray(w + 1)
        cur[0] = prev[0] + add
        bp[0] = 1
        for j in range(1, w + 1):
            diag = prev[j - 1] + (MATCH if s[lo + j - 1].norm == qt.norm else CHANGE)
            up = prev[j] + add
            left = cur[j - 1] + LEAVE_OUT
            if diag >= up and diag >= left:
                cur[j], bp[j] = diag, 0
            elif up >= left:
                cur[j], bp[j] = up, 1
            else:
                cur[j], bp[j] = left, 2
        back.append(bp)
        prev = cur
    best_j = max(range(w + 1), key=lambda j: (prev[j], -j))
    ops: list[Op] = []
    i, j = m, best_j
    while i > 0:
        move = back[i][j]
        if move == 0 and j > 0:
            qt, st = q[i - 1], lo + j - 1
            ops.append(Op("=" if s[st].norm == qt.norm else "~", qt, st))
            i, j = i - 1, j - 1
        elif move == 1 or j == 0:
            ops.append(Op("+", q[i - 1], None))
            i -= 1
        else:
            ops.append(Op("-", None, lo + j - 1))
            j -= 1
    ops.reverse()
    return Alignment(_cost(ops), ops)


def _cost(ops: list[Op]) -> int:
    """How many words differ: changed, added (not bracketed), left out."""
    return sum(
        1
        for op in ops
        if op.kind in "~-" or (op.kind == "+" and op.q is not None and not op.q.interp)
    )


def _diagonals(seg: list[Tok], index: DocIndex, lo: int, hi: int, limit: int = 3) -> list[int]:
    """Likely start positions of ``seg`` in ``index.tokens[lo:hi]``."""
    votes: Counter[int] = Counter()
    common = 60 if len(seg) > 3 else 10**9
    for i, tok in enumerate(seg):
        positions = index.positions.get(tok.norm, ())
        if len(positions) > common:
            continue
        for p in positions:
            if lo <= p < hi:
                votes[p - i] += 1
    if not votes:
        return []
    smoothed: Counter[int] = Counter()
    for d, n in votes.items():
        for delta in (-2, -1, 0, 1, 2):
            smoothed[d + delta] += n if delta == 0 else n / 2  # type: ignore[assignment]
    # the best-voted diagonals first (ties: the earliest), each more than len(seg) from those
    # taken; a heap, as only the first few of the order are needed
    heap = [(-n, d) for d, n in smoothed.items()]
    heapq.heapify(heap)
    out: list[int] = []
    while heap and len(out) < limit:
        _n, d = heapq.heappop(heap)
        if all(abs(d - o) > len(seg) for o in out):
            out.append(d)
    return out


def shared_run(segments: list[list[Tok]], index: DocIndex) -> int:
    """How many of the quotation's words the document has along one diagonal (a cheap bound on
    how well the quotation can align there), summed over the segments."""
    total = 0
    positions = index.positions
    for seg in segments:
        votes = Counter([p - i for i, tok in enumerate(seg) for p in positions.get(tok.norm, ())])
        total += max(votes.values(), default=0)
    return total


def _pad(seg: list[Tok]) -> int:
    """Source words either side of a diagonal that an alignment of ``seg`` may use."""
    return 5 + len(seg) // 4


def window_bound(seg: list[Tok], index: DocIndex, enough: int | None = None) -> int:
    """At most how many of ``seg``'s words one alignment in ``index`` can match: the most of
    them one stretch as long as ``locate``'s alignment windows has. Cheaper than aligning.
    With ``enough``, the first count of at least that many is returned."""
    enough = len(seg) if enough is None else enough
    width = len(seg) + 2 * _pad(seg)
    times: dict[str, int] = {}
    for t in seg:
        times[t.norm] = times.get(t.norm, 0) + 1
    events = sorted((p, norm) for norm in times for p in index.positions.get(norm, ()))
    inside: dict[str, int] = {}
    covered = best = 0
    j = 0
    for p, norm in events:  # the stretch starting at p
        while j < len(events) and events[j][0] < p + width:
            entering = events[j][1]
            k = inside.get(entering, 0)
            if not k:
                covered += times[entering]
            inside[entering] = k + 1
            j += 1
        if covered >= enough:
            return covered
        best = max(best, covered)
        inside[norm] -= 1
        if not inside[norm]:
            covered -= times[norm]
    return best


@dataclass
class Located:
    """Where a quotation was found and how it differs."""

    index: DocIndex
    ops: list[Op]
    cost: int
    words: int  #: the quotation's own words (bracketed ones not counted)

    @property
    def matched(self) -> int:
        return sum(1 for op in self.ops if op.kind == "=")

    def units(self) -> list[int]:
        seen = [self.index.unit_of[op.s] for op in self.ops if op.s is not None and op.kind in "=~"]
        return list(dict.fromkeys(seen))

    def paragraphs(self) -> list[str]:
        return list(dict.fromkeys(self.index.units[u].paragraph for u in self.units()))

    def addresses(self) -> list[str]:
        return [self.index.units[u].address for u in self.units()]

    def body(self) -> bool:
        return all(self.index.units[u].role is Role.BODY for u in self.units())

    def found(self) -> bool:
        """Enough of the quotation is there to say it comes from here."""
        if self.words <= 3:
            return self.matched >= self.words and self.cost <= 1
        return self.matched >= max(2, ceil(0.6 * self.words))

    def differences(self) -> list[dict[str, str]]:
        return differences(self.ops, self.index.tokens)

    def rank(self) -> tuple[int, int, int, int]:
        """Smaller is better: fewer differences, then fewer case changes, body text first."""
        cases = _case_changes(self.ops, self.index.tokens)
        return (self.cost, cases, -self.matched, 0 if self.body() else 1)


def locate(
    segments: list[list[Tok]], index: DocIndex, allowed: set[int] | None = None
) -> Located | None:
    """The best place for the quotation in one document (within ``allowed`` units if given)."""
    lo, hi = (0, len(index.tokens)) if allowed is None else index.unit_range(allowed)
    if hi <= lo:
        return None
    ops: list[Op] = []
    cost = 0
    floor = lo
    for seg in segments:
        best: Alignment | None = None
        for start in (floor, lo) if floor > lo else (lo,):
            for d in _diagonals(seg, index, start, hi):
                pad = _pad(seg)
                a = align(seg, index.tokens, max(start, d - pad), min(hi, d + len(seg) + pad))
                if best is None or (a.cost, -a.matched) < (best.cost, -best.matched):
                    best = a
            if best is not None and best.matched:
                break
        if best is None or not best.matched:
            ops.extend(Op("+", t, None) for t in seg)
            cost += sum(0 if t.interp else 1 for t in seg)
            continue
        if ops:
            ops.append(Op("…", None, None))
        ops.extend(best.ops)
        cost += best.cost
        floor = best.span[1]
    words = sum(1 for seg in segments for t in seg if not t.interp)
    located = Located(index, ops, cost, words)
    if allowed is not None and not set(located.units()) <= allowed:
        return None
    return located


def _case_changes(ops: list[Op], tokens: list[Tok]) -> int:
    return sum(1 for op in ops if op.kind == "=" and _case_differs(op, tokens))


def _case_differs(op: Op, tokens: list[Tok]) -> bool:
    assert op.q is not None and op.s is not None
    if op.q.bracket_cap:
        return False
    return op.q.initial_case() != tokens[op.s].initial_case()


def _words(toks: list[Tok]) -> str:
    return " ".join(t.raw for t in toks).strip(" “”‘’\"'«»,;:")


def differences(ops: list[Op], tokens: list[Tok]) -> list[dict[str, str]]:
    """Word-by-word differences: changed, added, missing-ellipsis, capitalisation."""
    out: list[dict[str, str]] = []
    hunk: list[Op] = []

    def flush() -> None:
        if not hunk:
            return
        src = [tokens[op.s] for op in hunk if op.s is not None]
        quoted = [op.q for op in hunk if op.q is not None and not (op.kind == "+" and op.q.interp)]
        if not src and not quoted:
            pass
        elif not quoted:
            out.append({"kind": "missing-ellipsis", "source": _words(src), "quoted": ""})
        elif not src:
            out.append({"kind": "added", "source": "", "quoted": _words(quoted)})
        else:
            out.append({"kind": "changed", "source": _words(src), "quoted": _words(quoted)})
        hunk.clear()

    # words the source has before the first or after the last matched word are not omissions
    first = next((i for i, op in enumerate(ops) if op.kind in "=~"), len(ops))
    last = max((i for i, op in enumerate(ops) if op.kind in "=~"), default=-1)
    for i, op in enumerate(ops):
        if op.kind == "…" or (op.kind == "-" and (i < first or i > last)):
            flush()
            continue
        if op.kind == "=":
            flush()
            if _case_differs(op, tokens):
                assert op.q is not None and op.s is not None
                out.append(
                    {
                        "kind": "capitalisation",
                        "source": _words([tokens[op.s]]),
                        "quoted": _words([op.q]),
                    }
                )
            continue
        hunk.append(op)
    flush()
    return out
