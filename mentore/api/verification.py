"""``/api/v1/organisations/<id>/verification``: an organisation's verification, as its page
shows it to its administrators and to platform admins; its administrators ask for it, platform
admins decide (services.verification)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _

from mentore import jobs
from mentore.api.views import _unauthenticated, bp, invalid_fields, not_a_json_object, problem
from mentore.extensions import neo4j
from mentore.formfields import typed_line_breaks
from mentore.messages import message_of
from mentore.services import organisations, verification
from mentore.services.errors import PermissionDenied, ValidationFailed
from mentore.web import current_actor

DECISIONS = ("verify", "revoke", "refuse")


def _body(status: verification.Status) -> dict[str, Any]:
    def described(request: dict[str, Any]) -> dict[str, Any]:
        reason = verification.REFUSAL_REASONS.get(request.get("reason") or "")
        state = verification.REQUEST_STATES[request["status"]]
        return {**request, "reason_text": _(reason) if reason else None, "status_text": _(state)}

    return {"verified": status.verified, "verified_at": status.verified_at, "can_ask": status.can_ask,
            "requests": [described(r) for r in status.history]}


def _status(organisation_id: str):
    """(the JSON of the organisation's verification, None), or (None, the 401/403 answer); 404 raised."""
    actor = current_actor()
    if actor is None:
        return None, _unauthenticated()
    graph = neo4j.graph
    profile = organisations.public_profile(graph, organisation_id)
    status = verification.status(graph, actor, profile, organisations.role_in(graph, actor, organisation_id))
    if status is None:
        return None, problem(403, _("Accesso negato"), _("La verifica di un'organizzazione è visibile solo ai suoi "
                                                          "amministratori e a quelli della piattaforma."))
    return _body(status), None


def _step(organisation_id: str, act: Callable[[], Any], created: Callable[[Any], bool] = lambda done: False):
    """Run a step of the service (``act``), and answer with the verification as it is now: 201
    when ``created`` says the step made something, else 200; 422 and 403 with the service's
    messages."""
    try:
        done = act()
    except ValidationFailed as exc:
        return invalid_fields({k: [v] for k, v in exc.errors.items()})
    except PermissionDenied as exc:
        return problem(403, _("Accesso negato"), message_of(exc))
    body, failure = _status(organisation_id)
    return failure or (jsonify(body), 201 if created(done) else 200)


@bp.get("/organisations/<organisation_id>/verification")
def get_verification(organisation_id: str):
    body, failure = _status(organisation_id)
    return failure or jsonify(body)


@bp.post("/organisations/<organisation_id>/verification")
def ask_verification(organisation_id: str):
    """An administrator of the organisation asks for its verification (``message`` optional):
    201, or 200 when a request was already waiting."""
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    payload = request.get_json(silent=True)
    if payload is None and not request.get_data():
        payload = {}
    if not isinstance(payload, dict):
        return not_a_json_object()
    message = payload.get("message")
    message = "" if message is None else message
    if not isinstance(message, str):
        return invalid_fields({"message": [_("Deve essere un testo.")]})
    return _step(organisation_id, lambda: verification.ask(neo4j.graph, actor, organisation_id,
                                                           typed_line_breaks(message)),
                 created=lambda asked: asked["created"])


@bp.delete("/organisations/<organisation_id>/verification")
def withdraw_verification(organisation_id: str):
    """An administrator of the organisation withdraws its pending request (422 when none waits)."""
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    return _step(organisation_id, lambda: verification.withdraw(neo4j.graph, actor, organisation_id))


@bp.post("/organisations/<organisation_id>/verification/decision")
def decide_verification(organisation_id: str):
    """A platform admin's decision: ``decision`` verify, revoke, or refuse (the pending request,
    with ``reason`` and ``note``)."""
    actor = current_actor()
    if actor is None:
        return _unauthenticated()
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return not_a_json_object()
    decision = payload.get("decision")
    reason, note = ("" if payload.get(k) is None else payload[k] for k in ("reason", "note"))
    errors = {k: [_("Deve essere un testo.")] for k, v in (("reason", reason), ("note", note))
              if not isinstance(v, str)}
    if decision not in DECISIONS:
        errors["decision"] = [_("Indica verify, revoke o refuse.")]
    if errors:
        return invalid_fields(errors)
    def decide() -> None:
        if decision == "refuse":
            verification.refuse(neo4j.graph, actor, organisation_id, reason, typed_line_breaks(note))
        else:
            verification.set_verified(neo4j.graph, actor, organisation_id, decision == "verify")
            # the needs that ask for verified organisations it may now enter or leave
            jobs.submit(jobs.refresh_after_profile_change, organisation_id)

    return _step(organisation_id, decide)
