"""Progress of a run on stderr, so a long run shows that it moves.

On a terminal: one line that overwrites itself after every batch. Anywhere else (a log file, a
scheduled Prefect deployment, CI): one plain line at most every ``interval`` seconds, with the
rate so far, so a log of a million-document run neither stays silent for hours nor fills up.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

from flows.batch import BatchSummary

#: Seconds between two progress lines when stderr is not a terminal.
LOG_INTERVAL_SECONDS = 30.0


class Progress:
    """Running totals of finished batches, shown on ``stream`` (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, interval: float = LOG_INTERVAL_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.on_terminal = self.stream.isatty()
        self.interval, self.clock = interval, clock
        self.started = self.last_shown = clock()
        self.documents = self.unchanged = self.rejects = self.batches = 0

    def add(self, summary: BatchSummary) -> None:
        """Count a finished batch, then show the totals if it is time to."""
        self.documents += summary.documents
        self.unchanged += summary.unchanged
        self.rejects += summary.rejects
        self.batches += 1
        if self.on_terminal:
            print(f"\r{self.line()}", end="", file=self.stream, flush=True)
            return
        now = self.clock()
        if now - self.last_shown >= self.interval:
            self.last_shown = now
            elapsed = max(now - self.started, 1e-9)
            print(f"{self.line()} ({(self.documents + self.unchanged) / elapsed:.1f} docs/s)",
                  file=self.stream, flush=True)

    def line(self) -> str:
        carried = f", {self.unchanged} unchanged" if self.unchanged else ""
        return f"cleaned {self.documents} documents{carried}, {self.rejects} rejects, {self.batches} batches"

    def close(self) -> None:
        """End the self-overwriting line, so that what follows starts on a line of its own."""
        if self.on_terminal and self.batches:
            print(file=self.stream, flush=True)
