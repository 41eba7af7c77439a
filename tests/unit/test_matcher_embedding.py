"""Vectors are L2-normalised rows, whatever the model gives; a model name that is not known is an
EmbeddingError (the matcher then falls back to keywords and relations)."""

from __future__ import annotations

import numpy as np
import pytest

from mentore.matcher.embedding import EmbeddingError, load, normalise


def test_normalise_gives_unit_rows_in_the_same_direction():
    rng = np.random.default_rng(0)
    for _ in range(50):
        vectors = rng.normal(size=(int(rng.integers(1, 20)), int(rng.integers(1, 50)))) * rng.uniform(1e-3, 1e3)
        rows = normalise(vectors)
        assert rows.dtype == np.float32 and rows.shape == vectors.shape
        np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
        for got, original in zip(rows, vectors, strict=True):
            cosine = got @ original / np.linalg.norm(original)
            assert cosine == pytest.approx(1.0, abs=1e-5)


def test_normalise_leaves_zero_rows_at_zero_without_nan():
    vectors = np.array([[0.0, 0.0, 0.0], [3.0, 4.0, 0.0], [0.0, 0.0, 0.0]])
    rows = normalise(vectors)
    assert np.isfinite(rows).all()
    assert (rows[0] == 0).all() and (rows[2] == 0).all()
    np.testing.assert_allclose(rows[1], [0.6, 0.8, 0.0], atol=1e-6)


def test_normalise_turns_one_vector_into_one_row():
    rows = normalise(np.array([0.0, 2.0]))
    assert rows.shape == (1, 2)
    np.testing.assert_allclose(rows[0], [0.0, 1.0])


def test_loading_an_unknown_model_is_an_embedding_error_not_a_crash():
    with pytest.raises(EmbeddingError):
        load("no-such-model")


def test_a_request_s_few_texts_are_embedded_on_one_blas_thread_and_give_the_batch_s_vectors():
    from threadpoolctl import threadpool_info

    from mentore.matcher.embedding import ONE_THREAD_UP_TO, UseEmbedder

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    embedder = UseEmbedder(threads=2)
    model, seen = embedder._model, []

    class Watched:
        def encode(self, texts):
            seen.append((len(texts), blas_threads()))
            return model.encode(texts)

    embedder._model = Watched()
    before = blas_threads()
    texts = [f"Cerchiamo volontari per il doposcuola del quartiere {i}, due pomeriggi a settimana." for i in range(12)]
    alone = np.vstack([embedder.encode([t]) for t in texts])
    together = embedder.encode(texts)
    assert seen[0] == (1, {1})  # one text: one thread
    assert seen[-1] == (len(texts), {2}) and len(texts) > ONE_THREAD_UP_TO  # a batch: the threads asked for
    assert blas_threads() == before  # numpy's setting is left as it was
    np.testing.assert_allclose(alone, together, atol=1e-5)
