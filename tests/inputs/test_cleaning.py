"""Tests of pipeline.inputs.cleaning: boilerplate removal and title detection."""

from __future__ import annotations

import pytest

from pipeline.inputs.cleaning import clean_text, looks_like_title
from pipeline.resources.loader import load_rules
from tests.conftest import SEEDS

SEED = SEEDS / "000_0505f443712aae99.txt"
BOILERPLATE = load_rules().boilerplate
LONG_PARAGRAPH = "The two cities signed a memorandum of understanding on youth exchanges and policing. " * 3


# --- clean_text ---------------------------------------------------------------------------


def test_seed_comment_form_is_removed():
    cleaned = clean_text(SEED.read_text(encoding="utf-8"), BOILERPLATE)
    assert cleaned.endswith("to the room of young activists.")
    assert "Leave a Reply" not in cleaned
    assert "Required fields" not in cleaned
    assert cleaned.startswith("Mombasa and Kristiansand leaders sign Memorandum of Understanding\n\n")


def test_share_and_subscribe_lines_removed_paragraphs_kept():
    text = (
        f"{LONG_PARAGRAPH}\n\nShare this:\nClick to share on Twitter (Opens in new window)\n"
        "Share on Facebook\n\nLike this:\nLoading...\n\nSubscribe to our newsletter\n\n"
        f"{LONG_PARAGRAPH}\n"
    )
    assert clean_text(text, BOILERPLATE) == f"{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}".rstrip()


def test_only_whole_lines_are_removed():
    text = "Share this: the mayor said the deal was good.\nThey like this: more parks."
    assert clean_text(text, BOILERPLATE) == text


def test_tail_block_removed_only_in_second_half():
    tail = "\n\nRelated posts\nAnother story about trade\nA third story"
    assert clean_text(LONG_PARAGRAPH + tail, BOILERPLATE) == LONG_PARAGRAPH.rstrip()
    # Near the top the heading is just a line: what follows is the article.
    head = "Related posts\n\n" + LONG_PARAGRAPH
    assert clean_text(head, BOILERPLATE) == LONG_PARAGRAPH.rstrip()


def test_line_endings_normalised_and_characters_kept():
    text = "“Quoted” café\u00a0text\r\nsecond line\rthird line  \r\n\r\n \t"
    assert clean_text(text, BOILERPLATE) == "“Quoted” café\u00a0text\nsecond line\nthird line"


# --- looks_like_title --------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Mombasa and Kristiansand leaders sign Memorandum of Understanding", True),
        ("Kenya signs trade pact with the U.S.", True),
        ("“Cities unite,” says mayor", True),
        ("The mayors signed the agreement on Tuesday.", False),
        ("Background:", False),
        ("in lower case", False),
        ("May 12, 2021", False),
        ("word " * 30, False),
        ("", False),
    ],
)
def test_looks_like_title(line, expected):
    assert looks_like_title(line) is expected
