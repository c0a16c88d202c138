"""The English word list that decides whether a line-end hyphen is hyphenation.

It comes from pyspellchecker's English frequency list (loaded once, on first use, only when a
document has a line-end hyphen to decide).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (pyspellchecker's dictionary)."""
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=1)
    return frozenset(checker.word_frequency.dictionary.keys())


def is_word(word: str) -> bool:
    return word.lower() in english_words()
