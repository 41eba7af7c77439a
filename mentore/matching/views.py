"""The matcher's pages: a suggested organisation's inbox and answers, the partner finder.
A need's own suggestions are on the need page (mentore.needs.views)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from mentore import clock, jobs
from mentore.extensions import matcher_of, neo4j
from mentore.matching.forms import AnswerForm, PartnerForm
from mentore.messages import errors_of, message_of
from mentore.reference.vocabularies import ORGANISATION_KINDS
from mentore.services import matching, suggestion_pages, suggestions
from mentore.services import needs as needs_service
from mentore.services.errors import NotFoundError, ValidationFailed
from mentore.services.querystring import QueryReader
from mentore.web import activity_choices, current_actor, list_url, page_links, query_lists, requester_key

bp = Blueprint("matching", __name__)

#: The partner finder shows this many organisations, and this many more each time the person
#: asks for more ("n" in the address), up to RESULTS_MAX.
RESULTS_STEP = 10
RESULTS_MAX = 50


@bp.get("/organizzazioni/<organisation_id>/suggerimenti")
@login_required
def inbox(organisation_id: str):
    return _render_inbox(organisation_id)


@bp.get("/organizzazioni/<organisation_id>/suggerimenti/<suggestion_id>")
@login_required
def inbox_item(organisation_id: str, suggestion_id: str):
    """One suggestion of the inbox (the link of a notification): the inbox's page that lists it,
    at the suggestion; the inbox with a note when it no longer lists it."""
    page = suggestion_pages.inbox_page_of(neo4j.graph, current_actor(), organisation_id, suggestion_id)
    if page is None:
        flash(_("Questo suggerimento non c'è più: i suggerimenti cambiano quando cambiano i bisogni o i profili "
                "delle organizzazioni. Qui sotto trovate quelli attuali."), "info")
        return redirect(url_for(".inbox", organisation_id=organisation_id))
    at = {"page": page} if page > 1 else {}
    return redirect(url_for(".inbox", organisation_id=organisation_id, **at) + f"#s-{suggestion_id}")


@bp.post("/organizzazioni/<organisation_id>/suggerimenti/<suggestion_id>/risposta")
@login_required
def answer(organisation_id: str, suggestion_id: str):
    form = AnswerForm(prefix=AnswerForm.prefix_for(suggestion_id))
    try:
        found = suggestions.answer(neo4j.graph, current_actor(), suggestion_id, form.answer.data or "",
                                   form.availability.data or "")
    except NotFoundError:
        return _answer_gone(organisation_id, form)
    except ValidationFailed as exc:
        for name, message in exc.errors.items():
            target = getattr(form, name, form.answer)
            target.errors = [*target.errors, message]
        return _render_inbox(organisation_id, answering=(suggestion_id, form)), 422
    except suggestions.DecisionRefused as exc:
        if form.answer.data:  # what was written is shown again, nothing lost
            return _render_inbox(organisation_id, gone={"lead": _("La risposta non è stata inviata:"),
                                                        "why": message_of(exc), "text": form.answer.data,
                                                        "need_id": request.form.get("need", "")}), 409
        flash(message_of(exc), "danger")
    else:
        flash(_("Risposta inviata: l'organizzazione che ha pubblicato il bisogno la legge sotto il suggerimento."),
              "success")
        if found["set_aside"]:  # another organisation in its place, in the background
            jobs.submit(jobs.refresh_need, found["need_id"])
    return redirect(url_for(".inbox", organisation_id=organisation_id, **_inbox_args()) + f"#s-{suggestion_id}")


def _answer_gone(organisation_id: str, form: AnswerForm):
    """The suggestion was taken away while the person wrote its answer (a refresh proposed others
    once the need or the profiles nearby changed): an answer that says the organisation can help
    reaches the poster all the same, as an offer to help (services.suggestions.offer); one that
    says it cannot needs no sending. When it cannot be an offer, the inbox says why and shows what
    was written, nothing lost."""
    need_id, text, availability = request.form.get("need", ""), form.answer.data or "", form.availability.data or ""
    if availability == "no":
        flash(_("Il bisogno nel frattempo è cambiato e la piattaforma non suggerisce più la vostra organizzazione: "
                "non serve rispondere di no."), "info")
        return redirect(url_for(".inbox", organisation_id=organisation_id, **_inbox_args()))
    try:
        done = suggestions.offer(neo4j.graph, current_actor(), need_id, organisation_id, text, availability)
    except ValidationFailed as exc:
        why = errors_of(exc)
    except suggestions.DecisionRefused as exc:
        why = message_of(exc)
    except NotFoundError:
        why = _("Il bisogno non c'è più.")
    else:
        flash(_("Il bisogno nel frattempo è cambiato e la piattaforma non suggeriva più la vostra organizzazione: "
                "la vostra risposta è arrivata comunque a chi l'ha pubblicato, come proposta di aiuto."), "success")
        jobs.submit(jobs.refresh_need, need_id)  # why it could help: its reasons, in the background
        return redirect(url_for(".inbox", organisation_id=organisation_id, **_inbox_args()) + f"#s-{done['id']}")
    return _render_inbox(organisation_id, gone={"why": why, "text": text, "need_id": need_id}), 422


@bp.get("/organizzazioni/<organisation_id>/bisogni-vicini")
@login_required
def needs_near(organisation_id: str):
    """The active needs the organisation could answer though it was not suggested for them."""
    near = suggestions.needs_near(matcher_of(), neo4j.graph, current_actor(), organisation_id)
    return render_template("matching/nearby.html", org=near.organisation, near=near,
                           close_text=suggestions.CLOSE_TEXT)


@bp.get("/suggerimenti/come-funzionano")
def how():
    """How suggestions are made: the data, the sources of candidates, the reasons and how much
    each counts now, how the weights are learned."""
    from mentore.matcher.features import FEATURES
    from mentore.matcher.ranker import FEEDBACK_PRIOR, MIN_POSITIVES

    in_use = suggestion_pages.how_suggestions_work(matcher_of(), neo4j.graph)
    return render_template("matching/how.html", rankers=in_use, features=FEATURES, titles=suggestion_pages.TASK_TITLES,
                           reason_of={f.name: f.reason for f in FEATURES},
                           min_positives=MIN_POSITIVES, feedback_prior=FEEDBACK_PRIOR, civic_top=matching.CIVIC_TOP,
                           civic_times=round(math.exp(matching.CIVIC_PRIOR)))


@bp.get("/partner")
def partners():
    """Who could join a project: its text, the partners already in; results are links."""
    form = PartnerForm(request.args)
    search = None
    limited: matching.SearchRateLimited | None = None
    shown = _results_wanted()
    if request.args and form.validate():
        text, add = form.text.data or "", (form.add.data or "").strip()
        wanted = bool(text.strip()) or ("text" in request.args and not add)
        search = _find_partners(form, shown, add, wanted)
        limited = search.limited  # no search; the text and the partners stay
        for name in ("text", "add", "programme", "kind", "territory", "activity"):
            if name in search.errors:
                getattr(form, name).errors = [search.errors[name]]
        if "add" not in search.errors:
            form.add.data = ""  # the partner is in the list now
        if limited:
            form.text.errors = [limited.args[0]]
    known_names = {k["id"]: k["name"] for k in search.known} if search and search.known else {}
    rows = suggestion_pages.partner_table(neo4j.graph, search.result.items) if search and search.result else []
    # the person's own organisations, which the results offer to put among the partners
    own = needs_service.organisations_of(neo4j.graph, current_actor()) if search and search.result else []
    page = render_template("matching/partners.html", form=form, search=search,
                           links=_partner_links(search, shown, own),
                           known_names=known_names, rows=rows,
                           activity_names=dict(activity_choices()) if search and search.text_activity else {})
    return (page, 429, {"Retry-After": str(limited.retry_after)}) if limited else page


@bp.get("/partner/elenco.csv")
def partners_csv():
    """The partner finder's results as a file for a spreadsheet: the same search as the page (it
    counts as one), each organisation with its kind, seat, public contacts, page and reasons.
    Separated by ";" and with a BOM, as a spreadsheet set to Italian opens it. Without results to
    give (no text, an error, too many searches), back to the page, which says why."""
    form = PartnerForm(request.args)
    back = redirect(url_for(".partners", **request.args.to_dict(flat=False)))
    if not form.validate() or not (form.text.data or "").strip():
        return back
    search = _find_partners(form, _results_wanted())
    if search.result is None:
        return back
    rows = suggestion_pages.partner_table(neo4j.graph, search.result.items)
    body = render_template("matching/partners.csv", rows=rows,
                           names={k["id"]: k["name"] for k in search.known}, kinds=ORGANISATION_KINDS)
    filename = f"mentore-partner-{clock.today():%Y-%m-%d}.csv"
    return Response("\ufeff" + body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


# ----------------------------------------------------------------------------- helpers


def _find_partners(form: PartnerForm, shown: int, add: str = "", wanted: bool = True) -> suggestion_pages.PartnerSearch:
    """The partner search of the address (``add``, ``wanted``: see ``find_partners``), counted
    against the person's searches."""
    return suggestion_pages.find_partners(
        matcher_of(), neo4j.graph, form.text.data or "", request.args.getlist("known"), add, search=wanted,
        limit=shown, programme=form.programme.data or "", kind=form.kind.data or "",
        territory=form.territory.data or "", activity=form.activity.data or "",
        eligible=matching.Eligibility(verified=bool(form.verified.data), runts=bool(form.runts.data)),
        gate=lambda: matching.count_partner_search(neo4j.graph, requester_key(request)),
        lookahead=max(min(RESULTS_STEP, RESULTS_MAX - shown), 0))


def _inbox_args() -> dict[str, int | str]:
    """Where the inbox stands: its page, and whether it lists only the needs waiting for an
    answer ("da_rispondere") or only the requests for help ("richieste"), as the address asks
    (which one wins when both are asked is ``suggestion_pages.inbox_page``'s); kept by the
    answer's round trip."""
    page = QueryReader(query_lists(request)).integer("page", 1, 1, 10_000)
    shown = {name: "1" for name, asked in (("da_rispondere", _only_waiting()), ("richieste", _only_requests()))
             if asked}
    return {**({"page": page} if page > 1 else {}), **shown}


def _only_waiting() -> bool:
    return request.args.get("da_rispondere") == "1"


def _only_requests() -> bool:
    """Only the requests for help asked ("richieste"); those waiting come first when both are
    (``suggestion_pages.inbox_page``)."""
    return request.args.get("richieste") == "1"


def _render_inbox(organisation_id: str, answering: tuple[str, AnswerForm] | None = None,
                  gone: dict[str, Any] | None = None):
    """The inbox; ``answering``: the suggestion whose answer came back with an error; ``gone``:
    the answer to a suggestion taken away that could not be sent as an offer, or that was
    refused ({why, text, need_id}; ``lead``: what the message starts with, when not the
    former)."""
    args = _inbox_args()
    inbox = suggestion_pages.inbox_page(neo4j.graph, current_actor(), organisation_id, int(args.get("page", 1)),
                                        only_waiting=_only_waiting(), only_requests=_only_requests())
    if inbox.page > inbox.pages and answering is None and gone is None:  # past the last page: go to the last one
        last = {**args, "page": inbox.pages} if inbox.pages > 1 else {k: v for k, v in args.items() if k != "page"}
        return redirect(url_for(".inbox", organisation_id=organisation_id, **last))
    forms = {i["id"]: AnswerForm(prefix=AnswerForm.prefix_for(i["id"]), formdata=None,
                                 availability=i.get("availability"))
             for i in inbox.items if i["answerable"]}
    if answering:
        forms[answering[0]] = answering[1]
    route = {"organisation_id": organisation_id}
    links = page_links(".inbox", MultiDict(request.args), inbox.page, inbox.pages, route)
    waiting_links = {"all": url_for(".inbox", organisation_id=organisation_id),
                     "waiting": url_for(".inbox", organisation_id=organisation_id, da_rispondere="1"),
                     "requests": url_for(".inbox", organisation_id=organisation_id, richieste="1")}
    return render_template("matching/inbox.html", inbox=inbox, org=inbox.organisation, forms=forms,
                           answering=answering and answering[0], gone=gone, links=links,
                           waiting_links=waiting_links, here=args)


def _results_wanted() -> int:
    """How many organisations the partner finder shows: RESULTS_STEP, or what the address asks
    ("n", brought within 1..RESULTS_MAX; not a number: RESULTS_STEP)."""
    return QueryReader(query_lists(request)).integer("n", RESULTS_STEP, 1, RESULTS_MAX)


def _partner_links(search: suggestion_pages.PartnerSearch | None, shown: int,
                   own: Sequence[dict[str, Any]] = ()) -> dict[str, object]:
    """Links that change the consortium (add a result, add a candidate, add one of the person's
    own organisations ``own``, remove a partner), which keep the text, the call and how many
    results are shown; and ``more``, the link that shows up to RESULTS_STEP more results, at the
    first new one ({url, count}, the count being what the matcher has; None when there are no
    more or RESULTS_MAX are shown)."""
    if search is None:
        return {}
    filters = {name: value for name, value in (("kind", search.kind), ("territory", search.territory),
                                               ("activity", search.activity),
                                               ("verified", "y" if search.eligible.verified else ""),
                                               ("runts", "y" if search.eligible.runts else "")) if value}
    args = MultiDict({"text": search.text, **({"programme": search.programme} if search.programme else {}),
                      **filters, **({"n": str(shown)} if shown != RESULTS_STEP else {})})
    known = [k["id"] for k in search.known]

    def with_known(ids: list[str]) -> str:
        return list_url(".partners", args, known=ids)

    results = search.result.items if search.result else []
    more = None
    if search.more and shown < RESULTS_MAX:
        wanted = min(shown + RESULTS_STEP, RESULTS_MAX)
        url = list_url(".partners", args, known=known, n=str(wanted)) + f"#r-{len(results) + 1}"
        more = {"url": url, "count": min(wanted - len(results), search.more)}
    return {
        "add": {s.organisation_id: with_known([*known, s.organisation_id]) for s in results},
        "candidate": {c["id"]: with_known([*known, c["id"]]) for c in search.candidates},
        "remove": {k: with_known([x for x in known if x != k]) for k in known},
        # an officer searching for her own body's project: with her body among the partners, who
        # could join it, its network counting, rather than who could lead it
        "own": [(o["name"], with_known([*known, o["id"]])) for o in own if o["id"] not in known],
        "more": more,
        "csv": list_url(".partners_csv", args, known=known) if results else None,
        # the same search among all organisations, when it was limited to a kind, a territory, an
        # activity or an eligibility
        "unfiltered": list_url(".partners", args, known=known, **dict.fromkeys(filters, [])) if filters else None,
        # the same search only in a place the text names: (its name, the link)
        "text_places": [(place.name, list_url(".partners", args, known=known, territory=place.name, n=[]))
                        for place in (search.result.text_places if search.result else ())],
        # the same search only among those carrying out the activity the text is plainly about
        "text_activity": list_url(".partners", args, known=known, activity=search.text_activity, n=[])
        if search.text_activity else None,
    }
