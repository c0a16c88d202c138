"""The corrected citeproc-py element classes (the patch set of :mod:`quotecite.csl.engine`).

citeproc-py maps every CSL element to a Python class through an lxml element-class lookup.
quotecite parses styles and locales with its own hardened parser whose lookup maps the CSL
elements to the subclasses below instead; citeproc-py's own classes and module stay untouched,
so nothing here is process-global and a style loaded by plain citeproc-py behaves as before.

Per-rendering state (suppressed variables, group bookkeeping, disambiguation settings) lives
in a :class:`RenderState` hung on the registry that the engine passes to citeproc-py as the
"bibliography" of every item, never on the (shared) style tree.

Each override names the defect of the research note (``§4 #n``) it fixes.
"""

# mypy: disallow-subclassing-any=False
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cmp_to_key
from typing import Any

from citeproc import model
from citeproc.formatter import plain
from citeproc.source import DateRange, LiteralDate, VariableError
from citeproc.string import MixedString, NoCase, String, join

from quotecite.csl.engine_text import (
    CLOSE,
    OPEN,
    capitalize_first_segments,
    collation_key,
    quotes_to_sentinels,
    title_case_segments,
)

EN_DASH = "\u2013"


def structural(method: Any) -> Any:
    """Marks a method of no argument whose result depends on the element and the style tree
    only, never on the item or the rendering state. :func:`quotecite.csl.speed.load_style`
    memoises such methods per element (the tree does not change while a style renders)."""
    method.qc_structural = True
    return method


@dataclass
class Disamb:
    """Disambiguation settings of one item (citeproc-js's "ambig config")."""

    names: list[int] = field(default_factory=list)  # names shown per nameset (0: style's)
    givens: list[list[int]] = field(default_factory=list)  # level per name: 0/1/2
    condition: bool = False  # disambiguate="true" holds
    year_suffix: int | None = None


@dataclass
class RenderState:
    """Mutable state of one rendering call (one per registry, never shared)."""

    repressed: set[str] = field(default_factory=set)
    traces: list[set[str]] = field(default_factory=list)
    frames: list[list[bool]] = field(default_factory=list)  # groups: attempt, success, term
    disamb: dict[str, Disamb] = field(default_factory=dict)
    name_level: Any = None  # callable (key, name, index, form, initials) -> level, or None
    collect: Any = None  # during disambiguation: list receiving per-nameset name counts
    sorting: bool = False
    area: str = "citation"
    note_start: bool = False
    rendered_names: list[str] | None = None
    substituting: int = 0
    substitute_names: str | None = None  # subsequent-author-substitute text for this entry
    substitute_after: tuple[str, ...] | None = None  # ... used if its names repeat these
    substituted: bool = False  # ... and it was
    sas_checked: bool = False
    last_label: bool = False
    last_rendered: list[str] | None = None

    def reset(self, area: str) -> None:
        self.repressed = set()
        self.traces = []
        self.frames = []
        self.area = area
        self.rendered_names = None
        self.sas_checked = False
        self.last_rendered = None
        self.substituting = 0


def repeats_names(previous: tuple[str, ...] | None, names: Any) -> bool:
    """Whether an entry's names repeat the previous entry's (then "———" replaces them)."""
    return bool(names) and tuple(names) == previous


def entry_names_pending(state: RenderState) -> bool:
    """Whether a cs:names rendered now gives the names a bibliography entry's
    subsequent-author-substitute compares: none found yet, not in a substitute or sort key."""
    return (
        state.area == "bibliography"
        and not state.substituting
        and not state.sorting
        and not state.sas_checked
    )


def state_of(item: Any) -> RenderState:
    try:  # the engine's items carry their registry's state (see engine._Cite)
        return dict.__getitem__(item, "_qc_state")  # type: ignore[no-any-return]
    except KeyError:
        return item.bibliography.qc  # type: ignore[no-any-return]


def _called(state: RenderState, variable: str, rendered: bool) -> None:
    """Group bookkeeping (CSL "group suppression") and substitute traces."""
    if state.frames:
        frame = state.frames[-1]
        frame[0] = True
        if rendered:
            frame[1] = True
    if rendered:
        for trace in state.traces:
            trace.add(variable)


def _term_rendered(state: RenderState) -> None:
    if state.frames:
        state.frames[-1][2] = True


def _segments(text: Any) -> list[tuple[str, bool]]:
    if isinstance(text, MixedString):
        return [(str(s), isinstance(s, NoCase)) for s in text]
    return [(str(text), isinstance(text, NoCase))]


def _rebuild(text: Any, parts: list[str]) -> Any:
    if isinstance(text, MixedString):
        return MixedString([type(s)(p) for s, p in zip(text, parts, strict=True) if p])
    return (type(text) if isinstance(text, String) else String)(parts[0])


def _escape(element: Any, text: Any) -> Any:
    """Data quotes to sentinels, then the formatter's escaping (§5.1), NoCase kept."""
    preformat = element.get_formatter().preformat
    segs = _segments(text)
    joined = quotes_to_sentinels("".join(s for s, _ in segs))
    parts: list[str] = []
    pos = 0
    for s, _ in segs:
        parts.append(str(preformat(joined[pos : pos + len(s)])))
        pos += len(s)
    return _rebuild(text, parts)


class CaseMixin:
    """text-case as citeproc-js does it (§4 #6: SKIP_WORDS, quotes, nocase; #6b)."""

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")  # type: ignore[attr-defined]
        if text_case is None or not text:
            return text
        if not isinstance(text, String | MixedString):
            text = String(str(text))
        if text_case == "title":
            if language is not None and language != "en":
                return text
            return _rebuild(text, title_case_segments(_segments(text)))
        if text_case == "capitalize-first":
            return _rebuild(text, capitalize_first_segments(_segments(text)))
        if text_case == "capitalize-all":
            parts = []
            for s, nocase in _segments(text):
                parts.append(
                    s
                    if nocase
                    else re.sub(r"(^|\s)(\w)", lambda m: m.group(1) + m.group(2).upper(), s)
                )
            return _rebuild(text, parts)
        if text_case == "sentence":
            parts = []
            first = True
            for s, nocase in _segments(text):
                if not nocase:
                    if not s.isupper():
                        s = s.lower()
                    if first and s.strip():
                        s = capitalize_first_segments([(s, False)])[0]
                if s.strip():
                    first = False
                parts.append(s)
            return _rebuild(text, parts)
        return super().case(text, language)  # type: ignore[misc]


_NO_LANGUAGE = ""


def _language(element: Any, item: Any) -> str:
    """The item's language (two letters), else the style's default locale's. The item's is
    looked up once per item (a missing one raises, which is slow)."""
    language = dict.get(item, "_qc_language")
    if language is None:
        try:
            language = str(item.reference.language)[:2]
        except VariableError:
            language = _NO_LANGUAGE
        dict.__setitem__(item, "_qc_language", language)
    if language is _NO_LANGUAGE:
        return str(element.get_root().get("default-locale", "en"))[:2]
    return language


def _has(item: Any, name: str) -> bool:
    """Whether the item's reference has a non-empty ``name`` (kept per item: a style tests
    the same few variables many times per entry)."""
    known = dict.get(item, "_qc_has")
    if known is None:
        known = {}
        dict.__setitem__(item, "_qc_has", known)
    try:
        return known[name]  # type: ignore[no-any-return]
    except KeyError:
        value = item.reference.get(name)
        has = known[name] = value is not None and str(value) != "" and value != []
        return has


def _macro(element: Any, name: str) -> Any:
    """citeproc-py looks every macro up with XPath; the engine indexes them once per style."""
    root = element.getroottree().getroot()
    macros = getattr(root, "qc_macros", None)
    if macros is None:
        return element.get_macro(name)
    return macros[name]


def _options_parent(element: Any) -> Any:
    """The cs:citation or cs:bibliography an element belongs to (no XPath)."""
    for ancestor in element.iterancestors():
        if isinstance(ancestor, model.Citation | model.Bibliography):
            return ancestor
    raise IndexError(element.tag)


def _in_locale(element: Any) -> bool:
    return any(isinstance(a, model.Locale) for a in element.iterancestors())


# ---------------------------------------------------------------------------------------------
# top level


class Style(model.Style):
    locale_loader: Any = None  # set by the engine: loads a locale file with the hardened parser

    def set_locale_list(self, output_locale: str, validate: bool = False) -> None:
        """citeproc-py's lookup order, but locale files go through ``locale_loader``."""
        self.locales: list[Any] = []
        loaded: set[str] = set()

        def add_instyle_locale(locale: str | None) -> None:
            expr = f'./cs:locale[@xml:lang="{locale}"]' if locale else "./cs:locale[not(@xml:lang)]"
            results = self.xpath_search(expr)
            if results:
                self.locales.append(results[0])

        def add_system_locale(locale: str) -> None:
            if locale not in loaded:
                self.locales.append(self.locale_loader(locale).root)
                loaded.add(locale)

        add_instyle_locale(output_locale)
        language = output_locale.split("-")[0]
        add_instyle_locale(language)
        add_instyle_locale(None)
        if output_locale in model.LANGUAGE_NAMES:
            add_system_locale(output_locale)
        if language in model.PRIMARY_DIALECTS:
            add_system_locale(model.PRIMARY_DIALECTS[language])
        add_system_locale("en-US")
        for locale in self.locales:
            locale.style = self


class Locale(model.Locale):
    pass


class Citation(model.Citation):
    pass


class Bibliography(model.Bibliography):
    pass


class Term(model.Term):
    pass


class Sort(model.Sort):
    def sort(self, items: list[Any], context: Any) -> list[Any]:
        """§4 "Bibliography order": citeproc-js's comparison (see ``collation_key``)."""
        columns = []
        for key in self.findall("cs:key", self.nsmap):
            descending = key.get("sort", "ascending").lower() == "descending"
            values = key.sort_keys(items, context)
            columns.append((descending, [None if v is None else collation_key(v) for v in values]))

        def compare(a: int, b: int) -> int:
            for descending, values in columns:
                left, right = values[a], values[b]
                if left == right:
                    continue
                if left is None:
                    return -1 if descending else 1
                if right is None:
                    return 1 if descending else -1
                cmp = (left > right) - (left < right)
                return -cmp if descending else cmp
            return (a > b) - (a < b)

        order = sorted(range(len(items)), key=cmp_to_key(compare))
        return [items[i] for i in order]


class Key(model.Key):
    def sort_keys(self, items: list[Any], context: Any) -> list[str | None]:
        """Keys as citeproc-js makes them: dates numeric, names inverted without labels or
        "and", no quotation marks or formatting (§4 "Bibliography order")."""
        root = self.get_root()
        formatter = root.formatter
        root.formatter = plain
        try:
            return [self._key(item, context) for item in items]
        finally:
            root.formatter = formatter

    def _key(self, item: Any, context: Any) -> str | None:
        state = state_of(item)
        area = state.area
        state.reset(area)
        state.sorting = True
        try:
            if "variable" in self.attrib:
                variable = self.get("variable").replace("-", "_")
                value = item.reference.get(variable)
                if value is None:
                    return None
                if variable in model.NAMES:
                    return "; ".join(
                        " ".join(
                            p for p in (n.get("family"), n.get("given"), n.get("literal")) if p
                        )
                        for n in value
                    )
                if variable in model.DATES:
                    return _date_sort_key(value, None)
                if variable == "citation_number":
                    return f"{item.number:08d}"
                if variable in model.NUMBERS:
                    m = re.match(r"\s*(\d+)", str(value))
                    return f"{int(m.group(1)):08d}" if m else str(value)
                return str(value)
            options = {"name-as-sort-order": "all"}
            for option in ("names-min", "names-use-first", "names-use-last"):
                if option in self.attrib:
                    options[option.replace("names", "et-al")] = self.get(option)
            text = _macro(self, self.get("macro")).render(
                item, context=context, sort_options=options
            )
            return None if text is None or str(text) == "" else str(text)
        finally:
            state.sorting = False
            state.reset(area)


class Macro(model.Macro):
    pass


class Layout(model.Layout):
    pass


# ---------------------------------------------------------------------------------------------
# rendering elements


class PageRangeMixin:
    def _format_last_page(self, first: str, last: str) -> str:
        """§4 #17: minimal / minimal-two keep at least the differing digits (and two)."""
        range_format = self.get_root().get_option("page-range-format")  # type: ignore[attr-defined]
        if range_format in ("minimal", "minimal-two") and first.isdigit() and last.isdigit():
            if len(first) != len(last) or int(last) <= int(first):
                return last
            common = 0
            while common < len(first) and first[common] == last[common]:
                common += 1
            kept = last[common:]
            if range_format == "minimal-two" and len(kept) < 2 <= len(last):
                kept = last[-2:]
            return kept
        return str(super()._format_last_page(first, last))  # type: ignore[misc]


class Text(PageRangeMixin, CaseMixin, model.Text):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        if context is None:
            context = self
        state = state_of(item)
        source = self._source()
        if source == "variable":
            text, raw = self._value(item, state)
        elif source == "macro":
            text = self._macro_element().render(item, context=context, **kwargs)
            raw = False
        elif source == "term":
            text = self._term(item)
            if text:
                _term_rendered(state)
            if text and state.note_start:  # §7 P14: a term that starts a note is capitalised
                text = text.capitalize_first()
            raw = False
        else:
            text = String(self.preformat(self.get("value", "")))
            raw = False
            if text:
                _term_rendered(state)
        if not text:
            return None
        if str(text):
            state.note_start = False
        return self.markup(text, _language(self, item), raw)

    @structural
    def _macro_element(self) -> Any:
        return _macro(self, self.get("macro"))

    @structural
    def _source(self) -> str:
        """Where the text comes from: a variable, a macro, a term or a value."""
        for source in ("variable", "macro", "term"):
            if source in self.attrib:
                return source
        return "value"

    def _value(self, item: Any, state: RenderState) -> tuple[Any, bool]:
        variable = self.get("variable")
        name = variable.replace("-", "_")
        if name in state.repressed:  # §4 #8/#9: substituted variables are suppressed
            _called(state, name, False)
            return None, False
        raw = True
        try:
            if variable == "year-suffix":
                disamb = state.disamb.get(item.key)
                text = None
                if disamb is not None and disamb.year_suffix is not None:
                    text = String(_suffix_letters(disamb.year_suffix))
                raw = False
            elif variable.startswith("page"):
                text = self._process(item.reference.page, variable)
                raw = False
            elif variable == "citation-number":
                text = String(str(item.number))
                raw = False
            elif variable == "locator":
                if not item.has_locator:
                    text = None
                else:
                    text = String(str(item.locator.identifier).replace("-", EN_DASH))
            else:
                short = name + "_short"
                name_used = short if self._short() and short in item.reference else name
                text = item.reference[name_used]
        except VariableError:
            text = None
        if text is not None and not isinstance(text, String | MixedString):
            text = String(str(text))
        ok = bool(text) and bool(str(text))
        if variable != "year-suffix":
            _called(state, name, ok)
        return (text if ok else None), raw

    @structural
    def _short(self) -> bool:
        return bool(self.get("form") == "short")

    def format_number(self, number: Any) -> Any:
        return self.preformat(str(number))

    def markup(self, text: Any, language: Any, raw: bool = False) -> Any:
        if not text:
            return None
        text = self.case(self.strip_periods(text), language)
        if raw:
            text = _escape(self, text)
        text = self.format(text)
        return self.wrap(self.quote(text))

    def quote(self, string: Any) -> Any:
        """§4 #1/#7: quotes are sentinels, resolved by the engine's final pass."""
        if self._quoted():
            return OPEN + string + CLOSE
        return string

    @structural
    def _quoted(self) -> bool:
        return bool(self.get("quotes", "false").lower() == "true")


def _suffix_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


class Date(model.Date):
    @structural
    def is_locale_date(self) -> bool:
        return _in_locale(self)

    def render(
        self,
        item: Any,
        variable: str | None = None,
        show_parts: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        return self.process(item, variable, show_parts, context, **kwargs)

    def process(
        self,
        item: Any,
        variable: str | None = None,
        show_parts: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        if variable is None:
            variable = self.get("variable")
        name = variable.replace("-", "_")
        state = state_of(item)
        if show_parts is None:
            show_parts = ["year", "month", "day"]
        if context is None:
            context = self
        if not self.is_locale_date():
            if name in state.repressed:
                _called(state, name, False)
                return None
            value = item.reference.get(name)
            if state.sorting:
                text = _date_sort_key(value, self.get("date-parts"))
                _called(state, name, bool(text))
                return String(text) if text else None
        form = self.get("form")
        if not self.is_locale_date() and form is not None:
            localized = self.get_date(form)
            date_parts = self.get("date-parts")
            if date_parts is not None:
                show_parts = date_parts.split("-")
            text = localized.process(item, variable, show_parts=list(show_parts), context=self)
            if not self.is_locale_date():
                _called(state, name, text is not None)
            if text is not None and state.note_start:
                state.note_start = False
            return text
        if not self.is_locale_date():
            own = [p.get("name") for p in self.iterchildren()]
            show_parts = [p for p in show_parts if p in own]
        value = item.reference.get(name)
        if not value:
            text = None
        elif isinstance(value, LiteralDate):
            # §4 #14: a literal date stands for the whole date: render it where the year is
            text = String(self.preformat(value.text)) if "year" in show_parts else None
        elif isinstance(value, DateRange):
            text = self.render_date_range(value, list(show_parts), context)
        else:
            text = self.render_single_date(value, list(show_parts), context)
        if not self.is_locale_date():
            _called(state, name, text is not None)
        if text is None:
            return None
        state.note_start = False
        style_context = context if self.is_locale_date() else self
        return style_context.wrap(text)

    def _ordered_parts(self, context: Any, show_parts: list[str]) -> list[Any]:
        return [part for part in self.iterchildren() if part.get("name") in show_parts]

    def render_date_range(
        self, date_range: Any, show_parts: list[str] | None = None, context: Any = None
    ) -> Any:
        """§4 #12/#13: CSL range rendering: differing parts as a range, shared parts once."""
        show_parts = show_parts or ["year", "month", "day"]
        begin, end = date_range.begin, date_range.end
        if end.is_nil():
            return self.render_single_date(begin, show_parts, context)
        parts = self._ordered_parts(context, show_parts)

        def value(date: Any, name: str) -> Any:
            return date.get(name) if name != "month" else date.get("month", date.get("season"))

        if value(begin, "year") != value(end, "year"):
            differing = {"year", "month", "day"}
            largest = "year"
        elif value(begin, "month") != value(end, "month"):
            differing = {"month", "day"}
            largest = "month"
        elif value(begin, "day") != value(end, "day"):
            differing = {"day"}
            largest = "day"
        else:
            return self.render_single_date(begin, show_parts, context)
        shown = [p for p in parts if p.get("name") in differing]
        if not shown:
            return self.render_single_date(begin, show_parts, context)
        if largest == "year":
            shown = parts
        delimiter = EN_DASH
        for part in parts:
            if part.get("name") == largest:
                delimiter = _merged_attr(part, context, "range-delimiter") or EN_DASH
        out: list[Any] = []
        index = 0
        while index < len(parts):
            part = parts[index]
            if part in shown:
                group = [p for p in parts[index:] if p in shown]
                first = self._render_parts(begin, group, context, drop_suffix=True)
                second = self._render_parts(end, group, context, drop_prefix=True)
                if first is None or second is None:
                    return None
                out.append(first + self.preformat(delimiter) + second)
                index += len(group)
            else:
                text = self._render_parts(begin, [part], context)
                if text is not None:
                    out.append(text)
                index += 1
        return join(out) if out else None

    def _render_parts(
        self,
        date: Any,
        parts: list[Any],
        context: Any,
        drop_prefix: bool = False,
        drop_suffix: bool = False,
    ) -> Any:
        out = []
        for i, part in enumerate(parts):
            try:
                text = part.render(
                    date,
                    context,
                    drop_prefix=drop_prefix and i == 0,
                    drop_suffix=drop_suffix and i == len(parts) - 1,
                )
            except VariableError:
                continue
            if text is not None:
                out.append(text)
        return join(out) if out else None

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        parts = self._ordered_parts(context, show_parts or ["year", "month", "day"])
        text = self._render_parts(date, parts, context)
        return text

    def parts(self, date: Any, show_parts: Any, context: Any = None) -> Any:
        return [
            t
            for t in (p.render(date, context) for p in self._ordered_parts(context, show_parts))
            if t is not None
        ]


def _merged_attr(part: Any, context: Any, name: str) -> Any:
    """An attribute of a locale date-part, overridden by the style's date-part of that name."""
    if context is not None and context is not part:
        try:
            override = context.xpath_search(f'./cs:date-part[@name="{part.get("name")}"]')
        except AttributeError:
            override = []
        if override and override[0].get(name) is not None:
            return override[0].get(name)
    return part.get(name)


def _date_sort_key(value: Any, date_parts: str | None) -> str | None:
    """citeproc-js sorts dates numerically (§3 "Bibliography order"), YYYYMMDD per shown part."""
    if value is None:
        return None
    if isinstance(value, LiteralDate):
        return str(value.text)
    shown = (date_parts or "year-month-day").split("-")

    def key(date: Any) -> str:
        year = int(date.get("year", 0))
        month = int(date.get("month", 0)) if "month" in shown else 0
        day = int(date.get("day", 0)) if "day" in shown else 0
        return f"{year + 10000:05d}{month:02d}{day:02d}"

    if isinstance(value, DateRange):
        end = value.get("end")
        return key(value.begin) + ("100000000" if end is None or end.is_nil() else key(end))
    return key(value) + "100000000"  # citeproc-js appends the (empty) end of the range


class Date_Part(CaseMixin, model.Date_Part):
    def render(
        self, date: Any, context: Any = None, drop_prefix: bool = False, drop_suffix: bool = False
    ) -> Any:
        """citeproc-py merged the style's date-part attributes into the locale's element
        permanently (§5.4); here they are applied for this call only."""
        saved = dict(self.attrib)
        try:
            if context is not None and context is not self:
                try:
                    found = context.xpath_search(f'./cs:date-part[@name="{self.get("name")}"]')
                except AttributeError:
                    found = []
                if found:
                    self.attrib.update(dict(found[0].attrib))
            if drop_prefix and "prefix" in self.attrib:
                del self.attrib["prefix"]
            if drop_suffix and "suffix" in self.attrib:
                del self.attrib["suffix"]
            text = self.process(date, self)
            return self.markup(text)
        finally:
            self.attrib.clear()
            self.attrib.update(saved)

    def process(self, date: Any, context: Any = None) -> Any:
        name = self.get("name")
        if name == "month" and "month" not in date and "season" not in date:
            raise VariableError
        if name == "day" and "day" not in date:
            raise VariableError
        text = super().process(date, context)
        return text if text is None or isinstance(text, String) else String(str(text))


class Number(PageRangeMixin, CaseMixin, model.Number):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        variable = self.get("variable")
        name = variable.replace("-", "_")
        state = state_of(item)
        if name in state.repressed:
            _called(state, name, False)
            return None
        try:
            text = super().process(item, context, **kwargs)
        except (VariableError, AttributeError, KeyError):
            text = None
        _called(state, name, bool(text))
        if text:
            state.note_start = False
        return text

    def format_number(self, number: Any) -> Any:
        return self.preformat(str(super().format_number(number)))


class Names(model.Names):
    @structural
    def _names_context(self) -> Any:
        """§4 #4: a shorthand cs:names in cs:substitute inherits the parent's cs:name etc."""
        if self.find("cs:name", self.nsmap) is not None:
            return self
        for ancestor in self.iterancestors():
            if isinstance(ancestor, Substitute):
                parent = ancestor.getparent()
                if isinstance(parent, model.Names):
                    return parent
            if isinstance(ancestor, model.Macro | model.Layout):
                break
        return self

    @structural
    def _parts(self) -> tuple[Any, Any, bool]:
        return self._parts_of(self._names_context())

    def _parts_of(self, names_context: Any) -> tuple[Any, Any, bool]:
        """The cs:name (or the style's default) and cs:label used, and whether the label
        comes before the name."""
        name_elem = names_context.find("cs:name", self.nsmap)
        if name_elem is None:
            name_elem = _DEFAULT_NAME_HOLDER.get(self)
        label_elem = names_context.find("cs:label", self.nsmap)
        label_first = (
            label_elem is not None
            and name_elem.getparent() is names_context
            and names_context.index(label_elem) < names_context.index(name_elem)
        )
        return name_elem, label_elem, label_first

    @structural
    def _roles(self) -> tuple[str, ...]:
        return tuple(self.get("variable").split())

    @structural
    def _substitute(self) -> Any:
        return self.find("cs:substitute", self.nsmap)

    def process(
        self, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        if context is None:
            context = self
        state = state_of(item)
        if names_context is None:
            name_elem, label_elem, label_first = self._parts()
        else:
            name_elem, label_elem, label_first = self._parts_of(names_context)
        roles = self._roles()
        try:
            ed_trans = (
                set(roles) == {"editor", "translator"}
                and item.reference.editor == item.reference.translator
                and self.get_term("editortranslator") is not None
            )
            if ed_trans:
                roles = ("editor",)
        except VariableError:
            ed_trans = False
        top = entry_names_pending(state)
        if top:  # (before the names render: they set what is compared)
            state.last_rendered = None
            state.last_label = False
        output = []
        for nameset, role in enumerate(roles):
            var = role.replace("-", "_")
            if var in state.repressed or not item.reference.get(var):
                _called(state, var, False)
                continue
            text = name_elem.render(item, role, context=context, nameset=nameset, **kwargs)
            _called(state, var, text is not None)
            if text is None:
                continue
            state.note_start = False
            if kwargs.get("sort_options") is None and label_elem is not None:
                plural = len(item.reference[var]) > 1
                label = label_elem.render(
                    item, "editortranslator" if ed_trans else role, plural, **kwargs
                )
                if label is not None:
                    state.last_label = True
                    text = label + text if label_first else text + label
            output.append(text)
        text = self._output(item, output, context, state, **kwargs)
        if top and text is not None and state.last_label:
            # citeproc-js neither substitutes nor remembers names that carry a role label
            state.sas_checked = True
        elif top and text is not None:
            # §4 #16 subsequent-author-substitute, as citeproc-js: the names rendered by the
            # first cs:names of the entry (through its substitute too) are compared
            state.sas_checked = True
            state.rendered_names = state.last_rendered
            if state.substitute_names is not None and repeats_names(
                state.substitute_after, state.last_rendered
            ):
                state.substituted = True
                return String(self.preformat(state.substitute_names))
        return text

    def _names_delimiter(self, context: Any) -> Any:
        """The names-delimiter option in force (of the cs:citation or cs:bibliography)."""
        parent = _options_parent(context if context is not None else self)
        return parent.get_option("names-delimiter")

    def _output(
        self, item: Any, output: list[Any], context: Any, state: RenderState, **kwargs: Any
    ) -> Any:
        if output:
            if all(isinstance(o, int) for o in output):
                total = sum(output)
                return String(str(total)) if total > 0 else None
            state.note_start = False
            return self.join(output, self._names_delimiter(context))
        substitute = self._substitute()
        if substitute is not None:
            state.substituting += 1
            try:
                return substitute.render(item, context=context, **kwargs)
            finally:
                state.substituting -= 1
        return None


class _DefaultNames:
    """A cs:name with default options for a cs:names without one. citeproc-py inserted one
    into the shared style tree while rendering (§5.4); the engine adds one hidden
    ``qc-default`` holder when it loads the style and this finds it."""

    def get(self, names: Any) -> Any:
        root = names.getroottree().getroot()
        found = root.find("cs:qc-default/cs:name", names.nsmap)
        if found is None:
            raise VariableError
        return found


_DEFAULT_NAME_HOLDER = _DefaultNames()


def _initials_only(token: str) -> bool:
    return (
        bool(re.fullmatch(r"(?:\w\.?)+", token))
        and all(c.isupper() for c in token.replace(".", ""))
        and len(token.replace(".", "")) <= 3
        and ("." in token or len(token) == 1)
    )


class Name(model.Name):
    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if sort_options is not None and name in sort_options:
            value = sort_options[name]
        else:
            parent = _options_parent(context if context is not None else self)
            if name in ("form", "delimiter"):
                value = self.get(name, parent.get_option("name-" + name))
            else:
                value = self.get(name, parent.get_option(name))
        if name in ("initialize-with-hyphen", "et-al-use-last"):
            value = str(value).lower() == "true"
        elif name.startswith("et-al"):
            value = int(value)
        return value

    def render(self, item: Any, variable: str, context: Any = None, **kwargs: Any) -> Any:
        return self.markup(self.process(item, variable, context=context, **kwargs))

    def process(
        self,
        item: Any,
        variable: str,
        context: Any = None,
        sort_options: Any = None,
        nameset: int = 0,
        **kwargs: Any,
    ) -> Any:
        state = state_of(item)

        def get_option(name: str) -> Any:
            return self.get_option(name, context, sort_options)

        and_ = get_option("and")
        delimiter = get_option("delimiter")
        precedes_et_al = get_option("delimiter-precedes-et-al")
        precedes_last = get_option("delimiter-precedes-last")
        et_al_min = get_option("et-al-min")
        et_al_use_first = get_option("et-al-use-first")
        et_al_use_last = get_option("et-al-use-last")
        initialize_with = get_option("initialize-with")
        initialize = self.get("initialize", "true").lower() == "true"  # §4 #3
        name_as_sort_order = get_option("name-as-sort-order")
        sort_separator = get_option("sort-separator")
        form = get_option("form")
        demote_ndp = get_option("demote-non-dropping-particle")
        preformat = self.get_formatter().preformat
        sorting = sort_options is not None

        names = list(item.reference.get(variable.replace("-", "_"), []))
        if form == "count":
            if et_al_min and len(names) >= et_al_min > 1:
                return min(len(names), et_al_use_first)
            return len(names)
        disamb = state.disamb.get(item.key) if state.area == "citation" else None
        truncate = bool(len(names) > 1 and et_al_min and len(names) >= et_al_min)
        use_first = et_al_use_first
        if (
            truncate
            and disamb is not None
            and nameset < len(disamb.names)
            and disamb.names[nameset] > use_first
        ):
            use_first = disamb.names[nameset]
            if use_first >= len(names):
                truncate = False
        shown = names[:use_first] if truncate else names
        use_last = truncate and et_al_use_last and et_al_use_first <= et_al_min - 2
        if use_last:
            shown = [*shown, names[-1]]
        et_al = self.et_al() if truncate else None
        if state.collect is not None:  # names registry (engine_disamb), all areas
            for position, name in enumerate(shown):
                if "literal" not in name:
                    state.collect.append(
                        (
                            item.key,
                            nameset,
                            position,
                            name,
                            len(names) if state.area == "citation" else 0,
                        )
                    )

        output = []
        rendered_names = []
        for i, name in enumerate(shown):
            given, family, dp, ndp, suffix = name.parts()
            rendered_names.append("".join(p for p in (family, given, dp, ndp, suffix) if p))
            if "literal" in name:
                output.append(String(preformat(str(name["literal"]))))
                continue
            level = None
            if state.area == "citation" and not sorting and state.name_level is not None:
                level = state.name_level(item, name, nameset, i, form, initialize_with, initialize)
            name_form = form
            do_initialize = initialize and initialize_with is not None
            if level is not None:
                if level >= 1 and name_form == "short":
                    name_form = "long"
                if level >= 2:
                    do_initialize = False
            if given:
                if do_initialize:
                    given = self.initialize(given, initialize_with, context)
                elif initialize_with is not None:
                    given = " ".join(
                        self.initialize(t, initialize_with, context).strip()
                        if _initials_only(t)
                        else t
                        for t in given.split()
                    )
            given = preformat(given) if given else given
            family = preformat(family) if family else family
            dp = preformat(dp) if dp else dp
            ndp = preformat(ndp) if ndp else ndp
            suffix = preformat(suffix) if suffix else suffix
            if name_form == "long" or sorting:
                inverted = (
                    sorting
                    or name_as_sort_order == "all"
                    or (name_as_sort_order == "first" and i == 0)
                )
                if inverted:
                    if (
                        demote_ndp in ("never", "sort-only") and not sorting
                    ) or demote_ndp == "never":
                        fam = " ".join(n for n in (ndp, family) if n)
                        giv = " ".join(n for n in (given, dp) if n)
                    else:
                        fam = family
                        giv = " ".join(n for n in (given, dp, ndp) if n)
                    giv, fam = self._format_parts(giv, fam)
                    text = sort_separator.join(str(n) for n in (fam, giv, suffix) if n)
                else:
                    fam = " ".join(n for n in (dp, ndp, family) if n)
                    giv, fam = self._format_parts(given, fam)
                    text = " ".join(str(n) for n in (giv, fam, suffix) if n)
            else:
                fam = " ".join(n for n in (ndp, family) if n)
                _, fam = self._format_parts(given, fam)
                text = str(fam)
            output.append(String(text))
        if state.area == "bibliography" and not sorting:
            state.last_rendered = rendered_names
        if not output:
            return None
        if sorting:
            return join(output, delimiter)
        if et_al is not None and truncate:
            if use_last:
                ellipsis = self.unicode_character("horizontal ellipsis")
                output[-1] = ellipsis + " " + output[-1]
                return join(output, delimiter)
            if (
                precedes_et_al == "always"
                or (precedes_et_al == "contextual" and len(output) >= 2)
                or (
                    precedes_et_al == "after-inverted-name"
                    and name_as_sort_order is not None
                    and (name_as_sort_order == "all" or len(output) == 1)
                )
            ):
                return join([*output, et_al], delimiter)
            return join(output, delimiter) + " " + et_al
        if and_ is not None and len(output) > 1:
            and_term = self.get_single_term(name="and") if and_ == "text" else self.preformat("&")
            text = join(output[:-1], delimiter)
            inverted_last = name_as_sort_order == "all" or (
                name_as_sort_order == "first" and len(output) == 2
            )
            if (
                precedes_last == "always"
                or (precedes_last == "contextual" and len(output) > 2)
                or (precedes_last == "after-inverted-name" and inverted_last)
            ):
                return text + delimiter + and_term + " " + output[-1]
            return text + " " + and_term + " " + output[-1]
        return join(output, delimiter)

    def _format_parts(self, given: Any, family: Any) -> tuple[Any, Any]:
        for part in self.findall("cs:name-part", self.nsmap):
            if part.get("name") == "given" and given:
                given = part.wrap(part.format(part.case(String(given))))
            elif part.get("name") == "family" and family:
                family = part.wrap(part.format(part.case(String(family))))
        return given, family


class Name_Part(CaseMixin, model.Name_Part):
    pass


class Et_Al(model.Et_Al):
    pass


class Substitute(model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """§4 #8/#9: every variable the chosen substitute rendered is suppressed later."""
        state = state_of(item)
        for child in self.iterchildren():
            trace: set[str] = set()
            state.traces.append(trace)
            try:
                text = child.render(item, context=context, **kwargs)
            except VariableError:
                text = None
            finally:
                state.traces.pop()
            if text:
                state.repressed |= trace
                return text
        return None


class Label(CaseMixin, model.Label):
    def render(
        self, item: Any, variable: str | None = None, plural: Any = None, **kwargs: Any
    ) -> Any:
        text = self.process(item, variable, plural)
        return self.markup(text)

    def process(
        self,
        item: Any,
        variable: str | None = None,
        plural: Any = None,
        context: Any = None,
        **kwargs: Any,
    ) -> Any:
        """§4 #11: no label for an empty variable; §4 #15: number-of-* plurals."""
        state = state_of(item)
        if variable is None:
            variable = self.get("variable")
            if variable == "locator":
                if not item.has_locator:
                    return None
                value = str(item.locator.identifier)
                term = item.locator.label
            else:
                name = variable.replace("-", "_")
                if name in state.repressed:
                    return None
                value = item.reference.get(name)
                if not value or not str(value):
                    return None
                value = str(value)
                term = variable
            if variable.startswith("number-of"):
                try:
                    plural = int(value.strip()) > 1
                except ValueError:
                    plural = False
            else:
                plural = self.RE_MULTIPLE_NUMBERS.search(value) is not None
        else:
            term = variable
        form = self.get("form", "long")
        plural_option = self.get("plural", "contextual")
        form_arg = form if form != "long" else None
        if plural_option == "always" or (plural_option == "contextual" and plural):
            text = self.get_plural_term(name=term, form=form_arg)
        else:
            text = self.get_single_term(name=term, form=form_arg)
        if text:
            _term_rendered(state)
        if text and state.note_start:
            text = text.capitalize_first()
            state.note_start = False
        return text or None


class Group(model.Group):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """§4 #11: suppressed when it calls variables and all of them are empty."""
        state = state_of(item)
        state.frames.append([False, False, False])
        delimiter = self._delimiter()
        output = []
        try:
            for child, is_choose in self._children():
                try:
                    if is_choose:
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text is not None and str(text) != "":
                    output.append(text)
        finally:
            attempt, success, term = state.frames.pop()
        # citeproc-js: output if a variable succeeded, or terms only and no variable tried;
        # a group that renders counts as a success for its parent group
        suppressed = not output or not (success or (term and not attempt))
        if state.frames:
            if suppressed:
                state.frames[-1][0] = attempt
            else:
                state.frames[-1][1] = True
        if suppressed:
            raise VariableError
        return self.join(output)

    @structural
    def _delimiter(self) -> str:
        return str(self.get("delimiter", ""))

    @structural
    def _children(self) -> tuple[tuple[Any, bool], ...]:
        """The children, and which of them is a cs:choose (transparent to the delimiter)."""
        return tuple((child, isinstance(child, model.Choose)) for child in self.iterchildren())


class Choose(model.Choose):
    pass


class If(model.If):
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if not self._holds(item, context):
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _holds(self, item: Any, context: Any) -> bool:
        """Whether this branch's conditions hold for the item."""
        conditions, match = self._conditions()
        results: list[bool] = []
        for condition in conditions:
            if condition == "position":
                results += self._position(item, context)
            else:
                results += getattr(self, _TESTS[condition])(item)
        if match == "any":
            return any(results)
        if match == "none":
            return not any(results)
        return all(results)

    @structural
    def _conditions(self) -> tuple[tuple[str, ...], str]:
        """The conditions this element tests, in citeproc-py's order, and how they combine."""
        return tuple(c for c in _TESTS if c in self.attrib), self.get("match", "all")

    def _disambiguate(self, item: Any) -> list[bool]:
        """§4 #2: true only when disambiguation needs it."""
        disamb = state_of(item).disamb.get(item.key)
        wanted = self.get("disambiguate").lower() == "true"
        holds = disamb is not None and disamb.condition
        return [holds if wanted else not holds]

    def _variable(self, item: Any) -> list[bool]:
        out = []
        for name in self._variable_names():
            if name == "locator":
                out.append(item.has_locator)
            elif name == "year_suffix":
                disamb = state_of(item).disamb.get(item.key)
                out.append(disamb is not None and disamb.year_suffix is not None)
            else:
                out.append(_has(item, name))
        return out

    @structural
    def _variable_names(self) -> tuple[str, ...]:
        return tuple(var.replace("-", "_") for var in self.get("variable").split())

    def _position(self, item: Any, context: Any) -> list[bool]:
        state = state_of(item)
        if state.area != "citation":
            return [False for _ in self.get("position").split()]
        info = item.get("qc_position")
        results = []
        for position in self.get("position").split():
            if info is None:  # disambiguation renderings: CSL "subsequent", near-note
                results.append(position in ("subsequent", "near-note"))
            else:
                results.append(position in info)
        return results


_TESTS = {  # condition attribute -> the method testing it (position also takes the context)
    "disambiguate": "_disambiguate",
    "type": "_type",
    "variable": "_variable",
    "is-numeric": "_is_numeric",
    "is-uncertain-date": "_is_uncertain_date",
    "locator": "_locator",
    "position": "_position",
}


class Else_If(If):
    pass


class Else(model.Else):
    pass


CLASSES: dict[str, type] = {
    cls.__name__.replace("_", "-").lower(): cls
    for cls in (
        Style,
        Locale,
        Citation,
        Bibliography,
        Term,
        Sort,
        Key,
        Macro,
        Layout,
        Text,
        Date,
        Date_Part,
        Number,
        Names,
        Name,
        Name_Part,
        Et_Al,
        Substitute,
        Label,
        Group,
        Choose,
        If,
        Else_If,
        Else,
    )
}

__all__ = [
    "CLASSES",
    "Disamb",
    "RenderState",
    "VariableError",
    "entry_names_pending",
    "repeats_names",
    "state_of",
]
