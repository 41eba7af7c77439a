"""``/api/v1/needs``: the needs check-list as JSON, on the ``api`` blueprint. Same filters as
the page, same validation as the form (the JSON goes through NeedForm)."""

from __future__ import annotations

from typing import Any

from flask import jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from mentore import jobs
from mentore.api.views import _unauthenticated, bad_parameters, bp, invalid_fields, not_a_json_object, problem
from mentore.extensions import neo4j
from mentore.messages import message_of
from mentore.needs.forms import NeedForm
from mentore.reference.places import place_label
from mentore.reference.vocabularies import HELP_KINDS, NEED_STATUSES
from mentore.services import needs as service
from mentore.services.errors import ValidationFailed
from mentore.services.matching import ANYWHERE, HELPERS_WITHIN
from mentore.services.querystring import QueryReader
from mentore.web import competency_choices, current_actor, eligible_helpers, named_label_proposals, query_lists

NEED_LIST_FIELDS = ("competencies",)
#: Fields that are true or false: the form would read any other value given ("no", 0) as true.
NEED_BOOLEAN_FIELDS = ("in_person", "only_verified", "only_runts", "publish", "keep_place", "allow_duplicate")
INPUT_FIELDS = ("title", "description", "beneficiaries", "place", "deadline", "help_kind", "volunteers_needed",
                "in_person", "only_verified", "only_runts", "helpers_within", "activity", "competencies", "publish")
PUBLIC_FIELDS = ("id", "title", "description", "beneficiaries", "help_kind", "volunteers_needed", "in_person",
                 "only_verified", "only_runts", "helpers_within", "status",
                 "deadline", "territory", "territory_name", "activity", "competencies", "organisation_id",
                 "organisation_name", "created_at", "updated_at", "published_at", "helped_by")


@bp.get("/needs")
def list_needs():
    query, errors = service.parse_query(query_lists(request))
    if errors:
        return bad_parameters(errors)
    result = service.search(neo4j.graph, query)
    return jsonify({"items": result.items, "total": result.total, "page": query.page, "per_page": query.per_page,
                    "pages": result.pages, "status_counts": result.status_counts})


@bp.get("/needs/<need_id>")
def get_need(need_id: str):
    view = service.get(neo4j.graph, current_actor(), need_id)
    return jsonify(_with_claims(view.need) if view.can_manage else _public(view.need))


@bp.post("/needs")
def create_need():
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    payload = request.get_json(silent=True)
    organisations = service.organisations_of(neo4j.graph, actor)
    if not organisations:
        return problem(403, _("Accesso negato"), _("Per pubblicare un bisogno devi far parte di un'organizzazione."))
    if isinstance(payload, dict) and not payload.get("organisation") and len(organisations) == 1:
        payload = {**payload, "organisation": organisations[0]["id"]}
    form, failure = _validated(payload, organisations=[(o["id"], o["name"]) for o in organisations])
    if failure:
        return failure
    try:
        need_id = service.create(neo4j.graph, actor, form.organisation.data, form.to_input())
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    jobs.submit(jobs.refresh_need, need_id)
    body = _public(service.get(neo4j.graph, actor, need_id).need)
    return jsonify(body), 201, {"Location": url_for("api.get_need", need_id=need_id)}


@bp.patch("/needs/<need_id>")
def update_need(need_id: str):
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    graph = neo4j.graph
    current = service.for_edit(graph, actor, need_id)  # 404, then 403 (JSON through mentore.errors)
    payload = request.get_json(silent=True)
    if isinstance(payload, dict):
        payload = {**_as_input(current), **payload}
    form, failure = _validated(payload, kept_place=current.get("place_kept"))
    if failure:
        return failure
    try:
        service.update(graph, actor, need_id, form.to_input())
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    jobs.submit(jobs.refresh_need, need_id)
    return jsonify(_public(service.get(graph, actor, need_id).need))


@bp.post("/needs/<need_id>/status")
def change_status(need_id: str):
    """Move a need through its lifecycle, as the page's buttons do (members of its organisation);
    a need met may name the organisations that helped (``helped_by``), and one of the directory to
    ask (``claim``), as the page does."""
    actor, payload, refused = _json_write()
    if refused is not None:
        return refused
    target, helpers, claim = payload.get("status"), payload.get("helped_by", []), payload.get("claim", "")
    errors = _helper_errors(helpers, claim)
    if not isinstance(target, str) or target not in NEED_STATUSES:
        errors["status"] = [_("Indica uno stato tra: %(statuses)s.", statuses=", ".join(NEED_STATUSES))]
    if errors:
        return invalid_fields(errors)
    graph = neo4j.graph
    try:
        service.transition(graph, actor, need_id, target, helped_by=helpers, claim=claim.strip())
    except ValidationFailed as exc:
        return invalid_fields({"claim" if k == "other" else k: [v] for k, v in exc.errors.items()})
    except service.TransitionRefused as exc:
        return problem(409, _("Conflitto"), message_of(exc))
    if target == "open":  # back among the open ones: its suggestions again
        jobs.submit(jobs.refresh_need, need_id)
    return jsonify(_public(service.get(graph, actor, need_id).need))


@bp.put("/needs/<need_id>/helpers")
def set_helpers(need_id: str):
    """Who helped to meet a need already met, said again (the whole list, ``helped_by``), as its
    page lets the poster's members do: those added are thanked."""
    actor, payload, refused = _json_write()
    if refused is not None:
        return refused
    helpers, claim = payload.get("helped_by"), payload.get("claim", "")
    errors = _helper_errors(helpers, claim)
    if errors:
        return invalid_fields(errors)
    graph = neo4j.graph
    try:
        service.set_helpers(graph, actor, need_id, helpers, claim=claim.strip())
    except ValidationFailed as exc:
        return invalid_fields({"claim" if k == "other" else k: [v] for k, v in exc.errors.items()})
    except service.TransitionRefused as exc:
        return problem(409, _("Conflitto"), message_of(exc))
    return jsonify(_with_claims(service.get(graph, actor, need_id).need))


@bp.post("/needs/<need_id>/helpers/<organisation_id>")
def answer_help_claim(need_id: str, organisation_id: str):
    """An organisation the poster said helped to meet a need (a claim: ``help_claims``) confirms
    it or says it did not, as its members do on the need's page; the poster's members may withdraw
    the question."""
    actor, payload, refused = _json_write()
    if refused is not None:
        return refused
    decision = payload.get("decision")
    if decision not in service.CLAIM_DECISIONS:
        return invalid_fields({"decision": [_("Indica una decisione tra: confirm, decline, withdraw.")]})
    graph = neo4j.graph
    try:
        service.answer_claim(graph, actor, need_id, organisation_id, decision)
    except service.TransitionRefused as exc:
        return problem(409, _("Conflitto"), message_of(exc))
    return jsonify(_public(service.get(graph, actor, need_id).need))


@bp.get("/needs/eligible")
def eligible_helpers_count():
    """How many organisations of the platform a need's requirements of who helps admit, as the
    form says while they are chosen: ``place`` (as the form's field takes it), ``only_verified``,
    ``only_runts`` (true or false), ``helpers_within`` (provincia, regione, italia or empty),
    ``organisation`` (the poster's, left out of the count), ``help_kind`` and ``in_person`` (true
    or false: help given on site is asked only of the place's region). ``count`` and ``message``
    are null without requirements nor help given on site, or with a territory asked of a place
    that is not one."""
    reader = QueryReader(query_lists(request))
    flags = {}
    for name in ("only_verified", "only_runts", "in_person"):
        value = reader.first(name).lower()
        if value not in ("", "true", "false", "1", "0"):
            reader.errors[name] = _("Deve essere true o false.")
        flags[name] = value in ("true", "1")
    within = reader.first("helpers_within") or None
    if within is not None and within not in (*HELPERS_WITHIN, ANYWHERE):
        reader.errors["helpers_within"] = _("Indica provincia, regione o italia.")
    help_kind = reader.first("help_kind") or None
    if help_kind is not None and help_kind not in HELP_KINDS:
        reader.errors["help_kind"] = _("Indica un tipo di aiuto tra: %(values)s.", values=", ".join(HELP_KINDS))
    if len(reader.first("place")) > 200:
        reader.errors["place"] = _("Al massimo %(max)d caratteri.", max=200)
    if reader.errors:
        return bad_parameters(reader.errors)
    return jsonify(eligible_helpers(reader.first("organisation") or None, reader.first("place"),
                                    flags["only_verified"], flags["only_runts"], within, help_kind,
                                    flags["in_person"]))


@bp.post("/needs/labels")
def propose_labels():
    """The art. 5 activities and the competencies a need's title, description and beneficiaries
    seem to be about, as the form proposes them; the organisation profile asks the same with its
    name as the title (signed-in people: it serves those who fill in those forms)."""
    if current_actor() is None:
        return _unauthenticated()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return not_a_json_object()
    not_text = [k for k in ("title", "description", "beneficiaries")
                if payload.get(k) is not None and not isinstance(payload[k], str)]
    if not_text:
        return invalid_fields({k: [_("Deve essere un testo.")] for k in not_text})
    try:
        return jsonify(named_label_proposals(payload.get("title"), payload.get("description"),
                                             payload.get("beneficiaries"), competency_choices()))
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})


def _validated(payload: Any, organisations: list[tuple[str, str]] | None = None, kept_place: str | None = None):
    """Validate a JSON need through the same form as the page: same rules, same messages
    (``kept_place``: the place the poster already confirmed, when editing)."""
    if not isinstance(payload, dict):
        return None, not_a_json_object()
    not_boolean = [k for k in NEED_BOOLEAN_FIELDS if payload.get(k) is not None and not isinstance(payload[k], bool)]
    if not_boolean:
        return None, invalid_fields({k: [_("Deve essere true o false.")] for k in not_boolean})
    data = MultiDict()
    for key, value in payload.items():
        if key in NEED_LIST_FIELDS:
            if not isinstance(value, list):
                return None, invalid_fields({key: [_("Deve essere una lista.")]})
            for item in value:
                data.add(key, str(item))
        elif isinstance(value, bool):
            if value:
                data.add(key, "1")
        elif value is not None:
            data.add(key, str(value))
    form = NeedForm(formdata=data, meta={"csrf": False}, organisations=organisations,
                    competency_choices=competency_choices(), kept_place=kept_place)
    if not form.validate():
        return None, invalid_fields({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    return form, None


def _as_input(need: dict[str, Any]) -> dict[str, Any]:
    """A stored need as the form's input (the base a PATCH changes)."""
    body = {k: need.get(k) for k in INPUT_FIELDS if k in need}
    territory = need.get("territory") or ""
    body["place"] = place_label(territory) if territory else None  # a comune, a province or a region
    return body


def _helper_errors(helpers: Any, claim: Any) -> dict[str, list[str]]:
    """What is wrong with the shape of who helped (``helped_by``: a list of ids; ``claim``: one id)."""
    errors = {}
    if not isinstance(helpers, list) or not all(isinstance(h, str) for h in helpers):
        errors["helped_by"] = [_("Deve essere una lista di identificativi di organizzazioni.")]
    if not isinstance(claim, str):
        errors["claim"] = [_("Deve essere l'identificativo di un'organizzazione.")]
    return errors


def _json_write() -> tuple[Any, dict[str, Any], Any]:
    """The person and the JSON object of a write, or the answer that refuses it (401: nobody
    signed in; 400: the body is not a JSON object)."""
    actor = current_actor()
    if actor is None:
        return None, {}, _unauthenticated()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return actor, {}, not_a_json_object()
    return actor, payload, None


def _public(need: dict[str, Any]) -> dict[str, Any]:
    return {k: need.get(k) for k in PUBLIC_FIELDS}


def _with_claims(need: dict[str, Any]) -> dict[str, Any]:
    """The need as its poster's members read it: with the organisations of the directory asked to
    confirm they helped ({id, name, at, members, answerers}) and those that said they did not."""
    return {**_public(need), "help_claims": need.get("help_claims", []), "help_declined": need.get("help_declined", [])}
