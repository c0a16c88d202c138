"""Speed patches for quotecite's CSL engine: the same output, fewer repeated look-ups.

Profiling ``render_bibliography`` on generated items (chicago-notes-bibliography,
modern-language-association) showed the time going into work whose result cannot change
while a style renders:

* ``xpath_search`` (a quarter of the time): every ``cs:text macro=…`` looked its macro up with
  an XPath query over the whole style, every term look-up ran an XPath query over the locale,
  every ``cs:name`` option and names delimiter ran an ``ancestor::`` query, every date part
  searched its ``cs:date`` for an override. The style tree does not change while it renders
  (the engine removed citeproc-py's in-place mutations), so each (element, expression) has one
  answer; it is computed once per loaded style and kept with the style.
* ``CitationItem.reference`` / ``.bibliography`` (a sixth of the time): properties that walk
  item → citation → registry → source dictionary on each of the ~1,000 variable tests per
  entry (the engine's registry now stores them on its items itself).
* ``SomewhatObjectifiedElement.__getattr__`` (``style.bibliography``, ``locale.terms`` …) is a
  ``find`` each time; answered from the same per-style memo.

How it is applied: the engine builds every element of a style through an lxml class lookup
from :data:`quotecite.csl.engine_model.CLASSES`. :func:`load_style` loads a style (and its
locales) with subclasses of exactly those classes that put :class:`FastElement` in front, so
the engine's corrected methods run unchanged and only the look-ups they make are memoised.
Nothing is patched process-wide: a style loaded with :func:`quotecite.csl.engine.load_style`
renders exactly as before, which is what the equivalence tests compare against.
"""

# mypy: disallow-subclassing-any=False
from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any

from citeproc import model

from quotecite.csl import engine, engine_model
from quotecite.csl.engine import Style

_MEMO = "_qc_memo"
_LOCK = threading.Lock()


def _memo(element: Any) -> dict[Any, Any]:
    """The look-up memo of the tree ``element`` belongs to (kept on its root element)."""
    root = element.getroottree().getroot()
    try:
        return root.__dict__[_MEMO]  # type: ignore[no-any-return]
    except KeyError:
        memo: dict[Any, Any] = {}
        root.__dict__[_MEMO] = memo
        return memo


def _own(element: Any) -> dict[Any, Any]:
    """The memo of one element. lxml keeps a Python proxy (and so its ``__dict__``) only
    while it is referenced: the tree's memo references every element that has one."""
    try:
        return element.__dict__[_MEMO]  # type: ignore[no-any-return]
    except KeyError:
        own: dict[Any, Any] = {}
        element.__dict__[_MEMO] = own
        _memo(element).setdefault("elements", []).append(element)
        return own


class FastElement:
    """Mixin memoising the structural look-ups of a CSL element (see the module docstring)."""

    def xpath_search(self, expression: str) -> list[Any]:
        own = _own(self)
        try:
            return list(own[expression])
        except KeyError:
            found = own[expression] = tuple(super().xpath_search(expression))  # type: ignore[misc]
            return list(found)

    def get_macro(self, name: str) -> Any:
        own = _own(self)
        key = ("macro", name)
        try:
            return own[key]
        except KeyError:
            found = own[key] = super().get_macro(name)  # type: ignore[misc]
            return found

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == _MEMO:
            raise AttributeError(name)
        own = _own(self)
        key = ("getattr", name)
        try:
            return own[key]
        except KeyError:
            found = own[key] = super().__getattr__(name)  # type: ignore[misc]
            return found


class FastRoot:
    """``get_root`` and ``get_formatter`` (citeproc-py's, where the engine keeps them) with
    the root element and the element holding the formatter found once per element."""

    def get_root(self) -> Any:
        own = _own(self)
        try:
            return own["root"]
        except KeyError:
            root = own["root"] = self.getroottree().getroot()  # type: ignore[attr-defined]
            return root

    def get_formatter(self) -> Any:
        own = _own(self)
        try:
            holder = own["formatter"]
        except KeyError:
            root = self.get_root()
            # (a locale's root is given its style after loading: only memoise once it is)
            holder = root.style if isinstance(root, model.Locale) else root
            if holder is None:
                return super().get_formatter()  # type: ignore[misc]
            own["formatter"] = holder
        return holder.formatter


class FastNamesContext:
    """The engine's ``Names._names_context`` (which element's cs:name/cs:label a cs:names
    uses: a question of tree structure only), answered once per element."""

    def _names_context(self) -> Any:
        own = _own(self)
        try:
            return own["names_context"]
        except KeyError:
            found = own["names_context"] = super()._names_context()  # type: ignore[misc]
            return found


class FastIfType:
    """Mixin for ``cs:if``/``cs:else-if`` whose engine class still uses citeproc-py's
    ``_type``: the same test with the attribute split and lowered once per element."""

    def _type(self, item: Any) -> list[bool]:
        own = _own(self)
        try:
            types = own["types"]
        except KeyError:
            types = own["types"] = tuple(t.lower() for t in self.get("type").split())  # type: ignore[attr-defined]
        item_type = item.reference.type
        return [t == item_type for t in types]


SORT_MEMO = "qc_sort_memo"


class MemoKey:
    """Mixin for ``cs:key``: values already known for an item (from the bibliography cache
    or computed in a worker process) are taken from the registry's ``qc_sort_memo``
    (item key → the item's values of the first n ``cs:key``s in document order; later
    keys are None: the caller knows the comparison never looks at them); the engine's
    ``sort_keys`` computes the values of items not in the memo, so its comparison decides
    the order as always."""

    def sort_keys(self, items: list[Any], context: Any) -> list[Any]:
        memo = getattr(items[0].bibliography, SORT_MEMO, None) if items else None
        if not memo:
            return super().sort_keys(items, context)  # type: ignore[misc, no-any-return]
        position = key_position(self)
        missing = [item for item in items if item.key not in memo]
        computed = iter(super().sort_keys(missing, context) if missing else ())  # type: ignore[misc]
        out = []
        for item in items:
            row = memo.get(item.key)
            if row is None:
                out.append(next(computed))
            else:
                out.append(row[position] if position < len(row) else None)
        return out


def key_position(key: Any) -> int:
    """The index of a ``cs:key`` among the keys of its ``cs:sort``."""
    parent = key.getparent()
    return [k for k in parent if isinstance(k, model.Key)].index(key)


def _fast_class(cls: type) -> type:
    bases: tuple[type, ...] = (FastElement, cls)
    if getattr(cls, "_type", None) is model.If._type:  # not overridden by the engine
        bases = (FastIfType, *bases)
    if hasattr(cls, "_names_context"):
        bases = (FastNamesContext, *bases)
    base = model.CitationStylesElement
    if (
        getattr(cls, "get_root", None) is base.get_root
        and getattr(cls, "get_formatter", None) is base.get_formatter
    ):
        bases = (FastRoot, *bases)
    if issubclass(cls, model.Key):
        bases = (MemoKey, *bases)
    return type(cls.__name__, bases, {"__module__": __name__})


def _fast_classes(classes: Mapping[str, type]) -> dict[str | None, type]:
    fast: dict[str | None, type] = {tag: _fast_class(cls) for tag, cls in classes.items()}
    # elements without a class of their own (cs:terms, cs:style-options, cs:info …): the
    # engine's parser gives them citeproc-py's base class
    fast.setdefault(None, _fast_class(model.CitationStylesElement))
    return fast


_FAST_CACHE: dict[int, tuple[Mapping[str, type], dict[str | None, type]]] = {}


def fast_classes() -> dict[str | None, type]:
    """Fast subclasses of the engine's current element classes (made once)."""
    classes = engine_model.CLASSES
    cached = _FAST_CACHE.get(id(classes))
    if cached is None or cached[0] is not classes or set(cached[1]) != {*classes, None}:
        cached = (classes, _fast_classes(classes))
        _FAST_CACHE.clear()
        _FAST_CACHE[id(classes)] = cached
    return cached[1]


def load_style(path: str | os.PathLike[str], locale: str | None = None) -> Style:
    """:func:`quotecite.csl.engine.load_style`, with the memoising element classes."""
    with _LOCK:
        original = engine_model.CLASSES
        engine_model.CLASSES = fast_classes()  # type: ignore[assignment]
        try:
            return engine.load_style(path, locale)
        finally:
            engine_model.CLASSES = original


def is_fast(style: Style) -> bool:
    return isinstance(style.csl, FastElement)


__all__ = [
    "SORT_MEMO",
    "FastElement",
    "MemoKey",
    "fast_classes",
    "is_fast",
    "key_position",
    "load_style",
]
