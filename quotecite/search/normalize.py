"""Text folding shared by the index, the query parser and the quotation matcher.

Two texts that a historian would call "the same words" must fold to the same tokens:

* case and accents: ``Perestroïka`` = ``perestroika`` (NFKD, combining marks dropped, casefold);
* quote marks and apostrophes: ``Chernyaev’s`` = ``Chernyaev's`` = ``Chernyaevs`` (apostrophes
  inside a word are dropped; every other quote mark is punctuation);
* hyphenation: ``ideological-political`` = ``ideological political``, and a word broken at a line
  end (``ideo- logical``) is joined again;
* ellipses (``…``, ``...``, ``. . .``) mark omitted words and split a quotation into segments;
* bracketed insertions (``[the USSR]``) are editorial: dropped from a quotation, kept as words in
  the source (where ``[us]`` stands for words the translator supplied).

The SQLite FTS5 ``unicode61`` tokenizer (with ``remove_diacritics 2``) folds case and accents in
the same way and treats every quote mark as a separator; :func:`fts_words` mirrors it for queries.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# letters and digits, with apostrophes allowed inside a word (Chernyaev’s, don't)
_APOSTROPHES = "'’ʼ‘`´"
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_FTS_WORD = re.compile(r"[^\W_]+")
_APOS_RE = re.compile(f"[{_APOSTROPHES}]")
_ELLIPSIS = re.compile(r"…|\.(?:\s*\.){2,}")
_BRACKETED = re.compile(r"\[[^\[\]]{0,200}\]")
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])[-\u2010\u2011]\s+(?=[^\W\d_])")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00]")


def fold(word: str) -> str:
    """Case- and accent-folded form of one word: ``Perestroïka`` → ``perestroika``."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def clean(text: str) -> str:
    """NFC text without soft hyphens, zero-width characters and NUL, line-broken words joined."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    return _BROKEN_WORD.sub("", text)


def fts_words(text: str) -> list[str]:
    """The words of ``text`` as FTS5's unicode61 tokenizer sees them, folded."""
    return [fold(w) for w in _FTS_WORD.findall(_INVISIBLE.sub(" ", text))]


class Token(NamedTuple):
    """A word of a text: ``norm`` is what is compared, ``text`` what is shown."""

    norm: str
    text: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    """Words of ``text`` (already :func:`clean`) with their folded forms and offsets."""
    out: list[Token] = []
    for m in _WORD.finditer(text):
        surface = m.group()
        out.append(Token(fold(_APOS_RE.sub("", surface)), surface, m.start(), m.end()))
    return out


def source_tokens(text: str) -> list[Token]:
    """Tokens of corpus text: brackets are dropped, the words inside them kept."""
    return tokens(clean(text))


def quotation_segments(text: str) -> list[list[Token]]:
    """A quotation's tokens, split where an ellipsis marks omitted words.

    Bracketed insertions (``[the USSR]``) are the quoter's words, not the source's: dropped.
    Empty segments (an ellipsis at the start or end) are left out.
    """
    text = clean(text)
    text = _BRACKETED.sub(lambda m: " " * len(m.group()), text)
    cuts = [m.start() for m in _ELLIPSIS.finditer(text)]
    segments: list[list[Token]] = [[] for _ in range(len(cuts) + 1)]
    k = 0
    for t in tokens(text):
        while k < len(cuts) and t.start >= cuts[k]:
            k += 1
        segments[k].append(t)
    return [s for s in segments if s]
