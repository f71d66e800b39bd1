import contextlib
import dataclasses
import gc
import os

import fsspec
import pytest
from spacy.language import Language

from pipeline.build import build_pipeline
from pipeline.errors import ConfigError
from pipeline.inputs.articles import Article, ReadFailure
from pipeline.runtime.processing import Batching
from pipeline.runtime.run import extract, process
from tests.builders import dataset_content
from tests.conftest import SEEDS, TESTS

pytestmark = pytest.mark.model


@Language.component("test_fails_on_marker")
def fails_on_marker(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("marker found")
    return doc


def test_results_keep_input_order_and_failures_stay_per_document():
    nlp = build_pipeline()
    nlp.add_pipe("test_fails_on_marker", after="ag_dates")
    items = [
        Article(
            id="a",
            path="a.txt",
            text="Mayor Ann Lee of Springfield and Mayor Bo Chen of Lyon signed a twinning agreement on Monday.",
            published="2022-05-04",
        ),
        ReadFailure(id="b", path="b.txt", status="skipped_empty", reason="the file is empty"),
        Article(id="c", path="c.txt", text="EXPLODE. Nothing to see here."),
        Article(id="d", path="d.txt", text="The weather was fine in Oslo."),
    ]
    results = list(process(nlp, items, batching=dataclasses.replace(Batching.default(), batch_size=2)))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert [r.status for r in results] == ["ok", "skipped_empty", "failed", "no_agreement"]
    assert "test_fails_on_marker" in results[2].reason and "marker found" in results[2].reason
    record = results[0].records[0]
    assert record.agreement.type == "sister_city_agreement"
    assert record.date_signed.value == "2022-05-02"


def test_extract_leaves_the_loaded_pipeline_out_of_gc_during_the_run_only(tmp_path):
    before = gc.get_freeze_count()
    during = []
    extract([SEEDS], tmp_path / "out", on_document=lambda result: during.append(gc.get_freeze_count()))
    assert during and min(during) > before + 100_000  # the model, rules and gazetteer at least
    assert gc.get_freeze_count() == before


def test_duplicate_text_is_processed_once_and_repeated_ids_are_made_unique(nlp):
    text = "Mayor Ann Lee of Springfield and Mayor Bo Chen of Lyon signed a twinning agreement on Monday."
    items = [
        Article(id="a", path="a.txt", text=text),
        Article(id="b", path="b.txt", text=text),
        Article(id="a", path="c.jsonl", text=text + " More."),
        ReadFailure(id="a", path="d.jsonl", status="failed", reason="line 2: bad JSON"),
    ]
    results = list(process(nlp, items, batching=Batching.default()))
    assert [(r.id, r.status) for r in results] == [("a", "ok"), ("b", "duplicate"), ("a~2", "ok"), ("a~3", "failed")]
    assert results[1].reason == "same text as document 'a' (a.txt), which was processed instead"
    assert results[1].records == () and results[1].article.text == text
    assert results[2].article.metadata["claimed_id"] == "a"
    assert results[3].reason == "line 2: bad JSON (id 'a' was taken by an earlier input)"


def test_two_workers_write_the_same_dataset_as_one(tmp_path):
    corpus = TESTS / "corpus" / "articles.jsonl"
    one = extract([SEEDS, corpus], tmp_path / "one", overrides={"nlp.batch_size": 4})
    two = extract([SEEDS, corpus], tmp_path / "two", overrides={"nlp.batch_size": 4}, workers=2)
    assert one["counts"] == two["counts"] and two["run"]["workers"] == 2
    assert dataset_content(tmp_path / "two") == dataset_content(tmp_path / "one")


def test_dask_engine_on_a_local_cluster_writes_the_same_dataset(tmp_path):
    pytest.importorskip("distributed")
    corpus = TESTS / "corpus" / "articles.jsonl"
    local = extract([SEEDS, corpus], tmp_path / "local", overrides={"nlp.batch_size": 4})
    dask = extract([SEEDS, corpus], tmp_path / "dask", overrides={"nlp.batch_size": 4}, engine="dask", workers=2)
    assert dask["counts"] == local["counts"] and dask["inputs"] == local["inputs"]
    assert dataset_content(tmp_path / "dask") == dataset_content(tmp_path / "local")


def test_a_dask_worker_that_dies_mid_run_loses_no_document(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = TESTS / "corpus" / "articles.jsonl"
    local = extract([corpus], tmp_path / "local", overrides={"nlp.batch_size": 2})
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        killed = []

        def kill_a_worker_once(result):
            if not killed:
                victim = sorted(client.scheduler_info()["workers"])[0]
                killed.append(victim)
                with contextlib.suppress(Exception):  # the worker's connection closes as it dies
                    client.run(os._exit, 1, workers=[victim])

        dask = extract(
            [corpus],
            tmp_path / "dask",
            overrides={"nlp.batch_size": 2},
            engine="dask",
            client=client,
            on_document=kill_a_worker_once,
        )
    assert killed
    assert dask["counts"] == local["counts"]
    assert dataset_content(tmp_path / "dask") == dataset_content(tmp_path / "local")


def test_a_dataset_written_to_a_url_is_the_local_one_uploaded(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fs = fsspec.filesystem("memory")
    try:
        extract([SEEDS], "memory://datasets/seeds")
        extract([SEEDS], tmp_path / "local")
        local = sorted(
            p.relative_to(tmp_path / "local").as_posix() for p in (tmp_path / "local").rglob("*") if p.is_file()
        )
        remote = sorted(p.removeprefix("/datasets/seeds/") for p in fs.find("/datasets/seeds"))
        assert remote == local
        assert fs.cat("/datasets/seeds/records.jsonl") == (tmp_path / "local" / "records.jsonl").read_bytes()
        assert (tmp_path / "cache" / "agreements").is_dir()  # the URL's journal stayed here
    finally:
        if fs.exists("/datasets"):
            fs.rm("/datasets", recursive=True)


def test_unknown_engine_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        extract([SEEDS], tmp_path / "out", engine="spark")
