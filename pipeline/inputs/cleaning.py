"""Plain-text cleaning of articles as read: boilerplate lines removed, title detected.

Only whole lines are ever removed and line endings normalised; every other character of an
article is kept as found, because evidence offsets point into the cleaned text. The boilerplate
patterns are those of the rule folder's boilerplate.yaml (`RuleSet.boilerplate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.resources.loader import BoilerplatePattern
from pipeline.text.datelines import line_date

# A title is one short line; longer lines or lines ending like a sentence are body text.
_TITLE_MAX_CHARS = 200
_TITLE_MAX_WORDS = 25
_ABBREVIATION_END_RE = re.compile(r"(?:\b[A-Z]\.){2,}$")
_TRAILING_CLOSERS = "\"'”’)]»"


def clean_text(text: str, patterns: Sequence[BoilerplatePattern]) -> str:
    """Normalise line endings, drop boilerplate lines and trailing blocks, strip the end.

    Nothing inside a kept line changes. A removed line after a blank line (or at the top)
    takes the blank line after it along, so paragraphs stay separated by one blank line.
    """
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


def _tail_start(lines: list[str], length: int, patterns: Sequence[BoilerplatePattern]) -> int:
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
    return line_date(s) is None
