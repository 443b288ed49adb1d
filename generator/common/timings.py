"""Where a build spends its time: seconds per stage, only when asked.

`python -m generator build --timings` prints the table to stderr and the
benchmark (benchmarks/) reads it. Without the flag every stage runs inside
NO_TIMINGS, whose stage() is one shared do-nothing context manager: timing
costs nothing unless it is wanted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

STAGES = ("load", "validate", "model", "check", "derive", "render", "write docs", "engine", "search index", "verify")
_NOTHING: AbstractContextManager[None] = nullcontext()


class Timings:
    """Seconds spent in each named stage of one run: elapsed, and on the CPU.

    CPU seconds are this process's own, so they stay comparable when other
    work shares the machine; elapsed seconds are what an editor waits.
    """

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}

    @contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
            self.cpu_seconds[name] = self.cpu_seconds.get(name, 0.0) + time.process_time() - cpu_start

    def stage(self, name: str) -> AbstractContextManager[None]:
        """A context manager that adds the time spent inside it to `name`."""
        return self._timed(name)

    def table(self) -> str:
        """One line per stage, `stage  elapsed s  cpu s cpu`, then the total (read by benchmarks/run.py)."""
        names = [name for name in STAGES if name in self.seconds] + [name for name in self.seconds if name not in STAGES]
        lines = [f"{name:<12} {self.seconds[name]:9.3f} s {self.cpu_seconds[name]:9.3f} s cpu" for name in names]
        lines.append(f"{'total':<12} {sum(self.seconds.values()):9.3f} s {sum(self.cpu_seconds.values()):9.3f} s cpu")
        return "\n".join(lines)


class _NoTimings(Timings):
    """Timings that records nothing: the default for every run."""

    def stage(self, name: str) -> AbstractContextManager[None]:
        return _NOTHING


NO_TIMINGS: Timings = _NoTimings()
