"""Agreement extraction on invented news sentences (pipeline.stages.agreements) and on the seed article."""

from __future__ import annotations

import pytest

from pipeline.inputs.readers import iter_inputs
from tests.conftest import SEEDS

SEED = SEEDS / "000_0505f443712aae99.txt"

pytestmark = pytest.mark.model


def only_agreement(doc):
    found = doc._.ag_agreements
    assert len(found) == 1, [(a.type, a.status, a.label) for a in found]
    return found[0]


def parties_of(finding) -> set[tuple[str, str | None, str | None]]:
    return {(p.name, p.kind, p.country) for p in finding.parties}


def party_names(finding) -> set[str]:
    return {p.name for p in finding.parties}


def signatories_of(finding) -> dict[str, str | None]:
    return {s.person.name: s.party for s in finding.signatories}


def date_of(finding) -> str | None:
    return finding.date[0].value if finding.date is not None else None


# --- instrument forms: type and status ------------------------------------------------------


def test_memorandum_with_acronym_in_brackets(run_text):
    finding = only_agreement(
        run_text(
            "The city of Windhoek signed a Memorandum of Understanding (MoU) with the city of Bremen on Tuesday "
            "to strengthen cooperation in water management."
        )
    )
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")
    assert finding.label.startswith("Memorandum of Understanding")


def test_the_city_of_x_as_subject_is_a_party(run_text):
    finding = only_agreement(
        run_text(
            "The city of Windhoek signed a Memorandum of Understanding (MoU) with the city of Bremen on Tuesday "
            "to strengthen cooperation in water management."
        )
    )
    assert parties_of(finding) == {("Windhoek", "city", "NA"), ("Bremen", "city", "DE")}


def test_inked_a_pact(run_text):
    finding = only_agreement(run_text("Estonia and Latvia inked a pact on energy security on Friday."))
    assert (finding.type, finding.status) == ("other", "signed")
    assert finding.label == "pact"
    assert parties_of(finding) == {("Estonia", "country", "EE"), ("Latvia", "country", "LV")}


def test_signed_an_agreement_between_universities(run_text):
    finding = only_agreement(
        run_text("Makerere University signed an agreement with the University of Nairobi on joint research.")
    )
    assert (finding.type, finding.status) == ("other", "signed")
    # a large city in an organisation's name gives its country; a small place does not
    assert parties_of(finding) == {
        ("Makerere University", "university", None),
        ("University of Nairobi", "university", "KE"),
    }


def test_entered_into_an_agreement_is_a_signing(run_text):
    finding = only_agreement(
        run_text(
            "Makerere University has entered into an agreement with the "
            "University of Edinburgh on joint research in public health."
        )
    )
    assert (finding.type, finding.status) == ("other", "signed")


def test_entered_into_an_agreement_subject_is_a_party(run_text):
    finding = only_agreement(
        run_text(
            "Makerere University has entered into an agreement with the "
            "University of Edinburgh on joint research in public health."
        )
    )
    assert party_names(finding) == {"Makerere University", "University of Edinburgh"}


def test_passive_signed_by_two_people(run_text):
    finding = only_agreement(
        run_text(
            "An MoU between Kirinyaga County and the City of Seinäjoki was signed by Governor Anne Waiguru"
            " and Mayor Lauri Lyly at the county headquarters."
        )
    )
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")
    assert set(signatories_of(finding)) == {"Anne Waiguru", "Lauri Lyly"}


def test_passive_signed_by_two_countries(run_text):
    finding = only_agreement(
        run_text("A memorandum of understanding was signed by Kenya and Uganda in Kampala on Friday.")
    )
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")
    assert parties_of(finding) == {("Kenya", "country", "KE"), ("Uganda", "country", "UG")}


def test_twinning_agreement_type(run_text):
    finding = only_agreement(run_text("Lviv and Wroclaw signed a twinning agreement on Saturday."))
    assert (finding.type, finding.status) == ("sister_city_agreement", "signed")


def test_twinning_agreement_parties(run_text):
    finding = only_agreement(run_text("Lviv and Wroclaw signed a twinning agreement on Saturday."))
    assert parties_of(finding) == {("Lviv", "city", "UA"), ("Wroclaw", "city", "PL")}


def test_sister_city_agreement_type(run_text):
    finding = only_agreement(
        run_text("The mayors of Curitiba and Montpellier signed a sister-city agreement during the visit.")
    )
    assert (finding.type, finding.status) == ("sister_city_agreement", "signed")
    assert finding.label == "sister-city agreement"


def test_the_mayors_of_x_and_y_are_parties(run_text):
    finding = only_agreement(
        run_text("The mayors of Curitiba and Montpellier signed a sister-city agreement during the visit.")
    )
    assert parties_of(finding) == {("Curitiba", "city", "BR"), ("Montpellier", "city", "FR")}


def test_friendship_city_agreement(run_text):
    finding = only_agreement(run_text("Zhengzhou and Perth signed a friendship city agreement to boost tourism."))
    assert (finding.type, finding.status) == ("sister_city_agreement", "signed")
    assert parties_of(finding) == {("Zhengzhou", "city", "CN"), ("Perth", "city", "AU")}


def test_memorandum_of_cooperation_is_an_mou(run_text):
    finding = only_agreement(
        run_text(
            "The Nigerian state of Lagos and the Dutch province of South "
            "Holland signed a memorandum of cooperation on port logistics."
        )
    )
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")
    assert finding.label == "memorandum of cooperation"


def test_regions_introduced_by_demonym_are_the_parties(run_text):
    finding = only_agreement(
        run_text(
            "The Nigerian state of Lagos and the Dutch province of South "
            "Holland signed a memorandum of cooperation on port logistics."
        )
    )
    assert party_names(finding) == {"Lagos", "South Holland"}


def test_letter_of_intent(run_text):
    finding = only_agreement(
        run_text(
            "Stellenbosch University and Uppsala University signed a "
            "letter of intent to develop a joint master's programme."
        )
    )
    assert (finding.type, finding.status) == ("letter_of_intent", "signed")
    assert parties_of(finding) == {
        ("Stellenbosch University", "university", None),
        ("Uppsala University", "university", None),
    }


def test_memorandum_of_intent_is_a_letter_of_intent(run_text):
    finding = only_agreement(run_text("Rwanda and Qatar signed a memorandum of intent on aviation training."))
    assert (finding.type, finding.status) == ("letter_of_intent", "signed")
    assert parties_of(finding) == {("Rwanda", "country", "RW"), ("Qatar", "country", "QA")}


def test_sister_city_mou_is_an_mou(run_text):
    finding = only_agreement(run_text("Daegu and Atlanta signed a sister city MOU on Monday."))
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")
    assert finding.label == "sister city MOU"


def test_sister_city_mou_parties(run_text):
    finding = only_agreement(run_text("Daegu and Atlanta signed a sister city MOU on Monday."))
    assert parties_of(finding) == {("Daegu", "city", "KR"), ("Atlanta", "city", "US")}
    assert finding.signatories == []


def test_city_tagged_org_is_still_a_city_party(run_text):
    finding = only_agreement(run_text("Leeds signed a sister city agreement with Durban last week."))
    assert ("Durban", "city", "ZA") in parties_of(finding)


# --- status ---------------------------------------------------------------------------------


def test_renewed_twinning_agreement(run_text):
    finding = only_agreement(run_text("Lviv and Wroclaw renewed their twinning agreement on Saturday."))
    assert (finding.type, finding.status) == ("sister_city_agreement", "renewed")
    assert finding.status_evidence.text == "renewed"


def test_a_renewal_and_its_signing_told_again_are_one_renewed_agreement(run_text):
    doc = run_text(
        "Zambia renews cooperation agreement with Zimbabwe\n\n"
        "Zambia has renewed its cooperation agreement with Zimbabwe. "
        '"Zambia signed a cooperation agreement with Zimbabwe that brings our people closer," the minister wrote.'
    )
    found = only_agreement(doc)
    assert (found.type, found.status, sorted(party_names(found))) == (
        "cooperation_agreement",
        "renewed",
        ["Zambia", "Zimbabwe"],
    )


def test_one_signing_told_by_its_form_and_by_its_purpose_is_one_agreement(run_text):
    doc = run_text(
        "Kenya and Ghana signed a memorandum of understanding in Accra on Monday. "
        "With the partnership agreement Kenya and Ghana signed, students will study in both countries."
    )
    found = only_agreement(doc)
    assert (found.type, sorted(party_names(found))) == ("memorandum_of_understanding", ["Ghana", "Kenya"])


def test_an_instrument_also_signed_with_the_same_parties_is_another(run_text):
    doc = run_text(
        "Kenya and Ghana signed a memorandum of understanding on trade in Accra on Monday. "
        "Kenya and Ghana also signed a cooperation agreement on health."
    )
    assert [a.type for a in doc._.ag_agreements] == ["memorandum_of_understanding", "cooperation_agreement"]


def test_will_sign_is_planned(run_text):
    finding = only_agreement(
        run_text("Ghana and Nigeria will sign a memorandum of understanding on vaccine production next month.")
    )
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "planned")
    assert parties_of(finding) == {("Ghana", "country", "GH"), ("Nigeria", "country", "NG")}


def test_planned_weekday_resolves_forward(run_text):
    finding = only_agreement(
        run_text("Ghana and Nigeria will sign a memorandum of understanding on Tuesday.", published="2023-03-10")
    )
    assert finding.status == "planned"
    assert date_of(finding) == "2023-03-14"


def test_is_expected_to_sign_is_planned(run_text):
    finding = only_agreement(
        run_text("Ghana and Côte d'Ivoire are expected to sign a cooperation agreement on cocoa pricing in March.")
    )
    assert (finding.type, finding.status) == ("cooperation_agreement", "planned")
    assert party_names(finding) == {"Ghana", "Côte d'Ivoire"}


def test_signed_is_signed(run_text):
    finding = only_agreement(run_text("Ghana and Nigeria signed a memorandum of understanding on vaccine production."))
    assert finding.status == "signed"
    assert finding.status_evidence.text == "signed"


# --- no agreement -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Ethiopia held talks on a new trade agreement in Addis Ababa on Monday.",
        "Negotiations on a free trade agreement between Chile and Vietnam continued this week.",
        "Officials from Ghana and Nigeria held talks on a possible memorandum of understanding on vaccine production.",
        "The mayors of Oslo and Kampala agreed to work together on climate adaptation.",
        "Ghana and Nigeria agreed to work together on vaccine production.",
        "Governor Gretchen Whitmer signed the bill into law on Friday.",
        "The president signed the water bill into law in Nairobi on Friday.",
        "President Lula signed an executive order on Amazon protection on Thursday.",
    ],
)
def test_no_agreement(run_text, text):
    assert run_text(text)._.ag_agreements == []


def test_negated_signing_is_no_agreement(run_text):
    doc = run_text(
        "The visit is a sign of warming ties between Ghana and Nigeria, which signed no new agreements this year."
    )
    assert doc._.ag_agreements == []


def test_old_agreement_is_background(run_text):
    doc = run_text(
        "Ghana and Nigeria signed a memorandum of understanding in 2009 to work together on vaccine production.",
        published="2023-05-02",
    )
    assert doc._.ag_agreements == []


def test_an_old_agreement_named_by_its_parties_is_on_record_beside_a_current_one(run_text):
    doc = run_text(
        "Accra, Lome sign friendship agreement\n\n"
        "Accra and Lome signed a friendship agreement on Monday. "
        "The city of Accra forged sister city ties with Durban in 1998.",
        published="2024-03-06",
    )
    found = [(a.type, sorted(p.name for p in a.parties), a.date[0].value) for a in doc._.ag_agreements]
    assert len(found) == 2
    assert found[1] == ("sister_city_agreement", ["Accra", "Durban"], "1998")


def test_an_old_agreement_alone_stays_background(run_text):
    doc = run_text(
        "The mayor of Accra visited Durban on Monday.\n\n"
        "The city of Accra forged sister city ties with Durban in 1998.",
        published="2024-03-06",
    )
    assert doc._.ag_agreements == []


def test_parties_named_where_the_instrument_is_referred_to_after_its_signing(run_text):
    doc = run_text(
        "After the talks, Aliyu Musa and Chidi Okeke signed a memorandum of understanding. "
        "The memorandum provides for Enugu State and Kaduna State to exchange teachers."
    )
    assert sorted(party_names(only_agreement(doc))) == ["Enugu State", "Kaduna State"]


def test_a_later_sentence_about_another_subject_gives_no_parties(run_text):
    doc = run_text(
        "After the talks, Aliyu Musa and Chidi Okeke signed a memorandum of understanding. "
        "Enugu State and Kaduna State hosted a football match."
    )
    assert doc._.ag_agreements == []


def test_instruments_with_no_party_bind_the_places_whose_relations_were_told_before(run_text):
    doc = run_text(
        "The visit is meant to deepen trade between Kenya and Uganda, the spokesperson said. "
        "Two memoranda of understanding will be signed on Friday."
    )
    found = [(a.type, a.status, sorted(party_names(a))) for a in doc._.ag_agreements]
    assert found == [("memorandum_of_understanding", "planned", ["Kenya", "Uganda"])] * 2


def test_relations_told_before_do_not_bind_where_an_agreement_names_its_parties(run_text):
    doc = run_text(
        "Trade between Kenya and Uganda grew last year. "
        "Kenya and Rwanda signed a treaty on Monday. "
        "A memorandum of understanding was signed on Tuesday."
    )
    found = [(a.type, sorted(party_names(a))) for a in doc._.ag_agreements]
    assert found == [("treaty", ["Kenya", "Rwanda"])]


# --- several agreements, many parties -----------------------------------------------------------


def test_two_agreements_in_two_paragraphs(run_text):
    doc = run_text(
        "Kenya and Uganda signed an MoU on energy on Monday.\n\nSeparately, "
        "Rwanda and Burundi signed a letter of intent on fisheries."
    )
    found = [(a.type, a.status, party_names(a)) for a in doc._.ag_agreements]
    assert found == [
        ("memorandum_of_understanding", "signed", {"Kenya", "Uganda"}),
        ("letter_of_intent", "signed", {"Rwanda", "Burundi"}),
    ]


def test_two_agreements_in_one_sentence(run_text):
    doc = run_text("Kenya and Uganda signed an MoU on energy; Rwanda and Burundi signed a trade agreement.")
    assert [party_names(a) for a in doc._.ag_agreements] == [{"Kenya", "Uganda"}, {"Rwanda", "Burundi"}]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "France, Germany and Italy signed a treaty on defence cooperation.",
            {("France", "country", "FR"), ("Germany", "country", "DE"), ("Italy", "country", "IT")},
        ),
        (
            "Kenya, Tanzania and Uganda signed a cooperation agreement on Lake Victoria fisheries.",
            {("Kenya", "country", "KE"), ("Tanzania", "country", "TZ"), ("Uganda", "country", "UG")},
        ),
        pytest.param(
            "Ghana, Togo, Benin and Nigeria signed a memorandum of understanding on cross-border trade.",
            {
                ("Ghana", "country", "GH"),
                ("Togo", "country", "TG"),
                ("Benin", "country", "BJ"),
                ("Nigeria", "country", "NG"),
            },
        ),
    ],
)
def test_three_or_more_parties(run_text, text, expected):
    finding = only_agreement(run_text(text))
    assert parties_of(finding) == expected
    assert finding.signatories == []


# --- signatories --------------------------------------------------------------------------------


def test_attending_person_is_not_a_signatory(run_text):
    finding = only_agreement(
        run_text(
            "Ghana's Health Minister Jane Mensah and Nigeria's Minister Samuel Okafor signed a memorandum of "
            "understanding in Abuja, while Ambassador Peter Musa attended the ceremony."
        )
    )
    assert set(signatories_of(finding)) == {"Jane Mensah", "Samuel Okafor"}


def test_witness_is_not_a_signatory(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria signed a memorandum of understanding "
            "on Tuesday. Ambassador Peter Musa witnessed the signing."
        )
    )
    assert finding.signatories == []


def test_quoted_speaker_is_not_a_signatory(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria signed a memorandum of understanding on "
            'Tuesday. "This will open many doors," said Ambassador Peter Musa.'
        )
    )
    assert finding.signatories == []


def test_signed_for_a_while_signed_for_b(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria signed a memorandum of understanding on Tuesday. "
            "Health Minister Jane Mensah signed for Ghana, while Minister Samuel Okafor signed for Nigeria."
        )
    )
    assert signatories_of(finding) == {"Jane Mensah": "Ghana", "Samuel Okafor": "Nigeria"}
    assert party_names(finding) == {"Ghana", "Nigeria"}


def test_signed_for_city_party_links(run_text):
    finding = only_agreement(
        run_text(
            "Valparaíso and Kobe signed a cooperation agreement on Monday. "
            "Mayor Ana López signed for Valparaíso, while Mayor Hiroshi Tanaka signed for Kobe."
        )
    )
    assert signatories_of(finding) == {"Ana López": "Valparaíso", "Hiroshi Tanaka": "Kobe"}
    assert parties_of(finding) == {("Valparaíso", "city", "CL"), ("Kobe", "city", "JP")}


def test_signed_by_x_on_behalf_of_country(run_text):
    finding = only_agreement(run_text("The agreement was signed by Health Minister Jane Mensah on behalf of Ghana."))
    assert signatories_of(finding) == {"Jane Mensah": "Ghana"}


def test_portfolio_word_is_not_a_party(run_text):
    finding = only_agreement(run_text("The agreement was signed by Health Minister Jane Mensah on behalf of Ghana."))
    assert parties_of(finding) == {("Ghana", "country", "GH")}


def test_signed_by_x_on_behalf_of_university(run_text):
    finding = only_agreement(
        run_text("The memorandum was signed by Professor David Okafor on behalf of the University of Lagos.")
    )
    assert signatories_of(finding) == {"David Okafor": "University of Lagos"}
    assert parties_of(finding) == {("University of Lagos", "university", "NG")}


# --- dates ----------------------------------------------------------------------------------------


def test_weekday_resolved_against_publication_date(run_text):
    finding = only_agreement(
        run_text("Ghana and Nigeria signed a memorandum of understanding on Tuesday.", published="2023-03-10")
    )
    assert date_of(finding) == "2023-03-07"
    assert finding.date[1].text == "Tuesday"


def test_weekday_without_publication_date_is_unresolved(run_text):
    finding = only_agreement(run_text("Ghana and Nigeria signed a memorandum of understanding on Tuesday."))
    assert finding.date is None


def test_day_month_without_publication_date(run_text):
    finding = only_agreement(run_text("Ghana and Nigeria signed a memorandum of understanding on 22 November."))
    assert date_of(finding) == "--11-22"


def test_day_month_with_publication_date(run_text):
    finding = only_agreement(
        run_text("Ghana and Nigeria signed a memorandum of understanding on 22 November.", published="2017-11-24")
    )
    assert date_of(finding) == "2017-11-22"


def test_day_month_in_previous_year(run_text):
    finding = only_agreement(
        run_text("Ghana and Nigeria signed a memorandum of understanding on 28 December.", published="2018-01-03")
    )
    assert date_of(finding) == "2017-12-28"


def test_visit_date_after_signing_date_is_ignored(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria signed a memorandum of understanding on 12 June, following a visit to Accra on 3 June.",
            published="2019-06-20",
        )
    )
    assert date_of(finding) == "2019-06-12"


def test_visit_date_before_signing_clause_is_ignored(run_text):
    finding = only_agreement(
        run_text(
            "Following a visit to Accra on 3 June, Ghana and Nigeria signed a memorandum of understanding on 12 June.",
            published="2019-06-20",
        )
    )
    assert date_of(finding) == "2019-06-12"


def test_visit_in_relative_clause(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria, whose presidents met during a visit on "
            "3 June, signed a memorandum of understanding on 12 June.",
            published="2019-06-20",
        )
    )
    assert party_names(finding) == {"Ghana", "Nigeria"}
    assert date_of(finding) == "2019-06-12"


# --- place and label ------------------------------------------------------------------------------


def test_signed_in_city(run_text):
    finding = only_agreement(
        run_text(
            "Ghana and Nigeria signed a memorandum of understanding in Barcelona on Tuesday.", published="2023-03-10"
        )
    )
    place, evidence = finding.place
    assert (place.name, place.country) == ("Barcelona", "ES")
    assert evidence.rule == "place.in_or_at"
    assert date_of(finding) == "2023-03-07"
    assert "Barcelona" not in party_names(finding)


def test_signing_place_is_not_a_party(run_text):
    finding = only_agreement(
        run_text(
            "Seville and Marrakesh signed a memorandum of understanding "
            "in Barcelona on the sidelines of a Mediterranean forum."
        )
    )
    assert finding.place[0].name == "Barcelona"
    assert "Barcelona" not in party_names(finding)


def test_fronted_place_keeps_both_parties(run_text):
    finding = only_agreement(run_text("In Barcelona, Ghana and Nigeria signed a memorandum of understanding."))
    assert finding.place[0].name == "Barcelona"
    assert party_names(finding) == {"Ghana", "Nigeria"}


def test_named_instrument_label(run_text):
    finding = only_agreement(run_text("Peru signed the Artemis Accords in Washington on Wednesday, NASA said."))
    assert finding.label == "Artemis Accords"
    assert parties_of(finding) == {("Peru", "country", "PE")}


# --- the seed article -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_article():
    articles = list(iter_inputs([SEED]))
    assert len(articles) == 1
    return articles[0]


@pytest.fixture(scope="module")
def seed_doc(run_text, seed_article):
    return run_text(seed_article.text, published=seed_article.published)


def test_seed_is_one_signed_mou(seed_doc):
    finding = only_agreement(seed_doc)
    assert (finding.type, finding.status) == ("memorandum_of_understanding", "signed")


def test_seed_parties(seed_doc):
    finding = only_agreement(seed_doc)
    assert [(p.name, p.kind, p.country) for p in finding.parties] == [
        ("Mombasa", "city", "KE"),
        ("Kristiansand", "city", "NO"),
    ]


def test_seed_signatories(seed_doc):
    finding = only_agreement(seed_doc)
    found = {s.person.name: (s.person.role.text if s.person.role else None, s.party) for s in finding.signatories}
    assert found == {
        "Hassan Ali Joho": ("Governor", "Mombasa"),
        "Jørgen Kristiansen": ("Deputy Mayor", "Kristiansand"),
    }
    kristiansen = next(s.person for s in finding.signatories if s.person.name == "Jørgen Kristiansen")
    assert "Jorgen Kristiansen" in kristiansen.aliases


def test_seed_date_without_publication_date(seed_article, seed_doc):
    assert seed_article.published is None
    assert date_of(only_agreement(seed_doc)) == "--11-22"


def test_seed_date_with_publication_date(run_text, seed_article):
    finding = only_agreement(run_text(seed_article.text, published="2017-11-24"))
    assert date_of(finding) == "2017-11-22"


def test_seed_programme_areas(seed_doc):
    finding = only_agreement(seed_doc)
    assert {area_id for area_id, *_ in finding.areas} == {
        "violent_extremism_prevention",
        "training_capacity_building",
        "youth",
        "civil_society",
        "crime_violence_prevention",
    }


def test_seed_place(seed_doc):
    place, _ = only_agreement(seed_doc).place
    assert (place.name, place.kind, place.country) == ("Mombasa", "city", "KE")


def test_instrument_only_described_by_a_relative_clause_is_background(run_text):
    doc = run_text(
        "Candidates barred from the debate\n\n"
        "The council met on Monday to review the debate schedule. Three debates are planned. "
        "Each will last ninety minutes. Two candidates were left out "
        "because of the contracts they signed with the National Broadcasting Commission."
    )
    assert doc._.ag_agreements == []
    assert any("already exists" in d.reason for d in doc._.ag_decisions if not d.kept)


def test_same_instrument_told_twice_is_one_agreement(run_text):
    doc = run_text(
        "Ports row deepens\n\n"
        "Greek ministers met in Athens on Thursday to discuss energy links with Cyprus. "
        "They also reviewed plans for a new gas terminal on Crete. "
        "Officials said the agreement signed between Turkey and Libya ignores Greek islands. "
        "Turkey and Libya signed a maritime agreement on 27 November 2019.",
        published="2020-01-10",
    )
    # one instrument, signed the year before publication and not in the headline: background
    assert doc._.ag_agreements == []


def test_dateline_city_is_the_place_of_a_signing_at_an_unplaced_venue(run_text):
    finding = only_agreement(
        run_text(
            "Ports sign pact\n\n"
            "MOMBASA — The Kenya Ports Authority and the Port of Antwerp signed a memorandum of understanding "
            "on Monday at a ceremony at the Pride Inn hotel.",
            published="2023-03-08",
        )
    )
    assert finding.place is not None and finding.place[0].name == "Mombasa"
    assert finding.place[1].rule == "place.dateline"


def test_district_then_city_gives_the_city(run_text):
    finding = only_agreement(
        run_text(
            "Lagos State and the Port of Rotterdam signed a memorandum "
            "of understanding in Victoria Island, Lagos, on Friday."
        )
    )
    assert finding.place[0].name == "Lagos"
