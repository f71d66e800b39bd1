"""Resolve the text of one DATE entity to an ISO date of known precision.

Which parts of a date are *written* (year, month, day, weekday, a relative word) is
decided here with regexes, because dateparser silently fills missing parts from its
base date. A day and month read that way are checked against the calendar (dateparser
would only re-read them, at a cost); dateparser reads the rest (numeric dates, "3 days
ago") from the small cleaned core of the entity.
Relative expressions are resolved against the article's publication date, never
against the day the pipeline runs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.stages.doc_cache import doc_ents, index_sentences
from pipeline.text.dates import MONTH_NAMES, WEEKDAY_NAMES, parse_date, parse_iso_date

__all__ = ["ResolvedDate", "resolve_date"]


@dataclass(frozen=True)
class ResolvedDate:
    """A date read from text: ISO `value` at `precision`, and where its year came from."""

    value: str
    precision: str  # "day" | "month_day" | "month" | "year"
    year_source: str | None  # "text" | "published" | None
    text: str


_MONTHS = MONTH_NAMES
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(calendar.month_name) if name}
_MONTH = rf"(?P<month>{_MONTHS})\b\.?"
_ORD = r"(?:st|nd|rd|th)?"
_RANGE_SEP = r"\s*(?:-|to|and|&|through|until|till)\s*"
_DAY_FIRST_RE = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORD}(?:{_RANGE_SEP}\d{{1,2}}{_ORD})?\s+(?:of\s+)?{_MONTH}", re.I)
_MONTH_FIRST_RE = re.compile(rf"\b{_MONTH}\s*(?P<day>\d{{1,2}}){_ORD}\b(?!\s*[:.]\d)", re.I)
_DAY_RANGE_RE = re.compile(
    rf"\b\d{{1,2}}{_ORD}(?:\s+(?:{_MONTHS}))?\.?\s*(?:-|–|—|to|and|&|through|until|till)\s*\d{{1,2}}{_ORD}(?!\d)", re.I
)
_MONTH_RE = re.compile(rf"\b{_MONTH}", re.I)
_YEAR_RE = re.compile(r"(?<![\d/.])(?<!\d-)(?P<year>1[89]\d\d|2[01]\d\d)(?!\d)(?!'?s\b)")
_DECADE_RE = re.compile(
    r"\b\d{2,4}'?s\b|\b(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", re.I
)
_ISO_RE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?(?:[T ].*)?$")
_NUMERIC_RE = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})$")

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_RE = re.compile(rf"\b(?:(?P<mod>last|this|next|past|coming)\s+)?(?P<weekday>{WEEKDAY_NAMES})\b", re.I)
# Offsets in days from the publication date.
_RELATIVE_DAYS = (
    (re.compile(r"\bthe\s+day\s+before\s+yesterday\b", re.I), -2),
    (re.compile(r"\bthe\s+day\s+after\s+tomorrow\b", re.I), 2),
    (re.compile(r"\byesterday\b|\blast\s+night\b", re.I), -1),
    (re.compile(r"\btomorrow\b", re.I), 1),
    (re.compile(r"\btoday\b|\btonight\b|\bthis\s+(?:morning|afternoon|evening)\b", re.I), 0),
)
# "last year" is a point in time; "the last year" (as in "over the last year") is a span.
_RELATIVE_PERIOD_RE = re.compile(
    r"(?<!\bthe\s)\b(?P<mod>this|last|next|coming)\s+(?P<unit>week|month|year)\b(?!s)", re.I
)
_AGO_RE = re.compile(
    r"^(?:about\s+|some\s+|nearly\s+|almost\s+)?(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\s+(?P<unit>day|week|month|year)s?\s+ago$",
    re.I,
)
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_DASHES_RE = re.compile(r"[\u2010-\u2015\u2212]")

# DATE_ORDER only affects all-numeric dates such as "11/03/2017". English-language
# news wires and most of the English web follow the US month-first convention, and a
# day above 12 is still read correctly by dateparser whichever order is set.
_DATE_ORDER = "MDY"
# Used only for text whose year is not written when no publication date is known (to
# parse it, or to check that its day exists): a leap year, so "29 February" is a date;
# its year never reaches the output.
_NEUTRAL_BASE = dt.datetime(2000, 6, 15, 12, 0)


def resolve_date(text: str, published: str | None, *, past: bool = True) -> ResolvedDate | None:
    """Resolve one DATE entity's text against the publication date ("YYYY-MM-DD" or None).

    Returns None for spans, durations and anything that is not a point in time, and for
    relative dates (weekdays, "yesterday") when the publication date is unknown.
    `past` says whether an underspecified date should fall on or before the publication
    date (an event reported as done) or on or after it (an event announced).
    """
    if not text or not isinstance(text, str):
        return None
    return _resolve_cached(text, published, bool(past))


@functools.lru_cache(maxsize=8192)
def _resolve_cached(text: str, published: str | None, past: bool) -> ResolvedDate | None:
    clean = _normalise(text)
    if not clean:
        return None
    pub = parse_iso_date(published)
    value = _resolve(clean, pub, past)
    if value is None:
        return None
    return ResolvedDate(value=value[0], precision=value[1], year_source=value[2], text=text)


def warm_up() -> None:
    """Build dateparser's lazily made tables (the English locale, the time-zone patterns: about
    0.3 s) now, so that loading the pipeline pays for them rather than the first article."""
    _parse("3 March 2020", _NEUTRAL_BASE, True)


def _normalise(text: str) -> str:
    s = unicodedata.normalize("NFKC", text.translate(_QUOTES))
    s = _DASHES_RE.sub("-", s)
    s = re.sub(r"\s+", " ", s).strip(" \t\"'.,;:()[]")
    return s


def _parse(core: str, base: dt.datetime, past: bool) -> dt.datetime | None:
    return parse_date(core, order=_DATE_ORDER, base=base, prefer="past" if past else "future")


def _base(pub: dt.date | None) -> dt.datetime:
    if pub is None:
        return _NEUTRAL_BASE
    return dt.datetime(pub.year, pub.month, pub.day, 12, 0)


_Result = tuple[str, str, "str | None"]


def _resolve(s: str, pub: dt.date | None, past: bool) -> _Result | None:
    iso = _ISO_RE.match(s)
    if iso:
        return _from_iso(iso)
    if _NUMERIC_RE.match(s):
        parsed = _parse(s, _base(pub), past)
        return (parsed.date().isoformat(), "day", "text") if parsed else None
    if _DECADE_RE.search(s):
        return None

    year_m = _YEAR_RE.search(s)
    year = int(year_m.group("year")) if year_m else None
    day_m = _first_match(_DAY_FIRST_RE, _MONTH_FIRST_RE, s)
    month_m = day_m or _MONTH_RE.search(s)

    if day_m:
        result = _month_day(_month_number(day_m.group("month")), int(day_m.group("day")), year, pub, past)
        if result is not None and _DAY_RANGE_RE.search(s) and result[1] == "day":
            # "12 to 14 September 2019": which day is not said, only the month
            return (result[0][:7], "month", result[2])
        return result
    if month_m:
        return _month_only(_month_number(month_m.group("month")), year, s, pub, past)
    if year is not None:
        return (f"{year:04d}", "year", "text")
    return _relative(s, pub, past)


def _first_match(a: re.Pattern[str], b: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = [m for m in (a.search(s), b.search(s)) if m and 1 <= int(m.group("day")) <= 31]
    return min(found, key=lambda m: m.start()) if found else None


def _month_number(name: str) -> int:
    return _MONTH_NUMBER[name[:3].title()]


def _from_iso(m: re.Match[str]) -> _Result | None:
    year, month = int(m.group("year")), int(m.group("month"))
    if not 1 <= month <= 12:
        return None
    if m.group("day") is None:
        return (f"{year:04d}-{month:02d}", "month", "text")
    date = _calendar_date(year, month, int(m.group("day")))
    return (date.isoformat(), "day", "text") if date else None


def _month_day(month: int, day: int, year: int | None, pub: dt.date | None, past: bool) -> _Result | None:
    # The regexes have read day, month and year already: the calendar says whether they exist.
    if year is not None:
        date = _calendar_date(year, month, day)
        return (date.isoformat(), "day", "text") if date else None
    if _calendar_date(_NEUTRAL_BASE.year, month, day) is None:  # a leap year: 29 February exists
        return None
    if pub is None:
        return (f"--{month:02d}-{day:02d}", "month_day", None)
    chosen = _nearest_year(month, day, pub, past)
    return (chosen.isoformat(), "day", "published") if chosen else None


def _calendar_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, pub: dt.date, past: bool) -> dt.date | None:
    """The date with this month and day closest to `pub` on the requested side of it."""
    step = -1 if past else 1
    for offset in range(0, 9):  # 29 February needs up to 8 years
        candidate = _calendar_date(pub.year + step * offset, month, day)
        if candidate is not None and ((candidate <= pub) if past else (candidate >= pub)):
            return candidate
    return None


def _month_only(month: int, year: int | None, s: str, pub: dt.date | None, past: bool) -> _Result | None:
    if year is not None:
        return (f"{year:04d}-{month:02d}", "month", "text")
    if pub is None:
        return None
    mod = re.search(rf"\b(last|next|this|past|coming)\s+{_MONTH}", s, re.I)
    word = mod.group(1).lower() if mod else "this"
    # "last March" in a March article means a year ago; bare "March" may be this month.
    strict = word != "this"
    forward = word in ("next", "coming") or (word == "this" and not past)
    y = pub.year
    if forward:
        if month < pub.month or (strict and month == pub.month):
            y += 1
    elif month > pub.month or (strict and month == pub.month):
        y -= 1
    return (f"{y:04d}-{month:02d}", "month", "published")


def _relative(s: str, pub: dt.date | None, past: bool) -> _Result | None:
    for pattern, offset in _RELATIVE_DAYS:
        if pattern.search(s):
            if pub is None:
                return None
            return ((pub + dt.timedelta(days=offset)).isoformat(), "day", "published")

    weekday = _WEEKDAY_RE.search(s)
    if weekday:
        return _weekday(weekday, pub, past)

    period = _RELATIVE_PERIOD_RE.search(s)
    if period:
        return _period(period, pub)

    ago = _AGO_RE.match(s)
    if ago and pub is not None:
        unit = ago.group("unit").lower()
        if unit == "week":  # "a week ago" is too vague for a day
            return None
        parsed = _parse(s, _base(pub), past)
        if parsed is None:
            return None
        if unit == "day":
            return (parsed.date().isoformat(), "day", "published")
        if unit == "month":
            return (f"{parsed.year:04d}-{parsed.month:02d}", "month", "published")
        return (f"{parsed.year:04d}", "year", "published")
    return None


def _weekday(m: re.Match[str], pub: dt.date | None, past: bool) -> _Result | None:
    if pub is None:
        return None
    target = _WEEKDAYS.index(m.group("weekday")[:3].lower())
    mod = (m.group("mod") or "").lower()
    if mod in ("last", "past"):
        delta = -((pub.weekday() - target) % 7 or 7)
    elif mod in ("next", "coming"):
        delta = (target - pub.weekday()) % 7 or 7
    elif past:
        delta = -((pub.weekday() - target) % 7)
    else:
        delta = (target - pub.weekday()) % 7
    return ((pub + dt.timedelta(days=delta)).isoformat(), "day", "published")


def _period(m: re.Match[str], pub: dt.date | None) -> _Result | None:
    unit = m.group("unit").lower()
    if pub is None:
        return None
    mod = m.group("mod").lower()
    shift = {"this": 0, "last": -1, "next": 1, "coming": 1}[mod]
    if unit == "week":
        # no week precision in the schema: the month, when the whole week falls in one
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
        return (f"{monday.year:04d}-{monday.month:02d}", "month", "published") if monday.month == sunday.month else None
    if unit == "year":
        return (f"{pub.year + shift:04d}", "year", "published")
    index = pub.year * 12 + (pub.month - 1) + shift
    return (f"{index // 12:04d}-{index % 12 + 1:02d}", "month", "published")


class DateResolver:
    """DATE entities to ISO values, against the publication date only."""

    def __init__(self):
        warm_up()

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        published = doc._.ag_published
        doc._.ag_dates = [
            (ent.start_char, ent.end_char, ent.text, resolve_date(ent.text, published))
            for ent in doc_ents(doc)
            if ent.label_ == "DATE"
        ]
        return doc


@Language.factory("ag_dates", assigns=["doc._.ag_dates"], requires=["doc.ents", "doc._.ag_published"])
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()
