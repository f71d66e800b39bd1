"""Agreement records: small frozen dataclasses and their one serialisation function."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from typing import Any

from pipeline.inputs.articles import Article

SCHEMA_VERSION = "1.0.0"

AGREEMENT_TYPES = (
    "memorandum_of_understanding",
    "sister_city_agreement",
    "cooperation_agreement",
    "partnership_agreement",
    "letter_of_intent",
    "treaty",
    "contract",
    "declaration",
    "other",
)
AGREEMENT_STATUSES = ("signed", "renewed", "planned")
PARTY_KINDS = ("city", "region", "country", "government_body", "company", "university", "organisation")
DATE_PRECISIONS = ("day", "month_day", "month", "year")


@dataclass(frozen=True)
class Evidence:
    """A character span of the document text, and the rule (or model) that read it."""

    start: int
    end: int
    text: str
    rule: str


@dataclass(frozen=True)
class DocumentRef:
    id: str
    path: str
    sha256: str
    title: str | None
    published: str | None
    published_source: str | None
    url: str | None

    @classmethod
    def of(cls, article: Article) -> DocumentRef:
        """The record's reference to the article it was read from."""
        return cls(
            id=article.id,
            path=article.path,
            sha256=article.sha256,
            title=article.title,
            published=article.published,
            published_source=article.published_source,
            url=article.url,
        )


@dataclass(frozen=True)
class AgreementInfo:
    type: str
    status: str
    label: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Party:
    name: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    geonames_id: int | None = None


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str | None
    party: str | None
    aliases: tuple[str, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class DateSigned:
    value: str
    precision: str  # one of DATE_PRECISIONS
    year_source: str | None  # "text", "published", or None when no year is known
    text: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class PlaceSigned:
    name: str
    country: str | None
    evidence: tuple[Evidence, ...]
    geonames_id: int | None = None


@dataclass(frozen=True)
class ProgrammeArea:
    id: str
    label: str
    score: float
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Provenance:
    pipeline_version: str
    model_name: str
    model_version: str
    rules_hash: str
    config_hash: str


@dataclass(frozen=True)
class AgreementRecord:
    record_id: str
    schema_version: str
    document: DocumentRef
    agreement: AgreementInfo
    parties: tuple[Party, ...]
    signatories: tuple[Signatory, ...]
    date_signed: DateSigned | None
    place_signed: PlaceSigned | None
    programme_areas: tuple[ProgrammeArea, ...]
    provenance: Provenance


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def record_to_dict(record: AgreementRecord) -> dict[str, Any]:
    """The record as the JSON object written to records.jsonl (tuples become lists)."""
    return _plain(record)


@dataclass(frozen=True)
class EntityMention:
    """One person, organisation or place mention (a row of the entities table)."""

    start: int
    end: int
    text: str
    label: str  # PERSON, ORG, GPE, LOC, FAC, NORP
    canonical: str  # the merged name of the person/place this mention refers to
    role: str | None
    country: str | None
    rule: str


@dataclass(frozen=True)
class DocumentResult:
    """Everything the pipeline produced for one input: the article (None when it could not be
    read), its documents-table status and reason, its records and its entity mentions."""

    id: str
    path: str
    status: str  # ok, no_agreement, skipped_empty, failed_decode, failed, ...
    reason: str | None
    article: Article | None = None
    records: tuple[AgreementRecord, ...] = ()
    entities: tuple[EntityMention, ...] = ()


def _from_plain(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    if origin is tuple:
        item_kind = typing.get_args(kind)[0]
        return tuple(_from_plain(item_kind, v) for v in value)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        (inner,) = [k for k in typing.get_args(kind) if k is not type(None)]
        return _from_plain(inner, value)
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _from_plain(hints[f.name], value[f.name]) for f in dataclasses.fields(kind)})
    return value


def record_from_dict(data: dict[str, Any]) -> AgreementRecord:
    """The inverse of record_to_dict (used to reuse results of an earlier run)."""
    return _from_plain(AgreementRecord, data)


def entity_from_dict(data: dict[str, Any]) -> EntityMention:
    return _from_plain(EntityMention, data)


def entity_to_dict(entity: EntityMention) -> dict[str, Any]:
    return _plain(entity)
