"""Read input files and folders into Articles, and say why anything could not be read.

Supported: plain text (.txt, .md), web pages (.html, .htm), and article records in .json
(one object or a list), .jsonl (one object a line) and .csv (header row, one article a row).
Every input produces Articles or ReadFailures, never silence: unsupported files, empty files,
bad lines and bad rows each give a ReadFailure with a specific reason.
"""

from __future__ import annotations

import csv
import dataclasses
import errno
import io
import itertools
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any, Callable, Iterable, Iterator, Mapping

import fsspec
import trafilatura

from pipeline.documents import Article, ReadFailure
from pipeline.errors import ConfigError, InputError
from pipeline.locations import is_remote, local_path
from pipeline.screening import decode_bytes, describe_binary, detect_language, readable_line_by_line
from pipeline.text import clean_text, find_dateline_date, looks_like_title, normalize_date

__all__ = ["SUPPORTED_EXTENSIONS", "InputLimits", "iter_inputs", "read_metadata_file"]

# The fields an article record may give; any other field goes to Article.metadata.
_RECORD_FIELDS = ("id", "title", "text", "published", "url")
_HTML_METADATA_FIELDS = ("author", "sitename")
_MIN_HTML_WORDS = 10
# Article texts in CSV files are far longer than the csv module's default limit (128 KiB).
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
# How much of a JSONL file is read first to tell whether it can be read line by line.
_STREAM_SNIFF_BYTES = 65_536


@dataclass(frozen=True)
class InputLimits:
    """What the readers accept (the `[input]` section of the pipeline config)."""

    # Files larger than this are not read at all (status skipped_too_large); JSONL files,
    # read line by line, have no such limit.
    max_file_bytes: int = 256 * 2**20
    # Articles longer than this are not processed (status skipped_too_large); longer than
    # the model's own limit but below this, they are processed in chunks.
    max_chars: int = 5_000_000
    # Articles in another language get status skipped_language, when the identifier is at
    # least this sure and the text has at least this many characters to judge by.
    language: str = "en"
    min_language_probability: float = 0.9
    min_language_chars: int = 200

    @classmethod
    def from_config(cls, section: Mapping[str, Any]) -> "InputLimits":
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(section) - known - {"max_file_mb"})
        if unknown:
            raise ConfigError(f"unknown [input] settings: {', '.join(unknown)} (known: max_file_mb, {', '.join(sorted(known - {'max_file_bytes'}))})")
        values = {k: v for k, v in section.items() if k in known}
        if "max_file_mb" in section:
            values["max_file_bytes"] = int(float(section["max_file_mb"]) * 2**20)
        return cls(**values)


@dataclass(frozen=True)
class _Source:
    """A file to read: its path as given or walked (or its URL), and its document id."""

    path: Path | PurePosixPath
    id: str
    fs: Any = None  # an fsspec filesystem for remote inputs (s3://, gs://, ...), else None

    @property
    def where(self) -> str:
        return self.fs.unstrip_protocol(str(self.path)) if self.fs is not None else str(self.path)

    def size(self) -> int:
        return self.fs.size(str(self.path)) if self.fs is not None else self.path.stat().st_size

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(str(self.path)) if self.fs is not None else self.path.read_bytes()

    def open(self) -> IO[bytes]:
        return self.fs.open(str(self.path), "rb") if self.fs is not None else open(self.path, "rb")


@dataclass(frozen=True)
class _Draft:
    """An article as read from its file, before its publication date is resolved."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None  # as written in the file's own metadata
    url: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)


def iter_inputs(
    inputs: Iterable[str | Path],
    *,
    metadata_file: Path | None = None,
    default_published: str | None = None,
    limits: InputLimits | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield an Article or a ReadFailure for every document in `inputs` (files or folders).

    Folders are walked recursively in sorted order, skipping hidden entries. The publication
    date comes from the article's own metadata, else `metadata_file` (see read_metadata_file),
    else a dateline at the top of the text, else `default_published`. `limits` sets the size
    and language checks (default: InputLimits()).
    Raises InputError at once if `metadata_file` or `default_published` is unusable.
    """
    default = None
    if default_published is not None:
        default = normalize_date(default_published)
        if default is None:
            raise InputError(f"default publication date {default_published!r} is not a date (use YYYY-MM-DD)")
    overrides = read_metadata_file(metadata_file) if metadata_file is not None else {}
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    return _iter_documents(paths, overrides, default, limits or InputLimits())


def read_metadata_file(path: str | Path) -> dict[str, dict[str, str | None]]:
    """Read a metadata CSV (columns `id` and/or `path`, `published`, optional `url`, `title`).

    Returns {key: {"published": ISO date or None, "url": ..., "title": ...}} keyed by each
    row's document id and by its path (as written and resolved against the working directory).
    Raises InputError when the file cannot be read, lacks the columns, or holds a bad date.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read metadata file {path}: {e.strerror or e}") from e
    try:
        text = decode_bytes(data).text
    except InputError as e:
        raise InputError(f"metadata file {path}: {e}", status=e.status) from e
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {name.strip().lower(): name for name in reader.fieldnames or [] if name}
    if "published" not in columns or not ({"id", "path"} & columns.keys()):
        raise InputError(f"metadata file {path} needs a 'published' column and an 'id' or 'path' column")

    def cell(row: Mapping[str, str | None], name: str) -> str | None:
        value = row.get(columns[name]) if name in columns else None
        return (value.strip() or None) if value else None

    entries: dict[str, dict[str, str | None]] = {}
    try:
        for row in reader:
            raw = cell(row, "published")
            published = normalize_date(raw) if raw else None
            if raw and published is None:
                raise InputError(f"metadata file {path}, line {reader.line_num}: {raw!r} is not a date")
            entry = {"published": published, "url": cell(row, "url"), "title": cell(row, "title")}
            if doc_id := cell(row, "id"):
                entries[doc_id] = entry
            if doc_path := cell(row, "path"):
                entries[doc_path] = entry
                entries[str(Path(doc_path).resolve())] = entry
    except csv.Error as e:
        raise InputError(f"metadata file {path}, line {reader.line_num}: {e}") from e
    return entries


# --- finding the files -------------------------------------------------------------------


def _iter_documents(
    inputs: list[str | Path],
    overrides: Mapping[str, Mapping[str, str | None]],
    default: str | None,
    limits: InputLimits,
) -> Iterator[Article | ReadFailure]:
    for source in _iter_sources(inputs):
        if isinstance(source, ReadFailure):
            yield source
            continue
        try:
            for item in _read_source(source, limits):
                if isinstance(item, ReadFailure):
                    yield item
                elif failure := _screen(item, source, limits):
                    yield failure
                else:
                    yield _finish(item, source, overrides, default)
        except InputError as e:
            yield ReadFailure(source.id, source.where, e.status, str(e))


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """About how many documents rows `iter_inputs` will give for these inputs (for progress
    display): one per file, one per JSON list item, JSONL line or CSV row. None when an input
    is a URL (counting would download it twice). Never raises."""
    inputs = list(inputs)
    if any(is_remote(item) for item in inputs):
        return None
    total = 0
    for source in _iter_sources(inputs):
        total += 1 if isinstance(source, ReadFailure) else _count_in_file(source)
    return total


def _count_in_file(source: _Source) -> int:
    suffix = source.path.suffix.lower()
    if suffix not in (".json", ".jsonl", ".csv"):
        return 1
    try:
        if suffix == ".jsonl":
            with source.open() as handle:
                return max(1, sum(1 for line in handle if line.strip()))
        text = source.read_bytes().decode("utf-8", errors="replace")
        if suffix == ".json":
            items = json.loads(text)
            return max(1, len(items)) if isinstance(items, list) else 1
        csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
        rows = csv.reader(io.StringIO(text, newline=""))
        next(rows, None)
        return max(1, sum(1 for row in rows if any(cell.strip() for cell in row)))
    except (OSError, ValueError, RecursionError, csv.Error):  # the reader reports the file itself
        return 1


def _iter_sources(inputs: list[str | Path]) -> Iterator[_Source | ReadFailure]:
    for item in inputs:
        if is_remote(item):
            yield from _remote_sources(str(item))
            continue
        root = local_path(item)
        if root.is_dir():
            yield from _walk(root, root, frozenset())
        else:
            yield _check_file(root, root.name or str(item))


def _walk(root: Path, folder: Path, ancestors: frozenset[Path]) -> Iterator[_Source | ReadFailure]:
    folder_id = folder.relative_to(root).as_posix() if folder != root else str(root)
    real = folder.resolve()
    if real in ancestors:
        yield ReadFailure(folder_id, str(folder), "failed", "symbolic link loop: folder contains itself")
        return
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield ReadFailure(folder_id, str(folder), "failed", f"cannot list folder: {e.strerror or e}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(root, entry, ancestors | {real})
        else:
            yield _check_file(entry, entry.relative_to(root).as_posix())


def _remote_sources(url: str) -> Iterator[_Source | ReadFailure]:
    """The files at an fsspec URL (a file, or a folder walked recursively in sorted order)."""
    try:
        fs, root = fsspec.core.url_to_fs(url)
        if not fs.isdir(root):
            if not fs.exists(root):
                yield ReadFailure(url.rstrip("/").rsplit("/", 1)[-1], url, "failed", "no such file or folder")
                return
            yield _supported(_Source(PurePosixPath(root), PurePosixPath(root).name, fs))
            return
        paths = sorted(fs.find(root))
    except (ImportError, ValueError) as e:  # no backend installed for the protocol, or a bad URL
        yield ReadFailure(url, url, "failed", f"cannot open {url}: {e}")
        return
    except OSError as e:
        yield ReadFailure(url, url, "failed", f"cannot list {url}: {e.strerror or e}")
        return
    base = PurePosixPath(root)
    for path in map(PurePosixPath, paths):
        relative = path.relative_to(base)
        if any(part.startswith(".") for part in relative.parts):
            continue
        yield _supported(_Source(path, relative.as_posix(), fs))


def _supported(source: _Source) -> _Source | ReadFailure:
    suffix = source.path.suffix.lower()
    if suffix in _READERS:
        return source
    kind = f"file type {suffix!r}" if suffix else "file without an extension"
    return ReadFailure(
        source.id, source.where, "skipped_unsupported",
        f"unsupported {kind} (supported: {', '.join(SUPPORTED_EXTENSIONS)})",
    )


def _check_file(path: Path, doc_id: str) -> _Source | ReadFailure:
    if path.is_file():
        return _supported(_Source(path, doc_id))
    if path.is_symlink():
        try:
            path.stat()
        except OSError as e:
            if e.errno == errno.ELOOP:
                return ReadFailure(doc_id, str(path), "failed", "symbolic link loop: the link points back to itself")
        return ReadFailure(doc_id, str(path), "failed", "broken symbolic link: its target does not exist")
    if not path.exists():
        return ReadFailure(doc_id, str(path), "failed", "no such file or folder")
    return ReadFailure(doc_id, str(path), "failed", "not a regular file or folder")


# --- reading one file --------------------------------------------------------------------


def _read_source(source: _Source, limits: InputLimits) -> Iterator[_Draft | ReadFailure]:
    if source.path.suffix.lower() == ".jsonl":
        streamed = _stream_jsonl(source)
        if streamed is not None:
            yield from streamed
            return
    try:
        size = source.size()
        if size > limits.max_file_bytes:
            raise InputError(
                f"file is {_megabytes(size)}, above the {_megabytes(limits.max_file_bytes)} limit "
                "(raise it with --set input.max_file_mb=N)",
                status="skipped_too_large",
            )
        data = source.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read file: {e.strerror or e}") from e
    if not data.strip():
        raise InputError("file is empty" if not data else "file holds only whitespace", status="skipped_empty")
    if kind := describe_binary(data):
        raise InputError(
            f"binary file: {kind}, not text; convert it to text first (e.g. pdftotext) and pass that",
            status="skipped_binary",
        )
    decoded = decode_bytes(data)
    if not decoded.text.strip():
        raise InputError("file holds only whitespace", status="skipped_empty")
    notes = decoded.notes()
    for item in _READERS[source.path.suffix.lower()](source, decoded.text):
        if notes and isinstance(item, _Draft):
            item = dataclasses.replace(item, metadata={**notes, **item.metadata})
        yield item


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _screen(draft: _Draft, source: _Source, limits: InputLimits) -> ReadFailure | None:
    """A ReadFailure when the article is too long to process or not in the pipeline's language."""
    where = source.where
    if len(draft.text) > limits.max_chars:
        return ReadFailure(
            draft.id, where, "skipped_too_large",
            f"article has {len(draft.text):,} characters, above the {limits.max_chars:,} limit "
            "(raise it with --set input.max_chars=N)",
        )
    if len(draft.text) >= limits.min_language_chars:
        found = detect_language(draft.text)
        if found.code != limits.language and found.probability >= limits.min_language_probability:
            return ReadFailure(
                draft.id, where, "skipped_language",
                f"article is in language {found.code!r} (probability {found.probability:.2f}), "
                f"not {limits.language!r}: the rules read {limits.language!r} only",
            )
    return None


def _read_plain(source: _Source, text: str) -> Iterator[_Draft]:
    text = clean_text(text)
    if not text.strip():
        raise InputError("no text left after removing boilerplate", status="skipped_empty")
    # A Markdown heading ("# Title") is read without its markers.
    first_line = next(line for line in text.split("\n") if line.strip()).strip().lstrip("#").strip()
    title = first_line if looks_like_title(first_line) else None
    yield _Draft(source.id, text, title=title)


def _read_html(source: _Source, html: str) -> Iterator[_Draft]:
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # Dates only from the page's markup: a date found in the body is an event date, and
        # dates written at the top of the text are found later as a dateline.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError("HTML page has no main text", status="skipped_empty")
    words = doc.text.split()
    if len(words) < _MIN_HTML_WORDS:
        # What trafilatura falls back to on a page without an article: a menu, a cookie notice.
        raise InputError(
            f"HTML page has no main text (only {len(words)} word(s) outside scripts, styles and "
            f"markup: {' '.join(words)!r})",
            status="skipped_empty",
        )
    title = (doc.title or "").strip() or None
    body = doc.text
    head, _, rest = body.partition("\n")
    if title and head.strip() == title:
        body = rest  # trafilatura repeats the page heading as the first line of the text
    metadata = {name: value for name in _HTML_METADATA_FIELDS if (value := getattr(doc, name, None))}
    yield _Draft(source.id, _compose(title, body), title=title, published=doc.date, url=doc.url, metadata=metadata)


def _read_json(source: _Source, text: str) -> Iterator[_Draft | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError(f"invalid JSON: {e}") from e
    if not isinstance(data, list):
        yield _record(data, source, source.id, "")
        return
    if not data:
        raise InputError("JSON file holds an empty list", status="skipped_empty")
    for index, item in enumerate(data):
        yield _record(item, source, f"{source.id}:{index}", f"item {index}: ")


def _read_jsonl(source: _Source, text: str) -> Iterator[_Draft | ReadFailure]:
    # Split on "\n" only: str.splitlines would also split at U+2028 inside JSON strings.
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield _jsonl_item(source, number, line)


def _jsonl_item(source: _Source, number: int, line: str) -> _Draft | ReadFailure:
    position_id, where = f"{source.id}:{number}", f"line {number}: "
    try:
        item = json.loads(line)
    except json.JSONDecodeError as e:
        return ReadFailure(position_id, source.where, "failed", f"{where}{e}")
    return _record(item, source, position_id, where)


def _stream_jsonl(source: _Source) -> Iterator[_Draft | ReadFailure] | None:
    """A JSONL file read line by line, so an archive of any size is never held in memory; None
    when its head is not plain UTF-8-like text (a byte-order mark other than UTF-8's, UTF-16
    without one, binary data), which the whole-file path reads and reports instead."""
    try:
        handle = source.open()
        head = handle.read(_STREAM_SNIFF_BYTES)
    except OSError:
        return None  # the whole-file path reports why the file cannot be read
    if not readable_line_by_line(head):
        handle.close()
        return None
    return _jsonl_lines(source, handle, head)


def _jsonl_lines(source: _Source, handle: IO[bytes], head: bytes) -> Iterator[_Draft | ReadFailure]:
    with handle:
        rest = handle.readline()
        lines = itertools.chain(io.BytesIO(head.removeprefix(b"\xef\xbb\xbf") + rest), handle)
        seen_text = False
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            try:
                decoded = decode_bytes(raw.rstrip(b"\r\n"))
            except InputError as e:
                seen_text = True
                yield ReadFailure(f"{source.id}:{number}", source.where, e.status, f"line {number}: {e}")
                continue
            if not decoded.text.strip():  # blank in Unicode terms (no-break spaces...)
                continue
            seen_text = True
            item = _jsonl_item(source, number, decoded.text)
            notes = decoded.notes()
            if notes and isinstance(item, _Draft):
                item = dataclasses.replace(item, metadata={**notes, **item.metadata})
            yield item
        if not seen_text:
            raise InputError("file holds only whitespace", status="skipped_empty")


def _read_csv(source: _Source, text: str) -> Iterator[_Draft | ReadFailure]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
        names = _csv_field_names(header)
        if "text" not in names:
            raise InputError(f"CSV file has no 'text' column (columns: {', '.join(header)})")
        rows = 0
        for number, row in enumerate(reader, 1):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            position_id, where = f"{source.id}:{number}", f"row {number}: "
            if len(row) != len(names):
                yield ReadFailure(
                    position_id, source.where, "failed",
                    f"{where}{len(row)} fields where the header has {len(names)} (line {reader.line_num})",
                )
                continue
            yield _record(dict(zip(names, row)), source, position_id, where)
    except csv.Error as e:
        raise InputError(f"CSV error at line {reader.line_num}: {e}") from e
    if rows == 0:
        raise InputError("CSV file has a header but no rows", status="skipped_empty")


def _csv_field_names(header: list[str]) -> list[str]:
    """Map CSV column names to record fields: known names lower-cased, `date` as `published`."""
    lowered = [name.lower() for name in header]
    names = [low if low in _RECORD_FIELDS else name for name, low in zip(header, lowered)]
    if "published" not in lowered and "date" in lowered:
        names[lowered.index("date")] = "published"
    return names


_READERS: dict[str, Callable[[_Source, str], Iterator[_Draft | ReadFailure]]] = {
    ".txt": _read_plain,
    ".md": _read_plain,
    ".html": _read_html,
    ".htm": _read_html,
    ".json": _read_json,
    ".jsonl": _read_jsonl,
    ".csv": _read_csv,
}
SUPPORTED_EXTENSIONS = tuple(sorted(_READERS))


# --- article records (JSON, JSONL, CSV) --------------------------------------------------


def _record(item: Any, source: _Source, position_id: str, where: str) -> _Draft | ReadFailure:
    """A draft from one article record, or a ReadFailure saying what is wrong with it."""
    doc_id = _record_id(item) or position_id
    try:
        return _record_draft(item, doc_id)
    except InputError as e:
        return ReadFailure(doc_id, source.where, e.status, f"{where}{e}")


def _record_id(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _record_draft(item: Any, doc_id: str) -> _Draft:
    if not isinstance(item, dict):
        raise InputError(f"article record is a JSON {type(item).__name__}, not an object")
    if "text" not in item:
        raise InputError("article record has no 'text' field")
    body = item["text"]
    if not isinstance(body, str):
        raise InputError(f"article 'text' is a {type(body).__name__}, not a string")
    title, published, url = (_optional_string(item, name) for name in ("title", "published", "url"))
    metadata = {key: value for key, value in item.items() if key not in _RECORD_FIELDS}
    return _Draft(doc_id, _compose(title, body), title=title, published=published, url=url, metadata=metadata)


def _optional_string(item: Mapping[str, Any], name: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"article {name!r} is a {type(value).__name__}, not a string")
    return value.strip() or None


def _compose(title: str | None, body: str) -> str:
    """The article text: the cleaned body, after the title and a blank line when there is one."""
    body = clean_text(body)
    if not body.strip():
        raise InputError("article text is empty", status="skipped_empty")
    return f"{title}\n\n{body}" if title else body


# --- publication date and final Article ---------------------------------------------------


def _finish(
    draft: _Draft, source: _Source, overrides: Mapping[str, Mapping[str, str | None]], default: str | None
) -> Article:
    """Build the Article, resolving its publication date by source priority."""
    metadata = dict(draft.metadata)
    published = normalize_date(draft.published) if draft.published else None
    if draft.published and published is None:
        metadata["published_raw"] = draft.published  # unusable, but kept rather than dropped
    published_source = "metadata" if published else None

    override = (
        overrides.get(draft.id)
        or overrides.get(source.where)
        or (overrides.get(str(source.path.resolve())) if source.fs is None else None)
    ) or {}
    if published is None and override.get("published"):
        published, published_source = override["published"], "metadata_file"
    if published is None and (found := find_dateline_date(draft.text)):
        published, published_source = found[0], "dateline"
    if published is None and default:
        published, published_source = default, "default"

    return Article(
        id=draft.id,
        path=source.where,
        text=draft.text,
        title=draft.title or override.get("title"),
        published=published,
        published_source=published_source,
        url=draft.url or override.get("url"),
        metadata=metadata,
    )
