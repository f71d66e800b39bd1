"""Which language an article is written in (py3langid), so that articles the English rules
cannot read are skipped with a reason rather than misread."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class DetectedLanguage:
    code: str  # ISO 639-1, as py3langid gives it
    probability: float


def detect_language(text: str) -> DetectedLanguage:
    """The language py3langid finds most probable for `text` (its first 3,000 characters: plenty
    to tell a language, and the identifier's cost grows with the text)."""
    code, probability = language_identifier().classify(text[:3_000])
    return DetectedLanguage(code, float(probability))


@lru_cache(maxsize=1)
def language_identifier():
    """py3langid's identifier, loaded once per process (about 0.6 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
