"""Live platform figures for the home page and the API."""

from __future__ import annotations

from dataclasses import dataclass

from graph.driver import Graph

PLATFORM_COUNTS = """
RETURN COUNT { (:Organisation {kind: 'ETS'}) } AS ets,
       COUNT { (:Organisation {kind: 'PUBLIC_BODY'}) } AS public_bodies,
       COUNT { (:Person) } AS people,
       COUNT { (n:Need) WHERE n.status IN ['open', 'matched', 'in_progress'] } AS open_needs,
       COUNT { (:Community) } AS communities,
       COUNT { (:Partnership) } AS partnerships,
       COUNT { MATCH (:Organisation)-[:LOCATED_IN]->(r:Territory)
               RETURN DISTINCT r } AS comuni_covered,
       COUNT { MATCH (:Organisation)-[:LOCATED_IN]->(:Territory)-[:PART_OF]->(:Territory)
                     -[:PART_OF]->(r:Territory {level: 'regione'})
               RETURN DISTINCT r } AS regions_covered
"""


@dataclass(frozen=True)
class PlatformCounts:
    ets: int
    public_bodies: int
    people: int
    open_needs: int
    communities: int
    partnerships: int
    comuni_covered: int
    regions_covered: int


def platform_counts(graph: Graph) -> PlatformCounts:
    return PlatformCounts(**graph.read(PLATFORM_COUNTS)[0])


# ----------------------------------------------------------------------------- needs and matching, for reports

# The needs published from the instant $start to the instant $end (the first instants of the
# period's first day and of the day after its last, in Italy: mentore.clock.day_start), sought
# through the index on published_at (need_published_at; set at publication, and for the needs of
# the data sets and of graphs written before it by `mentore graph init`). Drafts have none.
_PERIOD_NEEDS = """
MATCH (n:Need)
WHERE n.published_at >= datetime($start) AND n.published_at < datetime($end)
  AND n.status <> 'draft' AND EXISTS { (:Organisation)-[:POSTED]->(n) }
"""
# A need's region, reached from the need: with a label and a property on its end, the planner may
# start from the region instead and walk down to every comune for each need (8 s measured).
_REGION = "(n)-[:IN]->()-[:PART_OF*0..2]->(r)"
_IN_REGION = "AND EXISTS { MATCH " + _REGION + " WHERE r.id = $region AND r.level = 'regione' }\n"

# What became of those needs, in a region or all: one row per region and status, with how many
# needs, how many had a suggestion or an offer, an answer that says an organisation can help (in
# full or in part), an organisation chosen, and (met) organisations named as having helped; and the
# days from each need's publication to its first positive answer and to its first choice (null
# without one, or when the suggestion has no date: written by an import or by hand).
NEED_OUTCOMES = _PERIOD_NEEDS + """
OPTIONAL MATCH """ + _REGION + """
WHERE r.level = 'regione'
WITH n, r
WHERE $region IS NULL OR r.id = $region
OPTIONAL MATCH (n)<-[:FOR]-(s)
WITH r, n, count(s) AS items,
     count(CASE WHEN s.availability IN ['yes', 'partly'] THEN 1 END) AS positive,
     count(CASE WHEN s.status = 'accepted' THEN 1 END) AS accepted,
     min(CASE WHEN s.availability IN ['yes', 'partly'] THEN s.answered_at END) AS answered_at,
     min(CASE WHEN s.status = 'accepted' THEN s.decided_at END) AS decided_at
RETURN r.id AS region, r.name AS region_name, n.status AS status, count(*) AS needs,
       count(CASE WHEN items > 0 THEN 1 END) AS with_suggestions,
       count(CASE WHEN positive > 0 THEN 1 END) AS with_positive_answer,
       count(CASE WHEN accepted > 0 THEN 1 END) AS with_accepted,
       count(CASE WHEN n.status = 'met' AND EXISTS { (n)-[:MET_WITH]->(:Organisation) } THEN 1 END) AS met_with_help,
       // the organisations named, read as the need's degree by type (an end labelled costs each
       // of 10k needs a look at its neighbours: the report took 23% longer, against 9%)
       sum(COUNT { (n)-[:MET_WITH]->() }) AS helpers,
       sum(COUNT { (n)-[m:MET_WITH]->() WHERE m.confirmed_by IS NOT NULL }) AS helpers_confirmed,
       sum(COUNT { (n)-[:HELP_CLAIMED]->() }) AS claims_pending,
       sum(COUNT { (n)-[:HELP_DECLINED]->() }) AS claims_declined,
       collect(duration.inDays(n.published_at, answered_at).days) AS days_to_answer,
       collect(duration.inDays(n.published_at, decided_at).days) AS days_to_accept
ORDER BY region, status
"""

# The suggestions and offers on those needs, counted (one row): made by the matcher (not those
# from `outside` it: offers, and organisations the poster asked of their own accord), answered,
# positive; offers, accepted; requests (the organisations the poster asked), answered, positive,
# accepted, withdrawn by the poster (declined with the reason $withdrawn); chosen (of which said
# since they can no longer help); declined, withdrawals apart, with each decline's reason; and
# the distinct organisations suggested, that answered, offered, were asked, chosen.
SUGGESTION_TOTALS = """
MATCH (n)<-[:FOR]-(s)-[:PROPOSES]->(o:Organisation)
WITH s, o, coalesce(s.offered, false) AS offered, coalesce(s.invited, false) AS asked
WITH s, o, offered, asked, offered OR asked AS outside,
     s.status = 'declined' AND (s.decline_reason IS NULL OR s.decline_reason <> $withdrawn) AS refused
RETURN count(CASE WHEN NOT outside THEN 1 END) AS suggestions,
       count(CASE WHEN NOT outside AND s.availability IS NOT NULL THEN 1 END) AS answered,
       count(CASE WHEN NOT outside AND s.availability IN ['yes', 'partly'] THEN 1 END) AS positive,
       count(CASE WHEN offered THEN 1 END) AS offers,
       count(CASE WHEN offered AND s.status = 'accepted' THEN 1 END) AS offers_accepted,
       count(CASE WHEN asked THEN 1 END) AS requests,
       count(CASE WHEN asked AND s.availability IS NOT NULL THEN 1 END) AS requests_answered,
       count(CASE WHEN asked AND s.availability IN ['yes', 'partly'] THEN 1 END) AS requests_positive,
       count(CASE WHEN asked AND s.status = 'accepted' THEN 1 END) AS requests_accepted,
       count(CASE WHEN asked AND s.status = 'declined' AND s.decline_reason = $withdrawn THEN 1 END)
         AS requests_withdrawn,
       count(CASE WHEN s.status = 'accepted' THEN 1 END) AS accepted,
       count(CASE WHEN s.status = 'accepted' AND s.availability = 'no' THEN 1 END) AS withdrawn,
       count(CASE WHEN refused THEN 1 END) AS declined,
       collect(CASE WHEN refused THEN coalesce(s.decline_reason, 'other') END) AS decline_reasons,
       count(DISTINCT CASE WHEN NOT outside THEN o END) AS organisations_suggested,
       count(DISTINCT CASE WHEN NOT outside AND s.availability IS NOT NULL THEN o END) AS organisations_answered,
       count(DISTINCT CASE WHEN offered THEN o END) AS organisations_offered,
       count(DISTINCT CASE WHEN asked THEN o END) AS organisations_asked,
       count(DISTINCT CASE WHEN s.status = 'accepted' THEN o END) AS organisations_chosen
"""
SUGGESTION_TOTALS_ALL = _PERIOD_NEEDS + SUGGESTION_TOTALS
SUGGESTION_TOTALS_IN_REGION = _PERIOD_NEEDS + _IN_REGION + SUGGESTION_TOTALS


def need_outcomes(graph: Graph, start: str, end: str, region: str | None = None) -> list[dict]:
    return graph.read(NEED_OUTCOMES, start=start, end=end, region=region)


def suggestion_totals(graph: Graph, start: str, end: str, region: str | None, *, withdrawn: str) -> dict:
    """``withdrawn``: the decline reason of a request its poster withdrew (counted apart)."""
    query = SUGGESTION_TOTALS_IN_REGION if region else SUGGESTION_TOTALS_ALL
    return graph.read(query, start=start, end=end, region=region, withdrawn=withdrawn)[0]
