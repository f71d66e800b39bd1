"""Shared fixtures: the loaded pipeline (once per session) and paths to the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
TESTS = ROOT / "tests"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline as `agreements extract` builds it (tests using it are marked `model`)."""
    from pipeline.build import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def run_text(nlp):
    """Process one article text (optionally with a publication date) and return the Doc."""

    def run(text: str, published: str | None = None):
        doc = nlp.make_doc(text)
        doc._.ag_published = published
        return nlp(doc)

    return run


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(autouse=True)
def _datasets_written_by_a_test_are_valid(request):
    """Every dataset a test leaves in its tmp_path passes `agreements validate`, unless the test
    is marked `invalid_dataset` (it breaks one on purpose)."""
    yield
    tmp_path = request.node.funcargs.get("tmp_path")
    if tmp_path is None or request.node.get_closest_marker("invalid_dataset"):
        return
    from pipeline.dataset.validate import validate_dataset

    for manifest in sorted(Path(tmp_path).rglob("manifest.json")):
        if not any(part.startswith(".") for part in manifest.relative_to(tmp_path).parts):
            assert validate_dataset(manifest.parent) == [], f"invalid dataset left at {manifest.parent}"
