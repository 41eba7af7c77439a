"""Who may help with a need: the poster's requirements (verified organisations, entities
enrolled in the RUNTS) and which of a person's organisations may offer to help (no database)."""

import itertools

from mentore import create_app
from mentore.messages import localized
from mentore.services import matching, suggestions
from tests.conftest import offline_config


def test_an_organisation_lacks_exactly_the_requirements_asked_that_it_does_not_meet():
    for asked_verified, asked_runts, verified, runts in itertools.product((False, True), repeat=4):
        eligible = matching.Eligibility(verified=asked_verified, runts=asked_runts)
        lacks = eligible.lacks(verified, runts)
        expected = [name for name, asked, has in (("verified", asked_verified, verified),
                                                   ("runts", asked_runts, runts)) if asked and not has]
        assert list(lacks) == expected
        facts = matching.CandidateFacts(id="o", name="O", verified=verified, runts=runts)
        assert eligible.admits(facts) is (not expected)


def test_a_need_s_requirements_are_its_eligibility():
    assert matching.need_eligibility({}) == matching.ANYONE
    assert not matching.need_eligibility({"only_verified": False, "only_runts": None})
    assert matching.need_eligibility({"only_verified": True}) == matching.Eligibility(verified=True)
    assert matching.need_eligibility({"only_runts": True}) == matching.Eligibility(runts=True)


NEED = {"id": "n", "status": "open", "organisation_id": "poster", "only_verified": True, "only_runts": False}


def test_of_a_person_s_organisations_those_lacking_a_requirement_are_told_why_and_may_not_offer():
    mine = [{"id": "poster", "name": "Chi chiede", "verified": True, "runts": True},
            {"id": "ok", "name": "Verificata APS", "verified": True, "runts": False},
            {"id": "no", "name": "Nuova ODV", "verified": False, "runts": True},
            {"id": "asked", "name": "Suggerita APS", "verified": False, "runts": False},
            {"id": "declined", "name": "Rifiutata ODV", "verified": False, "runts": False}]
    items = [{"id": "s1", "organisation_id": "asked", "status": "proposed"},
             {"id": "s2", "organisation_id": "declined", "status": "declined"}]
    free, taken, unqualified = suggestions.offering(NEED, mine, items)
    assert [o["id"] for o in free] == ["ok"]
    assert [(o["id"], o["suggestion_id"]) for o in taken] == [("asked", "s1")]  # suggested before the requirement
    assert [(o["id"], o["lacks"]) for o in unqualified] == [("no", ("verified",))]
    with create_app(offline_config()).test_request_context():
        assert str(localized(unqualified[0]["why"])) == (
            "Chi ha pubblicato il bisogno cerca solo organizzazioni verificate dagli amministratori della "
            "piattaforma, e Nuova ODV non lo è ancora.")
    both = suggestions.offering({**NEED, "only_runts": True}, mine, items)[2]
    assert [(o["id"], o["lacks"]) for o in both] == [("ok", ("runts",)), ("no", ("verified",))]
    # without requirements every one not suggested may offer; a need no longer active, none
    assert [o["id"] for o in suggestions.offering({**NEED, "only_verified": False}, mine, items)[0]] == ["ok", "no"]
    assert suggestions.offering({**NEED, "status": "met"}, mine, items) == ([], [], [])


def test_every_combination_of_requirements_unmet_has_its_message():
    for asked in itertools.product((False, True), repeat=2):
        for has in itertools.product((False, True), repeat=2):
            lacks = matching.Eligibility(*asked).lacks(*has)
            assert not lacks or lacks in suggestions.REQUIREMENT_UNMET
