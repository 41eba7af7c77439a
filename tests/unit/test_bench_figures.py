"""The figures the benchmark scripts print of their timings (scripts/_figures.py)."""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from _figures import percentile, summary


def test_the_median_and_the_nearest_rank_p95():
    samples = [float(x) for x in range(100, 0, -1)]  # 1..100, in any order
    figures = summary(samples)
    assert figures["p50"] == 50.5 and figures["p95"] == 95.0 and figures["max"] == 100.0
    assert figures["mean"] == 50.5 and figures["n"] == 100
    assert percentile([3.0, 1.0, 2.0], 0.5) == 2.0 and percentile([7.0], 0.95) == 7.0


def test_no_samples_give_no_figures_rather_than_an_error():
    figures = summary([])
    assert figures["n"] == 0 and all(math.isnan(figures[k]) for k in ("p50", "p95", "mean", "max"))
    assert math.isnan(percentile([], 0.95))
