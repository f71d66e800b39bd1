"""What the agreements stage finds: mentions, events, parties, signatories and agreements,
and the context the stage's parts share while reading one document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from pipeline.dataset.records import Evidence
from pipeline.resources.gazetteer import Gazetteer
from pipeline.resources.loader import RuleSet
from pipeline.stages.dates import ResolvedDate
from pipeline.stages.people import Person, person_at
from pipeline.stages.places import PlaceMention
from pipeline.text.names import fold


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    type: str
    rule: str
    generic: bool


@dataclass
class Event:
    sentence: Span
    mention: Mention | None
    status: str
    cue: Evidence
    cue_token: Token
    reference: bool = False  # "the contracts they signed": names an existing instrument
    listed: bool = False  # an item of a list of the instruments signed ("Among them: - ...")


@dataclass
class PartyFinding:
    name: str
    kind: str | None
    country: str | None
    geonames_id: int | None
    aliases: list[str]
    evidence: list[Evidence]

    @property
    def key(self) -> str:
        return fold(self.name)

    def loose_keys(self, loose_words: frozenset[str]) -> set[str]:
        """Names without `loose_words` (of/for/the/and): 'Organization for American States' = '... of ...'."""
        return {" ".join(w for w in fold(n).split() if w not in loose_words) for n in [self.name, *self.aliases]}


@dataclass
class SignatoryFinding:
    person: Person
    party: str | None
    evidence: list[Evidence]
    party_evidence: Evidence | None = None


@dataclass
class AgreementFinding:
    type: str
    status: str
    label: str
    mentions: list[Mention]
    status_evidence: Evidence
    events: list[Event] = field(default_factory=list)
    parties: list[PartyFinding] = field(default_factory=list)
    signatories: list[SignatoryFinding] = field(default_factory=list)
    date: tuple[ResolvedDate, Evidence] | None = None
    place: tuple[PlaceMention, Evidence] | None = None
    description: list[tuple[int, int]] = field(default_factory=list)  # sentences for programme areas
    areas: list[tuple[str, str, float, list[Evidence]]] = field(default_factory=list)
    ordinal: str | None = None  # "second" for "the second MoU": one instrument among several


@dataclass(frozen=True)
class Decision:
    """One line of the explain log: what was considered and why it was kept or dropped."""

    stage: str
    text: str
    kept: bool
    reason: str


@dataclass
class Context:
    doc: Doc
    rules: RuleSet
    gazetteer: Gazetteer
    people: list[Person]
    places: list[PlaceMention]
    published: str | None
    max_age_years: int
    decisions: list[Decision] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every agreement mention in the document
    labels: dict[Mention, str] = field(default_factory=dict)  # each mention's instrument name
    lead_end: int = 0  # where the headline and lead end
    instrument_names: list[tuple[int, int]] = field(default_factory=list)  # spans of every mention's label

    def place_at(self, start: int, end: int) -> PlaceMention | None:
        for place in self.places:
            if place.start < end and start < place.end:
                return place
        return None

    def person_at(self, start: int, end: int) -> Person | None:
        return person_at(self.people, start, end)

    def log(self, stage: str, text: str, kept: bool, reason: str) -> None:
        self.decisions.append(Decision(stage, text, kept, reason))
