"""What the benchmark scripts do first: run with the project's Python. Started with another
interpreter (`python3 scripts/bench_forum.py`), a script whose modules do not import starts
again with .venv/bin/python; then the project's packages import from the checkout."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


def use_project_python(script: str, *modules: str) -> Path:
    """Import ``modules`` (third-party ones the script needs), or start the script again with the
    virtualenv's Python, or exit saying what to do; then put the checkout on sys.path. ROOT."""
    for module in modules:
        try:
            importlib.import_module(module)
        except ImportError:
            if VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
                os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), *sys.argv])
            sys.exit(f"{script}: {module} is missing; run `make setup` first.")
    sys.path.insert(0, str(ROOT))
    return ROOT
