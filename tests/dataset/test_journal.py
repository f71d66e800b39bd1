"""The run journal: results survive a killed run line by line and are reused only when unchanged."""

from __future__ import annotations

import dataclasses

from pipeline.dataset.journal import Journal, journal_path, result_key
from pipeline.dataset.records import DocumentResult, record_from_dict, record_to_dict
from tests.builders import TEXT, make_article, make_record, mention

PROVENANCE = make_record(make_article()).provenance


def ok_result(article) -> DocumentResult:
    entity = mention(TEXT, "Mombasa", "GPE", "Mombasa", None, "KE")
    return DocumentResult(article.id, article.path, "ok", None, article, (make_record(article),), (entity,))


def test_record_round_trips_through_its_dict():
    record = make_record(make_article())
    assert record_from_dict(record_to_dict(record)) == record


def test_key_changes_with_the_article_and_the_pipeline():
    article = make_article()
    key = result_key(article, PROVENANCE)
    assert result_key(make_article(), PROVENANCE) == key
    assert result_key(dataclasses.replace(article, published="2020-01-01"), PROVENANCE) != key
    assert result_key(dataclasses.replace(article, text=article.text + " More."), PROVENANCE) != key
    assert result_key(article, dataclasses.replace(PROVENANCE, rules_hash="other")) != key
    assert result_key(article, dataclasses.replace(PROVENANCE, config_hash="other")) != key


def test_results_are_reused_only_with_resume(tmp_path):
    path = journal_path(tmp_path / "out")
    assert path == tmp_path / ".out.journal.jsonl"
    article = make_article()
    key = result_key(article, PROVENANCE)
    with Journal(path, resume=False) as journal:
        journal.add(key, ok_result(article))
        journal.flush()
    with Journal(path, resume=True) as journal:
        assert journal.lookup(article, key) == ok_result(article)
        assert journal.lookup(article, "another key") is None
        assert journal.reused == 1
    with Journal(path, resume=False) as journal:
        assert journal.lookup(article, key) is None


def test_failed_documents_are_not_journaled(tmp_path):
    path = tmp_path / "journal.jsonl"
    article = make_article()
    with Journal(path, resume=False) as journal:
        journal.add("k", DocumentResult(article.id, article.path, "failed", "stage x failed", article))
    assert path.read_text(encoding="utf-8") == ""


def test_a_line_cut_short_by_a_kill_is_ignored_and_the_next_run_appends_cleanly(tmp_path):
    path = tmp_path / "journal.jsonl"
    first, second = make_article(), make_article("doc-2")
    with Journal(path, resume=False) as journal:
        journal.add("k1", ok_result(first))
    with open(path, "a", encoding="utf-8") as fh:
        fh.write('{"key": "k2", "status": "ok", "rec')  # what SIGKILL can leave
    with Journal(path, resume=True) as journal:
        assert journal.lookup(first, "k1") is not None
        assert journal.lookup(second, "k2") is None
        journal.add("k2", ok_result(second))
    with Journal(path, resume=True) as journal:
        assert journal.lookup(second, "k2") is not None


def test_complete_keeps_only_this_runs_documents(tmp_path):
    path = tmp_path / "journal.jsonl"
    old, kept, new = make_article("old"), make_article("kept"), make_article("new")
    with Journal(path, resume=False) as journal:
        journal.add("old", ok_result(old))
        journal.add("kept", ok_result(kept))
    with Journal(path, resume=True) as journal:
        journal.lookup(kept, "kept")
        journal.add("new", ok_result(new))
        journal.complete()
    with Journal(path, resume=True) as journal:
        assert sorted(journal.previous) == ["kept", "new"]
