"""Outgoing e-mail: SMTP when ``MAIL_SERVER`` is set; otherwise the message is written to the app
log (development); with ``MAIL_OUTBOX`` (testing) it is kept in ``app.extensions["mail_outbox"]``.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from flask import current_app

SMTP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def _message(mail: Mail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    return message


def _send_smtp(message: EmailMessage, config) -> None:
    with smtplib.SMTP(config["MAIL_SERVER"], int(config["MAIL_PORT"]), timeout=SMTP_TIMEOUT) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
        smtp.send_message(message)


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send one plain-text message; False (and a log line) when the SMTP server refused it."""
    app = current_app._get_current_object()
    config = app.config
    mail = Mail(to, subject, body)
    if config.get("MAIL_OUTBOX"):
        app.extensions.setdefault("mail_outbox", []).append(mail)
        return True
    if not config.get("MAIL_SERVER"):
        app.logger.info("E-mail not sent (MAIL_SERVER is not set).\nTo: %s\nSubject: %s\n\n%s", to, subject, body)
        if not app.debug:  # production logs start at WARNING: say that mail is off, never the link
            app.logger.warning("MAIL_SERVER is not set: an e-mail (%s) was not sent.", subject)
        return True
    try:
        _send_smtp(_message(mail, config["MAIL_FROM"]), config)
    except (OSError, smtplib.SMTPException):
        app.logger.exception("Could not send an e-mail through %s", config["MAIL_SERVER"])
        return False
    return True
