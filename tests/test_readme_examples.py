"""The pandas example of the README runs on a real dataset and finds what it says it finds."""

import re
from pathlib import Path

from pipeline.dataset.reader import load_dataset
from pipeline.dataset.records import DateSigned, DocumentResult, Signatory
from pipeline.dataset.writer import DatasetWriter
from tests.builders import ev, make_article, make_record

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def readme_code_after(sentence: str) -> str:
    position = README.index(sentence)
    return re.search(r"```python\n(.*?)```", README[position:], flags=re.S).group(1)


def result(doc_id: str, role: str, date_value: str | None) -> DocumentResult:
    article = make_article(doc_id)
    t = article.text
    person = Signatory("Jørgen Kristiansen", role, "Kristiansand", (), (ev(t, "Jørgen Kristiansen"),))
    overrides = {"signatories": (person,)}
    if date_value:
        overrides["date_signed"] = DateSigned(date_value, "day", "published", "22 November", (ev(t, "22 November"),))
    record = make_record(article, f"{doc_id}#0", **overrides)
    return DocumentResult(doc_id, article.path, "ok", None, article, (record,))


def test_mayor_2022_youth_example_finds_exactly_the_matching_agreement(tmp_path):
    with DatasetWriter(tmp_path / "out", run_info={"pipeline_version": "0.1.0"}) as writer:
        writer.add(result("mayor-2022", "Mayor", "2022-11-22"))
        writer.add(result("deputy-mayor-2021", "Deputy Mayor", "2021-11-22"))
        writer.add(result("mayor-no-year", "Mayor", None))  # --11-22: its year is unknown, not 2022
        writer.add(result("governor-2022", "Governor", "2022-11-22"))
        writer.finish()
    namespace = {"ds": load_dataset(tmp_path / "out")}
    exec(readme_code_after("All agreements signed by a mayor in 2022 on youth"), namespace)
    found = namespace["found"]
    assert list(found.document_id) == ["mayor-2022"]
    assert {"title", "name", "role", "type", "date_signed"} <= set(found.columns)
    assert found.title.iloc[0] == "Mombasa and Kristiansand sign MoU"
