"""The needs list against a brute-force oracle: whichever way the list reads the needs (by status
alone from the status index, or from the organisations, those that helped, the places, the
activities or all of them), every filter and page gives what filtering, sorting and cutting a plain read of every
need in Python gives: the same needs in the same order, the same total and status counts."""

import itertools
import random

import pytest

from graph.repositories import needs as needs_repo
from graph.repositories import seeding
from tests.integration.test_organisations import seed

PLACES = ("comune:096004", "provincia:096", "regione:01", "comune:001272", "comune:082053")
ACTIVE = set(needs_repo.ACTIVE_STATUSES)
EVERYTHING = """
MATCH (o:Organisation)-[:POSTED]->(n:Need)
RETURN n.id AS id, n.status AS status, n.help_kind AS help_kind, o.id AS organisation,
       n.created_at AS created, COLLECT { MATCH (n)-[:CONCERNS]->(a) RETURN a.code } AS activities,
       COLLECT { MATCH (n)-[:IN]->(:Territory)-[:PART_OF*0..2]->(t) RETURN t.id } AS areas,
       COLLECT { MATCH (n)-[:MET_WITH]->(h) RETURN h.id } AS helpers
"""


@pytest.fixture()
def needs(graph):
    seed(graph, [{"id": f"org-{i}", "name": f"Organizzazione {i}"} for i in range(3)])
    rng = random.Random(5)
    rows = [{"id": f"need-{i:02d}", "organisation": f"org-{i % 3}", "territory": rng.choice(PLACES),
             "activity": rng.choice("ab"), "competencies": [], "deadline": "2031-01-01",
             "created_at": f"2026-{1 + i % 12:02d}-{1 + i // 12:02d}T10:00:00Z",
             "props": {"title": f"Bisogno {i}", "description": "Una descrizione del bisogno.",
                       "help_kind": rng.choice(("volontari", "spazi")), "status": rng.choice(needs_repo.STATUSES)}}
            for i in range(45)]
    seeding.create_rows(graph, "needs", rows)
    # who helped: every third need one organisation, every fifth another (some needs both)
    graph.write("MATCH (n:Need), (h:Organisation {id: $h}) WHERE toInteger(substring(n.id, 5)) % 3 = 0 "
                "CREATE (n)-[:MET_WITH]->(h)", h="org-1")
    graph.write("MATCH (n:Need), (h:Organisation {id: $h}) WHERE toInteger(substring(n.id, 5)) % 5 = 0 "
                "CREATE (n)-[:MET_WITH]->(h)", h="org-2")
    return graph.read(EVERYTHING)


def oracle(needs, filters: needs_repo.NeedFilters, page: int, per_page: int):
    def kept(n, statuses=True):
        return ((filters.include_drafts or n["status"] != "draft")
                and (not filters.organisations or n["organisation"] in filters.organisations)
                and (not filters.helpers or set(n["helpers"]) & set(filters.helpers))
                and (not filters.help_kinds or n["help_kind"] in filters.help_kinds)
                and (not filters.activities or set(n["activities"]) & set(filters.activities))
                and (not filters.territories or set(n["areas"]) & set(filters.territories))
                and (not statuses or not filters.statuses or n["status"] in filters.statuses))

    counts = {}
    for n in needs:
        if kept(n, statuses=False):
            counts[n["status"]] = counts.get(n["status"], 0) + 1
    hits = sorted((n for n in needs if kept(n)), key=lambda n: (n["status"] not in ACTIVE, -n["created"].to_native()
                                                                 .timestamp(), n["id"]))
    start = (page - 1) * per_page
    return len(hits), [n["id"] for n in hits[start:start + per_page]], counts


FILTERS = [
    needs_repo.NeedFilters(),
    needs_repo.NeedFilters(statuses=("open",)),
    needs_repo.NeedFilters(statuses=("matched", "closed")),
    needs_repo.NeedFilters(statuses=("met", "expired")),
    needs_repo.NeedFilters(territories=("regione:01",)),
    needs_repo.NeedFilters(territories=("provincia:096", "comune:082053"), statuses=("open", "met")),
    needs_repo.NeedFilters(activities=("b",)),
    needs_repo.NeedFilters(activities=("a",), help_kinds=("spazi",), territories=("regione:01",)),
    needs_repo.NeedFilters(help_kinds=("volontari",)),
    needs_repo.NeedFilters(organisations=("org-1",), include_drafts=True),
    needs_repo.NeedFilters(organisations=("org-0", "org-2"), include_drafts=True, statuses=("draft", "open")),
    needs_repo.NeedFilters(organisations=("org-2",)),  # the public list of one organisation: no drafts
    needs_repo.NeedFilters(helpers=("org-1",)),
    needs_repo.NeedFilters(helpers=("org-1", "org-2"), statuses=("met", "closed")),
    needs_repo.NeedFilters(helpers=("org-2",), organisations=("org-0",), territories=("regione:01",)),
]


def test_every_way_of_reading_the_list_gives_what_the_oracle_gives(graph, needs):
    for filters, page in itertools.product(FILTERS, (1, 2, 3, 5)):
        found = needs_repo.search(graph, filters, page, 7)
        total, ids, counts = oracle(needs, filters, page, 7)
        assert (found.total, [i["id"] for i in found.items], found.status_counts) == (total, ids, counts), \
            (filters, page)
    assert len({n["status"] for n in needs}) == len(needs_repo.STATUSES)  # every status is there
