"""Dates as documents and their publishers print them.

Word forms, found anywhere in a text (:func:`find_dates`): "June 26, 1986", "26 June 1986",
"August 13,1968", "May 18 1990", "December 1–4, 1981" (a range), "17-19 June 1953",
"“13” June 1956", "June 1961", "26 июня 1986 г.", "25 августа 1931 года", "18. März 1991".

Numeric and Roman-month forms, read only where a line or a heading is a date (:func:`date_line`,
:func:`numeric_date`), because in running text they are too easily something else:
"1962/10/24", "1934.09.29", "13.1.1951", "28. 1.1936", "11. VIII. 36.", "7. II. 1938", "8. 2. 38.",
"10/Х-33 г." (a Cyrillic Х for the Roman ten), "29/IX — 34 г.", "11/VII-27.", "12.XII.34".
A two-digit year is of the twentieth century: these are Soviet-era documents.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quotecite.dates import MONTHS, DateFormatError, DateSpec, parse_date

_EN = {m.lower(): i + 1 for i, m in enumerate(MONTHS)}
_EN.update({m[:3].lower(): i + 1 for i, m in enumerate(MONTHS)})
_EN["sept"] = 9
_DE = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
}  # fmt: skip
_FR = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip
_RU = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6,
    "июл": 7, "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
}  # fmt: skip
_EN_MONTH = r"(?P<m>" + "|".join(sorted(_EN, key=len, reverse=True)) + r")\.?"
_FOREIGN_MONTH = r"(?P<m>" + "|".join(sorted({**_DE, **_FR}, key=len, reverse=True)) + r")"
_RU_MONTH = (
    r"(?P<m>(?:январ|феврал|март|апрел|ма|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*)"
)
_YEAR = r"(?P<y>1[6-9]\d\d|20\d\d)"
_DAY = r"[“\"«]?(?P<d>\d{1,2})[”\"»]?(?:st|nd|rd|th)?"
_DASH = r"\s*[-–—]\s*"
_DAY_RU = r"[“\"«]?(?P<d>\d{1,2})(?:-?го|-?е)?[”\"»]?"  # "25-го марта"
_RU_YEAR_END = r"(?:\s*(?:г\.|гг\.|года?)(?![а-я]))?"

#: (pattern, kind): kind "range" has d1/d2 (days) or d1 m1/d2 m2
_DAYS = r"(?P<d1>\d{1,2})" + _DASH + r"(?P<d2>\d{1,2})"
_WORD_FORMS = (
    (re.compile(rf"\b{_EN_MONTH}\s+{_DAYS},?\s*{_YEAR}\b", re.I), "range"),
    (re.compile(rf"(?<![\w.]){_DAYS}\s+{_EN_MONTH},?\s+{_YEAR}\b", re.I), "range"),
    (re.compile(rf"\b{_EN_MONTH}\s+{_DAY},?\s*{_YEAR}\b", re.I), "day"),
    (re.compile(rf"(?<![\w.]){_DAY}\s+(?:of\s+)?{_EN_MONTH},?\s+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"(?<![\w.]){_DAYS}\s+{_RU_MONTH}\s+{_YEAR}{_RU_YEAR_END}", re.I), "range"),
    (re.compile(rf"(?<![\w.]){_DAY_RU}\s+{_RU_MONTH}\s+{_YEAR}{_RU_YEAR_END}", re.I), "day"),
    (re.compile(rf"(?<![\w.]){_DAY}\.?\s+{_FOREIGN_MONTH}\s+{_YEAR}\b", re.I), "day"),
    (re.compile(rf"\b{_EN_MONTH}\s+{_YEAR}\b", re.I), "month"),
    (re.compile(rf"(?<!\w){_RU_MONTH}\s+{_YEAR}{_RU_YEAR_END}", re.I), "month"),
)  # fmt: skip

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9,
          "X": 10, "XI": 11, "XII": 12}  # fmt: skip
#: Cyrillic letters that stand for Roman numerals in Russian typescripts (Х, І)
_ROMAN_CYR = str.maketrans({"Х": "X", "х": "X", "І": "I", "і": "I", "У": "V"})
_ROMAN_MONTH = r"(?P<rm>XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
_NUMERIC_FORMS = (
    # 1962/10/24, 1934.09.29
    re.compile(r"(?<![\d./])(?P<y>1[6-9]\d\d|20\d\d)[./](?P<mn>\d{1,2})[./](?P<d>\d{1,2})(?![\d./])"),
    # 13.1.1951, 28. 1.1936, 8. 2. 38., 13.1.51, 26/06/1986
    re.compile(r"(?<![\d./])(?P<d>\d{1,2})\s*[./]\s*(?P<mn>\d{1,2})\s*[./]\s*(?P<y>(?:1[6-9]|20)?\d\d)(?![\d/])"),
    # 11. VIII. 36., 7. II. 1938, 12.XII.34, 10/X-33, 29/IX — 34, 11/VII-27, 30 / III-22
    re.compile(r"(?<![\d\w])(?P<d>\d{1,2})\s*[./]\s*" + _ROMAN_MONTH
               + r"\s*(?:[./]|[-–—])\s*(?P<y>(?:1[6-9]|20)?\d\d)(?!\d)"),
)  # fmt: skip
_DATE_WORDS = re.compile(
    r"(?:г\.|года?|y\.|hours?|h\.|час\.|мин\.|minutes?|p\.m\.|a\.m\.|[\d:.]+|ч\.|,|–|—|-)+", re.I
)


class Found(NamedTuple):
    spec: DateSpec
    start: int
    end: int
    precision: str  #: "day", "month", "year", "range"


def find_dates(text: str) -> list[Found]:
    """Every date written with a month name in ``text``, in order; the longest of overlaps."""
    found: list[Found] = []
    for form, kind in _WORD_FORMS:
        for m in form.finditer(text):
            spec = _spec(m, kind)
            if spec is not None:
                found.append(Found(spec, m.start(), m.end(), kind))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def find_date(text: str) -> tuple[DateSpec, int, int] | None:
    """The first full date in ``text`` (day precision preferred), with its span."""
    dates = find_dates(text)
    if not dates:
        return None
    best = next((f for f in dates if f.precision in ("day", "range")), dates[0])
    return best.spec, best.start, best.end


def numeric_date(text: str) -> tuple[DateSpec, int, int] | None:
    """The first date written in figures or with a Roman month in ``text``."""
    probe = text.translate(_ROMAN_CYR)
    best: tuple[DateSpec, int, int] | None = None
    for form in _NUMERIC_FORMS:
        for m in form.finditer(probe):
            spec = _numeric_spec(m)
            if spec is not None and (best is None or m.start() < best[1]):
                best = (spec, m.start(), m.end())
                break
    return best


def date_line(text: str) -> DateSpec | None:
    """The date a line consists of ("7 декабря 1934 г.", "10/Х-33 г.2", "Moscow, 12 March 1983").

    A line qualifies when, the date taken away, at most a place and a few words of time or
    number remain.
    """
    t = " ".join(text.split())
    if not t or len(t) > 90:
        return None
    for finder in (find_date, numeric_date):
        found = finder(t)
        if found is None:
            continue
        spec, start, end = found
        rest = (t[:start] + " " + t[end:]).strip()
        if re.search(r"\w\s+[—–]\s+\w", rest):
            return None  # "Каганович — Сталину 1 августа 1932 г.": a heading with its date
        rest = _DATE_WORDS.sub(" ", rest)
        words = [w for w in re.split(r"[\s,.;:()\[\]*]+", rest) if w]
        if len(words) <= 2 and not any(w.isdigit() and len(w) > 2 for w in words):
            return spec
    return None


def _spec(m: re.Match[str], kind: str) -> DateSpec | None:
    groups = m.groupdict()
    year = int(groups["y"])
    month = _month(groups.get("m") or "")
    if month is None:
        return None
    try:
        if kind == "range":
            d1, d2 = int(groups["d1"]), int(groups["d2"])
            if d2 <= d1:
                return None
            return parse_date(f"{year:04d}-{month:02d}-{d1:02d}/{year:04d}-{month:02d}-{d2:02d}")
        day = groups.get("d")
        return parse_date(f"{year:04d}-{month:02d}" + (f"-{int(day):02d}" if day else ""))
    except DateFormatError:
        return None


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if not w:
        return None
    if w in _EN:
        return _EN[w]
    if w in _DE:
        return _DE[w]
    if w in _FR:
        return _FR[w]
    if w.startswith("ма"):
        return 3 if w.startswith("март") else (5 if w in ("май", "мая", "мае") else None)
    return next((n for stem, n in _RU.items() if w.startswith(stem)), None)


def _numeric_spec(m: re.Match[str]) -> DateSpec | None:
    groups = m.groupdict()
    month = _ROMAN[groups["rm"]] if groups.get("rm") else int(groups["mn"])
    year_text = groups["y"]
    year = int(year_text) if len(year_text) == 4 else 1900 + int(year_text)
    day = int(groups["d"])
    try:
        return parse_date(f"{year:04d}-{month:02d}-{day:02d}")
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
