"""Finding the quotations in a manuscript, with their lines and the citations attached to them.

Markdown (pandoc's): run-in quotations in “curly”, "straight" or «guillemet» marks (‘single’
ones too, where they pair up and are not apostrophes), ``>`` block quotations; citations are
footnotes ``[^n]`` and pandoc citations ``[@doc, para. 16]`` or ``@doc [para. 16]`` after the
quotation, or a parenthetical "(Gorbachev, par. 16)". Front matter, code, footnote texts, link
targets and HTML tags are not searched. Plain text: the same, with indented paragraphs as block
quotations and ``¹`` superscript note markers. LaTeX: ``\\enquote{…}``, ``\\textquote``,
````…''``, curly quotes, the ``quote``/``quotation``/``displayquote`` environments and
``\\blockquote``; citations in ``\\footnote{…}`` or ``\\cite``-family commands.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from quotecite.verify.cites import (
    Cite,
    Names,
    in_text_cite,
    locator_ref,
    note_cites,
    pandoc_cites,
)


@dataclass(frozen=True, slots=True)
class Found:
    """A quotation as it stands in the manuscript."""

    text: str  #: the quoted words, markup and note markers removed
    line: int  #: 1-based line of the opening mark
    block: bool = False
    cites: tuple[Cite, ...] = ()
    raw: str = field(default="", compare=False)  #: the quotation as written


class Lines:
    """Offsets → 1-based line numbers."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _blank(text: str, a: int, b: int) -> str:
    """``text`` with ``a:b`` replaced by spaces (newlines kept, so offsets and lines stay)."""
    return text[:a] + re.sub(r"[^\n]", " ", text[a:b]) + text[b:]


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


# ================================================================ inline quotation marks
_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"', "‘": "’"}
_OPENERS = re.compile(r"[“«„\"‘]")
_BEFORE_OPENING = set(" \t\n([{—–-/*_")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def inline_quotes(text: str, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """``(open, content_start, close)`` of top-level run-in quotations in ``text[lo:hi]``.

    A quotation does not run over a blank line; quotation marks inside one belong to it.
    """
    out: list[tuple[int, int, int]] = []
    pos = lo
    while True:
        m = _OPENERS.search(text, pos, hi)
        if not m:
            return out
        ch, start = m.group(), m.start()
        prev = text[start - 1] if start > lo else " "
        if ch in "\"‘" and prev not in _BEFORE_OPENING:
            pos = start + 1
            continue
        close = _find_close(text, start, hi, ch)
        if close is None:
            pos = start + 1
            continue
        if text[start + 1 : close].strip():
            out.append((start, start + 1, close))
        pos = close + 1


def _find_close(text: str, start: int, hi: int, opener: str) -> int | None:
    closers = _PAIRS[opener]
    depth = 0
    i = start + 1
    while i < hi:
        ch = text[i]
        if ch == "\n" and _BLANK_LINE.match(text, i):
            return None
        if opener == '"':
            if ch == '"':
                return i
        elif opener == "‘":
            if ch == "’" and not (i + 1 < hi and text[i + 1].isalnum()):
                return i
        elif ch == opener and opener != "„":
            depth += 1
        elif ch in closers:
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return None


# ================================================================ Markdown / plain text
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]?(.*)$")
_SUP_DEF = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)[ \t]+(.*)$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_BLOCK = re.compile(r"^ {0,3}>[ \t]?")
_INDENTED = re.compile(r"^(?: {4}|\t)\S")
_MD_NOISE = re.compile(
    r"`[^`\n]*`|\^\[[^\]]*\]|<!--.*?-->|<[A-Za-z/][^>\n]*>|\]\([^)\n]*\)|\{[#.][^}\n]*\}", re.S
)
_MARKER = re.compile(r"\[\^([^\]\s]+)\]|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_PANDOC_GROUP = re.compile(r"\[[^\[\]\n]*?-?@[\w{][^\[\]]*\]")
_PANDOC_INTEXT = re.compile(r"(?<![\w@])@([\w][\w:.#$%&\-+?<>~/]*[\w])(?:\s*\[([^\]\n]*)\])?")
_PAREN = re.compile(r"\([^()\n]{1,80}\)")
_SENTENCE_END = re.compile(r"[.?!][”’\"»)]*(?:\[\^[^\]]+\])?\s+(?=[A-Z“\"«‘(\[])")
_AFTER = re.compile(r"[ \t]*[,.;:!?]*[ \t]*")


@dataclass
class _Doc:
    text: str
    body: str  #: text with everything that is not running prose blanked out
    notes: dict[str, str]
    blocks: list[tuple[int, int, list[tuple[int, int]]]]  #: (start, end, [line spans])


def _split_markdown(text: str, plain: bool) -> _Doc:
    lines = text.split("\n")
    offsets: list[int] = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    body = text
    notes: dict[str, str] = {}
    blocks: list[tuple[int, int, list[tuple[int, int]]]] = []
    i = 0
    if not plain and lines and lines[0].strip() == "---":
        for j in range(1, len(lines)):
            if lines[j].strip() in ("---", "..."):
                body = _blank(body, 0, offsets[j] + len(lines[j]))
                i = j + 1
                break
    in_fence = False
    while i < len(lines):
        ln = lines[i]
        start = offsets[i]
        if _FENCE.match(ln) and not plain:
            in_fence = not in_fence
            body = _blank(body, start, start + len(ln))
            i += 1
            continue
        if in_fence:
            body = _blank(body, start, start + len(ln))
            i += 1
            continue
        note = _FOOTNOTE_DEF.match(ln) or (_SUP_DEF.match(ln) if plain else None)
        if note:
            label, first = note.group(1), note.group(2)
            parts = [first]
            j = i + 1
            while j < len(lines):
                nxt = lines[j]
                if not nxt.strip():
                    if j + 1 < len(lines) and _INDENTED.match(lines[j + 1]):
                        j += 1
                        continue
                    break
                if _FOOTNOTE_DEF.match(nxt) or (plain and _SUP_DEF.match(nxt)):
                    break
                parts.append(nxt.strip())
                j += 1
            notes[label] = " ".join(p for p in parts if p)
            end = offsets[j - 1] + len(lines[j - 1])
            body = _blank(body, start, end)
            i = j
            continue
        is_block = bool(_BLOCK.match(ln)) or (plain and bool(_INDENTED.match(ln)))
        if is_block:
            j = i
            spans: list[tuple[int, int]] = []
            while j < len(lines):
                cur = lines[j]
                m = _BLOCK.match(cur)
                if m:
                    spans.append((offsets[j] + m.end(), offsets[j] + len(cur)))
                elif plain and (_INDENTED.match(cur) or (not cur.strip() and _cont(lines, j))):
                    spans.append((offsets[j] + len(cur) - len(cur.lstrip()), offsets[j] + len(cur)))
                else:
                    break
                j += 1
            end = offsets[j - 1] + len(lines[j - 1])
            blocks.append((start, end, spans))
            body = _blank(body, start, end)
            i = j
            continue
        i += 1
    body = _mask(body, _MD_NOISE)
    return _Doc(text, body, notes, blocks)


def _cont(lines: list[str], j: int) -> bool:
    return j + 1 < len(lines) and bool(_INDENTED.match(lines[j + 1]))


class _NoteCites:
    """Footnote label → citations, resolving "Ibid." in the order the notes are referred to."""

    def __init__(self, notes: dict[str, str], names: Names) -> None:
        self.notes = notes
        self.names = names
        self.cache: dict[str, tuple[Cite, ...]] = {}
        self.last: Cite | None = None

    def __call__(self, label: str) -> tuple[Cite, ...]:
        if label not in self.cache:
            text = self.notes.get(label)
            cites = tuple(note_cites(text, self.names, self.last)) if text else ()
            self.cache[label] = cites
        cites = self.cache[label]
        if cites and cites[0].doc:
            self.last = cites[0]
        return cites


def _cites_in(fragment: str, notes: Callable[[str], tuple[Cite, ...]]) -> list[Cite]:
    """Citations in a piece of Markdown text: footnote markers and pandoc citations."""
    out: list[Cite] = []
    for m in re.finditer(rf"{_MARKER.pattern}|{_PANDOC_GROUP.pattern}", fragment):
        if m.group().startswith("["):
            if m.group(1):
                out.extend(notes(m.group(1)))
            else:
                out.extend(pandoc_cites(m.group()[1:-1]))
        elif m.group(2):
            out.extend(notes(m.group(2)))
    return out


def _strip_markup(text: str) -> str:
    text = _MARKER.sub("", text)
    text = _PANDOC_GROUP.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!@$^~|<>\"'])", r"\1", text)
    text = re.sub(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1", r"\2", text)
    return " ".join(text.split())


def _following_cites(
    body: str, close: int, para_end: int, notes: Callable[[str], tuple[Cite, ...]]
) -> list[Cite]:
    """The citation after a run-in quotation: a note marker or pandoc citation right after it,
    else the first one before the sentence ends; or a parenthetical locator right after it."""
    pos = _AFTER.match(body, close + 1)
    at = pos.end() if pos else close + 1
    direct = re.compile(
        rf"{_MARKER.pattern}|{_PANDOC_GROUP.pattern}|{_PANDOC_INTEXT.pattern}"
    ).match(body, at)
    if direct:
        return _one(direct.group(), notes)
    paren = _PAREN.match(body, at)
    if paren:
        if "@" in paren.group():
            return pandoc_cites(paren.group()[1:-1])
        cite = in_text_cite(paren.group())
        if cite:
            return [cite]
    # the rest of the sentence: up to a full stop followed by a new sentence, or the paragraph end
    # … but not past the next quotation, which the citation is more likely to belong to
    end = para_end
    stop = _SENTENCE_END.search(body, close + 1, para_end)
    if stop:
        end = stop.end()
    nxt = _OPENERS.search(body, close + 1, end)
    if nxt:
        end = nxt.start()
    tail = body[close + 1 : end]
    cites = _cites_in(tail, notes)
    if not cites:
        for m in _PANDOC_INTEXT.finditer(tail):
            cites.extend(_one(m.group(), notes))
    return cites


def _one(token: str, notes: Callable[[str], tuple[Cite, ...]]) -> list[Cite]:
    if token.startswith("[^"):
        return list(notes(token[2:-1]))
    if token[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹":
        return list(notes(token))
    if token.startswith("["):
        return pandoc_cites(token[1:-1])
    m = _PANDOC_INTEXT.match(token)
    if m:
        return pandoc_cites(f"@{m.group(1)}, {m.group(2) or ''}")
    return []


def extract_markdown(text: str, names: Names, plain: bool = False) -> list[Found]:
    doc = _split_markdown(text, plain)
    lines = Lines(text)
    notes = _NoteCites(doc.notes, names)
    found: list[tuple[int, Found]] = []
    body = doc.body
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", body):
        lo, hi = m.start(), m.end()
        for start, cstart, close in inline_quotes(body, lo, hi):
            raw = body[cstart:close]
            inner = _cites_in(raw, notes)
            cites = inner or _following_cites(body, close, hi, notes)
            found.append(
                (start, Found(_strip_markup(raw), lines.line(start), False, tuple(cites), raw))
            )
    for start, _end, spans in doc.blocks:
        raw = "\n".join(text[a:b] for a, b in spans)
        cites = _cites_in(raw, notes)
        content = raw
        tail = re.search(r"\s*\(([^()\n]{1,80})\)\s*$", content)
        if tail and not cites:
            cite = in_text_cite(tail.group(1)) or (
                pandoc_cites(tail.group(1))[0] if "@" in tail.group(1) else None
            )
            if cite:
                cites = [cite]
                content = content[: tail.start()]
        paras = [_strip_markup(p) for p in re.split(r"\n\s*\n", content)]
        joined = "\n\n".join(p for p in paras if p)
        if joined:
            found.append((start, Found(joined, lines.line(start), True, tuple(cites), raw)))
    found.sort(key=lambda item: item[0])
    return [f for _, f in found]


# ================================================================ LaTeX
_TEX_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_TEX_ENV = re.compile(r"\\begin\{(quote|quotation|displayquote)\}(?:\[[^\]]*\])*")
_TEX_CITE = re.compile(
    r"\\(?:[a-zA-Z]*cite[a-zA-Z]*)\*?\s*(?:\[([^\]]*)\])?\s*(?:\[([^\]]*)\])?\s*\{([^}]*)\}"
)
_TEX_SIMPLE = [
    (re.compile(r"\\(?:ldots|dots|textellipsis)(?:\{\}|\s?)"), "…"),
    (re.compile(r"\.\s*~\s*\.\s*~\s*\."), ". . ."),
    (re.compile(r"\\textquoteleft(?:\{\}|\s?)"), "‘"),
    (re.compile(r"\\textquoteright(?:\{\}|\s?)"), "’"),
    (re.compile(r"\\textquotedblleft(?:\{\}|\s?)"), "“"),
    (re.compile(r"\\textquotedblright(?:\{\}|\s?)"), "”"),
    (re.compile(r"\\textbackslash(?:\{\})?"), r"\\"),
    (re.compile(r"\\textasciitilde(?:\{\})?"), "~"),
    (re.compile(r"``"), "“"),
    (re.compile(r"''"), "”"),
    (re.compile(r"---"), "—"),
    (re.compile(r"(?<!-)--(?!-)"), "–"),
    (re.compile(r"-\{\}-"), "--"),
    (re.compile(r"\\([&%$#_{}])"), r"\1"),
    (re.compile(r"\\\^\{\}"), "^"),
    (re.compile(r"\\[,;:! ]|~|\\\\"), " "),
]


def _brace_end(text: str, open_pos: int) -> int | None:
    """Index of the ``}`` closing the ``{`` at ``open_pos``."""
    depth = 0
    i = open_pos
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _skip_optional(text: str, pos: int) -> tuple[int, list[str]]:
    """Skip ``[…]`` optional arguments (and ``*``) at ``pos``; return the end and their texts."""
    args: list[str] = []
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t*":
            pos += 1
        if pos < len(text) and text[pos] == "[":
            depth, j = 0, pos
            while j < len(text):
                if text[j] == "[":
                    depth += 1
                elif text[j] == "]":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            args.append(text[pos + 1 : j])
            pos = j + 1
        else:
            break
    return pos, args


def tex_to_text(tex: str) -> tuple[str, list[str], list[tuple[str, str, str]]]:
    """LaTeX → plain text; also the footnote texts and ``\\cite`` commands found in it."""
    footnotes: list[str] = []
    cites: list[tuple[str, str, str]] = []
    out: list[str] = []
    i = 0
    while i < len(tex):
        m = re.compile(r"\\(footnote|enquote|textquote|[a-zA-Z]*cite[a-zA-Z]*)\b\*?").search(tex, i)
        if not m:
            out.append(tex[i:])
            break
        out.append(tex[i : m.start()])
        name = m.group(1)
        pos, opts = _skip_optional(tex, m.end())
        while pos < len(tex) and tex[pos] in " \t":
            pos += 1
        if pos >= len(tex) or tex[pos] != "{":
            out.append(m.group())
            i = m.end()
            continue
        end = _brace_end(tex, pos)
        if end is None:
            out.append(tex[m.start() :])
            break
        arg = tex[pos + 1 : end]
        if name == "footnote":
            inner = tex_to_text(arg)
            footnotes.append(inner[0])
            cites.extend(inner[2])
        elif name in ("enquote", "textquote"):
            text, fns, cs = tex_to_text(arg)
            out.append(f"“{text}”")
            footnotes.extend(fns)
            cites.extend(cs)
            if name == "textquote" and opts:
                sub = tex_to_text(opts[0])
                cites.extend(sub[2])
        else:
            pre = opts[0] if len(opts) == 2 else ""
            post = opts[-1] if opts else ""
            cites.append((pre, post, arg))
        i = end + 1
    text = "".join(out)
    for pattern, repl in _TEX_SIMPLE:
        text = pattern.sub(repl, text)
    text = re.sub(r"\\[a-zA-Z]+\*?", "", text)
    text = text.replace("{", "").replace("}", "")
    return " ".join(text.split()), footnotes, cites


def _tex_cites(
    footnotes: list[str], commands: list[tuple[str, str, str]], names: Names, state: list[Cite]
) -> list[Cite]:
    out: list[Cite] = []
    for _pre, post, keys in commands:
        for key in (k.strip() for k in keys.split(",")):
            if key:
                ref = locator_ref(key, post.replace("~", " "))
                out.append(Cite(f"{key} {post}".strip(), key, ref))
    for note in footnotes:
        cites = note_cites(note, names, state[-1] if state else None)
        out.extend(cites)
    if out and out[0].doc:
        state.append(out[0])
    return out


def extract_latex(text: str, names: Names) -> list[Found]:
    lines = Lines(text)
    body = _mask(text, _TEX_COMMENT)
    begin = body.find("\\begin{document}")
    if begin >= 0:
        body = _blank(body, 0, begin + len("\\begin{document}"))
    found: list[tuple[int, Found]] = []
    state: list[Cite] = []
    notes = _footnote_regions(body)

    def in_note(pos: int) -> bool:
        return any(a <= pos < b for a, b in notes)

    # block quotations: environments and \blockquote
    for m in _TEX_ENV.finditer(body):
        env = m.group(1)
        close = body.find(f"\\end{{{env}}}", m.end())
        if close < 0:
            continue
        raw = body[m.end() : close]
        content, fns, cmds = tex_to_text(raw.replace("\n\n", " \x00 "))
        paras = [p.strip() for p in content.split("\x00")]
        content = "\n\n".join(p for p in paras if p)
        cites = _tex_cites(fns, cmds, names, state)
        content, cites = _parenthetical(content, cites)
        found.append((m.start(), Found(content, lines.line(m.start()), True, tuple(cites), raw)))
        body = _blank(body, m.start(), close + len(f"\\end{{{env}}}"))
    for m in re.finditer(r"\\blockquote\b", body):
        pos, opts = _skip_optional(body, m.end())
        if pos < len(body) and body[pos] == "{":
            end = _brace_end(body, pos)
            if end is None:
                continue
            raw = body[pos + 1 : end]
            content, fns, cmds = tex_to_text(raw)
            if opts:
                sub = tex_to_text(opts[0])
                fns, cmds = fns + sub[1], cmds + sub[2]
            cites = _tex_cites(fns, cmds, names, state)
            line = lines.line(m.start())
            found.append((m.start(), Found(content, line, True, tuple(cites), raw)))
            body = _blank(body, m.start(), end + 1)
    # run-in: \enquote / \textquote and quotation marks
    for m in re.finditer(r"\\(enquote|textquote)\b\*?", body):
        if in_note(m.start()):
            continue
        pos, opts = _skip_optional(body, m.end())
        if pos >= len(body) or body[pos] != "{":
            continue
        end = _brace_end(body, pos)
        if end is None:
            continue
        raw = body[pos + 1 : end]
        content, fns, cmds = tex_to_text(raw)
        if opts and m.group(1) == "textquote":
            sub = tex_to_text(opts[0])
            fns, cmds = fns + sub[1], cmds + sub[2]
        if not fns and not cmds:
            fns, cmds = _tex_following(body, end + 1)
        cites = _tex_cites(fns, cmds, names, state)
        found.append((m.start(), Found(content, lines.line(m.start()), False, tuple(cites), raw)))
        body = _blank(body, m.start(), end + 1)
    plain = body
    for a, b in notes:
        plain = _blank(plain, a, b)
    plain = plain.replace("``", "“\x01").replace("''", "\x01”")
    for start, cstart, close in inline_quotes(plain, 0, len(plain)):
        raw = plain[cstart:close].replace("\x01", "")
        if not raw.strip():
            continue
        content, fns, cmds = tex_to_text(raw)
        after = close + 1
        if not fns and not cmds:
            fns, cmds = _tex_following(body, after)
        cites = _tex_cites(fns, cmds, names, state)
        found.append((start, Found(content, lines.line(start), False, tuple(cites), raw)))
    found.sort(key=lambda item: item[0])
    return [f for _, f in found]


def _footnote_regions(body: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"\\footnote\b", body):
        pos, _opts = _skip_optional(body, m.end())
        if pos < len(body) and body[pos] == "{":
            end = _brace_end(body, pos)
            if end is not None:
                out.append((m.start(), end + 1))
    return out


def _tex_following(body: str, pos: int) -> tuple[list[str], list[tuple[str, str, str]]]:
    """``\\footnote{…}`` or a ``\\cite`` command right after a quotation (after punctuation)."""
    m = re.compile(r"[\s,.;:!?'’”]*").match(body, pos)
    at = m.end() if m else pos
    cmd = re.compile(r"\\(footnote|[a-zA-Z]*cite[a-zA-Z]*)\b").match(body, at)
    if not cmd:
        return [], []
    p, _opts = _skip_optional(body, cmd.end())
    if p >= len(body) or body[p] != "{":
        return [], []
    end = _brace_end(body, p)
    if end is None:
        return [], []
    _text, fns, cmds = tex_to_text(body[cmd.start() : end + 1])
    return fns, cmds


def _parenthetical(content: str, cites: list[Cite]) -> tuple[str, list[Cite]]:
    tail = re.search(r"\s*\(([^()]{1,80})\)\s*$", content)
    if tail and not cites:
        cite = in_text_cite(tail.group(1))
        if cite:
            return content[: tail.start()], [cite]
    return content, cites


# ================================================================ dispatch
SYNTAXES = ("markdown", "latex", "text")


def guess_syntax(name: str, text: str) -> str:
    lower = name.lower()
    if lower.endswith((".tex", ".latex", ".ltx")):
        return "latex"
    if lower.endswith((".txt", ".text")):
        return "text"
    if lower.endswith((".md", ".markdown", ".mdown", ".qmd", ".rmd")):
        return "markdown"
    if "\\begin{document}" in text or "\\enquote{" in text or "\\documentclass" in text:
        return "latex"
    return "markdown"


def extract(text: str, syntax: str, names: Names) -> list[Found]:
    if syntax == "latex":
        return extract_latex(text, names)
    return extract_markdown(text, names, plain=syntax == "text")
