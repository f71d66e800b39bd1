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

from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.inputs.articles import Article, ReadFailure
from pipeline.inputs.cleaning import clean_text, looks_like_title
from pipeline.inputs.decoding import decode_bytes, describe_binary, readable_line_by_line
from pipeline.inputs.language import detect_language
from pipeline.resources.loader import BoilerplatePattern, load_rules
from pipeline.statuses import Reason
from pipeline.text.datelines import find_dateline_date
from pipeline.text.dates import normalize_date
from pipeline.urls import is_remote, local_path

__all__ = ["SUPPORTED_EXTENSIONS", "InputSettings", "iter_inputs", "read_metadata_file"]

# The fields an article record may give; any other field goes to Article.metadata.
_RECORD_FIELDS = ("id", "title", "text", "published", "url")
_HTML_METADATA_FIELDS = ("author", "sitename")
_MIN_HTML_WORDS = 10
# Article texts in CSV files are far longer than the csv module's default limit (128 KiB).
_CSV_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)
# How much of a JSONL file is read first to tell whether it can be read line by line.
_STREAM_SNIFF_BYTES = 65_536
Boilerplate = tuple[BoilerplatePattern, ...]


@dataclass(frozen=True)
class InputSettings:
    """What the readers accept and remove: the `[input]` section of the pipeline config and the
    boilerplate patterns of its rule folder (`paths.models`)."""

    # Files larger than this are not read at all (status skipped_too_large); JSONL files,
    # read line by line, have no such limit.
    max_file_bytes: int
    # Articles longer than this are not processed (status skipped_too_large); longer than
    # the model's own limit but below this, they are processed in chunks.
    max_chars: int
    # Articles in another language get status skipped_language, when the identifier is at
    # least this sure and the text has at least this many characters to judge by.
    language: str
    min_language_probability: float
    min_language_chars: int
    boilerplate: tuple[BoilerplatePattern, ...]

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> InputSettings:
        """The settings of a (checked) pipeline config: see pipeline.config.load_config."""
        section = config["input"]
        return cls(
            max_file_bytes=int(float(section["max_file_mb"]) * 2**20),
            max_chars=section["max_chars"],
            language=section["language"],
            min_language_probability=section["min_language_probability"],
            min_language_chars=section["min_language_chars"],
            boilerplate=load_rules(config["paths"]["models"]).boilerplate,
        )

    @classmethod
    def default(cls) -> InputSettings:
        """The settings of the default config, pipeline/pipeline.cfg."""
        return cls.from_config(load_config())


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
    settings: InputSettings | None = None,
) -> Iterator[Article | ReadFailure]:
    """Yield an Article or a ReadFailure for every document in `inputs` (files or folders).

    Folders are walked recursively in sorted order, skipping hidden entries. The publication
    date comes from the article's own metadata, else `metadata_file` (see read_metadata_file),
    else a dateline at the top of the text, else `default_published`. `settings` sets the size
    and language checks and the boilerplate removed (default: those of pipeline/pipeline.cfg).
    Raises InputError at once if `metadata_file` or `default_published` is unusable.
    """
    default = None
    if default_published is not None:
        default = normalize_date(default_published)
        if default is None:
            raise InputError(f"default publication date {default_published!r} is not a date (use YYYY-MM-DD)")
    overrides = read_metadata_file(metadata_file) if metadata_file is not None else {}
    paths = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    return _iter_documents(paths, overrides, default, settings or InputSettings.default())


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
    settings: InputSettings,
) -> Iterator[Article | ReadFailure]:
    for source in _iter_sources(inputs):
        if isinstance(source, ReadFailure):
            yield source
            continue
        try:
            for item in _read_source(source, settings):
                if isinstance(item, ReadFailure):
                    yield item
                elif failure := _screen(item, source, settings):
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
        yield ReadFailure.because(folder_id, str(folder), Reason.FOLDER_IN_ITSELF)
        return
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        yield ReadFailure.because(folder_id, str(folder), Reason.FOLDER_UNLISTABLE, error=e.strerror or e)
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
                yield ReadFailure.because(url.rstrip("/").rsplit("/", 1)[-1], url, Reason.NOT_FOUND)
                return
            yield _supported(_Source(PurePosixPath(root), PurePosixPath(root).name, fs))
            return
        paths = sorted(fs.find(root))
    except (ImportError, ValueError) as e:  # no backend installed for the protocol, or a bad URL
        yield ReadFailure.because(url, url, Reason.URL_UNOPENABLE, url=url, error=e)
        return
    except OSError as e:
        yield ReadFailure.because(url, url, Reason.URL_UNLISTABLE, url=url, error=e.strerror or e)
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
    return ReadFailure.because(
        source.id, source.where, Reason.UNSUPPORTED, kind=kind, supported=", ".join(SUPPORTED_EXTENSIONS)
    )


def _check_file(path: Path, doc_id: str) -> _Source | ReadFailure:
    if path.is_file():
        return _supported(_Source(path, doc_id))
    if path.is_symlink():
        try:
            path.stat()
        except OSError as e:
            if e.errno == errno.ELOOP:
                return ReadFailure.because(doc_id, str(path), Reason.LINK_TO_ITSELF)
        return ReadFailure.because(doc_id, str(path), Reason.BROKEN_LINK)
    if not path.exists():
        return ReadFailure.because(doc_id, str(path), Reason.NOT_FOUND)
    return ReadFailure.because(doc_id, str(path), Reason.NOT_A_FILE)


# --- reading one file --------------------------------------------------------------------


def _read_source(source: _Source, settings: InputSettings) -> Iterator[_Draft | ReadFailure]:
    if source.path.suffix.lower() == ".jsonl":
        streamed = _stream_jsonl(source, settings.boilerplate)
        if streamed is not None:
            yield from streamed
            return
    try:
        size = source.size()
        if size > settings.max_file_bytes:
            raise InputError.because(
                Reason.FILE_TOO_LARGE, size=_megabytes(size), limit=_megabytes(settings.max_file_bytes)
            )
        data = source.read_bytes()
    except OSError as e:
        raise InputError.because(Reason.UNREADABLE, error=e.strerror or e) from e
    if not data.strip():
        raise InputError.because(Reason.WHITESPACE_FILE if data else Reason.EMPTY_FILE)
    if kind := describe_binary(data):
        raise InputError.because(Reason.BINARY, kind=kind)
    decoded = decode_bytes(data)
    if not decoded.text.strip():
        raise InputError.because(Reason.WHITESPACE_FILE)
    notes = decoded.notes()
    for item in _READERS[source.path.suffix.lower()](source, decoded.text, settings.boilerplate):
        if notes and isinstance(item, _Draft):
            item = dataclasses.replace(item, metadata={**notes, **item.metadata})
        yield item


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _screen(draft: _Draft, source: _Source, limits: InputSettings) -> ReadFailure | None:
    """A ReadFailure when the article is too long to process or not in the pipeline's language."""
    where = source.where
    if len(draft.text) > limits.max_chars:
        return ReadFailure.because(
            draft.id, where, Reason.ARTICLE_TOO_LONG, chars=len(draft.text), limit=limits.max_chars
        )
    if len(draft.text) >= limits.min_language_chars:
        found = detect_language(draft.text)
        if found.code != limits.language and found.probability >= limits.min_language_probability:
            return ReadFailure.because(
                draft.id,
                where,
                Reason.OTHER_LANGUAGE,
                code=found.code,
                probability=found.probability,
                language=limits.language,
            )
    return None


def _read_plain(source: _Source, text: str, boilerplate: Boilerplate) -> Iterator[_Draft]:
    text = clean_text(text, boilerplate)
    if not text.strip():
        raise InputError.because(Reason.ONLY_BOILERPLATE)
    # A Markdown heading ("# Title") is read without its markers.
    first_line = next(line for line in text.split("\n") if line.strip()).strip().lstrip("#").strip()
    title = first_line if looks_like_title(first_line) else None
    yield _Draft(source.id, text, title=title)


def _read_html(source: _Source, html: str, boilerplate: Boilerplate) -> Iterator[_Draft]:
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        # Dates only from the page's markup: a date found in the body is an event date, and
        # dates written at the top of the text are found later as a dateline.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError.because(Reason.HTML_WITHOUT_TEXT)
    words = doc.text.split()
    if len(words) < _MIN_HTML_WORDS:
        # What trafilatura falls back to on a page without an article: a menu, a cookie notice.
        raise InputError.because(Reason.HTML_FEW_WORDS, count=len(words), words=" ".join(words))
    title = (doc.title or "").strip() or None
    body = doc.text
    head, _, rest = body.partition("\n")
    if title and head.strip() == title:
        body = rest  # trafilatura repeats the page heading as the first line of the text
    metadata = {name: value for name in _HTML_METADATA_FIELDS if (value := getattr(doc, name, None))}
    yield _Draft(
        source.id, _compose(title, body, boilerplate), title=title, published=doc.date, url=doc.url, metadata=metadata
    )


def _read_json(source: _Source, text: str, boilerplate: Boilerplate) -> Iterator[_Draft | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise InputError.because(Reason.INVALID_JSON, error=e) from e
    if not isinstance(data, list):
        yield _record(data, source, source.id, "", boilerplate)
        return
    if not data:
        raise InputError.because(Reason.EMPTY_JSON_LIST)
    for index, item in enumerate(data):
        yield _record(item, source, f"{source.id}:{index}", f"item {index}: ", boilerplate)


def _read_jsonl(source: _Source, text: str, boilerplate: Boilerplate) -> Iterator[_Draft | ReadFailure]:
    # Split on "\n" only: str.splitlines would also split at U+2028 inside JSON strings.
    for number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield _jsonl_item(source, number, line, boilerplate)


def _jsonl_item(source: _Source, number: int, line: str, boilerplate: Boilerplate) -> _Draft | ReadFailure:
    position_id, where = f"{source.id}:{number}", f"line {number}: "
    try:
        item = json.loads(line)
    except json.JSONDecodeError as e:
        return ReadFailure.because(position_id, source.where, Reason.INVALID_JSON_LINE, where=where, error=e)
    return _record(item, source, position_id, where, boilerplate)


def _stream_jsonl(source: _Source, boilerplate: Boilerplate) -> Iterator[_Draft | ReadFailure] | None:
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
    return _jsonl_lines(source, handle, head, boilerplate)


def _jsonl_lines(
    source: _Source, handle: IO[bytes], head: bytes, boilerplate: Boilerplate
) -> Iterator[_Draft | ReadFailure]:
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
            item = _jsonl_item(source, number, decoded.text, boilerplate)
            notes = decoded.notes()
            if notes and isinstance(item, _Draft):
                item = dataclasses.replace(item, metadata={**notes, **item.metadata})
            yield item
        if not seen_text:
            raise InputError.because(Reason.WHITESPACE_FILE)


def _read_csv(source: _Source, text: str, boilerplate: Boilerplate) -> Iterator[_Draft | ReadFailure]:
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
        names = _csv_field_names(header)
        if "text" not in names:
            raise InputError.because(Reason.CSV_WITHOUT_TEXT_COLUMN, columns=", ".join(header))
        rows = 0
        for number, row in enumerate(reader, 1):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            position_id, where = f"{source.id}:{number}", f"row {number}: "
            if len(row) != len(names):
                yield ReadFailure.because(
                    position_id,
                    source.where,
                    Reason.CSV_ROW_LENGTH,
                    where=where,
                    fields=len(row),
                    expected=len(names),
                    line=reader.line_num,
                )
                continue
            yield _record(dict(zip(names, row)), source, position_id, where, boilerplate)
    except csv.Error as e:
        raise InputError.because(Reason.CSV_ERROR, line=reader.line_num, error=e) from e
    if rows == 0:
        raise InputError.because(Reason.CSV_WITHOUT_ROWS)


def _csv_field_names(header: list[str]) -> list[str]:
    """Map CSV column names to record fields: known names lower-cased, `date` as `published`."""
    lowered = [name.lower() for name in header]
    names = [low if low in _RECORD_FIELDS else name for name, low in zip(header, lowered)]
    if "published" not in lowered and "date" in lowered:
        names[lowered.index("date")] = "published"
    return names


_READERS: dict[str, Callable[[_Source, str, Boilerplate], Iterator[_Draft | ReadFailure]]] = {
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


def _record(item: Any, source: _Source, position_id: str, where: str, boilerplate: Boilerplate) -> _Draft | ReadFailure:
    """A draft from one article record, or a ReadFailure saying what is wrong with it."""
    doc_id = _record_id(item) or position_id
    try:
        return _record_draft(item, doc_id, boilerplate)
    except InputError as e:
        return ReadFailure(doc_id, source.where, e.status, f"{where}{e}")


def _record_id(item: Any) -> str | None:
    value = item.get("id") if isinstance(item, dict) else None
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _record_draft(item: Any, doc_id: str, boilerplate: Boilerplate) -> _Draft:
    if not isinstance(item, dict):
        raise InputError.because(Reason.RECORD_NOT_AN_OBJECT, kind=type(item).__name__)
    if "text" not in item:
        raise InputError.because(Reason.RECORD_WITHOUT_TEXT)
    body = item["text"]
    if not isinstance(body, str):
        raise InputError.because(Reason.FIELD_NOT_A_STRING, field="text", kind=type(body).__name__)
    title, published, url = (_optional_string(item, name) for name in ("title", "published", "url"))
    metadata = {key: value for key, value in item.items() if key not in _RECORD_FIELDS}
    return _Draft(
        doc_id, _compose(title, body, boilerplate), title=title, published=published, url=url, metadata=metadata
    )


def _optional_string(item: Mapping[str, Any], name: str) -> str | None:
    value = item.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError.because(Reason.FIELD_NOT_A_STRING, field=name, kind=type(value).__name__)
    return value.strip() or None


def _compose(title: str | None, body: str, boilerplate: Boilerplate) -> str:
    """The article text: the cleaned body, after the title and a blank line when there is one."""
    body = clean_text(body, boilerplate)
    if not body.strip():
        raise InputError.because(Reason.EMPTY_ARTICLE)
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
