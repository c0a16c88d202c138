"""Saved web pages: the whole visible page in reading order, its furniture marked.

The dates, titles and "Source"/"Citation"/"Document Information" fields of archive sites often sit
outside what a main-content extractor keeps, so the text is the page's visible text in reading
order, rendered by inscriptis (one block per line, a blank line between blocks, ``<br>`` a line
break inside a block, table rows one line each with cells two spaces apart). trafilatura decides
the main content; the lines outside it are ``furniture`` (matched by their text without whitespace).
``<nav>`` menus and elements with the ``hidden`` attribute are left out and listed in ``dropped``;
scripts, styles and the like are not text at all. Footnote references ``<sup>1</sup>`` stay glued
to their word as printed ("Medvedev,1"), the form the importer reads as a footnote marker.

The bytes are decoded with the charset the page declares (byte-order mark, ``<meta charset>`` or
``http-equiv``; w3lib, as browsers do), else as UTF-8 when they are UTF-8, else as
charset-normalizer detects. lxml parses without network access; HTML has no external entities
to resolve.
"""

from __future__ import annotations

import codecs
import copy
import re
from difflib import SequenceMatcher
from typing import Any

from quotecite.errors import InputError
from quotecite.importer.formats import Dropped, Source
from quotecite.importer.formats.text import clean, removed_note

__all__ = ["read_html"]

#: block elements of HTML that inscriptis's CSS profile lacks or renders without a blank line
_BLOCKS = (
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "address",
    "blockquote", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "ul", "ol",
    "li", "dl", "dt", "dd", "form", "fieldset", "legend", "details", "summary", "center", "hr",
    "menu", "caption", "layer",
)  # fmt: skip
_PRE = ("pre", "xmp", "listing", "plaintext")
#: never visible text
_INVISIBLE = (
    "head", "script", "style", "noscript", "template", "select", "datalist", "svg", "canvas",
    "iframe", "object", "link", "meta", "title",
)  # fmt: skip
_NAV_REASON = "navigation menu (<nav>)"
_HIDDEN_REASON = "hidden element (hidden attribute)"
#: what makes two renderings of a line comparable: no whitespace, no table rules or leading bullets
_KEY_DROP = re.compile(r"[\s|]+")
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,3}[.)])\s+")
_TABLE_RULE = re.compile(r"[-:|]+")

#: Python codec names → the names the notes use
_PRETTY = {
    "utf-8": "UTF-8", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-16": "UTF-16",
    "koi8-r": "KOI8-R", "koi8-u": "KOI8-U", "mac-cyrillic": "Mac Cyrillic",
}  # fmt: skip


def read_html(data: bytes, name: str) -> Source:
    """A saved web page: visible text in reading order; furniture marked; metadata from its head."""
    import lxml.html  # type: ignore[import-untyped]

    text, encoding, notes = _decode(data)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"{name}: an HTML page lxml cannot parse ({exc})") from None
    metadata = _metadata(root)
    whole = copy.deepcopy(root)  # trafilatura sees the page as saved (it judges menus itself)
    dropped = _remove(root, "//nav", _NAV_REASON) + _remove(root, "//*[@hidden]", _HIDDEN_REASON)
    lines = _render(root)
    if not any(lines):
        raise InputError(f"{name}: an HTML page without visible text")
    main, note = _main_content(whole)
    if note:
        notes.append(note)
    furniture = _furniture(lines, main) if main is not None else frozenset()
    body, removed = clean("\n".join(lines) + "\n")
    if removed:
        notes.append(removed_note(removed))
    return Source(
        name=name,
        kind="html",
        text=body,
        encoding=f"HTML ({encoding})",
        furniture=furniture,
        dropped=tuple(dropped),
        notes=tuple(notes),
        metadata=metadata,
    )


# --- decoding -------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    from w3lib.encoding import html_body_declared_encoding, html_to_unicode, read_bom

    notes: list[str] = []
    detected: list[str] = []

    def detect(raw: bytes) -> str | None:
        try:
            raw.decode("utf-8")
            return "utf-8"
        except UnicodeDecodeError:
            pass
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is not None:
            detected.append(best.encoding)
            return best.encoding
        return None

    bom, _ = read_bom(data)
    declared = bom or html_body_declared_encoding(data)
    codec, text = html_to_unicode(None, data, default_encoding="utf-8", auto_detect_fun=detect)
    encoding = _pretty(codec)
    if declared is None and detected:
        notes.append(f"no charset declared and not UTF-8: decoded as {encoding}")
    genuine = data.count("\ufffd".encode()) if encoding == "UTF-8" else 0
    replaced = text.count("\ufffd") - genuine
    if replaced > 0:
        notes.append(
            f"{replaced} byte sequence{'s' if replaced > 1 else ''} not valid {encoding} "
            "replaced by �"
        )
    return text.removeprefix("\ufeff"), encoding, notes


def _pretty(codec: str) -> str:
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return codec.upper()
    if name.startswith("cp125"):
        return f"Windows-{name[2:]}"
    if name.startswith("iso8859-"):
        return f"ISO-8859-{name[8:]}"
    return _PRETTY.get(name, name.upper())


# --- metadata -------------------------------------------------------------------------------

_META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("citation_title", "dc.title", "dcterms.title", "og:title"),
    "author": ("citation_author", "dc.creator", "dcterms.creator", "author"),
    "date": (
        "citation_publication_date", "citation_date", "dc.date", "dc.date.issued",
        "dcterms.date", "dcterms.issued", "dcterms.created", "article:published_time",
    ),
    "url": ("og:url", "citation_public_url", "citation_abstract_html_url"),
    "site": ("og:site_name", "application-name"),
}  # fmt: skip


def _metadata(root: Any) -> dict[str, str]:
    """What the page's head states: citation_*, Dublin Core and Open Graph tags, ``<title>``,
    ``<link rel=canonical>``; several ``citation_author`` tags are joined with "; "."""
    tags: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        value = _tidy(meta.get("content") or "")
        if key and value and value not in tags.setdefault(key, []):
            tags[key].append(value)
    out: dict[str, str] = {}
    for field, keys in _META_KEYS.items():
        for key in keys:
            if tags.get(key):
                out[field] = "; ".join(tags[key]) if field == "author" else tags[key][0]
                break
    if "title" not in out:
        title = _tidy(root.findtext(".//title") or "")
        if title:
            out["title"] = title
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href.startswith(("http://", "https://")):
            out["url"] = href
            break
    if not out.get("url", "").startswith(("http://", "https://")):
        out.pop("url", None)
    return out


def _tidy(value: str) -> str:
    return clean(" ".join(value.split()))[0]


# --- rendering ------------------------------------------------------------------------------


def _css() -> dict[str, Any]:
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.html_properties import Display, WhiteSpace
    from inscriptis.model.html_element import HtmlElement

    css: dict[str, Any] = dict(CSS_PROFILES["strict"])
    for tag in _BLOCKS:  # a blank line around every block, no indentation
        css[tag] = HtmlElement(display=Display.block, margin_before=1, margin_after=1)
    for tag in _PRE:
        css[tag] = HtmlElement(
            display=Display.block, margin_before=1, margin_after=1, whitespace=WhiteSpace.pre
        )
    for tag in _INVISIBLE:
        css[tag] = HtmlElement(display=Display.none)
    return css


def _render(root: Any) -> list[str]:
    """The page's visible text: lines without indentation, one blank line between blocks."""
    from inscriptis import Inscriptis
    from inscriptis.model.config import ParserConfig

    rendered = Inscriptis(root, ParserConfig(css=_css())).get_text()
    lines: list[str] = []
    for line in rendered.splitlines():
        line = line.strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _remove(root: Any, xpath: str, reason: str) -> list[Dropped]:
    dropped: list[Dropped] = []
    for element in root.xpath(xpath):
        if element.getparent() is None:
            continue
        wrapper = copy.deepcopy(element)
        wrapper.tail = None
        dropped.extend(Dropped(line, reason) for line in _render(wrapper) if line)
        element.drop_tree()  # keeps its tail, the text after it
    return dropped


# --- main content ---------------------------------------------------------------------------


def _main_content(root: Any) -> tuple[str | None, str | None]:
    import trafilatura

    try:
        main = trafilatura.extract(
            root,
            favor_recall=True,  # an archive page's document text must not be cut
            include_tables=True,  # record details are often tables
            include_comments=False,  # readers' comments are not the document
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,  # a repeated line of the document is still the document
            with_metadata=False,  # the head is read above; no date guessing from the text
            output_format="txt",
        )
    except Exception as exc:  # trafilatura's own failures: then no line is called furniture
        return None, f"trafilatura failed to find the main content ({type(exc).__name__})"
    if not main or not main.strip():
        return None, "trafilatura found no main content: no line is marked as page furniture"
    return main, None


def _key(line: str) -> str:
    return _KEY_DROP.sub("", _BULLET.sub("", line))


def _furniture(lines: list[str], main: str) -> frozenset[int]:
    """Line numbers (1-based) of ``lines`` outside trafilatura's main content.

    The two renderings are aligned line by line in order (difflib); where they differ (a line
    inscriptis breaks at ``<br>`` that trafilatura joins, or the reverse), a page line counts as
    main content when its text is part of the main-content lines of the same stretch.
    """
    nonblank = [n for n, line in enumerate(lines) if line]
    page = [_key(lines[n]) for n in nonblank]
    content = [k for k in map(_key, main.splitlines()) if k and not _TABLE_RULE.fullmatch(k)]
    inside: set[int] = set()
    matcher = SequenceMatcher(None, page, content, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            inside.update(range(i1, i2))
        elif tag == "replace":
            stretch = "".join(content[j1:j2])
            inside.update(i for i in range(i1, i2) if page[i] and page[i] in stretch)
    return frozenset(n + 1 for i, n in enumerate(nonblank) if i not in inside)
