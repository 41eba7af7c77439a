"""Offering to help unasked, on the real graph with the real default model: an organisation the
matcher did not suggest offers to help with a need it can see, from the need page or the API; the
poster is told, reads the offer among the suggestions with the reasons the refresh finds for it,
and decides on it as on any other; what the poster decides teaches the ranker."""

import html
import re

import pytest

from graph.repositories import organisations as organisations_repo
from mentore import clock, create_app, jobs
from mentore.services import matching, suggestions
from tests.conftest import app_config
from tests.integration.test_needs_web import NEED, post_need
from tests.integration.test_organisations import login, person, seed
from tests.integration.test_suggestions_web import (  # noqa: F401  (the people fixture)
    computed_need,
    notification_titles,
    people,
    suggested_names,
    suggestion_of,
    suggestion_status,
)

OFFER = "Abbiamo tre volontari liberi il mercoledì pomeriggio: possiamo fare le consegne nel centro di Biella."


@pytest.fixture()
def app(neo4j_server, graph):
    return create_app(app_config(neo4j_server, WTF_CSRF_ENABLED=False))


@pytest.fixture()
def giulia(graph, people):  # noqa: F811
    """A member of two organisations the matcher does not suggest (one suggestion per need)."""
    giulia = person(graph, "Giulia Verdi", "giulia@example.it")
    organisations_repo.add_member(graph, giulia.id, "org-compagnia", "member")
    organisations_repo.add_member(graph, giulia.id, "org-calcio", "admin")
    return giulia


def fields(organisation="org-compagnia", availability="yes", answer=OFFER) -> dict[str, str]:
    return {"offer-organisation": organisation, "offer-availability": availability, "offer-answer": answer}


def offers_of(graph, need_id) -> list[dict]:
    return graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion {offered: true})-[:PROPOSES]->(o) "
                      "RETURN o.id AS organisation, s.id AS id, s.status AS status, s.answer AS answer, "
                      "s.availability AS availability, s.score AS score, s.features AS features, s.reasons AS reasons",
                      n=need_id)


def test_an_organisation_not_suggested_offers_to_help_and_the_poster_decides_on_it(graph, app, client, people,  # noqa: F811
                                                                                  giulia, monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 1)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    assert suggested_names(client.get(f"/bisogni/{need_id}").get_data(as_text=True)) == ["Spesa Solidale Biella ODV"]
    assert 'id="offri"' not in client.get(f"/bisogni/{need_id}").get_data(as_text=True)  # the poster's own need

    anonymous = app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Accedi per proporti" in anonymous and f'href="/accedi?next=/bisogni/{need_id}"' in anonymous
    helper = app.test_client()
    login(helper, giulia)
    page = helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    form = page.split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert 'value="org-compagnia"' in form and 'value="org-calcio"' in form  # she chooses for which one
    assert "org-avb" not in form and 'value="no"' not in form  # not the poster; an offer says it can help
    suggested = app.test_client()
    login(suggested, luca)
    own = suggested.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="offer-form"' not in own and "è tra le organizzazioni suggerite per questo bisogno" in own

    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    url = f"/bisogni/{need_id}/offerta"
    response = helper.post(url, data=fields(availability=""))
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "Dite se potete aiutare del tutto o in parte." in text
    assert OFFER in text and 'id="offer-errors"' in text  # the input is kept, the error said
    response = helper.post(url, data=fields(answer="  "))
    assert response.status_code == 422 and "Scrivi come potete aiutare" in response.get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="yes"', response.get_data(as_text=True))  # the choice is kept
    response = helper.post(url, data=fields(answer="x" * 2001))
    assert response.status_code == 422 and "Al massimo 2000 caratteri." in response.get_data(as_text=True)
    assert helper.post(url, data=fields(availability="no")).status_code == 422
    assert helper.post(url, data=fields(organisation="org-spesa")).status_code == 403  # not hers
    assert offers_of(graph, need_id) == [] and queued == []

    response = helper.post(url, data=fields(availability="partly"))
    [offer] = offers_of(graph, need_id)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/bisogni/{need_id}#s-{offer['id']}")
    assert offer["organisation"] == "org-compagnia" and offer["status"] == "proposed"
    assert offer["answer"] == OFFER and offer["availability"] == "partly" and offer["score"] is None
    assert queued == [(jobs.refresh_need, (need_id,))]  # its reasons, in the background
    told = client.get("/notifiche").get_data(as_text=True)
    assert f"Amici degli Anziani APS si offre di aiutare in parte per il bisogno «{NEED['title']}»" in told
    assert OFFER in told

    poster_page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    card = poster_page.split(f'id="s-{offer["id"]}"', 1)[1].split('<li class="card', 1)[0].split("</section>", 1)[0]
    assert "Si è proposta" in card and "la piattaforma sta calcolando perché potrebbe aiutare" in card
    assert OFFER in card and 'value="accept"' in card  # the poster reads it and decides
    public = app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Amici degli Anziani APS" in public and OFFER not in public  # the answer is for the poster
    again = helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert "Amici degli Anziani APS si è proposta per questo bisogno." in again
    assert f'href="/organizzazioni/org-compagnia/suggerimenti/{offer["id"]}">Vedi o modifica la risposta' in again
    assert 'value="org-compagnia"' not in again.split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert 'value="org-calcio"' in again  # her other organisation still may
    response = helper.post(url, data=fields())  # the same again, from a page left open
    assert response.status_code == 302 and len(offers_of(graph, need_id)) == 1
    assert "è già tra le organizzazioni suggerite" in helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert suggested.post(url, data=fields(organisation="org-spesa")).status_code == 302  # suggested: refused
    assert graph.read("MATCH (:Need {id: $n})<-[:FOR]-(s)-[:PROPOSES]->(:Organisation {id: 'org-spesa'}) "
                      "RETURN count(s) AS c", n=need_id)[0]["c"] == 1

    with app.app_context():
        queued[0][0](*queued[0][1])  # the refresh, run here
    [offer] = offers_of(graph, need_id)
    assert offer["score"] is not None and offer["features"] and offer["answer"] == OFFER  # ranked, answer kept
    poster_page = client.get(f"/bisogni/{need_id}").get_data(as_text=True)
    card = poster_page.split(f'id="s-{offer["id"]}"', 1)[1].split('<li class="card', 1)[0].split("</section>", 1)[0]
    assert "Perché potrebbe aiutare" in card and "sta calcolando" not in card
    assert "Stessa attività di interesse generale" in card  # what the matcher finds of it: its activity
    names = suggested_names(poster_page)
    assert set(names) == {"Spesa Solidale Biella ODV", "Amici degli Anziani APS"}  # one suggested, one offer
    listed = app.test_client().get("/bisogni").get_data(as_text=True)  # the lists count offers apart
    assert f'href="/bisogni/{need_id}#suggerimenti">1 organizzazione suggerita, 1 si è proposta</a>' in listed
    item = next(i for i in app.test_client().get("/api/v1/needs").get_json()["items"] if i["id"] == need_id)
    assert item["suggestion_count"] == 1 and item["offer_count"] == 1
    inbox = helper.get("/organizzazioni/org-compagnia/suggerimenti").get_data(as_text=True)
    assert NEED["title"] in inbox and "Vi siete proposti" in inbox and "Perché potreste aiutare" in inbox
    assert "Rispondere «no» ritira la vostra proposta" in html.unescape(inbox)

    client.post(f"/bisogni/{need_id}/suggerimenti/{offer['id']}", data={"decision": "accept"})
    assert suggestion_status(graph, offer["id"]) == "accepted"
    assert graph.read("MATCH (n:Need {id: $n}) RETURN n.status AS s", n=need_id)[0]["s"] == "matched"
    # the poster's choice teaches the ranker, with the features the refresh found
    groups = {g.key: g for g in matching.feedback_groups(graph)}
    assert list(groups[need_id].labels) == [1] and list(groups[need_id].matrix[0]) == offer["features"]

    # chosen, the organisation can still say it no longer can: the poster reads that (it stays
    # chosen, and is set aside as any "no" is: another is proposed in its place); the only one
    # chosen, its need has nobody on it and is open again
    inbox = html.unescape(helper.get("/organizzazioni/org-compagnia/suggerimenti").get_data(as_text=True))
    assert "Se non potete più aiutare, rispondete «no»" in inbox and "ritira la vostra proposta" not in inbox
    assert "il bisogno torna aperto" in inbox
    helper.post(f"/organizzazioni/org-compagnia/suggerimenti/{offer['id']}/risposta",
                data={f"answer-{offer['id']}-availability": "no", f"answer-{offer['id']}-answer": ""})
    assert notification_titles(client.get("/notifiche").get_data(as_text=True))[0] == \
        f"Amici degli Anziani APS non può più aiutare per il bisogno «{NEED['title']}»: " \
        "il bisogno torna aperto e la piattaforma cerca un'altra organizzazione"
    assert suggestion_status(graph, offer["id"]) == "accepted"
    assert graph.read("MATCH (n:Need {id: $n}) RETURN n.status AS s", n=need_id)[0]["s"] == "open"
    card = html.unescape(client.get(f"/bisogni/{need_id}").get_data(as_text=True).split(f'id="s-{offer["id"]}"', 1)[1]
                         .split('<li class="card', 1)[0])
    assert "Amici degli Anziani APS ha detto di non poter più aiutare: il bisogno è tornato tra quelli aperti" in card
    assert "non poter più aiutare" not in app.test_client().get(f"/bisogni/{need_id}").get_data(as_text=True)


def test_an_organisation_withdraws_its_offer_and_the_poster_is_told(graph, app, client, people, giulia,  # noqa: F811
                                                                     monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 1)
    need_id = computed_need(app, client, people[0])
    helper = app.test_client()
    login(helper, giulia)
    helper.post(f"/bisogni/{need_id}/offerta", data=fields(organisation="org-calcio"))
    [offer] = offers_of(graph, need_id)
    response = helper.post(f"/organizzazioni/org-calcio/suggerimenti/{offer['id']}/risposta",
                           data={f"answer-{offer['id']}-availability": "no", f"answer-{offer['id']}-answer": ""})
    assert response.status_code == 302
    assert notification_titles(client.get("/notifiche").get_data(as_text=True))[0] == \
        f"Polisportiva Giovani Torino ritira la sua proposta di aiuto per il bisogno «{NEED['title']}»"
    # withdrawn, it is no longer among the organisations the public sees for the need
    assert "Polisportiva" not in " ".join(suggested_names(app.test_client().get(f"/bisogni/{need_id}")
                                                          .get_data(as_text=True)))


def test_an_offer_is_refused_for_a_need_that_is_not_active_or_not_visible(graph, app, client, people,  # noqa: F811
                                                                         giulia):
    maria, _ = people
    need_id = computed_need(app, client, maria)
    spesa = suggestion_of(graph, need_id, "org-spesa")
    helper = app.test_client()
    login(helper, giulia)
    # an organisation the poster declined is not told so, and cannot offer again
    client.post(f"/bisogni/{need_id}/suggerimenti/{suggestion_of(graph, need_id, 'org-calcio')}",
                data={"decision": "decline", "decline-" + suggestion_of(graph, need_id, "org-calcio") + "-reason":
                      "too_far"})
    jobs.jobs_of(app).drain()  # another proposed in its place
    page = helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'value="org-calcio"' not in page and "org-calcio" not in page.split('id="offri"', 1)[1]
    assert helper.post(f"/bisogni/{need_id}/offerta", data=fields(organisation="org-calcio")).status_code == 302
    assert "è già stata considerata per questo bisogno" in helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert offers_of(graph, need_id) == []

    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "accept"})
    client.post(f"/bisogni/{need_id}/stato", data={"status": "closed"})
    page = helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert 'id="offri"' not in page  # a closed need waits for nobody
    assert helper.post(f"/bisogni/{need_id}/offerta", data=fields()).status_code == 302
    assert "Il bisogno non attende più risposte." in helper.get(f"/bisogni/{need_id}").get_data(as_text=True)
    assert offers_of(graph, need_id) == []

    draft_id = post_need(client, title="Un'altra richiesta, in bozza", publish=None, save_draft="1")
    assert helper.post(f"/bisogni/{draft_id}/offerta", data=fields()).status_code == 404  # a draft is not seen


def test_an_organisation_not_meeting_the_need_s_requirements_is_told_why_and_may_not_offer(
        graph, app, client, people, giulia, monkeypatch):  # noqa: F811
    """The need asks for verified organisations: Giulia's Polisportiva is, the Amici degli Anziani
    are not. The page offers the first and says why not the second; an offer for it is refused
    with that reason (page and API), the input kept; made an admin of it, she is told where to
    give its RUNTS section, or ask for its verification, when that is what it lacks."""
    graph.write("MATCH (o:Organisation) WHERE o.id IN ['org-spesa', 'org-calcio'] SET o.verified = true")
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 1)
    maria, _ = people
    need_id = computed_need(app, client, maria, only_verified="y")
    assert suggested_names(client.get(f"/bisogni/{need_id}").get_data(as_text=True)) == ["Spesa Solidale Biella ODV"]
    helper = app.test_client()
    login(helper, giulia)
    page = html.unescape(helper.get(f"/bisogni/{need_id}").get_data(as_text=True))
    box = page.split('id="offri"', 1)[1].split("</section>", 1)[0]
    form = box.split('id="offer-form"', 1)[1].split("</form>", 1)[0]
    assert 'value="org-calcio"' in form and "org-compagnia" not in form  # only the one that may
    why = ("Chi ha pubblicato il bisogno cerca solo organizzazioni verificate dagli amministratori della piattaforma, "
           "e Amici degli Anziani APS non lo è ancora.")
    assert why in box and "Indica la sezione RUNTS" not in box and "Chiedi la verifica" not in box  # a member

    response = helper.post(f"/bisogni/{need_id}/offerta", data=fields(organisation="org-compagnia"))
    text = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 422 and why in text and OFFER in text  # said, and the input kept
    api = helper.post(f"/api/v1/needs/{need_id}/offers",
                      json={"organisation": "org-compagnia", "availability": "yes", "answer": OFFER})
    assert api.status_code == 422 and api.get_json()["error"]["fields"] == {"organisation": [why]}
    assert offers_of(graph, need_id) == []
    assert helper.post(f"/bisogni/{need_id}/offerta", data=fields(organisation="org-calcio")).status_code == 302
    assert [o["organisation"] for o in offers_of(graph, need_id)] == ["org-calcio"]

    # enrolled in the RUNTS asked too: the Amici are told both; as its admin, where to say the section
    client.patch(f"/api/v1/needs/{need_id}", json={"only_runts": True})
    graph.write("MATCH (:Person {id: $p})-[m:MEMBER_OF]->(:Organisation {id: 'org-compagnia'}) SET m.role = 'admin'",
                p=giulia.id)
    box = html.unescape(helper.get(f"/bisogni/{need_id}").get_data(as_text=True)).split('id="offri"', 1)[1]
    assert why + (" Chi ha pubblicato il bisogno cerca solo enti iscritti al RUNTS, e il profilo di Amici degli "
                  "Anziani APS non indica una sezione del registro.") in box
    assert 'href="/organizzazioni/org-compagnia/modifica#runts_section">Indica la sezione RUNTS nel profilo' in box
    assert ('href="/organizzazioni/org-compagnia#verifica" class="ask-verification">Chiedi la verifica di Amici degli '
            'Anziani APS') in box  # and where to ask for the verification

    # and of the need's province: the Polisportiva, of Turin, may no longer offer
    client.patch(f"/api/v1/needs/{need_id}", json={"only_verified": False, "only_runts": False,
                                                    "helpers_within": "provincia"})
    far = ("Chi ha pubblicato il bisogno cerca solo organizzazioni con sede o attività nel suo territorio (Provincia "
           "di Biella), e Polisportiva Giovani Torino non ne ha lì.")
    graph.write("MATCH (:Need {id: $n})<-[:FOR]-(s) DETACH DELETE s", n=need_id)  # its offer withdrawn
    box = html.unescape(helper.get(f"/bisogni/{need_id}").get_data(as_text=True)).split('id="offri"', 1)[1]
    assert far in box and 'value="org-compagnia"' in box.split("</form>", 1)[0]  # the Amici, of Biella, may
    refused = helper.post(f"/api/v1/needs/{need_id}/offers",
                          json={"organisation": "org-calcio", "availability": "yes", "answer": OFFER})
    assert refused.status_code == 422 and refused.get_json()["error"]["fields"] == {"organisation": [far]}


def test_offers_through_the_api(graph, app, client, people, giulia, monkeypatch):  # noqa: F811
    maria, luca = people
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 1)
    need_id = computed_need(app, client, maria)
    url = f"/api/v1/needs/{need_id}/offers"
    body = {"organisation": "org-compagnia", "availability": "yes", "answer": OFFER}
    assert app.test_client().post(url, json=body).status_code == 401
    helper = app.test_client()
    login(helper, giulia)
    assert helper.post(url, data="yes").status_code == 400  # not JSON
    wrong = helper.post(url, json={**body, "answer": 3})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["fields"] == {"answer": ["Deve essere un testo."]}
    wrong = helper.post(url, json={"organisation": "org-compagnia"})
    assert wrong.status_code == 422 and set(wrong.get_json()["error"]["fields"]) == {"availability", "answer"}
    unsaid = helper.post(url, json={k: v for k, v in body.items() if k != "organisation"})
    assert unsaid.status_code == 422 and unsaid.get_json()["error"]["fields"] == {  # she has two
        "organisation": ["Scegli per quale organizzazione vi proponete."]}
    own = client.post(url, json={k: v for k, v in body.items() if k != "organisation"})  # Maria's only one
    assert own.status_code == 422 and own.get_json()["error"]["fields"] == {
        "organisation": ["È l'organizzazione che ha pubblicato il bisogno."]}
    assert helper.post(url, json={**body, "organisation": "org-spesa"}).status_code == 403
    assert helper.post("/api/v1/needs/nope/offers", json=body).status_code == 404

    queued = []
    monkeypatch.setattr(jobs, "submit", lambda fn, *args, **_: queued.append((fn, args)))
    response = helper.post(url, json={**body, "answer": "Ci siamo.\r\nChiamateci."})
    assert response.status_code == 201 and queued == [(jobs.refresh_need, (need_id,))]
    made = response.get_json()
    assert made == {"id": made["id"], "need_id": need_id, "organisation_id": "org-compagnia", "status": "proposed",
                    "availability": "yes", "answer": "Ci siamo.\nChiamateci."}
    assert helper.post(url, json=body).status_code == 409  # once
    suggested = app.test_client()
    login(suggested, luca)
    conflict = suggested.post(url, json={k: v for k, v in body.items() if k != "organisation"})  # his only one
    assert conflict.status_code == 409
    assert "è già tra le organizzazioni suggerite" in conflict.get_json()["error"]["message"]

    items = {i["organisation_id"]: i for i in client.get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]}
    assert items["org-compagnia"]["offered"] is True and items["org-spesa"]["offered"] is False
    assert items["org-compagnia"]["answer"] == "Ci siamo.\nChiamateci."  # the poster reads it
    public = app.test_client().get(f"/api/v1/needs/{need_id}/suggestions").get_json()["items"]
    assert [i["answer"] for i in public if i["offered"]] == [None]


# ----------------------------------------------------------------------------- needs an organisation could answer

FAR_VOLUNTEERS = {"title": "Volontari per la spesa agli anziani soli a Palermo", "place": "Palermo",
                  "description": "Cerchiamo volontari per consegnare la spesa agli anziani soli del quartiere Zisa."}
FAR_ADVICE = {"title": "Consigli per organizzare le telefonate di compagnia agli anziani", "place": "Palermo",
              "help_kind": "competenze", "volunteers_needed": None, "competencies": ["assistenza-anziani"],
              "description": "Vorremmo avviare un servizio di telefonate di compagnia per gli anziani soli: "
                             "cerchiamo chi lo fa già per qualche consiglio a distanza."}


def test_an_organisation_sees_the_needs_it_could_answer_and_offers_from_there(graph, app, client, people,  # noqa: F811
                                                                            giulia, monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 0)  # nobody suggested: all left to be found
    maria, _ = people
    near = computed_need(app, client, maria)
    far_volunteers = computed_need(app, client, maria, **FAR_VOLUNTEERS)
    far_advice = computed_need(app, client, maria, **FAR_ADVICE)
    helper = app.test_client()
    login(helper, giulia)
    assert 'id="nearby-link"' in helper.get("/organizzazioni/org-compagnia").get_data(as_text=True)
    page = helper.get("/organizzazioni/org-compagnia/bisogni-vicini").get_data(as_text=True)
    shown = re.findall(r'<li class="card shadow-sm mb-3 nearby-need" id="n-([^"]+)"', page)
    assert near in shown and far_advice in shown  # advice is given from afar
    assert far_volunteers not in shown  # volunteers are not sent from Biella to Palermo
    card = page.split(f'id="n-{near}"', 1)[1].split("</li>\n    \n", 1)[0]
    assert "È nel vostro comune" in card and "Riguarda un'attività che svolgete: a)" in card
    assert f'href="/bisogni/{near}#offri"' in card
    advice = page.split(f'id="n-{far_advice}"', 1)[1].split('<li class="card', 1)[0]
    assert "Chiede competenze che avete: Accompagnamento e cura delle persone anziane" in advice
    assert "nel vostro comune" not in advice

    body = helper.get("/api/v1/organisations/org-compagnia/needs/nearby").get_json()
    assert [i["need_id"] for i in body["items"]] == shown and body["described"] is True
    first = next(i for i in body["items"] if i["need_id"] == near)
    assert first["territory_level"] == "comune" and first["activity"] == "a" and first["similarity"] > 0
    assert app.test_client().get("/api/v1/organisations/org-compagnia/needs/nearby").status_code == 401
    assert client.get("/api/v1/organisations/org-compagnia/needs/nearby").status_code == 403  # Maria is not in it
    assert client.get("/organizzazioni/org-compagnia/bisogni-vicini").status_code == 403
    assert helper.get("/organizzazioni/nope/bisogni-vicini").status_code == 404

    helper.post(f"/bisogni/{near}/offerta", data=fields())  # offered: no longer among those to answer
    after = helper.get("/organizzazioni/org-compagnia/bisogni-vicini").get_data(as_text=True)
    assert f'id="n-{near}"' not in after and f'id="n-{far_advice}"' in after
    client.post(f"/bisogni/{far_advice}/stato", data={"status": "closed"})  # nor a need that waits for nobody
    assert f'id="n-{far_advice}"' not in helper.get("/organizzazioni/org-compagnia/bisogni-vicini").get_data(
        as_text=True)
    # the poster's own needs are never among them
    own = app.test_client()
    login(own, maria)
    assert f'id="n-{far_volunteers}"' not in own.get("/organizzazioni/org-avb/bisogni-vicini").get_data(as_text=True)


def test_needs_of_the_past_do_not_crowd_the_active_ones_out_of_the_list(graph, app, client, people,  # noqa: F811
                                                                       giulia, monkeypatch):
    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 0)
    far_advice = computed_need(app, client, people[0], **FAR_ADVICE)  # found by its text alone (Palermo)
    # a platform's history: more needs met, closed or expired than the candidates the list asks the
    # vector index for, each as close to the profile as a need can be (its very vector)
    graph.write("""
        MATCH (o:Organisation {id: 'org-compagnia'}), (poster:Organisation {id: 'org-avb'})
        UNWIND range(1, $n) AS i
        CREATE (poster)-[:POSTED]->(n:Need {id: 'old-' + i, title: 'Bisogno passato ' + i,
                                            status: ['met', 'closed', 'expired'][i % 3], help_kind: 'competenze',
                                            created_at: datetime(), embedding_model: o.embedding_model})
        WITH n, o CALL db.create.setNodeVectorProperty(n, 'embedding', o.embedding)
        """, n=2 * suggestions.NEAR_CANDIDATES)
    nearest = graph.read("MATCH (o:Organisation {id: 'org-compagnia'}) "
                         "CALL db.index.vector.queryNodes('need_embedding', $k, o.embedding) YIELD node "
                         "RETURN collect(node.id) AS ids", k=suggestions.NEAR_CANDIDATES)[0]["ids"]
    assert far_advice not in nearest  # among all the needs, the past ones come first
    helper = app.test_client()
    login(helper, giulia)
    page = helper.get("/organizzazioni/org-compagnia/bisogni-vicini").get_data(as_text=True)
    assert re.findall(r'class="card shadow-sm mb-3 nearby-need" id="n-([^"]+)"', page) == [far_advice]


def test_an_organisation_that_says_nothing_of_itself_is_asked_to_complete_its_profile(graph, app, people,  # noqa: F811
                                                                                      giulia):
    seed(graph, [{"id": "org-nuova", "name": "Associazione Appena Nata"}])  # no text, no activity, no vector
    organisations_repo.add_member(graph, giulia.id, "org-nuova", "admin")
    helper = app.test_client()
    login(helper, giulia)
    page = helper.get("/organizzazioni/org-nuova/bisogni-vicini").get_data(as_text=True)
    assert 'id="nearby-undescribed"' in page and 'href="/organizzazioni/org-nuova/modifica"' in page
    assert 'id="nearby"' not in page


def test_offers_sent_at_once_make_one_suggestion(graph, app, client, people, giulia):  # noqa: F811
    """Two tabs (or a double post) offering for the same organisation at the same moment: the
    need's write lock lets one create the suggestion, the other finds it."""
    from concurrent.futures import ThreadPoolExecutor

    from graph.repositories import matching as matching_repo

    maria, _ = people
    need_id = computed_need(app, client, maria)
    graph.write("MATCH (:Need {id: $n})<-[:FOR]-(s:Suggestion)-[:PROPOSES]->(:Organisation {id: 'org-compagnia'}) "
                "DETACH DELETE s", n=need_id)  # not suggested, whatever the matcher found
    with ThreadPoolExecutor(max_workers=6) as pool:
        done = list(pool.map(lambda i: matching_repo.offer(graph, f"offer-{i}", need_id, "org-compagnia", OFFER, "yes",
                                                             giulia.id, suggestions.ACTIVE), range(6)))
    assert sum(d["created"] for d in done) == 1 and len({d["id"] for d in done}) == 1
    assert len(offers_of(graph, need_id)) == 1
    assert graph.read("MATCH (n:Need {id: $n}) RETURN n._lock AS lock", n=need_id)[0]["lock"] is None  # nothing left


def test_the_poster_is_reminded_once_of_answers_waiting_for_a_decision(graph, app, client, people, giulia,  # noqa: F811
                                                                      monkeypatch):
    import datetime as dt

    from mentore.cli import cli

    monkeypatch.setattr(suggestions, "SUGGESTIONS_PER_NEED", 2)
    maria, luca = people
    need_id = computed_need(app, client, maria)
    helper = app.test_client()
    login(helper, giulia)
    assert helper.post(f"/bisogni/{need_id}/offerta", data=fields(organisation="org-calcio")).status_code == 302
    spesa = suggestion_of(graph, need_id, "org-spesa")
    member = app.test_client()
    login(member, luca)
    member.post(f"/organizzazioni/org-spesa/suggerimenti/{spesa}/risposta",
                data={f"answer-{spesa}-availability": "partly", f"answer-{spesa}-answer": "Il martedì sì."})
    today = clock.today()  # the day the answers came, in Italy, as the reminders count days

    def remind(day: dt.date) -> str:
        run = app.test_cli_runner().invoke(cli, args=["needs", "remind", "--today", day.isoformat()])
        assert run.exit_code == 0, run.output
        return run.output

    def told() -> list[str]:
        return [t for t in notification_titles(client.get("/notifiche").get_data(as_text=True)) if "decisione" in t]

    assert "di una decisione da 3 giorni o più: 0 bisogni." in remind(today + dt.timedelta(days=2))  # too soon
    assert told() == []
    assert "da 3 giorni o più: 1 bisogni." in remind(today + dt.timedelta(days=3))
    assert told() == [
        f"2 organizzazioni hanno detto di poter aiutare per il bisogno «{NEED['title']}» e aspettano la vostra "
        "decisione"]
    assert "da 3 giorni o più: 0 bisogni." in remind(today + dt.timedelta(days=4))  # once per answer
    assert len(told()) == 1
    # answers the poster already acted on are not waiting
    client.post(f"/bisogni/{need_id}/suggerimenti/{spesa}", data={"decision": "contact"})
    graph.write("MATCH (s:Suggestion) REMOVE s.waiting_reminded_at")
    remind(today + dt.timedelta(days=5))
    assert told()[0].startswith(f"Polisportiva Giovani Torino ha detto di poter aiutare per il "
                                                       f"bisogno «{NEED['title']}»")
