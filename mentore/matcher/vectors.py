"""Every organisation's profile vector, kept in memory: cosines with a query for any set of ids;
past work's vectors, searched for the nearest.

The need's area source ranks the organisations of its area by how close their profile is to the
query, and the facts of every candidate include that cosine. In Cypher each cosine reads a stored
vector (2 KB) from the store; with a few hundred organisations in an area that was the slowest
source of a suggestion (scripts/bench_matching_latency.py: the area's read took 15 ms at p50 and
38 ms at p95 among 100k organisations). Here it is one matrix product over the rows asked for.

A copy, read from the graph; when vectors are stored, those stored since the last reading are
read into a new copy (``updated``; ``Matcher.vectors``). Ids it does not hold (an organisation
embedded since) are left out of its answers, and the caller asks the graph for them. 100k
organisations of 512 dimensions take 205 MB.

Past work's vectors are kept the same way (``WorkVectors``): the partnerships' and the needs',
searched exactly for those nearest a query (``nearest``).

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
        self._ids: list[str] | None = None

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
        table._ids = None
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

    def nearest(self, query: np.ndarray | Sequence[float], k: int, leave_out: Iterable[str] = (),
                above: float = -1.0) -> list[tuple[str, float]]:
        """The ``k`` ids whose vectors are closest to ``query`` by cosine, with their cosines, the
        closest first (equal cosines by id): an exact search over every vector held, those of
        ``leave_out`` left out, and those no closer than ``above``. A query of another dimension,
        or of zero length, finds nothing."""
        q = np.asarray(query, dtype=np.float32).ravel()
        norm = float(np.linalg.norm(q))
        if k <= 0 or not len(self) or q.shape[0] != self._matrix.shape[1] or norm == 0:
            return []
        # numpy's own loop, on this thread: a BLAS product of this size would wake BLAS's other
        # thread, which then spins for some 100 ms (the embedder's note: embedding.ONE_THREAD_UP_TO)
        values = np.einsum("ij,j->i", self._matrix, q / norm)
        out = [self._row[oid] for oid in leave_out if oid in self._row]
        if out:
            values[out] = -np.inf
        if k < values.shape[0]:
            # every row as close as the k-th is kept, so that ties are broken by id below
            kth = np.partition(values, values.shape[0] - k)[values.shape[0] - k]
            rows = np.flatnonzero((values >= kth) & (values > above))
        else:
            rows = np.flatnonzero(values > above)
        ids = self.ids
        found = sorted((-float(values[i]), ids[i]) for i in rows)[:k]
        return [(oid, -negative) for negative, oid in found]

    @property
    def ids(self) -> list[str]:
        """The ids held, in the order of their rows."""
        if self._ids is None:
            self._ids = list(self._row)
        return self._ids


class WorkVectors:
    """Past work's vectors of one model, kept in memory: the partnerships' and the needs'
    (``VectorTable``), for the past-work source to search exactly, with no index (at 100k
    organisations its two vector index queries were the slowest source of a suggestion:
    scripts/bench_matching_latency.py). Both were read from the graph as of ``read_at``."""

    def __init__(self, partnerships: VectorTable, needs: VectorTable, read_at: str | None) -> None:
        if partnerships.model != needs.model:
            raise ValueError(f"partnerships of {partnerships.model} and needs of {needs.model}")
        self.model, self.partnerships, self.needs, self.read_at = partnerships.model, partnerships, needs, read_at

    @property
    def nbytes(self) -> int:
        return self.partnerships.nbytes + self.needs.nbytes


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
