"""Run the pipeline over inputs and write a dataset: the library behind `agreements extract`."""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Mapping

from spacy.language import Language

from pipeline.build import build_pipeline
from pipeline.config import load_config
from pipeline.dataset.journal import Journal, result_key
from pipeline.dataset.records import DocumentResult, Provenance
from pipeline.dataset.storage import OutputTarget
from pipeline.dataset.writer import DatasetWriter
from pipeline.errors import ConfigError
from pipeline.inputs.articles import Article, ReadFailure
from pipeline.inputs.language import language_identifier
from pipeline.inputs.readers import InputSettings, iter_inputs
from pipeline.runtime.engines import ENGINES, open_engine
from pipeline.runtime.processing import Batching, process_articles, provenance_for
from pipeline.statuses import Reason
from pipeline.version import pipeline_version


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _with_unique_id(item: Article | ReadFailure, ids_used: set[str]) -> Article | ReadFailure:
    """The item, renamed `<id>~2`, `<id>~3`... when an earlier input already has its id (two
    records claiming the same id, or a record id that is also a file name): both are kept."""
    doc_id, n = item.id, 1
    while doc_id in ids_used:
        n += 1
        doc_id = f"{item.id}~{n}"
    ids_used.add(doc_id)
    if doc_id == item.id:
        return item
    if isinstance(item, Article):
        return dataclasses.replace(item, id=doc_id, metadata={**item.metadata, "claimed_id": item.id})
    return dataclasses.replace(item, id=doc_id, reason=f"{item.reason} (id {item.id!r} was taken by an earlier input)")


@dataclasses.dataclass
class _Batch:
    """One batch of inputs: the results known without the model, and the articles to process."""

    size: int
    results: dict[int, DocumentResult]
    todo: list[tuple[int, Article, str | None]]  # (position in the batch, article, journal key)


class _Planner:
    """Gives repeated ids a suffix, marks duplicate texts and reuses journaled results."""

    def __init__(self, provenance: Provenance, journal: Journal | None):
        self.provenance = provenance
        self.journal = journal
        self.first_with_text: dict[str, tuple[str, str]] = {}  # text sha256 -> (id, path) of its first document
        self.ids_used: set[str] = set()

    def plan(self, batch: list[Article | ReadFailure]) -> _Batch:
        planned = _Batch(len(batch), {}, [])
        for index, item in enumerate(batch):
            item = _with_unique_id(item, self.ids_used)
            if isinstance(item, ReadFailure):
                planned.results[index] = DocumentResult(item.id, item.path, item.status, item.reason)
                continue
            first_id, first_path = self.first_with_text.setdefault(item.sha256, (item.id, item.path))
            if first_id != item.id or first_path != item.path:
                reason = Reason.DUPLICATE_TEXT
                text = reason.text(first_id=first_id, first_path=first_path)
                planned.results[index] = DocumentResult(item.id, item.path, reason.status.value, text, item)
                continue
            key = result_key(item, self.provenance) if self.journal is not None else None
            reused = self.journal.lookup(item, key) if self.journal is not None and key is not None else None
            if reused is not None:
                planned.results[index] = reused
            else:
                planned.todo.append((index, item, key))
        return planned

    def finish(self, planned: _Batch, processed: list[DocumentResult]) -> Iterator[DocumentResult]:
        for (index, _, key), result in zip(planned.todo, processed):
            planned.results[index] = result
            if self.journal is not None and key is not None:
                self.journal.add(key, result)
        if self.journal is not None:
            self.journal.flush()
        for index in range(planned.size):
            yield planned.results[index]


@dataclasses.dataclass(frozen=True)
class _Ready:
    """A batch's results computed at once, with the `result()` of a future."""

    results: list[DocumentResult]

    def result(self) -> list[DocumentResult]:
        return self.results


def process(
    nlp: Language,
    items: Iterable[Article | ReadFailure],
    *,
    batching: Batching,
    journal: Journal | None = None,
    model_cache: str | Path | None = None,
) -> Iterator[DocumentResult]:
    """One DocumentResult per input item, in input order; a document that fails is reported, not raised.

    An article with the same text as an earlier one gets status `duplicate` and is not processed
    again. With a `journal`, results of an earlier run are reused when nothing they depend on changed;
    with a `model_cache` folder, the model's annotations (see pipeline.runtime.model_cache).
    """
    provenance = provenance_for(nlp)

    def run_here(articles: list[Article]) -> _Ready:
        return _Ready(process_articles(nlp, articles, provenance, batching, model_cache))

    return process_with(
        run_here, items, provenance=provenance, in_flight=0, batch_size=batching.batch_size, journal=journal
    )


def process_with(
    submit: Callable[[list[Article]], Any],
    items: Iterable[Article | ReadFailure],
    *,
    provenance: Provenance,
    in_flight: int,
    batch_size: int = 16,
    journal: Journal | None = None,
) -> Iterator[DocumentResult]:
    """`process` with the model run wherever `submit` sends it (here, or see pipeline.runtime.engines):
    `submit(articles)` returns a future whose `result()` is their DocumentResults.

    Batches are submitted in input order and their results yielded in the same order, so the
    output is the same as one process's; at most `in_flight` batches wait at a time.
    """
    planner = _Planner(provenance, journal)
    pending: collections.deque[tuple[_Batch, Any]] = collections.deque()
    for batch in _batched(items, batch_size):
        planned = planner.plan(batch)
        pending.append((planned, submit([article for _, article, _ in planned.todo])))
        if len(pending) > in_flight:
            done, future = pending.popleft()
            yield from planner.finish(done, future.result())
    while pending:
        done, future = pending.popleft()
        yield from planner.finish(done, future.result())


@contextlib.contextmanager
def _loaded_objects_left_out_of_gc() -> Iterator[None]:
    """Python's full garbage collections walk every object alive: the gazetteer, rules and
    model loaded for the run (about 450,000 objects, 0.3 s a walk) would be walked again and
    again though they live all run. gc.freeze sets them aside until the run ends (unless the
    caller froze objects itself: unfreezing would undo that)."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def extract(
    inputs: list[str | Path],
    out_dir: str | Path,
    *,
    config: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    metadata_file: str | Path | None = None,
    published: str | None = None,
    resume: bool = False,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    client: Any = None,
    on_document: Any = None,
    model_cache: str | Path | None = None,
) -> dict[str, Any]:
    """Read the inputs, run every stage, validate and write the dataset; returns the manifest.

    With `resume`, documents already processed by an earlier (possibly killed) run into the same
    `out_dir`, with the same pipeline version, model, config and rule files, are not processed
    again; the dataset is the same as an uninterrupted run's. With `workers` > 1 the model runs
    in that many processes; with `engine="dask"` on a Dask cluster (`scheduler` address, or an
    existing `client`, or a local cluster of `workers` processes). The dataset is the same.
    `out_dir` may be an fsspec URL (s3://, gs://): the dataset is written locally, then uploaded.
    `on_document(result)` is called after each document (for progress display). With a
    `model_cache` folder, the model's annotations of each text are kept there and read back by
    later runs, which then run only the rule stages (see pipeline.runtime.model_cache).
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    started = time.perf_counter()
    cfg = load_config(config, overrides)
    settings = InputSettings.from_config(cfg)
    nlp = build_pipeline(cfg)
    provenance = provenance_for(nlp)
    language_identifier()  # loaded with the pipeline, not while reading the first article
    loaded = time.perf_counter()
    run_info = {
        "pipeline_version": pipeline_version(),
        "model": nlp.meta.get("ag_model"),
        "model_version": nlp.meta.get("version"),
        "spacy_components": list(nlp.pipe_names),
        "config": cfg.to_str(),
        "config_hash": nlp.meta.get("ag_config_hash"),
        "rules_hash": provenance.rules_hash,
        "inputs": [str(i) for i in inputs],
        "metadata_file": str(metadata_file) if metadata_file else None,
        "default_published": published,
        "workers": workers,
        "engine": engine,
        "model_cache": str(model_cache) if model_cache else None,
    }
    items = iter_inputs(
        inputs,
        metadata_file=Path(metadata_file) if metadata_file else None,
        default_published=published,
        settings=settings,
    )
    n_docs = 0
    target = OutputTarget.open(out_dir)
    with (
        _loaded_objects_left_out_of_gc(),
        contextlib.closing(target) as target,
        DatasetWriter(target.dataset_dir, run_info=run_info) as writer,
        Journal(target.journal, resume=resume) as journal,
    ):
        batching = Batching.from_config(cfg)
        opening = time.perf_counter()
        with open_engine(engine, cfg, workers=workers, scheduler=scheduler, client=client) as run_batch:
            loading = (loaded - started) + (time.perf_counter() - opening)  # here and in the workers
            if run_batch is None:
                results = process(nlp, items, journal=journal, batching=batching, model_cache=model_cache)
            else:
                submit = functools.partial(
                    run_batch.submit, provenance=provenance, batching=batching, model_cache=model_cache
                )
                results = process_with(
                    submit,
                    items,
                    provenance=provenance,
                    in_flight=run_batch.in_flight,
                    batch_size=batching.batch_size,
                    journal=journal,
                )
            for result in results:
                writer.add(result)
                n_docs += 1
                if on_document is not None:
                    on_document(result)
        finished = time.perf_counter()
        processing = finished - started - loading
        manifest = writer.finish(
            {
                "resume": {"requested": resume, "reused": journal.reused},
                "timings": {
                    "load_pipeline_s": round(loading, 3),
                    "process_s": round(processing, 3),
                    "total_s": round(finished - started, 3),
                    "docs_per_s": round(n_docs / processing, 3) if processing > 0 else None,
                },
            }
        )
        target.publish()
        journal.complete()
        return manifest
