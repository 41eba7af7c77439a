"""The prototypes of activities and competencies proposed to a need's poster, against a
brute-force oracle written out in plain Python."""

import math
import random

import numpy as np
import pytest

from mentore.matcher.labels import TEXT_WEIGHT, prototypes


def unit(v):
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v]


def oracle_prototype(name, examples, weight):
    """unit(unit(mean of the unit examples) + weight * unit(name)); the unit name alone without examples."""
    name = unit(name)
    if not examples:
        return name
    units = [unit(e) for e in examples]
    mean = unit([sum(col) / len(units) for col in zip(*units, strict=True)])
    return unit([m + weight * n for m, n in zip(mean, name, strict=True)])


def oracle_closest(rows, ids, query, limit, among=None):
    scored = [(sum(a * b for a, b in zip(row, query, strict=True)), i) for i, row in enumerate(rows)
              if among is None or ids[i] in among]
    scored.sort(key=lambda pair: (-pair[0], pair[1]))  # ties: the vocabulary's order
    return [ids[i] for _, i in scored[:limit]]


@pytest.mark.parametrize("seed", range(20))
def test_prototypes_and_the_closest_labels_match_the_oracle(seed):
    rnd = random.Random(seed)
    dim, count = rnd.choice((3, 8, 16)), rnd.randint(1, 12)
    ids = [f"label-{i}" for i in range(count)]
    names = [[rnd.gauss(0, 1) for _ in range(dim)] for _ in ids]
    examples = [[[rnd.gauss(0, 1) for _ in range(dim)] for _ in range(rnd.choice((0, 0, 1, 3, 10)))] for _ in ids]
    labels = prototypes(ids, np.array(names), [np.array(e) for e in examples], "model-x")

    expected = [oracle_prototype(n, e, TEXT_WEIGHT) for n, e in zip(names, examples, strict=True)]
    assert np.allclose(labels.matrix, np.array(expected), atol=1e-5)
    assert labels.examples == tuple(len(e) for e in examples) and labels.model == "model-x"

    query = unit([rnd.gauss(0, 1) for _ in range(dim)])
    limit = rnd.randint(1, count + 2)
    among = set(rnd.sample(ids, rnd.randint(1, count))) if rnd.random() < 0.5 else None
    found = labels.closest(np.array(query), limit, among=among)
    assert [label for label, _score in found] == oracle_closest(expected, ids, query, limit, among)
    for label, score in found:
        row = expected[ids.index(label)]
        assert score == pytest.approx(sum(a * b for a, b in zip(row, query, strict=True)), abs=1e-5)


def test_a_label_with_examples_moves_towards_them_and_one_without_is_its_name():
    names = np.array([[1.0, 0.0], [0.0, 1.0]])
    labels = prototypes(["a", "b"], names, [np.array([[0.0, 1.0], [0.0, 2.0]]), np.zeros((0, 2))], "m")
    # "a" is named along x, but what carries it is along y: its prototype leans to y
    assert labels.matrix[0][1] > labels.matrix[0][0] > 0
    assert np.allclose(labels.matrix[1], [0.0, 1.0])
    assert [label for label, _ in labels.closest(np.array([0.0, 1.0]), 2)] == ["b", "a"]


def test_nothing_to_propose_and_inconsistent_input():
    empty = prototypes([], np.zeros((0, 4)), [], "m")
    assert empty.closest(np.ones(4) / 2, 3) == []
    labels = prototypes(["a"], np.array([[1.0, 0.0]]), [np.zeros((0, 2))], "m")
    assert labels.closest(np.array([1.0, 0.0]), 0) == []
    assert labels.closest(np.array([1.0, 0.0]), 3, among=["zzz"]) == []
    with pytest.raises(ValueError):
        prototypes(["a", "b"], np.array([[1.0, 0.0]]), [np.zeros((0, 2))], "m")
