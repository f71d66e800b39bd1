"""`agreements bench`: what the pipeline costs on top of the statistical model, measured side by side.

Every measurement runs in a fresh process (so its peak RSS is its own) over the same corpus,
built from the real articles in ../shared (devset, Wikinews, seeds) repeated to the sizes
asked for, each copy with its own id and a last line that makes its text distinct (the
pipeline would otherwise process a repeated text once, as a duplicate). The large corpus is
the small one's sequence of articles repeated, so both have the same mix of documents.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.inputs.articles import Article

# Model components our stages read: POS and tags (tagger, attribute_ruler), lemmas
# (lemmatizer), dependencies (parser), entities (ner), and the shared tok2vec.


def build_corpus(shared_dir: Path, n_docs: int, path: Path, *, period: int | None = None) -> dict[str, int]:
    """Write `n_docs` articles as JSONL to `path`, cycling through the shared articles.

    With `period`, document n is made from the same article as document n % period, so a
    corpus of k * period documents is k copies of the corpus of `period` documents: the same
    words per document, which a comparison of their times needs."""
    from pipeline.inputs.readers import iter_inputs

    sources = [shared_dir / "devset" / "articles.jsonl", shared_dir / "wikinews", shared_dir / "seeds"]
    missing = [str(s) for s in sources if not s.exists()]
    if missing:
        raise InputError(f"bench corpus sources not found: {', '.join(missing)} (give --shared DIR)")
    articles = [a for a in iter_inputs(sources) if isinstance(a, Article)]
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for n in range(n_docs):
            article = articles[(n % (period or n_docs)) % len(articles)]
            text = f"{article.text}\n\n(Bench copy {n + 1}.)"
            words += len(text.split())
            fh.write(json.dumps({"id": f"bench-{n:06d}", "text": text, "published": article.published}) + "\n")
    return {"documents": n_docs, "words": words, "distinct_articles": len(articles)}


def _peak_rss_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # Linux reports KiB


def _measure_raw(corpus: str, batch_size: int, all_components: bool) -> dict[str, Any]:
    """Raw nlp.pipe over the corpus texts with the model's components only (no ag_* stage)."""
    import spacy

    from pipeline.build import build_pipeline, resolve_model_name
    from pipeline.config import load_config

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    if all_components:
        nlp = spacy.load(resolve_model_name(load_config()))
        for name in nlp.disabled:
            nlp.enable_pipe(name)
        components = list(nlp.pipe_names)
    else:
        nlp = build_pipeline()
        stages = set(nlp.meta["ag_stages"])
        components = [name for name in nlp.pipe_names if name not in stages]
        nlp.select_pipes(enable=components)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - started
    return {"components": components, "seconds": round(seconds, 2), "peak_rss_mib": _peak_rss_mib()}


def _measure_components(corpus: str, batch_size: int) -> dict[str, float]:
    """Seconds spent in each component of the pipeline (model and stages), run one after the
    other over batches of the corpus's articles; articles longer than `nlp.chunk_chars` are
    left out here (they go through the model in pieces)."""
    from pipeline.build import build_pipeline
    from pipeline.config import load_config
    from pipeline.runtime.processing import Batching
    from pipeline.stages.doc_cache import release

    config = load_config()
    nlp = build_pipeline(config)
    chunk_chars = Batching.from_config(config).chunk_chars
    articles = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    articles = [a for a in articles if len(a["text"]) <= chunk_chars]
    seconds = dict.fromkeys(nlp.pipe_names, 0.0)
    for start in range(0, len(articles), batch_size):
        docs = []
        for article in articles[start : start + batch_size]:
            doc = nlp.make_doc(article["text"])
            doc._.ag_published = article["published"]
            docs.append(doc)
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(doc) for doc in docs]
            seconds[name] += time.perf_counter() - started
        for doc in docs:
            release(doc)
    return {name: round(value, 2) for name, value in seconds.items()}


class _DocumentClock:
    """Called after each document: keeps the time of every `segment`-th one and of the last."""

    def __init__(self, segment: int):
        self.segment = segment
        self.documents = 0
        self.stamps: list[float] = []
        self.last = 0.0

    def __call__(self, result: Any) -> None:
        self.last = time.perf_counter()
        self.documents += 1
        if self.segment and self.documents % self.segment == 0:
            self.stamps.append(self.last)

    def segment_seconds(self, process_seconds: float) -> list[float]:
        """Seconds each full segment took; extract's processing ended right after the last document."""
        started = self.last - process_seconds
        return [round(end - start, 2) for start, end in zip([started, *self.stamps], self.stamps)]


def _measure_extract(corpus: str, out_dir: str, workers: int, segment: int = 0) -> dict[str, Any]:
    """One `extract` run; with `segment`, also the seconds each `segment` documents took, in
    input order (flat segments mean the cost per document does not grow during the run)."""
    from pipeline.runtime.run import extract

    clock = _DocumentClock(segment)
    manifest = extract([corpus], out_dir, workers=workers, on_document=clock)
    measured = {
        "components": manifest["run"]["spacy_components"],
        "seconds": manifest["timings"]["process_s"],
        "peak_rss_mib": _peak_rss_mib(),
        "counts": manifest["counts"],
    }
    if segment:
        measured["segment_seconds"] = clock.segment_seconds(manifest["timings"]["process_s"])
    return measured


def _in_fresh_process(function: Any, *args: Any) -> dict[str, Any]:
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(function, *args).result()


def _fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of repeated runs (as timeit does: slower runs measure the machine's noise),
    with the highest peak RSS any of them reached and every run's seconds."""
    best = min(runs, key=lambda run: run["seconds"])
    return {
        **best,
        "peak_rss_mib": max(run["peak_rss_mib"] for run in runs),
        "all_seconds": [run["seconds"] for run in runs],
    }


def run_bench(
    shared_dir: Path,
    *,
    sizes: tuple[int, int] = (1000, 10000),
    workers: int = 2,
    batch_size: int = 16,
    repeats: int = 3,
    log: Any = None,
) -> dict[str, Any]:
    """Measure raw model throughput, extract with 1 and `workers` processes, memory and linearity.

    The machine's speed drifts over minutes, so runs that are compared are made close in time:
    raw `nlp.pipe`, `extract` with `workers` and with 1 worker run `repeats` times each, in
    turn, and the fastest run of each is compared (as timeit does); the large run is compared
    with the mean of the 1-worker small runs made just before and just after it."""
    say = log or (lambda message: None)
    small, large = sizes
    work = Path(tempfile.mkdtemp(prefix="agreements-bench-"))
    try:
        corpora = {size: work / f"corpus-{size}.jsonl" for size in sizes}
        info = {size: build_corpus(shared_dir, size, corpora[size], period=small) for size in sizes}
        report: dict[str, Any] = {"corpus": info[small], "sizes": list(sizes), "workers": workers, "repeats": repeats}
        say(f"raw nlp.pipe, every component of the model, {small} documents")
        raw_all = _in_fresh_process(_measure_raw, str(corpora[small]), batch_size, True)
        say(f"each component alone, {small} documents")
        components = _in_fresh_process(_measure_components, str(corpora[small]), batch_size)
        raw_runs, many_runs, one_runs = [], [], []
        for n in range(1, repeats + 1):
            say(f"raw nlp.pipe, the components the stages need, {small} documents (run {n} of {repeats})")
            raw_runs.append(_in_fresh_process(_measure_raw, str(corpora[small]), batch_size, False))
            say(f"extract, {workers} workers, {small} documents (run {n} of {repeats})")
            many_runs.append(
                _in_fresh_process(_measure_extract, str(corpora[small]), str(work / f"out-{workers}-{n}"), workers)
            )
            say(f"extract, 1 worker, {small} documents (run {n} of {repeats})")
            one_runs.append(_in_fresh_process(_measure_extract, str(corpora[small]), str(work / f"out-1-{n}"), 1))
        say(f"extract, 1 worker, {large} documents")
        big = _in_fresh_process(_measure_extract, str(corpora[large]), str(work / "out-large"), 1, small)
        say(f"extract, 1 worker, {small} documents (after the large run)")
        after = _in_fresh_process(_measure_extract, str(corpora[small]), str(work / "out-1-after"), 1)
        raw, many, one = _fastest(raw_runs), _fastest(many_runs), _fastest(one_runs)
        around = [one_runs[-1]["seconds"], after["seconds"]]

        words, docs = info[small]["words"], info[small]["documents"]

        def rates(run: dict[str, Any], n_words: int, n_docs: int) -> dict[str, Any]:
            return {
                "seconds": run["seconds"],
                "words_per_s": round(n_words / run["seconds"], 1),
                "docs_per_s": round(n_docs / run["seconds"], 2),
                "peak_rss_mib": run["peak_rss_mib"],
                "all_seconds": run.get("all_seconds", [run["seconds"]]),
                **({"segment_seconds": run["segment_seconds"]} if "segment_seconds" in run else {}),
            }

        report["runs"] = {
            "raw_needed_components": rates(raw, words, docs),
            "raw_all_components": rates(raw_all, words, docs),
            "extract_1_worker": rates(one, words, docs),
            f"extract_{workers}_workers": rates(many, words, docs),
            f"extract_1_worker_{large}_docs": rates(big, info[large]["words"], large),
        }
        report["components"] = {
            "run": raw["components"],
            "model_has": raw_all["components"],
            "not_run": [c for c in raw_all["components"] if c not in raw["components"]],
            "seconds": components,
        }
        report["ratios"] = {
            "extract_vs_raw_throughput": round(raw["seconds"] / one["seconds"], 3),
            "disabling_unneeded_components_speedup": round(raw_all["seconds"] / raw["seconds"], 3),
            f"{workers}_workers_vs_1": round(one["seconds"] / many["seconds"], 3),
            f"time_{large}_vs_{small}_docs": round(big["seconds"] / (sum(around) / len(around)), 3),
            f"peak_rss_{large}_vs_{small}_docs": round(big["peak_rss_mib"] / one["peak_rss_mib"], 3),
        }
        report["linearity"] = {"segment_documents": small, "small_runs_around": around, "large_corpus": info[large]}
        report["same_output_1_vs_n_workers"] = (work / "out-1-1" / "records.jsonl").read_bytes() == (
            work / f"out-{workers}-1" / "records.jsonl"
        ).read_bytes()
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


def format_bench(report: dict[str, Any]) -> str:
    """The report as a plain-text table and the ratios, for the terminal."""
    lines = [
        f"corpus: {report['corpus']['documents']} documents, {report['corpus']['words']:,} words "
        f"(from {report['corpus']['distinct_articles']} distinct articles)",
        f"components run: {', '.join(report['components']['run'])}; "
        f"not run: {', '.join(report['components']['not_run']) or 'none'}",
        "",
        f"{'run':34} {'seconds':>8} {'words/s':>9} {'docs/s':>7} {'peak RSS MiB':>13}",
    ]
    for name, run in report["runs"].items():
        lines.append(
            f"{name:34} {run['seconds']:>8} {run['words_per_s']:>9} {run['docs_per_s']:>7} {run['peak_rss_mib']:>13}"
        )
    repeated = {name: run["all_seconds"] for name, run in report["runs"].items() if len(run.get("all_seconds", ())) > 1}
    if repeated:
        runs = "; ".join(f"{name} {', '.join(map(str, seconds))}" for name, seconds in repeated.items())
        lines.append(f"(fastest of {len(next(iter(repeated.values())))} runs, seconds of each: {runs})")
    for name, run in report["runs"].items():
        if run.get("segment_seconds"):
            size = report["linearity"]["segment_documents"]
            lines.append(f"({name}, seconds for each {size} documents: {', '.join(map(str, run['segment_seconds']))})")
    if "linearity" in report:
        around = report["linearity"]["small_runs_around"]
        if "large_corpus" in report["linearity"]:
            large = report["linearity"]["large_corpus"]
            lines.append(
                f"(the large corpus: {large['documents']} documents, {large['words']:,} words, "
                f"the small one's articles repeated in the same order)"
            )
        lines.append(
            f"(the large run is compared with the 1-worker runs just before and after it: "
            f"{', '.join(map(str, around))} s, mean {sum(around) / len(around):.2f})"
        )
    lines += ["", f"{'component (short articles only)':34} {'seconds':>8} {'share':>9}"]
    spent = report["components"]["seconds"]
    for name, seconds in spent.items():
        lines.append(f"{name:34} {seconds:>8} {seconds / sum(spent.values()):>9.1%}")
    lines.append("")
    for name, value in report["ratios"].items():
        lines.append(f"{name:40} {value}")
    lines.append(f"{'same_output_1_vs_n_workers':40} {report['same_output_1_vs_n_workers']}")
    return "\n".join(lines)
