"""One loader for every file under `models/`: rule packs, lexicons, the boilerplate list and the
tables of the gazetteer (read by `pipeline.resources.gazetteer` through `read_csv`).

Rule files are data: this module reads them into immutable objects (tuples, frozensets,
mappings that cannot be changed, frozen dataclasses) and never changes them. Every rule
carries an id that the stages copy into the evidence of the values it produced. One hash,
`models_hash`, covers every data file under the folder, so a changed table or rule changes
the `rules_hash` of every record and `--resume` processes the documents again.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.jsonl import read_jsonl
from pipeline.resources.data_dirs import MODELS_DIR

DEFAULT_MODELS_DIR = MODELS_DIR
# Documentation and scripts beside the data are not part of what the stages read.
_NOT_DATA_SUFFIXES = frozenset({".md", ".py", ".pyc"})
BOILERPLATE_SCOPES = ("line", "tail")


@dataclass(frozen=True)
class AgreementTerm:
    id: str
    type: str
    regex: re.Pattern
    generic: bool  # a bare head noun ("agreement", "accords") that needs context to be typed
    needs_trigger_verb: bool


@dataclass(frozen=True)
class StatusCue:
    id: str
    status: str  # signed, renewed, planned, veto
    lemmas: frozenset[str]
    regexes: tuple[re.Pattern, ...]
    types: frozenset[str]  # empty: applies to every agreement type
    unless_lemmas: frozenset[str]
    title_only: bool  # applies only in the headline ("Lagos to sign MoU": headline future)
    dates_another_event: bool  # a date tied to this cue is not the signing's ("enters into force June 25")


@dataclass(frozen=True)
class KindRule:
    id: str
    regex: re.Pattern
    kind: str


@dataclass(frozen=True)
class AreaRule:
    id: str  # area.<area id>.<n>
    area: str
    regex: re.Pattern


@dataclass(frozen=True)
class ProgrammeAreaDef:
    id: str
    label: str
    definition: str
    rules: tuple[AreaRule, ...]


@dataclass(frozen=True)
class BoilerplatePattern:
    """One entry of the boilerplate file: a whole-line regex and its scope ("line" or "tail")."""

    id: str
    regex: re.Pattern[str]
    scope: str


@dataclass(frozen=True)
class RuleSet:
    """Everything under models/ that the stages and the readers read, but the gazetteer."""

    models_dir: Path
    agreement_terms: tuple[AgreementTerm, ...]
    status_cues: tuple[StatusCue, ...]
    role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    honorifics: frozenset[str]
    portfolio_words: frozenset[str]  # words of ministerial portfolios that NER puts inside names
    party_kinds: tuple[KindRule, ...]
    entity_patterns: tuple[dict[str, Any], ...]
    programme_areas: tuple[ProgrammeAreaDef, ...]
    boilerplate: tuple[BoilerplatePattern, ...]
    words: Mapping[str, frozenset[str]]  # the word lists of lexicon.yaml, by name
    patterns: Mapping[str, re.Pattern]  # the phrase patterns of lexicon.yaml, by name
    hash: str

    def area(self, area_id: str) -> ProgrammeAreaDef:
        for area in self.programme_areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


# The lexicon entries the code reads; the loader refuses a lexicon without one of them.
LEXICON_WORDS = (
    "sign_forms", "carrier_lemmas", "relative_words", "enumeration_openers", "another_instrument_words",
    "subject_blockers", "subject_list_words", "party_joiners", "signer_joiners", "national_body_words",
    "org_nouns", "place_nouns", "vague_party_words", "loose_name_words", "not_signing_words", "reporting_verbs",
    "clause_breakers", "referring_determiners", "sign_noun_determiners", "event_nouns", "deadline_words",
    "venue_nouns", "title_connectors", "trailing_verbs", "host_prefixes", "state_prefixes",
    "state_prefix_modifiers", "name_function_words", "place_particles", "party_of_heads", "name_joiners",
    "capitalised_function_words", "name_particles", "leading_lemmas", "venue_heads", "amount_words",
    "announcing_verbs", "line_continuing_words", "document_nouns", "beneficiary_openers",
    "instrument_complements", "public_offices", "delegation_nouns", "signing_occasion_prepositions",
    "publication_nouns",
)  # fmt: skip
LEXICON_PATTERNS = (
    "visit_before_place", "signatory_roster", "party_anaphora", "instrument_count", "list_item",
    "anaphoric_start", "initials", "org_name_words", "place_generic_prefix", "place_generic_suffix",
    "pair_anaphor", "parties_together", "instrument_ordinal", "listing_phrase", "unnamed_town_hall",
    "name_appositive", "other_instruments", "portfolio_list", "talks_sentence"
)  # fmt: skip


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    """The rows of a CSV file with a header, values stripped; blank rows are skipped."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = ({k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle, delimiter=delimiter))
        return [row for row in rows if any(row.values())]


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML ({exc})") from exc


def read_lines(path: Path) -> list[str]:
    """The non-blank lines of a text list, stripped; lines starting with '#' are comments."""
    with open(path, encoding="utf-8") as handle:
        lines = (line.strip() for line in handle)
        return [line for line in lines if line and not line.startswith("#")]


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except (re.error, TypeError) as exc:
        raise ConfigError(f"{where}: invalid regular expression {pattern!r} ({exc})") from exc


def models_dir_of(models_dir: str | Path | None) -> Path:
    """The rule folder a config names (`paths.models`); empty means the project's models/."""
    path = Path(models_dir) if models_dir else DEFAULT_MODELS_DIR
    if not path.is_dir():
        raise ConfigError(f"rule directory {path} does not exist")
    return path


def models_hash(models_dir: Path) -> str:
    """sha256 over the names and bytes of every data file under `models_dir`, tables included."""
    digest = hashlib.sha256()
    for path in sorted(p for p in models_dir.rglob("*") if p.is_file() and p.suffix not in _NOT_DATA_SUFFIXES):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(models_dir)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_terms(path: Path) -> tuple[AgreementTerm, ...]:
    terms = []
    for row in read_jsonl(path, ConfigError):
        flags = 0 if row.get("case_sensitive") else re.IGNORECASE
        terms.append(
            AgreementTerm(
                id=row["id"],
                type=row["type"],
                regex=_compile(row["pattern"], f"{path.name} {row['id']}", flags),
                generic=bool(row.get("generic")),
                needs_trigger_verb=bool(row.get("needs_trigger_verb")),
            )
        )
    return tuple(terms)


def _load_cues(path: Path) -> tuple[StatusCue, ...]:
    data = read_yaml(path) or {}
    cues = []
    for status, entries in data.items():
        for entry in entries or ():
            cues.append(
                StatusCue(
                    id=entry["id"],
                    status=status,
                    lemmas=frozenset(w.lower() for w in entry.get("lemmas", ())),
                    regexes=tuple(_compile(p, f"{path.name} {entry['id']}") for p in entry.get("phrases", ())),
                    types=frozenset(entry.get("types", ())),
                    unless_lemmas=frozenset(entry.get("unless_lemmas", ())),
                    title_only=entry.get("where") == "title",
                    dates_another_event=bool(entry.get("dates_another_event")),
                )
            )
    return tuple(cues)


def _load_areas(path: Path) -> tuple[ProgrammeAreaDef, ...]:
    data = read_yaml(path) or {}
    areas = []
    for entry in data.get("areas", ()):
        rules = tuple(
            AreaRule(id=f"area.{entry['id']}.{n}", area=entry["id"], regex=_compile(p, f"{path.name} {entry['id']}"))
            for n, p in enumerate(entry.get("patterns", ()))
        )
        areas.append(ProgrammeAreaDef(entry["id"], entry["label"], entry.get("definition", ""), rules))
    return tuple(areas)


def _load_boilerplate(path: Path) -> tuple[BoilerplatePattern, ...]:
    entries = read_yaml(path)
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected a list of {{id, pattern, scope}} entries")
    patterns = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"id", "pattern", "scope"} <= entry.keys():
            raise ConfigError(f"{path}: entry {n} needs the keys id, pattern and scope")
        if entry["scope"] not in BOILERPLATE_SCOPES:
            raise ConfigError(
                f"{path}: entry {entry['id']!r} has scope {entry['scope']!r}, not one of {BOILERPLATE_SCOPES}"
            )
        regex = _compile(str(entry["pattern"]), f"{path.name} {entry['id']}")
        patterns.append(BoilerplatePattern(str(entry["id"]), regex, entry["scope"]))
    return tuple(patterns)


def _load_lexicon(path: Path) -> tuple[Mapping[str, frozenset[str]], Mapping[str, re.Pattern]]:
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of named word lists and patterns")
    words: dict[str, frozenset[str]] = {}
    patterns: dict[str, re.Pattern] = {}
    for name, entry in data.items():
        where = f"{path.name} {name}"
        if not isinstance(entry, dict) or "id" not in entry or ("words" in entry) == ("pattern" in entry):
            raise ConfigError(f"{where}: needs an id and either words or a pattern")
        if "words" in entry:
            if not all(isinstance(w, str) for w in entry["words"]):
                raise ConfigError(f"{where}: every word must be a string (quote yes, no, on, off)")
            words[name] = frozenset(entry["words"])
        else:
            flags = 0 if entry.get("case_sensitive") else re.IGNORECASE
            patterns[name] = _compile(entry["pattern"], where, flags)
    missing = sorted(set(LEXICON_WORDS) - set(words)) + sorted(set(LEXICON_PATTERNS) - set(patterns))
    if missing:
        raise ConfigError(f"{path}: lacks the entries {', '.join(missing)}")
    return MappingProxyType(words), MappingProxyType(patterns)


def load_rules(models_dir: str | Path | None = None) -> RuleSet:
    """Read every rule pack under `models_dir` (default: the project's models/; cached per
    directory and content, so an edited rule file is read again by the next pipeline built)."""
    path = models_dir_of(models_dir)
    return _load_rules(path, models_hash(path))


@functools.lru_cache(maxsize=8)
def _load_rules(models_dir: Path, digest: str) -> RuleSet:
    try:
        roles = read_csv(models_dir / "roles.csv")
        kinds = read_csv(models_dir / "party_kinds.csv")
        words, patterns = _load_lexicon(models_dir / "lexicon.yaml")
        return RuleSet(
            models_dir=models_dir,
            agreement_terms=_load_terms(models_dir / "agreement_terms.jsonl"),
            status_cues=_load_cues(models_dir / "status_cues.yaml"),
            role_heads=frozenset(r["word"].lower() for r in roles if r["kind"] == "head"),
            role_modifiers=frozenset(r["word"].lower() for r in roles if r["kind"] == "modifier"),
            honorifics=frozenset(r["word"].lower().strip(".") for r in roles if r["kind"] == "honorific"),
            portfolio_words=frozenset(r["word"].lower() for r in roles if r["kind"] == "portfolio"),
            party_kinds=tuple(
                KindRule(r["id"], _compile(r["pattern"], f"party_kinds.csv {r['id']}"), r["kind"]) for r in kinds
            ),
            entity_patterns=tuple(read_jsonl(models_dir / "entity_patterns.jsonl", ConfigError)),
            programme_areas=_load_areas(models_dir / "programme_areas.yaml"),
            boilerplate=_load_boilerplate(models_dir / "boilerplate.yaml"),
            words=words,
            patterns=patterns,
            hash=digest,
        )
    except FileNotFoundError as exc:
        raise ConfigError(f"rule file missing: {exc.filename}") from exc
    except KeyError as exc:
        raise ConfigError(f"rule file in {models_dir} lacks the field {exc}") from exc
