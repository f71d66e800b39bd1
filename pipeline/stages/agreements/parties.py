"""Parties: the entities an event binds, read from the subject of the signing, 'with'/'between'
phrases, the instrument's name, 'on behalf of' and rosters of signatories.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.resources.loader import RuleSet
from pipeline.stages.agreements.clauses import (
    PARTY_LABELS,
    clause_bounds,
    entities_in,
    in_parentheses,
    preceding_word,
    right_after,
    verbs_between,
)
from pipeline.stages.agreements.findings import AgreementFinding, Context, Event, PartyFinding
from pipeline.stages.doc_cache import POSSESSIVE_MARKS, doc_ents, doc_text, span_ents
from pipeline.stages.places import core_name
from pipeline.text.names import fold, strip_leading_article

# "and the city of": more words than this between two names are no list of parties ("with Siemens
# for the maintenance of power stations in Iraq: the Kirkuk, Rashid and Sadr plants").
MAX_WORDS_BETWEEN_LISTED_PARTIES = 5
# A city this large named in an organisation's name tells its country ("University of Nairobi").
ORG_CITY_MIN_POPULATION = 200_000


DEFAULT_KIND_RULE = "kind.default_organisation"


def _kind_of_org(text: str, rules: RuleSet) -> tuple[str, str]:
    for rule in rules.party_kinds:
        if rule.regex.search(text):
            return rule.kind, rule.id
    return "organisation", DEFAULT_KIND_RULE


def _country_before(start: int, ctx: Context) -> str | None:
    """A country just before an organisation: "the U.S. Department of Health", "Libyan company Hatif",
    'the German firm "Voss"'."""
    words = [w for w in (w.strip(_QUOTES) for w in doc_text(ctx.doc)[max(0, start - 40) : start].split()) if w]
    while words and words[-1].lower() in ctx.rules.words["org_nouns"]:
        words.pop()
    if words and (words[-1][-1] in ",;:!?" or words[-1][-1] == "." and words[-1].count(".") == 1):
        return None  # "in Greece, the EIB signed", "in Greece. EIB": the country ends another phrase
    for n in (2, 1):
        if len(words) >= n:
            candidate = " ".join(words[-n:]).strip("(")
            code = ctx.gazetteer.country_code(candidate) or ctx.gazetteer.country_of_demonym(candidate)
            if code:
                return code
    return None


_QUOTES = "\"“”‘’'"


def _country_after(start: int, end: int, ctx: Context) -> str | None:
    """A place right after an organisation that locates it: "the Investment Authority in Egypt",
    "Dobong-gu in Seoul", "Bharat Dynamics Limited (BDL), Hyderabad," (not "Ecobank, Togo and Benin")."""
    doc = ctx.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    k = span.end
    if k + 2 < len(doc) and doc[k].text == "(" and doc[k + 2].text == ")":
        k += 3  # its acronym
    if k + 1 >= len(doc):
        return None
    if doc[k].lower_ == "in" and span.start <= doc[k].head.i < span.end:
        k += 1
        while k < len(doc) and doc[k].lower_ == "the":
            k += 1
    elif doc[k].text == "," and not _item_of_a_list(doc, span.start):
        k += 1
        after = next((e for e in doc_ents(doc) if e.start == k), None)
        if after is None or not (after.end == len(doc) or doc[after.end].text in (",", ".", ")", ";")):
            return None
    else:
        return None
    place = ctx.place_at(doc[k].idx, doc[k].idx + len(doc[k].text)) if doc[k].ent_type_ in ("GPE", "LOC") else None
    return place.country if place is not None and place.kind is not None else None


def _country_elsewhere(name: str, ctx: Context) -> str | None:
    """A country the article writes before another mention of the organisation ("Bahrain's Gulf
    Air" in the lead, "Gulf Air" in the event)."""
    text = doc_text(ctx.doc)
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        code = _country_before(match.start(), ctx)
        if code:
            return code
    return None


def _main_country(ctx: Context) -> str | None:
    """The country an article is about: the one its places lie in at least twice as often as
    in any other."""
    counts = Counter(p.country for p in ctx.places if p.kind is not None and p.country)
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _document_countries(ctx: Context) -> list[str]:
    return list(dict.fromkeys(p.country for p in ctx.places if p.kind == "country" and p.country))


def _org_country(text: str, ctx: Context, names_only: bool = False) -> str | None:
    """The country an organisation's name places it in: a country ("U.S. Department of ...",
    "Tanzania Ports Authority"), a nationality ("Romanian Space Agency") or a city, large or in
    a country the article names ("University of Nairobi", "Piraeus Port Authority"). With
    `names_only` (international and civil-society organisations: "Organization of American
    States"), only a country's name counts."""
    countries = _document_countries(ctx)
    words = re.findall(r"[A-Z][\w.’'-]*", text)
    for size in (3, 2, 1):
        for n in range(len(words) - size + 1):
            name = " ".join(words[n : n + size])
            code = ctx.gazetteer.country_code(name) or (None if names_only else ctx.gazetteer.country_of_demonym(name))
            if code:
                return code
            if names_only:
                continue
            place = ctx.gazetteer.lookup(name, context_countries=countries) if size > 1 or len(name) > 3 else None
            if place is not None and (
                place.kind == "region"
                or place.kind == "city"
                and ((place.population or 0) >= ORG_CITY_MIN_POPULATION or place.country in countries)
            ):
                return place.country
    return None


def party_from_entity(
    ent_start: int, ent_end: int, ctx: Context, rule: str, demonym: bool = False
) -> PartyFinding | None:
    """A party from an entity span: places through the gazetteer, organisations by kind rules.
    With `demonym`, a nationality ("Armenian" Foreign Minister) stands for its country."""
    doc = ctx.doc
    text = doc_text(doc)[ent_start:ent_end]
    place_end = _place_before_a_name(ent_start, text, ctx)
    if place_end is not None:
        return party_from_entity(ent_start, place_end, ctx, rule, demonym)
    place = ctx.place_at(ent_start, ent_end)
    evidence = [Evidence(ent_start, ent_end, text, rule)]
    acronym = re.match(r"\s*\(([A-Z][A-Za-z&.]{1,9})\)", doc_text(doc)[ent_end : ent_end + 12])
    acronyms = [acronym.group(1)] if acronym else []
    if place is not None and place.kind is not None:
        kind = {"country": "country", "city": "city", "region": "region"}.get(place.kind, "region")
        return PartyFinding(
            place.name or core_name(text, ctx.rules),
            kind,
            place.country,
            place.geonames_id,
            list(dict.fromkeys(place.aliases + acronyms)),
            evidence,
        )
    expansion = _expansion_of_acronym(text, ctx)
    if expansion is not None:
        party = party_from_entity(expansion.start_char, expansion.end_char, ctx, rule, demonym)
        if party is not None and party.kind in ("country", "city", "region"):
            party.aliases = list(dict.fromkeys([*party.aliases, text]))
            party.evidence = evidence + party.evidence
            return party
        if party is not None:  # news names an organisation by its acronym: "FAO", with its country
            return PartyFinding(text, party.kind, party.country, None, [party.name, *party.aliases], evidence)
    ent = next((e for e in doc_ents(doc) if e.start_char <= ent_start and ent_end <= e.end_char), None)
    label = ent.label_ if ent is not None else ""
    name = strip_leading_article(text)
    bracketed_country = None
    if "(" in name and ")" not in name:
        # "the University of Goroka (Papua New Guinea": the model ran into a bracket
        name, inside = (part.strip() for part in name.split("(", 1))
        bracketed_country = ctx.gazetteer.country_code(inside)
        if inside.isupper() and not bracketed_country and inside not in acronyms:
            acronyms.append(inside)
    if fold(name) in ctx.rules.words["vague_party_words"] or not any(ch.isupper() for ch in name):
        return None
    if label == "NORP":
        # "the Kenyan government" is Kenya; "the Nigerian state of Lagos" is not Nigeria
        following = doc_text(doc)[ent_end : ent_end + 40].split()
        code = ctx.gazetteer.country_of_demonym(name)
        if (
            code is None
            or not demonym
            and (not following or following[0].lower().strip(",.") not in ctx.rules.words["national_body_words"])
        ):
            return None
        country_name = ctx.gazetteer.country_name(code)
        return PartyFinding(country_name, "country", code, None, [], evidence)
    # "the Government of Mexico" is Mexico, and so is "Mexico" inside an organisation's name.
    core = core_name(name, ctx.rules)
    code = ctx.gazetteer.country_code(core)
    if code:
        return _country_party(code, name, ctx, evidence[0])
    if core != name:
        place_match = ctx.gazetteer.lookup(core)
        if place_match is not None and place_match.kind in ("city", "region"):
            # "the County Government of Nakuru" is Nakuru
            return PartyFinding(
                core, place_match.kind, place_match.country, place_match.geonames_id, [name, *acronyms], evidence
            )
    kind, _ = _kind_of_org(name, ctx.rules)
    country = (
        bracketed_country
        or _org_country(name, ctx, names_only=kind == "organisation")
        or _country_before(ent_start, ctx)
        or _country_after(ent_start, ent_end, ctx)
        or _country_elsewhere(name, ctx)
        # "the Defence Ministry", "Bharat Electronics Limited" in an article about India
        or (_main_country(ctx) if kind in ("government_body", "company") else None)
    )
    return PartyFinding(name, kind, country, None, acronyms, evidence)


def _place_before_a_name(start: int, text: str, ctx: Context) -> int | None:
    """Where the place ends in "President of [Tajikistan Emomali Rahmon]", an entity the model
    ran from the title's country into the holder's name; None for any other entity."""
    title = re.search(r"\b(\w+)\s+of\s+(?:the\s+)?$", doc_text(ctx.doc)[max(0, start - 40) : start])
    if title is None or title.group(1).lower() not in ctx.rules.role_heads:
        return None
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        rest = words[n:]
        if len(rest) > 3 or not all(w[:1].isupper() and w[1:].islower() for w in rest):
            break
        place = " ".join(words[:n])
        if ctx.gazetteer.country_code(place) and _kind_of_org(" ".join(rest), ctx.rules)[1] == DEFAULT_KIND_RULE:
            return start + len(place)  # "Ghana Ports Authority" names an organisation, not a person
    return None


_ACRONYM_RE = re.compile(r"(?:[A-Z]\.?){2,6}")


def _expansion_of_acronym(text: str, ctx: Context) -> Span | None:
    """The name an acronym stands for in the article: the one it follows in brackets ("Kathmandu
    Metropolitan City (KMC)"), else the one whose words it abbreviates ("General Electric" for
    "G.E.")."""
    if not _ACRONYM_RE.fullmatch(text):
        return None
    letters = text.replace(".", "")
    loose_words = ctx.rules.words["loose_name_words"]
    names = [e for e in doc_ents(ctx.doc) if e.label_ in PARTY_LABELS and " " in e.text.strip()]
    for ent in names:
        if re.match(rf"\s*\(\s*{re.escape(text)}\s*\)", doc_text(ctx.doc)[ent.end_char : ent.end_char + len(text) + 6]):
            return ent
    return next((e for e in names if _initials(strip_leading_article(e.text), loose_words) == letters), None)


def _qualifies_a_noun(ent: Span, ctx: Context) -> bool:
    """'Ghana's capital', "Japan's Kochi Town", 'Chicago-based Boeing', 'two Accra companies':
    the place only locates what follows."""
    doc = ent.doc
    k = ent.end - 1 if ent[-1].text in POSSESSIVE_MARKS else ent.end  # "South Korea's" tagged whole
    if k + 1 < len(doc) and doc[k].text in ("-", "–") and doc[k + 1].lower_ == "based":
        return True
    following = doc[k] if k < len(doc) else None
    if (
        ent.label_ == "GPE"
        and following is not None
        and following.pos_ == "NOUN"
        and following.lemma_ != following.lower_  # plural: "two Accra companies", not "the Accra company"
        and following.lemma_ in ctx.rules.words["org_nouns"]
    ):
        return True
    if k + 1 >= len(doc) or doc[k].text not in POSSESSIVE_MARKS:
        return False
    following = doc[k + 1]
    return following.lower_ in ctx.rules.words["place_nouns"] or following.ent_type_ in ("GPE", "LOC", "ORG", "FAC")


def _head_of_of_phrase(doc: Doc, of_index: int, ent: Span, ctx: Context) -> Token | None:
    """The noun before 'of' whose object is the party itself ("the Polish city of Wroclaw",
    "the municipalities of A and B", "the government of X"), else None; not in "the Mezitli
    district of Mersin" or "a province of China", where the object only locates the unit."""
    head = doc[of_index - 1] if of_index > 0 else None
    if head is None or head.lower_ not in ctx.rules.words["party_of_heads"]:
        return None
    if head.i > 0 and doc[head.i - 1].is_title and doc[head.i - 1].pos_ == "PROPN":
        return None
    place = ctx.place_at(ent.start_char, ent.end_char)
    country = place is not None and place.kind == "country"
    if country and head.lower_ in ctx.rules.words["place_nouns"] and head.lower_ != "state":
        return None
    return head


def _word_before(doc: Doc, start: int, sent_start: int) -> Token | None:
    """The word before an entity, past articles and lower-case adjectives ("in eastern Taiwan")."""
    k = start - 1
    while k >= sent_start and (doc[k].lower_ in ("the", "a", "an") or doc[k].pos_ == "ADJ" and doc[k].is_lower):
        k -= 1
    return doc[k] if k >= sent_start else None


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
    while k < len(doc) and (
        doc[k].lower_.strip(".") in ctx.rules.role_heads | ctx.rules.role_modifiers | ctx.rules.honorifics
    ):
        titled = True
        k += 1
    return titled and k < len(doc) and doc[k].ent_type_ == "PERSON"


def _part_of_a_title(ent: Span, ctx: Context) -> bool:
    """A name that only completes a title: the host country of an envoy ("Ambassador to
    Japan"), a portfolio ("Minister for Trade and Industry"), a title itself ("Permanent
    Representative"), a unit before a title that names no one after it ("the Cabinet
    Secretary, Ministry of ...", "Party Committee Secretary, X"); not an institution a
    representative signs for ("Representative of Bogota Metro Company")."""
    doc = ent.doc
    titles = ctx.rules.role_heads
    k = ent.start - 1
    if k > 0 and doc[k].lower_ == "to" and doc[k - 1].lower_ in titles:
        return True  # "Ambassador to Japan X" signs for the country that sent the ambassador
    if ent.label_ != "ORG":
        return False
    if ent[-1].lower_ in titles:
        return True
    k = ent.start - 1
    if k > 0 and doc[k].lower_ in ("for", "of") and doc[k - 1].lower_ in titles:
        return _kind_of_org(ent.text, ctx.rules)[1] == DEFAULT_KIND_RULE
    k = ent.end
    while k < len(doc) and (doc[k].lower_.strip(".") in titles or doc[k].text in ("-", "–") and k > ent.end):
        k += 1
    return k > ent.end and (k == len(doc) or doc[k].text in (",", ";") or doc[k].pos_ in ("VERB", "AUX"))


def _names_a_person(ent: Span, ctx: Context) -> bool:
    """'Modi', 'the General de Gaulle': a person the article names elsewhere, which the model
    took here for a place or an organisation."""
    place = ctx.place_at(ent.start_char, ent.end_char)
    if place is not None and place.kind is not None:
        return False
    words = fold(strip_leading_article(ent.text)).split()
    while len(words) > 1 and words[0] in ctx.rules.role_heads | ctx.rules.honorifics:
        words.pop(0)
    name = " ".join(words)
    return any(name in person.keys or name == fold(person.name).split()[-1] for person in ctx.people)


def _after_a_year(ent: Span) -> bool:
    """'the 2023 PNG Update', 'the 2019 Summit': a yearly event, not a party."""
    doc = ent.doc
    return ent.start > 0 and re.fullmatch(r"(?:19|20)\d\d", doc[ent.start - 1].text) is not None


def _names_an_instrument(text: str, ctx: Context) -> bool:
    return any(term.regex.search(text) for term in ctx.rules.agreement_terms if not term.needs_trigger_verb)


def parties_named_in_label(label: str, label_start: int, ctx: Context) -> list[PartyFinding]:
    """'U.S.-Kazakhstan Air Transport Agreement': the hyphenated places before the instrument."""
    found = []
    head = re.match(
        r"^(?:the\s+)?((?:[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*)(?:\s*[-–]\s*[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*)*)+)", label
    )
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
                party = _country_party(
                    code, name, ctx, Evidence(start, start + len(name), name, "party.named_in_instrument")
                )
                found.append(party)
                break
    return found


def _country_party(code: str, written: str, ctx: Context, evidence: Evidence) -> PartyFinding:
    """A country party named as the document names that country elsewhere ("United States")."""
    cluster = next((p for p in ctx.places if p.kind == "country" and p.country == code), None)
    name = cluster.name if cluster is not None and cluster.name else ctx.gazetteer.country_name(code)
    aliases = list(cluster.aliases) if cluster is not None else []
    if written != name and written not in aliases:
        aliases.append(written)
    return PartyFinding(name, "country", code, None, aliases, [evidence])


def _set_off_participle(verb: Token, end: int) -> bool:
    """'Oman, represented by its Minister of Transport, and Jordan signed': a participle between
    commas describes the party before it; it starts no predicate of its own."""
    doc = verb.doc
    return (
        verb.dep_ == "acl"
        and verb.i > 0
        and doc[verb.i - 1].text == ","
        and any(t.text == "," for t in doc[verb.i + 1 : end])
    )


def _item_of_a_list(doc: Doc, start: int) -> bool:
    """Whether the entity starting at token `start` follows a comma ("Denmark, the European Union")."""
    k = start - 1
    while k > 0 and doc[k].lower_ == "the":
        k -= 1
    return k >= 0 and doc[k].text == ","


def _body_of_a_place(ent: Span, ctx: Context) -> bool:
    """'The People's Committee of Quang Nam province': a body with no kind word of its own
    followed by the place it governs acts for that place, which is the party."""
    doc = ent.doc
    if ent.label_ != "ORG" or ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return False
    if _kind_of_org(ent.text, ctx.rules)[1] != DEFAULT_KIND_RULE:
        return False
    k = ent.end + 1
    words = ctx.rules.words
    while k < len(doc) and (
        doc[k].lower_ in ("the", "of")
        or doc[k].is_lower
        and (doc[k].pos_ == "ADJ" or doc[k].lower_ in words["place_nouns"])
    ):
        k += 1
    place = ctx.place_at(doc[k].idx, doc[k].idx + len(doc[k].text)) if k < len(doc) else None
    return place is not None and place.kind is not None


def _region_of_previous_place(ent: Span, ctx: Context) -> bool:
    """'Sanjo city, Niigata prefecture of Japan': a place named with its place noun right after
    a comma and another place says where that place is (not an item of a list: 'Mombasa,
    Kilifi county and Lamu county')."""
    doc = ent.doc
    place_nouns = ctx.rules.words["place_nouns"]
    noun = ent.end
    if not (noun < len(doc) and doc[noun].is_lower and doc[noun].lower_ in place_nouns):
        return False
    if noun + 1 < len(doc) and doc[noun + 1].lower_ in (",", "and", "&"):
        return False
    k = ent.start - 1
    if k < 1 or doc[k].text != ",":
        return False
    k -= 1
    if doc[k].is_lower and doc[k].lower_ in place_nouns:  # "Sanjo city, ..."
        k -= 1
    return k >= 0 and doc[k].ent_type_ in ("GPE", "LOC", "ORG")


def _qualifies_previous_place(ent: Span, ctx: Context) -> bool:
    """'Kenya' in 'Mombasa, Kenya' or 'Kenya Ports Authority (KPA), Kenya,' only says where the
    place or organisation before it is (unlike 'the United States, Kenya' or 'Safaricom, Kenya
    and Uganda')."""
    doc = ent.doc
    k = ent.start - 1
    if not (k > 0 and doc[k].text == ","):
        return False
    k -= 1
    if doc[k].text == ")":  # the acronym of "Kenya Ports Authority (KPA), Kenya"
        while k > 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if doc[k].ent_type_ not in ("GPE", "LOC", "ORG", "FAC"):
        return False
    previous = ctx.place_at(doc[k].idx, doc[k].idx + len(doc[k].text))
    first = next((e.start for e in doc_ents(doc) if e.start <= k < e.end), k)
    this = ctx.place_at(ent.start_char, ent.end_char)
    if this is None or this.kind not in ("country", "region"):
        return False
    if previous is not None and previous.kind is not None:
        return previous.kind in ("city", "region") and previous.country == this.country
    # an organisation or an unknown place: only when it is no list's item and nothing is listed
    # after the country
    return not _item_of_a_list(doc, first) and (
        ent.end == len(doc) or doc[ent.end].text in (",", ".", ")", ";") or doc[ent.end].is_space
    )


def _words_since(party: PartyFinding, ent: Span) -> int:
    """The lower-case words between a party's mention and a later entity (capitalised words
    belong to names the model may have cut: "Health Emergency [and Preparedness Authority]")."""
    end = party.evidence[0].end
    return sum(
        1
        for t in ent.sent
        if t.idx >= end and t.i < ent.start and t.ent_type_ not in PARTY_LABELS and t.is_alpha and t.is_lower
    )


def parties_of_event(event: Event, ctx: Context, mention_label_span: tuple[int, int] | None) -> list[PartyFinding]:
    """Entities bound by the agreement in one event sentence."""
    doc = ctx.doc
    sent = event.sentence
    cue = event.cue_token.i
    words = ctx.rules.words
    clause_start, clause_end = clause_bounds(event, words)
    found: list[PartyFinding] = []
    mention_end = None
    if event.mention is not None:
        span = doc.char_span(event.mention.start, event.mention.end, alignment_mode="expand")
        mention_end = span.end if span is not None else None
    if mention_label_span is not None and sent.start_char <= mention_label_span[0] < sent.end_char:
        found.extend(
            parties_named_in_label(
                doc_text(doc)[mention_label_span[0] : mention_label_span[1]], mention_label_span[0], ctx
            )
        )
    for ent in entities_in(sent, PARTY_LABELS):
        if ent.start < clause_start or ent.end > clause_end:
            continue
        if ctx.person_at(ent.start_char, ent.end_char) or _inside_role(ent, ctx) or _names_an_instrument(ent.text, ctx):
            continue
        if ent.label_ == "LOC" and getattr(ctx.place_at(ent.start_char, ent.end_char), "kind", None) != "country":
            continue  # oceans, regions and landmarks do not sign; "Solomon Islands" as LOC does
        if _introduces_a_title(ent, ctx) or _part_of_a_title(ent, ctx):
            continue  # "National Space Science Agency (NSSA) CEO Dr. X": the person's organisation
        if _names_a_person(ent, ctx) or _after_a_year(ent) or fold(ent[-1].text) in words["publication_nouns"]:
            continue  # "Joint Press Release of the Embassies": a text, not who signs
        if in_parentheses(ent) and ent.end <= cue:
            continue  # "(Xinhua)", "(AMA)": an agency credit or an acronym, not another party
        if _qualifies_a_noun(ent, ctx):
            continue  # "Ghana's capital", "China's Yiwu": the country only locates what follows
        prev = preceding_word(doc, ent.start, sent.start)
        prev_low = prev.lower_ if prev is not None else ""
        locative = _word_before(doc, ent.start, sent.start)  # "in eastern Taiwan"
        in_or_at = locative is not None and locative.lower_ in ("in", "at")
        if in_or_at and locative.i > sent.start and doc[locative.i - 1].ent_type_ in PARTY_LABELS:
            continue  # "Kaohsiung in southern Taiwan and Sendai signed": where the party before is
        if _qualifies_previous_place(ent, ctx) or _region_of_previous_place(ent, ctx) or _body_of_a_place(ent, ctx):
            continue
        in_label = (
            mention_label_span is not None
            and mention_label_span[0] <= ent.start_char
            and ent.end_char <= mention_label_span[1]
        )
        rule = None
        if in_label:
            place = ctx.place_at(ent.start_char, ent.end_char)
            if ent.label_ == "NORP" or ent.label_ == "GPE" and place is not None and place.kind is not None:
                rule = "party.named_in_instrument"  # not "Understanding" in "Memorandum of Understanding"
        elif ent.end <= cue:
            between = doc[ent.end : cue]
            if _topic_of_the_instrument(ent, mention_end, cue, words["party_joiners"]):
                continue
            if prev_low == "of" and _head_of_of_phrase(doc, prev.i, ent, ctx):
                prev_low = ""  # "the eastern Chinese city of Yiwu": Yiwu is the subject
            listed_right_before = all(
                t.lower_ in words["subject_list_words"] or t.ent_type_ in PARTY_LABELS for t in between
            ) and (not len(between) or between[0].lower_ in ("and", "&"))
            if (prev_low in words["subject_blockers"] or in_or_at) and not listed_right_before:
                continue
            # an affiliation of a person ("Governor X of Mombasa") is handled through signatories
            if (
                prev_low == "of"
                and prev is not None
                and ctx.person_at(doc[max(prev.i - 1, 0)].idx, doc[max(prev.i - 1, 0)].idx + 1)
            ):
                continue
            if any(not _set_off_participle(v, cue) for v in verbs_between(doc, ent.end, cue, words)):
                continue
            rule = "party.subject_of_signing"
        elif in_or_at:
            continue  # "with universities in the United Kingdom": it locates what precedes
        else:
            head = _head_of_of_phrase(doc, prev.i, ent, ctx) if prev_low == "of" else None
            phrase_start = head.left_edge.i if head is not None else ent.start  # "with the Polish city of X"
            window = doc[max(cue, phrase_start - 4) : ent.start]
            before = [t.lower_ for t in window]
            joiner = next((t for t in window if t.lower_ in words["party_joiners"]), None)
            lead = preceding_word(doc, phrase_start, sent.start)  # "and" in "... and the city of Y"
            anchors = (
                [cue + 1]
                + [t.i + 1 for t in sent if t.lower_ in words["sign_forms"]]
                + ([mention_end] if mention_end is not None else [])
            )
            if joiner is not None and right_after(doc, joiner.i, anchors):
                rule = "party.with_or_between"
            elif (
                (prev_low in ("and", ",") or lead is not None and lead.lower_ in ("and", ","))
                and found
                and found[-1].evidence[-1].rule == "party.with_or_between"
                and _words_since(found[-1], ent) <= MAX_WORDS_BETWEEN_LISTED_PARTIES
                and ent.start - cue < 40
            ):
                rule = "party.with_or_between"
            elif "behalf" in before or (
                prev_low == "for" and prev.head.i == cue and doc[cue].lower_ in words["sign_forms"] | {"signing"}
            ):
                rule = "party.signs_for"  # not "Minister for Fisheries", "services for the Kirkuk plant"
            elif "by" in before and not verbs_between(doc, cue + 1, ent.start, words, allowed=frozenset()):
                rule = "party.signed_by"
            elif prev_low == "’s" or prev_low == "'s":
                rule = "party.possessive"
        if rule is None:
            continue
        party = party_from_entity(ent.start_char, _end_of_the_name(ent, ctx), ctx, rule)
        if party is not None:
            found.append(party)
    return found or antecedent_pair(event, ctx)


def _end_of_the_name(ent: Span, ctx: Context) -> int:
    """Where an organisation's name ends: past 'and' and capitalised words the model left out
    of it ("Ministry of Religious Affairs [and Interfaith Harmony] for ..."), when no entity and
    no title follows."""
    doc = ent.doc
    if ent.label_ != "ORG" or " of " not in ent.text or ent.end + 2 >= len(doc) or doc[ent.end].lower_ != "and":
        return ent.end_char
    title_words = ctx.rules.role_heads | ctx.rules.role_modifiers | ctx.rules.honorifics
    k = ent.end + 1
    while k < len(doc) and k - ent.end <= 3 and doc[k].is_title and not doc[k].ent_type_:
        if doc[k].lower_.strip(".") in title_words:
            return ent.end_char
        k += 1
    if k == ent.end + 1 or k < len(doc) and (doc[k].is_title or doc[k].ent_type_):
        return ent.end_char
    return doc[k - 1].idx + len(doc[k - 1].text)


def _topic_of_the_instrument(ent: Span, mention_end: int | None, cue: int, joiners: frozenset[str]) -> bool:
    """'The agreement on cooperation in the field of Radio Broadcasting between A and B was
    signed': a name after the instrument and before the 'between' that names its parties is
    what the instrument is about."""
    doc = ent.doc
    if mention_end is None or not mention_end <= ent.start:
        return False
    return not any(t.lower_ in joiners for t in doc[mention_end : ent.start]) and any(
        t.lower_ in joiners for t in doc[ent.end : cue]
    )


def _pair_kinds(noun: str, ctx: Context) -> set[str] | None:
    """The party kinds 'the two <noun>' can stand for (None: any)."""
    singular = re.sub(r"ies$", "y", noun.lower()).removesuffix("s")
    if singular in ("country", "nation"):
        return {"country"}
    if singular in ctx.rules.words["place_nouns"]:
        return {"city", "region"}
    return None


def antecedent_pair(event: Event, ctx: Context) -> list[PartyFinding]:
    """'the two cities signed ...' with no party named: the two places or organisations that
    an earlier sentence joins with 'and' ("between Nara and Canberra"), of the kind the words say."""
    doc = ctx.doc
    sent = event.sentence
    match = ctx.rules.patterns["pair_anaphor"].search(sent.text)
    anaphor = match and doc.char_span(sent.start_char + match.start(), sent.start_char + match.end())
    if not anaphor:
        return []
    cue = event.cue_token.i
    if verbs_between(doc, anaphor.end, cue, ctx.rules.words) or verbs_between(
        doc, cue + 1, anaphor.start, ctx.rules.words
    ):
        return []  # "the two cities explore signing": the pair is another predicate's subject
    kinds = _pair_kinds(match.group("noun"), ctx)
    earlier = [s for s in doc.sents if s.end <= sent.start][-6:]
    for previous in reversed(earlier):
        ents = [e for e in entities_in(previous, PARTY_LABELS) if not ctx.person_at(e.start_char, e.end_char)]
        for a, b in zip(ents, ents[1:]):
            if doc_text(doc)[a.end_char : b.start_char].strip().lower() not in ("and", "&"):
                continue
            pair = [party_from_entity(e.start_char, e.end_char, ctx, "party.antecedent") for e in (a, b)]
            if all(p is not None and (kinds is None or p.kind in kinds) for p in pair):
                return pair
    return []


def one_extends_the_other(a: PartyFinding, b: PartyFinding) -> bool:
    """'Kenya Red Cross' and 'Kenya Red Cross Society', 'Siemens' and 'Siemens Energy':
    organisations, one name the start of the other (a lone word only when it is a plain name:
    no kind word such as 'University', no acronym)."""
    if a.kind in ("country", "city", "region") or b.kind in ("country", "city", "region"):
        return False
    short, long = sorted((a, b), key=lambda p: len(p.key.split()))
    x, y = short.key.split(), long.key.split()
    if len(x) == 1 and (short.kind != "organisation" or short.name.isupper()):
        return False
    return len(x) < len(y) and y[: len(x)] == x


_LEGAL_FORM_RE = re.compile(r"\s+(?:Limited|Ltd\.?|Inc\.?|Plc|Corporation|Company)$")


def _initials(name: str, loose_words: frozenset[str]) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in loose_words).upper()


def _abbreviates(a: PartyFinding, b: PartyFinding, loose_words: frozenset[str]) -> bool:
    """'EIB' and 'European Investment Bank': one name the initials of the other's words (its
    legal form aside: 'CMPDI', '... Design Institute Limited')."""
    for short, long in ((a, b), (b, a)):
        if short.name.isupper() and " " not in short.name and " " in long.name:
            forms = (long.name, _LEGAL_FORM_RE.sub("", long.name))
            if any(short.name == _initials(form, loose_words) for form in forms):
                return True
    return False


def _takes_the_name(new: PartyFinding, old: PartyFinding, loose_words: frozenset[str]) -> bool:
    """Whether a party merged into another names both: the full form of an acronym or of a
    longer name ("Kenya Red Cross" -> "Kenya Red Cross Society"), but a lone name rather than a
    span that glued more to it ("Sapienza", not "Sapienza Rector Eugenio Gaudio")."""
    if not one_extends_the_other(new, old):
        return len(new.name) > len(old.name) and _abbreviates(new, old, loose_words)
    if " " not in new.name or " " not in old.name:
        return " " not in new.name
    return len(new.name) > len(old.name)


def merge_parties(parties: list[PartyFinding], loose_words: frozenset[str]) -> list[PartyFinding]:
    """One party per entity: the same name or alias, the same country, names equal but for
    `loose_words`, or an organisation's name extended ("Kenya Red Cross" + " Society") or
    abbreviated ("EIB"); a country that only locates another party is none."""
    merged: list[PartyFinding] = []
    for party in parties:
        same = next(
            (
                p
                for p in merged
                if p.key == party.key
                or party.key in {fold(a) for a in p.aliases}
                or p.key in {fold(a) for a in party.aliases}
                or p.kind == party.kind == "country"
                and p.country == party.country
                or p.loose_keys(loose_words) & party.loose_keys(loose_words)
                or one_extends_the_other(p, party)
                or _abbreviates(p, party, loose_words)
            ),
            None,
        )
        if same is None:
            merged.append(
                PartyFinding(
                    party.name, party.kind, party.country, party.geonames_id, list(party.aliases), list(party.evidence)
                )
            )
            continue
        if same.kind not in ("country", "city") and _takes_the_name(party, same, loose_words):
            same.aliases.append(same.name)
            same.name = party.name
        same.evidence.extend(party.evidence)
        for alias in party.aliases + ([party.name] if party.name != same.name else []):
            if alias != same.name and alias not in same.aliases:
                same.aliases.append(alias)
        same.country = same.country or party.country
    return [p for p in merged if not _locates_another(p, merged)]


# Evidence that the text itself binds a party, not only through a signatory's title or by-line.
_BOUND_BY_THE_SIGNING = frozenset({"party.subject_of_signing", "party.with_or_between", "party.named_in_instrument"})


_SIGNED_FOR = frozenset({"party.signatory_affiliation", "party.signs_for"})


def _locates_another(party: PartyFinding, parties: list[PartyFinding]) -> bool:
    """A country beside a city, region or organisation of its own that the signing binds
    ("Khiva, Uzbekistan", "Pakistan Television Corporation and ... signed"): it says where that
    party is, it does not sign beside it, unless someone signs for it ("U.S. Ambassador X")."""
    return (
        party.kind == "country"
        and not any(e.rule in _SIGNED_FOR for e in party.evidence)
        and any(
            p.kind != "country"
            and p.country == party.country
            and any(e.rule in _BOUND_BY_THE_SIGNING for e in p.evidence)
            for p in parties
        )
    )


def listed_signatories(finding: AgreementFinding, ctx: Context) -> list[PartyFinding]:
    """'The signatories to the Agreement are: Canada, China, ...' lists the parties (a roster of
    *other* signatories, as in an accession, does not)."""
    found = []
    first = min(e.sentence.start_char for e in finding.events)
    for sent in ctx.doc.sents:
        if sent.start_char < first:
            continue
        match = ctx.rules.patterns["signatory_roster"].search(sent.text)
        if match is None:
            continue
        roster_start = sent.start_char + match.end()
        for ent in span_ents(sent):
            if in_parentheses(ent):
                continue  # "the Kingdom of Denmark (in respect of the Faroe Islands and Greenland)"
            if ent.start_char >= roster_start and ent.label_ in ("GPE", "ORG", "LOC"):
                party = party_from_entity(ent.start_char, ent.end_char, ctx, "party.listed_signatory")
                if party is not None and (ent.label_ != "LOC" or party.kind == "country"):
                    found.append(party)
        if found:
            break
    return found
