"""Text areas count a line break as the one character the person sees: browsers send it as CR LF
but let a field's maxlength count it once (no database needed)."""

import pytest
from werkzeug.datastructures import MultiDict

from mentore import create_app
from mentore.matching.forms import MAX_PAGE_TEXT, PartnerForm
from mentore.needs.forms import NeedForm
from tests.conftest import form_data, offline_config
from tests.unit.test_needs_form import TODAY, VALID


@pytest.fixture()
def app():
    app = create_app(offline_config())
    with app.test_request_context():
        yield app


def lines_of(length: int, line: str = "Inclusione sociale dei giovani a Biella.") -> str:
    """A text of ``length`` characters when each line break counts one, with its line breaks
    as a browser sends them (CR LF)."""
    text = "\n".join([line] * (length // len(line) + 1))[:length]
    return text.replace("\n", "\r\n")


def test_a_project_text_that_fills_the_finder_field_exactly_is_accepted(app):
    sent = lines_of(MAX_PAGE_TEXT)
    assert sent.count("\r\n") > 20 and len(sent) > MAX_PAGE_TEXT  # what the browser sends is longer
    form = PartnerForm(MultiDict({"text": sent}))
    assert form.validate(), form.errors
    assert form.text.data == sent.replace("\r\n", "\n") and len(form.text.data) == MAX_PAGE_TEXT


def test_one_character_more_than_the_finder_field_holds_is_still_refused(app):
    form = PartnerForm(MultiDict({"text": lines_of(MAX_PAGE_TEXT + 1)}))
    assert not form.validate()
    assert form.errors["text"] == [f"Al massimo {MAX_PAGE_TEXT} caratteri: basta la parte che dice obiettivi, "
                                   "attività e destinatari."]


def test_a_need_is_stored_with_the_line_breaks_the_person_typed(app):
    description = "Cerchiamo volontari per la spesa.\r\nDue mattine a settimana.\rAnche il sabato."
    form = NeedForm(formdata=form_data({**VALID, "description": description}), meta={"csrf": False},
                    organisations=[("org-1", "Org")], today=TODAY)
    assert form.validate(), form.errors
    typed = "Cerchiamo volontari per la spesa.\nDue mattine a settimana.\nAnche il sabato."
    assert form.to_input().description == typed
