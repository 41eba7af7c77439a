"""The best-practice showcase: thin routes over services.showcase, and the two Jinja callables
other areas use (``best_practices_of_community``, ``best_practices_of_organisation``)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from mentore import clock
from mentore.extensions import neo4j
from mentore.messages import message_of
from mentore.reference.places import gazetteer, place_label
from mentore.services import markdown
from mentore.services import showcase as service
from mentore.services.errors import ValidationFailed
from mentore.showcase.forms import BestPracticeForm
from mentore.web import activity_choices, current_actor, list_url, page_links, query_lists

bp = Blueprint("showcase", __name__)


def render_markdown(text: str | None) -> Markup:
    """Markdown → safe HTML, only through mentore.services.markdown.render (markdown-it + nh3)."""
    return Markup(markdown.render(text or ""))  # noqa: S704 — render() returns sanitised HTML


@bp.app_template_filter("showcase_markdown")
def _markdown_filter(text: str | None) -> Markup:
    return render_markdown(text)


@bp.app_template_filter("showcase_date")
def _date_filter(value: str | None) -> str:
    """An ISO date or datetime as the Italian dd/mm/yyyy (an instant's day in Italy); text that
    is not a date, as it is."""
    try:
        return f"{clock.day_of(value or ''):%d/%m/%Y}"
    except ValueError:
        return value or ""


@bp.app_template_global()
def best_practices_of_community(community_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Published best practices that came from the community (for the community page)."""
    return service.for_community(neo4j.graph, community_id, limit)


@bp.app_template_global()
def best_practices_of_organisation(organisation_id: str, limit: int = 10) -> list[dict[str, Any]]:
    """Published best practices that involve the organisation (for its profile page)."""
    return service.for_organisation(neo4j.graph, organisation_id, limit)


@bp.app_template_global()
def showcase_place(territory_id: str) -> str:
    return place_label(territory_id)


@bp.get("/buone-pratiche")
def index():
    graph, actor = neo4j.graph, current_actor()
    query, errors = service.parse_query(query_lists(request))
    result = service.search(graph, query)
    from_communities = [c for c in service.communities(graph) if c["id"] in query.community] if query.community else []
    return render_template("showcase/list.html", view=_list_view(result), errors=errors,
                           drafts=service.drafts_of(graph, actor), can_write=service.can_write(graph, actor),
                           from_communities=from_communities, **_vocabularies())


@bp.route("/buone-pratiche/nuova", methods=["GET", "POST"])
@login_required
def create():
    graph, actor = neo4j.graph, current_actor()
    topic_id = request.args.get("topic", "").strip() or None
    promoted = None
    if topic_id:
        try:
            promoted = service.promotion(graph, actor, topic_id)  # 404, 403 first
        except service.PromotionRefused as exc:
            return render_template("showcase/refused.html", message=message_of(exc), topic_id=topic_id,
                                   topic=service.topic_link(graph, topic_id)), 409
        form = BestPracticeForm()
    else:
        if not service.can_write(graph, actor):
            return render_template("showcase/cannot_write.html"), 403
        form = BestPracticeForm(communities=[(c["id"], c["name"]) for c in service.communities(graph)])
    extra = 0
    if request.method == "GET":
        if promoted:
            form.fill_from(promoted)
    elif form.add_material.data:
        extra = 1  # one more empty row, nothing saved yet
    elif form.validate_on_submit():
        try:
            bp_id = service.create(graph, actor, form.to_input(), topic_id=topic_id)
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Buona pratica pubblicata.") if form.publish.data
                  else _("Bozza salvata: la vedi solo tu finché non la pubblichi."), "success")
            return redirect(url_for(".detail", bp_id=bp_id))
    return render_template("showcase/form.html", form=form, item=None, promoted=promoted, extra_rows=extra,
                           **_vocabularies()), _status(form)


@bp.route("/buone-pratiche/<bp_id>/modifica", methods=["GET", "POST"])
@login_required
def edit(bp_id: str):
    graph, actor = neo4j.graph, current_actor()
    item = service.for_edit(graph, actor, bp_id)  # 404 / 403 first
    fixed = bool(item.get("topic"))  # promoted: community and topic stay
    form = BestPracticeForm(communities=None if fixed else [(c["id"], c["name"]) for c in service.communities(graph)])
    extra = 0
    if request.method == "GET":
        form.fill_from(item)
    elif form.add_material.data:
        extra = 1
    elif form.validate_on_submit():
        try:
            service.update(graph, actor, bp_id, form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Buona pratica pubblicata.") if form.publish.data
                  else _("Buona pratica salvata come bozza: la vedi solo tu."), "success")
            return redirect(url_for(".detail", bp_id=bp_id))
    return render_template("showcase/form.html", form=form, item=item, promoted=None, extra_rows=extra,
                           **_vocabularies()), _status(form)


@bp.route("/buone-pratiche/<bp_id>/elimina", methods=["GET", "POST"])
@login_required
def delete(bp_id: str):
    """A confirmation page (GET), then the deletion (POST with CSRF)."""
    graph, actor = neo4j.graph, current_actor()
    item = service.for_edit(graph, actor, bp_id)  # 404 / 403 first
    if request.method == "POST":
        service.delete(graph, actor, bp_id)
        flash(_("Buona pratica «%(title)s» eliminata.", title=item["title"]), "success")
        return redirect(url_for(".index"))
    return render_template("showcase/delete.html", item=item)


@bp.get("/buone-pratiche/<bp_id>")
def detail(bp_id: str):
    view = service.get(neo4j.graph, current_actor(), bp_id)
    return render_template("showcase/detail.html", view=view, item=view.bp, **_vocabularies())


# ----------------------------------------------------------------------------- helpers


def _vocabularies() -> dict[str, Any]:
    return {"activities": activity_choices(), "areas": gazetteer().areas()}


def _list_view(result: service.ResultList) -> dict[str, Any]:
    args = MultiDict(request.args)
    labels = dict(_vocabularies()["activities"])
    return {
        "result": result,
        "activity_links": [(code, labels[code], result.activity_counts.get(code, 0),
                            list_url("showcase.index", args, activity=code), code in result.query.activity)
                           for code, _label in _vocabularies()["activities"]
                           if result.activity_counts.get(code) or code in result.query.activity],
        "clear_url": url_for("showcase.index"),
        **page_links("showcase.index", args, result.query.page, result.pages),
    }


def _attach(form: BestPracticeForm, exc: ValidationFailed) -> None:
    """Errors the service found, on their field (else on the title)."""
    for name, message in exc.errors.items():
        target = getattr(form, name, None) or form.title
        target.errors = [*target.errors, message]


def _status(form: BestPracticeForm) -> int:
    """422 when a submitted form comes back with errors (the person's input is in it)."""
    return 422 if form.is_submitted() and any(f.errors for f in form) else 200
