"""The deterministic generator of the Italian demo data set.

``generate(territories, seed)`` returns rows ready for ``graph.repositories.seeding.create_rows``:
organisations (ETS and public bodies seated in real ISTAT comuni of eight regions), their people,
needs, partnerships, the five communities of practice launched by OPES and their forum topics.

Pure Python: no Flask, no Neo4j, no clock, no network, no global ``random`` state. Every random
choice comes from ``random.Random`` instances seeded with strings derived from ``seed`` (string
seeds are hashed with SHA-512, so the output does not depend on PYTHONHASHSEED), and every id is a
``uuid5`` of a natural key: the same seed gives the same rows, byte for byte, on every run.
"""

from __future__ import annotations

import random
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from mentore.demo import content as C
from mentore.demo.showcase import make_best_practices
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.codice_fiscale import numeric_check_digit
from mentore.reference.competencies import BY_ID as COMPETENCIES
from mentore.reference.territories import Territory, TerritoryTable
from mentore.reference.vocabularies import (
    ETS_LEGAL_FORMS,
    HELP_KINDS,
    MEMBERSHIP_MODES,
    NEED_STATUSES,
    PUBLIC_LEGAL_FORMS,
    RESOURCES,
    SECTION_OF_LEGAL_FORM,
)

DEMO_VERSION = "2026.12-1"

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentore.example.it/demo")
#: The demo's "today": expired needs have deadlines before it, active partnerships end after it.
TODAY = date(2026, 11, 22)
ORGS_FROM, ORGS_TO = datetime(2025, 3, 3, 9, 0), datetime(2026, 10, 31, 18, 0)
PEOPLE_UNTIL = datetime(2026, 11, 15, 18, 0)
NEEDS_FROM, NEEDS_TO = datetime(2025, 9, 1, 8, 0), datetime(2026, 11, 15, 19, 0)
TOPICS_FROM_DAYS, TOPICS_UNTIL = 4, datetime(2026, 10, 28, 18, 0)
PROJECTS_FROM, PROJECTS_TO = date(2022, 1, 10), date(2026, 9, 30)

PARTNERSHIP_COUNT = 70
ETS_NEEDS, PUBLIC_NEEDS = 166, 16
#: One open need of an ETS in NAMING_EVERY names another organisation (Builder.name_others).
NAMING_EVERY = 9


@dataclass(frozen=True)
class DemoData:
    """The rows of each kind, in the order they must be loaded (references point backwards)."""

    organisations: list[dict[str, Any]]
    people: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    partnerships: list[dict[str, Any]]
    communities: list[dict[str, Any]]
    topics: list[dict[str, Any]]
    best_practices: list[dict[str, Any]] = field(default_factory=list)  # mentore.demo.showcase
    verification_requests: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> tuple[tuple[str, list[dict[str, Any]]], ...]:
        """(kind, rows) pairs in loading order; kinds are the keys of ``seeding.STATEMENTS``."""
        return (("organisations", self.organisations), ("people", self.people), ("needs", self.needs),
                ("partnerships", self.partnerships), ("communities", self.communities), ("topics", self.topics),
                ("best_practices", self.best_practices), ("verification_requests", self.verification_requests))

    def counts(self) -> dict[str, int]:
        counts = {kind: len(rows) for kind, rows in self.rows()}
        counts["ets"] = sum(1 for o in self.organisations if o["props"]["kind"] == "ETS")
        counts["public_bodies"] = counts["organisations"] - counts["ets"]
        counts["posts"] = sum(len(t["posts"]) for t in self.topics)
        return counts


# ----------------------------------------------------------------------------- helpers

def _uid(kind: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _slug(text: str, sep: str = "") -> str:
    words = re.findall(r"[a-z0-9]+", _ascii(text).lower())
    return sep.join(words)


def _key(name: str) -> str:
    """Comparable form of a place name (accents, apostrophes and case ignored)."""
    return _slug(name.replace("’", "'"))


def _dt(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _d(value: date) -> str:
    return value.isoformat()


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _euphony(text: str) -> str:
    """The euphonic d of Italian: "ad Agrigento", "ad aprile", "Biella ed Enna"."""
    text = re.sub(r"(?<![\w'’])a (?=[Aa])", "ad ", text)
    return re.sub(r"(?<![\w'’])e (?=[Ee])", "ed ", text)


def _the(name: str) -> str:
    """The name with its definite article, lower case, for use as a subject: "l'Associazione X"."""
    article = C.NAME_ARTICLES.get(name.split()[0], "")
    return f"{article}{name}"


def _daytime(rng: random.Random, moment: datetime) -> datetime:
    """Move a night-time moment to the next morning."""
    if moment.hour >= 23:
        moment = moment + timedelta(days=1)
    elif moment.hour >= 7:
        return moment
    return moment.replace(hour=rng.randint(7, 9), minute=rng.randrange(60))


def _weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    values = [v for v, _ in pairs]
    weights = [w for _, w in pairs]
    return rng.choices(values, weights=weights, k=1)[0]


def _moment(rng: random.Random, start: datetime, end: datetime) -> datetime:
    """A time on a working day hour between ``start`` and ``end`` (clamped to them)."""
    days = max(0, (end.date() - start.date()).days)
    day = start.date() + timedelta(days=rng.randint(0, days))
    moment = datetime.combine(day, time(rng.randint(8, 19), rng.randrange(0, 60), rng.randrange(0, 60)))
    return min(max(moment, start), end)


def _month_after(day: date, months: int) -> str:
    index = (day.month - 1 + months) % 12
    return C.MONTHS[index]


# ------------------------------------------------------------------------- geography

class _Geo:
    """Indexes over the ISTAT table for the demo regions."""

    def __init__(self, table: TerritoryTable) -> None:
        self.by_id: dict[str, Territory] = {t.id: t for t in table.all()}
        self.comuni_of_province: dict[str, list[Territory]] = defaultdict(list)
        for comune in table.comuni:
            self.comuni_of_province[comune.parent_id or ""].append(comune)
        self.provinces_of_region: dict[str, list[Territory]] = defaultdict(list)
        for province in table.provinces:
            self.provinces_of_region[province.parent_id or ""].append(province)
        self.by_name: dict[str, dict[str, Territory]] = {}
        self._comuni_of_region: dict[str, list[Territory]] = {}
        for code in C.REGIONS:
            region_id = f"regione:{code}"
            if region_id not in self.by_id:
                raise ValueError(f"territory table without {region_id}")
            comuni = [c for p in self.provinces_of_region[region_id] for c in self.comuni_of_province[p.id]]
            self._comuni_of_region[code] = comuni
            names: dict[str, Territory] = {}
            for comune in comuni:
                names.setdefault(_key(comune.name), comune)
            self.by_name[code] = names
        self._towns = {code: self._find_towns(code) for code in C.REGIONS}
        self._capoluoghi = {code: [self.capoluogo(p) for p in self.provinces_of_region[f"regione:{code}"]]
                            for code in C.REGIONS}

    def comune(self, region: str, name: str) -> Territory | None:
        return self.by_name[region].get(_key(name))

    def province(self, comune: Territory) -> Territory:
        return self.by_id[comune.parent_id or ""]

    def region(self, comune: Territory) -> Territory:
        return self.by_id[self.province(comune).parent_id or ""]

    def comuni_of_region(self, region: str) -> list[Territory]:
        return self._comuni_of_region[region]

    def capoluogo(self, province: Territory) -> Territory:
        comuni = self.comuni_of_province[province.id]
        return next((c for c in comuni if c.capoluogo), comuni[0])

    def capoluoghi(self, region: str) -> list[Territory]:
        return self._capoluoghi[region]

    def towns(self, region: str) -> list[Territory]:
        """The larger non-capoluogo towns of the region listed in the content (unknown names skipped)."""
        return self._towns[region]

    def _find_towns(self, region: str) -> list[Territory]:
        found = (self.comune(region, name) for name in C.TOWNS.get(region, ()))
        return [t for t in found if t is not None and not t.capoluogo]


def _province_phrases(province: Territory) -> tuple[str, str, str]:
    """("in provincia di X", "della provincia di X", "Provincia di X") by kind of unit."""
    name = province.name
    if province.kind == "città metropolitana":
        return (f"nella città metropolitana di {name}", f"della città metropolitana di {name}",
                f"Città metropolitana di {name}")
    if province.kind == "libero consorzio comunale":
        return (f"nel libero consorzio comunale di {name}", f"del libero consorzio comunale di {name}",
                f"Libero Consorzio Comunale di {name}")
    return f"in provincia di {name}", f"della provincia di {name}", f"Provincia di {name}"


# --------------------------------------------------------------------------- entities

@dataclass(eq=False)
class _Org:
    id: str
    kind: str
    legal_form: str
    name: str
    theme: str | None
    region: str
    seat: Territory
    province: Territory
    domain: str
    created: datetime
    activities: list[str]
    competencies: list[str]
    row: dict[str, Any]
    people: list[_Person] = field(default_factory=list)


@dataclass(eq=False)
class _Person:
    id: str
    first: str
    last: str
    female: bool
    org: _Org
    created: datetime
    row: dict[str, Any]


class _Builder:
    def __init__(self, territories: TerritoryTable, seed: int) -> None:
        self.seed = seed
        self.geo = _Geo(territories)
        self.orgs: list[_Org] = []
        self.people: list[_Person] = []
        self.used_cf: set[str] = set()
        self.used_runts: set[str] = set()
        self.used_names: set[str] = set()
        self.used_domains: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_person_names: set[tuple[str, str]] = set()

    def rng(self, section: str) -> random.Random:
        return random.Random(f"mentore-demo/{self.seed}/{section}")

    # ------------------------------------------------------------------ shared bits

    def codice_fiscale(self, rng: random.Random, prefix: str, province: Territory) -> str:
        office = f"{int(province.istat_code) % 200:03d}"
        while True:
            middle = "".join(rng.choice("0123456789") for _ in range(10 - len(prefix) - len(office)))
            first10 = prefix + middle + office
            cf = first10 + numeric_check_digit(first10)
            if cf not in self.used_cf:
                self.used_cf.add(cf)
                return cf

    def runts_number(self, rng: random.Random) -> str:
        while True:
            number = str(rng.randint(1200, 139999))
            if number not in self.used_runts:
                self.used_runts.add(number)
                return number

    def domain(self, stem: str, comune: Territory, province: Territory) -> str:
        stem = stem[:40] or "ente"
        candidates = [f"{stem}-{_slug(comune.name)[:20]}", f"{stem}-{_slug(comune.name)[:20]}-{province.sigla.lower()}"]
        candidates += [f"{candidates[0]}{n}" for n in range(2, 50)]
        for candidate in candidates:
            if candidate not in self.used_domains:
                self.used_domains.add(candidate)
                return candidate
        raise RuntimeError("no free domain")  # pragma: no cover

    @staticmethod
    def phone(rng: random.Random, province: Territory, mobile: bool = False) -> str:
        if mobile:
            return (f"{rng.choice(C.MOBILE_PREFIXES)} {rng.randint(100, 999)} "
                    f"{rng.randint(0, 9999):04d}")
        prefix = C.AREA_CODES.get(province.sigla, "0" + str(rng.randint(100, 999)))
        rest = str(rng.randint(2, 9)) + "".join(rng.choice("0123456789") for _ in range(10 - len(prefix) - 1))
        return f"{prefix} {rest}"

    def org_row(self, org_id: str, props: dict[str, Any], seat: Territory, works_in: list[str],
                activities: list[str], competencies: list[str], created: datetime) -> dict[str, Any]:
        return {"id": org_id, "props": props, "seat": seat.id, "works_in": works_in, "activities": activities,
                "competencies": competencies, "created_at": _dt(created)}

    # ------------------------------------------------------------------------- ETS

    def ets_seat(self, rng: random.Random, region: str) -> Territory:
        capital = self.geo.comune(region, C.REGIONS[region][0])
        draw = rng.random()
        if draw < 0.5:
            pairs = []
            for capoluogo in self.geo.capoluoghi(region):
                weight = 1.0
                if capoluogo == capital:
                    weight = 5.0
                elif self.geo.province(capoluogo).istat_code == C.FOCUS_PROVINCE:
                    weight = 4.0
                pairs.append((capoluogo, weight))
            return _weighted(rng, pairs)
        towns = self.geo.towns(region)
        if draw < 0.85 and towns:
            return rng.choice(towns)
        return rng.choice(self.geo.comuni_of_region(region))

    def ets_name(self, rng: random.Random, form: str, theme: dict, seat: Territory,
                 province: Territory) -> tuple[str, str, bool]:
        """(name, domain stem, masculine)."""
        themed = [p for p in theme.get("names", ()) if form in p[2]]
        for attempt in range(40):
            if themed and rng.random() < 0.35:
                pattern, stub, _forms = rng.choice(themed)
            else:
                pattern, stub = rng.choice(C.NAME_PATTERNS[form])
            core = rng.choice(theme["cores"]) if rng.random() < 0.45 else rng.choice(C.GENERIC_CORES)
            name = _euphony(pattern.format(core=core, comune=seat.name, provincia=province.name))
            if name in self.used_names and attempt >= 3 and "{comune}" not in pattern:
                joiner = " – " if re.search(r"(ODV|APS|ETS|srl|Sociale|tipo B)$", name) else " di "
                name = f"{name}{joiner}{seat.name}"
            if name not in self.used_names:
                self.used_names.add(name)
                masculine = name.split()[0] in C.MASCULINE_HEADS or pattern == "{core} ETS"
                return name, stub or _slug(core), masculine
        raise RuntimeError("no free organisation name")  # pragma: no cover

    def ets_description(self, rng: random.Random, *, name: str, form: str, theme: dict, seat: Territory,
                        province: Territory, region: str, founded: int, masculine: bool,
                        resources: list[str]) -> str:
        prov_phrase, prov_of, _ = _province_phrases(province)
        texts = C.FORM_TEXTS.get(form, {})
        if form == "coop_sociale_b" and theme is C.THEMES["lavoro"]:
            texts = {}
        founders = rng.choice(texts.get("founders") or theme["founders"])
        missions = texts.get("missions") if texts and (form != "rete_associativa" or rng.random() < 0.5) else None
        mission = rng.choice(missions or theme["missions"])
        coop = form in ("coop_sociale_a", "coop_sociale_b", "impresa_sociale")
        staff_ranges = {"odv": (0, 4), "aps": (0, 8), "coop_sociale_a": (15, 140), "coop_sociale_b": (12, 90),
                        "impresa_sociale": (5, 40), "fondazione": (2, 25)}
        staff = rng.randint(*staff_ranges.get(form, (1, 10)))
        slots = {
            "name": _the(name), "comune": seat.name, "prov_phrase": prov_phrase, "prov_of": prov_of,
            "region_of": C.REGIONS[region][1], "founded": founded, "a": "o" if masculine else "a",
            "un_form": C.FORM_PHRASES[form], "founders": founders, "mission": mission,
            "volunteers": rng.randint(6, 40) if coop else rng.randint(12, 180), "staff": staff,
            "reach": _thousands(rng.choice((40, 60, 80, 120, 150, 200, 300, 450, 600, 900, 1200, 2000))),
            "benef": theme["benef"], "recent": rng.randint(max(founded + 1, 2016), 2025),
        }
        noun = C.FORM_PHRASES[form].split("'")[-1].split(" ", 1)[-1].split()[0]  # "associazione", "cooperativa"
        openers = [o for o in C.OPENERS if "{un_form}" not in o or noun.lower() not in name.lower()]
        opener = rng.choice(openers)
        services = list(theme["services"])
        rng.shuffle(services)
        body = [rng.choice(texts["services"])] if texts.get("services") else []
        body.append(services[0])
        optional: list[str] = []
        if not texts.get("services") and rng.random() < 0.3:
            optional.append(services[1])
        if rng.random() < 0.65:
            local = C.TERRITORY_CAPOLUOGO if seat.capoluogo else C.TERRITORY_SMALL_TOWN
            optional.append(rng.choice(C.TERRITORY_SENTENCES + local))
        offered = [r for r in resources if r in C.RESOURCE_SENTENCES]
        if offered and rng.random() < 0.2:
            optional.append(C.RESOURCE_SENTENCES[rng.choice(offered)])
        if rng.random() < 0.55:
            closings = [c for c in C.CLOSINGS if "{staff}" not in c or staff >= 2]
            if coop:
                closings += list(C.CLOSINGS_COOP) * 2
            optional.append(rng.choice(closings))
        while 1 + len(body) + len(optional) > 4:  # the opener, then at most three sentences
            optional.pop(rng.randrange(len(optional)))
        sentences = [opener] + body + optional
        return _euphony(" ".join(_cap(s.format(**slots)) for s in sentences))

    def make_ets(self) -> None:
        rng = self.rng("ets")
        total = sum(r[2] for r in C.REGIONS.values())
        forms = _quota(C.LEGAL_FORM_SHARE, total)
        rng.shuffle(forms)
        index = 0
        for region, (_capital, _of, count, _body) in C.REGIONS.items():
            for _ in range(count):
                form = forms[index]
                index += 1
                theme_key = _weighted(rng, C.FORM_THEMES[form])
                self.add_ets(rng, region, form, theme_key)
        self.add_opes(rng)

    def add_ets(self, rng: random.Random, region: str, form: str, theme_key: str) -> _Org:
        theme = C.THEMES[theme_key]
        seat = self.ets_seat(rng, region)
        province = self.geo.province(seat)
        name, stem, masculine = self.ets_name(rng, form, theme, seat, province)
        domain = self.domain(stem, seat, province)
        founded = rng.randint(*C.FOUNDED[form])
        # activities: 1-3 codes, the first among the theme's main ones
        first = rng.choice(theme["activities"])
        others = [a for a in theme["activities"] + theme["more_activities"] if a != first]
        activities = [first] + rng.sample(others, k=min(len(others), _weighted(rng, ((0, 3), (1, 4.5), (2, 2.5)))))
        if form == "coop_sociale_b" and "p" not in activities:
            activities = (activities + ["p"])[-3:] if len(activities) == 3 else activities + ["p"]
        core = list(theme["competencies"])
        competencies = rng.sample(core, k=rng.randint(2, 3))
        extra = [c for c in theme["more_competencies"] if c not in competencies]
        competencies += rng.sample(extra, k=rng.randint(0, min(2, len(extra))))
        resources = rng.sample(theme["resources"], k=rng.randint(1, min(3, len(theme["resources"]))))
        if (form == "odv" or theme_key == "protezione_civile") and "volontari" not in resources:
            resources.insert(0, "volontari")
        if form in ("fondazione", "ente_filantropico") and "finanziamenti" not in resources:
            resources.append("finanziamenti")
        prefix = {"coop_sociale_a": "0", "coop_sociale_b": "0", "impresa_sociale": "1"}.get(form)
        if prefix is not None:
            prefix += rng.choice("0123")
        elif form in ("fondazione", "ente_filantropico"):
            prefix = rng.choice(("9", "8"))
        else:
            prefix = "9" + rng.choice("01234567")
        description = self.ets_description(
            rng, name=name, form=form, theme=theme, seat=seat, province=province, region=region,
            founded=founded, masculine=masculine, resources=resources)
        props = {
            "name": name, "kind": "ETS", "legal_form": form, "runts_section": SECTION_OF_LEGAL_FORM[form],
            "runts_number": self.runts_number(rng), "codice_fiscale": self.codice_fiscale(rng, prefix, province),
            "description": description, "website": f"https://{domain}.example.it",
            "email": f"info@{domain}.example.it", "phone": self.phone(rng, province, mobile=rng.random() < 0.25),
            "resources": resources, "verified": rng.random() < 0.6, "founded": founded,
        }
        works_in = self.works_in(rng, seat, province)
        created = _moment(rng, ORGS_FROM, ORGS_TO)
        org_id = _uid("organisation", props["codice_fiscale"])
        org = _Org(org_id, "ETS", form, name, theme_key, region, seat, province, domain, created, activities,
                   competencies, self.org_row(org_id, props, seat, works_in, activities, competencies, created))
        self.orgs.append(org)
        return org

    def works_in(self, rng: random.Random, seat: Territory, province: Territory) -> list[str]:
        works_in = [seat.id]
        if rng.random() < 0.35:
            works_in.append(province.id)
        if rng.random() < 0.3:
            near = [c for c in self.geo.comuni_of_province[province.id] if c.id != seat.id]
            works_in += [c.id for c in rng.sample(near, k=min(len(near), rng.randint(1, 2)))]
        return works_in

    def add_opes(self, rng: random.Random) -> None:
        spec = C.OPES
        seat = self.geo.comune("12", spec["comune"])
        if seat is None:  # pragma: no cover - Roma is in every ISTAT table
            raise ValueError("Roma missing from the territory table")
        province = self.geo.province(seat)
        self.used_names.add(spec["name"])
        domain = spec["domain"]
        self.used_domains.add(domain)
        form = spec["legal_form"]
        props = {
            "name": spec["name"], "kind": "ETS", "legal_form": form, "runts_section": SECTION_OF_LEGAL_FORM[form],
            "runts_number": self.runts_number(rng), "codice_fiscale": self.codice_fiscale(rng, "97", province),
            "description": spec["description"], "website": f"https://{domain}.example.it",
            "email": f"info@{domain}.example.it", "phone": self.phone(rng, province),
            "resources": ["competenze", "spazi", "finanziamenti"], "verified": True,
        }
        works_in = [seat.id] + [f"regione:{code}" for code in C.REGIONS]
        created = ORGS_FROM
        org_id = _uid("organisation", props["codice_fiscale"])
        activities, competencies = list(spec["activities"]), list(spec["competencies"])
        self.opes = _Org(org_id, "ETS", form, spec["name"], None, "12", seat, province, domain, created,
                         activities, competencies,
                         self.org_row(org_id, props, seat, works_in, activities, competencies, created))
        self.orgs.append(self.opes)

    # ---------------------------------------------------------------- public bodies

    def make_public_bodies(self) -> None:
        rng = self.rng("public")
        for region in C.REGIONS:
            self.public_bodies_of(rng, region)

    def add_public(self, rng: random.Random, form: str, name: str, seat: Territory, works_in: list[str],
                   stem: str, variant: str | None = None, email_box: str = "info") -> _Org:
        province = self.geo.province(seat)
        region = self.geo.region(seat).istat_code
        name = _euphony(name)
        self.used_names.add(name)
        domain = self.domain(stem, seat, province) if form not in ("regione", "provincia") else self._plain(stem)
        prov_phrase, prov_of, _ = _province_phrases(province)
        pools = C.PUBLIC_DESCRIPTIONS[variant or form]
        sentences = [rng.choice(pool) for pool in pools]
        description = _euphony(" ".join(
            _cap(s.format(name=_the(name), comune=seat.name, prov_of=prov_of, prov_phrase=prov_phrase))
            for s in sentences if s))
        core, more, comps = C.PUBLIC_PROFILE[form]
        activities = list(core) + rng.sample(list(more), k=min(len(more), rng.randint(0, 1)))
        competencies = rng.sample(list(comps), k=rng.randint(2, min(4, len(comps))))
        resources = list(C.PUBLIC_RESOURCES[form])
        prefix = {"comune": rng.choice(("00", "8")), "regione": "80", "provincia": rng.choice(("80", "00")),
                  "asl": rng.choice(("0", "1")), "scuola": rng.choice(("8", "9")),
                  "ambito_sociale": rng.choice(("9", "0")), "unione_comuni": rng.choice(("9", "0")),
                  "altro_pa": rng.choice(("9", "8"))}[form]
        props = {
            "name": name, "kind": "PUBLIC_BODY", "legal_form": form,
            "codice_fiscale": self.codice_fiscale(rng, prefix, province), "description": description,
            "website": f"https://{domain}.example.it", "email": f"{email_box}@{domain}.example.it",
            "phone": self.phone(rng, province), "resources": resources, "verified": rng.random() < 0.9,
        }
        created = _moment(rng, ORGS_FROM, ORGS_TO)
        org_id = _uid("organisation", props["codice_fiscale"])
        org = _Org(org_id, "PUBLIC_BODY", form, name, None, region, seat, province, domain, created, activities,
                   competencies, self.org_row(org_id, props, seat, works_in, activities, competencies, created))
        self.orgs.append(org)
        return org

    def _plain(self, stem: str) -> str:
        candidate, n = stem, 2
        while candidate in self.used_domains:
            candidate, n = f"{stem}{n}", n + 1
        self.used_domains.add(candidate)
        return candidate

    def public_bodies_of(self, rng: random.Random, region: str) -> None:
        geo = self.geo
        capital_name, _of, _count, regione_name = C.REGIONS[region]
        capital = geo.comune(region, capital_name)
        if capital is None:  # pragma: no cover
            raise ValueError(f"{capital_name} missing from the territory table")
        capital_province = geo.province(capital)
        provinces = [p for p in geo.provinces_of_region[f"regione:{region}"] if p.id != capital_province.id]
        focus = next((p for p in provinces if p.istat_code == C.FOCUS_PROVINCE), None)
        other_province = focus or rng.choice(provinces)
        region_t = geo.region(capital)
        towns = geo.towns(region)

        # Regione, provinces / metropolitan cities
        self.add_public(rng, "regione", regione_name, capital, [region_t.id], _slug(regione_name, "-"))
        for province in (capital_province, other_province):
            _, _, body = _province_phrases(province)
            self.add_public(rng, "provincia", body, geo.capoluogo(province), [province.id], _slug(body, "-"))

        # comuni: the capital, four other capoluoghi (the focus one first), three towns
        capoluoghi = [c for c in geo.capoluoghi(region) if c.id != capital.id]
        rng.shuffle(capoluoghi)
        if focus:
            capoluoghi.sort(key=lambda c: geo.province(c).id != focus.id)
        town_pool = list(towns)
        rng.shuffle(town_pool)
        if focus:
            town_pool.sort(key=lambda c: geo.province(c).id != focus.id)
        comuni = [capital] + capoluoghi[:4] + town_pool[:3]
        for comune in comuni:
            name = "Roma Capitale" if comune.name == "Roma" else f"Comune di {comune.name}"
            self.add_public(rng, "comune", name, comune, [comune.id], "comune", email_box="urp")

        # two Ambiti territoriali sociali
        numbers = rng.sample(range(1, 25), k=2)
        for number, capofila in zip(numbers, (capoluoghi[4 % len(capoluoghi)], town_pool[3 % len(town_pool)]),
                                    strict=True):
            near = [c for c in geo.comuni_of_province[capofila.parent_id or ""] if c.id != capofila.id]
            members = rng.sample(near, k=min(len(near), rng.randint(3, 6)))
            self.add_public(rng, "ambito_sociale", f"Ambito Territoriale Sociale n. {number} – {capofila.name}",
                            capofila, [capofila.id] + [c.id for c in members], f"ambito{number}")

        # health authorities of two provinces
        for province in (capital_province, other_province):
            sigla_names = C.HEALTH_BODIES.get(region, {})
            name = sigla_names.get(province.sigla) or C.HEALTH_DEFAULT[region].format(
                sigla=province.sigla, provincia=province.name)
            if name in self.used_names:
                continue
            self.add_public(rng, "asl", name, geo.capoluogo(province), [province.id], _slug(name, "-"))

        # schools: an istituto comprensivo and an istituto superiore
        ic_seat = rng.choice(comuni[:5])
        if rng.random() < 0.6:
            ic_name = f"Istituto Comprensivo {rng.choice(C.SCHOOL_NAMES)} di {ic_seat.name}"
        else:
            ic_name = f"Istituto Comprensivo n. {rng.randint(1, 12)} di {ic_seat.name}"
        while ic_name in self.used_names:
            ic_name = f"Istituto Comprensivo {rng.choice(C.SCHOOL_NAMES)} di {ic_seat.name}"
        self.add_public(rng, "scuola", ic_name, ic_seat, [ic_seat.id], "ic-" + _slug(ic_name.split(" di ")[0][21:]),
                        email_box="segreteria")
        iis_seat = rng.choice(comuni)
        iis_person = rng.choice(C.HIGH_SCHOOL_NAMES)
        iis_name = f"Istituto di Istruzione Superiore {iis_person} di {iis_seat.name}"
        self.add_public(rng, "scuola", iis_name, iis_seat, [iis_seat.id], "iis-" + _slug(iis_person),
                        variant="scuola_superiore", email_box="segreteria")

        # a union of small comuni of one province
        union_province = rng.choice([capital_province, other_province] + provinces)
        small = [c for c in geo.comuni_of_province[union_province.id]
                 if not c.capoluogo and c not in towns and c not in comuni]
        members = rng.sample(small, k=min(len(small), rng.choice((2, 3))))
        names = [c.name for c in members]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " e " + names[-1]
        self.add_public(rng, "unione_comuni", f"Unione dei Comuni di {joined}", members[0], [c.id for c in members],
                        "unione")

        # a Centro per l'Impiego
        cpi_seat = rng.choice(comuni[:5])
        near = [c for c in geo.comuni_of_province[cpi_seat.parent_id or ""] if c.id != cpi_seat.id]
        cpi_area = [cpi_seat.id] + [c.id for c in rng.sample(near, k=min(len(near), rng.randint(1, 3)))]
        self.add_public(rng, "altro_pa", f"Centro per l'Impiego di {cpi_seat.name}", cpi_seat, cpi_area, "cpi")

    # ---------------------------------------------------------------------- people

    def make_people(self) -> None:
        rng = self.rng("people")
        for org in self.orgs:
            if org is self.opes:
                for (title, gender) in C.OPES["people"]:
                    self.add_person(rng, org, female=gender == "f", title=title, admin=not org.people)
                continue
            count = 2 if rng.random() < 0.55 else 3
            titles = self.titles_for(rng, org, count)
            women = 0.9 if org.theme == "violenza" else 0.56
            for title in titles:
                self.add_person(rng, org, female=rng.random() < women, title=title, admin=not org.people)

    def titles_for(self, rng: random.Random, org: _Org, count: int) -> list[tuple[str, str]]:
        if org.kind == "PUBLIC_BODY":
            admins, members = C.PUBLIC_TITLES[org.legal_form]
        else:
            group = ("coop" if org.legal_form in ("coop_sociale_a", "coop_sociale_b", "impresa_sociale")
                     else "fondazione" if org.legal_form in ("fondazione", "ente_filantropico") else "default")
            admins = C.ETS_ADMIN_TITLES[group]
            themed = list(C.THEMES[org.theme]["titles"]) if org.theme else []
            members = themed + [t for t in C.ETS_MEMBER_TITLES if rng.random() < 0.5]
        admin = rng.choice(admins)
        pool = [t for t in members if t != admin]
        return [admin] + rng.sample(pool, k=min(len(pool), count - 1))

    def person_name(self, rng: random.Random, org: _Org, female: bool) -> tuple[str, str]:
        foreign = 0.3 if org.theme == "migranti" else 0.03
        south = org.region in ("15", "16", "19")
        area = (C.SURNAMES_SOUTH if south else C.SURNAMES_CENTRE if org.region in ("09", "12")
                else C.SURNAMES_NORTH)
        for _ in range(20):
            if rng.random() < foreign:
                women, men, surnames = rng.choice(C.FOREIGN_NAMES)
                first, last = rng.choice(women if female else men), rng.choice(surnames)
            else:
                names = C.FEMALE_NAMES if female else C.MALE_NAMES
                if south and rng.random() < 0.25:
                    names = C.SOUTH_FEMALE_NAMES if female else C.SOUTH_MALE_NAMES
                first = rng.choice(names)
                last = rng.choice(area) if rng.random() < 0.6 else rng.choice(C.SURNAMES_ITALY)
            if (first, last) not in self.used_person_names:
                break
        self.used_person_names.add((first, last))
        return first, last

    def add_person(self, rng: random.Random, org: _Org, *, female: bool, title: tuple[str, str],
                   admin: bool) -> _Person:
        first, last = self.person_name(rng, org, female)
        local = f"{_slug(first)}.{_slug(last)}"
        email, n = f"{local}@{org.domain}.example.it", 2
        while email in self.used_emails:
            email, n = f"{local}{n}@{org.domain}.example.it", n + 1
        self.used_emails.add(email)
        if admin:
            created = org.created
        else:
            created = _moment(rng, org.created + timedelta(days=1),
                              min(org.created + timedelta(days=90), PEOPLE_UNTIL))
        person_id = _uid("person", email)
        row = {
            "id": person_id,
            "props": {"name": f"{first} {last}", "email": email, "job_title": title[1] if female else title[0],
                      "locale": "it"},
            "organisation": org.id, "role": "admin" if admin else "member",
            "since": _d(created.date()), "created_at": _dt(created),
        }
        person = _Person(person_id, first, last, female, org, created, row)
        org.people.append(person)
        self.people.append(person)
        return person

    # ----------------------------------------------------------------------- needs

    def make_needs(self) -> list[dict[str, Any]]:
        rng = self.rng("needs")
        rows: list[dict[str, Any]] = []
        used_titles: set[str] = set()
        latest = NEEDS_TO - timedelta(days=2)
        ets = [o for o in self.orgs if o.kind == "ETS" and o.theme and o.created < latest
               and o.legal_form != "ente_filantropico"]
        posters = rng.sample(ets, k=min(len(ets), 128))
        plan: list[tuple[_Org, dict]] = []
        taken: dict[str, set[str]] = defaultdict(set)
        for org in posters + rng.sample(posters, k=ETS_NEEDS - len(posters)):
            options = [t for t in C.THEMES[org.theme or ""]["needs"] if t["title"] not in taken[org.id]]
            template = rng.choice(options)
            taken[org.id].add(template["title"])
            plan.append((org, template))
        public = [o for o in self.orgs if o.kind == "PUBLIC_BODY" and o.legal_form in C.PUBLIC_NEEDS
                  and o.created < latest]
        for org in rng.sample(public, k=min(len(public), PUBLIC_NEEDS)):
            plan.append((org, rng.choice(C.PUBLIC_NEEDS[org.legal_form])))
        for index, (org, template) in enumerate(plan):
            rows.append(self.need_row(rng, index, org, template, used_titles))
        self.name_others(plan, rows)
        return rows

    def name_others(self, plan: list[tuple[_Org, dict]], rows: list[dict[str, Any]]) -> None:
        """One open need of an ETS in NAMING_EVERY names an organisation of its theme in another
        province, whose work the poster wants to follow (a random stream of its own: the other
        needs stay as they were)."""
        rng = self.rng("needs-naming")
        by_theme: dict[str, list[_Org]] = defaultdict(list)
        for org in self.orgs:
            if org.kind == "ETS" and org.theme:
                by_theme[org.theme].append(org)
        for index, ((org, _template), row) in enumerate(zip(plan, rows, strict=True)):
            if index % NAMING_EVERY or org.kind != "ETS" or row["props"]["status"] != "open":
                continue
            others = [o for o in by_theme[org.theme or ""] if o.province.id != org.province.id]
            if others:
                other = rng.choice(others)
                where = "" if other.seat.name in other.name else f" a {other.seat.name}"
                sentence = rng.choice(C.NEED_NAMING).format(name=other.name, where=where)
                row["props"]["description"] = f"{row['props']['description']} {_euphony(sentence)}"

    def need_row(self, rng: random.Random, index: int, org: _Org, template: dict,
                 used_titles: set[str]) -> dict[str, Any]:
        created = _moment(rng, max(NEEDS_FROM, org.created + timedelta(days=1)), NEEDS_TO)
        status = _weighted(rng, (("open", 58), ("draft", 6), ("matched", 9), ("in_progress", 10), ("met", 7),
                                 ("closed", 4), ("expired", 6)))
        age = (TODAY - created.date()).days
        if status in ("matched", "in_progress", "met", "closed") and age < 25:
            status = "open"
        if status == "expired" and age < 10:
            status = "open"
        start = created.date()
        if status == "expired":
            deadline = start + timedelta(days=rng.randint(7, max(7, min(120, age - 2))))
        elif status in ("met", "closed"):
            deadline = start + timedelta(days=rng.randint(21, 180))
        else:
            deadline = max(start + timedelta(days=21), TODAY + timedelta(days=7)) + timedelta(days=rng.randint(0, 150))
        prov_phrase, _prov_of, _ = _province_phrases(org.province)
        slots = {"comune": org.seat.name, "prov_phrase": prov_phrase}
        help_kind = template["help"]
        volunteers = rng.randint(2, 15)
        intro = rng.choice(C.PUBLIC_NEED_INTROS if org.kind == "PUBLIC_BODY" else C.NEED_INTROS)
        first = f"{intro} {template['text'].format(**slots)}."
        when = rng.choice(C.NEED_WHEN[help_kind]).format(
            freq=rng.choice(C.NEED_FREQUENCIES), month=_month_after(start, 1), month2=_month_after(start, 3),
            hours=rng.choice((6, 8, 10, 12, 20)), k=rng.choice(("due", "tre", "quattro")),
            slot=rng.choice(C.NEED_SLOTS), amount=_thousands(rng.choice((1500, 2500, 4000, 6000, 8000, 12000, 18000))),
            pct=rng.choice((20, 30, 40, 50)), n=volunteers)
        sentences = [first, when]
        if template.get("detail") and rng.random() < 0.7:
            sentences.append(template["detail"])
        elif rng.random() < 0.5:
            sentences.append(rng.choice(C.NEED_CLOSINGS.get(help_kind, C.NEED_CLOSINGS["default"])))
        title = template["title"]
        for candidate in (title, f"{title} a {org.seat.name}", f"{title} ({org.seat.name}, {start.year})"):
            if candidate not in used_titles:
                title = candidate
                break
        used_titles.add(title)
        props: dict[str, Any] = {
            "title": _euphony(title), "description": _euphony(" ".join(sentences)),
            "beneficiaries": template["benef"].format(**slots), "help_kind": help_kind, "status": status,
        }
        if help_kind == "volontari":
            props["volunteers_needed"] = volunteers
        if template.get("in_person"):  # a competence given where the need is (an instructor, a guide)
            props["in_person"] = True
        for requirement in ("only_verified", "only_runts", "helpers_within"):  # who may help (NeedInput)
            if template.get(requirement):
                props[requirement] = template[requirement]
        territory = org.seat.id if rng.random() < 0.7 else org.province.id
        comps = list(template["comps"])
        if len(comps) < 3 and rng.random() < 0.3:
            extra = [c for c in org.competencies if c not in comps]
            if extra:
                comps.append(rng.choice(extra))
        return {
            "id": _uid("need", f"{org.id}:{index}"), "props": props, "organisation": org.id,
            "territory": territory, "activity": template["activity"], "competencies": comps,
            "created_at": _dt(created), "deadline": _d(deadline),
        }

    # ---------------------------------------------------------------- partnerships

    def make_partnerships(self) -> list[dict[str, Any]]:
        rng = self.rng("partnerships")
        ets_by_theme: dict[str, list[_Org]] = defaultdict(list)
        for org in self.orgs:
            if org.kind == "ETS" and org.theme:
                ets_by_theme[org.theme].append(org)
        themes = [(key, len(orgs)) for key, orgs in ets_by_theme.items()]
        public_by_region: dict[str, list[_Org]] = defaultdict(list)
        for org in self.orgs:
            if org.kind == "PUBLIC_BODY":
                public_by_region[org.region].append(org)
        used_titles: set[str] = set()
        rows = []
        for index in range(PARTNERSHIP_COUNT):
            theme_key = _weighted(rng, themes)
            theme = C.THEMES[theme_key]
            lead_ets = rng.choice(ets_by_theme[theme_key])
            region = lead_ets.region
            public = [o for o in public_by_region[region] if o.legal_form in theme["public_forms"]]
            public.sort(key=lambda o: o.province.id != lead_ets.province.id)  # same province first
            size = _weighted(rng, ((2, 15), (3, 30), (4, 30), (5, 15), (6, 10)))
            members = [lead_ets]
            if public and rng.random() < 0.7:
                near = public[:4] if len(public) > 4 else public
                members.append(rng.choice(near))
                if rng.random() < 0.25:
                    members.insert(0, members.pop())  # the public body leads (co-programmazione)
            fitting = [o for o in self.orgs if o.kind == "ETS" and o.region == region and o not in members
                       and (o.theme == theme_key or set(o.activities) & set(theme["activities"]))]
            rng.shuffle(fitting)
            fitting.sort(key=lambda o: o.theme != theme_key)
            while len(members) < size and fitting:
                members.append(fitting.pop(0))
            if (len(members) < 6 and rng.random() < 0.12) or len(members) < 2:
                elsewhere = [o for o in ets_by_theme[theme_key] if o.region != region and o not in members]
                if elsewhere:
                    members.append(rng.choice(elsewhere))
            if len(members) < 2:  # nobody else works on the theme: the comune of the seat, or any ETS around
                around = [o for o in public_by_region[region] if o.legal_form == "comune"] or [
                    o for o in self.orgs if o.region == region and o not in members]
                members.append(rng.choice(around))
            lead = members[0]
            prov_phrase, prov_of, _ = _province_phrases(lead.province)
            slots = {"comune": lead.seat.name, "prov_phrase": prov_phrase, "prov_of": prov_of}
            base = rng.choice(theme["projects"]).format(**slots)
            title = next(t for t in (base, f"{base} – {lead.seat.name}", f"{base} – {lead.seat.name} {index + 1}")
                         if t not in used_titles)
            used_titles.add(title)
            title = _euphony(title)
            funders = [f.format(regione=C.REGIONS[region][3]) for f in theme["funders"]]
            funders += list(C.REGIONAL_FUNDERS.get(region, ()))
            if lead.province.istat_code == C.FOCUS_PROVINCE:
                funders += list(C.FOCUS_FUNDERS) * 2
            comuni = [o for o in members if o.legal_form == "comune"]
            for funder in C.NATIONAL_FUNDERS:
                if "{comune}" in funder:
                    if comuni:
                        funders.append(f"{comuni[0].name} – co-progettazione ex art. 55 CTS")
                else:
                    funders.append(funder.format(regione=C.REGIONS[region][3]))
            span = (PROJECTS_TO - PROJECTS_FROM).days
            start = PROJECTS_TO - timedelta(days=int(rng.triangular(0, span, span * 0.25)))
            end = start + timedelta(days=int(rng.choice((12, 18, 24, 30, 36)) * 30.4))
            rows.append({
                "id": _uid("partnership", f"{self.seed}:{index}"),
                "props": {"title": title, "theme": theme["label"], "status": "active" if end >= TODAY else "concluded",
                          "funder": rng.choice(funders)},
                "members": [{"organisation": o.id, "role": "lead" if i == 0 else "partner"}
                            for i, o in enumerate(members)],
                "start": _d(start), "end": _d(end),
            })
        return rows

    # ------------------------------------------------------------ communities, forum

    def make_communities(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        rng = self.rng("communities")
        communities, topics = [], []
        launch = datetime(2025, 10, 6, 17, 30)
        for index, spec in enumerate(C.COMMUNITIES):
            created = launch + timedelta(days=7 * index, minutes=rng.randint(0, 90))
            eligible = [p for p in self.people if p.created <= created and p.org is not self.opes]

            def fits(person: _Person, spec: dict = spec) -> bool:
                org = person.org
                if org.kind == "PUBLIC_BODY":
                    return org.legal_form in spec["public_forms"]
                return org.theme in spec["themes"] or bool(set(org.activities) & set(spec["activities"]))

            candidates = [p for p in eligible if fits(p)]
            public = [p for p in candidates if p.org.kind == "PUBLIC_BODY"]
            private = [p for p in candidates if p.org.kind == "ETS"]
            target = rng.randint(32, 48)
            share = 0.35 if spec["slug"] == "amministrazione-condivisa" else 0.15
            n_public = min(len(public), round(target * share))
            members = rng.sample(public, k=n_public) + rng.sample(private, k=min(len(private), target - n_public))
            rng.shuffle(members)
            facilitators = [self.opes.people[index % len(self.opes.people)]]
            admins = [p for p in members if p.row["role"] == "admin" and p.org.kind == "ETS"
                      and p.org.theme in spec["themes"]]
            if admins and rng.random() < 0.7:
                facilitators.append(rng.choice(admins))
            community_id = _uid("community", spec["slug"])
            forum = _Forum(self, rng, spec, community_id, created, members, facilitators, eligible)
            for t_index, topic in enumerate(spec["topics"]):
                topics.append(forum.topic(t_index, topic))
            everyone = facilitators + [p for p in forum.members if p not in facilitators]
            communities.append({
                "id": community_id,
                "props": {"slug": spec["slug"], "name": spec["name"], "description": spec["description"],
                          "membership_mode": spec["membership_mode"]},
                "activities": list(spec["activities"]),
                "facilitators": [p.id for p in facilitators],
                "members": [p.id for p in everyone],
                "created_at": _dt(created),
            })
        return communities, topics


    # ----------------------------------------------------------------------- verification

    def make_verification_requests(self) -> list[dict[str, Any]]:
        """Requests of verification by the administrators of ETS (services.verification): of the
        verified ones, some approved; of the others, some waiting, some not accepted (a few asked
        again since). Drawn from a random stream of their own: the rest of the demo is unchanged."""
        rng = self.rng("verification")
        rows: list[dict[str, Any]] = []
        latest = datetime.combine(TODAY, datetime.min.time()) + timedelta(hours=9)

        def request(org: _Org, status: str, asked: datetime, **props: Any) -> datetime:
            """Its row; when it was decided (when it was asked, for a pending one)."""
            decided = asked + timedelta(days=rng.randint(1, 12), hours=rng.randint(1, 6))
            org_props = org.row["props"]
            message = rng.choice(C.VERIFICATION_MESSAGES).format(
                section=(org_props.get("runts_section") or "").upper(), number=org_props.get("runts_number") or "",
                person=org.people[0].row["props"]["name"], phone=org_props.get("phone") or "")
            rows.append({"id": _uid("verification", f"{org.id}:{len(rows)}"), "organisation": org.id,
                         "person": org.people[0].id, "created_at": _dt(asked),
                         "decided_at": None if status == "pending" else _dt(decided),
                         "props": {"status": status, "message": message, **props}})
            return asked if status == "pending" else decided

        for org in self.orgs:
            if org.kind != "ETS" or not org.people or org is self.opes:
                continue
            # decided at most 12 days and 6 hours later: before the demo's today
            first = _moment(rng, org.created + timedelta(hours=12), min(org.created + timedelta(days=120),
                                                                        latest - timedelta(days=13)))
            if org.row["props"]["verified"]:
                if rng.random() < 0.5:
                    request(org, "approved", first)
                continue
            draw = rng.random()
            if draw < 0.2:
                request(org, "pending", _moment(rng, max(org.created, latest - timedelta(days=40)), latest))
            elif draw < 0.3:
                reason, note = rng.choice(C.VERIFICATION_REFUSALS)
                decided = request(org, "refused", first, reason=reason, note=note)
                if rng.random() < 0.4:  # asked again lately: a request waits a few weeks at most
                    request(org, "pending", _moment(rng, max(decided + timedelta(hours=6),
                                                             latest - timedelta(days=30)), latest))
        return rows


class _Forum:
    """Writes the topics of one community, choosing authors that fit each post."""

    def __init__(self, builder: _Builder, rng: random.Random, spec: dict, community_id: str, created: datetime,
                 members: list[_Person], facilitators: list[_Person], eligible: list[_Person]) -> None:
        self.builder, self.rng, self.spec = builder, rng, spec
        self.community_id, self.created = community_id, created
        self.members, self.facilitators = members, facilitators
        self.eligible = [p for p in eligible if p not in facilitators]
        # reactions and solutions draw from their own stream: the discussions stay as they were
        self.extras = builder.rng(f"forum-extras/{community_id}")

    @staticmethod
    def _parse(who: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
        who, _, regions = who.partition("@")
        kind, _, forms = who.partition(":")
        return kind, tuple(f for f in forms.split(",") if f), tuple(r for r in regions.split(",") if r)

    def pick(self, who: str, exclude: set[str], avoid: set[str]) -> _Person:
        kind, forms, regions = self._parse(who)

        def ok(person: _Person, use_forms: bool, use_regions: bool) -> bool:
            org = person.org
            if person.id in exclude or person in self.facilitators:
                return False
            if kind == "pa" and org.kind != "PUBLIC_BODY":
                return False
            if kind == "ets" and org.kind != "ETS":
                return False
            if use_forms and forms and org.legal_form not in forms:
                return False
            return not (use_regions and regions and org.region not in regions)

        for use_forms, use_regions in ((True, True), (True, False), (False, False)):
            for pool, joins in ((self.members, False), (self.eligible, True)):
                found = [p for p in pool if ok(p, use_forms, use_regions)]
                fresh = [p for p in found if p.id not in avoid]
                if fresh or found:
                    person = self.rng.choice(fresh or found)
                    if joins and person not in self.members and len(self.members) < 56:
                        self.members.append(person)
                    elif joins and person not in self.members:
                        continue
                    return person
        return self.rng.choice([p for p in self.members if p.id not in exclude])

    def topic(self, index: int, spec: dict) -> dict[str, Any]:
        rng = self.rng
        op = self.pick(spec["author"], set(), set())
        opened = _moment(rng, self.created + timedelta(days=TOPICS_FROM_DAYS), TOPICS_UNTIL)
        moment = opened
        topic_id = _uid("topic", f"{self.community_id}:{index}")
        replies = spec["replies"]
        count = rng.randint(max(2, len(replies) - 2), len(replies))
        thread: list[_Person] = [op]
        posts = []
        for r_index, (who, text) in enumerate(replies[:count]):
            previous = thread[-1]
            if who == "op":
                author = op
            elif who == "fac":
                author = rng.choice(self.facilitators)
            elif who == "back" and len(thread) >= 2:
                author = thread[-2]
            elif re.fullmatch(r"r\d", who) and int(who[1:]) < len(thread):
                author = thread[int(who[1:])]
            else:
                fallback = who in ("back",) or re.fullmatch(r"r\d", who) is not None
                author = self.pick("any" if fallback else who, {op.id, previous.id}, {p.id for p in thread})
            moment = _daytime(rng, moment + timedelta(minutes=rng.randint(35, 60 * 40)))
            earlier = {f"r{n}": thread[n].first if n < len(thread) else previous.first for n in range(1, 9)}
            body = _euphony(text.format(comune=author.org.seat.name, prev=previous.first, op=op.first, **earlier))
            posts.append({"id": _uid("post", f"{topic_id}:{r_index}"), "author": author.id, "body": body,
                          "created_at": _dt(moment), "number": r_index + 1})
            thread.append(author)
        solution = self.solution(op, posts, spec.get("solved", False))
        return {
            "id": topic_id,
            "props": {"title": spec["title"], "body": spec["body"], "community_id": self.community_id,
                      "reply_count": len(posts), "last_number": len(posts), "version": 1, "pinned": False,
                      "locked": False, "hidden": False},
            "community": self.community_id, "author": op.id, "created_at": _dt(opened), "posts": posts,
            "last_activity_at": posts[-1]["created_at"] if posts else _dt(opened),
            "reactions": self.reactions(op, posts), "solution": solution,
            "flags": self.flags(topic_id, op, posts, solution, spec.get("flagged")),
        }

    def flags(self, topic_id: str, op: _Person, posts: list[dict[str, Any]], solution: str,
              flagged: tuple[str, str] | None) -> list[dict[str, Any]]:
        """The open flag the content asks for (``flagged``: reason, text): the topic starter flags the
        latest reply that is neither theirs, nor a facilitator's, nor the solution."""
        facilitators = {p.id for p in self.facilitators}
        targets = [p for p in posts if p["author"] not in facilitators | {op.id} and p["id"] != solution]
        if not flagged or not targets:
            return []
        target = targets[-1]
        at = datetime.strptime(target["created_at"], "%Y-%m-%dT%H:%M:%SZ") + timedelta(hours=3)
        return [{"id": _uid("flag", target["id"]), "person": op.id, "target": target["id"],
                 "reason": flagged[0], "text": flagged[1], "at": _dt(at)}]

    def reactions(self, op: _Person, posts: list[dict[str, Any]]) -> list[dict[str, str]]:
        """A few members find replies useful, thank or agree (never on their own posts)."""
        rng, found = self.extras, []
        for post in posts:
            when = datetime.fromisoformat(post["created_at"].removesuffix("Z"))
            everyone = {p.id: p for p in self.facilitators + self.members}
            readers = [p for p in everyone.values() if p.id != post["author"] and p.created <= when]
            for person in rng.sample(readers, k=min(len(readers), rng.choice((0, 0, 1, 1, 2, 3)))):
                kind = "grazie" if person is op else rng.choice(("utile", "utile", "daccordo", "grazie"))
                found.append({"person": person.id, "target": post["id"], "kind": kind,
                              "at": _dt(when + timedelta(minutes=rng.randint(5, 600)))})
        return found

    def solution(self, op: _Person, posts: list[dict[str, Any]], solved: bool = False) -> str:
        """About half the topics (and every one the content marks ``solved``: those written up in
        the showcase) have an accepted solution: a facilitator's reply if there is one, else the
        longest reply by someone other than the starter. "" when none."""
        if not posts or (self.extras.random() >= 0.5 and not solved):
            return ""
        facilitators = {p.id for p in self.facilitators}
        by_facilitator = [p for p in posts if p["author"] in facilitators]
        others = [p for p in posts if p["author"] != op.id]
        if by_facilitator:
            return by_facilitator[-1]["id"]
        return max(others, key=lambda p: len(p["body"]))["id"] if others else ""


def _quota(shares: dict[str, int], total: int) -> list[str]:
    """``total`` items split by ``shares`` (largest remainder), every key at least once."""
    weight = sum(shares.values())
    exact = {k: total * v / weight for k, v in shares.items()}
    counts = {k: max(1, int(x)) for k, x in exact.items()}
    for key in sorted(exact, key=lambda k: exact[k] - int(exact[k]), reverse=True):
        if sum(counts.values()) >= total:
            break
        counts[key] += 1
    items = [k for k, n in counts.items() for _ in range(n)]
    return items[:total]


def _require(condition: bool, what: object) -> None:
    if not condition:
        raise ValueError(f"demo content refers to an unknown code: {what!r}")


def _check_vocabularies() -> None:
    """Fail loudly if the content refers to codes the reference vocabularies do not have."""
    for form in list(C.LEGAL_FORM_SHARE) + list(C.FORM_THEMES):
        _require(form in ETS_LEGAL_FORMS, form)
    for form in C.PUBLIC_PROFILE:
        _require(form in PUBLIC_LEGAL_FORMS, form)
    for theme in C.THEMES.values():
        for code in theme["activities"] + theme["more_activities"]:
            _require(code in ACTIVITIES, code)
        for cid in theme["competencies"] + theme["more_competencies"]:
            _require(cid in COMPETENCIES, cid)
        for resource in theme["resources"]:
            _require(resource in RESOURCES, resource)
        for need in theme["needs"]:
            _require(need["help"] in HELP_KINDS and need["activity"] in ACTIVITIES, need["title"])
            _require(all(c in COMPETENCIES for c in need["comps"]), need["title"])
    for needs in C.PUBLIC_NEEDS.values():
        for need in needs:
            _require(need["help"] in HELP_KINDS and need["activity"] in ACTIVITIES, need["title"])
            _require(all(c in COMPETENCIES for c in need["comps"]), need["title"])
    for _core, _more, comps in C.PUBLIC_PROFILE.values():
        _require(all(c in COMPETENCIES for c in comps), comps)
    for spec in C.COMMUNITIES:
        _require(spec["membership_mode"] in MEMBERSHIP_MODES, spec["slug"])
        _require(all(code in ACTIVITIES for code in spec["activities"]), spec["slug"])
    _require({"open", "expired"} <= set(NEED_STATUSES), "need statuses")


def generate(territories: TerritoryTable, seed: int = 2022) -> DemoData:
    """The demo data set for ``seed``: same seed, same rows."""
    _check_vocabularies()
    builder = _Builder(territories, seed)
    builder.make_ets()
    builder.make_public_bodies()
    builder.make_people()
    needs = builder.make_needs()
    partnerships = builder.make_partnerships()
    communities, topics = builder.make_communities()
    verification_requests = builder.make_verification_requests()
    return DemoData(
        organisations=[o.row for o in builder.orgs],
        people=[p.row for p in builder.people],
        needs=needs,
        partnerships=partnerships,
        communities=communities,
        topics=topics,
        best_practices=make_best_practices([o.row for o in builder.orgs], [p.row for p in builder.people],
                                           communities, topics, territories, seed, _uid),
        verification_requests=verification_requests,
    )
