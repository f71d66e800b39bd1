"""Articles that report several instruments: lists, counts, partners, items signed together.
Invented news sentences, run through the whole pipeline (pipeline.stages.agreements)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def summary(doc) -> list[tuple[str, str, tuple[str, ...]]]:
    """(type, status, sorted party names) of each agreement found, in order."""
    return [(a.type, a.status, tuple(sorted(p.name for p in a.parties))) for a in doc._.ag_agreements]


def test_each_item_of_a_list_of_signed_instruments_is_an_agreement(run_text):
    doc = run_text(
        "Kenya and Tanzania signed a treaty on border demarcation on Monday.\n\n"
        "The two governments also signed several other documents, among them:\n"
        "- Memorandum of Understanding on cooperation in fisheries;\n"
        "- Agreement between the Government of Kenya and the Government of Tanzania on road transport;\n"
        "- Roadmap for trade facilitation."
    )
    found = summary(doc)
    assert found[0] == ("treaty", "signed", ("Kenya", "Tanzania"))
    # an agreement between two governments is an intergovernmental cooperation agreement
    assert [t for t, _, _ in found[1:]] == ["memorandum_of_understanding", "cooperation_agreement", "other"]
    # an item that names no party was signed by the parties of the signing the list belongs to
    assert all(parties == ("Kenya", "Tanzania") for _, _, parties in found[1:])


def test_numbered_items_after_a_colon_are_one_agreement_each(run_text):
    doc = run_text(
        "The presidents of Ghana and Togo signed the following documents:\n\n"
        "1. Agreement between the Government of Ghana and the Government of Togo on energy trade;\n\n"
        "2. Memorandum of Understanding between the Ghana Ports Authority and the Port of Lome."
    )
    found = summary(doc)
    assert len(found) == 2
    assert found[0] == ("cooperation_agreement", "signed", ("Ghana", "Togo"))
    assert found[1][0] == "memorandum_of_understanding"


def test_an_item_of_a_list_of_signed_documents_is_an_agreement_of_any_kind(run_text):
    doc = run_text(
        "The prime ministers of Chad and Niger signed several documents, which include:\n\n"
        "1. Decision of the Joint Commission on the creation of a border committee;\n\n"
        "2. Agreement between the Government of Chad and the Government of Niger on livestock transit;\n\n"
        "3. Action plan for rail cooperation."
    )
    found = summary(doc)
    assert [(t, s) for t, s, _ in found] == [
        ("other", "signed"),
        ("cooperation_agreement", "signed"),
        ("other", "signed"),
    ]
    assert [a.label for a in doc._.ag_agreements] == ["Decision", "Agreement", "Action plan"]
    # the items that name no party were signed by the parties of the list's signing
    assert all(parties == ("Chad", "Niger") for _, _, parties in found)


def test_items_after_a_signing_that_names_no_documents_are_not_agreements(run_text):
    doc = run_text(
        "Chad and Niger signed a memorandum of understanding on Monday. It covers these fields:\n\n"
        "1. Livestock transit;\n\n"
        "2. Rail cooperation."
    )
    assert summary(doc) == [("memorandum_of_understanding", "signed", ("Chad", "Niger"))]


def test_a_numbered_item_is_one_sentence_with_its_number(nlp):
    doc = nlp("They signed these:\n\n1. Agreement on trade.\n2. Memorandum on culture.")
    assert [s.text.strip() for s in doc.sents][1:] == ["1. Agreement on trade.", "2. Memorandum on culture."]


def test_a_counted_plural_is_that_many_agreements(run_text):
    doc = run_text("Malawi and Zambia signed three memorandums of understanding in Lilongwe on Friday.")
    found = summary(doc)
    assert found == [("memorandum_of_understanding", "signed", ("Malawi", "Zambia"))] * 3


def test_a_counted_plural_with_one_party_named_is_told_once(run_text):
    doc = run_text("The city of Mombasa signed five memorandums of understanding with investors on Friday.")
    assert summary(doc) == [("memorandum_of_understanding", "signed", ("Mombasa",))]


def test_a_part_of_a_counted_plural_is_not_counted_again(run_text):
    doc = run_text(
        "Malawi and Zambia signed two memorandums of understanding on Friday. "
        "One of the two memorandums covers tourism."
    )
    assert len(doc._.ag_agreements) == 2


def test_sister_city_ties_with_several_partners_are_one_agreement_per_partner(run_text):
    doc = run_text("In 2021 the city of Mombasa forged sister city ties with Durban, Kochi and Haifa.")
    found = summary(doc)
    assert sorted(parties for _, _, parties in found) == [
        ("Durban", "Mombasa"),
        ("Haifa", "Mombasa"),
        ("Kochi", "Mombasa"),
    ]


def test_instruments_listed_after_including_are_each_an_agreement(run_text):
    doc = run_text(
        "Nepal and Bangladesh signed four agreements on Tuesday, including a trade agreement, "
        "a memorandum of understanding on tourism and a letter of intent on power trade."
    )
    types = sorted(t for t, _, _ in summary(doc))
    assert types == ["letter_of_intent", "memorandum_of_understanding", "other"]


def test_an_instrument_added_with_as_well_as_is_another_agreement(run_text):
    doc = run_text("Nairobi signed a twinning agreement with Durban, as well as a cooperation agreement with Kigali.")
    assert [t for t, _, _ in summary(doc)] == ["sister_city_agreement", "cooperation_agreement"]


def test_an_instrument_told_by_its_subject_after_a_plural_with_no_number_is_one_of_them(run_text):
    doc = run_text(
        "Chad and Niger signed various agreements on Monday in Niamey. The agreement on fisheries between "
        "the Chadian Ministry of Fisheries and the Nigerien Ministry of Fisheries was signed by the two ministers."
    )
    assert summary(doc) == [
        ("other", "signed", ("Chad", "Niger")),
        ("other", "signed", ("Chadian Ministry of Fisheries", "Nigerien Ministry of Fisheries")),
    ]


def test_two_instruments_of_one_signing_stay_two(run_text):
    doc = run_text("Rwanda and Uganda signed an extradition treaty and a memorandum of understanding on health.")
    assert sorted(t for t, _, _ in summary(doc)) == ["memorandum_of_understanding", "treaty"]


def test_an_instrument_also_signed_takes_the_parties_of_the_signing_told_before(run_text):
    doc = run_text(
        "Senegal and Gambia signed a memorandum of understanding on fisheries in Dakar on Monday. "
        "A joint declaration on road transport was also signed."
    )
    found = summary(doc)
    assert found == [
        ("memorandum_of_understanding", "signed", ("Gambia", "Senegal")),
        ("declaration", "signed", ("Gambia", "Senegal")),
    ]


def test_an_instrument_with_other_partners_is_another_agreement(run_text):
    doc = run_text(
        "Mombasa and Kristiansand signed a memorandum of understanding on Monday. "
        "Later, Mombasa signed a memorandum of understanding with the city of Durban in South Africa."
    )
    assert sorted(parties for _, _, parties in summary(doc)) == [("Durban", "Mombasa"), ("Kristiansand", "Mombasa")]


@pytest.mark.parametrize(
    "sentence, instrument_type",
    [
        ("Peru and Chile signed two memorandums of understanding on mining.", "memorandum_of_understanding"),
        ("Peru and Chile signed Declarations on the fight against smuggling.", "declaration"),
        ("Peru and Chile signed a free trade agreement in Lima.", "treaty"),
        ("Peru and Chile signed an exchange of notes on a water project.", "other"),
        ("Lima and Arequipa signed a sisterhood agreement on Friday.", "sister_city_agreement"),
    ],
)
def test_instrument_words_of_real_news(run_text, sentence, instrument_type):
    assert {t for t, _, _ in summary(run_text(sentence))} == {instrument_type}


@pytest.mark.parametrize(
    "sentence",
    [
        "Kisumu and Roanoke will be signing a sister city agreement in March.",
        "Nairobi is to sign a twinning agreement with Accra next week.",
    ],
)
def test_future_forms_in_the_body_are_planned(run_text, sentence):
    assert [s for _, s, _ in summary(run_text(sentence))] == ["planned"]


def test_instruments_counted_then_told_one_by_one_are_one_record_each(run_text):
    doc = run_text(
        "Ghana and Togo signed two memoranda of understanding on Monday in Accra. "
        "The first MoU was signed between the Ghana Ports Authority and the Togo Ports Authority. "
        "The second MoU was signed between the University of Ghana and the University of Lome."
    )
    assert [parties for _, _, parties in summary(doc)] == [
        ("Ghana Ports Authority", "Togo Ports Authority"),
        ("University of Ghana", "University of Lome"),
    ]


def test_another_instrument_is_not_the_one_told_before(run_text):
    doc = run_text(
        "Kenya and Uganda signed a memorandum of understanding on trade on Monday. "
        "Another memorandum, on health, was also signed."
    )
    assert summary(doc) == [("memorandum_of_understanding", "signed", ("Kenya", "Uganda"))] * 2


def test_a_first_instrument_with_no_count_before_it_is_the_one_told(run_text):
    doc = run_text(
        "Kenya and Uganda signed their first memorandum of understanding on Monday. "
        "The first MoU between the neighbours covers trade."
    )
    assert summary(doc) == [("memorandum_of_understanding", "signed", ("Kenya", "Uganda"))]
