"""Tests of pipeline.quality.evaluate: the scoring rules of ../shared/gold-format.md, with counts worked
out by hand on small gold / prediction directories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.quality.evaluate import (
    FIELDS,
    compare_reports,
    evaluate,
    format_errors,
    format_table,
    load_gold,
    load_predictions,
    match_agreements,
    match_signatories,
    names_match,
    normalise_role,
    report_to_json,
    roles_match,
)
from tests.conftest import SHARED

# --------------------------------------------------------------------------- helpers


def party(name, country=None, aliases=(), kind="city"):
    return {"name": name, "aliases": list(aliases), "kind": kind, "country": country}


def signatory(name, role=None, party_name=None, aliases=()):
    return {"name": name, "aliases": list(aliases), "role": role, "party": party_name}


def agreement(
    parties, type_="memorandum_of_understanding", status="signed", signatories=(), date=None, place=None, areas=()
):
    return {
        "type": type_,
        "status": status,
        "parties": list(parties),
        "signatories": list(signatories),
        "date_signed": date,
        "place_signed": place,
        "programme_areas": list(areas),
    }


def _evidence(text):
    return [{"start": 0, "end": len(text), "text": text, "rule": "test"}]


def to_record(doc_id, gold_agreement, n=0):
    """A gold-shaped agreement as a records.jsonl object (the shape record_to_dict writes)."""
    g = gold_agreement
    date = g["date_signed"]
    return {
        "record_id": f"{doc_id}-{n}",
        "schema_version": "1.0.0",
        "document": {
            "id": doc_id,
            "path": f"{doc_id}.txt",
            "sha256": "0" * 64,
            "title": None,
            "published": None,
            "published_source": None,
            "url": None,
        },
        "agreement": {"type": g["type"], "status": g["status"], "label": "x", "evidence": _evidence("x")},
        "parties": [dict(p, evidence=_evidence(p["name"])) for p in g["parties"]],
        "signatories": [dict(s, evidence=_evidence(s["name"])) for s in g["signatories"]],
        "date_signed": None
        if date is None
        else {
            "value": date,
            "precision": "month_day" if date.startswith("--") else "day",
            "year_source": None,
            "text": date,
            "evidence": _evidence(date),
        },
        "place_signed": None
        if g["place_signed"] is None
        else {
            "name": g["place_signed"],
            "country": None,
            "evidence": _evidence(g["place_signed"]),
        },
        "programme_areas": [
            {"id": a, "label": a, "score": 1.0, "evidence": _evidence(a)} for a in g["programme_areas"]
        ],
        "provenance": {
            "pipeline_version": "0",
            "model_name": "m",
            "model_version": "0",
            "rules_hash": "h",
            "config_hash": "h",
        },
    }


def write_gold(gold_dir: Path, article_id: str, agreements) -> None:
    gold_dir.mkdir(parents=True, exist_ok=True)
    data = {
        "id": article_id,
        "corpus": "test",
        "text_sha256": "0" * 64,
        "published": None,
        "notes": "",
        "agreements": list(agreements),
    }
    (gold_dir / f"{article_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def write_dataset(dataset_dir: Path, predictions: dict, extra_documents=()) -> None:
    """predictions: document id -> list of gold-shaped agreements."""
    dataset_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(to_record(doc_id, a, n), ensure_ascii=False)
        for doc_id, agreements in predictions.items()
        for n, a in enumerate(agreements)
    ]
    (dataset_dir / "records.jsonl").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    ids = list(predictions) + [d for d in extra_documents if d not in predictions]
    (dataset_dir / "documents.csv").write_text("id,status\n" + "".join(f"{i},ok\n" for i in ids), encoding="utf-8")


def run(tmp_path, gold: dict, predicted: dict, extra_documents=()):
    for article_id, agreements in gold.items():
        write_gold(tmp_path / "gold", article_id, agreements)
    (tmp_path / "gold").mkdir(exist_ok=True)
    write_dataset(tmp_path / "ds", predicted, extra_documents)
    return evaluate(tmp_path / "gold", tmp_path / "ds")


def counts(report, name):
    c = report.fields[name]
    return (c.tp, c.fp, c.fn)


# --------------------------------------------------------------------------- names and roles


def test_names_match_generic_words_and_aliases():
    assert names_match("City of Houston", "Houston")
    assert names_match("Houston", "City of Houston")
    assert names_match("County Government of Mombasa", "Mombasa")
    assert names_match("Mombasa County", "Mombasa", ["Mombasa County"])
    assert names_match("mombasa county", "Mombasa", ["Mombasa County"])
    assert names_match("Jorgen Kristiansen", "Jørgen Kristiansen")
    assert names_match("Kristiansen", "Jørgen Kristiansen", ["Jorgen Kristiansen", "Kristiansen"])
    assert not names_match("Kristiansand", "Kristiansen")
    assert not names_match("Nairobi", "Mombasa", ["Mombasa County"])
    # Names made only of generic words do not match each other.
    assert not names_match("The City", "City of")
    assert not names_match(None, "Mombasa")


def test_role_normalisation_removes_party_words_and_stop_words():
    assert normalise_role("Governor of Mombasa", ["Mombasa"]) == ("governor",)
    assert roles_match("Governor of Mombasa", "Governor", ["Mombasa", "Mombasa County"])
    assert roles_match("Mombasa County Governor", "Governor", ["Mombasa", "Mombasa County"])
    assert roles_match("Minister for Foreign Affairs", "Minister of Foreign Affairs", [])
    assert not roles_match("Deputy Governor", "Governor", ["Mombasa"])
    assert not roles_match("Governor of Mombasa", "Governor", [])


# --------------------------------------------------------------------------- matching


def test_greedy_matching_prefers_highest_affinity_pair(tmp_path):
    gold = [
        agreement([party("Mombasa"), party("Kristiansand")], "memorandum_of_understanding"),
        agreement([party("Mombasa"), party("Aarhus")], "sister_city_agreement"),
    ]
    pred = [
        # affinity 1.5 with gold 0 (Mombasa + type), 2 with gold 1 (both parties)
        agreement([party("Mombasa"), party("Aarhus")], "memorandum_of_understanding"),
        # affinity 2 with gold 0, 1.5 with gold 1
        agreement([party("Mombasa"), party("Kristiansand")], "sister_city_agreement"),
    ]
    assert match_agreements(pred, gold) == [(1, 0), (0, 1)]

    report = run(tmp_path, {"a1": gold}, {"a1": pred})
    assert counts(report, "agreement") == (2, 0, 0)
    assert counts(report, "parties") == (4, 0, 0)
    # Both matched pairs have the other type: each is one fp and one fn.
    assert counts(report, "type") == (0, 2, 2)
    assert counts(report, "status") == (2, 0, 0)


def test_matching_needs_a_party_and_breaks_ties_by_order():
    gold = [agreement([party("Mombasa")]), agreement([party("Mombasa")])]
    pred = [agreement([party("Nairobi")])]  # type equal only: affinity 0.5 < 1
    assert match_agreements(pred, gold) == []
    pred = [agreement([party("Mombasa")]), agreement([party("Mombasa County")])]
    assert match_agreements(pred, gold) == [(0, 0), (1, 1)]


def test_signatory_matching_uses_predicted_aliases_after_names():
    gold = [signatory("Anna Smith", aliases=["Smith"]), signatory("Bob Smith", aliases=["Smith"])]
    pred = [signatory("Smith"), signatory("Anna Smith")]
    # The exact name pair is taken first, so the ambiguous "Smith" falls to Bob Smith.
    assert match_signatories(pred, gold) == [(1, 0), (0, 1)]
    gold = [signatory("Jørgen Kristiansen")]
    assert match_signatories([signatory("J. Kristiansen", aliases=["Jorgen Kristiansen"])], gold) == [(0, 0)]
    assert match_signatories([signatory("J. Kristiansen")], gold) == []


# --------------------------------------------------------------------------- counting


def test_unmatched_predicted_and_gold_count_every_item(tmp_path):
    gold = agreement(
        [party("Mombasa", "KE"), party("Kristiansand", "NO")],
        signatories=[
            signatory("Hassan Ali Joho", "Governor", "Mombasa"),
            signatory("Jørgen Kristiansen", "Deputy Mayor", "Kristiansand"),
        ],
        date="--11-22",
        place="Mombasa",
        areas=["youth", "civil_society", "violent_extremism_prevention"],
    )
    pred = agreement(
        [party("Paris", "FR"), party("Berlin")],
        type_="cooperation_agreement",
        signatories=[signatory("Anne Hidalgo", "Mayor")],
        place="Paris",
        areas=["youth", "culture_heritage"],
    )
    report = run(tmp_path, {"a1": [gold]}, {"a1": [pred]})
    expected = {  # (tp, fp, fn)
        "agreement": (0, 1, 1),
        "type": (0, 1, 1),
        "status": (0, 1, 1),
        "parties": (0, 2, 2),
        "country": (0, 1, 2),
        "signatories": (0, 1, 2),
        "role": (0, 1, 2),
        "sig_party": (0, 0, 2),
        "date": (0, 0, 1),
        "place": (0, 1, 1),
        "areas": (0, 2, 3),
    }
    assert {f: counts(report, f) for f in FIELDS} == expected
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (0, 11, 18)


def test_unmatched_parties_and_signatories_inside_a_matched_agreement(tmp_path):
    gold = agreement(
        [party("Mombasa", "KE", ["Mombasa County"]), party("Kristiansand", "NO")],
        signatories=[
            signatory("Hassan Ali Joho", "Governor", "Mombasa", ["Joho"]),
            signatory("Jørgen Kristiansen", "Deputy Mayor", "Kristiansand"),
        ],
    )
    pred = agreement(
        [party("Mombasa County", "KE"), party("Strong Cities Network", "US", kind="organisation")],
        signatories=[
            signatory("Joho", "Governor of Mombasa County", "Mombasa County"),
            signatory("Eric Rosand", "Director", "Strong Cities Network"),
        ],
    )
    report = run(tmp_path, {"a1": [gold]}, {"a1": [pred]})
    assert counts(report, "agreement") == (1, 0, 0)
    assert counts(report, "parties") == (1, 1, 1)
    assert counts(report, "country") == (1, 1, 1)  # extra party's US (fp), missing party's NO (fn)
    assert counts(report, "signatories") == (1, 1, 1)
    assert counts(report, "role") == (1, 1, 1)
    # "Mombasa County" matches the gold party Mombasa through its alias.
    assert counts(report, "sig_party") == (1, 1, 1)


def test_date_exact_string_equality(tmp_path):
    mombasa = [party("Mombasa")]
    gold = {
        "same": [agreement(mombasa, date="--11-22")],
        "year_added": [agreement(mombasa, date="--11-22")],
        "missing": [agreement(mombasa, date="--11-22")],
        "extra": [agreement(mombasa, date=None)],
        "none": [agreement(mombasa, date=None)],
        "full": [agreement(mombasa, date="2021-11-22")],
    }
    pred = {
        "same": [agreement(mombasa, date="--11-22")],
        "year_added": [agreement(mombasa, date="2021-11-22")],
        "missing": [agreement(mombasa, date=None)],
        "extra": [agreement(mombasa, date="2021-11")],
        "none": [agreement(mombasa, date=None)],
        "full": [agreement(mombasa, date="2021-11")],
    }
    report = run(tmp_path, gold, pred)
    # tp: same; fp: year_added, extra, full; fn: year_added, missing, full
    assert counts(report, "date") == (1, 3, 3)
    wrong = {e.article for e in report.errors if e.field == "date" and e.kind == "wrong"}
    assert wrong == {"year_added", "full"}


def test_country_wrong_is_fp_and_fn_missing_is_fn_extra_is_fp(tmp_path):
    gold = agreement([party("Mombasa", "KE"), party("Kristiansand", "NO"), party("Aarhus", None), party("Oslo", "NO")])
    pred = agreement([party("Mombasa", "NO"), party("Kristiansand", None), party("Aarhus", "DK"), party("Oslo", "no")])
    report = run(tmp_path, {"a1": [gold]}, {"a1": [pred]})
    assert counts(report, "parties") == (4, 0, 0)
    # Mombasa wrong: fp+fn; Kristiansand missing: fn; Aarhus extra: fp; Oslo equal (case-insensitive)
    assert counts(report, "country") == (1, 2, 2)
    kinds = sorted((e.kind, e.gold, e.predicted) for e in report.errors if e.field == "country")
    assert kinds == [("fn", "NO", None), ("fp", None, "DK"), ("wrong", "KE", "NO")]


def test_place_type_status_and_areas_in_a_matched_agreement(tmp_path):
    gold = agreement(
        [party("Houston"), party("Abu Dhabi")], status="signed", place="Houston", areas=["energy", "health"]
    )
    pred = agreement(
        [party("City of Houston"), party("Abu Dhabi")],
        status="planned",
        place="City of Houston",
        areas=["energy", "tourism", "sports"],
    )
    report = run(tmp_path, {"a1": [gold]}, {"a1": [pred]})
    assert counts(report, "parties") == (2, 0, 0)
    assert counts(report, "type") == (1, 0, 0)
    assert counts(report, "status") == (0, 1, 1)
    assert counts(report, "place") == (1, 0, 0)
    assert counts(report, "areas") == (1, 2, 1)


def test_micro_aggregation(tmp_path):
    gold = agreement([party("Mombasa", "KE"), party("Kristiansand", "NO")], date="--11-22", areas=["youth"])
    pred = agreement([party("Mombasa", "KE"), party("Kristiansand", "DK")], date="--11-22", areas=["youth", "sports"])
    report = run(tmp_path, {"a1": [gold]}, {"a1": [pred]})
    # tp: agreement, type, status, 2 parties, 1 country, date, youth = 8
    # fp: country DK, sports = 2;  fn: country NO = 1
    micro = report.micro
    assert (micro.tp, micro.fp, micro.fn) == (8, 2, 1)
    assert micro.precision == pytest.approx(8 / 10)
    assert micro.recall == pytest.approx(8 / 9)
    assert micro.f1 == pytest.approx(16 / 19)
    data = report_to_json(report)
    assert data["micro"]["f1"] == pytest.approx(16 / 19)
    assert data["fields"]["country"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["fields"]["signatories"]["f1"] is None  # no items at all
    assert sum(data["fields"][f]["tp"] for f in FIELDS) == data["micro"]["tp"]


def test_documents_without_gold_are_unscored_and_gold_without_predictions_is_fn(tmp_path):
    gold = {
        "a1": [agreement([party("Mombasa"), party("Kristiansand")], areas=["youth"])],
        "a2": [],
    }
    pred = {"a2": [], "b1": [agreement([party("Paris")])]}
    report = run(tmp_path, gold, pred, extra_documents=["b2"])
    assert report.articles == 2
    assert report.unscored_documents == 2  # b1 (with a record) and b2 (documents table only)
    assert report.missing_documents == 1  # a1
    assert counts(report, "agreement") == (0, 0, 1)
    assert counts(report, "parties") == (0, 0, 2)
    assert counts(report, "areas") == (0, 0, 1)
    assert report.micro.fp == 0


def test_load_predictions_converts_records_to_gold_shape(tmp_path):
    a = agreement(
        [party("Mombasa", "KE", ["Mombasa County"])],
        signatories=[signatory("Hassan Ali Joho", "Governor", "Mombasa", ["Joho"])],
        date="--11-22",
        place="Mombasa",
        areas=["youth"],
    )
    write_dataset(tmp_path / "ds", {"d1": [a]}, extra_documents=["d2"])
    predictions = load_predictions(tmp_path / "ds")
    assert predictions == {"d1": [a], "d2": []}


# --------------------------------------------------------------------------- output


def test_report_json_table_and_errors(tmp_path):
    gold = {"a1": [agreement([party("Mombasa", "KE")], date="--11-22")]}
    pred = {"a1": [agreement([party("Mombasa", "NO")], date="--11-23")]}
    report = run(tmp_path, gold, pred)
    data = report_to_json(report)
    assert list(data) == ["fields", "micro", "articles", "unscored_documents", "missing_documents", "errors"]
    assert list(data["fields"]) == list(FIELDS)
    json.dumps(data)
    assert {(e["field"], e["kind"], e["gold"], e["predicted"]) for e in data["errors"]} == {
        ("country", "wrong", "KE", "NO"),
        ("date", "wrong", "--11-22", "--11-23"),
    }
    table = format_table(report).splitlines()
    assert table[0].split() == ["field", "tp", "fp", "fn", "P", "R", "F1"]
    assert [line.split()[0] for line in table[1:]] == list(FIELDS) + ["micro"]
    assert table[-1].split()[1:4] == ["4", "2", "2"]
    assert len({len(line) for line in table}) == 1  # right-aligned columns
    errors = format_errors(report)
    assert errors.splitlines()[0] == "a1:"
    assert "--11-23" in errors and "KE" in errors


def test_compare_reports_shows_deltas():
    def fake(f1_type, f1_micro):
        fields = {f: {"tp": 1, "fp": 0, "fn": 0, "precision": 1.0, "recall": 1.0, "f1": 1.0} for f in FIELDS}
        fields["type"]["f1"] = f1_type
        return {"fields": fields, "micro": {"f1": f1_micro}}

    text = compare_reports(fake(0.5, 0.8), fake(0.75, 0.7))
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines()}
    assert rows["field"] == ["old", "F1", "new", "F1", "delta"]
    assert rows["type"] == ["0.500", "0.750", "+0.250"]
    assert rows["micro"] == ["0.800", "0.700", "-0.100"]
    assert rows["agreement"] == ["1.000", "1.000", "+0.000"]
    assert text.splitlines()[-1].startswith("micro")


# --------------------------------------------------------------------------- shared data


def test_load_devset_gold():
    gold_dir = SHARED / "devset" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("shared devset not available")
    gold = load_gold(gold_dir)
    assert len(gold) == 55
    assert all(isinstance(v, list) for v in gold.values())
    assert sum(len(v) for v in gold.values()) > 0
    first = next(a for v in gold.values() for a in v)
    assert set(first) == {"type", "status", "parties", "signatories", "date_signed", "place_signed", "programme_areas"}


def test_perfect_prediction_of_the_seed_scores_one(tmp_path):
    gold_dir = SHARED / "seeds" / "gold"
    if not gold_dir.is_dir():
        pytest.skip("shared seeds not available")
    gold = load_gold(gold_dir)
    assert gold
    write_dataset(tmp_path / "ds", gold)
    report = evaluate(gold_dir, tmp_path / "ds")
    for name in FIELDS:
        c = report.fields[name]
        assert c.tp > 0 and c.fp == 0 and c.fn == 0, name
        assert c.f1 == 1.0, name
    assert report.micro.f1 == 1.0
    assert report.errors == []
