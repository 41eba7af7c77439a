"""Suggestions of needs: computing and storing them, the poster's decisions (accept, decline
with a reason, contact), the suggested organisation's inbox and answers.

Authorisation lives here: members of the posting organisation decide; members of the suggested
organisation answer; nobody else sees who was suggested for a draft."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from graph import Graph
from graph.repositories import matching as repo
from graph.repositories import needs as needs_repo
from graph.repositories import organisations as organisations_repo
from graph.repositories.people import Person
from mentore import clock
from mentore.matcher.features import CandidateFacts, Place, Query, territory_match
from mentore.reference.places import place_label
from mentore.reference.vocabularies import N_, Message
from mentore.services import matching
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed
from mentore.services.matching import REQUEST_WITHDRAWN
from mentore.services.needs import get as visible_need
from mentore.services.needs import is_member, notify_members

#: Needs whose suggestions are worth computing.
ACTIVE = needs_repo.ACTIVE_STATUSES
#: Organisations proposed for a need, besides those the poster declined.
SUGGESTIONS_PER_NEED = matching.DEFAULT_LIMIT
#: The way a need's suggestions are found; those found another way are due again (the page says
#: they are being updated, the scheduled refresh renews them). 1: reasons without the past work
#: behind them, and given also for features a learned ranker weighs negatively ("Molto attiva nei
#: partenariati" for the least active), four at most; 2: all the reasons that pushed it up, naming
#: the work behind them, leaving those out and those the facts contradict ("Risponde alle
#: proposte" for one that answered none); 3: the territory counts more for help given on site
#: (volunteers, a space, equipment: matching.ON_SITE_HELP); 4: past work and needs met count by
#: how much closer to the need they are than the rest (matching.Background), and those no closer
#: are no reason; 5: the need itself is not past work of the organisation chosen for it (ranked
#: again, it had "worked on similar themes": that need); 6: for help given on site, only
#: organisations based or working in the need's region (matching.on_site_region).
SUGGESTIONS_METHOD = 6

def needs_to_refresh(graph: Graph, everything: bool = False) -> list[str]:
    return repo.stale_needs(graph, ACTIVE, everything, SUGGESTIONS_METHOD)


def is_due(graph: Graph, need_id: str) -> bool:
    """The need is active and its suggestions are missing, older than the need, marked stale, or
    found another way (SUGGESTIONS_METHOD)."""
    return bool(repo.stale_needs(graph, ACTIVE, False, SUGGESTIONS_METHOD, need_id))


def refresh(matcher: matching.Matcher, graph: Graph, need_id: str) -> matching.Result | None:
    """Compute and store the suggestions of one need (None when it is gone or not active). The
    organisations the poster declined, or that answered they cannot help, stay, with their decision
    or answer, and others are proposed in their place: SUGGESTIONS_PER_NEED besides them. The
    members of an organisation suggested for the need for the first time are notified; so are the
    poster's, when the need waited with nobody in play and now has someone (``waiting``)."""
    need = needs_repo.find(graph, need_id)
    if need is None or need["status"] not in ACTIVE:
        return None
    aside = repo.set_aside_organisations(graph, need_id)
    before = repo.need_suggestion_state(graph, need_id, SUGGESTIONS_METHOD)
    place = matching.place_of(need.get("territory"))
    query = matching.need_query(matcher, need, place)
    result = matching.suggest_for_need(matcher, graph, need, limit=SUGGESTIONS_PER_NEED, exclude=aside,
                                       query=query)
    ranked = {s.organisation_id for s in result.items}
    # found an earlier way, the reasons of those set aside may say what this way no longer does
    # (they are not ranked again); the suggestions a refresh keeps (offered, answered, accepted or
    # contacted) and the new list does not rank have the reasons of the last time (an offer none
    # yet, nor the features its decision is learned from), and that time's rank, now another's
    renew = aside if aside and before.get("suggested_at") and before.get("method") != SUGGESTIONS_METHOD else []
    kept = [o for o in repo.kept_organisations(graph, need_id) if o not in ranked]
    if renew or kept:
        # ranked with the new ones, so that each reason weighs as it would among them, their
        # decision or answer untouched (the need's requirements aside: an offer made before them
        # stays); before the new method is stored, so that a restart in between leaves them due
        among = [*renew, *kept, *ranked]
        again = {s.organisation_id: s for s in matching.suggest_for_need(
            matcher, graph, need, limit=len(among), among=among, query=query, eligible=matching.ANYONE).items}
        repo.renew_set_aside_reasons(graph, need_id, {o: again[o].reasons for o in renew if o in again})
        repo.renew_kept(graph, need_id, [{"organisation": o, "reasons": again[o].reasons, "score": again[o].score,
                                          "features": again[o].features} for o in kept if o in again])
    first = matching.store_need_suggestions(graph, need_id, result, SUGGESTIONS_METHOD)  # clears the stale mark too
    for organisation_id, suggestion_id in first.items():  # told once per need, not at each refresh
        notify_members(graph, None, organisation_id,
                       Message(SUGGESTED, organisation=need["organisation_name"], need=need["title"]),
                       url=f"/organizzazioni/{organisation_id}/suggerimenti/{suggestion_id}",
                       excerpt=need.get("description") or "")
    if before.get("waiting") and result.items:
        # the need waited with nobody, and what changed is not the poster's doing (an organisation
        # joined or changed its profile): they would not know to look
        names = [s.name for s in result.items]
        title = (Message(FOUND_ONE, need=need["title"], organisation=names[0]) if len(names) == 1 else
                 Message(FOUND_MANY, need=need["title"], count=str(len(names))))
        notify_members(graph, None, need["organisation_id"], title, url=f"/bisogni/{need_id}#suggerimenti",
                       excerpt=", ".join(names))
    return result


def mark_near(graph: Graph, organisation_id: str) -> list[str]:
    """An organisation's profile changed: the active needs whose suggestions it may alter are
    marked stale (a restart in between loses nothing) and returned."""
    return repo.mark_needs_near(graph, organisation_id, ACTIVE)


def stored(graph: Graph, need_id: str) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    return repo.need_suggestions(graph, need_id), repo.need_suggestion_state(graph, need_id, SUGGESTIONS_METHOD)


# ----------------------------------------------------------------------------- decisions


#: What the poster may do with a proposal, and from which states.
DECISIONS = {
    "accept": ("accepted", ("proposed", "contacted")),
    "decline": ("declined", ("proposed", "contacted")),
    "contact": ("contacted", ("proposed",)),
    "withdraw": ("declined", ("contacted",)),  # a request of the poster's (invite), taken back
}
#: Reasons offered when declining (a code → the label shown; "other" asks for a text).
DECLINE_REASONS = {
    "not_relevant": N_("Non si occupa di questo tema"),
    "too_far": N_("Troppo lontana"),
    "already_known": N_("La conosciamo già / l'abbiamo già contattata"),
    "no_capacity": N_("Non ha le risorse necessarie"),
    "other": N_("Altro"),
}
#: The label of every reason a suggestion may have been declined with.
DECLINE_LABELS = {**DECLINE_REASONS, REQUEST_WITHDRAWN: N_("Richiesta di aiuto ritirata")}
MAX_REASON = 500
MAX_ANSWER = 2_000
#: What a suggested organisation says first in its answer (a code → the label of the choice).
AVAILABILITY = {
    "yes": N_("Sì, possiamo aiutare"),
    "partly": N_("In parte, o a certe condizioni"),
    "no": N_("No, questa volta non possiamo"),
}


class DecisionRefused(ServiceError):
    """The suggestion is not in a state that allows this decision."""


def _suggestion(graph: Graph, suggestion_id: str) -> dict[str, Any]:
    found = repo.find_suggestion(graph, suggestion_id)
    if found is None:
        raise NotFoundError(suggestion_id)
    return found


def decide(graph: Graph, actor: Person | None, suggestion_id: str, decision: str,
           reason_code: str = "", reason_text: str = "", need_id: str | None = None) -> dict[str, Any]:
    """The poster accepts, declines (with a reason) or marks as contacted a suggestion (with
    ``need_id``, it must be one of that need's), or withdraws a request for help of theirs
    (``invite``: declined as REQUEST_WITHDRAWN, and the organisation asked is told). Accepting an
    open need moves it to "matched".
    Returns the suggestion as it was, and ``set_aside``: the decision declined it, so another
    organisation is to be proposed in its place (the need is marked stale in the same write)."""
    found = _suggestion(graph, suggestion_id)
    if need_id is not None and found["need_id"] != need_id:
        raise NotFoundError(suggestion_id)
    if not is_member(graph, actor, found["poster_id"]):
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione che ha pubblicato il bisogno possono "
                                          "decidere sui suggerimenti.")))
    if decision not in DECISIONS:
        raise ValidationFailed({"decision": Message(N_("Decisione non valida."))})
    if decision == "withdraw" and not found["invited"]:
        raise ValidationFailed({"decision": Message(N_("Si ritira solo una richiesta di aiuto fatta da voi: questa "
                                                       "organizzazione si rifiuta."))})
    if decision == "withdraw" and found.get("availability"):
        raise DecisionRefused(Message(N_("%(organisation)s ha già risposto alla richiesta: accettatela o "
                                         "rifiutatela."), organisation=found["organisation_name"]))
    status, allowed_from = DECISIONS[decision]
    reason = REQUEST_WITHDRAWN if decision == "withdraw" else None
    if decision == "decline":
        if reason_code not in DECLINE_REASONS:
            raise ValidationFailed({"reason": Message(N_("Scegli un motivo."))})
        text = (reason_text or "").strip()
        if reason_code == "other" and not text:
            raise ValidationFailed({"reason_text": Message(N_("Scrivi il motivo."))})
        if len(text) > MAX_REASON:
            raise ValidationFailed({"reason_text": Message(N_("Al massimo %(max)d caratteri."), max=MAX_REASON)})
        reason = reason_code if not text else f"{reason_code}: {text}"
    if found["status"] not in allowed_from:
        raise DecisionRefused(Message(N_("Questo suggerimento è già stato deciso: ricarica la pagina.")))
    if found["need_status"] not in ACTIVE:
        raise DecisionRefused(Message(N_("Il bisogno non è più aperto: non si possono decidere i suggerimenti.")))
    if not repo.decide(graph, suggestion_id, found["status"], status, reason, actor.id):  # type: ignore[union-attr]
        raise DecisionRefused(Message(N_("Il suggerimento è cambiato nel frattempo: ricarica la pagina e riprova.")))
    if decision == "accept" and found["need_status"] == "open":
        needs_repo.set_status(graph, found["need_id"], "open", "matched")
    if decision in TOLD:  # the suggested organisation is told it was chosen or will be contacted (not refused)
        notify_members(graph, actor, found["organisation_id"],
                       Message(TOLD[decision], organisation=found["poster_name"], need=found["need_title"]),
                       url=f"/organizzazioni/{found['organisation_id']}/suggerimenti/{suggestion_id}")
    elif decision == "withdraw":  # it was told of the request: it is told it no longer stands
        notify_members(graph, actor, found["organisation_id"],
                       Message(WITHDRAWN_REQUEST, organisation=found["poster_name"], need=found["need_title"]),
                       url=f"/bisogni/{found['need_id']}")
    return {**found, "set_aside": status == "declined"}


#: What the members of an organisation are told when it is suggested for a need (once per need).
SUGGESTED = N_("La vostra organizzazione è suggerita per il bisogno «%(need)s» di %(organisation)s: "
               "potete rispondere")
#: What the poster's members are told when a need that had nobody in play gets suggestions again,
#: without their doing (refresh).
FOUND_ONE = N_("Per il bisogno «%(need)s», rimasto senza nessuno che potesse aiutare, la piattaforma ora suggerisce "
               "%(organisation)s")
FOUND_MANY = N_("Per il bisogno «%(need)s», rimasto senza nessuno che potesse aiutare, la piattaforma ora "
                "suggerisce %(count)s organizzazioni")
#: What the members of an organisation the poster asked are told when the poster takes it back.
WITHDRAWN_REQUEST = N_("%(organisation)s ha ritirato la richiesta di aiuto per il bisogno «%(need)s»")
#: What the members of a suggested organisation are told of the poster's decision.
TOLD = {
    "accept": N_("%(organisation)s ha scelto la vostra organizzazione per il bisogno «%(need)s»"),
    "contact": N_("%(organisation)s vuole contattarvi per il bisogno «%(need)s»"),
}
#: What the poster's members are told of an answer, by what it says first.
ANSWERED = {
    "yes": N_("%(organisation)s può aiutare per il bisogno «%(need)s»"),
    "partly": N_("%(organisation)s può aiutare in parte per il bisogno «%(need)s»"),
    "no": N_("%(organisation)s non può aiutare per il bisogno «%(need)s»: la piattaforma ne cerca un'altra"),
}
#: ... when the answer comes from an organisation the poster asked of their own accord (invite),
#: not chosen since.
ASKED = {
    "yes": N_("%(organisation)s risponde alla vostra richiesta: può aiutare per il bisogno «%(need)s»"),
    "partly": N_("%(organisation)s risponde alla vostra richiesta: può aiutare in parte per il bisogno «%(need)s»"),
    "no": N_("%(organisation)s risponde alla vostra richiesta: non può aiutare per il bisogno «%(need)s»"),
}
#: ... when the answer "no" comes from an organisation the poster chose or wants to contact (it
#: keeps its status, and is set aside as any "no" is: another is proposed in its place), or
#: withdraws an offer.
NO_LONGER = N_("%(organisation)s non può più aiutare per il bisogno «%(need)s»: la piattaforma ne cerca un'altra")
WITHDRAWN = N_("%(organisation)s ritira la sua proposta di aiuto per il bisogno «%(need)s»")
#: ... when the organisation the poster chose says "no" and no other chosen one can still help:
#: the matched need goes back to open in the same write; and when it takes that "no" back.
REOPENED = N_("%(organisation)s non può più aiutare per il bisogno «%(need)s»: il bisogno torna aperto e la "
              "piattaforma cerca un'altra organizzazione")
BACK = N_("%(organisation)s può di nuovo aiutare per il bisogno «%(need)s»: il bisogno torna abbinato")


def answer(graph: Graph, actor: Person | None, suggestion_id: str, text: str,
           availability: str = "") -> dict[str, Any]:
    """The suggested organisation answers the poster: whether it can help (``availability``, one
    of AVAILABILITY), then how, on what terms, whom to contact (``text``; may be left empty when
    it cannot help). An organisation that cannot help is set aside, as a declined one: the need's
    suggestions are marked stale in the same write, for another organisation to be proposed. When
    it is the one the poster chose and no other chosen one can still help, a matched need goes
    back to open in that write too (and back to matched if it takes its "no" back). Returns the
    suggestion with its answer, ``set_aside`` as ``decide`` does, and the need's new status."""
    found = _suggestion(graph, suggestion_id)
    if not is_member(graph, actor, found["organisation_id"]):
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione suggerita possono rispondere.")))
    errors = {}
    if availability not in AVAILABILITY:
        errors["availability"] = Message(N_("Dite se potete aiutare."))
    text = (text or "").strip()
    if not text and availability != "no":
        errors["answer"] = Message(N_("Scrivi la risposta: come potete aiutare, a quali condizioni, chi contattare."))
    if len(text) > MAX_ANSWER:
        errors["answer"] = Message(N_("Al massimo %(max)d caratteri."), max=MAX_ANSWER)
    if errors:
        raise ValidationFailed(errors)
    if found["status"] == "declined" and found.get("decline_reason") == REQUEST_WITHDRAWN:
        raise DecisionRefused(Message(N_("%(organisation)s ha ritirato la richiesta di aiuto: non attende più una "
                                         "risposta."), organisation=found["poster_name"]))
    if found["status"] == "declined" or found["need_status"] in ("draft", "closed", "expired", "met"):
        raise DecisionRefused(Message(N_("Il bisogno non attende più risposte.")))
    stored = repo.answer(graph, suggestion_id, text, availability, actor.id)  # type: ignore[union-attr]
    if stored is None:
        raise NotFoundError(suggestion_id)
    told = ANSWERED[availability]
    if stored["was"] != stored["now"]:  # a chosen organisation said no, or took its no back
        told = REOPENED if stored["now"] == "open" else BACK
    elif found["invited"] and found["status"] == "contacted":
        told = ASKED[availability]
    elif availability == "no" and found["status"] in ("accepted", "contacted"):
        told = NO_LONGER
    elif availability == "no" and found["offered"]:
        told = WITHDRAWN
    notify_members(graph, actor, found["poster_id"],
                   Message(told, organisation=found["organisation_name"], need=found["need_title"]),
                   url=f"/bisogni/{found['need_id']}#s-{suggestion_id}", excerpt=text)
    return {**found, "answer": text, "availability": availability, "set_aside": availability == "no",
            "need_status": stored["now"]}


#: What the poster's members are told of an offer, by what it says first.
OFFERED = {
    "yes": N_("%(organisation)s si offre di aiutare per il bisogno «%(need)s»"),
    "partly": N_("%(organisation)s si offre di aiutare in parte per il bisogno «%(need)s»"),
}


def offer(graph: Graph, actor: Person | None, need_id: str, organisation_id: str, text: str,
          availability: str = "") -> dict[str, Any]:
    """An organisation the matcher did not suggest offers to help with a need it can see: whether
    in full or in part (``availability``, "yes" or "partly"), then how, on what terms, whom to
    contact (``text``). The offer is a suggestion already answered, which the poster accepts,
    contacts or declines as any other; the refresh it marks due says why the organisation could
    help. An organisation already suggested answers its suggestion instead (DecisionRefused).
    Returns the suggestion: {id, need_id, organisation_id, status, availability, answer}."""
    need = visible_need(graph, actor, need_id).need  # a draft is not found by outsiders
    errors = {}
    if not organisation_id:
        errors["organisation"] = Message(N_("Scegli per quale organizzazione vi proponete."))
    elif organisation_id == need["organisation_id"]:
        errors["organisation"] = Message(N_("È l'organizzazione che ha pubblicato il bisogno."))
    else:
        # the person's organisation, with what the need's requirements ask of it (one read)
        mine = next((o for o in organisations_repo.organisations_of(graph, actor.id) if o["id"] == organisation_id),
                    None) if actor else None
        if mine is None:
            raise PermissionDenied(Message(N_("Solo i membri di un'organizzazione possono proporla.")))
        if unmet := unmet_requirements(need, mine):
            errors["organisation"] = next(iter(unmet.values()))  # the first: it may not offer
    if availability not in OFFERED:
        errors["availability"] = Message(N_("Dite se potete aiutare del tutto o in parte."))
    text = (text or "").strip()
    if not text:
        errors["answer"] = Message(N_("Scrivi come potete aiutare, a quali condizioni, chi contattare."))
    elif len(text) > MAX_ANSWER:
        errors["answer"] = Message(N_("Al massimo %(max)d caratteri."), max=MAX_ANSWER)
    if errors:
        raise ValidationFailed(errors)
    done = repo.offer(graph, str(uuid.uuid4()), need_id, organisation_id, text, availability, actor.id, ACTIVE)
    if done is None:
        raise DecisionRefused(Message(N_("Il bisogno non attende più risposte.")))
    name = done["organisation_name"]
    if not done["created"]:
        raise DecisionRefused(Message(
            N_("%(organisation)s è già stata considerata per questo bisogno: non può proporsi di nuovo.")
            if done["status"] == "declined" else
            N_("%(organisation)s è già tra le organizzazioni suggerite per questo bisogno: la risposta si dà dai "
               "suggerimenti dell'organizzazione."), organisation=name))
    notify_members(graph, actor, need["organisation_id"],
                   Message(OFFERED[availability], organisation=name, need=need["title"]),
                   url=f"/bisogni/{need_id}#s-{done['id']}", excerpt=text)
    return {"id": done["id"], "need_id": need_id, "organisation_id": organisation_id, "status": done["status"],
            "availability": availability, "answer": text}


#: What the members of an organisation the poster asks are told (services.suggestions.invite).
INVITED = N_("%(organisation)s vi chiede se potete aiutare per il bisogno «%(need)s»")
#: Why the poster may not ask an organisation, for each requirement of the need it does not meet.
INVITE_UNMET = {
    "verified": N_("Per questo bisogno cercate solo organizzazioni verificate, e %(organisation)s non lo è ancora: "
                   "per chiederle aiuto, togliete prima il requisito dal bisogno."),
    "runts": N_("Per questo bisogno cercate solo enti iscritti al RUNTS, e il profilo di %(organisation)s non "
                "indica una sezione del registro: per chiederle aiuto, togliete prima il requisito dal bisogno."),
    "within": N_("Per questo bisogno cercate solo organizzazioni con sede o attività in %(area)s, e "
                 "%(organisation)s non ne ha lì: per chiederle aiuto, togliete prima il requisito dal bisogno."),
}
#: The needs listed at most where a person asks an organisation whether it can help.
MAY_ASK_LIMIT = 50
#: The organisations a poster may ask of their own accord for one need (each is notified): as
#: many as the platform suggests.
MAX_INVITED = SUGGESTIONS_PER_NEED


def asking(graph: Graph, actor: Person | None,
           organisation_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The active needs of the person's organisations (but ``organisation_id``), the newest first:
    those for which they may ask ``organisation_id`` whether it can help ({id, title,
    organisation_name}: it is not among their suggestions or offers already), and those that
    already have it among their suggestions, offers or requests, where it stands with each ({id,
    title, suggestion_id, status, availability, offered, invited, since, withdrawn: a request
    they took back}). One read."""
    if actor is None:
        return [], []
    found = needs_repo.asking(graph, actor.id, organisation_id, MAY_ASK_LIMIT)
    return found["may_ask"], [{**row, "withdrawn": row["decline_reason"] == REQUEST_WITHDRAWN}
                              for row in found["in_touch"]]


def invite(graph: Graph, actor: Person | None, need_id: str, organisation_id: str, message: str = "") -> dict[str, Any]:
    """The poster asks an organisation of the directory that the matcher did not suggest whether
    it can help with a need: a suggestion the poster wants to contact (``invited``), with the
    poster's ``message``; the organisation's members are told, and it answers from its inbox as
    any suggested organisation does. The refresh it marks due says why it could help. The need's
    requirements of who helps apply (ValidationFailed on ``need``, saying which); an organisation
    already suggested, offered or declined for the need is not asked again (DecisionRefused).
    Returns {id, need_id, organisation_id, status}."""
    need = needs_repo.find(graph, need_id) if need_id else None
    if need is None:
        raise ValidationFailed({"need": Message(N_("Scegli per quale bisogno chiedete aiuto."))})
    if not is_member(graph, actor, need["organisation_id"]):
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione che ha pubblicato il bisogno possono "
                                          "chiedere aiuto per esso.")))
    if not organisation_id:
        raise ValidationFailed({"organisation": Message(N_("Scegli a quale organizzazione chiedere aiuto."))})
    organisation = organisations_repo.requirement_facts(graph, organisation_id)
    if organisation is None:
        raise NotFoundError(organisation_id)
    errors = {}
    if organisation_id == need["organisation_id"]:
        errors["need"] = Message(N_("È un bisogno di %(organisation)s stessa."), organisation=organisation["name"])
    elif need["status"] not in ACTIVE:
        errors["need"] = Message(N_("Il bisogno non attende più risposte."))
    elif repo.invited_count(graph, need_id) >= MAX_INVITED:
        errors["need"] = Message(N_("Per questo bisogno avete già chiesto aiuto a %(max)d organizzazioni che la "
                                    "piattaforma non suggeriva: aspettate le loro risposte."), max=MAX_INVITED)
    elif unmet := unmet_requirements(need, organisation, INVITE_UNMET):
        errors["need"] = next(iter(unmet.values()))  # the first: it may not be asked
    message = (message or "").strip()
    if len(message) > MAX_ANSWER:
        errors["message"] = Message(N_("Al massimo %(max)d caratteri."), max=MAX_ANSWER)
    if errors:
        raise ValidationFailed(errors)
    done = repo.invite(graph, str(uuid.uuid4()), need_id, organisation_id, message, actor.id, ACTIVE)  # type: ignore[union-attr]
    if done is None:
        raise DecisionRefused(Message(N_("Il bisogno non attende più risposte.")))
    if not done["created"]:
        raise DecisionRefused(Message(
            N_("Avete rifiutato %(organisation)s per questo bisogno.") if done["status"] == "declined" else
            N_("%(organisation)s è già tra le organizzazioni suggerite per questo bisogno: la trovate nella sua "
               "pagina."), organisation=done["organisation_name"]))
    notify_members(graph, actor, organisation_id,
                   Message(INVITED, organisation=need["organisation_name"], need=need["title"]),
                   url=f"/organizzazioni/{organisation_id}/suggerimenti/{done['id']}",
                   excerpt=message or need.get("description") or "")
    return {"id": done["id"], "need_id": need_id, "organisation_id": organisation_id, "status": "contacted"}


#: Why an organisation may not offer to help with a need, for each requirement it does not meet
#: (matching.Eligibility.lacks).
REQUIREMENT_UNMET = {
    "verified": N_("Chi ha pubblicato il bisogno cerca solo organizzazioni verificate dagli amministratori della "
                   "piattaforma, e %(organisation)s non lo è ancora."),
    "runts": N_("Chi ha pubblicato il bisogno cerca solo enti iscritti al RUNTS, e il profilo di %(organisation)s "
                "non indica una sezione del registro."),
    "within": N_("Chi ha pubblicato il bisogno cerca solo organizzazioni con sede o attività nel suo territorio "
                 "(%(area)s), e %(organisation)s non ne ha lì."),
}


def unmet_requirements(need: dict[str, Any], organisation: dict[str, Any],
                       messages: dict[str, str] = REQUIREMENT_UNMET) -> dict[str, Message]:
    """Why an organisation ({name, verified, runts, areas}) may not offer to help with the need
    (or, with ``messages`` INVITE_UNMET, be asked by its poster): each of the need's requirements
    it does not meet (matching.Eligibility.lacks, in that order), with its message; none: it may."""
    eligible = matching.need_eligibility(need)
    lacks = eligible.lacks(bool(organisation.get("verified")), bool(organisation.get("runts")),
                           organisation.get("areas") or ())
    area = place_label(eligible.within) if eligible.within else ""
    return {name: Message(messages[name], organisation=organisation["name"], area=area) for name in lacks}


def offering(need: dict[str, Any], organisations: list[dict[str, Any]],
             items: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Of a person's ``organisations`` ({id, name, verified, runts, areas}), those that may offer to
    help with an active need (not the poster, none of ``items``, all its stored suggestions, and
    meeting the need's requirements); those already suggested or offered, each with the
    suggestion (``suggestion_id``, ``offered``); and those that could offer but for the
    requirements, each with ``why`` (``unmet_requirements``). One the poster
    declined is in none: it is not told so, and cannot offer again."""
    if need["status"] not in ACTIVE:
        return [], [], []
    by_organisation = {i["organisation_id"]: i for i in items}
    free, taken, unqualified = [], [], []
    for o in organisations:
        item = by_organisation.get(o["id"])
        if o["id"] == need["organisation_id"] or (item and item["status"] == "declined"):
            continue
        if item is not None:
            taken.append({**o, "suggestion_id": item["id"], "offered": item.get("offered", False)})
        elif why := unmet_requirements(need, o):
            unqualified.append({**o, "why": why})
        else:
            free.append(o)
    return free, taken, unqualified


#: Days an answer that says the organisation can help waits for the poster's decision before the
#: poster's members are reminded of it (once).
WAITING_DAYS = 3
WAITING_ONE = N_("%(organisation)s ha detto di poter aiutare per il bisogno «%(need)s» e aspetta la vostra "
                 "decisione")
WAITING_MANY = N_("%(count)s organizzazioni hanno detto di poter aiutare per il bisogno «%(need)s» e aspettano "
                  "la vostra decisione")


def remind_waiting(graph: Graph, today: dt.date, days: int = WAITING_DAYS) -> int:
    """Tell the members of each posting organisation, once per answer, of the organisations that
    said they can help with an active need (or offered to) ``days`` or more before ``today`` and
    still wait for its decision: one notification per need. Returns how many needs."""
    # answered on the day ``days`` before today or earlier
    due = repo.waiting_for_decision(graph, ACTIVE, clock.day_end(today - dt.timedelta(days=days)))
    for row in due:
        names = row["names"]
        title = (Message(WAITING_ONE, organisation=names[0], need=row["title"]) if len(names) == 1 else
                 Message(WAITING_MANY, count=str(len(names)), need=row["title"]))
        notify_members(graph, None, row["poster"], title, url=f"/bisogni/{row['need']}#suggerimenti",
                       excerpt=", ".join(names))
        repo.mark_waiting_reminded(graph, row["suggestions"])  # after: a crash in between tells twice, not never
    return len(due)


#: Days a request for help waits for an answer before both sides are reminded of it, once: the
#: organisation asked, and the poster, who may wait, withdraw it or ask another organisation.
REQUEST_WAITING_DAYS = 5
REQUEST_WAITING = N_("%(organisation)s vi ha chiesto aiuto per il bisogno «%(need)s» %(days)s giorni fa e aspetta "
                     "ancora la vostra risposta")
REQUEST_UNANSWERED_ONE = N_("%(organisation)s non ha ancora risposto alla vostra richiesta di aiuto per il bisogno "
                            "«%(need)s»: potete aspettare, ritirarla o chiedere a un'altra organizzazione")
REQUEST_UNANSWERED_MANY = N_("%(count)s organizzazioni non hanno ancora risposto alle vostre richieste di aiuto per "
                             "il bisogno «%(need)s»: potete aspettare, ritirarle o chiedere ad altre organizzazioni")


def remind_requests(graph: Graph, today: dt.date, days: int = REQUEST_WAITING_DAYS) -> int:
    """Remind, once per request, the members of each organisation asked for help ``days`` or more
    before ``today`` that has neither answered nor been chosen or withdrawn since, on an active
    need; and tell the poster's members which of their requests are still unanswered (one
    notification per need). Returns how many requests."""
    due = repo.requests_unanswered(graph, ACTIVE, clock.day_end(today - dt.timedelta(days=days)))
    by_need: dict[str, list[dict[str, Any]]] = {}
    for row in due:
        by_need.setdefault(row["need"], []).append(row)
    for rows in by_need.values():
        first = rows[0]
        for row in rows:
            notify_members(graph, None, row["organisation"],
                           Message(REQUEST_WAITING, organisation=row["poster_name"], need=row["title"],
                                   days=str((today - clock.day_of(row["asked_at"])).days)),
                           url=f"/organizzazioni/{row['organisation']}/suggerimenti/{row['suggestion']}",
                           excerpt=row["invitation"] or "", besides=row["poster"])
        names = [row["name"] for row in rows]
        title = (Message(REQUEST_UNANSWERED_ONE, organisation=names[0], need=first["title"]) if len(names) == 1 else
                 Message(REQUEST_UNANSWERED_MANY, count=str(len(names)), need=first["title"]))
        notify_members(graph, None, first["poster"], title, url=f"/bisogni/{first['need']}#suggerimenti",
                       excerpt=", ".join(names))
        repo.mark_requests_reminded(graph, [row["suggestion"] for row in rows])  # after: twice on a crash, not never
    return len(due)


# ----------------------------------------------------------------------------- needs an organisation could answer

#: Needs shown to an organisation as ones it could answer unasked, and the candidates read from
#: each source (the closest to its profile; those on its activities in its areas).
NEEDS_NEAR = 20
NEAR_CANDIDATES = 100
#: What orders the needs shown: the closeness of the texts (a cosine), the territory (1 same
#: comune ... 1/3 same region, as features.territory_match), the activity and the share of the
#: competencies asked that the organisation has. scripts/bench_needs_near.py measures them.
NEAR_WEIGHTS = {"text": 1.0, "territory": 0.3, "activity": 0.15, "competencies": 0.1}
#: The cosine of the default model's vectors from which a need's text is said to be close to the
#: organisation's profile (a need with no other reason is said to be close anyway: it is shown for it).
CLOSE_TEXT = 0.3


@dataclass(frozen=True)
class NearNeed:
    need: dict[str, Any]
    score: float
    similarity: float | None  # cosine of the need's vector and the organisation's
    territory: str | None  # "comune", "provincia", "regione": where the need is, for the organisation
    activity: str | None  # the need's art. 5 activity, when the organisation carries it out
    competencies: tuple[str, ...]  # the competencies asked that the organisation has


@dataclass(frozen=True)
class NeedsNear:
    organisation: dict[str, Any]  # {id, name}
    items: list[NearNeed]
    described: bool  # the organisation has a vector, or activities: there is something to look from


def needs_near(matcher: matching.Matcher, graph: Graph, actor: Person | None, organisation_id: str,
               limit: int = NEEDS_NEAR) -> NeedsNear:
    """For its members, the active needs an organisation could answer though it was not suggested
    for them: ``near_needs``."""
    reach = _reach(matcher, graph, organisation_id)  # 404 first
    if not is_member(graph, actor, organisation_id):
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione vedono i bisogni a cui potrebbe "
                                          "rispondere.")))
    return _near(matcher, graph, organisation_id, reach, limit, NEAR_WEIGHTS)


def near_needs(matcher: matching.Matcher, graph: Graph, organisation_id: str, limit: int = NEEDS_NEAR,
               weights: dict[str, float] | None = None) -> NeedsNear:
    """The active needs an organisation could answer though it was not suggested for them (nor
    offered, nor posted them): the closest to its profile and those on its activities in its
    areas, ordered by ``weights`` (NEAR_WEIGHTS). A need whose help is given on site is left out
    outside the organisation's region (``matching.on_site_region``, the rule of its suggestions),
    and one whose requirements it does not meet (``matching.need_eligibility``) everywhere. Nothing is
    embedded: the vectors are those stored. NotFoundError for an unknown organisation."""
    return _near(matcher, graph, organisation_id, _reach(matcher, graph, organisation_id), limit,
                 weights or NEAR_WEIGHTS)


def _reach(matcher: matching.Matcher, graph: Graph, organisation_id: str) -> dict[str, Any]:
    """The organisation's facts the needs near it are read against (NotFoundError when unknown)."""
    reach = repo.organisation_reach(graph, organisation_id, matcher.model)
    if reach is None:
        raise NotFoundError(organisation_id)
    return reach


def _near(matcher: matching.Matcher, graph: Graph, organisation_id: str, reach: dict[str, Any], limit: int,
          weights: dict[str, float]) -> NeedsNear:
    """``near_needs`` from the organisation's ``reach`` already read."""
    facts = CandidateFacts(id=organisation_id, place=Place(reach["comune"], reach["province"], reach["region"]),
                           areas=frozenset(reach["areas"]))
    own_activities, own_competencies = set(reach["activities"]), set(reach["competencies"])
    found = []
    for need in repo.needs_near(graph, organisation_id, matcher.model, ACTIVE, NEAR_CANDIDATES):
        place = matching.place_of(need.get("territory"))
        region = matching.on_site_region(need, place)
        if region and region not in facts.areas:
            continue  # volunteers, a space, equipment: not from another region (as its suggestions)
        closeness, level = territory_match(Query(task="need", text="", places=(place,) if place else ()), facts)
        if matching.need_eligibility(need).lacks(reach["verified"], reach["runts"], facts.areas):
            continue  # its poster asks for helpers it is not: it could not offer to help
        activity = need.get("activity") if need.get("activity") in own_activities else None
        asked = need.get("competencies") or []
        shared = tuple(c for c in asked if c in own_competencies)
        score = (weights["text"] * (need.get("similarity") or 0.0) + weights["territory"] * closeness
                 + weights["activity"] * bool(activity)
                 + weights["competencies"] * (len(shared) / len(asked) if asked else 0.0))
        found.append(NearNeed(need=need, score=score, similarity=need.get("similarity"), territory=level,
                              activity=activity, competencies=shared))
    found.sort(key=lambda n: (-n.score, n.need["id"]))
    return NeedsNear(organisation={"id": organisation_id, "name": reach["name"]}, items=found[:limit],
                     described=bool(reach["vector"] or reach["activities"]))


def _inbox_members_only(graph: Graph, actor: Person | None, organisation_id: str) -> None:
    if not is_member(graph, actor, organisation_id):
        raise PermissionDenied(Message(N_("Solo i membri dell'organizzazione vedono i suoi suggerimenti.")))


def inbox(graph: Graph, actor: Person | None, organisation_id: str, page: int = 1,
          per_page: int = 20, waiting: bool = False, requests: bool = False
          ) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """The needs an organisation was suggested for (declined ones are not shown to it), or only
    those waiting for its answer, or only those whose poster asked it for help (``requests``);
    with the counts of the three ({total, waiting, requests})."""
    _inbox_members_only(graph, actor, organisation_id)
    return repo.inbox(graph, organisation_id, (page - 1) * per_page, per_page, ACTIVE, waiting, requests)


def inbox_position(graph: Graph, actor: Person | None, organisation_id: str, suggestion_id: str) -> int | None:
    """Where a suggestion stands in the organisation's whole inbox (0: first; None: not listed
    there), for its members."""
    _inbox_members_only(graph, actor, organisation_id)
    return repo.inbox_position(graph, organisation_id, suggestion_id, ACTIVE)


# ----------------------------------------------------------------------------- an organisation's partners

#: Possible partners shown on an organisation's page, and how long they stand before they are
#: computed again when the page is seen (other organisations join and change meanwhile).
ORGANISATION_PARTNERS = 5
PARTNERS_MAX_AGE_DAYS = 7
#: The way possible partners are found; lists found another way are due again. 1: from all Italy,
#: without the organisation's activities; 2: in its province, or region, with its activities;
#: 3: the same, with reasons that name the past work behind them and leave out the features a
#: learned ranker weighs negatively (2 gave "Molto attiva nei partenariati" to the least active);
#: 4: all the reasons, none that the facts contradict (features.reason_holds); 5: those it met a
#: need with (one helped the other) have worked with it, as partners have: not proposed; 6: "has
#: worked with the partners on similar themes" only when some of that work is closer to its
#: profile than past work in general (features.reason_holds); 7: third-sector entities and public
#: bodies rank with a prior (matching.CIVIC_PRIOR), not in two places kept for them.
PARTNERS_METHOD = 7


@dataclass(frozen=True)
class OrganisationPartners:
    items: list[dict[str, Any]]  # each: organisation_id, name, kind, seat, score, reasons, promoted
    computed: bool  # computed at least once
    due: bool  # to be computed (again): never, or the organisation changed, or too old
    degraded: bool = False
    suggested_at: str | None = None  # when they were computed (None: never)
    area: str | None = None  # the territory they were sought in (a province or a region; None: all Italy)
    organisation: dict[str, Any] | None = None  # the organisation's id and name


def partners_for_organisation(matcher: matching.Matcher, graph: Graph, organisation_id: str,
                              limit: int | None = None) -> tuple[matching.Result, str | None]:
    """Organisations of its territory that could partner with this one and have not yet, and
    that territory: its province, or its region when the province holds fewer than ``limit``
    others, or all Italy (None) when the region does. The organisation is the consortium, its
    profile the project (its vector, its own words plus its past work, when it has one; else the
    text of its name and description), its art. 5 activities the project's."""
    limit = limit or ORGANISATION_PARTNERS
    profile = organisations_repo.profile(graph, organisation_id)
    if profile is None:
        raise NotFoundError(organisation_id)
    text = ". ".join(x for x in (profile.get("name"), profile.get("description")) if x)
    table = matcher.vectors(graph)
    vector = table.unit_vectors([organisation_id]).get(organisation_id) if table is not None else None
    query = matching.partner_query(matcher, graph, text, [organisation_id], task="partner", vector=vector,
                                   activities=profile.get("activities") or ())
    exclude = [organisation_id, *repo.co_partners(graph, organisation_id)]
    place = query.places[0] if query.places else None
    for area in (place.province, place.region) if place else ():
        among = repo.organisations_in(graph, [area], exclude) if area else []
        if len(among) >= limit:
            return matcher.rank(graph, query, limit=limit, exclude=exclude, among=among), area
    return matcher.rank(graph, query, limit=limit, exclude=exclude), None


def organisations_with_partners_due(graph: Graph, everything: bool = False) -> list[str]:
    return repo.organisations_with_partners_due(graph, PARTNERS_MAX_AGE_DAYS, PARTNERS_METHOD, everything)


def refresh_organisation_partners(matcher: matching.Matcher, graph: Graph, organisation_id: str) -> None:
    """Compute and store an organisation's possible partners (nothing when it is gone)."""
    try:
        result, area = partners_for_organisation(matcher, graph, organisation_id)
    except NotFoundError:
        return
    repo.store_organisation_partners(
        graph, organisation_id,
        [{"organisation": s.organisation_id, "score": s.score, "reasons": s.reasons, "promoted": s.promoted}
         for s in result.items],
        result.degraded, area, PARTNERS_METHOD)


def organisation_partners(graph: Graph, organisation_id: str) -> OrganisationPartners:
    """An organisation's possible partners as last computed, with what the page shows of each
    (those no longer on the platform left out, and those it has worked with since: a need met
    together does not make the list due again, and it is not worth waiting for)."""
    state = repo.organisation_partners(graph, organisation_id, PARTNERS_MAX_AGE_DAYS, PARTNERS_METHOD)
    if state is None:
        raise NotFoundError(organisation_id)
    worked_with = set(repo.co_partners(graph, organisation_id)) if state["items"] else set()
    stored = [i for i in state["items"] if i["organisation"] not in worked_with]
    cards = {c["id"]: c for c in organisations_repo.cards(graph, [i["organisation"] for i in stored])}
    items = [{**cards[i["organisation"]], "organisation_id": i["organisation"], "score": i["score"],
              "reasons": i["reasons"], "promoted": bool(i.get("promoted"))}
             for i in stored if i["organisation"] in cards]
    return OrganisationPartners(items=items, computed=state["suggested_at"] is not None, due=bool(state["due"]),
                                degraded=bool(state["degraded"]), suggested_at=state["suggested_at"],
                                area=state["area"], organisation={"id": organisation_id, "name": state["name"]})
