"""Process articles through the pipeline: batching for the model, long texts in pieces, and each
Doc turned into its DocumentResult. Used by `run` in this process and by `engines` in workers."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.config import load_config
from pipeline.dataset.records import DocumentResult, Provenance
from pipeline.inputs.articles import Article
from pipeline.resources.loader import load_rules
from pipeline.runtime.model_cache import ModelCache
from pipeline.runtime.to_records import doc_entities, doc_records
from pipeline.stages.doc_cache import doc_text, release, remember_text
from pipeline.statuses import DocumentStatus, Reason
from pipeline.version import pipeline_version


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
        rules_hash=(rules or load_rules()).hash,  # the rules the stages hold
        config_hash=nlp.meta.get("ag_config_hash", ""),
    )


def _record_stage_error(proc_name: str, proc: Any, docs: list[Doc], error: Exception) -> None:
    for doc in docs:
        doc._.ag_error = Reason.STAGE_FAILED.text(stage=proc_name, error_type=type(error).__name__, error=error)


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

    batch_size: int
    batch_chars: int
    chunk_chars: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Batching:
        """The batching of a (checked) pipeline config: see pipeline.config.load_config."""
        return cls(**{f.name: config["nlp"][f.name] for f in dataclasses.fields(cls)})

    @classmethod
    def default(cls) -> Batching:
        """The batching of the default config, pipeline/pipeline.cfg."""
        return cls.from_config(load_config())


def annotate(
    nlp: Language, articles: list[Article], batching: Batching, model_cache: str | Path | None = None
) -> list[Doc]:
    """Run the pipeline over the articles; Docs are annotated in place and returned in order.

    A text longer than `batching.chunk_chars` goes through the model's components in pieces
    that are then joined (offsets unchanged) and given to the rule stages whole. A Doc that a
    stage failed on carries the error in `doc._.ag_error`. With a `model_cache` folder, the
    model's annotations of a text are read from it when there, else kept in it (see
    pipeline.runtime.model_cache), and only the rule stages run on them.
    """
    model_stages, rule_stages = model_and_rule_stages(nlp)
    cache = ModelCache(model_cache, nlp, model_stages, batching.chunk_chars) if model_cache else None
    docs: list[Doc] = []
    whole: list[Doc] = []  # to go through every component
    annotated: list[Doc] = []  # through the model already: the rule stages are left
    for article in articles:
        doc = cache.load(article.text) if cache is not None else None
        if doc is not None:
            doc = remember_text(doc, article.text)
            annotated.append(doc)
        elif len(article.text) > batching.chunk_chars:
            doc = _annotate_in_pieces(nlp, article.text, rule_stages, batching)
            if cache is not None and not doc._.ag_error:
                cache.store(article.text, doc)
            annotated.append(doc)
        else:
            doc = remember_text(nlp.make_doc(article.text), article.text)
            whole.append(doc)
        doc._.ag_published = article.published
        docs.append(doc)
    # spaCy does not yield a Doc a stage failed on, but our error handler marked it.
    for batch in _batches_within(whole, batching.batch_size, batching.batch_chars):
        if cache is None:
            for _ in nlp.pipe(batch, batch_size=len(batch)):
                pass
            continue
        for doc in nlp.pipe(batch, batch_size=len(batch), disable=rule_stages):
            cache.store(doc_text(doc), doc)
        annotated.extend(doc for doc in batch if not doc._.ag_error)
    runnable = [doc for doc in annotated if not doc._.ag_error]
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
        remember_text(nlp.make_doc(text[start:end]), text[start:end])
        for start, end in chunk_bounds(text, batching.chunk_chars)
    ]
    for batch in _batches_within(pieces, len(pieces), batching.batch_chars):
        for _ in nlp.pipe(batch, batch_size=len(batch), disable=rule_stages):
            pass
    doc = remember_text(Doc.from_docs(pieces, ensure_whitespace=False, exclude=["user_data", "tensor"]), text)
    errors = [piece._.ag_error for piece in pieces if piece._.ag_error]
    doc._.ag_error = errors[0] if errors else None
    return doc


def process_articles(
    nlp: Language,
    articles: list[Article],
    provenance: Provenance,
    batching: Batching,
    model_cache: str | Path | None = None,
) -> list[DocumentResult]:
    """Run the pipeline over articles and turn each Doc into its DocumentResult."""
    nlp.default_error_handler = _record_stage_error  # our stages are plain callables: errors stay per document
    docs = annotate(nlp, articles, batching, model_cache)
    results = []
    for doc, article in zip(docs, articles):
        results.append(document_result(doc, article, provenance))
        release(doc)
    return results


def document_result(doc: Doc, article: Article, provenance: Provenance) -> DocumentResult:
    """The documents-table status, records and entity rows for one processed article."""
    if doc._.ag_error:
        return DocumentResult(article.id, article.path, DocumentStatus.FAILED.value, doc._.ag_error, article)
    records = doc_records(doc, article, provenance)
    if not records:
        reason = Reason.NO_AGREEMENT
        return DocumentResult(
            article.id, article.path, reason.status.value, reason.text(), article, (), doc_entities(doc)
        )
    return DocumentResult(article.id, article.path, DocumentStatus.OK.value, None, article, records, doc_entities(doc))
