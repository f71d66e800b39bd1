import fsspec
import pytest

from pipeline.dataset.journal import journal_path
from pipeline.dataset.storage import OutputTarget
from pipeline.errors import OutputError
from pipeline.urls import is_remote, local_path


@pytest.fixture
def memory_fs():
    fs = fsspec.filesystem("memory")
    yield fs
    if fs.exists("/datasets"):
        fs.rm("/datasets", recursive=True)


def test_urls_are_remote_and_file_urls_and_paths_are_local(tmp_path):
    assert is_remote("s3://bucket/out") and is_remote("memory://x")
    assert not is_remote("out/") and not is_remote(tmp_path) and not is_remote("file:///tmp/out")
    assert local_path("file:///tmp/out") == local_path("/tmp/out")


def test_a_local_output_is_written_in_place_with_its_journal_beside_it(tmp_path):
    target = OutputTarget.open(tmp_path / "out")
    assert (target.dataset_dir, target.journal, target.url) == (tmp_path / "out", journal_path(tmp_path / "out"), None)
    target.publish()  # nothing to upload
    assert not (tmp_path / "out").exists()


def test_a_url_output_is_staged_locally_then_replaces_what_the_url_held(memory_fs, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    memory_fs.pipe("/datasets/run/stale.csv", b"from an earlier run")
    target = OutputTarget.open("memory://datasets/run/")
    assert target.url == "memory://datasets/run"
    assert target.journal.parent == tmp_path / "cache" / "agreements"
    (target.dataset_dir / "tables").mkdir(parents=True)
    (target.dataset_dir / "tables" / "documents.csv").write_text("id\na\n")
    (target.dataset_dir / "manifest.json").write_text("{}")
    target.publish()
    assert sorted(memory_fs.find("/datasets/run")) == [
        "/datasets/run/manifest.json",
        "/datasets/run/tables/documents.csv",
    ]
    assert memory_fs.cat("/datasets/run/tables/documents.csv") == b"id\na\n"
    staging = target.dataset_dir
    target.close()
    assert not staging.exists() and not staging.parent.exists()


def test_two_urls_keep_separate_journals():
    first, second = OutputTarget.open("memory://a/run"), OutputTarget.open("memory://b/run")
    first.close(), second.close()
    assert first.journal != second.journal


def test_a_url_without_an_installed_backend_is_an_output_error():
    with pytest.raises(OutputError, match="cannot write to nosuchprotocol://bucket/out"):
        OutputTarget.open("nosuchprotocol://bucket/out")
