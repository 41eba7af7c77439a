"""Every organisation's profile vector, kept in memory: cosines with a query for any set of ids.

The need's area source ranks the organisations of its area by how close their profile is to the
query, and the facts of every candidate include that cosine. In Cypher each cosine reads a stored
vector (2 KB) from the store; with a few hundred organisations in an area that was the slowest
source of a suggestion (scripts/bench_matching_latency.py: the area's read took 15 ms at p50 and
38 ms at p95 among 100k organisations). Here it is one matrix product over the rows asked for.

A copy, read from the graph; when vectors are stored, those stored since the last reading are
read into a new copy (``updated``; ``Matcher.vectors``). Ids it does not hold (an organisation
embedded since) are left out of its answers, and the caller asks the graph for them. 100k
organisations of 512 dimensions take 205 MB.

Pure numpy: no Flask, no Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np


class VectorTable:
    """Unit-length profile vectors of one model, by organisation id."""

    def __init__(self, model: str, ids: Sequence[str], vectors: Iterable[Sequence[float]] | np.ndarray,
                 dimensions: int | None = None, read_at: str | None = None) -> None:
        """``read_at``: when the graph was read (the server's clock), for the next reading."""
        self.model = model
        self.read_at = read_at
        matrix = np.asarray(vectors if isinstance(vectors, np.ndarray) else list(vectors), dtype=np.float32)
        if matrix.size == 0:
            matrix = np.zeros((0, dimensions or 0), dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[0] != len(ids):
            raise ValueError(f"{len(ids)} ids for a matrix of shape {matrix.shape}")
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        self._matrix = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
        self._row = {oid: i for i, oid in enumerate(ids)}

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, oid: object) -> bool:
        return oid in self._row

    @property
    def nbytes(self) -> int:
        return int(self._matrix.nbytes)

    def updated(self, ids: Sequence[str], vectors: Iterable[Sequence[float]] | np.ndarray,
                read_at: str | None = None) -> VectorTable:
        """A new table: these vectors in place of the ones held for their ids, the others added
        (this one is left as it is: requests may be reading it)."""
        fresh = VectorTable(self.model, ids, vectors, dimensions=self._matrix.shape[1], read_at=read_at)
        if not len(self):  # nothing held yet (a site whose organisations had no vector)
            return fresh
        if len(fresh) and fresh._matrix.shape[1] != self._matrix.shape[1]:
            raise ValueError(f"vectors of {fresh._matrix.shape[1]} dimensions for a table of {self._matrix.shape[1]}")
        added = [oid for oid in fresh._row if oid not in self._row]
        order = list(self._row) + added
        matrix = np.vstack([self._matrix, fresh._matrix[[fresh._row[oid] for oid in added]]]) if added \
            else self._matrix.copy()
        for oid, i in fresh._row.items():
            if oid in self._row:
                matrix[self._row[oid]] = fresh._matrix[i]
        table = VectorTable.__new__(VectorTable)
        table.model, table.read_at, table._matrix = self.model, read_at, matrix
        table._row = {oid: i for i, oid in enumerate(order)}
        return table

    def unit_vectors(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        """id → its unit vector, for the ids held (the others are left out)."""
        return {oid: self._matrix[self._row[oid]] for oid in ids if oid in self._row}

    def cosines(self, query: np.ndarray, ids: Iterable[str]) -> dict[str, float]:
        """id → cosine between its vector and ``query``, for the ids held (the others are left
        out); a query of another dimension, or of zero length, gives nothing."""
        held = [oid for oid in ids if oid in self._row]
        q = np.asarray(query, dtype=np.float32).ravel()
        norm = float(np.linalg.norm(q))
        if not held or q.shape[0] != self._matrix.shape[1] or norm == 0:
            return {}
        rows = np.fromiter((self._row[oid] for oid in held), dtype=np.int64, count=len(held))
        values = self._matrix[rows] @ (q / norm)
        return dict(zip(held, values.astype(np.float64).tolist(), strict=True))


#: the highest background level: a query as close to everything as this is no reason to say
#: that one text is closer to it than the others
MAX_LEVEL = 0.9
#: texts of cosine zero a background starts from: the level of n texts is their mean cosine times
#: n / (n + PRIOR_TEXTS). Few texts say little of what is usual (with one need met, the level
#: would be that need's own cosine, and a copy of it would count for nothing); from a few hundred
#: on, the level is nearly their mean.
PRIOR_TEXTS = 20


class Background:
    """How close a query is to the texts of one kind taken all together: the past work of the
    graph, the needs posted. ``level(kind, query)`` is the query's mean cosine with them, the
    dot product of its unit vector with the mean of their unit vectors (drawn towards zero while
    they are few: PRIOR_TEXTS).

    A text of that kind is closer to the query than the others only by what its cosine has above
    that level: the matcher counts (cosine - level) / (1 - level), 1 for the same text and 0 or
    less for a text no closer than the others (``repo.past_work``). Cosines are never near zero
    between texts of one language and one field: among the demo's needs, a need about first aid
    has a cosine of 0.32 with the median need, and a need for partners of an energy community,
    nothing like it, has 0.37. Counted from zero, every need an organisation met adds to how
    close its work is to any query, and in a small graph (all of it among the nearest) that sum
    only counts the needs met."""

    def __init__(self, model: str, means: dict[str, np.ndarray] | None = None,
                 counts: dict[str, int] | None = None) -> None:
        """``means``: kind → the mean of its unit vectors; ``counts``: how many it came from."""
        self.model = model
        self.means = {kind: np.asarray(mean, dtype=np.float64).ravel() for kind, mean in (means or {}).items()}
        self.counts = dict(counts or {})

    @classmethod
    def of(cls, model: str, vectors: dict[str, np.ndarray]) -> Background:
        """From each kind's vectors (rows; rows of zero length are left out)."""
        means, counts = {}, {}
        for kind, rows in vectors.items():
            matrix = np.asarray(rows, dtype=np.float64)
            if matrix.ndim != 2 or not matrix.shape[0]:
                continue
            norms = np.linalg.norm(matrix, axis=1)
            kept = matrix[norms > 0] / norms[norms > 0, None]
            if kept.shape[0]:
                means[kind], counts[kind] = kept.mean(axis=0), int(kept.shape[0])
        return cls(model, means, counts)

    @staticmethod
    def lifted(cosine: float, level: float) -> float:
        """How much closer than the level a text of that cosine is, on a scale where 1 is the
        same text: (cosine - level) / (1 - level), and 0 when it is no closer."""
        return max((cosine - level) / (1 - level), 0.0)

    def level(self, kind: str, query: np.ndarray | Sequence[float] | None) -> float:
        """The query's mean cosine with the texts of ``kind``, times n / (n + PRIOR_TEXTS) for n
        texts, within [0, MAX_LEVEL]; 0 when none is known (or the query has another length, or
        none): cosines count from zero, as they did before any was known."""
        mean = self.means.get(kind)
        if mean is None or query is None:
            return 0.0
        q = np.asarray(query, dtype=np.float64).ravel()
        norm = float(np.linalg.norm(q))
        if q.shape != mean.shape or norm == 0:
            return 0.0
        n = self.counts.get(kind, 0)
        return min(max(float(q @ mean) / norm * n / (n + PRIOR_TEXTS), 0.0), MAX_LEVEL)
