"""Locations given as fsspec URLs (s3://, gs://, memory://) or local paths, for inputs and outputs."""

from __future__ import annotations

import re
from pathlib import Path

_URL_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_remote(location: str | Path) -> bool:
    """True for an fsspec URL other than file:// ("s3://bucket/x", "memory://x")."""
    return isinstance(location, str) and bool(_URL_RE.match(location)) and not location.startswith("file://")


def local_path(location: str | Path) -> Path:
    """A local location as a Path ("file://" dropped)."""
    return Path(location.removeprefix("file://") if isinstance(location, str) else location)
