"""Progress bars of the command line (plain lines when the output is not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click


@contextmanager
def bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr; the value is ``advance(n)``."""
    with click.progressbar(length=total, label=f"  {label:<22}", show_pos=True, show_eta=True,
                           file=sys.stderr) as progress:
        yield progress.update
