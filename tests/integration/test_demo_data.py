"""The demo data set of `make run`: big enough to feel real, and loading it again changes nothing."""

import re

from graph.repositories import people, seeding
from mentore import create_app
from mentore.cli import cli
from mentore.services import demo_decisions, setup
from tests.conftest import app_config
from tests.integration.test_organisations import login

SNAPSHOT = """
MATCH (n) WITH count(n) AS nodes
MATCH ()-[r]->() WITH nodes, count(r) AS rels
RETURN nodes, rels
"""


def test_demo_data_covers_the_seed_targets(graph):
    assert not setup.load_demo(graph).skipped
    figures = graph.read("""
        RETURN COUNT { (:Organisation {kind: 'ETS'}) } AS ets,
               COUNT { (:Organisation {kind: 'PUBLIC_BODY'}) } AS public_bodies,
               COUNT { MATCH (:Organisation)-[:LOCATED_IN]->()-[:PART_OF]->()-[:PART_OF]->(r) RETURN DISTINCT r }
                 AS regions,
               COUNT { (:Person)-[:MEMBER_OF]->(:Organisation) } AS memberships,
               COUNT { (:Need {status: 'open'}) } AS open_needs,
               COUNT { (:Community)<-[:FACILITATES]-(:Person) } AS facilitations""")[0]
    assert figures["ets"] >= 200 and figures["public_bodies"] >= 100
    assert figures["regions"] >= 6
    assert figures["memberships"] >= figures["ets"] + figures["public_bodies"]
    assert figures["open_needs"] > 0
    communities = graph.read("MATCH (c:Community) RETURN c.name AS name, "
                             "COUNT { (c)<-[:FACILITATES]-() } AS facilitators, "
                             "COUNT { (c)<-[:IN]-(:Topic) } AS topics")
    assert len(communities) == 5
    assert all(c["facilitators"] >= 1 and c["topics"] >= 1 for c in communities)
    # something for facilitators to do: reports waiting in the queue, solved topics to write up
    forum = graph.read("RETURN COUNT { (:Person)-[:RAISED]->(:Flag {status: 'open'})-[:ON]->(:Post) } AS flags, "
                       "COUNT { (:Topic)-[:SOLVED_BY]->(:Post) } AS solved")[0]
    assert forum["flags"] >= 1 and forum["solved"] >= 4
    # the partnerships' funders are their programmes, for the partner finder's "bando" field
    programmes = graph.read("MATCH (p:Partnership) RETURN count(p) AS all, "
                            "count(p.programme_family) AS with_programme")[0]
    assert programmes["all"] > 0 and programmes["with_programme"] == programmes["all"]
    # requests of verification for the platform admins' queue, and refusals their ETS can read
    requests = graph.read("RETURN COUNT { (:Person)-[:ASKED]->(:VerificationRequest {status: 'pending'})"
                          "-[:FOR]->(:Organisation {kind: 'ETS', verified: false}) } AS pending, "
                          "COUNT { (:VerificationRequest {status: 'refused'})-[:FOR]->() } AS refused")[0]
    assert requests["pending"] >= 10 and requests["refused"] >= 5
    unplaced = graph.read("MATCH (o:Organisation) WHERE NOT (o)-[:LOCATED_IN]->(:Territory {level: 'comune'}) "
                          "RETURN count(o) AS n")
    assert unplaced[0]["n"] == 0


def test_loading_the_demo_again_changes_nothing_that_exists(graph):
    setup.load_demo(graph)
    graph.write("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 SET o.description = 'Modificata da un utente'")
    before = graph.read(SNAPSHOT)[0]

    assert setup.load_demo(graph).skipped  # the quick path of a second `make run`
    assert not setup.load_demo(graph, force=True).skipped  # even written again, create-only

    assert graph.read(SNAPSHOT)[0] == before
    edited = graph.read("MATCH (o:Organisation) WITH o ORDER BY o.id LIMIT 1 RETURN o.description AS d")
    assert edited[0]["d"] == "Modificata da un utente"


def test_a_demo_facilitator_finds_the_demo_reports_in_the_queue(graph, neo4j_server):
    setup.load_demo(graph)
    row = graph.read("""
        MATCH (:Person)-[:RAISED]->(f:Flag {status: 'open'})-[:IN]->(c:Community)<-[:FACILITATES]-(p:Person)
        RETURN p.id AS facilitator, c.slug AS slug, f.text AS text ORDER BY c.slug LIMIT 1""")[0]
    client = create_app(app_config(neo4j_server)).test_client()
    login(client, people.get(graph, row["facilitator"]))
    page = client.get(f"/comunita/{row['slug']}/moderazione")
    assert page.status_code == 200 and row["text"][:40] in page.get_data(as_text=True)


def test_demo_decisions_give_matched_needs_their_accepted_suggestion_once(graph, neo4j_server, monkeypatch):
    """After the suggestions are computed, the demo's matched and in-progress needs have the
    suggestion their poster accepted (with the organisation's answer); open needs show answers,
    contacts, a refusal, offers to help unasked and the posters' requests to organisations not
    suggested; a second run changes nothing."""
    from mentore.demo import DEMO_VERSION, generate
    from mentore.matcher import embedding
    from mentore.services import matching, suggestions

    setup.load_demo(graph)
    matcher = matching.Matcher(load_embedder=embedding.load)
    matching.embed_all(matcher, graph)
    graph.write("CALL db.awaitIndexes(60)")
    needs = generate(setup.load_istat()).needs
    busy = [n["id"] for n in needs if n["props"]["status"] in ("matched", "in_progress")][:3]
    working = [n["id"] for n in needs if n["props"]["status"] == "in_progress"][:3]
    busy += [n for n in working if n not in busy]
    still_open = [n["id"] for n in needs if n["props"]["status"] == "open"][:6]
    for need_id in busy + still_open:
        assert suggestions.refresh(matcher, graph, need_id) is not None

    result = setup.load_demo_decisions(graph)
    assert not result.skipped and result.written >= len(busy)
    accepted = graph.read("""
        UNWIND $ids AS nid
        MATCH (o:Organisation)-[:POSTED]->(n:Need {id: nid})<-[:FOR]-(s:Suggestion {status: 'accepted'})
        RETURN n.id AS need, s.answer AS answer, s.availability AS availability,
               EXISTS { (:Person {id: s.decided_by})-[:MEMBER_OF]->(o) } AS by_poster,
               EXISTS { (:Person {id: s.answered_by})-[:MEMBER_OF]->(:Organisation)<-[:PROPOSES]-(s) } AS by_suggested
        """, ids=busy)
    assert sorted(r["need"] for r in accepted) == sorted(busy)
    assert all(r["by_poster"] for r in accepted)  # decided as a member of the posting organisation
    assert all(r["answer"] and r["availability"] == "yes" and r["by_suggested"] for r in accepted)
    open_states = graph.read("""
        UNWIND $ids AS nid
        MATCH (n:Need {id: nid})<-[:FOR]-(s:Suggestion)
        RETURN n.status AS need_status, collect(s.status) AS states, count(s.answered_at) AS answers,
               count(s.availability) AS said
        """, ids=still_open)
    assert {r["need_status"] for r in open_states} == {"open"}  # nothing accepted there
    states = [st for r in open_states for st in r["states"]]
    assert "contacted" in states and "declined" in states and sum(r["answers"] for r in open_states) >= 1
    assert all(r["said"] == r["answers"] for r in open_states)  # each answer says whether they can help
    # a few open needs get an offer to help from an organisation that was not suggested, by a member
    offers = graph.read("""
        MATCH (n:Need)<-[:FOR]-(s:Suggestion {offered: true})-[:PROPOSES]->(o:Organisation)
        RETURN n.status AS status, s.availability AS availability, s.answer AS answer,
               EXISTS { (:Person {id: s.offered_by})-[:MEMBER_OF]->(o) } AS by_member,
               EXISTS { (o)-[:POSTED]->(n) } AS own,
               (NOT coalesce(n.only_verified, false) OR o.verified)
               AND (NOT coalesce(n.only_runts, false) OR o.runts_section IS NOT NULL) AS qualified
        """)
    assert offers and all(r["status"] == "open" and r["by_member"] and not r["own"] for r in offers)
    assert all(r["qualified"] for r in offers)  # each meets what the need asks of who helps
    assert {r["availability"] for r in offers} <= {"yes", "partly"} and all(r["answer"] for r in offers)
    # others, a request from the poster to an organisation of the directory, which answers some
    asked = graph.read("""
        MATCH (n:Need)<-[:FOR]-(s:Suggestion {invited: true})-[:PROPOSES]->(o:Organisation)
        RETURN n.status AS status, s.status AS state, s.invitation AS invitation, s.availability AS availability,
               EXISTS { (:Person {id: s.invited_by})-[:MEMBER_OF]->(:Organisation)-[:POSTED]->(n) } AS by_poster,
               EXISTS { (o)-[:POSTED]->(n) } AS own,
               (NOT coalesce(n.only_verified, false) OR o.verified)
               AND (NOT coalesce(n.only_runts, false) OR o.runts_section IS NOT NULL) AS qualified
        """)
    assert asked and all(r["status"] == "open" and r["state"] == "contacted" and r["invitation"] for r in asked)
    assert all(r["by_poster"] and not r["own"] and r["qualified"] for r in asked)
    assert len(asked) < len(demo_decisions.REQUEST_ANSWERS) or {r["availability"] for r in asked} == {
        None, "yes", "no"}  # one in three each: not answered yet, can help, cannot
    # an organisation named (the demo poster's, whom `demo accounts` signs in as) gets one on a need
    # of its own, whatever its needs' positions: here one that got none
    def requests_to(organisation: str) -> int:
        return graph.read("MATCH (:Organisation {id: $o})-[:POSTED]->(:Need)<-[:FOR]-(:Suggestion {invited: true}) "
                          "RETURN count(*) AS n", o=organisation)[0]["n"]

    ids = [n["id"] for n in needs]
    unasked = [row["asked"]["organisation_id"] for row in seeding.demo_offerers(graph, ids)
               if not requests_to(row["asked"]["organisation_id"])]
    graph.write("MATCH (d:Dataset {name: $name}) DELETE d", name=demo_decisions.REQUESTS_DATASET)
    demo_decisions.requests(graph, ids, DEMO_VERSION, shown=unasked[0])
    assert requests_to(unasked[0]) == 1

    # one need in progress in MET_EVERY is met, naming the organisation chosen as the one that helped
    met = graph.read("""
        UNWIND $ids AS nid
        MATCH (n:Need {id: nid})-[m:MET_WITH]->(o:Organisation)
        MATCH (o)<-[:PROPOSES]-(s:Suggestion {status: 'accepted'})-[:FOR]->(n)
        RETURN n.id AS need, n.status AS status, s.helped AS helped,
               EXISTS { (:Person {id: m.by})-[:MEMBER_OF]->(:Organisation)-[:POSTED]->(n) } AS by_poster
        """, ids=working)
    assert sorted(r["need"] for r in met) == sorted(working)[::demo_decisions.MET_EVERY]
    assert all(r["status"] == "met" and r["helped"] and r["by_poster"] for r in met)
    # the first also asks an organisation suggested that never answered to confirm it helped
    [claim] = graph.read("""
        MATCH (n:Need)-[c:HELP_CLAIMED]->(o:Organisation)
        RETURN n.id AS need, EXISTS { (:Person {id: c.by})-[:MEMBER_OF]->(:Organisation)-[:POSTED]->(n) } AS by_poster,
               [(o)<-[:PROPOSES]-(s:Suggestion)-[:FOR]->(n) | s.status] AS suggested
        """)
    assert claim["need"] in [r["need"] for r in met] and claim["by_poster"] and claim["suggested"] == ["proposed"]

    before = graph.read(SNAPSHOT)[0]
    assert setup.load_demo_decisions(graph).skipped  # once per demo version
    assert graph.read(SNAPSHOT)[0] == before

    # --- whom to sign in as: one demo person per kind of user, and an admin, all with one password
    monkeypatch.setenv("MENTORE_DEMO_PASSWORD", "una password dimostrativa")
    app = create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))
    listed = app.test_cli_runner().invoke(cli, args=["demo", "accounts"])
    assert listed.exit_code == 0, listed.output
    emails = re.findall(r": (\S+@\S+) \(", listed.output)
    assert len(emails) == len(setup.DEMO_ACCOUNT_KINDS) == len(set(emails))
    for label in setup.DEMO_ACCOUNT_KINDS.values():
        assert label in listed.output
    demo_people = {p["props"]["email"] for p in generate(setup.load_istat()).people}
    assert set(emails[:-1]) <= demo_people and emails[-1] == setup.DEMO_ADMIN[1]
    poster = emails[0]
    posted = graph.read("""MATCH (p:Person {email: $email})-[:MEMBER_OF {role: 'admin'}]->(:Organisation)-[:POSTED]->
                           (n:Need)<-[:FOR]-(:Suggestion) RETURN count(DISTINCT n) AS n""", email=poster)[0]["n"]
    assert posted >= 1  # the ETS admin has needs with suggestions to decide on
    client = app.test_client()
    signed_in = client.post("/accedi", data={"email": poster, "password": "una password dimostrativa"})
    assert signed_in.status_code == 302
    admin = app.test_client()
    admin.post("/accedi", data={"email": setup.DEMO_ADMIN[1], "password": "una password dimostrativa"})
    assert admin.get("/admin/").status_code == 200
    again = app.test_cli_runner().invoke(cli, args=["demo", "accounts"])  # the same people, unchanged
    assert again.exit_code == 0 and re.findall(r": (\S+@\S+) \(", again.output) == emails
    monkeypatch.setenv("MENTORE_DEMO_PASSWORD", "corta")
    refused = app.test_cli_runner().invoke(cli, args=["demo", "accounts"])
    assert refused.exit_code == 1 and "deve avere da 10 a" in refused.output
