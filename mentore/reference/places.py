"""Resolve what people type as a place ("Biella", "castro (LE)", "096004") to an ISTAT
territory, in memory from the reference table: no database round trip for a form field."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
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
        if comune.other_name:  # bilingual comuni: Bolzano / Bozen, Aosta / Aoste
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
    resolution = gazetteer().resolve_comune(text)
    if resolution.territory is not None:
        return resolution.territory.id
    if resolution.ambiguous:
        options = ", ".join(f"{c.name} ({c.sigla})" for c in resolution.candidates)
        raise ValueError(Message(N_("Più comuni si chiamano «%(place)s»: aggiungi la sigla della provincia "
                                    "(%(options)s)."), place=text, options=options))
    raise ValueError(Message(N_("Luogo non trovato: «%(place)s». Scrivi un comune, «Provincia di …» o il nome "
                                "della regione."), place=text))
