"""Communities of practice and their forum: thin routes over services.communities and services.forum."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from mentore.communities.forms import (
    BODY_HELP,
    CommunityForm,
    EditForm,
    InviteForm,
    ReplyForm,
    RequestForm,
    TopicForm,
)
from mentore.extensions import neo4j
from mentore.messages import errors_of, message_of
from mentore.reference.vocabularies import MEMBERSHIP_MODES
from mentore.services import communities as service
from mentore.services import forum
from mentore.services.errors import PermissionDenied, ValidationFailed
from mentore.web import current_actor, page_links

bp = Blueprint("communities", __name__)

#: What the person is told after each membership step.
MEMBERSHIP_DONE = {
    "join": "Benvenuto nella comunità: riceverai le notifiche delle nuove discussioni.",
    "request": "Richiesta inviata ai facilitatori: riceverai una notifica quando l'avranno valutata.",
    "withdraw": "Richiesta ritirata.",
    "decline": "Invito rifiutato.",
    "leave": "Sei uscito dalla comunità.",
    "follow": "Ora segui la comunità: riceverai le notifiche delle nuove discussioni.",
    "unfollow": "Non segui più la comunità: non riceverai le notifiche delle nuove discussioni.",
}


def _page() -> int:
    try:
        return max(1, int(request.args.get("page", "1")))
    except ValueError:
        return 1


def _status(form) -> int:
    return 422 if form.is_submitted() and any(f.errors for f in form) else 200


def _attach(form, exc: ValidationFailed, default: str = "body") -> None:
    for name, message in exc.errors.items():
        target = getattr(form, name, None) or getattr(form, default)
        target.errors = [*target.errors, message]


def _community(slug: str) -> dict[str, Any]:
    return service.by_slug(neo4j.graph, slug)


# ----------------------------------------------------------------------------- communities


@bp.get("/comunita")
def index():
    return render_template("communities/list.html", communities=service.list_all(neo4j.graph),
                           modes=MEMBERSHIP_MODES)


@bp.get("/comunita/cerca")
def search():
    q = (request.args.get("q") or "").strip()
    result = forum.search(neo4j.graph, q, None, _page()) if q else None
    return render_template("communities/search.html", q=q, result=result, community=None)


@bp.get("/comunita/<slug>")
def detail(slug: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    access = service.access(graph, actor, community["id"])
    q = (request.args.get("q") or "").strip()
    if q:
        result = forum.search(graph, q, community, _page())
        return render_template("communities/search.html", q=q, result=result, community=community,
                               access=access)
    topics = forum.topic_list(graph, community, _page())
    links = page_links("communities.detail", MultiDict(request.args), topics.page, topics.pages, {"slug": slug})
    return render_template("communities/detail.html", community=community, access=access, topics=topics,
                           links=links, following=service.follows(graph, actor, community["id"]),
                           request_form=RequestForm(formdata=None), modes=MEMBERSHIP_MODES)


@bp.post("/comunita/<slug>/partecipazione")
@login_required
def membership(slug: str):
    """Join, request to join (with a message), withdraw, accept or decline an invitation,
    leave, follow, stop following: the ``action`` field says which."""
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    action = request.form.get("action", "")
    try:
        if action in ("join", "accept"):
            service.join(graph, actor, community)
            action = "join"
        elif action == "request":
            form = RequestForm()
            if not form.validate():
                raise ValidationFailed({"message": " ".join(form.message.errors)})
            service.request_to_join(graph, actor, community, form.message.data or "")
        elif action == "withdraw":
            service.withdraw_request(graph, actor, community)
        elif action == "decline":
            service.decline_invitation(graph, actor, community)
        elif action == "leave":
            service.leave(graph, actor, community)
        elif action in ("follow", "unfollow"):
            service.follow(graph, actor, community, action == "follow")
        else:
            abort(400)
    except (service.MembershipRefused, ValidationFailed) as exc:
        flash(message_of(exc) if isinstance(exc, service.MembershipRefused) else errors_of(exc), "danger")
    else:
        flash(_(MEMBERSHIP_DONE[action]), "success")
    return redirect(url_for(".detail", slug=slug))


@bp.get("/comunita/<slug>/membri")
def members(slug: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    access = service.access(graph, actor, community["id"])
    view = service.members(graph, actor, community, access)
    return render_template("communities/members.html", community=community, access=access, view=view,
                           invite_form=InviteForm(formdata=None))


@bp.post("/comunita/<slug>/membri/richieste/<person_id>")
@login_required
def decide_request(slug: str, person_id: str):
    community = _community(slug)
    accept = request.form.get("decision") == "accept"
    service.decide_request(neo4j.graph, current_actor(), community, person_id, accept)
    flash(_("Richiesta accolta: la persona ora fa parte della comunità.") if accept
          else _("Richiesta rifiutata."), "success")
    return redirect(url_for(".members", slug=slug))


@bp.post("/comunita/<slug>/membri/invita")
@login_required
def invite(slug: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    access = service.access(graph, actor, community["id"])
    if not access.can_moderate:
        raise PermissionDenied(_("Solo i facilitatori della comunità possono invitare."))
    form = InviteForm()
    if form.validate():
        try:
            person = service.invite(graph, actor, community, form.email.data)
        except ValidationFailed as exc:
            _attach(form, exc, "email")
        else:
            flash(_("Invito inviato a %(name)s.", name=person.name), "success")
            return redirect(url_for(".members", slug=slug))
    view = service.members(graph, actor, community, access)
    return render_template("communities/members.html", community=community, access=access, view=view,
                           invite_form=form), 422


@bp.route("/comunita/nuova", methods=["GET", "POST"])
@login_required
def create():
    actor = current_actor()
    if actor is None or not actor.is_platform_admin:
        raise PermissionDenied(_("Solo gli amministratori della piattaforma creano le comunità."))
    form = CommunityForm()
    if form.validate_on_submit():
        try:
            slug = service.save(neo4j.graph, actor, None, form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc, "name")
        else:
            flash(_("Comunità creata."), "success")
            return redirect(url_for(".detail", slug=slug))
    return render_template("communities/form.html", form=form, community=None), _status(form)


@bp.route("/comunita/<slug>/modifica", methods=["GET", "POST"])
@login_required
def edit(slug: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    emails = service.facilitator_emails(graph, actor, community)  # 403 for everyone but admins
    form = CommunityForm()
    if request.method == "GET":
        form.fill_from(community, emails)
    elif form.validate_on_submit():
        try:
            service.save(graph, actor, community, form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc, "name")
        else:
            flash(_("Comunità aggiornata."), "success")
            return redirect(url_for(".detail", slug=slug))
    return render_template("communities/form.html", form=form, community=community), _status(form)


# ----------------------------------------------------------------------------- forum


def _join_first(community: dict[str, Any], access: service.Access, message: str):
    """403 page that explains how to take part (join, request, invitation)."""
    return render_template("communities/join_first.html", community=community, access=access, message=message,
                           request_form=RequestForm(formdata=None)), 403


def _rate_limited(template: str, exc: forum.RateLimited, **context):
    flash(message_of(exc), "danger")
    response = render_template(template, **context), 429, {"Retry-After": str(exc.retry_after)}
    return response


@bp.route("/comunita/<slug>/discussioni/nuova", methods=["GET", "POST"])
@login_required
def new_topic(slug: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    access = service.access(graph, actor, community["id"])
    if not access.can_post:
        return _join_first(community, access, _("Per aprire una discussione devi far parte della comunità."))
    form = TopicForm()
    preview_html = None
    context = {"community": community, "form": form, "body_help": BODY_HELP}
    if form.validate_on_submit():
        if form.preview.data:
            preview_html = forum.preview(graph, community, form.body.data)
        else:
            try:
                topic_id = forum.create_topic(graph, actor, community, form.title.data, form.body.data)
            except ValidationFailed as exc:
                _attach(form, exc)
            except forum.RateLimited as exc:
                return _rate_limited("communities/topic_form.html", exc, preview_html=None, **context)
            else:
                flash(_("Discussione pubblicata."), "success")
                return redirect(url_for(".topic", slug=slug, topic_id=topic_id))
    return render_template("communities/topic_form.html", preview_html=preview_html, **context), _status(form)


@bp.get("/comunita/<slug>/discussioni/<topic_id>")
def topic(slug: str, topic_id: str):
    return _render_topic(slug, topic_id, _page())


def _render_topic(slug: str, topic_id: str, page: int, reply_form: ReplyForm | None = None,
                  preview_html: str | None = None, status: int = 200):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    view = forum.topic_page(graph, actor, community, topic_id, page)
    if reply_form is None:
        reply_form = ReplyForm(formdata=None)
        cite = request.args.get("cita")
        if cite is not None and view.access.can_post:
            number = int(cite) if cite.isdigit() and int(cite) > 0 else None
            text, quoted = forum.quote_text(graph, view.topic, number)
            reply_form.body.data, reply_form.quotes.data = text, quoted or ""
    links = page_links("communities.topic", MultiDict(request.args), view.page, view.pages,
                       {"slug": slug, "topic_id": topic_id})
    return render_template("communities/topic.html", community=community, view=view, topic=view.topic,
                           access=view.access, reply_form=reply_form, preview_html=preview_html, links=links,
                           reactions=forum.REACTIONS, reaction_labels=forum.REACTION_LABELS,
                           body_help=BODY_HELP, placeholder=forum.HIDDEN_PLACEHOLDER,
                           solution_url=forum.topic_url(slug, topic_id, view.solution["number"]) if view.solution
                           else None), status


@bp.post("/comunita/<slug>/discussioni/<topic_id>/rispondi")
@login_required
def reply(slug: str, topic_id: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    topic = forum.get_topic(graph, actor, community, topic_id)
    access = service.access(graph, actor, community["id"])
    if not access.can_post:
        return _join_first(community, access, _("Per rispondere devi far parte della comunità."))
    form = ReplyForm()
    last_page = max(1, -(-(topic.get("last_number") or 0) // forum.POSTS_PER_PAGE))
    if not form.validate():
        return _render_topic(slug, topic_id, last_page, form, status=422)
    if form.preview.data:
        return _render_topic(slug, topic_id, last_page, form, forum.preview(graph, community, form.body.data))
    try:
        number = forum.reply(graph, actor, topic, form.body.data, form.quotes.data or None)
    except ValidationFailed as exc:
        _attach(form, exc)
        return _render_topic(slug, topic_id, last_page, form, status=422)
    except forum.TopicLocked as exc:
        flash(message_of(exc), "danger")
        return _render_topic(slug, topic_id, last_page, form, status=403)
    except forum.RateLimited as exc:
        flash(message_of(exc), "danger")
        response = _render_topic(slug, topic_id, last_page, form, status=429)
        return response[0], 429, {"Retry-After": str(exc.retry_after)}
    flash(_("Risposta pubblicata."), "success")
    return redirect(forum.topic_url(slug, topic_id, number))


@bp.route("/comunita/<slug>/discussioni/<topic_id>/modifica", methods=["GET", "POST"])
@login_required
def edit_topic(slug: str, topic_id: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    topic = forum.get_topic(graph, actor, community, topic_id)
    form = EditForm()
    if request.method == "GET":
        form.title.data, form.body.data, form.version.data = topic["title"], topic["body"], topic["version"]
    return _edit(form, community, topic, None)


@bp.route("/comunita/<slug>/discussioni/<topic_id>/risposte/<int:number>/modifica", methods=["GET", "POST"])
@login_required
def edit_post(slug: str, topic_id: str, number: int):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    topic = forum.get_topic(graph, actor, community, topic_id)
    post = forum.post_for_edit(graph, topic, number)
    form = EditForm(with_title=False)
    if request.method == "GET":
        form.body.data, form.version.data = post["body"], post["version"]
    return _edit(form, community, topic, post)


def _edit(form: EditForm, community: dict[str, Any], topic: dict[str, Any], post: dict[str, Any] | None):
    """The edit page of the opening text (``post`` None) or of a reply. On a conflict (409) the
    current text is shown and the person's text stays in the form, with the new version: saving
    again is a deliberate choice."""
    graph, actor = neo4j.graph, current_actor()
    preview_html, current, status = None, None, 200
    author_id = (post or topic).get("author_id")
    access = service.access(graph, actor, community["id"])
    if not (access.can_moderate or (actor and actor.id == author_id and access.can_post)):
        raise PermissionDenied(_("Puoi modificare solo i tuoi messaggi."))
    if request.method == "POST":
        if not form.validate():
            status = 422
        elif form.preview.data:
            preview_html = forum.preview(graph, community, form.body.data)
        else:
            try:
                if post is None:
                    forum.edit_topic(graph, actor, topic, form.version.data, form.title.data, form.body.data,
                                     form.reason.data or "")
                else:
                    forum.edit_post(graph, actor, topic, post, form.version.data, form.body.data,
                                    form.reason.data or "")
            except ValidationFailed as exc:
                _attach(form, exc)
                status = 422
            except forum.EditConflict as exc:
                current, status = exc.current, 409
                form.version.data = current["version"]
                form.version.raw_data = [str(current["version"])]
                flash(message_of(exc), "warning")
            else:
                flash(_("Modifiche salvate."), "success")
                return redirect(forum.topic_url(community["slug"], topic["id"], post["number"] if post else None))
    current_html = forum.preview(graph, community, current["body"]) if current else None
    return render_template("communities/edit_form.html", form=form, community=community, topic=topic, post=post,
                           preview_html=preview_html, current=current, current_html=current_html,
                           body_help=BODY_HELP), status


@bp.post("/comunita/<slug>/discussioni/<topic_id>/soluzione")
@login_required
def solution(slug: str, topic_id: str):
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    topic = forum.get_topic(graph, actor, community, topic_id)
    raw = request.form.get("number", "")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else None
    forum.set_solution(graph, actor, topic, number)
    flash(_("Soluzione indicata.") if number else _("Soluzione tolta."), "success")
    return redirect(forum.topic_url(slug, topic_id, number))


@bp.post("/comunita/<slug>/discussioni/<topic_id>/reazioni")
@login_required
def react(slug: str, topic_id: str):
    """Toggle a reaction; answers JSON to forum.js, a redirect back to the post otherwise."""
    graph, actor = neo4j.graph, current_actor()
    community = _community(slug)
    topic = forum.get_topic(graph, actor, community, topic_id)
    raw = request.form.get("number", "")
    number = int(raw) if raw.isdigit() and int(raw) > 0 else None
    try:
        added = forum.react(graph, actor, topic, request.form.get("kind", ""), number)
    except ValidationFailed:
        abort(400)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"added": added})
    return redirect(forum.topic_url(slug, topic_id, number) if number else
                    url_for(".topic", slug=slug, topic_id=topic_id) + "#topic-body")


@bp.post("/comunita/<slug>/anteprima")
@login_required
def preview(slug: str):
    """The HTML of a Markdown text, for the preview button of forum.js (JSON)."""
    community = _community(slug)
    text = request.form.get("body", "")[: forum.BODY_MAX]
    return jsonify({"html": forum.preview(neo4j.graph, community, text)})
