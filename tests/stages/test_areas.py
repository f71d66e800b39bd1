"""Programme areas: the pattern classifier (pipeline.stages.areas.classify_areas) and its pipeline stage."""

from __future__ import annotations

import pytest

from pipeline.resources.loader import load_rules
from pipeline.stages.areas import _role_span, classify_areas


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def whole(text: str) -> list[tuple[int, int]]:
    return [(0, len(text))]


def area_ids(results) -> set[str]:
    return {area_id for area_id, *_ in results}


# --- classify_areas on plain strings ------------------------------------------------------


def test_education_trade_tourism(rules):
    text = "The two cities agreed on cooperation in education, trade and tourism."
    assert area_ids(classify_areas(text, whole(text), rules)) == {"education", "trade_investment", "tourism"}


def test_result_carries_label_score_and_evidence(rules):
    text = "The memorandum covers tourism."
    [(area_id, label, score, evidence)] = classify_areas(text, whole(text), rules)
    assert (area_id, label, score) == ("tourism", "Tourism", 0.5)
    assert [(e.text, e.rule) for e in evidence] == [("tourism", "area.tourism.0")]


def test_evidence_offsets_point_into_full_text(rules):
    text = "Kisumu and Tampere met in June. The MoU focuses on youth employment and sports."
    second = (text.index("The MoU"), len(text))
    results = classify_areas(text, [second], rules)
    for _, _, _, evidence in results:
        for ref in evidence:
            assert text[ref.start : ref.end] == ref.text
    assert area_ids(results) == {"youth", "trade_investment", "sports"}


def test_only_given_sentences_are_read(rules):
    text = "The agreement covers fisheries. Separately, the county opened a new hospital."
    first = (0, text.index(" Separately"))
    assert area_ids(classify_areas(text, [first], rules)) == {"agriculture_food"}


def test_score_grows_with_distinct_matches(rules):
    text = "The deal covers policing, narcotics and community safety."
    [(area_id, _, score, evidence)] = classify_areas(text, whole(text), rules)
    assert area_id == "crime_violence_prevention"
    assert len(evidence) == 3
    assert score == 0.875


def test_overlapping_matches_count_once(rules):
    text = "The programme funds violence prevention."
    [(area_id, _, score, evidence)] = classify_areas(text, whole(text), rules)
    assert area_id == "crime_violence_prevention"
    assert [e.text for e in evidence] == ["violence prevention"]
    assert score == 0.5


def test_duplicate_sentence_spans_are_not_double_counted(rules):
    text = "The MoU covers tourism."
    [(_, _, score, evidence)] = classify_areas(text, whole(text) + whole(text), rules)
    assert score == 0.5
    assert len(evidence) == 1


def test_min_score_drops_weak_areas(rules):
    text = "The deal covers policing, narcotics and community safety, and also tourism."
    assert area_ids(classify_areas(text, whole(text), rules, 0.0)) == {"crime_violence_prevention", "tourism"}
    assert area_ids(classify_areas(text, whole(text), rules, 0.6)) == {"crime_violence_prevention"}
    assert classify_areas(text, whole(text), rules, 0.9) == []


def test_no_area_in_unrelated_text(rules):
    text = "The two mayors shook hands in front of the cameras."
    assert classify_areas(text, whole(text), rules) == []


def test_health_and_safety_is_not_health(rules):
    text = "The contract includes health and safety rules for the building site."
    assert "health" not in area_ids(classify_areas(text, whole(text), rules))


def test_violent_extremism_and_capacity_building(rules):
    text = "The partnership supports the prevention of violent extremism through practitioner exchanges and training."
    assert area_ids(classify_areas(text, whole(text), rules)) == {
        "violent_extremism_prevention",
        "training_capacity_building",
    }


def test_areas_follow_taxonomy_order(rules):
    text = "Cooperation in tourism, education and youth."
    order = [area.id for area in rules.programme_areas]
    ids = [area_id for area_id, *_ in classify_areas(text, whole(text), rules)]
    assert ids == sorted(ids, key=order.index)
    assert set(ids) == {"tourism", "education", "youth"}


def test_capitalised_words_of_untagged_names_are_skipped(rules):
    text = "The Riverside Chamber of Commerce and the Harbour Railway Company signed a pact on tourism."
    assert area_ids(classify_areas(text, whole(text), rules)) == {"tourism"}


def test_capitalised_area_words_in_a_list_still_count(rules):
    text = "The accord names three priorities for the region: Health, Education and Tourism."
    assert area_ids(classify_areas(text, whole(text), rules)) == {"health", "education", "tourism"}


def test_title_case_headline_still_counts(rules):
    text = "Port Cities Sign Tourism Pact"
    assert area_ids(classify_areas(text, whole(text), rules)) == {"tourism", "maritime_ports"}


# --- in the pipeline ------------------------------------------------------------------------------


@pytest.mark.model
def test_pipeline_areas_from_cooperation_list(run_text):
    doc = run_text(
        "Ghana and Nigeria signed a memorandum of understanding for cooperation in education, trade and tourism."
    )
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"education", "trade_investment", "tourism"}


@pytest.mark.model
def test_pipeline_areas_from_later_sentence_about_the_mou(run_text):
    doc = run_text(
        "Ghana and Nigeria signed a memorandum of understanding on Tuesday. "
        "The MoU covers joint training of customs officers. "
        "Separately, the Ghanaian government opened a new hospital in Tamale."
    )
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"training_capacity_building"}


@pytest.mark.model
def test_pipeline_talks_around_the_signing_are_not_areas(run_text):
    doc = run_text(
        "Ghana and Togo signed a memorandum of understanding on tourism on Monday. "
        "They also discussed climate change and public health."
    )
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"tourism"}


@pytest.mark.model
def test_pipeline_signing_sentence_that_tells_talks_still_counts(run_text):
    doc = run_text(
        "After they discussed trade, Ghana and Togo signed a memorandum of understanding on tourism on Monday."
    )
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"trade_investment", "tourism"}


@pytest.mark.model
def test_pipeline_description_of_a_party_is_not_an_area(run_text):
    doc = run_text("Hamburg, Germany's largest port, signed a memorandum of understanding on tourism with Accra.")
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"tourism"}


@pytest.mark.model
def test_pipeline_signatory_title_is_not_an_area(run_text):
    doc = run_text("Health Minister Jane Mensah signed the cooperation agreement on tourism on behalf of Ghana.")
    [finding] = doc._.ag_agreements
    assert area_ids(finding.areas) == {"tourism"}


# --- what the patterns cover ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The memorandum widens access to healthcare in border towns.", {"health"}),
        ("The pact builds a coastal highway and new rail links to inland towns.", {"urban_development"}),
        ("The deal covers the purchase of power from a small hydropower plant.", {"energy"}),
        ("Both firms will build an LNG terminal and share natural gas supplies.", {"energy"}),
        ("The MoU aims to raise milk output and improve livestock breeding.", {"agriculture_food"}),
        ("The accord supports e-government and digital government services.", {"governance", "technology_innovation"}),
        (
            "The two towns will cooperate on tourism, governance and capacity building.",
            {
                "tourism",
                "governance",
                "training_capacity_building",
            },
        ),
        ("The partners will run socio-economic programmes and industrial exchanges.", {"trade_investment"}),
        ("The twinning will deepen economic and cultural cooperation.", {"trade_investment", "culture_heritage"}),
        ("The network seeks to empower women in rural districts.", {"gender_equality"}),
        (
            "The charter covers professional development and staff and student exchanges.",
            {
                "training_capacity_building",
                "education",
            },
        ),
        (
            "The colleges will promote faculty mobility and knowledge and expertise sharing.",
            {
                "training_capacity_building",
            },
        ),
        ("The institutes will run shared research projects.", {"education"}),
        ("The ministries will work on cyber security and satellite data.", {"technology_innovation"}),
        ("The plan cuts pollution and backs low-carbon buses.", {"environment_climate"}),
        ("The venture will sell dried fruit in overseas markets and raise exports.", {"trade_investment"}),
        ("The sister cities will link their economies and schools.", {"trade_investment", "education"}),
        ("Nurses from both towns will be trained abroad.", {"training_capacity_building"}),
        (
            "The firm will train local technicians and host exchanges of county officials.",
            {"training_capacity_building"},
        ),
        ("The provinces will share flood-risk maps and an early warning system.", {"disaster_management"}),
        ("The charity will run the ambulance service and first aid courses.", {"health"}),
        ("The towns will swap advice on city planning and traffic management.", {"urban_development"}),
        ("The programme fights violence against women and girls.", {"gender_equality", "crime_violence_prevention"}),
    ],
)
def test_area_phrases(rules, text, expected):
    assert area_ids(classify_areas(text, whole(text), rules)) == expected


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a renewal, not renewable energy
        ("The two renewable MoUs cover sport.", "energy"),
        # nuclear weapons and testing are not energy
        ("The agreement supports the nuclear-test ban and its verification.", "energy"),
        # 'humanitarian' as a sphere of relations means culture and education, not disaster relief
        ("They signed accords on trade and humanitarian cooperation.", "disaster_management"),
        ("The agreement strengthens governance of outer space.", "governance"),
        ("Experts from government, industry and academia will meet.", "trade_investment"),
        # the economy as the beneficiary of an effect is not a field of cooperation
        ("The deal will lift the national economy.", "trade_investment"),
        # a railway train is transport, not training
        ("The cities will buy a new train for the coastal line.", "training_capacity_building"),
        # infrastructure of another sector belongs to that sector, not to urban development
        ("The loan rebuilds the province's electricity infrastructure.", "urban_development"),
        ("The pact protects critical infrastructure from cyber attacks.", "urban_development"),
        # transport by sea, lake or river is shipping, not urban transport or water supply
        ("The islands will expand maritime transport and sea transport links.", "urban_development"),
        ("New ferries will carry passengers by lake transport.", "urban_development"),
        ("The ferries will bring water transport to the bay.", "water_sanitation"),
        # young people named with children are the beneficiaries of child welfare, not youth work
        ("The fund will improve the wellbeing of children and young people.", "youth"),
        ("The agency serves children, youth and mothers.", "youth"),
        # 'innovative' praises; it does not name innovation as a field
        ("The mayors praised the innovative approach of the sister cities.", "technology_innovation"),
    ],
)
def test_area_phrases_that_do_not_count(rules, text, absent):
    assert absent not in area_ids(classify_areas(text, whole(text), rules))


def test_innovations_and_public_transport_still_count(rules):
    text = "The cities will share innovations in public transport and water supply."
    assert area_ids(classify_areas(text, whole(text), rules)) == {
        "technology_innovation",
        "urban_development",
        "water_sanitation",
    }


def test_portfolios_after_a_title_are_part_of_it(rules):
    portfolios = rules.patterns["portfolio_list"]
    text = "Deputy Vice-Chancellor (Research and Innovation) Jane Achieng signed."
    end = len("Deputy Vice-Chancellor")
    assert _role_span(text, 0, end, portfolios) == (0, len("Deputy Vice-Chancellor (Research and Innovation)"))
    text = "Minister of Energy, Water and Tourism Jane Achieng signed."
    assert _role_span(text, 0, len("Minister of Energy"), portfolios) == (
        0,
        len("Minister of Energy, Water and Tourism Jane Achieng"),
    )
    text = "Mayor Jane Achieng signed the pact on water and tourism."
    assert _role_span(text, 0, len("Mayor"), portfolios) == (0, len("Mayor"))


@pytest.mark.parametrize(
    ("text", "described"),
    [
        ("Hamburg, Germany's largest port, signed.", ", Germany's largest port"),
        ("Kathmandu, a city rich in culture, signed.", ", a city rich in culture"),
        ("Brno, home to two universities, signed.", ", home to two universities"),
        # an appositive about the event, and a list of names, are no description of a name
        ("They signed it in Accra, a move that will boost trade.", None),
        ("Kenya, the EU and Japan signed.", None),
    ],
)
def test_name_appositive(rules, text, described):
    match = rules.patterns["name_appositive"].match(text, text.index(","))
    assert (match.group(0) if match else None) == described


def test_humanitarian_assistance_is_disaster_management(rules):
    text = "The agencies will coordinate humanitarian assistance after floods."
    assert area_ids(classify_areas(text, whole(text), rules)) == {"disaster_management"}
