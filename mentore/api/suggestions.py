"""``/api/v1``: the matcher's answers, on the ``api`` blueprint. A need's suggestions (seen as
on the need page), the poster's decisions, partner suggestions for a project. A body that is
not a JSON object answers 400; fields that are not valid, 422 with a message on each field, in
the language asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _

from mentore import jobs
from mentore.api.views import _unauthenticated, bp, invalid_fields, not_a_json_object, problem
from mentore.extensions import matcher_of, neo4j
from mentore.formfields import typed_line_breaks
from mentore.messages import message_of
from mentore.reference.places import place_label
from mentore.services import matching, suggestion_pages, suggestions
from mentore.services import needs as needs_service
from mentore.services.errors import ValidationFailed
from mentore.services.suggestions import DecisionRefused
from mentore.web import activity_choices, current_actor, requester_key

ITEM_FIELDS = ("id", "rank", "score", "status", "offered", "invited", "organisation_id", "organisation_name",
               "organisation_kind", "organisation_verified", "organisation_runts_section", "comune_name", "reasons",
               "answer", "availability", "answered_at")
DECIDED_FIELDS = ("id", "status", "need_id", "need_status", "organisation_id")


@bp.get("/needs/<need_id>/suggestions")
def need_suggestions(need_id: str):
    """Who could help with a need, and why (drafts: 404 for outsiders, as the need itself)."""
    graph, actor = neo4j.graph, current_actor()
    shown = suggestion_pages.for_need(graph, actor, needs_service.get(graph, actor, need_id))
    return jsonify({"need_id": need_id, "suggested_at": shown.suggested_at, "degraded": shown.degraded,
                    "note": shown.note, "can_decide": shown.can_decide, "refreshing": shown.refreshing,
                    "narrowed": shown.narrowed,
                    "near_region": {"id": shown.near[0], "name": shown.near[1]} if shown.near else None,
                    "items": [_item(i, shown.can_decide) for i in shown.items]})


@bp.post("/suggestions/<suggestion_id>/decision")
def decide(suggestion_id: str):
    """The poster accepts, contacts or declines (with a reason) a suggestion."""
    return _step(("decision", "reason", "reason_text"), lambda actor, body: suggestion_pages.decide(
        neo4j.graph, actor, suggestion_id, body.get("decision", ""), body.get("reason", ""),
        typed_line_breaks(body.get("reason_text", ""))), DECIDED_FIELDS)


@bp.post("/suggestions/<suggestion_id>/answer")
def answer(suggestion_id: str):
    """The suggested organisation answers the poster: whether it can help, then how."""
    return _step(("availability", "answer"), lambda actor, body: suggestions.answer(
        neo4j.graph, actor, suggestion_id, typed_line_breaks(body.get("answer", "")), body.get("availability", "")),
        ("id", "need_id", "need_status", "organisation_id", "availability", "answer"))


@bp.post("/needs/<need_id>/offers")
def offer(need_id: str):
    """An organisation that was not suggested offers to help with a need: 201 with the
    suggestion it becomes; its reasons come with the refresh, in the background. Without
    ``organisation``, the person's only organisation, as when a need is posted."""
    def act(actor, body: dict[str, Any]) -> dict[str, Any]:
        organisation = body.get("organisation")
        if organisation is None:
            own = needs_service.organisations_of(neo4j.graph, actor)
            organisation = own[0]["id"] if len(own) == 1 else ""
        return suggestions.offer(neo4j.graph, actor, need_id, organisation, typed_line_breaks(body.get("answer", "")),
                                 body.get("availability", ""))

    return _step(("organisation", "availability", "answer"), act,
                 ("id", "need_id", "organisation_id", "status", "availability", "answer"), created=True)


@bp.post("/needs/<need_id>/requests")
def ask(need_id: str):
    """The poster asks an organisation of the directory that was not suggested whether it can
    help, as from its page: 201 with the suggestion it becomes (to contact, ``invited``); its
    reasons come with the refresh, in the background."""
    def act(actor, body: dict[str, Any]) -> dict[str, Any]:
        needs_service.get(neo4j.graph, actor, need_id)  # 404 as the need itself (a draft, for outsiders)
        return suggestions.invite(neo4j.graph, actor, need_id, body.get("organisation", ""),
                                  typed_line_breaks(body.get("message", "")))

    return _step(("organisation", "message"), act, ("id", "need_id", "organisation_id", "status"), created=True)


def _step(texts: tuple[str, ...], act: Callable[[Any, dict[str, Any]], dict[str, Any]], returned: Sequence[str],
          created: bool = False):
    """A step on a suggestion by a signed-in person, from a JSON object whose ``texts`` fields are
    texts: ``act(actor, body)`` takes it (409 when the suggestion or the need no longer allows
    it). When the step set the organisation aside (``set_aside``), the need's suggestions are
    refreshed in the background, another in its place; ``created``: the step made a suggestion
    (201), whose reasons the refresh gives."""
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    payload, errors = _object(request.get_json(silent=True))
    if payload is None:
        return errors
    bad = {k: [_("Deve essere un testo.")] for k in texts if not isinstance(payload.get(k, ""), str)}
    if bad:
        return invalid_fields(bad)
    try:
        now = act(actor, payload)
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    except DecisionRefused as exc:
        return problem(409, _("Conflitto"), message_of(exc))
    if created or now["set_aside"]:
        jobs.submit(jobs.refresh_need, now["need_id"])
    return jsonify({k: now.get(k) for k in returned}), 201 if created else 200


@bp.post("/partners/suggest")
def suggest_partners():
    """Organisations that could join a project (or lead it, when no partner is known)."""
    payload, errors = _object(request.get_json(silent=True))
    if payload is None:
        return errors
    if isinstance(payload.get("text"), str):  # counted and matched as the page's text area would
        payload = {**payload, "text": typed_line_breaks(payload["text"])}
    bad = _partner_errors(payload)
    if bad:
        return invalid_fields(bad)
    try:  # only a search that runs counts towards the limit, as on the page (unknown ids do not)
        result = matching.suggest_partners(matcher_of(), neo4j.graph, payload["text"],
                                           payload.get("known_partners", []),
                                           payload.get("limit", matching.DEFAULT_LIMIT),
                                           programme=payload.get("programme"), kind=payload.get("kind"),
                                           territory=payload.get("territory"), activity=payload.get("activity"),
                                           eligible=matching.Eligibility(verified=payload.get("verified", False),
                                                                         runts=payload.get("runts", False)),
                                           gate=lambda: matching.count_partner_search(neo4j.graph,
                                                                                      requester_key(request)))
    except matching.SearchRateLimited as exc:
        response = problem(429, _("Troppe richieste"), message_of(exc))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    items = [_partner_item(row["rank"], row, row["suggestion"].organisation_id, row["suggestion"].name,
                           row["suggestion"].score, row["suggestion"].reasons, row["suggestion"].promoted)
             for row in suggestion_pages.partner_table(neo4j.graph, result.items)]
    places = [{"id": t, "name": place_label(t), "area": place.name if place.area else None}
              for place in result.text_places for t in place.ids]
    code = suggestion_pages.offered_activity(matcher_of(), neo4j.graph, payload["text"], result,
                                             payload.get("activity"))
    text_activity = {"code": code, "label": dict(activity_choices()).get(code, code)} if code else None
    return jsonify({"items": items, "degraded": result.degraded, "note": result.note, "ranker": result.ranker,
                    "text_places": places, "text_activity": text_activity})


@bp.get("/organisations/<organisation_id>/partners")
def organisation_partners(organisation_id: str):
    """Organisations that could partner with this one and have not yet, as its page lists them
    (computed in the background: ``computed`` false until the first time)."""
    shown = jobs.possible_partners(organisation_id)
    items = [_partner_item(rank, p, p["organisation_id"], p["name"], p["score"], p["reasons"], p["promoted"])
             for rank, p in enumerate(shown.items, start=1)]
    return jsonify({"organisation_id": organisation_id, "computed": shown.computed, "suggested_at": shown.suggested_at,
                    "area": shown.area, "degraded": shown.degraded, "items": items})


@bp.get("/organisations/<organisation_id>/needs/nearby")
def needs_near(organisation_id: str):
    """For its members, the active needs the organisation could answer though it was not
    suggested for them, as its page lists them."""
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    near = suggestions.needs_near(matcher_of(), neo4j.graph, actor, organisation_id)
    return jsonify({"organisation_id": organisation_id, "described": near.described, "items": [
        {"need_id": i.need["id"], "title": i.need["title"], "status": i.need["status"],
         "help_kind": i.need["help_kind"], "deadline": i.need["deadline"], "territory": i.need["territory"],
         "territory_name": i.need["territory_name"], "organisation_id": i.need["poster_id"],
         "organisation_name": i.need["poster_name"], "score": round(i.score, 4),
         "similarity": None if i.similarity is None else round(i.similarity, 4), "territory_level": i.territory,
         "activity": i.activity, "competencies": list(i.competencies)} for i in near.items]})


@bp.get("/matcher/rankers")
def matcher_rankers():
    """How suggestions are ranked now, task by task (the page /suggerimenti/come-funzionano)."""
    from mentore.matcher.features import FEATURES

    labels = {f.name: f.reason for f in FEATURES}
    return jsonify({"rankers": [
        {"task": r.task, "learned": r.learned, "trained_at": r.trained_at, "positives": r.positives,
         "examples": r.examples,
         "features": [{"feature": name, "label": labels[name], "weight": r.weights[name], "effect": effect,
                       "strength": strength, "hand_set": not r.learned or name in r.hand_set}
                      for name, (effect, strength) in r.effects.items()]}
        for r in suggestion_pages.how_suggestions_work(matcher_of(), neo4j.graph)]})


# ----------------------------------------------------------------------------- helpers


def _partner_item(rank: int, card: dict[str, Any], organisation_id: str, name: str, score: float,
                  reasons: list[dict[str, Any]], promoted: bool) -> dict[str, Any]:
    """One ranked organisation, as both partner endpoints give it (the PartnerItem schema);
    ``card``: its kind, seat, verification and RUNTS section (``organisations_repo.cards``)."""
    return {"rank": rank, "organisation_id": organisation_id, "organisation_name": name,
            "organisation_kind": card.get("kind"), "seat": card.get("seat"), "verified": bool(card.get("verified")),
            "runts_section": card.get("runts_section") or None, "score": score, "reasons": reasons,
            "promoted": promoted}


def _item(item: dict[str, Any], poster: bool) -> dict[str, Any]:
    body = {k: item.get(k) for k in ITEM_FIELDS}
    if poster:
        body["decline_reason"], body["decline_text"] = item.get("decline_code"), item.get("decline_text") or None
        body["invitation"] = item.get("invitation")
    return body


def _object(payload: Any):
    """(payload, None) for a JSON object, else (None, the 400 answer)."""
    if isinstance(payload, dict):
        return payload, None
    return None, not_a_json_object()


def _check_optional_text(payload: dict[str, Any], name: str, check: Callable[[str | None], Any], not_text: str,
                         errors: dict[str, list[str]]) -> None:
    """An optional text field of a request: absent or null, or a text the service's ``check``
    accepts; else its message in ``errors``."""
    value = payload.get(name)
    if value is not None and not isinstance(value, str):
        errors[name] = [not_text]
        return
    try:
        check(value)
    except ValidationFailed as exc:
        errors[name] = [exc.errors[name]]


def _partner_errors(payload: dict[str, Any]) -> dict[str, list[str]]:
    """Type and range checks of a partner request (the service checks the text itself)."""
    errors: dict[str, list[str]] = {}
    if not isinstance(payload.get("text"), str):
        errors["text"] = [_("Obbligatorio: un testo che descrive il progetto.")]
    else:
        try:
            matching.check_text(payload["text"])
        except ValidationFailed as exc:
            errors["text"] = [exc.errors["text"]]
    known = payload.get("known_partners", [])
    if not isinstance(known, list) or not all(isinstance(k, str) for k in known):
        errors["known_partners"] = [_("Deve essere una lista di identificativi di organizzazioni.")]
    elif len(known) > suggestion_pages.MAX_KNOWN:
        errors["known_partners"] = [_("Al massimo %(n)s partner.", n=suggestion_pages.MAX_KNOWN)]
    _check_optional_text(payload, "programme", matching.check_programme,
                         _("Deve essere un testo: il nome o il codice del bando."), errors)
    _check_optional_text(payload, "kind", matching.check_kind, _("Deve essere un testo: ETS o PUBLIC_BODY."), errors)
    territory = payload.get("territory")
    if isinstance(territory, list) and all(isinstance(t, str) for t in territory):
        try:  # an area: its provinces
            matching.check_territories(territory)
        except ValidationFailed as exc:
            errors["territory"] = [exc.errors["territory"]]
    else:
        _check_optional_text(payload, "territory", matching.check_territory,
                             _("Deve essere un testo, l'id di un territorio (regione:NN, provincia:NNN, "
                               "comune:NNNNNN), o una lista di id."), errors)
    _check_optional_text(payload, "activity", matching.check_activity,
                         _("Deve essere un testo: una lettera dell'art. 5 (a–z)."), errors)
    for name in ("verified", "runts"):
        if not isinstance(payload.get(name, False), bool):
            errors[name] = [_("Deve essere true o false.")]
    limit = payload.get("limit", matching.DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= matching.MAX_LIMIT:
        errors["limit"] = [_("Deve essere un numero intero tra 1 e %(max)s.", max=matching.MAX_LIMIT)]
    return errors
