"""Datelines: the publication date and the place an article starts with (pipeline.text.datelines)."""

import pytest

from pipeline.text.datelines import dateline_place_end, find_dateline_date, header_date_spans

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
        # a title-case dateline under a long subtitle, which does not end like a sentence
        (
            "Ports agree\n\nThe port authorities of two cities on the lake commit to share pilots, "
            "dredgers and their training centres for the coming ten years\n\n"
            "Kisumu, Kenya, 4 March 2021 – The two ports signed a memorandum.",
            "2021-03-04",
            "4 March 2021",
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
        # in title case, with the whole shape of a dateline up to its dash or colon
        ("Nairobi, March 3 - ...", "Nairobi"),
        ("Tamale, Ghana, 4 May 2020 – The region ...", "Tamale"),
        ("Lindi (Southern Zone), Oct. 9, TNA – The towns ...", "Lindi"),
        ("Bergen: The two ports ...", "Bergen"),
        ("Port Louis- A memorandum ...", "Port Louis"),
        # after the page's labelled date on the same line
        (" date 2021-04-02 GEORGE TOWN — The councils ...", "GEORGE TOWN"),
    ],
)
def test_dateline_place(text, place):
    start = text.index(place)
    assert dateline_place_end(text, start) == start + len(place)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Nairobi, the capital, hosted the talks.", "Nairobi"),  # title case, no dateline's dash
        ("Nairobi Kenya, March 3 - ...", "Kenya"),  # not the first word of its line
        ("Minister of Trade: ...", "Minister"),  # not every word capitalised
        ("Kenya signed it - and Uganda", "Kenya"),
        ("NAIROBI Kenya, March 3 - ...", "NAIROBI"),  # no dateline punctuation after the place
        ("The MOU — signed", "MOU"),  # not the first word of its line
        ("ONE TWO THREE FOUR FIVE, ...", "ONE"),  # five words: a headline in capitals, not a place
    ],
)
def test_not_a_dateline_place(text, word):
    assert dateline_place_end(text, text.index(word)) is None


# --- header_date_spans ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, dates",
    [
        (" date 2021-04-02 Kenya and Ghana signed a deal on Monday.", ["2021-04-02"]),
        ("Tamale (N/R), May 4, GNA – The towns signed a pact on 2 May.", ["May 4"]),
        ("Pact signed\n\nMay 6, 2021\n\nBERGEN, May 5 (NTB) - The ports signed.", ["May 6, 2021", "May 5"]),
        ("Kenya and Ghana signed a deal on 2 May 2021.", []),
    ],
)
def test_header_dates(text, dates):
    assert [text[start:end] for start, end in header_date_spans(text)] == dates
