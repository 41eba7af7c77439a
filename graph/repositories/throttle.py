"""Counters of failed attempts kept in the graph, so every gunicorn worker sees the same numbers.

A ``(:Throttle {key})`` node holds ``count`` and ``window_start``: the count grows within a
fixed window and starts again from 1 at the first failure after the window has closed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.driver import Graph

# The first SET takes the node's write lock before anything is read, so two workers counting
# the same key at the same moment cannot lose an update.
HIT = """
UNWIND $keys AS key
MERGE (t:Throttle {key: key})
ON CREATE SET t.count = 0, t.window_start = datetime()
SET t.touched_at = datetime()
WITH t, datetime() AS now
WITH t, now, t.window_start + duration({seconds: $window}) <= now AS expired
SET t.count = CASE WHEN expired THEN 1 ELSE t.count + 1 END,
    t.window_start = CASE WHEN expired THEN now ELSE t.window_start END
RETURN t.key AS key, t.count AS count,
       duration.inSeconds(now, t.window_start + duration({seconds: $window})).seconds AS retry_after
"""

STATUS = """
UNWIND $keys AS key
MATCH (t:Throttle {key: key})
WITH t, datetime() AS now
WHERE t.window_start + duration({seconds: $window}) > now
RETURN t.key AS key, t.count AS count,
       duration.inSeconds(now, t.window_start + duration({seconds: $window})).seconds AS retry_after
"""

CLEAR = "MATCH (t:Throttle {key: $key}) DELETE t"


@dataclass(frozen=True)
class Window:
    """How many failures ``key`` has in the current window, and seconds until it closes."""

    key: str
    count: int
    retry_after: int


def _windows(keys: Sequence[str], rows: list[dict]) -> dict[str, Window]:
    found = {row["key"]: Window(row["key"], row["count"], max(0, row["retry_after"])) for row in rows}
    return {key: found.get(key, Window(key, 0, 0)) for key in keys}


def hit(graph: Graph, keys: Sequence[str], window_seconds: int) -> dict[str, Window]:
    """Count one failure for each key; returns the updated windows."""
    return _windows(keys, graph.write(HIT, keys=list(keys), window=window_seconds))


def status(graph: Graph, keys: Sequence[str], window_seconds: int) -> dict[str, Window]:
    """The current windows of ``keys`` (count 0 when there is none or it has closed)."""
    return _windows(keys, graph.read(STATUS, keys=list(keys), window=window_seconds))


def clear(graph: Graph, key: str) -> None:
    graph.write(CLEAR, key=key)
