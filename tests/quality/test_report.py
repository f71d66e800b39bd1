"""The review page: highlights per field, every document listed, nothing loaded from outside."""

from __future__ import annotations

import json
import re

from pipeline.dataset.reader import load_dataset
from pipeline.dataset.records import Signatory, record_to_dict
from pipeline.dataset.writer import DatasetWriter
from pipeline.quality.report import FIELDS, record_highlights, render_report, write_report
from tests.builders import TEXT, ev, failed_result, make_article, make_record, make_result

HOSTILE = TEXT + "\n\nA reader wrote </script><script>alert('x')</script> & <b>bold</b>."


def write_review_dataset(out, n_ok: int = 3):
    """`n_ok` documents with one record each, one without an agreement (with markup in its
    text), and one that failed."""
    with DatasetWriter(out, run_info={"pipeline_version": "0.1.0"}) as writer:
        for n in range(n_ok):
            writer.add(make_result(f"doc-{n}"))
        writer.add(make_result("quiet", n_records=0, text=HOSTILE))
        writer.add(failed_result("bad-1"))
        writer.finish()
    return out


def embedded_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="data">(.*?)</script>', page, flags=re.S)
    return json.loads(match.group(1))


def test_each_evidence_span_is_tagged_with_its_field_value_and_rule():
    article = make_article()
    t = article.text
    signatory = Signatory(
        "Hassan Joho",
        "Governor",
        "Mombasa",
        (),
        (ev(t, "Hassan Joho", "signatory.reported_signing"), ev(t, "Governor", "person.title_before")),
    )
    record = record_to_dict(make_record(article, signatories=(signatory,)))
    spans = {(t[s["start"] : s["end"]], s["field"]): s for s in record_highlights(record)}
    assert spans[("Governor", "role")]["value"] == "Governor (Hassan Joho)"
    assert spans[("Governor", "role")]["rule"] == "person.title_before"
    assert spans[("Hassan Joho", "signatory")]["rule"] == "signatory.reported_signing"
    assert spans[("Memorandum of Understanding", "agreement")]["value"] == "memorandum_of_understanding (signed)"
    assert spans[("22 November", "date")]["value"] == "--11-22 (month_day)"
    assert spans[("in Mombasa", "place")]["value"] == "Mombasa, KE"
    assert spans[("youth programmes", "area")]["value"] == "Youth (0.8)"
    assert {field for _, field in spans} == set(FIELDS)


def test_page_lists_every_document_with_its_spans_and_reasons(tmp_path):
    out = write_review_dataset(tmp_path / "out")
    page = render_report(load_dataset(out), page_size=2)
    data = embedded_data(page)
    assert [d["id"] for d in data["documents"]] == ["doc-0", "doc-1", "doc-2", "quiet", "bad-1"]
    by_id = {d["id"]: d for d in data["documents"]}
    assert by_id["bad-1"]["status"] == "failed_decode" and by_id["bad-1"]["reason"].startswith("not UTF-8")
    assert by_id["quiet"]["records"] == [] and by_id["quiet"]["spans"] == []
    # agreement, two parties, signatory, date, place, area
    assert len(by_id["doc-0"]["spans"]) == 7 and by_id["doc-0"]["records"][0]["areas"] == ["youth"]
    assert data["page_size"] == 2 and data["statuses"] == ["failed_decode", "no_agreement", "ok"]
    assert data["types"] == ["memorandum_of_understanding"] and data["areas"] == ["youth"]


def test_page_is_self_contained_and_article_markup_stays_text(tmp_path):
    out = write_review_dataset(tmp_path / "out")
    page = render_report(load_dataset(out))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|@import|url\(""", page)
    assert page.count("<script") == 2  # the data and the page's own code
    assert "alert('x')" not in page.replace("\\u003c", "<").split('id="data">')[0]
    assert embedded_data(page)["documents"][3]["text"] == HOSTILE


def test_write_report_writes_the_page_and_counts_documents(tmp_path):
    out = write_review_dataset(tmp_path / "out")
    assert write_report(out, tmp_path / "report.html") == 5
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
