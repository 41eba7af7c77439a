"""The directory's search against a brute-force oracle: for every filter and page, the
organisations, their order, the total and every facet's counts are what filtering, counting and
cutting a plain read of every organisation in Python gives."""

import itertools
import random
from collections import Counter

import pytest

from graph.repositories import organisations as organisations_repo
from tests.integration.test_organisations import seed

SEATS = ("comune:096004", "comune:001272", "comune:058091", "comune:082053")
EVERYTHING = """
MATCH (o:Organisation)
RETURN o.id AS id, o.name AS name, o.kind AS kind, o.legal_form AS legal_form, o.runts_section AS runts_section,
       coalesce(o.verified, false) AS verified, coalesce(o.activity_codes, []) AS activity,
       coalesce(o.competency_ids, []) AS competency, coalesce(o.area_ids, []) AS areas,
       o.region_id AS regione, o.province_id AS provincia
"""


@pytest.fixture()
def organisations(graph):
    rng = random.Random(3)
    seed(graph, [{"id": f"org-{i:02d}", "name": f"Organizzazione {rng.choice('ABC')} {i % 7}",
                  "kind": rng.choice(("ETS", "PUBLIC_BODY")), "legal_form": rng.choice(("odv", "aps")),
                  "verified": rng.random() < 0.4, "seat": rng.choice(SEATS),
                  "activities": rng.sample("abdi", rng.randint(0, 2)),
                  "competencies": rng.sample(["assistenza-anziani", "logistica"], rng.randint(0, 1))}
                 for i in range(30)])
    return graph.read(EVERYTHING)


def oracle(organisations, filters: organisations_repo.DirectoryFilters, page: int, per_page: int):
    def kept(o):
        return ((not filters.kinds or o["kind"] in filters.kinds)
                and (not filters.legal_forms or o["legal_form"] in filters.legal_forms)
                and (not filters.verified or o["verified"])
                and (not filters.activities or set(o["activity"]) & set(filters.activities))
                and (not filters.competencies or set(o["competency"]) & set(filters.competencies))
                and (not filters.territories or set(o["areas"]) & set(filters.territories)))

    hits = sorted((o for o in organisations if kept(o)), key=lambda o: (o["name"], o["id"]))
    facets = {}
    for name in ("kind", "legal_form", "runts_section", "regione", "provincia", "activity", "competency"):
        counts = Counter(v for o in hits for v in (o[name] if isinstance(o[name], list) else [o[name]])
                         if v is not None)
        facets[name] = [{"value": v, "count": c} for v, c in sorted(counts.items(), key=lambda vc: (-vc[1], vc[0]))]
    facets["verified"] = sum(o["verified"] for o in hits)
    start = (page - 1) * per_page
    return len(hits), [o["id"] for o in hits[start:start + per_page]], facets


FILTERS = [
    organisations_repo.DirectoryFilters(),
    organisations_repo.DirectoryFilters(kinds=("ETS",)),
    organisations_repo.DirectoryFilters(verified=True, legal_forms=("aps",)),
    organisations_repo.DirectoryFilters(activities=("a", "i")),
    organisations_repo.DirectoryFilters(competencies=("logistica",), territories=("regione:01",)),
    organisations_repo.DirectoryFilters(territories=("provincia:058",), kinds=("PUBLIC_BODY",)),
]


def test_every_filter_and_page_gives_what_the_oracle_gives(graph, organisations):
    for filters, page in itertools.product(FILTERS, (1, 2, 4)):
        found = organisations_repo.search(graph, filters, page, 6)
        total, ids, facets = oracle(organisations, filters, page, 6)
        assert (found.total, [i["id"] for i in found.items], found.facets) == (total, ids, facets), (filters, page)
