"""Assembly: events of one instrument merged into one agreement with its parties, signatories,
date and place; background agreements dropped; the sentences that describe each agreement.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right

from spacy.tokens import Doc, Span

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import PARTY_LABELS, entities_in, headline_end, preceding_word
from pipeline.stages.agreements.date_place import date_of_events, dateline_signing, host_of_delegation, place_of_events
from pipeline.stages.agreements.events import find_events, plural
from pipeline.stages.agreements.findings import (
    AgreementFinding,
    Context,
    Event,
    Mention,
    PartyFinding,
    SignatoryFinding,
)
from pipeline.stages.agreements.mentions import find_mentions, instrument_name_span, mention_label
from pipeline.stages.agreements.parties import (
    listed_signatories,
    merge_parties,
    one_extends_the_other,
    parties_of_event,
    party_from_entity,
)
from pipeline.stages.agreements.signatories import link_by_elimination, party_for_signatory, signatories_of_event
from pipeline.stages.doc_cache import doc_text, token_texts
from pipeline.stages.people import Person
from pipeline.text.dates import parse_iso_date
from pipeline.text.names import fold


def _near(finding: AgreementFinding, event: Event, lead_end: int, sentences: int = 2) -> bool:
    """Whether an event is within a few sentences of a finding's last event (or in the lead)."""
    doc = event.sentence.doc
    last = max(e.sentence.start for e in finding.events)
    if event.sentence.start_char < lead_end:
        return True
    gap = sum(1 for s in doc.sents if last < s.start <= event.sentence.start)
    return gap <= sentences


def _weak(event: Event) -> bool:
    """An event whose only cue is the noun 'signing' ("delegation leaves for sister-city
    signing") tells that there is a signing, not whether it has happened."""
    return event.cue.rule == "status.signing_noun" or event.cue.text.lower() in ("signing", "signature")


def _indefinite(doc: Doc, mention: Mention) -> bool:
    """'a trade agreement', 'another deal': introduces an instrument rather than referring back."""
    before = doc_text(doc)[max(0, mention.start - 40) : mention.start].split()
    return any(w.lower() in ("a", "an", "another") for w in before[-4:])


def _ordinal(doc: Doc, mention: Mention, findings: list[AgreementFinding], ctx: Context) -> str | None:
    """The word that tells a mention as one instrument among several ('another memorandum', 'the
    second MoU'), or None. 'The first MoU' is one of several only when a number of instruments of
    its type was told before ('signed two MoUs ... The first MoU ...'), not in 'their first MoU'."""
    before = doc_text(doc)[max(0, mention.start - 40) : mention.start]
    match = ctx.rules.patterns["instrument_ordinal"].search(before)
    if match is None:
        return None
    which = match.group("which").lower()
    if which == "first" and not any(
        _counted(f, ctx) > 1 and _compatible(f, mention) and f.ordinal is None for f in findings
    ):
        return None
    return which


def _told_as_another(finding: AgreementFinding, ctx: Context) -> bool:
    """'... were also signed', 'another MoU', 'a second agreement': the sentences that tell this
    instrument's signing say it is not the one told before."""
    other_words = ctx.rules.words["another_instrument_words"]
    return all(any(t.lower_ in other_words for t in e.sentence) for e in finding.events)


def _event_parties(event: Event, ctx: Context) -> list[PartyFinding]:
    """The parties one event's sentence names (before the events of an instrument are merged)."""
    label_span = instrument_name_span(ctx.doc, event.mention, ctx.labels[event.mention])
    return parties_of_event(event, ctx, label_span)


def _same_party(a: PartyFinding, b: PartyFinding, loose_words: frozenset[str]) -> bool:
    """One party under two names, or a country and a place in it."""
    if a.key == b.key or a.loose_keys(loose_words) & b.loose_keys(loose_words) or one_extends_the_other(a, b):
        return True
    return a.country is not None and a.country == b.country and "country" in (a.kind, b.kind)


def _introduces_another(
    doc: Doc, event: Event, finding: AgreementFinding, told_parties: dict[int, list[PartyFinding]]
) -> bool:
    """Whether an event introduces another instrument than the finding's: it is written as a new
    one ('signed an agreement', 'forged ties with') rather than referring back ('the agreement'),
    outside the headline, and it names a party the finding's body sentences do not, and they one
    it does not."""
    title = headline_end(doc)
    if event.sentence.start_char < title or not (_indefinite(doc, event.mention) or plural(event.mention)):
        return False
    body = [p for e in finding.events if e.sentence.start_char >= title for p in told_parties[id(e)]]
    return _other_counterparts(told_parties[id(event)], body)


def _other_counterparts(event_parties: list[PartyFinding], finding_parties: list[PartyFinding]) -> bool:
    """Whether an event and a finding each name a party the other does not: then the event tells
    another instrument ('Hualien and Morioka signed ...', 'Hualien forged ties with Ulsan')."""
    loose = frozenset({"of", "for", "the", "and"})
    new = [p for p in event_parties if not any(_same_party(p, q, loose) for q in finding_parties)]
    missing = [q for q in finding_parties if not any(_same_party(q, p, loose) for p in event_parties)]
    return bool(event_parties) and bool(finding_parties) and bool(new) and bool(missing)


def _one_of_several(doc: Doc, event: Event, findings: list[AgreementFinding], ctx: Context) -> bool:
    """Whether an event tells, by its subject ('The MoU on tourism', 'The agreement between X and
    Y'), one of several instruments that the article told before as a plural with no number
    ('signed various agreements and MoUs'): each is its own instrument."""
    mention = event.mention
    if plural(mention) or event.sentence.start_char < headline_end(doc):
        return False
    if not any(f.mentions and all(plural(m) and _count(ctx, m) == 1 for m in f.mentions) for f in findings):
        return False
    after = doc_text(doc)[mention.end : mention.end + 12].split()
    return bool(after) and after[0].lower() in ctx.rules.words["instrument_complements"]


def _siblings(a: Event, b: Event) -> bool:
    """Two instruments tied to one signing cue ("signed an MoU and a trade agreement")."""
    return a.mention != b.mention and a.cue_token.i == b.cue_token.i and a.sentence.start == b.sentence.start


def _compatible(finding: AgreementFinding, mention: Mention) -> bool:
    if mention.generic or finding.type == mention.type:
        return True
    return finding.type == "other" and all(m.generic for m in finding.mentions)


def _background(finding: AgreementFinding, ctx: Context) -> str | None:
    """Why an agreement is background rather than news, or None.

    An agreement signed long before publication is background; so is one signed in an earlier
    year that the headline and lead never mention (the news is something else).
    """
    in_lead = any(m.start < ctx.lead_end for m in finding.mentions) or any(
        m.start < ctx.lead_end and m.type == finding.type and fold(ctx.labels[m]) == fold(finding.label)
        for m in ctx.mentions
    )
    told = [e for e in finding.events if e.mention is not None]
    if told and all(e.reference for e in told) and not in_lead:
        return "only mentioned as an instrument that already exists ('the contracts they signed')"
    age = _age_in_years(finding, ctx)
    if age is None:
        return None
    if age > ctx.max_age_years:
        return f"signed {finding.date[0].value}, over {ctx.max_age_years} years before publication"
    if age > 0 and not in_lead:
        return f"signed {finding.date[0].value}, before the year of publication, and not in the headline or lead"
    return None


def _age_in_years(finding: AgreementFinding, ctx: Context) -> int | None:
    """How many years before the year of publication the agreement was signed, if both are known."""
    if finding.date is None or ctx.published is None or not finding.date[0].value[:4].isdigit():
        return None
    published = parse_iso_date(ctx.published)
    return None if published is None else published.year - int(finding.date[0].value[:4])


def _earlier_signing_on_record(finding: AgreementFinding, news: list[AgreementFinding], ctx: Context) -> bool:
    """'Hualien forged sister-city ties with Ulsan in 1983': an article that reports a current
    agreement also records one signed long before, which it names by its two parties and its
    year, unless a current renewal is that instrument signed again. (A signing of a recent year
    outside the lead is the article's background, not on record.)"""
    age = _age_in_years(finding, ctx)
    return (
        bool(news)
        and len(finding.parties) >= 2
        and age is not None
        and age > ctx.max_age_years
        and not all(e.reference for e in finding.events if e.mention is not None)
        and not any(f.status == "renewed" and _renews(f, finding) for f in news)
    )


def _lead_end(doc: Doc, sentences: int = 3) -> int:
    """Character offset where the headline and lead end: the first few sentences with words."""
    count = 0
    texts = token_texts(doc)
    for sent in doc.sents:
        if any(text.isalpha() for text in texts[sent.start : sent.end]):  # Token.is_alpha, without Tokens
            count += 1
            if count >= sentences:
                return sent.end_char
    return len(doc_text(doc))


def extract_agreements(ctx: Context) -> list[AgreementFinding]:
    """Every agreement the document reports, fully assembled (areas are added by their stage)."""
    doc = ctx.doc
    mentions = find_mentions(doc, ctx.rules)
    ctx.mentions = mentions
    ctx.labels = {m: mention_label(doc, m) for m in mentions}
    ctx.lead_end = _lead_end(doc)
    ctx.instrument_names = [instrument_name_span(doc, m, ctx.labels[m]) for m in mentions]
    events, continuations = find_events(doc, ctx, mentions)
    for event in events:
        if event.mention not in ctx.labels:  # a document named by a list item
            ctx.labels[event.mention] = mention_label(doc, event.mention)
    told_parties = {id(event): _event_parties(event, ctx) for event in events}
    findings: list[AgreementFinding] = []
    for event in events:
        mention = event.mention
        target = None
        ordinal = _ordinal(doc, mention, findings, ctx)
        for finding in [] if event.listed or ordinal else reversed(findings):  # each listed item is an instrument
            if any(_siblings(e, event) for e in finding.events):
                continue  # instruments listed in one signing are distinct
            if _introduces_another(doc, event, finding, told_parties):
                continue  # "Hualien and Morioka signed ..." and "Hualien's ties with Ulsan": two instruments
            if _one_of_several(doc, event, findings, ctx):
                continue  # "signed various MoUs ... The MoU on climate change was signed by ...": one of them
            weak = all(_weak(e) for e in finding.events)
            if _compatible(finding, mention) and (finding.status == event.status or event.status != "planned" or weak):
                if finding.type == "other" and not mention.generic and not _near(finding, event, ctx.lead_end):
                    continue  # a specific instrument far from a vague "agreement" is another one
                target = finding
                break
        if ordinal is not None and ordinal != "another":
            # "The second MoU ..." again: the finding the second MoU started
            target = next((f for f in findings if f.ordinal == ordinal and _compatible(f, mention)), None)
        elif (
            target is not None
            and _indefinite(doc, mention)
            and any(e.sentence.start_char >= headline_end(doc) for e in target.events)
        ):
            # "signed an MoU" after the headline announced it is the same instrument; after one
            # already reported in the body ("X signed an MoU; Y and Z signed a trade agreement")
            # it is another
            target = None
        if target is None:
            target = AgreementFinding(
                mention.type, event.status, ctx.labels[mention], [mention], event.cue, ordinal=ordinal
            )
            findings.append(target)
        else:
            if target.type == "other" and not mention.generic:
                target.type = mention.type
                target.label = ctx.labels[mention]
            if mention not in target.mentions:
                target.mentions.append(mention)
            if (
                event.status in ("renewed", "planned")
                and target.status == "signed"
                and (event.status == "renewed" or all(_weak(e) for e in target.events))
            ):
                # "... for sister-city signing" says nothing of when; "will sign" does
                target.status, target.status_evidence = event.status, event.cue
            elif (
                event.status == "signed"
                and not _weak(event)
                and target.status_evidence.rule == "status.headline_future"
            ):
                # headline shorthand "X to sign deal" gives way to the body's "the deal was signed"
                target.status, target.status_evidence = event.status, event.cue
        target.events.append(event)

    for finding in findings:
        _attach_continuations(finding, continuations)
        _assemble(finding, ctx)
    findings = _merge_same_parties(findings, ctx)
    _parties_of_the_same_ceremony(findings, ctx)
    _parties_told_after(findings, ctx)
    _parties_of_the_relations_told_before(findings, ctx)
    findings = [one for finding in findings for one in _one_per_instrument(finding, findings, ctx)]
    news = [f for f in findings if f.parties and _background(f, ctx) is None]
    kept: list[AgreementFinding] = []
    for finding in findings:
        if not finding.parties:
            ctx.log("agreements", finding.label, False, "no party found")
            continue
        background = _background(finding, ctx)
        if background is not None and _earlier_signing_on_record(finding, news, ctx):
            ctx.log("agreements", finding.label, True, f"earlier signing named by its parties: {background}")
        elif background is not None:
            ctx.log("agreements", finding.label, False, f"background: {background}")
            continue
        kept.append(finding)
    _form_named_later(kept, mentions, ctx)
    _add_description(kept, mentions, ctx)
    return kept


_REFERRING_BACK = frozenset({"the", "this", "that", "these", "those"})


def _form_named_later(findings: list[AgreementFinding], mentions: list[Mention], ctx: Context) -> None:
    """'UK and Ireland sign deal ... The memorandum of understanding between the two governments
    ...': a vague 'deal' or 'agreement' takes the form of the instrument a later sentence names
    when referring back to it ('the memorandum', 'this MoU', not 'the Outer Space Treaty'), unless
    another agreement of that form was reported."""
    firsts = sorted((min(e.sentence.start_char for e in f.events), n) for n, f in enumerate(findings))
    told = {m for f in findings for m in f.mentions}
    forms: dict[int, set[str]] = {}
    for mention in mentions:
        before = doc_text(ctx.doc)[max(0, mention.start - 8) : mention.start].split()
        if mention.generic or mention in told or not before or before[-1].lower() not in _REFERRING_BACK:
            continue
        owners = [n for start, n in firsts if start <= mention.start and _compatible(findings[n], mention)]
        if owners and findings[owners[-1]].type == "other":
            forms.setdefault(owners[-1], set()).add(mention.type)
    for n, types in forms.items():
        if len(types) == 1 and not any(f.type in types for f in findings):
            findings[n].type = types.pop()
            ctx.log("agreements", findings[n].label, True, f"named later as a {findings[n].type}")


def _merge_same_parties(findings: list[AgreementFinding], ctx: Context) -> list[AgreementFinding]:
    """'the agreement signed between Turkey and Libya' and 'Turkey and Libya signed a maritime
    agreement on November 27' are one instrument: findings of compatible type with the same
    parties are merged (and assembled again from all their events)."""
    merged: list[AgreementFinding] = []
    grown: list[AgreementFinding] = []
    for finding in findings:
        same = next(
            (
                m
                for m in merged
                if _one_instrument(m, finding, ctx)
                and not any(_siblings(a, b) for a in m.events for b in finding.events)
                and not any(e.listed for e in m.events + finding.events)
                and not _told_as_another(finding, ctx)
                and m.ordinal is None
                and finding.ordinal is None  # "another MoU", "the second MoU": told apart
            ),
            None,
        )
        if same is None:
            merged.append(finding)
            continue
        if same.type in _DESCRIPTIVE_TYPES and finding.type not in ("other", same.type):
            # the instrument that established the ties; the form of a "partnership agreement"
            same.type, same.label = finding.type, finding.label
        if "renewed" in (same.status, finding.status):
            renewal = same if same.status == "renewed" else finding
            same.status, same.status_evidence = renewal.status, renewal.status_evidence
        same.mentions.extend(m for m in finding.mentions if m not in same.mentions)
        same.events.extend(finding.events)
        if all(g is not same for g in grown):
            grown.append(same)
        ctx.log("agreements", finding.label, True, f"same parties as {same.label!r}: merged")
    # Assembled again once, from all their events, after every merge: the parties that decide
    # a merge are the same before and after it.
    for finding in grown:
        finding.parties, finding.signatories = [], []
        _assemble(finding, ctx)
    return merged


# Types that say what an instrument does, not its form: a "cooperation agreement" may be the
# memorandum or declaration another sentence names.
_DESCRIPTIVE_TYPES = frozenset({"other", "sister_city_agreement", "cooperation_agreement", "partnership_agreement"})


def _one_instrument(a: AgreementFinding, b: AgreementFinding, ctx: Context) -> bool:
    """Whether two findings tell one instrument: of compatible types with the same parties and
    status (a renewal and its signing are one instrument: 'renewed its agreement with X ... "we
    signed the agreement"'), or sister-city ties and the instrument that set them up ('became
    sister cities through an MoU', 'renewed their sister city agreement'), whose parties are one
    within the other's."""
    if not a.parties or not b.parties:
        return False
    loose = ctx.rules.words["loose_name_words"]
    if {p.key for p in a.parties} == {p.key for p in b.parties}:
        if a.type == b.type and {a.status, b.status} == {"signed", "renewed"}:
            return True
        if a.status == b.status and len({a.type, b.type} & _DESCRIPTIVE_TYPES) == 1 and "other" not in (a.type, b.type):
            return True  # "signed a partnership agreement" and "Signing of the Memorandum": one signing
        return (a.type == b.type or "other" in (a.type, b.type)) and a.status == b.status
    if "sister_city_agreement" not in (a.type, b.type):
        return False
    fewer, more = sorted((a.parties, b.parties), key=len)
    return all(any(_same_party(p, q, loose) for q in more) for p in fewer)


def _parties_of_the_same_ceremony(findings: list[AgreementFinding], ctx: Context, sentences: int = 4) -> None:
    """'The parties signed a number of documents ... Declarations on X and on Y were also signed':
    an instrument whose sentences name no party and no signatory, but say that it was signed by
    "the parties" or "also", was signed by the parties of the nearest agreement (not background)
    told within a few sentences of it."""
    starts = [s.start for s in ctx.doc.sents]
    anaphora = ctx.rules.patterns["party_anaphora"]
    other_words = ctx.rules.words["another_instrument_words"]
    news = [f for f in findings if f.parties and _background(f, ctx) is None]
    earlier_signings = [f for f in findings if f.parties and _background(f, ctx) is not None]
    for finding in findings:
        if finding.parties or finding.signatories:
            continue
        listed = any(e.listed for e in finding.events)
        renewal = finding.status == "renewed"
        if (
            not listed
            and not renewal
            and not any(
                anaphora.search(e.sentence.text) or any(t.lower_ in other_words for t in e.sentence)
                for e in finding.events
            )
        ):
            continue  # nothing says the parties are those told before
        # a renewal binds the parties of the first signing, however long ago that was
        sources = news + [f for f in earlier_signings if _renews(finding, f)] if renewal else news
        here = _sentence_number(starts, finding)
        nearby = [
            (abs(_sentence_number(starts, other) - here), n, other)
            for n, other in enumerate(sources)
            if abs(_sentence_number(starts, other) - here) <= sentences
            or listed
            and _sentence_number(starts, other) < here  # the list's signing, however long the list
        ]
        if not nearby:
            continue
        _, _, source = min(nearby, key=lambda item: item[:2])
        finding.parties = [
            PartyFinding(
                p.name,
                p.kind,
                p.country,
                p.geonames_id,
                list(p.aliases),
                [Evidence(e.start, e.end, e.text, "party.same_ceremony") for e in p.evidence[:1]],
            )
            for p in source.parties
        ]
        ctx.log("agreements", finding.label, True, f"no party of its own: those of {source.label!r}, told nearby")


def _parties_told_after(findings: list[AgreementFinding], ctx: Context, sentences: int = 3) -> None:
    """'X and Y signed a Memorandum of Understanding. The MoU also provides for Yobe State and
    Khartoum State to ...': an instrument whose signing names no party takes the two or more
    parties that a sentence soon after names while referring back to it ('the MoU')."""
    doc = ctx.doc
    told = {m for f in findings for e in f.events if e.mention is not None for m in [e.mention]}
    for finding in findings:
        if finding.parties:
            continue
        last = max(e.sentence.end_char for e in finding.events)
        later = [s for s in doc.sents if s.start_char >= last][:sentences]
        for sent in later:
            parties = [
                party
                for mention in ctx.mentions
                if sent.start_char <= mention.start < sent.end_char
                and mention not in told
                and not _indefinite(doc, mention)
                and not plural(mention)
                and _compatible(finding, mention)
                for party in _parties_where_referred_to(finding, mention, sent, ctx)
            ]
            parties = merge_parties(parties, ctx.rules.words["loose_name_words"])
            if len(parties) >= 2:
                finding.parties = parties
                ctx.log("agreements", finding.label, True, f"parties named where it is referred to: {sent.text!r}")
                break


def _parties_of_the_relations_told_before(findings: list[AgreementFinding], ctx: Context, sentences: int = 4) -> None:
    """'... to boost ties between Indonesia and the Philippines. Two memoranda will be signed':
    in an article where no agreement's sentences name a party, an instrument binds the two places
    whose relations a sentence shortly before (or the lead) tells ('between A and B')."""
    if any(f.parties for f in findings):
        return
    sents = list(ctx.doc.sents)
    for finding in findings:
        if finding.parties:
            continue
        first = min(e.sentence.start for e in finding.events)
        here = next(n for n, s in enumerate(sents) if s.start == first)
        window = sents[max(0, here - sentences) : here + 1]
        lead = [s for s in sents[:here] if s.start_char < ctx.lead_end and s not in window]
        for sent in reversed(lead + window):
            pair = _pair_between(sent, ctx)
            if pair:
                finding.parties = pair
                ctx.log("agreements", finding.label, True, f"parties of the relations told in {sent.text!r}")
                break


def _pair_between(sent: Span, ctx: Context) -> list[PartyFinding]:
    """The two places of 'between A and B' in a sentence, or []."""
    doc = ctx.doc
    places = entities_in(sent, frozenset({"GPE"}))
    for a, b in zip(places, places[1:]):
        prev = preceding_word(doc, a.start, sent.start)
        gap = [t.lower_ for t in doc[a.end : b.start]]
        if prev is not None and prev.lower_ == "between" and gap in (["and"], ["and", "the"]):
            pair = [party_from_entity(e.start_char, e.end_char, ctx, "party.relations_between") for e in (a, b)]
            if all(p is not None for p in pair):
                return pair
    return []


def _parties_where_referred_to(
    finding: AgreementFinding, mention: Mention, sent: Span, ctx: Context
) -> list[PartyFinding]:
    """The parties a sentence names around a mention that refers back to an instrument, as a
    signing would name them, or as those it provides for ('provides for A and B to ...')."""
    doc = ctx.doc
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    event = Event(sent, mention, finding.status, finding.status_evidence, span.root)
    found = parties_of_event(event, ctx, instrument_name_span(doc, mention, ctx.labels[mention]))
    if len(found) >= 2:
        return found
    beneficiaries = ctx.rules.words["beneficiary_openers"]
    listed: list[PartyFinding] = []
    for ent in entities_in(sent, PARTY_LABELS):
        prev = preceding_word(doc, ent.start, sent.start)
        before = prev.lower_ if prev is not None else ""
        opens = not listed and before in beneficiaries and prev.i >= span.end and prev.head.i != span.root.i
        if opens or listed and before in ("and", ","):
            party = party_from_entity(ent.start_char, ent.end_char, ctx, "party.provided_for")
            if party is not None:
                listed.append(party)
    return listed if len(listed) >= 2 else found


def _renews(renewal: AgreementFinding, earlier: AgreementFinding) -> bool:
    """Whether a renewal can be of an earlier signing: of compatible types, or sister-city ties
    renewed through another instrument ('re-signing the cooperation agreement of the sister city
    relationship')."""
    types = {renewal.type, earlier.type}
    return len(types) == 1 or "other" in types or "sister_city_agreement" in types


def _one_per_instrument(
    finding: AgreementFinding, findings: list[AgreementFinding], ctx: Context
) -> list[AgreementFinding]:
    """The instruments a finding reports, one each: 'X forged sister-city ties with A, B and C'
    is one agreement per partner, 'signed agreements between A and B, C and D' one per pair,
    and 'signed three contracts' three contracts (less those of its type told on their own:
    'signed two MoUs ... A second MoU, on ...')."""
    if not any(plural(m) for m in finding.mentions):
        return [finding]
    groups = _partner_groups(finding)
    if groups:
        ctx.log("agreements", finding.label, True, f"several instruments, one per partner: {len(groups)}")
        return [_with_parties(finding, group) for group in groups]
    counted = _counted(finding, ctx)
    one_by_one = [other for other in findings if other.ordinal is not None and _compatible(other, finding.mentions[0])]
    if counted > 1 and finding.ordinal is None and len(one_by_one) >= counted:
        ctx.log("agreements", finding.label, False, f"{counted} instruments, each told on its own ('the first ...')")
        return []
    count = counted - sum(1 for other in findings if other is not finding and other.type == finding.type)
    if count > 1 and len(finding.parties) < 2:
        # "the region inked 7 agreements with regions of Uzbekistan": no counterpart to tell them by
        ctx.log("agreements", finding.label, True, f"{count} instruments counted, told once: one party named")
        count = 1
    if count > 1:
        ctx.log("agreements", finding.label, True, f"{count} instruments counted")
    return [finding] + [_with_parties(finding, finding.parties) for _ in range(count - 1)]


def _partner_groups(finding: AgreementFinding) -> list[list[PartyFinding]]:
    """The parties of each instrument of a plural finding: a party and each of its listed
    partners ('with A, B and C'), or the listed pairs ('between A and B, C and D')."""
    listed = [p for p in finding.parties if any(e.rule == "party.with_or_between" for e in p.evidence)]
    # "South Korea's Ulsan, Japan's Yonaguni": a country naming where a listed city is
    cities = {p.country for p in listed if p.kind in ("city", "region")}
    listed = [p for p in listed if not (p.kind == "country" and p.country in cities)]
    others = [p for p in finding.parties if p not in listed and not (p.kind == "country" and p.country in cities)]
    if len(others) == 1 and len(listed) >= 2:
        return [[others[0], partner] for partner in listed]
    if not others and len(listed) >= 4 and len(listed) % 2 == 0:
        ordered = sorted(listed, key=lambda p: min(e.start for e in p.evidence))
        return [ordered[k : k + 2] for k in range(0, len(ordered), 2)]
    return []


def _with_parties(finding: AgreementFinding, parties: list[PartyFinding]) -> AgreementFinding:
    names = {p.name for p in parties}
    return dataclasses.replace(
        finding,
        parties=list(parties),
        signatories=[s for s in finding.signatories if s.party is None or s.party in names],
        description=list(finding.description),
        areas=[],
    )


def _counted(finding: AgreementFinding, ctx: Context) -> int:
    """How many instruments the finding's mentions count ('two MoUs', 'three contracts'): 1 when
    no number is written, or when it is a part ('one of the two MoUs')."""
    return max(_count(ctx, mention) for mention in finding.mentions)


def _count(ctx: Context, mention: Mention) -> int:
    """The number written before a plural mention ('three contracts'), else 1."""
    if not plural(mention):
        return 1
    before = doc_text(ctx.doc)[max(0, mention.start - 40) : mention.start]
    match = ctx.rules.patterns["instrument_count"].search(before)
    if match is None:
        return 1
    word = match.group("count").lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.index(word) + 2


_NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _sentence_number(starts: list[int], finding: AgreementFinding) -> int:
    return bisect_right(starts, min(e.sentence.start for e in finding.events)) - 1


def _attach_continuations(finding: AgreementFinding, continuations: list[Event]) -> None:
    sent_ids = {e.sentence.start for e in finding.events}
    for cont in continuations:
        previous = [s for s in sent_ids if s < cont.sentence.start]
        if not previous:
            continue
        gap = len([s for s in cont.sentence.doc.sents if max(previous) < s.start <= cont.sentence.start])
        if gap <= 2:
            finding.events.append(cont)
            sent_ids.add(cont.sentence.start)


def _assemble(finding: AgreementFinding, ctx: Context) -> None:
    doc = ctx.doc
    label_spans = [instrument_name_span(doc, mention, ctx.labels[mention]) for mention in finding.mentions]
    parties: list[PartyFinding] = []
    signers: list[tuple[Person, Span | None]] = []
    for event in finding.events:
        label_span = None
        if event.mention is not None:
            label_span = (
                label_spans[finding.mentions.index(event.mention)] if event.mention in finding.mentions else None
            )
        parties.extend(parties_of_event(event, ctx, label_span))
        for person, target in signatories_of_event(event, ctx):
            if all(p is not person for p, _ in signers):
                signers.append((person, target))
    # a person's affiliation, or what they sign for, is a party too
    for person, target in signers:
        spans = []
        if target is not None:
            spans.append((target.start_char, target.end_char, "party.signs_for"))
        if person.affiliation is not None and target is None:
            # one who signs "on behalf of Bahrain" does not make their agency a party
            spans.append((person.affiliation.start, person.affiliation.end, "party.signatory_affiliation"))
        for start, end, rule in spans:
            party = party_from_entity(start, end, ctx, rule, demonym=rule == "party.signatory_affiliation")
            if party is not None:
                parties.append(party)
    parties.extend(listed_signatories(finding, ctx))
    finding.parties = merge_parties(parties, ctx.rules.words["loose_name_words"])
    for person, target in signers:
        party, party_ref = party_for_signatory(person, target, finding.parties, ctx)
        evidence = [Evidence(m.start, m.end, m.text, "signatory.reported_signing") for m in person.mentions[:1]]
        finding.signatories.append(SignatoryFinding(person, party, evidence, party_ref))
    link_by_elimination(finding)
    finding.date = date_of_events(finding.events, ctx, finding.status, label_spans + ctx.instrument_names)
    finding.place = (
        place_of_events(finding.events, ctx) or host_of_delegation(finding, ctx) or dateline_signing(finding, ctx)
    )


def _names_others(doc: Doc, mention: Mention, ctx: Context) -> bool:
    """'The other MoUs are for ...', 'the two others are ... MoUs': instruments set apart from the
    one told before, so the sentence does not describe it."""
    before = doc_text(doc)[max(0, mention.start - 40) : mention.start]
    return ctx.rules.patterns["other_instruments"].search(before) is not None


def _add_description(findings: list[AgreementFinding], mentions: list[Mention], ctx: Context) -> None:
    """Sentences that say what each agreement covers: its event sentences, the later sentences
    that mention it ("The MOU outlines ...") or go on from one that describes it ("It also ..."),
    and those whose subject is the new partnership or the parties together ("The two cities
    will ...", "KazAID and UNICEF are committed to ..."), which describe the latest agreement.

    A sentence that reports an agreement's signing describes that agreement only, and an
    indefinite mention ("a memorandum on energy was also signed") introduces another instrument.
    """
    if not findings:
        return
    doc = ctx.doc
    firsts = sorted((min(e.sentence.start_char for e in f.events), n) for n, f in enumerate(findings))
    previous_owners: set[int] = set()
    anaphoric_start = ctx.rules.patterns["anaphoric_start"]
    parties_together = ctx.rules.patterns["parties_together"]

    def starts_with_two_parties(text: str, finding: AgreementFinding) -> bool:
        names = {fold(n): p.key for p in finding.parties for n in (p.name, *p.aliases)}
        words = fold(text).split()
        if "and" not in words[1:]:
            return False
        n = words.index("and", 1)
        first, rest = " ".join(words[:n]), words[n + 1 :]
        return first in names and any(
            names.get(" ".join(rest[:k])) not in (None, names[first]) for k in range(1, len(rest) + 1)
        )

    for sent in doc.sents:
        owners = {
            n
            for n, finding in enumerate(findings)
            if any(e.sentence.start_char == sent.start_char for e in finding.events)
        }
        if not owners and previous_owners and anaphoric_start.match(sent.text):
            owners |= previous_owners
        in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        if not owners:
            for mention in (m for m in in_sent if not _indefinite(doc, m) and not _names_others(doc, m, ctx)):
                # the most recently introduced compatible agreement
                candidates = [
                    n for start, n in firsts if start <= sent.start_char and _compatible(findings[n], mention)
                ]
                if candidates:
                    owners.add(candidates[-1])
        latest = [n for start, n in firsts if start <= sent.start_char][-1:]
        if not owners and not in_sent and latest:
            if parties_together.match(sent.text) or starts_with_two_parties(sent.text, findings[latest[0]]):
                owners.update(latest)
        for n in owners:
            findings[n].description.append((sent.start_char, sent.end_char))
        previous_owners = owners
