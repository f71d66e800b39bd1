"""Views of a Doc the stages read many times, built once per Doc: its text, token texts,
entities and sentences (spaCy recomputes them on every access), and their release."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

# Tokens that mark a possessive ("Kenya’s", "Philippines’").
POSSESSIVE_MARKS = frozenset({"’s", "'s", "’", "'"})
_TEXT_KEY = ("ag", "text")
_ENTS_KEY = ("ag", "ents")
_TOKENS_KEY = ("ag", "tokens")


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token on each access, which made
    long articles quadratic. Safe to cache, since no stage changes a Doc's text."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Tell `doc_text` the text a Doc was made from (spaCy keeps it exactly), so it is never joined."""
    doc.user_data[_TEXT_KEY] = text
    return doc


# spaCy computes doc.ents, span.ents, doc.sents and span.sent by walking the whole Doc on
# every access, which made the rule stages quadratic on long articles. Once the sentences and
# entities are final (after the entity stage), they are indexed once per Doc.


def index_sentences(doc: Doc) -> None:
    """Make doc.sents, span.sent and token.sent constant-time lookups for this Doc."""
    if "sent" in doc.user_span_hooks:
        return
    sents = list(doc.sents)
    starts = [s.start for s in sents]

    def sentence_of(span: Span) -> Span:
        return sents[bisect_right(starts, span.start) - 1]

    doc.user_hooks["sents"] = lambda _doc: iter(sents)
    doc.user_span_hooks["sent"] = sentence_of


def release(doc: Doc) -> None:
    """Drop what the stages cached on a Doc once its results are taken, so the Doc is freed as
    soon as it is no longer used: the sentence hooks refer back to the Doc, a cycle that
    would otherwise wait for Python's full garbage collection."""
    doc.user_hooks.clear()
    doc.user_span_hooks.clear()
    doc.user_token_hooks.clear()
    doc.user_data.clear()


def tokens_where(doc: Doc, attrs: list[int], keep: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens with a string attribute (`attrs`: spaCy attribute ids such as
    LOWER, LEMMA) that `keep` accepts. Read from the Doc's arrays, so each distinct string is
    tested once instead of making a Token for every word."""
    if not len(doc):
        return []
    hashes = doc.to_array(attrs).reshape(len(doc), len(attrs))
    strings = doc.vocab.strings
    wanted = [h for h in numpy.unique(hashes) if keep(strings[int(h)])]
    return numpy.flatnonzero(numpy.isin(hashes, wanted).any(axis=1)).tolist()


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, in order, read once per Doc from its ORTH array (no Token objects
    made). Safe to keep, since no stage retokenizes; do not change the list."""
    texts = doc.user_data.get(_TOKENS_KEY)
    if texts is None or len(texts) != len(doc):
        hashes = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        known = {h: strings[h] for h in set(hashes)}
        texts = doc.user_data[_TOKENS_KEY] = [known[h] for h in hashes]
    return texts


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """doc.ents, built once per Doc (forget_ents() after changing them)."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is None:
        ents = tuple(doc.ents)
        cached = doc.user_data[_ENTS_KEY] = (ents, [e.start for e in ents])
    return cached[0]


def span_ents(span: Span) -> list[Span]:
    """span.ents (the entities wholly inside the span), by binary search in doc_ents."""
    ents = doc_ents(span.doc)
    starts = span.doc.user_data[_ENTS_KEY][1]
    found = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.start >= span.end:
            break
        if ent.end <= span.end:
            found.append(ent)
    return found


def forget_ents(doc: Doc) -> None:
    doc.user_data.pop(_ENTS_KEY, None)
