"""Turn news articles into schema-validated records of the agreements they report.

`build_pipeline` and `extract` (spaCy) and `load_dataset` (pandas, pyarrow) are imported on
first use, so that `import pipeline` and commands that need none of them start quickly.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.build import build_pipeline
    from pipeline.dataset.reader import load_dataset
    from pipeline.runtime.run import extract

__all__ = ["build_pipeline", "extract", "load_dataset"]

_LAZY = {
    "build_pipeline": "pipeline.build",
    "load_dataset": "pipeline.dataset.reader",
    "extract": "pipeline.runtime.run",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
