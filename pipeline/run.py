"""Run the pipeline over inputs and write a dataset: the library behind `agreements extract`."""

from __future__ import annotations

import importlib.metadata
import logging
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.convert import doc_entities, doc_records
from pipeline.documents import Article, ReadFailure
from pipeline.nlp import build_pipeline, load_config
from pipeline.readers import iter_inputs
from pipeline.records import DocumentResult, Provenance
from pipeline.rules import DEFAULT_MODELS_DIR, load_rules
from pipeline.writer import DatasetWriter

log = logging.getLogger(__name__)


def pipeline_version() -> str:
    try:
        return importlib.metadata.version("agreements-pipeline")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def provenance_for(nlp: Language) -> Provenance:
    """Pipeline version, model name and version, and hashes of the rule files and config."""
    models_dir = ""
    for name in nlp.pipe_names:
        component = nlp.get_pipe(name)
        rules = getattr(component, "rules", None)
        if rules is not None:
            models_dir = rules.models_dir
            break
    rules = load_rules(models_dir or DEFAULT_MODELS_DIR)
    return Provenance(
        pipeline_version=pipeline_version(),
        model_name=nlp.meta.get("ag_model", nlp.meta.get("name", "")),
        model_version=nlp.meta.get("version", ""),
        rules_hash=rules.hash,
        config_hash=nlp.meta.get("ag_config_hash", ""),
    )


def _record_stage_error(proc_name: str, proc: Any, docs: list[Doc], error: Exception) -> None:
    for doc in docs:
        doc._.ag_error = f"stage {proc_name} failed: {type(error).__name__}: {error}"


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def process(nlp: Language, items: Iterable[Article | ReadFailure], *, batch_size: int = 16) -> Iterator[DocumentResult]:
    """One DocumentResult per input item, in input order; a document that fails is reported, not raised."""
    nlp.default_error_handler = _record_stage_error  # our stages are plain callables: errors stay per document
    provenance = provenance_for(nlp)
    for batch in _batched(items, batch_size):
        articles = [item for item in batch if isinstance(item, Article)]
        docs = []
        for article in articles:
            doc = nlp.make_doc(article.text)
            doc._.ag_published = article.published
            docs.append(doc)
        # Docs are annotated in place; one that a stage failed on is not yielded by spaCy but
        # keeps the error our handler stored on it.
        for _ in nlp.pipe(docs, batch_size=batch_size):
            pass
        processed = {id(a): d for a, d in zip(articles, docs)}
        for item in batch:
            if isinstance(item, ReadFailure):
                yield DocumentResult(item.id, item.path, item.status, item.reason)
                continue
            yield document_result(processed[id(item)], item, provenance)


def document_result(doc: Doc, article: Article, provenance: Provenance) -> DocumentResult:
    """The documents-table status, records and entity rows for one processed article."""
    if doc._.ag_error:
        return DocumentResult(article.id, article.path, "failed", doc._.ag_error, article)
    records = doc_records(doc, article, provenance)
    status = "ok" if records else "no_agreement"
    reason = None if records else "no agreement reported as signed, renewed or planned"
    return DocumentResult(article.id, article.path, status, reason, article, records, doc_entities(doc))


def extract(
    inputs: list[str | Path],
    out_dir: str | Path,
    *,
    config: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    metadata_file: str | Path | None = None,
    published: str | None = None,
    on_document: Any = None,
) -> dict[str, Any]:
    """Read the inputs, run every stage, validate and write the dataset; returns the manifest.

    `on_document(result)` is called after each document (for progress display).
    """
    started = time.perf_counter()
    cfg = load_config(config, overrides)
    nlp = build_pipeline(cfg)
    loaded = time.perf_counter()
    run_info = {
        "pipeline_version": pipeline_version(),
        "model": nlp.meta.get("ag_model"),
        "model_version": nlp.meta.get("version"),
        "spacy_components": nlp.pipe_names,
        "config": cfg.to_str(),
        "config_hash": nlp.meta.get("ag_config_hash"),
        "rules_hash": provenance_for(nlp).rules_hash,
        "inputs": [str(i) for i in inputs],
        "metadata_file": str(metadata_file) if metadata_file else None,
        "default_published": published,
    }
    items = iter_inputs(inputs, metadata_file=Path(metadata_file) if metadata_file else None, default_published=published)
    n_docs = 0
    with DatasetWriter(out_dir, run_info=run_info) as writer:
        for result in process(nlp, items, batch_size=int(cfg["nlp"]["batch_size"])):
            writer.add(result)
            n_docs += 1
            if on_document is not None:
                on_document(result)
        finished = time.perf_counter()
        return writer.finish(
            {
                "timings": {
                    "load_pipeline_s": round(loaded - started, 3),
                    "process_s": round(finished - loaded, 3),
                    "total_s": round(finished - started, 3),
                    "docs_per_s": round(n_docs / (finished - loaded), 3) if finished > loaded else None,
                }
            }
        )
