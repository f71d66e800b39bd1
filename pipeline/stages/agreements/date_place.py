"""Date and place of a signing: the DATE tied to the signing cue, and where the signing happened
("signed in Barcelona", a venue's city, the dateline, the host of a visiting delegation).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import preceding_word, relative_clause_between, verbs_between
from pipeline.stages.agreements.findings import AgreementFinding, Context, Event, PartyFinding
from pipeline.stages.dates import ResolvedDate, resolve_date
from pipeline.stages.doc_cache import POSSESSIVE_MARKS, doc_text, span_ents
from pipeline.stages.places import PlaceMention
from pipeline.text.datelines import find_datelines, header_date_spans, is_page_date

VENUE_CITY_MIN_POPULATION = 50_000
HYPHENS = frozenset("-‐‑–")
# How many sentences before or after an agreement's events may tell of its signing ceremony.
NEARBY_SENTENCES = 3
SIGNING_NEARBY = "status.signing_nearby"
LEAD_SIGNING = "status.lead_signing_of_several"
DATE_RULES = {SIGNING_NEARBY: "date.signing_nearby", LEAD_SIGNING: "date.lead_signing_of_several"}
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# The headline, a byline, the page's date and the first paragraph: where a report of the day's
# signings stands.
LEAD_SENTENCES = 6


def date_of_events(
    events: list[Event], ctx: Context, status: str, exclude: list[tuple[int, int]]
) -> tuple[ResolvedDate, Evidence] | None:
    """The date the instrument was signed: a DATE tied to the signing cue, not to a visit or
    conference in the same sentence, nor a year that names the instrument ("the 2011 agreement")."""
    doc = ctx.doc
    other_event_cues = {cue.id for cue in ctx.rules.status_cues if cue.dates_another_event}
    header_dates = header_date_spans(doc_text(doc))
    for event in [*events, *signings_nearby(events, ctx), *lead_signing_of_several(events, ctx)]:
        if event.cue.rule in other_event_cues:
            continue
        candidates = []
        for ent in span_ents(event.sentence):
            if ent.label_ != "DATE" or any(ent.start_char < e and s < ent.end_char for s, e in header_dates):
                continue  # the page's date or the dateline's: when the article appeared
            if _dates_something_else(ent, event, ctx, exclude):
                continue
            resolved = resolve_date(ent.text, ctx.published, past=status != "planned")
            if resolved is None:
                continue
            if status == "planned" and _before_publication(resolved, ctx.published):
                continue  # "flew in yesterday ahead of signing": a signing to come is not dated in the past
            linked = event.cue_token in list(ent.root.ancestors)
            distance = min(abs(ent.start - event.cue_token.i), abs(ent.end - event.cue_token.i))
            # a date earlier in the sentence and cut off by a comma belongs to another clause
            detached = ent.end <= event.cue_token.i and any(t.text == "," for t in doc[ent.end : event.cue_token.i])
            candidates.append(((0 if linked else 1, 1 if detached else 0, distance), ent, resolved))
        if candidates:
            _, ent, resolved = min(candidates, key=lambda c: c[0])
            rule = DATE_RULES.get(event.cue.rule, "date.tied_to_signing")
            return resolved, Evidence(ent.start_char, ent.end_char, ent.text, rule)
    return None


def signings_nearby(events: list[Event], ctx: Context) -> list[Event]:
    """Sentences near an agreement's events that tell of its signing without naming an
    instrument ("The signing ceremony took place at the Presidential Palace in Bogota"), as
    events whose cue is the signing verb or the verb a signing noun is part of ("took place")."""
    doc = ctx.doc
    sents = list(doc.sents)
    starts = {e.sentence.start for e in events}
    at = [n for n, sent in enumerate(sents) if sent.start in starts]
    if not at:
        return []
    sign_forms = ctx.rules.words["sign_forms"]
    found = []
    for n in range(max(at[0] - NEARBY_SENTENCES, 0), min(at[-1] + NEARBY_SENTENCES + 1, len(sents))):
        sent = sents[n]
        if sent.start in starts or any(sent.start_char <= m.start < sent.end_char for m in ctx.mentions):
            continue
        sign = next((t for t in sent if t.lower_ in sign_forms), None)
        if sign is None or _vetoed(sent, ctx):
            continue
        cue = _predicate_of(sign)
        found.append(
            Event(sent, None, events[0].status, Evidence(cue.idx, cue.idx + len(cue), cue.text, SIGNING_NEARBY), cue)
        )
    return found


def lead_signing_of_several(events: list[Event], ctx: Context) -> list[Event]:
    """The headline's and lead's reports that several instruments were signed ("Pakistan and
    Uzbekistan on Thursday signed various agreements and MoUs"), as events of each instrument
    the article reports after them."""
    doc = ctx.doc
    sents = list(doc.sents)
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1].end_char
    first = min(e.sentence.start_char for e in events)
    sign_forms = ctx.rules.words["sign_forms"]
    found: dict[int, Event] = {}
    for mention in ctx.mentions:
        if mention.start >= min(lead_end, first):
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.tag_ not in PLURAL_TAGS or span.sent.start in found:
            continue
        sent = span.sent
        sign = next((t for t in sent if t.lower_ in sign_forms and t.pos_ in ("VERB", "AUX")), None)
        if sign is None or _vetoed(sent, ctx):
            continue
        cue = Evidence(sign.idx, sign.idx + len(sign), sign.text, LEAD_SIGNING)
        found[sent.start] = Event(sent, mention, events[0].status, cue, sign)
    return list(found.values())


def _before_publication(date: ResolvedDate, published: str | None) -> bool:
    """Whether a day read against the publication date ("yesterday", "on Monday") is before it."""
    return date.year_source == "published" and date.precision == "day" and date.value < (published or "")[:10]


def _dates_something_else(ent: Span, event: Event, ctx: Context, exclude: list[tuple[int, int]]) -> bool:
    """Whether a DATE in the event's sentence is not the signing's: the year in an instrument's
    name (`exclude`), the date of a visit or summit, a deadline, an amount the model took for a
    year, the day an announcement of the signing was made."""
    doc = ctx.doc
    words = ctx.rules.words
    if any(s <= ent.start_char < e or 0 <= s - ent.end_char <= 1 for s, e in exclude):
        return True  # inside or right before an instrument's name: "the 2011 Air Transport Agreement"
    if ent.root.head.lemma_.lower() in words["event_nouns"] or any(
        t.lemma_.lower() in words["event_nouns"] for t in doc[max(ent.start - 2, 0) : ent.start]
    ):
        return True
    before = doc[ent.start - 1] if ent.start > 0 else None
    after = doc[ent.end] if ent.end < len(doc) else None
    if before is not None and before.lower_ in words["deadline_words"]:
        return True  # "to build the pipeline by 2025": a target, not the signing date
    if any(t is not None and (t.is_currency or t.lower_ in words["amount_words"]) for t in (before, after)):
        return True  # "Rs 1982 crore"
    verb = _governing_verb(ent)
    return (
        verb is not None
        and verb != event.cue_token
        and verb.lemma_.lower() in words["announcing_verbs"]
        and verb in event.cue_token.ancestors
    )  # "announced on 6 December that the mayor signed"


def _governing_verb(ent: Span) -> Token | None:
    """The verb a DATE hangs on, through its preposition ("announced on 6 December": announced)."""
    head = ent.root.head
    if head.pos_ == "ADP":
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") and head.i != ent.root.i else None


def _predicate_of(cue: Token) -> Token:
    """The verb whose subject a signing noun is ("the signing ceremony took place at ...": took,
    "the signing of the MoU happened at ...": happened), or the cue itself."""
    subject = cue.head if cue.dep_ == "compound" else cue
    if subject.dep_ in ("nsubj", "nsubjpass") and subject.head.pos_ in ("VERB", "AUX"):
        return subject.head
    return cue


def _vetoed(sent: Span, ctx: Context) -> bool:
    """A sentence a veto cue rules out as a signing of an agreement ("signed the reform into
    law", "did not sign", a picture's caption)."""
    lemmas = {t.lemma_.lower() for t in sent}
    return any(
        cue.status == "veto" and not cue.unless_lemmas & lemmas and any(r.search(sent.text) for r in cue.regexes)
        for cue in ctx.rules.status_cues
    )


def place_of_events(events: list[Event], ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """Where the signing happened: 'signed in Barcelona', 'at the City Hall in Accra', 'In Accra, ...'."""
    found = _place_in_sentences(events, ctx)
    if found is not None:
        return found
    found = _place_in_sentences(signings_nearby(events, ctx), ctx)
    if found is not None:
        place, evidence = found
        return place, Evidence(evidence.start, evidence.end, evidence.text, "place.signing_nearby")
    found = _place_in_sentences(lead_signing_of_several(events, ctx), ctx)
    if found is not None:
        place, evidence = found
        return place, Evidence(evidence.start, evidence.end, evidence.text, "place.lead_signing_of_several")
    return _scene_of_the_lead(events, ctx)


def _scene_of_the_lead(events: list[Event], ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'In Cairo on Tuesday, the two presidents agreed ... . The leaders signed an agreement ...':
    a city fronted in the lead is where the signings the lead goes on to report took place."""
    doc = ctx.doc
    sents = list(doc.sents)
    lead_end = sents[min(LEAD_SENTENCES, len(sents)) - 1].end_char
    first = min(e.sentence.start_char for e in events)
    if first >= lead_end:
        return None
    for place in ctx.places:
        if place.start >= first or place.kind != "city":
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        prev = preceding_word(doc, span.start, span.sent.start)
        if prev is None or prev.lower_ != "in":
            continue
        before = doc_text(doc)[span.sent.start_char : prev.idx]
        if not before.strip() or is_page_date(before):
            return place, Evidence(place.start, place.end, place.text, "place.scene_of_the_lead")
    return None


def _place_in_sentences(events: list[Event], ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    for event in events:
        sent = event.sentence
        for place in ctx.places:
            if sent.start_char <= place.start < sent.end_char and _places_the_signing(place, event, ctx):
                return _city_of(place, ctx)
        venue = _venue_city(event, ctx)
        if venue is not None:
            return venue
        dateline = _dateline_place(ctx) if any(t.lower_ == "here" for t in sent) else None
        if dateline is not None:
            return dateline, Evidence(dateline.start, dateline.end, dateline.text, "place.dateline_here")
        visited = _visited_place(event, ctx) or _occasion_placed_before(event, ctx)
        if visited is not None:
            return visited
    return None


def _occasion_placed_before(event: Event, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'During the Forum, the regions signed ...' after '... attended the Forum in Urgench': a
    signing during an occasion the article placed before took place where the occasion was."""
    doc = ctx.doc
    words = ctx.rules.words
    sent = event.sentence
    for occasion in sent:
        if not (
            occasion.dep_ == "pobj"
            and occasion.head.lower_ in words["signing_occasion_prepositions"]
            and occasion.lemma_.lower() in words["event_nouns"]
            and any(c.lower_ == "the" for c in occasion.children)
        ):
            continue
        for place in reversed([p for p in ctx.places if p.end <= sent.start_char]):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            prev = preceding_word(doc, span.start, span.sent.start)
            if prev is None or prev.lower_ not in ("in", "at"):
                continue
            placed = prev.head if prev.head.dep_ != "acl" else prev.head.head  # "the forum held in Tashkent"
            if placed.lemma_.lower() == occasion.lemma_.lower():
                found, _ = _city_of(place, ctx)
                return found, Evidence(place.start, place.end, place.text, "place.occasion_placed_before")
    return None


def _places_the_signing(place: PlaceMention, event: Event, ctx: Context) -> bool:
    """Whether 'in/at <place>' in the event's sentence tells where the signing happened."""
    doc = ctx.doc
    if place.kind == "country" and place.label != "GPE":
        return False
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    prev = _preposition_before(span, ctx)
    if prev is None or prev.lower_ not in ("in", "at") or place.kind == "country" and prev.lower_ != "in":
        return False
    if _qualifies_a_noun(span):
        return False  # "in Japan's Ibaraki Prefecture", "in Catalonia's capital"
    # "Ambassador in Accra" or "the embassy in X" are not the place of signing.
    if prev.i > 0 and doc[prev.i - 1].lower_.strip(".") in ctx.rules.role_heads | {"embassy"}:
        return False
    if _locates_a_name(prev, ctx):
        return False
    if _in_clause_of(event.cue_token.i, span, prev, ctx):
        return True
    # "the signing ceremony took place at the Ministry in Accra": the verb a signing noun is part
    # of, with the place on it or on its venue
    predicate = _predicate_of(event.cue_token)
    if predicate.i == event.cue_token.i:
        return False
    return _in_clause_of(predicate.i, span, prev, ctx) and _hangs_on(prev, predicate)


def _in_clause_of(cue: int, span: Span, prev: Token, ctx: Context) -> bool:
    """Whether a place is in the cue's clause: after it with no other predicate between, or
    before it opening the sentence or with a where-clause holding the cue."""
    doc = span.doc
    if span.start < cue:
        fronted = prev.i == span.sent.start or doc[prev.i - 1].is_punct and doc[prev.i - 1].text != ","
        return fronted or _where_clause_after(span, cue) or _placed_at_the_signing(prev, doc[cue], ctx)
    words = ctx.rules.words
    return not (relative_clause_between(doc, cue, span.start, words) or _predicates_between(doc, cue, span.start, ctx))


def _placed_at_the_signing(preposition: Token, cue: Token, ctx: Context) -> bool:
    """'said in Abuja during the signing of the MoU', 'spoke in Accra at the signing ceremony': the
    place and the signing are both where one deed happened."""
    noun = cue.head if cue.dep_ == "compound" else cue
    occasion = noun.head
    deed = occasion.head
    # the model may hang the place on the deed's object ("stated this in Abuja during ...")
    placed = preposition.head if preposition.head.dep_ != "dobj" else preposition.head.head
    return (
        noun.dep_ == "pobj"
        and occasion.lower_ in ctx.rules.words["signing_occasion_prepositions"]
        and deed.pos_ in ("VERB", "AUX")
        and placed.i == deed.i
    )


def _hangs_on(preposition: Token, verb: Token) -> bool:
    """Whether a preposition's phrase hangs on the verb, or on a phrase that does ("took place
    at the Ministry in Accra"), rather than deep inside one ("for the repair of stations in Iraq")."""
    token, prepositions = preposition, 0
    while token.head.i != token.i and token.i != verb.i:
        token = token.head
        prepositions += token.pos_ == "ADP"
    return token.i == verb.i and prepositions <= 1


def _preposition_before(span: Span, ctx: Context) -> Token | None:
    """The word before a place, past articles and a place noun or a venue it places ("in the
    capital, Dhaka", "at City Hall, Nairobi")."""
    doc = span.doc
    sent = span.sent
    prev = preceding_word(doc, span.start, sent.start)
    if prev is None or prev.i == sent.start:
        return prev
    noun = doc[prev.i - 1]
    if prev.text == "," and noun.lower_ in ctx.rules.words["place_nouns"]:
        return preceding_word(doc, noun.i, sent.start)
    if prev.lower_ in (",", "of") and (noun.ent_type_ == "FAC" or noun.lower_ in ctx.rules.words["venue_heads"]):
        return preceding_word(doc, _name_start(noun), sent.start)
    return prev


def _name_start(token: Token) -> int:
    """The first token of the entity a token ends, or of its compound ("City Hall")."""
    start = token.i
    while start > 0 and (token.doc[start].ent_iob_ == "I" or token.doc[start - 1].dep_ == "compound"):
        start -= 1
    return start


def _qualifies_a_noun(span: Span) -> bool:
    """A possessive place says whose the next noun is, not where something happened."""
    doc = span.doc
    return span[-1].text in POSSESSIVE_MARKS or span.end < len(doc) and doc[span.end].text in POSSESSIVE_MARKS


def _where_clause_after(span: Span, cue: int) -> bool:
    """'met in Sydney, where they also agreed to renew ...': the cue is in the place's where-clause."""
    doc = span.doc
    return span.end + 1 < cue and doc[span.end].text == "," and doc[span.end + 1].lower_ == "where"


def _predicates_between(doc: Doc, a: int, b: int, ctx: Context) -> list[Token]:
    """Verbs between the cue and a place that start another predicate. A participle describing
    the instrument does not ("an MoU, drafted in May, in Accra"); a purpose does ("signed an
    agreement to work for children in Iran")."""
    return [
        v
        for v in verbs_between(doc, a + 1, b, ctx.rules.words)
        if v.dep_ != "acl" or any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
    ]


def _locates_a_name(prev: Token, ctx: Context) -> bool:
    """'with Dobong-gu in Seoul', 'with universities in the United Kingdom': the place after the
    preposition `prev` locates a partner named before it, not the signing. A venue ('at the
    County Hall in Nakuru') or a person ('signed by the mayor in Nakuru') is where the signing
    was; a city does not locate a country ('with Ghana in Accra')."""
    if prev.i == 0:
        return False
    before = prev.doc[prev.i - 1]
    if before.ent_type_ in ("GPE", "LOC", "ORG", "FAC", "NORP"):
        located = ctx.place_at(before.idx, before.idx + len(before))
        if located is not None and located.kind == "country":
            return False
    elif before.pos_ not in ("NOUN", "PROPN") or before.ent_type_:
        return False
    return _governing_preposition(before) in ctx.rules.words["party_joiners"]


def _governing_preposition(token: Token) -> str | None:
    """The preposition a noun phrase hangs on, through 'of' and compounds ("with the City of
    Cape Town": with)."""
    for _ in range(6):
        head = token.head
        if head.i == token.i:
            return None
        if head.pos_ == "ADP" and head.lower_ != "of":
            return head.lower_
        token = head
    return None


def _city_of(place: PlaceMention, ctx: Context) -> tuple[PlaceMention, Evidence]:
    """The place as written; the city a district is in ("in Victoria Island, Lagos"); the city a
    venue the model took for a place is named after ("in Mandaue City Hall")."""
    doc = ctx.doc
    following = next(
        (p for p in ctx.places if 0 < p.start - place.end <= 2 and doc_text(doc)[place.end : p.start].strip() == ","),
        None,
    )
    if following is not None and following.kind == "city" and place.kind != "city":
        return following, Evidence(following.start, following.end, following.text, "place.in_or_at")
    if place.kind is None and place.text.split()[-1].lower() in ctx.rules.words["venue_heads"]:
        city = _city_named_in(doc.char_span(place.start, place.end, alignment_mode="expand"), ctx)
        if city is not None:
            return city, Evidence(place.start, place.end, place.text, "place.venue")
    return place, Evidence(place.start, place.end, place.text, "place.in_or_at")


def _visited_place(event: Event, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'during a visit to Kisumu', 'a State Visit by India's Prime Minister to Guyana'; a visit to
    a country whose city the sentence names ("on his visit to Italy ... with Rome") is to that city."""
    doc = ctx.doc
    sent = event.sentence
    in_sentence = [p for p in ctx.places if sent.start_char <= p.start < sent.end_char]
    for place in in_sentence:
        if place.kind is None:
            continue
        before = doc_text(doc)[max(sent.start_char, place.start - 80) : place.start]
        if not ctx.rules.patterns["visit_before_place"].search(before):
            continue
        if place.kind == "country":
            cities = {p.name: p for p in in_sentence if p.kind == "city" and p.country == place.country}
            if len(cities) == 1:
                place = next(iter(cities.values()))
        return place, Evidence(place.start, place.end, place.text, "place.visit")
    return None


def _venue_city(event: Event, ctx: Context) -> tuple[PlaceMention, Evidence] | None:
    """'at the City Hall in Accra', 'at the Municipal Theatre of Valparaíso', 'at the offices of
    the Kumasi Metropolitan Assembly': the city a venue is named after or placed in."""
    doc = ctx.doc
    sent = event.sentence
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
        place = _city_named_in(ent, ctx)
        if place is not None:
            return place, Evidence(ent.start_char, ent.end_char, ent.text, "place.venue")
    return None


def _city_named_in(name: Span, ctx: Context) -> PlaceMention | None:
    """The city a venue's or an organisation's name holds ("the Kumasi City Hall": Kumasi); not
    a part of a hyphenated name ("Ba Ria" of "Ba Ria-Vung Tau")."""
    doc = ctx.doc
    text = doc_text(doc)
    context = [p.country for p in ctx.places if p.country]
    words = [t for t in name if t.is_alpha and t.is_title]
    for size in (3, 2, 1):
        for n in range(len(words) - size + 1):
            tokens = words[n : n + size]
            if tokens[-1].i - tokens[0].i != size - 1:
                continue
            span = doc[tokens[0].i : tokens[-1].i + 1]
            if (
                text[span.end_char : span.end_char + 1] in HYPHENS
                or text[span.start_char - 1 : span.start_char] in HYPHENS
            ):
                continue
            match = ctx.gazetteer.lookup(span.text, context_countries=context)
            named_elsewhere = any(p.text == span.text and p.kind == "city" for p in ctx.places)
            if (
                match is not None
                and match.kind == "city"
                and (named_elsewhere or (match.population or 0) >= VENUE_CITY_MIN_POPULATION)
            ):
                return PlaceMention(
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
    countries = {p.country for p in finding.parties if p.country}
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
    from one of them, the signing took place in the other; a signing at an unnamed city hall
    ("McAllen officials welcomed the mayor of Tampico to city hall to sign") took place in the
    city whose officials hold it."""
    cities = [p for p in finding.parties if p.kind == "city"]
    hall = _town_hall_host(finding, cities, ctx)
    if hall is not None:
        return hall
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
                return place, Evidence(place.start, place.end, place.text, "place.host_of_delegation")
    return None


def _town_hall_host(
    finding: AgreementFinding, cities: list[PartyFinding], ctx: Context
) -> tuple[PlaceMention, Evidence] | None:
    """The one city party named in the subject of a signing 'at City Hall': the hall is its own."""
    for event in finding.events:
        sent = event.sentence
        if not ctx.rules.patterns["unnamed_town_hall"].search(sent.text):
            continue
        subject = next((t for t in sent.root.children if t.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        subject_text = doc_text(ctx.doc)[subject.left_edge.idx : subject.idx + len(subject)].casefold()
        hosts = [
            c
            for c in cities
            if any(re.search(rf"\b{re.escape(name.casefold())}\b", subject_text) for name in [c.name, *c.aliases])
        ]
        if len(hosts) != 1:
            continue
        place = next((p for p in ctx.places if p.name == hosts[0].name), None)
        if place is not None:
            return place, Evidence(place.start, place.end, place.text, "place.town_hall_host")
    return None
