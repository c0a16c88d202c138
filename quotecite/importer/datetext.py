"""Dates as documents print them: "June 26, 1986", "26 June 1986", "26 июня 1986 г."."""

from __future__ import annotations

import re

from quotecite.dates import MONTHS, DateFormatError, DateSpec, parse_date

_EN = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_EN.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)})
_EN["sept"] = 9
_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_EN_MONTH = r"(?P<m>" + "|".join(sorted(_EN, key=len, reverse=True)) + r")\.?"
_RU_MONTH = (
    r"(?P<m>(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*)"
)
_YEAR = r"(?P<y>1[6-9]\d\d|20\d\d)"
_FORMS = (
    re.compile(rf"\b{_EN_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(rf"(?<!\w)(?P<d>\d{{1,2}})\s+{_RU_MONTH}\s+{_YEAR}(?:\s*(?:г\.|года))?", re.I),
    re.compile(
        r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mn>\d{2})\.(?P<y>1[6-9]\d\d|20\d\d)(?:\s*г\.)?(?![\d.]\d)"
    ),
    re.compile(rf"\b{_EN_MONTH}\s+{_YEAR}\b", re.I),
    re.compile(rf"(?<!\w){_RU_MONTH}\s+{_YEAR}(?:\s*(?:г\.|года))?", re.I),
)


def find_date(text: str) -> tuple[DateSpec, int, int] | None:
    """The first full date in ``text`` (day precision preferred), with its span."""
    best: tuple[DateSpec, int, int] | None = None
    for form in _FORMS:
        for m in form.finditer(text):
            spec = _spec(m)
            if spec is None:
                continue
            if (
                best is None
                or (len(spec.start) > len(best[0].start))
                or (len(spec.start) == len(best[0].start) and m.start() < best[1])
            ):
                best = (spec, m.start(), m.end())
            break
    return best


def _spec(m: re.Match[str]) -> DateSpec | None:
    groups = m.groupdict()
    year = int(groups["y"])
    month: int | None = None
    if groups.get("mn"):
        month = int(groups["mn"])
    elif groups.get("m"):
        word = groups["m"].lower().rstrip(".")
        month = _EN.get(word)
        if month is None:
            month = next((n for stem, n in _RU.items() if word.startswith(stem)), None)
            if word.startswith("ма") and word not in ("май", "мая", "мае"):
                month = 3 if word.startswith("март") else None
    if month is None:
        return None
    day = groups.get("d")
    edtf = f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")
    try:
        return parse_date(edtf)
    except DateFormatError:
        return None


def parse_date_text(text: str) -> DateSpec:
    """A --date value: EDTF (1986-06-26) or a date as printed (June 26, 1986)."""
    try:
        return parse_date(text.strip())
    except DateFormatError:
        found = find_date(text)
        if found and not text[: found[1]].strip(" ,") and not text[found[2] :].strip(" .,"):
            return found[0]
        raise
