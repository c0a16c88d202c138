"""Dates with their precision: year, month, day, circa, range, or a literal.

The corpus writes dates as a small subset of EDTF (ISO 8601-2), as pandoc's CSL-YAML does:
``1986``, ``1986-06``, ``1986-06-26``, ``1953~`` (circa), ``1962-10-22/1962-10-28`` (range).
A date no such form can express is written as a literal (``{ literal = "late 1985" }``).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_PART = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
DateParts = tuple[int, ...]


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    CIRCA = "circa"
    RANGE = "range"
    LITERAL = "literal"


class DateFormatError(ValueError):
    pass


class DateSpec(NamedTuple):
    """A date as a source states it. ``start`` holds (year[, month[, day]])."""

    start: DateParts = ()
    end: DateParts = ()
    circa: bool = False
    literal: str = ""

    @property
    def precision(self) -> Precision:
        if self.literal:
            return Precision.LITERAL
        if self.end:
            return Precision.RANGE
        if self.circa:
            return Precision.CIRCA
        return (Precision.YEAR, Precision.MONTH, Precision.DAY)[len(self.start) - 1]

    @property
    def year(self) -> int | None:
        return self.start[0] if self.start else None

    def to_edtf(self) -> str:
        if self.literal:
            return self.literal
        text = _edtf_part(self.start)
        if self.end:
            text += "/" + _edtf_part(self.end)
        return text + ("~" if self.circa else "")

    def to_csl(self) -> dict[str, object]:
        """The CSL-JSON date object."""
        if self.literal:
            return {"literal": self.literal}
        parts: list[list[int]] = [list(self.start)]
        if self.end:
            parts.append(list(self.end))
        out: dict[str, object] = {"date-parts": parts}
        if self.circa:
            out["circa"] = True
        return out

    def display(self) -> str:
        """The date for people, in the American form of the English sources: June 26, 1986."""
        if self.literal:
            return self.literal
        text = _display_part(self.start)
        if self.end:
            text = _display_range(self.start, self.end)
        return f"ca. {text}" if self.circa else text

    def sort_key(self) -> tuple[int, int, int]:
        parts = (*tuple(self.start), 0, 0, 0)
        return (parts[0], parts[1], parts[2])


def parse_date(value: object) -> DateSpec:
    """Read a corpus or CSL date: an EDTF-subset string, an int year, or a CSL date object."""
    if isinstance(value, bool):
        raise DateFormatError(f"cannot read date {value!r}")
    if isinstance(value, int):
        return parse_date(str(value))
    if isinstance(value, dict):
        return _from_csl(value)
    if not isinstance(value, str):
        raise DateFormatError(f"cannot read date {value!r}")
    text = value.strip()
    circa = text.endswith("~")
    if circa:
        text = text[:-1]
    first, sep, second = text.partition("/")
    start = _parse_part(first, value)
    end = _parse_part(second, value) if sep else ()
    if end and end < start:
        raise DateFormatError(f"date range {value!r} ends before it begins")
    return DateSpec(start=start, end=end, circa=circa)


def _parse_part(text: str, whole: str) -> DateParts:
    m = _PART.fullmatch(text.strip())
    if not m:
        raise DateFormatError(
            f"cannot read date {whole!r}: write YYYY, YYYY-MM or YYYY-MM-DD, "
            "'~' after it for circa, 'A/B' for a range, or { literal = \"...\" }"
        )
    parts = tuple(int(p) for p in m.groups() if p is not None)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise DateFormatError(f"date {whole!r} has no month {parts[1]}")
    if len(parts) > 2 and not 1 <= parts[2] <= _days_in(parts[0], parts[1]):
        raise DateFormatError(f"date {whole!r} has no day {parts[2]}")
    return parts


def _days_in(year: int, month: int) -> int:
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _from_csl(value: dict[str, object]) -> DateSpec:
    literal = value.get("literal")
    if isinstance(literal, str) and literal.strip():
        return DateSpec(literal=literal.strip())
    raw_parts = value.get("date-parts")
    if not isinstance(raw_parts, list) or not raw_parts:
        raw = value.get("raw")
        if isinstance(raw, str):
            return parse_date(raw)
        raise DateFormatError(f"cannot read date {value!r}")
    spans: list[DateParts] = []
    for part in raw_parts[:2]:
        if not isinstance(part, list) or not part:
            raise DateFormatError(f"cannot read date {value!r}")
        try:
            spans.append(tuple(int(p) for p in part[:3]))
        except (TypeError, ValueError) as exc:
            raise DateFormatError(f"cannot read date {value!r}") from exc
    edtf = "/".join(_edtf_part(s) for s in spans)
    circa = bool(value.get("circa"))
    return parse_date(edtf + ("~" if circa else ""))


def _edtf_part(parts: DateParts) -> str:
    out = f"{parts[0]:04d}"
    for p in parts[1:]:
        out += f"-{p:02d}"
    return out


def _display_part(parts: DateParts) -> str:
    if len(parts) == 1:
        return str(parts[0])
    month = MONTHS[parts[1] - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{month} {parts[2]}, {parts[0]}"


def _display_range(start: DateParts, end: DateParts) -> str:
    if len(start) == 3 and len(end) == 3 and start[:2] == end[:2]:
        return f"{MONTHS[start[1] - 1]} {start[2]}–{end[2]}, {start[0]}"
    if len(start) == len(end) and start[0] == end[0] and len(start) > 1:
        head = _display_part(start)
        head = head.rsplit(",", 1)[0] if len(start) == 3 else MONTHS[start[1] - 1]
        return f"{head}–{_display_part(end)}"
    return f"{_display_part(start)}–{_display_part(end)}"
