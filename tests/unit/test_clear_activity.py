"""The activity the partner finder offers as a filter: the one a project's text is plainly about,
only when its prototype is close enough to the text; never an error when the model or the
prototypes are missing (the page goes without the offer)."""

import math

import numpy as np
import pytest

from mentore.matcher.labels import LabelSet
from mentore.services import need_labels
from mentore.services.need_labels import CLEAR_ACTIVITY, clear_activity


class Encoder:
    """A matcher that embeds every text as the given vector (None: the model failed)."""

    def __init__(self, vector):
        self.vector = vector
        self.model = "test-model"

    def encode(self, texts):
        return None if self.vector is None else np.array([self.vector] * len(texts), dtype=np.float32)


def text_at(cosine):
    """A unit vector whose cosine with the first axis is ``cosine`` (and 0 with the third)."""
    return [cosine, math.sqrt(1 - cosine * cosine), 0.0]


@pytest.fixture()
def activities(monkeypatch):
    """l) along the first axis, y) along the third."""
    found = {"activity": LabelSet(("l", "y"), np.array([[1, 0, 0], [0, 0, 1]], dtype=np.float32), (3, 2),
                                  "test-model")}
    monkeypatch.setattr(need_labels, "label_sets", lambda matcher, graph: found)
    return found


def test_the_closest_activity_is_offered_when_the_text_is_close_enough_to_it(activities):
    assert clear_activity(Encoder(text_at(CLEAR_ACTIVITY + 0.01)), None, "Doposcuola per ragazzi") == "l"
    assert clear_activity(Encoder(text_at(0.9)), None, "Doposcuola per ragazzi") == "l"


def test_nothing_is_offered_for_a_text_no_activity_is_close_to(activities):
    assert clear_activity(Encoder(text_at(CLEAR_ACTIVITY - 0.01)), None, "Simulatore di vortici quantistici") is None


def test_nothing_is_offered_without_a_model_prototypes_or_text(activities, monkeypatch):
    assert clear_activity(Encoder(None), None, "Doposcuola per ragazzi") is None  # the model failed
    assert clear_activity(Encoder(text_at(0.9)), None, "   ") is None
    monkeypatch.setattr(need_labels, "label_sets", lambda matcher, graph: None)  # no prototypes for this model
    assert clear_activity(Encoder(text_at(0.9)), None, "Doposcuola per ragazzi") is None

    def broken(matcher, graph):
        raise RuntimeError("the graph is not answering")
    monkeypatch.setattr(need_labels, "label_sets", broken)
    assert clear_activity(Encoder(text_at(0.9)), None, "Doposcuola per ragazzi") is None


def test_the_vector_of_a_search_that_embedded_the_text_is_not_embedded_again(activities):
    # Encoder(None) fails to embed anything: the offer comes from the vector given
    assert clear_activity(Encoder(None), None, "Doposcuola per ragazzi", np.array(text_at(0.9))) == "l"
