import io

from pipeline.dataset.records import DocumentResult
from pipeline.runtime.progress import ExtractProgress, summary_screen


def result(status: str) -> DocumentResult:
    return DocumentResult(f"doc-{status}", "a.txt", status, None if status == "ok" else "why", None)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_without_a_terminal_a_plain_line_is_written_every_interval():
    stream, clock = io.StringIO(), Clock()
    progress = ExtractProgress(10, stream=stream, interval=30, tty=False, clock=clock)
    for second, status in [(10, "ok"), (20, "failed"), (40, "ok"), (50, "no_agreement")]:
        clock.now = second
        progress(result(status))
    progress.close()
    # one line, at the first document past 30 s: 3 of 10 done in 40 s
    assert stream.getvalue() == "extract: 3/10 documents (30%), 0.07 docs/s, ETA 1m33s, 1 failed\n"


def test_without_a_total_the_line_gives_no_eta():
    progress = ExtractProgress(None, stream=io.StringIO(), tty=False, clock=Clock())
    progress.done, progress.clock.now = 4, 2.0
    assert progress.line() == "extract: 4 documents, 2.00 docs/s, 0 failed"


def test_on_a_terminal_a_bar_counts_documents_and_failures():
    stream = io.StringIO()
    progress = ExtractProgress(5, stream=stream, tty=True)
    progress(result("ok"))
    progress(result("failed_decode"))
    progress.note("a.txt: failed_decode: why")
    progress.close()
    shown = stream.getvalue()
    assert "2/5" in shown and "failed=1" in shown and "a.txt: failed_decode: why" in shown


def test_summary_screen_counts_statuses_records_and_says_where():
    manifest = {
        "counts": {"documents": 12, "records": 7, "rejects": 1, "by_status": {"ok": 6, "no_agreement": 5, "failed": 1}},
        "timings": {"total_s": 75.2, "docs_per_s": 0.16},
        "resume": {"requested": True, "reused": 4},
    }
    assert summary_screen(manifest, "out") == "\n".join(
        [
            "12 documents in 1m15s (0.16 docs/s)",
            "  ok                  6",
            "  no_agreement        5",
            "  failed              1",
            "  (4 reused from the earlier run)",
            "7 records, 1 rejected (see rejects.jsonl)",
            "dataset: out",
            "next: agreements validate out · agreements report out --html report.html",
        ]
    )
    assert "next:" not in summary_screen(manifest, "s3://bucket/out")
