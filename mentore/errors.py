"""Italian error pages (404, 500, 503) and JSON errors for the API and health check.

Neo4j being unreachable is not a bug: it answers 503 with a clear message and ``Retry-After``;
the next request tries again with the same driver, so the app recovers by itself.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from graph import GraphUnavailable
from mentore.messages import message_of
from mentore.services.errors import NotFoundError, PermissionDenied

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 15


def wants_json() -> bool:
    if request.path.startswith(("/api/", "/healthz")):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]


def messages() -> dict[int, tuple[str, str]]:
    """Title and explanation per status, in the person's language."""
    return {
        400: (_("Richiesta non valida"), _("La richiesta contiene dati non validi.")),
        403: (_("Accesso negato"), _("Non hai i permessi per questa operazione.")),
        429: (_("Troppe richieste"), _("Hai fatto troppe richieste in poco tempo: riprova tra qualche minuto.")),
        404: (_("Pagina non trovata"),
              _("La pagina che cerchi non esiste o è stata spostata. "
                "Controlla l'indirizzo o torna alla pagina iniziale.")),
        405: (_("Operazione non consentita"), _("Questa operazione non è consentita su questo indirizzo.")),
        413: (_("Contenuto troppo grande"), _("Il file o il testo inviato supera la dimensione massima.")),
        500: (_("Errore del server"),
              _("Si è verificato un errore imprevisto. È stato registrato e verrà esaminato: "
                "riprova tra qualche minuto.")),
        503: (_("Servizio momentaneamente non disponibile"),
              _("Il database della piattaforma non è raggiungibile in questo momento. I tuoi dati sono al sicuro: "
                "riprova tra qualche istante, la pagina tornerà disponibile da sola.")),
    }


def json_error(status: int, title: str, message: str, headers: dict[str, str] | None = None, **extra: Any):
    """The one shape of every JSON error: {"error": {"status", "title", "message", ...}}."""
    response = jsonify({"error": {"status": status, "title": title, "message": message, **extra}})
    response.status_code = status
    response.headers.update(headers or {})
    return response


def error_response(status: int, detail: str | None = None):
    title, text = messages().get(status, (str(status), ""))
    if wants_json():
        response = json_error(status, title, text, **({"detail": detail} if detail else {}))
    else:
        response = make_response(render_template("errors/page.html", status=status, title=title, text=text,
                                                  detail=detail))
    response.status_code = status
    if status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def register(app: Flask) -> None:
    @app.errorhandler(GraphUnavailable)
    def graph_unavailable(exc: GraphUnavailable):
        log.warning("Neo4j unavailable on %s %s: %s", request.method, request.path, exc)
        return error_response(503)

    @app.errorhandler(PermissionDenied)
    def permission_denied(exc: PermissionDenied):
        log.info("403 on %s %s: %s", request.method, request.path, exc)
        return error_response(403, message_of(exc) or None)

    @app.errorhandler(NotFoundError)
    def not_found(exc: NotFoundError):
        return error_response(404)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500)
