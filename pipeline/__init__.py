"""Turn news articles into schema-validated records of the agreements they report."""

from pipeline.dataset import load_dataset
from pipeline.nlp import build_pipeline

__all__ = ["build_pipeline", "load_dataset"]
