"""The moderation forms' rules, with their Italian messages (no database needed)."""

import pytest
from werkzeug.datastructures import MultiDict

from mentore import create_app
from mentore.moderation.forms import FlagForm, MoveForm, ReasonForm
from tests.conftest import offline_config


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def validated(form_class, **kwargs):
    data = kwargs.pop("data")
    form = form_class(formdata=MultiDict(data), meta={"csrf": False}, **kwargs)
    form.validate()
    return form


def test_a_flag_needs_a_reason_from_the_list(app):
    assert validated(FlagForm, data={"reason": "spam"}).errors == {}
    assert validated(FlagForm, data={"reason": ""}).errors == {"reason": ["Scegli il motivo della segnalazione."]}
    assert validated(FlagForm, data={"reason": "noioso"}).errors == {"reason": ["Scelta non valida."]}


def test_a_flag_for_another_reason_needs_a_few_words(app):
    assert validated(FlagForm, data={"reason": "altro", "text": "  "}).errors == {
        "text": ["Spiega il motivo della segnalazione."]}
    assert validated(FlagForm, data={"reason": "altro", "text": "Tono aggressivo"}).errors == {}


def test_a_flag_text_is_at_most_1000_characters(app):
    assert validated(FlagForm, data={"reason": "spam", "text": "x" * 1001}).errors == {
        "text": ["Al massimo 1000 caratteri."]}


@pytest.mark.parametrize("action", ["hide", "dismiss", "lock", "pin", "move", "warn", "remove_member", "readmit"])
def test_a_reason_is_required_for_actions_that_change_or_judge(app, action):
    form = validated(ReasonForm, action=action, data={"reason": " ok "})
    assert form.errors == {"reason": ["Indica il motivo (almeno 3 caratteri): resta nel registro di moderazione."]}
    assert form.reason.flags.required
    assert validated(ReasonForm, action=action, data={"reason": "Spam ripetuto"}).errors == {}


@pytest.mark.parametrize("action", ["restore", "unlock", "unpin"])
def test_a_reason_is_optional_for_actions_that_undo(app, action):
    form = validated(ReasonForm, action=action, data={"reason": ""})
    assert form.errors == {} and not form.reason.flags.required


def test_a_reason_is_at_most_500_characters(app):
    assert validated(ReasonForm, action="hide", data={"reason": "x" * 501}).errors == {
        "reason": ["Al massimo 500 caratteri."]}


def test_moving_needs_a_destination_among_the_choices(app):
    choices = [("com-b", "Welfare di comunità")]
    assert validated(MoveForm, destinations=choices, data={"destination": "com-b", "reason": "Più adatta"}).errors == {}
    assert validated(MoveForm, destinations=choices, data={"destination": "", "reason": "Più adatta"}).errors == {
        "destination": ["Scegli la comunità di destinazione."]}
    assert validated(MoveForm, destinations=choices, data={"destination": "com-z", "reason": "Più adatta"}).errors == {
        "destination": ["Scelta non valida."]}
