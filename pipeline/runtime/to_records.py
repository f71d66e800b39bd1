"""From a processed Doc to the dataset's records and entity rows."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.dataset.records import (
    SCHEMA_VERSION,
    AgreementInfo,
    AgreementRecord,
    DateSigned,
    DocumentRef,
    EntityMention,
    Evidence,
    Party,
    PlaceSigned,
    ProgrammeArea,
    Provenance,
    Signatory,
)
from pipeline.inputs.articles import Article
from pipeline.stages.agreements.findings import AgreementFinding


def _evidence(refs: list[Evidence], text: str) -> tuple[Evidence, ...]:
    seen = []
    for ref in refs:
        item = Evidence(ref.start, ref.end, text[ref.start : ref.end], ref.rule)
        if item not in seen:
            seen.append(item)
    return tuple(seen)


def finding_to_record(
    finding: AgreementFinding, number: int, article: Article, provenance: Provenance
) -> AgreementRecord:
    """One agreement as a record; evidence text is re-read from the document so offsets always hold."""
    text = article.text
    parties = tuple(
        Party(
            name=p.name,
            kind=p.kind,
            country=p.country,
            aliases=tuple(a for a in p.aliases if a != p.name),
            evidence=_evidence(p.evidence, text),
            geonames_id=p.geonames_id,
        )
        for p in finding.parties
    )
    signatories = []
    for s in finding.signatories:
        person = s.person
        refs = list(s.evidence)
        if person.role is not None:
            refs.append(person.role)
        if s.party_evidence is not None:
            refs.append(s.party_evidence)
        signatories.append(
            Signatory(
                name=person.name,
                role=person.role.text if person.role else None,
                party=s.party,
                aliases=tuple(person.aliases),
                evidence=_evidence(refs, text),
            )
        )
    date = None
    if finding.date is not None:
        resolved, ref = finding.date
        date = DateSigned(resolved.value, resolved.precision, resolved.year_source, ref.text, _evidence([ref], text))
    place = None
    if finding.place is not None:
        mention, ref = finding.place
        place = PlaceSigned(mention.name or mention.text, mention.country, _evidence([ref], text), mention.geonames_id)
    areas = tuple(
        ProgrammeArea(area_id, label, score, _evidence(refs, text)) for area_id, label, score, refs in finding.areas
    )
    mention_refs = [Evidence(m.start, m.end, m.text, m.rule) for m in finding.mentions]
    return AgreementRecord(
        record_id=f"{article.id}#{number}",
        schema_version=SCHEMA_VERSION,
        document=DocumentRef.of(article),
        agreement=AgreementInfo(
            finding.type, finding.status, finding.label, _evidence(mention_refs + [finding.status_evidence], text)
        ),
        parties=parties,
        signatories=tuple(signatories),
        date_signed=date,
        place_signed=place,
        programme_areas=areas,
        provenance=provenance,
    )


def doc_records(doc: Doc, article: Article, provenance: Provenance) -> tuple[AgreementRecord, ...]:
    return tuple(finding_to_record(f, n, article, provenance) for n, f in enumerate(doc._.ag_agreements or (), 1))


def doc_entities(doc: Doc) -> tuple[EntityMention, ...]:
    """Every person, organisation and place mention, with the role and country resolved for it."""
    rules = doc._.ag_entity_rules or {}
    rows = []
    places = {(p.start, p.end): p for p in doc._.ag_places or ()}
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
            continue
        canonical, role, country = ent.text, None, None
        if ent.label_ == "PERSON":
            for person in doc._.ag_people or ():
                if any(m.start < ent.end_char and ent.start_char < m.end for m in person.mentions):
                    canonical, role = person.name, person.role.text if person.role else None
                    break
        place = places.get((ent.start_char, ent.end_char))
        if place is not None:
            canonical, country = place.name or ent.text, place.country
        rule = rules.get((ent.start_char, ent.end_char), "ner.model")
        rows.append(EntityMention(ent.start_char, ent.end_char, ent.text, ent.label_, canonical, role, country, rule))
    return tuple(rows)
