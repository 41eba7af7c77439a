"""The art. 5 activity and the competencies a need's text seems to be about, proposed to its
poster while the form is filled in (the form's button "Proponi attività e competenze dal testo",
and ``POST /api/v1/needs/labels``). The poster chooses: nothing is ticked for them.

The prototypes (mentore/matcher/labels.py) are built from the graph's examples and kept by the
process's matcher, read again when organisations' vectors, needs or the vocabulary change (see
``matching._Kept``).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from graph import Graph
from graph.repositories import labels as repo
from mentore.matcher.labels import LabelSet, prototypes
from mentore.reference.vocabularies import N_, Message
from mentore.services.errors import ValidationFailed
from mentore.services.matching import Matcher, check_text, need_text

log = logging.getLogger(__name__)

#: the examples of each label its prototype is built from (organisations, and needs as many)
PER_LABEL = 200
#: how many of each vocabulary are proposed
ACTIVITIES_PROPOSED = 3
COMPETENCIES_PROPOSED = 5
#: the partner finder offers to look only among those carrying out the activity a project's text
#: is closest to when that prototype's cosine with the text reaches this (the default model's
#: scale; on the demo, a text about after-school support has 0.56 with l), a work-integration
#: project 0.43 with p), one about an energy community 0.36 with its closest, l), which it is not
#: about, one about quantum physics 0.12): a hint, not a filter, chosen by reading a few texts
CLEAR_ACTIVITY = 0.4


@dataclass(frozen=True)
class Proposal:
    """What the text seems to be about: activity codes and competency ids, the closest first,
    each with its cosine to the text. ``available`` is False when the model or the graph could
    not answer (the form then says so; the poster chooses as before)."""

    activities: tuple[tuple[str, float], ...] = ()
    competencies: tuple[tuple[str, float], ...] = ()
    available: bool = True


def read_label_sets(matcher: Matcher, graph: Graph) -> dict[str, LabelSet] | None:
    """The prototypes of both vocabularies for the matcher's model, from the graph's examples
    (None when the model cannot embed the labels' names)."""
    found = repo.label_examples(graph, matcher.model, PER_LABEL)
    names = matcher.encode([row["name"] for rows in found.values() for row in rows])
    if names is None:
        return None
    sets, start = {}, 0
    for vocabulary, rows in found.items():
        examples = [np.asarray(row["organisation_vectors"] + row["need_vectors"], dtype=np.float32) for row in rows]
        sets[vocabulary] = prototypes([row["id"] for row in rows], names[start:start + len(rows)], examples,
                                      matcher.model)
        start += len(rows)
    return sets


def label_sets(matcher: Matcher, graph: Graph) -> dict[str, LabelSet] | None:
    """The matcher's copy of the prototypes (None while they cannot be built)."""
    kept = matcher.kept("the labels' prototypes", lambda g: (repo.labels_stamp(g), matcher.model),
                        lambda g, _previous: read_label_sets(matcher, g))
    sets = kept.get(graph)
    if sets is not None and any(s.model != matcher.model for s in sets.values()):
        return None  # another model was loaded since (the copy is read again at the next look)
    return sets


def text_of(title: str | None, description: str | None, beneficiaries: str | None = None) -> str:
    """What the proposals read: the need's text as the matcher embeds it (what is needed and for
    whom, ``matching.need_text``); empty when there is nothing but blanks."""
    return need_text({"title": title, "description": description, "beneficiaries": beneficiaries})


def propose(matcher: Matcher, graph: Graph, title: str, description: str, beneficiaries: str = "",
            competencies: Sequence[str] | None = None) -> Proposal:
    """The labels closest to the need's title, description and beneficiaries, read as one text
    (ValidationFailed on ``description`` when it cannot be read: empty, too long, no words,
    another language); ``competencies``: only among those (the form's choices)."""
    text = text_of(title, description, beneficiaries)
    if not text:
        raise ValidationFailed({"description": Message(N_("Scrivi il titolo o la descrizione del bisogno: le "
                                                          "proposte vengono dal testo."))})
    text = check_text(text, "description")
    vectors = matcher.encode([text])
    if vectors is None:
        return Proposal(available=False)
    try:
        sets = label_sets(matcher, graph)
    except Exception:  # the form still works without proposals
        log.exception("labels' prototypes not read")
        sets = None
    if not sets:
        return Proposal(available=False)
    return Proposal(
        activities=tuple(sets["activity"].closest(vectors[0], ACTIVITIES_PROPOSED)),
        competencies=tuple(sets["competency"].closest(vectors[0], COMPETENCIES_PROPOSED, among=competencies)))


def clear_activity(matcher: Matcher, graph: Graph, text: str, vector: np.ndarray | None = None) -> str | None:
    """The art. 5 activity a project's text is plainly about, which the partner finder offers as
    a filter: the closest prototype, when its cosine with the text reaches CLEAR_ACTIVITY. None
    when none does, or when the model or the prototypes are not available: the page goes without.
    ``vector``: the text's, when the search already embedded it (else it is embedded here)."""
    if vector is None:
        vectors = matcher.encode([text]) if text.strip() else None
        if vectors is None:
            return None
        vector = vectors[0]
    try:
        sets = label_sets(matcher, graph)
    except Exception:  # the finder still works without the offer
        log.exception("labels' prototypes not read")
        return None
    closest = sets["activity"].closest(vector, 1) if sets and "activity" in sets else []
    return closest[0][0] if closest and closest[0][1] >= CLEAR_ACTIVITY else None


def as_json(proposal: Proposal, activity_names: dict[str, str], competency_names: dict[str, str]) -> dict[str, Any]:
    """The proposal for the API and the form's script, named in the person's language."""
    return {"available": proposal.available,
            "activities": [{"code": code, "label": activity_names.get(code, code), "score": round(score, 4)}
                           for code, score in proposal.activities],
            "competencies": [{"id": cid, "label": competency_names.get(cid, cid), "score": round(score, 4)}
                             for cid, score in proposal.competencies]}
