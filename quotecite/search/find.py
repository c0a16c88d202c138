"""Where does a remembered quotation come from? FTS5 picks candidates, rapidfuzz scores them.

1. The quotation is folded (case, accents, quote marks, hyphenation; see normalize) and split at
   ellipses; bracketed insertions (``[the USSR]``) are dropped as the quoter's own words.
2. Candidates: the quotation's rarest words and rarest pairs of neighbouring words (as phrases;
   paragraph counts capped at FREQ_CAP, common English words left out) are looked up in the
   index; paragraphs matching more and rarer of them come first (see feature_weights). Words the
   quotation got wrong simply do not occur, so a few changed words do not lose the source.
3. Each candidate (sub-)paragraph is scored 0–100 with rapidfuzz's ``partial_ratio`` of each
   ellipsis segment against the folded paragraph (the best-matching stretch of it), weighted by
   segment length; a paragraph shorter than the quotation is scored down in proportion.
4. For the best candidates the quotation is aligned word by word with the matched stretch
   (Levenshtein opcodes over words) to list what differs: ``changed`` (the quotation has other
   words), ``missing`` (source words the quotation lacks), ``added`` (quotation words the source
   lacks) and ``elided`` (source words an ellipsis stands for).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from quotecite.errors import InputError
from quotecite.search.index import Index, Progress
from quotecite.search.lookup import with_index
from quotecite.search.normalize import Token, fts_words, quotation_segments, source_tokens

CANDIDATES = 40  #: paragraphs FTS5 hands to the fuzzy scorer
RARE_TERMS = 6  #: rarest quotation words ORed to pick candidates
PAIRS = 8  #: rarest pairs of neighbouring words (as phrases) used to pick candidates
FEATURE_ROWS = 500  #: matches read per word or pair
MAX_LOOKUPS = 16  #: words whose frequency is looked up (the longest ones)
FREQ_CAP = 1000  #: frequencies are counted up to this many paragraphs
MAX_WORDS = 400  #: a longer quotation is matched on its first MAX_WORDS words
MIN_SCORE = 50.0  #: candidates scoring less are not shown
SLACK = 3  #: words of context either side of an aligned stretch

STOPWORDS = frozenset(
    {
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
    }
)


class Difference(NamedTuple):
    kind: str  #: changed | missing | added | elided
    quotation: str  #: the quotation's words ("" for missing/elided)
    source: str  #: the source's words ("" for added)

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "quotation": self.quotation, "source": self.source}


class Piece(NamedTuple):
    """A run of the word-by-word comparison: ``kind`` is equal or a Difference kind."""

    kind: str
    quotation: str
    source: str


class Candidate:
    """A candidate source: ``score`` 0–100, ``text`` the whole (sub-)paragraph, ``rank`` orders ties
    (lower first), ``pieces`` the word-by-word comparison (best ones only)."""

    __slots__ = ("date", "doc", "paragraph", "pieces", "rank", "score", "text", "title")

    def __init__(
        self,
        doc: str,
        paragraph: str,
        score: float,
        title: str,
        date: str,
        text: str,
        rank: float = 0.0,
    ) -> None:
        self.doc = doc
        self.paragraph = paragraph
        self.score = score
        self.title = title
        self.date = date
        self.text = text
        self.rank = rank
        self.pieces: list[Piece] = []

    @property
    def citation_ref(self) -> str:
        return f"{self.doc} {self.paragraph}"

    @property
    def differences(self) -> list[Difference]:
        return [Difference(p.kind, p.quotation, p.source) for p in self.pieces if p.kind != "equal"]


def quotation_tokens(quotation: str) -> list[list[Token]]:
    """The quotation's folded words by ellipsis segment, the first MAX_WORDS words only."""
    segments = quotation_segments(quotation)
    out: list[list[Token]] = []
    budget = MAX_WORDS
    for seg in segments:
        if budget <= 0:
            break
        out.append(seg[:budget])
        budget -= len(seg)
    return out


def word_count(index: Index, word: str) -> int:
    """How many paragraphs have ``word`` (an FTS word), counted up to FREQ_CAP."""
    (count,) = index.conn.execute(
        "SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?)",
        (f'"{word}"', FREQ_CAP),
    ).fetchone()
    return int(count)


def features(
    index: Index, segments: list[list[Token]], count: Callable[[str], int] | None = None
) -> list[str]:
    """FTS5 expressions (words, phrases) whose matches are the candidates; [] if none occurs.

    Each content word's frequency is probed with a capped count (``FREQ_CAP`` paragraphs at most,
    so a common word costs no more than a rare one; ``count`` answers instead of the index when
    given, e.g. from a cache). The expression ORs the rarest words with the rarest *pairs of
    neighbouring words* as phrases: a pair of common words is still selective, and a changed word
    spoils only the pairs it is in.
    """
    sequences = [[w for t in seg for w in fts_words(t.text)] for seg in segments]
    words = list(dict.fromkeys(w for seq in sequences for w in seq))
    content = [w for w in words if w not in STOPWORDS and len(w) > 1] or words
    content.sort(key=len, reverse=True)
    freq: dict[str, int] = {}
    for w in content[:MAX_LOOKUPS]:
        freq[w] = count(w) if count is not None else word_count(index, w)
    rare = sorted((w for w in freq if 0 < freq[w] < FREQ_CAP), key=lambda w: (freq[w], w))
    pairs: dict[tuple[str, str], int] = {}
    for seq in sequences:
        for x, y in itertools.pairwise(seq):
            if (x in STOPWORDS and y in STOPWORDS) or freq.get(x) == 0 or freq.get(y) == 0:
                continue
            pairs[(x, y)] = freq.get(x, FREQ_CAP) + freq.get(y, FREQ_CAP)
    best_pairs = sorted(pairs, key=lambda p: (pairs[p], p))[:PAIRS]
    terms = [f'"{w}"' for w in rare[:RARE_TERMS]] + [f'"{x} {y}"' for x, y in best_pairs]
    if not terms:
        terms = [f'"{w}"' for w in freq if freq[w]][:RARE_TERMS]
    return terms


def feature_rows(index: Index, feature: str, limit: int = FEATURE_ROWS) -> list[int]:
    """Rowids of the paragraphs matching ``feature``, the first ``limit`` only."""
    rows = index.conn.execute("SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?", (feature, limit))
    return [int(r) for (r,) in rows]


def feature_weights(
    features: list[str], matches: Callable[[str], tuple[int, Iterable[int]]]
) -> dict[int, float]:
    """What each candidate weighs: ``matches(feature)`` gives how many paragraphs match the
    feature and the candidates they make — the paragraphs themselves, or (for verify) their
    documents, once each.

    Each feature adds 1/number-of-matches to the weight of each of its candidates: the source of
    a quotation matches many features, the rarer ones most. This costs a fraction of BM25
    ranking the union, which must count every phrase's matches in the whole index.
    """
    weight: dict[int, float] = {}
    for feature in features:
        count, keys = matches(feature)
        for key in keys:
            weight[key] = weight.get(key, 0.0) + 1.0 / count
    return weight


def _candidate_rows(index: Index, features: list[str]) -> dict[int, float]:
    """rowid → weight of the best CANDIDATES paragraphs matching the features."""

    def matches(feature: str) -> tuple[int, list[int]]:
        rows = feature_rows(index, feature)
        return len(rows), rows

    weight = feature_weights(features, matches)
    best = sorted(weight, key=lambda r: (-weight[r], r))[:CANDIDATES]
    return {r: weight[r] for r in best}


def _score(seg_strings: list[str], cand: str) -> float:
    from rapidfuzz import fuzz

    total = sum(len(s) for s in seg_strings)
    if not total or not cand:
        return 0.0
    score = 0.0
    for s in seg_strings:
        part = fuzz.partial_ratio(s, cand)
        if len(cand) < len(s):
            part *= len(cand) / len(s)
        score += part * len(s)
    return score / total


def _align(segments: list[list[Token]], text: str) -> list[Piece]:
    """The word-by-word comparison of the quotation with the stretch of ``text`` it matches."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    src = source_tokens(text)
    starts: list[int] = []
    pos = 0
    for t in src:
        starts.append(pos)
        pos += len(t.norm) + 1
    cand = " ".join(t.norm for t in src)
    kinds = {"equal": "equal", "replace": "changed", "delete": "added", "insert": "missing"}
    pieces: list[Piece] = []
    prev_end: int | None = None
    for seg in segments:
        qstr = " ".join(t.norm for t in seg)
        lo, hi = 0, len(src)
        if len(qstr) <= len(cand):
            al = fuzz.partial_ratio_alignment(qstr, cand)
            assert al is not None
            slack = SLACK + len(seg) // 2
            lo = max(0, _token_at(starts, al.dest_start) - slack)
            hi = min(len(src), _token_at(starts, max(al.dest_end - 1, 0)) + 1 + slack)
        window = src[lo:hi]
        qn, wn = [t.norm for t in seg], [t.norm for t in window]
        # (piece, first source index, end source index)
        run: list[tuple[Piece, int, int]] = []
        opcodes = Levenshtein.opcodes(qn, wn)
        ops = [(o.tag, o.src_start, o.src_end, o.dest_start, o.dest_end) for o in opcodes]
        for tag, q0, q1, s0, s1 in _edge_shift(ops, wn):
            qs = " ".join(t.text for t in seg[q0:q1])
            ss = " ".join(t.text for t in window[s0:s1])
            run.append((Piece(kinds[tag], qs, ss), lo + s0, lo + s1))
        # source words at the edges of the window are context, not omissions
        while run and run[0][0].kind == "missing":
            run.pop(0)
        while run and run[-1][0].kind == "missing":
            run.pop()
        if not run:
            continue
        if prev_end is not None and run[0][1] > prev_end:
            elided = " ".join(t.text for t in src[prev_end : run[0][1]])
            pieces.append(Piece("elided", "", elided))
        pieces.extend(p for p, _, _ in run)
        prev_end = max(prev_end or 0, run[-1][2])
    return pieces


Op = tuple[str, int, int, int, int]  # tag, quotation lo/hi, source lo/hi


def _edge_shift(ops: list[Op], src: list[str]) -> list[Op]:
    """Move source-only words to the edges where an equal alignment allows it.

    "the consequences" against "the scale and the consequences" aligns as equal "the", missing
    "scale and the", equal "consequences" just as cheaply as missing "the scale and", equal "the
    consequences"; the second reading leaves the extra words at the edge, where they are context.
    Source-only words already at the edges are dropped.
    """
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    if len(ops) >= 2:
        tag0, q0, q1, s0, s1 = ops[0]
        tag1, _, _, t0, t1 = ops[1]
        k = s1 - s0
        if tag0 == "equal" and tag1 == "insert" and t1 - t0 >= k and src[t1 - k : t1] == src[s0:s1]:
            rest = ops[2:]
            merged: list[Op] = [("insert", q0, q0, s0, t1 - k), ("equal", q0, q1, t1 - k, t1)]
            if rest and rest[0][0] == "equal":
                _, _, r1, _, rs1 = rest[0]
                merged[-1] = ("equal", q0, r1, t1 - k, rs1)
                rest = rest[1:]
            ops = merged + rest
    if len(ops) >= 2:
        tag0, q0, q1, s0, s1 = ops[-1]
        tag1, _, _, t0, t1 = ops[-2]
        k = s1 - s0
        if tag0 == "equal" and tag1 == "insert" and t1 - t0 >= k and src[t0 : t0 + k] == src[s0:s1]:
            head = ops[:-2]
            tail: list[Op] = [("equal", q0, q1, t0, t0 + k), ("insert", q1, q1, t0 + k, s1)]
            if head and head[-1][0] == "equal":
                _, h0, _, hs0, _ = head[-1]
                tail[0] = ("equal", h0, q1, hs0, t0 + k)
                head = head[:-1]
            ops = head + tail
    return [op for op in ops if not (op[0] == "insert" and op in (ops[0], ops[-1]))]


def _token_at(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


def find(
    corpus_path: Path, quotation: str, limit: int = 5, progress: Progress | None = None
) -> list[Candidate]:
    """Candidate sources of ``quotation``, best first, the first ``limit`` with differences."""
    segments = quotation_tokens(quotation)
    if not segments:
        raise InputError("nothing to find: the quotation has no words")
    seg_strings = [" ".join(t.norm for t in seg) for seg in segments]

    def op(index: Index) -> list[Candidate]:
        for _ in range(3):
            found, files = _candidates(index, segments, seg_strings, limit)
            if not index.refresh(files):
                break
        return found

    return with_index(corpus_path, op, progress=progress)


def _candidates(
    index: Index, segments: list[list[Token]], seg_strings: list[str], limit: int
) -> tuple[list[Candidate], list[str]]:
    weights = _candidate_rows(index, features(index, segments))
    if not weights:
        return [], []
    marks = ",".join("?" * len(weights))
    rows = [
        (body, ref, docid, -weights[rowid])
        for rowid, body, ref, docid in index.conn.execute(
            f"SELECT rowid, body, ref, docid FROM fts WHERE rowid IN ({marks})", list(weights)
        )
    ]
    docs = index.docs_by_id(sorted({int(r[2]) for r in rows}))
    scored: list[Candidate] = []
    for body, ref, docid, rank in rows:
        d = docs.get(int(docid))
        if d is None or d.id is None:
            continue
        cand = " ".join(t.norm for t in source_tokens(body))
        scored.append(
            Candidate(
                doc=d.id,
                paragraph=str(ref),
                score=round(_score(seg_strings, cand), 1),
                title=d.title,
                date=d.date_display,
                text=str(body),
                rank=float(rank),
            )
        )
    scored = [c for c in scored if c.score >= MIN_SCORE]
    # ties: more candidate features first, then the shorter (more specific) paragraph
    scored.sort(key=lambda c: (-c.score, c.rank, len(c.text)))
    best = scored[:limit]
    for c in best:
        c.pieces = _align(segments, c.text)
    file_of = {d.id: d.file for d in docs.values()}
    return best, [file_of[c.doc] for c in best if c.doc in file_of]
