"""Shared fixtures: the loaded pipeline (once per session) and paths to the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline as `agreements extract` builds it (tests using it are marked `model`)."""
    from pipeline.nlp import build_pipeline

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
