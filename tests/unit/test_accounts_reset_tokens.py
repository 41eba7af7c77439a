"""Password reset tokens: signed, bound to the session version, valid for a limited time."""

import pytest
from itsdangerous import URLSafeTimedSerializer

from graph.repositories.people import Person
from mentore.services import accounts

SECRET = "unit-test-secret"


def _person(version: int = 3) -> Person:
    return Person(id="p-1", name="Anna", email="anna@esempio.it", roles=(), locale="it",
                  password_hash=None, active=True, session_version=version)


def test_a_fresh_token_names_the_person_and_the_session_version():
    token = accounts.make_reset_token(SECRET, _person(3))
    assert accounts.read_reset_token(SECRET, token, max_age=3600) == ("p-1", 3)


def test_an_expired_token_is_refused():
    token = accounts.make_reset_token(SECRET, _person())
    with pytest.raises(accounts.InvalidResetToken):
        accounts.read_reset_token(SECRET, token, max_age=-1)  # any age is beyond -1 s


def test_a_token_signed_an_hour_ago_is_refused(monkeypatch):
    import itsdangerous.timed

    real_time = itsdangerous.timed.time.time
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: real_time() - 3601)
    token = accounts.make_reset_token(SECRET, _person())
    monkeypatch.setattr(itsdangerous.timed.time, "time", real_time)
    with pytest.raises(accounts.InvalidResetToken):
        accounts.read_reset_token(SECRET, token, max_age=3600)


def test_a_tampered_token_is_refused():
    token = accounts.make_reset_token(SECRET, _person())
    with pytest.raises(accounts.InvalidResetToken):
        accounts.read_reset_token(SECRET, token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])


def test_a_token_signed_with_another_key_or_purpose_is_refused():
    with pytest.raises(accounts.InvalidResetToken):
        accounts.read_reset_token(SECRET, accounts.make_reset_token("another-secret", _person()))
    other_purpose = URLSafeTimedSerializer(SECRET, salt="something-else").dumps({"p": "p-1", "v": 3})
    with pytest.raises(accounts.InvalidResetToken):
        accounts.read_reset_token(SECRET, other_purpose)
