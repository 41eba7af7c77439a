"""The needs and matching figures for reports (/admin/bisogni), on the real graph with the real
default model: what became of the needs posted in a period, in a region or all Italy, on the
page and as a spreadsheet file; only platform admins see them; a wrong period is said and kept."""

import csv
import datetime as dt
import io
import re

from graph.repositories import organisations as organisations_repo
from mentore import clock, jobs
from mentore.services import reports, suggestions
from tests.integration.test_admin import admin, app  # noqa: F401  (the fixtures: a platform admin's client)
from tests.integration.test_needs_web import post_need
from tests.integration.test_offers import FAR_ADVICE, fields, giulia  # noqa: F401  (the giulia fixture)
from tests.integration.test_organisations import login, seed
from tests.integration.test_suggestions_web import computed_need, people, suggestion_of  # noqa: F401


def figures(page: str) -> dict[str, str]:
    return dict(re.findall(r'<tr data-figure="([^"]+)"><th scope="row"[^>]*>[^<]*</th><td>([^<]*)</td>', page))


def test_the_report_says_what_became_of_the_needs_of_a_period(graph, app, client, people, giulia, admin,  # noqa: F811
                                                              monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    biella = computed_need(app, client, maria)  # Piemonte
    palermo = computed_need(app, client, maria, **FAR_ADVICE)  # Sicilia
    post_need(client, title="Una bozza", publish=None, save_draft="1")  # not posted: not counted
    old = computed_need(app, client, maria, title="Un bisogno di due anni fa")
    graph.write("MATCH (n:Need {id: $id}) WITH n, datetime() - duration({days: 730}) AS then "
                "SET n.created_at = then, n.published_at = then", id=old)

    spesa = suggestion_of(graph, biella, "org-spesa")
    member = app.test_client()
    login(member, luca)
    member.post(f"/organizzazioni/org-spesa/suggerimenti/{spesa}/risposta",
                data={f"answer-{spesa}-availability": "yes", f"answer-{spesa}-answer": "Ci siamo."})
    client.post(f"/bisogni/{biella}/suggerimenti/{spesa}", data={"decision": "accept"})
    other = next(r["id"] for r in graph.read(
        "MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE o.id <> 'org-spesa' RETURN s.id AS id",
        n=biella))
    client.post(f"/bisogni/{biella}/suggerimenti/{other}",
                data={"decision": "decline", f"decline-{other}-reason": "too_far"})
    helper = app.test_client()
    login(helper, giulia)
    helper.post(f"/bisogni/{palermo}/offerta", data=fields(organisation="org-calcio", availability="partly"))
    seed(graph, [{"id": "org-lecce", "name": "Volontari Salentini ODV", "activities": ["a"], "seat": "comune:075035"}])
    organisations_repo.add_member(graph, luca.id, "org-lecce", "member")
    asked = client.post(f"/api/v1/needs/{palermo}/requests", json={"organisation": "org-lecce"}).get_json()["id"]
    member.post(f"/organizzazioni/org-lecce/suggerimenti/{asked}/risposta",
                data={f"answer-{asked}-availability": "partly", f"answer-{asked}-answer": "Solo al telefono."})
    seed(graph, [{"id": "org-catania", "name": "Mani Aperte Catania ODV", "activities": ["a"],
                  "seat": "comune:087015"}])
    taken_back = client.post(f"/api/v1/needs/{palermo}/requests", json={"organisation": "org-catania"}).get_json()
    assert client.post(f"/bisogni/{palermo}/suggerimenti/{taken_back['id']}",
                       data={"decision": "withdraw"}).status_code == 302
    jobs.jobs_of(app).drain()  # the refreshes the decline, the offer and the request queued: another proposed, reasons
    made = graph.read("MATCH (n:Need)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE n.id IN $ids "
                      "RETURN o.id AS o, coalesce(s.offered, false) OR coalesce(s.invited, false) AS outside",
                      ids=[biella, palermo])
    suggested = [r["o"] for r in made if not r["outside"]]

    page = admin.get("/admin/bisogni").get_data(as_text=True)  # the last year, all Italy
    shown = figures(page)
    assert shown["needs"] == "2"  # neither the draft nor the need of two years ago
    assert shown["with_suggestions"] == "2" and shown["with_positive_answer"] == "2" and shown["with_accepted"] == "1"
    assert shown["suggestions"] == str(len(suggested)) and shown["answered"] == "1" and shown["positive"] == "1"
    assert shown["offers"] == "1" and shown["offers_accepted"] == "0"
    assert shown["requests"] == "2" and shown["requests_answered"] == "1" and shown["requests_positive"] == "1"
    assert shown["requests_accepted"] == "0" and shown["organisations_asked"] == "2"
    assert shown["requests_withdrawn"] == "1"  # withdrawn before an answer: not a refusal of the organisation
    assert shown["accepted"] == "1" and shown["withdrawn"] == "0"  # it said yes and still does
    assert shown["met_with_help"] == "0" and shown["helpers"] == "0" and shown["claims_pending"] == "0"
    assert shown["declined"] == "1" and shown["declined-too_far"] == "1" and "declined-withdrawn" not in shown
    assert shown["organisations_suggested"] == str(len(set(suggested))) and shown["organisations_offered"] == "1"
    assert shown["organisations_chosen"] == "1" and shown["organisations_answered"] == "1"
    assert shown["status-open"] == "1" and shown["status-matched"] == "1" and shown["status-met"] == "0"
    assert shown["days_to_answer"] == "0.0" and shown["days_to_accept"] == "0.0"  # all today
    regions = dict(re.findall(r'<tr data-region="([^"]*)"><th scope="row">[^<]+</th><td>(\d+)</td>', page))
    assert regions == {"regione:01": "1", "regione:19": "1"}

    piemonte = figures(admin.get("/admin/bisogni?regione=regione:01").get_data(as_text=True))
    assert piemonte["needs"] == "1" and piemonte["offers"] == "0" and piemonte["with_accepted"] == "1"
    assert piemonte["requests"] == "0"  # the request was for the need of Palermo
    everything = figures(admin.get("/admin/bisogni?dal=2020-01-01").get_data(as_text=True))
    assert everything["needs"] == "3"  # the need of two years ago too

    sheet = admin.get("/admin/bisogni.csv?regione=regione:19")
    assert sheet.mimetype == "text/csv" and "attachment" in sheet.headers["Content-Disposition"]
    text = sheet.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(text[1:]), delimiter=";") if r}
    assert rows["di cui poi non hanno più potuto aiutare"] == ["0"]
    assert rows["Richieste di aiuto a organizzazioni non suggerite, da chi ha pubblicato il bisogno"] == ["2"]
    assert rows["di cui ritirate prima di una risposta"] == ["1"]
    assert rows["Rifiutate da chi ha pubblicato il bisogno (richieste ritirate escluse)"] == ["0"]  # in Sicilia
    assert rows["Bisogni pubblicati"] == ["1"] and rows["Proposte di organizzazioni non suggerite (una per "
                                                        "bisogno)"] == ["1"]
    assert rows["Bisogni e abbinamenti in cifre"][-1] == "Sicilia" and rows["Sicilia"] == ["1", "1", "0", "0"]


def test_a_wrong_period_is_said_and_kept_and_only_admins_see_the_report(graph, app, client, people, admin):  # noqa: F811
    bad = admin.get("/admin/bisogni?dal=2026-13-01&al=2026-02-01&regione=provincia:096")
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Data non valida: scrivila come 2026-01-31." in page
    assert "Regione sconosciuta." in page and 'value="2026-13-01"' in page  # the input is kept
    assert 'id="report-needs"' not in page
    backwards = admin.get("/admin/bisogni?dal=2026-03-01&al=2026-02-01").get_data(as_text=True)
    assert "L&#39;inizio del periodo viene dopo la fine." in backwards or \
        "L'inizio del periodo viene dopo la fine." in backwards
    assert admin.get("/admin/bisogni.csv?dal=nope").status_code == 302  # back to the page, which says why
    empty = admin.get("/admin/bisogni").get_data(as_text=True)
    assert 'id="report-empty"' in empty and 'id="need-report-link"' in admin.get("/admin/").get_data(as_text=True)
    login(client, people[0])
    assert client.get("/admin/bisogni").status_code == 403 and client.get("/admin/bisogni.csv").status_code == 403


def test_a_draft_published_later_counts_from_its_publication(graph, app, client, people, admin):  # noqa: F811
    maria, _ = people
    login(client, maria)
    draft = post_need(client, publish=None, save_draft="1")
    graph.write("MATCH (n:Need {id: $id}) SET n.created_at = datetime() - duration({days: 400})", id=draft)
    assert client.get(f"/api/v1/needs/{draft}").get_json()["published_at"] is None
    assert "Bozza creata il" in client.get(f"/bisogni/{draft}").get_data(as_text=True)
    assert 'id="report-empty"' in admin.get("/admin/bisogni").get_data(as_text=True)  # a draft is not counted

    client.post(f"/bisogni/{draft}/stato", data={"status": "open"})
    need = client.get(f"/api/v1/needs/{draft}").get_json()
    assert need["published_at"][:10] == graph.read("RETURN toString(date()) AS d")[0]["d"]  # today, not 400 days ago
    assert need["created_at"][:10] != need["published_at"][:10]
    assert 'id="published-at"' in client.get(f"/bisogni/{draft}").get_data(as_text=True)
    assert figures(admin.get("/admin/bisogni").get_data(as_text=True))["needs"] == "1"  # in the last year
    client.post(f"/bisogni/{draft}/stato", data={"status": "closed"})  # another move keeps the first publication
    assert client.get(f"/api/v1/needs/{draft}").get_json()["published_at"] == need["published_at"]

    posted = post_need(client, title="Pubblicato subito")
    assert client.get(f"/api/v1/needs/{posted}").get_json()["published_at"]  # posted at once: published then


# ----------------------------------------------------------------------------- what is counted, on written data

# Needs and their suggestions as an import (or a graph of years) holds them: published `age` days
# ago, in a comune or nowhere, with the organisations named as helpers and the suggestions' answers
# and decisions dated `to_answer` and `to_accept` days after the publication (none: undated).
WRITE_NEEDS = """
MERGE (p:Organisation {id: 'org-poster'})
WITH p
UNWIND $needs AS row
CREATE (p)-[:POSTED]->(n:Need {id: row.id, status: row.status, created_at: datetime() - duration({days: 900}),
                               published_at: datetime() - duration({days: row.age})})
WITH n, row
CALL (n, row) {
  MATCH (t:Territory {id: row.territory})
  CREATE (n)-[:IN]->(t)
}
CALL (n, row) {
  UNWIND row.helpers AS helper
  MERGE (o:Organisation {id: helper})
  CREATE (n)-[m:MET_WITH]->(o)
  SET m.confirmed_by = CASE WHEN helper IN row.confirmed THEN 'someone' END
}
CALL (n, row) {
  UNWIND row.claims AS claimed
  MERGE (o:Organisation {id: claimed})
  CREATE (n)-[:HELP_CLAIMED]->(o)
}
CALL (n, row) {
  UNWIND row.declined AS declined
  MERGE (o:Organisation {id: declined})
  CREATE (n)-[:HELP_DECLINED]->(o)
}
CALL (n, row) {
  UNWIND row.suggestions AS s
  MERGE (o:Organisation {id: s.organisation})
  CREATE (n)<-[:FOR]-(:Suggestion {
    id: row.id + '-' + s.organisation, status: s.status, availability: s.availability, offered: s.offered,
    decline_reason: s.reason,
    answered_at: CASE WHEN s.to_answer IS NOT NULL THEN n.published_at + duration({days: s.to_answer}) END,
    decided_at: CASE WHEN s.to_accept IS NOT NULL THEN n.published_at + duration({days: s.to_accept}) END
  })-[:PROPOSES]->(o)
}
"""
BIELLA = "comune:096004"  # Piemonte


def need(need_id, status, suggestions=(), territory=BIELLA, helpers=(), age=10, confirmed=(), claims=(), declined=()):
    """``confirmed``: those of ``helpers`` named from the directory, that confirmed it; ``claims``
    and ``declined``: those of the directory named that did not answer yet, that said no."""
    return {"id": need_id, "status": status, "territory": territory, "helpers": list(helpers), "age": age,
            "suggestions": list(suggestions), "confirmed": list(confirmed), "claims": list(claims),
            "declined": list(declined)}


def s(organisation, status="proposed", availability=None, offered=False, reason=None, to_answer=None, to_accept=None):
    return {"organisation": organisation, "status": status, "availability": availability, "offered": offered,
            "reason": reason, "to_answer": to_answer, "to_accept": to_accept}


def figures_of(graph, needs, region=None):
    graph.write(WRITE_NEEDS, needs=needs)
    today = clock.today()
    return reports.need_figures(graph, reports.Period(today - dt.timedelta(days=365), today, region))


def test_the_figures_count_each_need_once_and_each_suggestion_where_it_belongs(graph):
    f = figures_of(graph, [
        need("a", "matched", [s("x", "accepted", "yes", to_answer=2, to_accept=3),
                              s("y", "declined", reason="other: già sentiti"),
                              s("z", availability="yes", to_answer=5)]),
        need("b", "open", [s("x", availability="no"), s("w", availability="partly", offered=True, to_answer=6)],
             territory=None),
        need("c", "met"),
        need("old", "met", [s("x", "accepted", "yes", to_answer=1, to_accept=1)], age=400),  # before the period
    ])
    assert (f.needs, f.with_suggestions, f.with_positive_answer, f.with_accepted) == (3, 2, 2, 1)
    assert (f.suggestions, f.answered, f.positive, f.offers, f.accepted, f.declined) == (4, 3, 2, 1, 1, 1)
    assert f.decline_reasons == {"other": 1}
    assert (f.organisations_suggested, f.organisations_answered, f.organisations_offered,
            f.organisations_chosen) == (3, 2, 1, 1)
    assert f.days_to_answer == 4.0 and f.days_to_accept == 3  # medians of 2 (a's first) and 6; of 3
    assert f.by_status["matched"] == 1 and f.by_status["met"] == 1 and "draft" not in f.by_status
    assert f.regions == [
        {"region": "regione:01", "name": "Piemonte", "needs": 2, "with_positive_answer": 1, "with_accepted": 1,
         "met": 1},
        {"region": None, "name": "", "needs": 1, "with_positive_answer": 1, "with_accepted": 0, "met": 0}]

    today = clock.today()
    piemonte = reports.need_figures(graph, reports.Period(today - dt.timedelta(days=365), today, "regione:01"))
    assert (piemonte.needs, piemonte.suggestions, piemonte.offers, piemonte.organisations_suggested) == (2, 3, 0, 3)
    assert [r["region"] for r in piemonte.regions] == ["regione:01"]


def test_an_organisation_chosen_that_could_no_longer_help_is_counted_as_chosen_and_as_withdrawn(graph):
    f = figures_of(graph, [
        need("a", "open", [s("x", "accepted", "no", to_accept=2), s("y", "accepted", "yes", to_answer=1, to_accept=2),
                           s("z", "proposed", "no")]),
        need("b", "matched", [s("x", "accepted", "partly", to_answer=1, to_accept=2)])])
    assert (f.accepted, f.withdrawn, f.organisations_chosen) == (3, 1, 2)  # z's "no" came before any choice


def test_needs_met_with_help_are_those_met_whose_poster_named_who_helped(graph):
    f = figures_of(graph, [need(f"n{i}", status, helpers=helpers) for i, (status, helpers) in enumerate([
        ("met", ["h1", "h2"]), ("met", []), ("closed", ["h1"]), ("met", ["h3"])])])
    assert (f.needs, f.met_with_help) == (4, 2)


def test_the_organisations_named_as_helpers_are_counted_with_those_of_the_directory_asked_to_confirm(graph):
    f = figures_of(graph, [
        need("a", "met", helpers=["h1", "h2"], confirmed=["h2"], claims=["c1", "c2"], declined=["d1"]),
        need("b", "met", helpers=["h1"], declined=["d1", "d2"]),
        need("c", "met", claims=["c1"]),
        need("old", "met", helpers=["h3"], confirmed=["h3"], claims=["c3"], declined=["d3"], age=400)])
    assert (f.met_with_help, f.helpers, f.helpers_confirmed, f.claims_pending, f.claims_declined) == (2, 3, 1, 3, 3)


def test_a_choice_or_an_answer_without_a_date_is_left_out_of_the_days_not_a_failure(graph):
    f = figures_of(graph, [
        need("a", "matched", [s("x", "accepted", "yes"), s("y", "accepted", "partly", to_answer=4, to_accept=6)]),
        need("b", "matched", [s("x", "accepted", "yes")])])
    assert (f.days_to_answer, f.days_to_accept, f.with_accepted, f.accepted) == (4, 6, 2, 3)


def test_a_period_s_days_are_italy_s_a_need_published_late_in_the_evening_in_utc_counts_for_the_next_day(graph):
    """Instants are stored in UTC: published at 23:30 UTC on 30 November (in winter, 00:30 on
    1 December in Italy), a need is of December's report, not of November's."""
    graph.write(WRITE_NEEDS, needs=[need("late", "open"), need("early", "open")])
    graph.write("MATCH (n:Need {id: 'late'}) SET n.published_at = datetime('2026-11-30T23:30:00Z')")
    graph.write("MATCH (n:Need {id: 'early'}) SET n.published_at = datetime('2026-11-30T22:30:00Z')")
    november = reports.need_figures(graph, reports.Period(dt.date(2026, 11, 1), dt.date(2026, 11, 30), None))
    december = reports.need_figures(graph, reports.Period(dt.date(2026, 12, 1), dt.date(2026, 12, 31), None))
    assert (november.needs, december.needs) == (1, 1)
