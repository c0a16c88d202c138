"""The citation library API: what ``cite``, ``bib``, ``find`` and ``quote`` call.

* :func:`cite_passage` cites a corpus passage; :func:`cite_items` cites CSL-JSON items.
* :func:`bibliography` renders the bibliography of corpus documents or items.

Each citation is rendered as a real note sequence through the engine (first, ibid, another
item, subsequent), with the whole bibliography in play registered (the corpus, or the items
file), so names, years and titles are disambiguated as citeproc-js would. Only items that can
be ambiguous with the cited one (a shared name or title) are passed to the engine: the others
cannot change the output and would only cost time.

Imports citeproc (through the engine) only inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quotecite.csl import mapping, styles
from quotecite.csl.items import NON_RENDERED, check_citable
from quotecite.errors import InputError, StyleError

if TYPE_CHECKING:
    from quotecite.corpus import Corpus
    from quotecite.csl.engine import Style
    from quotecite.passage import Passage

FILLER_ID = "quotecite-interposed-item"


@dataclass(frozen=True)
class StyleInfo:
    id: str
    title: str
    edition: str | None


@dataclass(frozen=True)
class Citation:
    style: StyleInfo
    citation: str  #: first note / parenthetical citation, with the pinpoint
    subsequent: str  #: a later, non-consecutive citation of the same passage
    ibid: str  #: the citation right after it
    bibliography: str  #: the bibliography / works-cited entry ("" if the style has none)
    csl: dict[str, Any]


@dataclass(frozen=True)
class Entry:
    id: str
    entry: str


@dataclass(frozen=True)
class Bibliography:
    style: StyleInfo
    entries: list[Entry]
    errors: list[tuple[str, str]]  #: (item id, message) of items that could not be rendered


def style_info(ref: styles.StyleRef) -> StyleInfo:
    return StyleInfo(id=ref.name, title=ref.title, edition=ref.edition)


def load(ref: styles.StyleRef) -> Style:
    from quotecite.csl.engine import load_style

    return load_style(ref.path)


# --------------------------------------------------------------------------- candidates
def _keys(item: dict[str, Any]) -> set[str]:
    """What could make another item ambiguous with this one: names and titles."""
    keys: set[str] = set()
    name_vars = mapping_name_vars()
    for key, value in item.items():
        if key in name_vars and isinstance(value, list):
            for name in value:
                if isinstance(name, dict):
                    part = name.get("family") or name.get("literal")
                    if isinstance(part, str) and part:
                        keys.add("n:" + part.casefold())
    for key in ("title", "title-short", "genre"):
        value = item.get(key)
        if isinstance(value, str) and value:
            keys.add("t:" + value.casefold())
    return keys


def mapping_name_vars() -> frozenset[str]:
    from quotecite.csl.items import NAME_VARIABLES

    return NAME_VARIABLES


def in_play(
    targets: Sequence[dict[str, Any]], items: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """``targets`` plus every item sharing a name or title with one of them."""
    ids = {t["id"] for t in targets}
    others = [item for item in items if item["id"] not in ids]
    out = list(targets)
    if not others:  # (a whole corpus or items file: nothing else can be in play)
        return out
    wanted: set[str] = set()
    for t in targets:
        wanted |= _keys(t)
    for item in others:
        if item["id"] not in ids and _keys(item) & wanted:
            out.append(item)
            ids.add(item["id"])
    return out


def _year(item: dict[str, Any]) -> object:
    issued = item.get("issued")
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            return parts[0][0]
        return issued.get("literal")
    return None


def _bib_pool(target: dict[str, Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What one bibliography entry can depend on: items with a shared name and the same year
    (year suffixes, "1985a"). The entry is printed alone, so it is rendered without "———"."""
    names = {k for k in _keys(target) if k.startswith("n:")}
    year = _year(target)
    return [target] + [
        i
        for i in items
        if i["id"] not in (target["id"], FILLER_ID) and _year(i) == year and _keys(i) & names
    ]


def _renderable(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in NON_RENDERED}


# --------------------------------------------------------------------------- rendering
def _render(
    style: Style,
    ref: styles.StyleRef,
    target: dict[str, Any],
    pool: list[dict[str, Any]],
    others: Iterable[dict[str, Any]],
    locator: str | None,
    fmt: str,
    label: str = mapping.PINPOINT_LABEL,
    entry_item: dict[str, Any] | None = None,
) -> Citation:
    """The notes of ``target`` and its bibliography entry; ``entry_item`` (the same id) is
    the item the entry is of, when the notes' item differs from it (a passage's leaves)."""
    from quotecite.csl import engine
    from quotecite.csl.formatters import finish, formatter

    module = formatter(fmt)
    items = [_renderable(i) for i in pool]
    filler = next((i for i in items if i["id"] != target["id"]), None)
    if filler is None:
        spare = next((i for i in others if i["id"] != target["id"]), None)
        filler = (
            _renderable(spare)
            if spare
            else {
                "id": FILLER_ID,
                "type": "book",
                "title": "Zz",
                "issued": {"date-parts": [[9999]]},
            }
        )
        items.append(filler)
    cite = engine.CiteRequest(target["id"], locator, label)
    sequence = [[cite], [cite], [engine.CiteRequest(filler["id"])], [cite]]
    first, ibid, _, subsequent = engine.render_citations(style, items, sequence, module)
    if not first.strip():
        raise InputError(
            f"style '{ref.name}' renders nothing for item '{target['id']}'",
            hint="it needs at least a title or an author",
        )
    entry = ""
    if style.has_bibliography:
        entry_target = _renderable(entry_item) if entry_item is not None else target
        bib_items = [entry_target if i["id"] == target["id"] else i for i in items]
        bib = engine.render_bibliography(
            style, _bib_pool(entry_target, bib_items), module, substitute_authors=False
        )
        failed = dict(bib.errors)
        if target["id"] in failed:
            raise InputError(
                f"style '{ref.name}' cannot render the bibliography entry of item "
                f"'{target['id']}': {failed[target['id']]}"
            )
        entry = next((text for item_id, text in bib.entries if item_id == target["id"]), "")
    return Citation(
        style=style_info(ref),
        citation=finish(fmt, first),
        subsequent=finish(fmt, subsequent),
        ibid=finish(fmt, ibid),
        bibliography=finish(fmt, entry),
        csl=target,
    )


def _check_options(fmt: str, archive_style: str = "english") -> None:
    from quotecite.csl.formatters import FORMATS

    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    if archive_style not in mapping.ARCHIVE_STYLES:
        raise InputError(
            f"unknown archive style '{archive_style}'",
            hint=f"use one of {', '.join(mapping.ARCHIVE_STYLES)}",
        )


def corpus_items(corpus: Corpus | None, archive_style: str) -> list[dict[str, Any]]:
    if corpus is None:
        return []
    return [mapping.document_item(d, archive_style) for d in corpus.documents()]


def cite_passage(
    passage: Passage,
    style: str = "chicago",
    fmt: str = "text",
    archive_style: str = "english",
    corpus: Corpus | None = None,
) -> Citation:
    """The citation of a corpus passage; ``corpus`` is the bibliography in play.

    The notes cite the passage (its leaves pinpoint the archival location); the bibliography
    entry is the document's, whatever the passage: the one ``bib`` gives."""
    _check_options(fmt, archive_style)
    ref = styles.resolve(style, corpus=True)
    loaded = load(ref)
    target = mapping.passage_item(passage, archive_style)
    whole = mapping.document_item(passage.document, archive_style)
    others = [i for i in corpus_items(corpus, archive_style) if i["id"] != target["id"]]
    pool = in_play([target], others)
    locator, label = mapping.passage_locator(passage)
    return _render(loaded, ref, target, pool, others, locator, fmt, label, entry_item=whole)


def cite_items(
    items: list[dict[str, Any]],
    refs: list[tuple[str, str | None]],
    style: str,
    fmt: str,
    source: str = "items",
) -> list[Citation]:
    """Citations of CSL-JSON items: ``refs`` are (item id, pinpoint or None)."""
    from quotecite.csl.items import find_item

    _check_options(fmt)
    ref = styles.resolve(style, corpus=False)
    loaded = load(ref)
    out: list[Citation] = []
    for item_id, pin in refs:
        target = find_item(items, item_id, source)
        check_citable(target, source)
        others = [i for i in items if i["id"] != target["id"]]
        pool = in_play([target], others)
        locator = pin.replace("-", "–") if pin else None
        try:
            out.append(_render(loaded, ref, target, pool, others, locator, fmt))
        except InputError as exc:
            raise _in_source(source, exc) from None
    return out


def _in_source(source: str, exc: InputError) -> InputError:
    """The engine's item errors, prefixed with the items file they come from."""
    if exc.message.startswith(source):
        return exc
    return InputError(f"{source}: {exc.message}", hint=exc.hint)


def bibliography(
    targets: list[dict[str, Any]],
    everything: list[dict[str, Any]],
    style: str,
    fmt: str,
    corpus: bool,
    source: str = "items",
    progress: Callable[[int, int], None] | None = None,
) -> Bibliography:
    """The bibliography of ``targets`` in the style's order; ``everything`` is in play.
    Entries come from the entry cache and are rendered on all cores (``progress(done,
    total)`` follows the work); the output is ``render_bibliography``'s."""
    from quotecite.csl import speed
    from quotecite.csl.bibliography import build_bibliography
    from quotecite.csl.formatters import finish, formatter

    _check_options(fmt)
    ref = styles.resolve(style, corpus=corpus)
    loaded = speed.load_style(ref.path)
    if not loaded.has_bibliography:
        raise StyleError(f"style '{ref.name}' has no bibliography")
    wanted = {t["id"] for t in targets}
    pool = in_play(targets, [i for i in everything if i["id"] not in wanted])
    try:
        bib = build_bibliography(
            loaded, [_renderable(i) for i in pool], formatter(fmt), progress=progress
        )
    except InputError as exc:
        raise _in_source(source, exc) from None
    entries = [Entry(i, finish(fmt, text)) for i, text in bib.entries if i in wanted]
    errors = [(i, msg) for i, msg in bib.errors if i in wanted]
    return Bibliography(style=style_info(ref), entries=entries, errors=errors)
