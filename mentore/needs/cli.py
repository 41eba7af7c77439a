"""``mentore needs``: the daily upkeep of the needs check-list (run it from cron once a day).

    mentore needs expire      open/matched needs past their deadline become "expired", then reminders
    mentore needs remind      only the reminders: deadline within 7 days, one e-mail per need; answers
                              that say an organisation can help, waiting for the poster's decision
                              for 3 days or more, one notification per need (once per answer);
                              requests for help unanswered for 5 days or more, once each to the
                              organisation asked, and to the poster (one notification per need); needs
                              past their deadline, in progress or expired with an organisation chosen:
                              was it met? (one notification per need, once)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale, format_date, gettext

from graph import GraphUnavailable
from mentore.cliargs import TODAY_HELP, parse_today
from mentore.extensions import neo4j
from mentore.mail import send_mail
from mentore.reference.vocabularies import N_
from mentore.services import needs as service
from mentore.services import suggestions

REMINDER_SUBJECT = N_("Mentore: il bisogno «%(title)s» scade il %(deadline)s")
REMINDER_BODY = N_("""Buongiorno,

il bisogno «%(title)s» pubblicato da %(organisation)s su Mentore scade il %(deadline)s.

Se è stato soddisfatto o non serve più, segnalo sulla sua pagina; se serve ancora,
aggiorna la scadenza dalla stessa pagina ("Modifica il bisogno"):
%(link)s

Dopo la scadenza il bisogno passa da solo allo stato "Scaduto".

Mentore — la Consolle del Terzo Settore
""")


@click.group()
def needs() -> None:
    """Needs: expiry and reminders."""


def _send_reminder(need: dict[str, Any]) -> bool:
    base = (current_app.config.get("MAIL_BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
    sent = []
    for admin in need["admins"]:
        with force_locale(admin["locale"] or "it"):  # each admin's mail in their language
            words = {"title": need["title"], "organisation": need["organisation_name"],
                     "deadline": format_date(dt.date.fromisoformat(need["deadline"]), "long"),
                     "link": f"{base}/bisogni/{need['id']}"}
            subject, body = gettext(REMINDER_SUBJECT, **words), gettext(REMINDER_BODY, **words)
        sent.append(send_mail(admin["email"], subject, body))
    return not sent or any(sent)  # no admin to write to: nothing to retry


def _remind(today: dt.date) -> None:
    reminded = service.remind(neo4j.graph, today, _send_reminder)
    click.echo(f"Promemoria inviati: {reminded} bisogni in scadenza entro {service.REMINDER_DAYS} giorni.")
    waiting = suggestions.remind_waiting(neo4j.graph, today)
    click.echo(f"Promemoria delle risposte in attesa di una decisione da {suggestions.WAITING_DAYS} giorni o più: "
               f"{waiting} bisogni.")
    requests = suggestions.remind_requests(neo4j.graph, today)
    click.echo(f"Promemoria delle richieste di aiuto senza risposta da {suggestions.REQUEST_WAITING_DAYS} giorni o "
               f"più (all'organizzazione a cui è stato chiesto e a chi ha pubblicato il bisogno): {requests} "
               f"richieste.")
    asked = service.ask_outcome(neo4j.graph, today)
    click.echo(f"Domande sull'esito dei bisogni oltre la scadenza (in corso, o scaduti con un'organizzazione "
               f"scelta): {asked} bisogni.")


@needs.command("expire")
@click.option("--today", "today_text", default=None, help=TODAY_HELP)
@click.option("--no-remind", is_flag=True, help="Only expire; send no reminders.")
@with_appcontext
def expire(today_text: str | None, no_remind: bool) -> None:
    """Expire needs past their deadline, then remind the organisations of those about to expire."""
    today = parse_today(today_text)
    try:
        expired = service.expire(neo4j.graph, today)
        click.echo(f"Bisogni scaduti: {expired}.")
        if not no_remind:
            _remind(today)
    except GraphUnavailable as exc:
        raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc


@needs.command("remind")
@click.option("--today", "today_text", default=None, help=TODAY_HELP)
@with_appcontext
def remind(today_text: str | None) -> None:
    """E-mail the admins of organisations whose needs expire within 7 days (once per need),
    notify posters of answers waiting for their decision for 3 days or more (once per answer),
    recall requests for help unanswered for 5 days or more to the organisations asked and to the
    posters (once per request), and ask posters whether needs past their deadline were met (once
    per need)."""
    try:
        _remind(parse_today(today_text))
    except GraphUnavailable as exc:
        raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc
