"""Lexical profiles against a brute-force oracle: each organisation's profile is the sum of its
partnerships' TF-IDF rows, compared with the query by cosine, with left-out work taken off."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from mentore.matcher.lexical import SMALL_CORPUS, LexicalProfiles, Work
from mentore.services.search import MATCH_STOP_WORDS

WORDS = ("orti anziani trasporto scuole migranti teatro sport biblioteca disabili giovani lavoro salute "
         "ambiente energia digitale musica accoglienza volontari quartiere famiglie").split()


def corpus(size: int, seed: int = 7) -> list[Work]:
    rng = np.random.default_rng(seed)
    orgs = [f"o{i}" for i in range(12)]
    return [Work(f"p{j}", " ".join(rng.choice(WORDS, size=rng.integers(3, 9))),
                 tuple(rng.choice(orgs, size=rng.integers(1, 4), replace=False)))
            for j in range(size)]


def oracle(works: list[Work], profiles: LexicalProfiles, text: str, oid: str, without=()) -> float:
    """The cosine computed the long way: every partnership's row alone, summed in dense numpy."""
    vectorizer: TfidfVectorizer = profiles._vectorizer
    total = np.zeros(len(vectorizer.vocabulary_))
    for w in works:
        if oid in w.members and w.id not in without:
            total += vectorizer.transform([w.text]).toarray()[0]
    query = vectorizer.transform([text]).toarray()[0]
    norm = np.linalg.norm(total)
    return float(total @ query / norm) if norm > 1e-6 else 0.0


@pytest.mark.parametrize("size", [8, 60])  # below SMALL_CORPUS every word counts; above, the limits apply
def test_similarity_is_the_cosine_with_the_sum_of_the_work(size):
    works = corpus(size)
    profiles = LexicalProfiles.fit(works, MATCH_STOP_WORDS)
    ids = sorted({m for w in works for m in w.members})
    for text in ("orti e anziani nel quartiere", "teatro musica giovani", "energia"):
        got = profiles.similarity(text, ids)
        assert set(got) == set(ids)
        for oid in ids:
            assert got[oid] == pytest.approx(oracle(works, profiles, text, oid), abs=1e-5)
    assert (size < SMALL_CORPUS) == (profiles._vectorizer.min_df == 1)


def test_left_out_work_is_taken_off_the_profiles_of_its_members():
    works = corpus(60)
    profiles = LexicalProfiles.fit(works, MATCH_STOP_WORDS)
    ids = sorted({m for w in works for m in w.members})
    left_out = [w.id for w in works[-15:]] + ["not-a-partnership"]
    text = works[-1].text  # the text of a left-out partnership: its members must not find it in their profile
    got = profiles.similarity(text, ids, without=left_out)
    for oid in ids:
        assert got[oid] == pytest.approx(oracle(works, profiles, text, oid, set(left_out)), abs=1e-5)
    assert any(got[m] < profiles.similarity(text, [m])[m] - 0.01 for m in works[-1].members)
    # an organisation whose only work is left out has an empty profile: similarity 0
    lonely = [Work("a", "orti anziani", ("solo",)), Work("b", "orti scuole", ("altro",))]
    assert LexicalProfiles.fit(lonely).similarity("orti", ["solo", "altro"], without=["a"]) == {
        "solo": 0.0, "altro": pytest.approx(oracle(lonely, LexicalProfiles.fit(lonely), "orti", "altro"))}


def test_work_leaning_on_the_query_beats_a_large_body_of_other_work():
    works = [Work("a1", "orti urbani condivisi", ("small",)), Work("a2", "orti scolastici e compost", ("small",))]
    works += [Work(f"b{i}", f"{topic} nei quartieri", ("large",)) for i, topic in
              enumerate(["teatro", "sport", "musica", "biblioteca", "digitale", "lavoro", "salute"])]
    works += [Work("b-orti", "orti urbani", ("large",))]
    got = LexicalProfiles.fit(works, MATCH_STOP_WORDS).similarity("orti urbani per il quartiere", ["small", "large"])
    assert got["small"] > got["large"] > 0


def test_what_cannot_be_compared_gives_nothing_or_zero():
    assert LexicalProfiles.fit([]) is None
    assert LexicalProfiles.fit([Work("p", "   ", ("o",)), Work("q", "orti", ())]) is None  # no text, no members
    assert LexicalProfiles.fit([Work("p", "il la di e per", ("o",))], MATCH_STOP_WORDS) is None  # only stop words
    profiles = LexicalProfiles.fit(corpus(30))
    assert profiles.similarity("orti", ["unknown"]) == {}  # no work: no profile
    assert set(profiles.similarity("parole assenti dal vocabolario", ["o1", "o2"]).values()) == {0.0}
