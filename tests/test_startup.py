"""Start-up: `import pipeline` and the commands that need no model (validate, evaluate, report)
never import spaCy. Each check runs in a fresh interpreter, since this one has it loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.dataset.writer import DatasetWriter
from pipeline.quality.evaluate import load_predictions
from tests.builders import make_result

ROOT = Path(__file__).resolve().parents[1]

# Runs in the child: the code under test, then prints which of the watched packages it imported.
CHILD = """
import json, sys
{code}
watched = {watched!r}
print(json.dumps(sorted(w for w in watched if any(m == w or m.startswith(w + ".") for m in sys.modules))))
"""


def imported(code: str, watched: tuple[str, ...]) -> list[str]:
    """Which of `watched` a fresh interpreter has imported after running `code`."""
    result = subprocess.run(
        [sys.executable, "-c", CHILD.format(code=code, watched=watched)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.fixture
def dataset(tmp_path) -> Path:
    """A small valid dataset (one article, one record) and gold equal to its records."""
    out = tmp_path / "dataset"
    with DatasetWriter(out, run_info={"pipeline_version": "0.1.0"}) as writer:
        writer.add(make_result("doc-1"))
        writer.finish({})
    (tmp_path / "gold").mkdir()
    for doc_id, agreements in load_predictions(out).items():
        gold = {"id": doc_id, "agreements": agreements}
        (tmp_path / "gold" / f"{doc_id}.json").write_text(json.dumps(gold), encoding="utf-8")
    return out


def test_import_pipeline_imports_neither_spacy_nor_pandas():
    assert imported("import pipeline", ("spacy", "thinc", "pandas")) == []


def test_the_lazy_exports_still_resolve():
    code = """
import pipeline
assert sorted(pipeline.__all__) == ["build_pipeline", "extract", "load_dataset"]
assert set(pipeline.__all__) <= set(dir(pipeline))
from pipeline import load_dataset
from pipeline.dataset.reader import load_dataset as reader_load_dataset
assert load_dataset is reader_load_dataset
assert "spacy" not in sys.modules
try:
    pipeline.no_such_name
except AttributeError:
    pass
else:
    raise AssertionError("pipeline.no_such_name did not raise AttributeError")
from pipeline import build_pipeline
from pipeline.build import build_pipeline as build_build_pipeline
assert build_pipeline is build_build_pipeline
from pipeline import extract
from pipeline.runtime.run import extract as run_extract
assert extract is run_extract
"""
    assert imported(code, ("spacy",)) == ["spacy"]


@pytest.mark.parametrize("command", ["validate", "evaluate", "report"])
def test_commands_without_the_model_do_not_import_spacy(command, dataset):
    argv = {
        "validate": ["validate", str(dataset)],
        "evaluate": ["evaluate", "--gold", str(dataset.parent / "gold"), str(dataset)],
        "report": ["report", str(dataset), "--html", str(dataset.parent / "report.html")],
    }[command]
    code = f"from pipeline.cli import main\nassert main({argv!r}) == 0"
    assert imported(code, ("spacy", "thinc")) == []
