"""The background queue of one process (no database needed): a call already waiting is queued
once, and optional work (an organisation page's possible partners) never piles up in front of the
refresh of a need's suggestions."""

import threading

from flask import Flask

from mentore import jobs


def test_optional_jobs_are_dropped_while_the_queue_is_long_and_the_others_still_run():
    queue = jobs.Jobs(Flask(__name__))
    started, release, ran = threading.Event(), threading.Event(), []

    def busy() -> None:
        started.set()
        release.wait(10)

    queue.submit(busy)
    assert started.wait(10)  # the worker is busy with it: every job from now on waits
    for n in range(jobs.OPTIONAL_BACKLOG + 10):
        queue.submit(ran.append, ("partners", n), optional=True)
    queue.submit(ran.append, ("need", 1))  # a need changed: queued whatever waits
    queue.submit(ran.append, ("need", 1))  # the same call, still waiting: once
    release.set()
    queue.drain()
    partners = [n for kind, n in ran if kind == "partners"]
    assert partners == list(range(jobs.OPTIONAL_BACKLOG))
    assert ran.count(("need", 1)) == 1 and ran[-1] == ("need", 1)
