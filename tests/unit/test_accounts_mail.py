"""Where a mail goes: the test outbox, or the app log when no SMTP server is configured."""

import logging

from graph.server import free_port
from mentore import create_app
from mentore.mail import send_mail
from tests.conftest import offline_config


def _app(**extra):
    return create_app(offline_config(**extra))


def test_testing_keeps_mails_in_the_outbox():
    app = _app()
    with app.app_context():
        assert send_mail("anna@esempio.it", "Oggetto", "Testo con https://example.org/link")
    [mail] = app.extensions["mail_outbox"]
    assert (mail.to, mail.subject) == ("anna@esempio.it", "Oggetto")
    assert "https://example.org/link" in mail.body


def test_without_a_mail_server_the_whole_message_goes_to_the_log(caplog):
    app = _app(MAIL_OUTBOX=False, MAIL_SERVER=None)
    with app.app_context(), caplog.at_level(logging.INFO, logger=app.logger.name):
        assert send_mail("anna@esempio.it", "Oggetto", "Apri https://example.org/link")
    assert "https://example.org/link" in caplog.text and "anna@esempio.it" in caplog.text


def test_an_unreachable_smtp_server_is_logged_not_raised(caplog):
    app = _app(MAIL_OUTBOX=False, MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_USE_TLS=False)
    with app.app_context():
        assert send_mail("anna@esempio.it", "Oggetto", "Testo") is False
    assert "Could not send an e-mail" in caplog.text
