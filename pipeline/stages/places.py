"""Places stage: resolve every place mention to a country (and GeoNames id) and group the
mentions that name the same place, so "Republic of Ghana" and "Ghana" become one place."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.resources.gazetteer import Gazetteer, load_gazetteer
from pipeline.resources.loader import RuleSet, load_rules
from pipeline.stages.doc_cache import doc_text, index_sentences
from pipeline.text.names import fold, strip_leading_article

_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z]{2,4}$")


@dataclass
class PlaceMention:
    start: int
    end: int
    text: str
    label: str
    name: str | None = None  # the place's canonical short name in this document
    kind: str | None = None  # country, city, region
    country: str | None = None
    geonames_id: int | None = None
    rule: str = "gazetteer.lookup"
    canonical: str | None = None  # the gazetteer's spelling
    aliases: list[str] = field(default_factory=list)


def core_name(text: str, rules: RuleSet) -> str:
    """'the County Government of Mombasa' -> 'Mombasa'; 'Mombasa County' -> 'Mombasa' (the
    words around a name that do not change which place it is: lexicon place_generic_*)."""
    text = strip_leading_article(text.strip())
    text = re.sub(r"['’]s?$", "", text)
    text = re.sub(r",\s*[\w.]+(?:\s+[\w.]+){0,2}$", "", text)  # "Washington, DC", "Mombasa, Kenya"
    prefix, suffix = rules.patterns["place_generic_prefix"], rules.patterns["place_generic_suffix"]
    stripped = suffix.sub("", prefix.sub("", text))
    return stripped or text


def lookup_place(gazetteer: Gazetteer, text: str, context_countries: list[str], rules: RuleSet):
    """Gazetteer match for a mention as written, else for its core name."""
    for candidate in dict.fromkeys((strip_leading_article(text), core_name(text, rules))):
        match = gazetteer.lookup(candidate, context_countries=context_countries)
        if match is not None:
            return match, "gazetteer.lookup" if candidate == strip_leading_article(text) else "gazetteer.core_name"
    return None, None


def resolve_places(doc: Doc, gazetteer: Gazetteer, rules: RuleSet) -> list[PlaceMention]:
    """Resolve GPE/LOC/FAC mentions, choosing between namesakes by the countries the article names."""
    ents = [e for e in doc.ents if e.label_ in ("GPE", "LOC")]
    context: list[str] = []
    for ent in doc.ents:
        text = strip_leading_article(ent.text)
        if ent.label_ in ("GPE", "LOC"):
            code = gazetteer.country_code(text)
        elif ent.label_ == "NORP":
            code = gazetteer.country_of_demonym(text)  # "the Dutch province of ..." is in NL
        else:
            code = None
        if code and code not in context:
            context.append(code)
    mentions = []
    for n, ent in enumerate(ents):
        local = list(context)
        # "Mombasa, Kenya": the country right after a city decides first.
        if (
            n + 1 < len(ents)
            and ents[n + 1].start_char - ent.end_char <= 2
            and doc_text(doc)[ent.end_char : ents[n + 1].start_char].strip() == ","
        ):
            code = gazetteer.country_code(ents[n + 1].text)
            if code:
                local.insert(0, code)
        match, rule = lookup_place(gazetteer, ent.text, local, rules)
        mention = PlaceMention(ent.start_char, ent.end_char, ent.text, ent.label_, rule=rule or "gazetteer.none")
        if match is not None:
            mention.kind, mention.country, mention.geonames_id = match.kind, match.country, match.geonames_id
            mention.canonical = match.canonical or match.name
        mentions.append(mention)
    _name_clusters(mentions, gazetteer, rules)
    return mentions


def _name_clusters(mentions: list[PlaceMention], gazetteer: Gazetteer, rules: RuleSet) -> None:
    """Give every mention of one place the same short name and the other forms as aliases."""
    clusters: dict[tuple, list[PlaceMention]] = {}
    for mention in mentions:
        if mention.kind == "country":
            key = ("country", mention.country)
        elif mention.kind is not None:
            key = (mention.kind, mention.geonames_id or fold(core_name(mention.text, rules)))
        else:
            key = ("unknown", fold(core_name(mention.text, rules)))
        clusters.setdefault(key, []).append(mention)
    for key, group in clusters.items():
        forms = list(dict.fromkeys(strip_leading_article(m.text) for m in group))
        full_forms = [f for f in forms if not _ABBREVIATION.match(f)]
        if key[0] == "country":
            cores = [f for f in full_forms if gazetteer.country_code(f)]
            name = min(cores, key=len) if cores else gazetteer.country_name(key[1])
        else:
            cores = [core_name(f, rules) for f in full_forms] or forms
            written = [c for c in cores if not c.isupper()]
            # "MOMBASA" in a dateline: the name as written elsewhere, else the gazetteer's spelling
            name = min(written, key=len) if written else (group[0].canonical or min(cores, key=len))
        aliases = [f for f in forms if f != name]
        for mention in group:
            mention.name = name
            mention.aliases = aliases


class PlaceResolver:
    """Resolve places to countries and GeoNames ids."""

    def __init__(self, models_dir: str):
        self.rules = load_rules(models_dir)
        self.gazetteer = load_gazetteer(models_dir)

    def __call__(self, doc: Doc) -> Doc:
        index_sentences(doc)
        doc._.ag_places = resolve_places(doc, self.gazetteer, self.rules)
        return doc


@Language.factory("ag_places", assigns=["doc._.ag_places"], requires=["doc.ents"])
def make_place_resolver(nlp: Language, name: str, models_dir: str) -> PlaceResolver:
    return PlaceResolver(models_dir)
