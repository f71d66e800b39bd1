"""Stage ag_sentences on hand-built Docs: where sentences may and must start."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.stages.sentences import SentenceBounds


@pytest.fixture
def headline_doc() -> Doc:
    words = ["Kisumu", "Signs", "Pact", "\n\n", "The", "county", "signed", ".", "\n", "•", "Trade", "first"]
    spaces = [True, True, False, False, True, True, False, False, False, True, True, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces)


def test_blank_line_starts_a_sentence(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert doc[4].text == "The" and doc[4].is_sent_start is True


def test_bullet_after_newline_starts_a_sentence(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert doc[9].text == "•" and doc[9].is_sent_start is True


def test_no_sentence_starts_inside_a_clause(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert [doc[i].is_sent_start for i in (1, 2, 5, 6, 10)] == [False] * 5


def test_after_a_full_stop_the_parser_decides():
    doc = Doc(spacy.blank("en").vocab, words=["It", "rained", ".", "Then", "Hon.", "Kwaku", "spoke", "."])
    doc = SentenceBounds("")(doc)
    assert doc[3].is_sent_start is None  # left to the parser
    assert doc[5].is_sent_start is False  # never after an honorific


def test_extra_spaces_after_a_full_stop_do_not_glue_sentences():
    words = ["It", "was", "signed", ".", " ", "Greek", "papers", "said", "so", "."]
    spaces = [True, True, False, False, False, True, True, True, False, False]
    doc = SentenceBounds("")(Doc(spacy.blank("en").vocab, words=words, spaces=spaces))
    assert doc[5].is_sent_start is None


def test_no_sentence_after_an_abbreviated_honorific_tokenised_apart():
    doc = Doc(spacy.blank("en").vocab, words=["Chief", "Executive", "Hon", ".", "Kwame", "Osei", "spoke", "."])
    doc = SentenceBounds("")(doc)
    assert doc[4].is_sent_start is False


def test_a_headline_line_without_final_punctuation_ends_its_sentence():
    words = ["Oslo", "signs", "twinning", "pact", "\n", "Officials", "met", "to", "sign", "it", "."]
    spaces = [True, True, True, False, False, True, True, True, True, False, False]
    doc = SentenceBounds("")(Doc(spacy.blank("en").vocab, words=words, spaces=spaces))
    assert doc[5].is_sent_start is True


def test_a_line_broken_inside_a_sentence_is_left_to_the_parser():
    words = ["It", "was", "signed", "by", "the", "\n", "Mayor", "of", "Accra", "."]
    spaces = [True, True, True, True, False, False, True, True, False, False]
    doc = SentenceBounds("")(Doc(spacy.blank("en").vocab, words=words, spaces=spaces))
    assert doc[6].is_sent_start is None
