"""Forms of the communities and the forum: shapes and Italian messages; roles; small helpers
(no database needed)."""

import pytest
from werkzeug.datastructures import MultiDict

from mentore import create_app
from mentore.communities.forms import CommunityForm, EditForm, ReplyForm, TopicForm
from mentore.services import forum
from mentore.services.communities import Access, slugify
from tests.conftest import offline_config


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def filled(cls, data, **kwargs):
    form = cls(formdata=MultiDict(data), meta={"csrf": False}, **kwargs)
    form.validate()
    return form


def test_a_topic_needs_a_title_of_sensible_length_and_a_body(app):
    assert filled(TopicForm, {"title": "Patti di collaborazione", "body": "Esempi?"}).errors == {}
    form = filled(TopicForm, {"title": "Ciao", "body": ""})
    assert form.errors == {"title": ["Il titolo deve avere da 5 a 160 caratteri."],
                           "body": ["Scrivi il testo del messaggio."]}
    assert "body" in filled(ReplyForm, {"body": "x" * (forum.BODY_MAX + 1)}).errors


def test_the_edit_form_carries_the_version_and_drops_the_title_for_replies(app):
    form = filled(EditForm, {"body": "Nuovo testo", "version": "3"}, with_title=False)
    assert form.errors == {} and form.version.data == 3 and form.title is None
    form = filled(EditForm, {"title": "Un titolo valido", "body": "Testo"})
    assert form.errors == {"version": ["Versione mancante: ricarica la pagina."]}


def test_the_community_form_reads_facilitators_one_per_line_or_comma(app):
    data = MultiDict({"name": "Povertà educativa", "membership_mode": "request",
                      "description": "Una comunità sulla povertà educativa minorile.",
                      "facilitators": "Fede@Example.it, maria@example.it\nfede@example.it"})
    data.setlist("activities", ["d", "l"])
    form = filled(CommunityForm, data)
    assert form.errors == {}
    value = form.to_input()
    assert value.facilitator_emails == ("fede@example.it", "maria@example.it")
    assert value.activities == ("d", "l") and value.membership_mode == "request"
    bad = filled(CommunityForm, {**data, "membership_mode": "segreta", "facilitators": "non-una-mail"})
    assert bad.errors["membership_mode"] == ["Scelta non valida."]
    assert "non-una-mail" in bad.errors["facilitators"][0]


def test_roles_follow_the_spec():
    def acc(**flags):
        base = {"community_id": "c", "is_member": False, "is_facilitator": False, "is_admin": False,
                "removed": False, "requested": False, "invited": False}
        return Access(**{**base, **flags})

    assert not acc().can_post and not acc().can_moderate
    assert acc(is_member=True).can_post and not acc(is_member=True).can_moderate
    assert not acc(is_member=True, removed=True).can_post
    assert acc(is_facilitator=True).can_moderate and acc(is_admin=True).can_post
    assert not acc(requested=True, invited=True).can_post


def test_slugs_are_ascii_and_urls_point_to_the_page_of_the_reply():
    assert slugify("Povertà educativa & scuola!") == "poverta-educativa-scuola"
    assert forum.topic_url("welfare", "t1") == "/comunita/welfare/discussioni/t1"
    assert forum.topic_url("welfare", "t1", 20) == "/comunita/welfare/discussioni/t1#post-20"
    assert forum.topic_url("welfare", "t1", 21) == "/comunita/welfare/discussioni/t1?page=2#post-21"
