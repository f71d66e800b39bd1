import dataclasses
import shutil

import pytest

from pipeline.errors import ConfigError
from pipeline.rules import DEFAULT_MODELS_DIR, load_rules, rules_hash


def copy_models(tmp_path):
    target = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR, target)
    return target


def test_default_rules_load_with_ids():
    rules = load_rules()
    assert {t.type for t in rules.agreement_terms} >= {"memorandum_of_understanding", "sister_city_agreement", "letter_of_intent"}
    assert {c.status for c in rules.status_cues} == {"signed", "renewed", "planned", "veto"}
    assert "governor" in rules.role_heads and "deputy" in rules.role_modifiers and "dr" in rules.honorifics
    assert len(rules.programme_areas) == 21
    # every area rule id names its area, so evidence traces back to the taxonomy entry
    for area in rules.programme_areas:
        assert all(rule.id.startswith(f"area.{area.id}.") for rule in area.rules)


def test_rules_are_immutable():
    rules = load_rules()
    with pytest.raises(AttributeError):
        rules.role_heads.add("emperor")  # frozenset
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.hash = "x"


def test_hash_changes_when_a_rule_file_changes(tmp_path):
    models = copy_models(tmp_path)
    before = rules_hash(models)
    with (models / "roles.csv").open("a", encoding="utf-8") as fh:
        fh.write("burgomaster,head\n")
    assert rules_hash(models) != before
    assert "burgomaster" in load_rules(models).role_heads


def test_invalid_jsonl_line_is_reported_with_its_line_number(tmp_path):
    models = copy_models(tmp_path)
    with (models / "agreement_terms.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    with pytest.raises(ConfigError, match=r"agreement_terms.jsonl:\d+: invalid JSON"):
        load_rules(models)


def test_invalid_regex_names_the_rule(tmp_path):
    models = copy_models(tmp_path)
    with (models / "agreement_terms.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"id": "term.broken", "type": "other", "pattern": "(unclosed"}\n')
    with pytest.raises(ConfigError, match="term.broken"):
        load_rules(models)


def test_missing_rule_directory(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_rules(tmp_path / "nowhere")
