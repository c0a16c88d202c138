"""Groups that cannot render for an item, found from the style tree (a speed patch).

Most ``cs:group``s of a large style (Chicago's has hundreds) render one or two variables
that an item does not have; the engine walks each such group, its macros and its
``cs:choose``s, only to find every variable empty and suppress the group (CSL group
suppression, ``engine_model.Group``). This module decides once per group, from the tree
alone, whether that walk can be skipped:

* a group *qualifies* when what it renders (through macros, branches, nested groups and
  ``cs:substitute``) comes from item variables, or from terms and values in groups that
  group suppression removes when those variables are empty; with no context variables
  (locator, citation-number, year-suffix …) and no position, locator or disambiguate
  conditions;
* for such a group the variables it can render are collected, and what walking it does to
  the rendering state when none of them is present is computed: group suppression's
  "a variable was tried" flag of the enclosing group (``RenderState.frames``) is set to a
  value known from the tree, or the group does not qualify (when the value depends on which
  ``cs:choose`` branch is taken). Nothing else in the state changes when nothing renders,
  except that a top-level cs:names of a bibliography entry clears the entry's
  subsequent-author-substitute names; a group containing a cs:names is skipped only when
  that cannot happen (see :func:`skip`).

:func:`plan` gives a group's variables and that flag (or None); :func:`skip` is the test at
render time: the item has none of the variables (conservatively: the item's data has no
such field at all). The test suite compares every path with the engine's own rendering.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from citeproc import model

from quotecite.csl import engine_model

# variables whose value does not come from the item's data (or not only from it)
_CONTEXT = {
    "locator",
    "citation-number",
    "citation-label",
    "year-suffix",
    "first-reference-note-number",
}
_CONDITIONS = ("position", "locator", "disambiguate")

# what walking an element does to the enclosing frame's "tried" flag: keep it, set it
# True or set it False; an element's effect is the set of those that some path can have
_KEEP, _TRUE, _FALSE = "keep", "true", "false"
_Effects = frozenset[str]


class Plan(NamedTuple):
    variables: frozenset[str]  # the item fields whose absence makes the group render nothing
    tried: bool  # the enclosing frame's "tried" flag after the group is suppressed
    names: bool  # the group contains a cs:names
    terms: bool  # the group renders terms or values (then suppressed all the same)


class _Walk(NamedTuple):
    effects: _Effects
    variables: frozenset[str]
    names: bool = False
    terms: bool = False


def _then(first: _Effects, second: _Effects) -> _Effects:
    return frozenset(b if b != _KEEP else a for a in first for b in second)


def _apply(effect: str, flag: bool) -> bool:
    return flag if effect == _KEEP else effect == _TRUE


def _sequence(children: Iterable[Any], memo: _Memo) -> _Walk | None:
    effects: _Effects = frozenset({_KEEP})
    variables: set[str] = set()
    names = terms = False
    for child in children:
        walk = _walk(child, memo)
        if walk is None:
            return None
        effects = _then(effects, walk.effects)
        variables |= walk.variables
        names = names or walk.names
        terms = terms or walk.terms
    return _Walk(effects, frozenset(variables), names, terms)


def _union(walks: Iterable[_Walk], effects: Iterable[str] = ()) -> _Walk:
    """Any one of ``walks`` (the branches of a cs:choose)."""
    found = set(effects)
    variables: set[str] = set()
    names = terms = False
    for walk in walks:
        found |= walk.effects
        variables |= walk.variables
        names = names or walk.names
        terms = terms or walk.terms
    return _Walk(frozenset(found), frozenset(variables), names, terms)


def _field(variable: str) -> str:
    return variable.replace("-", "_")


def _fields(variable: str) -> set[str]:
    """The item fields a variable is read from (page-first: page)."""
    found = {_field(variable)}
    if variable.startswith("page"):
        found.add("page")
    return found


def _leaf(variables: Iterable[str], effects: _Effects) -> _Walk:
    return _Walk(effects, frozenset(variables))


# element id -> (the element, kept alive so that its id is not reused; its walk)
_Memo = dict[int, tuple[Any, "_Walk | None"]]


def _walk(element: Any, memo: _Memo) -> _Walk | None:
    key = id(element)
    if key in memo:
        return memo[key][1]
    memo[key] = (element, None)  # (a macro cycle, which CSL forbids, does not qualify)
    found = _walk_element(element, memo)
    memo[key] = (element, found)
    return found


_TERM = _Walk(frozenset({_KEEP}), frozenset(), terms=True)


def _walk_element(element: Any, memo: _Memo) -> _Walk | None:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        return _leaf((), frozenset({_KEEP}))
    variable = element.get("variable")
    if isinstance(element, engine_model.Group):
        inner = _sequence(element.iterchildren(), memo)
        if inner is None:
            return None
        tried = {_apply(effect, False) for effect in inner.effects}
        if inner.terms and tried != {True}:
            return None  # with no variable tried, its terms render
        return _Walk(
            frozenset(_TRUE if t else _FALSE for t in tried),
            inner.variables,
            inner.names,
            inner.terms,
        )
    if isinstance(element, model.Choose):
        branches = []
        has_else = False
        for branch in element.iterchildren():
            if not isinstance(branch.tag, str):
                continue
            if any(condition in branch.attrib for condition in _CONDITIONS):
                return None
            has_else = has_else or isinstance(branch, model.Else)
            inner = _sequence(branch.iterchildren(), memo)
            if inner is None:
                return None
            branches.append(inner)
        return _union(branches, () if has_else else (_KEEP,))  # (else: no branch taken)
    if isinstance(element, engine_model.Text):
        if "macro" in element.attrib:
            return _sequence(element._macro_element().iterchildren(), memo)
        if variable is None:  # a term or a value
            if "term" in element.attrib:
                try:  # (a term the locale lacks fails every time: left to the engine)
                    element._term(None)
                except Exception:
                    return None
            return _TERM
        if variable in _CONTEXT:
            return None
        return _leaf(_fields(variable) | {_field(variable) + "_short"}, frozenset({_TRUE}))
    if isinstance(element, engine_model.Number | engine_model.Date):
        if variable is None or variable in _CONTEXT:
            return None
        return _leaf(_fields(variable), frozenset({_TRUE}))
    if isinstance(element, engine_model.Label):
        if variable is None or variable in _CONTEXT:
            return None
        return _leaf(_fields(variable), frozenset({_KEEP}))
    if isinstance(element, engine_model.Names):
        if variable is None:
            return None
        roles = tuple(_field(role) for role in variable.split())
        own = _Walk(frozenset({_TRUE if roles else _KEEP}), frozenset(roles), names=True)
        substitute = element._substitute()
        if substitute is None:
            return own
        inner = _sequence(substitute.iterchildren(), memo)
        if inner is None:
            return None
        return _Walk(
            _then(own.effects, inner.effects),
            own.variables | inner.variables,
            True,
            inner.terms,
        )
    return None


def plan(group: Any, memo: _Memo | None = None) -> Plan | None:
    """Whether ``group`` renders nothing for an item lacking its variables, and if so what
    the engine's walk of it does to the rendering state (see the module docstring).
    ``memo``: the walks of elements already made (one per style: macros are shared)."""
    walk = _walk(group, {} if memo is None else memo)
    if walk is None or len(walk.effects) != 1:
        return None
    (effect,) = walk.effects
    return Plan(walk.variables, effect == _TRUE, walk.names, walk.terms)


def _present(item: Any) -> frozenset[str]:
    """The fields of the item's data (kept per item)."""
    present = dict.get(item, "_qc_fields")
    if present is None:
        present = frozenset(dict.keys(item.reference))
        dict.__setitem__(item, "_qc_fields", present)
    return present


def skip(found: Plan, item: Any, state: Any) -> bool:
    """True when the group of ``found`` renders nothing for ``item`` in ``state`` and its
    walk changes nothing but the enclosing frame's flag (which the caller then sets)."""
    if not found.variables.isdisjoint(_present(item)):
        return False
    if found.terms and state.note_start:  # a term rendered would end the note's start
        return False
    # a top-level cs:names of an entry clears the entry's substitute names when reached
    return not found.names or not engine_model.entry_names_pending(state)


__all__ = ["Plan", "plan", "skip"]
