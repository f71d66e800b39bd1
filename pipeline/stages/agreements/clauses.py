"""Grammar helpers the agreements stage's parts share: clause bounds, verbs between two
tokens, the word before a span, the headline's end.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from pipeline.stages.agreements.findings import Event
from pipeline.stages.doc_cache import doc_text, span_ents

PARTY_LABELS = frozenset({"GPE", "ORG", "NORP", "LOC"})


def preceding_word(doc: Doc, start_token: int, sent_start: int) -> Token | None:
    k = start_token - 1
    while k >= sent_start and doc[k].lower_ in ("the", "a", "an"):
        k -= 1
    return doc[k] if k >= sent_start else None


def entities_in(sent: Span, labels: frozenset[str]) -> list[Span]:
    return [e for e in span_ents(sent) if e.label_ in labels]


def clause_bounds(event: Event, words: Mapping[str, frozenset[str]]) -> tuple[int, int]:
    """Token range of the cue's clause: from a semicolon, a colon, a dash, a verb of saying or
    the 'that' of a reported clause ("told X that the signing ...") up to a semicolon or a clause
    breaker."""
    sent = event.sentence
    doc = sent.doc
    start = sent.start
    for k in range(event.cue_token.i - 1, sent.start - 1, -1):
        spaced_dash = doc[k].text in ("--", "–", "-") and k > 0 and doc[k - 1].whitespace_ and doc[k].whitespace_
        if (
            doc[k].text in (";", ":", "—")
            or spaced_dash
            or (doc[k].lower_ in words["reporting_verbs"] and doc[k].pos_ == "VERB")
            or (doc[k].lower_ == "that" and doc[k].dep_ == "mark")
        ):
            start = k + 1  # a dateline ("ACCRA, June 14 (Xinhua) --") ends here too
            break
    end = sent.end
    for k in range(event.cue_token.i + 1, sent.end):
        if doc[k].text == ";" or doc[k].lower_ in words["clause_breakers"]:
            end = k
            break
    return start, end


def verbs_between(
    doc: Doc, a: int, b: int, words: Mapping[str, frozenset[str]], allowed: frozenset[str] | None = None
) -> list[Token]:
    """Verbs that start another predicate between two tokens, but those `allowed` (default: the
    verbs a co-signer stands behind, lexicon carrier_lemmas) and signing verbs. Participles used
    as adjectives and verbs of a relative clause set off by commas (", whose presidents met ...,")
    do not."""
    allowed = words["carrier_lemmas"] if allowed is None else allowed
    verbs = []
    in_relative = False
    for t in doc[a:b]:
        if t.text == "," and t.i + 1 < b and doc[t.i + 1].lower_ in words["relative_words"]:
            in_relative = True
        elif t.text == "," and in_relative:
            in_relative = False
        elif (
            not in_relative
            and t.pos_ == "VERB"
            and t.ent_type_ == ""
            and t.dep_ != "amod"
            and t.lemma_.lower() not in allowed
            and t.lower_ not in words["sign_forms"]
        ):
            verbs.append(t)
    return verbs


def right_after(doc: Doc, i: int, anchors: list[int], gap: int = 3) -> bool:
    """Whether token i follows one of the anchors (the end of the signing cue, of a signing verb,
    or of the instrument's mention) within a few tokens, dates aside ("signed an MoU with X",
    "a contract between X and Y", "to be signed this month between X and Y")."""
    return any(start <= i and sum(1 for t in doc[start:i] if t.ent_type_ != "DATE") <= gap for start in anchors)


def within_hops(child: Token, ancestor: Token, hops: int) -> bool:
    for _ in range(hops):
        if child.head is child:
            return False
        child = child.head
        if child == ancestor:
            return True
    return False


def relative_clause_between(doc: Doc, a: int, b: int, words: Mapping[str, frozenset[str]]) -> bool:
    """', which paves the way for ... at the Madrid Summit': what follows is about something else."""
    return any(t.text == "," and t.i + 1 < b and doc[t.i + 1].lower_ in words["relative_words"] for t in doc[a:b])


def in_parentheses(span: Span) -> bool:
    before = doc_text(span.doc)[span.sent.start_char : span.start_char]
    return before.count("(") > before.count(")")


def headline_end(doc: Doc) -> int:
    """Where the headline ends: the first line, when a line break follows it; else 0 (no headline)."""
    text = doc_text(doc).lstrip()
    offset = len(doc_text(doc)) - len(text)
    line_end = text.find("\n")
    return offset + line_end if line_end > 0 else 0
