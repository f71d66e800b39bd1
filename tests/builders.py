"""Builders for the articles, records and document results the output-side tests share.

Every builder describes the same small article (TEXT: Mombasa and Kristiansand sign an MoU)
and takes keyword overrides for what a test needs to differ.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.dataset.reader import load_dataset
from pipeline.dataset.records import (
    SCHEMA_VERSION,
    AgreementInfo,
    AgreementRecord,
    DateSigned,
    DocumentRef,
    DocumentResult,
    EntityMention,
    Evidence,
    Party,
    PlaceSigned,
    ProgrammeArea,
    Provenance,
    Signatory,
)
from pipeline.dataset.writer import TABLE_NAMES
from pipeline.inputs.articles import Article
from pipeline.statuses import Reason

TEXT = (
    "Mombasa and Kristiansand sign MoU\n\n"
    "On 22 November, Governor Hassan Joho of Mombasa, Kenya, and Mayor Jørgen Kristiansen of "
    "Kristiansand, Norway, signed a Memorandum of Understanding in Mombasa. "
    "The cities will work together on youth programmes."
)


def ev(text: str, phrase: str, rule: str = "test") -> Evidence:
    """Evidence for the first occurrence of `phrase` in `text`."""
    start = text.index(phrase)
    return Evidence(start, start + len(phrase), phrase, rule)


def mention(
    text: str, phrase: str, label: str, canonical: str, role: str | None, country: str | None, rule: str = "ner"
) -> EntityMention:
    """An entities-table row for the first occurrence of `phrase` in `text`."""
    start = text.index(phrase)
    return EntityMention(start, start + len(phrase), phrase, label, canonical, role, country, rule)


def make_article(
    doc_id: str = "doc-1",
    text: str = TEXT,
    published: str | None = "2023-11-23",
    published_source: str | None = None,
    **kw,
) -> Article:
    """An article read from in/<doc_id>.txt, titled by the first line of `text`.

    `published_source` defaults to "metadata" when there is a `published` date, else None;
    other Article fields (url, metadata) go through `kw`.
    """
    if published_source is None and published is not None:
        published_source = "metadata"
    return Article(
        id=doc_id,
        path=f"in/{doc_id}.txt",
        text=text,
        title=text.split("\n", 1)[0],
        published=published,
        published_source=published_source,
        **kw,
    )


def make_record(
    article: Article,
    record_id: str | None = None,
    *,
    agreement_rule: str = "agreement.type",
    mombasa_aliases: tuple[str, ...] = ("Mombasa County",),
    kristiansand_kind: str | None = "city",
    **overrides,
) -> AgreementRecord:
    """A valid record of the MoU in `article` (which must contain TEXT's phrases).

    `record_id` defaults to "<article id>#0". `agreement_rule`, `mombasa_aliases` and
    `kristiansand_kind` vary the default agreement and parties; `overrides` replace whole
    AgreementRecord fields.
    """
    t = article.text
    fields = {
        "record_id": record_id or f"{article.id}#0",
        "schema_version": SCHEMA_VERSION,
        "document": DocumentRef.of(article),
        "agreement": AgreementInfo(
            "memorandum_of_understanding",
            "signed",
            "Memorandum of Understanding",
            (ev(t, "Memorandum of Understanding", agreement_rule),),
        ),
        "parties": (
            Party("Mombasa", "city", "KE", mombasa_aliases, (ev(t, "Mombasa"),), 186301),
            Party("Kristiansand", kristiansand_kind, "NO", (), (ev(t, "Kristiansand"),)),
        ),
        "signatories": (Signatory("Hassan Joho", "Governor", "Mombasa", (), (ev(t, "Hassan Joho"),)),),
        "date_signed": DateSigned("--11-22", "month_day", None, "22 November", (ev(t, "22 November"),)),
        "place_signed": PlaceSigned("Mombasa", "KE", (ev(t, "in Mombasa"),)),
        "programme_areas": (ProgrammeArea("youth", "Youth", 0.8, (ev(t, "youth programmes"),)),),
        "provenance": Provenance("0.1.0", "en_core_web_sm", "3.8.0", "r" * 8, "c" * 8),
    }
    fields.update(overrides)
    return AgreementRecord(**fields)


def make_result(
    doc_id: str = "doc-1", n_records: int = 1, *, text: str = TEXT, with_entities: bool = True, **record_overrides
) -> DocumentResult:
    """The result for one article: `n_records` records ("<doc_id>#0", ...; status "no_agreement"
    when 0), with two entity mentions unless `with_entities` is false.

    `record_overrides` go to make_record for every record.
    """
    article = make_article(doc_id, text)
    records = tuple(make_record(article, f"{doc_id}#{i}", **record_overrides) for i in range(n_records))
    entities = (
        (
            mention(text, "Hassan Joho", "PERSON", "Hassan Joho", "Governor", "KE"),
            mention(text, "Kristiansand", "GPE", "Kristiansand", None, "NO"),
        )
        if with_entities
        else ()
    )
    status, reason = ("ok", None) if records else (Reason.NO_AGREEMENT.status.value, Reason.NO_AGREEMENT.text())
    return DocumentResult(doc_id, article.path, status, reason, article, records, entities)


def failed_result(
    doc_id: str = "bad-1", status: str = "failed_decode", reason: str = "not UTF-8 (byte 0xff at 12)"
) -> DocumentResult:
    """The result for an input that could not be read: no article, no records."""
    return DocumentResult(doc_id, f"in/{doc_id}.txt", status, reason)


def dataset_content(out: Path) -> dict[str, object]:
    """Everything in a dataset except the manifest's run time and timings."""
    ds = load_dataset(out)
    content: dict[str, object] = {"records": (out / "records.jsonl").read_text(encoding="utf-8")}
    content["rejects"] = (out / "rejects.jsonl").read_text(encoding="utf-8")
    for name in TABLE_NAMES:
        content[name] = getattr(ds, name).to_dict(orient="records")
        content[f"{name}.csv"] = (out / f"{name}.csv").read_text(encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    content["counts"], content["inputs"] = manifest["counts"], manifest["inputs"]
    return content
