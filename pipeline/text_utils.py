"""Small text helpers shared by the stages: name folding and span trimming."""

from __future__ import annotations

import re
import unicodedata

_SPECIAL_FOLDS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss"})
_POSSESSIVE = re.compile(r"['’]s?$")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive key: 'Jørgen Kristiansen' == 'Jorgen Kristiansen'."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL_FOLDS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = [_POSSESSIVE.sub("", w) for w in text.split()]
    return " ".join(_NON_WORD.sub(" ", " ".join(words)).split())


def strip_leading_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
