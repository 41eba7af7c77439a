"""The ``mentore`` command: Flask's commands plus ``graph`` and ``demo`` groups.

    mentore graph init        schema + reference data (ISTAT territories, art. 5, competencies)
    mentore graph status      is Neo4j reachable, and what does the graph hold
    mentore demo load         the Italian demo data set (skipped when already loaded)
    mentore demo decisions    decisions on the demo needs' suggestions (after suggestions refresh)
    mentore demo accounts     one demo person per kind of user, and an admin, to sign in as
    mentore digests send      the e-mail digests of notifications (see mentore/notifications/cli.py)
    mentore embeddings rebuild / matcher train / suggestions refresh / partners refresh / bench matching
                              the matcher (see mentore/matching/cli.py)
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

import click
from flask.cli import FlaskGroup, with_appcontext

from graph import GraphUnavailable
from mentore import create_app, localsettings
from mentore.admin.cli import verification
from mentore.auth.cli import users
from mentore.extensions import neo4j
from mentore.matching.cli import bench, embeddings, matcher_group, partners, suggestions
from mentore.needs.cli import needs
from mentore.notifications.cli import digests
from mentore.progress import bar
from mentore.services import accounts, platform, setup


@click.group(cls=FlaskGroup, create_app=create_app)
def cli() -> None:
    """Mentore: la Consolle del Terzo Settore."""


@cli.group()
def graph() -> None:
    """Neo4j schema and reference data."""


def _fail_unavailable(exc: GraphUnavailable) -> None:
    raise click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.") from exc


@graph.command("init")
@click.option("--force", is_flag=True, help="Reload the reference data even when up to date.")
@with_appcontext
def graph_init(force: bool) -> None:
    """Apply the schema and load the reference data."""
    started = time.monotonic()
    try:
        n = setup.apply_schema(neo4j.graph)
        click.echo(f"Schema: {n} vincoli e indici presenti e ONLINE.")
        result = setup.load_reference(neo4j.graph, progress=bar, force=force)
        refreshed = setup.refresh_search_fields(neo4j.graph)
        labelled = setup.sync_need_labels(neo4j.graph)
        pooled = setup.sync_pool_label(neo4j.graph)
        dated = setup.date_publications(neo4j.graph)
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    state = "già aggiornati" if result.skipped else f"{result.written} nodi scritti"
    click.echo(f"Dati di riferimento: {state} ({time.monotonic() - started:.1f} s).")
    if refreshed:
        click.echo(f"Campi di ricerca calcolati per {refreshed} organizzazioni.")
    if labelled:
        click.echo(f"Bisogni attivi allineati all'indice dei bisogni attivi: {labelled}.")
    if pooled:
        click.echo(f"Organizzazioni allineate all'indice dei profili di chi può essere suggerito: {pooled}.")
    if dated:
        click.echo(f"Data di pubblicazione ricavata dalla creazione per {dated} bisogni.")


@graph.command("status")
@with_appcontext
def graph_status() -> None:
    """Say whether Neo4j answers and what the graph holds."""
    state = platform.health(neo4j.graph)
    if not state.ok:
        raise click.ClickException(f"Neo4j non raggiungibile: {state.detail}")
    counts = platform.counts(neo4j.graph)
    click.echo(f"Neo4j ok ({state.neo4j_ms} ms). ETS {counts.ets}, enti pubblici {counts.public_bodies}, "
               f"persone {counts.people}, bisogni aperti {counts.open_needs}, comunità {counts.communities}.")


@cli.group()
def demo() -> None:
    """The Italian demo data set."""


@demo.command("load")
@click.option("--force", is_flag=True, help="Write the data set again (create-only: changes nothing existing).")
@with_appcontext
def demo_load(force: bool) -> None:
    """Load the demo organisations, people, needs, partnerships and communities."""
    started = time.monotonic()
    try:
        result = setup.load_demo(neo4j.graph, progress=bar, force=force)
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    if result.skipped:
        click.echo("Dati dimostrativi già caricati: nulla da fare.")
    else:
        click.echo(f"Dati dimostrativi caricati: {result.written} righe in {time.monotonic() - started:.1f} s.")


@demo.command("decisions")
@with_appcontext
def demo_decisions() -> None:
    """After `suggestions refresh`: the demo posters accept, contact or decline suggestions,
    and suggested organisations answer (once per demo version)."""
    try:
        result = setup.load_demo_decisions(neo4j.graph)
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    if result.skipped:
        click.echo("Decisioni dimostrative già registrate: nulla da fare.")
    else:
        click.echo(f"Decisioni dimostrative sui suggerimenti registrate: {result.written}.")


@demo.command("accounts")
@with_appcontext
def demo_accounts() -> None:
    """Sign-in accounts of the demo: one person per kind of user and a platform admin, all with
    the password MENTORE_DEMO_PASSWORD (generated into local.env on first use)."""
    password = localsettings.ensure_one("MENTORE_DEMO_PASSWORD", lambda: secrets.token_urlsafe(12))
    if not accounts.MIN_PASSWORD_LENGTH <= len(password) <= accounts.MAX_PASSWORD_LENGTH:
        raise click.ClickException(f"MENTORE_DEMO_PASSWORD deve avere da {accounts.MIN_PASSWORD_LENGTH} a "
                                   f"{accounts.MAX_PASSWORD_LENGTH} caratteri.")
    try:
        found = setup.demo_accounts(neo4j.graph, password)
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    if not found:
        raise click.ClickException("Nessun dato dimostrativo: caricarlo prima con `mentore demo load`.")
    click.echo(f"Account dimostrativi (su /accedi; password per tutti: {password}, "
               "MENTORE_DEMO_PASSWORD in local.env):")
    for account in found:
        where = f" — {account.organisation}" if account.organisation else ""
        click.echo(f"  {setup.DEMO_ACCOUNT_KINDS[account.kind]}: {account.email} ({account.name}{where})")


@cli.group("import")
def import_group() -> None:
    """Import data from files."""


@import_group.command("organisations")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rejected", "rejected_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the rejected rows (default: FILE.scartate.csv next to the file).")
@with_appcontext
def import_organisations(path: Path, rejected_path: Path | None) -> None:
    """Import organisations from a CSV file (columns in the README); the codice fiscale is the key."""
    from mentore.organisations import importer

    started = time.monotonic()
    try:
        header, rows = importer.read_rows(path)
        with bar("Organizzazioni", len(rows)) as advance:
            report = importer.import_organisations(neo4j.graph, path, progress=advance)
    except importer.ImportFileError as exc:
        raise click.ClickException(str(exc)) from exc
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    elapsed = time.monotonic() - started
    click.echo(f"Righe lette: {len(rows)}; nuove: {report.created}; aggiornate: {report.updated}; "
               f"scartate: {len(report.rejected)} ({elapsed:.1f} s, {len(rows) / max(elapsed, 1e-9):.0f} righe/s).")
    if report.rejected:
        target = rejected_path or path.with_name(path.stem + ".scartate.csv")
        importer.write_rejected(report, header, target)
        for r in report.rejected[:10]:
            click.echo(f"  riga {r.line}: {'; '.join(r.reasons)}")
        if len(report.rejected) > 10:
            click.echo(f"  ... e altre {len(report.rejected) - 10}.")
        click.echo(f"Righe scartate, con il motivo: {target}")


@import_group.command("partnerships")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--organisations", "organisations_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON lines of the organisations taking part (id, name, kind, country, city), imported first.")
@with_appcontext
def import_partnerships(path: Path, organisations_path: Path | None) -> None:
    """Import past partnerships from JSON lines (id, title, objective or description, keywords,
    topics, calls, start_date, members: [{org, role}]); members must exist or be in --organisations.
    A partnership imported again with its members is its whole consortium: members it no longer
    lists leave it."""
    import json

    from mentore.services import partnerships

    def read(file: Path) -> list[dict]:
        try:
            return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise click.ClickException(f"{file}: non è un file JSON lines valido ({exc}).") from exc

    source = f"file:{path.name}"
    try:
        if organisations_path:
            organisations = read(organisations_path)
            with bar("Organizzazioni", len(organisations)) as advance:
                partnerships.import_organisations(neo4j.graph, organisations, source, advance)
        records = read(path)
        with bar("Partenariati", len(records)) as advance:
            partnerships.import_partnerships(neo4j.graph, records, source, advance)
    except (KeyError, TypeError) as exc:
        raise click.ClickException(f"Record senza il campo richiesto: {exc}.") from exc
    except GraphUnavailable as exc:
        _fail_unavailable(exc)
    click.echo(f"Partenariati importati: {len(records)}. Poi: mentore embeddings rebuild.")


cli.add_command(users)
cli.add_command(needs)
cli.add_command(digests)
cli.add_command(verification)
for _group in (embeddings, matcher_group, suggestions, partners, bench):
    cli.add_command(_group)


def main() -> None:
    cli(prog_name="mentore")
