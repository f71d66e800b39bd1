"""Entity corrections (pipeline.stages.entities) and the name helpers they rely on.

The first half tests the pure functions on hand-built Docs (no statistical model); the tests
marked `model` run the whole pipeline on short invented news sentences.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.resources.gazetteer import PlaceMatch
from pipeline.resources.loader import load_rules
from pipeline.stages.entities import build_matcher, fix_entities
from pipeline.stages.places import core_name
from pipeline.text.names import fold


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture(scope="module")
def matcher(vocab, rules):
    return build_matcher(vocab, rules)


def make_doc(vocab, tokens: list[tuple[str, bool, str]]) -> Doc:
    """A Doc from (word, followed_by_space, IOB tag) triples."""
    words, spaces, tags = zip(*tokens)
    return Doc(vocab, words=list(words), spaces=list(spaces), ents=list(tags))


def ents_of(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def no_place(text: str) -> None:
    return None


def places(*names: str):
    """A gazetteer lookup that knows only `names`, as big cities."""

    def lookup(text: str) -> PlaceMatch | None:
        return PlaceMatch(text, "city", "KE", 1, 1_000_000) if text in names else None

    return lookup


def small_town(name: str):
    """A gazetteer lookup that knows only `name`, as a town too small to be read into a
    "person" the model tagged."""

    def lookup(text: str) -> PlaceMatch | None:
        return PlaceMatch(text, "city", "MP", 1, 40_000) if text == name else None

    return lookup


# --- fold ---------------------------------------------------------------------------------


def test_fold_ignores_nordic_letters_and_case():
    assert fold("Jørgen Kristiansen") == fold("JORGEN KRISTIANSEN") == "jorgen kristiansen"


def test_fold_strips_accents():
    assert fold("São Paulo") == "sao paulo"
    assert fold("Valparaíso") == "valparaiso"


def test_fold_special_letters():
    assert fold("Łódź") == "lodz"
    assert fold("Straße") == "strasse"
    assert fold("Ærø") == "aero"


def test_fold_drops_possessive_and_punctuation():
    assert fold("Mombasa’s") == "mombasa"
    assert fold("Kisumu's") == "kisumu"
    assert fold("Addis-Ababa") == "addis ababa"


def test_fold_distinguishes_different_names():
    assert fold("Kristiansand") != fold("Kristiansen")


# --- core_name ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written, core",
    [
        ("the County Government of Kisumu", "Kisumu"),
        ("Kisumu County", "Kisumu"),
        ("City of Cape Town", "Cape Town"),
        ("the City Council of Harare", "Harare"),
        ("Municipality of Kristiansand", "Kristiansand"),
        ("the Government of Ghana", "Ghana"),
        ("the People’s Republic of China", "China"),
        ("Nakuru, Kenya", "Nakuru"),
        ("Lusaka’s", "Lusaka"),
        ("Bremen", "Bremen"),
        # the names of a place's own government
        ("Tamale Metropolitan Assembly", "Tamale"),
        ("the Bolgatanga Municipal Assembly", "Bolgatanga"),
        ("Okayama Prefecture", "Okayama"),
        ("Kherson Oblast", "Kherson"),
        ("Kisumu City Government", "Kisumu"),
        ("Lalitpur Metropolitan City", "Lalitpur"),
    ],
)
def test_core_name(written, core, rules):
    assert core_name(written, rules) == core


# --- fix_entities on hand-built Docs ------------------------------------------------------


def test_mou_tagged_org_is_dropped(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Under", True, "O"),
            ("the", True, "O"),
            ("MOU", False, "B-ORG"),
            (",", True, "O"),
            ("staff", True, "O"),
            ("will", True, "O"),
            ("travel", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == []
    assert (10, 13) in fixed


def test_memorandum_of_understanding_work_of_art_is_dropped(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Lusaka", True, "B-GPE"),
            ("signed", True, "O"),
            ("a", True, "B-WORK_OF_ART"),
            ("Memorandum", True, "I-WORK_OF_ART"),
            ("of", True, "I-WORK_OF_ART"),
            ("Understanding", False, "I-WORK_OF_ART"),
            (".", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Lusaka", "GPE")]


def test_named_instrument_is_not_an_org(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Chile", True, "B-GPE"),
            ("joined", True, "O"),
            ("the", True, "B-ORG"),
            ("Artemis", True, "I-ORG"),
            ("Accords", False, "I-ORG"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Chile", "GPE")]
    assert "ent.drop_named_instrument" in fixed.values()


def test_real_organisation_is_kept(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("The", True, "O"),
            ("Kenya", True, "B-ORG"),
            ("Ports", True, "I-ORG"),
            ("Authority", True, "I-ORG"),
            ("signed", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Kenya Ports Authority", "ORG")]
    assert fixed == {}


def test_possessive_city_tagged_person_becomes_place(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Kisumu", False, "B-PERSON"),
            ("’s", True, "I-PERSON"),
            ("County", True, "I-PERSON"),
            ("Commissioner", True, "O"),
            ("spoke", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, places("Kisumu"))
    assert ents_of(doc) == [("Kisumu", "GPE")]
    assert fixed == {(0, 6): "ent.possessive_place"}


def test_possessive_non_place_person_is_not_turned_into_place(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Odhiambo", False, "B-PERSON"),
            ("’s", True, "I-PERSON"),
            ("office", True, "O"),
            ("replied", False, "O"),
            (".", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ("Odhiambo", "GPE") not in ents_of(doc)


def test_same_string_as_a_place_elsewhere_becomes_place(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Accra", True, "B-GPE"),
            ("and", True, "O"),
            ("Kumasi", True, "B-GPE"),
            ("met", False, "O"),
            (".", True, "O"),
            ("Kumasi", True, "B-PERSON"),
            ("agreed", False, "O"),
            (".", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Accra", "GPE"), ("Kumasi", "GPE"), ("Kumasi", "GPE")]


def test_entity_across_blank_line_is_split(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Coast", True, "B-ORG"),
            ("Region", False, "I-ORG"),
            ("\n\n", False, "I-ORG"),
            ("Mombasa", True, "I-ORG"),
            ("County", True, "I-ORG"),
            ("officials", True, "O"),
            ("said", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Coast Region", "ORG"), ("Mombasa County", "ORG")]


def test_entity_trailing_blank_line_is_trimmed(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Strong", True, "B-ORG"),
            ("Cities", True, "I-ORG"),
            ("Network", False, "I-ORG"),
            ("\n\n", False, "I-ORG"),
            ("Officials", True, "O"),
            ("met", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Strong Cities Network", "ORG")]


def test_lone_honorific_entity_is_dropped(vocab, rules, matcher):
    doc = make_doc(vocab, [("Dr", True, "B-PERSON"), ("said", True, "O"), ("so", False, "O")])
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == []


def test_us_abbreviation_is_a_place(vocab, rules, matcher):
    doc = make_doc(vocab, [("The", True, "O"), ("US", True, "O"), ("signed", False, "O")])
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("US", "GPE")]


# --- the whole pipeline -------------------------------------------------------------------


@pytest.mark.model
def test_pipeline_mou_is_not_an_org(run_text):
    doc = run_text("The MOU will run for five years and covers water and sanitation, officials in Lusaka said.")
    assert not [e for e in doc.ents if e.label_ == "ORG" and e.text.upper() == "MOU"]
    assert all("MOU" not in e.text for e in doc.ents)


@pytest.mark.model
def test_pipeline_memorandum_of_understanding_is_not_a_work_of_art(run_text):
    doc = run_text("The ministers later signed a Memorandum of Understanding on renewable energy.")
    assert [e for e in doc.ents if e.label_ == "WORK_OF_ART"] == []
    assert all("Memorandum" not in e.text for e in doc.ents)


@pytest.mark.model
def test_pipeline_memorandum_before_bracketed_acronym_is_not_a_work_of_art(run_text):
    doc = run_text(
        "The city of Windhoek signed a Memorandum of Understanding (MoU) with the city of Bremen on Tuesday "
        "to strengthen cooperation in water management."
    )
    assert [e.text for e in doc.ents if e.label_ == "WORK_OF_ART"] == []


@pytest.mark.model
def test_pipeline_named_instrument_is_not_an_org(run_text):
    doc = run_text("The Artemis Accords set out principles for the peaceful exploration of the Moon and Mars.")
    assert all("Artemis" not in e.text for e in doc.ents if e.label_ in ("ORG", "LAW", "WORK_OF_ART"))


@pytest.mark.model
def test_pipeline_possessive_city_yields_a_place(run_text):
    doc = run_text("Mombasa’s County Commissioner welcomed the delegation from Norway.")
    places = {(p.name, p.kind, p.country) for p in doc._.ag_places}
    assert ("Mombasa", "city", "KE") in places
    assert not [e for e in doc.ents if e.label_ == "PERSON" and "Mombasa" in e.text]


@pytest.mark.model
def test_pipeline_possessive_city_before_office(run_text):
    doc = run_text("Mombasa’s County Commissioner’s Office hosted the security meeting.")
    assert [(p.text, p.country) for p in doc._.ag_places] == [("Mombasa", "KE")]


@pytest.mark.model
def test_pipeline_entities_stop_at_blank_lines(run_text):
    doc = run_text("Kenya Ports Authority\n\nOfficials in Mombasa said the port would expand its container terminal.")
    assert all("\n" not in e.text for e in doc.ents)
    assert ("Kenya Ports Authority", "ORG") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.model
def test_pipeline_first_entity_after_headline_is_kept(run_text):
    doc = run_text("Campus news\n\nMakerere University signed an agreement with the University of Nairobi.")
    orgs = [e.text for e in doc.ents if e.label_ == "ORG"]
    assert "Makerere University" in orgs
    assert all("\n" not in e.text for e in doc.ents)


def test_city_tagged_person_or_org_becomes_place(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Daegu", True, "B-PERSON"),
            ("and", True, "O"),
            ("Windhoek", True, "B-ORG"),
            ("signed", True, "O"),
            ("an", True, "O"),
            ("agreement", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, places("Daegu", "Windhoek"))
    assert ents_of(doc) == [("Daegu", "GPE"), ("Windhoek", "GPE")]
    assert set(fixed.values()) == {"ent.gazetteer_place"}


def test_titled_city_name_stays_a_person(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [("Mayor", True, "O"), ("Kisumu", True, "B-PERSON"), ("spoke", False, "O"), (".", False, "O")],
    )
    fix_entities(doc, rules, matcher, places("Kisumu"))
    assert ents_of(doc) == [("Kisumu", "PERSON")]


def test_surname_of_a_named_person_is_a_person(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Hassan", True, "B-PERSON"),
            ("Joho", True, "I-PERSON"),
            ("spoke", False, "O"),
            (".", True, "O"),
            ("Joho", True, "B-ORG"),
            ("smiled", False, "O"),
            (".", True, "O"),
            ("Governor", True, "O"),
            ("Joho", True, "O"),
            ("left", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Hassan Joho", "PERSON"), ("Joho", "PERSON"), ("Joho", "PERSON")]
    assert sorted(fixed.values()) == ["ent.surname_of_known_person", "ent.titled_surname"]


def test_truncated_organisation_and_particle_place_are_completed(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("The", True, "B-ORG"),
            ("County", True, "I-ORG"),
            ("Government", True, "I-ORG"),
            ("of", True, "I-ORG"),
            ("Kakamega", True, "O"),
            ("met", True, "O"),
            ("Dar", True, "O"),
            ("es", True, "O"),
            ("Salaam", False, "B-GPE"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, places("Dar es Salaam"))
    assert ents_of(doc) == [("The County Government of Kakamega", "ORG"), ("Dar es Salaam", "GPE")]
    assert set(fixed.values()) == {"ent.completed"}


def test_name_then_of_place_tagged_org_is_a_person(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("President", True, "O"),
            ("Patrice", True, "B-ORG"),
            ("Talon", True, "I-ORG"),
            ("of", True, "I-ORG"),
            ("Benin", True, "B-GPE"),
            ("signed", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Patrice Talon", "PERSON"), ("Benin", "GPE")]
    assert fixed[(10, 23)] == "ent.person_of_place"


def test_place_found_once_is_the_place_before_a_title_elsewhere(vocab, rules, matcher):
    # "Rosario Mayor ..." where the model missed "Rosario", but tagged it in another sentence;
    # a "Rosario" not followed by a title stays untagged.
    doc = make_doc(
        vocab,
        [
            ("Rosario", True, "B-GPE"),
            ("signed", False, "O"),
            (".", True, "O"),
            ("Rosario", True, "O"),
            ("Mayor", True, "O"),
            ("Pablo", True, "B-PERSON"),
            ("Javkin", True, "I-PERSON"),
            ("spoke", True, "O"),
            ("in", True, "O"),
            ("Rosario", False, "O"),
            (".", False, "O"),
        ],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Rosario", "GPE"), ("Rosario", "GPE"), ("Pablo Javkin", "PERSON")]
    assert [doc.ents[1].start] == [3]
    assert list(fixed.values()) == ["ent.place_named_elsewhere"]


def test_place_of_several_words_before_a_title_elsewhere(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [
            ("Dar", True, "B-GPE"),
            ("es", True, "I-GPE"),
            ("Salaam", False, "I-GPE"),
            (".", True, "O"),
            ("es", True, "O"),
            ("Salaam", True, "O"),
            ("Mayor", True, "O"),
            ("spoke", False, "O"),
            (".", True, "O"),
            ("Dar", True, "O"),
            ("es", True, "O"),
            ("Salaam", True, "O"),
            ("Mayor", True, "O"),
            ("left", False, "O"),
        ],
    )
    fix_entities(doc, rules, matcher, no_place)
    # only the whole name counts: "es Salaam" is not a place the model found
    assert [(e.text, e.start) for e in doc.ents] == [("Dar es Salaam", 0), ("Dar es Salaam", 9)]


def words_doc(vocab, text: str, tags: dict[str, str]) -> Doc:
    """A Doc of the space-separated words of `text` ("-" glued to its neighbours); `tags` gives
    the IOB tag of some words by position ("3": "B-ORG")."""
    words = text.split()
    spaces = [n + 1 < len(words) and words[n + 1] not in ("-", ".", ",") and w != "-" for n, w in enumerate(words)]
    return make_doc(vocab, [(w, sp, tags.get(str(n), "O")) for n, (w, sp) in enumerate(zip(words, spaces))])


def test_untagged_words_after_a_title_are_a_name(vocab, rules, matcher):
    doc = words_doc(vocab, "Mayor Oh Eon - seok met the visiting delegates .", {})
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Oh Eon-seok", "PERSON")]
    assert list(fixed.values()) == ["ent.name_after_title"]


def test_a_portfolio_stands_between_the_title_and_the_name(vocab, rules, matcher):
    doc = words_doc(vocab, "signed by Minister for Culture Timur Aliyev and others .", {})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Timur Aliyev", "PERSON")]


def test_a_portfolio_list_stands_between_the_title_and_the_name(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "signed by Minister of Land , Transport and Tourism Kenji Mori and others .",
        {**{str(n): "I-ORG" for n in range(4, 11)}, "4": "B-ORG"},
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Kenji Mori", "PERSON")]


def test_a_name_after_a_title_taken_for_an_unknown_place_is_a_person(vocab, rules, matcher):
    doc = words_doc(vocab, "signed by Vice - President Nikos Andreou today .", {"5": "B-GPE", "6": "I-GPE"})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Nikos Andreou", "PERSON"), ("today", "DATE")]


def test_a_known_place_after_a_title_stays_a_place(vocab, rules, matcher):
    doc = words_doc(vocab, "the meeting of Governor Lake Nakuru was held .", {"4": "B-GPE", "5": "I-GPE"})
    fix_entities(doc, rules, matcher, places("Lake Nakuru"))
    assert ents_of(doc) == [("Lake Nakuru", "GPE")]


def test_what_the_model_glued_before_a_title_and_name_is_split_off(vocab, rules, matcher):
    # "Sapienza" is an organisation the model found elsewhere, "Hualien" a place it knows,
    # "Presidential" neither: it stays out of every entity
    doc = words_doc(
        vocab,
        "Sapienza Rector Marco Rossi , Hualien Mayor Wei Chia - hsien and Presidential Commissioner "
        "Petros Ioannou signed for Sapienza .",
        {
            **{"0": "B-ORG", "1": "I-ORG", "2": "I-ORG", "3": "I-ORG"},
            **{"5": "B-PERSON", "6": "I-PERSON", "7": "I-PERSON", "8": "I-PERSON", "9": "I-PERSON", "10": "I-PERSON"},
            **{"12": "B-ORG", "13": "I-ORG", "14": "I-ORG", "15": "I-ORG"},
            "18": "B-ORG",
        },
    )
    fix_entities(doc, rules, matcher, places("Hualien"))
    assert ents_of(doc) == [
        ("Sapienza", "ORG"),
        ("Marco Rossi", "PERSON"),
        ("Hualien", "GPE"),
        ("Wei Chia-hsien", "PERSON"),
        ("Petros Ioannou", "PERSON"),
        ("Sapienza", "ORG"),
    ]


def test_a_title_case_headline_names_no_one(vocab, rules, matcher):
    doc = words_doc(vocab, "Mayor Hails New Partnership", {})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == []


def test_a_short_person_before_the_title_of_a_person_is_what_the_title_belongs_to(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "Saipan Mayor David Apatang and Egyptian Diaspora Minister Nabila Hassan signed .",
        {
            "0": "B-PERSON",
            "2": "B-PERSON",
            "3": "I-PERSON",
            "5": "B-NORP",
            "6": "B-PERSON",
            "8": "B-PERSON",
            "9": "I-PERSON",
        },
    )
    fixed = fix_entities(doc, rules, matcher, small_town("Saipan"))
    assert ents_of(doc) == [
        ("Saipan", "GPE"),
        ("David Apatang", "PERSON"),
        ("Egyptian", "NORP"),
        ("Nabila Hassan", "PERSON"),
    ]
    assert sorted(set(fixed.values())) == ["ent.owner_before_title"]


def test_a_two_word_honorific_is_followed_by_a_name(vocab, rules, matcher):
    doc = words_doc(vocab, "signed by H E Salim Nasser al Harthy , the minister .", {})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Salim Nasser al Harthy", "PERSON")]


def test_a_person_with_a_word_of_an_organisation_s_name_is_an_organisation(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "Mehmetli Municipality and Lena Holm signed .",
        {"0": "B-PERSON", "1": "I-PERSON", "3": "B-PERSON", "4": "I-PERSON"},
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Mehmetli Municipality", "ORG"), ("Lena Holm", "PERSON")]
    assert list(fixed.values()) == ["ent.organisation_not_person"]


def test_a_person_that_reads_name_in_a_known_place_is_two_places(vocab, rules, matcher):
    doc = words_doc(
        vocab, "an agreement with Horsens in Denmark .", {"3": "B-PERSON", "4": "I-PERSON", "5": "I-PERSON"}
    )
    fixed = fix_entities(doc, rules, matcher, places("Denmark"))
    assert ents_of(doc) == [("Horsens", "GPE"), ("Denmark", "GPE")]
    assert set(fixed.values()) == {"ent.place_in_place"}


def test_a_name_with_an_apostrophe_tagged_as_two_people_is_one(vocab, rules, matcher):
    doc = make_doc(
        vocab,
        [("Achieng", False, "B-PERSON"), ("’", True, "I-PERSON"), ("Otieno", True, "B-PERSON"), ("spoke", False, "O")],
    )
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Achieng’ Otieno", "PERSON")]
    assert list(fixed.values()) == ["ent.name_with_apostrophe"]


def test_a_name_the_model_ran_an_organisation_into_is_split_off(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "the Ministry of Law and Tan Wei Ming , CEO of the agency",
        {"0": "B-ORG", **{str(n): "I-ORG" for n in range(1, 8)}},
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("the Ministry of Law", "ORG"), ("Tan Wei Ming", "PERSON")]


def test_in_lists_of_entity_patterns_become_one_pattern_per_value(vocab, rules):
    from spacy.matcher import Matcher

    from pipeline.stages.entities import _without_in_lists

    pattern = [{"LOWER": {"IN": ["european", "african"]}}, {"LOWER": "union"}]
    assert _without_in_lists(pattern) == [
        [{"LOWER": "european"}, {"LOWER": "union"}],
        [{"LOWER": "african"}, {"LOWER": "union"}],
    ]
    # anything else is kept as written: other predicates, several keys, or too many variants
    kept = [
        [{"LOWER": {"NOT_IN": ["a"]}}],
        [{"LOWER": {"IN": ["a", "b"]}, "OP": "?"}],
        [{"LOWER": {"IN": list("abcdefghi")}}] * 2,
    ]
    assert [_without_in_lists(p) for p in kept] == [[p] for p in kept]
    # the rule pack matches the same tokens either way
    doc = Doc(
        vocab, words="The U.S. and the UK joined the European Union and the UAE today , US officials said".split()
    )
    written, expanded = Matcher(vocab), Matcher(vocab)
    for row in rules.entity_patterns:
        written.add(row["id"], [row["pattern"]])
        expanded.add(row["id"], _without_in_lists(row["pattern"]))
    assert expanded(doc) == written(doc)
    assert len(written(doc)) == 6


def test_a_name_after_a_title_and_the_place_it_is_of_is_a_person(vocab, rules, matcher):
    # the model ran the city into the name: "Osaka Kenta Mori" as one person
    doc = words_doc(
        vocab,
        "signed by Consul to Peru Rosa Quispe and Mayor of Osaka Kenta Mori .",
        {"4": "B-GPE", "10": "B-PERSON", "11": "I-PERSON", "12": "I-PERSON"},
    )
    fixed = fix_entities(doc, rules, matcher, places("Peru", "Osaka"))
    assert ents_of(doc) == [
        ("Peru", "GPE"),
        ("Rosa Quispe", "PERSON"),
        ("Osaka", "GPE"),
        ("Kenta Mori", "PERSON"),
    ]
    assert fixed[(doc.ents[1].start_char, doc.ents[1].end_char)] == "ent.name_after_title_complement"


def test_a_name_after_a_title_and_its_organisation_is_split_from_it(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "and Adviser to the Federal Water Board Olga Petrenko signed .",
        {"4": "B-ORG", "5": "I-ORG", "6": "I-ORG", "7": "I-ORG", "8": "I-ORG"},
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Federal Water Board", "ORG"), ("Olga Petrenko", "PERSON")]


def test_a_name_set_off_by_commas_after_a_title_and_its_ministry_is_a_person(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "The Secretary of the Ministry of Fisheries , Lena Varga , signed .",
        {"3": "B-ORG", "4": "I-ORG", "5": "I-ORG", "6": "I-ORG"},
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("the Ministry of Fisheries", "ORG"), ("Lena Varga", "PERSON")]


def test_words_after_a_title_and_an_unknown_word_are_not_taken_for_a_name(vocab, rules, matcher):
    # nothing says where "Hellenes Abroad" ends: no name is guessed
    doc = words_doc(vocab, "signed by Deputy Minister on Hellenes Abroad Petros Ioannou .", {})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == []


def test_a_name_after_a_title_may_hold_a_word_the_model_took_for_an_organisation(vocab, rules, matcher):
    doc = words_doc(vocab, "met Mayor Anna Berg - Lund at the hall .", {"3": "B-ORG", "4": "I-ORG", "5": "I-ORG"})
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Anna Berg-Lund", "PERSON")]


def test_the_place_before_a_name_may_be_known_from_an_organisation_named_elsewhere(vocab, rules, matcher):
    doc = words_doc(
        vocab,
        "Tarsila Municipality hosted . Mayor of Tarsila Omar Demir and the Secretary of the Ministry of Water "
        "and Soil Protection , signed .",
        {"0": "B-ORG", "1": "I-ORG", "6": "B-PERSON", "7": "I-PERSON", "8": "I-PERSON"}
        | {str(n): "I-ORG" for n in range(14, 20)}
        | {"13": "B-ORG"},
    )
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [
        ("Tarsila Municipality", "ORG"),
        ("Tarsila", "GPE"),
        ("Omar Demir", "PERSON"),
        ("the Ministry of Water and Soil Protection", "ORG"),
    ]


def test_a_known_place_between_a_title_and_a_name_the_model_found_is_a_place(vocab, rules, matcher):
    doc = words_doc(vocab, "signed by President of Veloria Ion Rusu .", {"5": "B-PERSON", "6": "I-PERSON"})
    fixed = fix_entities(doc, rules, matcher, places("Veloria"))
    assert ents_of(doc) == [("Veloria", "GPE"), ("Ion Rusu", "PERSON")]
    assert fixed[(doc.ents[0].start_char, doc.ents[0].end_char)] == "ent.place_after_title"


def field_list_doc(vocab, first: str, second: str, after: list[tuple[str, bool, str]]) -> Doc:
    """'Ministry of <first>, <second>' tagged ORG by the model, then `after`."""
    ministry = [("Ministry", True, "B-ORG"), ("of", True, "I-ORG"), (first, False, "I-ORG")]
    return make_doc(vocab, [*ministry, (",", True, "I-ORG"), (second, True, "I-ORG"), *after])


def test_an_organisation_cut_inside_the_list_of_its_fields_runs_to_the_last_item(vocab, rules, matcher):
    after = [("and", True, "O"), ("Fisheries", True, "B-ORG"), ("signed", True, "O"), (".", False, "O")]
    doc = field_list_doc(vocab, "Water", "Forests", after)
    fixed = fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Ministry of Water, Forests and Fisheries", "ORG")]
    assert list(fixed.values()) == ["ent.completed"]


def test_an_organisation_after_a_field_list_is_not_another_item(vocab, rules, matcher):
    after = [("and", True, "O"), ("UNICEF", True, "B-ORG"), ("signed", True, "O"), (".", False, "O")]
    doc = field_list_doc(vocab, "Water", "Forests", after)
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Ministry of Water, Forests", "ORG"), ("UNICEF", "ORG")]


def test_a_field_list_ends_at_the_item_after_its_and(vocab, rules, matcher):
    after = [("and", True, "O"), ("Mining", True, "O"), ("and", True, "O"), ("Acme", True, "B-ORG")]
    doc = field_list_doc(vocab, "Trade", "Industry", [*after, ("Holdings", True, "I-ORG"), ("signed", False, "O")])
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Ministry of Trade, Industry and Mining", "ORG"), ("Acme Holdings", "ORG")]


def test_what_follows_a_field_list_inside_the_next_entity_stays_an_entity(vocab, rules, matcher):
    after = [("and", True, "O"), ("Mining", True, "B-ORG"), ("and", True, "I-ORG"), ("Acme", True, "I-ORG")]
    doc = field_list_doc(vocab, "Trade", "Industry", [*after, ("Holdings", True, "I-ORG"), ("signed", False, "O")])
    fix_entities(doc, rules, matcher, no_place)
    assert ents_of(doc) == [("Ministry of Trade, Industry and Mining", "ORG"), ("Acme Holdings", "ORG")]


def test_a_field_the_model_took_for_a_place_is_an_item_but_a_known_place_is_not(vocab, rules, matcher):
    def ministry_and(word: str) -> Doc:
        after = [("and", True, "O"), (word, True, "B-GPE"), ("signed", False, "O")]
        return field_list_doc(vocab, "Culture", "Sports", after)

    doc = ministry_and("Youth")
    fix_entities(doc, rules, matcher, places("Nairobi"))
    assert ents_of(doc) == [("Ministry of Culture, Sports and Youth", "ORG")]
    doc = ministry_and("Nairobi")
    fix_entities(doc, rules, matcher, places("Nairobi"))
    assert ents_of(doc) == [("Ministry of Culture, Sports", "ORG"), ("Nairobi", "GPE")]
