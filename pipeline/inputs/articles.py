"""Articles as read from input files, before any NLP."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

from pipeline.statuses import Reason

# Where a document's publication date came from (documents-table column `published_source`).
PUBLISHED_SOURCES = ("metadata", "metadata_file", "dateline", "default", None)


@dataclass(frozen=True)
class Article:
    """One article to process.

    `text` is the document text exactly as the pipeline processes it and as it is stored in
    the documents table: every evidence offset points into it. When the input gives a title
    separately from the body, `text` is the title, a blank line, then the body.
    """

    id: str
    path: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    published_source: str | None = None
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadFailure:
    """An input (a file, or one line or row of a file) that produced no article, and why."""

    id: str
    path: str
    status: str  # a pipeline.statuses.DocumentStatus value
    reason: str

    @classmethod
    def because(cls, id: str, path: str, reason: Reason, **details: object) -> ReadFailure:
        """The failure for one of the catalogued reasons (pipeline.statuses)."""
        return cls(id, path, reason.status.value, reason.text(**details))
