"""``mentore verification``: the platform admins' upkeep (run it from cron once a day).

    mentore verification remind   remind the platform admins of the verification requests that
                                  have waited a week or more (once a week while each waits)
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from graph import GraphUnavailable
from mentore.cliargs import TODAY_HELP, parse_today
from mentore.extensions import neo4j
from mentore.services import verification as service


@click.group()
def verification() -> None:
    """Verification of organisations: reminders to the platform admins."""


@verification.command("remind")
@click.option("--today", "today_text", default=None, help=TODAY_HELP)
@with_appcontext
def remind(today_text: str | None) -> None:
    """Notify the platform admins of the requests waiting for LONG_WAIT days or more and not
    reminded of in the last LONG_WAIT days: one notification naming them, the oldest first."""
    try:
        count = service.remind_waiting(neo4j.graph, parse_today(today_text))
    except GraphUnavailable as exc:
        raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc
    click.echo(f"Richieste di verifica in attesa da {service.LONG_WAIT} giorni o più ricordate agli "
               f"amministratori: {count}.")
