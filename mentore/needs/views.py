"""The needs check-list: thin routes over services.needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from werkzeug.datastructures import MultiDict

from mentore import clock, jobs
from mentore.extensions import neo4j
from mentore.messages import message_of
from mentore.needs.forms import DeclineForm, MetForm, NeedForm, OfferForm
from mentore.reference.places import gazetteer, place_label
from mentore.reference.vocabularies import HELP_KINDS, NEED_STATUSES
from mentore.services import matching, suggestion_pages
from mentore.services import needs as service
from mentore.services import organisations as organisations_service
from mentore.services import suggestions as suggestions_service
from mentore.services.errors import NotFoundError, PermissionDenied, ValidationFailed
from mentore.services.suggestions import DECLINE_LABELS, DecisionRefused
from mentore.web import (
    activity_choices,
    competency_choices,
    current_actor,
    eligible_helpers,
    label_proposals,
    list_url,
    page_links,
    proposing,
    query_lists,
)

bp = Blueprint("needs", __name__)
# `need is anywhere_on_site` in templates: all of Italy asked for help given on site
bp.add_app_template_test(matching.anywhere_on_site, "anywhere_on_site")
#: The offer form's fields are named "offer-...": the need page holds other forms.
OFFER_PREFIX = "offer"

#: Button label of each lifecycle move, and the moves that ask for confirmation.
ACTIONS = {
    "open": _l("Pubblica"), "matched": _l("Segna come abbinato"), "in_progress": _l("Segna come in corso"),
    "met": _l("Segna come soddisfatto"), "closed": _l("Chiudi il bisogno"),
}
#: "open" from any state but a draft sends the need back to open: it is not a publication.
REOPEN = _l("Riapri il bisogno")
#: The moves that cannot be undone, and what the person confirms ("met" has a page of its own:
#: mark_met).
CONFIRM = {
    "in_progress": _l("Confermi che il lavoro su questo bisogno è iniziato? Non potrà tornare aperto."),
    "closed": _l("Confermi di chiudere questo bisogno? Non potrà essere riaperto."),
}
#: What the poster is told after each decision on a suggestion.
DECIDED = {
    "accept": _l("Suggerimento accettato."),
    "contact": _l("Suggerimento segnato come contattato: i recapiti dell'organizzazione sono sotto il suo nome."),
    "decline": _l("Suggerimento rifiutato: al suo posto la piattaforma cerca un'altra organizzazione, e il motivo "
                  "aiuta a migliorare i prossimi suggerimenti."),
    "withdraw": _l("Richiesta di aiuto ritirata: l'organizzazione ne è avvisata."),
}


@bp.get("/bisogni")
def index():
    query, errors = service.parse_query(query_lists(request))
    result = service.search(neo4j.graph, query)
    if result.total and query.page > result.pages:  # a page past the end: the last one
        return redirect(list_url("needs.index", request.args, page=result.pages))
    return render_template("needs/list.html", view=_list_view(result, "needs.index"), errors=errors,
                           mine=False, organisations=None, **_vocabularies())


@bp.get("/bisogni/miei")
@login_required
def mine():
    query, errors = service.parse_query(query_lists(request))
    organisations, result = service.mine(neo4j.graph, current_actor(), query)
    if result is None:
        return render_template("needs/no_organisation.html")
    if result.total and query.page > result.pages:
        return redirect(list_url("needs.mine", request.args, page=result.pages))
    # what to do first, above the whole list (not over a filtered one or a later page)
    to_do = (service.to_do(neo4j.graph, organisations, clock.today())
             if query.page == 1 and not query.has_filters() else [])
    return render_template("needs/list.html", view=_list_view(result, "needs.mine"), errors=errors,
                           mine=True, organisations=organisations, to_do=to_do, **_vocabularies())


@bp.get("/bisogni/mine")
def former_mine():
    """The list's former address, which the only English word among the site's addresses gave
    (bookmarks, links in e-mails already sent): the list, with the same filters and page."""
    query = request.query_string.decode()
    return redirect(url_for("needs.mine") + (f"?{query}" if query else ""), 301)


@bp.route("/bisogni/nuovo", methods=["GET", "POST"])
@login_required
def create():
    graph, actor = neo4j.graph, current_actor()
    organisations = service.organisations_of(graph, actor)
    if not organisations:
        return render_template("needs/no_organisation.html")
    form = NeedForm(organisations=[(o["id"], o["name"]) for o in organisations],
                    competency_choices=competency_choices())
    duplicate = None  # the organisation's need with the same title, when there is one
    proposals = model = None
    if request.method == "GET":
        form.place.data = _seat_label(graph, form.organisation.data)
        if request.args.get("modello"):
            model = _start_from(form, request.args["modello"])
    elif proposing(form):
        proposals = label_proposals(form.title.data, form.description.data, form.beneficiaries.data,
                                    form.competencies.choices)
    elif form.validate_on_submit():
        try:
            need_id = service.create(graph, actor, form.organisation.data, form.to_input())
        except service.DuplicateNeed as exc:
            _attach(form, exc)
            duplicate = exc.need
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            jobs.submit(jobs.refresh_need, need_id)
            flash(_("Bisogno pubblicato.") if form.publish.data else _("Bozza salvata: solo la tua organizzazione "
                                                                        "la vede finché non la pubblichi."), "success")
            return redirect(url_for(".detail", need_id=need_id))
    return render_template("needs/form.html", form=form, need=None, duplicate=duplicate,
                           proposals=proposals, model=model, eligible=_eligible(form, form.organisation.data)), \
        _status(form)


@bp.route("/bisogni/<need_id>/modifica", methods=["GET", "POST"])
@login_required
def edit(need_id: str):
    graph, actor = neo4j.graph, current_actor()
    need = service.for_edit(graph, actor, need_id)  # 404 / 403 first
    form = NeedForm(competency_choices=competency_choices(), kept_place=need.get("place_kept"))
    proposals = None
    if request.method == "GET":
        form.fill_from(need)
    elif proposing(form):
        proposals = label_proposals(form.title.data, form.description.data, form.beneficiaries.data,
                                    form.competencies.choices)
    elif form.validate_on_submit():
        try:
            service.update(graph, actor, need_id, form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            jobs.submit(jobs.refresh_need, need_id)
            flash(_("Bisogno aggiornato."), "success")
            return redirect(url_for(".detail", need_id=need_id))
    return render_template("needs/form.html", form=form, need=need, proposals=proposals,
                           eligible=_eligible(form, need["organisation_id"])), _status(form)


def _eligible(form: NeedForm, organisation_id: str | None) -> dict:
    """How many organisations the requirements typed in the form admit (``web.eligible_helpers``)."""
    return eligible_helpers(organisation_id, form.place.data, bool(form.only_verified.data),
                            bool(form.only_runts.data), form.helpers_within.data or None,
                            form.help_kind.data or None, bool(form.in_person.data))


@bp.get("/bisogni/<need_id>")
def detail(need_id: str):
    return _render_detail(need_id)


@bp.post("/bisogni/<need_id>/suggerimenti/<suggestion_id>")
@login_required
def decide(need_id: str, suggestion_id: str):
    """The poster accepts, contacts or declines (with a reason) one suggestion of the need."""
    decision = request.form.get("decision", "")
    form = DeclineForm(prefix=DeclineForm.prefix_for(suggestion_id))
    try:
        now = suggestion_pages.decide(neo4j.graph, current_actor(), suggestion_id, decision,
                                      form.reason.data or "", form.reason_text.data or "", need_id=need_id)
    except ValidationFailed as exc:
        _attach(form, exc)
        return _render_detail(need_id, declining=(suggestion_id, form)), 422
    except DecisionRefused as exc:
        flash(message_of(exc), "danger")
    else:
        flash(DECIDED[decision], "success")
        if now["set_aside"]:  # another organisation in its place, in the background
            jobs.submit(jobs.refresh_need, need_id)
        if decision == "accept":
            status = NEED_STATUSES[now["need_status"]]
            flash(_("Il bisogno risulta «%(status)s».", status=_(status)), "info")
    return redirect(url_for(".detail", need_id=need_id) + "#suggerimenti")


@bp.post("/bisogni/<need_id>/offerta")
@login_required
def offer(need_id: str):
    """An organisation of the person that was not suggested offers to help."""
    form = OfferForm(prefix=OFFER_PREFIX)
    try:
        done = suggestions_service.offer(neo4j.graph, current_actor(), need_id, form.organisation.data or "",
                                         form.answer.data or "", form.availability.data or "")
    except ValidationFailed as exc:
        _attach(form, exc)
        return _render_detail(need_id, offering=form), 422
    except DecisionRefused as exc:
        flash(message_of(exc), "danger")
        return redirect(url_for(".detail", need_id=need_id) + "#offri")
    flash(_("Proposta inviata: l'organizzazione che ha pubblicato il bisogno la legge tra i suggerimenti, con una "
            "notifica, e vi risponde accettando o contattandovi. La trovate anche tra i vostri suggerimenti."),
          "success")
    jobs.submit(jobs.refresh_need, need_id)  # why it could help: its reasons, in the background
    return redirect(url_for(".detail", need_id=need_id) + f"#s-{done['id']}")


@bp.route("/bisogni/<need_id>/soddisfatto", methods=["GET", "POST"])
@login_required
def mark_met(need_id: str):
    """The poster's members mark a need met, saying which of the organisations on it helped (they
    are thanked, and their help is shown on the need's page), and maybe one of the directory that
    helped outside the suggestions (asked to confirm it); this page is the confirmation."""
    graph, actor = neo4j.graph, current_actor()
    view = service.get(graph, actor, need_id)  # 404 first (a draft of others does not exist)
    choices = service.helper_choices(graph, actor, need_id)  # 403 for anyone but its members
    if view.need["status"] == "met":  # marked already (the question's notification, opened again)
        return redirect(url_for(".edit_helpers", need_id=need_id))
    if "met" not in view.transitions:
        label = NEED_STATUSES[view.need["status"]]
        flash(_("Un bisogno «%(status)s» non può essere segnato come soddisfatto.", status=_(label)), "danger")
        return redirect(url_for(".detail", need_id=need_id))
    page, saved = _helpers_form(view.need, choices, False, lambda helpers, claim: service.transition(
        graph, actor, need_id, "met", helped_by=helpers, claim=claim))
    if page is not None:
        return page
    helpers, claim = saved[0], saved[1]
    names = [c["name"] for c in choices if c["id"] in helpers]
    flash(_("Bisogno segnato come soddisfatto. Grazie: %(names)s ne riceve notizia e il suo aiuto compare sulla "
            "pagina del bisogno.", names=", ".join(names)) if len(names) == 1 else
          _("Bisogno segnato come soddisfatto. Grazie: %(names)s ne ricevono notizia e il loro aiuto compare "
            "sulla pagina del bisogno.", names=", ".join(names)) if names else
          _("Bisogno segnato come soddisfatto."), "success")
    _flash_claim(graph, need_id, claim)
    return redirect(url_for(".detail", need_id=need_id))


@bp.route("/bisogni/<need_id>/chi-ha-aiutato", methods=["GET", "POST"])
@login_required
def edit_helpers(need_id: str):
    """Who helped to meet a need already met, said again by the poster's members: one forgotten
    is added (and thanked), one named by mistake taken away, one of the directory asked to
    confirm it."""
    graph, actor = neo4j.graph, current_actor()
    view = service.get(graph, actor, need_id)
    choices = service.helper_choices(graph, actor, need_id)  # 403 for anyone but its members
    if view.need["status"] != "met":
        flash(_("Chi ha aiutato si indica quando il bisogno è segnato come soddisfatto."), "info")
        return redirect(url_for(".detail", need_id=need_id))
    page, saved = _helpers_form(view.need, choices, True, lambda helpers, claim: service.set_helpers(
        graph, actor, need_id, helpers, claim=claim))
    if page is not None:
        return page
    claim, changed = saved[1], saved[2]
    names = {c["id"]: c["name"] for c in choices}
    added = ", ".join(names.get(i, i) for i in changed["added"])
    removed = ", ".join(names.get(i, i) for i in changed["removed"])
    if added or removed:
        flash(" ".join(part for part in (
            _("Aggiunte, con un ringraziamento: %(names)s.", names=added) if added else "",
            _("Tolte: %(names)s.", names=removed) if removed else "") if part), "success")
    elif not claim:
        flash(_("Nessuna modifica: chi ha aiutato resta com'era."), "info")
    _flash_claim(graph, need_id, claim)
    return redirect(url_for(".detail", need_id=need_id))


@bp.post("/bisogni/<need_id>/aiuto/<organisation_id>")
@login_required
def answer_help_claim(need_id: str, organisation_id: str):
    """The members of an organisation the poster said helped to meet a need confirm it or say it
    did not; the poster's members may withdraw the question."""
    decision = request.form.get("decision", "")
    if decision not in service.CLAIM_DECISIONS:
        flash(_("Scegli se confermare."), "danger")
        return redirect(url_for(".detail", need_id=need_id) + "#help-claims")
    try:
        service.answer_claim(neo4j.graph, current_actor(), need_id, organisation_id, decision)
    except service.TransitionRefused as exc:
        flash(message_of(exc), "warning")
    else:
        flash({"confirm": _("Grazie: l'aiuto della vostra organizzazione compare sulla pagina del bisogno."),
               "decline": _("Risposta registrata: la vostra organizzazione non compare tra chi ha aiutato."),
               "withdraw": _("Richiesta di conferma ritirata.")}[decision], "success")
    return redirect(url_for(".detail", need_id=need_id))


def _helpers_form(need: dict[str, Any], choices: list[dict[str, Any]], editing: bool,
                  save: Callable[[list[str], str], Any]) -> tuple[Any, tuple[list[str], str, Any] | None]:
    """The met page (``editing``: the who-helped page of a need met) asked or sent: (the page to
    answer, None) for the form (those checked ticked), for its errors (422, the input kept) or,
    when the need changed meanwhile, the need's page; else (None, (the organisations ticked, the
    one of the directory to ask, what ``save(helpers, claim)`` returned))."""
    form = MetForm()
    if request.method == "GET":
        form.helped_by.data = [c["id"] for c in choices if c["checked"]]
        return _met_page(need, form, choices, editing=editing), None
    helpers, claim, candidates = _helpers_of(neo4j.graph, form, choices)
    if form.other.errors:
        return (_met_page(need, form, choices, candidates, editing=editing), 422), None
    try:
        return None, (helpers, claim, save(helpers, claim))
    except ValidationFailed as exc:
        _attach_helpers(form, exc)
        return (_met_page(need, form, choices, editing=editing), 422), None
    except service.TransitionRefused as exc:
        flash(message_of(exc), "danger")
        return redirect(url_for(".detail", need_id=need["id"])), None


def _helpers_of(graph, form: MetForm, choices: list[dict[str, Any]]) -> tuple[list[str], str, list[dict[str, Any]]]:
    """The organisations ticked, the one of the directory named or picked (``claim``; one of the
    choices named so is ticked instead) and, when the name found several, the candidates; a
    name that finds none or several is an error on its field."""
    helpers = list(form.helped_by.data or [])
    claim, candidates = (form.other_id.data or "").strip(), []
    name = (form.other.data or "").strip()
    if not claim and name:
        found, candidates, error = organisations_service.resolve_name(graph, name)
        if error:
            form.other.errors = [*form.other.errors, error]
        claim = found or ""
    if claim in {c["id"] for c in choices}:
        helpers, claim = [*helpers, claim] if claim not in helpers else helpers, ""
    form.helped_by.data = helpers
    return helpers, claim, candidates


def _attach_helpers(form: MetForm, exc: ValidationFailed) -> None:
    for name, message in exc.errors.items():
        field = form.other if name == "other" else form.helped_by
        field.errors = [*field.errors, message]


def _met_page(need: dict[str, Any], form: MetForm, choices: list[dict[str, Any]],
              candidates: list[dict[str, Any]] | None = None, editing: bool = False) -> str:
    return render_template("needs/met.html", need=need, form=form, choices=choices, candidates=candidates or [],
                           editing=editing)


def _flash_claim(graph, need_id: str, claim: str) -> None:
    if claim:
        asked = next((c for c in service.get(graph, current_actor(), need_id).need["help_claims"]
                      if c["id"] == claim), None)
        if asked and asked["answerers"]:
            flash(_("Abbiamo chiesto a %(name)s di confermare che vi ha aiutato: fino ad allora non compare tra chi "
                    "ha aiutato.", name=asked["name"]), "info")
        elif asked and asked["members"]:  # all of them are of the poster too
            flash(_("Chi rappresenta %(name)s sulla piattaforma fa parte anche della vostra organizzazione: la "
                    "richiesta di conferma resta in attesa finché non la conferma un altro suo membro, e fino ad "
                    "allora non compare tra chi ha aiutato.", name=asked["name"]), "warning")
        elif asked:  # nobody on the platform speaks for it yet
            flash(_("%(name)s non ha ancora membri sulla piattaforma: la richiesta di conferma resta in attesa "
                    "finché qualcuno non la rappresenta, e fino ad allora non compare tra chi ha aiutato.",
                    name=asked["name"]), "warning")


@bp.get("/bisogni/<need_id>/offerta")
@bp.get("/bisogni/<need_id>/suggerimenti/<suggestion_id>")
@bp.get("/bisogni/<need_id>/stato")
def back_to_need(need_id: str, suggestion_id: str | None = None):
    """The address a decision or a change of state was sent to, opened again (a reload after an
    error, the language switch): the need's page, at the suggestion."""
    return redirect(url_for(".detail", need_id=need_id) + (f"#s-{suggestion_id}" if suggestion_id else ""))


@bp.post("/bisogni/<need_id>/stato")
@login_required
def change_status(need_id: str):
    target = request.form.get("status", "")
    try:
        service.transition(neo4j.graph, current_actor(), need_id, target)
    except service.TransitionRefused as exc:
        flash(message_of(exc), "danger")
    else:
        if target == "open":
            jobs.submit(jobs.refresh_need, need_id)
        flash(_("Stato del bisogno aggiornato: %(status)s.", status=_(NEED_STATUSES[target])), "success")
    return redirect(url_for(".detail", need_id=need_id))


# ----------------------------------------------------------------------------- helpers


def _render_detail(need_id: str, declining: tuple[str, DeclineForm] | None = None,
                   offering: OfferForm | None = None) -> str:
    """The need page; ``declining``: the suggestion whose decline form came back with errors;
    ``offering``: the offer that came back with errors."""
    graph, actor = neo4j.graph, current_actor()
    view = service.get(graph, actor, need_id)
    shown = suggestion_pages.for_need(graph, actor, view)
    if shown.active and (shown.refreshing or not shown.computed):
        # the page says the suggestions are on their way: they are, even if the job queued by the
        # change was lost with a restart (a job already waiting is not queued twice)
        jobs.submit(jobs.refresh_need, need_id)
    decline_forms = {}
    if shown.can_decide:
        decline_forms = {i["id"]: DeclineForm(prefix=DeclineForm.prefix_for(i["id"]), formdata=None)
                         for i in shown.items if i["status"] in ("proposed", "contacted")}
        if declining:
            decline_forms[declining[0]] = declining[1]
    offer_form = offering
    if offer_form is None and shown.may_offer:
        offer_form = OfferForm(prefix=OFFER_PREFIX, formdata=None, organisation=shown.may_offer[0]["id"])
    if offer_form is not None:
        offer_form.organisation.choices = [(o["id"], o["name"]) for o in shown.may_offer]
    elsewhere = service.place_named_elsewhere(view.need) if view.can_manage else None
    # the organisations of the person the poster said helped, asked to confirm it (not by a person
    # of the poster too: service.answer_claim)
    mine = ({o["id"] for o in service.organisations_of(graph, actor)}
            if (view.need.get("help_claims") or view.need.get("help_declined")) and not view.can_manage else set())
    claims_to_answer = [c for c in view.need.get("help_claims", []) if c["id"] in mine]
    declined_by_mine = [c for c in view.need.get("help_declined", []) if c["id"] in mine]  # may be taken back
    return render_template("needs/detail.html", view=view, need=view.need, actions=ACTIONS, reopen=REOPEN,
                           offer_form=offer_form, offer_failed=offering is not None,
                           confirm=CONFIRM,
                           place=place_label(view.need["territory"]) if view.need.get("territory") else "",
                           helpers_area=place_label(area) if (area := matching.helpers_area(view.need)) else "",
                           named_place=elsewhere.name if elsewhere else "",
                           suggestions=shown, decline_forms=decline_forms, declining=declining and declining[0],
                           decline_reasons=DECLINE_LABELS, claims_to_answer=claims_to_answer,
                           declined_by_mine=declined_by_mine,
                           **_vocabularies())


def _seat_label(graph, organisation_id: str | None) -> str:
    if not organisation_id:
        return ""
    seat = organisations_service.public_profile(graph, organisation_id).get("seat")
    return gazetteer().label(seat) if seat else ""


def _vocabularies() -> dict[str, Any]:
    return {"statuses": NEED_STATUSES, "help_kinds": HELP_KINDS,
            "activities": activity_choices(),
            "areas": gazetteer().areas()}


def _list_view(result: service.NeedList, endpoint: str) -> dict[str, Any]:
    args = MultiDict(request.args)
    return {
        "result": result,
        "status_links": [(s, result.status_counts.get(s, 0), list_url(endpoint, args, status=s),
                          s in result.query.status)
                         for s in NEED_STATUSES if result.status_counts.get(s) or s in result.query.status],
        "clear_url": url_for(endpoint),
        # the list without the organisation that posted, or the one that helped
        "drop": {"organisation": list_url(endpoint, args, organisation=""),
                 "helped_by": list_url(endpoint, args, helped_by="")},
        **page_links(endpoint, args, result.query.page, result.pages),
    }


def _attach(form: NeedForm | DeclineForm | OfferForm, exc: ValidationFailed) -> None:
    """Errors the service found, on their field (else on the form's main field)."""
    for name, message in exc.errors.items():
        target = getattr(form, name, None) or getattr(form, "title", None) or form.reason
        target.errors = [*target.errors, message]


def _start_from(form: NeedForm, need_id: str) -> dict[str, Any] | None:
    """A new need's form filled from one of the organisation's needs ("Usa come modello"): all
    but the deadline, which the poster chooses again; the need itself, or None (with a message
    saying why) when it cannot be used."""
    try:
        need = service.model_for(neo4j.graph, current_actor(), need_id)
    except NotFoundError:
        flash(_("Il bisogno da usare come modello non esiste più: compila il modulo da capo."), "warning")
        return None
    except PermissionDenied as exc:
        flash(message_of(exc), "warning")
        return None
    form.fill_from(need)
    form.deadline.data = None
    if any(value == need["organisation_id"] for value, _label in form.organisation.choices):
        form.organisation.data = need["organisation_id"]
    form.keep_place.data = bool(need.get("place_kept")) and need.get("place_kept") == need.get("territory")
    return need


def _status(form: NeedForm) -> int:
    """422 when a submitted form comes back with errors (the person's input is in it)."""
    return 422 if form.is_submitted() and any(f.errors for f in form) else 200
