"""Moderation pages: flagging, the review queues, actions on content and members, the log.
Thin routes over services.moderation (which checks who may do what)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from mentore.extensions import neo4j
from mentore.messages import localized
from mentore.moderation.forms import FlagForm, MoveForm, ReasonForm
from mentore.services import moderation as service
from mentore.services.errors import ValidationFailed
from mentore.services.querystring import QueryReader
from mentore.web import current_actor, page_links, safe_next

bp = Blueprint("moderation", __name__)

#: Button label and confirmation message of each action on a topic or post.
CONTENT_ACTIONS = {
    "hide": _l("Nascondi"), "restore": _l("Ripristina"), "dismiss": _l("Respingi le segnalazioni"),
    "lock": _l("Chiudi la discussione"), "unlock": _l("Riapri la discussione"),
    "pin": _l("Metti in evidenza"), "unpin": _l("Togli dall'evidenza"),
}
DONE = {
    "hide": _l("Contenuto nascosto: resta conservato e si può ripristinare."),
    "restore": _l("Contenuto ripristinato: è di nuovo visibile a tutti."),
    "dismiss": _l("Segnalazioni respinte."),
    "lock": _l("Discussione chiusa: solo i facilitatori possono rispondere."),
    "unlock": _l("Discussione riaperta."), "pin": _l("Discussione messa in evidenza."),
    "unpin": _l("Discussione tolta dall'evidenza."),
}
MEMBER_DONE = {
    "warn": _l("Avviso inviato a %(name)s."),
    "remove_member": _l("%(name)s non fa più parte della comunità e non può rientrare finché non viene riammesso."),
    "readmit": _l("%(name)s può di nuovo partecipare alla comunità."),
}


@bp.app_context_processor
def moderation_helpers() -> dict[str, Any]:
    return {"moderation_open_flags": _open_flags, "moderation_actions": CONTENT_ACTIONS,
            "moderation_cockpit_url": _cockpit_url}


def _open_flags(community_id: str) -> int | None:
    """Open flags of a community for those who moderate it (templates: the community tools)."""
    return service.open_flag_count(neo4j.graph, current_actor(), community_id)


def _cockpit_url(slug: str) -> str | None:
    """The facilitator cockpit of the community, when that page exists."""
    return url_for("cockpit.show", slug=slug) if "cockpit.show" in current_app.view_functions else None


# ----------------------------------------------------------------------------- flags


@bp.route("/comunita/<slug>/segnala/<target_id>", methods=["GET", "POST"])
@login_required
def flag(slug: str, target_id: str):
    graph, actor = neo4j.graph, current_actor()
    found = service.flag_target(graph, actor, slug, target_id)  # 404, then 403 for non-members
    form = FlagForm()
    if form.validate_on_submit():
        try:
            service.flag(graph, actor, slug, target_id, form.reason.data, form.text.data or "")
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Grazie: la segnalazione è stata inviata ai facilitatori della comunità, che la esamineranno."),
                  "success")
            return redirect(found.path)
    return render_template("moderation/flag.html", form=form, target=found), _status(form)


# ----------------------------------------------------------------------------- queues and log


@bp.get("/comunita/<slug>/moderazione")
@login_required
def queue(slug: str):
    page, hidden_page = _pages()
    result = service.queue(neo4j.graph, current_actor(), slug, page, hidden_page)
    return render_template("moderation/queue.html", queue=result, **_queue_links(result, "moderation.queue",
                                                                                  {"slug": slug}))


@bp.get("/moderazione")
@login_required
def overview():
    page, hidden_page = _pages()
    result = service.overview(neo4j.graph, current_actor(), page, hidden_page)
    return render_template("moderation/queue.html", queue=result, **_queue_links(result, "moderation.overview", {}))


@bp.get("/comunita/<slug>/moderazione/registro")
@login_required
def log(slug: str):
    page = QueryReader({k: request.args.getlist(k) for k in request.args}).integer("page", 1, 1, 100_000)
    result = service.log(neo4j.graph, current_actor(), slug, page)
    links = page_links("moderation.log", MultiDict(request.args), result.page, result.pages, {"slug": slug})
    return render_template("moderation/log.html", log=result, links=links, labels=service.ACTION_LABELS)


# ----------------------------------------------------------------------------- actions on content


@bp.route("/comunita/<slug>/moderazione/contenuti/<target_id>", methods=["GET", "POST"])
@login_required
def act(slug: str, target_id: str):
    """One action on a topic or post (the buttons of the page and of the queue post here); the
    GET shows the same form alone, and a form with errors comes back here."""
    graph, actor = neo4j.graph, current_actor()
    found = service.target(graph, slug, target_id)
    service.require_moderator(graph, actor, found.community_id)
    action = request.values.get("action", "")
    if action not in CONTENT_ACTIONS:
        action = "restore" if found.hidden else "hide"
    form = ReasonForm(action=action)
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), found.path)
    elif form.validate_on_submit():
        try:
            service.act(graph, actor, slug, target_id, action, form.reason.data or "")
        except ValidationFailed as exc:
            if "reason" not in exc.errors:
                flash(str(localized(next(iter(exc.errors.values())))), "warning")
                return redirect(safe_next(form.next.data, found.path))
            _attach(form, exc)
        else:
            flash(DONE[action], "success")
            return redirect(safe_next(form.next.data, found.path))
    return render_template("moderation/act.html", form=form, target=found, action=action), _status(form)


@bp.route("/comunita/<slug>/moderazione/discussioni/<topic_id>/sposta", methods=["GET", "POST"])
@login_required
def move(slug: str, topic_id: str):
    graph, actor = neo4j.graph, current_actor()
    found = service.target(graph, slug, topic_id)
    service.require_moderator(graph, actor, found.community_id)
    choices = [(c["id"], c["name"]) for c in service.destinations(graph, found.community_id)]
    form = MoveForm(destinations=choices)
    if form.validate_on_submit():
        try:
            moved = service.move(graph, actor, slug, topic_id, form.destination.data, form.reason.data or "")
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Discussione spostata nella comunità «%(name)s».", name=moved.community_name), "success")
            return redirect(moved.path)
    return render_template("moderation/move.html", form=form, target=found), _status(form)


# ----------------------------------------------------------------------------- actions on members


@bp.route("/comunita/<slug>/moderazione/membri/<person_id>/avviso", methods=["GET", "POST"])
@login_required
def warn(slug: str, person_id: str):
    return _member_action(slug, person_id, "warn", service.warn)


@bp.route("/comunita/<slug>/moderazione/membri/<person_id>/rimuovi", methods=["GET", "POST"])
@login_required
def remove(slug: str, person_id: str):
    return _member_action(slug, person_id, "remove_member", service.remove_member)


@bp.route("/comunita/<slug>/moderazione/membri/<person_id>/riammetti", methods=["GET", "POST"])
@login_required
def readmit(slug: str, person_id: str):
    return _member_action(slug, person_id, "readmit", service.readmit)


def _member_action(slug: str, person_id: str, action: str, run):
    """Warn, remove or re-admit: a page that states what happens (the confirmation step) and
    asks why; the POST does it."""
    graph, actor = neo4j.graph, current_actor()
    community, person = service.member(graph, actor, slug, person_id)
    form = ReasonForm(action=action)
    default = url_for(".queue", slug=slug)
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next"), default)
    elif form.validate_on_submit():
        try:
            run(graph, actor, slug, person_id, form.reason.data or "")
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(str(MEMBER_DONE[action]) % {"name": person["name"] or ""}, "success")
            return redirect(safe_next(form.next.data, default))
    return render_template("moderation/member.html", form=form, community=community, person=person,
                           action=action), _status(form)


# ----------------------------------------------------------------------------- helpers


def _pages() -> tuple[int, int]:
    read = QueryReader({k: request.args.getlist(k) for k in request.args})
    return read.integer("page", 1, 1, 100_000), read.integer("nascosti", 1, 1, 100_000)


def _queue_links(result: service.Queue, endpoint: str, route: dict[str, str]) -> dict[str, Any]:
    """Two paginated lists on one page: flagged content (?page=N) and hidden content (?nascosti=N)."""

    def links(page: int, last: int, key: str, other: dict[str, int]) -> dict[str, Any]:
        def url(number: int) -> str:
            params = {k: v for k, v in {**other, key: number}.items() if v > 1}
            return url_for(endpoint, **route, **params)

        numbers = sorted(n for n in {1, 2, page - 1, page, page + 1, last - 1, last} if 1 <= n <= last)
        return {"pages": [(n, url(n)) for n in numbers], "prev_url": url(page - 1) if page > 1 else None,
                "next_url": url(page + 1) if page < last else None}

    return {
        "flagged_links": links(result.page, result.pages, "page", {"nascosti": result.hidden_page}),
        "hidden_links": links(result.hidden_page, result.hidden_pages, "nascosti", {"page": result.page}),
        "reasons": service.FLAG_REASONS,
    }


def _attach(form, exc: ValidationFailed) -> None:
    """Errors the service found, on their field (else on the reason)."""
    for name, message in exc.errors.items():
        target = getattr(form, name, None)
        if target is None or not hasattr(target, "errors"):
            target = form.reason
        target.errors = [*target.errors, message]


def _status(form) -> int:
    """422 when a submitted form comes back with errors (the person's input is in it)."""
    return 422 if form.is_submitted() and any(f.errors for f in form) else 200
