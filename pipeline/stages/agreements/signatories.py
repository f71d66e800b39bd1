"""Signatories: the people reported as signing in an event, and the party each signs for."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.stages.agreements.clauses import PARTY_LABELS, clause_bounds, preceding_word, verbs_between
from pipeline.stages.agreements.findings import AgreementFinding, Context, Event, PartyFinding
from pipeline.stages.doc_cache import POSSESSIVE_MARKS, doc_ents, doc_text, span_ents
from pipeline.stages.people import Person
from pipeline.stages.places import core_name
from pipeline.text.names import fold, strip_leading_article

GOVERNMENT_KINDS = ("country", "region", "city", "government_body")
COUNT_WORDS = {"both": 2, "two": 2, "three": 3, "four": 4}


def _signs_for(doc: Doc, start: int, end: int, ctx: Context, bare_for: bool = True) -> tuple[Span, str] | None:
    """The entity after 'on behalf of' (or, with `bare_for`, after 'for') in a token range."""
    for k in range(start, end):
        tok = doc[k]
        if tok.lower_ == "behalf" and k + 1 < end and doc[k + 1].lower_ == "of":
            target = k + 2
        elif (
            bare_for
            and tok.lower_ == "for"
            and k > 0
            and (doc[k - 1].lower_ in ctx.rules.words["sign_forms"] or k - start <= 8)
        ):
            target = k + 1
        else:
            continue
        while target < end and doc[target].lower_ in ("the", "a"):
            target += 1
        if target < end and doc[target].ent_type_ in PARTY_LABELS:
            ent = next(e for e in doc_ents(doc) if e.start <= target < e.end)
            return ent, "signatory.signs_for"
    return None


def signatories_of_event(event: Event, ctx: Context) -> list[tuple[Person, Span | None]]:
    """People reported as signing in one sentence, with the entity they sign for if written."""
    doc = ctx.doc
    sent = event.sentence
    cue = event.cue_token.i
    words = ctx.rules.words
    clause_start, clause_end = clause_bounds(event, words)
    carriers = words["carrier_lemmas"] | words["leading_lemmas"]
    found: list[tuple[Person, Span | None]] = []
    for ent in span_ents(sent):
        if ent.label_ != "PERSON" or ent.start < clause_start or ent.end > clause_end:
            continue
        person = ctx.person_at(ent.start_char, ent.end_char)
        if person is None or any(p is person for p, _ in found):
            continue
        if person.role is None and len(person.name.split()) == 1:
            # "an agreement with Granard", "Ovruch (Ukraine) and ... signed": a lone word with no
            # title is more often a place the model took for a person than a signer
            ctx.log("signatories", person.name, False, "one word with no title: not taken for a person")
            continue
        if ent.end <= cue:
            if any(t.lower_ in words["sign_forms"] for t in doc[ent.end : cue]):
                continue  # signs in an earlier clause of the sentence
            if ent.end < cue and doc[ent.end].text in POSSESSIVE_MARKS:
                continue  # "on the eve of X’s arrival, the two countries signed"
            if any(
                t.lower_ in words["not_signing_words"] and t.lemma_.lower() not in carriers
                for t in doc[max(ent.end, cue - 4) : cue]
            ):
                continue  # "X and Y were also present at the signing"
            blockers = verbs_between(doc, ent.end, cue, words, allowed=carriers)
            if (
                blockers
                and cue > 0
                and doc[cue - 1].lower_ in ("by", "in")
                and not any(t.text in (";", ":") for t in doc[ent.end : cue])
            ):
                blockers = []  # "X signaled its commitment to ... by signing", "X joined Y in signing"
            if blockers:
                ctx.log(
                    "signatories",
                    person.name,
                    False,
                    f"verb {blockers[0].text!r} stands between the person and the signing",
                )
                continue
            prev = preceding_word(doc, ent.start, sent.start)
            if prev is not None and prev.lower_ in ("by", "with", "to", "from") and not _led_by(prev, ctx):
                continue  # not "signed with X" nor "a gift to X", but "the delegation, led by X, signed"
            governor = _list_governor(doc, ent.start, sent.start, ctx)
            if governor is not None:
                ctx.log("signatories", person.name, False, f"object of {governor.text!r}, not the one signing")
                continue
            target = _behalf_after(doc, ent, cue, ctx) or _signs_for(doc, cue, clause_end, ctx)
        else:
            if any(t.lower_ in words["sign_forms"] for t in doc[ent.end : clause_end]) and not any(
                t.lower_ in words["signer_joiners"] for t in doc[cue + 1 : ent.start]
            ):
                continue  # the subject of a later signing verb in the sentence
            # "signed by X, ..., and Y", "an MoU between X and Y", "signed the deal with X";
            # not "in the presence of Z" or "witnessed by Z"
            joiner = next((t for t in doc[cue + 1 : ent.start] if t.lower_ in words["signer_joiners"]), None)
            if joiner is None or joiner.lower_ == "with" and doc[cue].lower_ not in words["sign_forms"]:
                continue
            if verbs_between(doc, cue + 1, ent.start, words, allowed=words["leading_lemmas"]):
                continue
            if any(t.lower_ in words["not_signing_words"] for t in doc[joiner.i : ent.start]):
                continue
            if joiner.lower_ == "by" and doc[joiner.i - 1].lower_ in words["event_nouns"]:
                continue  # "signed during a state visit by X": X visited
            if joiner.lower_ == "with" and any(
                t.lower_ in words["not_signing_words"] for t in doc[max(sent.start, cue - 3) : cue]
            ):
                continue  # "the minister witnessed the signing with President X": X witnessed too
            target = _signs_for(doc, ent.end, clause_end, ctx) or _behalf_before(doc, cue, joiner, ent, ctx)
        found.append((person, target[0] if target else None))
        ctx.log("signatories", person.name, True, f"reported as signing ({event.cue.text!r})")
    for person in _people_named_by_title(doc, clause_start, cue, ctx):
        if all(p is not person for p, _ in found):
            target = _signs_for(doc, cue, clause_end, ctx)
            found.append((person, target[0] if target else None))
            ctx.log("signatories", person.name, True, f"named by title as signing ({event.cue.text!r})")
    for person in _holders_of_plural_title(doc, cue, clause_end, ctx):
        if all(p is not person for p, _ in found):
            found.append((person, None))
            ctx.log("signatories", person.name, True, f"holds the title of those signing ({event.cue.text!r})")
    return found


def _holders_of_plural_title(doc: Doc, cue: int, end: int, ctx: Context) -> list[Person]:
    """'signed by the mayors of both cities', 'signed by the two governors': the people the
    article gives that title, when they are as many as the text says (two when it does not)."""
    by = next((k for k in range(cue + 1, end) if doc[k].lower_ == "by"), None)
    if by is None:
        return []
    k, count = by + 1, None
    while k < end and (doc[k].lower_ == "the" or doc[k].lower_ in COUNT_WORDS):
        count = COUNT_WORDS.get(doc[k].lower_, count)
        k += 1
    title = doc[k].lower_ if k < end else ""
    if not (title.endswith("s") and title[:-1] in ctx.rules.role_heads):
        return []
    after = [t.lower_ for t in doc[k + 1 : min(end, k + 4)]]
    if after[:1] == ["of"]:
        count = next((COUNT_WORDS[w] for w in after[1:] if w in COUNT_WORDS), count)
    holders = [p for p in ctx.people if p.role is not None and title[:-1] in fold(p.role.text).split()]
    return holders if len(holders) == (count or 2) else []


def _led_by(by: Token, ctx: Context) -> bool:
    """'by' after a verb of leading ("the delegation, led by X, signed"): X leads the signers."""
    return by.lower_ == "by" and by.i > 0 and by.doc[by.i - 1].lemma_.lower() in ctx.rules.words["leading_lemmas"]


def _behalf_after(doc: Doc, ent: Span, cue: int, ctx: Context) -> tuple[Span, str] | None:
    """'X, on behalf of Kenya, and Y signed': the party named right after the person, before
    the next person or the signing."""
    end = next((k for k in range(ent.end, cue) if doc[k].ent_type_ == "PERSON"), cue)
    return _signs_for(doc, ent.end, end, ctx, bare_for=False)


def _behalf_before(doc: Doc, cue: int, joiner: Token, ent: Span, ctx: Context) -> tuple[Span, str] | None:
    """'signed on behalf of FAO by X': the party named between the signing and the first signer."""
    if any(doc[k].ent_type_ == "PERSON" for k in range(joiner.i + 1, ent.start)):
        return None
    return _signs_for(doc, cue, joiner.i, ctx)


def _list_governor(doc: Doc, start: int, sent_start: int, ctx: Context) -> Token | None:
    """The verb whose object a list of people is ("We congratulate King X and Minister Y for ...")."""
    k = start - 1
    while k >= sent_start:
        tok = doc[k]
        if (
            tok.ent_type_ in ("PERSON", "GPE", "NORP", "ORG")
            or tok.lower_ in ("and", ",", "of", "the", "’s", "'s")
            or tok.lower_.strip(".")
            in ctx.rules.role_heads | ctx.rules.role_modifiers | ctx.rules.honorifics | ctx.rules.portfolio_words
            or tok.is_title
            or tok.is_upper
        ):
            k -= 1
            continue
        break
    if k >= sent_start and doc[k].pos_ == "VERB" and doc[k].lemma_.lower() not in ctx.rules.words["carrier_lemmas"]:
        return doc[k]
    return None


def _people_named_by_title(doc: Doc, start: int, cue: int, ctx: Context) -> list[Person]:
    """'the Secretary and the Foreign Minister signed': titles standing for people named
    elsewhere in the article, when exactly one person holds each title."""
    found = []
    tokens = doc[start:cue]
    if verbs_between(doc, start, cue, ctx.rules.words):
        return found
    for tok in tokens:
        if (
            tok.ent_type_
            or tok.lower_ not in ctx.rules.role_heads
            or tok.i + 1 < cue
            and doc[tok.i + 1].lower_.strip(".") in ctx.rules.role_heads
        ):
            continue
        k = tok.i - 1
        while (
            k >= start
            and doc[k].lower_ not in ("the", "our", "its")
            and (doc[k].lower_ in ctx.rules.role_modifiers or doc[k].is_title and not doc[k].ent_type_)
        ):
            k -= 1  # "the Deputy Mayor"; "The Governor" at the start of a sentence
        if k < start or doc[k].lower_ not in ("the", "our", "its", "and"):
            continue
        title = set(fold(doc[k + 1 : tok.i + 1].text).split()) - ctx.rules.words["loose_name_words"]
        # "the Foreign Minister" is the person titled "Minister of Foreign Affairs"
        holders = [p for p in ctx.people if p.role is not None and title <= set(fold(p.role.text).split())]
        if len(holders) == 1:
            found.append(holders[0])
    return found


def party_for_signatory(
    person: Person, target: Span | None, parties: list[PartyFinding], ctx: Context
) -> tuple[str | None, Evidence | None]:
    def match(text: str) -> PartyFinding | None:
        key = fold(strip_leading_article(text))
        core = fold(core_name(text, ctx.rules))
        for party in parties:
            keys = {party.key} | {fold(a) for a in party.aliases}
            if key in keys or core in keys:
                return party
        code = ctx.gazetteer.country_code(strip_leading_article(text)) or ctx.gazetteer.country_of_demonym(text)
        place = ctx.place_at(*_span_chars(text, ctx))
        codes = {code} if code else set()
        if place is not None and place.country:
            codes.add(place.country)
        hits = [p for p in parties if p.country and p.country in codes and p.kind in ("country", "city", "region")]
        if len(hits) == 1:
            return hits[0]
        return None

    if target is not None:
        party = match(target.text)
        if party is not None:
            return party.name, Evidence(target.start_char, target.end_char, target.text, "signatory.signs_for")
    if person.affiliation is not None:
        aff = person.affiliation
        place = ctx.place_at(aff.start, aff.end)
        party = match(aff.text)
        if party is None and place is not None and place.country:
            same_country = [p for p in parties if p.country == place.country]
            party = same_country[0] if len(same_country) == 1 else None
        if party is not None:
            return party.name, Evidence(aff.start, aff.end, aff.text, f"signatory.{aff.rule}")
    if person.role is not None:
        role_doc = ctx.doc.char_span(person.role.start, person.role.end, alignment_mode="expand")
        for ent in role_doc.ents if role_doc is not None else ():
            if ent.label_ in PARTY_LABELS:
                party = match(ent.text)
                if party is not None:
                    return party.name, Evidence(ent.start_char, ent.end_char, ent.text, "signatory.named_in_role")
        party = _sole_government(person, parties, ctx, match)
        if party is not None:
            ref = party.evidence[0]
            return party.name, Evidence(ref.start, ref.end, ref.text, "signatory.sole_government")
    return None, None


def _sole_government(
    person: Person, parties: list[PartyFinding], ctx: Context, match: Callable[[str], PartyFinding | None]
) -> PartyFinding | None:
    """'Electricity Minister X signed memorandums with Siemens': one who holds a public office signs
    for the only government among the parties, unless they or someone else are said to be of
    another or of it."""
    if person.affiliation is not None or not set(fold(person.role.text).split()) & ctx.rules.words["public_offices"]:
        return None
    governments = [p for p in parties if p.kind in GOVERNMENT_KINDS]
    if len(governments) != 1 or not governments[0].evidence:
        return None
    if any(
        other is not person and other.affiliation is not None and match(other.affiliation.text) is governments[0]
        for other in ctx.people
    ):
        return None
    return governments[0]


def _span_chars(text: str, ctx: Context) -> tuple[int, int]:
    at = doc_text(ctx.doc).find(text)
    return (at, at + len(text)) if at >= 0 else (-1, -1)


def link_by_elimination(finding: AgreementFinding) -> None:
    """'X signed for Panama and Y signed too': when one signatory and one party are left
    unlinked, Y signed for the party nobody else signed for."""
    unlinked = [s for s in finding.signatories if s.party is None]
    linked_parties = {s.party for s in finding.signatories if s.party is not None}
    free = [p for p in finding.parties if p.name not in linked_parties]
    if len(unlinked) == 1 and len(free) == 1 and linked_parties:
        signatory = unlinked[0]
        signatory.party = free[0].name
        ref = free[0].evidence[0]
        signatory.party_evidence = Evidence(ref.start, ref.end, ref.text, "signatory.by_elimination")
