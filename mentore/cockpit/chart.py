"""Geometry of the cockpit's activity chart: stacked bars per week, drawn by the template as
inline SVG (no JavaScript: the CSP forbids inline scripts and the page needs none)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mentore.services.cockpit import Week

WIDTH, HEIGHT = 780, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 36  # margins: axis labels on the left and at the bottom
LABEL_EVERY = 4  # a date under every fourth week


@dataclass(frozen=True)
class Bar:
    week: Week
    x: float
    width: float
    topics_y: float
    topics_height: float
    replies_y: float
    replies_height: float
    label: str  # the date under the bar, or "" when skipped


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float  # x of the plot's right edge
    top: int
    baseline: float  # y of the zero line
    bars: list[Bar]
    ticks: list[Tick]
    maximum: int
    total_topics: int
    total_replies: int
    busiest: Week | None


def nice_ceiling(value: int) -> int:
    """The top of the axis: four times a round step (1, 2, 2.5, 5 × 10^n), not below ``value``,
    so the five ticks are whole numbers."""
    need = max(1.0, value / 4)
    power = 10 ** math.floor(math.log10(need))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= need and (step * power) == int(step * power):
            return int(4 * step * power)
    return int(40 * power)


def activity_chart(weeks: Sequence[Week]) -> Chart:
    top = max((w.total for w in weeks), default=0)
    maximum = nice_ceiling(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_h
    slot = plot_w / max(1, len(weeks))
    bars = []
    for i, week in enumerate(weeks):
        replies_h = plot_h * week.replies / maximum
        topics_h = plot_h * week.topics / maximum
        bars.append(Bar(
            week=week, x=round(LEFT + i * slot + slot * 0.15, 2), width=round(slot * 0.7, 2),
            replies_y=round(baseline - replies_h, 2), replies_height=round(replies_h, 2),
            topics_y=round(baseline - replies_h - topics_h, 2), topics_height=round(topics_h, 2),
            label=week.start.strftime("%d/%m") if (len(weeks) - 1 - i) % LABEL_EVERY == 0 else "",
        ))
    ticks = [Tick(value=round(maximum * k / 4), y=round(baseline - plot_h * k / 4, 2)) for k in range(5)]
    busiest = max(weeks, key=lambda w: (w.total, w.start)) if weeks and top else None
    return Chart(width=WIDTH, height=HEIGHT, left=LEFT, right=WIDTH - RIGHT, top=TOP, baseline=baseline, bars=bars,
                 ticks=ticks, maximum=maximum, total_topics=sum(w.topics for w in weeks),
                 total_replies=sum(w.replies for w in weeks), busiest=busiest)
