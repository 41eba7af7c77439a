"""``/admin``: platform admins only (one check for the whole blueprint)."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mentore import clock
from mentore.admin.forms import CompetencyForm, MergeForm
from mentore.errors import error_response
from mentore.extensions import login_manager, neo4j
from mentore.reference.vocabularies import NEED_STATUSES
from mentore.services import competencies, reports, verification
from mentore.services.errors import ValidationFailed
from mentore.services.suggestions import DECLINE_LABELS
from mentore.web import current_actor

bp = Blueprint("admin", __name__)
PER_PAGE = 50


@bp.before_request
def platform_admins_only():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.is_platform_admin:
        return error_response(403, _("Quest'area è riservata agli amministratori della piattaforma."))
    return None


@bp.get("/")
def index():
    page = max(1, request.args.get("page", 1, type=int) or 1)
    queue = verification.queue(neo4j.graph, current_actor(), page, PER_PAGE)
    pages = max(1, -(-queue.others_total // PER_PAGE))
    return render_template("admin/index.html", queue=queue, page=page, pages=pages,
                           long_wait=verification.LONG_WAIT)


@bp.route("/competenze", methods=["GET", "POST"])
def competency_list():
    graph = neo4j.graph
    form, merge_form = CompetencyForm(prefix="add"), MergeForm(prefix="merge")
    vocabulary = competencies.vocabulary(graph)
    choices = [("", _("Scegli..."))] + [(c.id, f"{c.label} ({c.organisations})") for c in vocabulary]
    merge_form.source.choices = merge_form.target.choices = choices
    status = 200
    if request.method == "POST" and request.form.get("action") == "add":
        if form.validate():
            try:
                competencies.add(graph, current_actor(), form.label.data, form.label_en.data or "")
            except ValidationFailed as exc:
                form.label.errors = [*form.label.errors, exc.errors["label"]]
            else:
                flash(_("Competenza aggiunta: è subito disponibile nei profili e nei filtri."), "success")
                return redirect(url_for(".competency_list"))
        status = 422
    elif request.method == "POST" and request.form.get("action") == "merge":
        if merge_form.validate():
            try:
                moved = competencies.merge(graph, current_actor(), merge_form.source.data, merge_form.target.data)
            except ValidationFailed as exc:
                merge_form.target.errors = [*merge_form.target.errors, exc.errors["target"]]
            else:
                flash(_("Competenze unite: %(n)d organizzazioni aggiornate.", n=moved["organisations"]), "success")
                return redirect(url_for(".competency_list"))
        status = 422
    return render_template("admin/competencies.html", vocabulary=vocabulary, form=form,
                           merge_form=merge_form), status


# ----------------------------------------------------------------------------- needs and matching in figures


@bp.get("/bisogni")
def need_report():
    """What became of the needs posted in a period (dal, al: ISO dates), in a region or all
    Italy: the figures a report to funders asks for. Wrong dates or region: 400, the input kept."""
    asked = {k: request.args.get(k, "") for k in ("dal", "al", "regione")}
    try:
        period = reports.period_of(asked["dal"], asked["al"], asked["regione"])
    except ValidationFailed as exc:
        return render_template("admin/needs.html", figures=None, asked=asked, errors=exc.errors,
                               **_report_vocabularies()), 400
    figures = reports.need_figures(neo4j.graph, period)
    asked = {"dal": period.since.isoformat(), "al": period.until.isoformat(), "regione": period.region or ""}
    return render_template("admin/needs.html", figures=figures, asked=asked, errors={}, **_report_vocabularies())


@bp.get("/bisogni.csv")
def need_report_csv():
    """The same figures as a file for a spreadsheet set to Italian (";" and a BOM)."""
    try:
        period = reports.period_of(request.args.get("dal"), request.args.get("al"), request.args.get("regione"))
    except ValidationFailed:
        return redirect(url_for(".need_report", **request.args.to_dict()))
    figures = reports.need_figures(neo4j.graph, period)
    body = render_template("admin/needs.csv", figures=figures, **_report_vocabularies())
    filename = f"mentore-bisogni-{period.since:%Y-%m-%d}-{period.until:%Y-%m-%d}.csv"
    return Response("\ufeff" + body, mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _report_vocabularies() -> dict[str, object]:
    return {"regions": reports.regions(), "statuses": NEED_STATUSES, "decline_reasons": DECLINE_LABELS,
            "today": clock.today().isoformat()}
