"""Datelines: the place and date a news article starts with ("NAIROBI, March 3, 2021 (Reuters) -",
"DAVAO CITY —", "Published: 12 May 2021").

The readers take a publication date from the top of an article (`find_dateline_date`); the
stages take the dateline's place (`dateline_place_end`: an all-capitals name at the start of
a line, followed by dateline punctuation).
"""

from __future__ import annotations

import re

from pipeline.text.dates import MONTH_NAMES, WEEKDAY_NAMES, full_date

# A dateline sits in the first few lines of an article.
_DATELINE_MAX_LINES = 3
_DATELINE_MAX_OFFSET = 300

_MONTH = rf"{MONTH_NAMES}\b\.?"
_WEEKDAY = rf"{WEEKDAY_NAMES}\b\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
# Only dates with day, month and year written: a dateline without a year ("March 3 (Xinhua)")
# does not say which year the article appeared in.
_DATE_RE = re.compile(
    rf"\b(?P<MDY>{_MONTH}\s+{_DAY},?\s+{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<DMY>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<YMD>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)",
    re.I,
)
_TIME = (
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:(?-i:[A-Z]{2,5})|(?:UTC|GMT)\s*[+-]?\s*\d{1,2}(?::?\d{2})?))?|T\d{2}:\d{2}\S*)"
)
# "Published: 12 May 2021", "Posted on 2021-05-12 by admin", "Friday, January 4, 2019".
_DATE_LINE_PREFIX_RE = re.compile(
    r"\s*(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|modified|released|issued|dated|date)"
    rf"(?:\s+on)?\s*:?\s*)?(?:{_WEEKDAY},?\s*)?",
    re.I,
)
_DATE_LINE_SUFFIX_RE = re.compile(rf"{_TIME}?[\s.]*", re.I)
_LABELLED_SUFFIX_RE = re.compile(rf"{_TIME}?(?:\s*(?:by\s|[|·•–—-]).*)?[\s.]*", re.I)
# An all-capitals place at the start of a dateline ("GUATEMALA CITY", "ST. LOUIS").
_PLACE = r"[A-Z][A-Z.'’ -]*[A-Z.]"
# "NAIROBI, March 3, 2021 (Reuters) -", "KISUMU, Kenya, 3 March 2021 /PRNewswire/ --":
# an upper-case place, optional further place names, the date, an optional agency, a dash.
_DATELINE_PREFIX_RE = re.compile(rf"\s*{_PLACE}(?:,\s*[A-Z][\w.'’ -]*)*,\s*(?:{_WEEKDAY},?\s*)?")
_DATELINE_SUFFIX_RE = re.compile(r"\s*(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:[-–—]|:).*")
# The place of a dateline: at most four words (all capitals), then its punctuation.
_DATELINE_PLACE_RE = re.compile(r"[^\W\d_]+(?:[ ][^\W\d_]+){0,3}(?=[ \t]*(?:,|—|–|-|:|\())")


def dateline_place_end(text: str, start: int) -> int | None:
    """Where the all-capitals place of a dateline that starts a line at `start` ends
    ("MOMBASA — ...", "GUATEMALA CITY, March 3 (Reuters) -"), or None if none starts there."""
    if text[text.rfind("\n", 0, start) + 1 : start].strip():
        return None  # not the first word of its line
    match = _DATELINE_PLACE_RE.match(text, start)
    return match.end() if match is not None and match.group(0).isupper() else None


def find_dateline_date(text: str) -> tuple[str, int, int] | None:
    """Find a publication date written at the top of `text`.

    Looks at the first three non-empty lines (starting in the first 300 characters) for a date
    line ("Published: 12 May 2021", "May 12, 2021") or a dateline ("NAIROBI, March 3, 2021
    (Reuters) -"). Returns the ISO date and the character span of the date, or None.
    Dates without a year are not publication dates and are ignored.
    """
    offset = 0
    seen = 0
    for line in text.split("\n"):
        if offset >= _DATELINE_MAX_OFFSET or seen >= _DATELINE_MAX_LINES:
            break
        if line.strip():
            seen += 1
            found = line_date(line)
            if found is not None:
                iso, start, end = found
                return iso, offset + start, offset + end
        offset += len(line) + 1
    return None


def line_date(line: str) -> tuple[str, int, int] | None:
    """The date of a line that is a date line or starts with a dateline, with its span."""
    for m in _DATE_RE.finditer(line):
        prefix, suffix = line[: m.start()], line[m.end() :]
        labelled = _DATE_LINE_PREFIX_RE.fullmatch(prefix)
        if labelled:
            suffix_re = _LABELLED_SUFFIX_RE if labelled.group("label") else _DATE_LINE_SUFFIX_RE
            shaped = suffix_re.fullmatch(suffix) is not None
        else:
            shaped = bool(_DATELINE_PREFIX_RE.fullmatch(prefix) and _DATELINE_SUFFIX_RE.fullmatch(suffix))
        if shaped:
            iso = full_date(m.group(0), m.lastgroup or "DMY")
            if iso is not None:
                return iso, m.start(), m.end()
    return None
