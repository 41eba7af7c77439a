"""The figures every benchmark prints of its timings: the same median and nearest-rank p95 in
all of them, so that their figures compare."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of ``samples`` (``share`` 0.95: p95); NaN without any."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(samples: Sequence[float]) -> dict[str, float]:
    """p50 (the median), p95, mean, max and n of ``samples`` (NaN and 0 without any)."""
    if not samples:
        return {"p50": float("nan"), "p95": float("nan"), "mean": float("nan"), "max": float("nan"), "n": 0}
    return {"p50": statistics.median(samples), "p95": percentile(samples, 0.95), "mean": statistics.fmean(samples),
            "max": max(samples), "n": len(samples)}
