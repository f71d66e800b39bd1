"""The model cache (pipeline.runtime.model_cache): the model's annotations kept per text, so a
run after a rule change runs only the rules, with the same records."""

import dataclasses

import pytest

from pipeline.build import build_pipeline
from pipeline.dataset.records import record_to_dict
from pipeline.inputs.articles import Article
from pipeline.runtime.model_cache import ModelCache
from pipeline.runtime.processing import Batching, model_and_rule_stages
from pipeline.runtime.run import process

pytestmark = pytest.mark.model

SHORT = "Mombasa and Kristiansand signed a memorandum of understanding on youth exchanges on 22 November 2017."
LONG = ("The two mayors met in Mombasa to discuss trade and tourism. " * 60) + SHORT


def records_of(nlp, articles, cache_dir=None, **batching_changes):
    batching = dataclasses.replace(Batching.default(), **batching_changes)
    results = process(nlp, articles, batching=batching, model_cache=cache_dir)
    return [[record_to_dict(r) for r in result.records] for result in results]


def test_a_cached_run_gives_the_records_of_an_uncached_one(nlp, tmp_path):
    articles = [Article(id="short", path="s.txt", text=SHORT), Article(id="long", path="l.txt", text=LONG)]
    plain = records_of(nlp, articles, chunk_chars=1000)
    filling = records_of(nlp, articles, tmp_path / "cache", chunk_chars=1000)
    assert len(list((tmp_path / "cache").rglob("*.spacy"))) == 2  # one per text, the long one in pieces joined
    reading = records_of(nlp, articles, tmp_path / "cache", chunk_chars=1000)
    assert plain == filling == reading
    assert sum(map(len, plain)) == 2


def test_cached_annotations_are_read_back_for_the_same_text_only(nlp, tmp_path):
    model_stages, _ = model_and_rule_stages(nlp)
    cache = ModelCache(tmp_path, nlp, model_stages, chunk_chars=20_000)
    doc = nlp.make_doc(SHORT)
    for name in model_stages:
        doc = nlp.get_pipe(name)(doc)
    cache.store(SHORT, doc)
    back = cache.load(SHORT)
    assert [(t.text, t.dep_, t.head.i, t.ent_type_) for t in back] == [
        (t.text, t.dep_, t.head.i, t.ent_type_) for t in doc
    ]
    assert cache.load(SHORT + " ") is None


def test_the_key_follows_what_the_model_part_depends_on(nlp, tmp_path):
    model_stages, _ = model_and_rule_stages(nlp)
    base = ModelCache(tmp_path, nlp, model_stages, chunk_chars=20_000)
    assert ModelCache(tmp_path, nlp, model_stages, chunk_chars=20_000)._path(SHORT) == base._path(SHORT)
    assert ModelCache(tmp_path, nlp, model_stages, chunk_chars=5_000)._path(SHORT) != base._path(SHORT)
    # ag_sentences runs among the model's components: its honorifics are part of the key
    other = build_pipeline(overrides={"components.ag_sentences.models_dir": str(_models_with_honorific(tmp_path))})
    assert ModelCache(tmp_path, other, model_stages, chunk_chars=20_000)._path(SHORT) != base._path(SHORT)


def _models_with_honorific(tmp_path):
    import shutil

    from pipeline.resources.loader import DEFAULT_MODELS_DIR

    models = tmp_path / "models"
    shutil.copytree(DEFAULT_MODELS_DIR, models)
    with (models / "roles.csv").open("a", encoding="utf-8") as handle:
        handle.write("Zyxhon,honorific\n")
    return models
