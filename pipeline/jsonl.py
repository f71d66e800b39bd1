"""Reading JSON Lines files, with the line number of any bad line in the error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.errors import PipelineError


def read_jsonl(path: Path, error: type[PipelineError]) -> list[Any]:
    """Every non-blank line of `path` as JSON; a bad line raises `error` naming the file and line.
    Lines starting with '#' are comments (rule files use them)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise error(f"{path}:{number}: invalid JSON ({exc.msg})") from exc
    return rows
