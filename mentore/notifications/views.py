"""Notifications: my list, opening one, "mark all as read", the digest preference, and the
unread count of the header's bell (a template global, one query per page view at most)."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from graph import GraphUnavailable
from mentore import clock
from mentore.extensions import neo4j
from mentore.notifications.forms import DigestForm
from mentore.services import notifications as service
from mentore.services.errors import ValidationFailed
from mentore.web import current_actor, page_links, safe_next

bp = Blueprint("notifications", __name__)

#: The badge of each kind in the list.
KIND_LABELS = {
    "reply": _l("Risposta"), "mention": _l("Menzione"), "solution": _l("Soluzione"),
    "moderation": _l("Moderazione"), "new_topic": _l("Nuova discussione"), "membership": _l("Comunità"),
    "suggestion": _l("Bisogno"), "verification": _l("Verifica"),
}


@bp.app_template_global()
def unread_notifications() -> int | None:
    """The signed-in person's unread count, computed once per request (None when anonymous or
    when the graph is down: the header of an error page must still render)."""
    if "unread_notifications" not in g:
        actor = current_actor()
        try:
            g.unread_notifications = service.unread_count(neo4j.graph, actor) if actor else None
        except GraphUnavailable:
            current_app.logger.warning("Unread notifications not counted: Neo4j unavailable.")
            g.unread_notifications = None
    return g.unread_notifications


@bp.get("/notifiche")
@login_required
def index():
    result = service.mine(neo4j.graph, current_actor(), request.args.get("page", 1, type=int))
    args = MultiDict(request.args)
    result = service.NotificationPage([{**n, "when": _when(n["created_at"])} for n in result.items],
                                      result.page, result.pages, result.total, result.unread)
    return render_template("notifications/list.html", result=result, kinds=KIND_LABELS,
                           **page_links("notifications.index", args, result.page, result.pages))


@bp.post("/notifiche/<notification_id>/apri")
@login_required
def open_one(notification_id: str):
    """Mark the notification read and go where it points: only ever a path on this site."""
    url = service.open_notification(neo4j.graph, current_actor(), notification_id)
    target = safe_next(url, "")
    if not target:
        flash(_("Il collegamento di questa notifica non porta a una pagina di Mentore: non lo seguiamo."), "warning")
        return redirect(url_for(".index"))
    return redirect(target)


@bp.post("/notifiche/lette")
@login_required
def mark_all_read():
    marked = service.mark_all_read(neo4j.graph, current_actor())
    if marked:
        flash(_("Tutte le notifiche sono segnate come lette."), "success")
    else:
        flash(_("Non c'erano notifiche da leggere."), "info")
    return redirect(url_for(".index"))


@bp.route("/notifiche/preferenze", methods=["GET", "POST"])
@login_required
def preferences():
    graph, actor = neo4j.graph, current_actor()
    form = DigestForm()
    if request.method == "GET":
        form.digest.data = service.digest_preference(graph, actor)
    elif form.validate_on_submit():
        try:
            service.set_digest_preference(graph, actor, form.digest.data)
        except ValidationFailed as exc:
            form.digest.errors = [*form.digest.errors, *exc.errors.values()]
        else:
            flash(_("Preferenze salvate."), "success")
            return redirect(url_for(".preferences"))
    status = 422 if form.is_submitted() and form.digest.errors else 200
    return render_template("notifications/preferences.html", form=form), status


def _when(iso: str | None) -> str:
    """dd/mm/yyyy hh:mm in Italian local time."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    return moment.astimezone(clock.ITALY).strftime("%d/%m/%Y %H:%M")
