"""Entity corrections on top of en_core_web_sm: rule packs fix what the statistical model gets
wrong in agreement news. Each correction records its rule id in `doc._.ag_entity_rules`."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pipeline.resources.gazetteer import load_gazetteer
from pipeline.resources.loader import RuleSet, load_rules
from pipeline.stages.doc_cache import POSSESSIVE_MARKS, doc_text, forget_ents, index_sentences, token_texts
from pipeline.text.datelines import dateline_place_end
from pipeline.text.names import fold

PLACE_LABELS = ("GPE", "LOC")
NOT_NAME_LABELS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY")


def build_matcher(doc_vocab, rules: RuleSet) -> Matcher:
    """A Matcher of the entity patterns, each under its rule id."""
    matcher = Matcher(doc_vocab)
    for row in rules.entity_patterns:
        matcher.add(row["id"], _without_in_lists(row["pattern"]))
    return matcher


def _without_in_lists(pattern: list[dict], limit: int = 64) -> list[list[dict]]:
    """The same matches as `pattern`, as patterns with one value where a token has
    `{"ATTR": {"IN": [...]}}` and nothing else: the Matcher compares plain values in C but
    calls Python for each token to test a set (a third of its time here)."""
    variants: list[list[dict]] = [[]]
    for token in pattern:
        value = next(iter(token.values())) if len(token) == 1 else None
        if isinstance(value, dict) and list(value) == ["IN"]:
            (attr,) = token
            choices = [{attr: v} for v in dict.fromkeys(value["IN"])]
        else:
            choices = [token]
        variants = [variant + [choice] for variant in variants for choice in choices]
        if len(variants) > limit:
            return [pattern]
    return variants


def _is_agreement_term(text: str, rules: RuleSet, generic: bool = False) -> bool:
    stripped = text.strip(" \t\n()[],;:")
    for prefix in ("the ", "a ", "an ", "The ", "A ", "An "):
        if stripped.startswith(prefix):
            stripped = stripped[len(prefix) :]
    return any(term.regex.fullmatch(stripped) for term in rules.agreement_terms if generic or not term.generic)


def _split_at_newlines(doc: Doc) -> list[Span]:
    """NER sometimes runs an entity across a blank line (a headline into a byline): split it."""
    ents = []
    for ent in doc.ents:
        if "\n" not in ent.text:
            ents.append(ent)
            continue
        start = None
        for token in ent:
            if "\n" in token.text or token.is_space:
                if start is not None:
                    ents.append(Span(doc, start, token.i, label=ent.label_))
                start = None
            elif start is None:
                start = token.i
        if start is not None:
            ents.append(Span(doc, start, ent.end, label=ent.label_))
    return ents


# How large a city must be before a mention the model calls a person is taken for the city
# ("Daegu", "Porto"); organisation-like labels need less ("Windhoek" tagged ORG).
MIN_POPULATION_FOR_PERSON = 100_000
MIN_POPULATION_FOR_ORG = 15_000
MISLABELLED_PLACE_LABELS = ("PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "FAC")


def _titled(doc: Doc, ent: Span, rules: RuleSet) -> bool:
    """A title or honorific right before the mention makes it a person ("Mayor Kristiansand")."""
    k = ent.start - 1
    if k < 0:
        return False
    word = doc[k].lower_.strip(".")
    return word in rules.role_heads or word in rules.role_modifiers or word in rules.honorifics


def _gazetteer_place(
    ent: Span, rules: RuleSet, lookup_place: Callable[[str], object | None], person_words: set[str]
) -> bool:
    """Whether a PERSON/ORG/PRODUCT mention is really a place the gazetteer knows."""
    if ent.label_ not in MISLABELLED_PLACE_LABELS or _titled(ent.doc, ent, rules):
        return False
    if ent.label_ == "PERSON" and (len(ent) > 2 or fold(ent.text) in person_words):
        return False
    match = lookup_place(ent.text)
    if not match:
        return False
    if match.kind in ("country", "region"):
        return True
    floor = MIN_POPULATION_FOR_PERSON if ent.label_ == "PERSON" else MIN_POPULATION_FOR_ORG
    return (match.population or 0) >= floor


def _name_after_and(doc: Doc, ent: Span, rules: RuleSet) -> int | None:
    """Where a person's name starts in an organisation the model ran on into it: after its last
    "and", two to four capitalised words that a comma and a title follow."""
    ands = [t.i for t in ent if t.lower_ == "and"]
    if not ands or ands[-1] == ent.start:
        return None
    tail = doc[ands[-1] + 1 : ent.end]
    if any(_not_a_name_word(t, rules) for t in tail) or not _name_before_title(doc, tail, rules):
        return None
    return tail.start


def _place_in_place(ent: Span, lookup_place: Callable[[str], object | None]) -> tuple[Span, Span] | None:
    """The two places of a "person" that reads '<Name> in <known place>'."""
    if ent.label_ != "PERSON":
        return None
    cut = next((t.i for t in ent if t.lower_ == "in"), None)
    if cut is None or cut == ent.start or cut + 1 >= ent.end:
        return None
    where = ent.doc[cut + 1 : ent.end]
    return (ent.doc[ent.start : cut], where) if lookup_place(where.text) else None


def _organisation_word_in(ent: Span, rules: RuleSet) -> bool:
    """'Sarajevo Stari-Grad Municipality', 'Technological University Dublin' tagged PERSON: a
    capitalised word of an organisation's name makes it one."""
    pattern = rules.patterns["org_name_words"]
    return len(ent) > 1 and any(t.is_title and pattern.fullmatch(t.lower_) for t in ent)


def _name_before_title(doc: Doc, ent: Span, rules: RuleSet) -> bool:
    """'Naa Adoley Quartey, Metropolitan Chief Executive of ...' tagged ORG: a person's name is
    what stands before a comma and a title."""
    words = [t for t in ent if not t.is_punct]
    if not 2 <= len(words) <= 4 or not all(t.is_title and t.is_alpha for t in words):
        return False
    if any(
        t.lower_ in rules.role_heads or t.lower_ in rules.role_modifiers or t.lower_ in rules.portfolio_words
        for t in words
    ):
        return False
    k = ent.end
    if k + 1 >= len(doc) or doc[k].text != ",":
        return False
    following = [t.lower_.strip(".") for t in doc[k + 1 : k + 4]]
    return bool(following) and (
        following[0] in rules.role_heads
        or following[0] in rules.role_modifiers
        or following[0] in ("the", "a")
        and len(following) > 1
        and (following[1] in rules.role_heads or following[1] in rules.role_modifiers)
    )


def fix_entities(
    doc: Doc, rules: RuleSet, matcher: Matcher, lookup_place: Callable[[str], object | None]
) -> dict[tuple[int, int], str]:
    """Correct doc.ents in place; return {(start_char, end_char): rule id} for changed entities.

    `lookup_place(text)` returns a gazetteer match (with `kind` and `population`) or None.
    """
    fixed: dict[tuple[int, int], str] = {}
    ents = _split_at_newlines(doc)
    place_keys = {fold(e.text) for e in ents if e.label_ in PLACE_LABELS}
    # words of multi-word person names: "Jordan" in "Michael Jordan" is a person here
    person_words = {fold(t.text) for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
    new_ents: list[Span] = []

    def add(span: Span, label: str, rule: str) -> None:
        new = Span(doc, span.start, span.end, label=label)
        new_ents.append(new)
        fixed[(new.start_char, new.end_char)] = rule

    for ent in ents:
        text = ent.text
        if ent.label_ == "PERSON" and _is_agreement_term(text, rules, generic=True):
            fixed[(ent.start_char, ent.end_char)] = "ent.drop_agreement_term"
            continue
        if ent.label_ in ("ORG", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT", "FAC") and _is_agreement_term(
            ent[-1].text, rules, generic=True
        ):
            # "the Artemis Accords", "the Outer Space Treaty": a named instrument, not an organisation
            fixed[(ent.start_char, ent.end_char)] = "ent.drop_named_instrument"
            continue
        if ent.label_ in ("ORG", "WORK_OF_ART", "LAW", "PRODUCT", "PERSON", "EVENT") and _is_agreement_term(
            text, rules
        ):
            fixed[(ent.start_char, ent.end_char)] = "ent.drop_agreement_term"
            continue
        if (
            ent.label_ in ("ORG", "PERSON")
            and ent.end - ent.start == 1
            and ent[0].lower_.strip(".") in rules.honorifics
        ):
            fixed[(ent.start_char, ent.end_char)] = "ent.drop_honorific"
            continue
        if ent.label_ in ("PERSON", "ORG") and any(t.text in POSSESSIVE_MARKS for t in ent):
            # "Mombasa’s County" tagged PERSON: the possessor is a place.
            cut = next(t.i for t in ent if t.text in POSSESSIVE_MARKS)
            owner = doc[ent.start : cut]
            if len(owner) and (fold(owner.text) in place_keys or lookup_place(owner.text)):
                add(owner, "GPE", "ent.possessive_place")
                continue
        if (
            ent.label_ in ("PERSON", "ORG", "NORP", "PRODUCT")
            and fold(text) in place_keys
            and not _titled(doc, ent, rules)
        ):
            add(ent, "GPE", "ent.same_string_is_place")
            continue
        if ent.label_ == "PERSON" and _organisation_word_in(ent, rules):
            add(ent, "ORG", "ent.organisation_not_person")
            continue
        place_in = _place_in_place(ent, lookup_place)
        if place_in is not None:
            # "Horsens in Denmark" tagged PERSON: a place in a country
            add(place_in[0], "GPE", "ent.place_in_place")
            add(place_in[1], "GPE", "ent.place_in_place")
            continue
        if ent.label_ in ("ORG", "PRODUCT", "FAC", "WORK_OF_ART") and _name_before_title(doc, ent, rules):
            add(ent, "PERSON", "ent.name_before_title")
            continue
        name_start = _name_after_and(doc, ent, rules) if ent.label_ == "ORG" else None
        if name_start is not None:
            # "the Ministry of Law and Wy Mun Kong, CEO of ...": an organisation, then a person
            add(doc[ent.start : name_start - 1], "ORG", "ent.name_after_organisation")
            add(doc[name_start : ent.end], "PERSON", "ent.name_after_organisation")
            continue
        if _gazetteer_place(ent, rules, lookup_place, person_words):
            add(ent, "GPE", "ent.gazetteer_place")
            continue
        if ent.label_ in ("ORG", "PERSON", "GPE", "PRODUCT") and " and " in text:
            # "Kristiansand and Mombasa", "Lviv and Wroclaw" as one entity: two places
            left_text, right_text = text.split(" and ", 1)
            if all(fold(p) in place_keys or lookup_place(p) for p in (left_text, right_text)):
                left = doc.char_span(ent.start_char, ent.start_char + len(left_text))
                right = doc.char_span(ent.end_char - len(right_text), ent.end_char)
                if left is not None and right is not None:
                    add(left, "GPE", "ent.split_place_list")
                    add(right, "GPE", "ent.split_place_list")
                    continue
        new_ents.append(ent)

    for match_id, start, end in matcher(doc):
        rule = doc.vocab.strings[match_id]
        label = next(r["label"] for r in rules.entity_patterns if r["id"] == rule)
        span = Span(doc, start, end, label=label)
        overlapping = [e for e in new_ents if e.start < end and start < e.end]
        if all(e.label_ != label and (e.start, e.end) == (start, end) for e in overlapping) or not overlapping:
            new_ents = [e for e in new_ents if e not in overlapping]
            new_ents.append(span)
            fixed[(span.start_char, span.end_char)] = rule
    new_ents = _dateline_places(doc, new_ents, fixed, lookup_place)
    new_ents = _complete_truncated(doc, new_ents, fixed, lookup_place, rules)
    new_ents = _places_named_elsewhere(doc, new_ents, fixed, rules)
    new_ents = _surnames_of_known_people(doc, new_ents, fixed, rules)
    new_ents = _names_across_apostrophes(doc, new_ents, fixed)
    new_ents = _names_after_titles(doc, new_ents, fixed, lookup_place, rules)
    new_ents = _names_after_title_complements(doc, new_ents, fixed, lookup_place, rules)
    new_ents = _owners_before_titles(doc, new_ents, fixed, lookup_place, rules)
    new_ents = _with_state_prefix(doc, new_ents, fixed, lookup_place, rules)
    doc.ents = filter_spans(new_ents)
    return fixed


def _token_indices(spans: list[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}


def _paragraph_starts(doc: Doc) -> list[Token]:
    """The first token of the Doc and each token after a line break."""
    texts = token_texts(doc)
    breaks = [i for i, text in enumerate(texts) if text.isspace() and "\n" in text]
    return [doc[i] for i in [0, *(i + 1 for i in breaks)] if i < len(doc)]


def _dateline_places(
    doc: Doc, ents: list[Span], fixed: dict[tuple[int, int], str], lookup_place: Callable[[str], object | None]
) -> list[Span]:
    """'MOMBASA — ...', 'GUATEMALA CITY, March 3 (Reuters) -': the capitals at the start of a
    paragraph name a place even when the model does not see it."""
    taken = _token_indices(ents)
    added = []
    text = doc_text(doc)
    for token in _paragraph_starts(doc):
        end_char = dateline_place_end(text, token.idx)
        span = doc.char_span(token.idx, end_char) if end_char is not None else None
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        if lookup_place(span.text.title()):
            span = Span(doc, span.start, span.end, label="GPE")
            added.append(span)
            fixed[(span.start_char, span.end_char)] = "ent.dateline_place"
    return ents + added


def _complete_truncated(
    doc: Doc,
    ents: list[Span],
    fixed: dict[tuple[int, int], str],
    lookup_place: Callable[[str], object | None],
    rules: RuleSet,
) -> list[Span]:
    """Entities the model cut short: 'County Government of' + 'Kakamega', 'Ministry of Land,
    Infrastructure, Transport and' + 'Tourism', 'Salaam' of 'Dar es Salaam'."""
    ents = sorted(ents, key=lambda e: e.start)
    result: list[Span] = []
    for ent in ents:
        start, end = ent.start, ent.end
        if (
            ent.label_ == "ORG"
            and doc[end - 1].lower_ == "of"
            and 2 <= end - 1 - start <= 3
            and not rules.patterns["org_name_words"].search(doc[start : end - 1].text)
        ):
            # "Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin": a name, then "of"
            person = Span(doc, start, end - 1, label="PERSON")
            result.append(person)
            fixed[(person.start_char, person.end_char)] = "ent.person_of_place"
            continue
        if ent.label_ in ("ORG", "FAC") and doc[end - 1].lower_ in rules.words["name_function_words"]:
            # after "of" a place the model took for a person may follow ("County Government of
            # Kakamega"); after "and" a person's name starts ("... Transport and Tourism Kenji ...")
            allowed = ("", "GPE", "ORG", "LOC") + (("PERSON",) if doc[end - 1].lower_ == "of" else ())
            while (
                end < len(doc)
                and (doc[end].is_title or doc[end].is_upper)
                and doc[end].is_alpha
                and doc[end].ent_type_ in allowed
            ):
                end += 1
        if ent.label_ == "ORG" and end == ent.end:
            end = _portfolio_list_end(ent, lookup_place, rules)
        if (
            ent.label_ in ("GPE", "LOC")
            and start >= 2
            and doc[start - 1].lower_ in rules.words["place_particles"]
            and doc[start - 2].is_title
        ):
            longer = doc[start - 2 : end].text
            if lookup_place(longer):
                start -= 2
        if (start, end) != (ent.start, ent.end):
            result = [e for e in result if e.end <= start]
            ent = Span(doc, start, end, label=ent.label_)
            fixed[(ent.start_char, ent.end_char)] = "ent.completed"
        if result and result[-1].end > ent.start:
            # taken by a completed entity, but for what goes on after it ("... and Investment
            # Promotion" + "and Singapore Cooperation Enterprise")
            rest = result[-1].end
            while rest < ent.end and doc[rest].lower_ in ("and", ","):
                rest += 1
            if rest >= ent.end or rest == result[-1].end:
                continue
            ent = Span(doc, rest, ent.end, label=ent.label_)
            fixed[(ent.start_char, ent.end_char)] = "ent.completed"
        result.append(ent)
    return result


def _portfolio_list_end(ent: Span, lookup_place: Callable[[str], object | None], rules: RuleSet) -> int:
    """Where an organisation ends whose name lists its fields after 'of' and that the model cut
    inside the list: 'Ministry of Culture, Sports' + 'and Youth', 'Association of Chambers of
    Commerce, Industry' + ', Mines and Agriculture'. The list goes on over capitalised words to
    the item after its 'and'; a title ('... and Youth Minister X'), an organisation's own name
    ('... and UNICEF') or a second 'and' ('... and Investment and X Enterprise') ends it."""
    doc = ent.doc
    of = next((t.i for t in ent if t.lower_ == "of"), None)
    if of is None or not any(t.text == "," for t in doc[of : ent.end]):
        return ent.end
    k = ent.end
    if k < len(doc) and doc[k].text == ",":
        k += 1
    closed = k < len(doc) and doc[k].lower_ == "and"
    if closed:
        k += 1
    items_start = k
    while k < len(doc):
        tok = doc[k]
        if tok.lower_ == "and" and not closed and k > items_start and k + 1 < len(doc) and doc[k + 1].is_title:
            closed = True  # the list's last item follows; another 'and' joins something else
        elif (
            not (tok.is_title and tok.is_alpha)
            or tok.ent_type_ not in ("", "ORG", "GPE")
            or tok.ent_type_ == "GPE"
            and lookup_place(tok.text)  # a field the model took for a place
            or tok.lower_ in rules.role_heads
        ):
            break
        k += 1
    if k == items_start or not closed:
        return ent.end
    words = doc[items_start:k]
    if words.text.isupper() or rules.patterns["org_name_words"].search(words.text):
        return ent.end
    return k


def _places_named_elsewhere(
    doc: Doc, ents: list[Span], fixed: dict[tuple[int, int], str], rules: RuleSet
) -> list[Span]:
    """A place the model found once is the same place where it missed it before a title
    ("Valparaíso Mayor X"),
    and a title the model took for an organisation ("the Intendant of Montevideo") is a title
    followed by that place."""
    place_spans = [e for e in ents if e.label_ in PLACE_LABELS and e.text[:1].isupper()]
    places = {e.text for e in place_spans}
    if not places:
        return ents
    result = []
    for ent in ents:
        words = [t for t in ent if t.lower_ != "the"]
        if ent.label_ == "ORG" and words and words[0].lower_ in rules.role_heads:
            tail = next(
                (doc[t.i + 1 : ent.end] for t in ent if t.lower_ == "of" and doc[t.i + 1 : ent.end].text in places),
                None,
            )
            if tail is not None:
                span = Span(doc, tail.start, tail.end, label="GPE")
                result.append(span)
                fixed[(span.start_char, span.end_char)] = "ent.title_not_org"
                continue
        result.append(ent)
    taken = _token_indices(result)
    # Only where a title follows ("Rosario Mayor Martín Gallardo"): look just before each title word.
    texts = token_texts(doc)
    titles = [
        i
        for i, text in enumerate(texts)
        if i and (text.lower() in rules.role_heads or text.lower() in rules.role_modifiers)
    ]
    names = {tuple(texts[e.start : e.end]) for e in place_spans}
    found = sorted(
        {
            (end - len(name), end)
            for end in titles
            for name in names
            if tuple(texts[max(0, end - len(name)) : end]) == name
        }
    )
    for start, end in found:
        if any(i in taken for i in range(start, end)):
            continue
        span = Span(doc, start, end, label="GPE")
        result.append(span)
        taken.update(range(start, end))
        fixed[(span.start_char, span.end_char)] = "ent.place_named_elsewhere"
    return result


def _surnames_of_known_people(
    doc: Doc, ents: list[Span], fixed: dict[tuple[int, int], str], rules: RuleSet
) -> list[Span]:
    """'Joho' tagged ORG, or untagged after 'Governor', once 'Hassan Ali Joho' is named: a person."""
    surnames = {e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title}
    if not surnames:
        return ents
    result = []
    for ent in ents:
        if ent.label_ in ("ORG", "NORP", "PRODUCT") and len(ent) == 1 and ent.text in surnames:
            ent = Span(doc, ent.start, ent.end, label="PERSON")
            fixed[(ent.start_char, ent.end_char)] = "ent.surname_of_known_person"
        result.append(ent)
    taken = _token_indices(result)
    for token in (doc[i] for i, text in enumerate(token_texts(doc)) if text in surnames):
        if token.i in taken or token.i == 0:
            continue
        prev = doc[token.i - 1].lower_.strip(".")
        if prev in rules.role_heads or prev in rules.honorifics:
            span = Span(doc, token.i, token.i + 1, label="PERSON")
            result.append(span)
            fixed[(span.start_char, span.end_char)] = "ent.titled_surname"
    return result


def _names_across_apostrophes(doc: Doc, ents: list[Span], fixed: dict[tuple[int, int], str]) -> list[Span]:
    """'Achieng’' + 'Owino' tagged as two people: one name with an apostrophe in it."""
    result: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        prev = result[-1] if result else None
        if (
            prev is not None
            and prev.label_ == ent.label_ == "PERSON"
            and prev.end == ent.start
            and doc[prev.end - 1].text in ("’", "'")
        ):
            ent = Span(doc, prev.start, ent.end, label="PERSON")
            result[-1] = ent
            fixed[(ent.start_char, ent.end_char)] = "ent.name_with_apostrophe"
            continue
        result.append(ent)
    return result


# Honorifics that may also start a phrase that is not a name ("his Government", "Right Bank").
WEAK_HONORIFICS = frozenset({"his", "her", "right", "rt"})


def _title_length(doc: Doc, i: int, rules: RuleSet) -> int:
    """How many tokens of a capitalised title or honorific start at token i ("Mayor", "Dr.",
    "H E"), 0 if none does."""
    tok = doc[i]
    if not (tok.is_title or tok.is_upper):
        return 0
    word = tok.lower_.strip(".")
    if i + 1 < len(doc) and f"{word} {doc[i + 1].lower_.strip('.')}" in rules.honorifics:
        return 2
    if word in rules.role_heads or word in rules.honorifics and word not in WEAK_HONORIFICS:
        return 1
    return 0


def _not_a_name_word(tok: Token, rules: RuleSet) -> bool:
    word = tok.lower_.strip(".")
    return (
        word in rules.role_heads
        or word in rules.role_modifiers
        or word in rules.honorifics
        or word in rules.portfolio_words
        or rules.patterns["org_name_words"].search(word) is not None
    )


def _name_end(doc: Doc, start: int, label_at: Callable[[int], str], rules: RuleSet) -> int | None:
    """The end of a name of two to four words starting at `start` ("Eugenio Gaudio", "Oh
    Eon-seok", "Saeed Hamood al Mawali") that ends where the capitalised run ends, or None."""
    k, words = start, 0
    while k < len(doc):
        tok = doc[k]
        if label_at(k) in NOT_NAME_LABELS:
            break
        if tok.is_title and tok.is_alpha and not _not_a_name_word(tok, rules):
            words += 1
            k += 1
        elif words and tok.text == "-" and not doc[k - 1].whitespace_ and not tok.whitespace_ and k + 1 < len(doc):
            k += 2  # "Eon-seok", "Chia-hsien": the model splits at the hyphen
        elif words and tok.lower_ in rules.words["name_particles"] and k + 1 < len(doc) and doc[k + 1].is_title:
            k += 1
        else:
            break
    if not 2 <= words <= 4 or k < len(doc) and doc[k].is_title and doc[k].is_alpha:
        return None
    return k


def _headline_like(token: Token) -> bool:
    """A sentence in title case ("Mayor Hails New Partnership With Kisumu") names no one by its
    capitals: it has no lower-case word of more than three letters."""
    doc = token.doc
    sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
    return not any(t.is_lower and t.is_alpha and len(t) > 3 for t in sent)


def _skip_portfolio(doc: Doc, k: int, rules: RuleSet) -> int:
    """After 'Minister', the portfolio: 'for Culture', 'of Foreign Affairs', 'of Land, Transport and Tourism'."""
    if k >= len(doc) or doc[k].lower_ not in ("for", "of", "on"):
        return k
    j, end = k + 1, k
    while j < len(doc) and (
        doc[j].lower_ in rules.portfolio_words or doc[j].lower_ in rules.role_modifiers or doc[j].lower_ in ("and", ",")
    ):
        if doc[j].lower_ in rules.portfolio_words:
            end = j + 1
        j += 1
    return end if end > k else k


def _names_after_titles(
    doc: Doc,
    ents: list[Span],
    fixed: dict[tuple[int, int], str],
    lookup_place: Callable[[str], object | None],
    rules: RuleSet,
) -> list[Span]:
    """The capitalised words right after a title or honorific are a person's name: where the
    model saw nothing ("Mayor Oh Eon-seok"), a place ("Vice-President Plutarchos Sakellaris"),
    or glued the name to what stands before the title ("Sapienza Rector Eugenio Gaudio" as one
    organisation, "Hualien Mayor Wei Chia-hsien" as one person)."""
    ents = list(ents)
    ent_at: dict[int, Span] = {i: e for e in ents for i in range(e.start, e.end)}
    entity_keys = {fold(e.text) for e in ents if e.label_ != "PERSON"}

    def label_at(k: int) -> str:
        return ent_at[k].label_ if k in ent_at else ""

    k = 0
    while k < len(doc):
        title = k
        k += 1
        start = title
        while start < len(doc) and (
            _title_length(doc, start, rules) or start > title and _is_modifier(doc[start], rules)
        ):
            start += _title_length(doc, start, rules) or 1  # "Mayor Dr. ...", "Secretary General ..."
        if start == title or _headline_like(doc[title]):
            continue
        start = _skip_portfolio(doc, start, rules)
        end = _name_end(doc, start, label_at, rules)
        if end is None:
            continue
        k = end
        covering = list({id(ent_at[i]): ent_at[i] for i in range(start, end) if i in ent_at}.values())
        if len(covering) > 1:
            continue
        owner = None
        if covering:
            ent = covering[0]
            if ent.end != end or ent.label_ == "PERSON" and ent.start == start:
                continue
            if ent.start > start and ent.label_ in PLACE_LABELS:
                continue  # "Mayor Geordin Hill-Lewis" with "Hill-Lewis" an organisation: one name
            if ent.label_ in PLACE_LABELS and ent.start == start and lookup_place(ent.text):
                continue
            if ent.start < title:
                owner = _title_owner(doc[ent.start : title], lookup_place, entity_keys, rules)
            ents.remove(ent)
        name = Span(doc, start, end, label="PERSON")
        for span in (owner, name):
            if span is not None:
                ents.append(span)
                fixed[(span.start_char, span.end_char)] = "ent.name_after_title"
        ent_at.update({i: name for i in range(start, end)})
    return ents


COMPLEMENT_WORDS = ("of", "to", "for", "on", "and", "the")


def _complement_end(doc: Doc, begin: int, rules: RuleSet) -> int:
    """The end of the capitalised run after "Mayor of", "Ambassador to", ...: title-case words and
    acronyms, joined by hyphens, name particles, small words or commas ("Ministry of Information,
    Communications, and the Digital Economy Eliud Owalo")."""
    k, limit = begin, min(len(doc), begin + 24)

    def capital(j: int) -> bool:
        return j < limit and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha

    while k < limit:
        tok = doc[k]
        if capital(k) or tok.text == "-" and k > begin and not doc[k - 1].whitespace_ and capital(k + 1):
            k += 1
        elif (tok.lower_ in COMPLEMENT_WORDS or tok.lower_ in rules.words["name_particles"]) and capital(k + 1):
            k += 1
        elif tok.lower_ in COMPLEMENT_WORDS and doc[k + 1 : k + 2].text.lower() == "the" and capital(k + 2):
            k += 2
        elif tok.text == "," and (capital(k + 1) or doc[k + 1 : k + 2].text == "and"):
            k += 1
        else:
            break
    return k


def _ends_a_complement(
    prefix: Span, lookup_place: Callable[[str], object | None], entity_words: list[list[str]], rules: RuleSet
) -> bool:
    """Whether what stands between "Mayor of" and a name is a whole place, organisation or
    portfolio ("Kyoto", "the Uzbek Security Council", "Religious Affairs", "INVEST India"), or
    words of a place or organisation the model found elsewhere ("Mehmetçik" of "Mehmetçik
    Municipality")."""
    doc = prefix.doc
    end = prefix.end
    while end > prefix.start and (doc[end - 1].text == "," or doc[end - 1].lower_.strip(".") in rules.honorifics):
        end -= 1
    if end == prefix.start:
        return False
    last = doc[end - 1]
    return bool(
        last.lower_ in rules.portfolio_words
        or rules.patterns["org_name_words"].fullmatch(last.lower_)
        or last.is_upper
        and len(last) > 1
        or last.ent_type_ in PLACE_LABELS + ("ORG",)
        and (end == len(doc) or doc[end].ent_iob_ != "I")
        or lookup_place(doc[prefix.start : end].text)
        or _begins_a_name(fold(doc[prefix.start : end].text).split(), entity_words, rules)
    )


def _begins_a_name(words: list[str], entities: list[list[str]], rules: RuleSet) -> bool:
    """Whether `words` end one of the entities or stand before a word of an organisation's name
    in it ("mehmetcik" in "mehmetcik municipality"; not "ministry of development and")."""
    n = len(words)
    return any(
        words == ent[k : k + n] and (k + n == len(ent) or rules.patterns["org_name_words"].fullmatch(ent[k + n]))
        for ent in entities
        for k in range(len(ent) - n + 1)
    )


def _names_after_title_complements(
    doc: Doc,
    ents: list[Span],
    fixed: dict[tuple[int, int], str],
    lookup_place: Callable[[str], object | None],
    rules: RuleSet,
) -> list[Span]:
    """'Mayor of Kyoto Daisaku Kadokawa', 'Ambassador to Japan Deepa Wadhwa', 'Secretary of the
    Ministry of Planning, Ana Ruiz,': after a title and the place, organisation or portfolio it
    is of, the capitalised words that end the run are a name, which the model missed or glued to
    what stands before it."""
    ents = list(ents)
    ent_at: dict[int, Span] = {i: e for e in ents for i in range(e.start, e.end)}
    entity_words = [fold(e.text).split() for e in ents if e.label_ != "PERSON"]

    def label_at(k: int) -> str:
        return ent_at[k].label_ if k in ent_at else ""

    for head in doc:
        if not (head.is_title and head.lower_ in rules.role_heads) or head.i + 2 >= len(doc):
            continue
        if doc[head.i + 1].lower_ not in ("of", "to", "for", "on") or _headline_like(head):
            continue
        begin = head.i + 2 + (doc[head.i + 2].lower_ == "the")
        run_end = _complement_end(doc, begin, rules)
        for start in range(begin + 1, run_end - 1):
            if (
                not doc[start].is_title
                or doc[start - 1].text == "-"
                or label_at(start) in PLACE_LABELS + ("NORP",)
                or lookup_place(doc[start].text)  # "INVEST India Deepak Bagla"
            ):
                continue
            end = _name_end(doc, start, label_at, rules)
            if end is None or end > run_end:
                continue
            set_off = doc[start - 1].text == "," and end < len(doc) and doc[end].text in (",", ".", ";")
            if not set_off and not _ends_a_complement(doc[begin:start], lookup_place, entity_words, rules):
                continue
            name = Span(doc, start, end, label="PERSON")
            covering = {id(ent_at[i]): ent_at[i] for i in range(start, end) if i in ent_at}.values()
            place = doc[begin:start]
            if (
                any(e.label_ == "PERSON" and (e.start, e.end) == (start, end) for e in covering)
                and not any(k in ent_at for k in range(begin, start))
                and lookup_place(place.text)
            ):
                # "President of Uzbekistan Shavkat Mirziyoyev" with the name found and the place not
                ents.append(Span(doc, begin, start, label="GPE"))
                fixed[(place.start_char, place.end_char)] = "ent.place_after_title"
                ent_at.update({k: ents[-1] for k in range(begin, start)})
                continue
            if lookup_place(name.text) or any(
                e.end > end or e.start >= start and e.label_ != "ORG" or e.label_ == "PERSON" and e.start == start
                for e in covering
            ):
                continue
            for ent in covering:
                ents.remove(ent)
                if ent.start < start:
                    owner = doc[ent.start : start]
                    while len(owner) > 1 and owner[-1].is_punct:
                        owner = owner[:-1]
                    # "Mayor of Mehmetçik Cemil X": a name with no word of an organisation's is a place's
                    plain = ent.label_ != "ORG" and not rules.patterns["org_name_words"].search(owner.text.lower())
                    label = "GPE" if plain or lookup_place(owner.text) else "ORG"
                    ents.append(Span(doc, owner.start, owner.end, label=label))
            ents.append(name)
            fixed[(name.start_char, name.end_char)] = "ent.name_after_title_complement"
            ent_at = {i: e for e in ents for i in range(e.start, e.end)}
    return ents


def _owners_before_titles(
    doc: Doc,
    ents: list[Span],
    fixed: dict[tuple[int, int], str],
    lookup_place: Callable[[str], object | None],
    rules: RuleSet,
) -> list[Span]:
    """'Saipan Mayor David Apatang', 'Egyptian Diaspora Minister Nabila Makram': a short
    "person" right before the title of a named person is the place, organisation or portfolio
    the title belongs to, not a second person."""
    ents = sorted(ents, key=lambda e: e.start)
    keys = {fold(e.text) for e in ents if e.label_ != "PERSON"}
    result = []
    for n, ent in enumerate(ents):
        nxt = ents[n + 1] if n + 1 < len(ents) else None
        if ent.label_ == "PERSON" and len(ent) <= 2 and nxt is not None and nxt.label_ == "PERSON":
            between = doc[ent.end : nxt.start]
            if (
                len(between)
                and all(
                    t.is_title and t.lower_.strip(".") in rules.role_heads | rules.role_modifiers | rules.honorifics
                    for t in between
                )
                and any(t.lower_.strip(".") in rules.role_heads for t in between)
            ):
                owner = _title_owner(ent, lookup_place, keys, rules)
                fixed[(ent.start_char, ent.end_char)] = "ent.owner_before_title"
                if owner is not None:
                    result.append(owner)
                continue
        result.append(ent)
    return result


def _is_modifier(tok: Token, rules: RuleSet) -> bool:
    return tok.is_title and tok.lower_ in rules.role_modifiers


def _title_owner(
    span: Span, lookup_place: Callable[[str], object | None], entity_keys: set[str], rules: RuleSet
) -> Span | None:
    """What stood before a title in an entity the model joined to a name ("Sapienza" in
    "Sapienza Rector Eugenio Gaudio"): a known place, a name the model found elsewhere in the
    text, or an acronym; else nothing ("Presidential" in "Presidential Commissioner X")."""
    doc = span.doc
    start, end = span.start, span.end
    while end > start and (
        doc[end - 1].lower_.strip(".") in rules.role_heads | rules.role_modifiers | rules.honorifics
        or doc[end - 1].is_punct
    ):
        end -= 1
    while start < end and doc[start].lower_ == "the":
        start += 1
    if start == end:
        return None
    owner = doc[start:end]
    if lookup_place(owner.text):
        return Span(doc, start, end, label="GPE")
    if fold(owner.text) in entity_keys or owner.text.isupper() and len(owner.text) > 1:
        return Span(doc, start, end, label="ORG")
    return None


def _with_state_prefix(
    doc: Doc,
    ents: list[Span],
    fixed: dict[tuple[int, int], str],
    lookup_place: Callable[[str], object | None],
    rules: RuleSet,
) -> list[Span]:
    """'the Kingdom of Bahrain' tagged as 'Kingdom' + 'Bahrain', as 'Bahrain' only, or as
    'Kingdom' only (in a headline): one place."""
    result = []
    for ent in sorted(ents, key=lambda e: e.start):
        if (
            len(ent) == 1
            and ent[0].lower_ in rules.words["state_prefixes"]
            and ent.end + 1 < len(doc)
            and doc[ent.end].lower_ == "of"
        ):
            end = ent.end + 1
            while end < len(doc) and doc[end].is_title and doc[end].ent_type_ in ("", ent.label_):
                end += 1
            while end > ent.end + 1 and not lookup_place(doc[ent.end + 1 : end].text):
                end -= 1  # "Kingdom of Bahrain Signs ...": the longest run that is a place
            if end > ent.end + 1:
                merged = Span(doc, ent.start, end, label="GPE")
                result.append(merged)
                fixed[(merged.start_char, merged.end_char)] = "ent.state_prefix"
                continue
        if (
            ent.label_ in PLACE_LABELS
            and ent.start >= 2
            and doc[ent.start - 1].lower_ == "of"
            and doc[ent.start - 2].lower_ in rules.words["state_prefixes"]
        ):
            start = ent.start - 2
            if start >= 1 and doc[start - 1].lower_ in rules.words["state_prefix_modifiers"]:
                start -= 1
            result = [e for e in result if e.end <= start]
            merged = Span(doc, start, ent.end, label=ent.label_)
            result.append(merged)
            fixed[(merged.start_char, merged.end_char)] = "ent.state_prefix"
            continue
        result.append(ent)
    return result


class EntityFixer:
    """Correct en_core_web_sm's entities with the rule packs."""

    def __init__(self, nlp: Language, models_dir: str):
        self.rules = load_rules(models_dir)
        self.matcher = build_matcher(nlp.vocab, self.rules)
        self.gazetteer = load_gazetteer(models_dir)

    def __call__(self, doc: Doc) -> Doc:
        doc._.ag_entity_rules = fix_entities(doc, self.rules, self.matcher, self.gazetteer.lookup)
        forget_ents(doc)
        index_sentences(doc)
        return doc


@Language.factory("ag_entities", assigns=["doc.ents", "doc._.ag_entity_rules"], requires=["doc.ents", "token.pos"])
def make_entity_fixer(nlp: Language, name: str, models_dir: str) -> EntityFixer:
    return EntityFixer(nlp, models_dir)
