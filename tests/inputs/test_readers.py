"""Tests of pipeline.inputs.readers: every input format, ids, publication dates, failures."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tracemalloc
from pathlib import Path

import fsspec
import pytest

from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.inputs.articles import Article, ReadFailure
from pipeline.inputs.readers import InputSettings, count_inputs, iter_inputs, read_metadata_file
from tests.bad_inputs import ARTICLE, write_bad_inputs
from tests.conftest import ROOT, SEEDS, SHARED

SEED = SEEDS / "000_0505f443712aae99.txt"
DEFAULT = InputSettings.default()
BODY = "The mayors of Mombasa and Kristiansand signed a memorandum of understanding on Tuesday."

HTML = """<html><head>
<title>Cities sign MOU | City News</title>
<meta property="og:title" content="Cities sign MOU">
<meta property="article:published_time" content="2021-05-12T10:00:00+00:00">
<link rel="canonical" href="https://example.org/mou">
</head><body><nav>Home | About</nav>
<article><h1>Cities sign MOU</h1>
<p>The mayors of Mombasa and Kristiansand signed a memorandum of understanding on Tuesday,
committing both cities to exchanges.</p>
<p>The agreement covers youth programmes and police cooperation for three years.</p>
</article><footer>Copyright</footer></body></html>"""


def read(*inputs, **options) -> list[Article | ReadFailure]:
    return list(iter_inputs(list(inputs), **options))


def read_one(path, **options) -> Article | ReadFailure:
    (item,) = read(path, **options)
    return item


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


# --- plain text ---------------------------------------------------------------------------


def test_seed_text_file():
    article = read_one(SEED)
    assert isinstance(article, Article)
    assert article.id == SEED.name
    assert article.path == str(SEED)
    assert article.title == "Mombasa and Kristiansand leaders sign Memorandum of Understanding"
    assert article.text.startswith(article.title + "\n\n")
    assert article.text.endswith("to the room of young activists.")
    assert (article.published, article.published_source) == (None, None)


def test_text_without_title_line(tmp_path):
    article = read_one(write(tmp_path / "a.txt", BODY + "\n\nMore text.\n"))
    assert article.title is None
    assert article.text == BODY + "\n\nMore text."


def test_markdown_heading_is_title(tmp_path):
    article = read_one(write(tmp_path / "a.md", "# Cities sign MOU\n\n" + BODY))
    assert article.title == "Cities sign MOU"
    assert article.text.startswith("# Cities sign MOU")


def test_crlf_and_bom_text(tmp_path):
    article = read_one(write(tmp_path / "a.txt", b"\xef\xbb\xbfCities sign MOU\r\n\r\n" + BODY.encode() + b"\r\n"))
    assert article.text == "Cities sign MOU\n\n" + BODY


def test_legacy_encoding_is_detected(tmp_path):
    text = "The mayors of Genève and Zürich met at a café and signed a memorandum, said the city’s spokesperson."
    article = read_one(write(tmp_path / "a.txt", text.encode("cp1252")))
    assert isinstance(article, Article)
    assert article.text == text


def test_undecodable_file(tmp_path):
    # A UTF-16 byte-order mark, then a high surrogate with no low surrogate after it.
    failure = read_one(write(tmp_path / "a.txt", b"\xff\xfe" + "Mayor ".encode("utf-16-le") + b"\x00\xd8A\x00"))
    assert failure == ReadFailure(
        "a.txt",
        str(tmp_path / "a.txt"),
        "failed_decode",
        "looks like UTF-16-LE with a byte-order mark but byte 12 is invalid; save the file as UTF-8",
    )


@pytest.mark.parametrize("content", ["", "  \n\t\n", "Share this:\nLike this:\n"])
def test_empty_text_file(tmp_path, content):
    failure = read_one(write(tmp_path / "a.txt", content))
    assert isinstance(failure, ReadFailure)
    assert failure.status == "skipped_empty"


# --- folders, ids, unsupported and unreadable files ---------------------------------------


def test_folder_walk_ids_order_and_hidden(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", BODY)
    write(root / "a" / "z.txt", BODY)
    write(root / "a" / "c.md", BODY)
    write(root / ".hidden.txt", BODY)
    write(root / ".git" / "x.txt", BODY)
    single = write(tmp_path / "other" / "single.txt", BODY)
    items = read(root, single)
    assert [(i.id, i.path) for i in items] == [
        ("a/c.md", str(root / "a" / "c.md")),
        ("a/z.txt", str(root / "a" / "z.txt")),
        ("b.txt", str(root / "b.txt")),
        ("single.txt", str(single)),
    ]
    assert all(isinstance(i, Article) for i in items)


def test_unsupported_extension(tmp_path):
    failure = read_one(write(tmp_path / "report.pdf", b"%PDF-1.4"))
    assert failure.status == "skipped_unsupported"
    assert failure.id == "report.pdf"
    assert "'.pdf'" in failure.reason and ".txt" in failure.reason


def test_missing_input_and_broken_symlink(tmp_path):
    (tmp_path / "link.txt").symlink_to(tmp_path / "gone.txt")
    missing, broken = read(tmp_path / "nothing.txt", tmp_path / "link.txt")
    assert (missing.status, missing.reason) == ("failed", "no such file or folder")
    assert (broken.status, broken.reason) == ("failed", "broken symbolic link: its target does not exist")


def test_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    failure = read_one(fifo)
    assert (failure.status, failure.reason) == ("failed", "not a regular file or folder")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = write(tmp_path / "a.txt", BODY)
    path.chmod(0)
    try:
        failure = read_one(path)
    finally:
        path.chmod(0o644)
    assert failure.status == "failed"
    assert failure.reason.startswith("cannot read file")


# --- HTML -----------------------------------------------------------------------------------


def test_html_page(tmp_path):
    article = read_one(write(tmp_path / "page.html", HTML))
    assert article.title == "Cities sign MOU"
    assert article.text.startswith("Cities sign MOU\n\nThe mayors of Mombasa")
    assert article.text.count("Cities sign MOU") == 1
    assert "Home | About" not in article.text and "Copyright" not in article.text
    assert (article.published, article.published_source) == ("2021-05-12", "metadata")
    assert article.url == "https://example.org/mou"


def test_html_without_main_text(tmp_path):
    failure = read_one(write(tmp_path / "page.htm", "<html><head><title>x</title></head><body></body></html>"))
    assert (failure.status, failure.reason) == ("skipped_empty", "HTML page has no main text")


# --- JSON and JSONL ----------------------------------------------------------------------------


def test_json_object(tmp_path):
    record = {
        "id": 7,
        "title": "Cities sign MOU",
        "text": BODY + "\n\nShare this:",
        "published": "2021-05-27T22:51:55+00:00",
        "url": "https://example.org/a",
        "source": "wire",
    }
    article = read_one(write(tmp_path / "a.json", json.dumps(record)))
    assert article.id == "7"
    assert article.text == "Cities sign MOU\n\n" + BODY
    assert (article.published, article.published_source) == ("2021-05-27", "metadata")
    assert article.url == "https://example.org/a"
    assert article.metadata == {"source": "wire"}


def test_json_list_ids_and_record_failures(tmp_path):
    records = [{"text": BODY}, {"title": "No text"}, {"text": 5}, {"text": "  "}, "just a string"]
    items = read(write(tmp_path / "d" / "list.json", json.dumps(records)))
    assert [(i.id, type(i).__name__) for i in items] == [
        ("list.json:0", "Article"),
        ("list.json:1", "ReadFailure"),
        ("list.json:2", "ReadFailure"),
        ("list.json:3", "ReadFailure"),
        ("list.json:4", "ReadFailure"),
    ]
    assert items[0].title is None and items[0].text == BODY
    assert (items[1].status, items[1].reason) == ("failed", "item 1: article record has no 'text' field")
    assert (items[2].status, items[2].reason) == ("failed", "item 2: article 'text' is a int, not a string")
    assert (items[3].status, items[3].reason) == ("skipped_empty", "item 3: article text is empty")
    assert items[4].reason == "item 4: article record is a JSON str, not an object"


def test_malformed_json(tmp_path):
    failure = read_one(write(tmp_path / "a.json", '{"title": "x" "text": "y"}'))
    assert failure.status == "failed"
    assert failure.reason == "invalid JSON: Expecting ',' delimiter: line 1 column 15 (char 14)"


def test_empty_json_list(tmp_path):
    assert read_one(write(tmp_path / "a.json", "[]")).status == "skipped_empty"


def test_jsonl_bad_line_does_not_stop_good_lines(tmp_path):
    lines = [
        json.dumps({"id": "one", "text": BODY}),
        '{"id": "two", "text": "x",',
        "",
        json.dumps({"text": "Third\u2028article."}),
    ]
    good, bad, third = read(write(tmp_path / "a.jsonl", "\n".join(lines) + "\n"))
    assert good.id == "one" and good.text == BODY
    assert bad == ReadFailure(
        "a.jsonl:2",
        str(tmp_path / "a.jsonl"),
        "failed",
        "line 2: Expecting property name enclosed in double quotes: line 1 column 27 (char 26)",
    )
    assert third.id == "a.jsonl:4" and third.text == "Third\u2028article."


# --- CSV --------------------------------------------------------------------------------------


def test_csv_rows(tmp_path):
    content = (
        "url,Date,Title,text,section\n"
        'https://example.org/1,2021-05-12,Cities sign MOU,"First '
        'line, with comma\n\nsecond ""quoted"" paragraph",world\n'
        ",,,,\n"
        "https://example.org/3,,,Short text,local\n"
    )
    first, third = read(write(tmp_path / "news.csv", content))
    assert first.id == "news.csv:1"
    assert first.text == 'Cities sign MOU\n\nFirst line, with comma\n\nsecond "quoted" paragraph'
    assert (first.published, first.published_source, first.url) == ("2021-05-12", "metadata", "https://example.org/1")
    assert first.metadata == {"section": "world"}
    assert third.id == "news.csv:3" and third.title is None and third.published is None


def test_csv_id_column_and_bad_row(tmp_path):
    content = "id,text\nart-1,Some text\nart-2,Other,extra\n"
    good, bad = read(write(tmp_path / "a.csv", content))
    assert good.id == "art-1"
    assert (bad.id, bad.status) == ("a.csv:2", "failed")
    assert bad.reason == "row 2: 3 fields where the header has 2 (line 3)"


def test_csv_without_text_column(tmp_path):
    failure = read_one(write(tmp_path / "a.csv", "title,body\nx,y\n"))
    assert (failure.id, failure.status) == ("a.csv", "failed")
    assert failure.reason == "CSV file has no 'text' column (columns: title, body)"


# --- publication dates --------------------------------------------------------------------------


def test_published_source_priority(tmp_path):
    folder = tmp_path / "in"
    write(folder / "own.json", json.dumps({"text": "Published: 1 June 2021\n\n" + BODY, "published": "2021-05-01"}))
    write(folder / "listed.txt", "Published: 1 June 2021\n\n" + BODY)
    write(folder / "dateline.txt", "NAIROBI, June 1, 2021 (Reuters) - " + BODY)
    write(folder / "no-year.txt", "KISUMU, Kenya, March 3 (Xinhua) -- " + BODY)
    meta = write(
        tmp_path / "meta.csv",
        "id,published,url,title\nown.json,2021-05-02,,\nlisted.txt,2021-05-03,https://x.org/l,Listed\n",
    )
    items = {a.id: a for a in read(folder, metadata_file=meta, default_published="2021-05-04")}
    assert (items["own.json"].published, items["own.json"].published_source) == ("2021-05-01", "metadata")
    listed = items["listed.txt"]
    assert (listed.published, listed.published_source) == ("2021-05-03", "metadata_file")
    assert (listed.url, listed.title) == ("https://x.org/l", "Listed")
    assert (items["dateline.txt"].published, items["dateline.txt"].published_source) == ("2021-06-01", "dateline")
    assert (items["no-year.txt"].published, items["no-year.txt"].published_source) == ("2021-05-04", "default")


def test_metadata_file_matches_by_path(tmp_path):
    path = write(tmp_path / "a.txt", BODY)
    meta = write(tmp_path / "meta.csv", f"path,published\n{path},12 May 2021\n")
    assert read_metadata_file(meta)[str(path)]["published"] == "2021-05-12"
    article = read_one(path, metadata_file=meta)
    assert (article.published, article.published_source) == ("2021-05-12", "metadata_file")


def test_unparseable_own_date_is_kept_and_skipped(tmp_path):
    article = read_one(
        write(tmp_path / "a.json", json.dumps({"text": BODY, "published": "sometime"})), default_published="2021-01-02"
    )
    assert (article.published, article.published_source) == ("2021-01-02", "default")
    assert article.metadata == {"published_raw": "sometime"}


def test_bad_options_raise(tmp_path):
    with pytest.raises(InputError, match="not a date"):
        iter_inputs([], default_published="soon")
    with pytest.raises(InputError, match="'published' column"):
        iter_inputs([], metadata_file=write(tmp_path / "m.csv", "id,date\na,2021-01-01\n"))
    with pytest.raises(InputError, match="line 2: 'later' is not a date"):
        read_metadata_file(write(tmp_path / "m2.csv", "id,published\na,later\n"))


# --- shared data sets ---------------------------------------------------------------------------


def test_devset_articles():
    path = shared("devset", "articles.jsonl")
    items = read(path)
    assert len(items) == 55 and all(isinstance(i, Article) for i in items)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    first = items[0]
    assert first.id == "sd-2021-05-27-somalia-s-electoral-agreement"
    assert (first.published, first.published_source) == ("2021-05-27", "metadata")
    assert first.text.startswith(first.title + "\n\n")
    # Gold offsets are defined on title + blank line + text: nothing may change.
    assert [a.text for a in items] == [f"{r['title']}\n\n{r['text']}" for r in records]
    assert set(first.metadata) == {"source", "licence"}


def test_wikinews_csvs():
    folder = shared("wikinews")
    items = read(folder / "wikinews_2019.csv", folder / "wikinews_2020.csv")
    assert all(isinstance(i, Article) for i in items)
    assert sum(i.id.startswith("wikinews_2019.csv:") for i in items) == 171
    assert sum(i.id.startswith("wikinews_2020.csv:") for i in items) == 124
    assert len({i.id for i in items}) == len(items)
    assert all(i.published_source == "metadata" and i.url and i.title for i in items)
    assert items[0].published == "2019-01-04"


# --- bad input: every case gets a specific status and reason --------------------------------


def test_every_bad_input_case_is_accounted_for(tmp_path):
    expected = write_bad_inputs(tmp_path / "in")
    items = {item.id: item for item in read(tmp_path / "in")}
    assert sorted(items) == sorted(expected)
    for doc_id, want in expected.items():
        item = items[doc_id]
        if want.status in ("ok", "duplicate"):  # decided after reading, by the run
            assert isinstance(item, Article), (doc_id, item)
            if want.status == "ok":
                assert want.fragment in json.dumps(dict(item.metadata), ensure_ascii=False), (doc_id, item.metadata)
        else:
            assert isinstance(item, ReadFailure), (doc_id, item)
            assert (item.status, want.fragment in item.reason) == (want.status, True), (doc_id, item.reason)


def test_decoded_texts_match_the_original(tmp_path):
    write_bad_inputs(tmp_path / "in")
    items = {item.id: item for item in read(tmp_path / "in")}
    for name, city in (
        ("utf-16-bom.txt", "Toulouse"),
        ("utf-16-le-no-bom.txt", "Lille"),
        ("utf-16-be-no-bom.txt", "Rennes"),
    ):
        assert items[name].text == ARTICLE.replace("Lyon", city), name
    assert items["latin-1.txt"].text == ARTICLE.replace("Lyon", "Nîmes")
    assert items["mojibake.txt"].text == ARTICLE.replace("Lyon", "Besançon")
    assert items["windows-1252.txt"].text == ARTICLE.replace("signed", "“signed”")
    invalid = items["invalid-utf8.txt"].text
    assert "Rôche" in invalid and "Besançon" in invalid and invalid.endswith("Contact: \ufffd\ufffd desk")


def test_size_limits(tmp_path):
    path = write(tmp_path / "long.txt", ARTICLE * 3)
    too_long = read_one(path, settings=dataclasses.replace(DEFAULT, max_chars=len(ARTICLE)))
    assert too_long.status == "skipped_too_large"
    assert f"{len(ARTICLE * 3):,} characters, above the {len(ARTICLE):,} limit" in too_long.reason
    too_big = read_one(path, settings=dataclasses.replace(DEFAULT, max_file_bytes=100))
    assert too_big.status == "skipped_too_large"
    assert "above the 0.0 MiB limit (raise it with --set input.max_file_mb=N)" in too_big.reason
    assert isinstance(read_one(path), Article)


def test_short_texts_are_not_judged_by_language(tmp_path):
    article = read_one(write(tmp_path / "a.txt", "Der Bürgermeister unterschreibt."))
    assert isinstance(article, Article)
    settings = dataclasses.replace(DEFAULT, min_language_chars=10)
    assert read_one(tmp_path / "a.txt", settings=settings).status == "skipped_language"


def test_input_settings_from_config():
    settings = InputSettings.from_config(load_config(overrides={"input.max_file_mb": 2, "input.max_chars": 10}))
    assert (settings.max_file_bytes, settings.max_chars, settings.language) == (2 * 2**20, 10, "en")
    assert settings.boilerplate and all(p.id for p in settings.boilerplate)


def test_boilerplate_comes_from_the_config_rule_folder(tmp_path):
    models = tmp_path / "models"
    shutil.copytree(ROOT / "models", models)
    (models / "boilerplate.yaml").write_text(
        "- id: test.ads\n  pattern: 'ZQX BANNER LINE'\n  scope: line\n", encoding="utf-8"
    )
    settings = InputSettings.from_config(load_config(overrides={"paths.models": str(models)}))
    path = write(tmp_path / "a.txt", f"Title\n\nZQX BANNER LINE\n\n{BODY}")
    assert "ZQX BANNER LINE" not in read_one(path, settings=settings).text
    assert "ZQX BANNER LINE" in read_one(path).text


# --- remote inputs (fsspec URLs) -------------------------------------------------------------


def test_fsspec_url_folder_is_walked_like_a_local_one():
    fs = fsspec.filesystem("memory")
    fs.mkdir("/news/sub")
    fs.pipe("/news/b.txt", BODY.encode())
    fs.pipe("/news/sub/a.json", json.dumps({"id": "a1", "text": BODY + " Again."}).encode())
    fs.pipe("/news/.hidden.txt", BODY.encode())
    fs.pipe("/news/notes.docx", b"PK\x03\x04")
    try:
        items = read("memory://news")
        assert [(type(i).__name__, i.id, i.path) for i in items] == [
            ("Article", "b.txt", "memory:///news/b.txt"),
            ("ReadFailure", "notes.docx", "memory:///news/notes.docx"),
            ("Article", "a1", "memory:///news/sub/a.json"),
        ]
        assert items[0].text == BODY
        (single,) = read("memory://news/b.txt")
        assert (single.id, single.text) == ("b.txt", BODY)
        (missing,) = read("memory://news/none.txt")
        assert (missing.status, missing.reason) == ("failed", "no such file or folder")
    finally:
        fs.rm("/news", recursive=True)


def test_url_without_an_installed_backend_is_a_failure_not_a_crash():
    (failure,) = read("nosuchprotocol://bucket/news")
    assert failure.status == "failed" and failure.reason.startswith("cannot open nosuchprotocol://bucket/news")


# --- counting inputs for progress display ------------------------------------------------------


def test_count_inputs_counts_one_per_file_item_line_and_row(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\nnot json\n', encoding="utf-8")
    (tmp_path / "c.json").write_text('[{"text": "x"}, {"text": "y"}]', encoding="utf-8")
    (tmp_path / "d.csv").write_text('id,text\n1,"two\nlines"\n2,b\n,\n', encoding="utf-8")
    (tmp_path / "e.json").write_text("{broken", encoding="utf-8")
    (tmp_path / "f.docx").write_bytes(b"PK")
    assert count_inputs([tmp_path]) == 1 + 3 + 2 + 2 + 1 + 1
    assert count_inputs([tmp_path]) == len(read(tmp_path))
    assert count_inputs(["memory://news", tmp_path]) is None


# --- JSONL archives are read line by line -------------------------------------------------------


def test_a_jsonl_archive_is_read_one_line_at_a_time(tmp_path):
    body = " ".join([BODY] * 240)  # about 20 KB an article
    path = tmp_path / "archive.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(1000):
            fh.write(json.dumps({"id": f"a{n}", "text": f"{body} Copy {n}."}) + "\n")
    assert path.stat().st_size > 20 * 2**20
    tracemalloc.start()
    try:
        count = 0
        for item in iter_inputs([path]):
            assert isinstance(item, Article), item
            count += 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 1000
    assert peak < 4 * 2**20  # a whole-file read would hold the 20 MB (and more as text)


def test_jsonl_lines_are_decoded_one_by_one_with_their_own_notes(tmp_path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "good", "text": BODY}).encode()
    text = BODY + " Zürich, Besançon, Malmö. Contact: XX desk"
    broken = json.dumps({"id": "broken", "text": text}, ensure_ascii=False).encode().replace(b"XX", b"\xff\xfe")
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + broken + b"\n")
    first, second = read(path)
    assert (first.id, dict(first.metadata)) == ("good", {})
    assert (second.id, second.metadata["invalid_bytes_replaced"]) == ("broken", 2)


def test_a_utf16_jsonl_file_is_still_read(tmp_path):
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"id": f"w{n}", "text": BODY}, ensure_ascii=False) for n in range(2)]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    assert [(type(i).__name__, i.id) for i in read(path)] == [("Article", "w0"), ("Article", "w1")]
