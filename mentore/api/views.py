"""``/api/v1``: JSON only; errors are JSON too (see mentore.errors)."""

from __future__ import annotations

from dataclasses import asdict

from flask import Blueprint, jsonify

from mentore.extensions import neo4j
from mentore.services import platform

bp = Blueprint("api", __name__)


@bp.get("/stats")
def stats():
    """Live platform figures (the same as the home page)."""
    return jsonify(asdict(platform.counts(neo4j.graph)))
