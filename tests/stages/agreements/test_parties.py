"""Parties on hand-built Docs (pipeline.stages.agreements.parties): the entities an event binds
(parties_of_event: the subject of the signing, "with"/"between" objects, "on behalf of"; not
a place that only locates another, a country that only qualifies a noun, a person's
affiliation, another predicate's subject), parties named in an instrument's label, parties
from entities (party_from_entity), rosters of signatories, and one party per entity
(merge_parties).
"""

from __future__ import annotations

import re

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.events import find_events
from pipeline.stages.agreements.findings import AgreementFinding, PartyFinding
from pipeline.stages.agreements.mentions import find_mentions, instrument_name_span, mention_label
from pipeline.stages.agreements.parties import (
    listed_signatories,
    merge_parties,
    parties_named_in_label,
    parties_of_event,
    party_from_entity,
)
from tests.stages.agreements.shared_docs import (
    agreement_with_object_doc,
    named_trade_agreement_doc,
    signed_in_accra_doc,
)
from tests.stages.docs import build_doc, make_context, rules


def parties_in(doc) -> list[tuple[str, str | None, str | None, str]]:
    """(name, kind, country, rule) of the parties of the Doc's only event."""
    ctx = make_context(doc)
    mentions = find_mentions(doc, ctx.rules)
    (event,) = find_events(doc, ctx, mentions)[0]
    label_span = instrument_name_span(doc, event.mention, mention_label(doc, event.mention))
    return [(p.name, p.kind, p.country, p.evidence[-1].rule) for p in parties_of_event(event, ctx, label_span)]


def party(
    name: str, kind: str | None, country: str | None, aliases=(), at: int = 0, rule: str = "test"
) -> PartyFinding:
    return PartyFinding(name, kind, country, None, list(aliases), [Evidence(at, at + len(name), name, rule)])


# --- parties_of_event -------------------------------------------------------------------------


def test_subjects_of_the_signing_are_parties_and_the_place_is_not():
    doc = signed_in_accra_doc()
    assert parties_in(doc) == [
        ("Kenya", "country", "KE", "party.subject_of_signing"),
        ("Ghana", "country", "GH", "party.subject_of_signing"),
    ]


def test_the_object_of_with_is_a_party():
    doc = agreement_with_object_doc()
    assert parties_in(doc) == [
        ("Kenya", "country", "KE", "party.subject_of_signing"),
        ("Nigeria", "country", "NG", "party.with_or_between"),
    ]


def test_on_behalf_of_names_the_party_and_the_portfolio_is_not_one():
    doc = build_doc(
        "The agreement was signed by Health Minister Jane Mensah on behalf of Ghana.",
        """
        0   The        DET    det        1
        1   agreement  NOUN   nsubjpass  3
        2   was        AUX    auxpass    3   be
        3   signed     VERB   ROOT       3   sign
        4   by         ADP    agent      3
        5   Health     PROPN  compound   6
        6   Minister   PROPN  compound   8
        7   Jane       PROPN  compound   8
        8   Mensah     PROPN  pobj       4
        9   on         ADP    prep       3
        10  behalf     NOUN   pobj       9
        11  of         ADP    prep       10
        12  Ghana      PROPN  pobj       11
        13  .          PUNCT  punct      3
        """,
        # the model tags "Health" as an organisation: it is part of the signatory's title
        ents=[("Health", "ORG"), ("Jane Mensah", "PERSON"), ("Ghana", "GPE")],
    )
    assert parties_in(doc) == [("Ghana", "country", "GH", "party.signs_for")]


def test_a_country_after_a_city_only_locates_it():
    doc = build_doc(
        "Mombasa, Kenya, and Kristiansand signed a sister city agreement.",
        """
        0   Mombasa       PROPN  ROOT      0
        1   ,             PUNCT  punct     0
        2   Kenya         PROPN  appos     0
        3   ,             PUNCT  punct     0
        4   and           CCONJ  cc        0
        5   Kristiansand  PROPN  nsubj     6
        6   signed        VERB   conj      0  sign
        7   a             DET    det       10
        8   sister        NOUN   compound  9
        9   city          NOUN   compound  10
        10  agreement     NOUN   dobj      6
        11  .             PUNCT  punct     6
        """,
        ents=[("Mombasa", "GPE"), ("Kenya", "GPE"), ("Kristiansand", "GPE")],
    )
    assert parties_in(doc) == [
        ("Mombasa", "city", "KE", "party.subject_of_signing"),
        ("Kristiansand", "city", "NO", "party.subject_of_signing"),
    ]


def test_a_country_that_owns_a_capital_is_not_a_party():
    doc = build_doc(
        "Ghana's capital, Accra, signed a sister city agreement with Lyon.",
        """
        0   Ghana      PROPN  poss      2
        1   's         PART   case      0
        2   capital    NOUN   nsubj     6
        3   ,          PUNCT  punct     2
        4   Accra      PROPN  appos     2
        5   ,          PUNCT  punct     2
        6   signed     VERB   ROOT      6   sign
        7   a          DET    det       10
        8   sister     NOUN   compound  9
        9   city       NOUN   compound  10
        10  agreement  NOUN   dobj      6
        11  with       ADP    prep      10
        12  Lyon       PROPN  pobj      11
        13  .          PUNCT  punct     6
        """,
        ents=[("Ghana", "GPE"), ("Accra", "GPE"), ("Lyon", "GPE")],
    )
    assert parties_in(doc) == [
        ("Accra", "city", "GH", "party.subject_of_signing"),
        ("Lyon", "city", "FR", "party.with_or_between"),
    ]


def test_a_nationality_before_government_is_the_country():
    doc = build_doc(
        "The Kenyan government signed an MoU with Makerere University.",
        """
        0  The         DET    det       2
        1  Kenyan      ADJ    amod      2
        2  government  NOUN   nsubj     3
        3  signed      VERB   ROOT      3  sign
        4  an          DET    det       5
        5  MoU         NOUN   dobj      3
        6  with        ADP    prep      5
        7  Makerere    PROPN  compound  8
        8  University  PROPN  pobj      6
        9  .           PUNCT  punct     3
        """,
        ents=[("Kenyan", "NORP"), ("Makerere University", "ORG")],
    )
    assert parties_in(doc) == [
        ("Kenya", "country", "KE", "party.subject_of_signing"),
        ("Makerere University", "university", None, "party.with_or_between"),
    ]


def test_an_organisation_keeps_its_acronym_and_country():
    doc = build_doc(
        "The Kenya Ports Authority (KPA) signed a contract with Maersk.",
        """
        0   The        DET    det       3
        1   Kenya      PROPN  compound  3
        2   Ports      PROPN  compound  3
        3   Authority  PROPN  nsubj     7
        4   (          PUNCT  punct     3
        5   KPA        PROPN  appos     3
        6   )          PUNCT  punct     3
        7   signed     VERB   ROOT      7   sign
        8   a          DET    det       9
        9   contract   NOUN   dobj      7
        10  with       ADP    prep      7
        11  Maersk     PROPN  pobj      10
        12  .          PUNCT  punct     7
        """,
        ents=[("The Kenya Ports Authority", "ORG"), ("KPA", "ORG"), ("Maersk", "ORG")],
    )
    ctx = make_context(doc)
    (event,) = find_events(doc, ctx, find_mentions(doc, ctx.rules))[0]
    found = parties_of_event(event, ctx, None)
    # the acronym in brackets is an alias, not another party
    assert [(p.name, p.kind, p.country, p.aliases) for p in found] == [
        ("Kenya Ports Authority", "government_body", "KE", ["KPA"]),
        ("Maersk", "organisation", None, []),
    ]
    assert found[0].evidence == [Evidence(0, 25, "The Kenya Ports Authority", "party.subject_of_signing")]


def test_a_signatory_affiliation_is_not_read_as_the_subject():
    doc = build_doc(
        "Governor Hassan Joho of Mombasa signed the MoU with Kristiansand.",
        """
        0   Governor      PROPN  compound  2
        1   Hassan        PROPN  compound  2
        2   Joho          PROPN  nsubj     5
        3   of            ADP    prep      2
        4   Mombasa       PROPN  pobj      3
        5   signed        VERB   ROOT      5  sign
        6   the           DET    det       7
        7   MoU           NOUN   dobj      5
        8   with          ADP    prep      5
        9   Kristiansand  PROPN  pobj      8
        10  .             PUNCT  punct     5
        """,
        ents=[("Hassan Joho", "PERSON"), ("Mombasa", "GPE"), ("Kristiansand", "GPE")],
    )
    assert parties_in(doc) == [("Kristiansand", "city", "NO", "party.with_or_between")]


def test_the_subject_of_another_predicate_is_not_a_party():
    doc = build_doc(
        "Ghana hosted the summit and Nigeria signed an accord with Togo while Benin watched.",
        """
        0   Ghana    PROPN  nsubj  1
        1   hosted   VERB   ROOT   1   host
        2   the      DET    det    3
        3   summit   NOUN   dobj   1
        4   and      CCONJ  cc     1
        5   Nigeria  PROPN  nsubj  6
        6   signed   VERB   conj   1   sign
        7   an       DET    det    8
        8   accord   NOUN   dobj   6
        9   with     ADP    prep   8
        10  Togo     PROPN  pobj   9
        11  while    SCONJ  mark   13
        12  Benin    PROPN  nsubj  13
        13  watched  VERB   advcl  6   watch
        14  .        PUNCT  punct  1
        """,
        ents=[("Ghana", "GPE"), ("Nigeria", "GPE"), ("Togo", "GPE"), ("Benin", "GPE")],
    )
    # Ghana hosted; Benin is past "while", outside the signing's clause
    assert parties_in(doc) == [
        ("Nigeria", "country", "NG", "party.subject_of_signing"),
        ("Togo", "country", "TG", "party.with_or_between"),
    ]


def names_and_rules(doc) -> list[tuple[str, str]]:
    return [(name, rule) for name, _, _, rule in parties_in(doc)]


def test_a_country_after_an_organisation_and_its_acronym_only_locates_it():
    doc = build_doc(
        "Equity Bank (EB), Kenya, and Ecobank, Togo, signed an MoU.",
        """
        0   Equity   PROPN  compound  1
        1   Bank     PROPN  nsubj     13
        2   (        PUNCT  punct     3
        3   EB       PROPN  appos     1
        4   )        PUNCT  punct     3
        5   ,        PUNCT  punct     1
        6   Kenya    PROPN  appos     1
        7   ,        PUNCT  punct     1
        8   and      CCONJ  cc        1
        9   Ecobank  PROPN  conj      1
        10  ,        PUNCT  punct     9
        11  Togo     PROPN  appos     9
        12  ,        PUNCT  punct     9
        13  signed   VERB   ROOT      13  sign
        14  an       DET    det       15
        15  MoU      NOUN   dobj      13
        16  .        PUNCT  punct     13
        """,
        ents=[("Equity Bank", "ORG"), ("EB", "ORG"), ("Kenya", "GPE"), ("Ecobank", "ORG"), ("Togo", "GPE")],
    )
    assert names_and_rules(doc) == [
        ("Equity Bank", "party.subject_of_signing"),
        ("Ecobank", "party.subject_of_signing"),
    ]


def test_countries_listed_after_an_organisation_are_parties():
    doc = build_doc(
        "Ecobank, Togo and Benin signed an MoU.",
        """
        0  Ecobank  PROPN  nsubj  5
        1  ,        PUNCT  punct  0
        2  Togo     PROPN  conj   0
        3  and      CCONJ  cc     2
        4  Benin    PROPN  conj   2
        5  signed   VERB   ROOT   5  sign
        6  an       DET    det    7
        7  MoU      NOUN   dobj   5
        8  .        PUNCT  punct  5
        """,
        ents=[("Ecobank", "ORG"), ("Togo", "GPE"), ("Benin", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Ecobank", "Togo", "Benin"]
    doc = build_doc(
        "Ghana, Ecobank, Togo, and Benin signed an MoU.",
        """
        0   Ghana    PROPN  nsubj  8
        1   ,        PUNCT  punct  0
        2   Ecobank  PROPN  conj   0
        3   ,        PUNCT  punct  2
        4   Togo     PROPN  conj   2
        5   ,        PUNCT  punct  4
        6   and      CCONJ  cc     4
        7   Benin    PROPN  conj   4
        8   signed   VERB   ROOT   8  sign
        9   an       DET    det    10
        10  MoU      NOUN   dobj   8
        11  .        PUNCT  punct  8
        """,
        ents=[("Ghana", "GPE"), ("Ecobank", "ORG"), ("Togo", "GPE"), ("Benin", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Ghana", "Ecobank", "Togo", "Benin"]


def test_a_country_after_in_and_an_adjective_only_locates_the_subject():
    doc = build_doc(
        "Kaohsiung in southern Taiwan and Sendai signed an agreement.",
        """
        0  Kaohsiung  PROPN  nsubj  6
        1  in         ADP    prep   0
        2  southern   ADJ    amod   3
        3  Taiwan     PROPN  pobj   1
        4  and        CCONJ  cc     0
        5  Sendai     PROPN  conj   0
        6  signed     VERB   ROOT   6  sign
        7  an         DET    det    8
        8  agreement  NOUN   dobj   6
        9  .          PUNCT  punct  6
        """,
        ents=[("Kaohsiung", "GPE"), ("Taiwan", "GPE"), ("Sendai", "GPE")],
    )
    assert parties_in(doc) == [
        ("Kaohsiung", "city", "TW", "party.subject_of_signing"),
        ("Sendai", "city", "JP", "party.subject_of_signing"),
    ]


def test_a_possessive_country_before_an_organisation_or_tagged_with_its_mark_only_locates():
    doc = build_doc(
        "Japan's Kochi Town and South Korea's Jinju signed an agreement.",
        """
        0   Japan      PROPN  poss      3
        1   's         PART   case      0
        2   Kochi      PROPN  compound  3
        3   Town       PROPN  nsubj     9
        4   and        CCONJ  cc        3
        5   South      PROPN  compound  6
        6   Korea      PROPN  poss      8
        7   's         PART   case      6
        8   Jinju      PROPN  conj      3
        9   signed     VERB   ROOT      9  sign
        10  an         DET    det       11
        11  agreement  NOUN   dobj      9
        12  .          PUNCT  punct     9
        """,
        ents=[("Japan", "GPE"), ("Kochi Town", "ORG"), ("South Korea's", "GPE"), ("Jinju", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Kochi Town", "Jinju"]


def test_a_place_before_based_or_before_companies_only_locates():
    doc = build_doc(
        "Two Nairobi companies and Seattle-based Boeing signed a contract with Kenya Airways.",
        """
        0   Two        NUM    nummod    2
        1   Nairobi    PROPN  compound  2
        2   companies  NOUN   nsubj     8  company
        3   and        CCONJ  cc        2
        4   Seattle    PROPN  npadvmod  6
        5   -          PUNCT  punct     6
        6   based      VERB   amod      7  base
        7   Boeing     PROPN  conj      2
        8   signed     VERB   ROOT      8  sign
        9   a          DET    det       10
        10  contract   NOUN   dobj      8
        11  with       ADP    prep      10
        12  Kenya      PROPN  compound  13
        13  Airways    PROPN  pobj      11
        14  .          PUNCT  punct     8
        """,
        ents=[("Two", "CARDINAL"), ("Nairobi", "GPE"), ("Seattle", "GPE"), ("Boeing", "ORG"), ("Kenya Airways", "ORG")],
    )
    assert names_and_rules(doc) == [
        ("Boeing", "party.subject_of_signing"),
        ("Kenya Airways", "party.with_or_between"),
    ]


def test_a_place_after_in_among_the_objects_only_locates():
    doc = build_doc(
        "Makerere University signed an MoU with universities in the United Kingdom.",
        """
        0   Makerere      PROPN  compound  1
        1   University    PROPN  nsubj     2
        2   signed        VERB   ROOT      2  sign
        3   an            DET    det       4
        4   MoU           NOUN   dobj      2
        5   with          ADP    prep      4
        6   universities  NOUN   pobj      5  university
        7   in            ADP    prep      6
        8   the           DET    det       10
        9   United        PROPN  compound  10
        10  Kingdom       PROPN  pobj      7
        11  .             PUNCT  punct     2
        """,
        ents=[("Makerere University", "ORG"), ("the United Kingdom", "GPE")],
    )
    assert names_and_rules(doc) == [("Makerere University", "party.subject_of_signing")]


def test_the_object_of_with_may_be_named_after_the_city_of():
    doc = build_doc(
        "Kyiv signed an agreement with the Polish city of Wroclaw.",
        """
        0  Kyiv       PROPN  nsubj     1
        1  signed     VERB   ROOT      1  sign
        2  an         DET    det       3
        3  agreement  NOUN   dobj      1
        4  with       ADP    prep      3
        5  the        DET    det       7
        6  Polish     ADJ    amod      7
        7  city       NOUN   pobj      4
        8  of         ADP    prep      7
        9  Wroclaw    PROPN  pobj      8
        10 .          PUNCT  punct     1
        """,
        ents=[("Kyiv", "GPE"), ("Polish", "NORP"), ("Wroclaw", "GPE")],
    )
    assert parties_in(doc) == [
        ("Kyiv", "city", "UA", "party.subject_of_signing"),
        ("Wroclaw", "city", "PL", "party.with_or_between"),
    ]


def test_the_municipalities_of_a_b_and_c_are_the_subjects():
    doc = build_doc(
        "The municipalities of Gorizia, Velenje and Villach signed an agreement.",
        """
        0   The             DET    det    1
        1   municipalities  NOUN   nsubj  8  municipality
        2   of              ADP    prep   1
        3   Gorizia         PROPN  pobj   2
        4   ,               PUNCT  punct  3
        5   Velenje         PROPN  conj   3
        6   and             CCONJ  cc     5
        7   Villach         PROPN  conj   5
        8   signed          VERB   ROOT   8  sign
        9   an              DET    det    10
        10  agreement       NOUN   dobj   8
        11  .               PUNCT  punct  8
        """,
        ents=[("Gorizia", "GPE"), ("Velenje", "GPE"), ("Villach", "GPE")],
    )
    assert [(name, country) for name, _, country, _ in parties_in(doc)] == [
        ("Gorizia", "IT"),
        ("Velenje", "SI"),
        ("Villach", "AT"),
    ]


def test_the_place_after_a_named_district_or_a_province_of_only_locates_it():
    doc = build_doc(
        "Tarsus signed an agreement with the Mezitli district of Mersin and a province of China.",
        """
        0   Tarsus     PROPN  nsubj     1
        1   signed     VERB   ROOT      1  sign
        2   an         DET    det       3
        3   agreement  NOUN   dobj      1
        4   with       ADP    prep      3
        5   the        DET    det       7
        6   Mezitli    PROPN  compound  7
        7   district   NOUN   pobj      4
        8   of         ADP    prep      7
        9   Mersin     PROPN  pobj      8
        10  and        CCONJ  cc        7
        11  a          DET    det       12
        12  province   NOUN   conj      7
        13  of         ADP    prep      12
        14  China      PROPN  pobj      13
        15  .          PUNCT  punct     1
        """,
        ents=[("Tarsus", "GPE"), ("Mersin", "GPE"), ("China", "GPE")],
    )
    assert names_and_rules(doc) == [("Tarsus", "party.subject_of_signing")]


def test_a_participle_set_off_by_commas_does_not_block_the_subject():
    doc = build_doc(
        "Oman, represented by its transport minister, and Jordan signed an MoU.",
        """
        0   Oman         PROPN  nsubj  10
        1   ,            PUNCT  punct  0
        2   represented  VERB   acl    0   represent
        3   by           ADP    agent  2
        4   its          PRON   poss   6
        5   transport    NOUN   compound  6
        6   minister     NOUN   pobj   3
        7   ,            PUNCT  punct  0
        8   and          CCONJ  cc     0
        9   Jordan       PROPN  conj   0
        10  signed       VERB   ROOT   10  sign
        11  an           DET    det    12
        12  MoU          NOUN   dobj   10
        13  .            PUNCT  punct  10
        """,
        ents=[("Oman", "GPE"), ("Jordan", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Oman", "Jordan"]


def test_the_two_cities_are_the_pair_an_earlier_sentence_named():
    doc = build_doc(
        "Kenya and Norway are friends of Mombasa and Kristiansand. The two cities signed an agreement.",
        """
        0   Kenya         PROPN  nsubj  3
        1   and           CCONJ  cc     0
        2   Norway        PROPN  conj   0
        3   are           AUX    ROOT   3   be
        4   friends       NOUN   attr   3   friend
        5   of            ADP    prep   4
        6   Mombasa       PROPN  pobj   5
        7   and           CCONJ  cc     6
        8   Kristiansand  PROPN  conj   6
        9   .             PUNCT  punct  3
        10  The           DET    det    12
        11  two           NUM    nummod 12
        12  cities        NOUN   nsubj  13  city
        13  signed        VERB   ROOT   13  sign
        14  an            DET    det    15
        15  agreement     NOUN   dobj   13
        16  .             PUNCT  punct  13
        """,
        ents=[("Kenya", "GPE"), ("Norway", "GPE"), ("Mombasa", "GPE"), ("Kristiansand", "GPE"), ("two", "CARDINAL")],
    )
    # the countries are the closest pair, but "cities" asks for cities
    assert parties_in(doc) == [
        ("Mombasa", "city", "KE", "party.antecedent"),
        ("Kristiansand", "city", "NO", "party.antecedent"),
    ]


def test_the_two_cities_as_the_subject_of_another_verb_name_no_party():
    doc = build_doc(
        "Mombasa and Kristiansand met. The two cities plan signing an agreement.",
        """
        0   Mombasa       PROPN  nsubj  3
        1   and           CCONJ  cc     0
        2   Kristiansand  PROPN  conj   0
        3   met           VERB   ROOT   3   meet
        4   .             PUNCT  punct  3
        5   The           DET    det    7
        6   two           NUM    nummod 7
        7   cities        NOUN   nsubj  8   city
        8   plan          VERB   ROOT   8
        9   signing       VERB   xcomp  8   sign
        10  an            DET    det    11
        11  agreement     NOUN   dobj   9
        12  .             PUNCT  punct  8
        """,
        ents=[("Mombasa", "GPE"), ("Kristiansand", "GPE"), ("two", "CARDINAL")],
    )
    assert parties_in(doc) == []


def test_for_after_a_title_or_a_noun_is_not_signing_for_a_party():
    doc = build_doc(
        "Kenya and Rwanda signed an MoU for the Nyeri plant through the Minister for Fisheries.",
        """
        0   Kenya      PROPN  nsubj     3
        1   and        CCONJ  cc        0
        2   Rwanda     PROPN  conj      0
        3   signed     VERB   ROOT      3   sign
        4   an         DET    det       5
        5   MoU        NOUN   dobj      3
        6   for        ADP    prep      5
        7   the        DET    det       9
        8   Nyeri      PROPN  compound  9
        9   plant      NOUN   pobj      6
        10  through    ADP    prep      3
        11  the        DET    det       12
        12  Minister   PROPN  pobj      10
        13  for        ADP    prep      12
        14  Fisheries  PROPN  pobj      13
        15  .          PUNCT  punct     3
        """,
        ents=[("Kenya", "GPE"), ("Rwanda", "GPE"), ("Nyeri", "GPE"), ("Fisheries", "ORG")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Kenya", "Rwanda"]
    doc = build_doc(
        "The treaty was signed for Chile.",
        """
        0  The     DET    det        1
        1  treaty  NOUN   nsubjpass  3
        2  was     AUX    auxpass    3  be
        3  signed  VERB   ROOT       3  sign
        4  for     ADP    prep       3
        5  Chile   PROPN  pobj       4
        6  .       PUNCT  punct      3
        """,
        ents=[("Chile", "GPE")],
    )
    assert names_and_rules(doc) == [("Chile", "party.signs_for")]


def test_an_organisation_that_completes_a_title_is_not_a_party():
    doc = build_doc(
        "Kenya's Minister for Trade and Industry and the Ghana Cabinet Secretary signed the MoU.",
        """
        0   Kenya      PROPN  poss      2
        1   's         PART   case      0
        2   Minister   PROPN  nsubj     12
        3   for        ADP    prep      2
        4   Trade      PROPN  pobj      3
        5   and        CCONJ  cc        4
        6   Industry   PROPN  conj      4
        7   and        CCONJ  cc        2
        8   the        DET    det       11
        9   Ghana      PROPN  compound  11
        10  Cabinet    PROPN  compound  11
        11  Secretary  PROPN  conj      2
        12  signed     VERB   ROOT      12  sign
        13  the        DET    det       14
        14  MoU        NOUN   dobj      12
        15  .          PUNCT  punct     12
        """,
        ents=[("Kenya", "GPE"), ("Trade and Industry", "ORG"), ("Ghana Cabinet", "ORG")],
    )
    assert names_and_rules(doc) == [("Kenya", "party.subject_of_signing")]


def test_a_title_named_as_an_organisation_is_not_a_party_but_a_company_after_representative_of_is():
    doc = build_doc(
        "The Permanent Representative and the Representative of Volta Shipping Company signed the MoU.",
        """
        0   The             DET    det       2
        1   Permanent       PROPN  compound  2
        2   Representative  PROPN  nsubj     11
        3   and             CCONJ  cc        2
        4   the             DET    det       5
        5   Representative  PROPN  conj      2
        6   of              ADP    prep      5
        7   Volta           PROPN  compound  9
        8   Shipping        PROPN  compound  9
        9   Company         PROPN  pobj      6
        10  signed          VERB   ROOT      10  sign
        11  the             DET    det       12
        12  MoU             NOUN   dobj      10
        13  .               PUNCT  punct     10
        """,
        ents=[("Permanent Representative", "ORG"), ("Volta Shipping Company", "ORG")],
    )
    assert names_and_rules(doc) == [("Volta Shipping Company", "party.subject_of_signing")]


def test_a_field_named_between_the_instrument_and_its_parties_is_not_a_party():
    doc = build_doc(
        "The agreement on Trade and Civil Aviation between Kenya and Ghana was signed.",
        """
        0   The        DET    det        1
        1   agreement  NOUN   nsubjpass  12
        2   on         ADP    prep       1
        3   Trade      PROPN  pobj       2
        4   and        CCONJ  cc         3
        5   Civil      PROPN  compound   6
        6   Aviation   PROPN  conj       3
        7   between    ADP    prep       1
        8   Kenya      PROPN  pobj       7
        9   and        CCONJ  cc         8
        10  Ghana      PROPN  conj       8
        11  was        AUX    auxpass    12  be
        12  signed     VERB   ROOT       12  sign
        13  .          PUNCT  punct      12
        """,
        ents=[("Civil Aviation", "ORG"), ("Kenya", "GPE"), ("Ghana", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Kenya", "Ghana"]


def test_a_persons_surname_tagged_as_a_place_is_not_a_party():
    doc = build_doc(
        "Governor Amos Otieno toured Lyon. Kisumu signed the pact with Otieno.",
        """
        0   Governor  PROPN  compound  2
        1   Amos      PROPN  compound  2
        2   Otieno    PROPN  nsubj     3
        3   toured    VERB   ROOT      3   tour
        4   Lyon      PROPN  dobj      3
        5   .         PUNCT  punct     3
        6   Kisumu    PROPN  nsubj     7
        7   signed    VERB   ROOT      7   sign
        8   the       DET    det       9
        9   pact      NOUN   dobj      7
        10  with      ADP    prep      9
        11  Otieno    PROPN  pobj      10
        12  .         PUNCT  punct     7
        """,
        ents=[("Amos Otieno", "PERSON"), ("Lyon", "GPE"), ("Kisumu", "GPE"), ("Otieno", "GPE")],
    )
    assert names_and_rules(doc) == [("Kisumu", "party.subject_of_signing")]


def test_a_yearly_event_is_not_a_party():
    doc = build_doc(
        "Speaking at the 2024 Nairobi Expo, Kenya signed the MoU.",
        """
        0   Speaking  VERB   advcl     7   speak
        1   at        ADP    prep      0
        2   the       DET    det       5
        3   2024      NUM    nummod    5
        4   Nairobi   PROPN  compound  5
        5   Expo      PROPN  pobj      1
        6   ,         PUNCT  punct     7
        7   Kenya     PROPN  nsubj     8
        8   signed    VERB   ROOT      8   sign
        9   the       DET    det       10
        10  MoU       NOUN   dobj      8
        11  .         PUNCT  punct     8
        """,
        ents=[("Nairobi Expo", "ORG"), ("Kenya", "GPE")],
    )
    assert names_and_rules(doc) == [("Kenya", "party.subject_of_signing")]


def test_a_word_of_the_instrument_tagged_as_a_place_is_not_a_party():
    doc = build_doc(
        "Kenya signed a Memorandum of Understanding with Ghana.",
        """
        0   Kenya          PROPN  nsubj     1
        1   signed         VERB   ROOT      1   sign
        2   a              DET    det       3
        3   Memorandum     PROPN  dobj      1
        4   of             ADP    prep      3
        5   Understanding  PROPN  pobj      4
        6   with           ADP    prep      1
        7   Ghana          PROPN  pobj      6
        8   .              PUNCT  punct     1
        """,
        ents=[("Kenya", "GPE"), ("Understanding", "GPE"), ("Ghana", "GPE")],
    )
    assert names_and_rules(doc) == [("Kenya", "party.subject_of_signing"), ("Ghana", "party.with_or_between")]


def test_the_host_country_of_an_ambassador_is_not_a_party():
    doc = build_doc(
        "The pact was signed by Ghanaian Ambassador to Japan Kofi Boateng and Kyoto.",
        """
        0   The         DET    det        1
        1   pact        NOUN   nsubjpass  3
        2   was         AUX    auxpass    3   be
        3   signed      VERB   ROOT       3   sign
        4   by          ADP    agent      3
        5   Ghanaian    ADJ    amod       6
        6   Ambassador  PROPN  compound   10
        7   to          ADP    prep       6
        8   Japan       PROPN  pobj       7
        9   Kofi        PROPN  compound   10
        10  Boateng     PROPN  pobj       4
        11  and         CCONJ  cc         10
        12  Kyoto       PROPN  conj       10
        13  .           PUNCT  punct      3
        """,
        ents=[("Ghanaian", "NORP"), ("Japan", "GPE"), ("Kofi Boateng", "PERSON"), ("Kyoto", "GPE")],
    )
    assert "Japan" not in [name for name, _ in names_and_rules(doc)]


def test_a_region_named_with_its_place_noun_after_a_city_only_locates_it():
    doc = build_doc(
        "Hue city, Thua Thien province of Vietnam and Nara signed the MoU.",
        """
        0   Hue       PROPN  compound  1
        1   city      NOUN   nsubj     11
        2   ,         PUNCT  punct     1
        3   Thua      PROPN  compound  5
        4   Thien     PROPN  compound  5
        5   province  NOUN   appos     1
        6   of        ADP    prep      5
        7   Vietnam   PROPN  pobj      6
        8   and       CCONJ  cc        1
        9   Nara      PROPN  conj      1
        10  signed    VERB   ROOT      10  sign
        11  the       DET    det       12
        12  MoU       NOUN   dobj      10
        13  .         PUNCT  punct     10
        """,
        ents=[("Hue", "GPE"), ("Thua Thien", "GPE"), ("Vietnam", "GPE"), ("Nara", "GPE")],
    )
    assert "Thua Thien" not in [name for name, _ in names_and_rules(doc)]


def test_a_committee_of_a_place_acts_for_the_place():
    doc = build_doc(
        "The People's Committee of Hanoi and Nara signed the MoU.",
        """
        0   The        DET    det       2
        1   People     PROPN  poss      3
        2   's         PART   case      1
        3   Committee  PROPN  nsubj     8
        4   of         ADP    prep      3
        5   Hanoi      PROPN  pobj      4
        6   and        CCONJ  cc        3
        7   Nara       PROPN  conj      3
        8   signed     VERB   ROOT      8   sign
        9   the        DET    det       10
        10  MoU        NOUN   dobj      8
        11  .          PUNCT  punct     8
        """,
        ents=[("The People's Committee", "ORG"), ("Hanoi", "GPE"), ("Nara", "GPE")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Hanoi", "Nara"]


def test_a_press_release_is_not_a_party():
    doc = build_doc(
        "Joint Press Release of the Embassies of Kenya and Ghana on the Signing of the Trade Accord",
        """
        0   Joint      PROPN  compound  2
        1   Press      PROPN  compound  2
        2   Release    PROPN  ROOT      2
        3   of         ADP    prep      2
        4   the        DET    det       5
        5   Embassies  NOUN   pobj      3
        6   of         ADP    prep      5
        7   Kenya      PROPN  pobj      6
        8   and        CCONJ  cc        7
        9   Ghana      PROPN  conj      7
        10  on         ADP    prep      2
        11  the        DET    det       12
        12  Signing    NOUN   pobj      10  signing
        13  of         ADP    prep      12
        14  the        DET    det       16
        15  Trade      PROPN  compound  16
        16  Accord     PROPN  pobj      13
        """,
        ents=[("Joint Press Release", "ORG"), ("Kenya", "GPE"), ("Ghana", "GPE")],
    )
    assert "Joint Press Release" not in [name for name, _ in names_and_rules(doc)]


def test_an_organisations_name_runs_past_and_over_capitalised_words_left_out_of_it():
    doc = build_doc(
        "The Ministry of Roads and Public Works and Kenya Rail signed the MoU for better transport.",
        """
        0   The        DET    det       1
        1   Ministry   PROPN  nsubj     10
        2   of         ADP    prep      1
        3   Roads      PROPN  pobj      2
        4   and        CCONJ  cc        3
        5   Public     PROPN  compound  6
        6   Works      PROPN  conj      3
        7   and        CCONJ  cc        1
        8   Kenya      PROPN  compound  9
        9   Rail       PROPN  conj      1
        10  signed     VERB   ROOT      10  sign
        11  the        DET    det       12
        12  MoU        NOUN   dobj      10
        13  for        ADP    prep      12
        14  better     ADJ    amod      15
        15  transport  NOUN   pobj      13
        16  .          PUNCT  punct     10
        """,
        ents=[("The Ministry of Roads", "ORG"), ("Kenya Rail", "ORG")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Ministry of Roads and Public Works", "Kenya Rail"]
    doc = build_doc(
        "The Ministry of Roads and Minister Jane Otieno signed the MoU.",
        """
        0   The       DET    det       1
        1   Ministry  PROPN  nsubj     8
        2   of        ADP    prep      1
        3   Roads     PROPN  pobj      2
        4   and       CCONJ  cc        1
        5   Minister  PROPN  compound  6
        6   Jane      PROPN  compound  7
        7   Otieno    PROPN  conj      1
        8   signed    VERB   ROOT      8   sign
        9   the       DET    det       10
        10  MoU       NOUN   dobj      8
        11  .         PUNCT  punct     8
        """,
        ents=[("The Ministry of Roads", "ORG"), ("Jane Otieno", "PERSON")],
    )
    assert [name for name, _ in names_and_rules(doc)] == ["Ministry of Roads"]


# --- parties_named_in_label, party_from_entity -------------------------------------------------


def test_hyphenated_countries_in_a_label_are_parties():
    doc = named_trade_agreement_doc()
    ctx = make_context(doc)
    start = doc.text.index("Kenya-Ghana")
    found = parties_named_in_label("Kenya-Ghana Trade Agreement", start, ctx)
    assert [(p.name, p.kind, p.country, p.evidence) for p in found] == [
        ("Kenya", "country", "KE", [Evidence(start, start + 5, "Kenya", "party.named_in_instrument")]),
        ("Ghana", "country", "GH", [Evidence(start + 6, start + 11, "Ghana", "party.named_in_instrument")]),
    ]
    # in the event, the label's countries and the subjects are the same two parties
    (event,) = find_events(doc, ctx, find_mentions(doc, ctx.rules))[0]
    merged = merge_parties(parties_of_event(event, ctx, (start, start + len("Kenya-Ghana Trade Agreement"))), loose())
    assert [(p.name, sorted({e.rule for e in p.evidence})) for p in merged] == [
        ("Kenya", ["party.named_in_instrument", "party.subject_of_signing"]),
        ("Ghana", ["party.named_in_instrument", "party.subject_of_signing"]),
    ]


def test_party_from_a_city_entity_comes_from_the_gazetteer():
    doc = build_doc(
        "Kisumu signed.",
        """
        0  Kisumu  PROPN  nsubj  1
        1  signed  VERB   ROOT   1  sign
        2  .       PUNCT  punct  1
        """,
        ents=[("Kisumu", "GPE")],
    )
    found = party_from_entity(0, 6, make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country, found.evidence) == (
        "Kisumu",
        "city",
        "KE",
        [Evidence(0, 6, "Kisumu", "test.rule")],
    )
    assert found.geonames_id is not None


def test_a_nationality_alone_is_a_party_only_as_a_demonym():
    doc = build_doc(
        "Kenyan officials signed.",
        """
        0  Kenyan     ADJ    amod   1
        1  officials  NOUN   nsubj  2  official
        2  signed     VERB   ROOT   2  sign
        3  .          PUNCT  punct  2
        """,
        ents=[("Kenyan", "NORP")],
    )
    ctx = make_context(doc)
    assert party_from_entity(0, 6, ctx, "test.rule") is None
    found = party_from_entity(0, 6, ctx, "test.rule", demonym=True)
    assert (found.name, found.kind, found.country) == ("Kenya", "country", "KE")


def test_a_country_inside_an_organisations_name_is_the_country():
    # the model tags "Trade and Industry of Namibia" as one organisation
    doc = build_doc(
        "The Minister of Trade and Industry of Namibia signed.",
        """
        0  The       DET    det       1
        1  Minister  PROPN  nsubj     8
        2  of        ADP    prep      1
        3  Trade     PROPN  pobj      2
        4  and       CCONJ  cc        3
        5  Industry  PROPN  conj      3
        6  of        ADP    prep      3
        7  Namibia   PROPN  pobj      6
        8  signed    VERB   ROOT      8  sign
        9  .         PUNCT  punct     8
        """,
        ents=[("Trade and Industry of Namibia", "ORG")],
    )
    start = doc.text.index("Namibia")
    found = party_from_entity(start, start + len("Namibia"), make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country) == ("Namibia", "country", "NA")


def test_a_city_government_is_the_city_with_its_acronym():
    doc = build_doc(
        "Kisumu City Council (KCC) signed.",
        """
        0  Kisumu   PROPN  compound  2
        1  City     PROPN  compound  2
        2  Council  PROPN  nsubj     6
        3  (        PUNCT  punct     4
        4  KCC      PROPN  appos     2
        5  )        PUNCT  punct     4
        6  signed   VERB   ROOT      6  sign
        7  .        PUNCT  punct     6
        """,
        ents=[("Kisumu City Council", "ORG"), ("KCC", "ORG")],
    )
    found = party_from_entity(0, len("Kisumu City Council"), make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country, found.aliases) == (
        "Kisumu",
        "city",
        "KE",
        ["Kisumu City Council", "KCC"],
    )


def flat_doc(text: str, ents: list[tuple[str, str]]):
    """A one-sentence Doc whose words all hang on the last word, for rules that read only words."""
    words = re.findall(r"\w+|[^\w\s]", text)
    root = len(words) - 2
    table = "\n".join(f"{n}  {w}  {'PROPN' if w.isalnum() else 'PUNCT'}  dep  {root}" for n, w in enumerate(words))
    return build_doc(text, table, ents=ents)


def test_an_organisation_is_in_the_country_of_a_town_in_its_name_that_the_article_names():
    # Volos has some 140,000 people: without its country named, too small to be sure
    doc = flat_doc("The Volos Port Authority signs in Greece.", [("Volos Port Authority", "ORG"), ("Greece", "GPE")])
    start = doc.text.index("Volos")
    found = party_from_entity(start, start + len("Volos Port Authority"), make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country) == ("Volos Port Authority", "government_body", "GR")
    doc = flat_doc("The Volos Port Authority signs.", [("Volos Port Authority", "ORG")])
    start = doc.text.index("Volos")
    found = party_from_entity(start, start + len("Volos Port Authority"), make_context(doc), "test.rule")
    assert found.country is None


def test_a_country_that_ends_a_phrase_does_not_qualify_the_next_organisation():
    doc = flat_doc("In Greece, the ESA signs.", [("Greece", "GPE"), ("ESA", "ORG")])
    start = doc.text.index("ESA")
    assert party_from_entity(start, start + 3, make_context(doc), "test.rule").country is None
    doc = flat_doc("The Greek ESA signs.", [("Greek", "NORP"), ("ESA", "ORG")])
    start = doc.text.index("ESA")
    assert party_from_entity(start, start + 3, make_context(doc), "test.rule").country == "GR"


def country_of(doc, name: str) -> str | None:
    start = doc.text.index(name)
    return party_from_entity(start, start + len(name), make_context(doc), "test.rule").country


def test_an_organisation_in_a_place_is_in_its_country():
    doc = build_doc(
        "The Investment Authority in Egypt signs.",
        """
        0  The         DET    det       2
        1  Investment  PROPN  compound  2
        2  Authority   PROPN  nsubj     5
        3  in          ADP    prep      2
        4  Egypt       PROPN  pobj      3
        5  signs       VERB   ROOT      5  sign
        6  .           PUNCT  punct     5
        """,
        ents=[("The Investment Authority", "ORG"), ("Egypt", "GPE")],
    )
    assert country_of(doc, "The Investment Authority") == "EG"


def test_a_city_apposed_to_an_organisation_is_where_it_is_but_not_in_a_list():
    doc = flat_doc(
        "Bharat Dynamics (BDL), Hyderabad, signs.", [("Bharat Dynamics", "ORG"), ("BDL", "ORG"), ("Hyderabad", "GPE")]
    )
    assert country_of(doc, "Bharat Dynamics") == "IN"
    doc = flat_doc(
        "Ghana, the African Union, Togo and Benin sign.",
        [("Ghana", "GPE"), ("the African Union", "ORG"), ("Togo", "GPE"), ("Benin", "GPE")],
    )
    assert country_of(doc, "the African Union") is None


def test_a_country_before_another_mention_of_the_organisation_is_its_country():
    doc = flat_doc(
        "Bahrain's Gulf Air bought jets. Gulf Air signs.",
        [("Bahrain", "GPE"), ("Gulf Air", "ORG"), ("Gulf Air", "ORG")],
    )
    start = doc.text.rindex("Gulf Air")
    assert party_from_entity(start, start + len("Gulf Air"), make_context(doc), "test.rule").country == "BH"


def test_a_nationality_before_a_quoted_name_or_a_country_ending_a_sentence():
    doc = flat_doc('The German firm "Voss" signs.', [("German", "NORP"), ("Voss", "ORG")])
    assert country_of(doc, "Voss") == "DE"
    doc = flat_doc("It works in Chile. Voss signs.", [("Chile", "GPE"), ("Voss", "ORG")])
    assert country_of(doc, "Voss") is None


def test_a_region_in_an_organisations_name_is_its_country():
    doc = flat_doc("The University of Manitoba signs.", [("The University of Manitoba", "ORG")])
    assert country_of(doc, "The University of Manitoba") == "CA"


def test_a_government_body_without_a_country_is_in_the_country_the_article_is_about():
    doc = flat_doc(
        "Nairobi and Mombasa grew. Kenya plans. The Water Ministry signs.",
        [("Nairobi", "GPE"), ("Mombasa", "GPE"), ("Kenya", "GPE"), ("The Water Ministry", "ORG")],
    )
    assert country_of(doc, "The Water Ministry") == "KE"
    doc = flat_doc(
        "Nairobi and Kampala grew. The Water Ministry signs.",
        [("Nairobi", "GPE"), ("Kampala", "GPE"), ("The Water Ministry", "ORG")],
    )
    assert country_of(doc, "The Water Ministry") is None


def test_a_name_run_into_a_bracket_is_cut_there_and_the_bracketed_country_is_its_country():
    # the model's span: "the University of Lae (Papua New Guinea"
    doc = flat_doc(
        "The University of Lae (Papua New Guinea) signs.", [("The University of Lae (Papua New Guinea", "ORG")]
    )
    found = party_from_entity(0, len("The University of Lae (Papua New Guinea"), make_context(doc), "test.rule")
    assert (found.name, found.country, found.aliases) == ("University of Lae", "PG", [])
    doc = flat_doc("The Pan African Team (PAT) signs.", [("The Pan African Team (PAT", "ORG")])
    found = party_from_entity(0, len("The Pan African Team (PAT"), make_context(doc), "test.rule")
    assert (found.name, found.aliases) == ("Pan African Team", ["PAT"])


# --- listed_signatories -----------------------------------------------------------------------


def test_a_roster_of_signatories_lists_the_parties():
    doc = build_doc(
        "Kenya and Ghana signed the accord in May. The signatories to the accord are Kenya, Ghana and Togo.",
        """
        0   Kenya        PROPN  nsubj  3
        1   and          CCONJ  cc     0
        2   Ghana        PROPN  conj   0
        3   signed       VERB   ROOT   3   sign
        4   the          DET    det    5
        5   accord       NOUN   dobj   3
        6   in           ADP    prep   3
        7   May          PROPN  pobj   6
        8   .            PUNCT  punct  3
        9   The          DET    det    10
        10  signatories  NOUN   nsubj  14  signatory
        11  to           ADP    prep   10
        12  the          DET    det    13
        13  accord       NOUN   pobj   11
        14  are          AUX    ROOT   14  be
        15  Kenya        PROPN  attr   14
        16  ,            PUNCT  punct  15
        17  Ghana        PROPN  conj   15
        18  and          CCONJ  cc     17
        19  Togo         PROPN  conj   17
        20  .            PUNCT  punct  14
        """,
        ents=[("Kenya", "GPE"), ("Ghana", "GPE"), ("May", "DATE"), ("Kenya", "GPE"), ("Ghana", "GPE"), ("Togo", "GPE")],
    )
    ctx = make_context(doc)
    events, _ = find_events(doc, ctx, find_mentions(doc, ctx.rules))
    finding = AgreementFinding("other", "signed", "accord", [events[0].mention], events[0].cue, events=events)
    found = listed_signatories(finding, ctx)
    assert [(p.name, p.country, p.evidence[0].rule, p.evidence[0].start) for p in found] == [
        ("Kenya", "KE", "party.listed_signatory", doc.text.index("Kenya,")),
        ("Ghana", "GH", "party.listed_signatory", doc.text.index("Ghana and Togo")),
        ("Togo", "TG", "party.listed_signatory", doc.text.index("Togo")),
    ]


# --- merge_parties ----------------------------------------------------------------------------


def loose():
    return rules().words["loose_name_words"]


def test_an_alias_merges_into_the_party():
    merged = merge_parties(
        [
            party("Kenya Ports Authority", "government_body", "KE", ["KPA"]),
            party("KPA", "government_body", None, at=40),
        ],
        loose(),
    )
    assert [(p.name, p.aliases, p.country, len(p.evidence)) for p in merged] == [
        ("Kenya Ports Authority", ["KPA"], "KE", 2)
    ]


def test_two_names_of_one_country_merge():
    merged = merge_parties(
        [
            party("United States", "country", "US"),
            party("U.S.", "country", "US", at=30),
            party("Kenya", "country", "KE"),
        ],
        loose(),
    )
    assert [(p.name, p.aliases) for p in merged] == [("United States", ["U.S."]), ("Kenya", [])]


def test_names_equal_but_for_loose_words_merge():
    merged = merge_parties(
        [
            party("Organization of American States", "organisation", None),
            party("Organization for American States", "organisation", None),
        ],
        loose(),
    )
    assert [(p.name, p.aliases) for p in merged] == [
        ("Organization of American States", ["Organization for American States"])
    ]


def test_an_extended_organisation_name_takes_over():
    merged = merge_parties(
        [party("Kenya Red Cross", "organisation", "KE"), party("Kenya Red Cross Society", "organisation", None)],
        loose(),
    )
    assert [(p.name, p.aliases, p.country) for p in merged] == [("Kenya Red Cross Society", ["Kenya Red Cross"], "KE")]


def test_cities_are_not_merged_by_a_longer_name():
    merged = merge_parties([party("Port Louis", "city", "MU"), party("Port Louis District", "region", "MU")], loose())
    assert [p.name for p in merged] == ["Port Louis", "Port Louis District"]


def test_merging_does_not_change_the_parties_given():
    first = party("Kenya", "country", "KE")
    merge_parties([first, party("Republic of Kenya", "country", "KE")], loose())
    assert (first.aliases, len(first.evidence)) == ([], 1)


def test_a_lone_name_and_the_same_name_extended_are_one_party_named_by_the_lone_name():
    for order in (1, -1):
        merged = merge_parties(
            [party("Voltaris", "organisation", None), party("Voltaris Rector Anna Berg", "organisation", "IT")][
                ::order
            ],
            loose(),
        )
        assert [(p.name, p.aliases, p.country) for p in merged] == [("Voltaris", ["Voltaris Rector Anna Berg"], "IT")]


def test_a_lone_kind_word_or_acronym_is_not_extended():
    merged = merge_parties(
        [party("University", "university", None), party("University of Lagos", "university", "NG")], loose()
    )
    assert [p.name for p in merged] == ["University", "University of Lagos"]
    merged = merge_parties([party("UNDP", "organisation", None), party("UNDP Kenya", "organisation", "KE")], loose())
    assert [p.name for p in merged] == ["UNDP", "UNDP Kenya"]


def test_an_acronym_merges_into_the_name_it_abbreviates():
    merged = merge_parties(
        [
            party("AfDB", "organisation", None),
            party("KPDI", "company", "KE"),
            party("African Development Bank", "company", None),
            party("Kenya Power Development Institute Limited", "company", "KE"),
        ],
        loose(),
    )
    assert [(p.name, p.aliases) for p in merged] == [
        ("AfDB", []),  # not all capitals: not taken for initials
        ("Kenya Power Development Institute Limited", ["KPDI"]),
        ("African Development Bank", []),
    ]
    merged = merge_parties(
        [party("EIB", "organisation", None), party("European Investment Bank", "company", None)], loose()
    )
    assert [(p.name, p.aliases) for p in merged] == [("European Investment Bank", ["EIB"])]


def test_a_second_city_of_phrase_joined_by_and_continues_between():
    doc = build_doc(
        "Nadi signed a pact between the town of Lautoka and the city of Suva.",
        """
        0  Nadi     PROPN  nsubj  1
        1  signed   VERB   ROOT   1  sign
        2  a        DET    det    3
        3  pact     NOUN   dobj   1
        4  between  ADP    prep   3
        5  the      DET    det    6
        6  town     NOUN   pobj   4
        7  of       ADP    prep   6
        8  Lautoka  PROPN  pobj   7
        9  and      CCONJ  cc     6
        10 the      DET    det    11
        11 city     NOUN   conj   6
        12 of       ADP    prep   11
        13 Suva     PROPN  pobj   12
        14 .        PUNCT  punct  1
        """,
        ents=[("Nadi", "GPE"), ("Lautoka", "GPE"), ("Suva", "GPE")],
    )
    assert [(name, rule) for name, _, _, rule in parties_in(doc)] == [
        ("Nadi", "party.subject_of_signing"),
        ("Lautoka", "party.with_or_between"),
        ("Suva", "party.with_or_between"),
    ]


def test_an_acronym_stands_for_the_name_it_abbreviates():
    doc = build_doc(
        "Nakuru Municipal Council (NMC) met. NMC signed.",
        """
        0  Nakuru     PROPN  compound  2
        1  Municipal  PROPN  compound  2
        2  Council    PROPN  nsubj     7
        3  (          PUNCT  punct     4
        4  NMC        PROPN  appos     2
        5  )          PUNCT  punct     4
        6  met        VERB   ROOT      6  meet
        7  .          PUNCT  punct     6
        8  NMC        PROPN  nsubj     9
        9  signed     VERB   ROOT      9  sign
        10 .          PUNCT  punct     9
        """,
        ents=[("Nakuru Municipal Council", "ORG"), ("NMC", "ORG"), ("NMC", "ORG")],
    )
    start = doc.text.rindex("NMC")
    found = party_from_entity(start, start + 3, make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country, found.aliases) == (
        "Nakuru",
        "city",
        "KE",
        ["Nakuru Municipal Council", "NMC"],
    )
    assert found.evidence[0] == Evidence(start, start + 3, "NMC", "test.rule")


def test_an_organisations_acronym_keeps_its_name_and_takes_the_country_of_its_expansion():
    doc = build_doc(
        "Kisumu Water Company is new. KWC signed.",
        """
        0  Kisumu   PROPN  compound  2
        1  Water    PROPN  compound  2
        2  Company  PROPN  nsubj     3
        3  is       AUX    ROOT      3  be
        4  new      ADJ    acomp     3
        5  .        PUNCT  punct     3
        6  KWC      PROPN  nsubj     7
        7  signed   VERB   ROOT      7  sign
        8  .        PUNCT  punct     7
        """,
        ents=[("Kisumu Water Company", "ORG"), ("KWC", "ORG")],
    )
    start = doc.text.rindex("KWC")
    found = party_from_entity(start, start + 3, make_context(doc), "test.rule")
    assert (found.name, found.kind, found.country, found.aliases) == ("KWC", "company", "KE", ["Kisumu Water Company"])


def test_a_country_beside_a_party_of_its_own_only_locates_it():
    merged = merge_parties(
        [
            party("Lamu", "city", "KE", rule="party.subject_of_signing"),
            party("Kenya", "country", "KE"),
            party("Fiji Broadcasting Corporation", "company", "FJ", rule="party.with_or_between"),
            party("Fiji", "country", "FJ"),
            party("Tonga Navy Captain Sela Vake", "government_body", "TO", rule="party.signatory_affiliation"),
            party("Tonga", "country", "TO"),
            party("Samoa Shipping Corporation", "company", "WS", rule="party.subject_of_signing"),
            party("Samoa", "country", "WS", rule="party.signatory_affiliation"),
        ],
        loose(),
    )
    # a signatory's affiliation alone does not take the country's place, nor does a party
    # of its own take the place of a country a signatory signs for
    assert [p.name for p in merged] == [
        "Lamu",
        "Fiji Broadcasting Corporation",
        "Tonga Navy Captain Sela Vake",
        "Tonga",
        "Samoa Shipping Corporation",
        "Samoa",
    ]


def test_names_far_after_a_party_are_no_list_continuing_it():
    doc = build_doc(
        "Nadi signed a deal with Voltaris on repairs at three power stations, the Lautoka, Ba and Suva plants.",
        """
        0  Nadi      PROPN  nsubj     1
        1  signed    VERB   ROOT      1  sign
        2  a         DET    det       3
        3  deal      NOUN   dobj      1
        4  with      ADP    prep      3
        5  Voltaris  PROPN  pobj      4
        6  on        ADP    prep      3
        7  repairs   NOUN   pobj      6  repair
        8  at        ADP    prep      7
        9  three     NUM    nummod    11
        10 power     NOUN   compound  11
        11 stations  NOUN   pobj      8  station
        12 ,         PUNCT  punct     11
        13 the       DET    det       19
        14 Lautoka   PROPN  compound  19
        15 ,         PUNCT  punct     14
        16 Ba        PROPN  conj      14
        17 and       CCONJ  cc        16
        18 Suva      PROPN  conj      16
        19 plants    NOUN   appos     11  plant
        20 .         PUNCT  punct     1
        """,
        ents=[("Nadi", "GPE"), ("Voltaris", "ORG"), ("Lautoka", "GPE"), ("Ba", "GPE"), ("Suva", "GPE")],
    )
    assert [(name, rule) for name, _, _, rule in parties_in(doc)] == [
        ("Nadi", "party.subject_of_signing"),
        ("Voltaris", "party.with_or_between"),
    ]


def test_a_title_holders_name_run_into_the_country_of_the_title_is_cut_off():
    doc = build_doc(
        "The President of Palau Tomas Remengesau signed. The Minister of Fiji Ports Authority signed.",
        """
        0  The        DET    det       1
        1  President  PROPN  nsubj     6
        2  of         ADP    prep      1
        3  Palau      PROPN  compound  5
        4  Tomas      PROPN  compound  5
        5  Remengesau PROPN  pobj      2
        6  signed     VERB   ROOT      6  sign
        7  .          PUNCT  punct     6
        8  The        DET    det       9
        9  Minister   PROPN  nsubj     14
        10 of         ADP    prep      9
        11 Fiji       PROPN  compound  13
        12 Ports      PROPN  compound  13
        13 Authority  PROPN  pobj      10
        14 signed     VERB   ROOT      14 sign
        15 .          PUNCT  punct     14
        """,
        ents=[("Palau Tomas Remengesau", "GPE"), ("Fiji Ports Authority", "ORG")],
    )
    ctx = make_context(doc)
    start = doc.text.index("Palau")
    found = party_from_entity(start, start + len("Palau Tomas Remengesau"), ctx, "test.rule")
    assert (found.name, found.kind, found.country, found.evidence) == (
        "Palau",
        "country",
        "PW",
        [Evidence(start, start + 5, "Palau", "test.rule")],
    )
    start = doc.text.index("Fiji")
    found = party_from_entity(start, start + len("Fiji Ports Authority"), ctx, "test.rule")
    assert (found.name, found.kind, found.country) == ("Fiji Ports Authority", "government_body", "FJ")


def _article_about_kenya_doc():
    return build_doc(
        "Nairobi and Mombasa hosted it. Tembo Freight Limited and Azania Development Bank signed.",
        """
        0  Nairobi     PROPN  nsubj     2
        1  and         CCONJ  cc        0
        2  Mombasa     PROPN  conj      0
        3  hosted      VERB   ROOT      3  host
        4  it          PRON   dobj      3
        5  .           PUNCT  punct     3
        6  Tembo       PROPN  compound  8
        7  Freight     PROPN  compound  8
        8  Limited     PROPN  nsubj     13
        9  and         CCONJ  cc        8
        10 Azania      PROPN  compound  12
        11 Development PROPN  compound  12
        12 Bank        PROPN  conj      8
        13 signed      VERB   ROOT      13 sign
        14 .           PUNCT  punct     13
        """,
        ents=[
            ("Nairobi", "GPE"),
            ("Mombasa", "GPE"),
            ("Tembo Freight Limited", "ORG"),
            ("Azania Development Bank", "ORG"),
        ],
    )


def test_a_company_is_in_the_country_the_article_is_about_but_a_development_bank_is_not():
    doc = _article_about_kenya_doc()
    ctx = make_context(doc)
    found = [
        party_from_entity(doc.text.index(name), doc.text.index(name) + len(name), ctx, "test.rule")
        for name in ("Tembo Freight Limited", "Azania Development Bank")
    ]
    assert [(p.name, p.kind, p.country) for p in found] == [
        ("Tembo Freight Limited", "company", "KE"),
        ("Azania Development Bank", "organisation", None),
    ]
