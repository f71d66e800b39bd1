"""Where datasets are written: a local folder, or any fsspec URL (s3://, gs://, memory://).

A dataset for a URL is written and validated in a local staging folder first, then
uploaded: every table first and `manifest.json` last, so a reader that finds the manifest
finds a complete dataset. The run journal (for `--resume`) of a URL output stays on this
machine, in the user's cache folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fsspec

from pipeline.dataset.journal import journal_path
from pipeline.dataset.writer import MANIFEST_FILE
from pipeline.errors import OutputError
from pipeline.urls import is_remote, local_path


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "agreements"


@dataclass
class OutputTarget:
    """The local folder a dataset is written to, its run journal, and where it is published."""

    dataset_dir: Path
    journal: Path
    url: str | None = None  # the remote location the dataset is uploaded to, if any

    @classmethod
    def open(cls, location: str | Path) -> OutputTarget:
        """The target for an output location; a URL gets a fresh local staging folder."""
        if not is_remote(location):
            dataset_dir = local_path(location)
            return cls(dataset_dir, journal_path(dataset_dir))
        url = str(location).rstrip("/")
        try:
            fsspec.core.url_to_fs(url)
        except (ImportError, ValueError) as exc:
            raise OutputError(f"cannot write to {url}: {exc}") from exc
        name = url.rsplit("/", 1)[-1] or "dataset"
        staging = Path(tempfile.mkdtemp(prefix="agreements-out-")) / name
        key = hashlib.sha256(url.encode()).hexdigest()[:16]
        return cls(staging, _cache_dir() / f"{name}-{key}.journal.jsonl", url)

    def publish(self) -> None:
        """Upload a staged dataset to its URL (replacing what was there); nothing for a local one."""
        if self.url is None:
            return
        try:
            fs, root = fsspec.core.url_to_fs(self.url)
            if fs.exists(root):
                fs.rm(root, recursive=True)
            fs.makedirs(root, exist_ok=True)
            files = sorted(p for p in self.dataset_dir.rglob("*") if p.is_file())
            # The manifest last: its presence means the upload is complete.
            files.sort(key=lambda p: p.name == MANIFEST_FILE)
            for path in files:
                fs.put_file(str(path), f"{root}/{path.relative_to(self.dataset_dir).as_posix()}")
        except OSError as exc:
            raise OutputError(
                f"the dataset was written but uploading it to {self.url} failed: {exc} "
                f"(run again with --resume to reuse the processed documents)"
            ) from exc

    def close(self) -> None:
        """Remove the local staging folder of a URL output (published or not)."""
        if self.url is not None:
            shutil.rmtree(self.dataset_dir.parent, ignore_errors=True)
