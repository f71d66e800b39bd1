"""Date and place of a signing: the DATE tied to the signing cue, and where the signing happened
("signed in Barcelona", a venue's city, the dateline, the host of a visiting delegation).
"""

from __future__ import annotations

import re

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import preceding_word, relative_clause_between, verbs_between
from pipeline.stages.agreements.findings import AgreementFinding, Context, Event
from pipeline.stages.dates import ResolvedDate, resolve_date
from pipeline.stages.doc_cache import doc_text, span_ents
from pipeline.stages.places import PlaceMention
from pipeline.text.datelines import find_datelines, header_date_spans

VENUE_CITY_MIN_POPULATION = 50_000


def date_of_events(
    events: list[Event], ctx: Context, status: str, exclude: list[tuple[int, int]]
) -> tuple[ResolvedDate, Evidence] | None:
    """The date the instrument was signed: a DATE tied to the signing cue, not to a visit or
    conference in the same sentence, nor a year that names the instrument ("the 2011 agreement")."""
    doc = ctx.doc
    other_event_cues = {cue.id for cue in ctx.rules.status_cues if cue.dates_another_event}
    event_nouns = ctx.rules.words["event_nouns"]
    header_dates = header_date_spans(doc_text(doc))
    for event in events:
        if event.cue.rule in other_event_cues:
            continue
        candidates = []
        for ent in span_ents(event.sentence):
            if ent.label_ != "DATE":
                continue
            if any(s <= ent.start_char < e or 0 <= s - ent.end_char <= 1 for s, e in exclude):
                continue  # inside or right before an instrument's name: "the 2011 Air Transport Agreement"
            if any(ent.start_char < e and s < ent.end_char for s, e in header_dates):
                continue  # the page's date or the dateline's: when the article appeared
            if ent.root.head.lemma_.lower() in event_nouns or any(
                t.lemma_.lower() in event_nouns for t in doc[max(ent.start - 2, 0) : ent.start]
            ):
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ in ctx.rules.words["deadline_words"]:
                continue  # "to build the pipeline by 2025": a target, not the signing date
            resolved = resolve_date(ent.text, ctx.published, past=status != "planned")
            if resolved is None:
                continue
            linked = event.cue_token in list(ent.root.ancestors)
            distance = min(abs(ent.start - event.cue_token.i), abs(ent.end - event.cue_token.i))
            # a date earlier in the sentence and cut off by a comma belongs to another clause
            detached = ent.end <= event.cue_token.i and any(t.text == "," for t in doc[ent.end : event.cue_token.i])
            candidates.append(((0 if linked else 1, 1 if detached else 0, distance), ent, resolved))
        if candidates:
            _, ent, resolved = min(candidates, key=lambda c: c[0])
            return resolved, Evidence(ent.start_char, ent.end_char, ent.text, "date.tied_to_signing")
    return None


def place_of_events(events: list[Event], ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """Where the signing happened: 'signed in Barcelona', 'at the City Hall in Accra', 'In Accra, ...'."""
    doc = ctx.doc
    for event in events:
        sent = event.sentence
        for place in ctx.places:
            if not (sent.start_char <= place.start < sent.end_char) or place.kind == "country" and place.label != "GPE":
                continue
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            prev = preceding_word(doc, span.start, sent.start)
            if prev is None or prev.lower_ not in ("in", "at") or place.kind == "country" and prev.lower_ != "in":
                continue
            before_cue = span.start < event.cue_token.i
            if before_cue and not (prev.i == sent.start or doc[prev.i - 1].is_punct and doc[prev.i - 1].text != ","):
                continue
            if not before_cue and (
                relative_clause_between(doc, event.cue_token.i, span.start, ctx.rules.words)
                or [
                    v for v in verbs_between(doc, event.cue_token.i + 1, span.start, ctx.rules.words) if v.dep_ != "acl"
                ]
            ):
                continue
            # "Ambassador in Accra" or "the embassy in X" are not the place of signing.
            if prev.i > 0 and doc[prev.i - 1].lower_.strip(".") in ctx.rules.role_heads | {"embassy"}:
                continue
            following = next(
                (
                    p
                    for p in ctx.places
                    if 0 < p.start - place.end <= 2 and doc_text(doc)[place.end : p.start].strip() == ","
                ),
                None,
            )
            if following is not None and following.kind == "city" and place.kind != "city":
                place = following  # "in Victoria Island, Lagos": the district's city
            return place, Evidence(place.start, place.end, place.text, "place.in_or_at")
        venue = _venue_city(event, ctx)
        if venue is not None:
            return venue
        dateline = _dateline_place(ctx) if any(t.lower_ == "here" for t in sent) else None
        if dateline is not None:
            return dateline, Evidence(dateline.start, dateline.end, dateline.text, "place.dateline_here")
        for place in ctx.places:
            if not (sent.start_char <= place.start < sent.end_char) or place.kind is None:
                continue
            before = doc_text(doc)[max(sent.start_char, place.start - 30) : place.start]
            if ctx.rules.patterns["visit_before_place"].search(before):
                return place, Evidence(place.start, place.end, place.text, "place.visit")
    return None


def _venue_city(event: Event, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'at the City Hall in Accra', 'at the Municipal Theatre of Valparaíso', 'at the offices of
    the Kumasi Metropolitan Assembly': the city a venue is named after or placed in."""
    doc = ctx.doc
    sent = event.sentence
    context = [p.country for p in ctx.places if p.country]
    for ent in span_ents(sent):
        if ent.label_ not in ("FAC", "ORG") or ent.start <= event.cue_token.i:
            continue
        prev = preceding_word(doc, ent.start, sent.start)
        if prev is None or not (
            prev.lower_ in ("at", "in")
            or prev.lower_ == "of"
            and prev.i > 0
            and doc[prev.i - 1].lower_ in ctx.rules.words["venue_nouns"]
        ):
            continue
        if relative_clause_between(doc, event.cue_token.i, ent.start, ctx.rules.words) or [
            v for v in verbs_between(doc, event.cue_token.i + 1, ent.start, ctx.rules.words) if v.dep_ != "acl"
        ]:
            continue
        words = [t for t in ent if t.is_alpha and t.is_title]
        for size in (3, 2, 1):
            for n in range(len(words) - size + 1):
                tokens = words[n : n + size]
                if tokens[-1].i - tokens[0].i != size - 1:
                    continue
                span = doc[tokens[0].i : tokens[-1].i + 1]
                match = ctx.gazetteer.lookup(span.text, context_countries=context)
                named_elsewhere = any(p.text == span.text and p.kind == "city" for p in ctx.places)
                if (
                    match is not None
                    and match.kind == "city"
                    and (named_elsewhere or (match.population or 0) >= VENUE_CITY_MIN_POPULATION)
                ):
                    place = PlaceMention(
                        span.start_char,
                        span.end_char,
                        span.text,
                        "GPE",
                        match.name,
                        match.kind,
                        match.country,
                        match.geonames_id,
                        "gazetteer.venue",
                    )
                    return place, Evidence(ent.start_char, ent.end_char, ent.text, "place.venue")
    return None


def _dateline_place(ctx: Context) -> PlaceMention | None:
    """The city of a dateline ("KISUMU, Kenya, March 3 (Xinhua) --", "DAVAO CITY —",
    "Baghdad, 13 September 2023 —")."""
    text = doc_text(ctx.doc)
    for (start, end), _ in find_datelines(text):
        place = next((p for p in ctx.places if p.start == start and p.end == end), None)
        if place is None:
            # the model may miss a dateline's place, above all when the page's date runs into it
            name = text[start:end]
            match = ctx.gazetteer.lookup(name.title() if name.isupper() else name)
            if match is None:
                continue
            place = PlaceMention(
                start, end, name, "GPE", match.name, match.kind, match.country, match.geonames_id, "gazetteer.dateline"
            )
        return place if place.kind == "city" else None
    return None


def dateline_signing(finding: AgreementFinding, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'GUATEMALA CITY — ... signed ... at a ceremony at the National Palace of Culture': a
    signing reported in the lead, or held at a venue the article does not place, took place in
    the dateline's city."""
    if finding.status == "planned":
        return None
    place = _dateline_place(ctx)
    if place is None:
        return None
    countries = {p.country for p in finding.parties if p.country and p.kind in ("country", "region", "city")}
    if countries and place.country not in countries:
        return None  # "DUBAI: Oman and Saudi Arabia signed ...": the newsroom, not the signing
    text = doc_text(ctx.doc)
    paragraph_end = text.find("\n", place.end)
    if paragraph_end < 0:
        paragraph_end = len(text)
    in_lead = any(e.sentence.start_char < max(ctx.lead_end, paragraph_end) for e in finding.events)
    at_venue = any(
        re.search(
            r"\bat (?:a |the )?(?:[\w-]+ ){0,3}(?:ceremony|[A-Z][\w’'-]+)",
            e.sentence.text[e.cue_token.idx - e.sentence.start_char :],
        )
        for e in finding.events
    )
    if in_lead or at_venue:
        return place, Evidence(place.start, place.end, place.text, "place.dateline")
    return None


def host_of_delegation(finding: AgreementFinding, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """A visiting delegation signs in its host city: with two city parties and a delegation
    from one of them, the signing took place in the other."""
    cities = [p for p in finding.parties if p.kind == "city"]
    if len(cities) != 2:
        return None
    signers = {s.person.name: s.party for s in finding.signatories}
    for sent in ctx.doc.sents:
        if "delegation" not in sent.text.lower():
            continue
        visiting = set()
        for person in ctx.people:
            if any(sent.start_char <= m.start < sent.end_char for m in person.mentions) and signers.get(person.name):
                visiting.add(signers[person.name])
        for party in cities:
            if re.search(
                rf"\bdelegation (?:from|of) {re.escape(party.name)}\b|\b{re.escape(party.name)} delegation\b", sent.text
            ):
                visiting.add(party.name)
        if len(visiting) == 1:
            host = next(p for p in cities if p.name not in visiting)
            place = next((pl for pl in ctx.places if pl.name == host.name), None)
            if place is not None:
                return place, Evidence(sent.start_char, sent.end_char, sent.text, "place.host_of_delegation")
    return None
