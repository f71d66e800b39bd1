"""load_dataset: typed DataFrames from a written dataset, with CSV fallback and clear errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from pipeline.dataset.reader import Dataset, load_dataset
from pipeline.dataset.records import AGREEMENT_TYPES, DateSigned, DocumentResult
from pipeline.dataset.writer import TABLE_NAMES, DatasetWriter
from pipeline.errors import DatasetError
from pipeline.statuses import DocumentStatus
from tests.builders import TEXT, ev, failed_result, make_article, make_record, mention


@pytest.fixture
def dataset_dir(tmp_path):
    month_day = DateSigned("--11-22", "month_day", None, "22 November", (ev(TEXT, "22 November"),))
    day = DateSigned("2023-11-22", "day", "published", "22 November", (ev(TEXT, "22 November"),))
    a, b = make_article("doc-1"), make_article("doc-2", published=None)

    def record(article, date):  # Kristiansand without a kind: test_dtypes expects a null there
        return make_record(article, date_signed=date, agreement_rule="test", kristiansand_kind=None)

    results = [
        DocumentResult(
            "doc-1",
            a.path,
            "ok",
            None,
            a,
            (record(a, month_day),),
            (mention(TEXT, "Hassan Joho", "PERSON", "Hassan Joho", "Governor", "KE"),),
        ),
        DocumentResult("doc-2", b.path, "ok", None, b, (record(b, day),)),
        failed_result("bad-1", reason="not UTF-8"),
    ]
    out = tmp_path / "dataset"
    with DatasetWriter(out, run_info={"pipeline_version": "0.1.0"}) as writer:
        for result in results:
            writer.add(result)
        writer.finish({"timings": {"total_s": 0.1}})
    return out


def test_loads_every_table_records_and_manifest(dataset_dir):
    ds = load_dataset(dataset_dir)
    assert isinstance(ds, Dataset)
    assert list(ds.tables) == list(TABLE_NAMES)
    assert len(ds.documents) == 3 and len(ds.agreements) == 2 and len(ds.parties) == 4
    assert len(ds.signatories) == 2 and len(ds.programme_areas) == 2 and len(ds.entities) == 1
    assert [r["record_id"] for r in ds.records] == ["doc-1#0", "doc-2#0"]
    assert ds.rejects == []
    assert ds.manifest["counts"]["documents"] == 3
    assert ds.sources == {name: "parquet" for name in TABLE_NAMES}


def test_attribute_and_key_access(dataset_dir):
    ds = load_dataset(dataset_dir)
    assert ds["parties"] is ds.parties
    assert ds["manifest"] is ds.manifest
    assert "records" in ds and "nope" not in ds
    with pytest.raises(KeyError):
        ds["nope"]


def test_dtypes(dataset_dir):
    ds = load_dataset(dataset_dir)
    agreements, docs = ds.agreements, ds.documents

    assert isinstance(agreements["type"].dtype, pd.CategoricalDtype)
    assert list(agreements["type"].cat.categories) == list(AGREEMENT_TYPES)
    assert isinstance(agreements["status"].dtype, pd.CategoricalDtype)
    assert isinstance(ds.parties["kind"].dtype, pd.CategoricalDtype)
    assert ds.parties["kind"].isna().tolist() == [False, True, False, True]
    assert isinstance(ds.programme_areas["area_id"].dtype, pd.CategoricalDtype)
    assert "maritime_ports" in ds.programme_areas["area_id"].cat.categories
    assert isinstance(docs["status"].dtype, pd.CategoricalDtype)
    # every status of the catalogue is a category, so counts show zeros
    assert list(docs["status"].cat.categories) == [status.value for status in DocumentStatus]
    assert set(docs["status"]) == {"ok", "failed_decode"}

    for column in ("date_year", "date_month", "date_day", "n_parties", "n_signatories"):
        assert agreements[column].dtype == "Int64", column
    # "--11-22" has no year.
    first = agreements.set_index("record_id").loc["doc-1#0"]
    assert first["date_year"] is pd.NA
    assert (first["date_month"], first["date_day"]) == (11, 22)
    second = agreements.set_index("record_id").loc["doc-2#0"]
    assert (second["date_year"], second["date_month"], second["date_day"]) == (2023, 11, 22)

    assert ds.parties["geonames_id"].dtype == "Int64"
    assert ds.parties["geonames_id"].tolist()[:2] == [186301, pd.NA]
    assert docs["n_records"].dtype == "Int64" and docs["n_rejected"].dtype == "Int64"
    assert ds.entities["start"].dtype == "Int64"
    assert ds.programme_areas["score"].dtype == "float64"

    assert pd.api.types.is_datetime64_dtype(docs["published"])
    assert docs["published"].tolist()[0] == pd.Timestamp("2023-11-23")
    assert pd.isna(docs["published"].tolist()[1]) and pd.isna(docs["published"].tolist()[2])

    for column in ("id", "title", "text", "sha256", "metadata", "reason"):
        assert docs[column].dtype == pd.StringDtype(), column
    assert docs.set_index("id").loc["bad-1", "text"] is pd.NA
    assert ds.parties["name"].dtype == pd.StringDtype()
    assert ds.parties["aliases"].tolist()[1] == ""  # an empty join, not a null


def test_csv_fallback_gives_the_same_frames(dataset_dir):
    from_parquet = load_dataset(dataset_dir)
    for name in TABLE_NAMES:
        (dataset_dir / f"{name}.parquet").unlink()
    from_csv = load_dataset(dataset_dir)
    assert from_csv.sources == {name: "csv" for name in TABLE_NAMES}
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(from_csv[name], from_parquet[name], check_categorical=True)


def test_missing_directory(tmp_path):
    with pytest.raises(DatasetError, match="dataset directory not found"):
        load_dataset(tmp_path / "nowhere")


@pytest.mark.invalid_dataset
@pytest.mark.parametrize("missing", ["manifest.json", "records.jsonl", "rejects.jsonl"])
def test_missing_file(dataset_dir, missing):
    (dataset_dir / missing).unlink()
    with pytest.raises(DatasetError, match=f"has no {missing}"):
        load_dataset(dataset_dir)


@pytest.mark.invalid_dataset
def test_missing_table(dataset_dir):
    (dataset_dir / "parties.parquet").unlink()
    (dataset_dir / "parties.csv").unlink()
    with pytest.raises(DatasetError, match="no parties.parquet or parties.csv"):
        load_dataset(dataset_dir)


@pytest.mark.invalid_dataset
def test_corrupt_files(dataset_dir):
    (dataset_dir / "entities.parquet").write_bytes(b"not parquet")
    with pytest.raises(DatasetError, match="cannot read the entities table"):
        load_dataset(dataset_dir)


@pytest.mark.invalid_dataset
def test_bad_jsonl_line(dataset_dir):
    with open(dataset_dir / "records.jsonl", "a", encoding="utf-8") as fh:
        fh.write("{oops\n")
    with pytest.raises(DatasetError, match=r"records.jsonl:3: invalid JSON"):
        load_dataset(dataset_dir)


@pytest.mark.invalid_dataset
def test_bad_manifest(dataset_dir):
    (dataset_dir / "manifest.json").write_text(json.dumps([1]), encoding="utf-8")
    with pytest.raises(DatasetError, match="not a JSON object"):
        load_dataset(dataset_dir)
