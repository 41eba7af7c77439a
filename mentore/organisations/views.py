"""Directory of actors and organisation pages: thin routes over services.organisations."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm

from mentore import jobs
from mentore.extensions import neo4j
from mentore.messages import message_of
from mentore.organisations.forms import InviteForm, OrganisationForm, RefusalForm, VerificationRequestForm
from mentore.organisations.presenters import directory_view
from mentore.reference.places import gazetteer
from mentore.services import organisations as service
from mentore.services import suggestions, verification
from mentore.services.errors import ValidationFailed
from mentore.web import (
    competency_choices,
    competency_vocabulary,
    current_actor,
    label_proposals,
    proposing,
    query_lists,
)

bp = Blueprint("organisations", __name__)


@bp.get("/organizzazioni")
def directory():
    query, errors = service.parse_directory_query(query_lists(request), competencies=competency_vocabulary())
    result = service.directory(neo4j.graph, query)
    if query.page > result.pages and result.total:
        return redirect(url_for(".directory", **{**request.args.to_dict(flat=False), "page": result.pages}))
    return render_template("organisations/directory.html", view=directory_view(result, request.args), errors=errors)


@bp.route("/organizzazioni/nuova", methods=["GET", "POST"])
@login_required
def create():
    form = OrganisationForm(competency_choices=competency_choices())
    proposals = None
    if proposing(form):
        proposals = label_proposals(form.name.data, form.description.data, None, form.competencies.choices)
    elif form.validate_on_submit():
        try:
            organisation_id = service.create(neo4j.graph, current_actor(), form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            jobs.submit(jobs.refresh_after_profile_change, organisation_id)
            flash(_("Organizzazione registrata: ora ne sei amministratore."), "success")
            return redirect(url_for(".detail", organisation_id=organisation_id))
    return render_template("organisations/form.html", form=form, organisation=None,
                           proposals=proposals), _status(form)


@bp.route("/organizzazioni/<organisation_id>/modifica", methods=["GET", "POST"])
@login_required
def edit(organisation_id: str):
    graph = neo4j.graph
    profile = service.editable_profile(graph, current_actor(), organisation_id)  # 404, or 403 that says why
    comuni = [(t, gazetteer().label(t)) for t in profile.get("works_in", []) if t.startswith("comune:")]
    form = OrganisationForm(extra_areas=comuni, competency_choices=competency_choices())
    proposals = None
    if request.method == "GET":
        form.fill_from(profile)
    elif proposing(form):
        proposals = label_proposals(form.name.data, form.description.data, None, form.competencies.choices)
    elif form.validate_on_submit():
        try:
            unverified = service.update(graph, current_actor(), organisation_id, form.to_input())
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            jobs.submit(jobs.refresh_after_profile_change, organisation_id)
            flash(_("Profilo aggiornato."), "success")
            if unverified:
                flash(_("Avete cambiato dati che gli amministratori della piattaforma avevano verificato: la "
                        "verifica è stata tolta. Potete chiederla di nuovo nel riquadro «Verifica» di questa pagina."),
                      "warning")
            return redirect(url_for(".detail", organisation_id=organisation_id,
                                    _anchor="verifica" if unverified else None))
    return render_template("organisations/form.html", form=form, organisation=profile,
                           proposals=proposals), _status(form)


@bp.get("/organizzazioni/<organisation_id>")
def detail(organisation_id: str):
    return _detail(organisation_id)


def _detail(organisation_id: str, ask_form: VerificationRequestForm | None = None,
            refusal_form: RefusalForm | None = None, invite_form: InviteForm | None = None, status: int = 200):
    """The organisation's page; a verification form or a request for help sent with errors comes
    back in it, as typed."""
    page = service.page(neo4j.graph, current_actor(), organisation_id)
    may_ask, in_touch = suggestions.asking(neo4j.graph, current_actor(), organisation_id)
    invite_form = invite_form or InviteForm(formdata=None)
    invite_form.need.choices = [(n["id"], n["title"]) for n in may_ask]
    return render_template("organisations/detail.html", page=page, org=page.profile,
                           partners=jobs.possible_partners(organisation_id),
                           ask_form=ask_form or VerificationRequestForm(),
                           refusal_form=refusal_form or RefusalForm(),
                           refusal_reasons=verification.REFUSAL_REASONS,
                           request_states=verification.REQUEST_STATES,
                           may_ask=may_ask, in_touch=in_touch, invite_form=invite_form), status


@bp.post("/organizzazioni/<organisation_id>/chiedi-aiuto")
@login_required
def invite(organisation_id: str):
    """A poster asks the organisation whether it can help with one of their active needs."""
    form = InviteForm()
    try:
        done = suggestions.invite(neo4j.graph, current_actor(), form.need.data or "", organisation_id,
                                  form.message.data or "")
    except ValidationFailed as exc:
        _attach(form, exc)
        return _detail(organisation_id, invite_form=form, status=422)
    except suggestions.DecisionRefused as exc:
        flash(message_of(exc), "danger")
        return redirect(url_for("needs.detail", need_id=form.need.data) + "#suggerimenti")
    flash(_("Richiesta inviata: i membri dell'organizzazione ricevono una notifica e vi rispondono dai loro "
            "suggerimenti. La trovate tra le organizzazioni del bisogno."), "success")
    jobs.submit(jobs.refresh_need, done["need_id"])  # why it could help: its reasons, in the background
    return redirect(url_for("needs.detail", need_id=done["need_id"]) + f"#s-{done['id']}")


@bp.get("/organizzazioni/<organisation_id>/possibili-partner")
def possible_partners(organisation_id: str):
    """The page's "Possibili partner" section alone: the page asks for it while they are being
    computed, and puts it in place when they are there (nothing else on the page is reloaded)."""
    partners = jobs.possible_partners(organisation_id)  # NotFoundError (404) when there is no such organisation
    return render_template("organisations/_possible_partners.html", org=partners.organisation, partners=partners)


@bp.post("/organizzazioni/<organisation_id>/aderisci")
@login_required
def join(organisation_id: str):
    service.request_to_join(neo4j.graph, current_actor(), organisation_id, request.form.get("message", ""))
    flash(_("Richiesta inviata: gli amministratori dell'organizzazione la esamineranno."), "success")
    return redirect(url_for(".detail", organisation_id=organisation_id))


@bp.post("/organizzazioni/<organisation_id>/richieste/<person_id>")
@login_required
def answer_request(organisation_id: str, person_id: str):
    approve = request.form.get("decision") == "approve"
    service.answer_join_request(neo4j.graph, current_actor(), organisation_id, person_id, approve)
    flash(_("Richiesta approvata: la persona è ora membro.") if approve else _("Richiesta rifiutata."), "success")
    return redirect(url_for(".detail", organisation_id=organisation_id) + "#persone")


@bp.post("/organizzazioni/<organisation_id>/verifica")
@login_required
def verify(organisation_id: str):
    verified = request.form.get("verified") == "1"
    verification.set_verified(neo4j.graph, current_actor(), organisation_id, verified)
    # the needs that ask for verified organisations it may now enter or leave
    jobs.submit(jobs.refresh_after_profile_change, organisation_id)
    flash(_("Organizzazione verificata.") if verified else _("Verifica revocata."), "success")
    return redirect(url_for(".detail", organisation_id=organisation_id, _anchor="verifica"))


@bp.post("/organizzazioni/<organisation_id>/verifica/richiesta")
@login_required
def ask_verification(organisation_id: str):
    form = VerificationRequestForm()
    if form.validate_on_submit():
        try:
            asked = verification.ask(neo4j.graph, current_actor(), organisation_id, form.message.data or "")
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Richiesta di verifica inviata: gli amministratori della piattaforma la esamineranno e "
                    "riceverete una notifica.") if asked["created"]
                  else _("La richiesta di verifica era già stata inviata ed è in attesa."), "success")
            return redirect(url_for(".detail", organisation_id=organisation_id, _anchor="verifica"))
    return _detail(organisation_id, ask_form=form, status=422)


@bp.post("/organizzazioni/<organisation_id>/verifica/ritiro")
@login_required
def withdraw_verification(organisation_id: str):
    try:
        verification.withdraw(neo4j.graph, current_actor(), organisation_id)
    except ValidationFailed:  # withdrawn or decided meanwhile: the page says where it stands
        flash(_("Nessuna richiesta di verifica in attesa da ritirare."), "info")
    else:
        flash(_("Richiesta di verifica ritirata."), "success")
    return redirect(url_for(".detail", organisation_id=organisation_id, _anchor="verifica"))


@bp.post("/organizzazioni/<organisation_id>/verifica/rifiuto")
@login_required
def refuse_verification(organisation_id: str):
    form = RefusalForm()
    if form.validate_on_submit():
        try:
            verification.refuse(neo4j.graph, current_actor(), organisation_id, form.reason.data or "",
                                form.note.data or "")
        except ValidationFailed as exc:
            _attach(form, exc)
        else:
            flash(_("Richiesta di verifica non accolta: i membri dell'organizzazione ricevono il motivo."), "success")
            return redirect(url_for(".detail", organisation_id=organisation_id, _anchor="verifica"))
    return _detail(organisation_id, refusal_form=form, status=422)


def _attach(form: FlaskForm, exc: ValidationFailed) -> None:
    for name, message in exc.errors.items():
        getattr(form, name).errors = [*getattr(form, name).errors, message]


def _status(form: OrganisationForm) -> int:
    """422 when a submitted form comes back with errors (the person's input is in it)."""
    return 422 if form.is_submitted() and any(f.errors for f in form) else 200
