"""The git-ignored local settings file (``local.env``): secrets generated on first use.

A fresh checkout has no secrets. The first command that needs one (``scripts/neo4j``, the app)
generates it and keeps it in ``local.env`` (mode 600), so that the Neo4j password the server was
created with and the one the app uses stay the same. Values already in the environment win over
the file. No Flask here: the Neo4j command line uses this module too.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

DEFAULT_FILE = "local.env"

#: Settings generated when neither the environment nor the file gives them.
GENERATED = {
    "MENTORE_SECRET_KEY": lambda: secrets.token_urlsafe(48),
    "MENTORE_NEO4J_PASSWORD": lambda: secrets.token_urlsafe(24),
}


def settings_path() -> Path:
    return Path(os.environ.get("MENTORE_SETTINGS_FILE", DEFAULT_FILE)).resolve()


def read(path: Path | None = None) -> dict[str, str]:
    """``KEY=VALUE`` lines of the file; blank lines and ``#`` comments are skipped."""
    path = path or settings_path()
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return values
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def ensure(path: Path | None = None) -> dict[str, str]:
    """Return the file's settings after adding any generated one that is missing everywhere."""
    path = path or settings_path()
    values = read(path)
    missing = {k: make() for k, make in GENERATED.items() if k not in values and not os.environ.get(k)}
    if missing:
        _append(path, missing)
        values.update(missing)
    return values


def _append(path: Path, settings: dict[str, str]) -> None:
    """Add generated settings to the file (created, with its header, when missing; mode 600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    new_file = not path.exists()
    with path.open("a", encoding="utf-8") as fh:
        if new_file:
            fh.write("# Mentore local settings: generated, git-ignored, keep secret.\n")
        for key, value in settings.items():
            fh.write(f"{key}={value}\n")
    path.chmod(0o600)


def ensure_one(key: str, make: Callable[[], str], path: Path | None = None) -> str:
    """One setting that only some commands need (not generated for every checkout by
    ``ensure``): the environment, else the file, else generated and kept in the file."""
    if os.environ.get(key):
        return os.environ[key]
    path = path or settings_path()
    values = read(path)
    if key not in values:
        values[key] = make()
        _append(path, {key: values[key]})
    return values[key]


def get(key: str, default: str | None = None, values: dict[str, str] | None = None) -> str | None:
    """One setting: the environment first, then the file."""
    if os.environ.get(key):
        return os.environ[key]
    values = read() if values is None else values
    return values.get(key, default)
