"""Who may help with a need: the poster's requirements (verified organisations, entities
enrolled in the RUNTS, organisations of the need's province or region) and which of a person's
organisations may offer to help (no database)."""

import itertools

from mentore import create_app
from mentore.messages import localized
from mentore.services import matching, suggestions
from tests.conftest import offline_config

BIELLA, PROVINCE, PIEMONTE = "comune:096004", "provincia:096", "regione:01"


def test_an_organisation_lacks_exactly_the_requirements_asked_that_it_does_not_meet():
    areas_of = {"biellese": frozenset({BIELLA, PROVINCE, PIEMONTE}), "torinese": frozenset({"provincia:001", PIEMONTE}),
                "nowhere": frozenset()}
    for asked_verified, asked_runts, verified, runts in itertools.product((False, True), repeat=4):
        for within in (None, PROVINCE, PIEMONTE):
            for where, areas in areas_of.items():
                eligible = matching.Eligibility(verified=asked_verified, runts=asked_runts, within=within)
                expected = [name for name, asked, has in (("verified", asked_verified, verified),
                                                           ("runts", asked_runts, runts),
                                                           ("within", within is not None, within in areas))
                            if asked and not has]
                assert list(eligible.lacks(verified, runts, areas)) == expected, (eligible, where)
                facts = matching.CandidateFacts(id="o", name="O", verified=verified, runts=runts, areas=areas)
                assert eligible.admits(facts) is (not expected)
                assert bool(eligible) is (asked_verified or asked_runts or within is not None)


def test_a_need_s_requirements_are_its_eligibility_its_area_from_its_place():
    assert matching.need_eligibility({}) == matching.ANYONE
    assert not matching.need_eligibility({"only_verified": False, "only_runts": None, "territory": BIELLA})
    assert matching.need_eligibility({"only_verified": True}) == matching.Eligibility(verified=True)
    assert matching.need_eligibility({"only_runts": True}) == matching.Eligibility(runts=True)
    # the province or region of its place, whatever the level of the place
    assert matching.helpers_area({"helpers_within": "provincia", "territory": BIELLA}) == PROVINCE
    assert matching.helpers_area({"helpers_within": "regione", "territory": BIELLA}) == PIEMONTE
    assert matching.helpers_area({"helpers_within": "provincia", "territory": PROVINCE}) == PROVINCE
    assert matching.helpers_area({"helpers_within": "regione", "territory": PROVINCE}) == PIEMONTE
    assert matching.helpers_area({"helpers_within": "provincia", "territory": PIEMONTE}) == PIEMONTE  # no province
    assert matching.helpers_area({"helpers_within": "provincia", "territory": None}) is None
    assert matching.helpers_area({"helpers_within": None, "territory": BIELLA}) is None
    assert matching.need_eligibility({"helpers_within": "regione", "territory": BIELLA}).within == PIEMONTE



def test_help_given_on_site_is_asked_of_the_need_s_region_unless_the_poster_chose_an_area():
    for kind in ("volontari", "spazi", "attrezzature"):
        assert matching.on_site_region({"help_kind": kind, "territory": BIELLA}) == PIEMONTE
    assert matching.on_site_region({"help_kind": "competenze", "in_person": True, "territory": PROVINCE}) == PIEMONTE
    assert matching.on_site_region({"help_kind": "volontari", "territory": PIEMONTE}) == PIEMONTE  # the region
    # help that may be given from afar, a need placed nowhere, an area the poster chose: no rule
    for kind in ("competenze", "finanziamenti", "partenariato"):
        assert matching.on_site_region({"help_kind": kind, "territory": BIELLA}) is None
    assert matching.on_site_region({"help_kind": "volontari", "territory": None}) is None
    for within in ("provincia", "regione"):
        assert matching.on_site_region({"help_kind": "spazi", "territory": BIELLA, "helpers_within": within}) is None
    # all of Italy asked even for help on site (volunteers who travel to a summer camp): no area at all
    anywhere = {"help_kind": "volontari", "in_person": True, "territory": BIELLA, "helpers_within": matching.ANYWHERE}
    assert matching.on_site_region(anywhere) is None and matching.helpers_area(anywhere) is None
    assert matching.need_eligibility(anywhere) == matching.ANYONE
    # what the page and the list say of it: only for help given on site
    assert matching.anywhere_on_site(anywhere)
    assert not matching.anywhere_on_site({**anywhere, "help_kind": "competenze", "in_person": False})
    assert not matching.anywhere_on_site({**anywhere, "helpers_within": None})
    # the place already at hand (the query's) counts for the need's
    place = matching.place_of("comune:001272")
    assert matching.on_site_region({"help_kind": "volontari"}, place) == PIEMONTE


NEED = {"id": "n", "status": "open", "organisation_id": "poster", "only_verified": True, "only_runts": False,
        "territory": BIELLA}


def test_of_a_person_s_organisations_those_lacking_a_requirement_are_told_why_and_may_not_offer():
    mine = [{"id": "poster", "name": "Chi chiede", "verified": True, "runts": True, "areas": [PROVINCE]},
            {"id": "ok", "name": "Verificata APS", "verified": True, "runts": False, "areas": [PROVINCE, PIEMONTE]},
            {"id": "no", "name": "Nuova ODV", "verified": False, "runts": True, "areas": ["provincia:001"]},
            {"id": "asked", "name": "Suggerita APS", "verified": False, "runts": False, "areas": []},
            {"id": "declined", "name": "Rifiutata ODV", "verified": False, "runts": False, "areas": []}]
    items = [{"id": "s1", "organisation_id": "asked", "status": "proposed"},
             {"id": "s2", "organisation_id": "declined", "status": "declined"}]
    free, taken, unqualified = suggestions.offering(NEED, mine, items)
    assert [o["id"] for o in free] == ["ok"]
    assert [(o["id"], o["suggestion_id"]) for o in taken] == [("asked", "s1")]  # suggested before the requirement
    assert [(o["id"], list(o["why"])) for o in unqualified] == [("no", ["verified"])]
    with create_app(offline_config()).test_request_context():
        assert str(localized(unqualified[0]["why"]["verified"])) == (
            "Chi ha pubblicato il bisogno cerca solo organizzazioni verificate dagli amministratori della "
            "piattaforma, e Nuova ODV non lo è ancora.")
        near = suggestions.offering({**NEED, "only_runts": True, "helpers_within": "provincia"}, mine, items)[2]
        assert [(o["id"], list(o["why"])) for o in near] == [("ok", ["runts"]), ("no", ["verified", "within"])]
        assert str(localized(near[1]["why"]["within"])) == (
            "Chi ha pubblicato il bisogno cerca solo organizzazioni con sede o attività nel suo territorio "
            "(Provincia di Biella), e Nuova ODV non ne ha lì.")
    # without requirements every one not suggested may offer; a need no longer active, none
    assert [o["id"] for o in suggestions.offering({**NEED, "only_verified": False}, mine, items)[0]] == ["ok", "no"]
    assert suggestions.offering({**NEED, "status": "met"}, mine, items) == ([], [], [])
