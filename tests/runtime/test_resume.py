"""Runs that stop half-way: a killed run leaves the previous dataset, and --resume finishes the
job with exactly the dataset an uninterrupted run gives."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.dataset.journal import journal_path
from pipeline.dataset.reader import load_dataset
from pipeline.dataset.validate import validate_dataset
from pipeline.dataset.writer import TABLE_NAMES
from tests.builders import dataset_content
from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.model

CORPUS = ROOT / "tests" / "corpus" / "articles.jsonl"


def journal_lines(out: Path) -> int:
    path = journal_path(out)
    return path.read_text(encoding="utf-8").count("\n") if path.exists() else 0


def test_killed_run_keeps_the_previous_dataset_and_resume_gives_the_uninterrupted_dataset(tmp_path):
    # Small batches, so the journal grows while the run is watched (the same config for every
    # run: the config is part of what a reused result must match).
    small_batches = ["--set", "nlp.batch_size=2"]
    reference = tmp_path / "reference"
    assert main(["extract", str(CORPUS), "--out", str(reference), "--quiet", *small_batches]) == 0

    out = tmp_path / "out"
    assert main(["extract", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    previous = dataset_content(out)

    command = [sys.executable, "-m", "pipeline", "extract", str(CORPUS), "--out", str(out), "--quiet", *small_batches]
    run = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while journal_lines(out) < 6 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert run.poll() is None, "the run finished before it could be killed"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    done_before_kill = journal_lines(out)
    assert 6 <= done_before_kill < 24

    # Killed mid-way: the previous complete dataset is still there, untouched.
    assert dataset_content(out) == previous
    assert validate_dataset(out) == []

    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet", "--resume", *small_batches]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["resume"] == {"requested": True, "reused": done_before_kill}
    assert dataset_content(out) == dataset_content(reference)
    assert validate_dataset(out) == []

    # Nothing changed: everything is reused, and the result is still the same.
    assert main(["extract", str(CORPUS), "--out", str(out), "--quiet", "--resume", *small_batches]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["resume"]["reused"] == 24
    assert dataset_content(out) == dataset_content(reference)


def test_changing_a_rule_file_reprocesses_the_documents(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    out = tmp_path / "out"
    args = ["extract", str(SEEDS), str(CORPUS), "--out", str(out), "--quiet", "--set", f"paths.models={models}"]
    assert main(args) == 0
    assert main(args + ["--resume"]) == 0
    assert json.loads((out / "manifest.json").read_text())["resume"]["reused"] == 25

    areas = models / "programme_areas.yaml"
    areas.write_text(areas.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert main(args + ["--resume"]) == 0
    assert json.loads((out / "manifest.json").read_text())["resume"]["reused"] == 0


def test_without_resume_nothing_is_reused(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert main(["extract", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert json.loads((out / "manifest.json").read_text())["resume"] == {"requested": False, "reused": 0}


def test_documents_table_reads_back_identically_after_resume(tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    first = load_dataset(out)
    assert main(["extract", str(SEEDS), "--out", str(out), "--quiet", "--resume"]) == 0
    second = load_dataset(out)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))
