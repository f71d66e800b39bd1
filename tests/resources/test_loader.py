"""The one loader of models/: rule packs, lexicon, boilerplate, and one hash over every file."""

import dataclasses
import shutil

import pytest

from pipeline.errors import ConfigError
from pipeline.resources.loader import DEFAULT_MODELS_DIR, LEXICON_PATTERNS, LEXICON_WORDS, load_rules, models_hash


def copy_models(tmp_path):
    target = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR, target)
    return target


def test_default_rules_load_with_ids():
    rules = load_rules()
    assert {t.type for t in rules.agreement_terms} >= {
        "memorandum_of_understanding",
        "sister_city_agreement",
        "letter_of_intent",
    }
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
    before = models_hash(models)
    with (models / "roles.csv").open("a", encoding="utf-8") as fh:
        fh.write("burgomaster,head\n")
    assert models_hash(models) != before
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


def test_the_hash_covers_the_gazetteer_tables_too(tmp_path):
    # --resume must not reuse results made with an older cities table.
    models = copy_models(tmp_path)
    before = load_rules(models).hash
    with (models / "places" / "cities.tsv").open("a", encoding="utf-8") as fh:
        fh.write("1\tAtlantis\tGR\t\t50000\t\n")
    assert load_rules(models).hash != before


def test_documentation_and_scripts_are_not_part_of_the_hash(tmp_path):
    models = copy_models(tmp_path)
    before = models_hash(models)
    (models / "README.md").write_text("edited", encoding="utf-8")
    (models / "places" / "make_cities_table.py").write_text("# edited", encoding="utf-8")
    assert models_hash(models) == before


def test_lexicon_lists_and_patterns_are_read_by_name():
    rules = load_rules()
    assert set(LEXICON_WORDS) <= set(rules.words) and set(LEXICON_PATTERNS) <= set(rules.patterns)
    assert "inked" in rules.words["sign_forms"]
    assert rules.patterns["visit_before_place"].search("during a visit to ")
    with pytest.raises(TypeError):
        rules.words["sign_forms"] = frozenset()  # read-only mapping


def test_a_lexicon_without_a_list_the_code_reads_is_refused(tmp_path):
    models = copy_models(tmp_path)
    text = (models / "lexicon.yaml").read_text(encoding="utf-8")
    (models / "lexicon.yaml").write_text(text.replace("\nsign_forms:", "\nsigning_forms:"), encoding="utf-8")
    with pytest.raises(ConfigError, match="lacks the entries sign_forms"):
        load_rules(models)


def test_a_yaml_boolean_in_a_word_list_is_refused(tmp_path):
    models = copy_models(tmp_path)
    with (models / "lexicon.yaml").open("a", encoding="utf-8") as fh:
        fh.write("extra_words:\n  id: words.extra\n  words: [yes, on]\n")
    with pytest.raises(ConfigError, match="quote yes, no, on, off"):
        load_rules(models)


def test_boilerplate_patterns_load_with_ids_and_scopes():
    patterns = load_rules().boilerplate
    assert len({p.id for p in patterns}) == len(patterns)
    assert {p.scope for p in patterns} <= {"line", "tail"}


def test_bad_boilerplate_scope_is_a_config_error(tmp_path):
    models = copy_models(tmp_path)
    (models / "boilerplate.yaml").write_text("- id: x\n  pattern: 'share'\n  scope: everywhere\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="scope"):
        load_rules(models)
