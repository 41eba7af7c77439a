"""The facilitator cockpit: thin routes over services.cockpit."""

from __future__ import annotations

from urllib.parse import quote

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from mentore.cockpit.chart import activity_chart
from mentore.extensions import neo4j
from mentore.messages import errors_of, message_of
from mentore.services import cockpit as service
from mentore.services.errors import NotFoundError, PermissionDenied, ServiceError, ValidationFailed
from mentore.web import current_actor

bp = Blueprint("cockpit", __name__)


@bp.get("/comunita/<slug>/cruscotto")
@login_required
def show(slug: str):
    view = service.cockpit(neo4j.graph, current_actor(), slug)
    return render_template("cockpit/cockpit.html", view=view, community=view.community,
                           chart=activity_chart(view.weeks), links=_links(slug))


@bp.post("/comunita/<slug>/cruscotto/invita")
@login_required
def invite(slug: str):
    try:
        person = service.invite(neo4j.graph, current_actor(), slug, request.form.get("person", ""))
    except (PermissionDenied, NotFoundError):
        raise  # 403 / 404 pages
    except ValidationFailed as exc:
        flash(errors_of(exc), "danger")
    except ServiceError as exc:  # the forum refused (already invited, removed, ...): say why
        flash(message_of(exc) or _("Non è stato possibile inviare l'invito."), "danger")
    else:
        flash(_("Invito inviato a %(name)s: lo vedrà tra le sue notifiche.", name=person.name), "success")
    return redirect(url_for(".show", slug=slug) + "#da-invitare")


def _links(slug: str) -> dict[str, str]:
    """Pages of the other parts, by the URLs the SPEC fixes (their endpoint names are theirs)."""
    base = f"/comunita/{quote(slug, safe='')}"
    return {"community": base, "moderation": f"{base}/moderazione", "topic": f"{base}/discussioni/",
            "members": f"{base}/membri"}
