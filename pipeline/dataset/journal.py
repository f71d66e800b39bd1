"""The run journal: each processed document's result, appended as soon as it is known.

`agreements extract --resume` reads the journal of the previous run into the same output
directory and reuses the result of every document whose text, metadata, pipeline version,
model, config and rule files are unchanged; everything else is processed again. The journal
lives beside the dataset (`.<out>.journal.jsonl`), survives a killed run line by line, and is
compacted to the documents of the last run when that run completes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import IO, Any

from pipeline.dataset.records import (
    DocumentResult,
    Provenance,
    entity_from_dict,
    entity_to_dict,
    record_from_dict,
    record_to_dict,
)
from pipeline.errors import OutputError
from pipeline.inputs.articles import Article
from pipeline.statuses import DocumentStatus

log = logging.getLogger(__name__)

JOURNAL_VERSION = 1
# Statuses worth reusing: a stage failure is retried, since it may have been transient.
_REUSABLE = frozenset({DocumentStatus.OK.value, DocumentStatus.NO_AGREEMENT.value})


def journal_path(out_dir: str | Path) -> Path:
    out_dir = Path(out_dir)
    return out_dir.parent / f".{out_dir.name}.journal.jsonl"


def result_key(article: Article, provenance: Provenance) -> str:
    """What a document's result depends on: the article as read, and the pipeline that read it."""
    parts = {
        "journal": JOURNAL_VERSION,
        "article": [
            article.id,
            article.path,
            article.sha256,
            article.title,
            article.published,
            article.published_source,
            article.url,
        ],
        "metadata": json.dumps(dict(article.metadata), sort_keys=True, default=str),
        "provenance": [
            provenance.pipeline_version,
            provenance.model_name,
            provenance.model_version,
            provenance.rules_hash,
            provenance.config_hash,
        ],
    }
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


class Journal:
    """Append-only store of per-document results; use as a context manager.

    With `resume=False` the previous journal is discarded. `complete()` rewrites the journal to
    hold only the results of this run (so it does not grow from run to run).
    """

    def __init__(self, path: str | Path, *, resume: bool):
        self.path = Path(path)
        self.resume = resume
        self.previous: dict[str, int] = {}  # key -> byte offset of its line in the journal
        self.reused = 0
        self._kept: list[str] = []
        self._fh: IO[str] | None = None
        self._reader: IO[bytes] | None = None

    def __enter__(self) -> Journal:
        if self.resume:
            self.previous = self._load()
        try:
            if not self.resume and self.path.exists():
                self.path.unlink()
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8", newline="\n")
            self._reader = open(self.path, "rb")
            if self._fh.tell() and not self._ends_with_newline():
                self._fh.write("\n")  # a killed run may have left half a line
        except OSError as exc:
            raise OutputError(f"cannot write the run journal {self.path}: {exc}") from exc
        return self

    def __exit__(self, *exc: Any) -> None:
        for handle in (self._fh, self._reader):
            if handle is not None:
                handle.close()
        self._fh = self._reader = None

    def lookup(self, article: Article, key: str) -> DocumentResult | None:
        """The earlier result for this article, if it was processed by the same pipeline."""
        offset = self.previous.get(key)
        if offset is None or self._reader is None:
            return None
        # Read back from the file when needed: a resumed archive's results are not held in memory.
        self._reader.seek(offset)
        entry = json.loads(self._reader.readline())
        self.reused += 1
        self._kept.append(key)
        return DocumentResult(
            article.id,
            article.path,
            entry["status"],
            entry["reason"],
            article,
            tuple(record_from_dict(r) for r in entry["records"]),
            tuple(entity_from_dict(e) for e in entry["entities"]),
        )

    def add(self, key: str, result: DocumentResult) -> None:
        if result.status not in _REUSABLE or self._fh is None:
            return
        entry = {
            "key": key,
            "id": result.id,
            "status": result.status,
            "reason": result.reason,
            "records": [record_to_dict(r) for r in result.records],
            "entities": [entity_to_dict(e) for e in result.entities],
        }
        self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._kept.append(key)

    def flush(self) -> None:
        """Hand what was appended to the operating system, so it survives a killed process."""
        if self._fh is not None:
            self._fh.flush()

    def complete(self) -> None:
        """Keep only this run's entries (atomically), once its dataset is in place."""
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        self.previous.clear()
        keep = set(self._kept)
        tmp = self.path.with_name(self.path.name + f".tmp-{os.getpid()}")
        try:
            # Line by line, so that compacting an archive's journal does not hold it in memory.
            with open(self.path, encoding="utf-8") as source, open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                for line in source:
                    key = _key_of(line)
                    if key in keep:
                        keep.discard(key)  # the first complete line of each kept key
                        fh.write(line)
            os.replace(tmp, self.path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("could not compact the run journal %s: %s", self.path, exc)

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as fh:
            fh.seek(-1, os.SEEK_END)
            return fh.read(1) == b"\n"

    def _load(self) -> dict[str, int]:
        """The byte offset of every complete entry of the journal, by key."""
        offsets: dict[str, int] = {}
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            return offsets
        except OSError as exc:
            raise OutputError(f"cannot read the run journal {self.path}: {exc}") from exc
        with fh:
            offset = 0
            for number, line in enumerate(fh, 1):
                key = _key_of(line.decode("utf-8", errors="replace"))
                if key is None:
                    # The last line of a killed run can be cut short; its document is redone.
                    log.info("run journal %s line %d is incomplete; ignoring it", self.path, number)
                else:
                    offsets.setdefault(key, offset)
                offset += len(line)
        return offsets


def _key_of(line: str) -> str | None:
    try:
        entry = json.loads(line)
        return entry["key"] if line.endswith("\n") else None
    except (json.JSONDecodeError, KeyError, TypeError):
        return None
