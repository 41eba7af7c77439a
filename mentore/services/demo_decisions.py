"""Demo data: what people did with the demo's suggestions, so that the demo shows a need's whole life.

The demo data set gives some needs the status "matched" or "in progress"; once their
suggestions are computed (``mentore suggestions refresh``), ``apply`` has the poster accept the
best one, as a member of the posting organisation would. On a few open needs the suggested
organisation answers, the poster marks one as contacted, or declines one with a reason; on
others (``offers``) an organisation that was not suggested offers to help, or (``requests``) the
poster asks one of the directory, which answers some of the time. Every step goes
through the suggestion service, with its checks, as a member would. Some of the needs in
progress are then marked met (``met``), naming the organisation chosen as the one that helped.
Each runs once per demo version and never touches a suggestion someone already decided or
answered.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import people, seeding
from mentore.services import needs, suggestions
from mentore.services.errors import ServiceError

log = logging.getLogger(__name__)

DATASET = "demo-decisions"
#: The offers to help unasked, a data set of their own (they came after the decisions: a graph
#: that has those gets them alone).
OFFERS_DATASET = "demo-offers"
#: One open need in OFFER_EVERY gets an offer from an organisation that was not suggested.
OFFER_EVERY = 4
#: The posters' requests to organisations that were not suggested, a data set of their own (they
#: came after the offers): one open need in REQUEST_EVERY.
REQUESTS_DATASET = "demo-requests"
REQUEST_EVERY = 4
#: Needs met with the help of the organisation their poster chose, a data set of their own (it came
#: after the others): one in-progress need in MET_EVERY.
MET_DATASET = "demo-met"
MET_EVERY = 3

#: What a suggested organisation writes back, whether it can help first (chosen by the need's
#: position, so runs agree). The organisation the poster then accepts answers with the first.
ANSWERS = (
    ("yes", "Buongiorno, possiamo aiutarvi: abbiamo volontari disponibili il sabato mattina. "
            "Scriveteci per fissare un primo incontro."),
    ("partly", "Ci interessa collaborare. Possiamo mettere a disposizione due operatori, ma solo da gennaio; "
               "sentiamoci per capire tempi e modalità."),
    ("yes", "Grazie per averci pensato: abbiamo già fatto un lavoro simile l'anno scorso e possiamo "
            "condividere materiali e contatti."),
    ("no", "Grazie per averci pensato, ma in questo periodo non abbiamo volontari disponibili."),
)


#: What an organisation writes when it offers to help unasked (chosen by the need's position).
OFFERS = (
    ("yes", "Abbiamo visto il vostro bisogno: lavoriamo sugli stessi temi nella vostra zona e possiamo dare una "
            "mano. Potete scriverci o chiamarci in sede dal lunedì al venerdì."),
    ("partly", "Possiamo aiutarvi per una parte: non abbiamo persone fisse da dedicare, ma possiamo condividere "
               "spazi e contatti. Sentiamoci per capire se basta."),
)


#: What a poster writes when asking an organisation of the directory (chosen by the need's
#: position); and how the organisation asked answers, when it does: one in three answers it can
#: help, one that it cannot, one has not answered yet.
REQUESTS = (
    "Buongiorno, abbiamo trovato la vostra organizzazione nell'elenco della piattaforma: lavorate sugli stessi "
    "temi nella nostra zona. Potreste aiutarci con questo bisogno? Ci farebbe piacere sentirci.",
    "Ci hanno parlato bene del vostro lavoro. Avreste tempo per darci una mano, anche solo per un consiglio?",
)
REQUEST_ANSWERS = (
    None,
    ("yes", "Grazie per averci cercato: sì, possiamo aiutarvi. Scriveteci per fissare una telefonata."),
    ("no", "Grazie per averci pensato, ma in questo periodo non riusciamo a seguire altri progetti."),
)


@dataclass
class Outcome:
    skipped: bool = False
    done: dict[str, int] = field(default_factory=lambda: {"accepted": 0, "answered": 0, "contacted": 0,
                                                          "declined": 0, "offered": 0, "asked": 0})


def apply(graph: Graph, need_ids: list[str], version: str) -> Outcome:
    """Decisions on the suggestions of the demo needs ``need_ids`` (those with suggestions)."""
    if seeding.dataset_version(graph, DATASET) == version:
        return Outcome(skipped=True)
    outcome = Outcome()
    rows = seeding.demo_suggestions(graph, need_ids, suggestions.ACTIVE)
    for i, row in enumerate(rows):
        try:
            _decide(graph, row, i, outcome.done)
        except ServiceError as exc:  # someone decided in the meantime: leave that need as it is
            log.warning("demo decisions: need %s left as it is: %s", row["need"], exc)
    seeding.mark_dataset(graph, DATASET, version)
    return outcome


def offers(graph: Graph, need_ids: list[str], version: str) -> Outcome:
    """Offers to help with some of the open demo needs ``need_ids``, each by a member of an
    organisation that was not suggested (through the suggestion service, as a member would)."""
    if seeding.dataset_version(graph, OFFERS_DATASET) == version:
        return Outcome(skipped=True)
    outcome = Outcome()
    for i, row in enumerate(seeding.demo_offerers(graph, need_ids)):
        # the first that meets what the need asks of who helps
        chosen = next((c for c in row["candidates"] if not suggestions.unmet_requirements(row["asked"], c)), None)
        member = people.get(graph, chosen["member"]) if chosen else None
        if i % OFFER_EVERY != OFFER_EVERY // 2 or member is None:
            continue
        availability, text = OFFERS[i // OFFER_EVERY % len(OFFERS)]
        try:
            suggestions.offer(graph, member, row["need"], chosen["organisation"], text, availability)
        except ServiceError as exc:  # someone offered or decided in the meantime
            log.warning("demo offers: need %s left as it is: %s", row["need"], exc)
        else:
            outcome.done["offered"] += 1
    seeding.mark_dataset(graph, OFFERS_DATASET, version)
    return outcome


def requests(graph: Graph, need_ids: list[str], version: str, shown: str | None = None) -> Outcome:
    """Requests for help with some of the open demo needs ``need_ids``, each by a member of the
    poster to an organisation of its region that was not suggested (through the suggestion
    service, as a member would: the need's requirements apply); the organisation asked answers
    some of them, through the service too. ``shown``: an organisation whose first such need gets
    one whatever its position (the demo poster's, whom `mentore demo accounts` signs in as)."""
    if seeding.dataset_version(graph, REQUESTS_DATASET) == version:
        return Outcome(skipped=True)
    outcome = Outcome()
    for i, row in enumerate(seeding.demo_offerers(graph, need_ids)):
        # the first that meets what the need asks of who helps (third-sector entities first)
        chosen = next((c for c in row["candidates"]
                       if not suggestions.unmet_requirements(row["asked"], c, suggestions.INVITE_UNMET)), None)
        poster = people.get(graph, row["poster_member"]) if row["poster_member"] else None
        mine = shown is not None and row["asked"]["organisation_id"] == shown
        if (i % REQUEST_EVERY and not mine) or chosen is None or poster is None:
            continue
        asked = outcome.done["asked"]
        try:
            made = suggestions.invite(graph, poster, row["need"], chosen["organisation"],
                                      REQUESTS[asked % len(REQUESTS)])
            if answer := REQUEST_ANSWERS[asked % len(REQUEST_ANSWERS)]:
                suggestions.answer(graph, people.get(graph, chosen["member"]), made["id"], answer[1], answer[0])
        except ServiceError as exc:  # someone asked, offered or decided in the meantime
            log.warning("demo requests: need %s left as it is: %s", row["need"], exc)
        else:
            outcome.done["asked"] += 1
            shown = None if mine else shown  # one of its needs, then as the others
    seeding.mark_dataset(graph, REQUESTS_DATASET, version)
    return outcome


def met(graph: Graph, need_ids: list[str], version: str) -> Outcome:
    """Some of the in-progress demo needs ``need_ids`` marked met by a member of the posting
    organisation, naming the organisation it chose as the one that helped (through the needs
    service, as a member would), so that the demo shows a need's end and its thanks; the first
    also names an organisation suggested that never answered as having helped outside the
    platform, so that the demo shows a question waiting for its confirmation."""
    if seeding.dataset_version(graph, MET_DATASET) == version:
        return Outcome(skipped=True)
    outcome = Outcome()
    for i, row in enumerate(seeding.demo_suggestions(graph, need_ids, ("in_progress",))):
        poster = people.get(graph, row["poster_member"]) if row["poster_member"] else None
        helpers = [s["organisation"] for s in row["suggestions"] if s["status"] == "accepted"]
        if i % MET_EVERY or poster is None or not helpers:
            continue
        claim = "" if outcome.done.get("met") else next(
            (s["organisation"] for s in row["suggestions"] if s["status"] == "proposed" and not s["answered"]), "")
        try:
            needs.transition(graph, poster, row["need"], "met", helped_by=helpers, claim=claim)
        except ServiceError as exc:  # someone moved it in the meantime
            log.warning("demo needs met: need %s left as it is: %s", row["need"], exc)
        else:
            outcome.done["met"] = outcome.done.get("met", 0) + 1
    seeding.mark_dataset(graph, MET_DATASET, version)
    return outcome


def _decide(graph: Graph, row: dict[str, Any], i: int, done: dict[str, int]) -> None:
    poster = people.get(graph, row["poster_member"]) if row["poster_member"] else None
    waiting = [s for s in row["suggestions"] if s["status"] == "proposed" and not s["answered"]]
    if poster is None or not waiting:
        return
    best = waiting[0]
    if row["status"] in ("matched", "in_progress"):
        if not any(s["status"] == "accepted" for s in row["suggestions"]):
            _answer(graph, best, 0)
            suggestions.decide(graph, poster, best["id"], "accept", need_id=row["need"])
            done["accepted"] += 1
        return
    # open needs, in turn: an answer waiting for the poster, a contact, a refusal
    if i % 3 == 0:
        if _answer(graph, best, i):
            done["answered"] += 1
    elif i % 3 == 1:
        suggestions.decide(graph, poster, best["id"], "contact", need_id=row["need"])
        done["contacted"] += 1
    elif len(waiting) > 2:
        suggestions.decide(graph, poster, waiting[-1]["id"], "decline", reason_code="too_far", need_id=row["need"])
        done["declined"] += 1


def _answer(graph: Graph, suggestion: dict[str, Any], i: int) -> bool:
    member = people.get(graph, suggestion["member"]) if suggestion["member"] else None
    if member is None:
        return False
    availability, text = ANSWERS[i % len(ANSWERS)]
    suggestions.answer(graph, member, suggestion["id"], text, availability)
    return True
