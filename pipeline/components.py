"""The pipeline's own spaCy components, all registered here (factory names start with "ag_").

Each stage reads what the previous ones left on the Doc (custom attributes under `doc._.ag_*`)
and adds its own findings; `pipeline.nlp.build_pipeline` assembles them from the config file.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.text_utils import doc_ents, doc_text, forget_ents, index_sentences, token_texts
from pipeline.agreements import Context, extract_agreements
from pipeline.areas import classify_areas
from pipeline.dates import resolve_date, warm_up
from pipeline.entities import build_matcher, fix_entities
from pipeline.people import find_people
from pipeline.place_mentions import resolve_places
from pipeline.places import Gazetteer
from pipeline.rules import DEFAULT_MODELS_DIR, load_rules

DOC_ATTRIBUTES = {
    "ag_published": None,  # publication date YYYY-MM-DD, set before the pipeline runs
    "ag_entity_rules": None,  # {(start_char, end_char): rule id} of corrected entities
    "ag_people": None,  # list[people.Person]
    "ag_places": None,  # list[place_mentions.PlaceMention]
    "ag_dates": None,  # list[(start_char, end_char, text, ResolvedDate | None)]
    "ag_agreements": None,  # list[agreements.AgreementFinding]
    "ag_decisions": None,  # list[agreements.Decision]: the explain log
    "ag_error": None,  # a stage's error message, when one failed on this document
}
for _name, _default in DOC_ATTRIBUTES.items():
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


def _rules(models_dir: str):
    return load_rules(models_dir or DEFAULT_MODELS_DIR)


class SentenceBounds:
    """Before the parser: a blank line or a bullet always starts a sentence, so a headline never
    runs into the first paragraph; and a sentence only starts after sentence-final punctuation,
    never after an honorific ("Hon. Kwaku ...") or in the middle of a long clause."""

    BULLETS = frozenset("•▪‣◦-*–—·")
    SENTENCE_END = frozenset({".", "!", "?", "…", ":", ";", "”", "\"", "’", "'", ")"})

    def __init__(self, models_dir: str):
        self.honorifics = _rules(models_dir).honorifics

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) < 2:
            return doc
        # Written through an array: setting token.is_sent_start checks the whole Doc for a
        # parse each time, which is quadratic on long texts. Read from the texts, not Tokens.
        starts = doc.to_array([SENT_START]).astype("int64")
        texts = token_texts(doc)
        for i in range(1, len(texts)):
            start = self._sentence_start(texts, i)
            if start is not None:
                starts[i] = 1 if start else -1
        doc.from_array([SENT_START], starts.view("uint64"))  # spaCy stores -1 as its two's complement
        return doc

    def _sentence_start(self, texts: list[str], i: int) -> bool | None:
        """True: token `i` starts a sentence; False: it cannot; None: the parser decides."""
        text, prev = texts[i], texts[i - 1]
        if text.isspace():
            return None
        if prev.isspace() and "\n" not in prev and i >= 2:
            prev = texts[i - 2]  # "ministers.  Greek": look past the extra space
        if prev.isspace() and ("\n\n" in prev or "\n" in prev and text[:1] in self.BULLETS):
            return True
        if prev.endswith("\n") and text[:1] in self.BULLETS:
            return True
        if prev.isspace() and "\n" in prev:
            return None  # a line break: the parser decides
        if prev[-1:] not in self.SENTENCE_END or prev.lower().strip(".") in self.honorifics:
            return False
        if prev == "." and i >= 2 and texts[i - 2].lower() in self.honorifics:
            return False  # "Hon" "." "Kwame": the full stop of an abbreviation
        return None


class EntityFixer:
    """Stage 1: correct en_core_web_sm's entities with the rule packs."""

    def __init__(self, nlp: Language, models_dir: str):
        self.rules = _rules(models_dir)
        self.matcher = build_matcher(nlp.vocab, self.rules)
        self.gazetteer = Gazetteer.default()

    def __call__(self, doc: Doc) -> Doc:
        doc._.ag_entity_rules = fix_entities(doc, self.rules, self.matcher, self.gazetteer.lookup)
        forget_ents(doc)
        index_sentences(doc)
        return doc


class PeopleFinder:
    """Stage 2: merge person mentions, attach titles and affiliations."""

    def __init__(self, models_dir: str):
        self.rules = _rules(models_dir)

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        doc._.ag_people = find_people(doc, self.rules)
        return doc


class PlaceResolver:
    """Stage 3: resolve places to countries and GeoNames ids."""

    def __init__(self):
        self.gazetteer = Gazetteer.default()

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        doc._.ag_places = resolve_places(doc, self.gazetteer)
        return doc


class DateResolver:
    """Stage 4: DATE entities to ISO values, against the publication date only."""

    def __init__(self):
        warm_up()

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        published = doc._.ag_published
        doc._.ag_dates = [
            (ent.start_char, ent.end_char, ent.text, resolve_date(ent.text, published))
            for ent in doc_ents(doc)
            if ent.label_ == "DATE"
        ]
        return doc


class AgreementFinder:
    """Stage 5: agreements with their parties, signatories, date and place."""

    def __init__(self, models_dir: str, max_age_years: int):
        self.rules = _rules(models_dir)
        self.gazetteer = Gazetteer.default()
        self.max_age_years = max_age_years

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        ctx = Context(
            doc=doc,
            rules=self.rules,
            gazetteer=self.gazetteer,
            people=doc._.ag_people or [],
            places=doc._.ag_places or [],
            published=doc._.ag_published,
            max_age_years=self.max_age_years,
        )
        doc._.ag_agreements = extract_agreements(ctx)
        doc._.ag_decisions = ctx.decisions
        return doc


class AreaClassifier:
    """Stage 6: programme areas of each agreement, from the sentences that describe it."""

    def __init__(self, models_dir: str, min_score: float):
        self.rules = _rules(models_dir)
        self.min_score = min_score

    NAME_LABELS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT")

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        names = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ in self.NAME_LABELS]
        roles = [(p.role.start, p.role.end) for p in doc._.ag_people or () if p.role is not None]
        for finding in doc._.ag_agreements or ():
            finding.areas = classify_areas(doc_text(doc), finding.description, self.rules, self.min_score, names + roles)
        return doc


@Language.factory("ag_sentences", default_config={"models_dir": ""})
def make_sentence_bounds(nlp: Language, name: str, models_dir: str) -> SentenceBounds:
    return SentenceBounds(models_dir)


@Language.factory("ag_entities", default_config={"models_dir": ""})
def make_entity_fixer(nlp: Language, name: str, models_dir: str) -> EntityFixer:
    return EntityFixer(nlp, models_dir)


@Language.factory("ag_people", default_config={"models_dir": ""})
def make_people_finder(nlp: Language, name: str, models_dir: str) -> PeopleFinder:
    return PeopleFinder(models_dir)


@Language.factory("ag_places")
def make_place_resolver(nlp: Language, name: str) -> PlaceResolver:
    return PlaceResolver()


@Language.factory("ag_dates")
def make_date_resolver(nlp: Language, name: str) -> DateResolver:
    return DateResolver()


@Language.factory("ag_agreements", default_config={"models_dir": "", "max_age_years": 10})
def make_agreement_finder(nlp: Language, name: str, models_dir: str, max_age_years: int) -> AgreementFinder:
    return AgreementFinder(models_dir, max_age_years)


@Language.factory("ag_areas", default_config={"models_dir": "", "min_score": 0.0})
def make_area_classifier(nlp: Language, name: str, models_dir: str, min_score: float) -> AreaClassifier:
    return AreaClassifier(models_dir, min_score)
