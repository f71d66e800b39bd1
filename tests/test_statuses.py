"""The catalogue of document statuses and reasons (pipeline.statuses) and the places that must
say the same: the documents-row schema, the dataset's categories and the README's table."""

from __future__ import annotations

import json
import re
import string

import pytest

from pipeline.dataset.reader import load_dataset
from pipeline.dataset.writer import DatasetWriter
from pipeline.errors import InputError
from pipeline.inputs.articles import ReadFailure
from pipeline.resources.data_dirs import SCHEMAS_DIR
from pipeline.statuses import DocumentStatus, Reason
from tests.builders import failed_result, make_result
from tests.conftest import ROOT


def test_the_documents_row_schema_lists_the_catalogue_statuses():
    schema = json.loads((SCHEMAS_DIR / "document.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["status"]["enum"] == [status.value for status in DocumentStatus]


def test_the_readme_table_is_the_catalogue():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", readme, flags=re.M))
    for status in DocumentStatus:
        assert rows.get(status.value, "").strip() == status.description, status


@pytest.mark.parametrize("reason", list(Reason), ids=lambda r: r.code)
def test_every_reason_has_a_status_and_names_its_details(reason):
    assert isinstance(reason.status, DocumentStatus) and reason.status is not DocumentStatus.OK
    fields = {name for _, name, _, _ in string.Formatter().parse(reason.template) if name}
    text = reason.text(**{name: 7 if name in ("chars", "limit", "probability") else "X" for name in fields})
    assert text and "{" not in text


def test_errors_and_failures_carry_the_reason_text_and_its_status():
    error = InputError.because(Reason.FILE_TOO_LARGE, size="300.0 MiB", limit="256.0 MiB")
    assert (error.status, str(error)) == (
        "skipped_too_large",
        "file is 300.0 MiB, above the 256.0 MiB limit (raise it with --set input.max_file_mb=N)",
    )
    failure = ReadFailure.because("a.txt", "in/a.txt", Reason.EMPTY_FILE)
    assert (failure.status, failure.reason) == ("skipped_empty", "file is empty")


def test_statuses_are_written_and_compared_as_their_codes():
    assert str(DocumentStatus.SKIPPED_BINARY) == "skipped_binary"
    assert DocumentStatus.SKIPPED_BINARY == "skipped_binary"
    assert json.dumps({"status": DocumentStatus.OK}) == '{"status": "ok"}'


def test_the_dataset_knows_every_status_as_a_category(tmp_path):
    with DatasetWriter(tmp_path / "out", run_info={"pipeline_version": "0.1.0"}) as writer:
        writer.add(make_result("doc-1"))
        writer.add(failed_result("bad-1"))
        writer.finish({})
    dataset = load_dataset(tmp_path / "out")
    assert list(dataset.documents.status.cat.categories) == [status.value for status in DocumentStatus]
