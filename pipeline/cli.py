"""The `agreements` command: a thin shell over the library functions.

Data goes to files; progress and messages go to stderr. Exit codes: 0 the run completed
(documents that failed are in the documents table), 1 the run itself failed (or, with
--strict, a document failed or a record was rejected), 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import sys
from pathlib import Path

from pipeline.errors import PipelineError

EXAMPLES = {
    "extract": "example: agreements extract seeds/ more/articles.jsonl --out out/ --published 2017-11-24\n"
    "         agreements extract archive/ --out out/ --workers 2 --resume\n"
    "         agreements extract archive/ --out out/ --engine dask --scheduler tcp://10.0.0.5:8786\n"
    "         agreements extract s3://news/2022/ --out s3://datasets/2022 --workers 2",
    "evaluate": "example: agreements evaluate --gold ../shared/devset/gold out/devset --json report.json --errors\n"
    "         agreements evaluate evaluation/realnews --gold tests/realnews/gold "
    "--manifest tests/realnews/manifest.tsv --split dev",
    "validate": "example: agreements validate out/",
    "report": "example: agreements report out/ --html report.html\n"
    "         agreements report out/devset --html devset.html --page-size 50",
    "bench": "example: agreements bench --shared ../shared --sizes 1000 10000 --workers 2 --json bench.json",
    "explain": "example: agreements explain seeds/000_0505f443712aae99.txt --published 2017-11-24\n"
    "         agreements explain sd-2022-03-10-the-united-states-of-america-and-the-republic-of-the-philippines-sign "
    "--in ../shared/devset/articles.jsonl",
}


def _iso_date(value: str) -> str:
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _parse_overrides(pairs: list[str]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"--set expects KEY=VALUE, got {pair!r}")
        try:
            overrides[key] = json.loads(value)
        except json.JSONDecodeError:
            overrides[key] = value
    return overrides


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="agreements",
        description="Turn news articles into schema-validated agreement records.",
        epilog="Run `agreements COMMAND --help` for each command's options.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ex = sub.add_parser(
        "extract",
        help="run the pipeline over files and folders and write a dataset",
        epilog=EXAMPLES["extract"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ex.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="files (.txt .md .html .json .jsonl .csv) or folders, walked recursively; or fsspec URLs such as s3://bucket/news/",
    )
    ex.add_argument(
        "--out",
        required=True,
        help=(
            "dataset directory to write (replaced atomically), or an fsspec "
            "URL such as s3://bucket/run1 (written locally, then uploaded)"
        ),
    )
    ex.add_argument("--config", type=Path, help="pipeline config file (default: pipeline/pipeline.cfg)")
    ex.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config value, e.g. --set nlp.batch_size=32 (repeatable)",
    )
    ex.add_argument("--metadata", type=Path, help="CSV with columns id or path, published, and optional url, title")
    ex.add_argument(
        "--published", type=_iso_date, metavar="YYYY-MM-DD", help="publication date for documents that give none"
    )
    ex.add_argument(
        "--resume",
        action="store_true",
        help=(
            "reuse the results of an earlier (possibly interrupted) run into the same "
            "--out for documents, pipeline, config and rules that did not change"
        ),
    )
    ex.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        metavar="N",
        help=(
            "run the model in N processes (each loads it once; about "
            "500 MiB each, measured); the output is the same as with 1"
        ),
    )
    ex.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where the model runs: local processes (--workers), or a Dask cluster (default: local)",
    )
    ex.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help=(
            "with --engine dask: the scheduler to connect to, e.g. tcp://10.0.0.5:8786 "
            "(default: start a local cluster of --workers processes)"
        ),
    )
    ex.add_argument(
        "--strict", action="store_true", help="exit with status 1 if any document failed or any record was rejected"
    )
    ex.add_argument(
        "--model-cache",
        type=Path,
        metavar="DIR",
        help="keep the model's annotations of each text in DIR and read them back in later runs, which then run "
        "only the rule stages (for tuning rules: same records, a fraction of the time)",
    )
    ex.add_argument("--quiet", action="store_true", help="print nothing but errors")

    ev = sub.add_parser(
        "evaluate",
        help="score a dataset against gold records",
        epilog=EXAMPLES["evaluate"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ev.add_argument("dataset", type=Path, metavar="DATASET_DIR", help="a dataset written by `agreements extract`")
    ev.add_argument("--gold", required=True, type=Path, metavar="GOLD_DIR", help="directory of gold records <id>.json")
    ev.add_argument("--json", type=Path, metavar="REPORT.json", help="also write the report as JSON")
    ev.add_argument("--errors", action="store_true", help="list every mismatch, grouped by article")
    ev.add_argument(
        "--split",
        metavar="NAME",
        help="score only the gold articles of this split of the --manifest (e.g. dev, test)",
    )
    ev.add_argument(
        "--manifest",
        type=Path,
        metavar="MANIFEST.tsv",
        help="with --split: a TSV or CSV file with the columns id and split (tests/realnews/manifest.tsv)",
    )
    ev.add_argument(
        "--compare", type=Path, metavar="OLD_REPORT.json", help="show per-field F1 changes against an earlier report"
    )
    ev.add_argument(
        "--baseline",
        type=Path,
        metavar="BASELINE.json",
        help="fail (exit 1) if any field's F1 is below this pinned baseline",
    )
    ev.add_argument(
        "--write-baseline", type=Path, metavar="BASELINE.json", help="pin this run's F1 figures as the new baseline"
    )
    ev.add_argument(
        "--allow-lower",
        action="store_true",
        help="with --write-baseline: allow pinning lower figures than the current baseline",
    )

    xp = sub.add_parser(
        "explain",
        help="show, for one article, what each stage found and why each candidate was kept or dropped",
        epilog=EXAMPLES["explain"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    xp.add_argument("target", metavar="FILE_OR_ID", help="an article file, or the id of an article in the --in files")
    xp.add_argument(
        "--in",
        dest="inputs",
        action="append",
        default=[],
        metavar="INPUT",
        help="files or folders to look for the article id in (repeatable)",
    )
    xp.add_argument("--config", type=Path, help="pipeline config file (default: pipeline/pipeline.cfg)")
    xp.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override a config value (repeatable)",
    )
    xp.add_argument(
        "--published", type=_iso_date, metavar="YYYY-MM-DD", help="publication date if the article gives none"
    )

    va = sub.add_parser(
        "validate", help="check a dataset end to end (schema, offsets, links, manifest)", epilog=EXAMPLES["validate"]
    )
    va.add_argument("dataset", type=Path, metavar="DATASET_DIR", help="a dataset written by `agreements extract`")
    rp = sub.add_parser(
        "report",
        help="write one self-contained HTML page to review a dataset: texts with highlighted evidence, filters, paging",
        epilog=EXAMPLES["report"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rp.add_argument("dataset", type=Path, metavar="DATASET_DIR", help="a dataset written by `agreements extract`")
    rp.add_argument(
        "--html",
        required=True,
        type=Path,
        metavar="REPORT.html",
        help="the page to write (opens offline in any browser)",
    )
    rp.add_argument("--page-size", type=_positive_int, default=20, metavar="N", help="documents per page (default: 20)")
    be = sub.add_parser(
        "bench", help="measure throughput, memory and scaling against the raw spaCy model", epilog=EXAMPLES["bench"]
    )
    be.add_argument(
        "--shared",
        type=Path,
        default=Path("../shared"),
        metavar="DIR",
        help="folder with devset/, wikinews/ and seeds/ to build the corpus from (default: ../shared)",
    )
    be.add_argument(
        "--sizes",
        type=_positive_int,
        nargs=2,
        default=[1000, 10000],
        metavar=("SMALL", "LARGE"),
        help="documents in the small and the large corpus (default: 1000 10000)",
    )
    be.add_argument(
        "--workers", type=_positive_int, default=2, metavar="N", help="workers for the parallel run (default: 2)"
    )
    be.add_argument(
        "--repeats",
        type=_positive_int,
        default=3,
        metavar="N",
        help=(
            "runs of raw nlp.pipe, of extract with --workers and of extract with "
            "1 worker, in turn; the fastest of each is compared (default: 3)"
        ),
    )
    be.add_argument("--json", type=Path, metavar="REPORT.json", help="also write the report as JSON")
    return parser


def cmd_bench(args: argparse.Namespace) -> int:
    from pipeline.quality.bench import format_bench, run_bench

    report = run_bench(
        args.shared,
        sizes=tuple(args.sizes),
        workers=args.workers,
        repeats=args.repeats,
        log=lambda m: print(m, file=sys.stderr),
    )
    print(format_bench(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.inputs.readers import count_inputs
    from pipeline.runtime.progress import ExtractProgress, summary_screen
    from pipeline.runtime.run import extract

    progress = None if args.quiet else ExtractProgress(count_inputs(args.inputs))

    def show(result) -> None:
        if progress is None:
            return
        progress(result)
        if result.status.startswith("failed"):
            progress.note(f"{result.path}: {result.status}: {result.reason}")

    try:
        manifest = extract(
            args.inputs,
            args.out,
            config=args.config,
            overrides=_parse_overrides(args.overrides),
            metadata_file=args.metadata,
            published=args.published,
            resume=args.resume,
            workers=args.workers,
            engine=args.engine,
            scheduler=args.scheduler,
            on_document=show,
            model_cache=args.model_cache,
        )
    finally:
        if progress is not None:
            progress.close()
    counts = manifest["counts"]
    if not args.quiet:
        print(summary_screen(manifest, str(args.out)), file=sys.stderr)
    if args.strict:
        failed = sum(n for status, n in counts["by_status"].items() if status.startswith("failed"))
        if failed or counts["rejects"]:
            print(
                f"error: --strict: {failed} document(s) failed and {counts['rejects']} record(s) were rejected; "
                f"see the documents table and rejects.jsonl in {args.out}",
                file=sys.stderr,
            )
            return 1
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from pipeline.quality.evaluate import (
        baseline_from_report,
        baseline_regressions,
        compare_reports,
        evaluate,
        format_errors,
        format_table,
        report_to_json,
        split_ids,
    )

    only = split_ids(args.manifest, args.split) if args.split else None
    report = evaluate(args.gold, args.dataset, only=only)
    print(format_table(report))
    print(
        f"articles scored: {report.articles}; documents without gold: {report.unscored_documents}; "
        f"gold articles missing from the dataset: {report.missing_documents}"
    )
    data = report_to_json(report)
    if args.errors:
        print()
        print(format_errors(report))
    if args.json:
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    status = 0
    if args.baseline:
        problems = baseline_regressions(data, _read_json(args.baseline, "baseline"))
        for problem in problems:
            print(f"regression: {problem}", file=sys.stderr)
        status = 1 if problems else 0
    if args.write_baseline:
        if args.write_baseline.exists() and not args.allow_lower:
            lower = baseline_regressions(data, _read_json(args.write_baseline, "baseline"))
            if lower:
                raise PipelineError(
                    f"not lowering {args.write_baseline} ({'; '.join(lower)}); pass --allow-lower to do it deliberately"
                )
        args.write_baseline.write_text(json.dumps(baseline_from_report(data), indent=2) + "\n", encoding="utf-8")
    if args.compare:
        print()
        print(compare_reports(_read_json(args.compare, "report to compare with"), data))
    return status


def _read_json(path: Path, what: str) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PipelineError(f"cannot read the {what}, {path}: {exc}") from exc


def cmd_validate(args: argparse.Namespace) -> int:
    from pipeline.dataset.validate import validate_dataset

    problems = validate_dataset(args.dataset)
    for problem in problems:
        print(problem)
    print(f"{args.dataset}: {'valid' if not problems else f'{len(problems)} problem(s)'}", file=sys.stderr)
    return 0 if not problems else 1


def cmd_report(args: argparse.Namespace) -> int:
    from pipeline.quality.report import write_report

    n_documents = write_report(args.dataset, args.html, page_size=args.page_size)
    print(f"{n_documents} documents -> {args.html}", file=sys.stderr)
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from pipeline.build import build_pipeline
    from pipeline.inputs.articles import Article
    from pipeline.inputs.readers import iter_inputs
    from pipeline.quality.explain import explain_doc

    target = Path(args.target)
    sources = [target] if target.exists() else args.inputs
    if not sources:
        raise PipelineError(f"{args.target} is not a file; give the files that hold it with --in")
    articles = [a for a in iter_inputs(sources, default_published=args.published) if isinstance(a, Article)]
    if not target.exists():
        articles = [a for a in articles if a.id == args.target]
    if not articles:
        raise PipelineError(f"no readable article {args.target!r} in {', '.join(map(str, sources))}")
    nlp = build_pipeline(args.config, _parse_overrides(args.overrides))
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.ag_published = article.published
        print(explain_doc(nlp(doc), article))
    return 0


COMMANDS = {
    "extract": cmd_extract,
    "evaluate": cmd_evaluate,
    "validate": cmd_validate,
    "explain": cmd_explain,
    "report": cmd_report,
    "bench": cmd_bench,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command in ("extract", "explain"):
            _parse_overrides(args.overrides)
        if args.command == "extract" and args.scheduler and args.engine != "dask":
            raise argparse.ArgumentTypeError("--scheduler needs --engine dask")
        if args.command == "evaluate" and bool(args.split) != bool(args.manifest):
            raise argparse.ArgumentTypeError("--split and --manifest go together")
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s", stream=sys.stderr)
    try:
        return COMMANDS[args.command](args)
    except PipelineError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
