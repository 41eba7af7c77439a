"""Resolve what people type as a place ("Biella", "castro (LE)", "096004") to an ISTAT
territory, in memory from the reference table: no database round trip for a form field."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mentore.reference.territories import Territory, load_istat
from mentore.reference.vocabularies import N_, Message

_SIGLA = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<sigla>[A-Za-z]{2})\s*\)\s*$")


def fold(text: str) -> str:
    """Lower case, no accents, single spaces, apostrophes unified: how place names are compared."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(text.lower().replace("-", " ").split())


@dataclass(frozen=True)
class Resolution:
    territory: Territory | None
    candidates: tuple[Territory, ...] = ()  # when the name is ambiguous

    @property
    def ambiguous(self) -> bool:
        return self.territory is None and len(self.candidates) > 1


@dataclass(frozen=True)
class Gazetteer:
    by_id: dict[str, Territory]
    comuni_by_name: dict[str, tuple[Territory, ...]]
    comuni_by_code: dict[str, Territory]

    def resolve_comune(self, text: str) -> Resolution:
        text = (text or "").strip()
        if not text:
            return Resolution(None)
        if text.startswith("comune:") and text in self.by_id:
            return Resolution(self.by_id[text])
        if text.isdigit():
            return Resolution(self.comuni_by_code.get(text.zfill(6)))
        sigla = None
        match = _SIGLA.match(text)
        if match:
            text, sigla = match["name"], match["sigla"].upper()
        found = self.comuni_by_name.get(fold(text), ())
        if sigla:
            found = tuple(t for t in found if t.sigla == sigla)
        if len(found) == 1:
            return Resolution(found[0])
        return Resolution(None, found)

    def label(self, territory_id: str) -> str:
        t = self.by_id.get(territory_id)
        if t is None:
            return territory_id
        return f"{t.name} ({t.sigla})" if t.level == "comune" and t.sigla else t.name

    def ancestors(self, territory_id: str) -> list[Territory]:
        """The territory and the ones above it, nearest first."""
        chain = []
        current = self.by_id.get(territory_id)
        while current is not None:
            chain.append(current)
            current = self.by_id.get(current.parent_id) if current.parent_id else None
        return chain

    def areas(self) -> list[tuple[Territory, list[Territory]]]:
        """Regions with their provinces, for territory pickers."""
        table = load_istat()
        provinces = defaultdict(list)
        for p in table.provinces:
            provinces[p.parent_id].append(p)
        return [(r, sorted(provinces[r.id], key=lambda p: p.name)) for r in sorted(table.regions, key=lambda r: r.name)]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    table = load_istat()
    by_name: dict[str, list[Territory]] = defaultdict(list)
    for comune in table.comuni:
        by_name[fold(comune.name)].append(comune)
        # bilingual comuni: Bolzano / Bozen, Aosta / Aoste (not twice: Gais / Gais, Lana / Lana)
        if comune.other_name and fold(comune.other_name) != fold(comune.name):
            by_name[fold(comune.other_name)].append(comune)
    return Gazetteer(
        by_id={t.id: t for t in table.all()},
        comuni_by_name={k: tuple(v) for k, v in by_name.items()},
        comuni_by_code={c.istat_code: c for c in table.comuni},
    )


# ----------------------------------------------------------------------------- any level

_PROVINCE_PREFIX = re.compile(r"^(provincia|citta metropolitana|città metropolitana)( di| del| della| dell'?)?\s+",
                              re.IGNORECASE)
_REGION_PREFIX = re.compile(r"^regione\s+", re.IGNORECASE)


def _areas_by_name() -> tuple[dict[str, str], dict[str, str]]:
    table = load_istat()
    regions = {fold(r.name): r.id for r in table.regions}
    for r in table.regions:  # "Valle d'Aosta/Vallée d'Aoste", "Trentino-Alto Adige/Südtirol"
        for part in r.name.split("/"):
            regions.setdefault(fold(part), r.id)
    provinces = {fold(p.name): p.id for p in table.provinces}
    for p in table.provinces:
        for part in p.name.split("/"):
            provinces.setdefault(fold(part), p.id)
        if p.sigla:
            provinces.setdefault(fold(p.sigla), p.id)
    return regions, provinces


def place_label(territory_id: str) -> str:
    """How a territory is written back in the form (and shown): it resolves to itself again."""
    t = gazetteer().by_id.get(territory_id)
    if t is None:
        return territory_id
    if t.level == "provincia":
        return f"Provincia di {t.name}"
    return gazetteer().label(territory_id)


def resolve_place(text: str) -> str:
    """A comune ("Biella", "Castro (LE)"), a province ("Provincia di Biella") or a region
    ("Piemonte", "Regione Molise") → its territory id; ValueError whose argument is a Message
    (the Italian text, translated by the web layer)."""
    text = " ".join((text or "").split())
    if text in gazetteer().by_id:
        return text
    regions, provinces = _areas_by_name()
    if _REGION_PREFIX.match(text):
        found = regions.get(fold(_REGION_PREFIX.sub("", text)))
        if found:
            return found
        raise ValueError(Message(N_("Regione non trovata: «%(place)s»."), place=text))
    if _PROVINCE_PREFIX.match(text):
        found = provinces.get(fold(_PROVINCE_PREFIX.sub("", text)))
        if found:
            return found
        raise ValueError(Message(N_("Provincia non trovata: «%(place)s»."), place=text))
    if fold(text) in regions:  # "Molise" is the region; the comune is "Molise (CB)"
        return regions[fold(text)]
    refused = area_refusal(text)
    if refused is not None:  # "Salento": no one place; the comune of that name is "Salento (SA)"
        raise ValueError(refused)
    resolution = gazetteer().resolve_comune(text)
    if resolution.territory is not None:
        return resolution.territory.id
    if resolution.ambiguous:
        options = ", ".join(f"{c.name} ({c.sigla})" for c in resolution.candidates)
        raise ValueError(Message(N_("Più comuni si chiamano «%(place)s»: aggiungi la sigla della provincia "
                                    "(%(options)s)."), place=text, options=options))
    raise ValueError(Message(N_("Luogo non trovato: «%(place)s». Scrivi un comune, «Provincia di …» o il nome "
                                "della regione."), place=text))


def resolve_places(text: str) -> tuple[str, ...]:
    """What the partner finder's territory field takes: a place as ``resolve_place`` reads it, or
    an area of _AREAS ("Salento", "Val di Susa"): the provinces it lies in. ValueError as there."""
    area = area_named(text)
    return area[1] if area is not None else (resolve_place(text),)


def area_named(text: str) -> tuple[str, tuple[str, ...]] | None:
    """The area of _AREAS whose name ``text`` is, written as there, and its provinces' ids."""
    name = _AREA_NAMES.get(fold(text or ""))
    if name is None:
        return None
    return name, tuple(p.id for p in _names()[fold(name)]["area"])


def area_refusal(text: str) -> Message | None:
    """Why ``text`` cannot be a place field's one place when it is an area of _AREAS ("Salento"
    lies in three provinces; the comune of that name is "Salento (SA)"), offering the area's
    provinces; None otherwise."""
    area = area_named(text)
    if area is None:
        return None
    name, ids = area
    comuni = gazetteer().comuni_by_name.get(fold(name), ())
    options = ", ".join(place_label(p) for p in ids)
    if len(comuni) == 1:
        return Message(N_("«%(place)s» è una zona, non un comune: scrivi il comune oppure la provincia "
                          "(%(options)s). Il comune con questo nome è «%(comune)s»."),
                       place=name, options=options, comune=gazetteer().label(comuni[0].id))
    return Message(N_("«%(place)s» è una zona, non un comune: scrivi il comune oppure la provincia "
                      "(%(options)s)."), place=name, options=options)


# ----------------------------------------------------------------------------- suggestions while typing

#: The levels a place field may take, in the order suggestions list them.
PLACE_LEVELS = ("regione", "provincia", "area", "comune")
#: Words a name's later part may not start with to be matched on its own ("Val di Susa" is found
#: by "susa", not by "di").
_SHORT = 3


@dataclass(frozen=True)
class PlaceOption:
    """A place as a field takes it (``name``: "Biella (BI)", "Provincia di Biella", "Piemonte",
    "Salento"), its level and its territories (an area's: its provinces)."""

    name: str
    level: str
    ids: tuple[str, ...]
    capoluogo: bool = False


@lru_cache(maxsize=1)
def _place_keys() -> tuple[list[str], list[PlaceOption], dict[PlaceOption, frozenset[str]]]:
    """Sorted keys (each folded name, and its later parts from a word of more than _SHORT
    letters on), the option of each key, and the full folded names of each option."""
    table = load_istat()
    options: dict[PlaceOption, set[str]] = defaultdict(set)
    for r in table.regions:
        options[PlaceOption(r.name, "regione", (r.id,))].update(fold(part) for part in r.name.split("/"))
    for p in table.provinces:
        option = PlaceOption(place_label(p.id), "provincia", (p.id,))
        options[option].update({fold(part) for part in p.name.split("/")} | {fold(option.name)})
    for area in _AREA_NAMES.values():
        options[PlaceOption(area, "area", area_named(area)[1])].add(fold(area))
    for c in table.comuni:
        option = PlaceOption(gazetteer().label(c.id), "comune", (c.id,), c.capoluogo)
        options[option].update(fold(n) for n in (c.name, c.other_name) if n)
    keys = []
    for option, names in options.items():
        for name in names:
            words = name.split(" ")
            keys.extend((" ".join(words[i:]), option) for i in range(len(words))
                        if i == 0 or len(words[i]) > _SHORT)
    keys.sort(key=lambda k: k[0])
    return [k for k, _ in keys], [o for _, o in keys], {o: frozenset(n) for o, n in options.items()}


def suggest_places(text: str, levels: Sequence[str] = PLACE_LEVELS, limit: int = 10) -> list[PlaceOption]:
    """Places whose name, or a later word of it, starts with what was typed (folded: "biel",
    "susa", "provincia di bi"), at most ``limit``: the place of that very name first, then
    regions, provinces, areas and comuni (chief towns of a province first), shorter names first.
    Nothing for less than two letters."""
    typed = fold(text or "")
    if len(typed) < 2:
        return []
    keys, options, names = _place_keys()
    found: dict[PlaceOption, bool] = {}
    for i in range(bisect_left(keys, typed), len(keys)):
        if not keys[i].startswith(typed):
            break
        if options[i].level in levels:
            found[options[i]] = True
    rank = {level: i for i, level in enumerate(PLACE_LEVELS)}
    return sorted(found, key=lambda o: (typed not in names[o], not o.capoluogo, rank[o.level], len(o.name),
                                        o.name))[:limit]


# ----------------------------------------------------------------------------- places in a text

#: Words after which a capitalised name is read as a place: prepositions (simple, articled,
#: elided), the nouns that introduce one ("provincia di", "Comune di", "Regione") and the part
#: of one ("nell'Alto Salento", "nella bassa Val di Susa"); in English, as a project written
#: for a European call names them ("the University of Parma", "based in Milan", and after the
#: article, "in the Veneto region"). A name anywhere else ("Fermo restando", "America Latina",
#: "enti di Terzo Settore", "the Pareto optimum") is not a place.
_CUES = frozenset("""a ad di da in per su tra fra verso presso nel nella nello nei negli nelle nell del della
dello dei degli delle dell al alla allo ai agli alle all dal dalla dallo dai dagli dalle dall sul sulla sullo sui con
sugli sulle sull comune provincia citta regione territorio area zona metropolitana quartiere
alto alta basso bassa
of at from near around across throughout within""".split())
#: Words that carry on a list of places: "a Biella, Vercelli e Novara", "in Turin, Asti and Novara".
_LIST = frozenset({",", "e", "ed", "o", "and", "or"})
#: What may come after a place that carries on a list: more of it, or its end.
_AFTER_LISTED = _LIST | {".", ";", ":", "!", "?", ")"}
#: The level a word before the name asks for ("provincia di Biella": the province, not the comune).
_LEVEL_WORDS = {"provincia": "provincia", "metropolitana": "provincia", "regione": "regione", "comune": "comune",
                "citta": "comune", "province": "provincia", "region": "regione", "municipality": "comune"}
_TOKENS = re.compile(r"[^\W\d_]+|[,;:.!?()]")
_SIGLA_AFTER = re.compile(r"\s*\(\s*([A-Z]{2})\s*\)")
_LONGEST_NAME = 7  # words ("San Giovanni in Fiore", "Castel San Pietro Terme", "Reggio nell'Emilia")
#: Comuni named like a word or a first name of everyday Italian ("enti del Terzo settore", "il
#: Progetto di Vita", "a Rosa"), like a name people write after a preposition ("Leonardo da
#: Vinci", "alla Cattolica", "the Pareto front", "of Candida albicans"), or like a city abroad
#: ("in Cologne", "of Burgos"): a place only after "Comune di".
_COMMON_WORDS = frozenset({"ala", "arena", "burgos", "campagna", "candida", "cattolica", "cologne", "fonte", "lago",
                           "laghi", "monti", "opera", "ora", "paese", "pareto", "ponte", "ponti", "re", "rosa",
                           "sale", "stella", "terzo", "viale", "vinci", "vita"})
#: Names in common use besides the official ones: (level, official name).
_ALIASES = {"Roma Capitale": ("comune", "Roma"), "Alto Adige": ("provincia", "Bolzano"),
            "Trentino": ("provincia", "Trento"), "Friuli": ("regione", "Friuli-Venezia Giulia"),
            "Brianza": ("provincia", "Monza e della Brianza"),
            "Monza e Brianza": ("provincia", "Monza e della Brianza"), "South Tyrol": ("provincia", "Bolzano")}
#: The English names of Italian places (an English text says "Milan"): each stands for every
#: place of the Italian name (the comune, and the province named after it).
_EXONYMS = {"Rome": "Roma", "Milan": "Milano", "Turin": "Torino", "Naples": "Napoli", "Florence": "Firenze",
            "Venice": "Venezia", "Genoa": "Genova", "Padua": "Padova", "Mantua": "Mantova", "Lombardy": "Lombardia",
            "Tuscany": "Toscana", "Piedmont": "Piemonte", "Sicily": "Sicilia", "Sardinia": "Sardegna",
            "Apulia": "Puglia", "Latium": "Lazio", "Aosta Valley": "Valle d'Aosta"}
#: Areas known by a name of their own that are no ISTAT unit ("in Val di Susa", "nel Salento",
#: "dell'Irpinia"), and the sigle of the provinces they lie in: those provinces are the places.
#: An area comes before a comune of the same name (the comune of Salento (SA) only after
#: "Comune di").
_AREAS = {
    "Val di Susa": ("TO",), "Valle di Susa": ("TO",), "Valsusa": ("TO",), "Canavese": ("TO",), "Valsesia": ("VC",),
    "Ossola": ("VB",), "Biellese": ("BI",), "Langhe": ("CN",), "Roero": ("CN",), "Monferrato": ("AL", "AT"),
    "Valtellina": ("SO",), "Valcamonica": ("BS",), "Val Camonica": ("BS",), "Valle Camonica": ("BS",),
    "Franciacorta": ("BS",), "Lomellina": ("PV",), "Oltrepò Pavese": ("PV",), "Cadore": ("BL",),
    "Polesine": ("RO",), "Valpolicella": ("VR",), "Lessinia": ("VR",), "Carnia": ("UD",), "Carso": ("TS", "GO"),
    "Lunigiana": ("MS",), "Garfagnana": ("LU",), "Versilia": ("LU",), "Mugello": ("FI",), "Casentino": ("AR",),
    "Chianti": ("FI", "SI"), "Maremma": ("GR",), "Ciociaria": ("FR",), "Tuscia": ("VT",), "Agro Pontino": ("LT",),
    "Marsica": ("AQ",), "Irpinia": ("AV",), "Sannio": ("BN",), "Cilento": ("SA",), "Gargano": ("FG",),
    "Salento": ("LE", "BR", "TA"), "Vulture": ("PZ",), "Aspromonte": ("RC",), "Madonie": ("PA",),
    "Nebrodi": ("ME",), "Gallura": ("SS",), "Barbagia": ("NU",), "Ogliastra": ("NU",), "Sulcis": ("SU",),
}
#: The area around a province's city, named by its adjective: "nel Cuneese", "nell'Astigiano",
#: "nella Bergamasca" (not "Romano", "Udinese", "Pavese", "Perugino": first names, surnames or a
#: club more often than places). Bergamasco (AL) and Pisano (NO) are comuni too: as for Salento,
#: the comune only after "Comune di" or with its sigla.
_PROVINCE_AREAS = {
    "TO": ("Torinese",), "VC": ("Vercellese",), "NO": ("Novarese",), "CN": ("Cuneese",), "AT": ("Astigiano",),
    "AL": ("Alessandrino",), "VB": ("Verbano",), "MI": ("Milanese",), "BG": ("Bergamasco", "Bergamasca"),
    "BS": ("Bresciano",), "CO": ("Comasco",), "VA": ("Varesotto",), "LC": ("Lecchese",), "CR": ("Cremonese",),
    "MN": ("Mantovano",), "LO": ("Lodigiano",), "SO": ("Sondriese",), "TV": ("Trevigiano",), "PD": ("Padovano",),
    "VI": ("Vicentino",), "VR": ("Veronese",), "VE": ("Veneziano",), "BL": ("Bellunese",), "RO": ("Rodigino",),
    "GO": ("Goriziano",), "PN": ("Pordenonese",), "TS": ("Triestino",), "GE": ("Genovesato",), "SV": ("Savonese",),
    "SP": ("Spezzino",), "IM": ("Imperiese",), "BO": ("Bolognese",), "MO": ("Modenese",), "RE": ("Reggiano",),
    "PR": ("Parmense",), "PC": ("Piacentino",), "FE": ("Ferrarese",), "RA": ("Ravennate",),
    "FC": ("Forlivese", "Cesenate"), "RN": ("Riminese",), "FI": ("Fiorentino",), "PI": ("Pisano",),
    "LI": ("Livornese",), "LU": ("Lucchese",), "PT": ("Pistoiese",), "PO": ("Pratese",), "AR": ("Aretino",),
    "SI": ("Senese",), "GR": ("Grossetano",), "AN": ("Anconetano",), "MC": ("Maceratese",), "FM": ("Fermano",),
    "AP": ("Ascolano",), "PU": ("Pesarese",), "TR": ("Ternano",), "VT": ("Viterbese",), "RI": ("Reatino",),
    "FR": ("Frusinate",), "LT": ("Pontino",), "NA": ("Napoletano",), "CE": ("Casertano",), "SA": ("Salernitano",),
    "BN": ("Beneventano",), "AV": ("Avellinese",), "BA": ("Barese",), "FG": ("Foggiano",), "TA": ("Tarantino",),
    "BR": ("Brindisino",), "LE": ("Leccese",), "MT": ("Materano",), "PZ": ("Potentino",), "CS": ("Cosentino",),
    "CZ": ("Catanzarese",), "KR": ("Crotonese",), "VV": ("Vibonese",), "RC": ("Reggino",), "PA": ("Palermitano",),
    "CT": ("Catanese",), "ME": ("Messinese",), "SR": ("Siracusano",), "RG": ("Ragusano",), "TP": ("Trapanese",),
    "AG": ("Agrigentino",), "CL": ("Nisseno",), "EN": ("Ennese",), "CA": ("Cagliaritano",), "SS": ("Sassarese",),
    "NU": ("Nuorese",), "OR": ("Oristanese",), "TE": ("Teramano",), "PE": ("Pescarese",), "CH": ("Chietino",),
    "AQ": ("Aquilano",), "CB": ("Campobassano",), "IS": ("Isernino",),
}
_AREAS.update((name, (sigla,)) for sigla, names in _PROVINCE_AREAS.items() for name in names)
#: fold(name) → the name as written in _AREAS.
_AREA_NAMES = {fold(area): area for area in _AREAS}
#: Words after which an area's adjective is read in lower case: "nel territorio cuneese",
#: "nell'area metropolitana torinese", "nella zona astigiana".
_ADJECTIVE_CUES = frozenset({"territorio", "area", "zona", "metropolitana"})
#: fold(adjective), masculine and feminine ("astigiano", "astigiana") → the area's name, for the
#: areas named by an adjective (those of _PROVINCE_AREAS, "Biellese", "Canavese").
_AREA_ADJECTIVES = {
    form: area for area in (*(n for names in _PROVINCE_AREAS.values() for n in names), "Biellese", "Canavese")
    for form in {fold(area), fold(area)[:-1] + "a" if area.endswith("o") else fold(area)}
}


@dataclass(frozen=True)
class NamedPlace:
    """A place a text names: ``name`` as the place fields take it back ("Biella (BI)", "Provincia
    di Lecce", "Salento"), ``ids`` its territories (an area's: the provinces it lies in)."""

    name: str
    ids: tuple[str, ...]
    area: bool = False  # an area of _AREAS, not an ISTAT unit


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, tuple[Territory, ...]]]:
    """fold(name) → {level: territories of that name}, for regions, provinces and comuni (each
    part of a bilingual name, and the other official name of a comune), and for the areas of
    _AREAS (level "area": their provinces)."""
    table = load_istat()
    found: dict[str, dict[str, list[Territory]]] = defaultdict(lambda: defaultdict(list))
    for t in table.all():
        for name in {*t.name.split("/"), t.name, *([t.other_name] if t.other_name else [])}:
            if name.strip() and t not in found[fold(name)][t.level]:
                found[fold(name)][t.level].append(t)
    for alias, (level, name) in _ALIASES.items():
        found[fold(alias)][level].extend(found[fold(name)][level])
    for exonym, name in _EXONYMS.items():
        for level, territories in list(found[fold(name)].items()):
            found[fold(exonym)][level].extend(territories)
    by_sigla = {p.sigla: p for p in table.provinces if p.sigla}
    for area, sigle in _AREAS.items():
        found[fold(area)]["area"].extend(by_sigla[s] for s in sigle)
    return {name: {level: tuple(ts) for level, ts in levels.items()} for name, levels in found.items()}


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Words that are places (folded): the one-word names of comuni, provinces, regions and areas,
    and every word of the names of provinces, regions and areas ("reggio", "emilia", "aosta").
    The words of an organisation's name that are places do not name it (``matcher.names``): a
    text that says "Biella" names a place, not every organisation of Biella."""
    found: set[str] = set()
    for name, levels in _names().items():
        parts = _place_name_words(name)
        if len(parts) == 1 or set(levels) - {"comune"}:
            found.update(parts)
    return frozenset(found)


def _place_name_words(name: str) -> tuple[str, ...]:
    """The words of three letters or more of a folded place name ("sant'anastasia": ("sant",
    "anastasia"), as a text's words are read)."""
    return tuple(w for w in re.findall(r"[a-z]+", name) if len(w) > 2)


@lru_cache(maxsize=1)
def place_phrases() -> frozenset[tuple[str, ...]]:
    """The names of places of more than one word, as runs of their words of three letters or
    more ("Porto Cesareo": ("porto", "cesareo"); "Colle di Val d'Elsa": ("colle", "val", "elsa");
    "Sant'Anastasia": ("sant", "anastasia")):
    the words of such a run name a place where a text has them all, one after the other."""
    return frozenset(run for run in map(_place_name_words, _names()) if len(run) > 1)


def places_in_text(text: str, limit: int = 3) -> list[str]:
    """The territories of the places a text names (``named_places``), in order: an area's
    provinces count as one place ("nel Salento e a Biella": four territories, two places)."""
    return list(dict.fromkeys(t for place in named_places(text, limit) for t in place.ids))


def named_places(text: str, limit: int = 3) -> list[NamedPlace]:
    """The places a text names, in order, at most ``limit``: a capitalised name (not in capitals
    throughout: an acronym) of a region, a province, a comune or an area of _AREAS (its
    provinces: "nel Salento") that follows a preposition or "provincia di", "Comune di",
    "Regione", or carries on such a list ("a Torino, Asti e Novara"), taken whole (the next word
    is not capitalised too). A name shared by a region, an area, a comune and a province is the
    first of them, unless the words before ask for a level; a comune's name shared by several
    comuni only with the province's sigla after it ("Castro (LE)"); a comune named like an
    everyday word (_COMMON_WORDS) only after "Comune di". An area named by a province's adjective
    is also read in lower case after "territorio", "area" or "zona" ("nel territorio cuneese").
    Meant to read "in provincia di Biella" or "a Torino e Asti" out of a project's description,
    never to guess: a name without such a cue is left out."""
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKENS.finditer(text or "")]
    found: dict[tuple[str, ...], NamedPlace] = {}
    last = -2  # the last token of the last place found
    i = 0
    while i < len(tokens) and len(found) < limit:
        at = _place_at(text, tokens, i, listing=last == i - 2)
        if at is None:
            i += 1
            continue
        place, i = at
        last = i - 1
        found.setdefault(place.ids, place)
    return list(found.values())


def _place_at(text: str, tokens: list[tuple[str, int, int]], i: int,
              listing: bool) -> tuple[NamedPlace, int] | None:
    """The place whose name starts at token ``i``, and the token after it; ``listing``: a place
    ends two tokens before (", Asti", "e Novara" carry on its list)."""
    word, start, _ = tokens[i]
    before = [fold(t[0]) for t in tokens[max(0, i - 2):i]]
    # "in the Veneto region": the English article between the cue and the name
    cued = bool(before) and (before[-1] in _CUES or (before[-1] == "the" and len(before) > 1 and before[-2] in _CUES))
    if word.islower() and before and before[-1] in _ADJECTIVE_CUES and fold(word) in _AREA_ADJECTIVES:
        area, ids = area_named(_AREA_ADJECTIVES[fold(word)])  # "nel territorio cuneese"
        return NamedPlace(area, ids, area=True), i + 1
    capitalised = word[0].isupper() and not (len(word) > 1 and word.isupper())  # not an acronym: "in CIS"
    if not (capitalised and (cued or (listing and before and before[-1] in _LIST))):
        return None
    wanted = next((_LEVEL_WORDS[w] for w in reversed(before) if w in _LEVEL_WORDS), None)
    names = _names()
    for j in range(min(len(tokens), i + _LONGEST_NAME), i, -1):  # the longest name first
        end = tokens[j - 1][2]
        if text[end:end + 1] in ("'", "’") and fold(text[start:end + 1]) in names:
            end += 1  # a name that ends with an apostrophe: Vo'
        name = fold(text[start:end])
        levels = names.get(name)
        if not levels or (j < len(tokens) and tokens[j][0][0].isupper() and tokens[j][1] - end <= 1):
            continue  # not a name, or only the start of a longer capitalised one
        if name in _COMMON_WORDS and wanted != "comune":
            continue
        if not cued and j < len(tokens) and fold(tokens[j][0]) not in _AFTER_LISTED:
            continue  # a list goes on or ends after each of its places ("di Firenze, Liberi di Scegliere")
        picked = _pick(levels, wanted, _SIGLA_AFTER.match(text, end))
        if picked is not None:
            level, places = picked
            ids = tuple(p.id for p in places)
            if level == "area":
                return NamedPlace(_AREA_NAMES[name], ids, area=True), j
            return NamedPlace(place_label(ids[0]), ids), j
    return None


def _pick(levels: dict[str, tuple[Territory, ...]], wanted: str | None,
          sigla: re.Match | None) -> tuple[str, tuple[Territory, ...]] | None:
    """The level a name is read at, and its territories (one; an area's provinces)."""
    if sigla and not wanted:  # "Salento (SA)", "Molise (CB)": the comune
        comuni = tuple(c for c in levels.get("comune", ()) if c.sigla == sigla.group(1))
        if len(comuni) == 1:
            return "comune", comuni
    order = [wanted] if wanted else ["regione", "area", "comune", "provincia"]
    for level in order:
        candidates = levels.get(level, ())
        if level == "area" and candidates:
            return level, candidates
        if level == "comune" and len(candidates) > 1 and sigla:
            candidates = tuple(c for c in candidates if c.sigla == sigla.group(1))
        if len(candidates) == 1:
            return level, candidates
    return None
