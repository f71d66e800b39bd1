"""The catalogue of document statuses and the reasons given for them.

Every row of the documents table has a `status` (a `DocumentStatus` value) and, for every
status but `ok`, a `reason`: the text of one of the `Reason`s below, filled in with the
document's details. The readers, the run, the documents table's categories, the JSON Schema
of a documents row (schemas/document.schema.json) and the README's table all come from here.
"""

from __future__ import annotations

from enum import Enum


class DocumentStatus(str, Enum):
    """What became of one input (a file, or one line or row of a file)."""

    OK = "ok"
    NO_AGREEMENT = "no_agreement"
    DUPLICATE = "duplicate"
    SKIPPED_EMPTY = "skipped_empty"
    SKIPPED_UNSUPPORTED = "skipped_unsupported"
    SKIPPED_BINARY = "skipped_binary"
    SKIPPED_TOO_LARGE = "skipped_too_large"
    SKIPPED_LANGUAGE = "skipped_language"
    FAILED_DECODE = "failed_decode"
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    DocumentStatus.OK: "one or more agreements were found",
    DocumentStatus.NO_AGREEMENT: "read and processed; no agreement reported as signed, renewed or planned",
    DocumentStatus.DUPLICATE: "the same text as an earlier input, which was processed instead",
    DocumentStatus.SKIPPED_EMPTY: "no text: an empty file, only whitespace, boilerplate or markup",
    DocumentStatus.SKIPPED_UNSUPPORTED: "a file type the readers do not read",
    DocumentStatus.SKIPPED_BINARY: "binary data (a PDF, an image, an archive...) under any name",
    DocumentStatus.SKIPPED_TOO_LARGE: "a file or an article above the configured size limits",
    DocumentStatus.SKIPPED_LANGUAGE: "an article in another language than the rules read",
    DocumentStatus.FAILED_DECODE: "bytes no text encoding explains",
    DocumentStatus.FAILED: "unreadable: a missing or looping path, malformed JSON or CSV, a stage that failed",
}


class Reason(Enum):
    """Why a document has its status: the status, and the reason's text with {details}."""

    # reading files and folders
    NOT_FOUND = (DocumentStatus.FAILED, "no such file or folder")
    NOT_A_FILE = (DocumentStatus.FAILED, "not a regular file or folder")
    BROKEN_LINK = (DocumentStatus.FAILED, "broken symbolic link: its target does not exist")
    LINK_TO_ITSELF = (DocumentStatus.FAILED, "symbolic link loop: the link points back to itself")
    FOLDER_IN_ITSELF = (DocumentStatus.FAILED, "symbolic link loop: folder contains itself")
    FOLDER_UNLISTABLE = (DocumentStatus.FAILED, "cannot list folder: {error}")
    URL_UNOPENABLE = (DocumentStatus.FAILED, "cannot open {url}: {error}")
    URL_UNLISTABLE = (DocumentStatus.FAILED, "cannot list {url}: {error}")
    UNREADABLE = (DocumentStatus.FAILED, "cannot read file: {error}")
    UNSUPPORTED = (DocumentStatus.SKIPPED_UNSUPPORTED, "unsupported {kind} (supported: {supported})")
    FILE_TOO_LARGE = (
        DocumentStatus.SKIPPED_TOO_LARGE,
        "file is {size}, above the {limit} limit (raise it with --set input.max_file_mb=N)",
    )
    EMPTY_FILE = (DocumentStatus.SKIPPED_EMPTY, "file is empty")
    WHITESPACE_FILE = (DocumentStatus.SKIPPED_EMPTY, "file holds only whitespace")
    BINARY = (
        DocumentStatus.SKIPPED_BINARY,
        "binary file: {kind}, not text; convert it to text first (e.g. pdftotext) and pass that",
    )
    # decoding
    INVALID_BYTES = (
        DocumentStatus.FAILED_DECODE,
        "looks like {encoding} {how} but byte {position} is invalid; save the file as UTF-8",
    )
    UNKNOWN_ENCODING = (
        DocumentStatus.FAILED_DECODE,
        "not valid UTF-8 and no encoding could be detected; save the file as UTF-8",
    )
    # formats
    HTML_WITHOUT_TEXT = (DocumentStatus.SKIPPED_EMPTY, "HTML page has no main text")
    HTML_FEW_WORDS = (
        DocumentStatus.SKIPPED_EMPTY,
        "HTML page has no main text (only {count} word(s) outside scripts, styles and markup: {words!r})",
    )
    INVALID_JSON = (DocumentStatus.FAILED, "invalid JSON: {error}")
    INVALID_JSON_LINE = (DocumentStatus.FAILED, "{where}{error}")
    EMPTY_JSON_LIST = (DocumentStatus.SKIPPED_EMPTY, "JSON file holds an empty list")
    CSV_WITHOUT_TEXT_COLUMN = (DocumentStatus.FAILED, "CSV file has no 'text' column (columns: {columns})")
    CSV_ROW_LENGTH = (DocumentStatus.FAILED, "{where}{fields} fields where the header has {expected} (line {line})")
    CSV_ERROR = (DocumentStatus.FAILED, "CSV error at line {line}: {error}")
    CSV_WITHOUT_ROWS = (DocumentStatus.SKIPPED_EMPTY, "CSV file has a header but no rows")
    RECORD_NOT_AN_OBJECT = (DocumentStatus.FAILED, "article record is a JSON {kind}, not an object")
    RECORD_WITHOUT_TEXT = (DocumentStatus.FAILED, "article record has no 'text' field")
    FIELD_NOT_A_STRING = (DocumentStatus.FAILED, "article {field!r} is a {kind}, not a string")
    # articles
    EMPTY_ARTICLE = (DocumentStatus.SKIPPED_EMPTY, "article text is empty")
    ONLY_BOILERPLATE = (DocumentStatus.SKIPPED_EMPTY, "no text left after removing boilerplate")
    ARTICLE_TOO_LONG = (
        DocumentStatus.SKIPPED_TOO_LARGE,
        "article has {chars:,} characters, above the {limit:,} limit (raise it with --set input.max_chars=N)",
    )
    OTHER_LANGUAGE = (
        DocumentStatus.SKIPPED_LANGUAGE,
        "article is in language {code!r} (probability {probability:.2f}), not {language!r}: "
        "the rules read {language!r} only",
    )
    # processing
    DUPLICATE_TEXT = (
        DocumentStatus.DUPLICATE,
        "same text as document {first_id!r} ({first_path}), which was processed instead",
    )
    NO_AGREEMENT = (DocumentStatus.NO_AGREEMENT, "no agreement reported as signed, renewed or planned")
    STAGE_FAILED = (DocumentStatus.FAILED, "stage {stage} failed: {error_type}: {error}")

    def __init__(self, status: DocumentStatus, template: str):
        self.status = status
        self.template = template

    @property
    def code(self) -> str:
        return self.name.lower()

    def text(self, **details: object) -> str:
        """The reason's text with the document's details filled in."""
        return self.template.format(**details)
