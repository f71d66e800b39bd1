"""Stage ag_sentences (before the parser): where sentences may and must start.

A blank line or a bullet always starts a sentence, and so does a capitalised line after a line
that ends without punctuation, so a headline never runs into the first paragraph; a sentence
only starts after sentence-final punctuation, never after an honorific
("Hon. Kwaku ...") or in the middle of a long clause. Elsewhere the parser decides.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources.loader import load_rules
from pipeline.stages.doc_cache import token_texts

# The number of an item in a numbered list: "2.", "2)", "(2", "b)".
_LIST_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[a-z])[.)]$")


class SentenceBounds:
    """Before the parser: a blank line, a bullet or a capitalised line after one that ends without
    punctuation (a headline, a date line) always starts a sentence, so a headline never runs into
    the first paragraph; and a sentence only starts after sentence-final punctuation,
    never after an honorific ("Hon. Kwaku ...") or in the middle of a long clause."""

    BULLETS = frozenset("•▪‣◦-*–—·")
    SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";", "”", '"', "’", "'", ")"})

    def __init__(self, models_dir: str):
        rules = load_rules(models_dir)
        self.honorifics = rules.honorifics
        self.line_continuing = rules.words["line_continuing_words"]

    @property
    def cache_fingerprint(self) -> str:
        """What this stage's output depends on besides the text (it runs among the model's
        components, whose output pipeline.runtime.model_cache keeps): its code and word lists."""
        source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
        return f"{source}:{','.join(sorted(self.honorifics))}:{','.join(sorted(self.line_continuing))}"

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        # Written through an array: setting token.is_sent_start checks the whole Doc for a
        # parse each time, which is quadratic on long texts. Read from the texts, not Tokens.
        starts = doc.to_array([SENT_START]).astype("int64")
        texts = token_texts(doc)
        for i in range(1, len(texts)):
            start = self._sentence_start(texts, i)
            if start is not None:
                starts[i] = 1 if start else -1
        doc.from_array([SENT_START], starts.view("uint64"))  # spaCy stores -1 as its two's complement
        return doc

    def _sentence_start(self, texts: list[str], i: int) -> bool | None:
        """True: token `i` starts a sentence; False: it cannot; None: the parser decides."""
        text, prev = texts[i], texts[i - 1]
        if text.isspace():
            return None
        if self._list_number_start(texts, i - 1) is not None:
            return False  # "4. Agreement between ...": the item goes on after its number
        if any(self._list_number_start(texts, end) == i for end in (i, i + 1, i + 2)):
            return True  # a numbered item at the start of a line starts a sentence
        if prev.isspace() and "\n" not in prev and i >= 2:
            prev = texts[i - 2]  # "ministers.  Greek": look past the extra space
        if prev.isspace() and ("\n\n" in prev or "\n" in prev and text[:1] in self.BULLETS):
            return True
        if prev.endswith("\n") and text[:1] in self.BULLETS:
            return True
        if prev.isspace() and "\n" in prev:
            if self._ends_a_title_line(texts, i):
                return True
            return None  # a line break: the parser decides
        if prev[-1:] not in self.SENTENCE_END or prev.lower().strip(".") in self.honorifics:
            return False
        if prev == "." and i >= 2 and texts[i - 2].lower() in self.honorifics:
            return False  # "Hon" "." "Kwame": the full stop of an abbreviation
        return None

    def _ends_a_title_line(self, texts: list[str], i: int) -> bool:
        """Whether the line break before token `i` ends a line with no final punctuation (a
        headline, a date line, a byline) and a new line starts with a capital or a digit; a line
        broken inside a sentence ends in words like "of" or "the", or goes on in lower case."""
        last = texts[i - 2] if i >= 2 else ""
        return (
            bool(last)
            and not last.isspace()
            and last[-1] not in self.SENTENCE_END
            and last.lower() not in self.line_continuing
            and (texts[i][:1].isupper() or texts[i][:1].isdigit())
        )

    @staticmethod
    def _list_number_start(texts: list[str], i: int) -> int | None:
        """Where the number of a numbered list item at the start of a line starts, when token `i`
        ends one ("2.", "(b)", or "2" "." tokenised apart); else None."""
        if not 0 <= i < len(texts):
            return None
        start = i
        if texts[i] in (".", ")") and i >= 1 and len(texts[i - 1]) <= 2 and texts[i - 1].isalnum():
            start = i - 1
        elif not _LIST_NUMBER.match(texts[i]):
            return None
        if start >= 1 and texts[start - 1] == "(":
            start -= 1
        return start if start == 0 or texts[start - 1].endswith("\n") else None


@Language.factory("ag_sentences", assigns=["token.is_sent_start"])
def make_sentence_bounds(nlp: Language, name: str, models_dir: str) -> SentenceBounds:
    return SentenceBounds(models_dir)
