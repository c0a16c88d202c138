"""Dates with precision (EDTF subset and CSL date objects)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotecite.dates import DateFormatError, DateSpec, Precision, parse_date


@pytest.mark.parametrize(
    ("value", "precision", "display", "csl"),
    [
        ("1986", Precision.YEAR, "1986", {"date-parts": [[1986]]}),
        ("1988-12", Precision.MONTH, "December 1988", {"date-parts": [[1988, 12]]}),
        ("1986-06-26", Precision.DAY, "June 26, 1986", {"date-parts": [[1986, 6, 26]]}),
        ("1953~", Precision.CIRCA, "ca. 1953", {"date-parts": [[1953]], "circa": True}),
        (
            "1962-10-22/1962-10-28",
            Precision.RANGE,
            "October 22–28, 1962",
            {"date-parts": [[1962, 10, 22], [1962, 10, 28]]},
        ),
        (
            "1985-03/1985-12",
            Precision.RANGE,
            "March–December 1985",
            {"date-parts": [[1985, 3], [1985, 12]]},
        ),
        ({"literal": "late 1985"}, Precision.LITERAL, "late 1985", {"literal": "late 1985"}),
        (
            {"date-parts": [[1979, 12, 12]]},
            Precision.DAY,
            "December 12, 1979",
            {"date-parts": [[1979, 12, 12]]},
        ),
        (1995, Precision.YEAR, "1995", {"date-parts": [[1995]]}),
    ],
)
def test_parse(value: object, precision: Precision, display: str, csl: dict[str, object]) -> None:
    date = parse_date(value)
    assert date.precision is precision
    assert date.display() == display
    assert date.to_csl() == csl


@pytest.mark.parametrize(
    "value",
    ["June 1986", "1986-13", "1986-02-30", "86", "1990/1989", True, 3.5, {"date-parts": "x"}],
)
def test_rejects(value: object) -> None:
    with pytest.raises(DateFormatError):
        parse_date(value)


def test_leap_day() -> None:
    assert parse_date("1988-02-29").display() == "February 29, 1988"
    with pytest.raises(DateFormatError):
        parse_date("1987-02-29")


@given(st.dates(), st.integers(1, 3), st.booleans())
def test_edtf_round_trip(day: object, parts: int, circa: bool) -> None:
    import datetime

    assert isinstance(day, datetime.date)
    spec = DateSpec(start=(day.year, day.month, day.day)[:parts], circa=circa)
    if day.year < 1000:
        return
    assert parse_date(spec.to_edtf()) == spec
