"""Datelines: the place and date a news article starts with ("NAIROBI, March 3, 2021 (Reuters) -",
"DAVAO CITY —", "Published: 12 May 2021").

The readers take a publication date from the top of an article (`find_dateline_date`); the
stages take the dateline's place (`dateline_place_end`: an all-capitals name at the start of
a line, followed by dateline punctuation, or a title-case one in a dateline's whole shape;
`find_datelines`), and leave out the dates of the page's header (`header_date_spans`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.text.dates import MONTH_NAMES, WEEKDAY_NAMES, full_date

# The publication date is looked for in the page's header: the lines before the article's
# first paragraph (a long line of prose, which is looked at too: it may open with a dateline),
# within its first characters.
_HEADER_MAX_CHARS = 800
_HEADER_MAX_LINES = 12
_PROSE_MIN_CHARS = 120
# A paragraph of prose ends like a sentence; a long subtitle or a menu line does not.
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")")

_MONTH = rf"{MONTH_NAMES}\b\.?"
_WEEKDAY = rf"{WEEKDAY_NAMES}\b\.?"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
# Only dates with day, month and year written: a dateline without a year ("March 3 (Xinhua)")
# does not say which year the article appeared in. Numeric dates only when they cannot be read
# two ways: with dots (day first, as where they are written so), or a part above 12.
_DATE_RE = re.compile(
    rf"\b(?P<MDY>{_MONTH}\s+{_DAY},?\s+{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<DMY>{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<YMD>{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)"
    rf"|(?<![\d./])(?P<NUMERIC>\d{{1,2}}(?P<sep>[./])\d{{1,2}}(?P=sep){_YEAR})(?![\d./])",
    re.I,
)
_TIME = (
    r"(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*(?:(?-i:[A-Z]{2,5})|(?:UTC|GMT)\s*[+-]?\s*\d{1,2}(?::?\d{2})?))?"
    r"(?:\s*\((?:UTC|GMT)[^)]{0,10}\))?"
    r"|T\d{2}:\d{2}\S*"
)
# A date labelled as the page's ("Published: 12 May 2021", "date 2023-09-25", "Posted on ...",
# "Author: Date: 2019-12-06 Font size"): whatever else the line holds.
_LABEL_BEFORE_RE = re.compile(
    r"(?:^|[^\w])(?:first\s+|last\s+)?(?:published|posted|updated|modified|released|issued|dated|date)"
    rf"(?:\s+on)?\s*:?\s*(?:{_WEEKDAY},?\s*)?$",
    re.I,
)
# A line that is only a date, with a site's trimmings: "Friday, January 4, 2019",
# "# 24 February 2023 17:18 (UTC +04:00)", "Saturday, January 19 2008 - 03:00 AM WIB".
_DATE_LINE_PREFIX_RE = re.compile(rf"[\s#*|•·>]*(?:{_WEEKDAY},?\s*)?", re.I)
_DATE_LINE_SUFFIX_RE = re.compile(rf"(?:\s*(?:[,|/·•–—-]\s*)?(?:{_TIME}))?(?:\s*(?:y\.)?,?\s*{_WEEKDAY})?[\s.]*", re.I)
# An all-capitals place at the start of a dateline ("GUATEMALA CITY", "ST. LOUIS").
_PLACE = r"[A-Z][A-Z.'’ -]*[A-Z.]"
# "NAIROBI, March 3, 2021 (Reuters) -", "KISUMU, Kenya, 3 March 2021 /PRNewswire/ --":
# an upper-case place, optional further place names, the date, an optional agency, a dash.
_DATELINE_PREFIX_RE = re.compile(rf"\s*{_PLACE}(?:,\s*[A-Z][\w.'’ -]*)*,\s*(?:{_WEEKDAY},?\s*)?")
_DATELINE_SUFFIX_RE = re.compile(r"\s*(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:[-–—]|:).*")
# The place of a dateline: at most four words (all capitals), then its punctuation.
_DATELINE_PLACE_RE = re.compile(r"[^\W\d_]+(?:[ ][^\W\d_]+){0,3}(?=[ \t]*(?:,|—|–|-|:|\())")
# A dateline whose place is written in title case ("Baghdad, 13 September 2023 —", "Achiase
# (E/R), Aug. 18, GNA –", "Rome –") has its whole shape checked, up to the dash or colon: a
# capitalised word followed by a comma starts many a sentence.
_NAME = r"[^\W\d_][\w.'’]*(?:-[\w.'’]+)*"
_SHORT_DATE = rf"(?:{_WEEKDAY},?\s*)?(?:{_MONTH}\s+{_DAY}|{_DAY}\s+(?:of\s+)?{_MONTH})(?:,?\s+{_YEAR})?"
_DATELINE_SHAPE_RE = re.compile(
    rf"(?P<place>{_NAME}(?:[ ]{_NAME}){{0,3}})"
    r"(?:\s*\([^)\n]{1,30}\))?"  # "(E/R)", "(BBN)"
    rf"(?:,\s*{_NAME}(?:[ ]{_NAME}){{0,3}})*?"  # ", Japan"
    rf"(?:,\s*(?P<date>{_SHORT_DATE}))?"
    r"(?:,?\s*(?:\([^)\n]{1,40}\)|/[^/\n]{1,40}/|(?-i:[A-Z]{2,10})))?"  # "(Reuters)", "/PRNewswire/", ", GNA"
    r"[ \t]*(?:-{1,2}|–|—|:(?!\d))",
    re.I,
)


def dateline_place_end(text: str, start: int) -> int | None:
    """Where the place of a dateline that starts a line at `start` ends ("MOMBASA — ...",
    "GUATEMALA CITY, March 3 (Reuters) -", "Baghdad, 13 September 2023 —"), or None if none
    starts there. The line may open with the page's date (" date 2024-10-30 DAVAO CITY —")."""
    before = text[text.rfind("\n", 0, start) + 1 : start]
    if before.strip() and not is_page_date(before):
        return None  # not the first word of its line
    match = _DATELINE_PLACE_RE.match(text, start)
    if match is not None and match.group(0).isupper():
        return match.end()
    match = _DATELINE_SHAPE_RE.match(text, start)
    if match is not None and all(word.istitle() for word in match.group("place").split()):
        return match.end("place")
    return None


def dateline_date_span(text: str, start: int) -> tuple[int, int] | None:
    """The span of the date in the dateline whose place starts at `start` ("Achiase (E/R),
    Aug. 18, GNA –": "Aug. 18"), or None."""
    if dateline_place_end(text, start) is None:
        return None
    match = _DATELINE_SHAPE_RE.match(text, start)
    return match.span("date") if match is not None and match.group("date") else None


def is_page_date(prefix: str) -> bool:
    """Whether a line's start is only the page's labelled date (" date 2024-10-30 ")."""
    found = line_date(prefix)
    if found is None or prefix[found[2] :].strip():
        return False
    return _LABEL_BEFORE_RE.search(prefix[: found[1]]) is not None


def find_dateline_date(text: str) -> tuple[str, int, int] | None:
    """Find a publication date written at the top of `text`.

    Looks at the page's header (the lines before the article's first paragraph, and that
    paragraph's start) for a labelled date ("Published: 12 May 2021", "date 2023-09-25"), a
    line that is only a date ("Friday, January 4, 2019 - 10:30 AM") or a dateline ("NAIROBI,
    March 3, 2021 (Reuters) -"). Returns the ISO date and the character span of the date, or
    None. Dates without a year, or numeric dates that read two ways, are ignored.
    """
    for offset, line in _header_lines(text):
        found = line_date(line)
        if found is not None:
            iso, start, end = found
            return iso, offset + start, offset + end
    return None


def find_datelines(text: str) -> Iterator[tuple[tuple[int, int], tuple[int, int] | None]]:
    """The lines of the page's header shaped like a dateline, in order: the span of the place
    and of the date (None when it has none). Whether the place is one is for the caller to
    decide ("Photo: Agency" has the shape too)."""
    for offset, line in _header_lines(text):
        start = offset + len(line) - len(line.lstrip())
        if (page_date := line_date(line)) is not None and is_page_date(line[: page_date[2]]):
            rest = line[page_date[2] :]
            start = offset + page_date[2] + len(rest) - len(rest.lstrip())
        end = dateline_place_end(text, start)
        if end is not None:
            yield (start, end), dateline_date_span(text, start)


def header_date_spans(text: str) -> list[tuple[int, int]]:
    """Where the page's header writes a date: the publication date, the dateline's date."""
    spans = []
    if (published := find_dateline_date(text)) is not None:
        spans.append(published[1:])
    spans.extend(date for _, date in find_datelines(text) if date is not None)
    return spans


def _header_lines(text: str) -> Iterator[tuple[int, str]]:
    """The non-empty lines of the page's header with their offsets: the lines before the
    article's first paragraph, and that paragraph."""
    offset = 0
    seen = 0
    for line in text.split("\n"):
        if offset >= _HEADER_MAX_CHARS or seen >= _HEADER_MAX_LINES:
            return
        if line.strip():
            seen += 1
            yield offset, line
            if len(line.strip()) >= _PROSE_MIN_CHARS and line.rstrip().endswith(_SENTENCE_ENDS):
                return  # the article's first paragraph: what follows is not the header
        offset += len(line) + 1


def line_date(line: str) -> tuple[str, int, int] | None:
    """The date of a line that labels a date, is a date, or starts with a dateline, with its span."""
    for m in _DATE_RE.finditer(line):
        prefix, suffix = line[: m.start()], line[m.end() :]
        shaped = (
            _LABEL_BEFORE_RE.search(prefix) is not None
            or (_DATE_LINE_PREFIX_RE.fullmatch(prefix) and _DATE_LINE_SUFFIX_RE.fullmatch(suffix))
            or (_DATELINE_PREFIX_RE.fullmatch(prefix) and _DATELINE_SUFFIX_RE.fullmatch(suffix))
            or _dateline_date(line) == (m.start(), m.end())
        )
        order = _order(m)
        if shaped and order is not None:
            iso = full_date(m.group(0), order)
            if iso is not None:
                return iso, m.start(), m.end()
    return None


def _dateline_date(line: str) -> tuple[int, int] | None:
    """The span of the date of a dateline that opens `line`, without a leading weekday."""
    start = len(line) - len(line.lstrip())
    span = dateline_date_span(line, start)
    if span is None:
        return None
    weekday = re.match(rf"{_WEEKDAY},?\s*", line[span[0] : span[1]], re.I)
    return (span[0] + weekday.end(), span[1]) if weekday else span


def _order(m: re.Match[str]) -> str | None:
    """The date order of a match ("MDY", "DMY", "YMD"); None for a numeric date read two ways."""
    if m.lastgroup != "NUMERIC":
        return m.lastgroup or "DMY"
    first, second = (int(part) for part in re.split(r"[./]", m.group("NUMERIC"))[:2])
    if "." in m.group("NUMERIC") or first > 12:
        return "DMY"
    return "MDY" if second > 12 else None
