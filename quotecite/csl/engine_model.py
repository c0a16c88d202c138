"""The corrected citeproc-py element classes (the patch set of :mod:`quotecite.csl.engine`).

citeproc-py maps every CSL element to a Python class through an lxml element-class lookup.
quotecite parses styles and locales with its own hardened parser whose lookup maps the CSL
elements to the subclasses below instead; citeproc-py's own classes and module stay untouched,
so nothing here is global state and a style loaded by plain citeproc-py behaves as before.
Each override names the defect of the research note it fixes.
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.source import VariableError
from citeproc.string import String

# mypy: disallow-subclassing-any=False


def _preformat(element: Any, value: Any) -> Any:
    """Escape a field value for the output format (citeproc-py escapes only terms)."""
    formatter = element.get_formatter()
    if isinstance(value, list):  # a MixedString: keep the NoCase segments
        return type(value)([type(part)(formatter.preformat(str(part))) for part in value])
    if isinstance(value, String):
        return type(value)(formatter.preformat(str(value)))
    if isinstance(value, str):
        return String(formatter.preformat(value))
    return value


class Style(model.Style):
    locale_loader: Any = None  # set by the engine: loads a locale file with the hardened parser

    def set_locale_list(self, output_locale: str, validate: bool = False) -> None:
        """citeproc-py's lookup order, but locale files go through ``locale_loader``."""
        self.locales: list[Any] = []
        loaded: set[str] = set()

        def add_instyle_locale(locale: str | None) -> None:
            expr = (f'./cs:locale[@xml:lang="{locale}"]' if locale
                    else "./cs:locale[not(@xml:lang)]")
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
    pass


class Key(model.Key):
    pass


class Macro(model.Macro):
    pass


class Layout(model.Layout):
    pass


class Text(model.Text):
    def _variable(self, item: Any, context: Any) -> Any:
        text = super()._variable(item, context)
        variable = self.get("variable")
        if variable.startswith("page") or variable in ("citation-number", "locator"):
            return text
        return _preformat(self, text)


class Date(model.Date):
    pass


class Date_Part(model.Date_Part):
    pass


class Number(model.Number):
    def format_number(self, number: Any) -> Any:
        return _preformat(self, super().format_number(number))


class Names(model.Names):
    pass


class Name(model.Name):
    def process(self, item: Any, variable: str, context: Any = None,
                sort_options: Any = None, **kwargs: Any) -> Any:
        return super().process(item, variable, context=context, sort_options=sort_options,
                               **kwargs)


class Name_Part(model.Name_Part):
    pass


class Et_Al(model.Et_Al):
    pass


class Substitute(model.Substitute):
    pass


class Label(model.Label):
    pass


class Group(model.Group):
    pass


class Choose(model.Choose):
    pass


class If(model.If):
    pass


class Else_If(If):
    pass


class Else(model.Else):
    pass


CLASSES: dict[str, type] = {
    cls.__name__.replace("_", "-").lower(): cls
    for cls in (Style, Locale, Citation, Bibliography, Term, Sort, Key, Macro, Layout, Text,
                Date, Date_Part, Number, Names, Name, Name_Part, Et_Al, Substitute, Label,
                Group, Choose, If, Else_If, Else)
}

__all__ = ["CLASSES", "VariableError"]
