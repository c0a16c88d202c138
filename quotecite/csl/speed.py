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

A second round (after those, the time was the walk of the style tree itself):

* **Structural questions asked once.** The engine marks the methods whose answer depends on
  the element alone (``engine_model.structural``: which conditions a ``cs:if`` tests, where a
  ``cs:text`` gets its text, a ``cs:names``'s ``cs:name``/``cs:label``/``cs:substitute``, a
  group's children …); here each is answered once per element and the answer is put in the
  element's instance dictionary as a C-level callable, so later calls cost one look-up.
  ``cs:name`` options and the names delimiter are kept per context element the same way.
* **``cs:choose`` decided by type.** Most branches of the big styles test the item type. For
  each item type a ``cs:choose`` keeps the branches still worth testing: a branch that tests
  only the type (or whose type test settles its ``match``) is skipped or taken without
  testing. Condition tests have no side effects, so only the time changes.
* **Formatting that asks for nothing** (no font attributes, no affixes, no strip-periods) returns
  its text instead of asking five attributes and the formatter each time.
* Children lists of ``cs:macro``/``cs:if``/… are made once instead of a new lxml iteration per
  call.

Measured on 300 generated items, one process: 1.23 → 0.60 s (Chicago), 1.03 → 0.44 s (MLA,
which also renders each entry once now that subsequent-author-substitute is decided as the
names render, see ``engine.render_entry``).

A third round, for the walks that find nothing:

* **cs:names none of whose variables the item has** (and without cs:substitute) do the
  engine's bookkeeping for them (each variable tried and empty) without looking up their
  name, label and options (:class:`FastEmptyNames`): Chicago's contributor macros list a dozen
  roles each, and most items have one or two of them.
* **cs:groups that cannot render for the item** are suppressed without being walked, with the
  state change the walk would have made (:class:`FastGroup`; which groups qualify, and what
  their walk changes, is worked out once per style in :mod:`quotecite.csl.speed_empty`).
* **Branches testing only type and variable** test the variables against the item's set of
  filled variables, made once per item (:class:`FastIfHolds`).

Instructions counted with valgrind (whole process, 1,000 generated items, one process) after
the first two bullets: 9.66 → 9.34 G (Chicago), 7.35 → 6.79 G (MLA).

How it is applied: the engine builds every element of a style through an lxml class lookup
from :data:`quotecite.csl.engine_model.CLASSES`. :func:`load_style` loads a style (and its
locales) with subclasses of exactly those classes that put :class:`FastElement` in front, so
the engine's corrected methods run unchanged and only the look-ups they make are memoised.
Nothing is patched process-wide: a style loaded with :func:`quotecite.csl.engine.load_style`
renders exactly as before, which is what the equivalence tests compare against.
"""

# mypy: disallow-subclassing-any=False
from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Mapping
from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import MixedString, String, join

from quotecite.csl import engine, engine_model, speed_empty
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
        return _constant(self, "get_root", self.getroottree().getroot())  # type: ignore[attr-defined]

    def get_formatter(self) -> Any:
        holder = self._qc_holder()
        if holder is None:
            return super().get_formatter()  # type: ignore[misc]
        return holder.formatter

    def _qc_holder(self) -> Any:
        """The element whose ``formatter`` is the one in use (it changes while sort keys are
        computed: it is read on every call)."""
        root = self.get_root()
        holder = root.style if isinstance(root, model.Locale) else root
        if holder is None:
            return None  # a locale's root is given its style after loading: not yet
        return _constant(self, "_qc_holder", holder)


class FastIfType:
    """Mixin for ``cs:if``/``cs:else-if`` whose engine class still uses citeproc-py's
    ``_type``: the same test, answered once per element and item type."""

    def _type(self, item: Any) -> list[bool]:
        own = _own(self)
        item_type = item.reference.type
        key = ("type", item_type)
        try:
            return list(own[key])
        except KeyError:
            types = [t.lower() for t in self.get("type").split()]  # type: ignore[attr-defined]
            found = own[key] = tuple(t == item_type for t in types)
            return list(found)


class FastIfHolds:
    """``cs:if``/``cs:else-if`` testing only ``type`` and ``variable`` (most branches of the
    big styles): the engine's test with the variables looked up in the item's set of
    non-empty variables, made once per item, instead of one look-up per name."""

    def _holds(self, item: Any, context: Any) -> bool:
        test = self._qc_test()
        if test is None:
            return super()._holds(item, context)  # type: ignore[misc, no-any-return]
        names, has_type, match = test
        filled = _filled(item)
        types = self._type(item) if has_type else ()  # type: ignore[attr-defined]
        if match == "any":
            return any(types) or not names.isdisjoint(filled)
        if match == "none":
            return not any(types) and names.isdisjoint(filled)
        return all(types) and names <= filled

    def _qc_test(self) -> tuple[frozenset[str], bool, str] | None:
        """(variables tested, whether the type is, match), or None: other conditions."""
        conditions, match = self._conditions()  # type: ignore[attr-defined]
        test = None
        if set(conditions) <= {"type", "variable"}:
            names = frozenset(self._variable_names() if "variable" in conditions else ())  # type: ignore[attr-defined]
            if not names & {"locator", "year_suffix"}:  # (not item variables)
                test = (names, "type" in conditions, match)
        return _constant(self, "_qc_test", test)  # type: ignore[no-any-return]


def _filled(item: Any) -> frozenset[str]:
    """The item's variables with a value (``engine_model._has`` of each), once per item."""
    found = dict.get(item, "_qc_filled")
    if found is None:
        found = frozenset(n for n in dict.keys(item.reference) if engine_model._has(item, n))
        dict.__setitem__(item, "_qc_filled", found)
    return found


class FastChildren:
    """citeproc-py's ``render_children`` (cs:macro, cs:if, cs:else …) and ``cs:choose``'s
    ``render`` over the element's children listed once (with which of them is a
    cs:choose), instead of a new lxml iteration per call."""

    def _qc_children(self) -> tuple[tuple[Any, bool], ...]:
        children = tuple(
            (child, isinstance(child, model.Choose))
            for child in self.iterchildren()  # type: ignore[attr-defined]
        )
        return _constant(self, "_qc_children", children)  # type: ignore[no-any-return]

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        output = []
        for child, is_choose in self._qc_children():
            try:
                if is_choose:
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
                if text is not None:
                    output.append(text)
            except VariableError:
                pass
        if output:
            return join(output, delimiter)
        return None


_SKIP, _TEST, _TAKE = 0, 1, 2  # a branch, given the item's type: fails, must be tested, holds


class FastChoose(FastChildren):
    """``cs:choose`` with its branches decided by the item's type where the type decides
    them: a branch that tests only the type (or whose type test settles its ``match``)
    is skipped or taken without testing; the others are tested as always. Condition tests
    have no side effects, so skipping one changes nothing but the time."""

    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        try:
            branches = self._qc_table()[item.reference.type]
        except (KeyError, AttributeError, VariableError):
            branches = self._qc_branches(item)
        for child, plan, holds in branches:
            if plan == _TEST:
                if holds is None:  # not the engine's cs:if: its own render decides
                    try:
                        return child.render(item, context=context, delimiter=delimiter, **kwargs)
                    except model.ConditionFailed:
                        continue
                # the engine's cs:if: its test, without raising ConditionFailed when it fails
                if not holds(item, context):
                    continue
            return child.render_children(item, context=context, delimiter=delimiter, **kwargs)
        return None

    def _qc_table(self) -> dict[str, tuple[_Branch, ...]]:
        """Item type -> the branches to go through (filled by ``_qc_branches``)."""
        return _constant(self, "_qc_table", {})  # type: ignore[no-any-return]

    def _qc_branches(self, item: Any) -> tuple[_Branch, ...]:
        try:
            item_type = item.reference.type
        except (AttributeError, KeyError, VariableError):
            return tuple(_branch(child, _TEST) for child, _ in self._qc_children())
        plans = []
        for child, _ in self._qc_children():
            plan = _branch_plan(child, item)
            if plan != _SKIP:
                plans.append(_branch(child, plan))
            if plan == _TAKE:
                break
        found = self._qc_table()[item_type] = tuple(plans)
        return found


_Branch = tuple[Any, int, Any]  # (branch, plan, its condition test or None)


def _branch(child: Any, plan: int) -> _Branch:
    return child, plan, getattr(child, "_holds", None)


def _branch_plan(branch: Any, item: Any) -> int:
    """What the item's type alone says of a branch of a cs:choose (see FastChoose)."""
    if not isinstance(branch, model.If):
        return _TAKE if isinstance(branch, model.Else) else _TEST
    if "type" not in branch.attrib or not hasattr(branch, "_conditions"):
        return _TEST
    conditions, match = branch._conditions()
    types = branch._type(item)
    if conditions == ("type",):
        if match == "any":
            holds = any(types)
        elif match == "none":
            holds = not any(types)
        else:
            holds = all(types)
        return _TAKE if holds else _SKIP
    if match == "any":
        return _TAKE if any(types) else _TEST
    if match == "none":
        return _SKIP if any(types) else _TEST
    return _TEST if all(types) else _SKIP


_FONT = (  # citeproc-py's Formatted steps: attribute, its default
    ("font-style", "normal"),
    ("font-variant", "normal"),
    ("font-weight", "normal"),
    ("text-decoration", "none"),
    ("vertical-align", "baseline"),
)


class FastFormat:
    """citeproc-py's ``format`` for an element without font attributes: the text as it is,
    without asking five times. (These three mixins are not for cs:date-part, whose
    attributes the engine changes for the length of a call.)"""

    def _qc_unformatted(self) -> bool:
        get = self.get  # type: ignore[attr-defined]
        plain = all(get(name, default) == default for name, default in _FONT)
        return _constant(self, "_qc_unformatted", plain)  # type: ignore[no-any-return]

    def format(self, string: Any) -> Any:
        if self._qc_unformatted():
            return str(string) if isinstance(string, int | float) else string
        return super().format(string)  # type: ignore[misc]


class FastWrap:
    """citeproc-py's ``wrap`` for an element without affixes."""

    def _qc_unaffixed(self) -> bool:
        get = self.get  # type: ignore[attr-defined]
        plain = get("prefix", "") == "" and get("suffix", "") == ""
        return _constant(self, "_qc_unaffixed", plain)  # type: ignore[no-any-return]

    def wrap(self, string: Any) -> Any:
        # '' + s and s + '' are s itself for citeproc-py's String and MixedString only
        if self._qc_unaffixed() and (string is None or type(string) in _SEAMLESS):
            return string
        return super().wrap(string)  # type: ignore[misc]


class FastStripPeriods:
    """citeproc-py's ``strip_periods`` for an element without strip-periods."""

    def _qc_unstripped(self) -> bool:
        plain = self.get("strip-periods", "false").lower() != "true"  # type: ignore[attr-defined]
        return _constant(self, "_qc_unstripped", plain)  # type: ignore[no-any-return]

    def strip_periods(self, string: Any) -> Any:
        if self._qc_unstripped():
            return string
        return super().strip_periods(string)  # type: ignore[misc]


_FORMATTING = {"format": FastFormat, "wrap": FastWrap, "strip_periods": FastStripPeriods}


_SEAMLESS = (String, MixedString)


def _table(element: Any, name: str) -> dict[Any, Any]:
    """A memo table of ``element``'s, kept in its instance dictionary."""
    try:
        return element.__dict__[name]  # type: ignore[no-any-return]
    except KeyError:
        _own(element)
        table: dict[Any, Any] = {}
        element.__dict__[name] = table
        return table


def _context_key(context: Any) -> Any:
    """A memo key for a context element: the element itself, kept alive by its tree's memo
    (an element's identity is that of its lxml proxy, which must not be recycled)."""
    if context is not None:
        _own(context)
    return context


class FastNameOptions:
    """``cs:name``'s options (its own attribute, else its cs:citation's or cs:bibliography's,
    else the style's) answered once per option and context; options overridden by a sort
    key are looked up as always."""

    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            return super().get_option(name, context, sort_options)  # type: ignore[misc]
        table = _table(self, "_qc_options")
        key = (name, context)
        try:
            return table[key]
        except KeyError:
            value = table[(name, _context_key(context))] = super().get_option(name, context)  # type: ignore[misc]
            return value


class FastNamesDelimiter:
    """``cs:names``'s names-delimiter, once per context."""

    def _names_delimiter(self, context: Any) -> Any:
        table = _table(self, "_qc_delimiters")
        try:
            return table[context]
        except KeyError:
            value = table[_context_key(context)] = super()._names_delimiter(context)  # type: ignore[misc]
            return value


class FastEmptyNames:
    """``cs:names`` without ``cs:substitute`` none of whose variables the item has (or
    that are all suppressed): the engine's bookkeeping for it (each variable tried and
    empty; for a top-level cs:names of an entry, no names found yet) without walking its
    roles, names and labels. Any other cs:names renders as always."""

    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if "names_context" not in kwargs and self._substitute() is None:  # type: ignore[attr-defined]
            self._parts()  # type: ignore[attr-defined]  # (raises as the engine would)
            state = engine_model.state_of(item)
            repressed = state.repressed
            reference = item.reference
            variables = self._qc_variables()
            if all(var in repressed or not reference.get(var) for var in variables):
                for var in variables:
                    engine_model._called(state, var, False)
                if engine_model.entry_names_pending(state):
                    state.last_rendered = None
                    state.last_label = False
                return None
        return super().render(item, context=context, **kwargs)  # type: ignore[misc]

    def _qc_variables(self) -> tuple[str, ...]:
        roles = self._roles()  # type: ignore[attr-defined]
        variables = tuple(role.replace("-", "_") for role in roles)
        return _constant(self, "_qc_variables", variables)  # type: ignore[no-any-return]


class FastGroup:
    """``cs:group`` that cannot render for this item (see :mod:`speed_empty`): suppressed
    as the engine suppresses it, without walking it."""

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        found = self._qc_empty_plan()
        if found is not None:
            state = engine_model.state_of(item)
            if speed_empty.skip(found, item, state):
                if state.frames:
                    state.frames[-1][0] = found.tried
                raise VariableError
        return super().process(item, context=context, **kwargs)  # type: ignore[misc]

    def _qc_empty_plan(self) -> speed_empty.Plan | None:
        found = speed_empty.plan(self, _memo(self).setdefault("empty_walks", {}))
        return _constant(self, "_qc_empty_plan", found)  # type: ignore[no-any-return]


def _constant(element: Any, name: str, value: Any) -> Any:
    """Answer ``element.name()`` with ``value`` from now on: a C-level callable returning
    ``value`` in the element's instance dictionary shadows the method. The element is kept
    referenced by its tree's memo, so lxml keeps this Python proxy (and its dictionary)."""
    _own(element)
    element.__dict__[name] = itertools.repeat(value).__next__
    return value


def _memoised(name: str, method: Any) -> Any:
    """A structural method of the engine's (see ``engine_model.structural``), answered once
    per element."""

    def memoised(self: Any) -> Any:
        return _constant(self, name, method(self))

    memoised.__name__ = name
    memoised.__doc__ = method.__doc__
    return memoised


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


def _citeprocs(cls: type, *names: str) -> bool:
    """True when the engine has not overridden these methods of citeproc-py's."""
    for name in names:
        method = getattr(cls, name, None)
        if method is None or method.__module__ != model.__name__:
            return False
    return True


def _fast_class(cls: type) -> type:
    bases: tuple[type, ...] = (FastElement, cls)
    if getattr(cls, "_type", None) is model.If._type:  # not overridden by the engine
        bases = (FastIfType, *bases)
    if getattr(cls, "_holds", None) is engine_model.If._holds and _citeprocs(cls, "_type"):
        bases = (FastIfHolds, *bases)
    if issubclass(cls, model.Choose) and _citeprocs(cls, "render"):
        bases = (FastChoose, *bases)
    elif _citeprocs(cls, "render_children"):
        bases = (FastChildren, *bases)
    if not issubclass(cls, model.Date_Part):
        bases = (*(m for n, m in _FORMATTING.items() if _citeprocs(cls, n)), *bases)
    base = model.CitationStylesElement
    if (
        getattr(cls, "get_root", None) is base.get_root
        and getattr(cls, "get_formatter", None) is base.get_formatter
    ):
        bases = (FastRoot, *bases)
    if issubclass(cls, model.Key):
        bases = (MemoKey, *bases)
    if issubclass(cls, model.Name) and not _citeprocs(cls, "get_option"):
        bases = (FastNameOptions, *bases)
    if hasattr(cls, "_names_delimiter"):
        bases = (FastNamesDelimiter, *bases)
    if (
        issubclass(cls, model.Names)
        and getattr(cls, "process", None) is engine_model.Names.process
        and getattr(cls, "render", None) is model.CitationStylesElement.render
        and getattr(cls, "markup", None) is model.Names.markup
    ):
        bases = (FastEmptyNames, *bases)
    if issubclass(cls, engine_model.Group) and cls.process is engine_model.Group.process:
        bases = (FastGroup, *bases)
    namespace: dict[str, Any] = {"__module__": __name__}
    for name in dir(cls):
        method = getattr(cls, name, None)
        if getattr(method, "qc_structural", False):
            namespace[name] = _memoised(name, method)
    return type(cls.__name__, bases, namespace)


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
