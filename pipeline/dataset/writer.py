"""Write a dataset directory: records.jsonl, rejects.jsonl, Parquet + CSV tables and manifest.json.

The dataset is built in a hidden sibling directory and moved into place by `finish()`, so a
crash leaves either the previous complete dataset or the new one, never a half-written mix.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import re
import shutil
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.dataset.records import SCHEMA_VERSION, DocumentResult, record_to_dict
from pipeline.dataset.schema import SchemaValidator, evidence_errors, record_validator
from pipeline.errors import OutputError
from pipeline.version import pipeline_version

log = logging.getLogger(__name__)

FLUSH_EVERY = 500
RECORDS_FILE = "records.jsonl"
REJECTS_FILE = "rejects.jsonl"
MANIFEST_FILE = "manifest.json"

_str = pa.string()
_int = pa.int64()

# Fixed schemas, so every row group (and every dataset) has the same column types whatever
# the first batch happens to contain (e.g. a batch where every geonames_id is null).
TABLE_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", _str),
            ("path", _str),
            ("title", _str),
            ("published", _str),  # ISO date as given; load_dataset parses it
            ("published_source", _str),
            ("url", _str),
            ("sha256", _str),
            ("status", _str),
            ("reason", _str),
            ("n_records", _int),
            ("n_rejected", _int),
            ("text", _str),
            ("metadata", _str),  # JSON object
        ]
    ),
    "agreements": pa.schema(
        [
            ("record_id", _str),
            ("document_id", _str),
            ("type", _str),
            ("status", _str),
            ("label", _str),
            ("date_signed", _str),
            ("date_precision", _str),
            ("date_year", _int),
            ("date_month", _int),
            ("date_day", _int),
            ("date_text", _str),
            ("place_signed", _str),
            ("place_country", _str),
            ("n_parties", _int),
            ("n_signatories", _int),
            ("programme_areas", _str),  # ";"-joined area ids
        ]
    ),
    "parties": pa.schema(
        [
            ("record_id", _str),
            ("document_id", _str),
            ("party_index", _int),
            ("name", _str),
            ("kind", _str),
            ("country", _str),
            ("geonames_id", _int),
            ("aliases", _str),  # ";"-joined
            ("evidence", _str),  # JSON array
        ]
    ),
    "signatories": pa.schema(
        [
            ("record_id", _str),
            ("document_id", _str),
            ("signatory_index", _int),
            ("name", _str),
            ("role", _str),
            ("party", _str),
            ("aliases", _str),
            ("evidence", _str),
        ]
    ),
    "programme_areas": pa.schema(
        [
            ("record_id", _str),
            ("document_id", _str),
            ("area_id", _str),
            ("label", _str),
            ("score", pa.float64()),
            ("evidence", _str),
        ]
    ),
    "entities": pa.schema(
        [
            ("document_id", _str),
            ("start", _int),
            ("end", _int),
            ("text", _str),
            ("label", _str),
            ("canonical", _str),
            ("role", _str),
            ("country", _str),
            ("rule", _str),
        ]
    ),
}
TABLE_NAMES = tuple(TABLE_SCHEMAS)

# Keys the writer computes itself; extra_manifest may not overwrite them.
_RESERVED_MANIFEST_KEYS = frozenset({"schema_version", "created", "run", "counts", "inputs"})

_DATE_PATTERNS = {
    "day": re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"),
    "month_day": re.compile(r"^--()(\d{2})-(\d{2})$"),
    "month": re.compile(r"^(\d{4})-(\d{2})()$"),
    "year": re.compile(r"^(\d{4})()()$"),
}


def date_parts(value: str | None, precision: str | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of a date_signed value; parts the precision lacks are None."""
    pattern = _DATE_PATTERNS.get(precision or "")
    match = pattern.match(value) if pattern and value else None
    if not match:
        return None, None, None
    return tuple(int(g) if g else None for g in match.groups())  # type: ignore[return-value]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _joined(values: Any) -> str:
    return ";".join(values)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _TableSink:
    """Buffers one table's rows and appends them as a Parquet row group and CSV lines."""

    def __init__(self, directory: Path, name: str, schema: pa.Schema, stack: contextlib.ExitStack):
        self.name = name
        self.schema = schema
        self.rows: list[dict[str, Any]] = []
        self.parquet = pq.ParquetWriter(directory / f"{name}.parquet", schema)
        stack.callback(self.parquet.close)
        # Strings are quoted and nulls left empty, so a reader can tell "" from null.
        self.csv = pacsv.CSVWriter(
            str(directory / f"{name}.csv"),
            schema,
            write_options=pacsv.WriteOptions(include_header=True, quoting_style="needed"),
        )
        stack.callback(self.csv.close)

    def flush(self) -> None:
        if not self.rows:
            return
        try:
            table = pa.Table.from_pylist(self.rows, schema=self.schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
            raise OutputError(f"cannot write {self.name} rows: {exc}") from exc
        self.parquet.write_table(table)
        self.csv.write_table(table)
        self.rows.clear()


class DatasetWriter:
    """Writes one dataset directory; use as a context manager, `add()` each result, then `finish()`.

    Leaving the `with` block by an exception (or without calling `finish()`) discards
    everything written and leaves any previous dataset at `out_dir` untouched.
    """

    def __init__(
        self,
        out_dir: Path | str,
        *,
        run_info: dict[str, Any],
        flush_every: int = FLUSH_EVERY,
        validator: SchemaValidator | None = None,
    ):
        if flush_every < 1:
            raise ValueError("flush_every must be at least 1")
        self.out_dir = Path(out_dir)
        self.run_info = dict(run_info)
        self.flush_every = flush_every
        self.validator = validator or record_validator()
        self.tmp_dir = self.out_dir.parent / f".{self.out_dir.name}.tmp-{os.getpid()}"
        self._state = "new"
        self._stack = contextlib.ExitStack()
        self._sinks: dict[str, _TableSink] = {}
        self._records_fh: Any = None
        self._rejects_fh: Any = None
        self._pending_documents = 0
        self._document_ids: set[str] = set()
        self._record_ids: set[str] = set()
        self._inputs: list[dict[str, Any]] = []
        self._by_status: Counter[str] = Counter()
        self._n_records = 0
        self._n_rejects = 0
        self._documents_with_rejects = 0

    # -- context manager ------------------------------------------------------------------

    def __enter__(self) -> DatasetWriter:
        if self._state != "new":
            raise OutputError("a DatasetWriter can be used for one dataset only")
        self._check_target()
        try:
            self._recover()
        except OSError as exc:
            raise OutputError(f"cannot clean up after an earlier interrupted write to {self.out_dir}: {exc}") from exc
        try:
            if self.tmp_dir.exists():
                shutil.rmtree(self.tmp_dir)
            self.tmp_dir.mkdir(parents=True)
            for name, schema in TABLE_SCHEMAS.items():
                self._sinks[name] = _TableSink(self.tmp_dir, name, schema, self._stack)
            self._records_fh = self._stack.enter_context(
                open(self.tmp_dir / RECORDS_FILE, "w", encoding="utf-8", newline="\n")
            )
            self._rejects_fh = self._stack.enter_context(
                open(self.tmp_dir / REJECTS_FILE, "w", encoding="utf-8", newline="\n")
            )
        except OSError as exc:
            self._abort()
            raise OutputError(f"cannot create the dataset directory {self.tmp_dir}: {exc}") from exc
        self._state = "open"
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        if self._state in ("open", "finishing"):
            self._abort()
            if exc_type is None:
                raise OutputError(f"DatasetWriter for {self.out_dir} closed without finish(); nothing was written")
        return False

    # -- public API -----------------------------------------------------------------------

    def add(self, result: DocumentResult) -> None:
        """Write one document's row, its valid records (and rejects) and its entity mentions."""
        if self._state != "open":
            raise OutputError("DatasetWriter.add() called outside its `with` block or after finish()")
        if result.id in self._document_ids:
            raise OutputError(f"document id {result.id!r} was added twice")
        self._document_ids.add(result.id)

        article = result.article
        text = article.text if article is not None else None
        n_written = n_rejected = 0
        for record in result.records:
            record_dict = record_to_dict(record)
            errors = self._record_errors(record_dict, result, text)
            if errors:
                self._rejects_fh.write(
                    json.dumps({"record": record_dict, "errors": errors}, ensure_ascii=False, default=str) + "\n"
                )
                n_rejected += 1
            else:
                self._records_fh.write(_json(record_dict) + "\n")
                self._record_ids.add(record_dict["record_id"])
                self._add_record_rows(record_dict, result.id)
                n_written += 1

        self._sinks["documents"].rows.append(
            {
                "id": result.id,
                "path": result.path,
                "title": article.title if article else None,
                "published": article.published if article else None,
                "published_source": article.published_source if article else None,
                "url": article.url if article else None,
                "sha256": article.sha256 if article else None,
                "status": result.status,
                "reason": result.reason,
                "n_records": n_written,
                "n_rejected": n_rejected,
                "text": text,
                "metadata": json.dumps(dict(article.metadata), ensure_ascii=False, sort_keys=True, default=str)
                if article
                else None,
            }
        )
        self._sinks["entities"].rows.extend(
            {
                "document_id": result.id,
                "start": e.start,
                "end": e.end,
                "text": e.text,
                "label": e.label,
                "canonical": e.canonical,
                "role": e.role,
                "country": e.country,
                "rule": e.rule,
            }
            for e in result.entities
        )

        self._inputs.append({"id": result.id, "path": result.path, "status": result.status})
        self._by_status[result.status] += 1
        self._n_records += n_written
        self._n_rejects += n_rejected
        self._documents_with_rejects += bool(n_rejected)
        self._pending_documents += 1
        if self._pending_documents >= self.flush_every:
            self._flush()

    def finish(self, extra_manifest: dict[str, Any] | None = None) -> dict[str, Any]:
        """Complete the dataset, move it into place (replacing the previous one) and return the manifest."""
        if self._state != "open":
            raise OutputError("DatasetWriter.finish() called outside its `with` block or twice")
        extra = dict(extra_manifest or {})
        clashes = sorted(_RESERVED_MANIFEST_KEYS & extra.keys())
        if clashes:
            raise OutputError(f"extra_manifest may not set {', '.join(clashes)}")
        self._state = "finishing"

        self._flush()
        self._stack.close()
        manifest: dict[str, Any] = {
            "pipeline_version": self.run_info.get("pipeline_version") or pipeline_version(),
            "schema_version": SCHEMA_VERSION,
            "created": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "run": self.run_info,
            "counts": {
                "documents": len(self._inputs),
                "by_status": dict(sorted(self._by_status.items())),
                "records": self._n_records,
                "rejects": self._n_rejects,
                "documents_with_rejects": self._documents_with_rejects,
            },
            "timings": {},
            "inputs": self._inputs,
        }
        manifest.update(extra)
        try:
            (self.tmp_dir / MANIFEST_FILE).write_text(
                json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            raise OutputError(f"cannot write {MANIFEST_FILE}: {exc}") from exc
        self._swap()
        self._state = "finished"
        return manifest

    # -- internals ------------------------------------------------------------------------

    def _record_errors(self, record_dict: dict[str, Any], result: DocumentResult, text: str | None) -> list[str]:
        errors = self.validator.errors(record_dict)
        if text is None:
            errors.append("<root>: the document has no article text to check evidence against")
        else:
            errors.extend(evidence_errors(record_dict, text))
        document = record_dict.get("document")
        if isinstance(document, dict):
            if document.get("id") != result.id:
                errors.append(f"document/id: {document.get('id')!r} is not the id of its document {result.id!r}")
            if text is not None and document.get("sha256") != result.article.sha256:
                errors.append("document/sha256: does not match the SHA-256 of the document text")
        record_id = record_dict.get("record_id")
        if isinstance(record_id, str) and record_id in self._record_ids:
            errors.append(f"record_id: {record_id!r} was already written for another record")
        return errors

    def _add_record_rows(self, r: dict[str, Any], document_id: str) -> None:
        record_id = r["record_id"]
        date = r["date_signed"] or {}
        place = r["place_signed"] or {}
        year, month, day = date_parts(date.get("value"), date.get("precision"))
        self._sinks["agreements"].rows.append(
            {
                "record_id": record_id,
                "document_id": document_id,
                "type": r["agreement"]["type"],
                "status": r["agreement"]["status"],
                "label": r["agreement"]["label"],
                "date_signed": date.get("value"),
                "date_precision": date.get("precision"),
                "date_year": year,
                "date_month": month,
                "date_day": day,
                "date_text": date.get("text"),
                "place_signed": place.get("name"),
                "place_country": place.get("country"),
                "n_parties": len(r["parties"]),
                "n_signatories": len(r["signatories"]),
                "programme_areas": _joined(a["id"] for a in r["programme_areas"]),
            }
        )
        self._sinks["parties"].rows.extend(
            {
                "record_id": record_id,
                "document_id": document_id,
                "party_index": i,
                "name": p["name"],
                "kind": p["kind"],
                "country": p["country"],
                "geonames_id": p["geonames_id"],
                "aliases": _joined(p["aliases"]),
                "evidence": _json(p["evidence"]),
            }
            for i, p in enumerate(r["parties"])
        )
        self._sinks["signatories"].rows.extend(
            {
                "record_id": record_id,
                "document_id": document_id,
                "signatory_index": i,
                "name": s["name"],
                "role": s["role"],
                "party": s["party"],
                "aliases": _joined(s["aliases"]),
                "evidence": _json(s["evidence"]),
            }
            for i, s in enumerate(r["signatories"])
        )
        self._sinks["programme_areas"].rows.extend(
            {
                "record_id": record_id,
                "document_id": document_id,
                "area_id": a["id"],
                "label": a["label"],
                "score": float(a["score"]),
                "evidence": _json(a["evidence"]),
            }
            for a in r["programme_areas"]
        )

    def _flush(self) -> None:
        for sink in self._sinks.values():
            sink.flush()
        for fh in (self._records_fh, self._rejects_fh):
            if fh is not None and not fh.closed:
                fh.flush()
        self._pending_documents = 0

    def _abort(self) -> None:
        try:
            self._stack.close()
        finally:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            self._state = "aborted"

    def _check_target(self) -> None:
        out = self.out_dir
        if out.exists() and not out.is_dir():
            raise OutputError(f"output path {out} exists and is not a directory")
        # finish() deletes the previous out_dir: only ever do that to a dataset we wrote.
        if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST_FILE).is_file():
            raise OutputError(
                f"refusing to replace {out}: it is not empty and has no {MANIFEST_FILE}, so it is not a dataset"
            )

    def _siblings(self, kind: str) -> list[tuple[Path, int]]:
        """Leftover `.{name}.{kind}-<pid>` directories of processes that are no longer running."""
        found = []
        pattern = f".{glob.escape(self.out_dir.name)}.{kind}-*"
        for path in self.out_dir.parent.glob(pattern):
            pid = path.name.rsplit("-", 1)[-1]
            if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
                found.append((path, int(pid)))
        return found

    def _recover(self) -> None:
        """Undo what a crash in the middle of a previous `_swap()` left behind."""
        if not self.out_dir.parent.is_dir():
            return
        old = sorted(self._siblings("old"), key=lambda p: p[0].stat().st_mtime)
        if old and not self.out_dir.exists():
            # Crashed after moving the previous dataset aside but before moving the new one in.
            newest, _ = old.pop()
            os.rename(newest, self.out_dir)
            log.warning("restored the previous dataset %s from %s", self.out_dir, newest)
        for path, _ in old + self._siblings("tmp"):
            shutil.rmtree(path, ignore_errors=True)

    def _swap(self) -> None:
        target = self.out_dir
        old = None
        try:
            if target.exists():
                old = target.parent / f".{target.name}.old-{os.getpid()}"
                if old.exists():
                    shutil.rmtree(old)
                os.rename(target, old)
            try:
                os.rename(self.tmp_dir, target)
            except OSError:
                if old is not None:
                    os.rename(old, target)
                raise
        except OSError as exc:
            raise OutputError(f"cannot move the new dataset into {target}: {exc}") from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
            if old.exists():
                log.warning("could not delete the previous dataset moved aside to %s", old)
