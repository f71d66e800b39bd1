"""Check a written dataset directory for schema, evidence, linkage and manifest consistency."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.dataset.reader import Dataset, load_dataset, read_table
from pipeline.dataset.records import SCHEMA_VERSION
from pipeline.dataset.schema import document_validator, evidence_errors, record_validator
from pipeline.errors import DatasetError

_RECORD_TABLES = ("agreements", "parties", "signatories", "programme_areas")
# Tables with one row per item of a record list, and that list's key in the record.
_ITEM_TABLES = {"parties": "parties", "signatories": "signatories", "programme_areas": "programme_areas"}


def _value(x: Any) -> Any:
    """A table cell as a plain Python value (None for NA)."""
    if x is None or (not isinstance(x, (list, dict)) and pd.isna(x)):
        return None
    return x


def _column(frame: pd.DataFrame, column: str) -> list[Any]:
    return [_value(x) for x in frame[column].tolist()]


def validate_dataset(path: Path | str) -> list[str]:
    """Every problem found in the dataset at `path`, one message each; an empty list means valid.

    A dataset that cannot be loaded at all yields a single message saying why.
    """
    try:
        dataset = load_dataset(path)
    except DatasetError as exc:
        return [str(exc)]
    errors: list[str] = []
    _check_document_rows(dataset, errors)
    texts = _check_documents(dataset, errors)
    record_documents = _check_records(dataset, texts, errors)
    _check_tables(dataset, texts, record_documents, errors)
    _check_manifest(dataset, errors)
    return errors


def _check_document_rows(ds: Dataset, errors: list[str]) -> None:
    """Every documents row against the documents-row schema (statuses of the catalogue, a reason
    for every status but ok), as the table was written."""
    validator = document_validator()
    table, _ = read_table(ds.path, "documents")
    for i, row in enumerate(table.to_pylist()):
        errors.extend(f"documents[{i}] ({row.get('id')}): {message}" for message in validator.errors(row))


def _check_documents(ds: Dataset, errors: list[str]) -> dict[str, str | None]:
    """Document id -> text; reports duplicate ids and texts that do not match their sha256."""
    texts: dict[str, str | None] = {}
    ids, text_col, sha_col = _column(ds.documents, "id"), _column(ds.documents, "text"), _column(ds.documents, "sha256")
    for i, (doc_id, text, sha) in enumerate(zip(ids, text_col, sha_col)):
        if doc_id is None:
            errors.append(f"documents[{i}]: id is missing")
            continue
        if doc_id in texts:
            errors.append(f"documents[{i}]: document id {doc_id!r} appears more than once")
            continue
        texts[doc_id] = text
        if text is not None and sha != hashlib.sha256(text.encode("utf-8")).hexdigest():
            errors.append(f"documents[{i}] ({doc_id}): sha256 does not match the stored text")
    return texts


def _check_records(ds: Dataset, texts: dict[str, str | None], errors: list[str]) -> dict[str, str]:
    """Record id -> document id; reports schema errors, evidence mismatches and dangling documents."""
    validator = record_validator()
    record_documents: dict[str, str] = {}
    sha_by_doc = dict(zip(_column(ds.documents, "id"), _column(ds.documents, "sha256")))
    for lineno, record in enumerate(ds.records, 1):
        record_id = record.get("record_id") if isinstance(record, dict) else None
        where = f"records.jsonl line {lineno}" + (f" ({record_id})" if record_id else "")
        if not isinstance(record, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        errors.extend(f"{where}: {msg}" for msg in validator.errors(record))
        document = record.get("document")
        doc_id = document.get("id") if isinstance(document, dict) else None
        if isinstance(record_id, str):
            if record_id in record_documents:
                errors.append(f"{where}: record_id {record_id!r} appears more than once")
            else:
                record_documents[record_id] = doc_id
        if doc_id not in texts:
            errors.append(f"{where}: document id {doc_id!r} is not in the documents table")
            continue
        text = texts[doc_id]
        if text is None:
            errors.append(f"{where}: document {doc_id!r} has no stored text to check evidence against")
            continue
        errors.extend(f"{where}: {msg}" for msg in evidence_errors(record, text))
        if document.get("sha256") != sha_by_doc.get(doc_id):
            errors.append(f"{where}: document/sha256 differs from the documents table")
    return record_documents


def _check_tables(
    ds: Dataset, texts: dict[str, str | None], record_documents: dict[str, str], errors: list[str]
) -> None:
    """Every table row links to an existing record and document, and rows match the records."""
    for name in _RECORD_TABLES:
        frame = ds[name]
        evidence_col = _column(frame, "evidence") if "evidence" in frame.columns else None
        for i, (record_id, doc_id) in enumerate(zip(_column(frame, "record_id"), _column(frame, "document_id"))):
            where = f"{name}[{i}]"
            if record_id not in record_documents:
                errors.append(f"{where}: record_id {record_id!r} is not in records.jsonl")
            elif record_documents[record_id] != doc_id:
                errors.append(
                    f"{where}: document_id {doc_id!r} differs from its record's document "
                    f"{record_documents[record_id]!r}"
                )
            if doc_id not in texts:
                errors.append(f"{where}: document_id {doc_id!r} is not in the documents table")
            elif evidence_col is not None and texts[doc_id] is not None:
                errors.extend(_table_evidence_errors(where, evidence_col[i], texts[doc_id]))

    agreement_rows = Counter(_column(ds.agreements, "record_id"))
    expected_items = {key: Counter() for key in _ITEM_TABLES}
    for record in ds.records:
        if not isinstance(record, dict) or not isinstance(record.get("record_id"), str):
            continue
        record_id = record["record_id"]
        if agreement_rows.get(record_id, 0) != 1:
            errors.append(f"agreements: record {record_id!r} has {agreement_rows.get(record_id, 0)} rows, expected 1")
        for name, key in _ITEM_TABLES.items():
            items = record.get(key)
            expected_items[name][record_id] = len(items) if isinstance(items, list) else 0
    for name in _ITEM_TABLES:
        actual = Counter(_column(ds[name], "record_id"))
        for record_id, n in expected_items[name].items():
            if actual.get(record_id, 0) != n:
                errors.append(f"{name}: record {record_id!r} has {actual.get(record_id, 0)} rows, expected {n}")

    for i, doc_id in enumerate(_column(ds.entities, "document_id")):
        if doc_id not in texts:
            errors.append(f"entities[{i}]: document_id {doc_id!r} is not in the documents table")


def _table_evidence_errors(where: str, cell: Any, text: str) -> list[str]:
    try:
        evidence = json.loads(cell) if cell is not None else None
    except json.JSONDecodeError:
        return [f"{where}/evidence: not valid JSON"]
    if not isinstance(evidence, list):
        return [f"{where}/evidence: not a JSON array"]
    return [f"{where}/{msg}" for msg in evidence_errors({"evidence": evidence}, text)]


def _check_manifest(ds: Dataset, errors: list[str]) -> None:
    """The manifest's counts and inputs agree with the files."""
    manifest = ds.manifest
    if manifest.get("schema_version") != SCHEMA_VERSION:
        errors.append(f"manifest.json: schema_version {manifest.get('schema_version')!r} is not {SCHEMA_VERSION!r}")
    doc_ids = _column(ds.documents, "id")
    statuses = _column(ds.documents, "status")
    counts = manifest.get("counts")
    if not isinstance(counts, dict):
        errors.append("manifest.json: counts is missing")
    else:
        actual = {
            "documents": len(doc_ids),
            "records": len(ds.records),
            "rejects": len(ds.rejects),
            "by_status": dict(sorted(Counter(s for s in statuses if s is not None).items())),
        }
        for key, value in actual.items():
            if counts.get(key) != value:
                errors.append(f"manifest.json: counts/{key} is {counts.get(key)!r}, the files have {value!r}")

    inputs = manifest.get("inputs")
    if not isinstance(inputs, list):
        errors.append("manifest.json: inputs is missing")
    else:
        if len(inputs) != len(doc_ids):
            errors.append(f"manifest.json: {len(inputs)} inputs but {len(doc_ids)} rows in the documents table")
        by_id = dict(zip(doc_ids, statuses))
        for i, item in enumerate(inputs):
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id not in by_id:
                errors.append(f"manifest.json: inputs/{i} ({item_id!r}) has no row in the documents table")
            elif item.get("status") != by_id[item_id]:
                errors.append(
                    f"manifest.json: inputs/{i} ({item_id!r}) status {item.get('status')!r} "
                    f"differs from the documents table {by_id[item_id]!r}"
                )

    records_per_doc = Counter(
        r["document"].get("id") for r in ds.records if isinstance(r, dict) and isinstance(r.get("document"), dict)
    )
    for doc_id, n in zip(doc_ids, _column(ds.documents, "n_records")):
        if n != records_per_doc.get(doc_id, 0):
            errors.append(f"documents ({doc_id}): n_records is {n}, records.jsonl has {records_per_doc.get(doc_id, 0)}")
    n_rejected = sum(n or 0 for n in _column(ds.documents, "n_rejected"))
    if n_rejected != len(ds.rejects):
        errors.append(f"documents: n_rejected sums to {n_rejected}, rejects.jsonl has {len(ds.rejects)} lines")
