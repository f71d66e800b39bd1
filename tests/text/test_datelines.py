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
        # a page's header: labels, trimmings, numeric dates, a dateline under a photo credit
        (" date 2022-03-04 The two ports signed a memorandum", "2022-03-04", "2022-03-04"),
        ("Port loan approved\n\nPublished: 3 March 2015 y., Tuesday\n\nThe bank said", "2015-03-03", "3 March 2015"),
        ("Utility signs contracts\nMonday, June 2 2014 - 09:15 AM WIB\nThe utility said", "2014-06-02", "June 2 2014"),
        ("Towns twinned\n\nRegion\n# 7 April 2022 11:05 (UTC +04:00)\n\nThe towns", "2022-04-07", "7 April 2022"),
        ("Ceremony held\nsource: Author: Date: 2018-10-09 Font size: [large small]", "2018-10-09", "2018-10-09"),
        ("Town renews pact\n\n14.03.2023 / 10:20\nNews", "2023-03-14", "14.03.2023"),
        (
            "Pact signed\n\nPact signed\n\nImage Agency/Photographer\n\nSUVA, 2 may 2023 (FBC) – The",
            "2023-05-02",
            "2 may 2023",
        ),
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
        # after the article's first paragraph: the date of something else
        "Title\n\n"
        + "The mayors of the two cities met on Friday to talk about trade and youth exchanges. " * 2
        + "\n\nMay 12, 2021",
        "Dated 01/02/2021",  # the first or the second of a month: read two ways
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
