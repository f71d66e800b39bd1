"""Agreements stage: find each agreement instrument the article reports as signed, renewed or
to be signed, and read its parties, signatories, date and place.

The stage works sentence by sentence on a parsed Doc. An *event* is a sentence where an
agreement mention (models/agreement_terms.jsonl) is tied to a status cue
(models/status_cues.yaml). Events of the same instrument are merged into one agreement;
sentences without a mention that continue an event ("X signed for Ghana") add signatories.
Every value keeps the span it came from and the id of the rule that read it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from pipeline.dates import ResolvedDate, parse_iso_date, resolve_date
from pipeline.people import Person, SpanRef
from pipeline.place_mentions import PlaceMention, core_name
from pipeline.places import Gazetteer
from pipeline.rules import RuleSet, StatusCue
from pipeline.text_utils import doc_ents, doc_text, fold, span_ents, strip_leading_article, token_texts, tokens_where

SIGN_FORMS = frozenset({"sign", "signs", "signed", "signing", "ink", "inks", "inked", "inking"})
PARTY_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC"})
# Prepositions that put an entity outside the subject of a signing ("on her trip to Mexico").
SUBJECT_BLOCKERS = frozenset({"of", "in", "to", "at", "from", "during", "on", "into", "after", "before", "under", "across", "throughout", "near", "within", "about", "over", "against", "since", "like", "than", "as", "by", "through", "via", "toward", "towards", "including", "among"})
# Verbs a co-signer can stand behind ("X joined Y in signing").
CARRIER_LEMMAS = frozenset({"join", "sign", "become", "be", "have", "will", "ink", "seal", "conclude", "renew"})
EVENT_NOUNS = frozenset({"visit", "meeting", "conference", "summit", "forum", "trip", "talks", "session", "dialogue", "event", "celebration", "anniversary", "election", "exchange"})
# A sentence that starts like this goes on describing the agreement of the sentence before.
ANAPHORIC_START = re.compile(
    r"^\s*(?:[•▪‣◦*–-]"  # an item of a list that follows "Areas of cooperation include:"
    r"|(?:This|These|It|They|Under (?:it|the)|Through (?:it|the)|The (?:partnership|agreement|memorandum|deal|pact|accord|arrangement|MOU|MoU|cooperation))\b"
    r"|(?:The )?(?:\w+ )?(?:areas|fields|sectors) of (?:co-?operation|collaboration|partnership)\b)"
    r"|^[^.]{0,60}?\b(?:it|the (?:agreement|memorandum|MoU|MOU|deal|pact|partnership)) will (?:cover|focus on|include|support|promote)\b",
    re.IGNORECASE,
)
# Events whose date is not the signing date ("will enter into force June 25").
NOT_SIGNING_DATE_CUES = frozenset({"status.enters_into_force"})
# "during a visit to Kisumu", "on her trip to Mexico": the signing happened there.
VISIT_BEFORE_PLACE = re.compile(r"\b(?:trip|visit|visiting|visited|tour|travel(?:led|ed|ling|ing)?)\s+(?:to\s+)?(?:the\s+)?$", re.IGNORECASE)
NATIONAL_BODY_WORDS = frozenset({"government", "side", "authorities", "administration", "state", "republic"})
RELATIVE_WORDS = frozenset({"who", "whose", "which", "whom", "where", "when"})
# "Signatories to the Agreement: Canada, ..." but not "the other signatories of the Accords are ..."
SIGNATORY_ROSTER = re.compile(
    r"(?<!other )\b(?:signatories|signatory states|parties) (?:to|of) (?:the |this )?(?:[\w-]+ ){0,6}?"
    r"(?:agreement|accords?|treaty|convention|memorandum|protocol|MOU)s?\b[^.:;]{0,20}?(?:\bare\b|\binclude\b|:)",
    re.IGNORECASE,
)
ORG_NOUNS = frozenset({"company", "firm", "group", "operator", "startup", "start-up", "university", "agency", "the", "state-owned", "telecom", "telecommunications"})
DEADLINE_WORDS = frozenset({"by", "until", "till", "through", "before"})
# After these, people are present but do not sign: "in the presence of", "witnessed by".
NOT_SIGNING_WORDS = frozenset({"presence", "witnessed", "attended", "observed", "watched", "joined", "accompanied", "while", "whereas"})
PLACE_NOUNS = frozenset({"city", "town", "county", "municipality", "province", "state", "region", "district", "port", "village", "capital", "island", "prefecture", "governorate"})
# A city this large named in an organisation's name tells its country ("University of Nairobi").
ORG_CITY_MIN_POPULATION = 200_000
VENUE_CITY_MIN_POPULATION = 50_000
VENUE_NOUNS = frozenset({"offices", "office", "headquarters", "premises", "seat", "chambers"})
LOOSE_WORDS = frozenset({"of", "for", "the", "and"})
# Tokens that may stand between the parties listed as subject and the signing verb.
SUBJECT_LIST_WORDS = frozenset({",", "and", "the", "&", "both", "jointly", "also", "officially", "formally", "today", "finally", "’s", "'s"})
VAGUE_PARTY_WORDS = frozenset({"government", "governments", "parties", "party", "sides", "countries", "nations", "cities", "state", "province", "county", "city", "region", "ministry", "department", "municipality", "council"})


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    rule: str
    generic: bool


@dataclass
class Event:
    sentence: Span
    mention: Mention | None
    status: str
    cue: SpanRef
    cue_token: Token
    reference: bool = False  # "the contracts they signed": names an existing instrument


@dataclass
class PartyFinding:
    name: str
    kind: str | None
    country: str | None
    geonames_id: int | None
    aliases: list[str]
    evidence: list[SpanRef]

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def loose_keys(self) -> set[str]:
        """Names without of/for/the/and: 'Organization for American States' = '... of ...'."""
        return {" ".join(w for w in fold(n).split() if w not in LOOSE_WORDS) for n in [self.name, *self.aliases]}


@dataclass
class SignatoryFinding:
    person: Person
    party: str | None
    evidence: list[SpanRef]
    party_evidence: SpanRef | None = None


@dataclass
class AgreementFinding:
    type: str
    status: str
    label: str
    mentions: list[Mention]
    status_evidence: SpanRef
    events: list[Event] = field(default_factory=list)
    parties: list[PartyFinding] = field(default_factory=list)
    signatories: list[SignatoryFinding] = field(default_factory=list)
    date: tuple[ResolvedDate, SpanRef] | None = None
    place: tuple[PlaceMention, SpanRef] | None = None
    description: list[tuple[int, int]] = field(default_factory=list)  # sentences for programme areas
    areas: list[tuple[str, str, float, list[SpanRef]]] = field(default_factory=list)


@dataclass(frozen=True)
class Decision:
    """One line of the explain log: what was considered and why it was kept or dropped."""

    stage: str
    text: str
    kept: bool
    reason: str


@dataclass
class Context:
    doc: Doc
    rules: RuleSet
    gazetteer: Gazetteer
    people: list[Person]
    places: list[PlaceMention]
    published: str | None
    max_age_years: int
    decisions: list[Decision] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every agreement mention in the document
    labels: dict[Mention, str] = field(default_factory=dict)  # each mention's instrument name
    lead_end: int = 0  # where the headline and lead end
    instrument_names: list[tuple[int, int]] = field(default_factory=list)  # spans of every mention's label

    def place_at(self, start: int, end: int) -> PlaceMention | None:
        for place in self.places:
            if place.start < end and start < place.end:
                return place
        return None

    def person_at(self, start: int, end: int) -> Person | None:
        for person in self.people:
            for mention in person.mentions:
                if mention.start < end and start < mention.end:
                    return person
        return None

    def log(self, stage: str, text: str, kept: bool, reason: str) -> None:
        self.decisions.append(Decision(stage, text, kept, reason))


# --- mentions -----------------------------------------------------------------------------


def find_mentions(doc: Doc, rules: RuleSet) -> list[Mention]:
    """Agreement mentions, specific terms first; a generic head next to a specific term joins it."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    org_spans = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ in ("ORG", "PERSON", "FAC")]
    for term in rules.agreement_terms:
        for match in term.regex.finditer(doc_text(doc)):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in org_spans):
                continue
            found.append(Mention(start, end, match.group(0), term.type, term.id, term.generic))
            taken.append((start, end))
    found.sort(key=lambda m: m.start)
    return _merge_adjacent(doc, found)


def _merge_adjacent(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """'sister city MOU', 'Memorandum of Understanding (MOU)', 'agreement establishing sister-city
    relations': adjacent mentions are one instrument; the more specific type wins."""
    merged: list[Mention] = []
    for mention in mentions:
        if merged:
            prev = merged[-1]
            gap = doc_text(doc)[prev.end : mention.start]
            close = len(gap) <= 3 and not re.search(r"[.;\n]", gap) or re.fullmatch(r"\s*\(\s*", gap)
            establishing = re.fullmatch(r"\s+(?:establishing|creating|on|for|of|to establish|forming)\s+(?:the\s+|a\s+)?", gap)
            if close or (establishing and prev.generic and not mention.generic):
                if mention.type == "memorandum_of_understanding" and not mention.generic and prev.type == "sister_city_agreement":
                    kind = mention  # a sister-city MOU is an MOU
                elif prev.generic and not mention.generic:
                    kind = mention
                else:
                    kind = prev
                end = mention.end
                if re.fullmatch(r"\s*\(\s*", gap) and doc_text(doc)[end : end + 1] == ")":
                    end += 1
                merged[-1] = Mention(prev.start, end, doc_text(doc)[prev.start : end], kind.type, kind.rule, prev.generic and mention.generic)
                continue
        merged.append(mention)
    return merged


def mention_label(doc: Doc, mention: Mention) -> str:
    """The instrument's name as written: title-case words before a mention join it
    ("U.S.-Kazakhstan Air Transport Agreement"), and a title-case complement after it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return mention.text
    start, end = span.start, span.end
    sent = span.sent
    while start > sent.start:
        tok = doc[start - 1]
        if (tok.is_title or tok.is_upper or tok.text in ("-", "–") or tok.like_num and len(tok.text) == 4) and not tok.is_sent_start and tok.ent_type_ not in ("PERSON", "DATE"):
            start -= 1
        else:
            break
    if span[0].is_title:
        k = end
        while k + 1 < sent.end and doc[k].lower_ in ("of", "on", "concerning", "for", "between", "to") and doc[k + 1].is_title and doc[k + 1].ent_type_ not in ("DATE", "GPE", "PERSON"):
            k += 1
            while k < sent.end and (doc[k].is_title or doc[k].lower_ in ("and", "the", "of")) and doc[k].ent_type_ != "PERSON":
                k += 1
            end = k
    while end > start and doc[end - 1].lower_ in ("and", "the", "of"):
        end -= 1
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return doc[start:end].text


# --- events -------------------------------------------------------------------------------


class _SentenceWords:
    """The words of a sentence that can carry a status cue, with their lowercase forms and
    lemmas, indexed by form, so that each cue looks up its own words instead of scanning."""

    def __init__(self, doc: Doc, sent: Span, cue_word_ids: list[int]):
        self.sent = sent
        self.text = doc_text(doc)[sent.start_char : sent.end_char]
        first, last = bisect_left(cue_word_ids, sent.start), bisect_left(cue_word_ids, sent.end)
        self.words = [(tok, tok.lower_, tok.lemma_.lower()) for tok in (doc[i] for i in cue_word_ids[first:last])]
        self.positions: dict[str, list[int]] = {}
        for n, (_, low, lemma) in enumerate(self.words):
            self.positions.setdefault(low, []).append(n)
            if lemma != low:
                self.positions.setdefault(lemma, []).append(n)

    def at(self, forms: frozenset[str]) -> list[tuple[Token, str, str]]:
        """The words whose lowercase form or lemma is one of `forms`, in sentence order."""
        found = {n for form in forms for n in self.positions.get(form, ())}
        return [self.words[n] for n in sorted(found)]


def _cue_tokens(sentence: _SentenceWords, cue: StatusCue) -> list[Token]:
    """The tokens of the sentence that carry `cue`."""
    hits = []
    sign_verb = cue.id == "status.sign_verb"
    for tok, low, lemma in sentence.at(cue.lemmas | SIGN_FORMS if sign_verb else cue.lemmas):
        if lemma in cue.lemmas or low in cue.lemmas:
            if sign_verb:
                if tok.i > 0 and tok.doc[tok.i - 1].lower_ in ("a", "the", "any", "clear", "positive", "good") and low == "sign":
                    continue  # "a sign of", not a signing
                if not (low in SIGN_FORMS or tok.pos_ in ("VERB", "AUX") or lemma in cue.lemmas and tok.tag_.startswith("VB")):
                    continue
            hits.append(tok)
        elif sign_verb and low in SIGN_FORMS:
            hits.append(tok)
    sent = sentence.sent
    for regex in cue.regexes:
        for match in regex.finditer(sentence.text):
            span = sent.doc.char_span(sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand")
            if span is not None:
                hits.append(span[0])
    return hits


def _within_hops(child: Token, ancestor: Token, hops: int) -> bool:
    for _ in range(hops):
        if child.head is child:
            return False
        child = child.head
        if child == ancestor:
            return True
    return False


def _linked(cue_tok: Token, mention_span: Span, close: bool = False) -> bool:
    """A cue and a mention belong together when one governs the other closely, or they are near.
    `close` asks for a direct link: "renewed the MoU", not "reaffirming our commitment to the Treaty"."""
    root = mention_span.root
    if close:
        gap = mention_span.start - cue_tok.i if cue_tok.i < mention_span.start else cue_tok.i - mention_span.end
        return root.head == cue_tok or cue_tok.head == root or 0 <= gap <= 3
    if _within_hops(root, cue_tok, 3) or _within_hops(cue_tok, root, 2):
        return True
    if cue_tok.dep_ in ("compound", "amod") and _within_hops(root, cue_tok.head, 3):
        return True  # "a signing ceremony for a new telecommunications contract"
    gap = mention_span.start - cue_tok.i if cue_tok.i < mention_span.start else cue_tok.i - mention_span.end
    return gap <= 6


def _vetoed(sent: Span, ctx: Context, mentions: list[Mention]) -> StatusCue | None:
    lemmas = {t.lemma_.lower() for t in sent}
    for cue in ctx.rules.status_cues:
        if cue.status != "veto":
            continue
        if cue.unless_lemmas & lemmas:
            continue
        if any(r.search(sent.text) for r in cue.regexes):
            if cue.id == "veto.signed_into_law" and any(not m.generic for m in mentions):
                continue
            return cue
    return None


def _refers_back(doc: Doc, mention: Mention, cue_tok: Token) -> bool:
    """'the contracts they signed with X', 'the agreement signed between X and Y infringes ...':
    the signing is told in a clause that describes an instrument already known."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or cue_tok.dep_ not in ("relcl", "acl") or not (span.start <= cue_tok.head.i < span.end):
        return False
    before = doc_text(doc)[max(0, mention.start - 20) : mention.start].split()
    return bool(before) and before[-1].lower() in ("the", "these", "those", "its", "their", "that")


def find_events(doc: Doc, ctx: Context, mentions: list[Mention]) -> tuple[list[Event], list[Event]]:
    """Sentences reporting a signing (events) and signing sentences with no mention (continuations)."""
    events: list[Event] = []
    continuations: list[Event] = []
    cues = [c for c in ctx.rules.status_cues if c.status != "veto"]
    continuation_cues = [c for c in cues if c.id == "status.sign_verb"]
    needs_verb = {t.id for t in ctx.rules.agreement_terms if t.needs_trigger_verb}
    title_end = _title_end(doc)
    cue_forms = frozenset().union(SIGN_FORMS, *(c.lemmas for c in cues))
    cue_word_ids = tokens_where(doc, [LOWER, LEMMA], lambda form: form.lower() in cue_forms)
    for sent in doc.sents:
        in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        in_title = sent.start_char < title_end
        sentence = _SentenceWords(doc, sent, cue_word_ids)
        # Without a mention, only a signing verb counts (it continues an event): other cues
        # are not looked for.
        hits: list[tuple[StatusCue, Token]] = [
            (cue, tok)
            for cue in (cues if in_sent else continuation_cues)
            if in_title or not cue.title_only
            for tok in _cue_tokens(sentence, cue)
        ]
        if not hits:
            continue
        veto = _vetoed(sent, ctx, in_sent)
        if veto is not None:
            ctx.log("agreements", sent.text.strip(), False, f"sentence vetoed by {veto.id}")
            continue
        planned = next(((c, t) for c, t in hits if c.status == "planned"), None)
        renewed = next(((c, t) for c, t in hits if c.status == "renewed"), None)
        signing = [(c, t) for c, t in hits if c.status == "signed"]
        used: set[int] = set()
        for cue, tok in sorted(signing + ([renewed] if renewed else []) + ([planned] if planned else []), key=lambda h: h[1].i):
            best = None
            for n, mention in enumerate(in_sent):
                if n in used:
                    continue
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if cue.types and mention.type not in cue.types:
                    continue
                if mention.rule in needs_verb and cue.id != "status.sign_verb":
                    continue
                if not _linked(tok, span, close=cue.status == "renewed"):
                    continue
                distance = abs(span.start - tok.i)
                rank = (distance + (3 if mention.generic else 0), n)
                if best is None or rank < best[0]:
                    best = (rank, n, mention)
            if best is None:
                continue
            _, n, mention = best
            used.add(n)
            status = "signed"
            status_cue = SpanRef(tok.idx, tok.idx + len(tok.text), tok.text, cue.id)
            if planned is not None:
                status = "planned"
                p_cue, p_tok = planned
                status_cue = SpanRef(p_tok.idx, p_tok.idx + len(p_tok.text), p_tok.text, p_cue.id)
            elif renewed is not None:
                status = "renewed"
                r_cue, r_tok = renewed
                status_cue = SpanRef(r_tok.idx, r_tok.idx + len(r_tok.text), r_tok.text, r_cue.id)
            elif cue.status != "signed":
                continue
            events.append(Event(sent, mention, status, status_cue, tok, _refers_back(doc, mention, tok)))
            ctx.log("agreements", sent.text.strip(), True, f"mention {mention.text!r} ({mention.rule}) tied to cue {tok.text!r} ({cue.id}): {status}")
        for n, mention in enumerate(in_sent):
            if n not in used:
                ctx.log("agreements", mention.text, False, "mention with no status cue tied to it")
        # every other signing verb ("X signed for A, and Y signed for B") continues the event
        taken = {e.cue_token.i for e in events}
        for cue, tok in signing:
            if cue.id == "status.sign_verb" and tok.i not in taken:
                continuations.append(Event(sent, None, "signed", SpanRef(tok.idx, tok.idx + len(tok.text), tok.text, cue.id), tok))
                taken.add(tok.i)
    return events, continuations


# --- parties ------------------------------------------------------------------------------


def _preceding_word(doc: Doc, start_token: int, sent_start: int) -> Token | None:
    k = start_token - 1
    while k >= sent_start and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return doc[k] if k >= sent_start else None


def _kind_of_org(text: str, rules: RuleSet) -> tuple[str, str]:
    for rule in rules.party_kinds:
        if rule.regex.search(text):
            return rule.kind, rule.id
    return "organisation", "kind.default_organisation"


def _country_before(start: int, ctx: Context) -> str | None:
    """A country just before an organisation: "the U.S. Department of Health", "Libyan company Hatif"."""
    words = doc_text(ctx.doc)[max(0, start - 40) : start].split()
    while words and words[-1].lower() in ORG_NOUNS:
        words.pop()
    for n in (2, 1):
        if len(words) >= n:
            candidate = " ".join(words[-n:]).strip(",;:(")
            code = ctx.gazetteer.country_code(candidate) or ctx.gazetteer.country_of_demonym(candidate)
            if code:
                return code
    return None


def _org_country(text: str, ctx: Context, names_only: bool = False) -> str | None:
    """The country an organisation's name places it in: a country ("U.S. Department of ...",
    "Tanzania Ports Authority"), a nationality ("Romanian Space Agency") or a large city
    ("University of Nairobi", "Hamburg Port Authority"). With `names_only` (international and
    civil-society organisations: "Organization of American States"), only a country's name counts."""
    words = re.findall(r"[A-Z][\w.’'-]*", text)
    for size in (3, 2, 1):
        for n in range(len(words) - size + 1):
            name = " ".join(words[n : n + size])
            code = ctx.gazetteer.country_code(name) or (None if names_only else ctx.gazetteer.country_of_demonym(name))
            if code:
                return code
            if names_only:
                continue
            place = ctx.gazetteer.lookup(name) if size > 1 or len(name) > 3 else None
            if place is not None and place.kind == "city" and (place.population or 0) >= ORG_CITY_MIN_POPULATION:
                return place.country
    return None


def party_from_entity(ent_start: int, ent_end: int, ctx: Context, rule: str, demonym: bool = False) -> PartyFinding | None:
    """A party from an entity span: places through the gazetteer, organisations by kind rules.
    With `demonym`, a nationality ("Armenian" Foreign Minister) stands for its country."""
    doc = ctx.doc
    text = doc_text(doc)[ent_start:ent_end]
    place = ctx.place_at(ent_start, ent_end)
    evidence = [SpanRef(ent_start, ent_end, text, rule)]
    if place is not None and place.kind is not None:
        kind = {"country": "country", "city": "city", "region": "region"}.get(place.kind, "region")
        return PartyFinding(place.name or core_name(text), kind, place.country, place.geonames_id, list(place.aliases), evidence)
    ent = next((e for e in doc_ents(doc) if e.start_char <= ent_start and ent_end <= e.end_char), None)
    label = ent.label_ if ent is not None else ""
    name = strip_leading_article(text)
    if fold(name) in VAGUE_PARTY_WORDS or not any(ch.isupper() for ch in name):
        return None
    if label == "NORP":
        # "the Kenyan government" is Kenya; "the Nigerian state of Lagos" is not Nigeria
        following = doc_text(doc)[ent_end : ent_end + 40].split()
        code = ctx.gazetteer.country_of_demonym(name)
        if code is None or not demonym and (not following or following[0].lower().strip(",.") not in NATIONAL_BODY_WORDS):
            return None
        country_name = ctx.gazetteer.country_name(code)
        return PartyFinding(country_name, "country", code, None, [], evidence)
    # "the Government of Mexico" is Mexico.
    core = core_name(name)
    if core != name:
        code = ctx.gazetteer.country_code(core)
        if code:
            return _country_party(code, name, ctx, evidence[0])
        place_match = ctx.gazetteer.lookup(core)
        if place_match is not None and place_match.kind in ("city", "region"):
            # "the County Government of Nakuru" is Nakuru
            return PartyFinding(core, place_match.kind, place_match.country, place_match.geonames_id, [name], evidence)
    kind, _ = _kind_of_org(name, ctx.rules)
    aliases = []
    after = doc_text(doc)[ent_end : ent_end + 12]
    acronym = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", after)
    if acronym:
        aliases.append(acronym.group(1))
    country = _org_country(name, ctx, names_only=kind == "organisation") or _country_before(ent_start, ctx)
    return PartyFinding(name, kind, country, None, aliases, evidence)


def _entities_in(sent: Span, labels: frozenset[str]) -> list[Span]:
    return [e for e in span_ents(sent) if e.label_ in labels]


def _clause_bounds(event: Event) -> tuple[int, int]:
    """Token range of the cue's clause: up to a semicolon, or a new subject after ', and'."""
    sent = event.sentence
    doc = sent.doc
    start = sent.start
    for k in range(event.cue_token.i - 1, sent.start - 1, -1):
        spaced_dash = doc[k].text in ("--", "–", "-") and k > 0 and doc[k - 1].whitespace_ and doc[k].whitespace_
        if doc[k].text in (";", ":", "—") or spaced_dash or (doc[k].lower_ in ("said", "says", "added", "noted") and doc[k].pos_ == "VERB"):
            start = k + 1  # a dateline ("ACCRA, June 14 (Xinhua) --") ends here too
            break
    end = sent.end
    for k in range(event.cue_token.i + 1, sent.end):
        if doc[k].text in (";",) or (doc[k].lower_ in ("while", "whereas") ):
            end = k
            break
    return start, end


def _verbs_between(doc: Doc, a: int, b: int, allowed: frozenset[str] = CARRIER_LEMMAS) -> list[Token]:
    """Verbs that start another predicate between two tokens. Participles used as adjectives
    and verbs of a relative clause set off by commas (", whose presidents met ...,") do not."""
    verbs = []
    in_relative = False
    for t in doc[a:b]:
        if t.text == "," and t.i + 1 < b and doc[t.i + 1].lower_ in RELATIVE_WORDS:
            in_relative = True
        elif t.text == "," and in_relative:
            in_relative = False
        elif not in_relative and t.pos_ == "VERB" and t.ent_type_ == "" and t.dep_ != "amod" and t.lemma_.lower() not in allowed and t.lower_ not in SIGN_FORMS:
            verbs.append(t)
    return verbs


def _right_after(doc: Doc, i: int, anchors: list[int], gap: int = 3) -> bool:
    """Whether token i follows one of the anchors (the end of the signing cue, of a signing verb,
    or of the instrument's mention) within a few tokens, dates aside ("signed an MoU with X",
    "a contract between X and Y", "to be signed this month between X and Y")."""
    return any(start <= i and sum(1 for t in doc[start:i] if t.ent_type_ != "DATE") <= gap for start in anchors)


def _qualifies_a_noun(ent: Span, ctx: Context) -> bool:
    doc = ent.doc
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text not in ("’s", "'s"):
        return False
    following = doc[k + 1]
    return following.lower_ in PLACE_NOUNS or following.ent_type_ in ("GPE", "LOC")


def _place_noun_before(doc: Doc, of_index: int) -> bool:
    return of_index > 0 and doc[of_index - 1].lower_ in PLACE_NOUNS


def _inside_role(ent: Span, ctx: Context) -> bool:
    """'State' in 'Secretary of State', 'CNES' in 'President of CNES': part of a title, not a party."""
    for person in ctx.people:
        role = person.role
        if role is not None and role.start <= ent.start_char and ent.end_char <= role.end:
            return True
    return False


def _introduces_a_title(ent: Span, ctx: Context) -> bool:
    """An organisation right before a title and a name ("NSSA CEO Mohamed Al Aseeri")."""
    doc = ent.doc
    k = ent.end
    if k < len(doc) and doc[k].text == ")":
        k += 1  # the acronym of "National Space Science Agency (NSSA) CEO ..."
    if k + 2 < len(doc) and doc[k].text == "(":
        while k < len(doc) and doc[k].text != ")":
            k += 1
        k += 1
    titled = False
    while k < len(doc) and (doc[k].lower_.strip(".") in ctx.rules.role_heads | ctx.rules.role_modifiers | ctx.rules.honorifics):
        titled = True
        k += 1
    return titled and k < len(doc) and doc[k].ent_type_ == "PERSON"


def _names_an_instrument(text: str, ctx: Context) -> bool:
    return any(term.regex.search(text) for term in ctx.rules.agreement_terms if not term.needs_trigger_verb)


def parties_named_in_label(label: str, label_start: int, ctx: Context) -> list[PartyFinding]:
    """'U.S.-Kazakhstan Air Transport Agreement': the hyphenated places before the instrument."""
    found = []
    head = re.match(r"^(?:the\s+)?((?:[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*)(?:\s*[-–]\s*[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*)+)", label)
    if not head:
        return found
    offset = label_start + head.start(1)
    for part in re.finditer(r"[^-–]+", head.group(1)):
        words = part.group(0).strip().split()
        # the longest leading run of words that is a place: "Kazakhstan Air Transport" -> "Kazakhstan"
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            code = ctx.gazetteer.country_code(name)
            if code:
                start = offset + part.start() + part.group(0).index(words[0])
                party = _country_party(code, name, ctx, SpanRef(start, start + len(name), name, "party.named_in_instrument"))
                found.append(party)
                break
    return found


def _country_party(code: str, written: str, ctx: Context, evidence: SpanRef) -> PartyFinding:
    """A country party named as the document names that country elsewhere ("United States")."""
    cluster = next((p for p in ctx.places if p.kind == "country" and p.country == code), None)
    name = cluster.name if cluster is not None and cluster.name else ctx.gazetteer.country_name(code)
    aliases = list(cluster.aliases) if cluster is not None else []
    if written != name and written not in aliases:
        aliases.append(written)
    return PartyFinding(name, "country", code, None, aliases, [evidence])


def _qualifies_previous_place(ent: Span, ctx: Context) -> bool:
    """'Kenya' in 'Mombasa, Kenya' only says where Mombasa is (unlike 'the United States, Kenya')."""
    doc = ent.doc
    k = ent.start - 1
    if not (k > 0 and doc[k].text == "," and doc[k - 1].ent_type_ in ("GPE", "LOC")):
        return False
    previous = ctx.place_at(doc[k - 1].idx, doc[k - 1].idx + len(doc[k - 1].text))
    this = ctx.place_at(ent.start_char, ent.end_char)
    return (
        previous is not None
        and previous.kind in ("city", "region")
        and this is not None
        and this.kind in ("country", "region")
        and previous.country == this.country
    )


def parties_of_event(event: Event, ctx: Context, mention_label_span: tuple[int, int] | None) -> list[PartyFinding]:
    """Entities bound by the agreement in one event sentence."""
    doc = ctx.doc
    sent = event.sentence
    cue = event.cue_token.i
    clause_start, clause_end = _clause_bounds(event)
    found: list[PartyFinding] = []
    mention_end = None
    if event.mention is not None:
        span = doc.char_span(event.mention.start, event.mention.end, alignment_mode="expand")
        mention_end = span.end if span is not None else None
    if mention_label_span is not None and sent.start_char <= mention_label_span[0] < sent.end_char:
        found.extend(parties_named_in_label(doc_text(doc)[mention_label_span[0] : mention_label_span[1]], mention_label_span[0], ctx))
    for ent in _entities_in(sent, PARTY_LABELS):
        if ent.start < clause_start or ent.end > clause_end:
            continue
        if ctx.person_at(ent.start_char, ent.end_char) or _inside_role(ent, ctx) or _names_an_instrument(ent.text, ctx):
            continue
        if ent.label_ == "LOC" and getattr(ctx.place_at(ent.start_char, ent.end_char), "kind", None) != "country":
            continue  # oceans, regions and landmarks do not sign; "Solomon Islands" as LOC does
        if _introduces_a_title(ent, ctx):
            continue  # "National Space Science Agency (NSSA) CEO Dr. X": the person's organisation
        if _in_parentheses(ent) and ent.end <= cue:
            continue  # "(Xinhua)", "(AMA)": an agency credit or an acronym, not another party
        if _qualifies_a_noun(ent, ctx):
            continue  # "Ghana's capital", "China's Yiwu": the country only locates what follows
        prev = _preceding_word(doc, ent.start, sent.start)
        prev_low = prev.lower_ if prev is not None else ""
        if _qualifies_previous_place(ent, ctx):
            continue
        in_label = mention_label_span is not None and mention_label_span[0] <= ent.start_char and ent.end_char <= mention_label_span[1]
        rule = None
        if in_label:
            if ent.label_ in ("GPE", "NORP"):
                rule = "party.named_in_instrument"
        elif ent.end <= cue:
            between = doc[ent.end : cue]
            if prev_low == "of" and _place_noun_before(doc, prev.i):
                prev_low = ""  # "the eastern Chinese city of Yiwu": Yiwu is the subject
            listed_right_before = all(t.lower_ in SUBJECT_LIST_WORDS or t.ent_type_ in PARTY_LABELS for t in between) and (
                not len(between) or between[0].lower_ in ("and", "&")
            )
            if prev_low in SUBJECT_BLOCKERS and not listed_right_before:
                continue
            # an affiliation of a person ("Governor X of Mombasa") is handled through signatories
            if prev_low == "of" and prev is not None and ctx.person_at(doc[max(prev.i - 1, 0)].idx, doc[max(prev.i - 1, 0)].idx + 1):
                continue
            if _verbs_between(doc, ent.end, cue):
                continue
            rule = "party.subject_of_signing"
        else:
            window = doc[max(cue, ent.start - 4) : ent.start]
            words = [t.lower_ for t in window]
            joiner = next((t for t in window if t.lower_ in ("with", "between", "among")), None)
            anchors = [cue + 1] + [t.i + 1 for t in sent if t.lower_ in SIGN_FORMS] + ([mention_end] if mention_end is not None else [])
            if joiner is not None and _right_after(doc, joiner.i, anchors):
                rule = "party.with_or_between"
            elif prev_low in ("and", ",") and found and found[-1].evidence[-1].rule == "party.with_or_between" and ent.start - cue < 40:
                rule = "party.with_or_between"
            elif "behalf" in words or (prev_low == "for" and doc[cue].lower_ in SIGN_FORMS | {"signing"}):
                rule = "party.signs_for"
            elif "by" in words and not _verbs_between(doc, cue + 1, ent.start, allowed=frozenset()):
                rule = "party.signed_by"
            elif prev_low == "’s" or prev_low == "'s":
                rule = "party.possessive"
        if rule is None:
            continue
        party = party_from_entity(ent.start_char, ent.end_char, ctx, rule)
        if party is not None:
            found.append(party)
    return found


def _one_extends_the_other(a: PartyFinding, b: PartyFinding) -> bool:
    """'Kenya Red Cross' and 'Kenya Red Cross Society': organisations, one name the start of the other."""
    if a.kind in ("country", "city", "region") or b.kind in ("country", "city", "region"):
        return False
    x, y = sorted((a.key.split(), b.key.split()), key=len)
    return len(x) >= 2 and y[: len(x)] == x


def merge_parties(parties: list[PartyFinding]) -> list[PartyFinding]:
    merged: list[PartyFinding] = []
    for party in parties:
        same = next(
            (
                p
                for p in merged
                if p.key == party.key
                or party.key in {fold(a) for a in p.aliases}
                or p.key in {fold(a) for a in party.aliases}
                or p.kind == party.kind == "country" and p.country == party.country
                or p.loose_keys & party.loose_keys
                or _one_extends_the_other(p, party)
            ),
            None,
        )
        if same is None:
            merged.append(PartyFinding(party.name, party.kind, party.country, party.geonames_id, list(party.aliases), list(party.evidence)))
            continue
        if len(party.name) > len(same.name) and same.kind not in ("country", "city") and _one_extends_the_other(same, party):
            same.aliases.append(same.name)  # "Kenya Red Cross" -> "Kenya Red Cross Society"
            same.name = party.name
        same.evidence.extend(party.evidence)
        for alias in party.aliases + ([party.name] if party.name != same.name else []):
            if alias != same.name and alias not in same.aliases:
                same.aliases.append(alias)
        same.country = same.country or party.country
    return merged


# --- signatories --------------------------------------------------------------------------


def _signs_for(doc: Doc, start: int, end: int, ctx: Context) -> tuple[Span, str] | None:
    """The entity after 'on behalf of' / 'for' in a token range."""
    for k in range(start, end):
        tok = doc[k]
        if tok.lower_ == "behalf" and k + 1 < end and doc[k + 1].lower_ == "of":
            target = k + 2
        elif tok.lower_ == "for" and k > 0 and (doc[k - 1].lower_ in SIGN_FORMS or k - start <= 8):
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
    clause_start, clause_end = _clause_bounds(event)
    found: list[tuple[Person, Span | None]] = []
    for ent in span_ents(sent):
        if ent.label_ != "PERSON" or ent.start < clause_start or ent.end > clause_end:
            continue
        person = ctx.person_at(ent.start_char, ent.end_char)
        if person is None or any(p is person for p, _ in found):
            continue
        if ent.end <= cue:
            if any(t.lower_ in SIGN_FORMS for t in doc[ent.end : cue]):
                continue  # signs in an earlier clause of the sentence
            blockers = _verbs_between(doc, ent.end, cue)
            if blockers and cue > 0 and doc[cue - 1].lower_ in ("by", "in") and not any(t.text in (";", ":") for t in doc[ent.end : cue]):
                blockers = []  # "X signaled its commitment to ... by signing", "X joined Y in signing"
            if blockers:
                ctx.log("signatories", person.name, False, f"verb {blockers[0].text!r} stands between the person and the signing")
                continue
            prev = _preceding_word(doc, ent.start, sent.start)
            if prev is not None and prev.lower_ in ("by", "with", "to", "from") and prev.i < cue:
                continue
            governor = _list_governor(doc, ent.start, sent.start, ctx)
            if governor is not None:
                ctx.log("signatories", person.name, False, f"object of {governor.text!r}, not the one signing")
                continue
            target = _signs_for(doc, cue, clause_end, ctx)
        else:
            if any(t.lower_ in SIGN_FORMS for t in doc[ent.end : clause_end]) and not any(t.lower_ in ("by", "between", "with") for t in doc[cue + 1 : ent.start]):
                continue  # the subject of a later signing verb in the sentence
            # "signed by X, ..., and Y", "an MoU between X and Y", "signed the deal with X";
            # not "in the presence of Z" or "witnessed by Z"
            joiner = next((t for t in doc[cue + 1 : ent.start] if t.lower_ in ("by", "between", "with")), None)
            if joiner is None or joiner.lower_ == "with" and doc[cue].lower_ not in SIGN_FORMS:
                continue
            if _verbs_between(doc, cue + 1, ent.start, allowed=frozenset()):
                continue
            if any(t.lower_ in NOT_SIGNING_WORDS for t in doc[joiner.i : ent.start]):
                continue
            target = _signs_for(doc, ent.end, clause_end, ctx)
        found.append((person, target[0] if target else None))
        ctx.log("signatories", person.name, True, f"reported as signing ({event.cue.text!r})")
    for person in _people_named_by_title(doc, clause_start, cue, ctx):
        if all(p is not person for p, _ in found):
            target = _signs_for(doc, cue, clause_end, ctx)
            found.append((person, target[0] if target else None))
            ctx.log("signatories", person.name, True, f"named by title as signing ({event.cue.text!r})")
    return found


def _list_governor(doc: Doc, start: int, sent_start: int, ctx: Context) -> Token | None:
    """The verb whose object a list of people is ("We congratulate King X and Minister Y for ...")."""
    k = start - 1
    while k >= sent_start:
        tok = doc[k]
        if tok.ent_type_ in ("PERSON", "GPE", "NORP", "ORG") or tok.lower_ in ("and", ",", "of", "the", "’s", "'s") or tok.lower_.strip(".") in ctx.rules.role_heads | ctx.rules.role_modifiers | ctx.rules.honorifics | ctx.rules.portfolio_words or tok.is_title or tok.is_upper:
            k -= 1
            continue
        break
    if k >= sent_start and doc[k].pos_ == "VERB" and doc[k].lemma_.lower() not in CARRIER_LEMMAS:
        return doc[k]
    return None


def _people_named_by_title(doc: Doc, start: int, cue: int, ctx: Context) -> list[Person]:
    """'the Secretary and the Foreign Minister signed': titles standing for people named
    elsewhere in the article, when exactly one person holds each title."""
    found = []
    tokens = doc[start:cue]
    if _verbs_between(doc, start, cue):
        return found
    for tok in tokens:
        if tok.ent_type_ or tok.lower_ not in ctx.rules.role_heads or tok.i + 1 < cue and doc[tok.i + 1].lower_.strip(".") in ctx.rules.role_heads:
            continue
        k = tok.i - 1
        while k >= start and (doc[k].lower_ in ctx.rules.role_modifiers or doc[k].is_title and not doc[k].ent_type_):
            k -= 1
        if k < start or doc[k].lower_ not in ("the", "our", "its", "and"):
            continue
        title = set(fold(doc[k + 1 : tok.i + 1].text).split()) - LOOSE_WORDS
        # "the Foreign Minister" is the person titled "Minister of Foreign Affairs"
        holders = [p for p in ctx.people if p.role is not None and title <= set(fold(p.role.text).split())]
        if len(holders) == 1:
            found.append(holders[0])
    return found


def _party_for_signatory(person: Person, target: Span | None, parties: list[PartyFinding], ctx: Context) -> tuple[str | None, SpanRef | None]:
    def match(text: str) -> PartyFinding | None:
        key = fold(strip_leading_article(text))
        core = fold(core_name(text))
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
            return party.name, SpanRef(target.start_char, target.end_char, target.text, "signatory.signs_for")
    if person.affiliation is not None:
        aff = person.affiliation
        place = ctx.place_at(aff.start, aff.end)
        party = match(aff.text)
        if party is None and place is not None and place.country:
            same_country = [p for p in parties if p.country == place.country]
            party = same_country[0] if len(same_country) == 1 else None
        if party is not None:
            return party.name, SpanRef(aff.start, aff.end, aff.text, f"signatory.{aff.rule}")
    if person.role is not None:
        role_doc = ctx.doc.char_span(person.role.start, person.role.end, alignment_mode="expand")
        for ent in role_doc.ents if role_doc is not None else ():
            if ent.label_ in PARTY_LABELS:
                party = match(ent.text)
                if party is not None:
                    return party.name, SpanRef(ent.start_char, ent.end_char, ent.text, "signatory.named_in_role")
    return None, None


def _span_chars(text: str, ctx: Context) -> tuple[int, int]:
    at = doc_text(ctx.doc).find(text)
    return (at, at + len(text)) if at >= 0 else (-1, -1)


# --- date and place -----------------------------------------------------------------------


def date_of_events(events: list[Event], ctx: Context, status: str, exclude: list[tuple[int, int]]) -> tuple[ResolvedDate, SpanRef] | None:
    """The date the instrument was signed: a DATE tied to the signing cue, not to a visit or
    conference in the same sentence, nor a year that names the instrument ("the 2011 agreement")."""
    doc = ctx.doc
    for event in events:
        if event.cue.rule in NOT_SIGNING_DATE_CUES:
            continue
        candidates = []
        for ent in span_ents(event.sentence):
            if ent.label_ != "DATE":
                continue
            if any(s <= ent.start_char < e or 0 <= s - ent.end_char <= 1 for s, e in exclude):
                continue  # inside or right before an instrument's name: "the 2011 Air Transport Agreement"
            if ent.root.head.lemma_.lower() in EVENT_NOUNS or any(t.lemma_.lower() in EVENT_NOUNS for t in doc[max(ent.start - 2, 0) : ent.start]):
                continue
            if ent.start > 0 and doc[ent.start - 1].lower_ in DEADLINE_WORDS:
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
            return resolved, SpanRef(ent.start_char, ent.end_char, ent.text, "date.tied_to_signing")
    return None


def place_of_events(events: list[Event], ctx: Context) -> tuple[PlaceMention, SpanRef] | None:
    """Where the signing happened: 'signed in Barcelona', 'at the City Hall in Accra', 'In Accra, ...'."""
    doc = ctx.doc
    for event in events:
        sent = event.sentence
        for place in ctx.places:
            if not (sent.start_char <= place.start < sent.end_char) or place.kind == "country" and place.label != "GPE":
                continue
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            prev = _preceding_word(doc, span.start, sent.start)
            if prev is None or prev.lower_ not in ("in", "at") or place.kind == "country" and prev.lower_ != "in":
                continue
            before_cue = span.start < event.cue_token.i
            if before_cue and not (prev.i == sent.start or doc[prev.i - 1].is_punct and doc[prev.i - 1].text != ","):
                continue
            if not before_cue and (_relative_clause_between(doc, event.cue_token.i, span.start) or [v for v in _verbs_between(doc, event.cue_token.i + 1, span.start) if v.dep_ != "acl"]):
                continue
            # "Ambassador in Accra" or "the embassy in X" are not the place of signing.
            if prev.i > 0 and doc[prev.i - 1].lower_.strip(".") in ctx.rules.role_heads | {"embassy"}:
                continue
            following = next((p for p in ctx.places if 0 < p.start - place.end <= 2 and doc_text(doc)[place.end : p.start].strip() == ","), None)
            if following is not None and following.kind == "city" and place.kind != "city":
                place = following  # "in Victoria Island, Lagos": the district's city
            return place, SpanRef(place.start, place.end, place.text, "place.in_or_at")
        venue = _venue_city(event, ctx)
        if venue is not None:
            return venue
        dateline = _dateline_place(ctx) if any(t.lower_ == "here" for t in sent) else None
        if dateline is not None:
            return dateline, SpanRef(dateline.start, dateline.end, dateline.text, "place.dateline_here")
        for place in ctx.places:
            if not (sent.start_char <= place.start < sent.end_char) or place.kind is None:
                continue
            before = doc_text(doc)[max(sent.start_char, place.start - 30) : place.start]
            if VISIT_BEFORE_PLACE.search(before):
                return place, SpanRef(place.start, place.end, place.text, "place.visit")
    return None


def _relative_clause_between(doc: Doc, a: int, b: int) -> bool:
    """', which paves the way for ... at the Madrid Summit': what follows is about something else."""
    return any(t.text == "," and t.i + 1 < b and doc[t.i + 1].lower_ in RELATIVE_WORDS for t in doc[a:b])


def _venue_city(event: Event, ctx: Context) -> tuple[PlaceMention, SpanRef] | None:
    """'at the City Hall in Accra', 'at the Municipal Theatre of Valparaíso', 'at the offices of
    the Kumasi Metropolitan Assembly': the city a venue is named after or placed in."""
    doc = ctx.doc
    sent = event.sentence
    context = [p.country for p in ctx.places if p.country]
    for ent in span_ents(sent):
        if ent.label_ not in ("FAC", "ORG") or ent.start <= event.cue_token.i:
            continue
        prev = _preceding_word(doc, ent.start, sent.start)
        if prev is None or not (prev.lower_ in ("at", "in") or prev.lower_ == "of" and prev.i > 0 and doc[prev.i - 1].lower_ in VENUE_NOUNS):
            continue
        if _relative_clause_between(doc, event.cue_token.i, ent.start) or [v for v in _verbs_between(doc, event.cue_token.i + 1, ent.start) if v.dep_ != "acl"]:
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
                if match is not None and match.kind == "city" and (named_elsewhere or (match.population or 0) >= VENUE_CITY_MIN_POPULATION):
                    place = PlaceMention(span.start_char, span.end_char, span.text, "GPE", match.name, match.kind, match.country, match.geonames_id, "gazetteer.venue")
                    return place, SpanRef(ent.start_char, ent.end_char, ent.text, "place.venue")
    return None


def _dateline_place(ctx: Context) -> PlaceMention | None:
    """The city of a dateline ("KISUMU, Kenya, March 3 (Xinhua) --", "DAVAO CITY —")."""
    doc = ctx.doc
    for place in ctx.places:
        if place.start >= ctx.lead_end:
            break
        starts_line = place.start == 0 or doc_text(doc)[place.start - 1] == "\n"
        after = doc_text(doc)[place.end : place.end + 3].lstrip()
        if place.kind == "city" and place.text.isupper() and starts_line and after[:1] in (",", "—", "–", "-", ":"):
            return place
    return None


def _dateline_signing(finding: AgreementFinding, ctx: Context) -> tuple[PlaceMention, SpanRef] | None:
    """'GUATEMALA CITY — ... signed ... at a ceremony at the National Palace of Culture': a
    signing reported in the lead, or held at a venue the article does not place, took place in
    the dateline's city."""
    if finding.status == "planned":
        return None
    place = _dateline_place(ctx)
    if place is None:
        return None
    in_lead = any(e.sentence.start_char < ctx.lead_end for e in finding.events)
    at_venue = any(re.search(r"\bat (?:a |the )?(?:[\w-]+ ){0,3}(?:ceremony|[A-Z][\w’'-]+)", e.sentence.text[e.cue_token.idx - e.sentence.start_char :]) for e in finding.events)
    if in_lead or at_venue:
        return place, SpanRef(place.start, place.end, place.text, "place.dateline")
    return None


def host_of_delegation(finding: AgreementFinding, ctx: Context) -> tuple[PlaceMention, SpanRef] | None:
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
            if re.search(rf"\bdelegation (?:from|of) {re.escape(party.name)}\b|\b{re.escape(party.name)} delegation\b", sent.text):
                visiting.add(party.name)
        if len(visiting) == 1:
            host = next(p for p in cities if p.name not in visiting)
            place = next((pl for pl in ctx.places if pl.name == host.name), None)
            if place is not None:
                return place, SpanRef(sent.start_char, sent.end_char, sent.text, "place.host_of_delegation")
    return None


# --- assembly -----------------------------------------------------------------------------


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
        m.start < ctx.lead_end and m.type == finding.type and fold(ctx.labels[m]) == fold(finding.label) for m in ctx.mentions
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


def _title_end(doc: Doc) -> int:
    """Where the headline ends: the first line, when a line break follows it; else 0 (no headline)."""
    text = doc_text(doc).lstrip()
    offset = len(doc_text(doc)) - len(text)
    line_end = text.find("\n")
    return offset + line_end if line_end > 0 else 0


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
    ctx.instrument_names = [_label_span(doc, m, ctx.labels[m]) for m in mentions]
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
        if target is not None and _indefinite(doc, mention) and any(e.sentence.start_char >= _title_end(doc) for e in target.events):
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
            if event.status in ("renewed", "planned") and target.status == "signed" and (
                event.status == "renewed" or all(_weak(e) for e in target.events)
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


def _listed_signatories(finding: AgreementFinding, ctx: Context) -> list[PartyFinding]:
    """'The signatories to the Agreement are: Canada, China, ...' lists the parties (a roster of
    *other* signatories, as in an accession, does not)."""
    found = []
    first = min(e.sentence.start_char for e in finding.events)
    for sent in ctx.doc.sents:
        if sent.start_char < first:
            continue
        match = SIGNATORY_ROSTER.search(sent.text)
        if match is None:
            continue
        roster_start = sent.start_char + match.end()
        for ent in span_ents(sent):
            if _in_parentheses(ent):
                continue  # "the Kingdom of Denmark (in respect of the Faroe Islands and Greenland)"
            if ent.start_char >= roster_start and ent.label_ in ("GPE", "ORG", "LOC"):
                party = party_from_entity(ent.start_char, ent.end_char, ctx, "party.listed_signatory")
                if party is not None and (ent.label_ != "LOC" or party.kind == "country"):
                    found.append(party)
        if found:
            break
    return found


def _in_parentheses(span: Span) -> bool:
    before = doc_text(span.doc)[span.sent.start_char : span.start_char]
    return before.count("(") > before.count(")")


def _link_by_elimination(finding: AgreementFinding) -> None:
    """'X signed for Panama and Y signed too': when one signatory and one party are left
    unlinked, Y signed for the party nobody else signed for."""
    unlinked = [s for s in finding.signatories if s.party is None]
    linked_parties = {s.party for s in finding.signatories if s.party is not None}
    free = [p for p in finding.parties if p.name not in linked_parties]
    if len(unlinked) == 1 and len(free) == 1 and linked_parties:
        signatory = unlinked[0]
        signatory.party = free[0].name
        ref = free[0].evidence[0]
        signatory.party_evidence = SpanRef(ref.start, ref.end, ref.text, "signatory.by_elimination")


def _label_span(doc: Doc, mention: Mention, label: str) -> tuple[int, int]:
    at = doc_text(doc).rfind(label, 0, mention.end)
    return (at, at + len(label)) if at >= 0 else (mention.start, mention.end)


def _assemble(finding: AgreementFinding, ctx: Context) -> None:
    doc = ctx.doc
    label_spans = [_label_span(doc, mention, ctx.labels[mention]) for mention in finding.mentions]
    parties: list[PartyFinding] = []
    signers: list[tuple[Person, Span | None]] = []
    for event in finding.events:
        label_span = None
        if event.mention is not None:
            label_span = label_spans[finding.mentions.index(event.mention)] if event.mention in finding.mentions else None
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
    parties.extend(_listed_signatories(finding, ctx))
    finding.parties = merge_parties(parties)
    for person, target in signers:
        party, party_ref = _party_for_signatory(person, target, finding.parties, ctx)
        evidence = [SpanRef(m.start, m.end, m.text, "signatory.reported_signing") for m in person.mentions[:1]]
        finding.signatories.append(SignatoryFinding(person, party, evidence, party_ref))
    _link_by_elimination(finding)
    finding.date = date_of_events(finding.events, ctx, finding.status, label_spans + ctx.instrument_names)
    finding.place = place_of_events(finding.events, ctx) or host_of_delegation(finding, ctx) or _dateline_signing(finding, ctx)


def _add_description(findings: list[AgreementFinding], mentions: list[Mention], ctx: Context) -> None:
    """Sentences that say what each agreement covers: its event sentences and the later sentences
    that mention it ("The MOU outlines ...")."""
    if not findings:
        return
    doc = ctx.doc
    firsts = sorted((min(e.sentence.start_char for e in f.events), n) for n, f in enumerate(findings))
    previous_owners: set[int] = set()
    for sent in doc.sents:
        owners: set[int] = set()
        if previous_owners and ANAPHORIC_START.match(sent.text):
            owners |= previous_owners
        for n, finding in enumerate(findings):
            if any(e.sentence.start_char == sent.start_char for e in finding.events):
                owners.add(n)
        if not owners:
            in_sent = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
            for mention in in_sent:
                # the most recently introduced compatible agreement
                candidates = [n for start, n in firsts if start <= sent.start_char and _compatible(findings[n], mention)]
                if candidates:
                    owners.add(candidates[-1])
        for n in owners:
            findings[n].description.append((sent.start_char, sent.end_char))
        previous_owners = owners
