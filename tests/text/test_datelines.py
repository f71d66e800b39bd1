"""Datelines: the publication date and the place an article starts with (pipeline.text.datelines)."""

import pytest

from pipeline.text.datelines import dateline_place_end, find_dateline_date

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


@pytest.mark.parametrize(
    "text, place",
    [
        ("MOMBASA — The county signed ...", "MOMBASA"),
        ("GUATEMALA CITY, March 3 (Reuters) - ...", "GUATEMALA CITY"),
        ("Headline\n  DAVAO CITY: The mayors ...", "DAVAO CITY"),
        ("BOGOTÁ (AFP) - ...", "BOGOTÁ"),
    ],
)
def test_dateline_place(text, place):
    start = text.index(place)
    assert dateline_place_end(text, start) == start + len(place)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Nairobi, March 3 - ...", "Nairobi"),  # not all capitals
        ("NAIROBI Kenya, March 3 - ...", "NAIROBI"),  # no dateline punctuation after the place
        ("The MOU — signed", "MOU"),  # not the first word of its line
        ("ONE TWO THREE FOUR FIVE, ...", "ONE"),  # five words: a headline in capitals, not a place
    ],
)
def test_not_a_dateline_place(text, word):
    assert dateline_place_end(text, text.index(word)) is None
