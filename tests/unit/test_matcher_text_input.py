"""What people type before it reaches the matcher: the full-text query built from a long text
(``lucene_any``) and the check of a query text (``check_text``)."""

from __future__ import annotations

import random
import re

import pytest

from mentore.services.errors import ValidationFailed
from mentore.services.matching import MAX_TEXT, check_text
from mentore.services.search import MATCH_STOP_WORDS, MAX_MATCH_TERMS, lucene_any

# One term of the query: any character but whitespace and Lucene's syntax, or an escaped one.
LUCENE_SYNTAX = '+-!(){}[]^"~*?:\\/&|'
TERM = re.compile(r"(?:\\[" + re.escape(LUCENE_SYNTAX) + r"]|[^\s" + re.escape(LUCENE_SYNTAX) + r"])+")
HOSTILE = [
    'a+b (c) "d" title:x',
    'salute+anziani (trasporto) "ospedale" titolo:volontari -escluso NOT AND || && !urgente',
    "anziani~2 bambin* ragazz? [a TO z] {1 TO 9} ^3 \\ / scuola/lavoro",
    "OR OR OR volontari AND NOT trasporto",
    "l'anziano dell'ospedale all'aperto d'estate",
    "foo:bar:baz ((((( ))))) \"\"\"\" casa&&bottega cura||assistenza",
]


def terms_of(query: str) -> list[str]:
    return query.split(" OR ")


def unescape(term: str) -> str:
    return re.sub(r"\\(.)", r"\1", term)


def assert_safe(query: str, text: str) -> None:
    lowered = text.lower()
    for term in terms_of(query):
        assert TERM.fullmatch(term), f"unescaped Lucene syntax in {term!r} (from {text!r})"
        assert term not in ("AND", "OR", "NOT", "TO"), f"an operator as a term: {query!r}"
        word = unescape(term)
        assert word in lowered, "every term is a word of the text"
        assert word not in MATCH_STOP_WORDS
        assert not word.isdigit()


@pytest.mark.parametrize("text", HOSTILE)
def test_lucene_any_never_lets_query_syntax_through(text):
    query = lucene_any(text)
    if query is not None:
        assert_safe(query, text)


def test_lucene_any_is_safe_on_random_hostile_text():
    rng = random.Random(12)
    alphabet = list(LUCENE_SYNTAX) + list("abcdeèéòàù'_ 0123456789") + ["AND", "OR", "NOT", " ", "\n", "\t"]
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        query = lucene_any(text)
        if query is not None:
            assert_safe(query, text)


def test_lucene_any_keeps_content_words_once_and_drops_stop_words():
    query = lucene_any("Cerchiamo volontari per il trasporto degli anziani della città: volontari, Volontari!")
    words = [unescape(t) for t in terms_of(query)]
    assert set(words) == {"cerchiamo", "volontari", "trasporto", "anziani", "città"}
    assert len(words) == len(set(words)), "each word once"


def test_lucene_any_splits_elisions():
    words = terms_of(lucene_any("l'assistenza dell'anziano"))
    assert set(words) == {"assistenza", "anziano"}


def test_lucene_any_keeps_at_most_max_terms_and_the_longest_words():
    rng = random.Random(3)
    words = {"".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 7)))
             for _ in range(200)}
    text = " ".join(sorted(words))
    kept = [unescape(t) for t in terms_of(lucene_any(text))]
    assert len(kept) == MAX_MATCH_TERMS
    dropped = words - set(kept)
    assert min(map(len, kept)) >= max(map(len, dropped)), "the longest words carry the meaning"
    assert len(terms_of(lucene_any(text, max_terms=5))) == 5


def test_lucene_any_keeps_the_words_a_long_text_repeats_before_the_longest():
    rng = random.Random(5)
    long_words = {"".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(6)) for _ in range(80)}
    subject = ["vortice", "quanti", "gas"]  # short, but the text keeps coming back to them
    text = " ".join(sorted(long_words)) + " " + " ".join(subject * 3) + " vortice"
    kept = [unescape(t) for t in terms_of(lucene_any(text))]
    assert len(kept) == MAX_MATCH_TERMS
    assert kept[:3] == ["vortice", "quanti", "gas"], "most repeated first, then longest"
    assert set(kept[3:]) <= long_words


@pytest.mark.parametrize("text", ["", "   ", None, "della per con il la e", "the and of for which", "12 345 2024",
                                  "!!! ??? +++ :::", "a b c de"])
def test_lucene_any_is_none_when_nothing_is_left_to_search(text):
    assert lucene_any(text) is None


# ----------------------------------------------------------------------------- check_text


def test_check_text_returns_the_text_stripped():
    assert check_text("  \n Cerchiamo volontari per il trasporto\t ") == "Cerchiamo volontari per il trasporto"


@pytest.mark.parametrize("text", ["", "   \n\t ", None, "!!!! 1234 ??", "a 1 b 2", "----", "12/05/2024 10:30"])
def test_check_text_rejects_texts_without_words_naming_the_field(text):
    with pytest.raises(ValidationFailed) as caught:
        check_text(text, "description")
    assert set(caught.value.errors) == {"description"}
    assert caught.value.errors["description"].strip()


def test_check_text_rejects_a_text_longer_than_the_limit_naming_the_field():
    with pytest.raises(ValidationFailed) as caught:
        check_text("parola " * (MAX_TEXT // 7) + "x" * (MAX_TEXT % 7 + 1), "text")
    assert set(caught.value.errors) == {"text"}
    assert caught.value.errors["text"].strip()


def test_check_text_accepts_a_text_exactly_at_the_limit_and_counts_after_stripping():
    exact = ("parola " * MAX_TEXT)[:MAX_TEXT - 1] + "x"
    assert len(exact) == MAX_TEXT
    assert check_text(exact) == exact
    assert check_text("   " + exact + "\n\n") == exact


def test_check_text_messages_differ_for_empty_too_long_and_wordless():
    messages = []
    for text in ("", "parola " * MAX_TEXT, "!!!! 1234 ??"):
        with pytest.raises(ValidationFailed) as caught:
            check_text(text)
        messages.append(caught.value.errors["text"])
    assert len(set(messages)) == 3, "the person is told what to fix"
