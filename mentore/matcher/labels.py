"""Which art. 5 activity and which competencies a need's text is about, proposed to its poster
while the form is filled in: the labels whose prototype is closest to the text's vector.

A label's prototype is the unit vector of its examples' mean (the profiles of organisations that
carry it, the needs that asked for it), plus its own name's vector weighed by TEXT_WEIGHT; a
label nobody carries yet is its name alone. Nearest prototype rather than a classifier learned
per label: a platform starts with a handful of examples for most labels, and a prototype stays
what its examples say, readable and rebuilt in milliseconds. Measured in
scripts/bench_need_labels.py next to the names alone and the most frequent labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mentore.matcher.embedding import normalise

#: the weight of a label's name next to the mean of its examples (both unit vectors)
TEXT_WEIGHT = 0.5


@dataclass(frozen=True)
class LabelSet:
    """The prototypes of one vocabulary (the activities, the competencies) for one model."""

    ids: tuple[str, ...]
    matrix: np.ndarray  # one unit row per label
    examples: tuple[int, ...]  # how many examples each prototype was built from
    model: str

    def closest(self, vector: np.ndarray, limit: int, among: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The ``limit`` labels closest to the unit ``vector``, closest first, as (id, cosine);
        with ``among``, only those labels. Ties keep the vocabulary's order."""
        if limit <= 0 or not self.ids:
            return []
        scores = self.matrix @ np.asarray(vector, dtype=np.float32)
        allowed = np.ones(len(self.ids), dtype=bool) if among is None else np.isin(self.ids, list(among))
        order = [int(i) for i in np.argsort(-scores, kind="stable") if allowed[i]]
        return [(self.ids[i], float(scores[i])) for i in order[:limit]]


def prototypes(ids: Sequence[str], names: np.ndarray, examples: Sequence[np.ndarray], model: str,
               text_weight: float = TEXT_WEIGHT) -> LabelSet:
    """The prototypes of labels ``ids``, given their names' vectors (one row each) and, for each,
    the vectors of its examples (an array of rows, possibly empty)."""
    if len(ids) != len(names) or len(ids) != len(examples):
        raise ValueError("one name vector and one set of examples per label")
    if not ids:
        return LabelSet((), np.zeros((0, 0), dtype=np.float32), (), model)
    names = normalise(np.asarray(names, dtype=np.float32))
    rows, counts = [], []
    for name, sample in zip(names, examples, strict=True):
        sample = np.asarray(sample, dtype=np.float32).reshape(-1, names.shape[1])
        counts.append(len(sample))
        if len(sample):
            mean = normalise(sample).mean(axis=0, keepdims=True)
            rows.append(normalise(mean)[0] + text_weight * name)
        else:
            rows.append(name)
    return LabelSet(tuple(ids), normalise(np.vstack(rows)), tuple(counts), model)
