"""Order statistics for the report."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sample."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Figure:
    """The median and the 1-in-100 worst value of one measurement.

    For latencies and sizes "worst" is the 99th percentile; for rates (higher is better) it is
    the 1st. With few samples (e.g. 3 throughput runs) the worst value is simply the worst run.
    """

    p50: float
    p99: float
    count: int

    @classmethod
    def of(cls, samples: Sequence[float], higher_is_better: bool = False) -> Figure | None:
        if not samples:
            return None
        worst_q = 1.0 if higher_is_better else 99.0
        return cls(p50=percentile(samples, 50), p99=percentile(samples, worst_q), count=len(samples))

    @classmethod
    def single(cls, value: float) -> Figure:
        return cls(p50=value, p99=value, count=1)
