"""Text-level helpers of the engine: title case, quote sentinels, sort-key collation.

Quotation marks are the one place where finished output is post-processed: while rendering,
every quotation mark (from ``quotes="true"`` and from quotation marks in the data) is a
private-use sentinel; :func:`finish_quotes` then alternates outer and inner marks by nesting
depth and moves ``.``/``,`` inside closing marks when the locale asks for it. Sentinels cannot
be confused with apostrophes (``Zhizn’``), which is why this is safe where a regex on the
finished string is not.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

OPEN = "\ue000"
CLOSE = "\ue001"
SENTINELS = OPEN + CLOSE

# citeproc-js CSL.SKIP_WORDS (citeproc-js 1.4.61): never capitalised by text-case="title"
# unless first, last or after a colon/question/exclamation mark.
SKIP_WORDS = [
    "about",
    "above",
    "across",
    "afore",
    "after",
    "against",
    "al",
    "along",
    "alongside",
    "amid",
    "amidst",
    "among",
    "amongst",
    "anenst",
    "apropos",
    "apud",
    "around",
    "as",
    "aside",
    "astride",
    "at",
    "athwart",
    "atop",
    "barring",
    "before",
    "behind",
    "below",
    "beneath",
    "beside",
    "besides",
    "between",
    "beyond",
    "but",
    "by",
    "circa",
    "despite",
    "down",
    "during",
    "et",
    "except",
    "for",
    "forenenst",
    "from",
    "given",
    "in",
    "inside",
    "into",
    "lest",
    "like",
    "modulo",
    "near",
    "next",
    "notwithstanding",
    "of",
    "off",
    "on",
    "onto",
    "out",
    "over",
    "per",
    "plus",
    "pro",
    "qua",
    "sans",
    "since",
    "than",
    "through",
    "thru",
    "throughout",
    "thruout",
    "till",
    "to",
    "toward",
    "towards",
    "under",
    "underneath",
    "until",
    "unto",
    "up",
    "upon",
    "versus",
    "vs.",
    "v.",
    "vs",
    "v",
    "via",
    "vis-à-vis",
    "with",
    "within",
    "without",
    "or",
    "yet",
    "so",
    "for",
    "and",
    "nor",
    "a",
    "an",
    "the",
    "de",
    "d'",
    "von",
    "van",
    "c",
    "ca",
    "according to",
    "ahead of",
    "apart from",
    "as for",
    "as of",
    "as per",
    "as regards",
    "aside from",
    "back to",
    "because of",
    "close to",
    "due to",
    "except for",
    "far from",
    "inside of",
    "instead of",
    "near to",
    "next to",
    "on to",
    "out from",
    "out of",
    "outside of",
    "prior to",
    "pursuant to",
    "rather than",
    "regardless of",
    "such as",
    "that of",
    "up to",
    "where as",
]
_SKIP_RE = re.compile(
    r"(?:(?:[?!:]*\s+|-|^)(?:" + "|".join(re.escape(w) for w in SKIP_WORDS) + r")(?=[!?:]*\s+|-|$))"
)
# citeproc-js splits text for case changes at these "tags" (quotes, punctuation, brackets)
_TAG_RE = re.compile(
    "(\u2018|\u2019|\u201c|\u201d| \"| '|\"|'|[-\u2013\u2014/.,;?!:]|\\[|\\]"
    '|\\(|\\)|<span class="no(?:case|decor)">|</span>|</?(?:i|sc|b|sub|sup)>'
    "|[" + SENTINELS + "])"
)
_WORD_SPLIT = re.compile("([\u00a0\u0020\u2000-\u200b\u205f\u3000]+)")
_OPENERS = {
    "\u201c": ("\u201c", "\u201d"),
    "\u2018": ("\u2018", "\u2019"),
    ' "': (" '", '"'),
    " '": (' "', "'"),
    OPEN: (OPEN, CLOSE),
}


def _capitalise(word: str) -> str:
    m = re.match(r"(\s*)(.)(.*)", word, re.S)
    if m and not (re.fullmatch("[\u0370-\u03ff]", m.group(2)) and not m.group(3)):
        return m.group(1) + m.group(2).upper() + m.group(3)
    return word


def title_case_segments(segments: list[tuple[str, bool]]) -> list[str]:
    """citeproc-js's title case over (text, nocase) segments; returns the new texts.

    Ported from ``CSL.Output.Formatters.title``: lower-case words are capitalised unless they
    are stop words (first and last words, and words after ``:?!``, always are); a word that
    already has a capital is kept; the first letter after an unbalanced quotation mark (an
    apostrophe such as ``p’ianstvom``) keeps its original case.
    """
    # one flat alternation string, tag, string … over all segments ("" tags at boundaries)
    tokens: list[list[Any]] = []  # [text, segment index]
    string_at: list[int] = []
    tags: list[str] = []
    nocase: list[bool] = []
    for seg, (text, is_nocase) in enumerate(segments):
        if string_at:
            tags.append("")
            tokens.append(["", seg])
        for i, part in enumerate(_TAG_RE.split(text)):
            if i % 2:
                tags.append(part)
            else:
                string_at.append(len(tokens))
                nocase.append(is_nocase)
            tokens.append([part, seg])
    strings = [tokens[k][0] for k in string_at]
    orig = list(strings)
    state: dict[str, Any] = {"first": True, "after_punct": False, "last": None}
    quotes: list[dict[str, Any]] = []

    def capitalise_words(idx: int, following: str | None) -> None:
        text = strings[idx]
        if not text.strip():
            return
        words = _WORD_SPLIT.split(text)
        real = [j for j in range(0, len(words), 2)]
        for j in real:
            word = words[j]
            if not word:
                continue
            lcase = word.lower()
            # (citeproc-js passes the following tag only for the first string)
            cap = (
                (len(word) > 1 and not _SKIP_RE.search(lcase))
                or (idx == 0 and j == real[-1] and following == "-")
                or state["first"]
                or state["after_punct"]
            )
            if cap and word == lcase:
                words[j] = _capitalise(word)
            state["after_punct"] = False
            state["first"] = False
            state["last"] = (idx, j)
        strings[idx] = "".join(words)

    def restore(pos: int) -> None:
        if orig[pos + 1]:
            strings[pos + 1] = orig[pos + 1][:1] + strings[pos + 1][1:]
        state["last"] = None

    def quote_fix(tag: str, pos: int) -> None:
        m = re.match("^([\u2018\u2019\u201c\u201d\"'" + SENTINELS + "])|( \"| ')$", tag)
        if not m:
            return
        key = m.group(1) or m.group(2)
        if key in _OPENERS:
            if not quotes or key == quotes[-1]["opener"]:
                opener, closer = _OPENERS[key]
                quotes.append({"opener": opener, "closer": closer, "pos": pos})
            else:
                prev = quotes.pop()["pos"]
                opener, closer = _OPENERS[key]
                quotes.append({"opener": opener, "closer": closer, "pos": None})
                if prev is not None:
                    restore(prev)
        elif quotes and key == quotes[-1]["closer"]:
            quotes.pop()
        else:
            restore(pos)

    if strings and strings[0].strip() and not nocase[0]:
        capitalise_words(0, tags[0] if tags else None)
    elif strings and strings[0].strip():
        state["first"] = False
    for i, tag in enumerate(tags):
        if i + 1 >= len(strings):
            break
        if re.search("[!?:]$", tag):
            state["after_punct"] = True
        if not nocase[i + 1]:
            capitalise_words(i + 1, tags[i + 1] if i + 1 < len(tags) else None)
        elif strings[i + 1].strip():
            state["last"] = None
        quote_fix(tag, i)
        if strings[i + 1].strip():
            state["first"] = False
            state["after_punct"] = False
    for q in quotes:
        if q["pos"] is not None:
            restore(q["pos"])
    if state["last"] is not None:
        idx, j = state["last"]
        words = _WORD_SPLIT.split(strings[idx])
        word = words[j]
        if len(word) > 1 and _SKIP_RE.search(word.lower()):
            words[j] = _capitalise(word)
            strings[idx] = "".join(words)
    for k, text in zip(string_at, strings, strict=True):
        tokens[k][0] = text
    out = [""] * len(segments)
    for text, seg in tokens:
        out[seg] += text
    return out


def capitalize_first_segments(segments: list[tuple[str, bool]]) -> list[str]:
    """Capitalise the first word if it has no capitals (skipping leading quotes/punctuation)."""
    out = []
    done = False
    for text, is_nocase in segments:
        if not done and text.strip():
            done = True
            if not is_nocase:
                m = re.match(r"([^\w]*)(\w+)(.*)", text, re.S)
                if m and m.group(2) == m.group(2).lower():
                    text = m.group(1) + _capitalise(m.group(2)) + m.group(3)
        out.append(text)
    return out


# ---------------------------------------------------------------------------------------------
# quotation marks


_QUOTE_MARKS = re.compile("[\"'\u201c\u201d\u2018\u2019]")


def quotes_to_sentinels(text: str) -> str:
    """Turn the quotation marks in a field value into sentinels (same length).

    Curly double quotes always pair; straight double quotes pair in order; a single quote
    pairs only as an opening ‘ (or ' after a space) with a later ’ (or ') that ends a word,
    so apostrophes (``Zhizn’``, ``d’Encausse``) are left alone.
    """
    if not _QUOTE_MARKS.search(text):
        return text
    chars = list(text)
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(chars):
        prev = chars[i - 1] if i else " "
        nxt = chars[i + 1] if i + 1 < len(chars) else " "
        if ch == "\u201c" or (
            ch == '"' and not (stack and stack[-1][0] == '"') and not prev.isalnum()
        ):
            stack.append(('"', i))
        elif ch == "\u201d" or (ch == '"' and stack and stack[-1][0] == '"'):
            while stack and stack[-1][0] != '"':
                stack.pop()
            if stack:
                j = stack.pop()[1]
                chars[j], chars[i] = OPEN, CLOSE
        elif (ch == "\u2018" or ch == "'") and not prev.isalnum():
            stack.append(("'", i))
        elif (ch == "\u2019" or ch == "'") and not nxt.isalnum() and stack and stack[-1][0] == "'":
            j = stack.pop()[1]
            chars[j], chars[i] = OPEN, CLOSE
    return "".join(chars)


# citeproc-js CSL.Output.Queue.adjust: how two punctuation marks merge
_MERGE = {
    "!": {".": "!", "?": "!?", ":": "!", ",": "!,", ";": "!;"},
    "?": {"!": "?!", ".": "?", ":": "?", ",": "?,", ";": "?;"},
    ".": {"!": ".!", "?": ".?", ":": ".:", ",": ".,", ";": ".;"},
    ":": {"!": "!", "?": "?", ".": ":", ",": ":,", ";": ":;"},
    ",": {"!": ",!", "?": ",?", ":": ",:", ".": ",.", ";": ",;"},
    ";": {"!": "!", "?": "?", ":": ";", ",": ";,", ".": ";"},
}
_PIQ = re.compile("([.,;:!?]?)(" + CLOSE + "+)([.,!?])")


def finish_quotes(
    text: str,
    terms: tuple[str, str, str, str],
    punctuation_in_quote: bool,
) -> str:
    """Resolve sentinels into the locale's quotation marks (see the module docstring)."""
    if OPEN not in text and CLOSE not in text:
        return text
    if punctuation_in_quote:

        def move(m: re.Match[str]) -> str:
            before, closes, punct = m.group(1), m.group(2), m.group(3)
            if before == punct:
                merged = before
            elif before:
                merged = _MERGE[before].get(punct, before + punct)
            else:
                merged = punct
            return merged + closes

        text = _PIQ.sub(move, text)
    open_q, close_q, open_inner, close_inner = terms
    out = []
    depth = 0
    for ch in text:
        if ch == OPEN:
            out.append(open_q if depth % 2 == 0 else open_inner)
            depth += 1
        elif ch == CLOSE:
            depth = max(depth - 1, 0)
            out.append(close_q if depth % 2 == 0 else close_inner)
        else:
            out.append(ch)
    return "".join(out)


def strip_sentinels(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


# ---------------------------------------------------------------------------------------------
# sorting: citeproc-js turns spaces in a sort key into "|" (a symbol, which ICU does not
# ignore and orders before digits and letters) and compares keys with
# localeCompare(en-US, {sensitivity: base, ignorePunctuation: true, numeric: true})


_TOKENS = re.compile(r"(\s+)|(\d+)|([^\W\d_]+)")


@functools.lru_cache(maxsize=1 << 16)  # a long bibliography's sort asks for each key twice
def collation_key(text: str) -> tuple[tuple[int, Any], ...]:
    text = unicodedata.normalize("NFKD", strip_sentinels(text).casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    key: list[tuple[int, Any]] = []
    for space, digits, letters in _TOKENS.findall(text.strip()):
        if space:
            key.append((0, ""))
        elif digits:
            key.append((1, int(digits)))
        else:
            if key and key[-1][0] == 2:  # letters split only by ignored punctuation
                key[-1] = (2, key[-1][1] + letters)
            else:
                key.append((2, letters))
    return tuple(key)
