"""Run the pipeline over inputs and write a dataset: the library behind `agreements extract`."""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import functools
import gc
import importlib.metadata
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.convert import doc_entities, doc_records
from pipeline.documents import Article, ReadFailure
from pipeline.engines import ENGINES, open_engine
from pipeline.errors import ConfigError
from pipeline.journal import Journal, result_key
from pipeline.locations import OutputTarget
from pipeline.nlp import build_pipeline, load_config
from pipeline.readers import InputLimits, iter_inputs
from pipeline.records import DocumentResult, Provenance
from pipeline.screening import language_identifier
from pipeline.rules import DEFAULT_MODELS_DIR, load_rules
from pipeline.text_utils import doc_text, release, remember_text
from pipeline.writer import DatasetWriter

log = logging.getLogger(__name__)


def pipeline_version() -> str:
    try:
        return importlib.metadata.version("agreements-pipeline")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def provenance_for(nlp: Language) -> Provenance:
    """Pipeline version, model name and version, and hashes of the rule files and config."""
    rules = next(
        (r for name in nlp.pipe_names if (r := getattr(nlp.get_pipe(name), "rules", None)) is not None),
        None,
    )
    return Provenance(
        pipeline_version=pipeline_version(),
        model_name=nlp.meta.get("ag_model", nlp.meta.get("name", "")),
        model_version=nlp.meta.get("version", ""),
        rules_hash=(rules or load_rules(DEFAULT_MODELS_DIR)).hash,  # the rules the stages hold
        config_hash=nlp.meta.get("ag_config_hash", ""),
    )


def _record_stage_error(proc_name: str, proc: Any, docs: list[Doc], error: Exception) -> None:
    for doc in docs:
        doc._.ag_error = f"stage {proc_name} failed: {type(error).__name__}: {error}"


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def model_and_rule_stages(nlp: Language) -> tuple[list[str], list[str]]:
    """The components up to the model's last one (run on chunks of a long text), and the rule
    stages after it (run on the whole text)."""
    names = nlp.pipe_names
    ours = set(nlp.meta.get("ag_stages", ()))
    last_model = max((i for i, name in enumerate(names) if name not in ours), default=-1)
    return names[: last_model + 1], names[last_model + 1 :]


_PIECE_ENDS = (
    re.compile(r"\n[ \t]*\n\s*"),  # a blank line
    re.compile(r"\n\s*"),  # a line break
    re.compile(r"[.!?…][\"'”’)\]]*\s+"),  # a sentence end
    re.compile(r"\s+"),  # any space
)


def chunk_bounds(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters covering `text`, cut after a blank line,
    else a line break, else a sentence end, else a space, in the second half of each piece."""
    if size < 2:
        raise ValueError("chunk size must be at least 2 characters")
    bounds, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size  # no space at all: a hard cut
        for pattern in _PIECE_ENDS:
            ends = [m.end() for m in pattern.finditer(window, size // 2)]
            ends = [e for e in ends if e < size]
            if ends:
                cut = ends[-1]
                break
        bounds.append((start, start + cut))
        start += cut
    bounds.append((start, len(text)))
    return bounds


@dataclasses.dataclass(frozen=True)
class Batching:
    """How texts are handed to the model: the `[nlp]` settings of the config.

    The model gets at most `batch_size` texts and, past the first, at most `batch_chars`
    characters at a time, since its memory grows with the characters in a batch. A text
    longer than `chunk_chars` goes through the model in pieces.
    """

    batch_size: int = 16
    batch_chars: int = 40_000
    chunk_chars: int = 20_000

    @classmethod
    def from_config(cls, nlp_config: Mapping[str, Any]) -> Batching:
        """The batching of a config's `[nlp]` section (defaults for missing keys)."""
        try:
            fields = {f.name: int(nlp_config[f.name]) for f in dataclasses.fields(cls) if f.name in nlp_config}
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"[nlp] batching settings must be whole numbers: {exc}") from exc
        if any(value < 1 for value in fields.values()):
            raise ConfigError(f"[nlp] batching settings must be at least 1: {fields}")
        return cls(**fields)


def annotate(nlp: Language, articles: list[Article], batching: Batching = Batching()) -> list[Doc]:
    """Run the pipeline over the articles; Docs are annotated in place and returned in order.

    A text longer than `batching.chunk_chars` goes through the model's components in pieces
    that are then joined (offsets unchanged) and given to the rule stages whole. A Doc that a
    stage failed on carries the error in `doc._.ag_error`.
    """
    model_stages, rule_stages = model_and_rule_stages(nlp)
    docs: list[Doc] = []
    whole: list[Doc] = []
    joined: list[Doc] = []
    for article in articles:
        if len(article.text) > batching.chunk_chars:
            doc = _annotate_in_pieces(nlp, article.text, rule_stages, batching)
            joined.append(doc)
        else:
            doc = remember_text(nlp.make_doc(article.text), article.text)
            whole.append(doc)
        doc._.ag_published = article.published
        docs.append(doc)
    # spaCy does not yield a Doc a stage failed on, but our error handler marked it.
    for batch in _batches_within(whole, batching.batch_size, batching.batch_chars):
        for _ in nlp.pipe(batch, batch_size=len(batch)):
            pass
    runnable = [doc for doc in joined if not doc._.ag_error]
    for _ in nlp.pipe(runnable, batch_size=batching.batch_size, disable=model_stages):
        pass
    return docs


def _batches_within(docs: list[Doc], max_docs: int, max_chars: int) -> Iterator[list[Doc]]:
    """Consecutive batches of at most `max_docs` Docs and, past the first Doc, `max_chars` characters."""
    batch: list[Doc] = []
    chars = 0
    for doc in docs:
        size = len(doc_text(doc))
        if batch and (len(batch) >= max_docs or chars + size > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += size
    if batch:
        yield batch


def _annotate_in_pieces(nlp: Language, text: str, rule_stages: list[str], batching: Batching) -> Doc:
    pieces = [
        remember_text(nlp.make_doc(text[start:end]), text[start:end]) for start, end in chunk_bounds(text, batching.chunk_chars)
    ]
    for batch in _batches_within(pieces, len(pieces), batching.batch_chars):
        for _ in nlp.pipe(batch, batch_size=len(batch), disable=rule_stages):
            pass
    doc = remember_text(Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data", "tensor"]), text)
    errors = [piece._.ag_error for piece in pieces if piece._.ag_error]
    doc._.ag_error = errors[0] if errors else None
    return doc


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
                reason = f"same text as document {first_id!r} ({first_path}), which was processed instead"
                planned.results[index] = DocumentResult(item.id, item.path, "duplicate", reason, item)
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


def process_articles(
    nlp: Language, articles: list[Article], provenance: Provenance, batching: Batching = Batching()
) -> list[DocumentResult]:
    """Run the pipeline over articles and turn each Doc into its DocumentResult."""
    nlp.default_error_handler = _record_stage_error  # our stages are plain callables: errors stay per document
    docs = annotate(nlp, articles, batching)
    results = []
    for doc, article in zip(docs, articles):
        results.append(document_result(doc, article, provenance))
        release(doc)
    return results


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
    batching: Batching = Batching(),
    journal: Journal | None = None,
) -> Iterator[DocumentResult]:
    """One DocumentResult per input item, in input order; a document that fails is reported, not raised.

    An article with the same text as an earlier one gets status `duplicate` and is not processed
    again. With a `journal`, results of an earlier run are reused when nothing they depend on changed.
    """
    provenance = provenance_for(nlp)

    def run_here(articles: list[Article]) -> _Ready:
        return _Ready(process_articles(nlp, articles, provenance, batching))

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
    """`process` with the model run wherever `submit` sends it (here, or see pipeline.engines):
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


def document_result(doc: Doc, article: Article, provenance: Provenance) -> DocumentResult:
    """The documents-table status, records and entity rows for one processed article."""
    if doc._.ag_error:
        return DocumentResult(article.id, article.path, "failed", doc._.ag_error, article)
    records = doc_records(doc, article, provenance)
    status = "ok" if records else "no_agreement"
    reason = None if records else "no agreement reported as signed, renewed or planned"
    return DocumentResult(article.id, article.path, status, reason, article, records, doc_entities(doc))


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
) -> dict[str, Any]:
    """Read the inputs, run every stage, validate and write the dataset; returns the manifest.

    With `resume`, documents already processed by an earlier (possibly killed) run into the same
    `out_dir`, with the same pipeline version, model, config and rule files, are not processed
    again; the dataset is the same as an uninterrupted run's. With `workers` > 1 the model runs
    in that many processes; with `engine="dask"` on a Dask cluster (`scheduler` address, or an
    existing `client`, or a local cluster of `workers` processes). The dataset is the same.
    `out_dir` may be an fsspec URL (s3://, gs://): the dataset is written locally, then uploaded.
    `on_document(result)` is called after each document (for progress display).
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    started = time.perf_counter()
    cfg = load_config(config, overrides)
    limits = InputLimits.from_config(cfg.get("input", {}))
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
    }
    items = iter_inputs(
        inputs,
        metadata_file=Path(metadata_file) if metadata_file else None,
        default_published=published,
        limits=limits,
    )
    n_docs = 0
    target = OutputTarget.open(out_dir)
    with (
        _loaded_objects_left_out_of_gc(),
        contextlib.closing(target) as target,
        DatasetWriter(target.dataset_dir, run_info=run_info) as writer,
        Journal(target.journal, resume=resume) as journal,
    ):
        batching = Batching.from_config(cfg["nlp"])
        opening = time.perf_counter()
        with open_engine(engine, cfg, workers=workers, scheduler=scheduler, client=client) as run_batch:
            loading = (loaded - started) + (time.perf_counter() - opening)  # here and in the workers
            if run_batch is None:
                results = process(nlp, items, journal=journal, batching=batching)
            else:
                submit = functools.partial(run_batch.submit, provenance=provenance, batching=batching)
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
