"""Resolve what people type as a place ("Biella", "castro (LE)", "096004") to an ISTAT
territory, in memory from the reference table: no database round trip for a form field."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from mentore.reference.territories import Territory, load_istat

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
