"""Which documents a quotation is aligned with: chosen with the search index, or by a scan.

**The scan** (the reference, and the fallback) scores every document with ``shared_run`` (how
many of the quotation's words lie along one diagonal) and takes the CANDIDATES best (ties: corpus
order); ``Checker`` aligns the quotation with each and keeps the best match (the first of equally
good ones). Every document is read and tokenised: the cost grows with the corpus.

**The index path** scores far fewer documents, chosen with the search index (quotecite.search:
SQLite FTS5 in the cache directory, brought up to date first):

1. *Bounds.* For every word of the quotation the index can answer for exactly (ASCII letters and
   digits FTS5 reads as one word) and that fewer than FREQ_CAP paragraphs have, the index gives
   the documents that have it. A document's *bound* is the number of the quotation's words it may
   have: those it has, plus every word the index cannot answer for or that is that common. No
   score and no alignment in the document can exceed its bound.
2. *Weights*, from ``find``'s features (quotecite.search.find: the quotation's rarest words and
   rarest pairs of neighbouring words) and each ellipsis segment's first PHRASE_WORDS words as a
   phrase: every feature fewer than FREQ_CAP paragraphs match adds 1/matches to the weight of each
   document it matches (``feature_weights``). A feature with more matches is left out, as they
   could not all be read.
3. Documents are scored in order of weight, then bound, then corpus order. Scoring stops when it
   is *proved* that the scan would come to the same match (or to none) — each unscored document's
   best possible rank in the scan's order is its bound, then its place in corpus order:

   * ``outranked``: the CANDIDATES best scored documents rank above every unscored one: they are
     the scan's candidates;
   * ``unfindable``: every unscored bound is below the fewest words a found match has (60% of the
     quotation's words; all of them up to three words), and the best match so far (if any) ranks
     above every unscored document;
   * ``unbeatable``: the best match so far ranks above every unscored document, and every unscored
     document lacks more of the quotation's words than the match differs in: none can match
     better, or as well;
   * ``all``: no unscored document can score enough to be a candidate at all.

   Or it stops without proof, taking the best of the documents scored:

   * ``gap``: the next documents weigh less than WEIGHT_GAP of the best match's document — they
     share far fewer of the quotation's rare words and word pairs;
   * ``limit``: after MAX_SCORED documents (many documents may hold the quotation as well: near
     copies, a quotation mostly of common words).

   Only these two can give another result than the scan: a better match, or an equally good one
   earlier in corpus order, in a document that shares less of the quotation's rare words and word
   pairs than MAX_SCORED others (``limit``), or than half as much as the best match's (``gap``).

**The scan instead.** A quotation none of whose features has fewer than FREQ_CAP matches (all of
its words and word pairs are that common, or none is in the index) gives the index nothing to go
on: it is checked by the scan. So is every quotation when the index cannot be opened, written or
brought up to date (a read-only cache directory, a damaged index that cannot be rebuilt) or a
query fails: slower, never an error.

**What the bounds assume.** The index reads words as FTS5 does; ``verify`` compares letters and
digits only. The two disagree where the corpus writes a word with inner punctuation or a
compatibility character and the quotation without (``co-operation`` quoted as ``cooperation``,
an ``ﬁ`` ligature): the index then says the document lacks the word, its bound is one too low,
and a proof may be wrong there. A corpus of more than the index's FULL_SCAN_LIMIT files is
checked for changes as ``search`` checks it (an edit in place is noticed by ``quotecite index``).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Iterator
from math import ceil
from typing import TYPE_CHECKING, NamedTuple

from quotecite.search.find import (
    FREQ_CAP,
    feature_rows,
    feature_weights,
    features,
    quotation_tokens,
    word_count,
)
from quotecite.search.normalize import fts_words
from quotecite.verify.match import Tok

if TYPE_CHECKING:
    from quotecite.search.index import Index

CANDIDATES = 8  #: documents aligned with each quotation (the scan's rule)
MAX_SCORED = 40  #: documents scored per quotation when no proof comes sooner
WEIGHT_GAP = 0.5  #: ... or when the rest weigh less than this share of the heaviest
PHRASE_WORDS = 8  #: a segment's first words looked up as a phrase


def found_threshold(segments: list[list[Tok]]) -> int:
    """The fewest matched words with which ``Located.found()`` can hold."""
    words = sum(1 for seg in segments for t in seg if not t.interp)
    return words if words <= 3 else max(2, ceil(0.6 * words))


def min_score(segments: list[list[Tok]]) -> int:
    """Documents scoring less are not candidates at all (the scan's rule)."""
    return min(sum(1 for seg in segments for t in seg if not t.interp), 2)


class Plan(NamedTuple):
    """What the index says of one quotation: weights and bounds of documents (by corpus order)."""

    weight: dict[int, float]  #: documents matching a complete feature
    bound: dict[int, int]  #: documents having a word the index answers for
    rest: int  #: the bound of every other document


class IndexFinder:
    """The search index of a corpus, read for ``verify``; answers are cached across quotations.

    ``order`` maps each corpus file to its place in corpus order; files not in it are ignored.
    """

    def __init__(self, index: Index, order: dict[str, int]) -> None:
        self.index = index
        rows = index.conn.execute(
            "SELECT first_pid, last_pid, file FROM docs WHERE error IS NULL"
        ).fetchall()
        spans = [(int(a), int(b), order.get(str(f), -1)) for a, b, f in rows if a is not None]
        size = max((last for _first, last, _place in spans), default=0) + 1
        #: rowid → corpus place of its document (-1: none, or a file outside ``order``)
        self._place_at = array("i", [-1]) * size
        for first, last, place in spans:
            if place >= 0:
                self._place_at[first : last + 1] = array("i", [place]) * (last - first + 1)
        #: documents the index does not have (added since, or unreadable when indexed): the
        #: index cannot say which words they lack
        indexed = {order.get(str(f), -1) for _a, _b, f in rows}
        self.unindexed = [place for place in order.values() if place not in indexed]
        self._counts: dict[str, int] = {}
        self._matched: dict[str, tuple[int, list[int]]] = {}

    def close(self) -> None:
        self.index.close()

    # ---------------------------------------------------------------- cached look-ups
    def count(self, word: str) -> int:
        """``find``'s capped paragraph count of the FTS word ``word``, cached."""
        known = self._matched.get(f'"{word}"')
        if known is not None:
            return known[0]
        count = self._counts.get(word)
        if count is None:
            count = self._counts[word] = word_count(self.index, word)
        return count

    def word_docs(self, word: str) -> list[int] | None:
        """The documents having the FTS word ``word``; None if FREQ_CAP paragraphs or more do."""
        if self.count(word) >= FREQ_CAP:
            return None
        return self._matches(f'"{word}"')[1]

    def _matches(self, feature: str) -> tuple[int, list[int]]:
        """How many paragraphs match ``feature`` (up to FREQ_CAP) and their documents; none for
        FREQ_CAP or more (a common feature: not all its matches could be read)."""
        found = self._matched.get(feature)
        if found is None:
            rows = feature_rows(self.index, feature, FREQ_CAP)
            found = (len(rows), self.docs_of(rows) if len(rows) < FREQ_CAP else [])
            self._matched[feature] = found
        return found

    def _weigh(self, feature: str) -> tuple[int, list[int]]:
        count, docs = self._matches(feature)
        return (count, docs) if count < FREQ_CAP else (0, [])

    def docs_of(self, rows: Iterable[int]) -> list[int]:
        """The corpus places of the documents the paragraphs ``rows`` belong to (no repeats)."""
        place_at = self._place_at
        size = len(place_at)
        places = {place_at[r] for r in rows if r < size}
        places.discard(-1)
        return sorted(places)

    # ---------------------------------------------------------------- one quotation
    def plan(self, segments: list[list[Tok]]) -> Plan | None:
        """Weights and bounds for a quotation; None when no feature is complete (too weak)."""
        text = " … ".join(" ".join(t.raw for t in seg) for seg in segments)
        search_segments = quotation_tokens(text)
        terms = features(self.index, search_segments, count=self.count)
        for seg in search_segments:  # the documents that have a segment word for word first
            phrase = [w for t in seg for w in fts_words(t.text)][:PHRASE_WORDS]
            if len(phrase) > 1:
                terms.append('"' + " ".join(phrase) + '"')
        weight = feature_weights(terms, self._weigh)
        if not weight:
            return None
        words = [t.norm if _answerable(t) else None for seg in segments for t in seg]
        rest = 0
        known: dict[str, int] = {}
        for word in words:
            if word is not None and self.word_docs(word) is not None:
                known[word] = known.get(word, 0) + 1
            else:
                rest += 1
        bound: dict[int, int] = {}
        for word, times in known.items():
            for place in self.word_docs(word) or ():
                bound[place] = bound.get(place, rest) + times
        for place in self.unindexed:
            bound[place] = len(words)
        return Plan(weight, bound, rest)


def _answerable(tok: Tok) -> bool:
    """Whether the index can say which documents have this word as verify reads it (see the
    module docstring): ASCII letters and digits that FTS5 reads as one word."""
    return tok.norm.isascii() and fts_words(tok.raw) == [tok.norm]


class Ranking:
    """Scoring a plan's documents in order until the scan's result is settled (module docstring).

    Places number the corpus's documents 0 … size-1 in corpus order. ``need`` is the lowest score
    of a candidate, ``threshold`` the fewest words of a found match, ``words`` the quotation's own
    words (bracketed ones not counted).
    """

    def __init__(self, plan: Plan, size: int, need: int, threshold: int, words: int) -> None:
        self.plan = plan
        self.size = size
        self.need = need
        self.threshold = threshold
        self.words = words
        self.scores: dict[int, int] = {}  #: place → score (-1: unreadable)
        self._ranked: list[tuple[int, int]] = []  #: (-score, place) of candidates, best first
        bound, weight = plan.bound, plan.weight
        pool = [p for p in set(weight) | set(bound) if self.bound(p) >= need]
        pool.sort(key=lambda p: (-weight.get(p, 0.0), -self.bound(p), p))
        self._pool = pool
        self._i_pool = 0
        self._by_bound = sorted(
            (p for p in bound if bound[p] >= need), key=lambda p: (-bound[p], p)
        )
        self._i_bound = 0
        self._i_rest = 0

    def run(
        self,
        score: Callable[[int], int],
        pick: Callable[[list[int]], tuple[int, int] | None],
        limit: int = CANDIDATES,
    ) -> str:
        """Score documents (``score``: place → score, -1 if unreadable) until the result is
        settled; ``pick`` gives the best match among candidates as (place, cost), or None. Returns
        how it was settled (module docstring); ``top(limit)`` are then the candidates."""
        for scored, place in enumerate(self._order(), 1):
            self._record(place, score(place))
            unscored = self._unscored_key()
            if unscored is None:
                return "all"
            top = self.top(limit)
            if len(top) == limit and self.key(top[-1]) < unscored:
                return "outranked"
            best = pick(top)
            settled = best is None or self.key(best[0]) < unscored
            if settled and -unscored[0] < self.threshold:
                return "unfindable"
            if best is not None and settled and -unscored[0] < self.words - best[1]:
                return "unbeatable"
            heaviest = 0.0 if best is None else self.plan.weight.get(best[0], 0.0)
            if self._next_weight() < WEIGHT_GAP * heaviest:
                return "gap"
            if scored >= MAX_SCORED:
                return "limit"
        return "all"

    def bound(self, place: int) -> int:
        return self.plan.bound.get(place, self.plan.rest)

    def top(self, limit: int) -> list[int]:
        """The best ``limit`` scored places, in the scan's order."""
        return [place for _key, place in self._ranked[:limit]]

    def key(self, place: int) -> tuple[int, int]:
        """A scored document's rank in the scan's order: (-score, place)."""
        return (-self.scores[place], place)

    def _order(self) -> Iterator[int]:
        """Places to score: the pool (weight, bound, corpus order), then every other document
        whose bound allows it, in corpus order."""
        while self._i_pool < len(self._pool):
            self._i_pool += 1
            yield self._pool[self._i_pool - 1]
        if self.plan.rest >= self.need:
            pooled = set(self._pool)
            for place in range(self.size):
                if place not in pooled and place not in self.plan.bound:
                    yield place

    def _next_weight(self) -> float:
        """The weight of the next document to score (0 after the pool)."""
        if self._i_pool < len(self._pool):
            return self.plan.weight.get(self._pool[self._i_pool], 0.0)
        return 0.0

    def _record(self, place: int, score: int) -> None:
        self.scores[place] = score
        if score >= self.need:
            bisect.insort(self._ranked, (-score, place))

    def _unscored_key(self) -> tuple[int, int] | None:
        """The best rank (-score, place) an unscored document could have; None if no unscored
        document can score enough to be a candidate."""
        bound = self.plan.bound
        while self._i_bound < len(self._by_bound) and self._by_bound[self._i_bound] in self.scores:
            self._i_bound += 1
        best: tuple[int, int] | None = None
        if self._i_bound < len(self._by_bound):
            place = self._by_bound[self._i_bound]
            best = (-bound[place], place)
        if self.plan.rest >= self.need:
            while self._i_rest < self.size and (
                self._i_rest in bound or self._i_rest in self.scores
            ):
                self._i_rest += 1
            if self._i_rest < self.size:
                rest = (-self.plan.rest, self._i_rest)
                best = rest if best is None else min(best, rest)
        return best


__all__ = [
    "CANDIDATES",
    "MAX_SCORED",
    "IndexFinder",
    "Plan",
    "Ranking",
    "found_threshold",
    "min_score",
]
