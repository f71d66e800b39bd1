"""How dates are written in English news, and the one place dateparser is called.

Two callers parse dates: the readers (a publication date in metadata or a dateline: day, month
and year must all be written) and the dates stage (a DATE entity, against the publication date).
Both go through `parse_date`, always with English, an explicit date order and a fixed
`RELATIVE_BASE`, never the day the pipeline runs.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

# Alternations for the names of months and weekdays, case-insensitive wherever they are used.
MONTH_NAMES = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
WEEKDAY_NAMES = (
    r"(?i:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)"
)
# The base of text that gives day, month and year: nothing may depend on it.
FIXED_BASE = dt.datetime(2000, 1, 1)
_ISO_DATE_PREFIX_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d])")
_MAX_DATE_CHARS = 100


def parse_date(
    text: str, *, order: str, base: dt.datetime, prefer: str | None = None, require_full: bool = False
) -> dt.datetime | None:
    """dateparser's reading of `text` in English with the date order ("MDY", "DMY") and the
    base for relative dates given; `prefer` ("past"/"future") the side of `base` for an
    underspecified date; `require_full`: None unless day, month and year are all written."""
    settings: dict = {"DATE_ORDER": order, "RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
    if prefer is not None:
        settings["PREFER_DATES_FROM"] = prefer
    if require_full:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
        settings["PREFER_DAY_OF_MONTH"] = "first"
    return dateparser.parse(text, languages=["en"], settings=settings)


def full_date(text: str, order: str) -> str | None:
    """The ISO date of a text that writes day, month and year, else None."""
    parsed = parse_date(text, order=order, base=FIXED_BASE, require_full=True)
    return parsed.date().isoformat() if parsed is not None else None


def parse_iso_date(value: str | None) -> dt.date | None:
    """The date of an ISO "YYYY-MM-DD" string (a time part is ignored), else None."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def normalize_date(value: str) -> str | None:
    """Return the ISO date ("YYYY-MM-DD") of a metadata date string, or None if it has none.

    A timestamp keeps the date as written ("2021-05-27T22:51:55+00:00" -> "2021-05-27"), with
    no time-zone conversion. Values without day, month and year give None.
    """
    value = value.strip()
    m = _ISO_DATE_PREFIX_RE.match(value)
    if m:
        found = parse_iso_date(m.group(0))
        return found.isoformat() if found else None
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    return full_date(value, "DMY")
