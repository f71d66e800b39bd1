"""Names compared the way the gold format compares them (see ../shared/gold-format.md)."""

from __future__ import annotations

import functools
import re
import unicodedata

# Letters that NFKD does not decompose into a base letter plus combining marks.
_LETTER_FOLDS = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L",
        "ß": "ss", "ẞ": "SS", "þ": "th", "Þ": "TH", "ı": "i", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
_POSSESSIVE = re.compile(r"['’ʼ]s\b")
_NON_WORD = re.compile(r"[\W_]+")
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def strip_accents(text: str) -> str:
    """The text without diacritics: NFKD without combining marks, ø→o, æ→ae and similar letters."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65_536)  # the same names recur within and across articles
def fold(name: str | None) -> str:
    """A name folded for comparison: without diacritics, casefolded, possessive 's removed,
    punctuation to spaces, whitespace collapsed ('Jørgen Kristiansen' == 'Jorgen Kristiansen')."""
    if not name:
        return ""
    text = _POSSESSIVE.sub("", strip_accents(name).casefold())
    return " ".join(_NON_WORD.sub(" ", text).split())


def strip_leading_article(text: str) -> str:
    """'the Republic of Ghana' -> 'Republic of Ghana'."""
    return _LEADING_ARTICLE.sub("", text)
