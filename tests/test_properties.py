"""Property-based tests (hypothesis) over arbitrary text, article JSON and input folders.

1. No article text makes a pipeline stage fail, and every record produced serialises to strict
   JSON that the schema accepts, with evidence offsets that quote the document text.
2. Reading arbitrary .json / .jsonl files never raises and yields only Articles and
   ReadFailures: one per non-blank .jsonl line, one per item of a non-empty .json list.
3. `extract` over a folder of arbitrary files (arbitrary names, bytes, text, JSON) writes one
   documents-table row per input and a dataset that `validate_dataset` finds nothing wrong with;
   also checked for the reading half alone (many more folders, no model), and for folders of
   article records whose ids collide.

Runs are derandomized (the same examples on every run, no example database), so CI is
reproducible. Strategies are wrapped in small named functions so that failure reports stay short.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from pipeline.inputs.articles import PUBLISHED_SOURCES, Article, ReadFailure
from pipeline.inputs.decoding import readable_line_by_line
from pipeline.inputs.readers import SUPPORTED_EXTENSIONS, iter_inputs

ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# derandomize: a fixed sequence of examples on every run; database=None: nothing is written to
# .hypothesis/ and no example found on another machine is replayed.
COMMON = {"derandomize": True, "database": None, "deadline": None, "print_blob": True}
SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
# For tests that run the whole `extract` (about half a second an example): no explain phase,
# which re-runs a failing example many times over to say which parts of it matter.
NO_EXPLAIN = tuple(phase for phase in Phase if phase is not Phase.explain)


# --- strategies: article text ----------------------------------------------------------------

FRAGMENTS = [
    "signed a memorandum of understanding",
    "signed a Memorandum of Understanding (MOU)",
    "signed a sister city agreement",
    "signed a twinning agreement",
    "signed a cooperation agreement",
    "signed a letter of intent",
    "renewed the agreement",
    "will sign a partnership agreement",
    "the MOU",
    "the Artemis Accords",
    "Mayor",
    "Deputy Mayor",
    "Governor",
    "Hon.",
    "President",
    "Hassan Ali Joho",
    "Jørgen Kristiansen",
    "Jorgen Kristiansen",
    "Ann Lee",
    "Mombasa",
    "Mombasa, Kenya",
    "Kristiansand",
    "Kristiansand, Norway",
    "Springfield",
    "Lyon",
    "Oslo",
    "Nairobi",
    "Kisumu County",
    "Dayton, Ohio",
    "of",
    "and",
    "for",
    "in",
    "on",
    "the",
    "’s",
    "'s",
    "22 November",
    "November 22",
    "on Tuesday",
    "last week",
    "yesterday",
    "on 3 March 2021",
    "2021",
    "29 February",
    "31 April",
    "the 1990s",
    "NAIROBI, March 3, 2021 (Reuters) -",
    "Published: 12 May 2021",
    "Leave a Reply",
    "Your email address will not be published.",
    "youth exchanges",
    "trade",
    "education",
    "police cooperation",
    "(",
    ")",
    ",",
    ".",
    ":",
    "“",
    "”",
    "•",
    "- ",
    "#",
]

ODD_CHARACTERS = [
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200d",  # zero-width joiner
    "\u200b",  # zero-width space
    "\ufeff",  # byte order mark
    "\u00a0",  # no-break space
    "\u2028",  # line separator
    "\u2029",  # paragraph separator
    "\u0085",  # next line
    "\x0b",
    "\x0c",
    "\x1c",
    "\x00",
    "\x7f",
    "\r",
    "\r\n",
    "\u0301",  # combining acute accent
    "\U0001f91d",  # handshake
    "\U0001f1f0\U0001f1ea",  # flag: Kenya
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family (ZWJ sequence)
    "مومباسا",
    "وقعت مذكرة تفاهم",
    "עיר תאומה",
    "蒙巴萨",
    "Ⅻ",
    "٢٢",  # Arabic-Indic digits
    "ﬁ",  # ligature that changes length under NFKC
    "İ",  # changes length under lower()
    "ß",
]


def _whitespace_run(max_size: int) -> st.SearchStrategy[str]:
    return st.builds(
        lambda ch, n: ch * n,
        st.sampled_from([" ", "\n", "\t", "\r\n", "\u00a0", "\u3000", " \n", "\n\n\n"]),
        st.integers(min_value=1, max_value=max_size),
    )


_SEPARATOR = st.one_of(
    st.sampled_from([" ", " ", " ", "\n", "\n\n", ", ", ". ", "\t"]),
    st.sampled_from(ODD_CHARACTERS),
    _whitespace_run(200),
    st.text(max_size=4),
)
_FRAGMENT_SOUP = st.lists(
    st.tuples(st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(ODD_CHARACTERS), st.text(max_size=8)), _SEPARATOR),
    max_size=40,
).map(lambda pairs: "".join(a + b for a, b in pairs))


def _slot(*choices: str, max_size: int = 12) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(choices), st.text(max_size=max_size))


_SENTENCE = st.builds(
    "{} {} of {} and {} {} of {} {} a {} {} in {}.".format,
    _slot("Mayor", "Governor", "Deputy Mayor", "President", "Hon.", max_size=8),
    _slot("Hassan Ali Joho", "Ann Lee", "Jørgen Kristiansen", "Bo Chen"),
    _slot("Mombasa", "Kristiansand", "Springfield", "Lyon", "Oslo", "Kenya"),
    _slot("Mayor", "Governor", "Deputy Mayor", "President", "Hon.", max_size=8),
    _slot("Hassan Ali Joho", "Ann Lee", "Jørgen Kristiansen", "Bo Chen"),
    _slot("Mombasa", "Kristiansand", "Springfield", "Lyon", "Oslo", "Kenya"),
    _slot("signed", "renewed", "will sign", "plan to sign", "signed for", max_size=6),
    _slot(
        "memorandum of understanding",
        "Memorandum of Understanding (MOU)",
        "sister city agreement",
        "twinning agreement",
        "letter of intent",
        "cooperation agreement",
        "treaty",
    ),
    st.one_of(
        _slot(
            "on 22 November",
            "on Tuesday",
            "on 3 March 2021",
            "last week",
            "in 2019",
            "on November 22, 2017",
            "",
            max_size=10,
        ),
        st.dates().map(lambda d: f"on {d.day} {d.strftime('%B')} {d.year}"),
    ),
    _slot("Mombasa", "Kristiansand", "Springfield", "Lyon", "Oslo", "Kenya"),
)
# Built like the seed article: a title line, a blank line, then agreement sentences with noise between.
_AGREEMENT_ARTICLE = st.builds(
    lambda title, sentences, noise: title + "\n\n" + noise.join(sentences),
    _FRAGMENT_SOUP,
    st.lists(_SENTENCE, min_size=1, max_size=4),
    _SEPARATOR,
)
_ANY_TEXT = st.one_of(
    st.text(),  # every code point but surrogates, control characters included
    st.lists(st.sampled_from(ODD_CHARACTERS + [" ", "\n", "a", "."]), max_size=60).map("".join),
    _whitespace_run(3000),
    _FRAGMENT_SOUP,
    _AGREEMENT_ARTICLE,
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=30), _AGREEMENT_ARTICLE, _whitespace_run(3000)),
)


@st.composite
def agreement_articles(draw) -> str:
    """Text that reads partly like an agreement report: names, titles, places, dates, noise."""
    return draw(_AGREEMENT_ARTICLE)


@st.composite
def article_texts(draw) -> str:
    """Arbitrary Unicode, odd characters, long whitespace runs, agreement-like fragments."""
    return draw(_ANY_TEXT)


# --- strategies: JSON ------------------------------------------------------------------------

_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
_DATE_STRINGS = st.one_of(
    st.dates().map(dt.date.isoformat),
    st.datetimes().map(dt.datetime.isoformat),
    st.sampled_from(
        [
            "2021-02-30",
            "2021-13-01",
            "0000-01-01",
            "12 May 2021",
            "May 12, 2021",
            "yesterday",
            "Tuesday",
            "22 November",
            "2021",
            " 2021-05-12 ",
            "2021-05-12T25:00:00",
            "n/a",
            "",
        ]
    ),
    st.text(max_size=30),
)
# Names and ids from a small pool, so that two records, or a record and a file, sharing an id
# comes up (a file's id is its path relative to the folder given).
SHARED_NAMES = ["a", "ü"]
_SHARED_IDS = st.sampled_from(SHARED_NAMES + [name + ".txt" for name in SHARED_NAMES])
_FIELDS = {
    "text": st.one_of(_AGREEMENT_ARTICLE, _ANY_TEXT, _JSON),
    "title": st.one_of(st.none(), st.text(max_size=40), _FRAGMENT_SOUP, _JSON),
    "published": st.one_of(st.none(), _DATE_STRINGS, _JSON),
    "url": st.one_of(st.none(), st.text(max_size=30), _JSON),
    "id": st.one_of(_SHARED_IDS, st.sampled_from(["1", " ", ""]), st.text(max_size=10), st.integers(), _JSON),
}
_ARTICLE_RECORD = st.builds(
    lambda fields, extra: {**extra, **fields},
    st.fixed_dictionaries({}, optional=_FIELDS),
    st.dictionaries(st.text(max_size=8), _JSON, max_size=3),
)


@st.composite
def article_values(draw):
    """An article record (a dict that sometimes has text, title, published, url, id of any JSON
    type, plus other keys), or any JSON value at all."""
    return draw(st.one_of(_ARTICLE_RECORD, _ARTICLE_RECORD, _JSON))


@st.composite
def jsonl_lines(draw) -> str:
    """One line of a .jsonl file: an article value as JSON, text that is mostly not JSON, or a blank."""
    return draw(
        st.one_of(
            st.builds(lambda v, ascii_: json.dumps(v, ensure_ascii=ascii_), article_values(), st.booleans()),
            st.text(max_size=40).map(lambda s: s.replace("\n", "")),
            st.sampled_from(
                ["", " ", "\t", "\r", "\u00a0", "\u2028", "\x85", "\x1c", "{", "[]", "null", '{"text": 1}']
            ),
        )
    )


# --- checks shared by the reader tests -------------------------------------------------------


def _check_article(article: Article, path: Path) -> None:
    assert isinstance(article.id, str) and article.id.strip(), article
    assert article.path == str(path)
    assert isinstance(article.text, str) and article.text.strip(), article
    assert article.title is None or isinstance(article.title, str)
    assert article.url is None or isinstance(article.url, str)
    if article.title and path.suffix.lower() in (".json", ".jsonl"):
        # For JSON articles the document text is the title, a blank line, then the text.
        assert article.text.startswith(article.title + "\n\n"), article
    assert article.published_source in PUBLISHED_SOURCES
    assert (article.published is None) == (article.published_source is None), article
    if article.published is not None:
        assert ISO_DATE_RE.match(article.published), article
        dt.date.fromisoformat(article.published)
    json.dumps(dict(article.metadata), default=str)  # the writer stores it as JSON


def _check_failure(failure: ReadFailure, path: Path) -> None:
    assert isinstance(failure.id, str) and failure.id.strip(), failure
    assert failure.path == str(path)
    assert isinstance(failure.status, str) and failure.status not in ("", "ok", "no_agreement"), failure
    assert isinstance(failure.reason, str) and failure.reason.strip(), failure


def _check_item(item, path: Path) -> None:
    assert isinstance(item, (Article, ReadFailure)), item
    (_check_article if isinstance(item, Article) else _check_failure)(item, path)


def _file_text(data: bytes) -> str | None:
    """The text the readers split into articles, or None when the file is one input as a whole
    (empty, blank, binary or undecodable: a single ReadFailure)."""
    from pipeline.errors import InputError
    from pipeline.inputs.decoding import decode_bytes, describe_binary

    if not data.strip() or describe_binary(data):
        return None
    try:
        text = decode_bytes(data).text
    except InputError:
        return None
    return text if text.strip() else None


def _blank_line(line: bytes) -> bool:
    from pipeline.errors import InputError
    from pipeline.inputs.decoding import decode_bytes

    if not line.strip():
        return True
    try:
        return not decode_bytes(line.rstrip(b"\r\n")).text.strip()
    except InputError:
        return False


def _record_published(record) -> str | None:
    """The publication date an article record states in ISO form, if it does."""
    if isinstance(record, dict) and isinstance(record.get("published"), str):
        value = record["published"].strip()
        if ISO_DATE_RE.match(value):
            try:
                return dt.date.fromisoformat(value).isoformat()
            except ValueError:
                return None
    return None


def _read_one_file(name: str, data: bytes) -> tuple[Path, list]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        items = list(iter_inputs([path]))
    for item in items:
        _check_item(item, path)
    return path, items


# --- 1. process(): arbitrary text --------------------------------------------------------------


@pytest.mark.model
@settings(max_examples=400, suppress_health_check=SLOW_OK, **COMMON)
@given(
    articles=st.lists(
        st.tuples(article_texts(), st.none() | st.dates().map(dt.date.isoformat), st.none() | st.text(max_size=20)),
        min_size=1,
        max_size=3,
    ),
    # Texts longer than chunk_chars go through the model in pieces: offsets must not move.
    chunk_chars=st.one_of(st.just(100_000), st.integers(min_value=50, max_value=2_000)),
)
def test_any_text_gives_a_result_and_only_valid_records(nlp, articles, chunk_chars):
    from pipeline.dataset.records import record_to_dict
    from pipeline.dataset.schema import evidence_errors, record_validator
    from pipeline.runtime.processing import Batching
    from pipeline.runtime.run import process

    items = [
        Article(
            id=f"prop-{i}",
            path=f"prop/{i}.txt",
            text=text,
            title=title,
            published=published,
            published_source="metadata" if published else None,
        )
        for i, (text, published, title) in enumerate(articles)
    ]
    results = list(process(nlp, items, batching=Batching(batch_size=2, batch_chars=40_000, chunk_chars=chunk_chars)))

    assert [r.id for r in results] == [a.id for a in items]
    validator = record_validator()
    record_ids: set[str] = set()
    seen_texts: set[str] = set()
    for article, result in zip(items, results):
        assert result.article is article
        if article.text in seen_texts:
            # The same text as an earlier article is reported, not processed again.
            assert result.status == "duplicate" and not result.records, result
            continue
        seen_texts.add(article.text)
        # process() catches a stage that raises and reports the document as `failed`; for an
        # article's text (not a problem reading a file) that is a crash of the pipeline.
        assert result.status != "failed", (
            f"a stage failed on text={article.text!r} published={article.published!r} "
            f"chunk_chars={chunk_chars}: {result.reason}"
        )
        assert result.status in ("ok", "no_agreement"), result
        assert (result.status == "ok") == bool(result.records)
        event(f"status {result.status}" + (" (in pieces)" if len(article.text) > chunk_chars else ""))
        for record in result.records:
            record_dict = record_to_dict(record)
            # Strict JSON (no NaN or Infinity) on one line, reading back as the same object.
            line = json.dumps(record_dict, ensure_ascii=False, allow_nan=False)
            assert "\n" not in line
            loaded = json.loads(line)
            assert loaded == record_dict
            where = f"text={article.text!r} published={article.published!r} chunk_chars={chunk_chars}"
            assert validator.errors(loaded) == [], where
            assert evidence_errors(loaded, article.text) == [], where
            assert loaded["document"]["id"] == article.id
            assert loaded["document"]["sha256"] == article.sha256
            assert loaded["document"]["published"] == article.published
            assert loaded["record_id"] not in record_ids
            record_ids.add(loaded["record_id"])
        for entity in result.entities:
            assert 0 <= entity.start < entity.end <= len(article.text)
            assert article.text[entity.start : entity.end] == entity.text, (entity, chunk_chars)


# --- 2. iter_inputs(): arbitrary article JSON --------------------------------------------------


@settings(max_examples=400, suppress_health_check=SLOW_OK, **COMMON)
@given(
    content=st.one_of(
        article_values().map(lambda v: ("json", v)),
        st.lists(article_values(), max_size=5).map(lambda v: ("json", v)),
        st.text(max_size=60).map(lambda s: ("text", s)),
    ),
    ensure_ascii=st.booleans(),
    bom=st.booleans(),
)
def test_any_json_file_reads_to_one_item_per_article(content, ensure_ascii, bom):
    kind, value = content
    body = json.dumps(value, ensure_ascii=ensure_ascii) if kind == "json" else value
    data = (b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8")
    path, items = _read_one_file("in put ä.json", data)

    text = _file_text(data)
    try:
        parsed = json.loads(text) if text is not None else ValueError
    except ValueError:
        parsed = ValueError
    if isinstance(parsed, list) and parsed:
        # One article or failure per item of the list, in order.
        assert len(items) == len(parsed), (text, items)
        records = parsed
    else:
        assert len(items) == 1, (text, items)
        records = [parsed]
        if parsed is ValueError:
            assert isinstance(items[0], ReadFailure) and items[0].id == path.name, items
    for record, item in zip(records, items):
        if isinstance(item, Article) and (published := _record_published(record)):
            # The article's own date comes first.
            assert (item.published, item.published_source) == (published, "metadata"), (record, item)


@settings(max_examples=400, suppress_health_check=SLOW_OK, **COMMON)
@given(
    lines=st.lists(jsonl_lines(), max_size=8),
    newline=st.sampled_from(["\n", "\r\n"]),
    trailing_newline=st.booleans(),
    bom=st.booleans(),
)
def test_any_jsonl_file_reads_to_one_item_per_non_blank_line(lines, newline, trailing_newline, bom):
    body = newline.join(lines) + (newline if trailing_newline else "")
    data = (b"\xef\xbb\xbf" if bom else b"") + body.encode("utf-8")
    path, items = _read_one_file("arts ü.jsonl", data)

    text = _file_text(data)
    if text is None:
        # An empty, blank or binary file is one input that could not be read.
        assert len(items) == 1 and isinstance(items[0], ReadFailure) and items[0].id == path.name, items
        return
    numbered = [(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    assert len(items) == len(numbered), (text, items)
    for (number, line), item in zip(numbered, items):
        try:
            record = json.loads(line)
        except ValueError:
            # A bad line is reported with its line number.
            assert isinstance(item, ReadFailure) and f"line {number}" in item.reason, (line, item)
            continue
        if isinstance(item, ReadFailure):
            assert f"line {number}" in item.reason, (line, item)
        elif published := _record_published(record):
            assert (item.published, item.published_source) == (published, "metadata"), (line, item)


# --- 3. extract(): one documents-table row per input ------------------------------------------

SUBFOLDER = "sub dir é"
UNSUPPORTED_EXTENSIONS = ["", ".pdf", ".docx", ".bin", ".jsonl.bak"]
ONE_DOCUMENT_EXTENSIONS = [".txt", ".md", ".TXT", ".html", ".htm"] + UNSUPPORTED_EXTENSIONS
_STEMS = st.one_of(
    st.sampled_from(SHARED_NAMES),
    st.text(
        alphabet=st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="/\\"),
        min_size=1,
        max_size=16,
    ).filter(lambda s: len(s.encode("utf-8")) < 200 and s != SUBFOLDER),
)
# Mostly well-formed article records with ids from the small pool, so that articles that get
# processed, and two inputs with one id, both come up within a few examples.
_FOLDER_RECORD = st.builds(
    lambda fields, extra: {**extra, **fields},
    st.fixed_dictionaries(
        {"text": st.one_of(_AGREEMENT_ARTICLE, _ANY_TEXT), "id": st.one_of(_SHARED_IDS, _FIELDS["id"])},
        optional={k: v for k, v in _FIELDS.items() if k not in ("text", "id")},
    ),
    st.dictionaries(st.text(max_size=8), _JSON, max_size=2),
)
_FOLDER_VALUE = st.one_of(_FOLDER_RECORD, article_values())
_CONTENTS = st.one_of(
    st.tuples(st.sampled_from(ONE_DOCUMENT_EXTENSIONS), st.binary(max_size=200)),
    st.tuples(
        st.sampled_from(ONE_DOCUMENT_EXTENSIONS + [".json", ".jsonl", ".csv"]), st.text(max_size=200).map(str.encode)
    ),
    st.tuples(st.sampled_from([".txt", ".md"]), _AGREEMENT_ARTICLE.map(str.encode)),
    st.tuples(
        st.just(".json"),
        st.one_of(_FOLDER_VALUE, st.lists(_FOLDER_VALUE, max_size=3)).map(lambda v: json.dumps(v).encode()),
    ),
    st.tuples(
        st.just(".jsonl"),
        st.lists(st.one_of(_FOLDER_VALUE.map(json.dumps), jsonl_lines()), max_size=4).map(
            lambda ls: "\n".join(ls).encode()
        ),
    ),
    st.tuples(st.sampled_from([".json", ".jsonl", ".csv"]), st.binary(max_size=100)),
)


@st.composite
def input_files(draw) -> list[tuple[str, bytes, bool]]:
    """1-5 files as (name, content, in a subfolder): any name a file system takes (spaces,
    non-ASCII, leading dots), with bytes, text, an agreement article, JSON or JSONL in it."""
    drawn = draw(st.lists(st.tuples(_STEMS, _CONTENTS, st.booleans()), min_size=1, max_size=5))
    files, names = [], set()
    for stem, (ext, data), nested in drawn:
        name = stem + ext
        if (name, nested) not in names:
            names.add((name, nested))
            files.append((name, data, nested))
    return files


def _expected_rows(name: str, data: bytes) -> int | None:
    """Rows the documents table must have for one file; None where only "at least one" is known."""
    if name.startswith("."):
        return 0  # hidden files are skipped
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS or suffix in (".txt", ".md", ".html", ".htm"):
        return 1
    if suffix == ".csv":
        return None  # one per non-blank row, with quoted line breaks: not recounted here
    if suffix == ".jsonl" and readable_line_by_line(data[:65_536]):
        # Read line by line: one row per line that is not blank once decoded (a line that
        # cannot be decoded is a row too), or one row for a file with no text at all.
        return max(1, sum(1 for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n") if not _blank_line(line)))
    text = _file_text(data)
    if text is None:
        return 1
    if suffix == ".jsonl":
        return sum(1 for line in text.split("\n") if line.strip())
    try:
        parsed = json.loads(text)
    except ValueError:
        return 1
    return len(parsed) if isinstance(parsed, list) and parsed else 1


def _write_folder(root: Path, files: list[tuple[str, bytes, bool]]) -> tuple[Path, dict[str, int | None]]:
    folder = root / "in put ü"
    (folder / SUBFOLDER).mkdir(parents=True)
    expected: dict[str, int | None] = {}
    for name, data, nested in files:
        path = (folder / SUBFOLDER if nested else folder) / name
        path.write_bytes(data)
        expected[str(path)] = _expected_rows(name, data)
    return folder, expected


def _check_rows_per_path(paths: list[str], expected: dict[str, int | None]) -> None:
    rows_per_path = Counter(paths)
    assert set(rows_per_path) <= set(expected), "rows for paths that are not inputs"
    for path, n in expected.items():
        if n is None:
            assert rows_per_path[path] >= 1, path
        else:
            assert rows_per_path[path] == n, (path, rows_per_path[path], n)


@settings(max_examples=300, suppress_health_check=SLOW_OK, **COMMON)
@given(files=input_files())
def test_any_folder_reads_to_one_item_per_input(files):
    # The reading half of property 3, without the model, so it can try many more folders.
    with tempfile.TemporaryDirectory() as tmp:
        folder, expected = _write_folder(Path(tmp), files)
        items = list(iter_inputs([folder]))
    for item in items:
        _check_item(item, Path(item.path))
    _check_rows_per_path([item.path for item in items], expected)


@pytest.mark.model
@settings(max_examples=15, suppress_health_check=SLOW_OK, phases=NO_EXPLAIN, **COMMON)
@given(files=input_files(), published=st.none() | st.dates(min_value=dt.date(1900, 1, 1)).map(dt.date.isoformat))
def test_extract_writes_one_document_row_per_input_and_a_valid_dataset(files, published):
    from pipeline.dataset.reader import load_dataset
    from pipeline.dataset.validate import validate_dataset
    from pipeline.runtime.run import extract

    with tempfile.TemporaryDirectory() as tmp:
        folder, expected = _write_folder(Path(tmp), files)
        out = Path(tmp) / "out"
        manifest = extract([folder], out, published=published)
        dataset = load_dataset(out)
        problems = validate_dataset(out)
    documents = dataset.documents.astype(object)

    _check_rows_per_path(documents["path"].tolist(), expected)
    for row in documents.itertuples(index=False):
        assert isinstance(row.status, str) and row.status, row
        event(f"status {row.status}")
        if row.status != "ok":
            assert isinstance(row.reason, str) and row.reason.strip(), row
        if Path(row.path).suffix.lower() not in SUPPORTED_EXTENSIONS:
            assert row.status == "skipped_unsupported", row
    assert documents["id"].is_unique
    assert manifest["counts"]["documents"] == len(documents)
    # Records the pipeline makes are valid: none is rejected.
    assert dataset.rejects == [] and documents["n_rejected"].sum() == 0
    assert problems == []


@st.composite
def record_folders(draw) -> list[tuple[str, bytes, bool]]:
    """A few .json / .jsonl files of well-formed articles (and maybe .txt files) whose ids come
    from a pool of three: the case where two inputs claim one id."""
    pool = st.sampled_from(["a", "b", "a.txt"])
    # Small choices only: every example runs the whole pipeline, and shrinking stays quick.
    texts = st.sampled_from(
        [
            "Hello.",
            "The weather was fine in Oslo.",
            "Mayor Ann Lee of Lyon and Mayor Bo Chen of Springfield signed a twinning agreement on Monday.",
        ]
    )
    record = st.fixed_dictionaries({"text": texts}, optional={"id": st.one_of(pool, st.integers(0, 2))})
    files = []
    for index in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from([".json", ".jsonl", ".txt"]))
        if kind == ".txt":
            name, data = draw(st.sampled_from(["a.txt", "b.txt"])), draw(texts).encode()
        else:
            records = draw(st.lists(record, min_size=1, max_size=3))
            data = (json.dumps(records) if kind == ".json" else "\n".join(map(json.dumps, records))).encode()
            name = f"f{index}{kind}"
        files.append((name, data, False))
    return list({name: (name, data, nested) for name, data, nested in files}.values())


@pytest.mark.model
@settings(max_examples=8, suppress_health_check=SLOW_OK, phases=NO_EXPLAIN, **COMMON)
@given(files=record_folders())
def test_extract_gives_every_article_its_own_row_whatever_ids_the_records_claim(files):
    # Property 3 for inputs whose records name their own ids: still one row per input, and the
    # documents table (keyed by id) has no id twice.
    from pipeline.dataset.reader import load_dataset
    from pipeline.dataset.validate import validate_dataset
    from pipeline.runtime.run import extract

    with tempfile.TemporaryDirectory() as tmp:
        folder, expected = _write_folder(Path(tmp), files)
        out = Path(tmp) / "out"
        extract([folder], out)
        documents = load_dataset(out).documents.astype(object)
        problems = validate_dataset(out)

    _check_rows_per_path(documents["path"].tolist(), expected)
    assert documents["id"].is_unique
    assert problems == []
