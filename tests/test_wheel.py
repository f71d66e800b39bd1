"""The wheel holds every package and data file, and installed into a clean virtualenv its
`agreements` command works from a folder outside the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA_DIRS = {"pipeline.models": "models", "pipeline.schemas": "schemas"}


def source_packages() -> set[str]:
    """The dotted names of the Python packages in the source tree."""
    return {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "pipeline").rglob("__init__.py")}


def data_files() -> list[str]:
    """Where each file of models/ and schemas/ goes in the wheel (README files excepted)."""
    files = []
    for package, folder in DATA_DIRS.items():
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith("README"):
                files.append("/".join((*package.split("."), *path.relative_to(ROOT / folder).parts)))
    return files


def package_folder(package: str) -> Path:
    """The source folder of a package pyproject lists (models/ and schemas/ are mapped)."""
    for mapped, folder in DATA_DIRS.items():
        if package == mapped or package.startswith(mapped + "."):
            return ROOT / folder / Path(*package.split(".")[2:])
    return ROOT / Path(*package.split("."))


def run(cmd: list, cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    command = " ".join(map(str, cmd))
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def test_pyproject_lists_every_package():
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    assert source_packages() <= listed, f"add to pyproject's packages: {sorted(source_packages() - listed)}"
    assert config["package-dir"] == DATA_DIRS
    for package in listed:
        folder = package_folder(package)
        assert folder.is_dir(), f"pyproject lists {package}, but {folder} does not exist"


@pytest.mark.wheel
@pytest.mark.model  # the installed command loads the spaCy pipeline: `make test-fast` skips it too
def test_wheel_installs_and_runs_outside_the_repository(tmp_path):
    # A clean environment: nothing may find the repository's sources instead of the installed ones.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    # Built from a copy of the sources, so that nothing is written into the repository and no
    # stale build/ folder can leak into the wheel.
    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "out", "tests", "notebooks"),
    )
    build = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", tmp_path / "dist", src], tmp_path, env
    )
    # No setuptools warning, e.g. "BuildBackendWarning: Package ... is absent from the `packages` ...".
    assert "Warning" not in build.stdout + build.stderr, build.stdout + build.stderr
    (wheel,) = (tmp_path / "dist").glob("agreements_pipeline-*.whl")

    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "pipeline/pipeline.cfg",
        "pipeline/quality/templates/report.html.j2",
        "pipeline/models/agreement_terms.jsonl",
        "pipeline/models/places/cities.tsv",
        "pipeline/schemas/agreement-record.schema.json",
        *(package.replace(".", "/") + "/__init__.py" for package in source_packages()),
        *data_files(),
    }
    assert not expected - names, f"missing from the wheel: {sorted(expected - names)}"

    venv = tmp_path / ".venv"  # hidden: the conftest check for datasets left in tmp_path skips it
    made = subprocess.run([sys.executable, "-m", "venv", venv], capture_output=True, text=True)
    if made.returncode != 0 or not (venv / "bin" / "python").exists():
        pytest.skip(f"cannot create a virtualenv here: {made.stderr.strip() or 'no bin/python'}")
    python, agreements = venv / "bin" / "python", venv / "bin" / "agreements"
    run([python, "-m", "pip", "install", "--quiet", wheel], tmp_path, env)

    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "gold").mkdir()
    # The installed package reads its own copy of the data, not the repository's.
    code = (
        "import sysconfig, pipeline.resources.data_dirs as d; "
        "print(sysconfig.get_path('purelib'), d.MODELS_DIR, d.SCHEMAS_DIR)"
    )
    site, models, schemas = map(Path, run([python, "-c", code], work, env).stdout.split())
    installed = site.resolve() / "pipeline"
    assert (models, schemas) == (installed / "models", installed / "schemas")

    run([agreements, "extract", "seeds", "--out", "out", "--quiet"], work, env)
    run([agreements, "validate", "out"], work, env)
    run([agreements, "evaluate", "--gold", "gold", "out"], work, env)
    records = (work / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(records) >= 1
