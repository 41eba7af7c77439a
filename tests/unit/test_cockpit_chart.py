"""The cockpit's activity chart: axis scale and bar geometry (server-side SVG, no JavaScript)."""

import datetime as dt

import pytest

from mentore.cockpit.chart import HEIGHT, LEFT, TOP, WIDTH, activity_chart, nice_ceiling
from mentore.services.cockpit import Week

MONDAY = dt.date(2026, 11, 16)


def weeks(counts):
    return [Week(start=MONDAY - dt.timedelta(weeks=len(counts) - 1 - i), topics=t, replies=r)
            for i, (t, r) in enumerate(counts)]


@pytest.mark.parametrize(("value", "top"), [(0, 4), (3, 4), (5, 8), (7, 8), (30, 40), (100, 100), (101, 200)])
def test_the_axis_ends_on_a_round_value_divisible_into_four_whole_ticks(value, top):
    assert nice_ceiling(value) == top and top >= value and top % 4 == 0


def test_bars_stack_replies_under_topics_in_proportion_to_the_axis():
    chart = activity_chart(weeks([(0, 0)] * 24 + [(2, 6), (1, 3)]))
    assert chart.maximum == 8 and chart.total_topics == 3 and chart.total_replies == 9
    busiest = chart.bars[-2]
    assert chart.baseline < HEIGHT
    assert busiest.replies_height == pytest.approx((chart.baseline - TOP) * 6 / 8, abs=0.01)
    assert busiest.topics_y + busiest.topics_height == pytest.approx(busiest.replies_y, abs=0.01)
    assert busiest.topics_y == pytest.approx(TOP, abs=0.01)  # 8 of 8: the top of the plot
    assert chart.busiest.start == busiest.week.start
    assert all(b.x >= LEFT and b.x + b.width <= WIDTH for b in chart.bars)


def test_dates_are_written_under_every_fourth_week_ending_with_the_current_one():
    chart = activity_chart(weeks([(0, 1)] * 26))
    labelled = [b.week.start for b in chart.bars if b.label]
    assert labelled[-1] == MONDAY and len(labelled) == 7
    assert chart.bars[-1].label == "16/11"


def test_an_empty_community_has_a_flat_chart_and_no_busiest_week():
    chart = activity_chart(weeks([(0, 0)] * 26))
    assert chart.busiest is None and all(b.replies_height == 0 and b.topics_height == 0 for b in chart.bars)
    assert [t.value for t in chart.ticks] == [0, 1, 2, 3, 4]
