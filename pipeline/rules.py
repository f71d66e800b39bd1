"""One loader for every rule pack and lexicon under `models/`.

Rule files are data: this module reads them into immutable objects (tuples, frozensets,
frozen dataclasses) and never changes them. Every rule carries an id that the stages copy
into the evidence of the values it produced.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import ConfigError
from pipeline.jsonl import read_jsonl

DEFAULT_MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
RULE_FILE_SUFFIXES = (".jsonl", ".csv", ".yaml", ".yml", ".txt")


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
class RuleSet:
    """Everything under models/ that the stages read."""

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
    hash: str

    def area(self, area_id: str) -> ProgrammeAreaDef:
        for area in self.programme_areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any(v.strip() for v in row.values() if v)]


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML ({exc})") from exc


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid regular expression {pattern!r} ({exc})") from exc


def rules_hash(models_dir: Path) -> str:
    """sha256 over the names and bytes of every rule file, so a changed rule changes the hash."""
    digest = hashlib.sha256()
    for path in sorted(p for p in models_dir.rglob("*") if p.is_file() and p.suffix in RULE_FILE_SUFFIXES):
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
    data = _read_yaml(path) or {}
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
                )
            )
    return tuple(cues)


def _load_areas(path: Path) -> tuple[ProgrammeAreaDef, ...]:
    data = _read_yaml(path) or {}
    areas = []
    for entry in data.get("areas", ()):
        rules = tuple(
            AreaRule(id=f"area.{entry['id']}.{n}", area=entry["id"], regex=_compile(p, f"{path.name} {entry['id']}"))
            for n, p in enumerate(entry.get("patterns", ()))
        )
        areas.append(ProgrammeAreaDef(entry["id"], entry["label"], entry.get("definition", ""), rules))
    return tuple(areas)


def load_rules(models_dir: str | Path = DEFAULT_MODELS_DIR) -> RuleSet:
    """Read every rule pack under `models_dir` (cached per directory and content, so an edited
    rule file is read again by the next pipeline built)."""
    models_dir = Path(models_dir)
    if not models_dir.is_dir():
        raise ConfigError(f"rule directory {models_dir} does not exist")
    return _load_rules(models_dir, rules_hash(models_dir))


@functools.lru_cache(maxsize=8)
def _load_rules(models_dir: Path, digest: str) -> RuleSet:
    try:
        roles = _read_csv(models_dir / "roles.csv")
        kinds = _read_csv(models_dir / "party_kinds.csv")
        return RuleSet(
            models_dir=models_dir,
            agreement_terms=_load_terms(models_dir / "agreement_terms.jsonl"),
            status_cues=_load_cues(models_dir / "status_cues.yaml"),
            role_heads=frozenset(r["word"].lower() for r in roles if r["kind"] == "head"),
            role_modifiers=frozenset(r["word"].lower() for r in roles if r["kind"] == "modifier"),
            honorifics=frozenset(r["word"].lower().strip(".") for r in roles if r["kind"] == "honorific"),
            portfolio_words=frozenset(r["word"].lower() for r in roles if r["kind"] == "portfolio"),
            party_kinds=tuple(KindRule(r["id"], _compile(r["pattern"], f"party_kinds.csv {r['id']}"), r["kind"]) for r in kinds),
            entity_patterns=tuple(read_jsonl(models_dir / "entity_patterns.jsonl", ConfigError)),
            programme_areas=_load_areas(models_dir / "programme_areas.yaml"),
            hash=digest,
        )
    except FileNotFoundError as exc:
        raise ConfigError(f"rule file missing: {exc.filename}") from exc
    except KeyError as exc:
        raise ConfigError(f"rule file in {models_dir} lacks the field {exc}") from exc
