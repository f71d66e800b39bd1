"""`agreements report`: one self-contained HTML page to review a dataset by eye.

Every document is listed with its status (and reason), its records, and its text with each
evidence span highlighted by the field it supports; hovering a highlight shows the value and
the rule that produced it. The page embeds the data as JSON and renders one page of documents
at a time, so it stays usable for thousands of documents; it loads nothing from the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from pipeline.dataset.reader import Dataset, load_dataset
from pipeline.errors import OutputError

# Field of a highlight -> its legend label; the order is the legend's and the priority of a
# field when spans of several fields cover the same text.
FIELDS = {
    "agreement": "agreement mention",
    "party": "party",
    "signatory": "signatory",
    "role": "role",
    "date": "date signed",
    "place": "place signed",
    "area": "programme area",
}

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("pipeline.quality", "templates"),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    undefined=jinja2.StrictUndefined,
)


def _span(evidence: dict[str, Any], field: str, value: str, record_id: str) -> dict[str, Any]:
    return {
        "start": evidence["start"],
        "end": evidence["end"],
        "field": field,
        "value": value,
        "rule": evidence.get("rule"),
        "record": record_id,
    }


def record_highlights(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The evidence spans of one record, each with the field it supports, its value and rule."""
    rid = record["record_id"]
    agreement = record["agreement"]
    spans = [_span(e, "agreement", f"{agreement['type']} ({agreement['status']})", rid) for e in agreement["evidence"]]
    for party in record["parties"]:
        value = ", ".join(v for v in (party["name"], party.get("kind"), party.get("country")) if v)
        spans += [_span(e, "party", value, rid) for e in party["evidence"]]
    for person in record["signatories"]:
        role = person.get("role")
        for evidence in person["evidence"]:
            if role and evidence["text"].casefold() == role.casefold():
                spans.append(_span(evidence, "role", f"{role} ({person['name']})", rid))
            elif person.get("party") and evidence["text"].casefold() == person["party"].casefold():
                spans.append(_span(evidence, "signatory", f"{person['name']} signs for {person['party']}", rid))
            else:
                spans.append(_span(evidence, "signatory", person["name"], rid))
    date = record.get("date_signed")
    if date:
        spans += [_span(e, "date", f"{date['value']} ({date['precision']})", rid) for e in date["evidence"]]
    place = record.get("place_signed")
    if place:
        value = ", ".join(v for v in (place["name"], place.get("country")) if v)
        spans += [_span(e, "place", value, rid) for e in place["evidence"]]
    for area in record["programme_areas"]:
        spans += [_span(e, "area", f"{area['label']} ({area['score']})", rid) for e in area["evidence"]]
    return spans


def _record_summary(record: dict[str, Any]) -> dict[str, Any]:
    date = record.get("date_signed") or {}
    place = record.get("place_signed") or {}
    return {
        "id": record["record_id"],
        "type": record["agreement"]["type"],
        "status": record["agreement"]["status"],
        "label": record["agreement"].get("label"),
        "parties": [
            " ".join(filter(None, [p["name"], f"({p['kind']}, {p.get('country') or '?'})"])) for p in record["parties"]
        ],
        "signatories": [
            ", ".join(filter(None, [s["name"], s.get("role"), s.get("party") and f"for {s['party']}"]))
            for s in record["signatories"]
        ],
        "date": date.get("value"),
        "place": place.get("name"),
        "areas": [a["id"] for a in record["programme_areas"]],
    }


def _documents(dataset: Dataset) -> Iterable[dict[str, Any]]:
    by_document: dict[str, list[dict[str, Any]]] = {}
    for record in dataset.records:
        by_document.setdefault(record["document"]["id"], []).append(record)
    for row in dataset.documents.itertuples(index=False):
        records = by_document.get(row.id, [])
        yield {
            "id": row.id,
            "title": _present(row.title),
            "path": row.path,
            "status": str(row.status),
            "reason": _present(row.reason),
            "published": row.published.date().isoformat() if pd.notna(row.published) else None,
            "rejected": int(row.n_rejected) if pd.notna(row.n_rejected) else 0,
            "text": _present(row.text) or "",
            "records": [_record_summary(r) for r in records],
            "spans": sorted((s for r in records for s in record_highlights(r)), key=lambda s: (s["start"], -s["end"])),
        }


def _present(value: Any) -> Any:
    return None if pd.isna(value) else value


def _json_for_script(data: Any) -> str:
    # Inside <script>, "</script>" or "<!--" in an article would end the element early.
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_report(dataset: Dataset, *, page_size: int = 20) -> str:
    """The review page of a loaded dataset, as one HTML string."""
    documents = list(_documents(dataset))
    counts = dataset.manifest.get("counts", {})
    data = {
        "documents": documents,
        "fields": FIELDS,
        "page_size": page_size,
        "statuses": sorted({d["status"] for d in documents}),
        "types": sorted({r["type"] for d in documents for r in d["records"]}),
        "areas": sorted({a for d in documents for r in d["records"] for a in r["areas"]}),
    }
    return _TEMPLATES.get_template("report.html.j2").render(
        title=f"Agreements in {dataset.path.name or dataset.path}",
        path=str(dataset.path),
        counts=counts,
        created=dataset.manifest.get("created"),
        fields=FIELDS,
        data_json=_json_for_script(data),
    )


def write_report(dataset_dir: str | Path, html_path: str | Path, *, page_size: int = 20) -> int:
    """Write the review page of the dataset at `dataset_dir` to `html_path`; returns the documents listed."""
    dataset = load_dataset(dataset_dir)
    page = render_report(dataset, page_size=page_size)
    try:
        Path(html_path).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write the report {html_path}: {exc}") from exc
    return len(dataset.documents)
