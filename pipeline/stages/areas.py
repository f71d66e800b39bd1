"""Programme areas: multi-label classification of what an agreement covers, by the patterns of
the taxonomy in models/programme_areas.yaml, applied only to the sentences that describe it."""

from __future__ import annotations

import re
from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.dataset.records import Evidence
from pipeline.resources.loader import RuleSet, load_rules
from pipeline.stages.agreements.findings import AgreementFinding
from pipeline.stages.doc_cache import doc_ents, doc_text, index_sentences

_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_PARENTHESIS = re.compile(r"\s*\([^()\n]*\)")


def _title_case(sentence: str) -> bool:
    """A headline in title case ("Ports Ministry Signs Trade Deal"): hardly a word in lower case."""
    words = [w for w in sentence.split() if len(w) > 3 and _WORD.match(w)]
    return len(words) >= 3 and sum(not w[0].isupper() for w in words) <= 1


def _neighbour(tokens: list[str], joiners: frozenset[str]) -> str | None:
    """The word next to a match (`tokens` read outwards from it), across one joiner; None at punctuation."""
    if tokens and tokens[0].lower() in joiners:
        tokens = tokens[1:]
    return tokens[0] if tokens and _WORD.fullmatch(tokens[0]) else None


def _in_proper_name(sentence: str, start: int, end: int, words: Mapping[str, frozenset[str]]) -> bool:
    """Whether a capitalised match is a word of a name ("Chamber of Commerce", "Industry Canada",
    "Railway Express"): a capitalised word right next to it, or across a joiner ("of")."""
    if not sentence[start].isupper() or _title_case(sentence):
        return False
    joiners = words["name_joiners"]
    before = _neighbour(sentence[:start].split()[::-1], joiners) if sentence[:start][-1:].isspace() else None
    after = _neighbour(sentence[end:].split(), joiners) if sentence[end : end + 1].isspace() else None
    return any(
        word is not None and word[0].isupper() and word.lower() not in words["capitalised_function_words"]
        for word in (before, after)
    )


def classify_areas(
    text: str,
    sentences: list[tuple[int, int]],
    rules: RuleSet,
    min_score: float = 0.0,
    exclude: list[tuple[int, int]] = (),
) -> list[tuple[str, str, float, list[Evidence]]]:
    """(area id, label, score, evidence) for each area whose patterns match the sentences.

    Matches inside `exclude` spans (names of organisations, people's titles: "Minister of
    Health") say nothing about the agreement and are skipped, and so are capitalised words of
    names the model did not tag ("Joint Chamber of Commerce"). The score grows with the
    number of distinct matches: 1 - 0.5 ** matches.
    """
    results = []
    for area in rules.programme_areas:
        evidence: list[Evidence] = []
        for start, end in sorted(set(sentences)):
            sentence = text[start:end]
            for rule in area.rules:
                for match in rule.regex.finditer(sentence):
                    if _in_proper_name(sentence, match.start(), match.end(), rules.words):
                        continue
                    ref = Evidence(start + match.start(), start + match.end(), match.group(0), rule.id)
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


def _role_span(text: str, start: int, end: int, portfolios: re.Pattern) -> tuple[int, int]:
    """A title with the portfolios that go on after it ("Minister of the Environment, Water and
    Ecological Transition") or follow it in parentheses ("Deputy Vice-Chancellor (Research and
    Innovation)"): they name the office, not what the agreement covers."""
    listed = portfolios.match(text, end)
    end = listed.end() if listed else end
    bracketed = _PARENTHESIS.match(text, end)
    return start, bracketed.end() if bracketed else end


class AreaClassifier:
    """Programme areas of each agreement, from the sentences that describe it."""

    NAME_LABELS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT")
    DESCRIBED_LABELS = ("GPE", "LOC", "ORG", "FAC", "PERSON")

    def __init__(self, models_dir: str, min_score: float):
        self.rules = load_rules(models_dir)
        self.min_score = min_score

    def _about_the_agreement(self, finding: AgreementFinding, text: str) -> list[tuple[int, int]]:
        """The finding's description without the sentences that tell the talks around it
        ("The leaders also discussed climate change"), unless they tell the signing."""
        talks = self.rules.patterns["talks_sentence"]
        signing = {(e.sentence.start_char, e.sentence.end_char) for e in finding.events}
        return [(s, e) for s, e in finding.description if (s, e) in signing or not talks.search(text[s:e])]

    def _appositives(self, doc: Doc, text: str) -> list[tuple[int, int]]:
        """Descriptions set after names ("Hamburg, Germany's largest port, ...")."""
        appositive = self.rules.patterns["name_appositive"]
        found = (appositive.match(text, e.end_char) for e in doc_ents(doc) if e.label_ in self.DESCRIBED_LABELS)
        return [(m.start(), m.end()) for m in found if m]

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        names = [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ in self.NAME_LABELS]
        text = doc_text(doc)
        portfolios = self.rules.patterns["portfolio_list"]
        roles = [
            _role_span(text, p.role.start, p.role.end, portfolios) for p in doc._.ag_people or () if p.role is not None
        ]
        appositives = self._appositives(doc, text)
        for finding in doc._.ag_agreements or ():
            finding.areas = classify_areas(
                text, self._about_the_agreement(finding, text), self.rules, self.min_score, names + roles + appositives
            )
        return doc


@Language.factory(
    "ag_areas", assigns=["doc._.ag_agreements"], requires=["doc._.ag_agreements", "doc._.ag_people", "doc.ents"]
)
def make_area_classifier(nlp: Language, name: str, models_dir: str, min_score: float) -> AreaClassifier:
    return AreaClassifier(models_dir, min_score)
