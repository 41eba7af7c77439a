"""Home, about, language switch and ``/healthz``: thin routes over the platform service."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, redirect, render_template, request, session

from mentore.extensions import neo4j
from mentore.services import accounts, platform
from mentore.version import __version__
from mentore.web import current_actor, safe_next

bp = Blueprint("main", __name__)


@bp.get("/")
def home():
    return render_template("main/home.html", counts=platform.counts(neo4j.graph))


@bp.get("/chi-siamo")
def about():
    return render_template("main/about.html")


@bp.get("/lingua/<code>")
def set_language(code: str):
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    accounts.remember_language(neo4j.graph, current_actor(), code)
    return redirect(safe_next(request.args.get("next")))


@bp.get("/healthz")
def healthz():
    state = platform.health(neo4j.graph)
    body = {"status": "ok" if state.ok else "degraded", "neo4j": state.neo4j,
            "neo4j_ms": state.neo4j_ms, "version": __version__}
    if state.detail:  # logged, not shown: addresses and driver messages stay private
        current_app.logger.warning("healthz: %s", state.detail)
    return jsonify(body), 200 if state.ok else 503
