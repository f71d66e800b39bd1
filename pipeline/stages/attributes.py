"""The custom attributes the stages read and write on a Doc (`doc._.ag_*`), registered once."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRIBUTES = {
    "ag_published": "publication date YYYY-MM-DD, set before the pipeline runs",
    "ag_entity_rules": "{(start_char, end_char): rule id} of the entities ag_entities corrected",
    "ag_people": "list[stages.people.Person]",
    "ag_places": "list[stages.places.PlaceMention]",
    "ag_dates": "list[(start_char, end_char, text, stages.dates.ResolvedDate | None)]",
    "ag_agreements": "list[stages.agreements.findings.AgreementFinding]",
    "ag_decisions": "list[stages.agreements.findings.Decision]: the explain log",
    "ag_error": "a stage's error message, when one failed on this document",
}

for _name in DOC_ATTRIBUTES:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
