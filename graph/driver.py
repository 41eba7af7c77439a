"""Driver factory and the thin gateway every repository talks through.

One ``neo4j.Driver`` per process. ``Graph`` runs Cypher with parameters only and turns the
driver's connectivity errors into :class:`graph.errors.GraphUnavailable`, so that the web layer
can answer 503 and recover by itself when the server is back: the driver's pool drops dead
connections and opens new ones on the next query, with no restart of the app.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j._data import RecordExporter
from neo4j.exceptions import (
    AuthError,
    ConstraintError,
    DriverError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph.errors import Conflict, GraphUnavailable

T = TypeVar("T")

#: Errors that mean "the database cannot serve us now", not "the query is wrong".
UNAVAILABLE = (ServiceUnavailable, SessionExpired, TransientError, AuthError, DriverError, OSError)


@dataclass(frozen=True)
class DriverSettings:
    uri: str
    user: str
    password: str
    database: str = "neo4j"
    connection_timeout: float = 3.0
    acquisition_timeout: float = 5.0
    retry_time: float = 2.0
    max_pool_size: int = 50


def create_driver(settings: DriverSettings) -> neo4j.Driver:
    """A driver tuned to fail fast: a request must not hang for the driver's default 30 s."""
    return GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_timeout=settings.connection_timeout,
        connection_acquisition_timeout=settings.acquisition_timeout,
        max_transaction_retry_time=settings.retry_time,
        max_connection_pool_size=settings.max_pool_size,
        liveness_check_timeout=30.0,
        # "property key does not exist" on an empty graph is not worth a log line per query.
        notifications_min_severity="OFF",
    )


@contextmanager
def translated_errors() -> Iterator[None]:
    try:
        yield
    except ConstraintError as exc:
        raise Conflict(exc.message or str(exc), field=_constraint_property(exc.message or "")) from exc
    except AuthError as exc:
        raise GraphUnavailable(f"Neo4j rifiuta le credenziali: {exc.message}") from exc
    except UNAVAILABLE as exc:
        raise GraphUnavailable(f"Neo4j non raggiungibile: {exc}") from exc


def _constraint_property(message: str) -> str | None:
    """The property named in Neo4j's uniqueness message ("... property `email` = '...'")."""
    marker = "property `"
    start = message.find(marker)
    if start < 0:
        return None
    end = message.find("`", start + len(marker))
    return message[start + len(marker):end] if end > 0 else None


_AS_IS = frozenset({str, int, float, bool, type(None)})
_EXPORTER = RecordExporter()


def plain(value: Any) -> Any:
    """A returned value as ``Record.data()`` gives it (nodes as dicts of their properties, and so
    on), without its cost on plain values: ``data()`` tests every element of every list against
    abstract collection types, which took most of the time of reading a few hundred rows."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is list:
        return value if all(type(x) in _AS_IS for x in value) else [plain(x) for x in value]
    if kind is dict:  # the driver's dict is a fresh one: kept when its values are plain already
        out = value
        for k, v in value.items():
            if type(v) in _AS_IS or (type(v) is list and all(type(x) in _AS_IS for x in v)):
                continue
            if out is value:
                out = dict(value)
            out[k] = plain(v)
        return out
    return _EXPORTER.transform(value)  # nodes, relationships, paths, dates and the rest


def _plain_rows(keys: Sequence[str], records: Iterable[neo4j.Record]) -> list[dict[str, Any]]:
    """Each record as a dict of its plain values (``plain``)."""
    return [dict(zip(keys, map(plain, record.values()), strict=True)) for record in records]


class Graph:
    """Runs Cypher against one database; values always travel as parameters."""

    def __init__(self, driver: neo4j.Driver, database: str = "neo4j") -> None:
        self.driver = driver
        self.database = database

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(cypher, params, RoutingControl.READ)

    def read_collected(self, cypher: str, /, **params: Any) -> list[Any]:
        """The list that a query returns in its only row and column (``RETURN collect(...) AS
        rows``), read at once (``read_at_once``). Each row of a result is a Bolt message of its
        own, and the driver spends some 20 µs on each: 460 rows of five values took 13 ms to
        read, the same values collected in one row 4 ms."""
        rows = self.read_at_once(cypher, **params)
        return next(iter(rows[0].values())) if rows else []

    def read_at_once(self, cypher: str, /, **params: Any) -> list[dict[str, Any]]:
        """``read`` in an auto-commit transaction: one round trip, where ``read``'s managed
        transaction takes two (begin and run, then commit) and the driver's bookkeeping around
        them. For the many small reads of a suggestion: reading 200 values collected in one row
        took 1.1 ms of wall time, 0.5 ms of this process's CPU and 0.7 ms of the server's,
        against 2.3, 1.1 and 1.9 through ``read`` (500 reads after 200 of warm-up, on this 2-core
        machine). On one server a write is seen by every transaction that starts after its
        commit, so nothing read here is older than through ``read``. Not retried: a suggestion
        that cannot read answers at once (GraphUnavailable); the pool drops the connections of a
        restarted server by itself."""
        with translated_errors(), self.driver.session(database=self.database,
                                                      default_access_mode=neo4j.READ_ACCESS) as session:
            result = session.run(cypher, params)
            return _plain_rows(result.keys(), result)

    def write(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        return self._run(cypher, params, RoutingControl.WRITE)

    def _run(self, cypher: str, params: dict[str, Any], routing: RoutingControl) -> list[dict[str, Any]]:
        with translated_errors():
            records, _, keys = self.driver.execute_query(
                cypher, params, database_=self.database, routing_=routing
            )
        return _plain_rows(keys, records)

    def write_transaction(self, work: Callable[..., T], *args: Any) -> T:
        """Run ``work(tx, *args)`` in one managed write transaction (it may be retried)."""
        with translated_errors(), self.driver.session(database=self.database) as session:
            return session.execute_write(work, *args)

    def ping(self) -> float:
        """Milliseconds taken by ``RETURN 1``; raises GraphUnavailable when it fails."""
        started = time.perf_counter()
        self.read("RETURN 1 AS ok")
        return (time.perf_counter() - started) * 1000

    def close(self) -> None:
        self.driver.close()


def connect(settings: DriverSettings) -> Graph:
    return Graph(create_driver(settings), settings.database)
