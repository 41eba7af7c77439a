"""Configuration: secrets are required in production, generated locally, overridable by env."""

import os
import stat

import pytest

from mentore import create_app, localsettings
from mentore.config import ConfigurationError


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Each test has its own local.env and no MENTORE_* variables from the outside."""
    for key in list(os.environ):
        if key.startswith("MENTORE_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("MENTORE_SETTINGS_FILE", str(tmp_path / "local.env"))
    return tmp_path / "local.env"


def test_production_refuses_to_start_without_secret_key_and_password():
    with pytest.raises(ConfigurationError) as err:
        create_app("production")
    assert "MENTORE_SECRET_KEY" in str(err.value)
    assert "MENTORE_NEO4J_PASSWORD" in str(err.value)


def test_production_starts_with_secrets_from_the_environment(monkeypatch):
    monkeypatch.setenv("MENTORE_SECRET_KEY", "s" * 40)
    monkeypatch.setenv("MENTORE_NEO4J_PASSWORD", "p" * 20)
    monkeypatch.setenv("MENTORE_NEO4J_URI", "bolt://127.0.0.1:7999")
    app = create_app("production")
    assert app.config["SECRET_KEY"] == "s" * 40
    assert app.config["NEO4J_URI"] == "bolt://127.0.0.1:7999"
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_production_reads_generated_secrets_from_local_settings(isolated_settings):
    values = localsettings.ensure()
    app = create_app("production")
    assert app.config["SECRET_KEY"] == values["MENTORE_SECRET_KEY"]
    assert app.config["NEO4J_PASSWORD"] == values["MENTORE_NEO4J_PASSWORD"]


def test_environment_wins_over_local_settings(isolated_settings, monkeypatch):
    localsettings.ensure()
    monkeypatch.setenv("MENTORE_NEO4J_PASSWORD", "from-the-environment")
    assert create_app("production").config["NEO4J_PASSWORD"] == "from-the-environment"


def test_generated_settings_are_private_and_stable(isolated_settings):
    first = localsettings.ensure()
    second = localsettings.ensure()
    assert first == second
    assert len(first["MENTORE_NEO4J_PASSWORD"]) >= 8
    assert stat.S_IMODE(isolated_settings.stat().st_mode) == 0o600


def test_unknown_config_name_is_refused():
    with pytest.raises(ConfigurationError):
        create_app("staging")
