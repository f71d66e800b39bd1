"""Score a pipeline dataset against hand-made gold records.

Implements the "Scoring rules" of ../shared/gold-format.md: predicted agreements are matched
one-to-one to gold agreements per article (greedy, by affinity = matching party names + 0.5 if
the type is equal, at least 1), then every field is counted as true/false positives and false
negatives and micro-averaged over all articles; the headline figure is micro P/R/F1 over all
items of all fields together.

Counting conventions (the table of gold-format.md, made explicit):

* agreement: a matched pair is a tp; an unmatched prediction a fp; an unmatched gold a fn.
* type, status: per matched pair, tp if equal, else fp and fn.
* parties, signatories: matched one-to-one inside a matched pair (tp), the rest fp / fn.
* country, role, sig_party (per matched party / signatory) and date, place (per matched
  agreement): an item exists when gold or prediction has a value; tp if they agree, else a fp
  when the prediction has a value and a fn when the gold has one (a wrong value is both).
* areas: programme-area ids, tp for the intersection, fp / fn for the differences.
* Everything an unmatched agreement, party or signatory carries (its type, status, parties,
  countries, signatories, roles, signatory parties, date, place, areas) counts as fp when it
  is predicted and fn when it is gold.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Collection, Iterable, Mapping, Sequence

from pipeline.errors import DatasetError
from pipeline.jsonl import read_jsonl
from pipeline.text.names import fold

FIELDS = (
    "agreement",
    "type",
    "status",
    "parties",
    "country",
    "signatories",
    "role",
    "sig_party",
    "date",
    "place",
    "areas",
)

GENERIC_NAME_WORDS = frozenset(
    "the city of county municipality municipal government council metropolitan town district "
    "province state republic national and".split()
)
ROLE_STOP_WORDS = frozenset({"of", "the", "for", "and"})

# --------------------------------------------------------------------------- names and roles


def strip_generic(folded: str) -> str:
    """A folded name without the generic words (city, county, the, of, ...)."""
    return " ".join(w for w in folded.split() if w not in GENERIC_NAME_WORDS)


def _match_level(predicted: str | None, gold: str | None, gold_aliases: Iterable[str] = ()) -> int:
    """How well one predicted name matches a gold name: 3 folded equal to the gold name, 2 folded
    equal to a gold alias, 1 equal once generic words are removed from both sides, 0 no match.
    The level only orders candidates in one-to-one matching; any level > 0 is a match."""
    pred = fold(predicted)
    if not pred:
        return 0
    gold_forms = [fold(gold)] + [fold(a) for a in gold_aliases]
    if pred == gold_forms[0]:
        return 3
    if pred in gold_forms[1:]:
        return 2
    pred_stripped = strip_generic(pred)
    # A name made only of generic words ("The Government") must not match another such name.
    if pred_stripped and pred_stripped in {strip_generic(g) for g in gold_forms if g}:
        return 1
    return 0


def names_match(predicted: str | None, gold: str | None, gold_aliases: Iterable[str] = ()) -> bool:
    """The gold-format name rule: the folded predicted name equals the gold name or one of its
    aliases, as is or with the generic words removed from both sides."""
    return _match_level(predicted, gold, gold_aliases) > 0


def normalise_role(role: str | None, party_names: Iterable[str] = ()) -> tuple[str, ...]:
    """The role's folded words without the words of the party's names and of/the/for/and."""
    drop = set(ROLE_STOP_WORDS)
    for name in party_names:
        drop.update(fold(name).split())
    return tuple(w for w in fold(role).split() if w not in drop)


def roles_match(predicted: str | None, gold: str | None, party_names: Iterable[str] = ()) -> bool:
    """Roles are equal after normalise_role with the (gold) party's names: "Governor of Mombasa"
    equals "Governor" for party Mombasa."""
    names = list(party_names)
    return normalise_role(predicted, names) == normalise_role(gold, names)


# --------------------------------------------------------------------------- loading


def load_gold(gold_dir: str | Path) -> dict[str, list[dict]]:
    """Gold agreements by article id, from the `<id>.json` files of gold_dir (keyed by `id`)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise DatasetError(f"gold directory not found: {gold_dir}")
    gold: dict[str, list[dict]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DatasetError(f"cannot read gold file {path}: {exc}") from exc
        if not isinstance(data, dict):
            raise DatasetError(f"gold file {path} is not a JSON object")
        article_id = str(data.get("id") or path.stem)
        if article_id in gold:
            raise DatasetError(f"duplicate gold article id {article_id!r} ({path})")
        gold[article_id] = [_gold_shape(a) for a in data.get("agreements") or []]
    return gold


def load_predictions(dataset_dir: str | Path) -> dict[str, list[dict]]:
    """Predicted agreements by document id, converted to the gold shape.

    Records come from records.jsonl (records.parquet if there is no JSONL file); every document
    of documents.csv / documents.parquet is included, with [] when it has no records.
    """
    dataset_dir = Path(dataset_dir)
    if not dataset_dir.is_dir():
        raise DatasetError(f"dataset directory not found: {dataset_dir}")
    predictions: dict[str, list[dict]] = {doc_id: [] for doc_id in _document_ids(dataset_dir)}
    records = _read_records(dataset_dir)
    if records is None and not predictions:
        raise DatasetError(f"{dataset_dir} has neither records.jsonl nor a documents table")
    for record in records or []:
        document = record.get("document")
        doc_id = document.get("id") if isinstance(document, dict) else record.get("document_id")
        if not doc_id:
            raise DatasetError(f"a record in {dataset_dir} has no document id")
        predictions.setdefault(str(doc_id), []).append(prediction_to_gold_shape(record))
    return predictions


def _read_records(dataset_dir: Path) -> list[dict] | None:
    jsonl = dataset_dir / "records.jsonl"
    if jsonl.is_file():
        return read_jsonl(jsonl, DatasetError)
    parquet = dataset_dir / "records.parquet"
    if parquet.is_file():
        import pyarrow.parquet as pq

        return [{k: _maybe_json(v) for k, v in row.items()} for row in pq.read_table(parquet).to_pylist()]
    return None


def _maybe_json(value: Any) -> Any:
    # A parquet writer may store nested fields as JSON text rather than as structs.
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _document_ids(dataset_dir: Path) -> list[str]:
    csv_path = dataset_dir / "documents.csv"
    if csv_path.is_file():
        with csv_path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "id" not in reader.fieldnames:
                raise DatasetError(f"{csv_path} has no `id` column")
            return [row["id"] for row in reader if row["id"]]
    parquet = dataset_dir / "documents.parquet"
    if parquet.is_file():
        import pyarrow.parquet as pq

        table = pq.read_table(parquet, columns=["id"])
        return [str(v) for v in table.column("id").to_pylist() if v]
    return []


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _aliases(value: Any) -> list[str]:
    return [a for a in (_text(v) for v in value or []) if a]


def _gold_shape(agreement: Mapping[str, Any]) -> dict:
    """A gold agreement with missing keys filled and empty strings read as null."""
    return {
        "type": _text(agreement.get("type")),
        "status": _text(agreement.get("status")),
        "parties": [
            {
                "name": _text(p.get("name")),
                "aliases": _aliases(p.get("aliases")),
                "kind": _text(p.get("kind")),
                "country": _text(p.get("country")),
            }
            for p in agreement.get("parties") or []
        ],
        "signatories": [
            {
                "name": _text(s.get("name")),
                "aliases": _aliases(s.get("aliases")),
                "role": _text(s.get("role")),
                "party": _text(s.get("party")),
            }
            for s in agreement.get("signatories") or []
        ],
        "date_signed": _text(agreement.get("date_signed")),
        "place_signed": _text(agreement.get("place_signed")),
        "programme_areas": _aliases(agreement.get("programme_areas")),
    }


def prediction_to_gold_shape(record: Mapping[str, Any]) -> dict:
    """One predicted record (the records.jsonl object) as a gold-shaped agreement."""
    info = record.get("agreement")
    # Accept an already gold-shaped agreement too (no nested "agreement" object).
    base = dict(record)
    if isinstance(info, dict):
        base["type"] = info.get("type")
        base["status"] = info.get("status")
    date = record.get("date_signed")
    base["date_signed"] = date.get("value") if isinstance(date, dict) else date
    place = record.get("place_signed")
    base["place_signed"] = place.get("name") if isinstance(place, dict) else place
    base["programme_areas"] = [a.get("id") if isinstance(a, dict) else a for a in record.get("programme_areas") or []]
    return _gold_shape(base)


# --------------------------------------------------------------------------- report


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field (or of all)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        """tp / (tp + fp); None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """tp / (tp + fn); None when there is nothing in the gold."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2tp / (2tp + fp + fn); None when there are no items at all."""
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Mismatch:
    """One scoring error: kind 'fp' (predicted, not in gold), 'fn' (in gold, not predicted) or
    'wrong' (both present, different: counted as one fp and one fn). `context` says which
    agreement / party / signatory the value belongs to."""

    article: str
    field: str
    kind: str
    gold: Any
    predicted: Any
    context: str = ""


@dataclass
class Report:
    """Per-field counts, their micro total, and the mismatches behind them."""

    fields: dict[str, Counts] = field(default_factory=lambda: {f: Counts() for f in FIELDS})
    articles: int = 0
    unscored_documents: int = 0
    missing_documents: int = 0
    errors: list[Mismatch] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        """All items of all fields together (the headline figure)."""
        return Counts(
            tp=sum(c.tp for c in self.fields.values()),
            fp=sum(c.fp for c in self.fields.values()),
            fn=sum(c.fn for c in self.fields.values()),
        )


class _Scorer:
    """Adds counts and mismatches for one article to a report."""

    def __init__(self, report: Report, article: str):
        self.report = report
        self.article = article

    def tp(self, name: str, n: int = 1) -> None:
        self.report.fields[name].tp += n

    def fp(self, name: str, predicted: Any, context: str, n: int = 1, log: bool = True) -> None:
        self.report.fields[name].fp += n
        if log:
            self._log(name, "fp", None, predicted, context)

    def fn(self, name: str, gold: Any, context: str, n: int = 1, log: bool = True) -> None:
        self.report.fields[name].fn += n
        if log:
            self._log(name, "fn", gold, None, context)

    def compare(self, name: str, gold: Any, predicted: Any, equal: bool, context: str) -> None:
        """One item present in gold or prediction (nothing when both are null)."""
        if gold is None and predicted is None:
            return
        if gold is not None and predicted is not None and equal:
            self.tp(name)
            return
        if predicted is not None:
            self.report.fields[name].fp += 1
        if gold is not None:
            self.report.fields[name].fn += 1
        kind = "wrong" if gold is not None and predicted is not None else ("fp" if predicted is not None else "fn")
        self._log(name, kind, gold, predicted, context)

    def _log(self, name: str, kind: str, gold: Any, predicted: Any, context: str) -> None:
        self.report.errors.append(Mismatch(self.article, name, kind, gold, predicted, context))


def _greedy(scores: Mapping[tuple[int, int], float], minimum: float) -> list[tuple[int, int]]:
    """One-to-one pairs, taking the highest score first; ties go to the earliest prediction,
    then the earliest gold item, so the result does not depend on dict order."""
    pairs = sorted(((s, i, j) for (i, j), s in scores.items() if s >= minimum), key=lambda t: (-t[0], t[1], t[2]))
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_pred and j not in used_gold:
            used_pred.add(i)
            used_gold.add(j)
            matched.append((i, j))
    return sorted(matched, key=lambda p: p[1])


def match_parties(predicted: Sequence[Mapping], gold: Sequence[Mapping]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs of parties whose names match. Only the
    predicted name is compared (to the gold name and aliases), as gold-format.md says."""
    scores = {}
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            level = _match_level(p.get("name"), g.get("name"), g.get("aliases") or ())
            if level:
                scores[(i, j)] = level
    return _greedy(scores, 1)


def match_signatories(predicted: Sequence[Mapping], gold: Sequence[Mapping]) -> list[tuple[int, int]]:
    """One-to-one (predicted index, gold index) pairs of signatories whose names match.

    Besides the gold-format rule (predicted name vs gold name or aliases), a predicted alias
    matching the gold name or a gold alias also counts: the pipeline and the annotator may
    pick different "fullest" forms ("Jorgen Kristiansen" vs "Jørgen Kristiansen"), and the
    gold side already gets its aliases. Such alias-only matches rank below name matches, so a
    shared surname alias cannot take a signatory away from its exact-name counterpart.
    """
    scores = {}
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            gold_aliases = g.get("aliases") or ()
            level = _match_level(p.get("name"), g.get("name"), gold_aliases)
            if level:
                scores[(i, j)] = level + 1
            elif any(_match_level(a, g.get("name"), gold_aliases) for a in p.get("aliases") or ()):
                scores[(i, j)] = 1
    return _greedy(scores, 1)


def agreement_affinity(predicted: Mapping, gold: Mapping) -> float:
    """Number of one-to-one matching party names, + 0.5 when the types are equal."""
    affinity = float(len(match_parties(predicted["parties"], gold["parties"])))
    if predicted.get("type") is not None and predicted.get("type") == gold.get("type"):
        affinity += 0.5
    return affinity


def match_agreements(predicted: Sequence[Mapping], gold: Sequence[Mapping]) -> list[tuple[int, int]]:
    """Greedy one-to-one (predicted index, gold index) pairs with affinity >= 1."""
    scores = {(i, j): agreement_affinity(p, g) for i, p in enumerate(predicted) for j, g in enumerate(gold)}
    return _greedy(scores, 1.0)


def _summary(agreement: Mapping, label: str) -> str:
    parties = ", ".join(p["name"] or "?" for p in agreement["parties"]) or "no parties"
    return f"{label}: {agreement['type']} ({agreement['status']}) {parties}"


def _party_names(agreement: Mapping, name: str | None) -> list[str]:
    """The party name plus the aliases of the agreement's party of that name."""
    if not name:
        return []
    names = [name]
    for party in agreement["parties"]:
        if party["name"] == name:
            names.extend(party["aliases"])
    return names


def _count_unmatched_agreement(scorer: _Scorer, agreement: Mapping, gold_side: bool, label: str) -> None:
    add = scorer.fn if gold_side else scorer.fp
    summary = _summary(agreement, label)
    add("agreement", summary, "")
    add("type", agreement["type"], summary, log=False)
    add("status", agreement["status"], summary, log=False)
    for party in agreement["parties"]:
        _count_unmatched_party(scorer, party, gold_side, summary, log=False)
    for signatory in agreement["signatories"]:
        _count_unmatched_signatory(scorer, signatory, gold_side, summary, log=False)
    if agreement["date_signed"] is not None:
        add("date", agreement["date_signed"], summary, log=False)
    if agreement["place_signed"] is not None:
        add("place", agreement["place_signed"], summary, log=False)
    areas = set(agreement["programme_areas"])
    if areas:
        add("areas", sorted(areas), summary, n=len(areas), log=False)


def _count_unmatched_party(scorer: _Scorer, party: Mapping, gold_side: bool, context: str, log: bool) -> None:
    add = scorer.fn if gold_side else scorer.fp
    add("parties", party["name"], context, log=log)
    if party["country"] is not None:
        add("country", party["country"], f"{context} / {party['name']}", log=False)


def _count_unmatched_signatory(scorer: _Scorer, signatory: Mapping, gold_side: bool, context: str, log: bool) -> None:
    add = scorer.fn if gold_side else scorer.fp
    add("signatories", signatory["name"], context, log=log)
    if signatory["role"] is not None:
        add("role", signatory["role"], f"{context} / {signatory['name']}", log=False)
    if signatory["party"] is not None:
        add("sig_party", signatory["party"], f"{context} / {signatory['name']}", log=False)


def _score_pair(scorer: _Scorer, pred: Mapping, gold: Mapping, label: str) -> None:
    context = _summary(gold, label)
    scorer.tp("agreement")
    scorer.compare("type", gold["type"], pred["type"], gold["type"] == pred["type"], context)
    scorer.compare("status", gold["status"], pred["status"], gold["status"] == pred["status"], context)

    party_pairs = match_parties(pred["parties"], gold["parties"])
    for i, j in party_pairs:
        p, g = pred["parties"][i], gold["parties"][j]
        scorer.tp("parties")
        p_country = p["country"].upper() if p["country"] else None
        g_country = g["country"].upper() if g["country"] else None
        scorer.compare("country", g_country, p_country, p_country == g_country, f"{context} / {g['name']}")
    matched_pred = {i for i, _ in party_pairs}
    matched_gold = {j for _, j in party_pairs}
    for i, p in enumerate(pred["parties"]):
        if i not in matched_pred:
            _count_unmatched_party(scorer, p, False, context, log=True)
    for j, g in enumerate(gold["parties"]):
        if j not in matched_gold:
            _count_unmatched_party(scorer, g, True, context, log=True)

    sig_pairs = match_signatories(pred["signatories"], gold["signatories"])
    for i, j in sig_pairs:
        p, g = pred["signatories"][i], gold["signatories"][j]
        scorer.tp("signatories")
        where = f"{context} / {g['name']}"
        # Role words naming the party are dropped ("Governor of Mombasa" = "Governor"): the
        # gold party's names when it has one, else the predicted party's.
        role_party = _party_names(gold, g["party"]) or _party_names(pred, p["party"])
        scorer.compare("role", g["role"], p["role"], roles_match(p["role"], g["role"], role_party), where)
        gold_party_names = _party_names(gold, g["party"])
        scorer.compare(
            "sig_party",
            g["party"],
            p["party"],
            bool(gold_party_names) and names_match(p["party"], gold_party_names[0], gold_party_names[1:]),
            where,
        )
    matched_pred = {i for i, _ in sig_pairs}
    matched_gold = {j for _, j in sig_pairs}
    for i, p in enumerate(pred["signatories"]):
        if i not in matched_pred:
            _count_unmatched_signatory(scorer, p, False, context, log=True)
    for j, g in enumerate(gold["signatories"]):
        if j not in matched_gold:
            _count_unmatched_signatory(scorer, g, True, context, log=True)

    scorer.compare(
        "date", gold["date_signed"], pred["date_signed"], gold["date_signed"] == pred["date_signed"], context
    )
    # A signing place named like a party may be written as any of that party's forms.
    place_names = _party_names(gold, gold["place_signed"])
    scorer.compare(
        "place",
        gold["place_signed"],
        pred["place_signed"],
        bool(place_names) and names_match(pred["place_signed"], place_names[0], place_names[1:]),
        context,
    )

    pred_areas, gold_areas = set(pred["programme_areas"]), set(gold["programme_areas"])
    scorer.tp("areas", len(pred_areas & gold_areas))
    for area in sorted(pred_areas - gold_areas):
        scorer.fp("areas", area, context)
    for area in sorted(gold_areas - pred_areas):
        scorer.fn("areas", area, context)


def score_article(report: Report, article: str, predicted: Sequence[Mapping], gold: Sequence[Mapping]) -> None:
    """Add one article's counts and mismatches to report (agreements in the gold shape)."""
    scorer = _Scorer(report, article)
    pairs = match_agreements(predicted, gold)
    for i, j in pairs:
        _score_pair(scorer, predicted[i], gold[j], f"gold #{j + 1} = predicted #{i + 1}")
    matched_pred = {i for i, _ in pairs}
    matched_gold = {j for _, j in pairs}
    for i, agreement in enumerate(predicted):
        if i not in matched_pred:
            _count_unmatched_agreement(scorer, agreement, False, f"predicted #{i + 1}")
    for j, agreement in enumerate(gold):
        if j not in matched_gold:
            _count_unmatched_agreement(scorer, agreement, True, f"gold #{j + 1}")


def split_ids(manifest: str | Path, split: str) -> set[str]:
    """The article ids of one split (`dev`, `test`) of a corpus manifest: a TSV or CSV file with
    the columns `id` and `split` (tests/realnews/manifest.tsv)."""
    path = Path(manifest)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t" if path.suffix == ".tsv" else ","))
    except OSError as exc:
        raise DatasetError(f"cannot read the manifest {path}: {exc}") from exc
    if rows and not {"id", "split"} <= rows[0].keys():
        raise DatasetError(f"the manifest {path} needs the columns id and split")
    ids = {row["id"] for row in rows if row["split"] == split}
    if not ids:
        known = sorted({row["split"] for row in rows})
        raise DatasetError(f"no article of the manifest {path} is in the split {split!r} (splits: {', '.join(known)})")
    return ids


def evaluate(
    gold_dir: str | Path,
    dataset_dir: str | Path,
    *,
    score_all_documents: bool = False,
    only: Collection[str] | None = None,
) -> Report:
    """Score the dataset in dataset_dir against the gold records in gold_dir.

    Only documents with a gold file are scored (a gold article the dataset lacks scores as no
    predictions, and is counted in `missing_documents`); predictions for other documents are
    counted in `unscored_documents`, unless score_all_documents scores them against an empty
    gold (every item a false positive). `only` restricts the gold to those article ids (a split).
    """
    gold = load_gold(gold_dir)
    if only is not None:
        gold = {article_id: agreements for article_id, agreements in gold.items() if article_id in only}
    predictions = _keyed_like_gold(load_predictions(dataset_dir), gold)
    report = Report()
    extra = [doc_id for doc_id in predictions if doc_id not in gold]
    report.missing_documents = sum(1 for doc_id in gold if doc_id not in predictions)
    article_ids = sorted(gold)
    if score_all_documents:
        article_ids = sorted(set(gold) | set(predictions))
    else:
        report.unscored_documents = len(extra)
    for article_id in article_ids:
        score_article(report, article_id, predictions.get(article_id, []), gold.get(article_id, []))
    report.articles = len(article_ids)
    return report


def _keyed_like_gold(predictions: dict[str, list[dict]], gold: Mapping[str, Any]) -> dict[str, list[dict]]:
    """A text file's document id is its relative path ("sub/000_ab.txt"); its gold record is
    named after the file's stem ("000_ab"). Use the stem when only the stem has gold."""
    keyed: dict[str, list[dict]] = {}
    for doc_id, records in predictions.items():
        stem = PurePosixPath(doc_id).stem
        key = doc_id if doc_id in gold or stem not in gold else stem
        keyed.setdefault(key, []).extend(records)
    return keyed


# --------------------------------------------------------------------------- output


def report_to_json(report: Report) -> dict[str, Any]:
    """The report as a JSON-ready dict with stable keys:

    "fields": {field: {"tp", "fp", "fn", "precision", "recall", "f1"}} in FIELDS order (a
    ratio is null when its denominator is 0), "micro": the same over all fields, "articles":
    articles scored, "unscored_documents": predicted documents without gold, "missing_documents":
    gold articles absent from the dataset, "errors": [{"article", "field", "kind", "gold",
    "predicted", "context"}].
    """
    return {
        "fields": {name: report.fields[name].as_dict() for name in FIELDS},
        "micro": report.micro.as_dict(),
        "articles": report.articles,
        "unscored_documents": report.unscored_documents,
        "missing_documents": report.missing_documents,
        "errors": [
            {
                "article": e.article,
                "field": e.field,
                "kind": e.kind,
                "gold": e.gold,
                "predicted": e.predicted,
                "context": e.context,
            }
            for e in report.errors
        ],
    }


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _align(rows: list[list[str]]) -> str:
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def format_table(report: Report) -> str:
    """Plain-text table: field, tp, fp, fn, P, R, F1 per field, then a micro row."""
    rows = [["field", "tp", "fp", "fn", "P", "R", "F1"]]
    for name, counts in [(n, report.fields[n]) for n in FIELDS] + [("micro", report.micro)]:
        rows.append(
            [name, str(counts.tp), str(counts.fp), str(counts.fn)]
            + [_ratio(counts.precision), _ratio(counts.recall), _ratio(counts.f1)]
        )
    return _align(rows)


def _value(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def format_errors(report: Report) -> str:
    """The mismatches as text, grouped by article (in article order)."""
    by_article: dict[str, list[Mismatch]] = {}
    for error in report.errors:
        by_article.setdefault(error.article, []).append(error)
    blocks = []
    for article in sorted(by_article):
        lines = [f"{article}:"]
        for e in by_article[article]:
            if e.kind == "wrong":
                what = f"gold {_value(e.gold)!s} | predicted {_value(e.predicted)}"
            elif e.kind == "fn":
                what = f"missing {_value(e.gold)}"
            else:
                what = f"extra {_value(e.predicted)}"
            where = f"  [{e.context}]" if e.context else ""
            lines.append(f"  {e.kind:<5} {e.field:<11} {what}{where}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _f1_of(report: Mapping[str, Any], name: str) -> float | None:
    section = report.get("micro") if name == "micro" else (report.get("fields") or {}).get(name)
    if not isinstance(section, Mapping):
        return None
    value = section.get("f1")
    return float(value) if isinstance(value, (int, float)) else None


def compare_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """Plain-text table of old F1, new F1 and the signed delta per field, then micro; both
    reports are report_to_json dicts."""
    names = list(FIELDS)
    for report in (old, new):
        names += [n for n in (report.get("fields") or {}) if n not in names]
    rows = [["field", "old F1", "new F1", "delta"]]
    for name in names + ["micro"]:
        before, after = _f1_of(old, name), _f1_of(new, name)
        delta = "-" if before is None or after is None else f"{round(after - before, 9) + 0.0:+.3f}"
        rows.append([name, _ratio(before), _ratio(after), delta])
    return _align(rows)


# --------------------------------------------------------------------------- regression gate

BASELINE_TOLERANCE = 1e-9


def baseline_from_report(report_json: Mapping[str, Any]) -> dict[str, Any]:
    """The F1 figures of a report, as pinned in a baseline file."""
    return {
        "fields": {name: values["f1"] for name, values in report_json["fields"].items()},
        "micro": report_json["micro"]["f1"],
    }


def baseline_regressions(report_json: Mapping[str, Any], baseline: Mapping[str, Any]) -> list[str]:
    """Every field (and the micro average) whose F1 fell below the pinned baseline."""
    current = baseline_from_report(report_json)
    pinned = dict(baseline.get("fields", {}))
    pinned["micro"] = baseline.get("micro")
    now = dict(current["fields"])
    now["micro"] = current["micro"]
    problems = []
    for name, floor in pinned.items():
        if floor is None:
            continue
        value = now.get(name)
        if value is None or value < floor - BASELINE_TOLERANCE:
            shown = "none" if value is None else f"{value:.3f}"
            problems.append(f"{name}: F1 {shown} is below the baseline {floor:.3f}")
    return problems
