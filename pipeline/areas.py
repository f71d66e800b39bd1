"""Programme areas: multi-label classification of what an agreement covers, by the patterns of
the taxonomy in models/programme_areas.yaml, applied only to the sentences that describe it."""

from __future__ import annotations

from pipeline.people import SpanRef
from pipeline.rules import RuleSet


def classify_areas(
    text: str,
    sentences: list[tuple[int, int]],
    rules: RuleSet,
    min_score: float = 0.0,
    exclude: list[tuple[int, int]] = (),
) -> list[tuple[str, str, float, list[SpanRef]]]:
    """(area id, label, score, evidence) for each area whose patterns match the sentences.

    Matches inside `exclude` spans (names of organisations, people's titles: "Minister of
    Health") say nothing about the agreement and are skipped. The score grows with the
    number of distinct matches: 1 - 0.5 ** matches.
    """
    results = []
    for area in rules.programme_areas:
        evidence: list[SpanRef] = []
        for start, end in sorted(set(sentences)):
            sentence = text[start:end]
            for rule in area.rules:
                for match in rule.regex.finditer(sentence):
                    ref = SpanRef(start + match.start(), start + match.end(), match.group(0), rule.id)
                    if any(a <= ref.start and ref.end <= b for a, b in exclude):
                        continue
                    if all(not (e.start < ref.end and ref.start < e.end) for e in evidence):
                        evidence.append(ref)
        if not evidence:
            continue
        score = round(1 - 0.5 ** len(evidence), 4)
        if score >= min_score:
            results.append((area.id, area.label, score, sorted(evidence, key=lambda e: e.start)))
    return results
