"""Places named in a text (mentore.reference.places.places_in_text), against the whole ISTAT
table: every region, province and comune is read where a person would write it, and names that
are not places there are left alone."""

from collections import Counter

import numpy as np
import pytest

from mentore.reference import places
from mentore.reference.places import fold, places_in_text
from mentore.reference.territories import load_istat

TABLE = load_istat()
#: comuni by name, the other official one included (Corvara in Badia is also "Corvara")
COMUNI_BY_NAME = Counter(fold(name) for c in TABLE.comuni for name in {c.name, c.other_name} if name)
PROVINCES = {p.sigla: p.id for p in TABLE.provinces}


def test_every_region_is_read_after_in_and_after_regione():
    for region in TABLE.regions:
        for name in region.name.split("/"):
            assert places_in_text(f"Un progetto in {name} per i giovani.") == [region.id], name
            assert places_in_text(f"Con la Regione {name}, capofila.") == [region.id], name


def test_every_province_is_read_after_provincia_di():
    for province in TABLE.provinces:
        for name in province.name.split("/"):
            assert places_in_text(f"Servizi nella provincia di {name}, tutto l'anno.") == [province.id], name


def test_every_comune_with_a_name_of_its_own_is_read_after_a_preposition():
    """A comune named like a region is the region (the page offers it as such), one named like
    an area the area; one named like a province is the comune, unless the words before say
    provincia."""
    checked = 0
    for comune in TABLE.comuni:
        name = fold(comune.name)
        if COMUNI_BY_NAME[name] > 1 or not comune.name[0].isupper() or name in places._COMMON_WORDS:
            assert name not in places._COMMON_WORDS or places_in_text(f"Il Comune di {comune.name}.") == [comune.id]
            continue
        expected = ([r.id for r in TABLE.regions if name in {fold(p) for p in r.name.split("/")}]
                    or [PROVINCES[s] for area, sigle in places._AREAS.items() if fold(area) == name for s in sigle]
                    or [comune.id])
        assert places_in_text(f"Un centro aperto a {comune.name}, per tutti.") == expected, comune.name
        assert places_in_text(f"Il Comune di {comune.name} e noi.") == [comune.id], comune.name
        checked += 1
    assert checked > 7_000  # nearly all of them have a name of their own


def test_a_comune_whose_name_others_share_needs_its_sigla():
    shared = next(c for c in TABLE.comuni if COMUNI_BY_NAME[fold(c.name)] > 1)
    assert places_in_text(f"Un centro a {shared.name} per tutti.") == []
    assert places_in_text(f"Un centro a {shared.name} ({shared.sigla}) per tutti.") == [shared.id]


@pytest.mark.parametrize("text", [
    "Enti di Terzo Settore in rete.",  # Terzo (AL), but the name goes on
    "Gli enti del Terzo settore e il Progetto di Vita delle persone con disabilità.",  # Terzo (AL), Vita (TP)
    "Una casa in Campagna, un dono a Rosa e a Stella.",
    "Fermo restando che il progetto è aperto.",  # Fermo, with no preposition before it
    "Un gemellaggio con l'America Latina.",
    "Con la partecipazione di Rete Solidale e di Casa Aperta.",
    "progetto in biella",  # not capitalised
    "SVILUPPO DI VASTO PROGETTO IN OPERA",  # capitals throughout: a title, or acronyms
    "Il Liceo Leonardo da Vinci e l'Università Cattolica.",  # Vinci (FI), Cattolica (RN)
    # in English: names after a preposition that are no place there
    "Finding the Pareto optimal point of the design.",  # Pareto (AL)
    "Antifungal immunity of Candida albicans.",  # Candida (AV)
    "With the University of Burgos (ES).",  # Burgos (SS)
    "Strategies for the Re-opening of industrial sites.",  # Re (VB), after "the" with no preposition
    "The Marche region",  # no preposition: a title
])
def test_names_that_are_not_places_there_are_left_out(text):
    assert places_in_text(text) == []


def test_places_come_in_order_once_each_and_at_most_the_limit():
    by_name = {t.name: t.id for t in TABLE.comuni if COMUNI_BY_NAME[fold(t.name)] == 1}
    text = "Servizi a Torino, Asti e Novara; poi di nuovo a Torino, e in Piemonte."
    piemonte = next(r.id for r in TABLE.regions if r.name == "Piemonte")
    assert places_in_text(text, limit=5) == [by_name["Torino"], by_name["Asti"], by_name["Novara"], piemonte]
    assert places_in_text(text) == [by_name["Torino"], by_name["Asti"], by_name["Novara"]]
    assert places_in_text("Sedi a Biella. Asti è altrove.") == [by_name["Biella"]]  # a sentence is not a list
    # nor a name that goes on after a comma: Liberi (CE) is not listed here
    assert places_in_text("Studenti di Firenze, Liberi di Scegliere è la cooperativa.") == [by_name["Firenze"]]
    assert places_in_text("I Comuni di Gorga, Colonna e Allumiere.") == [by_name[n] for n in ("Gorga", "Colonna",
                                                                                               "Allumiere")]


def test_names_in_common_use_are_known_and_the_official_longer_ones_still_win():
    province = {p.name.split("/")[0]: p.id for p in TABLE.provinces}
    region = {r.name.split("/")[0]: r.id for r in TABLE.regions}
    assert places_in_text("Servizi in Alto Adige e in Trentino.") == [province["Bolzano"], province["Trento"]]
    assert places_in_text("Una rete in Friuli e in Brianza.") == [region["Friuli-Venezia Giulia"],
                                                                  province["Monza e della Brianza"]]
    assert places_in_text("Nella provincia di Monza e Brianza.") == [province["Monza e della Brianza"]]
    assert places_in_text("In Trentino-Alto Adige e in Friuli Venezia Giulia.") == [
        region["Trentino-Alto Adige"], region["Friuli-Venezia Giulia"]]


def test_a_text_in_english_names_places_as_a_european_project_does():
    """English texts name Italian places after English prepositions, by their English names
    ("Milan", "Tuscany") or the Italian ones ("Politecnico di Milano")."""
    comune = {t.name: t.id for t in TABLE.comuni if COMUNI_BY_NAME[fold(t.name)] == 1}
    province = {p.name.split("/")[0]: p.id for p in TABLE.provinces}
    region = {r.name.split("/")[0]: r.id for r in TABLE.regions}
    assert places_in_text("The project is led by the University of Parma, Italy.") == [comune["Parma"]]
    assert places_in_text("Pilots in Milan, Turin and Naples.") == [comune["Milano"], comune["Torino"],
                                                                    comune["Napoli"]]
    assert places_in_text("Sapienza University of Rome and Politecnico di Milano.") == [comune["Roma"],
                                                                                         comune["Milano"]]
    assert places_in_text("Services in the province of Turin and in the Veneto region.") == [province["Torino"],
                                                                                              region["Veneto"]]
    assert places_in_text("Farms in Tuscany, Apulia or Sicily.") == [region["Toscana"], region["Puglia"],
                                                                     region["Sicilia"]]
    assert places_in_text("Hiking in the Aosta Valley and in South Tyrol.") == [region["Valle d'Aosta"],
                                                                                 province["Bolzano"]]


def test_areas_that_are_no_istat_unit_are_their_provinces():
    for area, sigle in places._AREAS.items():
        assert places_in_text(f"Servizi per gli anziani nel territorio di {area}, tutto l'anno.", limit=5) == [
            PROVINCES[s] for s in sigle], area
    assert places_in_text("Giovani in Val di Susa e nell'Irpinia.") == [PROVINCES["TO"], PROVINCES["AV"]]
    assert places_in_text("Nel Salento.") == [PROVINCES["LE"], PROVINCES["BR"], PROVINCES["TA"]]
    # a part of it is in it; Alto Adige is a name of its own
    assert places_in_text("Nell'Alto Salento e nella bassa Val di Susa.", limit=5) == [
        PROVINCES["LE"], PROVINCES["BR"], PROVINCES["TA"], PROVINCES["TO"]]
    assert places_in_text("Servizi in Alto Adige.") == [PROVINCES["BZ"]]
    # Salento (SA) is also a comune: named as a comune, it is the comune
    salento = next(c.id for c in TABLE.comuni if c.name == "Salento")
    assert places_in_text("Il Comune di Salento.") == places_in_text("Un centro a Salento (SA).") == [salento]


def test_an_area_is_one_place_and_the_limit_counts_places_not_territories():
    text = "Orti sociali nel Salento, nel Biellese, a Torino e in Liguria."
    found = places.named_places(text)
    assert [(p.name, p.area) for p in found] == [("Salento", True), ("Biellese", True), ("Torino (TO)", False)]
    assert found[0].ids == (PROVINCES["LE"], PROVINCES["BR"], PROVINCES["TA"])
    torino = found[2].ids[0]
    assert places_in_text(text) == [PROVINCES["LE"], PROVINCES["BR"], PROVINCES["TA"], PROVINCES["BI"], torino]
    # an area named again, or as its province, is the place already found
    assert [p.name for p in places.named_places("Nel Biellese, in provincia di Biella e nel Salento.")] == [
        "Biellese", "Salento"]
    assert [p.name for p in places.named_places("Nella valle: in Valsusa.")] == ["Valsusa"]  # as written


def test_a_province_s_area_is_read_by_its_adjective():
    def read(text: str) -> list[tuple[str, tuple[str, ...]]]:
        return [(p.name, p.ids) for p in places.named_places(text, limit=5)]

    for sigla, names in places._PROVINCE_AREAS.items():
        for name in names:
            assert read(f"Servizi per gli anziani nel {name}, tutto l'anno.") == [(name, (PROVINCES[sigla],))], name
            adjective = name.lower()[:-1] + "a" if name.endswith("o") else name.lower()
            [(area, ids)] = read(f"Servizi nella zona {adjective} e basta.")  # "bergamasca": the Bergamasca
            assert area in names and ids == (PROVINCES[sigla],), name
    assert read("Nel territorio cuneese, nell'area metropolitana torinese e nella zona astigiana.") == [
        ("Cuneese", (PROVINCES["CN"],)), ("Torinese", (PROVINCES["TO"],)), ("Astigiano", (PROVINCES["AT"],))]
    assert read("Nell'Astigiano e nella Bergamasca; nel territorio biellese.") == [
        ("Astigiano", (PROVINCES["AT"],)), ("Bergamasca", (PROVINCES["BG"],)), ("Biellese", (PROVINCES["BI"],))]
    # an adjective that is not about a place, or not after territorio, area, zona: nothing
    assert read("Corso di cucina: pesto alla genovese e ragù alla bolognese.") == []
    assert read("Una mostra nel palazzo veneziano e nel territorio nazionale.") == []
    # Bergamasco (AL) and Pisano (NO) are also comuni: named as comuni, they are the comuni
    bergamasco = next(c.id for c in TABLE.comuni if c.name == "Bergamasco")
    assert places_in_text("Un centro a Bergamasco (AL).") == places_in_text("Il Comune di Bergamasco.") == [bergamasco]


def test_the_partner_finder_s_territory_takes_an_area_and_a_place_field_says_what_to_write():
    salento = next(c.id for c in TABLE.comuni if c.name == "Salento")
    assert places.resolve_places("Salento") == (PROVINCES["LE"], PROVINCES["BR"], PROVINCES["TA"])
    assert places.resolve_places(" val  di susa ") == (PROVINCES["TO"],)
    assert places.resolve_places("Salento (SA)") == (salento,)
    assert places.resolve_places("Provincia di Biella") == (PROVINCES["BI"],)
    with pytest.raises(ValueError) as refused:
        places.resolve_place("Salento")
    assert refused.value.args[0] == ("«Salento» è una zona, non un comune: scrivi il comune oppure la provincia "
                                     "(Provincia di Lecce, Provincia di Brindisi, Provincia di Taranto). Il comune "
                                     "con questo nome è «Salento (SA)».")
    assert places.area_refusal("Valsesia") == ("«Valsesia» è una zona, non un comune: scrivi il comune oppure la "
                                               "provincia (Provincia di Vercelli).")
    assert places.area_refusal("Biella") is None and places.area_refusal("Salento (SA)") is None


def test_the_longest_name_wins_and_the_public_sector_s_names_are_known():
    by_name = {t.name: t.id for t in TABLE.comuni if COMUNI_BY_NAME[fold(t.name)] == 1}
    assert places_in_text("A Reggio nell'Emilia e a L'Aquila.") == [by_name["Reggio nell'Emilia"], by_name["L'Aquila"]]
    assert places_in_text("Con Roma Capitale e il Comune di Castel San Pietro Terme.") == [
        by_name["Roma"], by_name["Castel San Pietro Terme"]]


# ----------------------------------------------------------------------------- suggestions while typing


def every_option() -> list[places.PlaceOption]:
    return list(dict.fromkeys(places._place_keys()[1]))


def test_every_place_suggested_is_read_back_by_the_fields_as_the_same_place():
    options = every_option()
    assert {o.level for o in options} == set(places.PLACE_LEVELS)
    assert len([o for o in options if o.level == "comune"]) == len(TABLE.comuni)
    for option in options:
        assert places.resolve_places(option.name) == option.ids, option
        if option.level == "comune":  # the need's place and the organisation's seat take it too
            assert places.gazetteer().resolve_comune(option.name).territory.id == option.ids[0], option
    # a comune whose other official name is the same is one comune, not two of that name
    assert [places.gazetteer().resolve_comune(n).territory.name for n in ("Gais", "Lana", "Plaus")] == [
        "Gais", "Lana", "Plaus"]


def test_suggestions_are_every_place_a_word_of_whose_name_starts_as_typed_in_order():
    """Against a brute-force oracle: every option whose name, or a later part of it from a word
    of more than three letters, starts with the folded text; the place of that very name first,
    then chief towns, then regions, provinces, areas and comuni, shorter names first."""
    options = every_option()
    names = places._place_keys()[2]
    rank = {level: i for i, level in enumerate(places.PLACE_LEVELS)}

    def oracle(typed: str, levels: tuple[str, ...]) -> list[places.PlaceOption]:
        folded = fold(typed)
        hits = [o for o in options if o.level in levels and any(
            " ".join(name.split(" ")[i:]).startswith(folded)
            for name in names[o] for i, word in enumerate(name.split(" ")) if i == 0 or len(word) > 3)]
        return sorted(hits, key=lambda o: (folded not in names[o], not o.capoluogo, rank[o.level], len(o.name),
                                           o.name))

    rng = np.random.default_rng(5)
    words = [w for o in options for w in fold(o.name).split(" ")]
    for _ in range(150):
        word = words[int(rng.integers(len(words)))]
        typed = word[:int(rng.integers(2, len(word) + 1))] if len(word) >= 2 else "ro"
        levels = places.PLACE_LEVELS if rng.random() < 0.5 else ("comune",)
        limit = int(rng.integers(1, 21))
        assert places.suggest_places(typed.upper(), levels, limit) == oracle(typed, levels)[:limit], (typed, levels)


def test_suggestions_put_the_place_people_mean_first_and_need_two_letters():
    def names(typed: str, levels: tuple[str, ...] = places.PLACE_LEVELS) -> list[str]:
        return [o.name for o in places.suggest_places(typed, levels)]

    assert names("Biel")[:3] == ["Biella (BI)", "Provincia di Biella", "Biellese"]
    assert names("biel", ("comune",))[0] == "Biella (BI)" and "Provincia di Biella" not in names("biel", ("comune",))
    assert "Val di Susa" in names("susa") and names("Susa")[0] == "Susa (TO)"
    assert names("bozen") == ["Bolzano (BZ)", "Provincia di Bolzano/Bozen"]
    assert names("Provincia di Bi") == ["Provincia di Biella"]
    assert names("Castro")[:2] == ["Castro (BG)", "Castro (LE)"]  # two comuni of that name, each with its sigla
    assert names("b") == [] and names("  ") == []


def test_the_words_and_the_runs_of_words_that_are_places():
    from mentore.reference.places import place_phrases, place_words

    words, runs = place_words(), place_phrases()
    assert {"biella", "milan", "lazio", "reggio", "emilia", "aosta"} <= words  # names, and words of areas' names
    assert "cesareo" not in words and ("porto", "cesareo") in runs  # a comune's words: only all of them
    assert ("colle", "val", "elsa") in runs and all(len(run) > 1 for run in runs)
