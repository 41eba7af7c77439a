"""`mentore digests send` on the real graph: one mail per person with all their kinds, nothing the
second time, `none` never mailed, daily and weekly due times, the dry run, a refused mail, and the
retention rule for old read notifications."""

import datetime as dt

import pytest

from mentore import create_app
from mentore.cli import cli
from mentore.reference.vocabularies import N_, Message
from mentore.services import notifications as service
from tests.conftest import app_config
from tests.integration.test_organisations import person

BASE = "https://mentore.example.it"
T0 = dt.datetime.now(dt.UTC)


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, MAIL_BASE_URL=BASE + "/"))


@pytest.fixture()
def people(graph):
    maria = person(graph, name="Maria Rossi", email="maria@example.it")
    luca = person(graph, name="Luca Bianchi", email="luca@example.it")
    anna = person(graph, name="Anna Verdi", email="anna@example.it")
    return maria, luca, anna


def outbox(app):
    return app.extensions.get("mail_outbox", [])


def run(app, *args):
    result = app.test_cli_runner().invoke(cli, args=["digests", "send", *args])
    return result


def say(graph, kind, who, title, actor, url="/comunita/inclusione/discussioni/t-1"):
    return service.notify(graph, kind, [p.id for p in who], actor=actor, title=title, url=url)


def state(graph):
    """Everything a digest run may change."""
    return graph.read("""
        MATCH (p:Person) OPTIONAL MATCH (n:Notification)-[:FOR]->(p)
        WITH p, n ORDER BY n.title
        RETURN p.email AS email, toString(p.digest_sent_at) AS sent,
               collect([n.title, toString(n.digested_at), toString(n.read_at)]) AS notifications
        ORDER BY email""")


def set_digest(graph, who, digest=None, sent_at=None):
    graph.write("MATCH (p:Person {id: $id}) SET p.digest = $digest, p.digest_sent_at = datetime($sent)",
                id=who.id, digest=digest, sent=sent_at.isoformat() if sent_at else None)


def test_digest_sends_exactly_one_mail_per_person_with_all_their_kinds_then_nothing(app, graph, people):
    maria, luca, anna = people
    say(graph, "reply", [luca], "Maria ha risposto alla tua discussione «Trasporto disabili»", maria)
    say(graph, "mention", [luca, anna], "Maria ti ha menzionato in «Trasporto disabili»", maria)
    say(graph, "new_topic", [luca], "Nuova discussione in Inclusione sociale: «Pulmini»", maria)

    result = run(app)

    assert result.exit_code == 0, result.output
    assert "2 riepiloghi inviati (4 notifiche), 1 persona senza novità" in result.output
    mails = {m.to: m for m in outbox(app)}
    assert sorted(mails) == ["anna@example.it", "luca@example.it"]
    body = mails["luca@example.it"].body
    assert mails["luca@example.it"].subject == "Mentore: 3 novità dal tuo ultimo riepilogo"
    for heading in ("Risposte alle tue discussioni (1)", "Ti hanno menzionato (1)",
                    "Nuove discussioni nelle comunità che segui (1)"):
        assert heading in body
    assert f"{BASE}/comunita/inclusione/discussioni/t-1" in body and f"{BASE}/notifiche/preferenze" in body
    assert "Maria Rossi: Maria ha risposto" in body
    assert all(n[1] for row in state(graph) if row["email"] != "maria@example.it" for n in row["notifications"])
    assert graph.read("MATCH (p:Person {id: $id}) RETURN p.digest_sent_at IS NOT NULL AS sent", id=luca.id)[0]["sent"]

    again = run(app)
    assert again.exit_code == 0 and "0 riepiloghi inviati" in again.output
    assert len(outbox(app)) == 2


def test_people_who_chose_none_are_never_mailed_and_read_notifications_are_not_mailed(app, graph, people):
    maria, luca, anna = people
    set_digest(graph, luca, "none")
    say(graph, "reply", [luca, anna], "Una risposta", maria)
    graph.write("MATCH (n:Notification)-[:FOR]->(:Person {id: $id}) SET n.read_at = datetime()", id=anna.id)

    result = run(app, "--frequency", "all")

    assert result.exit_code == 0, result.output
    assert outbox(app) == [] and "0 riepiloghi inviati" in result.output
    assert "2 persone senza novità" in result.output  # Anna (already read) and Maria; Luca is not due at all


def test_the_frequency_option_sends_only_the_digests_asked_for(app, graph, people):
    maria, luca, anna = people
    set_digest(graph, luca, "daily")
    say(graph, "reply", [luca, anna], "Una risposta", maria)  # Anna: weekly by default

    assert "1 riepilogo inviato" in run(app, "--frequency", "daily").output
    assert [m.to for m in outbox(app)] == ["luca@example.it"]
    assert "1 riepilogo inviato" in run(app, "--frequency", "weekly").output
    assert [m.to for m in outbox(app)] == ["luca@example.it", "anna@example.it"]


def test_daily_and_weekly_digests_are_due_once_per_period(graph, people):
    maria, luca, anna = people
    set_digest(graph, luca, "daily", T0)
    set_digest(graph, anna, "weekly", T0)
    sent = []

    def digests_at(moment):
        say(graph, "reply", [luca, anna], f"Risposta {moment.isoformat()}", maria)
        sent.clear()
        service.send_digests(graph, send=lambda d: sent.append(d.email) or True, now=moment)
        return sorted(sent)

    assert digests_at(T0 + dt.timedelta(hours=20)) == []
    assert digests_at(T0 + dt.timedelta(days=1)) == ["luca@example.it"]
    assert digests_at(T0 + dt.timedelta(days=1, hours=20)) == []
    assert digests_at(T0 + dt.timedelta(days=6)) == ["luca@example.it"]
    assert digests_at(T0 + dt.timedelta(days=7)) == ["anna@example.it", "luca@example.it"]
    # Anna's week-long mail carries every notification of the week, each once
    digest = []
    set_digest(graph, anna, "weekly", T0)
    graph.write("MATCH (n:Notification) REMOVE n.digested_at")
    service.send_digests(graph, send=lambda d: digest.append(d) or True, now=T0 + dt.timedelta(days=7),
                         frequencies=("weekly",))
    assert [len(d.items) for d in digest] == [5]


def test_a_dry_run_sends_nothing_and_changes_nothing(app, graph, people):
    maria, luca, anna = people
    say(graph, "solution", [luca, anna], "La tua risposta è la soluzione", maria)
    graph.write("MATCH (p:Person {id: $id}) CREATE (:Notification {id: 'old', kind: 'reply', title: 'Vecchia', "
                "url: '/', created_at: datetime() - duration({days: 400}), "
                "read_at: datetime() - duration({days: 390})})-[:FOR]->(p)", id=luca.id)
    before = state(graph)

    result = run(app, "--dry-run")

    assert result.exit_code == 0, result.output
    assert "2 riepiloghi da inviare" in result.output and "nessuna e-mail inviata" in result.output
    assert "  luca@example.it: 1 notifica" in result.output
    assert outbox(app) == [] and state(graph) == before


def test_a_refused_mail_leaves_the_notifications_for_the_next_run(app, graph, people, monkeypatch):
    maria, luca, anna = people
    say(graph, "moderation", [luca], "Un facilitatore ha nascosto un tuo messaggio", maria)
    say(graph, "membership", [anna], "La tua richiesta di iscrizione è stata accettata", maria)
    monkeypatch.setattr("mentore.notifications.cli.send_mail",
                        lambda to, subject, body: to != "luca@example.it")  # Luca's mail server refuses

    result = run(app)

    assert result.exit_code == 1
    assert "1 riepilogo inviato" in result.output and "1 invio fallito" in result.output
    assert "luca@example.it" in result.output
    luca_state = next(r for r in state(graph) if r["email"] == "luca@example.it")
    assert luca_state["sent"] is None and luca_state["notifications"][0][1] is None

    monkeypatch.undo()
    retried = run(app)
    assert retried.exit_code == 0 and "1 riepilogo inviato" in retried.output
    [mail] = outbox(app)
    assert mail.to == "luca@example.it" and "Moderazione (1)" in mail.body


def test_each_run_deletes_notifications_read_more_than_180_days_ago(app, graph, people):
    maria, luca, anna = people
    graph.write("""
        MATCH (p:Person {id: $id})
        CREATE (:Notification {id: 'old-read', kind: 'reply', title: 'a', url: '/', created_at: datetime(),
                               read_at: datetime() - duration({days: 181})})-[:FOR]->(p)
        CREATE (:Notification {id: 'recent-read', kind: 'reply', title: 'b', url: '/', created_at: datetime(),
                               read_at: datetime() - duration({days: 30})})-[:FOR]->(p)
        CREATE (:Notification {id: 'old-unread', kind: 'reply', title: 'c', url: '/',
                               created_at: datetime() - duration({days: 400}), digested_at: datetime()})-[:FOR]->(p)
        """, id=luca.id)

    result = run(app)

    assert result.exit_code == 0 and "1 notifica letta eliminata" in result.output
    left = graph.read("MATCH (n:Notification) RETURN n.id AS id ORDER BY id")
    assert [r["id"] for r in left] == ["old-unread", "recent-read"]


def test_each_person_reads_the_digest_in_their_own_language(app, graph, people):
    maria, luca, anna = people
    graph.write("MATCH (p:Person {id: $id}) SET p.locale = 'en'", id=luca.id)
    say(graph, "reply", [luca, anna], Message(N_("%(actor)s ha risposto a «%(topic)s»"), actor=maria.name,
                                              topic="Trasporto disabili"), maria)

    assert run(app).exit_code == 0
    mails = {m.to: m for m in outbox(app)}
    english, italian = mails["luca@example.it"], mails["anna@example.it"]
    assert english.subject == "Mentore: 1 update since your last digest"
    assert english.body.startswith("Hello Luca Bianchi,\n\nhere is your weekly Mentore digest: 1 update.")
    assert "Replies to your discussions (1)" in english.body
    assert "- Maria Rossi replied to “Trasporto disabili”" in english.body
    assert "once a week" in english.body and "novità" not in english.body
    assert italian.subject == "Mentore: 1 novità dal tuo ultimo riepilogo"
    assert "- Maria Rossi ha risposto a «Trasporto disabili»" in italian.body
    assert "Risposte alle tue discussioni (1)" in italian.body
