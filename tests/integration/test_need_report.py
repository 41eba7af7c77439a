"""The needs and matching figures for reports (/admin/bisogni), on the real graph with the real
default model: what became of the needs posted in a period, in a region or all Italy, on the
page and as a spreadsheet file; only platform admins see them; a wrong period is said and kept."""

import csv
import io
import re

from mentore import jobs
from mentore.services import suggestions
from tests.integration.test_admin import admin, app  # noqa: F401  (the fixtures: a platform admin's client)
from tests.integration.test_needs_web import post_need
from tests.integration.test_offers import FAR_ADVICE, fields, giulia  # noqa: F401  (the giulia fixture)
from tests.integration.test_organisations import login
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
    jobs.jobs_of(app).drain()  # the refreshes the decline and the offer queued: another proposed, reasons
    made = graph.read("MATCH (n:Need)<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(o) WHERE n.id IN $ids "
                      "RETURN o.id AS o, coalesce(s.offered, false) AS offered", ids=[biella, palermo])
    suggested = [r["o"] for r in made if not r["offered"]]

    page = admin.get("/admin/bisogni").get_data(as_text=True)  # the last year, all Italy
    shown = figures(page)
    assert shown["needs"] == "2"  # neither the draft nor the need of two years ago
    assert shown["with_suggestions"] == "2" and shown["with_positive_answer"] == "2" and shown["with_accepted"] == "1"
    assert shown["suggestions"] == str(len(suggested)) and shown["answered"] == "1" and shown["positive"] == "1"
    assert shown["offers"] == "1" and shown["offers_accepted"] == "0"
    assert shown["accepted"] == "1" and shown["withdrawn"] == "0"  # it said yes and still does
    assert shown["met_with_help"] == "0"
    assert shown["declined"] == "1" and shown["declined-too_far"] == "1"
    assert shown["organisations_suggested"] == str(len(set(suggested))) and shown["organisations_offered"] == "1"
    assert shown["organisations_chosen"] == "1" and shown["organisations_answered"] == "1"
    assert shown["status-open"] == "1" and shown["status-matched"] == "1" and shown["status-met"] == "0"
    assert shown["days_to_answer"] == "0.0" and shown["days_to_accept"] == "0.0"  # all today
    regions = dict(re.findall(r'<tr data-region="([^"]*)"><th scope="row">[^<]+</th><td>(\d+)</td>', page))
    assert regions == {"regione:01": "1", "regione:19": "1"}

    piemonte = figures(admin.get("/admin/bisogni?regione=regione:01").get_data(as_text=True))
    assert piemonte["needs"] == "1" and piemonte["offers"] == "0" and piemonte["with_accepted"] == "1"
    everything = figures(admin.get("/admin/bisogni?dal=2020-01-01").get_data(as_text=True))
    assert everything["needs"] == "3"  # the need of two years ago too

    sheet = admin.get("/admin/bisogni.csv?regione=regione:19")
    assert sheet.mimetype == "text/csv" and "attachment" in sheet.headers["Content-Disposition"]
    text = sheet.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = {r[0]: r[1:] for r in csv.reader(io.StringIO(text[1:]), delimiter=";") if r}
    assert rows["di cui poi non hanno più potuto aiutare"] == ["0"]
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
