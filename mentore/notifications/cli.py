"""``mentore digests``: the e-mail digests of notifications (run it from a scheduler, e.g. hourly
or once a day; each person gets at most one mail per period, see services.notifications).

    mentore digests send [--frequency daily|weekly|all] [--dry-run] [--now 2026-11-22T07:00]

Links in the mails start with ``MAIL_BASE_URL`` (MENTORE_MAIL_BASE_URL), the public address of
the site. Each run also deletes notifications read more than 180 days ago (not with --dry-run).
"""

from __future__ import annotations

import datetime as dt

import click
from flask import current_app
from flask.cli import with_appcontext
from flask_babel import force_locale

from graph import GraphUnavailable
from mentore.extensions import neo4j
from mentore.mail import send_mail
from mentore.messages import localized
from mentore.progress import bar
from mentore.services import notifications as service

DEFAULT_BASE_URL = "http://127.0.0.1:5000"
DRY_RUN_SHOWN = 20  # recipients listed by --dry-run


@click.group()
def digests() -> None:
    """E-mail digests of the notifications."""


def _now(value: str | None) -> dt.datetime:
    if not value:
        return dt.datetime.now(dt.UTC)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter("usa il formato AAAA-MM-GGTHH:MM", param_hint="--now") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _base_url() -> str:
    return (current_app.config.get("MAIL_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


@digests.command("send")
@click.option("--frequency", type=click.Choice(["daily", "weekly", "all"]), default="all", show_default=True,
              help="Which digests to send.")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send nothing, change nothing.")
@click.option("--now", "now_text", default=None, help="The moment to reason about (ISO 8601, UTC; default: now).")
@with_appcontext
def send(frequency: str, dry_run: bool, now_text: str | None) -> None:
    """Send one digest mail to each person whose digest is due and who has unread news."""
    base = _base_url()

    def deliver(digest: service.Digest) -> bool:
        with force_locale(digest.locale or "it"):  # each person's mail in their language
            subject, body = service.format_digest(digest, base, translate=lambda text: str(localized(text)))
        return send_mail(digest.email, subject, body)

    try:
        report = service.send_digests(neo4j.graph, send=deliver, frequencies=service.frequencies_for(frequency),
                                      now=_now(now_text), dry_run=dry_run, progress=bar)
    except GraphUnavailable as exc:
        raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc
    for email, count in report.planned[:DRY_RUN_SHOWN]:
        click.echo(f"  {email}: {count} {'notifica' if count == 1 else 'notifiche'}")
    if len(report.planned) > DRY_RUN_SHOWN:
        click.echo(f"  ... e altre {len(report.planned) - DRY_RUN_SHOWN} persone.")
    click.echo(report.summary())
    if report.failed:
        raise click.ClickException("Invio non riuscito per: " + ", ".join(report.failed)
                                   + ". Le loro notifiche restano in attesa del prossimo invio.")
