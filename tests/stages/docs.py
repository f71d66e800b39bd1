"""Annotated Docs built by hand, without a statistical model, for the stages' unit tests.

A Doc is written as its exact text and a table with one row per token:

    index  text  POS  dep  head  [lemma]

`head` is the index of the token's head (its own index for a sentence root, so sentences
follow from the heads); `lemma` defaults to the text for PROPN and to its lower-case form
otherwise. The rows are found in the text in order: between two tokens there is nothing or
one space, and other whitespace (the blank line after a headline) is a token of its own,
written with escapes in a raw-string table (`5  \\n\\n  SPACE  dep  4`). Entities are
(phrase, label) pairs found in the text in order, each after the one before. `doc.text` is
the text given, exactly, so character offsets (evidence) can be checked against it.

    doc = build_doc(
        "Kenya and Ghana signed a treaty.",
        '''
        0  Kenya   PROPN  nsubj  3
        1  and     CCONJ  cc     0
        2  Ghana   PROPN  conj   0
        3  signed  VERB   ROOT   3  sign
        4  a       DET    det    5
        5  treaty  NOUN   dobj   3
        6  .       PUNCT  punct  3
        ''',
        ents=[("Kenya", "GPE"), ("Ghana", "GPE")],
    )

`make_context(doc)` gives the agreements stage's Context for such a Doc, with the project's
rules and gazetteer and the people and places their stages find in it.
"""

from __future__ import annotations

import functools

import spacy
from spacy.tokens import Doc

import pipeline.stages.attributes  # noqa: F401  (registers doc._.ag_*)
from pipeline.resources.gazetteer import Gazetteer, load_gazetteer
from pipeline.resources.loader import RuleSet, load_rules
from pipeline.stages.agreements.findings import Context
from pipeline.stages.doc_cache import index_sentences
from pipeline.stages.people import find_people
from pipeline.stages.places import resolve_places


@functools.cache
def _vocab():
    return spacy.blank("en").vocab


@functools.cache
def rules() -> RuleSet:
    """The project's rules (models/), read once per test session."""
    return load_rules()


@functools.cache
def gazetteer() -> Gazetteer:
    """The project's gazetteer (models/places/), read once per test session."""
    return load_gazetteer()


def _rows(table: str) -> list[tuple[str, str, str, int, str | None]]:
    rows = []
    for line in table.splitlines():
        cells = line.split()
        if not cells:
            continue
        if len(cells) not in (5, 6):
            raise ValueError(f"a token row is 'index text POS dep head [lemma]', not {line!r}")
        index, text, pos, dep, head = cells[:5]
        if int(index) != len(rows):
            raise ValueError(f"row {line!r} should have index {len(rows)}")
        text = text.encode().decode("unicode_escape") if "\\" in text else text
        rows.append((text, pos, dep, int(head), cells[5] if len(cells) == 6 else None))
    return rows


def build_doc(text: str, tokens: str, ents: list[tuple[str, str]] = (), published: str | None = None) -> Doc:
    """A parsed Doc of `text` with the tokens of the table `tokens` and the entities `ents`,
    its publication date set and its sentences indexed (see the module docstring)."""
    rows = _rows(tokens)
    words, spaces = [], []
    at = 0
    for n, (word, *_) in enumerate(rows):
        if not text.startswith(word, at):
            raise ValueError(f"token {n} {word!r} is not at offset {at} of the text: {text[at : at + 20]!r}")
        at += len(word)
        space = text.startswith(" ", at) and not word.isspace()
        words.append(word)
        spaces.append(space)
        at += space
    if at != len(text):
        raise ValueError(f"the tokens end at offset {at}, before the text's end: {text[at:]!r}")
    doc = Doc(
        _vocab(),
        words=words,
        spaces=spaces,
        pos=[pos for _, pos, _, _, _ in rows],
        deps=[dep for _, _, dep, _, _ in rows],
        heads=[head for _, _, _, head, _ in rows],
        lemmas=[lemma or (word if pos == "PROPN" else word.lower()) for word, pos, _, _, lemma in rows],
    )
    spans = []
    at = 0
    for phrase, label in ents:
        start = text.find(phrase, at)
        span = doc.char_span(start, start + len(phrase), label=label) if start >= 0 else None
        if span is None:
            raise ValueError(f"entity {phrase!r} is not a run of whole tokens after offset {at}")
        spans.append(span)
        at = start + len(phrase)
    doc.ents = spans
    assert doc.text == text
    doc._.ag_published = published
    index_sentences(doc)
    return doc


def make_context(doc: Doc, max_age_years: int = 10) -> Context:
    """The agreements stage's Context for `doc`: the project's rules and gazetteer, the people
    (stages.people.find_people) and places (stages.places.resolve_places) found in the Doc,
    and its publication date."""
    return Context(
        doc=doc,
        rules=rules(),
        gazetteer=gazetteer(),
        people=find_people(doc, rules()),
        places=resolve_places(doc, gazetteer(), rules()),
        published=doc._.ag_published,
        max_age_years=max_age_years,
    )
