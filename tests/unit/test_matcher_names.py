"""The organisations a text names (mentore/matcher/names.py), against a brute-force oracle."""

from __future__ import annotations

import math

import numpy as np

from mentore.matcher import names as nm
from mentore.matcher.names import NameIndex, WordCounts

DIRECTORY = [
    ("kessler", "Fondazione Bruno Kessler"),
    ("colibri", "Associazione Il Colibrì APS"),
    ("novamont", "NOVAMONT SPA"),
    ("caritas-bi", "Caritas Diocesana di Biella"),
    ("caritas-vc", "Caritas Diocesana di Vercelli"),
    ("auser", "Associazione di Volontariato Auser"),
    ("human", "Fondazione Human Technopole"),
] + [(f"filler{i}", f"Cooperativa Sociale Filler{i}") for i in range(60)]


def test_a_text_names_an_organisation_by_the_words_of_its_name_only_it_has():
    index = NameIndex.fit(DIRECTORY)
    found = index.named("Il progetto nasce con la Fondazione Bruno Kessler e con Novamont.", None)
    assert found["kessler"].score == 1.0 and found["kessler"].words == ("bruno", "kessler")
    assert found["novamont"].score == 1.0
    assert set(found) == {"kessler", "novamont"}


def test_accents_and_case_do_not_matter():
    index = NameIndex.fit(DIRECTORY)
    assert index.named("insieme a IL COLIBRI' di Golasecca", None)["colibri"].score == 1.0
    assert "colibri" in index.named("con il Colibrì", None)
    # the words are told as the name writes them
    assert nm.as_written(index.named("con il colibri e Novamont", None)["novamont"].words, "NOVAMONT SPA") == [
        "NOVAMONT"]
    found = index.named("con IL COLIBRI'", None)["colibri"].words
    assert found == ("colibri",) and nm.as_written(found, "Associazione Il Colibrì APS") == ["Colibrì"]
    assert nm.as_written(["colibri", "altro"], "") == ["colibri", "altro"]  # no name: as they are


def test_a_part_of_the_name_names_it_less_and_the_rarer_part_more():
    many_brunos = DIRECTORY + [(f"bruno{i}", f"Bruno Filler{i}b") for i in range(2)]  # 3 of 69 names
    index = NameIndex.fit(many_brunos)
    by_surname = index.named("secondo Kessler", None)["kessler"].score
    by_first_name = index.named("secondo Bruno", None)["kessler"].score
    assert 0 < by_first_name < by_surname < 1


def test_the_words_of_kinds_and_legal_forms_name_nobody():
    index = NameIndex.fit(DIRECTORY)
    assert index.named("Una associazione di volontariato, una fondazione e una cooperativa sociale aps", None) == {}


def test_a_word_of_many_names_names_none_of_them():
    directory = DIRECTORY + [(f"verde{i}", f"Verde Filler{i}v") for i in range(nm.NAME_MAX + 1)]
    index = NameIndex.fit(directory)
    assert not any(oid.startswith("verde") for oid in index.named("il progetto Verde", None))
    # in a small directory, a word a twentieth of the names use is a common word there
    small = [("a", "Diocesi Alfa"), ("b", "Diocesi Beta")] + [(f"f{i}", f"Gamma{i}") for i in range(20)]
    assert set(NameIndex.fit(small).named("la Diocesi di Alfa", None)) == {"a"}


def test_places_are_not_names_when_said_so():
    index = NameIndex.fit(DIRECTORY, not_names={"biella", "vercelli"})
    assert index.named("Un progetto a Biella", None) == {}
    assert NameIndex.fit(DIRECTORY).named("Un progetto a Biella", None)["caritas-bi"].words == ("biella",)


def test_a_place_of_more_than_one_word_names_no_organisation_of_one_of_its_words():
    directory = DIRECTORY + [("porto", "Fondazione Il Porto"), ("colle", "Consulta di Colle di Val d'Elsa")]
    index = NameIndex.fit(directory, not_phrases=[("porto", "cesareo"), ("colle", "val", "elsa"), ("solo",)])
    assert index.named("Una sala a Porto Cesareo, o a Colle di Val d'Elsa", None) == {}
    assert set(index.named("Con la Fondazione Il Porto di Porto Cesareo", None)) == {"porto"}
    assert set(index.named("Con la Consulta di Colle", None)) == {"colle"}  # not the whole run: a name


def test_a_word_the_work_texts_use_often_names_nothing():
    index = NameIndex.fit(DIRECTORY)
    texts = [f"human rights project {i}" for i in range(600)] + ["technopole"]
    counts = WordCounts.of(texts)
    assert counts.texts == 601 and counts.counts["human"] == 600
    found = index.named("Health with the Human Technopole", counts)
    assert found["human"].words == ("technopole",)
    assert index.named("Health at the Human scale", counts) == {}
    assert "human" in index.named("Health at the Human scale", None)  # no work yet: every word counts


def test_only_the_organisations_kept_are_found_but_every_name_counts():
    directory = DIRECTORY + [(f"abroad{i}", f"Kessler Estero{chr(97 + i) * 3}") for i in range(nm.NAME_MAX)]
    index = NameIndex.fit(directory, keep={oid for oid, _ in DIRECTORY})
    assert index.named("Con Kessler", None) == {}  # 21 names use it, those not kept too: not a name
    assert index.named("Con Bruno Kessler", None)["kessler"].words == ("bruno",)
    assert index.named("Con Esteroddd", None) == {}
    assert set(NameIndex.fit(directory).named("Con Esteroddd", None)) == {"abroad3"}


def test_at_most_limit_organisations_the_most_named_first():
    index = NameIndex.fit(DIRECTORY)
    found = index.named("Con Kessler, Novamont, Colibrì, Caritas Biella", None, limit=3)
    # named in full: Novamont, Il Colibrì; in part: Caritas Diocesana di Biella (two of its
    # three words), Fondazione Bruno Kessler (one of two)
    assert list(found) == ["colibri", "novamont", "caritas-bi"]
    everyone = index.named("Con Kessler, Novamont, Colibrì, Caritas Biella", None)
    assert list(everyone) == ["colibri", "novamont", "caritas-bi", "kessler", "caritas-vc"]  # "Caritas" alone
    assert everyone["kessler"].score == 0.5


def test_a_name_is_written_as_one_and_a_capital_that_begins_a_sentence_says_nothing():
    index = NameIndex.fit(DIRECTORY)
    assert index.named("Consegna della spesa agli anziani: novamont e kessler", None) == {}  # words, not names
    assert index.named("Novamont. Kessler! Colibrì?\n- Auser\n«Caritas", None) == {}  # each begins a sentence
    assert set(index.named("Con NOVAMONT e (Kessler), «Colibrì», “Auser”", None)) == {"novamont", "kessler", "colibri",
                                                                                   "auser"}
    assert set(index.named("NOVAMONT ci aiuta", None)) == {"novamont"}  # in capitals, wherever it is
    assert nm.name_words("Il Progetto di IREN: con Kessler") == {"progetto", "iren", "kessler"}


def test_a_known_partner_wins_a_tie_with_its_namesakes_and_is_not_named():
    index = NameIndex.fit(DIRECTORY, not_names={"biella", "vercelli"},
                          seats={"caritas-bi": ("Biella",), "caritas-vc": ("Vercelli",)})
    text = "Con la Caritas Diocesana. La Caritas accoglie e ascolta, con Novamont"
    assert set(index.named(text, None)) == {"caritas-bi", "caritas-vc", "novamont"}
    assert set(index.named(text, None, own=["caritas-bi"])) == {"novamont"}  # the known one: "Caritas" is it
    # the text tells the other by its seat: it is named (not when it says both seats: a tie)
    assert set(index.named("Con la Caritas di Vercelli", None, own=["caritas-bi"])) == {"caritas-vc"}


def test_an_organisation_named_in_full_explains_away_its_namesakes():
    places = {"biella", "vercelli"}
    for index in (NameIndex.fit(DIRECTORY), NameIndex.fit(DIRECTORY, not_names=places)):
        text = "Ci ispiriamo alla Caritas Diocesana di Biella e lavoriamo con Novamont."
        assert set(index.named(text, None)) == {"caritas-bi", "novamont"}  # not the Caritas of Vercelli
        both = "Come la Caritas Diocesana di Biella e quella di Vercelli"
        assert set(index.named(both, None)) == {"caritas-bi", "caritas-vc"}  # each named in full
        assert set(index.named("Con la Caritas Diocesana", None)) == {"caritas-bi", "caritas-vc"}  # no place: both
    # a word the full name does not explain keeps the other named
    index = NameIndex.fit(DIRECTORY + [("caritas-auser", "Caritas Auser Insieme")])
    found = index.named("Con la Caritas Diocesana di Biella e Auser", None)
    assert {"caritas-bi", "caritas-auser", "auser"} <= set(found) and "caritas-vc" not in found


def test_a_name_given_in_full_explains_its_namesakes_even_with_a_word_that_names_nobody():
    """«Sportello Casa Il Pianerottolo»: "Casa" is a word the work's texts use often, so it
    names nobody; the name is still given in full, and the other Sportello, named by
    "Sportello" alone, is its namesake."""
    index = NameIndex.fit(DIRECTORY + [("pianerottolo", "Sportello Casa Il Pianerottolo"),
                                       ("strade", "Sportello Strade Nuove")])
    counts = WordCounts.of(["una casa per tutti"] * 20 + ["il progetto"] * 20)
    found = index.named("Vorremmo fare come «Sportello Casa Il Pianerottolo» a Marcianise.", counts)
    assert set(found) == {"pianerottolo"} and found["pianerottolo"].words == ("sportello", "pianerottolo")
    assert set(index.named("Vorremmo fare come lo Sportello di Marcianise.", counts)) == {"pianerottolo", "strade"}


def test_the_words_of_a_kind_of_organisation_name_none_of_them():
    """"Cittadini dei comuni dell'Ambito": an ambito territoriale sociale is a kind of public
    body, as a comune is, and sixteen of them are no one of them."""
    index = NameIndex.fit(DIRECTORY + [(f"ambito-{area.lower()}", f"Ambito Territoriale Sociale n. {i} – {area}")
                                       for i, area in enumerate(("Valdarno", "Lunigiana", "Garfagnana"))])
    assert index.named("Per i cittadini dei comuni dell'Ambito Territoriale.", None) == {}
    assert set(index.named("Con l'Ambito Territoriale Sociale della Lunigiana", None)) == {"ambito-lunigiana"}


ARCOBALENI = [("arco-aps", "Arcobaleno APS"), ("arco-me", "Arcobaleno Soc. Coop. Sociale"),
              ("arco-pa", "Arcobaleno Società Cooperativa Sociale")]
SEATS = {"arco-aps": ("Cimitile", "Napoli"), "arco-me": ("Messina", "Messina"), "arco-pa": ("Palermo", "Palermo"),
         "caritas-bi": ("Biella", "Biella")}
PLACES = {"cimitile", "napoli", "messina", "palermo", "biella", "vercelli"}  # no names: as the site fits it


def test_namesakes_are_told_apart_by_the_legal_form_the_text_says():
    index = NameIndex.fit(DIRECTORY + ARCOBALENI, not_names=PLACES, seats=SEATS)
    assert set(index.named("Ci ispiriamo all'esperienza di «Arcobaleno APS».", None)) == {"arco-aps"}
    # "Soc. Coop." is "Società Cooperativa": the two cooperatives stay, the APS does not
    assert set(index.named("Come «Arcobaleno Società Cooperativa Sociale».", None)) == {"arco-me", "arco-pa"}
    assert set(index.named("Come la cooperativa Arcobaleno.", None)) == {"arco-me", "arco-pa"}
    # no form said: all three; a form none of them has tells nothing
    assert set(index.named("Come fa Arcobaleno.", None)) == {"arco-aps", "arco-me", "arco-pa"}
    assert set(index.named("La fondazione Kessler e Arcobaleno.", None)) == {"kessler", "arco-aps", "arco-me",
                                                                            "arco-pa"}


def test_the_legal_form_of_the_profile_tells_namesakes_apart_as_the_name_s_does():
    """Two "Girasole" whose names say no form: the profile's legal form says it."""
    directory = DIRECTORY + [("gira-aps", "Il Girasole"), ("gira-coop", "Girasole Insieme")]
    legal = {"gira-aps": "Associazione di promozione sociale (APS)", "gira-coop": "Cooperativa sociale di tipo A"}
    index = NameIndex.fit(directory, legal_forms=legal)
    assert set(index.named("Con l'associazione Girasole.", None)) == {"gira-aps"}
    assert set(index.named("Con la cooperativa Girasole.", None)) == {"gira-coop"}
    assert set(NameIndex.fit(directory).named("Con la cooperativa Girasole.", None)) == {"gira-aps", "gira-coop"}


def test_a_cooperative_is_a_societa_whatever_its_name_says():
    """"La società Girasole" names the cooperative (its legal form says so) and the sports club
    (a società sportiva dilettantistica), not the APS; "l'associazione Girasole" the APS (an
    association by law) alone. Before, none of them was a società or an association, as their
    names do not say it, and those two texts named all three."""
    directory = DIRECTORY + [("gira-coop", "Girasole Insieme"), ("gira-ssd", "Girasole SSD"),
                             ("gira-aps", "Girasole APS")]
    index = NameIndex.fit(directory, legal_forms={"gira-coop": "Cooperativa sociale di tipo A"})
    assert set(index.named("Con la società Girasole.", None)) == {"gira-coop", "gira-ssd"}
    assert set(index.named("Con la cooperativa Girasole.", None)) == {"gira-coop"}
    assert set(index.named("Con l'associazione Girasole.", None)) == {"gira-aps"}


def test_namesakes_are_told_apart_by_their_seat_after_the_form():
    index = NameIndex.fit(DIRECTORY + ARCOBALENI, not_names=PLACES, seats=SEATS)
    assert set(index.named("Come «Arcobaleno Società Cooperativa Sociale» a Palermo.", None)) == {"arco-pa"}
    assert set(index.named("Come l'Arcobaleno di Messina.", None)) == {"arco-me"}
    # the form said first: at Palermo the text names the APS of Cimitile all the same
    assert set(index.named("A Palermo lavoriamo con «Arcobaleno APS».", None)) == {"arco-aps"}
    # without seats, or when the seat said is no namesake's, the seat tells nothing
    assert set(NameIndex.fit(DIRECTORY + ARCOBALENI, not_names=PLACES).named("L'Arcobaleno di Messina.", None)) == {
        "arco-aps", "arco-me", "arco-pa"}
    assert set(index.named("L'Arcobaleno di Biella.", None)) == {"arco-aps", "arco-me", "arco-pa"}


def test_the_text_s_own_author_wins_a_tie_with_its_namesakes_and_is_not_named():
    """A need of the APS Il Bosco di Tutti: naming itself, it names no namesake; naming the
    cooperative of Salerno by its form or its seat, it names that one."""
    boschi = [("bosco-aps", "APS Il Bosco di Tutti"), ("bosco-coop", "Il Bosco di Tutti Società Cooperativa Sociale"),
              ("bosco-lesina", "Associazione Il Bosco di Tutti APS")]
    seats = {"bosco-aps": ("Roma", "Roma"), "bosco-coop": ("Salerno", "Salerno"), "bosco-lesina": ("Lesina", "Foggia")}
    legal = {"bosco-aps": "Associazione di promozione sociale (APS)"}
    index = NameIndex.fit(DIRECTORY + boschi, not_names={"roma", "salerno", "lesina", "foggia"}, seats=seats,
                          legal_forms=legal)
    poster = ["bosco-aps"]
    for text in ("Noi del Bosco di Tutti cerchiamo volontari.", "L'associazione Il Bosco di Tutti cerca volontari."):
        assert index.named(text, None, own=poster) == {}
        assert "bosco-lesina" in index.named(text, None)  # written by another, it names the namesakes
    assert set(index.named("Come «Il Bosco di Tutti Società Cooperativa Sociale».", None, own=poster)) == {
        "bosco-coop"}
    assert set(index.named("Come fa il Bosco di Tutti a Salerno.", None, own=poster)) == {"bosco-coop"}
    # its name said with Novamont's: Novamont is named
    assert set(index.named("Il Bosco di Tutti e Novamont.", None, own=poster)) == {"novamont"}


def test_an_organisation_found_by_other_words_is_no_namesake():
    """The Caritas of Biella is told by its seat from the one of Vercelli; the Caritas Auser
    Vicina, found by "Auser" too, is no namesake of it and stays."""
    index = NameIndex.fit(DIRECTORY + [("caritas-auser", "Caritas Auser Vicina")], not_names=PLACES,
                          seats=SEATS)
    assert set(index.named("Con la Caritas di Biella e Auser", None)) == {"caritas-bi", "caritas-auser", "auser"}
    assert set(index.named("Con la Caritas di Biella", None)) == {"caritas-bi"}


def test_a_text_written_in_capitals_names_nobody_by_its_capitals():
    index = NameIndex.fit(DIRECTORY)
    assert index.named("CERCHIAMO VOLONTARI PER LA SPESA CON NOVAMONT E KESSLER", None) == {}
    assert set(index.named("Cerchiamo volontari con NOVAMONT e KESSLER per la spesa", None)) == {"novamont",
                                                                                                "kessler"}


def test_a_directory_of_one_organisation_still_finds_it():
    index = NameIndex.fit([("only", "Fondazione Bruno Kessler")])  # every word used by every name
    assert index.named("Con la Fondazione Bruno Kessler", None)["only"].score == 1.0
    assert index.named("Con Kessler", None)["only"].score == 0.5
    assert NameIndex.fit([]).named("Con Kessler", None) == {}


def test_random_texts_against_a_brute_force_oracle():
    rng = np.random.default_rng(7)
    vocabulary = [f"w{chr(97 + i)}{chr(97 + j)}x" for i in range(8) for j in range(8)]
    for case in range(140):
        # after 40, fewer words, more names and no work: namesakes, some explained away by a name
        # said in full (about one case in five)
        namesakes = case >= 40
        words = vocabulary[:40] if namesakes else vocabulary
        # names with a legal form or none, organisations seated in one of a few places
        directory = [(f"o{i}", " ".join([*rng.choice(words, size=int(rng.integers(1, 4))),
                                         *rng.choice(FORMS, size=int(rng.integers(0, 2)))]))
                     for i in range(int(rng.integers(40 if namesakes else 5, 60)))]
        seats = {oid: (str(rng.choice(SEAT_PLACES)),) for oid, _ in directory if rng.random() < 0.8}
        texts = [] if namesakes else [" ".join(rng.choice(words, size=5)) for _ in range(int(rng.integers(0, 400)))]
        counts = WordCounts.of(texts) if texts else None
        # some words capitalised, as names are written; the first begins the sentence; now and
        # then a legal form and a place
        said = [*rng.choice(words, size=int(rng.integers(1, 8))),
                *rng.choice(FORMS + SEAT_PLACES, size=int(rng.integers(0, 3)))]
        text = " ".join(w.capitalize() if rng.random() < 0.6 else w for w in rng.permutation(said))
        index = NameIndex.fit(directory, not_names=set(SEAT_PLACES), seats=seats)
        own = [str(rng.choice([oid for oid, _ in directory]))] if rng.random() < 0.3 else []
        expected = oracle(directory, texts, text, seats, own)
        found = index.named(text, counts, limit=len(directory), own=own)
        assert set(found) == set(expected)
        for oid, score in expected.items():
            assert math.isclose(found[oid].score, score)


FORMS = ["aps", "odv", "coop", "cooperativa", "srl", "societa", "associazione"]  # "coop" is "cooperativa"
SEAT_PLACES = ["palermo", "messina", "biella"]


def oracle(directory: list[tuple[str, str]], texts: list[str], text: str,
           seats: dict[str, tuple[str, ...]], owners: list[str]) -> dict[str, float]:
    """Each organisation's share of the weight of its name's words used by few names, that the
    text says and the work's texts seldom use; those a name said in full explains are left out;
    then those another found by all of their words fits better: fewer forms the text says and
    its name has not, then its seat said; the text's own (``owners``) fit better on a tie, and are
    left out."""
    def form_of(found: set[str]) -> set[str]:
        return {"cooperativa" if w == "coop" else w for w in found if w in FORMS}

    def with_implied(found: set[str]) -> set[str]:  # a cooperative and an srl are società, ODV and APS associations
        return (found | ({"societa"} if found & {"cooperativa", "srl"} else set())
                | ({"associazione"} if found & {"aps", "odv"} else set()))

    written = {oid: form_of(set(name.lower().split())) for oid, name in directory}
    form_words = {oid: with_implied(forms) for oid, forms in written.items()}
    name_words = {oid: set(name.lower().split()) - set(FORMS) for oid, name in directory}
    limit = min(nm.NAME_MAX, max(1, int(nm.NAME_SHARE * len(directory))))
    said = {w.lower() for w in text.split()[1:] if w[0].isupper()}
    text_words = {w.lower() for w in text.split()}
    out, given, full, distinct, hits = {}, {}, {}, {}, {}
    for oid, own in name_words.items():
        weights = {}
        for w in own:
            users = sum(w in other for other in name_words.values())
            if users <= limit:
                weights[w] = math.log(len(directory) / users)
        used_in_texts = {w: sum(w in t.split() for t in texts) for w in weights}
        hit = [w for w in weights if w in said
               and (not texts or used_in_texts[w] <= nm.TEXT_RARE or used_in_texts[w] <= nm.TEXT_SHARE * len(texts))]
        distinct[oid], hits[oid] = set(weights), set(hit)
        if hit:
            out[oid] = sum(weights[w] for w in hit) / sum(weights.values())
            given[oid] = own <= text_words  # every word of the name, named by it or not
            full[oid] = given[oid] and written[oid] <= form_of(text_words)  # and the forms it says
    # named in full (every word of the name anywhere in the text, naming it or not, and its
    # forms): the others named only by words those names have are their namesakes, unless their
    # own name is given but for its form
    explained = {w for oid, whole in full.items() if whole for w in name_words[oid] if w in distinct[oid]}
    kept = {oid: score for oid, score in out.items()
            if given[oid] or not {w for w in name_words[oid] if w in hits[oid]} <= explained}
    forms_said = form_of(text_words)
    fit = {oid: (-len(forms_said - form_words[oid]), any(p in text_words for p in seats.get(oid, ()))) for oid in kept}
    return {oid: score for oid, score in kept.items() if oid not in owners
            and not any((fit[x] > fit[oid] or (x in owners and x != oid and fit[x] == fit[oid]))
                        and hits[oid] <= hits[x] for x in kept)}
