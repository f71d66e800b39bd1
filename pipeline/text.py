"""Plain-text helpers for reading articles: boilerplate removal, title and dateline detection.

Only whole lines are ever removed and line endings normalised; every other character of an
article is kept as found, because evidence offsets point into the cleaned text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import dateparser
import yaml

from pipeline.errors import ConfigError

__all__ = [
    "BOILERPLATE_FILE",
    "BoilerplatePattern",
    "load_boilerplate_patterns",
    "clean_text",
    "looks_like_title",
    "find_dateline_date",
    "normalize_date",
]

BOILERPLATE_FILE = Path(__file__).resolve().parents[1] / "models" / "boilerplate.yaml"
_SCOPES = ("line", "tail")

# A title is one short line; longer lines or lines ending like a sentence are body text.
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 25
# A dateline sits in the first few lines of an article.
_DATELINE_MAX_LINES = 3
_DATELINE_MAX_OFFSET = 300
_MAX_DATE_CHARS = 100

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?"
)
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
# "NAIROBI, March 3, 2021 (Reuters) -", "KISUMU, Kenya, 3 March 2021 /PRNewswire/ --":
# an upper-case place, optional further place names, the date, an optional agency, a dash.
_DATELINE_PREFIX_RE = re.compile(
    rf"\s*[A-Z][A-Z.'’ -]*[A-Z.](?:,\s*[A-Z][\w.'’ -]*)*,\s*(?:{_WEEKDAY},?\s*)?"
)
_DATELINE_SUFFIX_RE = re.compile(r"\s*(?:\([^)]{1,40}\)|/[^/]{1,40}/)?\s*(?:[-–—]|:).*")

_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
_TRAILING_CLOSERS = "\"'”’)]»"

_DATEPARSER_SETTINGS = {
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    # A fixed base so that nothing depends on the day the pipeline runs.
    "RELATIVE_BASE": dt.datetime(2000, 1, 1),
}
_ISO_DATE_PREFIX_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?![\d])")


@dataclass(frozen=True)
class BoilerplatePattern:
    """One entry of the boilerplate file: a whole-line regex and its scope ("line" or "tail")."""

    id: str
    regex: re.Pattern[str]
    scope: str


@functools.lru_cache(maxsize=None)
def load_boilerplate_patterns(path: Path = BOILERPLATE_FILE) -> tuple[BoilerplatePattern, ...]:
    """Load and compile the boilerplate patterns of `path` (cached; raises ConfigError)."""
    try:
        entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise ConfigError(f"cannot load boilerplate patterns from {path}: {e}") from e
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a list of {{id, pattern, scope}} entries")
    patterns = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"id", "pattern", "scope"} <= entry.keys():
            raise ConfigError(f"{path}: entry {n} needs the keys id, pattern and scope")
        if entry["scope"] not in _SCOPES:
            raise ConfigError(f"{path}: entry {entry['id']!r} has scope {entry['scope']!r}, not one of {_SCOPES}")
        try:
            regex = re.compile(str(entry["pattern"]), re.I)
        except re.error as e:
            raise ConfigError(f"{path}: entry {entry['id']!r} has an invalid pattern: {e}") from e
        patterns.append(BoilerplatePattern(str(entry["id"]), regex, entry["scope"]))
    return tuple(patterns)


def clean_text(text: str) -> str:
    """Normalise line endings, drop boilerplate lines and trailing blocks, strip the end.

    Nothing inside a kept line changes. A removed line after a blank line (or at the top)
    takes the blank line after it along, so paragraphs stay separated by one blank line.
    """
    patterns = load_boilerplate_patterns()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    lines = lines[: _tail_start(lines, len(text), patterns)]

    kept: list[str] = []
    drop_next_blank = False
    for line in lines:
        stripped = line.strip()
        if stripped and any(p.regex.fullmatch(stripped) for p in patterns):
            drop_next_blank = drop_next_blank or not kept or not kept[-1].strip()
            continue
        if drop_next_blank and not stripped:
            drop_next_blank = False
            continue
        drop_next_blank = False
        kept.append(line)
    return "\n".join(kept).rstrip()


def _tail_start(lines: list[str], length: int, patterns: tuple[BoilerplatePattern, ...]) -> int:
    """Index of the first line starting a trailing boilerplate block, or len(lines)."""
    tails = [p.regex for p in patterns if p.scope == "tail"]
    offset = 0
    for i, line in enumerate(lines):
        # Only in the second half: a tail line near the top cannot end the article.
        if offset * 2 >= length and any(r.fullmatch(line.strip()) for r in tails):
            return i
        offset += len(line) + 1
    return len(lines)


def looks_like_title(line: str) -> bool:
    """Whether a line reads as a headline: short, not ending like a sentence, not a date."""
    s = line.strip()
    if not s or len(s) > _TITLE_MAX_CHARS or len(s.split()) > _TITLE_MAX_WORDS:
        return False
    if not (s[0].isupper() or s[0].isdigit() or s[0] in "\"'“‘«"):
        return False
    end = s.rstrip(_TRAILING_CLOSERS)
    if end.endswith((":", ",", ";")):
        return False
    if end.endswith(".") and not _ABBREVIATION_END_RE.search(end):
        return False
    return _line_date(s) is None


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
            found = _line_date(line)
            if found is not None:
                iso, start, end = found
                return iso, offset + start, offset + end
        offset += len(line) + 1
    return None


def _line_date(line: str) -> tuple[str, int, int] | None:
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
            order = m.lastgroup or "DMY"
            iso = _parse_date(m.group(0), order)
            if iso is not None:
                return iso, m.start(), m.end()
    return None


def normalize_date(value: str) -> str | None:
    """Return the ISO date ("YYYY-MM-DD") of a metadata date string, or None if it has none.

    A timestamp keeps the date as written ("2021-05-27T22:51:55+00:00" -> "2021-05-27"), with
    no time-zone conversion. Values without day, month and year give None.
    """
    value = value.strip()
    m = _ISO_DATE_PREFIX_RE.match(value)
    if m:
        try:
            return dt.date.fromisoformat(m.group(0)).isoformat()
        except ValueError:
            return None
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    return _parse_date(value, "DMY")


def _parse_date(s: str, order: str) -> str | None:
    parsed = dateparser.parse(s, languages=["en"], settings={**_DATEPARSER_SETTINGS, "DATE_ORDER": order})
    return parsed.date().isoformat() if parsed is not None else None
