"""The facilitator cockpit on the real graph: who may see it, unanswered topics, flags waiting,
members gone quiet, activity per week, and people of other organisations worth inviting."""

import datetime as dt
import uuid

import pytest

from graph.repositories import organisations as organisations_repo
from graph.repositories import seeding
from mentore import clock, create_app
from mentore.services import cockpit as service
from tests.conftest import app_config
from tests.integration.test_organisations import login, person, seed

SLUG = "anziani-e-domiciliarita"

# A topic (or a reply) written ``days`` ago by ``author``; replies carry their topic.
WRITE_TOPIC = """
MATCH (c:Community {id: $community}), (a:Person {id: $author})
CREATE (t:Topic {id: $id, title: $title, body: 'Testo', community_id: c.id, hidden: $hidden, pinned: false,
                 locked: false, version: 1, reply_count: 0,
                 created_at: datetime() - duration({days: $days}),
                 last_activity_at: datetime() - duration({days: $days})})
CREATE (t)-[:IN]->(c), (a)-[:WROTE]->(t)
"""
WRITE_REPLY = """
MATCH (t:Topic {id: $topic}), (a:Person {id: $author})
CREATE (p:Post {id: randomUUID(), body: 'Risposta', topic_id: t.id, hidden: $hidden, version: 1,
                number: COUNT { (:Post)-[:IN]->(t) } + 1, created_at: datetime() - duration({days: $days})})
CREATE (p)-[:IN]->(t), (a)-[:WROTE]->(p)
"""
FLAG = """
MATCH (c:Community {id: $community}), (t:Topic {id: $topic}), (a:Person {id: $by})
CREATE (f:Flag {id: randomUUID(), reason: 'spam', text: '', status: $status, created_at: datetime()})
CREATE (a)-[:RAISED]->(f), (f)-[:ON]->(t), (f)-[:IN]->(c)
"""


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


def topic(graph, community, author, days, title=None, hidden=False):
    topic_id = str(uuid.uuid4())
    graph.write(WRITE_TOPIC, community=community, author=author.id, id=topic_id, title=title or f"Tema {days}",
                hidden=hidden, days=days)
    return topic_id


def reply(graph, topic_id, author, days, hidden=False):
    graph.write(WRITE_REPLY, topic=topic_id, author=author.id, days=days, hidden=hidden)


def relate(graph, who, kind, community="com-anziani"):
    """A membership relationship of the SPEC (kind from a fixed list: never user input)."""
    assert kind in ("BELONGS_TO", "FACILITATES", "REMOVED_FROM", "INVITED", "REQUESTED")
    graph.write(f"MATCH (p:Person {{id: $p}}), (c:Community {{id: $c}}) MERGE (p)-[r:{kind}]->(c) "
                "SET r.since = datetime() - duration({days: 200}), r.at = datetime()", p=who.id, c=community)


@pytest.fixture()
def world(graph):
    """A community about social services (a) in Piemonte: a facilitator, three members, people
    of other organisations, topics, replies and flags."""
    seed(graph, [
        {"id": "org-casa", "name": "Casa Amica", "activities": ["a"], "competencies": ["gestione-volontari"]},
        {"id": "org-ponte", "name": "Il Ponte", "activities": ["a", "c"],
         "competencies": ["gestione-volontari", "assistenza-anziani"], "seat": "comune:001272"},
        # candidates: close to the theme, in Piemonte
        {"id": "org-vicina", "name": "Cooperativa Vicina", "activities": ["a"],
         "competencies": ["gestione-volontari"], "seat": "comune:001272"},
        {"id": "org-lontana", "name": "Associazione Lontana", "activities": ["d"],
         "competencies": ["assistenza-anziani"], "seat": "comune:015146"},
        {"id": "org-sport", "name": "Polisportiva Sciolta", "activities": ["t"], "competencies": ["fundraising"]},
        {"id": "org-rimossa", "name": "Ente Rimosso", "activities": ["a"], "competencies": []},
    ])
    seeding.create_rows(graph, "communities", [{
        "id": "com-anziani", "activities": ["a"], "facilitators": [], "members": [],
        "created_at": "2026-01-01T00:00:00Z",
        "props": {"slug": SLUG, "name": "Anziani e domiciliarità", "description": "Buone pratiche",
                  "membership_mode": "open"}}])
    people = {}
    for key, name, organisation in (
        ("fac", "Franca Facilitatrice", "org-casa"), ("anna", "Anna Antica", "org-casa"),
        ("bruno", "Bruno Muto", "org-ponte"), ("carla", "Carla Attiva", "org-ponte"),
        ("dario", "Dario Vicino", "org-vicina"), ("elena", "Elena Lontana", "org-lontana"),
        ("sandro", "Sandro Sportivo", "org-sport"), ("rita", "Rita Rimossa", "org-rimossa"),
        ("ivo", "Ivo Invitato", "org-vicina"),
    ):
        people[key] = person(graph, name=name, email=f"{key}@example.it")
        organisations_repo.add_member(graph, people[key].id, organisation, "member")
    people["outsider"] = person(graph, name="Otto Esterno", email="otto@example.it")
    people["admin"] = person(graph, name="Ada Admin", email="ada@example.it", roles=("platform_admin",))
    relate(graph, people["fac"], "FACILITATES")
    for key in ("fac", "anna", "bruno", "carla"):
        relate(graph, people[key], "BELONGS_TO")
    relate(graph, people["rita"], "REMOVED_FROM")
    relate(graph, people["ivo"], "INVITED")

    t_old = topic(graph, "com-anziani", people["anna"], 100, title="Trasporto anziani in valle")
    reply(graph, t_old, people["anna"], 90)
    t_lonely = topic(graph, "com-anziani", people["carla"], 20, title="Chi conosce un buon corso OSS?")
    t_hidden_reply = topic(graph, "com-anziani", people["carla"], 10, title="Volontari d'estate")
    reply(graph, t_hidden_reply, people["fac"], 9, hidden=True)
    topic(graph, "com-anziani", people["carla"], 5, title="Spam nascosto", hidden=True)
    t_answered = topic(graph, "com-anziani", people["carla"], 3, title="Bando regionale")
    reply(graph, t_answered, people["fac"], 2)
    reply(graph, t_answered, people["carla"], 1)
    graph.write(FLAG, community="com-anziani", topic=t_answered, by=people["carla"].id, status="open")
    graph.write(FLAG, community="com-anziani", topic=t_lonely, by=people["carla"].id, status="open")
    graph.write(FLAG, community="com-anziani", topic=t_lonely, by=people["anna"].id, status="dismissed")
    return {"people": people, "lonely": t_lonely, "hidden_reply": t_hidden_reply, "old": t_old}


# ----------------------------------------------------------------------------- who may see it


def test_the_cockpit_is_refused_to_members_and_outsiders(client, world):
    for key in ("carla", "outsider"):
        login(client, world["people"][key])
        assert client.get(f"/comunita/{SLUG}/cruscotto").status_code == 403
    refused = client.get(f"/comunita/{SLUG}/cruscotto?lang=en").get_data(as_text=True)  # and says why
    assert "The dashboard is for the community&#39;s facilitators and the platform administrators only." in refused


def test_anonymous_visitors_are_sent_to_login(client, world):
    response = client.get(f"/comunita/{SLUG}/cruscotto")
    assert response.status_code == 302 and "/accedi" in response.headers["Location"]


def test_an_unknown_community_has_no_cockpit(client, world):
    login(client, world["people"]["admin"])
    assert client.get("/comunita/non-esiste/cruscotto").status_code == 404


def test_facilitators_and_platform_admins_see_the_cockpit(client, world):
    for key in ("fac", "admin"):
        login(client, world["people"][key])
        response = client.get(f"/comunita/{SLUG}/cruscotto")
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert "Cruscotto del facilitatore" in page and "Anziani e domiciliarità" in page


# ----------------------------------------------------------------------------- the figures


def test_unanswered_topics_are_those_without_a_visible_reply_oldest_first(graph, world):
    view = service.cockpit(graph, world["people"]["fac"], SLUG)
    assert [t["id"] for t in view.unanswered] == [world["lonely"], world["hidden_reply"]]
    assert view.unanswered_total == 2
    assert [t["age_days"] for t in view.unanswered] == [20, 10]
    assert view.unanswered[0]["author_name"] == "Carla Attiva"


def test_only_open_flags_are_waiting(graph, world):
    assert service.cockpit(graph, world["people"]["fac"], SLUG).open_flags == 2


def test_members_gone_quiet_and_members_who_never_wrote(graph, world):
    # Gina's only recent writing is a reply, since hidden, in a topic otherwise quiet for 100 days:
    # she wrote recently all the same.
    gina = person(graph, name="Gina Nascosta", email="gina@example.it")
    relate(graph, gina, "BELONGS_TO")
    reply(graph, world["old"], gina, 5, hidden=True)
    view = service.cockpit(graph, world["people"]["fac"], SLUG)
    # Anna wrote 90 days ago; Carla wrote yesterday; the facilitator is not listed; Bruno never wrote.
    assert [(m["name"], m["quiet_days"], m["writings"]) for m in view.gone_quiet] == [("Anna Antica", 90, 2)]
    assert [(m["name"], [o["name"] for o in m["organisations"]]) for m in view.never_wrote] == [
        ("Bruno Muto", ["Il Ponte"])]


def test_activity_counts_visible_topics_and_replies_per_week_over_26_weeks(graph, world):
    now = dt.datetime.now(dt.UTC)
    view = service.cockpit(graph, world["people"]["fac"], SLUG, now=now)
    assert len(view.weeks) == 26
    assert view.weeks[-1].start == clock.today(now) - dt.timedelta(days=clock.today(now).weekday())
    # 4 visible topics and 3 visible replies (the hidden ones aside), all within the 26 weeks
    assert sum(w.topics for w in view.weeks) == 4 and sum(w.replies for w in view.weeks) == 3
    week_of = {w.start: w for w in view.weeks}
    first = clock.today(now - dt.timedelta(days=100))
    assert week_of[first - dt.timedelta(days=first.weekday())].topics == 1


def test_weeks_start_on_monday_at_midnight_in_italy(graph, world):
    """A topic opened at 00:30 on a Monday in Italy is Sunday evening in UTC: it is that Monday's
    week's, and one opened a minute before midnight on the Sunday is the week before's."""
    now = dt.datetime.now(dt.UTC)
    today = clock.today(now)
    monday = today - dt.timedelta(days=today.weekday() + 7)  # last week's
    weeks = (monday - dt.timedelta(weeks=1), monday)
    before = {w.start: w.topics for w in service.weekly_activity(graph, "com-anziani", now)}
    midnight = dt.datetime.combine(monday, dt.time(), tzinfo=clock.ITALY)
    for title, at in (("Lunedì appena iniziato", midnight + dt.timedelta(minutes=30)),
                      ("Domenica sera", midnight - dt.timedelta(minutes=1))):
        assert at.astimezone(dt.UTC).date() == monday - dt.timedelta(days=1)  # both on Sunday in UTC
        graph.write(WRITE_TOPIC.replace("datetime() - duration({days: $days})", "datetime($at)"),
                    community="com-anziani", author=world["people"]["carla"].id, id=str(uuid.uuid4()),
                    title=title, hidden=False, days=0, at=at.astimezone(dt.UTC).isoformat())  # as the forum stores it
    after = {w.start: w.topics for w in service.weekly_activity(graph, "com-anziani", now)}
    assert [after[w] - before[w] for w in weeks] == [1, 1]


def test_invite_suggestions_exclude_members_removed_and_invited_people_and_carry_reasons(graph, world):
    view = service.cockpit(graph, world["people"]["fac"], SLUG)
    names = [i.name for i in view.invitees]
    assert names[0] == "Dario Vicino"  # same activity, same competency, same region as the members
    assert "Elena Lontana" in names  # a competency common among the members' organisations
    for excluded in ("Anna Antica", "Bruno Muto", "Carla Attiva", "Franca Facilitatrice", "Rita Rimossa",
                     "Ivo Invitato", "Sandro Sportivo", "Otto Esterno"):
        assert excluded not in names
    dario = view.invitees[0]
    reasons = {(r.kind, r.label, r.count) for r in dario.reasons}
    assert ("activity", "a) interventi e servizi sociali", 0) in reasons
    assert ("competency", "gestione e formazione dei volontari", 0) in reasons
    assert ("region", "Piemonte", 4) in reasons
    elena = next(i for i in view.invitees if i.name == "Elena Lontana")
    assert [(r.kind, r.label) for r in elena.reasons] == [
        ("competency", "accompagnamento e cura delle persone anziane")]


def test_the_page_shows_every_section_with_an_accessible_chart(client, world):
    login(client, world["people"]["fac"])
    page = client.get(f"/comunita/{SLUG}/cruscotto").get_data(as_text=True)
    assert "Chi conosce un buon corso OSS?" in page and "20 giorni" in page
    assert f'href="/comunita/{SLUG}/moderazione"' in page and 'id="summary-flags">2<' in page
    assert "Anna Antica" in page and "Bruno Muto" in page and "Il Ponte" in page
    assert 'role="img"' in page and 'aria-labelledby="activity-chart-title activity-chart-desc"' in page
    assert page.count("<tr data-week=") == 26  # the data table alternative
    assert "<script" not in page.split('id="cockpit"')[1].split("</main>")[0]
    assert "opera in: a) interventi e servizi sociali" in page
    assert "competenza: gestione e formazione dei volontari" in page
    assert "stessa regione di 4 membri (Piemonte)" in page


def test_a_hostile_topic_title_stays_escaped_in_the_cockpit(graph, client, world):
    topic(graph, "com-anziani", world["people"]["carla"], 30, title='<script>alert("x")</script>')
    login(client, world["people"]["fac"])
    page = client.get(f"/comunita/{SLUG}/cruscotto").get_data(as_text=True)
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page


def test_invite_from_the_cockpit_uses_the_forums_invitation(graph, client, world):
    login(client, world["people"]["fac"])
    dario = world["people"]["dario"]
    response = client.post(f"/comunita/{SLUG}/cruscotto/invita", data={"person": dario.id})
    assert response.status_code == 302 and response.headers["Location"].endswith("/cruscotto#da-invitare")
    assert graph.read("MATCH (:Person {id: $p})-[i:INVITED]->(:Community {id: 'com-anziani'}) RETURN count(i) AS n",
                      p=dario.id)[0]["n"] == 1
    assert "Dario Vicino" not in [i.name for i in service.cockpit(graph, world["people"]["fac"], SLUG).invitees]


def test_members_cannot_invite_from_the_cockpit(client, world):
    login(client, world["people"]["carla"])
    response = client.post(f"/comunita/{SLUG}/cruscotto/invita", data={"person": world["people"]["dario"].id})
    assert response.status_code == 403
