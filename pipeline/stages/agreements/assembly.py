"""Assembly: events of one instrument merged into one agreement with its parties, signatories,
date and place; background agreements dropped; the sentences that describe each agreement.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import headline_end
from pipeline.stages.agreements.date_place import date_of_events, dateline_signing, host_of_delegation, place_of_events
from pipeline.stages.agreements.events import find_events
from pipeline.stages.agreements.findings import (
    AgreementFinding,
    Context,
    Event,
    Mention,
    PartyFinding,
    SignatoryFinding,
)
from pipeline.stages.agreements.mentions import find_mentions, instrument_name_span, mention_label
from pipeline.stages.agreements.parties import listed_signatories, merge_parties, parties_of_event, party_from_entity
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
    if finding.date is None or ctx.published is None or not finding.date[0].value[:4].isdigit():
        return None
    published = parse_iso_date(ctx.published)
    if published is None:
        return None
    year = int(finding.date[0].value[:4])
    if published.year - year > ctx.max_age_years:
        return f"signed {finding.date[0].value}, over {ctx.max_age_years} years before publication"
    if year < published.year and not in_lead:
        return f"signed {finding.date[0].value}, before the year of publication, and not in the headline or lead"
    return None


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
    findings: list[AgreementFinding] = []
    for event in events:
        mention = event.mention
        target = None
        for finding in reversed(findings):
            weak = all(_weak(e) for e in finding.events)
            if _compatible(finding, mention) and (finding.status == event.status or event.status != "planned" or weak):
                if finding.type == "other" and not mention.generic and not _near(finding, event, ctx.lead_end):
                    continue  # a specific instrument far from a vague "agreement" is another one
                target = finding
                break
        if (
            target is not None
            and _indefinite(doc, mention)
            and any(e.sentence.start_char >= headline_end(doc) for e in target.events)
        ):
            # "signed an MoU" after the headline announced it is the same instrument; after one
            # already reported in the body ("X signed an MoU; Y and Z signed a trade agreement")
            # it is another
            target = None
        if target is None:
            target = AgreementFinding(mention.type, event.status, ctx.labels[mention], [mention], event.cue)
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
        target.events.append(event)

    for finding in findings:
        _attach_continuations(finding, continuations)
        _assemble(finding, ctx)
    findings = _merge_same_parties(findings, ctx)
    kept: list[AgreementFinding] = []
    for finding in findings:
        if not finding.parties and not finding.signatories:
            ctx.log("agreements", finding.label, False, "no party and no signatory found")
            continue
        background = _background(finding, ctx)
        if background is not None:
            ctx.log("agreements", finding.label, False, f"background: {background}")
            continue
        kept.append(finding)
    _add_description(kept, mentions, ctx)
    return kept


def _merge_same_parties(findings: list[AgreementFinding], ctx: Context) -> list[AgreementFinding]:
    """'the agreement signed between Turkey and Libya' and 'Turkey and Libya signed a maritime
    agreement on November 27' are one instrument: findings of compatible type with the same
    parties are merged (and assembled again from all their events)."""
    merged: list[AgreementFinding] = []
    grown: list[AgreementFinding] = []
    for finding in findings:
        keys = {p.key for p in finding.parties}
        same = next(
            (
                m
                for m in merged
                if keys
                and {p.key for p in m.parties} == keys
                and (m.type == finding.type or "other" in (m.type, finding.type))
                and m.status == finding.status
            ),
            None,
        )
        if same is None:
            merged.append(finding)
            continue
        if same.type == "other":
            same.type, same.label = finding.type, finding.label
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
            for mention in (m for m in in_sent if not _indefinite(doc, m)):
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
