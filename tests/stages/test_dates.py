import dataclasses
import datetime as dt

import pytest

from pipeline.stages import dates
from pipeline.stages.dates import ResolvedDate, parse_iso_date, resolve_date
from pipeline.text import dates as text_dates

PUB = "2017-11-24"  # a Friday


def value(text, published=PUB, **kwargs):
    result = resolve_date(text, published, **kwargs)
    return None if result is None else (result.value, result.precision, result.year_source)


# -- parse_iso_date ------------------------------------------------------------------


def test_parse_iso_date_reads_a_date():
    assert parse_iso_date("2017-11-24") == dt.date(2017, 11, 24)


def test_parse_iso_date_ignores_a_time_part():
    assert parse_iso_date("2017-11-24T08:30:00Z") == dt.date(2017, 11, 24)


@pytest.mark.parametrize("bad", [None, "", "yesterday", "2017-13-01", "24/11/2017"])
def test_parse_iso_date_rejects_non_dates(bad):
    assert parse_iso_date(bad) is None


# -- full dates ----------------------------------------------------------------------


def test_full_date_has_day_precision_and_year_from_text():
    assert value("November 22, 2017") == ("2017-11-22", "day", "text")


def test_full_date_ignores_publication_year():
    assert value("22 November 2015") == ("2015-11-22", "day", "text")


def test_iso_date_in_text():
    assert value("2017-11-03") == ("2017-11-03", "day", "text")


def test_numeric_date_is_month_first():
    assert value("11/03/2017") == ("2017-11-03", "day", "text")


def test_numeric_date_with_day_above_twelve():
    assert value("22/11/2017") == ("2017-11-22", "day", "text")


def test_impossible_date_is_none():
    assert resolve_date("31 June 2017", PUB) is None
    assert resolve_date("29 February 2019", PUB) is None
    assert resolve_date("30 February", None) is None


# -- month and day without a year ----------------------------------------------------


def test_month_day_takes_year_of_publication():
    assert value("22 November") == ("2017-11-22", "day", "published")


def test_month_day_after_publication_falls_in_previous_year():
    assert value("December 28", "2018-01-03") == ("2017-12-28", "day", "published")


def test_month_day_on_publication_day_is_that_day():
    assert value("24 November") == ("2017-11-24", "day", "published")


def test_month_day_in_future_mode_is_on_or_after_publication():
    assert value("22 November", past=False) == ("2018-11-22", "day", "published")
    assert value("28 November", past=False) == ("2017-11-28", "day", "published")


def test_month_day_relative_base_is_the_publication_date_not_today():
    assert value("22 November", "1999-12-01") == ("1999-11-22", "day", "published")


def test_month_day_without_publication_date():
    assert value("22 November", None) == ("--11-22", "month_day", None)


def test_leap_day_without_year_goes_back_to_a_leap_year():
    assert value("29 February") == ("2016-02-29", "day", "published")


@pytest.mark.parametrize(
    "text", ["Nov. 22", "Nov 22", "22nd November", "November 22nd", "the 22nd of November", "22 Nov"]
)
def test_month_day_spellings(text):
    assert value(text) == ("2017-11-22", "day", "published")


def test_abbreviation_sept():
    assert value("Sept. 5") == ("2017-09-05", "day", "published")


def test_weekday_with_date_uses_the_date():
    assert value("Tuesday, November 14") == ("2017-11-14", "day", "published")


# -- ranges --------------------------------------------------------------------------


# Which day of a range an event fell on is not said: only the month is kept.
def test_range_with_year_gives_the_month():
    assert value("June 7-8, 2022") == ("2022-06", "month", "text")


def test_day_first_range_with_en_dash_gives_the_month():
    assert value("7\u20138 June") == ("2017-06", "month", "published")


def test_range_across_months_gives_the_first_month():
    assert value("30 June - 2 July 2022") == ("2022-06", "month", "text")


def test_from_to_range_gives_the_month():
    assert value("from 12 to 14 September 2019") == ("2019-09", "month", "text")


def test_year_range_gives_first_year():
    assert value("2019-2021") == ("2019", "year", "text")


# -- month and year precision -----------------------------------------------------------


def test_month_and_year():
    assert value("March 2021") == ("2021-03", "month", "text")


def test_year_only():
    assert value("2019") == ("2019", "year", "text")


def test_qualified_year_keeps_year():
    assert value("mid-2019") == ("2019", "year", "text")
    assert value("early 2020") == ("2020", "year", "text")


def test_iso_month():
    assert value("2017-11") == ("2017-11", "month", "text")


def test_month_alone_is_on_or_before_publication():
    assert value("March") == ("2017-03", "month", "published")
    assert value("November") == ("2017-11", "month", "published")


def test_month_alone_in_future_mode():
    assert value("March", past=False) == ("2018-03", "month", "published")


def test_last_month_name_is_strictly_before():
    assert value("last November") == ("2016-11", "month", "published")


def test_month_alone_without_publication_is_none():
    assert resolve_date("March", None) is None


# -- weekdays and relative days ------------------------------------------------------------


@pytest.mark.parametrize("text", ["Tuesday", "on Tuesday", "last Tuesday", "Tuesday morning"])
def test_weekday_is_most_recent_on_or_before_publication(text):
    assert value(text) == ("2017-11-21", "day", "published")


def test_weekday_same_as_publication_day():
    assert value("Friday") == ("2017-11-24", "day", "published")


def test_weekday_in_future_mode():
    assert value("Tuesday", past=False) == ("2017-11-28", "day", "published")


def test_last_weekday_is_strictly_before():
    assert value("last Friday") == ("2017-11-17", "day", "published")


def test_next_weekday_is_strictly_after_even_in_past_mode():
    assert value("next Tuesday") == ("2017-11-28", "day", "published")


def test_weekday_without_publication_is_none():
    assert resolve_date("Tuesday", None) is None


def test_plural_weekday_is_recurring_not_a_date():
    assert resolve_date("Tuesdays", PUB) is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("yesterday", "2017-11-23"),
        ("today", "2017-11-24"),
        ("tomorrow", "2017-11-25"),
        ("tonight", "2017-11-24"),
        ("last night", "2017-11-23"),
    ],
)
def test_relative_days(text, expected):
    assert value(text) == (expected, "day", "published")


def test_relative_day_without_publication_is_none():
    assert resolve_date("yesterday", None) is None


def test_days_ago():
    assert value("2 days ago") == ("2017-11-22", "day", "published")


def test_years_ago():
    assert value("three years ago") == ("2014", "year", "published")


def test_weeks_ago_is_too_vague():
    assert resolve_date("two weeks ago", PUB) is None


# -- relative periods -------------------------------------------------------------------


def test_this_year():
    assert value("this year") == ("2017", "year", "published")


def test_last_year():
    assert value("last year") == ("2016", "year", "published")


def test_next_month_crosses_year_end():
    assert value("next month", "2017-12-05") == ("2018-01", "month", "published")


def test_earlier_this_month():
    assert value("earlier this month") == ("2017-11", "month", "published")


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("this week", "2017-11-24", "2017-11"),  # Monday 20 to Sunday 26 November
        ("last week", "2017-11-24", "2017-11"),
        ("next week", "2017-11-24", None),  # 27 November to 3 December: which month is not said
        ("this week", "2017-12-01", None),
    ],
)
def test_a_week_is_its_month_when_it_falls_in_one(text, published, expected):
    found = resolve_date(text, published)
    assert (found.value, found.precision) == (expected, "month") if expected else found is None


def test_this_year_without_publication_is_none():
    assert resolve_date("this year", None) is None


# -- not points in time -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the last three years",
        "three years",
        "recent months",
        "decades",
        "the past",
        "annually",
        "the 1990s",
        "the last year",
        "the past year",
        "the weekend",
        "24 hours",
        "",
    ],
)
def test_spans_and_durations_are_none(text):
    assert resolve_date(text, PUB) is None


# -- input hygiene and caching ---------------------------------------------------------------


def test_curly_quotes_and_nbsp():
    result = resolve_date("\u201cNovember\u00a022,\u00a02017\u201d", PUB)
    assert result is not None
    assert result.value == "2017-11-22"
    assert result.text == "\u201cNovember\u00a022,\u00a02017\u201d"


def test_malformed_publication_date_is_treated_as_unknown():
    assert value("22 November", "not a date") == ("--11-22", "month_day", None)


def test_result_is_frozen():
    result = resolve_date("2019", PUB)
    assert isinstance(result, ResolvedDate)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.value = "2020"  # type: ignore[misc]


def test_results_are_cached(monkeypatch):
    dates._resolve_cached.cache_clear()
    calls = []
    real = text_dates.dateparser.parse

    def counting(*args, **kwargs):
        calls.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(text_dates.dateparser, "parse", counting)
    first = resolve_date("3 days ago", PUB)
    second = resolve_date("3 days ago", PUB)
    assert first is second
    assert len(calls) == 1
    resolve_date("3 days ago", PUB, past=False)
    assert len(calls) == 2


def test_dateparser_sees_only_the_date_core(monkeypatch):
    dates._resolve_cached.cache_clear()
    seen = []
    real = text_dates.dateparser.parse

    def spy(*args, **kwargs):
        seen.append((args[0], kwargs["settings"]))
        return real(*args, **kwargs)

    monkeypatch.setattr(text_dates.dateparser, "parse", spy)
    result = resolve_date("(3 days ago)", "2010-05-05")
    assert len(seen) == 1
    core, settings = seen[0]
    assert core == "3 days ago"
    assert result.value == "2010-05-02"
    assert settings["RELATIVE_BASE"] == dt.datetime(2010, 5, 5, 12, 0)
    assert settings["DATE_ORDER"] == "MDY"
    assert settings["PREFER_DATES_FROM"] == "past"
