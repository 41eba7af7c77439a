"""What an organisation's work, taken together, is about, in words: lexical profiles.

Each partnership's text (title, theme, description) becomes a TF-IDF vector (scikit-learn:
sublinear term frequency, L2-normalised rows, IDF over all the partnerships). An organisation's
profile is the sum of the vectors of the partnerships it took part in, and its similarity to a
query is the cosine between that sum and the query's own vector. An organisation whose work is
mostly about the query's words scores high even when each project names them once; a large one
that touched them once among hundreds scores low. The full-text index tells the other thing: how
well its best projects match, whatever the rest of its work is about.

Training leaves work out (the example itself, or the whole recent history): ``similarity(...,
without=...)`` takes the left-out partnerships' vectors off their members' sums, so a profile
never holds the text it is being compared with. The vocabulary and its IDF stay those of all the
work (a small, shared leak: how rare a word is, not who used it).

Pure numpy and scikit-learn: no Flask, no Neo4j.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: A word must appear in this many partnerships to count (a typo or a name tells nothing)...
MIN_DF = 2
#: ...and in at most this share of them (words every project uses tell nothing either).
MAX_DF = 0.5
#: Below this many partnerships every word counts: the limits above would leave too few.
SMALL_CORPUS = 20


@dataclass(frozen=True)
class Work:
    """One partnership: its id, its text and the organisations that took part in it."""

    id: str
    text: str
    members: tuple[str, ...]


class LexicalProfiles:
    """Lexical profiles of the organisations that took part in ``works`` (see the module)."""

    def __init__(self, vectorizer: object, work_ids: list[str], rows: sp.csr_matrix, org_ids: list[str],
                 membership: sp.csr_matrix) -> None:
        self._vectorizer = vectorizer
        self._work = {w: j for j, w in enumerate(work_ids)}
        self._org = {o: i for i, o in enumerate(org_ids)}
        self._rows = rows  # works × words
        self._membership = membership  # organisations × works, 1 where it took part
        self._profiles = (membership @ rows).tocsr()  # organisations × words
        self._norms = np.sqrt(np.asarray(self._profiles.multiply(self._profiles).sum(axis=1)).ravel())

    @property
    def size(self) -> tuple[int, int, int]:
        """(organisations, partnerships, words)."""
        return len(self._org), len(self._work), self._rows.shape[1]

    @classmethod
    def fit(cls, works: Iterable[Work], stop_words: Iterable[str] = ()) -> LexicalProfiles | None:
        """Profiles from the partnerships' texts; None when there is no text to learn words from.
        ``stop_words``: words never counted, added to scikit-learn's English list."""
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

        kept = [w for w in works if w.members and w.text and w.text.strip()]
        if not kept:
            return None
        small = len(kept) < SMALL_CORPUS
        vectorizer = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode", dtype=np.float32,
                                     min_df=1 if small else MIN_DF, max_df=1.0 if small else MAX_DF,
                                     stop_words=sorted(ENGLISH_STOP_WORDS | frozenset(stop_words)))
        try:
            rows = vectorizer.fit_transform([w.text for w in kept]).tocsr()
        except ValueError:  # no word left: only stop words, or every word too rare or too common
            return None
        org_ids = sorted({m for w in kept for m in w.members})
        index = {o: i for i, o in enumerate(org_ids)}
        pairs = sorted({(index[m], j) for j, w in enumerate(kept) for m in w.members})
        membership = sp.csr_matrix((np.ones(len(pairs), dtype=np.float32),
                                    ([i for i, _ in pairs], [j for _, j in pairs])),
                                   shape=(len(org_ids), len(kept)))
        return cls(vectorizer, [w.id for w in kept], rows, org_ids, membership)

    def similarity(self, text: str, ids: Sequence[str], without: Iterable[str] = ()) -> dict[str, float]:
        """Cosine between ``text`` and the profile of each of ``ids`` that has any work, with
        the partnerships ``without`` left out of the profiles (0 for a profile left empty)."""
        rows = [self._org[i] for i in ids if i in self._org]
        if not rows:
            return {}
        names = [i for i in ids if i in self._org]
        query = self._vectorizer.transform([text])  # type: ignore[attr-defined]
        if query.nnz == 0:
            return dict.fromkeys(names, 0.0)
        profiles = self._profiles[rows]
        norms = self._norms[rows]
        drop = sorted({self._work[w] for w in without if w in self._work})
        if drop:
            share = self._membership[rows][:, drop]
            if share.nnz:
                profiles = (profiles - share @ self._rows[drop]).tocsr()
                norms = np.sqrt(np.asarray(profiles.multiply(profiles).sum(axis=1)).ravel())
        dots = np.asarray((profiles @ query.T).todense()).ravel()
        # a profile emptied by the left-out work has norm ~0 (float rounding): no similarity
        cosines = np.where(norms > 1e-6, dots / np.maximum(norms, 1e-6), 0.0)
        return {oid: float(c) for oid, c in zip(names, cosines, strict=True)}
