"""The installed version of this package, as every record's provenance gives it."""

from __future__ import annotations

import importlib.metadata


def pipeline_version() -> str:
    try:
        return importlib.metadata.version("agreements-pipeline")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"
