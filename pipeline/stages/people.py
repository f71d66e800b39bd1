"""People and roles: merge the mentions of one person and read titles and affiliations.

Works on a parsed spaCy Doc whose PERSON entities have been corrected by the entity stage.
Roles come from the role lexicon (models/roles.csv); every value carries the id of the
pattern that produced it ("person.title_before", "person.apposition", ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.resources.loader import RuleSet, load_rules
from pipeline.stages.doc_cache import POSSESSIVE_MARKS, index_sentences
from pipeline.text.names import fold

PLACE_LABELS = frozenset({"GPE", "LOC"})
AFFILIATION_LABELS = frozenset({"GPE", "LOC", "ORG", "NORP", "FAC"})


@dataclass
class Person:
    """One person, all their mentions merged."""

    name: str
    mentions: list[Evidence] = field(default_factory=list)
    role: Evidence | None = None
    affiliation: Evidence | None = None  # a place or organisation the person belongs to

    @property
    def aliases(self) -> list[str]:
        seen = []
        for mention in self.mentions:
            if mention.text != self.name and mention.text not in seen:
                seen.append(mention.text)
        return seen

    @property
    def keys(self) -> set[str]:
        return {fold(m.text) for m in self.mentions}


def _ref(span: Span, rule: str) -> Evidence:
    return Evidence(span.start_char, span.end_char, span.text, rule)


def _is_title_word(token: Token, rules: RuleSet) -> bool:
    low = token.lower_.strip(".")
    return low in rules.role_heads or low in rules.role_modifiers


def _ent_label(token: Token) -> str:
    return token.ent_type_ if token.ent_iob_ in ("B", "I") else ""


def clean_person_span(span: Span, rules: RuleSet) -> Span | None:
    """Trim honorifics, titles and possessives that NER put inside a PERSON span, and take in
    given names or initials it left out ("Kwaku" in "Kwaku Ampratwum Sarpong")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (
        doc[start].text in POSSESSIVE_MARKS  # "’s Mlimani": the possessive of the word before
        or doc[start].lower_.strip(".") in rules.honorifics
        or _is_title_word(doc[start], rules)
        or doc[start].lower_ in rules.portfolio_words
        or doc[start].lower_ in ("the", "a", "and", "of", "for")
    ):
        start += 1
    for k in range(start + 1, end):
        if doc[k].text in POSSESSIVE_MARKS and not _apostrophe_in_name(doc, k):
            end = k  # "Blinken’s Meeting": the name ends at the possessive
            break
        hyphenated = doc[k - 1].text == "-" and not doc[k - 1].whitespace_
        in_name = hyphenated or doc[k].lower_ in rules.words["name_particles"]
        if doc[k].is_lower and doc[k].is_alpha and not in_name:  # "Eon-seok" and "al" stay
            end = k  # "Emomali Rahmon sign Declaration": a word in lower case ends the name
            break
    while end > start and (
        doc[end - 1].text in POSSESSIVE_MARKS
        or doc[end - 1].is_punct
        or doc[end - 1].lower_ in rules.words["trailing_verbs"]
    ):
        end -= 1
    if start >= end:
        return None
    sent_start = doc[start].sent.start
    while start > sent_start:
        prev = doc[start - 1]
        if _ent_label(prev) not in ("", "PERSON") or _is_title_word(prev, rules):
            break
        if _ends_honorific(doc, prev.i, rules) or prev.lower_ in rules.portfolio_words or _org_word(prev, rules):
            break
        if prev.pos_ == "PROPN" and prev.is_title and prev.is_alpha or rules.patterns["initials"].match(prev.text):
            start -= 1
        else:
            break
    sent_end = doc[end - 1].sent.end
    while end < sent_end:
        nxt = doc[end]
        if (
            _ent_label(nxt) not in ("", "PERSON")
            or _is_title_word(nxt, rules)
            or nxt.lower_ in rules.words["trailing_verbs"]
            or _org_word(nxt, rules)
        ):
            break
        if nxt.pos_ == "PROPN" and nxt.is_title and nxt.is_alpha:
            end += 1  # "Chairperson Moussa" + "Faki Mahamat" left out by NER
        else:
            break
    return doc[start:end]


def _org_word(tok: Token, rules: RuleSet) -> bool:
    """A word of an organisation's name ("University", "Municipality"), never of a person's."""
    return rules.patterns["org_name_words"].fullmatch(tok.lower_) is not None


def _apostrophe_in_name(doc: Doc, k: int) -> bool:
    """ "Achieng’ Owino", "Nyong’o": an apostrophe inside a name, not a possessive."""
    return doc[k].text in ("’", "'") and k + 1 < len(doc) and (doc[k + 1].is_title or not doc[k].whitespace_)


def _ends_honorific(doc: Doc, k: int, rules: RuleSet) -> bool:
    """Whether token k ends an honorific of one or two words ("Dr", "H E")."""
    word = doc[k].lower_.strip(".")
    return word in rules.honorifics or k > 0 and f"{doc[k - 1].lower_.strip('.')} {word}" in rules.honorifics


def _trim_connectors(tokens: list[Token], rules: RuleSet) -> list[Token]:
    connectors = rules.words["title_connectors"]
    while tokens and tokens[0].lower_ in connectors:
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in connectors or tokens[-1].text in POSSESSIVE_MARKS):
        tokens = tokens[:-1]
    return tokens


def _span_of(tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1]


def _portfolio_of_place(tok: Token, rules: RuleSet) -> bool:
    """Whether an "of" inside an organisation the model found joins a portfolio to a place
    ("Digital Economy of Palestine"), not the words of one name ("University of Tsukuba")."""
    if tok.ent_iob_ != "I":
        return False
    ent = next(e for e in tok.doc.ents if e.start <= tok.i < e.end)
    before = tok.doc[ent.start : tok.i]
    return any(t.lower_ in rules.portfolio_words for t in before) and not rules.patterns["org_name_words"].search(
        before.text
    )


def _split_place_suffix(tokens: list[Token], rules: RuleSet) -> tuple[list[Token], list[Token] | None, str | None]:
    """'Mayor of Houston' -> (Mayor, Houston, 'of'): a trailing of/to/in + place leaves the role.
    'Rector of the University of Vienna' keeps its organisation, which is also returned."""
    for k in range(len(tokens) - 1, 0, -1):
        tok = tokens[k]
        if (
            tok.lower_ in ("of", "to", "in")
            and k + 1 < len(tokens)
            and (tok.ent_iob_ != "I" or _portfolio_of_place(tok, rules))
        ):
            rest = [t for t in tokens[k + 1 :] if t.lower_ != "the"]
            if rest and all(_ent_label(t) in PLACE_LABELS or t.is_punct for t in rest) or tok.ent_iob_ == "I":
                return tokens[:k], rest, tok.lower_  # "Mayor of Houston", "Digital Economy of Palestine"
            if (
                tok.lower_ == "of"
                and rest
                and _ent_label(rest[0]) == "ORG"
                and all(_ent_label(t) in ("ORG", "GPE") for t in rest)
            ):
                return tokens, rest, "of_org"
    return tokens, None, None


def _affiliation_before(prefix: list[Token], rules: RuleSet) -> list[Token] | None:
    """A place, organisation or nationality just before a title: "Panama’s", "U.S.", "Colombian"."""
    prefix = [t for t in prefix if t.text not in POSSESSIVE_MARKS]
    if (
        not prefix
        or any(t.lower_ in rules.words["host_prefixes"] for t in prefix)
        or prefix[-1].is_punct
        or prefix[-1].lower_ in rules.words["title_connectors"]
    ):
        return None  # only a name right before the title: "Panama’s Minister", "Colombian Vice President"
    tail = []
    for tok in reversed(prefix):
        if _ent_label(tok) in AFFILIATION_LABELS:
            tail.insert(0, tok)
        elif tail:
            break
    if not tail and _untagged_acronym(prefix[-1]):
        tail = [prefix[-1]]  # "ADB President X"
    return tail or None


def _starts_with_portfolio(tokens: list[Token], rules: RuleSet) -> bool:
    """'Energy, ...' or 'and the Environment ...': the rest of a portfolio list."""
    words = [t.lower_ for t in tokens[:3] if t.lower_ not in ("and", "the")]
    return bool(words) and words[0] in rules.portfolio_words


def title_before(span: Span, rules: RuleSet) -> tuple[Span | None, Span | None]:
    """The title written just before a name ("Deputy Mayor X", or "the Mayor of Y, X,") and
    the affiliation in front of it, if any."""
    doc = span.doc
    sent_start = span.sent.start
    j = span.start - 1
    while j > sent_start and (
        doc[j].lower_.strip(".") in rules.honorifics or doc[j].text == "." and doc[j - 1].lower_ in rules.honorifics
    ):
        j -= 1  # "Secretary General, Dr. Halima Abdi Noor"
    if j > sent_start and doc[j].text == "," and (span.end >= span.sent.end or doc[span.end].text in (",", ")", ".")):
        # "the Intendant of Montevideo, Laura Sosa Pereira, signed", "Ghana’s Minister for Trade,
        # Jane Mensah,", "KMC Chief Executive, Ram Shah,": the title stands before the comma
        role, affiliation = _title_ending_at(doc, j - 1, sent_start, rules)
        if role is None:
            return None, None
        begin = min(role.start, affiliation.start) if affiliation is not None else role.start
        owned = any(t.text in POSSESSIVE_MARKS for t in doc[begin : role.start])
        if (
            not owned
            and begin - 2 >= sent_start
            and doc[begin - 1].text == ","
            and _ent_label(doc[begin - 2]) == "PERSON"
        ):
            return None, None  # "A, Chief Executive of X, B, General Manager of Y": A's title
        return role, affiliation
    if doc[j].lower_ in rules.words["title_connectors"]:
        return None, None  # "... for Asia and the Pacific and Kyosuke Nagata": no title of this name's
    return _title_ending_at(doc, j, sent_start, rules)


def _title_ending_at(doc: Doc, j: int, sent_start: int, rules: RuleSet) -> tuple[Span | None, Span | None]:
    collected: list[Token] = []
    while j >= sent_start:
        tok = doc[j]
        if not collected and tok.lower_.strip(".") in rules.honorifics and not _is_title_word(tok, rules):
            j -= 1  # "Mayor Datuk Mohd Rizal", "CEO Dr. Mohamed Al Aseeri": look past the honorific
            continue
        if not collected and tok.text == "." and j > sent_start and doc[j - 1].lower_ in rules.honorifics:
            j -= 2  # "Hon" "." tokenised apart
            continue
        label = _ent_label(tok)
        if label in ("DATE", "CARDINAL", "ORDINAL", "PERSON") and not _is_title_word(tok, rules):
            break  # not "Second" of "Second Mayor"
        # a comma inside a portfolio list: "Under Secretary for Economic Growth, Energy, and the Environment"
        list_comma = (
            tok.text == "," and j > sent_start and doc[j - 1].is_title and _starts_with_portfolio(collected, rules)
        )
        ok = list_comma or (
            (
                tok.is_title
                or tok.is_upper
                or _is_title_word(tok, rules)
                or tok.lower_ in rules.words["title_connectors"]
                or tok.text in POSSESSIVE_MARKS
                or label in AFFILIATION_LABELS  # "InterOil’s chief executive"
            )
            and not (tok.is_punct and tok.text not in ("-", "&"))
            and not (tok.like_num and not _is_title_word(tok, rules))  # "Second Mayor" is a title
        )
        if tok.lower_.strip(".") in rules.honorifics and not _is_title_word(tok, rules):
            ok = False
        if not ok:
            break
        collected.insert(0, tok)
        j -= 1
    collected = _after_other_holder(collected, rules)
    # a possessive ends the owner: "Embassy Panama City’s Chargé d’Affaires" -> the title after it
    owner_end = max((k + 1 for k, t in enumerate(collected) if t.text in POSSESSIVE_MARKS), default=0)
    first_title = next((k for k, t in enumerate(collected) if k >= owner_end and _is_title_word(t, rules)), None)
    if first_title is None:
        return None, None
    while first_title > owner_end and (
        collected[first_title - 1].lower_ in rules.portfolio_words
        or collected[first_title - 1].lower_ == "and"
        and first_title - 2 >= owner_end
        and collected[first_title - 2].lower_ in rules.portfolio_words
    ):
        first_title -= 1  # "Health Minister", "Foreign Affairs Minister", "Petroleum and Energy Minister"
    while (
        first_title > owner_end
        and collected[first_title - 1].is_title
        and not (collected[first_title - 1].is_sent_start and collected[first_title - 1].lower_.endswith("ing"))
        and collected[first_title - 1].pos_ in ("PROPN", "ADJ")
        and not _ent_label(collected[first_title - 1])
    ):
        first_title -= 1  # "Presidential Commissioner", "Egyptian Diaspora Minister"; not "Joining Mayor X"
    role_tokens = _trim_connectors(collected[first_title:], rules)
    if not any(t.lower_.strip(".") in rules.role_heads for t in role_tokens):
        return None, None
    role_tokens, place, prep = _split_place_suffix(role_tokens, rules)
    affiliation = _affiliation_before(collected[:first_title], rules)
    if affiliation is None and place and prep == "of":
        affiliation = place  # "the Mayor of Kisumu" (not "Secretary of State": an office, not a party)
    return _span_of(_trim_connectors(role_tokens, rules)), _span_of(affiliation) if affiliation else None


def _starts_new_holder(tokens: list[Token], k: int, rules: RuleSet) -> bool:
    """Whether the "and" at tokens[k] starts another holder's title: an affiliation of its own,
    then a title ("... Deputy Minister and Egyptian Diaspora Minister", "... and FAO Regional
    Representative"), not the rest of one title ("Vice President and Minister of Foreign Affairs")."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        tokens[k].lower_ == "and"
        and tokens[k].ent_iob_ not in ("B", "I")
        and nxt is not None
        and (nxt.ent_iob_ == "B" and nxt.ent_type_ in AFFILIATION_LABELS or _untagged_acronym(nxt))
        and any(t.lower_.strip(".") in rules.role_heads for t in tokens[k + 2 :])
    )


def _untagged_acronym(tok: Token) -> bool:
    """'ADB', 'AUSTRADE': capitals the model tagged as nothing, an organisation's short name."""
    return not _ent_label(tok) and tok.is_upper and tok.is_alpha and 2 <= len(tok) <= 8


def _after_other_holder(collected: list[Token], rules: RuleSet) -> list[Token]:
    """The tokens of the title nearest the name, when the run before it began with another
    holder's title."""
    cut = max((k + 1 for k in range(len(collected)) if _starts_new_holder(collected, k, rules)), default=0)
    return collected[cut:]


def _parenthesised_affiliation(doc: Doc, open_paren: int, sent_end: int) -> Span | None:
    """'(Colombia)' right after a name: the place or organisation inside the brackets."""
    inner = []
    for tok in doc[open_paren + 1 : min(sent_end, open_paren + 8)]:
        if tok.text == ")":
            break
        inner.append(tok)
    if inner and all(_ent_label(t) in AFFILIATION_LABELS for t in inner):
        return _span_of(inner)
    return None


def title_after(span: Span, rules: RuleSet) -> tuple[Span | None, Span | None]:
    """A title in apposition ("X, Deputy Minister for Foreign Affairs, ...") or an affiliation
    right after the name ("X of Mombasa", "X (Colombia)")."""
    doc = span.doc
    sent_end = span.sent.end
    k = span.end
    if k >= sent_end:
        return None, None
    nxt = doc[k]
    if nxt.lower_ == "of" and k + 1 < sent_end:
        place = [t for t in doc[k + 1 : min(sent_end, k + 8)]]
        place = [t for t in place if t.lower_ != "the"]
        taken = []
        for tok in place:
            if _ent_label(tok) in AFFILIATION_LABELS:
                taken.append(tok)
            else:
                break
        return None, _span_of(taken)
    if nxt.text == "(" and k + 2 < sent_end:
        return None, _parenthesised_affiliation(doc, k, sent_end)
    if nxt.lower_ == "and":
        # "Minister A and Minister B (Colombia)": the bracket names the country of both
        j = k + 1
        while (
            j < sent_end
            and _ent_label(doc[j]) != "PERSON"
            and (
                doc[j].is_title
                or _is_title_word(doc[j], rules)
                or doc[j].lower_ in rules.words["title_connectors"]
                or doc[j].text == ","
            )
        ):
            j += 1
        while j < sent_end and _ent_label(doc[j]) == "PERSON":
            j += 1
        if j < sent_end and doc[j].text == "(" and j > k + 1 and _ent_label(doc[j - 1]) == "PERSON":
            return None, _parenthesised_affiliation(doc, j, sent_end)
    if nxt.text != ",":
        return None, None
    chunk: list[Token] = []
    for tok in doc[k + 1 : min(sent_end, k + 30)]:
        inner_comma = tok.text == "," and tok.ent_iob_ == "I"  # "Minister of Transport, Communications and ..."
        if (
            tok.text in (",", ";", "(", ")", ".", "—", "–")
            and not inner_comma
            or (tok.pos_ in ("VERB", "AUX") and not tok.is_title)
        ):
            break
        if _ent_label(tok) == "PERSON" and not _is_title_word(tok, rules):
            # ", Rosario Mayor Martín Gallardo": the next person's title, not ours; but in
            # ", Director-General of X and Ana Ruiz" ours ends at the "and"
            ands = [n for n, t in enumerate(chunk) if t.lower_ == "and"]
            if not ands:
                return None, None
            chunk = chunk[: ands[-1]]
            break
        chunk.append(tok)
    if chunk and chunk[0].lower_ == "and":
        return None, None  # "X, and Germany’s Chancellor, Y": the next one's title
    end = chunk[-1].i + 1 if chunk else k + 1
    if (
        any(t.text in POSSESSIVE_MARKS for t in chunk[:3])
        and end + 1 < sent_end
        and doc[end].text == ","
        and _ent_label(doc[end + 1]) == "PERSON"
    ):
        return None, None  # "Mr Duma, InterOil’s chief executive, Phil Mulacek": Mulacek's title
    chunk = next(
        (chunk[:n] for n in range(len(chunk)) if _starts_new_holder(chunk, n, rules)), chunk
    )  # "X, Director-General and FAO Regional Representative": the first title
    while chunk and chunk[0].lower_ in ("the", "a", "an", "its", "their", "his", "her"):
        chunk = chunk[1:]
    if not chunk:
        return None, None
    affiliation = None
    first_title = next((n for n, t in enumerate(chunk[:4]) if _is_title_word(t, rules)), None)
    if first_title is None:
        return None, None
    if first_title:
        affiliation = _affiliation_before(chunk[:first_title], rules)
    role_tokens = chunk[first_title:]
    if not any(t.lower_.strip(".") in rules.role_heads for t in role_tokens):
        return None, None
    role_tokens, place, prep = _split_place_suffix(role_tokens, rules)
    if place and prep in ("of", "of_org") and affiliation is None:
        affiliation = place
    if affiliation is None and not any(t.lower_ in rules.words["title_connectors"] for t in role_tokens):
        affiliation = _bare_affiliation_after(doc, end, sent_end)  # not "Minister of Commerce, Industry ..."
    return _span_of(_trim_connectors(role_tokens, rules)), _span_of(affiliation) if affiliation else None


def _bare_affiliation_after(doc: Doc, k: int, sent_end: int) -> list[Token] | None:
    """'X, General Manager, UPMC Ireland, and ...': a place or organisation set off by commas
    right after the title."""
    if k + 1 >= sent_end or doc[k].text != "," or doc[k + 1].ent_iob_ != "B":
        return None
    j = k + 1
    label = _ent_label(doc[j])
    while j < sent_end and _ent_label(doc[j]) == label and (j == k + 1 or doc[j].ent_iob_ == "I"):
        j += 1
    if label not in ("ORG", "GPE") or j < sent_end and doc[j].text not in (",", ".", ";") and doc[j].lower_ != "and":
        return None
    return list(doc[k + 1 : j])


def _delegation_owner(span: Span, role: Span | None, rules: RuleSet) -> Span | None:
    """'the Gwangju delegation, led by Deputy Mayor X', 'a delegation from (or of) Qingdao headed by
    Mr X': the place or organisation whose delegation the person leads."""
    doc = span.doc
    sent_start = span.sent.start
    k = (role.start if role is not None and role.end <= span.start else span.start) - 1
    while k > sent_start and (
        doc[k].lower_ in ("the", "its", "their")
        or doc[k].lower_.strip(".") in rules.honorifics
        or doc[k].text == "."
        and doc[k - 1].lower_ in rules.honorifics
    ):
        k -= 1
    if k - 2 < sent_start or doc[k].lower_ != "by" or doc[k - 1].lemma_.lower() not in rules.words["leading_lemmas"]:
        return None
    before = k - 2 if doc[k - 2].text != "," else k - 3
    nouns = rules.words["delegation_nouns"]
    if before >= sent_start and doc[before].lower_ in nouns:
        return next((e for e in doc.ents if e.end == before and e.label_ in AFFILIATION_LABELS), None)
    if doc[before].lower_ in rules.words["place_nouns"]:
        before -= 1  # "a delegation of Turkestan region"
    owner = next((e for e in doc.ents if e.end == before + 1 and e.label_ in AFFILIATION_LABELS), None)
    if owner is not None and owner.start - 2 >= sent_start and doc[owner.start - 1].lower_ in ("from", "of"):
        return owner if doc[owner.start - 2].lower_ in nouns else None
    return None


def _shared_owner(role: Span, previous: tuple | None) -> Span | None:
    """The owner of a title shared with the person named just before: "U of M President A and
    Provost, B," (B is at U of M too), "InterOil’s chairman A and its director B"."""
    doc = role.doc
    before = doc[role.start - 1] if role.start > role.sent.start else None
    if before is None or previous is None:
        return None
    if before.lower_ in ("its", "their"):
        orgs = [e for e in doc.ents if e.label_ == "ORG" and role.sent.start <= e.start and e.end <= before.i]
        return orgs[-1] if orgs else None
    span, _, rule, affiliation, aff_rule = previous
    set_off = role.end < len(doc) and doc[role.end].text == ","  # not "Kumasi MCE A and Mayor B"
    if before.lower_ == "and" and span.end == before.i and rule == "person.title_before" and set_off:
        return affiliation if aff_rule == "person.affiliation_before" else None
    return None


def find_people(doc: Doc, rules: RuleSet) -> list[Person]:
    """Every person in the document, mentions merged, with role and affiliation."""
    mentions: list[tuple[Span, Span | None, str | None, Span | None, str | None]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        span = clean_person_span(ent, rules)
        if span is None or not any(t.is_alpha for t in span):
            continue
        role, affiliation = title_before(span, rules)
        role_rule = "person.title_before" if role is not None else None
        aff_rule = "person.affiliation_before" if affiliation is not None else None
        if role is not None and affiliation is None:
            affiliation = _shared_owner(role, mentions[-1] if mentions else None)
            aff_rule = "person.shared_affiliation" if affiliation is not None else None
        role_after, affiliation_after = title_after(span, rules)
        if role is None and role_after is not None:
            role, role_rule = role_after, "person.apposition"
        if affiliation is None and affiliation_after is not None:
            affiliation, aff_rule = affiliation_after, "person.affiliation_after"
        if affiliation is None:
            affiliation = _delegation_owner(span, role, rules)
            aff_rule = "person.leads_delegation" if affiliation is not None else None
        mentions.append((span, role, role_rule, affiliation, aff_rule))

    people: list[Person] = []
    # Longest names first, so "Joho" joins "Hassan Ali Joho" rather than starting a person.
    order = sorted(range(len(mentions)), key=lambda n: (-len(fold(mentions[n][0].text).split()), n))
    assigned: dict[int, Person] = {}
    for n in order:
        span = mentions[n][0]
        words = fold(span.text).split()
        target = None
        for person in people:
            full = fold(person.name).split()
            if words == full or (
                set(words) <= set(full) and words[-1] in (full[-1], full[0]) and len(words) < len(full)
            ):
                target = person
                break
        if target is None:
            target = Person(name=span.text)
            people.append(target)
        assigned[n] = target
    for n, (span, role, role_rule, affiliation, aff_rule) in enumerate(mentions):
        person = assigned[n]
        person.mentions.append(_ref(span, "ner.person"))
        if role is not None and (person.role is None or len(role.text) > len(person.role.text)):
            person.role = _ref(role, role_rule)  # the fullest title the article gives
        if affiliation is not None and person.affiliation is None:
            person.affiliation = _ref(affiliation, aff_rule)
    for person in people:
        person.mentions.sort(key=lambda m: m.start)
    people.sort(key=lambda p: p.mentions[0].start)
    for sent in {tok.sent for tok in doc if tok.lower_ == "respectively"}:
        _distribute_respectively(sent, people, rules)
    return people


def _plural_title(tok: Token, rules: RuleSet) -> Evidence | None:
    """'Mayors', 'governors': a title shared by the people listed next to it, in the singular."""
    if len(tok) > 3 and tok.lower_.endswith("s") and tok.lower_[:-1] in rules.role_heads:
        return Evidence(tok.idx, tok.idx + len(tok) - 1, tok.text[:-1], "person.plural_title")
    return None


def _distribute_respectively(sent: Span, people: list[Person], rules: RuleSet) -> None:
    """'A and B, Mayors of Accra and Cape Town respectively, signed', 'signed by governors A and
    B of Lagos and Kano states respectively': the n-th person gets the n-th place and the shared
    title."""
    doc = sent.doc
    cut = next(t.i for t in sent if t.lower_ == "respectively")
    listed = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= cut]
    owners = [person_at(people, e.start_char, e.end_char) for e in listed]
    if len(listed) < 2 or None in owners:
        return
    of = next((k for k in range(listed[-1].end, cut) if doc[k].lower_ == "of"), None)
    if of is None:
        return
    places: list[list[Token]] = [[]]
    for tok in doc[of + 1 : cut]:
        if tok.lower_ in ("and", ","):
            places.append([])
        elif tok.is_title or tok.is_upper:
            places[-1].append(tok)  # not "states" in "of Lagos and Kano states"
    if len(places) != len(listed) or not all(places):
        return
    title = next(
        (
            _plural_title(t, rules)
            for t in doc[max(sent.start, listed[0].start - 1) : of]
            if _plural_title(t, rules) is not None
        ),
        None,
    )
    for person, place in zip(owners, places):
        span = _span_of(place)
        person.affiliation = Evidence(span.start_char, span.end_char, span.text, "person.respectively")
        if title is not None and person.role is None:
            person.role = title


def person_at(people: list[Person], start: int, end: int) -> Person | None:
    """The person with a mention overlapping the character range [start, end)."""
    for person in people:
        for mention in person.mentions:
            if mention.start < end and start < mention.end:
                return person
    return None


class PeopleFinder:
    """Merge person mentions, attach titles and affiliations."""

    def __init__(self, models_dir: str):
        self.rules = load_rules(models_dir)

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        doc._.ag_people = find_people(doc, self.rules)
        return doc


@Language.factory("ag_people", assigns=["doc._.ag_people"], requires=["doc.ents", "token.dep", "token.pos"])
def make_people_finder(nlp: Language, name: str, models_dir: str) -> PeopleFinder:
    return PeopleFinder(models_dir)
