"""What each stage found in one article, and why: the text behind `agreements explain`."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.inputs.articles import Article
from pipeline.stages.doc_cache import doc_text


def _span(start: int, end: int) -> str:
    return f"[{start}:{end}]"


def explain_doc(doc: Doc, article: Article) -> str:
    """A plain-text report of every stage's findings and decisions for one processed article."""
    lines = [
        f"document  {article.id}  ({article.path})",
        f"title     {article.title or '-'}",
        f"published {article.published or '-'} (source: {article.published_source or 'none'})",
        "",
        "1. entities (label, text, span, rule)",
    ]
    rules = doc._.ag_entity_rules or {}
    for ent in doc.ents:
        if ent.label_ in ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"):
            continue
        lines.append(
            f"   {ent.label_:<11} {ent.text!r} {_span(ent.start_char, ent.end_char)} "
            f"{rules.get((ent.start_char, ent.end_char), 'ner.model')}"
        )
    dropped = [(span, rule) for span, rule in rules.items() if rule.startswith("ent.drop")]
    for (start, end), rule in dropped:
        lines.append(f"   dropped     {doc_text(doc)[start:end]!r} {_span(start, end)} {rule}")

    lines += ["", "2. people (name; aliases; role; affiliation)"]
    for person in doc._.ag_people or ():
        role = f"{person.role.text!r} ({person.role.rule})" if person.role else "-"
        affiliation = f"{person.affiliation.text!r} ({person.affiliation.rule})" if person.affiliation else "-"
        lines.append(f"   {person.name}; aliases {person.aliases or '-'}; role {role}; affiliation {affiliation}")

    lines += ["", "3. places (mention -> place, kind, country, GeoNames id, rule)"]
    for place in doc._.ag_places or ():
        lines.append(
            f"   {place.text!r} -> {place.name or '?'}, {place.kind or '?'}, "
            f"{place.country or '?'}, {place.geonames_id or '-'} ({place.rule})"
        )

    lines += ["", f"4. dates (resolved against the publication date {article.published or 'none'})"]
    for start, end, text, resolved in doc._.ag_dates or ():
        value = (
            f"{resolved.value} ({resolved.precision}, year from {resolved.year_source or 'nowhere'})"
            if resolved
            else "not a point in time: left empty"
        )
        lines.append(f"   {text!r} {_span(start, end)} -> {value}")

    lines += ["", "5. agreement candidates and decisions"]
    for decision in doc._.ag_decisions or ():
        verdict = "kept   " if decision.kept else "dropped"
        text = " ".join(decision.text.split())
        lines.append(f"   {verdict} [{decision.stage}] {text[:160]!r}: {decision.reason}")

    lines += ["", "6. agreements"]
    findings = doc._.ag_agreements or ()
    if not findings:
        lines.append("   none")
    for n, finding in enumerate(findings, 1):
        lines.append(
            f"   #{n} {finding.type} / {finding.status}: {finding.label!r} (status "
            f"cue {finding.status_evidence.text!r}, {finding.status_evidence.rule})"
        )
        for party in finding.parties:
            rules_used = ", ".join(sorted({e.rule for e in party.evidence}))
            lines.append(
                f"      party      {party.name} ({party.kind}, {party.country or 'no country'}) "
                f"aliases {party.aliases or '-'} <- {rules_used}"
            )
        for signatory in finding.signatories:
            role = signatory.person.role.text if signatory.person.role else "no role"
            via = f" <- {signatory.party_evidence.rule}" if signatory.party_evidence else ""
            lines.append(
                f"      signatory  {signatory.person.name} ({role}) for {signatory.party or 'unknown party'}{via}"
            )
        if finding.date:
            resolved, ref = finding.date
            lines.append(f"      date       {resolved.value} from {ref.text!r} <- {ref.rule}")
        else:
            lines.append("      date       none")
        if finding.place:
            place, ref = finding.place
            lines.append(f"      place      {place.name} ({place.country or '?'}) <- {ref.rule}")
        else:
            lines.append("      place      none")
        for area_id, _label, score, evidence in finding.areas:
            found = ", ".join(f"{e.text!r} ({e.rule})" for e in evidence)
            lines.append(f"      area       {area_id} {score:.2f}: {found}")
    return "\n".join(lines) + "\n"
