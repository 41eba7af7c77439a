"""Search boxes and query strings: safe Lucene, validated filters, places people type."""

import pytest

from mentore.reference.places import gazetteer
from mentore.services.organisations import parse_directory_query
from mentore.services.search import lucene_query


def test_each_term_is_required_and_also_searched_as_a_prefix():
    assert lucene_query("volontari") == "+(volontari^2 OR volontari* OR volontari~1)"
    query = lucene_query("anziani soli")
    assert query.count("+(") == 2 and "anziani*" in query and "soli*" in query


@pytest.mark.parametrize("text", ['a+b" OR (c)', "*:*", "name:x AND y", "\\", "volontari~~ ^3"])
def test_lucene_syntax_in_user_input_is_neutralised(text):
    query = lucene_query(text) or ""
    for clause in query.split(" +("):
        inner = clause.strip("+()")
        terms = inner.split(" OR ")
        for term in terms:
            core = term.rsplit("^", 1)[0].rstrip("*").rsplit("~", 1)[0]
            assert all(ch.isalnum() or ch == "\\" or ch in ":\"()+*~^" for ch in core)
            # every special character left in a term is escaped
            for i, ch in enumerate(core):
                if ch in ':"()+*~^':
                    assert i > 0 and core[i - 1] == "\\", (text, query)


def test_stop_words_alone_search_nothing():
    assert lucene_query("di e il della") is None
    assert lucene_query("   ") is None


def test_unknown_filter_values_are_reported_and_dropped():
    query, errors = parse_directory_query({"activity": ["a", "zz"], "territory": ["regione:01", "regione:99"],
                                           "page": ["abc"], "per_page": ["1000"], "sort": ["best"]})
    assert query.activity == ("a",)
    assert query.territory == ("regione:01",)
    assert set(errors) == {"activity", "territory", "page", "per_page", "sort"}
    assert query.page == 1 and query.per_page == 100 and query.sort == "relevance"


def test_filters_keep_their_order_without_duplicates():
    query, errors = parse_directory_query({"kind": ["ETS", "ETS", "PUBLIC_BODY"], "verified": ["1"], "q": ["  casa  "]})
    assert not errors
    assert query.kind == ("ETS", "PUBLIC_BODY") and query.verified and query.q == "casa"


@pytest.mark.parametrize(("typed", "expected"), [
    ("Biella", "comune:096004"), ("biella", "comune:096004"), ("096004", "comune:096004"),
    ("Castro (LE)", "comune:075096"), ("forli", "comune:040012"), ("Bozen", "comune:021008"),
])
def test_comuni_are_found_the_way_people_type_them(typed, expected):
    assert gazetteer().resolve_comune(typed).territory.id == expected


def test_a_name_shared_by_two_comuni_is_ambiguous_until_the_province_is_given():
    found = gazetteer().resolve_comune("Castro")
    assert found.ambiguous
    assert {c.sigla for c in found.candidates} == {"BG", "LE"}
    assert gazetteer().resolve_comune("Nessunluogo").territory is None
