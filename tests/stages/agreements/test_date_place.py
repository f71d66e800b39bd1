"""Date and place of a signing on hand-built Docs (pipeline.stages.agreements.date_place): the DATE
tied to the signing cue (date_of_events; not the date of a visit or summit, a deadline, the
year in an instrument's name, nor the date of entry into force), and where the signing
happened (place_of_events: "signed in Accra", a fronted "In Accra,", a venue's city, a visit,
the dateline with "here"; dateline_signing; host_of_delegation).
"""

from __future__ import annotations

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.date_place import date_of_events, dateline_signing, host_of_delegation, place_of_events
from pipeline.stages.agreements.events import find_events
from pipeline.stages.agreements.findings import AgreementFinding, PartyFinding
from pipeline.stages.agreements.mentions import find_mentions, instrument_name_span, mention_label
from tests.stages.agreements.shared_docs import dateline_doc
from tests.stages.docs import build_doc, make_context


def events_of(doc):
    ctx = make_context(doc)
    events, _ = find_events(doc, ctx, find_mentions(doc, ctx.rules))
    return ctx, events


def date_in(doc, exclude=None) -> tuple[str, str, str] | None:
    """(value, text, rule) of the signing date of the Doc's events, or None."""
    ctx, events = events_of(doc)
    if exclude is None:
        exclude = [instrument_name_span(doc, e.mention, mention_label(doc, e.mention)) for e in events]
    found = date_of_events(events, ctx, events[0].status, exclude)
    return (found[0].value, found[1].text, found[1].rule) if found is not None else None


def place_in(doc, lead_end: int = 0) -> tuple[str | None, str | None, Evidence] | None:
    """(name, country, evidence) of where the Doc's events happened, or None."""
    ctx, events = events_of(doc)
    ctx.lead_end = lead_end
    found = place_of_events(events, ctx)
    return (found[0].name, found[0].country, found[1]) if found is not None else None


def at(doc, text: str, rule: str) -> Evidence:
    start = doc.text.index(text)
    return Evidence(start, start + len(text), text, rule)


# --- date_of_events ---------------------------------------------------------------------------


def test_the_date_of_a_visit_is_not_the_signing_date():
    doc = build_doc(
        "Ghana and Nigeria signed an MoU on 12 June, following a visit to Accra on 3 June.",
        """
        0   Ghana      PROPN  nsubj   3
        1   and        CCONJ  cc      0
        2   Nigeria    PROPN  conj    0
        3   signed     VERB   ROOT    3   sign
        4   an         DET    det     5
        5   MoU        NOUN   dobj    3
        6   on         ADP    prep    3
        7   12         NUM    nummod  8
        8   June       PROPN  pobj    6
        9   ,          PUNCT  punct   3
        10  following  VERB   prep    3   follow
        11  a          DET    det     12
        12  visit      NOUN   pobj    10
        13  to         ADP    prep    12
        14  Accra      PROPN  pobj    13
        15  on         ADP    prep    12
        16  3          NUM    nummod  17
        17  June       PROPN  pobj    15
        18  .          PUNCT  punct   3
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("12 June", "DATE"), ("Accra", "GPE"), ("3 June", "DATE")],
        published="2019-06-20",
    )
    assert date_in(doc) == ("2019-06-12", "12 June", "date.tied_to_signing")


def test_the_year_of_a_summit_is_not_the_signing_date():
    doc = build_doc(
        "Ghana and Nigeria signed an MoU after the 2019 summit.",
        """
        0   Ghana    PROPN  nsubj   3
        1   and      CCONJ  cc      0
        2   Nigeria  PROPN  conj    0
        3   signed   VERB   ROOT    3   sign
        4   an       DET    det     5
        5   MoU      NOUN   dobj    3
        6   after    ADP    prep    3
        7   the      DET    det     9
        8   2019     NUM    nummod  9
        9   summit   NOUN   pobj    6
        10  .        PUNCT  punct   3
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("2019", "DATE")],
        published="2023-03-10",
    )
    assert date_in(doc) is None


def test_a_deadline_is_not_the_signing_date():
    doc = build_doc(
        "Ghana and Togo signed an accord to finish the coastal road by 2025.",
        """
        0   Ghana    PROPN  nsubj  3
        1   and      CCONJ  cc     0
        2   Togo     PROPN  conj   0
        3   signed   VERB   ROOT   3   sign
        4   an       DET    det    5
        5   accord   NOUN   dobj   3
        6   to       PART   aux    7
        7   finish   VERB   acl    5
        8   the      DET    det    10
        9   coastal  ADJ    amod   10
        10  road     NOUN   dobj   7
        11  by       ADP    prep   7
        12  2025     NUM    pobj   11
        13  .        PUNCT  punct  3
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE"), ("2025", "DATE")],
        published="2023-03-10",
    )
    assert date_in(doc) is None


def year_in_the_name_doc():
    return build_doc(
        "Ghana and Togo renewed the 2011 agreement on Monday.",
        """
        0  Ghana      PROPN  nsubj   3
        1  and        CCONJ  cc      0
        2  Togo       PROPN  conj    0
        3  renewed    VERB   ROOT    3  renew
        4  the        DET    det     6
        5  2011       NUM    nummod  6
        6  agreement  NOUN   dobj    3
        7  on         ADP    prep    3
        8  Monday     PROPN  pobj    7
        9  .          PUNCT  punct   3
        """,
        ents=[("Ghana", "GPE"), ("Togo", "GPE"), ("2011", "DATE"), ("Monday", "DATE")],
        published="2023-03-10",
    )


def test_the_year_in_an_instruments_name_is_not_the_signing_date():
    doc = year_in_the_name_doc()
    # the label "2011 agreement" is excluded: the weekday before publication is the date
    assert date_in(doc) == ("2023-03-06", "Monday", "date.tied_to_signing")


def test_without_the_instruments_name_excluded_its_year_would_win():
    assert date_in(year_in_the_name_doc(), exclude=[]) == ("2011", "2011", "date.tied_to_signing")


def test_a_planned_signing_on_a_weekday_is_after_publication():
    doc = build_doc(
        "Ghana and Nigeria will sign an MoU on Tuesday.",
        """
        0  Ghana    PROPN  nsubj  4
        1  and      CCONJ  cc     0
        2  Nigeria  PROPN  conj   0
        3  will     AUX    aux    4
        4  sign     VERB   ROOT   4
        5  an       DET    det    6
        6  MoU      NOUN   dobj   4
        7  on       ADP    prep   4
        8  Tuesday  PROPN  pobj   7
        9  .        PUNCT  punct  4
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Tuesday", "DATE")],
        published="2023-03-10",
    )
    assert date_in(doc) == ("2023-03-14", "Tuesday", "date.tied_to_signing")


def test_an_instrument_reported_after_the_leads_signing_of_several_takes_its_date():
    doc = build_doc(
        "Ghana and Nigeria on Tuesday signed several agreements. The MoU on trade was signed by the ministers.",
        """
        0   Ghana       PROPN  nsubj      5
        1   and         CCONJ  cc         0
        2   Nigeria     PROPN  conj       0
        3   on          ADP    prep       5
        4   Tuesday     PROPN  pobj       3
        5   signed      VERB   ROOT       5   sign
        6   several     ADJ    amod       7
        7   agreements  NOUN   dobj       5   agreement
        8   .           PUNCT  punct      5
        9   The         DET    det        10
        10  MoU         NOUN   nsubjpass  14
        11  on          ADP    prep       10
        12  trade       NOUN   pobj       11
        13  was         AUX    auxpass    14  be
        14  signed      VERB   ROOT       14  sign
        15  by          ADP    agent      14
        16  the         DET    det        17
        17  ministers   NOUN   pobj       15  minister
        18  .           PUNCT  punct      14
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Tuesday", "DATE")],
        published="2023-03-10",
    )
    for token in doc:
        token.tag_ = "NNS" if token.text in ("agreements", "ministers") else "NN"
    ctx, events = events_of(doc)
    ctx.mentions = find_mentions(doc, ctx.rules)
    mou = [e for e in events if e.mention.text.startswith("MoU")]
    found = date_of_events(mou, ctx, "signed", [])
    assert (found[0].value, found[1].text, found[1].rule) == ("2023-03-07", "Tuesday", "date.lead_signing_of_several")


def test_the_date_of_entry_into_force_is_not_the_signing_date():
    doc = build_doc(
        "The treaty between Peru and Chile entered into force on 25 June.",
        """
        0   The      DET    det     1
        1   treaty   NOUN   nsubj   6
        2   between  ADP    prep    1
        3   Peru     PROPN  pobj    2
        4   and      CCONJ  cc      3
        5   Chile    PROPN  conj    3
        6   entered  VERB   ROOT    6   enter
        7   into     ADP    prep    6
        8   force    NOUN   pobj    7
        9   on       ADP    prep    6
        10  25       NUM    nummod  11
        11  June     PROPN  pobj    9
        12  .        PUNCT  punct   6
        """,
        ents=[("Peru", "GPE"), ("Chile", "GPE"), ("25 June", "DATE")],
        published="2023-07-01",
    )
    ctx, events = events_of(doc)
    assert [e.cue.rule for e in events] == ["status.enters_into_force"]
    assert date_of_events(events, ctx, "signed", []) is None


def test_an_amount_the_model_took_for_a_year_is_not_the_signing_date():
    doc = build_doc(
        "The ministry signed a contract worth Rs 1982 crore with the company.",
        """
        0   The       DET    det       1
        1   ministry  NOUN   nsubj     2
        2   signed    VERB   ROOT      2   sign
        3   a         DET    det       4
        4   contract  NOUN   dobj      2
        5   worth     ADJ    amod      4
        6   Rs        PROPN  npadvmod  5
        7   1982      NUM    nummod    8
        8   crore     NOUN   npadvmod  5
        9   with      ADP    prep      5
        10  the       DET    det       11
        11  company   NOUN   pobj      9
        12  .         PUNCT  punct     2
        """,
        ents=[("1982", "DATE")],
    )
    assert date_in(doc) is None


def test_the_day_a_signing_was_announced_is_not_its_date():
    doc = build_doc(
        "The city announced on 6 May that the mayor signed an MoU with Kumasi.",
        """
        0   The        DET    det     1
        1   city       NOUN   nsubj   2
        2   announced  VERB   ROOT    2   announce
        3   on         ADP    prep    2
        4   6          NUM    nummod  5
        5   May        PROPN  pobj    3
        6   that       SCONJ  mark    9
        7   the        DET    det     8
        8   mayor      NOUN   nsubj   9
        9   signed     VERB   ccomp   2   sign
        10  an         DET    det     11
        11  MoU        NOUN   dobj    9
        12  with       ADP    prep    9
        13  Kumasi     PROPN  pobj    12
        14  .          PUNCT  punct   2
        """,
        ents=[("6 May", "DATE"), ("Kumasi", "GPE")],
        published="2023-05-12",
    )
    assert date_in(doc) is None


def test_a_planned_signing_is_not_dated_before_publication():
    doc = build_doc(
        "Kumasi and Tamale arrived yesterday to sign a twinning agreement.",
        """
        0   Kumasi     PROPN  nsubj     3
        1   and        CCONJ  cc        0
        2   Tamale     PROPN  conj      0
        3   arrived    VERB   ROOT      3   arrive
        4   yesterday  NOUN   npadvmod  3
        5   to         PART   aux       6
        6   sign       VERB   advcl     3
        7   a          DET    det       9
        8   twinning   ADJ    amod      9
        9   agreement  NOUN   dobj      6
        10  .          PUNCT  punct     3
        """,
        ents=[("Kumasi", "GPE"), ("Tamale", "GPE"), ("yesterday", "DATE")],
        published="2023-05-12",
    )
    ctx, events = events_of(doc)
    assert date_of_events(events, ctx, "planned", []) is None
    assert date_of_events(events, ctx, "signed", [])[0].value == "2023-05-11"


def test_the_pages_date_in_the_first_sentence_is_not_the_signing_date():
    doc = build_doc(
        "Posted 2021-04-02 Kenya and Ghana signed a trade agreement.",
        """
        0   Posted     VERB   amod      6   post
        1   2021       NUM    nummod    5
        2   -          PUNCT  punct     1
        3   04         NUM    nummod    5
        4   -          PUNCT  punct     5
        5   02         NUM    nummod    6
        6   Kenya      PROPN  nsubj     9
        7   and        CCONJ  cc        6
        8   Ghana      PROPN  conj      6
        9   signed     VERB   ROOT      9   sign
        10  a          DET    det       12
        11  trade      NOUN   compound  12
        12  agreement  NOUN   dobj      9
        13  .          PUNCT  punct     9
        """,
        ents=[("2021-04-02", "DATE"), ("Kenya", "GPE"), ("Ghana", "GPE")],
        published="2021-04-02",
    )
    assert date_in(doc) is None


def test_the_datelines_date_is_not_the_signing_date():
    doc = build_doc(
        "Tamale (N/R), May 4, GNA – Kumasi and Tamale signed a cooperation agreement.",
        """
        0   Tamale       PROPN  nsubj     15
        1   (            PUNCT  punct     0
        2   N            PROPN  nmod      4
        3   /            SYM    punct     4
        4   R            PROPN  appos     0
        5   )            PUNCT  punct     0
        6   ,            PUNCT  punct     0
        7   May          PROPN  appos     0
        8   4            NUM    nummod    7
        9   ,            PUNCT  punct     15
        10  GNA          PROPN  nsubj     15
        11  –            PUNCT  punct     10
        12  Kumasi       PROPN  conj      10
        13  and          CCONJ  cc        12
        14  Tamale       PROPN  conj      12
        15  signed       VERB   ROOT      15  sign
        16  a            DET    det       18
        17  cooperation  NOUN   compound  18
        18  agreement    NOUN   dobj      15
        19  .            PUNCT  punct     15
        """,
        ents=[("Tamale", "GPE"), ("May 4", "DATE"), ("GNA", "ORG"), ("Kumasi", "GPE"), ("Tamale", "GPE")],
    )
    assert date_in(doc) is None


# --- place_of_events --------------------------------------------------------------------------


def signed_in_doc(tail: str, rows: str, ents: list[tuple[str, str]]):
    """'Kenya and Ghana signed an MoU<tail>' with the rows of the tail from index 6."""
    return build_doc(
        f"Kenya and Ghana signed an MoU{tail}",
        """
        0   Kenya    PROPN  nsubj  3
        1   and      CCONJ  cc     0
        2   Ghana    PROPN  conj   0
        3   signed   VERB   ROOT   3  sign
        4   an       DET    det    5
        5   MoU      NOUN   dobj   3
        """
        + rows,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), *ents],
    )


def test_signed_in_a_city_is_the_place():
    doc = signed_in_doc(
        " in Accra on Tuesday.",
        """
        6   in       ADP    prep   3
        7   Accra    PROPN  pobj   6
        8   on       ADP    prep   3
        9   Tuesday  PROPN  pobj   8
        10  .        PUNCT  punct  3
        """,
        [("Accra", "GPE"), ("Tuesday", "DATE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_fronted_in_city_is_the_place():
    doc = build_doc(
        "In Accra, Kenya and Ghana signed an MoU on Tuesday.",
        """
        0   In       ADP    prep   6
        1   Accra    PROPN  pobj   0
        2   ,        PUNCT  punct  6
        3   Kenya    PROPN  nsubj  6
        4   and      CCONJ  cc     3
        5   Ghana    PROPN  conj   3
        6   signed   VERB   ROOT   6  sign
        7   an       DET    det    8
        8   MoU      NOUN   dobj   6
        9   on       ADP    prep   6
        10  Tuesday  PROPN  pobj   9
        11  .        PUNCT  punct  6
        """,
        ents=[("Accra", "GPE"), ("Kenya", "GPE"), ("Ghana", "GPE"), ("Tuesday", "DATE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_an_ambassador_in_a_city_does_not_place_the_signing():
    doc = build_doc(
        "Kenya and Ghana signed an MoU, the Kenyan ambassador in Accra said.",
        """
        0   Kenya       PROPN  nsubj  3
        1   and         CCONJ  cc     0
        2   Ghana       PROPN  conj   0
        3   signed      VERB   ccomp  12  sign
        4   an          DET    det    5
        5   MoU         NOUN   dobj   3
        6   ,           PUNCT  punct  12
        7   the         DET    det    9
        8   Kenyan      ADJ    amod   9
        9   ambassador  NOUN   nsubj  12
        10  in          ADP    prep   9
        11  Accra       PROPN  pobj   10
        12  said        VERB   ROOT   12  say
        13  .           PUNCT  punct  12
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("Kenyan", "NORP"), ("Accra", "GPE")],
    )
    assert place_in(doc) is None


def test_a_visit_to_a_city_places_the_signing():
    doc = signed_in_doc(
        " during a visit to Kisumu.",
        """
        6   during  ADP    prep   3
        7   a       DET    det    8
        8   visit   NOUN   pobj   6
        9   to      ADP    prep   8
        10  Kisumu  PROPN  pobj   9
        11  .       PUNCT  punct  3
        """,
        [("Kisumu", "GPE")],
    )
    assert place_in(doc) == ("Kisumu", "KE", at(doc, "Kisumu", "place.visit"))


def test_a_venue_named_after_a_city_places_the_signing():
    doc = signed_in_doc(
        " at the Kumasi City Hall.",
        """
        6   at      ADP    prep      3
        7   the     DET    det       10
        8   Kumasi  PROPN  compound  10
        9   City    PROPN  compound  10
        10  Hall    PROPN  pobj      6
        11  .       PUNCT  punct     3
        """,
        [("the Kumasi City Hall", "FAC")],
    )
    assert place_in(doc) == ("Kumasi", "GH", at(doc, "the Kumasi City Hall", "place.venue"))


def test_a_possessive_place_qualifies_a_noun_rather_than_placing_the_signing():
    doc = signed_in_doc(
        " in Japan's Ibaraki Prefecture.",
        """
        6   in          ADP    prep      3
        7   Japan       PROPN  poss      10
        8   's          PART   case      7
        9   Ibaraki     PROPN  compound  10
        10  Prefecture  PROPN  pobj      6
        11  .           PUNCT  punct     3
        """,
        [("Japan", "GPE")],
    )
    assert place_in(doc) is None


def test_a_place_before_the_cue_whose_where_clause_holds_the_signing():
    doc = build_doc(
        "The ministers met in Accra, where they signed an MoU.",
        """
        0   The        DET    det    1
        1   ministers  NOUN   nsubj  2   minister
        2   met        VERB   ROOT   2   meet
        3   in         ADP    prep   2
        4   Accra      PROPN  pobj   3
        5   ,          PUNCT  punct  4
        6   where      SCONJ  advmod 8
        7   they       PRON   nsubj  8
        8   signed     VERB   relcl  4   sign
        9   an         DET    det    10
        10  MoU        NOUN   dobj   8
        11  .          PUNCT  punct  2
        """,
        ents=[("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def with_partner_in_doc(partner: str, place: str):
    return build_doc(
        f"Mombasa signed an MoU with {partner} in {place}.",
        """
        0   Mombasa  PROPN  nsubj  1
        1   signed   VERB   ROOT   1   sign
        2   an       DET    det    3
        3   MoU      NOUN   dobj   1
        4   with     ADP    prep   3
        5   {}  PROPN  pobj   4
        6   in       ADP    prep   1
        7   {}  PROPN  pobj   6
        8   .        PUNCT  punct  1
        """.format(partner, place),
        ents=[("Mombasa", "GPE"), (partner, "GPE"), (place, "GPE")],
    )


def test_a_place_after_a_partner_locates_the_partner():
    assert place_in(with_partner_in_doc("Durban", "Ghana")) is None


def test_a_city_after_a_partner_country_places_the_signing():
    doc = with_partner_in_doc("Ghana", "Accra")
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_place_after_partners_named_by_a_noun_locates_them():
    doc = signed_in_doc(
        " with universities in Ghana.",
        """
        6   with          ADP    prep   5
        7   universities  NOUN   pobj   6   university
        8   in            ADP    prep   7
        9   Ghana         PROPN  pobj   8
        10  .             PUNCT  punct  3
        """,
        [("Ghana", "GPE")],
    )
    assert place_in(doc) is None


def test_a_venue_the_model_took_for_a_place_is_in_the_city_it_names():
    doc = signed_in_doc(
        " in Kumasi City Hall.",
        """
        6   in      ADP    prep      3
        7   Kumasi  PROPN  compound  9
        8   City    PROPN  compound  9
        9   Hall    PROPN  pobj      6
        10  .       PUNCT  punct     3
        """,
        [("Kumasi City Hall", "GPE")],
    )
    assert place_in(doc) == ("Kumasi", "GH", at(doc, "Kumasi City Hall", "place.venue"))


def test_part_of_a_hyphenated_name_is_not_the_venues_city():
    doc = signed_in_doc(
        " at the Kumasi-Ejisu Assembly Hall.",
        """
        6   at        ADP    prep      3
        7   the       DET    det       12
        8   Kumasi    PROPN  compound  10
        9   -         PUNCT  punct     10
        10  Ejisu     PROPN  compound  12
        11  Assembly  PROPN  compound  12
        12  Hall      PROPN  pobj      6
        13  .         PUNCT  punct     3
        """,
        [("the Kumasi-Ejisu Assembly Hall", "FAC")],
    )
    assert place_in(doc) is None


def test_a_place_in_a_purpose_clause_does_not_place_the_signing():
    doc = signed_in_doc(
        " to help children in Kumasi.",
        """
        6   to        PART   aux    7
        7   help      VERB   acl    5
        8   children  NOUN   dobj   7   child
        9   in        ADP    prep   8
        10  Kumasi    PROPN  pobj   9
        11  .         PUNCT  punct  3
        """,
        [("Kumasi", "GPE")],
    )
    assert place_in(doc) is None


def test_in_the_capital_comma_city_places_the_signing():
    doc = signed_in_doc(
        " in the capital, Accra.",
        """
        6   in       ADP    prep   3
        7   the      DET    det    8
        8   capital  NOUN   pobj   6
        9   ,        PUNCT  punct  8
        10  Accra    PROPN  appos  8
        11  .        PUNCT  punct  3
        """,
        [("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_city_after_a_venue_places_the_signing():
    doc = signed_in_doc(
        " at City Hall, Accra.",
        """
        6   at     ADP    prep      3
        7   City   PROPN  compound  8
        8   Hall   PROPN  pobj      6
        9   ,      PUNCT  punct     8
        10  Accra  PROPN  appos     8
        11  .      PUNCT  punct     3
        """,
        [("City Hall", "FAC"), ("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_the_city_a_venue_is_of_places_the_signing():
    doc = signed_in_doc(
        " at the Town Hall of Accra.",
        """
        6   at     ADP    prep      3
        7   the    DET    det       9
        8   Town   PROPN  compound  9
        9   Hall   PROPN  pobj      6
        10  of     ADP    prep      9
        11  Accra  PROPN  pobj      10
        12  .      PUNCT  punct     3
        """,
        [("the Town Hall", "FAC"), ("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_ceremony_in_the_next_sentence_places_the_signing():
    doc = build_doc(
        "Kenya and Ghana signed an MoU. The signing ceremony took place at the Foreign Ministry in Accra.",
        """
        0   Kenya     PROPN  nsubj     3
        1   and       CCONJ  cc        0
        2   Ghana     PROPN  conj      0
        3   signed    VERB   ROOT      3   sign
        4   an        DET    det       5
        5   MoU       NOUN   dobj      3
        6   .         PUNCT  punct     3
        7   The       DET    det       9
        8   signing   NOUN   compound  9   signing
        9   ceremony  NOUN   nsubj     10
        10  took      VERB   ROOT      10  take
        11  place     NOUN   dobj      10
        12  at        ADP    prep      10
        13  the       DET    det       15
        14  Foreign   PROPN  compound  15
        15  Ministry  PROPN  pobj      12
        16  in        ADP    prep      15
        17  Accra     PROPN  pobj      16
        18  .         PUNCT  punct     10
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("the Foreign Ministry", "ORG"), ("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.signing_nearby"))


def deed_at_signing_doc(preposition: str):
    """'The mayor spoke in Accra <preposition> the signing of the MoU.'"""
    return build_doc(
        f"The mayor spoke in Accra {preposition} the signing of the MoU.",
        f"""
        0   The            DET    det    1
        1   mayor          NOUN   nsubj  2
        2   spoke          VERB   ROOT   2   speak
        3   in             ADP    prep   2
        4   Accra          PROPN  pobj   3
        5   {preposition}  ADP    prep   2
        6   the            DET    det    7
        7   signing        NOUN   pobj   5   signing
        8   of             ADP    prep   7
        9   the            DET    det    10
        10  MoU            NOUN   pobj   8
        11  .              PUNCT  punct  2
        """,
        ents=[("Accra", "GPE")],
    )


def test_a_place_of_a_deed_during_the_signing_places_the_signing():
    doc = deed_at_signing_doc("during")
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_place_the_model_hung_on_the_deeds_object_places_the_signing():
    doc = build_doc(
        "The mayor said this in Accra during the signing of the MoU.",
        """
        0   The      DET    det    1
        1   mayor    NOUN   nsubj  2
        2   said     VERB   ROOT   2   say
        3   this     PRON   dobj   2
        4   in       ADP    prep   3
        5   Accra    PROPN  pobj   4
        6   during   ADP    prep   2
        7   the      DET    det    8
        8   signing  NOUN   pobj   6   signing
        9   of       ADP    prep   8
        10  the      DET    det    11
        11  MoU      NOUN   pobj   9
        12  .        PUNCT  punct  2
        """,
        ents=[("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.in_or_at"))


def test_a_place_of_a_deed_after_the_signing_does_not_place_it():
    assert place_in(deed_at_signing_doc("after")) is None


def occasion_doc(occasion: str):
    """'The mayors attended the summit in Accra. During the <occasion>, Kenya and Ghana signed an MoU.'"""
    return build_doc(
        f"The mayors attended the summit in Accra. During the {occasion}, Kenya and Ghana signed an MoU.",
        f"""
        0   The           DET    det    1
        1   mayors        NOUN   nsubj  2
        2   attended      VERB   ROOT   2   attend
        3   the           DET    det    4
        4   summit        NOUN   dobj   2
        5   in            ADP    prep   4
        6   Accra         PROPN  pobj   5
        7   .             PUNCT  punct  2
        8   During        ADP    prep   15
        9   the           DET    det    10
        10  {occasion}    NOUN   pobj   8
        11  ,             PUNCT  punct  15
        12  Kenya         PROPN  nsubj  15
        13  and           CCONJ  cc     12
        14  Ghana         PROPN  conj   12
        15  signed        VERB   ROOT   15  sign
        16  an            DET    det    17
        17  MoU           NOUN   dobj   15
        18  .             PUNCT  punct  15
        """,
        ents=[("Accra", "GPE"), ("Kenya", "GPE"), ("Ghana", "GPE")],
    )


def test_a_signing_during_an_occasion_placed_before_took_place_there():
    doc = occasion_doc("summit")
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.occasion_placed_before"))


def test_a_signing_during_another_occasion_is_not_placed_by_the_first():
    assert place_in(occasion_doc("talks")) is None


def test_an_instrument_reported_after_the_leads_signing_of_several_takes_its_place():
    doc = build_doc(
        "Ghana and Nigeria signed several agreements in Accra. The MoU on trade was signed by the ministers.",
        """
        0   Ghana       PROPN  nsubj      3
        1   and         CCONJ  cc         0
        2   Nigeria     PROPN  conj       0
        3   signed      VERB   ROOT       3   sign
        4   several     ADJ    amod       5
        5   agreements  NOUN   dobj       3   agreement
        6   in          ADP    prep       3
        7   Accra       PROPN  pobj       6
        8   .           PUNCT  punct      3
        9   The         DET    det        10
        10  MoU         NOUN   nsubjpass  14
        11  on          ADP    prep       10
        12  trade       NOUN   pobj       11
        13  was         AUX    auxpass    14  be
        14  signed      VERB   ROOT       14  sign
        15  by          ADP    agent      14
        16  the         DET    det        17
        17  ministers   NOUN   pobj       15  minister
        18  .           PUNCT  punct      14
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Accra", "GPE")],
    )
    for token in doc:
        token.tag_ = "NNS" if token.text in ("agreements", "ministers") else "NN"
    ctx, events = events_of(doc)
    ctx.mentions = find_mentions(doc, ctx.rules)
    place, evidence = place_of_events([e for e in events if e.mention.text.startswith("MoU")], ctx)
    assert (place.name, evidence) == ("Accra", at(doc, "Accra", "place.lead_signing_of_several"))


def test_a_city_fronted_in_the_lead_places_the_signing_it_goes_on_to_report():
    doc = build_doc(
        "In Accra, the two presidents met. They signed an MoU.",
        """
        0   In         ADP    prep   6
        1   Accra      PROPN  pobj   0
        2   ,          PUNCT  punct  6
        3   the        DET    det    5
        4   two        NUM    nummod 5
        5   presidents NOUN   nsubj  6   president
        6   met        VERB   ROOT   6   meet
        7   .          PUNCT  punct  6
        8   They       PRON   nsubj  9
        9   signed     VERB   ROOT   9   sign
        10  an         DET    det    11
        11  MoU        NOUN   dobj   9
        12  .          PUNCT  punct  9
        """,
        ents=[("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.scene_of_the_lead"))


def test_a_city_fronted_after_the_pages_date_places_the_signing_the_lead_reports():
    doc = build_doc(
        "date 2024-05-02 In Accra, the two presidents met. They signed an MoU.",
        """
        0   date        NOUN   npadvmod  8
        1   2024-05-02  NUM    nummod    0
        2   In          ADP    prep      8
        3   Accra       PROPN  pobj      2
        4   ,           PUNCT  punct     8
        5   the         DET    det       7
        6   two         NUM    nummod    7
        7   presidents  NOUN   nsubj     8   president
        8   met         VERB   ROOT      8   meet
        9   .           PUNCT  punct     8
        10  They        PRON   nsubj     11
        11  signed      VERB   ROOT      11  sign
        12  an          DET    det       13
        13  MoU         NOUN   dobj      11
        14  .           PUNCT  punct     11
        """,
        ents=[("2024-05-02", "DATE"), ("Accra", "GPE")],
    )
    assert place_in(doc) == ("Accra", "GH", at(doc, "Accra", "place.scene_of_the_lead"))


def test_a_visit_by_someone_to_a_place_places_the_signing():
    doc = signed_in_doc(
        " during a visit by President Ruto to Ghana.",
        """
        6   during     ADP    prep      3
        7   a          DET    det       8
        8   visit      NOUN   pobj      6
        9   by         ADP    prep      8
        10  President  PROPN  compound  11
        11  Ruto       PROPN  pobj      9
        12  to         ADP    prep      8
        13  Ghana      PROPN  pobj      12
        14  .          PUNCT  punct     3
        """,
        [("Ruto", "PERSON"), ("Ghana", "GPE")],
    )
    last = doc.text.rindex("Ghana")
    assert place_in(doc) == ("Ghana", "GH", Evidence(last, last + 5, "Ghana", "place.visit"))


def test_a_visit_to_a_country_whose_city_signs_is_a_visit_to_that_city():
    doc = build_doc(
        "Nairobi signed an MoU with Kumasi during a visit to Ghana.",
        """
        0   Nairobi  PROPN  nsubj  1
        1   signed   VERB   ROOT   1   sign
        2   an       DET    det    3
        3   MoU      NOUN   dobj   1
        4   with     ADP    prep   1
        5   Kumasi   PROPN  pobj   4
        6   during   ADP    prep   1
        7   a        DET    det    8
        8   visit    NOUN   pobj   6
        9   to       ADP    prep   8
        10  Ghana    PROPN  pobj   9
        11  .        PUNCT  punct  1
        """,
        ents=[("Nairobi", "GPE"), ("Kumasi", "GPE"), ("Ghana", "GPE")],
    )
    assert place_in(doc) == ("Kumasi", "GH", at(doc, "Kumasi", "place.visit"))


def test_here_is_the_dateline_city():
    doc = dateline_doc()
    # the all-capitals dateline takes the name as the gazetteer spells it
    assert place_in(doc, lead_end=len(doc.text)) == ("Accra", "GH", Evidence(0, 5, "ACCRA", "place.dateline_here"))


def test_here_without_a_dateline_has_no_place():
    doc = signed_in_doc(
        " here on Tuesday.",
        """
        6   here     ADV    advmod  3
        7   on       ADP    prep    3
        8   Tuesday  PROPN  pobj    7
        9   .        PUNCT  punct   3
        """,
        [("Tuesday", "DATE")],
    )
    assert place_in(doc, lead_end=len(doc.text)) is None


# --- dateline_signing, host_of_delegation -------------------------------------------------------


def ceremony_doc():
    return build_doc(
        "Ports sign pact\n\nMOMBASA — The Kenya Ports Authority and the Port of "
        "Antwerp signed an MoU on Monday at a ceremony at the Pride Inn hotel.",
        r"""
        0   Ports      NOUN   nsubj     1   port
        1   sign       VERB   ROOT      1
        2   pact       NOUN   dobj      1
        3   \n\n       SPACE  dep       2
        4   MOMBASA    PROPN  nsubj     15
        5   —          PUNCT  punct     4
        6   The        DET    det       9
        7   Kenya      PROPN  compound  9
        8   Ports      PROPN  compound  9
        9   Authority  PROPN  appos     4
        10  and        CCONJ  cc        9
        11  the        DET    det       12
        12  Port       PROPN  conj      9
        13  of         ADP    prep      12
        14  Antwerp    PROPN  pobj      13
        15  signed     VERB   ROOT      15  sign
        16  an         DET    det       17
        17  MoU        NOUN   dobj      15
        18  on         ADP    prep      15
        19  Monday     PROPN  pobj      18
        20  at         ADP    prep      15
        21  a          DET    det       22
        22  ceremony   NOUN   pobj      20
        23  at         ADP    prep      22
        24  the        DET    det       27
        25  Pride      PROPN  compound  26
        26  Inn        PROPN  compound  27
        27  hotel      NOUN   pobj      23
        28  .          PUNCT  punct     15
        """,
        ents=[
            ("MOMBASA", "GPE"),
            ("The Kenya Ports Authority", "ORG"),
            ("Antwerp", "GPE"),
            ("Monday", "DATE"),
            ("the Pride Inn", "FAC"),
        ],
    )


def finding_of(events, status: str = "signed") -> AgreementFinding:
    body = events[-1]
    return AgreementFinding(
        body.mention.type, status, body.mention.text, [e.mention for e in events], body.cue, events=events
    )


def test_a_ceremony_at_an_unplaced_venue_took_place_in_the_dateline_city():
    doc = ceremony_doc()
    ctx, events = events_of(doc)
    ctx.lead_end = len(doc.text)
    assert [e.mention.text for e in events] == ["pact", "MoU"]
    assert place_of_events(events, ctx) is None
    place, evidence = dateline_signing(finding_of(events), ctx)
    assert (place.name, place.country, evidence) == ("Mombasa", "KE", at(doc, "MOMBASA", "place.dateline"))


def test_a_planned_signing_has_no_dateline_place():
    doc = ceremony_doc()
    ctx, events = events_of(doc)
    ctx.lead_end = len(doc.text)
    assert dateline_signing(finding_of(events, status="planned"), ctx) is None


def country_party(doc, name: str, country: str) -> PartyFinding:
    return PartyFinding(name, "country", country, None, [], [at(doc, name, "party.subject_of_signing")])


def test_a_dateline_in_neither_partys_country_is_the_newsroom():
    doc = build_doc(
        "DUBAI: Oman and Qatar signed a memorandum of understanding on Tuesday.",
        """
        0   DUBAI          PROPN  ROOT   0
        1   :              PUNCT  punct  0
        2   Oman           PROPN  nsubj  5
        3   and            CCONJ  cc     2
        4   Qatar          PROPN  conj   2
        5   signed         VERB   ROOT   5  sign
        6   a              DET    det    7
        7   memorandum     NOUN   dobj   5
        8   of             ADP    prep   7
        9   understanding  NOUN   pobj   8
        10  on             ADP    prep   5
        11  Tuesday        PROPN  pobj   10
        12  .              PUNCT  punct  5
        """,
        ents=[("DUBAI", "GPE"), ("Oman", "GPE"), ("Qatar", "GPE"), ("Tuesday", "DATE")],
    )
    ctx, events = events_of(doc)
    ctx.lead_end = len(doc.text)
    finding = finding_of(events)
    finding.parties = [country_party(doc, "Oman", "OM"), country_party(doc, "Qatar", "QA")]
    assert dateline_signing(finding, ctx) is None
    finding.parties[1] = country_party(doc, "Qatar", "AE")  # were the dateline in a party's country
    assert dateline_signing(finding, ctx)[1] == at(doc, "DUBAI", "place.dateline")


def test_a_title_case_dateline_places_a_signing_in_its_paragraph():
    doc = build_doc(
        "Signing\n\nTamale (N/R), May 4, GNA – Kumasi and Tamale signed a cooperation agreement.",
        r"""
        0   Signing      NOUN   ROOT      0   signing
        1   \n\n         SPACE  dep       0
        2   Tamale       PROPN  nsubj     17
        3   (            PUNCT  punct     2
        4   N            PROPN  nmod      6
        5   /            SYM    punct     6
        6   R            PROPN  appos     2
        7   )            PUNCT  punct     2
        8   ,            PUNCT  punct     2
        9   May          PROPN  appos     2
        10  4            NUM    nummod    9
        11  ,            PUNCT  punct     17
        12  GNA          PROPN  nsubj     17
        13  –            PUNCT  punct     12
        14  Kumasi       PROPN  conj      12
        15  and          CCONJ  cc        14
        16  Tamale       PROPN  conj      14
        17  signed       VERB   ROOT      17  sign
        18  a            DET    det       20
        19  cooperation  NOUN   compound  20
        20  agreement    NOUN   dobj      17
        21  .            PUNCT  punct     17
        """,
        ents=[("Tamale", "GPE"), ("May 4", "DATE"), ("GNA", "ORG"), ("Kumasi", "GPE"), ("Tamale", "GPE")],
    )
    ctx, events = events_of(doc)
    ctx.lead_end = 0  # the dateline's paragraph is what counts
    place, evidence = dateline_signing(finding_of(events), ctx)
    assert (place.name, place.country, evidence) == ("Tamale", "GH", at(doc, "Tamale", "place.dateline"))


def test_a_visiting_delegation_signs_in_its_host_city():
    doc = build_doc(
        "A delegation from Kristiansand arrived on Sunday. Mombasa "
        "and Kristiansand signed a sister city agreement on Monday.",
        """
        0   A             DET    det       1
        1   delegation    NOUN   nsubj     4
        2   from          ADP    prep      1
        3   Kristiansand  PROPN  pobj      2
        4   arrived       VERB   ROOT      4   arrive
        5   on            ADP    prep      4
        6   Sunday        PROPN  pobj      5
        7   .             PUNCT  punct     4
        8   Mombasa       PROPN  nsubj     11
        9   and           CCONJ  cc        8
        10  Kristiansand  PROPN  conj      8
        11  signed        VERB   ROOT      11  sign
        12  a             DET    det       15
        13  sister        NOUN   compound  14
        14  city          NOUN   compound  15
        15  agreement     NOUN   dobj      11
        16  on            ADP    prep      11
        17  Monday        PROPN  pobj      16
        18  .             PUNCT  punct     11
        """,
        ents=[
            ("Kristiansand", "GPE"),
            ("Sunday", "DATE"),
            ("Mombasa", "GPE"),
            ("Kristiansand", "GPE"),
            ("Monday", "DATE"),
        ],
    )
    ctx, events = events_of(doc)
    assert place_of_events(events, ctx) is None
    finding = finding_of(events)
    second = doc.text.rindex("Kristiansand")
    finding.parties = [
        PartyFinding("Mombasa", "city", "KE", 186301, [], [at(doc, "Mombasa", "party.subject_of_signing")]),
        PartyFinding(
            "Kristiansand",
            "city",
            "NO",
            None,
            [],
            [Evidence(second, second + 12, "Kristiansand", "party.subject_of_signing")],
        ),
    ]
    place, evidence = host_of_delegation(finding, ctx)
    assert (place.name, place.start) == ("Mombasa", doc.text.index("Mombasa"))
    assert evidence == at(doc, "Mombasa", "place.host_of_delegation")  # the text naming the place


def town_hall_doc(subject: str):
    """'<subject> officials hosted the Kisumu mayor at City Hall to sign a sister city agreement.'"""
    return build_doc(
        f"{subject} officials hosted the Kisumu mayor at City Hall to sign a sister city agreement.",
        f"""
        0   {subject}  PROPN  compound  1
        1   officials  NOUN   nsubj     2
        2   hosted     VERB   ROOT      2   host
        3   the        DET    det       5
        4   Kisumu     PROPN  compound  5
        5   mayor      NOUN   dobj      2
        6   at         ADP    prep      2
        7   City       PROPN  compound  8
        8   Hall       PROPN  pobj      6
        9   to         PART   aux       10
        10  sign       VERB   advcl     2   sign
        11  a          DET    det       14
        12  sister     NOUN   compound  13
        13  city       NOUN   compound  14
        14  agreement  NOUN   dobj      10
        15  .          PUNCT  punct     2
        """,
        ents=[(subject, "GPE"), ("Kisumu", "GPE"), ("City Hall", "FAC")],
    )


def city_party(name: str) -> PartyFinding:
    return PartyFinding(name, "city", "KE", None, [], [])


def test_a_signing_at_an_unnamed_city_hall_is_in_the_city_whose_officials_host_it():
    doc = town_hall_doc("Mombasa")
    ctx, events = events_of(doc)
    assert place_of_events(events, ctx) is None
    finding = finding_of(events)
    finding.parties = [city_party("Mombasa"), city_party("Kisumu")]
    place, evidence = host_of_delegation(finding, ctx)
    assert (place.name, evidence) == ("Mombasa", at(doc, "Mombasa", "place.town_hall_host"))


def test_a_city_hall_host_that_is_no_party_places_nothing():
    doc = town_hall_doc("Nairobi")
    ctx, events = events_of(doc)
    finding = finding_of(events)
    finding.parties = [city_party("Mombasa"), city_party("Kisumu")]
    assert host_of_delegation(finding, ctx) is None
