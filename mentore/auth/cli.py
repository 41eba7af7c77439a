"""``mentore users``: accounts from the command line.

    mentore users create-admin --email E --name N     password asked twice (or --password-stdin)
"""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from graph import GraphUnavailable
from mentore.extensions import neo4j
from mentore.services import accounts

PASSWORD_PROBLEMS = {
    "too_short": f"La password deve avere almeno {accounts.MIN_PASSWORD_LENGTH} caratteri.",
    "too_long": f"La password può avere al massimo {accounts.MAX_PASSWORD_LENGTH} caratteri.",
    "same_as_email": "La password non può essere uguale all'indirizzo e-mail.",
}


@click.group()
def users() -> None:
    """Accounts: platform administrators."""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt="Ripeti la password")


@users.command("create-admin")
@click.option("--email", required=True, help="E-mail of the account (created when missing).")
@click.option("--name", default=None, help="Name of the new account (required to create one).")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of standard input.")
@with_appcontext
def create_admin(email: str, name: str | None, password_stdin: bool) -> None:
    """Create a platform administrator, or promote the existing account with this e-mail."""
    try:
        existing = accounts.find_account(neo4j.graph, email)
        if existing is not None:
            person = accounts.promote_to_admin(neo4j.graph, existing)
            click.echo(f"Account esistente {person.email} promosso ad amministratore della piattaforma.")
            return
        if not name or not name.strip():
            raise click.UsageError("Per creare un nuovo account serve --name.")
        password = _read_password(password_stdin)
        problem = accounts.password_problem(password, email)
        if problem:
            raise click.ClickException(PASSWORD_PROBLEMS[problem])
        person = accounts.create_admin(neo4j.graph, name=name, email=email, password=password)
    except accounts.EmailTaken as exc:
        raise click.ClickException("Esiste già un account con questo indirizzo e-mail.") from exc
    except GraphUnavailable as exc:
        raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc
    click.echo(f"Amministratore della piattaforma creato: {person.email}.")
