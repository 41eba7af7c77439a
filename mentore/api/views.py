"""``/api/v1``: JSON only; errors are JSON too (see mentore.errors). Described in openapi.json."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from mentore import jobs
from mentore.api.openapi import document
from mentore.errors import json_error
from mentore.extensions import neo4j
from mentore.messages import localized, message_of
from mentore.organisations.forms import OrganisationForm
from mentore.reference.places import PLACE_LEVELS, gazetteer, suggest_places
from mentore.reference.vocabularies import N_, Message
from mentore.services import organisations as organisations_service
from mentore.services import platform
from mentore.services.errors import PermissionDenied, ValidationFailed
from mentore.services.querystring import QueryReader
from mentore.web import competency_choices, competency_vocabulary, current_actor, query_lists

bp = Blueprint("api", __name__)

LIST_FIELDS = ("activities", "competencies", "resources", "works_in")


def problem(status: int, title: str, message: str, **extra: Any):
    """A JSON error (title and message already in the person's language); the messages of
    ``fields`` (name → message, or list of messages) are translated here."""
    if "fields" in extra:
        extra["fields"] = {name: [localized(m) for m in value] if isinstance(value, list) else localized(value)
                           for name, value in extra["fields"].items()}
    return json_error(status, title, message, **extra)


def bad_parameters(errors: dict[str, str]):
    """400 for a query string with values that are not valid, each said on its parameter."""
    return problem(400, _("Parametri non validi"), _("Alcuni parametri della richiesta non sono validi."),
                   fields=errors)


def not_a_json_object():
    return problem(400, _("Richiesta non valida"), _("Il corpo della richiesta deve essere un oggetto JSON."))


@bp.get("/openapi.json")
def openapi():
    return jsonify(document(url_for("api.openapi", _external=True).rsplit("/", 1)[0]))


@bp.get("/stats")
def stats():
    """Live platform figures (the same as the home page)."""
    return jsonify(asdict(platform.counts(neo4j.graph)))


#: Level of a suggested place, as the fields' suggestions show it next to the name.
PLACE_LEVEL_LABELS = {"regione": N_("regione"), "provincia": N_("provincia"), "area": N_("zona"),
                      "comune": N_("comune")}
MAX_PLACE_TEXT = 100


@bp.get("/places")
def places():
    """Places whose name starts with what was typed (``q``), as the place fields take them: the
    suggestions of a field while it is typed in (``level``, repeatable: which levels it takes)."""
    reader = QueryReader(query_lists(request))
    typed = reader.first("q")
    levels = reader.values("level", PLACE_LEVELS) or PLACE_LEVELS
    limit = reader.integer("limit", 10, 1, 20)
    if len(typed) > MAX_PLACE_TEXT:
        reader.errors["q"] = Message(N_("Al massimo %(max)d caratteri."), max=MAX_PLACE_TEXT)
    if reader.errors:
        return bad_parameters(reader.errors)
    return jsonify({"items": [{"name": o.name, "level": o.level, "level_label": _(PLACE_LEVEL_LABELS[o.level]),
                               "ids": list(o.ids)} for o in suggest_places(typed, levels, limit)]})


@bp.get("/organisations")
def list_organisations():
    query, errors = organisations_service.parse_directory_query(query_lists(request),
                                                                competencies=competency_vocabulary())
    if errors:
        return bad_parameters(errors)
    result = organisations_service.directory(neo4j.graph, query)
    return jsonify({"items": result.items, "total": result.total, "page": query.page,
                    "per_page": query.per_page, "pages": result.pages, "facets": result.facets})


@bp.get("/organisations/<organisation_id>")
def get_organisation(organisation_id: str):
    return jsonify(_public(organisations_service.public_profile(neo4j.graph, organisation_id)))


@bp.post("/organisations")
def create_organisation():
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    form, failure = _validated(request.get_json(silent=True))
    if failure:
        return failure
    try:
        organisation_id = organisations_service.create(neo4j.graph, actor, form.to_input())
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    jobs.submit(jobs.refresh_after_profile_change, organisation_id)
    body = _public(organisations_service.public_profile(neo4j.graph, organisation_id))
    return jsonify(body), 201, {"Location": url_for("api.get_organisation", organisation_id=organisation_id)}


@bp.route("/organisations/<organisation_id>", methods=["PUT", "PATCH"])
def update_organisation(organisation_id: str):
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    graph = neo4j.graph
    current = organisations_service.public_profile(graph, organisation_id)  # 404 first
    try:
        organisations_service.require_editor(graph, actor, organisation_id)
    except PermissionDenied as exc:
        return problem(403, _("Accesso negato"), message_of(exc))
    payload = request.get_json(silent=True)
    if request.method == "PATCH" and isinstance(payload, dict):
        payload = {**_public(current), **payload}
    form, failure = _validated(payload, extra_areas=current.get("works_in", []))
    if failure:
        return failure
    try:
        organisations_service.update(graph, actor, organisation_id, form.to_input())
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    jobs.submit(jobs.refresh_after_profile_change, organisation_id)
    return jsonify(_public(organisations_service.public_profile(graph, organisation_id)))


def _validated(payload: Any, extra_areas: list[str] | None = None):
    """Validate a JSON profile through the same form as the page: same rules, same messages."""
    if not isinstance(payload, dict):
        return None, not_a_json_object()
    data = MultiDict()
    for key, value in payload.items():
        if key in LIST_FIELDS:
            if not isinstance(value, list):
                return None, invalid_fields({key: [_("Deve essere una lista.")]})
            for item in value:
                data.add(key, str(item))
        elif value is not None:
            data.add(key, str(value) if not isinstance(value, bool) else ("1" if value else ""))
    comuni = [(t, gazetteer().label(t)) for t in (extra_areas or []) if t.startswith("comune:")]
    form = OrganisationForm(formdata=data, meta={"csrf": False}, extra_areas=comuni,
                            competency_choices=competency_choices())
    if not form.validate():
        return None, invalid_fields({name: [str(m) for m in messages] for name, messages in form.errors.items()})
    return form, None


def _public(profile: dict[str, Any]) -> dict[str, Any]:
    fields = ("id", "name", "kind", "legal_form", "codice_fiscale", "runts_section", "runts_number",
              "description", "website", "email", "phone", "founded", "verified", "verified_at", "resources", "seat",
              "works_in", "activities", "competencies", "created_at", "updated_at")
    body = {k: profile.get(k) for k in fields}
    body["seat_name"] = profile.get("seat_name")
    body["provincia"] = profile.get("provincia")
    body["regione"] = profile.get("regione")
    return body


def invalid_fields(fields: dict[str, list[Any]]):
    """422 for a JSON object whose fields are not valid, each said on its field (every endpoint
    that takes a body answers so; 400 is for a body that is not a JSON object)."""
    return problem(422, _("Dati non validi"), _("Alcuni campi non sono validi."), fields=fields)


def _unauthenticated():
    return problem(401, _("Autenticazione richiesta"),
                   _("Accedi o usa un token personale: Authorization: Bearer <token>."))


# Modules that register their routes on this blueprint: the needs, the matcher's answers.
import mentore.api.communities  # noqa: E402
import mentore.api.needs  # noqa: E402
import mentore.api.showcase  # noqa: E402
import mentore.api.suggestions  # noqa: E402
import mentore.api.verification  # noqa: E402, F401
