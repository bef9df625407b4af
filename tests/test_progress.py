"""Progress lines: a long run shows it moves, on a terminal and in a log."""

import io

from flows.batch import BatchSummary
from flows.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_one_line_per_interval_with_the_rate():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, interval=30.0, clock=clock)
    for second in (10, 20, 31, 40, 65):
        clock.now = second
        progress.add(BatchSummary(shard="b", documents=100, rejects=1))
    progress.close()
    lines = stream.getvalue().splitlines()
    assert lines == ["cleaned 300 documents, 3 rejects, 3 batches (9.7 docs/s)",
                     "cleaned 500 documents, 5 rejects, 5 batches (7.7 docs/s)"]


def test_a_terminal_gets_one_line_that_overwrites_itself():
    stream = Terminal()
    progress = Progress(stream, clock=Clock())
    progress.add(BatchSummary(shard="a", documents=2, unchanged=3))
    progress.add(BatchSummary(shard="b", documents=1, rejects=1))
    progress.close()
    assert stream.getvalue() == ("\rcleaned 2 documents, 3 unchanged, 0 rejects, 1 batches"
                                 "\rcleaned 3 documents, 3 unchanged, 1 rejects, 2 batches\n")


def test_a_short_run_in_a_log_prints_nothing():
    stream = io.StringIO()
    progress = Progress(stream, clock=Clock())
    progress.add(BatchSummary(shard="a", documents=5))
    progress.close()
    assert stream.getvalue() == ""
