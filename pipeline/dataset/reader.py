"""Load a dataset directory written by `pipeline.dataset.writer.DatasetWriter` into typed DataFrames."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.dataset.records import AGREEMENT_STATUSES, AGREEMENT_TYPES, PARTY_KINDS
from pipeline.dataset.schema import load_schema
from pipeline.dataset.writer import MANIFEST_FILE, RECORDS_FILE, REJECTS_FILE, TABLE_NAMES, TABLE_SCHEMAS
from pipeline.errors import DatasetError
from pipeline.jsonl import read_jsonl
from pipeline.statuses import DocumentStatus


def _programme_area_ids() -> tuple[str, ...]:
    return tuple(load_schema()["$defs"]["programme_area"]["properties"]["id"]["enum"])


# (table, column) -> the known categories; values outside them are kept as extra categories.
_CATEGORICALS: dict[tuple[str, str], tuple[str, ...] | None] = {
    ("documents", "status"): tuple(status.value for status in DocumentStatus),
    ("agreements", "type"): AGREEMENT_TYPES,
    ("agreements", "status"): AGREEMENT_STATUSES,
    ("parties", "kind"): PARTY_KINDS,
    ("programme_areas", "area_id"): None,  # filled from the schema on first use
}


@dataclass
class Dataset:
    """A loaded dataset: one DataFrame per table, the records and rejects, and the manifest.

    Fields are readable as attributes or by key (``ds.parties`` or ``ds["parties"]``).
    """

    path: Path
    manifest: dict[str, Any]
    records: list[dict[str, Any]]
    rejects: list[dict[str, Any]]
    documents: pd.DataFrame
    agreements: pd.DataFrame
    parties: pd.DataFrame
    signatories: pd.DataFrame
    programme_areas: pd.DataFrame
    entities: pd.DataFrame
    sources: dict[str, str] = field(default_factory=dict)  # table -> "parquet" or "csv"

    def __getitem__(self, key: str) -> Any:
        if key not in self.keys():
            raise KeyError(key)
        return getattr(self, key)

    def __contains__(self, key: object) -> bool:
        return key in self.keys()

    def keys(self) -> list[str]:
        """The field names (path, manifest, records, rejects, the tables, sources)."""
        return [f.name for f in fields(self)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The six tables by name."""
        return {name: getattr(self, name) for name in TABLE_NAMES}


def read_table(directory: Path, name: str) -> tuple[pa.Table, str]:
    """One table of a dataset as written (Parquet, else CSV), with its columns' types, and which file it came from."""
    schema = TABLE_SCHEMAS[name]
    parquet, csv = directory / f"{name}.parquet", directory / f"{name}.csv"
    try:
        if parquet.is_file():
            table = pq.read_table(parquet)
            source = "parquet"
        elif csv.is_file():
            table = pacsv.read_csv(
                csv,
                parse_options=pacsv.ParseOptions(newlines_in_values=True),
                # The writer quotes every string and leaves nulls empty: "" stays an empty string.
                convert_options=pacsv.ConvertOptions(
                    column_types=schema,
                    strings_can_be_null=True,
                    quoted_strings_can_be_null=False,
                ),
            )
            source = "csv"
        else:
            raise DatasetError(f"dataset {directory} has no {name}.parquet or {name}.csv")
    except (pa.ArrowInvalid, OSError) as exc:
        raise DatasetError(f"cannot read the {name} table of {directory}: {exc}") from exc
    missing = [c for c in schema.names if c not in table.column_names]
    if missing:
        raise DatasetError(f"the {name} table of {directory} lacks columns: {', '.join(missing)}")
    try:
        return table.select(schema.names).cast(schema), source
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError) as exc:
        raise DatasetError(f"the {name} table of {directory} has unexpected column types: {exc}") from exc


def _arrow_to_pandas_dtype(arrow_type: pa.DataType) -> Any:
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    return None  # numpy default (float64)


def _categorical(series: pd.Series, known: tuple[str, ...] | None) -> pd.Series:
    observed = sorted(set(series.dropna().astype(str)))
    categories = list(known or ()) + [v for v in observed if v not in (known or ())]
    return series.astype(object).astype(pd.CategoricalDtype(categories=categories))


def _to_frame(name: str, table: pa.Table) -> pd.DataFrame:
    frame = table.to_pandas(types_mapper=_arrow_to_pandas_dtype)
    for (table_name, column), known in _CATEGORICALS.items():
        if table_name == name:
            if known is None and column == "area_id":
                known = _programme_area_ids()
            frame[column] = _categorical(frame[column], known)
    if name == "documents":
        frame["published"] = pd.to_datetime(frame["published"], format="%Y-%m-%d", errors="coerce")
    return frame


def load_dataset(path: Path | str) -> Dataset:
    """Read a dataset directory (Parquet tables, or CSV where Parquet is missing) into a Dataset.

    Columns are typed: categoricals for agreement type/status, party kind, area id and document
    status; nullable Int64 for counts, indexes, offsets, date parts and geonames ids; pandas
    "string" for text; `documents.published` as datetime64 (NaT when null or unparsable).
    Raises DatasetError when the directory or one of its files is missing or unreadable.
    """
    directory = Path(path)
    if not directory.is_dir():
        raise DatasetError(f"dataset directory not found: {directory}")
    for required in (MANIFEST_FILE, RECORDS_FILE, REJECTS_FILE):
        if not (directory / required).is_file():
            raise DatasetError(f"dataset {directory} has no {required}")
    try:
        manifest = json.loads((directory / MANIFEST_FILE).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{MANIFEST_FILE} of {directory} is not valid JSON: {exc}") from exc
    if not isinstance(manifest, dict):
        raise DatasetError(f"{MANIFEST_FILE} of {directory} is not a JSON object")

    frames: dict[str, pd.DataFrame] = {}
    sources: dict[str, str] = {}
    for name in TABLE_NAMES:
        table, sources[name] = read_table(directory, name)
        frames[name] = _to_frame(name, table)

    return Dataset(
        path=directory,
        manifest=manifest,
        records=read_jsonl(directory / RECORDS_FILE, DatasetError),
        rejects=read_jsonl(directory / REJECTS_FILE, DatasetError),
        sources=sources,
        **frames,
    )
