"""Dates as written in English news, parsed through one dateparser call (pipeline.text.dates)."""

import datetime as dt

import pytest

from pipeline.text.dates import full_date, normalize_date, parse_date, parse_iso_date

# --- normalize_date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-05-27T22:51:55+00:00", "2021-05-27"),
        ("2021-05-27T23:30:00-05:00", "2021-05-27"),  # as written, no time-zone conversion
        ("2019-01-04", "2019-01-04"),
        ("Fri, 28 May 2021 10:00:00 GMT", "2021-05-28"),
        ("12 May 2021", "2021-05-12"),
        ("May 2021", None),
        ("2021-02-30", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_a_full_date_needs_day_month_and_year():
    assert full_date("3 March 2021", "DMY") == "2021-03-03"
    assert full_date("03/04/2021", "DMY") == "2021-04-03"
    assert full_date("03/04/2021", "MDY") == "2021-03-04"
    assert full_date("March 2021", "DMY") is None


def test_relative_dates_are_read_against_the_base_given():
    base = dt.datetime(2022, 5, 4, 12, 0)
    assert parse_date("3 days ago", order="MDY", base=base).date() == dt.date(2022, 5, 1)
    assert parse_date("3 days ago", order="MDY", base=dt.datetime(2020, 1, 10)).date() == dt.date(2020, 1, 7)


def test_parse_iso_date():
    assert parse_iso_date("2022-05-04T10:00:00") == dt.date(2022, 5, 4)
    assert parse_iso_date("2022-02-30") is None
    assert parse_iso_date(None) is None
