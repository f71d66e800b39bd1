"""The package's exception hierarchy: every error a caller may catch derives from PipelineError."""

from __future__ import annotations

from pipeline.statuses import DocumentStatus, Reason


class PipelineError(Exception):
    """Base class of every error raised on purpose by the pipeline."""


class ConfigError(PipelineError):
    """The pipeline configuration or a rule file is missing or invalid."""


class InputError(PipelineError):
    """An input file or article cannot be read; `status` is the documents-table status it maps to."""

    def __init__(self, message: str, status: str = DocumentStatus.FAILED.value):
        super().__init__(message)
        self.status = status

    @classmethod
    def because(cls, reason: Reason, **details: object) -> InputError:
        """The error for one of the catalogued reasons (pipeline.statuses)."""
        return cls(reason.text(**details), reason.status.value)


class OutputError(PipelineError):
    """The output dataset cannot be written."""


class DatasetError(PipelineError):
    """A dataset directory is missing files or is inconsistent."""
