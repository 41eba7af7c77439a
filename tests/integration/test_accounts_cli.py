"""`mentore users create-admin`: a platform administrator from the command line."""

import pytest

from graph.repositories import people
from mentore import create_app
from mentore.cli import cli
from mentore.services import accounts
from tests.conftest import app_config

PASSWORD = "una frase da ricordare"


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


def test_create_admin_asks_the_password_twice_and_the_admin_can_log_in(app, graph):
    result = app.test_cli_runner().invoke(cli, ["users", "create-admin", "--email", "Admin@Esempio.it",
                                                "--name", "Amministratrice"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    admin = people.by_email(graph, "admin@esempio.it")
    assert admin.is_platform_admin and admin.name == "Amministratrice"
    client = app.test_client()
    response = client.post("/accedi", data={"email": "admin@esempio.it", "password": PASSWORD})
    assert response.status_code == 302
    assert "Amministrazione della piattaforma" in client.get("/account").get_data(as_text=True)


def test_create_admin_reads_the_password_from_stdin_and_applies_the_rules(app, graph):
    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["users", "create-admin", "--email", "a@esempio.it", "--name", "A",
                                 "--password-stdin"], input="corta\n")
    assert result.exit_code != 0 and "almeno 10 caratteri" in result.output
    assert people.by_email(graph, "a@esempio.it") is None
    result = runner.invoke(cli, ["users", "create-admin", "--email", "a@esempio.it", "--name", "A",
                                 "--password-stdin"], input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert accounts.verify_password(people.by_email(graph, "a@esempio.it").password_hash, PASSWORD)


def test_create_admin_promotes_an_existing_account_keeping_its_password(app, graph):
    person = people.create(graph, name="Bruno", email="bruno@esempio.it",
                           password_hash=accounts.hash_password(PASSWORD), roles=("facilitator",))
    result = app.test_cli_runner().invoke(cli, ["users", "create-admin", "--email", "bruno@esempio.it"])
    assert result.exit_code == 0, result.output
    promoted = people.get(graph, person.id)
    assert set(promoted.roles) == {"platform_admin", "facilitator"}
    assert promoted.password_hash == person.password_hash
