"""Stage ag_agreements: find each agreement instrument the article reports as signed, renewed or
to be signed, and read its parties, signatories, date and place.

The stage works sentence by sentence on a parsed Doc, in the order of its modules:
`mentions` (where an instrument is named), `events` (a mention tied to a status cue),
`parties` and `signatories` (who an event binds, and who signs for whom), `date_place`
(when and where), and `assembly` (events of one instrument merged into one agreement;
background dropped). Every value keeps the span it came from and the id of the rule that
read it; `findings` holds the types they share.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources.gazetteer import load_gazetteer
from pipeline.resources.loader import load_rules
from pipeline.stages.agreements.assembly import extract_agreements
from pipeline.stages.agreements.findings import Context
from pipeline.stages.doc_cache import index_sentences


class AgreementFinder:
    """Agreements with their parties, signatories, date and place."""

    def __init__(self, models_dir: str, max_age_years: int):
        self.rules = load_rules(models_dir)
        self.gazetteer = load_gazetteer(models_dir)
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


@Language.factory(
    "ag_agreements",
    assigns=["doc._.ag_agreements", "doc._.ag_decisions"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.lemma", "doc._.ag_people", "doc._.ag_places"],
)
def make_agreement_finder(nlp: Language, name: str, models_dir: str, max_age_years: int) -> AgreementFinder:
    return AgreementFinder(models_dir, max_age_years)
