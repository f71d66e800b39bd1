"""Tests of pipeline.text: boilerplate removal, title and dateline detection, date normalisation."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.text import (
    clean_text,
    find_dateline_date,
    load_boilerplate_patterns,
    looks_like_title,
    normalize_date,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_0505f443712aae99.txt"
LONG_PARAGRAPH = "The two cities signed a memorandum of understanding on youth exchanges and policing. " * 3


# --- clean_text ---------------------------------------------------------------------------


def test_seed_comment_form_is_removed():
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
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
    assert clean_text(text) == f"{LONG_PARAGRAPH}\n\n{LONG_PARAGRAPH}".rstrip()


def test_only_whole_lines_are_removed():
    text = "Share this: the mayor said the deal was good.\nThey like this: more parks."
    assert clean_text(text) == text


def test_tail_block_removed_only_in_second_half():
    tail = "\n\nRelated posts\nAnother story about trade\nA third story"
    assert clean_text(LONG_PARAGRAPH + tail) == LONG_PARAGRAPH.rstrip()
    # Near the top the heading is just a line: what follows is the article.
    head = "Related posts\n\n" + LONG_PARAGRAPH
    assert clean_text(head) == LONG_PARAGRAPH.rstrip()


def test_line_endings_normalised_and_characters_kept():
    text = "“Quoted” café\u00a0text\r\nsecond line\rthird line  \r\n\r\n \t"
    assert clean_text(text) == "“Quoted” café\u00a0text\nsecond line\nthird line"


def test_boilerplate_patterns_file_is_well_formed():
    patterns = load_boilerplate_patterns()
    assert patterns is load_boilerplate_patterns()  # cached
    assert len({p.id for p in patterns}) == len(patterns)
    assert {p.scope for p in patterns} <= {"line", "tail"}


def test_bad_boilerplate_file_raises_config_error(tmp_path):
    bad = tmp_path / "boilerplate.yaml"
    bad.write_text("- id: x\n  pattern: 'share'\n  scope: everywhere\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="scope"):
        load_boilerplate_patterns(bad)


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


# --- find_dateline_date ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, iso, date_text",
    [
        ("NAIROBI, March 3, 2021 (Reuters) - Kenya and Uganda signed a deal.", "2021-03-03", "March 3, 2021"),
        ("KISUMU, Kenya, 3 March 2021 (Xinhua) -- Leaders met.", "2021-03-03", "3 March 2021"),
        ("WASHINGTON, Sept. 3, 2021 /PRNewswire/ -- The company said", "2021-09-03", "Sept. 3, 2021"),
        ("Published: 12 May 2021", "2021-05-12", "12 May 2021"),
        ("Posted on 2021-05-12 by admin", "2021-05-12", "2021-05-12"),
        ("Updated 12 May 2021, 10:30 GMT", "2021-05-12", "12 May 2021"),
        ("Friday, January 4, 2019\u00a0\n\nAn apartment building collapsed.", "2019-01-04", "January 4, 2019"),
        ("Cities sign pact\n\nMay 12, 2021\n\nThe mayors met.", "2021-05-12", "May 12, 2021"),
    ],
)
def test_dateline_forms(text, iso, date_text):
    found = find_dateline_date(text)
    assert found is not None
    assert found[0] == iso
    assert text[found[1] : found[2]] == date_text


@pytest.mark.parametrize(
    "text",
    [
        "KISUMU, Kenya, March 3 (Xinhua) -- Kenya signed a deal in 2021.",  # no year
        "On 22 November 2021, Governor Joho signed the MOU.",  # a sentence, not a dateline
        "May 12, 2021 was the day the deal was signed.",
        "Title\n\nFirst paragraph.\n\nSecond paragraph.\n\nMay 12, 2021",  # below the top lines
        "Published: 31 February 2021",  # no such day
    ],
)
def test_no_dateline(text):
    assert find_dateline_date(text) is None


# --- normalize_date ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2021-05-27T22:51:55+00:00", "2021-05-27"),
        ("2021-05-27T23:30:00-05:00", "2021-05-27"),  # as written, no time-zone conversion
        ("2019-01-04", "2019-01-04"),
        ("Fri, 28 May 2021 10:00:00 GMT", "2021-05-28"),
        ("12 May 2021", "2021-05-12"),
        ("May 2021", None),
        ("2021-02-30", None),
        ("not a date", None),
        ("", None),
    ],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected
