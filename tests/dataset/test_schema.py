"""The agreement-record JSON Schema and pipeline.dataset.schema's validator and evidence check."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from pipeline.dataset.records import (
    AGREEMENT_STATUSES,
    AGREEMENT_TYPES,
    DATE_PRECISIONS,
    PARTY_KINDS,
    SCHEMA_VERSION,
    DateSigned,
    Evidence,
    Party,
    record_to_dict,
)
from pipeline.dataset.schema import SCHEMA_PATH, SchemaValidator, evidence_errors, load_schema, record_validator
from pipeline.inputs.articles import PUBLISHED_SOURCES, Article
from tests.builders import ev, make_article, make_record


@pytest.fixture(scope="module")
def validator() -> SchemaValidator:
    return SchemaValidator()


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def good(article) -> dict:
    return record_to_dict(make_record(article))


# -- the schema file itself ---------------------------------------------------------------


def _object_schemas(node, path="#"):
    if isinstance(node, dict):
        if "properties" in node and "required" in node:
            yield path, node
        for key, child in node.items():
            if key not in ("if", "then"):  # conditions only constrain, they describe no object
                yield from _object_schemas(child, f"{path}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _object_schemas(child, f"{path}/{i}")


def test_schema_file_is_a_versioned_draft_2020_12_schema():
    schema = load_schema()
    assert SCHEMA_PATH.name == "agreement-record.schema.json"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"https://example.org/agreements/agreement-record/{SCHEMA_VERSION}.schema.json"
    assert schema["properties"]["schema_version"] == {"const": SCHEMA_VERSION}
    SchemaValidator(schema)  # check_schema passes


def test_every_object_is_closed_and_requires_all_its_properties():
    objects = list(_object_schemas(load_schema()))
    assert len(objects) >= 10
    for path, node in objects:
        assert node.get("additionalProperties") is False, path
        assert set(node["required"]) == set(node["properties"]), path


def test_schema_requires_exactly_the_fields_record_to_dict_writes(good):
    schema = load_schema()
    defs = schema["$defs"]
    assert set(schema["required"]) == set(good)
    assert set(defs["document"]["required"]) == set(good["document"])
    assert set(defs["agreement"]["required"]) == set(good["agreement"])
    assert set(defs["party"]["required"]) == set(good["parties"][0])
    assert set(defs["signatory"]["required"]) == set(good["signatories"][0])
    assert set(defs["date_signed"]["required"]) == set(good["date_signed"])
    assert set(defs["place_signed"]["required"]) == set(good["place_signed"])
    assert set(defs["programme_area"]["required"]) == set(good["programme_areas"][0])
    assert set(defs["provenance"]["required"]) == set(good["provenance"])
    assert set(defs["evidence_item"]["required"]) == {f.name for f in dataclasses.fields(Evidence)}


def test_schema_enums_match_the_tuples_in_records_py():
    defs = load_schema()["$defs"]
    assert defs["agreement"]["properties"]["type"]["enum"] == list(AGREEMENT_TYPES)
    assert defs["agreement"]["properties"]["status"]["enum"] == list(AGREEMENT_STATUSES)
    assert defs["party"]["properties"]["kind"]["enum"] == [*PARTY_KINDS, None]
    assert defs["date_signed"]["properties"]["precision"]["enum"] == list(DATE_PRECISIONS)
    assert defs["document"]["properties"]["published_source"]["enum"] == list(PUBLISHED_SOURCES)
    assert len(defs["programme_area"]["properties"]["id"]["enum"]) == 21


# -- valid records ------------------------------------------------------------------------


def test_a_valid_record_has_no_errors(validator, good, article):
    assert validator.errors(good) == []
    assert validator.is_valid(good)
    assert evidence_errors(good, article.text) == []


@pytest.mark.parametrize(
    "value, precision, year_source",
    [
        ("2023-11-22", "day", "text"),
        ("2023-11-22", "day", "published"),
        ("--11-22", "month_day", None),
        ("2023-11", "month", "text"),
        ("2023", "year", "text"),
    ],
)
def test_every_date_precision_validates(validator, article, value, precision, year_source):
    date = DateSigned(value, precision, year_source, "22 November", (ev(article.text, "22 November"),))
    assert validator.errors(record_to_dict(make_record(article, date_signed=date))) == []


def test_null_date_place_kind_country_and_empty_lists_are_valid(validator, article):
    record = make_record(
        article,
        date_signed=None,
        place_signed=None,
        signatories=(),
        programme_areas=(),
        parties=(Party("Kristiansand", None, None, (), (ev(article.text, "Kristiansand"),)),),
    )
    assert validator.errors(record_to_dict(record)) == []


def test_default_validator_is_built_once():
    assert record_validator() is record_validator()


# -- invalid records ----------------------------------------------------------------------


def _set(path, value):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        d[last] = value

    return mutate


def _delete(path):
    def mutate(d):
        *parents, last = path
        for key in parents:
            d = d[key]
        del d[last]

    return mutate


BROKEN = {
    "bad type enum": (
        _set(["agreement", "type"], "mou"),
        "agreement/type: 'mou' is not one of ['memorandum_of_understanding'",
    ),
    "bad status": (_set(["agreement", "status"], "done"), "agreement/status: 'done' is not one of"),
    "bad party kind": (_set(["parties", 1, "kind"], "village"), "parties/1/kind: 'village' is not one of"),
    "country name instead of code": (
        _set(["parties", 0, "country"], "Kenya"),
        "parties/0/country: 'Kenya' does not match '^[A-Z]{2}$'",
    ),
    "place country lowercase": (
        _set(["place_signed", "country"], "ke"),
        "place_signed/country: 'ke' does not match",
    ),
    "day value for month precision": (
        _set(["date_signed", "precision"], "month"),
        "date_signed/value: '--11-22' does not match '^\\\\d{4}-\\\\d{2}$'",
    ),
    "month value for day precision": (
        _set(
            ["date_signed"],
            {
                "value": "2023-11",
                "precision": "day",
                "year_source": "text",
                "text": "22 November",
                "evidence": [{"start": 0, "end": 1, "text": "M", "rule": "r"}],
            },
        ),
        "date_signed/value: '2023-11' does not match '^\\\\d{4}-\\\\d{2}-\\\\d{2}$'",
    ),
    "impossible calendar day": (
        _set(
            ["date_signed"],
            {
                "value": "2023-02-30",
                "precision": "day",
                "year_source": "text",
                "text": "22 November",
                "evidence": [{"start": 0, "end": 1, "text": "M", "rule": "r"}],
            },
        ),
        "date_signed/value: '2023-02-30' is not a 'date'",
    ),
    "year source for a month_day date": (
        _set(["date_signed", "year_source"], "text"),
        "date_signed/year_source: None was expected",
    ),
    "unknown year source": (
        _set(["date_signed", "year_source"], "guess"),
        "date_signed/year_source: 'guess' is not one of ['text', 'published', None]",
    ),
    "unknown top-level field": (
        _set(["confidence"], 0.9),
        "<root>: Additional properties are not allowed ('confidence' was unexpected)",
    ),
    "unknown nested field": (
        _set(["parties", 0, "nickname"], "Mom"),
        "parties/0: Additional properties are not allowed ('nickname' was unexpected)",
    ),
    "missing required field": (_delete(["provenance"]), "<root>: 'provenance' is a required property"),
    "missing nullable field": (_delete(["place_signed"]), "<root>: 'place_signed' is a required property"),
    "missing nested field": (
        _delete(["signatories", 0, "role"]),
        "signatories/0: 'role' is a required property",
    ),
    "empty evidence": (_set(["parties", 0, "evidence"], []), "parties/0/evidence: [] should be non-empty"),
    "negative offset": (
        _set(["agreement", "evidence", 0, "start"], -1),
        "agreement/evidence/0/start: -1 is less than the minimum of 0",
    ),
    "empty rule": (
        _set(["programme_areas", 0, "evidence", 0, "rule"], ""),
        "programme_areas/0/evidence/0/rule: '' should be non-empty",
    ),
    "unknown programme area": (
        _set(["programme_areas", 0, "id"], "space"),
        "programme_areas/0/id: 'space' is not one of",
    ),
    "score above 1": (
        _set(["programme_areas", 0, "score"], 1.5),
        "programme_areas/0/score: 1.5 is greater than the maximum of 1",
    ),
    "bad sha256": (_set(["document", "sha256"], "ABC"), "document/sha256: 'ABC' does not match"),
    "bad published date": (
        _set(["document", "published"], "2023-13-01"),
        "document/published: '2023-13-01' is not a 'date'",
    ),
    "wrong schema version": (_set(["schema_version"], "2.0.0"), "schema_version: '1.0.0' was expected"),
    "geonames id as string": (
        _set(["parties", 0, "geonames_id"], "186301"),
        "parties/0/geonames_id: '186301' is not of type 'integer', 'null'",
    ),
}


@pytest.mark.parametrize("mutate, expected", BROKEN.values(), ids=BROKEN.keys())
def test_each_broken_field_fails_with_a_message_naming_its_path(validator, good, mutate, expected):
    broken = copy.deepcopy(good)
    mutate(broken)
    errors = validator.errors(broken)
    assert errors, "expected at least one error"
    assert any(e.startswith(expected) for e in errors), errors


def test_evidence_offset_mismatch_is_reported(good, article):
    good["parties"][1]["evidence"][0]["start"] += 1
    errors = evidence_errors(good, article.text)
    assert len(errors) == 1
    assert errors[0].startswith("parties/1/evidence/0: text[")
    assert "evidence text is 'Kristiansand'" in errors[0]


def test_evidence_outside_the_text_is_reported(good, article):
    good["date_signed"]["evidence"][0].update(start=10_000, end=10_005)
    assert evidence_errors(good, article.text) == [
        f"date_signed/evidence/0: span [10000:10005] is outside the document text (length {len(article.text)})"
    ]


def test_evidence_check_survives_malformed_items(good, article):
    good["agreement"]["evidence"].append("not an object")
    good["signatories"][0]["evidence"][0]["start"] = None
    errors = evidence_errors(good, article.text)
    assert errors == [
        "agreement/evidence/1: evidence item is not an object",
        "signatories/0/evidence/0: start/end must be integers, got None/"
        f"{good['signatories'][0]['evidence'][0]['end']}",
    ]


def test_all_errors_are_collected_and_sorted_by_path(validator, good):
    good["parties"][0]["country"] = "Kenya"
    good["agreement"]["type"] = "mou"
    good["extra"] = True
    del good["record_id"]
    good["programme_areas"][0]["score"] = -0.1
    errors = validator.errors(good)
    assert len(errors) == 5
    assert errors[0].startswith("<root>: 'record_id' is a required property")
    assert errors[1].startswith("<root>: Additional properties are not allowed ('extra' was unexpected)")
    assert errors[2].startswith("agreement/type: 'mou'")
    assert errors[3] == "parties/0/country: 'Kenya' does not match '^[A-Z]{2}$'"
    assert errors[4].startswith("programme_areas/0/score: -0.1 is less than the minimum of 0")


def test_paths_sort_numerically(validator, article):
    parties = tuple(Party("Mombasa", "city", "Kenya", (), (ev(article.text, "Mombasa"),)) for _ in range(11))
    errors = validator.errors(record_to_dict(make_record(article, parties=parties)))
    assert [e.split(":")[0] for e in errors] == [f"parties/{i}/country" for i in range(11)]


def test_long_messages_are_shortened(validator):
    errors = validator.errors({"parties": "x" * 2000})
    long = [e for e in errors if e.startswith("parties:")]
    assert len(long) == 1 and len(long[0]) == 500 and long[0].endswith("…")


def test_a_recursive_schema_still_validates():
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/$defs/node",
        "$defs": {
            "node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}, "additionalProperties": False}
        },
    }
    validator = SchemaValidator(schema)
    assert validator.errors({"child": {"child": {}}}) == []
    assert validator.errors({"child": {"x": 1}}) == [
        "child: Additional properties are not allowed ('x' was unexpected)"
    ]
