"""The matcher's copy of the organisations' vectors against a brute-force cosine."""

import numpy as np
import pytest

from mentore.matcher.vectors import MAX_LEVEL, PRIOR_TEXTS, Background, VectorTable


def brute_cosine(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def test_cosines_are_those_of_a_brute_force_computation_for_the_ids_held():
    rng = np.random.default_rng(4)
    vectors = rng.normal(size=(50, 16))
    ids = [f"o{i}" for i in range(50)]
    table = VectorTable("model", ids, vectors)
    query = rng.normal(size=16)
    asked = ["o3", "o40", "missing", "o3", "o0"]
    found = table.cosines(query, asked)
    assert set(found) == {"o3", "o40", "o0"}  # the unknown id is left out
    for oid, value in found.items():
        assert value == pytest.approx(brute_cosine(vectors[int(oid[1:])], query), abs=1e-5)
    assert len(table) == 50 and "o7" in table and "x" not in table
    assert table.nbytes == 50 * 16 * 4


def test_nothing_is_answered_for_a_query_of_another_length_or_of_zero_length_and_a_zero_vector_is_far():
    table = VectorTable("model", ["a", "b"], [[1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    assert table.cosines(np.ones(4), ["a"]) == {}
    assert table.cosines(np.zeros(3), ["a"]) == {}
    assert table.cosines(np.array([2.0, 0.0, 0.0]), ["a", "b"]) == {"a": pytest.approx(1.0), "b": 0.0}
    assert VectorTable("model", [], np.zeros((0, 3))).cosines(np.ones(3), ["a"]) == {}
    with pytest.raises(ValueError):
        VectorTable("model", ["a"], np.zeros((2, 3)))


def test_an_updated_table_replaces_and_adds_vectors_and_leaves_the_old_one_as_it_was():
    rng = np.random.default_rng(9)
    old_vectors = rng.normal(size=(4, 8))
    table = VectorTable("model", ["a", "b", "c", "d"], old_vectors, read_at="t1")
    fresh = rng.normal(size=(2, 8))
    updated = table.updated(["c", "e"], fresh, read_at="t2")
    query = rng.normal(size=8)
    got = updated.cosines(query, ["a", "b", "c", "d", "e"])
    assert got["c"] == pytest.approx(brute_cosine(fresh[0], query), abs=1e-5)
    assert got["e"] == pytest.approx(brute_cosine(fresh[1], query), abs=1e-5)
    assert got["a"] == pytest.approx(brute_cosine(old_vectors[0], query), abs=1e-5)
    assert table.cosines(query, ["c"])["c"] == pytest.approx(brute_cosine(old_vectors[2], query), abs=1e-5)
    assert "e" not in table and len(updated) == 5 and updated.read_at == "t2"
    assert table.updated([], np.zeros((0, 8))).cosines(query, ["b"]) == table.cosines(query, ["b"])
    with pytest.raises(ValueError):
        table.updated(["a"], rng.normal(size=(1, 5)))


def test_a_table_read_when_nothing_had_a_vector_takes_the_first_ones():
    empty = VectorTable("model", [], np.zeros((0, 0), dtype=np.float32), read_at="t1")
    first = empty.updated(["a"], [[3.0, 4.0]], read_at="t2")
    assert first.cosines(np.array([3.0, 4.0]), ["a"]) == {"a": pytest.approx(1.0)}


def test_a_large_territory_is_ranked_by_what_the_sources_found_and_the_closest_to_the_text(monkeypatch):
    from mentore.services import matching

    rng = np.random.default_rng(7)
    ids = [f"o{i:03d}" for i in range(40)]
    table = VectorTable("m", ids, rng.normal(size=(40, 8)))
    query = rng.normal(size=8)
    similarities: dict[str, float] = {}
    monkeypatch.setattr(matching, "AMONG_MAX", 50)
    assert matching._within(ids, {"o001"}, {}, query, table, similarities) == sorted(set(ids) - {"o001"})
    assert similarities == {}  # nothing cut: nothing computed here

    monkeypatch.setattr(matching, "AMONG_MAX", 5)
    found = {"o039": None, "o038": None, "elsewhere": None}
    kept = matching._within(ids, {"o001"}, found, query, table, similarities)
    cosines = table.cosines(query, ids)
    closest = sorted((oid for oid in ids if oid != "o001"), key=lambda oid: -cosines[oid])[:5]
    assert kept == sorted(set(closest) | {"o039", "o038"})  # found by a source: kept; not in the area: not
    assert similarities == pytest.approx({oid: cosines[oid] for oid in closest})
    # without the text's vector: the first ones by id, and those found
    assert matching._within(ids, set(), found, None, table, {}) == sorted({*ids[:5], "o038", "o039"})


def test_a_query_s_background_level_is_its_mean_cosine_with_every_text_of_the_kind():
    rng = np.random.default_rng(7)
    work = rng.normal(size=(40, 16)) + 0.8  # texts of one field: their cosines are far from zero
    needs = rng.normal(size=(25, 16)) - 0.5
    background = Background.of("model", {"work": work, "need": needs})
    assert background.counts == {"work": 40, "need": 25}
    for _ in range(20):
        query = rng.normal(size=16) + rng.choice([0.8, -0.5])
        for kind, rows in (("work", work), ("need", needs)):
            mean = np.mean([brute_cosine(row, query) for row in rows])
            drawn = mean * len(rows) / (len(rows) + PRIOR_TEXTS)  # few texts: drawn towards zero
            assert background.level(kind, query) == pytest.approx(min(max(drawn, 0.0), MAX_LEVEL), abs=1e-9)
    # many texts of one field: a query of that field is as close to them as their mean cosine
    many = Background.of("model", {"work": np.vstack([work] * 50)})
    query = np.full(16, 1.0)
    mean = np.mean([brute_cosine(r, query) for r in work])
    assert mean > 0.5 and many.level("work", query) == pytest.approx(mean, rel=0.01)


def test_a_background_counts_from_zero_where_it_knows_nothing():
    background = Background.of("model", {"work": np.zeros((0, 4)), "need": [[0.0, 0.0, 0.0, 0.0], [1.0, 0, 0, 0]]})
    assert background.counts == {"need": 1}  # a vector of zero length is left out
    assert background.level("work", [1.0, 0, 0, 0]) == 0.0  # no past work known
    # one need known: a copy of it is no closer than the rest, yet one text says little of the rest
    assert background.level("need", [1.0, 0, 0, 0]) == pytest.approx(1 / (1 + PRIOR_TEXTS))
    copies = Background.of("model", {"need": [[1.0, 0, 0, 0]] * 1000})
    assert copies.level("need", [1.0, 0, 0, 0]) == MAX_LEVEL  # the same text as every need: capped
    assert background.level("need", [-1.0, 0, 0, 0]) == 0.0  # farther than unrelated: from zero
    assert background.level("need", [1.0, 0, 0]) == 0.0  # another length
    assert background.level("need", [0.0, 0, 0, 0]) == 0.0 and background.level("need", None) == 0.0
