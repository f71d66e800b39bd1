"""DatasetWriter: files, record/reject split, tables, manifest and atomic replacement."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.dataset.records import (
    SCHEMA_VERSION,
    AgreementInfo,
    DocumentResult,
    Evidence,
    Party,
    Signatory,
)
from pipeline.dataset.writer import TABLE_NAMES, TABLE_SCHEMAS, DatasetWriter, date_parts
from pipeline.errors import OutputError
from pipeline.statuses import Reason
from tests.builders import (
    TEXT,
    ev,
    failed_result,
    make_article,
    make_record,
    make_result,
)

RUN_INFO = {"pipeline_version": "0.1.0", "config": {"model": "en_core_web_sm"}, "inputs": ["in/"]}


def write(out: Path, results, extra=None, **kw) -> dict:
    with DatasetWriter(out, run_info=RUN_INFO, **kw) as writer:
        for result in results:
            writer.add(result)
        return writer.finish(extra or {"timings": {"total_s": 1.5}})


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


# -- files and rows -----------------------------------------------------------------------


def test_writes_every_file(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1"), failed_result()])
    expected = {"records.jsonl", "rejects.jsonl", "manifest.json"}
    expected |= {f"{name}.{ext}" for name in TABLE_NAMES for ext in ("parquet", "csv")}
    assert {p.name for p in out.iterdir()} == expected
    assert siblings(out) == []  # no temporary or old directory left behind
    for name in TABLE_NAMES:
        assert pq.read_schema(out / f"{name}.parquet").names == TABLE_SCHEMAS[name].names
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as fh:
            assert next(csv.reader(fh)) == TABLE_SCHEMAS[name].names


def test_records_are_one_json_object_per_line_in_order(tmp_path):
    out = tmp_path / "dataset"
    article = make_article("doc-2")
    jorgen = Signatory("Jørgen Kristiansen", "Mayor", None, (), (ev(article.text, "Jørgen Kristiansen"),))
    doc2 = DocumentResult("doc-2", article.path, "ok", None, article, (make_record(article, signatories=(jorgen,)),))
    write(out, [make_result("doc-1", n_records=2), doc2])
    records = read_jsonl(out / "records.jsonl")
    assert [r["record_id"] for r in records] == ["doc-1#0", "doc-1#1", "doc-2#0"]
    assert list(records[0]) == [
        "record_id",
        "schema_version",
        "document",
        "agreement",
        "parties",
        "signatories",
        "date_signed",
        "place_signed",
        "programme_areas",
        "provenance",
    ]
    raw = (out / "records.jsonl").read_text(encoding="utf-8")
    assert '"name": "Jørgen Kristiansen"' in raw  # ensure_ascii=False
    assert len(raw.splitlines()) == 3


def test_invalid_records_go_to_rejects_with_all_their_errors(tmp_path):
    article = make_article("doc-1")
    good = make_record(article, "doc-1#0")
    bad = make_record(
        article,
        "doc-1#1",
        parties=(Party("Mombasa", "village", "Kenya", (), (Evidence(0, 3, "Mbs", "x"),)),),
    )
    result = DocumentResult("doc-1", article.path, "ok", None, article, (good, bad))
    out = tmp_path / "dataset"
    manifest = write(out, [result])

    assert [r["record_id"] for r in read_jsonl(out / "records.jsonl")] == ["doc-1#0"]
    rejects = read_jsonl(out / "rejects.jsonl")
    assert len(rejects) == 1
    assert rejects[0]["record"]["record_id"] == "doc-1#1"
    assert rejects[0]["errors"][0].startswith("parties/0/country: 'Kenya' does not match")
    assert rejects[0]["errors"][1].startswith("parties/0/kind: 'village' is not one of")
    # Schema errors first, then evidence errors: all of them, not just the first.
    assert rejects[0]["errors"][2:] == ["parties/0/evidence/0: text[0:3] is 'Mom', evidence text is 'Mbs'"]
    assert manifest["counts"]["records"] == 1
    assert manifest["counts"]["rejects"] == 1
    [doc] = read_csv(out / "documents.csv")
    assert (doc["n_records"], doc["n_rejected"]) == ("1", "1")
    assert [a["record_id"] for a in read_csv(out / "agreements.csv")] == ["doc-1#0"]


def test_evidence_offset_mismatch_is_rejected(tmp_path):
    article = make_article("doc-1")
    shifted = Evidence(1, 8, "Mombasa", "party")  # text[1:8] is "ombasa "
    record = make_record(article, parties=(Party("Mombasa", "city", "KE", (), (shifted,)),))
    out = tmp_path / "dataset"
    write(out, [DocumentResult("doc-1", article.path, "ok", None, article, (record,))])
    [reject] = read_jsonl(out / "rejects.jsonl")
    assert reject["errors"] == ["parties/0/evidence/0: text[1:8] is 'ombasa ', evidence text is 'Mombasa'"]


def test_record_pointing_at_another_document_is_rejected(tmp_path):
    other = make_article("doc-2")
    article = make_article("doc-1", text=TEXT + " More.")
    record = make_record(other, "doc-1#0")  # offsets fit both texts; id and hash do not
    out = tmp_path / "dataset"
    write(out, [DocumentResult("doc-1", article.path, "ok", None, article, (record,))])
    [reject] = read_jsonl(out / "rejects.jsonl")
    assert reject["errors"] == [
        "document/id: 'doc-2' is not the id of its document 'doc-1'",
        "document/sha256: does not match the SHA-256 of the document text",
    ]


def test_duplicate_record_id_is_rejected_and_duplicate_document_id_raises(tmp_path):
    out = tmp_path / "dataset"
    a, b = make_result("doc-1"), make_result("doc-2")
    clash = DocumentResult("doc-2", b.path, "ok", None, b.article, (make_record(b.article, "doc-1#0"),))
    write(out, [a, clash])
    [reject] = read_jsonl(out / "rejects.jsonl")
    assert reject["errors"] == ["record_id: 'doc-1#0' was already written for another record"]

    with pytest.raises(OutputError, match="added twice"):
        write(tmp_path / "other", [a, a])
    assert not (tmp_path / "other").exists()


def test_document_with_only_rejected_records_keeps_its_status(tmp_path):
    out = tmp_path / "dataset"
    manifest = write(out, [make_result("doc-1", agreement=AgreementInfo("mou", "signed", "MoU", ()))])
    [doc] = read_csv(out / "documents.csv")
    assert doc["status"] == "ok"
    assert (doc["n_records"], doc["n_rejected"]) == ("0", "1")
    assert manifest["counts"]["by_status"] == {"ok": 1}
    assert manifest["counts"]["records"] == 0
    assert manifest["counts"]["rejects"] == 1
    assert manifest["counts"]["documents_with_rejects"] == 1


def test_documents_table_has_a_row_per_result_including_failures(tmp_path):
    out = tmp_path / "dataset"
    results = [make_result("doc-1"), failed_result("bad-1"), make_result("doc-2", n_records=0)]
    write(out, results)
    rows = pq.read_table(out / "documents.parquet").to_pylist()
    assert [r["id"] for r in rows] == ["doc-1", "bad-1", "doc-2"]
    assert [r["status"] for r in rows] == ["ok", "failed_decode", "no_agreement"]
    ok, failed, empty = rows
    assert ok["text"] == TEXT
    assert ok["sha256"] == results[0].article.sha256
    assert ok["published"] == "2023-11-23" and ok["published_source"] == "metadata"
    assert json.loads(ok["metadata"]) == {}
    assert (ok["n_records"], ok["n_rejected"]) == (1, 0)
    assert failed["text"] is None and failed["sha256"] is None and failed["metadata"] is None
    assert failed["reason"] == "not UTF-8 (byte 0xff at 12)"
    assert (failed["n_records"], failed["n_rejected"]) == (0, 0)
    assert empty["n_records"] == 0
    # CSV keeps null (empty, unquoted) apart from the empty string (quoted).
    csv_text = (out / "documents.csv").read_text(encoding="utf-8")
    assert '"bad-1","in/bad-1.txt",,,,,,"failed_decode"' in csv_text


def test_metadata_is_a_json_string(tmp_path):
    from datetime import date

    article = make_article("doc-1", metadata={"source": "Ørsted News", "fetched": date(2024, 1, 2)})
    out = tmp_path / "dataset"
    write(out, [DocumentResult("doc-1", article.path, "no_agreement", Reason.NO_AGREEMENT.text(), article)])
    [row] = pq.read_table(out / "documents.parquet").to_pylist()
    assert json.loads(row["metadata"]) == {"fetched": "2024-01-02", "source": "Ørsted News"}


def test_record_tables(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1")])
    [agreement] = pq.read_table(out / "agreements.parquet").to_pylist()
    assert agreement == {
        "record_id": "doc-1#0",
        "document_id": "doc-1",
        "type": "memorandum_of_understanding",
        "status": "signed",
        "label": "Memorandum of Understanding",
        "date_signed": "--11-22",
        "date_precision": "month_day",
        "date_year": None,
        "date_month": 11,
        "date_day": 22,
        "date_text": "22 November",
        "place_signed": "Mombasa",
        "place_country": "KE",
        "n_parties": 2,
        "n_signatories": 1,
        "programme_areas": "youth",
    }
    parties = pq.read_table(out / "parties.parquet").to_pylist()
    assert [
        (p["party_index"], p["name"], p["kind"], p["country"], p["geonames_id"], p["aliases"]) for p in parties
    ] == [(0, "Mombasa", "city", "KE", 186301, "Mombasa County"), (1, "Kristiansand", "city", "NO", None, "")]
    assert json.loads(parties[0]["evidence"]) == [{"start": 0, "end": 7, "text": "Mombasa", "rule": "test"}]
    [signatory] = pq.read_table(out / "signatories.parquet").to_pylist()
    assert (signatory["signatory_index"], signatory["name"], signatory["role"], signatory["party"]) == (
        0,
        "Hassan Joho",
        "Governor",
        "Mombasa",
    )
    [area] = pq.read_table(out / "programme_areas.parquet").to_pylist()
    assert (area["area_id"], area["label"], area["score"]) == ("youth", "Youth", 0.8)
    entities = pq.read_table(out / "entities.parquet").to_pylist()
    assert [(e["document_id"], e["text"], e["label"], e["role"]) for e in entities] == [
        ("doc-1", "Hassan Joho", "PERSON", "Governor"),
        ("doc-1", "Kristiansand", "GPE", None),
    ]
    assert TEXT[entities[0]["start"] : entities[0]["end"]] == "Hassan Joho"


def test_record_without_date_or_place(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1", date_signed=None, place_signed=None, programme_areas=())])
    [agreement] = pq.read_table(out / "agreements.parquet").to_pylist()
    assert agreement["date_signed"] is None and agreement["date_year"] is None
    assert agreement["place_signed"] is None and agreement["programme_areas"] == ""


@pytest.mark.parametrize(
    "value, precision, parts",
    [
        ("2023-11-22", "day", (2023, 11, 22)),
        ("--11-22", "month_day", (None, 11, 22)),
        ("2023-11", "month", (2023, 11, None)),
        ("2023", "year", (2023, None, None)),
        (None, None, (None, None, None)),
        ("22 Nov", "day", (None, None, None)),
    ],
)
def test_date_parts(value, precision, parts):
    assert date_parts(value, precision) == parts


def test_rows_are_flushed_in_row_groups_and_csv_has_one_header(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result(f"doc-{i}") for i in range(5)], flush_every=2)
    assert pq.ParquetFile(out / "documents.parquet").metadata.num_row_groups == 3
    assert pq.ParquetFile(out / "agreements.parquet").metadata.num_row_groups == 3
    lines = (out / "agreements.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and lines[0].startswith('"record_id","document_id"')
    assert [r["record_id"] for r in read_csv(out / "agreements.csv")] == [f"doc-{i}#0" for i in range(5)]


def test_empty_dataset_has_typed_empty_tables(tmp_path):
    out = tmp_path / "dataset"
    manifest = write(out, [])
    assert manifest["counts"] == {
        "documents": 0,
        "by_status": {},
        "records": 0,
        "rejects": 0,
        "documents_with_rejects": 0,
    }
    table = pq.read_table(out / "parties.parquet")
    assert table.num_rows == 0 and table.schema == TABLE_SCHEMAS["parties"]


# -- manifest -----------------------------------------------------------------------------


def test_manifest(tmp_path):
    out = tmp_path / "dataset"
    results = [make_result("doc-1", n_records=2), failed_result("bad-1"), make_result("doc-2", n_records=0)]
    returned = write(out, results, extra={"timings": {"total_s": 2.0}, "warnings": ["w"]})
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == returned
    assert manifest["pipeline_version"] == "0.1.0"
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["created"].endswith("Z") and manifest["created"][:4].isdigit()
    assert manifest["run"] == RUN_INFO
    assert manifest["counts"] == {
        "documents": 3,
        "by_status": {"failed_decode": 1, "no_agreement": 1, "ok": 1},
        "records": 2,
        "rejects": 0,
        "documents_with_rejects": 0,
    }
    assert manifest["timings"] == {"total_s": 2.0}
    assert manifest["warnings"] == ["w"]
    assert manifest["inputs"] == [
        {"id": "doc-1", "path": "in/doc-1.txt", "status": "ok"},
        {"id": "bad-1", "path": "in/bad-1.txt", "status": "failed_decode"},
        {"id": "doc-2", "path": "in/doc-2.txt", "status": "no_agreement"},
    ]


def test_extra_manifest_cannot_overwrite_computed_keys(tmp_path):
    out = tmp_path / "dataset"
    with pytest.raises(OutputError, match="counts"):
        write(out, [make_result()], extra={"counts": {}})
    assert not out.exists() and siblings(out) == []


# -- atomic replacement -------------------------------------------------------------------


def test_new_dataset_replaces_the_previous_one(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1")])
    write(out, [make_result("doc-2"), make_result("doc-3")])
    assert [r["document"]["id"] for r in read_jsonl(out / "records.jsonl")] == ["doc-2", "doc-3"]
    assert siblings(out) == []


def test_exception_inside_with_leaves_previous_dataset_intact(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1")])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    with pytest.raises(RuntimeError, match="boom"):
        with DatasetWriter(out, run_info=RUN_INFO, flush_every=1) as writer:
            writer.add(make_result("doc-2"))
            writer.add(make_result("doc-3"))  # flushed: the temporary dir has real content
            assert writer.tmp_dir.is_dir() and any(writer.tmp_dir.iterdir())
            raise RuntimeError("boom")

    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert siblings(out) == []


def test_exception_on_first_run_leaves_nothing(tmp_path):
    out = tmp_path / "dataset"
    with pytest.raises(RuntimeError):
        with DatasetWriter(out, run_info=RUN_INFO) as writer:
            writer.add(make_result())
            raise RuntimeError("boom")
    assert not out.exists() and siblings(out) == []


def test_leaving_with_block_without_finish_raises_and_keeps_previous(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1")])
    with pytest.raises(OutputError, match="without finish"):
        with DatasetWriter(out, run_info=RUN_INFO) as writer:
            writer.add(make_result("doc-2"))
    assert [r["document"]["id"] for r in read_jsonl(out / "records.jsonl")] == ["doc-1"]
    assert siblings(out) == []


def test_add_outside_with_block_raises(tmp_path):
    writer = DatasetWriter(tmp_path / "dataset", run_info=RUN_INFO)
    with pytest.raises(OutputError, match="outside"):
        writer.add(make_result())
    with writer:
        writer.finish({})
    with pytest.raises(OutputError):
        writer.add(make_result())


def test_refuses_to_replace_a_directory_that_is_not_a_dataset(tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("do not delete", encoding="utf-8")
    with pytest.raises(OutputError, match="not a dataset"):
        write(out, [make_result()])
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "do not delete"


def test_empty_existing_directory_is_replaced(tmp_path):
    out = tmp_path / "dataset"
    out.mkdir()
    write(out, [make_result()])
    assert (out / "manifest.json").is_file()


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_crash_between_the_two_renames_is_recovered(tmp_path):
    out = tmp_path / "dataset"
    write(out, [make_result("doc-1")])
    dead = _dead_pid()
    # What a crash right after moving the previous dataset aside leaves behind.
    os.rename(out, tmp_path / f".dataset.old-{dead}")
    (tmp_path / f".dataset.tmp-{dead}").mkdir()

    with DatasetWriter(out, run_info=RUN_INFO) as writer:
        assert [r["document"]["id"] for r in read_jsonl(out / "records.jsonl")] == ["doc-1"]
        writer.add(make_result("doc-2"))
        writer.finish({})
    assert [r["document"]["id"] for r in read_jsonl(out / "records.jsonl")] == ["doc-2"]
    assert siblings(out) == []
