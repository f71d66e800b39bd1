"""pipeline.stages.doc_cache on hand-built Docs."""

from __future__ import annotations

import spacy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc

from pipeline.stages.doc_cache import release, token_texts, tokens_where


def _doc(words: list[str], lemmas: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas)


def test_tokens_where_reads_each_attribute():
    doc = _doc(
        ["Mayors", "SIGNED", "a", "sign", "and", "Inked", "it"], ["Mayor", "Sign", "a", "sign", "and", "ink", "it"]
    )
    wanted = {"sign", "ink", "mayor"}
    found = tokens_where(doc, [LOWER, LEMMA], lambda s: s.lower() in wanted)
    assert found == [0, 1, 3, 5]
    assert found == [t.i for t in doc if t.lower_ in wanted or t.lemma_.lower() in wanted]


def test_tokens_where_with_one_attribute_and_repeated_words():
    doc = _doc(["Joho", "met", "Joho", "\n\n", "Joho"], ["Joho", "meet", "Joho", "\n\n", "Joho"])
    assert tokens_where(doc, [ORTH], {"Joho"}.__contains__) == [0, 2, 4]
    assert tokens_where(doc, [ORTH], lambda s: "\n" in s) == [3]
    assert tokens_where(doc, [ORTH], {"Ruto"}.__contains__) == []


def test_tokens_where_on_an_empty_doc():
    assert tokens_where(Doc(spacy.blank("en").vocab, words=[]), [ORTH], lambda s: True) == []


def test_token_texts_are_the_tokens_texts_in_order():
    words = ["Joho", "met", "Joho", "\n\n", "Joho", "."]
    doc = _doc(words, words)
    assert token_texts(doc) == words == [t.text for t in doc]
    assert token_texts(_doc([], [])) == []


def test_token_texts_are_read_once_per_doc_until_released():
    doc = _doc(["Joho", "met", "Ruto"], ["Joho", "meet", "Ruto"])
    first = token_texts(doc)
    assert token_texts(doc) is first
    release(doc)
    assert token_texts(doc) is not first
    assert token_texts(doc) == first
