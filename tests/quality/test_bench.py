"""The bench corpus: real shared articles, repeated with distinct ids and distinct texts."""

from __future__ import annotations

import json

import pytest

from pipeline.build import build_pipeline
from pipeline.quality.bench import _DocumentClock, _fastest, _measure_components, build_corpus, format_bench, run_bench


def test_corpus_repeats_the_shared_articles_with_distinct_ids_and_texts(shared_dir, tmp_path):
    path = tmp_path / "corpus.jsonl"
    info = build_corpus(shared_dir, 400, path)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert info["documents"] == len(rows) == 400
    assert info["distinct_articles"] < 400  # so some articles are repeated
    assert len({r["id"] for r in rows}) == 400
    assert len({r["text"] for r in rows}) == 400
    assert info["words"] == sum(len(r["text"].split()) for r in rows)


def test_a_corpus_built_with_a_period_is_the_smaller_corpus_repeated(shared_dir, tmp_path):
    small, large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"
    small_info = build_corpus(shared_dir, 500, small, period=500)
    large_info = build_corpus(shared_dir, 1500, large, period=500)

    def article_lines(path):  # each text without its last line, the copy number
        return [json.loads(line)["text"].rsplit("\n", 1)[0] for line in path.read_text(encoding="utf-8").splitlines()]

    assert small_info["distinct_articles"] < 500  # without the period, documents 500-999 would not repeat 0-499
    assert article_lines(large) == article_lines(small) * 3
    assert large_info["words"] == 3 * small_info["words"]
    assert len({json.loads(line)["text"] for line in large.read_text(encoding="utf-8").splitlines()}) == 1500


def test_format_shows_every_run_and_ratio():
    run = {"seconds": 2.0, "words_per_s": 100.0, "docs_per_s": 5.0, "peak_rss_mib": 400.0}
    report = {
        "corpus": {"documents": 10, "words": 200, "distinct_articles": 10},
        "components": {
            "run": ["tok2vec", "ner"],
            "model_has": ["tok2vec", "ner", "senter"],
            "not_run": ["senter"],
            "seconds": {"tok2vec": 3.0, "ner": 1.0},
        },
        "runs": {"raw_needed_components": run, "extract_1_worker": dict(run, seconds=2.5)},
        "ratios": {"extract_vs_raw_throughput": 0.8},
        "same_output_1_vs_n_workers": True,
    }
    text = format_bench(report)
    assert "not run: senter" in text
    assert "extract_1_worker" in text and "2.5" in text
    assert "extract_vs_raw_throughput                0.8" in text
    assert "tok2vec                                 3.0     75.0%" in text


@pytest.mark.model
def test_component_costs_cover_every_component_of_the_pipeline(shared_dir, tmp_path):
    path = tmp_path / "corpus.jsonl"
    build_corpus(shared_dir, 6, path)
    seconds = _measure_components(str(path), batch_size=4)
    assert list(seconds) == list(build_pipeline().pipe_names)
    assert all(value >= 0 for value in seconds.values()) and seconds["parser"] > 0


def test_the_fastest_run_is_compared_with_the_highest_peak():
    runs = [{"seconds": 12.0, "peak_rss_mib": 500.0}, {"seconds": 10.0, "peak_rss_mib": 480.0}]
    best = _fastest(runs)
    assert best["seconds"] == 10.0 and best["peak_rss_mib"] == 500.0 and best["all_seconds"] == [12.0, 10.0]


def test_format_lists_every_run_of_a_repeated_measurement():
    def run(seconds, all_seconds):
        return {
            "seconds": seconds,
            "words_per_s": 1.0,
            "docs_per_s": 1.0,
            "peak_rss_mib": 1.0,
            "all_seconds": all_seconds,
        }

    report = {
        "corpus": {"documents": 10, "words": 200, "distinct_articles": 10},
        "components": {"run": ["ner"], "model_has": ["ner"], "not_run": [], "seconds": {"ner": 1.0}},
        "runs": {
            "raw_needed_components": run(9.0, [9.5, 9.0]),
            "extract_1_worker": run(10.0, [10.0, 11.0]),
            "extract_2_workers": run(6.0, [6.0]),
        },
        "ratios": {"extract_vs_raw_throughput": 0.9},
        "same_output_1_vs_n_workers": True,
    }
    assert (
        "(fastest of 2 runs, seconds of each: raw_needed_components 9.5, 9.0; extract_1_worker 10.0, 11.0)"
        in format_bench(report)
    )


def test_format_shows_the_segments_of_the_large_run_and_the_runs_it_is_compared_with():
    run = {"seconds": 10.0, "words_per_s": 1.0, "docs_per_s": 1.0, "peak_rss_mib": 1.0, "all_seconds": [10.0]}
    report = {
        "corpus": {"documents": 10, "words": 200, "distinct_articles": 10},
        "components": {"run": ["ner"], "model_has": ["ner"], "not_run": [], "seconds": {"ner": 1.0}},
        "runs": {
            "extract_1_worker": run,
            "extract_1_worker_20_docs": dict(run, seconds=21.0, segment_seconds=[10.4, 10.6]),
        },
        "ratios": {"time_20_vs_10_docs": 2.0},
        "linearity": {
            "segment_documents": 10,
            "small_runs_around": [10.0, 11.0],
            "large_corpus": {"documents": 20, "words": 4000, "distinct_articles": 10},
        },
        "same_output_1_vs_n_workers": True,
    }
    text = format_bench(report)
    assert "(the large corpus: 20 documents, 4,000 words, the small one's articles repeated in the same order)" in text
    assert "(extract_1_worker_20_docs, seconds for each 10 documents: 10.4, 10.6)" in text
    assert "before and after it: 10.0, 11.0 s, mean 10.50)" in text


def test_the_document_clock_splits_the_processing_time_into_segments():
    clock = _DocumentClock(2)
    for _ in range(5):
        clock(None)
    started = clock.stamps[0] - 1.0  # as if processing began a second before the 2nd document
    seconds = clock.segment_seconds(process_seconds=clock.last - started)
    assert len(seconds) == 2  # the 5th document does not complete a segment
    assert seconds[0] == round(clock.stamps[0] - started, 2) and seconds[1] == round(
        clock.stamps[1] - clock.stamps[0], 2
    )


@pytest.mark.model
def test_a_small_bench_measures_every_run_and_ratio(shared_dir):
    report = run_bench(shared_dir, sizes=(3, 6), workers=2, batch_size=2, repeats=2)
    runs, ratios = report["runs"], report["ratios"]
    assert set(runs) == {
        "raw_needed_components",
        "raw_all_components",
        "extract_1_worker",
        "extract_2_workers",
        "extract_1_worker_6_docs",
    }
    for name in ("raw_needed_components", "extract_1_worker", "extract_2_workers"):
        assert len(runs[name]["all_seconds"]) == 2 and runs[name]["seconds"] == min(runs[name]["all_seconds"])
    assert ratios["extract_vs_raw_throughput"] == round(
        runs["raw_needed_components"]["seconds"] / runs["extract_1_worker"]["seconds"], 3
    )
    assert ratios["2_workers_vs_1"] == round(
        runs["extract_1_worker"]["seconds"] / runs["extract_2_workers"]["seconds"], 3
    )
    around = report["linearity"]["small_runs_around"]
    assert around[0] == runs["extract_1_worker"]["all_seconds"][-1]  # the run just before the large one
    assert ratios["time_6_vs_3_docs"] == round(runs["extract_1_worker_6_docs"]["seconds"] / (sum(around) / 2), 3)
    assert len(runs["extract_1_worker_6_docs"]["segment_seconds"]) == 2
    assert sum(runs["extract_1_worker_6_docs"]["segment_seconds"]) == pytest.approx(
        runs["extract_1_worker_6_docs"]["seconds"], abs=0.05
    )
    assert report["same_output_1_vs_n_workers"] is True
    assert all(run["peak_rss_mib"] > 0 for run in runs.values())
