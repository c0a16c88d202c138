"""Citation disambiguation, after citeproc-js (research note §4 #5, #2).

citeproc-py reads none of the disambiguation options. This module implements them the way
citeproc-js 1.4.61 does (``CSL.Registry.NameReg``, ``CSL.Disambiguation``):

1. **Given names, globally** (``disambiguate-add-givenname`` with a
   ``givenname-disambiguation-rule`` other than ``by-cite``): every name rendered (citations
   and sort keys) is registered by family name, initials and full given name; a name whose
   family name is shared by different people is shown with initials, or with its full given
   name when initials do not tell them apart (``primary-*`` rules: first names only).
2. **Per ambiguous cite**: items whose citation (position subsequent, no locator) renders the
   same text are ambiguous. Methods are tried in citeproc-js's order: add names and, with
   ``by-cite``, expand given names name by name (``disNames``); year suffixes in bibliography
   order (``disYears``); the ``disambiguate="true"`` condition (``disExtraText``).

The result is a :class:`~quotecite.csl.engine_model.Disamb` per item in the render state.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quotecite.csl.engine_model import Disamb, RenderState

Renderer = Callable[[Any], str]


def _strip_periods(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace(".", " ")).strip()


def _initials(given: str) -> str:
    return " ".join(part[0] for part in re.split(r"[\s\-]+", given) if part)


@dataclass
class _Family:
    items: set[str] = field(default_factory=set)
    ikeys: dict[str, set[str]] = field(default_factory=dict)  # initials -> full given names


class NameRegistry:
    """citeproc-js's registry of rendered names (``CSL.Registry.NameReg``)."""

    def __init__(self, rule: str, add_givenname: bool, demote_never: bool) -> None:
        self.rule = rule
        self.add_givenname = add_givenname
        self.demote_never = demote_never
        self.families: dict[str, _Family] = {}

    def _keys(self, item_key: str, name: Any) -> tuple[str, str, str]:
        pkey = _strip_periods(name.get("family"))
        ndp = name.get("non-dropping-particle")
        if self.demote_never and ndp and name.get("family"):
            pkey = f"{pkey} {ndp}"
        skey = _strip_periods(name.get("given"))
        if self.rule == "by-cite":
            pkey = item_key + pkey
        return pkey, _initials(skey), skey

    def add(self, item_key: str, name: Any, position: int) -> None:
        if self.rule.startswith("primary-") and position != 0:
            return
        pkey, ikey, skey = self._keys(item_key, name)
        if not pkey:
            return
        family = self.families.setdefault(pkey, _Family())
        family.items.add(item_key)
        if ikey:
            family.ikeys.setdefault(ikey, set())
            if skey:
                family.ikeys[ikey].add(skey)

    def level(self, item_key: str, name: Any, position: int, form: str,
              initials: str | None, requested: int) -> int:
        """citeproc-js ``evalname``: 0 family only, 1 with initials, 2 full given name."""
        param = 0 if form == "short" else (1 if initials is not None else 2)
        pkey, ikey, _ = self._keys(item_key, name)
        family = self.families.get(pkey)
        if family is None or ikey not in family.ikeys:
            return max(param, requested) if self.rule == "by-cite" else param
        if self.rule == "by-cite" and param <= requested:
            return requested
        if not self.add_givenname:
            return param
        rule = "all-names" if self.rule == "by-cite" else self.rule
        if rule.startswith("primary-name") and position > 0:
            return param
        count = len(family.ikeys)
        if rule in ("all-names", "primary-name"):
            if count > 1:
                param = 1
            if len(family.ikeys[ikey]) > 1 or (count > 1 and initials is None):
                param = 2
        elif rule in ("all-names-with-initials", "primary-name-with-initials"):
            param = 1 if count > 1 else 0
        return param


class Disambiguator:
    """Computes the disambiguation settings of every registered item."""

    def __init__(self, csl: Any, state: RenderState, keys: list[str],
                 render: Callable[[str], str], sort_names: list[Any]) -> None:
        citation = csl.citation
        self.add_names = citation.get("disambiguate-add-names", "false") == "true"
        self.add_givenname = citation.get("disambiguate-add-givenname", "false") == "true"
        self.add_year_suffix = citation.get("disambiguate-add-year-suffix", "false") == "true"
        self.rule = citation.get("givenname-disambiguation-rule", "by-cite")
        self.has_condition = bool(csl.xpath_search(".//cs:*[@disambiguate='true']"))
        demote = csl.get("demote-non-dropping-particle", "display-and-sort")
        self.names = NameRegistry(self.rule, self.add_givenname, demote == "never")
        self.state = state
        self.keys = keys  # in bibliography order
        self.render = render
        self.max_names: dict[str, list[int]] = {}
        self.sort_names = sort_names

    def _name_level(self, item: Any, name: Any, nameset: int, position: int, form: str,
                    initialize_with: str | None, initialize: bool) -> int:
        del initialize
        disamb = self.state.disamb.get(item.key)
        requested = 0
        if disamb is not None and nameset < len(disamb.givens) \
                and position < len(disamb.givens[nameset]):
            requested = disamb.givens[nameset][position]
        # (citeproc-js passes initialize-with even where initialize="false")
        initials = initialize_with
        return self.names.level(item.key, name, position, form, initials, requested)

    def run(self) -> None:
        state = self.state
        state.name_level = self._name_level
        # register the names every item renders in a citation
        # (citeproc-js registers every name it renders, sort keys included)
        for key, _, position, name, _ in self.sort_names:
            self.names.add(key, name, position)
        for key in self.keys:
            state.collect = []
            self.render(key)
            maxima: dict[int, int] = {}
            for _, nameset, position, name, total in state.collect:
                self.names.add(key, name, position)
                maxima[nameset] = max(maxima.get(nameset, 0), total)
            self.max_names[key] = [maxima.get(i, 0) for i in range(max(maxima, default=-1) + 1)]
        state.collect = None
        modes = []
        if self.add_names or (self.add_givenname and self.rule == "by-cite"):
            modes.append(self._dis_names)
        if self.add_year_suffix:
            modes.append(self._dis_years)
        if self.has_condition:
            modes.append(self._dis_extra_text)
        if not modes:
            return
        groups: dict[str, list[str]] = {}
        for key in self.keys:
            groups.setdefault(self.render(key), []).append(key)
        for members in groups.values():
            if len(members) > 1:
                self._resolve(members, modes)

    # -- the methods -------------------------------------------------------------------------

    def _texts(self, keys: list[str], config: Disamb) -> dict[str, str]:
        for key in keys:
            self.state.disamb[key] = copy.deepcopy(config)
        return {key: self.render(key) for key in keys}

    @staticmethod
    def _clashing(texts: dict[str, str]) -> list[list[str]]:
        classes: dict[str, list[str]] = {}
        for key, text in texts.items():
            classes.setdefault(text, []).append(key)
        return [keys for keys in classes.values() if len(keys) > 1]

    def _settle(self, keys: list[str], config: Disamb) -> None:
        for key in keys:
            self.state.disamb[key] = copy.deepcopy(config)

    def _resolve(self, members: list[str], modes: list[Any]) -> None:
        pending = [(members, Disamb())]
        for mode in modes:
            still: list[tuple[list[str], Disamb]] = []
            for keys, config in pending:
                still += mode(keys, config)
            pending = still
            if not pending:
                return
        for keys, config in pending:  # ambiguity that nothing resolves
            self._settle(keys, config)

    def _steps(self, keys: list[str]) -> list[tuple[int, int, str]]:
        """citeproc-js's increments: per name list, per name: given name levels (by-cite),
        then one more name."""
        sets = max((len(self.max_names.get(k, [])) for k in keys), default=0)
        steps: list[tuple[int, int, str]] = []
        for nameset in range(sets):
            most = max((self.max_names[k][nameset] if nameset < len(self.max_names[k]) else 0)
                       for k in keys)
            for position in range(most):
                if self.add_givenname and self.rule == "by-cite":
                    steps += [(nameset, position, "given"), (nameset, position, "given")]
                if self.add_names and position + 1 < most:
                    steps.append((nameset, position + 1, "name"))
        return steps

    def _dis_names(self, keys: list[str], config: Disamb) -> list[tuple[list[str], Disamb]]:
        base = copy.deepcopy(config)
        better = copy.deepcopy(config)
        clashes = self._clashing(self._texts(keys, better))
        for nameset, position, what in self._steps(keys):
            if not clashes:
                break
            while len(base.names) <= nameset:
                base.names.append(0)
                base.givens.append([])
            while len(base.givens[nameset]) <= position:
                base.givens[nameset].append(0)
            if what == "given":
                base.givens[nameset][position] += 1
            else:
                base.names[nameset] = max(base.names[nameset], position + 1)
            remaining = [k for group in clashes for k in group]
            texts = self._texts(remaining, base)
            new = self._clashing(texts)
            if sum(map(len, new)) < len(remaining) or len(new) > len(clashes):
                better = copy.deepcopy(base)  # the step helped: keep it
                for key in remaining:
                    if not any(key in group for group in new):
                        self._settle([key], better)
                clashes = new
        if not clashes:
            return []
        return [(group, copy.deepcopy(better)) for group in clashes]

    def _dis_years(self, keys: list[str], config: Disamb) -> list[tuple[list[str], Disamb]]:
        ordered = [k for k in self.keys if k in keys]
        for index, key in enumerate(ordered):
            settled = copy.deepcopy(config)
            settled.year_suffix = index
            self._settle([key], settled)
        return []

    def _dis_extra_text(self, keys: list[str], config: Disamb,
                        ) -> list[tuple[list[str], Disamb]]:
        trial = copy.deepcopy(config)
        trial.condition = True
        texts = self._texts(keys, trial)
        clashes = self._clashing(texts)
        self._settle(keys, trial)
        return [(group, trial) for group in clashes]
