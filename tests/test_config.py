"""The config and its one table of settings (pipeline.config): defaults only in pipeline.cfg,
every unknown key, missing key or wrong type a clear error before anything is loaded."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.config import DEFAULT_CONFIG_PATH, SETTINGS, config_hash, load_config
from pipeline.errors import ConfigError, PipelineError

AG_STAGES = ["ag_sentences", "ag_entities", "ag_people", "ag_places", "ag_dates", "ag_agreements", "ag_areas"]


def test_missing_config_file_raises_config_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "does-not-exist.cfg")


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


def test_the_table_knows_every_setting_of_the_default_config_and_nothing_else():
    load_config()  # the default config passes its own table
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    for key in SETTINGS:
        assert key.rsplit(".", 1)[-1] in text


def test_a_misspelled_override_is_an_error_naming_the_setting_it_meant():
    with pytest.raises(ConfigError, match=r"--set nlp.batch_sise: no such setting \(did you mean nlp.batch_size\?\)"):
        load_config(overrides={"nlp.batch_sise": 32})


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("input.max_chars", "abc", "must be a whole number"),
        ("input.max_chars", 2.5, "must be a whole number"),
        ("nlp.batch_size", 0, "must be at least 1"),
        ("components.ag_areas.min_score", 1.5, "must be at most 1"),
        ("nlp.stages", "ag_people", "must be a list of strings"),
        ("paths.models", 3, "must be a string"),
        ("input.max_chars", True, "must be a whole number"),
    ],
)
def test_a_value_of_the_wrong_type_is_an_error_at_load(key, value, expected):
    with pytest.raises(ConfigError, match=f"{key} = .*: {expected}"):
        load_config(overrides={key: value})


def test_every_problem_is_reported_at_once(tmp_path):
    text = DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "broken.cfg"
    broken.write_text(
        text.replace("batch_size = 16", 'batch_size = "many"').replace("min_score = 0.0\n", "")
        + "\n[extra]\nkey = 1\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(broken)
    message = str(caught.value)
    assert "nlp.batch_size = 'many': must be a whole number" in message
    assert "components.ag_areas.min_score: missing" in message
    assert "extra.key: no such setting" in message


def test_a_researchers_own_stage_keeps_its_own_settings(tmp_path):
    own = tmp_path / "own.cfg"
    own.write_text(
        DEFAULT_CONFIG_PATH.read_text(encoding="utf-8")
        + '\n[components.my_stage]\nfactory = "my_factory"\nweight = 3\n',
        encoding="utf-8",
    )
    assert load_config(own)["components"]["my_stage"]["weight"] == 3


def test_the_cli_refuses_a_misspelled_setting_before_loading_anything(tmp_path, capsys):
    status = main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--set", "nlp.batch_sise=32", "--quiet"])
    assert status == 1
    assert "nlp.batch_sise: no such setting" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_value_that_is_not_a_number_is_refused_at_start(tmp_path, capsys):
    status = main(["extract", str(tmp_path), "--out", str(tmp_path / "out"), "--set", "input.max_chars=abc", "--quiet"])
    assert status == 1
    assert "input.max_chars = 'abc': must be a whole number" in capsys.readouterr().err
