"""What `agreements extract` shows while it runs and when it ends (all on stderr).

On a terminal, a tqdm progress bar (documents done, docs/s, ETA, failures so far); otherwise,
as in a log file or CI, one plain line every `interval` seconds. At the end, a one-screen
summary: documents per status, records, rejects, output, time.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import Any, TextIO

from tqdm import tqdm

from pipeline.dataset.records import DocumentResult
from pipeline.urls import is_remote


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m{secs:02d}s" if hours else f"{minutes}m{secs:02d}s" if minutes else f"{secs}s"


def _terminal_columns(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):  # not a terminal, or no file descriptor
        return 0


class ExtractProgress:
    """Call it with each DocumentResult as it is written; `close()` at the end."""

    def __init__(
        self,
        total: int | None,
        *,
        stream: TextIO | None = None,
        interval: float = 30.0,
        tty: bool | None = None,
        clock: Any = time.monotonic,
    ):
        self.total = total
        self.stream = stream or sys.stderr
        self.interval = interval
        self.clock = clock
        self.done = 0
        self.failed = 0
        self.started = clock()
        self._last_line = self.started
        use_bar = self.stream.isatty() if tty is None else tty
        self._bar = None
        if use_bar:
            # A terminal that reports no size (some ptys) would get a bar of width 0.
            sized = _terminal_columns(self.stream) > 0
            self._bar = tqdm(
                total=total,
                unit="doc",
                file=self.stream,
                desc="extract",
                postfix={"failed": 0},
                dynamic_ncols=sized,
                ncols=None if sized else 100,
                nrows=None if sized else 24,
            )

    def __call__(self, result: DocumentResult) -> None:
        self.done += 1
        if result.status.startswith("failed"):
            self.failed += 1
        if self._bar is not None:
            self._bar.update(1)
            if result.status.startswith("failed"):
                self._bar.set_postfix(failed=self.failed)
            return
        now = self.clock()
        if now - self._last_line >= self.interval:
            self._last_line = now
            print(self.line(now), file=self.stream, flush=True)

    def note(self, message: str) -> None:
        """A message line (a failed document), written above the bar when there is one."""
        if self._bar is not None:
            self._bar.write(message, file=self.stream)
        else:
            print(message, file=self.stream, flush=True)

    def line(self, now: float | None = None) -> str:
        """The plain progress line: documents done (of the total), rate, ETA, failures."""
        elapsed = max((self.clock() if now is None else now) - self.started, 1e-9)
        rate = self.done / elapsed
        parts = [
            f"extract: {self.done}"
            + (f"/{self.total} documents ({self.done / self.total:.0%})" if self.total else " documents")
        ]
        parts.append(f"{rate:.2f} docs/s")
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def summary_screen(manifest: dict[str, Any], out: str) -> str:
    """The end-of-run summary: documents per status, records, rejects, where, how long."""
    counts = manifest["counts"]
    timings = manifest["timings"]
    lines = [
        f"{counts['documents']} documents in {_duration(timings['total_s'])} ({timings.get('docs_per_s') or 0} docs/s)"
    ]
    by_status = Counter(counts["by_status"])
    width = max((len(status) for status in by_status), default=0)
    for status, n in sorted(by_status.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"  {status:<{width}}  {n:>7}")
    reused = manifest.get("resume", {}).get("reused")
    if reused:
        lines.append(f"  ({reused} reused from the earlier run)")
    lines.append(f"{counts['records']} records, {counts['rejects']} rejected (see rejects.jsonl)")
    lines.append(f"dataset: {out}")
    if not is_remote(out):
        lines.append(f"next: agreements validate {out} · agreements report {out} --html report.html")
    return "\n".join(lines)
