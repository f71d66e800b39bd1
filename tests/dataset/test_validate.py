"""validate_dataset: a good dataset passes; each kind of tampering is reported specifically."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from pipeline.dataset.validate import validate_dataset
from pipeline.dataset.writer import DatasetWriter
from tests.builders import TEXT, failed_result, make_result


def result(doc_id: str):
    """A one-record result whose text ends with its id: distinct texts, so offsets are checked
    against the right one."""
    return make_result(
        doc_id, text=TEXT + f" ({doc_id})", with_entities=False, agreement_rule="test", mombasa_aliases=()
    )


@pytest.fixture
def dataset_dir(tmp_path):
    out = tmp_path / "dataset"
    with DatasetWriter(out, run_info={"pipeline_version": "0.1.0"}) as writer:
        writer.add(result("doc-1"))
        writer.add(failed_result("bad-1", "failed", "boom"))
        writer.add(result("doc-2"))
        writer.finish({})
    return out


def edit_records(directory, edit):
    path = directory / "records.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    edit(records)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def rewrite_table(directory, name, transform):
    """Apply `transform` to a pyarrow table and write it back as both Parquet and CSV."""
    table = transform(pq.read_table(directory / f"{name}.parquet"))
    pq.write_table(table, directory / f"{name}.parquet")
    pacsv.write_csv(table, directory / f"{name}.csv")


def test_good_dataset_is_valid(dataset_dir):
    assert validate_dataset(dataset_dir) == []


def test_missing_directory_is_one_message(tmp_path):
    assert validate_dataset(tmp_path / "nowhere") == [f"dataset directory not found: {tmp_path / 'nowhere'}"]


@pytest.mark.invalid_dataset
def test_edited_evidence_offset(dataset_dir):
    def shift(records):
        records[1]["parties"][1]["evidence"][0]["start"] += 1

    edit_records(dataset_dir, shift)
    assert validate_dataset(dataset_dir) == [
        "records.jsonl line 2 (doc-2#0): parties/1/evidence/0: text[13:24] is 'ristiansand', "
        "evidence text is 'Kristiansand'"
    ]


@pytest.mark.invalid_dataset
def test_schema_error_in_records(dataset_dir):
    def break_country(records):
        records[0]["parties"][0]["country"] = "Kenya"

    edit_records(dataset_dir, break_country)
    assert validate_dataset(dataset_dir) == [
        "records.jsonl line 1 (doc-1#0): parties/0/country: 'Kenya' does not match '^[A-Z]{2}$'"
    ]


@pytest.mark.invalid_dataset
def test_evidence_in_a_table_is_checked(dataset_dir):
    def tamper(table):
        evidence = table["evidence"].to_pylist()
        evidence[0] = json.dumps([{"start": 0, "end": 7, "text": "Nairobi", "rule": "x"}])
        return table.set_column(table.schema.get_field_index("evidence"), "evidence", [evidence])

    rewrite_table(dataset_dir, "parties", tamper)
    assert validate_dataset(dataset_dir) == [
        "parties[0]/evidence/0: text[0:7] is 'Mombasa', evidence text is 'Nairobi'"
    ]


@pytest.mark.invalid_dataset
def test_deleted_document_row(dataset_dir):
    rewrite_table(dataset_dir, "documents", lambda t: t.filter(pc.not_equal(t["id"], "doc-2")))
    errors = validate_dataset(dataset_dir)
    assert "records.jsonl line 2 (doc-2#0): document id 'doc-2' is not in the documents table" in errors
    assert "agreements[1]: document_id 'doc-2' is not in the documents table" in errors
    assert "parties[2]: document_id 'doc-2' is not in the documents table" in errors
    assert "manifest.json: counts/documents is 3, the files have 2" in errors
    assert "manifest.json: 3 inputs but 2 rows in the documents table" in errors
    assert "manifest.json: inputs/2 ('doc-2') has no row in the documents table" in errors


@pytest.mark.invalid_dataset
def test_edited_document_text(dataset_dir):
    def tamper(table):
        texts = table["text"].to_pylist()
        texts[0] = texts[0].replace("Mombasa", "Nairobi")
        return table.set_column(table.schema.get_field_index("text"), "text", [texts])

    rewrite_table(dataset_dir, "documents", tamper)
    errors = validate_dataset(dataset_dir)
    assert errors[0] == "documents[0] (doc-1): sha256 does not match the stored text"
    assert any(
        e.startswith("records.jsonl line 1 (doc-1#0): parties/0/evidence/0: text[0:7] is 'Nairobi'") for e in errors
    )


@pytest.mark.invalid_dataset
def test_dangling_and_missing_agreement_rows(dataset_dir):
    def tamper(table):
        ids = table["record_id"].to_pylist()
        ids[0] = "ghost#0"
        return table.set_column(0, "record_id", [ids])

    rewrite_table(dataset_dir, "agreements", tamper)
    assert validate_dataset(dataset_dir) == [
        "agreements[0]: record_id 'ghost#0' is not in records.jsonl",
        "agreements: record 'doc-1#0' has 0 rows, expected 1",
    ]


@pytest.mark.invalid_dataset
def test_deleted_record_line(dataset_dir):
    edit_records(dataset_dir, lambda records: records.pop(0))
    errors = validate_dataset(dataset_dir)
    assert "agreements[0]: record_id 'doc-1#0' is not in records.jsonl" in errors
    assert "manifest.json: counts/records is 2, the files have 1" in errors
    assert "documents (doc-1): n_records is 1, records.jsonl has 0" in errors


@pytest.mark.invalid_dataset
def test_manifest_counts_and_statuses(dataset_dir):
    path = dataset_dir / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["counts"]["by_status"]["ok"] = 5
    manifest["inputs"][1]["status"] = "ok"
    manifest["schema_version"] = "0.9.0"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    assert validate_dataset(dataset_dir) == [
        "manifest.json: schema_version '0.9.0' is not '1.0.0'",
        "manifest.json: counts/by_status is {'failed': 1, 'ok': 5}, the files have {'failed': 1, 'ok': 2}",
        "manifest.json: inputs/1 ('bad-1') status 'ok' differs from the documents table 'failed'",
    ]


@pytest.mark.invalid_dataset
def test_unloadable_dataset_is_one_message(dataset_dir):
    (dataset_dir / "records.jsonl").unlink()
    assert validate_dataset(dataset_dir) == [f"dataset {dataset_dir} has no records.jsonl"]


@pytest.mark.invalid_dataset
def test_a_documents_row_outside_the_catalogue_is_reported(dataset_dir):
    def unknown_status_and_no_reason(table):
        statuses = ["ok", "discarded", "ok"]
        reasons = [None, None, None]
        table = table.set_column(table.schema.get_field_index("status"), "status", pa.array(statuses))
        return table.set_column(table.schema.get_field_index("reason"), "reason", pa.array(reasons, pa.string()))

    rewrite_table(dataset_dir, "documents", unknown_status_and_no_reason)
    problems = validate_dataset(dataset_dir)
    assert "documents[1] (bad-1): reason: None is not of type 'string'" in problems
    assert any(
        p.startswith("documents[1] (bad-1): status: 'discarded' is not one of ['ok', 'no_agreement'") for p in problems
    )
