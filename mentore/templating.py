"""Template globals: the current language, the language switch, labels of vocabularies."""

from __future__ import annotations

import csv
import io

from flask import Flask, current_app, request
from flask_babel import format_date, get_locale, gettext, ngettext

from mentore import clock
from mentore.matcher.features import NAMES_PARTNERS, PROFILE
from mentore.messages import localized
from mentore.reference.vocabularies import N_
from mentore.version import __version__


def register(app: Flask) -> None:
    from mentore.organisations.presenters import label_of

    app.add_template_global(label_of)
    app.add_template_global(reason_detail)
    app.add_template_global(reason_shares)
    app.add_template_global(reasons_as_text)
    app.add_template_global(NO_PARTICULAR_REASON, "NO_PARTICULAR_REASON")
    app.add_template_global(ABOUT_ITSELF, "ABOUT_ITSELF")
    app.add_template_filter(csv_row)
    app.add_template_filter(localized)
    app.add_template_filter(day)
    @app.context_processor
    def globals_for_templates():
        return {
            "current_language": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "languages": current_app.config["LANGUAGES"],
            "app_version": __version__,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }


def day(value: object, style: str = "medium") -> str:
    """A stored date or datetime (ISO text) as a day in the person's language: "3 dic 2026",
    "Dec 3, 2026" (an instant's day in Italy). Empty for no value; text that is not a date, as it
    is."""
    if not value:
        return ""
    try:
        return format_date(clock.day_of(str(value)), style)
    except ValueError:
        return str(value)


#: The territory a suggestion has in common with the need, by the matcher's level
#: (mentore.matcher.features.TERRITORY_LEVELS).
TERRITORY_LABELS = {"comune": N_("stesso comune"), "provincia": N_("stessa provincia"), "regione": N_("stessa regione")}


def reason_detail(reason: dict, names: dict[str, str] | None = None) -> str:
    """What one reason of a suggestion is about, in the person's language: the competencies or
    activities in common, the territory's level, the known partners (``names``: id → name) and
    the partnership shared with them, the past work closest to the text (a partnership's or a
    need's title and year) or its own presentation, the counts behind activity and answers; ""
    when there is nothing to name."""
    from mentore.organisations.presenters import label_of

    detail = reason.get("detail") or []
    feature = reason.get("feature")
    if feature == "competency_overlap":
        return ", ".join(label_of("competency", c) for c in detail)
    if feature == "activity_overlap":
        return ", ".join(label_of("activity", a) for a in detail)
    if feature in ("territory", "named_place"):
        return ", ".join(gettext(TERRITORY_LABELS[x]) for x in detail if x in TERRITORY_LABELS)
    if feature == "named_in_text":  # the words of its name the text says, as its name writes them
        return gettext("dice «%(words)s»", words=" ".join(str(w) for w in detail)) if detail else ""
    if feature == "poster_network":  # through which of the poster's contacts, in which partnership or need
        via = reason.get("via") or {}
        partners, work = ", ".join(via[k] for k in detail if k in via), _work(reason.get("work"))
        if detail:  # partners of the poster's contacts
            if partners and work:
                return gettext("tramite %(partners)s (per esempio in %(work)s)", partners=partners, work=work)
            return gettext("tramite %(partners)s", partners=partners) if partners else work
        if work and reason["work"].get("kind") == "need":  # a need met together
            return gettext("direttamente, per esempio per il bisogno %(work)s", work=work)
        return gettext("direttamente, per esempio in %(work)s", work=work) if work else gettext("direttamente")
    if detail == [PROFILE]:  # the best match of its words is its own presentation
        return gettext("nella sua presentazione")
    if feature in COUNTS and detail and all(str(x).isdigit() for x in detail):
        return COUNTS[feature](*(int(x) for x in detail))
    work = _work(reason.get("work"))
    if feature in NAMES_PARTNERS and names:
        partners = ", ".join(names[k] for k in detail if k in names)
        if partners and work:  # worked with them: in which partnership (the closest to the text)
            return gettext("%(partners)s (per esempio in %(work)s)", partners=partners, work=work)
        return partners or work
    return work


#: The counts behind a reason (mentore.matcher.features.reason_detail), said in full.
COUNTS = {
    "popularity": lambda n: ngettext("%(num)d partenariato", "%(num)d partenariati", n),
    "lead_share": lambda led, n: ngettext("capofila in %(led)d su %(num)d partenariato",
                                          "capofila in %(led)d su %(num)d partenariati", n, led=led),
    "responsiveness": lambda answered, n: ngettext("ha risposto a %(answered)d su %(num)d proposta",
                                                   "ha risposto a %(answered)d su %(num)d proposte", n,
                                                   answered=answered),
    "same_programme": lambda n: ngettext("%(num)d partenariato", "%(num)d partenariati", n),
}


def _work(work: object) -> str:
    """A past work named in a reason: «title», year (a partnership's start, the year a need was
    met) or «title» (a need chosen for, not met yet)."""
    if not isinstance(work, dict) or not work.get("title"):
        return ""
    if work.get("year"):
        return gettext("«%(title)s», %(year)s", title=work["title"], year=work["year"])
    return gettext("«%(title)s»", title=work["title"])


#: Reasons as an organisation's own page says them: its possible partners are found with the
#: organisation as the consortium, so "the partners indicated" are the organisation itself
#: (those it worked with are not proposed: the other partner reasons do not occur there).
ABOUT_ITSELF = {
    "consortium_similarity": N_("Lavora sugli stessi temi di questa organizzazione"),
    "adamic_adar": N_("Ha partner in comune con questa organizzazione"),
    "named_in_text": N_("La presentazione di questa organizzazione la nomina"),
}
#: What the reasons of a suggestion say when none has a weight (as templates/_reasons.html).
NO_PARTICULAR_REASON = N_("Nessun motivo particolare: è tra le organizzazioni più vicine al testo.")


def reason_shares(reasons: list[dict] | None) -> list[tuple[dict, int]]:
    """Each reason of a suggestion with its share of the explanation, in whole percent, as the
    page (templates/_reasons.html) and the downloaded list show it; [] when none has a weight."""
    total = sum(r["contribution"] for r in reasons or [])
    return [(r, round(100 * r["contribution"] / total)) for r in reasons or []] if total > 0 else []


def reasons_as_text(reasons: list[dict], names: dict[str, str] | None = None) -> str:
    """The reasons of a suggestion on one line, as the page shows them (templates/_reasons.html):
    "label: what it is about (share%); ...", in the person's language."""
    shares = reason_shares(reasons)
    if not shares:
        return gettext(NO_PARTICULAR_REASON)
    parts = []
    for r, share in shares:
        about = reason_detail(r, names)
        parts.append(f"{gettext(r['label'])}{': ' + about if about else ''} ({share}%)")
    return "; ".join(parts)


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: object) -> str:
    """A value for a CSV file opened in a spreadsheet: text that a spreadsheet would run as a
    formula (an organisation named "=HYPERLINK(...)", a phone number "+39...") starts with an
    apostrophe, so that it is shown, not run; None is empty."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_row(values: list[object]) -> str:
    """One line of a CSV file for a spreadsheet set to Italian: cells separated by ";", quoted
    where needed, each made safe by ``spreadsheet_cell``, ended by CR LF."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerow([spreadsheet_cell(v) for v in values])
    return out.getvalue()
