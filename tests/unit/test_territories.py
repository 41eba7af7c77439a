"""The ISTAT territories come whole from the installed package, as a consistent hierarchy."""

from mentore.reference.territories import load_istat


def test_istat_table_has_every_comune_province_and_region():
    table = load_istat()
    assert len(table.regions) == 20
    assert len(table.provinces) == 107
    assert len(table.comuni) == 7896


def test_every_territory_has_an_existing_parent_of_the_level_above():
    table = load_istat()
    by_id = {t.id: t for t in table.all()}
    assert len(by_id) == len(table.all()), "territory ids must be unique"
    for comune in table.comuni:
        assert by_id[comune.parent_id].level == "provincia"
    for province in table.provinces:
        assert by_id[province.parent_id].level == "regione"
    assert all(r.parent_id is None for r in table.regions)


def test_names_are_decoded_and_codes_kept_as_text():
    table = load_istat()
    biella = next(c for c in table.comuni if c.name == "Biella")
    assert biella.istat_code == "096004" and biella.capoluogo
    province = next(p for p in table.provinces if p.id == biella.parent_id)
    region = next(r for r in table.regions if r.id == province.parent_id)
    assert (province.name, region.name, region.nuts) == ("Biella", "Piemonte", "ITC1")
    assert any(c.name == "Agliè" for c in table.comuni)  # accents survive the latin-1 file
