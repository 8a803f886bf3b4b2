"""Benchmarks: each module in this package has `run(quick: bool) -> list[Result]`; `python -m bench.run` runs
them all and writes BENCHMARKS.md. Every figure is a median, and every claimwatch figure stands beside a
baseline measured in the same run on the same machine, so the ratio means something when the machine changes."""

import statistics
import time
from dataclasses import dataclass


@dataclass
class Result:
    benchmark: str  # what is measured, e.g. "crawl the sample site over loopback"
    unit: str  # e.g. "pages/s", "s", "MB", "ms p95"
    value: float  # claimwatch's median
    baseline_name: str = ""  # what it is compared with, measured in the same run
    baseline: float | None = None
    higher_is_better: bool = True
    target: str = ""  # the target, as text, e.g. ">= 7x" or "<= 5 s"
    met: bool | None = None  # whether the target is met, where the target is testable here
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """How many times better than the baseline (>1 is better), whatever the unit's direction."""
        if not self.baseline or not self.value:
            return None
        return self.value / self.baseline if self.higher_is_better else self.baseline / self.value


def median_seconds(fn, repeat: int = 5) -> float:
    """Median wall time of `fn()` over `repeat` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
