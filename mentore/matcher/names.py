"""The organisations a text names: "with the Fondazione Bruno Kessler", "come fa già Novamont".

A project's text often names who takes part in it, and a need's text who already helps; nothing
else in the graph says so. A name is found by its distinctive words: those few organisations'
names use (at most NAME_MAX, and at most NAME_SHARE of them), that are not places (the places a
text names are ``named_place``'s) nor common words. How strongly a text names an organisation is
the share of its name's distinctive weight the text holds, each word weighing
log(organisations / names using it): of "Fondazione Bruno Kessler", "Kessler" says all of it
("Bruno", a comune too, is no part of it); of "Caritas Diocesana di Biella", "Caritas" a part.

A text says a name's words as a name's: with a capital initial where no sentence begins, or in
capitals (``name_words``): "la spesa a domicilio" names no "Spesa Solidale", and on a site with
little work to count words in, that is what tells them apart. A word of a name is also a word
of the language when the work's texts use it: "Human Technopole" is named by "Human" no more
than "High Performance Engineering" by "High". A word more than TEXT_SHARE of the work's texts
use (``WordCounts``) names nothing.

Namesakes (organisations found by the same words) are told apart by what else the text says of
them: the whole name (``_explain_away``), then its legal form or kind and the place of its seat
(``_tell_apart``): «Arcobaleno APS» is not «Arcobaleno Società Cooperativa Sociale», and "la
cooperativa Arcobaleno di Palermo" is the one of Palermo.

Pure Python: no Flask, no Neo4j.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from mentore.reference.places import fold

#: Words of three letters or more; digits and underscores are no part of a name's words.
_WORD = re.compile(r"[^\W\d_]{3,}")

#: A word names an organisation only when at most this many names use it...
NAME_MAX = 20
#: ...and at most this share of them (in a directory of a few dozen, "associazione" is not a name).
NAME_SHARE = 0.05
#: A word used by more than this share of the work's texts is a word of the language there.
TEXT_SHARE = 0.005
#: ...but a word used by one or two texts is rare whatever their number.
TEXT_RARE = 2
#: Above this share of a text's words in capitals, the text is written in capitals: they say no name.
SHOUTED = 0.5
#: A text names at most this many organisations (the best named first).
NAMED_K = 20

#: Words of organisations' names that never name one by themselves: legal forms, the words of
#: the kinds of organisation, in the languages of the directory, and words any sentence may
#: have ("Dopo di noi" is a law, not "Passo dopo Passo"): a small directory has too few names
#: for their counts to tell.
NAME_STOP_WORDS = frozenset("""
the and for with von und der die das des les del della delle dello degli dei per con una uno
srl spa snc sas scarl scrl srls sapa gmbh ltd limited inc llc plc sarl bvba ohg ivzw vzw
onlus odv aps ets impresa sociale cooperativa societa cooperative associazione associazioni fondazione
comune comuni provincia regione citta metropolitana unione consorzio ente istituto istituzione
dopo prima oltre senza sopra sotto dentro fuori insieme verso presso ogni tutti tutte
universita university universitat universite universidad scuola school azienda sanitaria locale
ospedaliera ospedale centro center centre gruppo group rete network federazione federation
nazionale national italiana italiano italia italy europe european europea europeo international
internazionale foundation association institute institut stiftung company studi studies research
ricerca volontariato volontari servizi services
ambito territoriale distretto agenzia coordinamento comitato circolo polisportiva parrocchia museo
coop soc mutuo asl usl ats asp comprensivo superiore istruzione impiego consultorio
""".split())


#: The legal forms and kinds of organisation a text may say of a name, as ``words`` folds them:
#: what tells namesakes apart (``NameIndex._tell_apart``). Abbreviations (FORM_ABBREVIATIONS)
#: are read as the word they abbreviate.
FORM_WORDS = frozenset("""
srl spa snc sas scarl scrl srls sapa gmbh ltd inc llc plc sarl onlus odv aps ets asd ssd
cooperativa societa fondazione associazione consorzio comune parrocchia circolo comitato
polisportiva agenzia coordinamento federazione unione istituto
""".split())
FORM_ABBREVIATIONS = {"coop": "cooperativa", "soc": "societa", "ass": "associazione", "assoc": "associazione",
                      "fond": "fondazione", "cons": "consorzio"}
NAME_STOP_WORDS = NAME_STOP_WORDS | FORM_WORDS | FORM_ABBREVIATIONS.keys()
#: The forms an organisation of a form is of too, whether its name says them or not: under the
#: Civil Code a cooperative and the company forms (srl, spa, sas, ...) are società, and so is a
#: società sportiva dilettantistica; under the Third Sector Code (artt. 32 and 35) an ODV and an
#: APS are associations, as an associazione sportiva dilettantistica is. "La società X" then
#: names the cooperative X whose legal form alone says so, not the APS X; "l'associazione X" the
#: APS, not the cooperative. Only what an organisation is grows so: what a text says stays as said.
IMPLIED_FORMS = {**dict.fromkeys(("cooperativa", "srl", "spa", "snc", "sas", "scarl", "scrl", "srls", "sapa", "ssd"),
                                 frozenset({"societa"})),
                 **dict.fromkeys(("odv", "aps", "asd"), frozenset({"associazione"}))}


def forms(found: Iterable[str]) -> frozenset[str]:
    """The legal forms and kinds among ``words`` (FORM_WORDS), abbreviations read in full."""
    return frozenset(f for f in (FORM_ABBREVIATIONS.get(w, w) for w in found) if f in FORM_WORDS)


def with_implied(said: frozenset[str]) -> frozenset[str]:
    """``said`` and the forms they imply (IMPLIED_FORMS): the forms an organisation is of."""
    return said.union(*(IMPLIED_FORMS.get(f, ()) for f in said))


def _fold(word: str) -> str:
    """A word of letters without its accents, as places are compared (``places.fold``); most
    words have none, and are left as they are (every word of every partnership is folded)."""
    return word if word.isascii() else fold(word)


def words(text: str) -> set[str]:
    """The words of a text as names are compared: lower case, without accents, three letters
    or more, no digits."""
    return {_fold(w) for w in _WORD.findall((text or "").lower())}


def ordered_words(text: str) -> list[str]:
    """``words`` in the order the text has them, each once."""
    return list(dict.fromkeys(_fold(w) for w in _WORD.findall((text or "").lower())))


#: What ends a sentence (the word after it is capitalised for that alone), and what may stand
#: between it and that word.
_SENTENCE_END = frozenset(".!?\n")
_OPENING = frozenset("\"'«“‘([-–—*•")


def _begins_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and (text[i].isspace() or text[i] in _OPENING) and text[i] != "\n":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def name_words(text: str, phrases: Mapping[str, Sequence[tuple[str, ...]]] | None = None) -> set[str]:
    """The words a text writes as a name's (as ``words`` folds them): with a capital initial
    where a sentence does not begin ("con la Fondazione Bruno Kessler"), or in capitals
    ("IREN", wherever it is). "la spesa a domicilio" and "Spesa a domicilio" name no "Spesa
    Solidale": the words of a name are words of the language too. ``phrases`` (first word →
    runs of words that are no name: places of more than one word, "Porto Cesareo") leave out
    the words of every run the text has: "a Porto Cesareo" names no "Fondazione Il Porto". In a
    text more than SHOUTED of whose words are in capitals, capitals say nothing: "CERCHIAMO
    VOLONTARI PER LA SPESA" names no "Spesa Solidale"."""
    found = list(_WORD.finditer(text or ""))
    shouted = sum(m.group().isupper() for m in found) > SHOUTED * len(found)
    tokens = [(_fold(m.group().lower()), (m.group().isupper() and not shouted)
               or (m.group()[0].isupper() and not m.group().isupper() and not _begins_sentence(text, m.start())))
              for m in found]
    covered: set[int] = set()
    if phrases:
        plain = [w for w, _ in tokens]
        for i, word in enumerate(plain):
            for run in phrases.get(word, ()):
                if tuple(plain[i:i + len(run)]) == run:
                    covered.update(range(i, i + len(run)))
    return {w for i, (w, as_name) in enumerate(tokens) if as_name and i not in covered}


@dataclass(frozen=True)
class WordCounts:
    """In how many of the work's texts each word appears (``words``), and how many texts."""

    counts: Counter[str]
    texts: int

    @classmethod
    def of(cls, texts: Iterable[str]) -> WordCounts:
        counts: Counter[str] = Counter()
        total = 0
        for text in texts:
            counts.update(words(text))
            total += 1
        return cls(counts, total)

    def rare(self, word: str) -> bool:
        """Whether the texts use ``word`` so seldom that it is no word of their language."""
        used = self.counts.get(word, 0)
        return used <= TEXT_RARE or used <= TEXT_SHARE * self.texts


@dataclass(frozen=True)
class Named:
    """How strongly a text names an organisation (0-1) and the words it names it by (folded:
    ``as_written`` gives them as its name writes them)."""

    score: float
    words: tuple[str, ...]


def as_written(found: Iterable[str], name: str) -> list[str]:
    """Folded words of ``name`` (``Named.words``) as the name writes them: "colibri" of "Il
    Colibrì APS" is "Colibrì"; a word the name does not have stays as it is."""
    forms = {_fold(w.lower()): w for w in reversed(_WORD.findall(name or ""))}  # the first of each
    return [forms.get(w, w) for w in found]


class Marks(NamedTuple):
    """What besides its words tells an organisation from its namesakes: the legal forms and
    kinds its name says (``written``), those and its legal form's with what they imply
    (``forms``, ``with_implied``), and the places of its seat, each as its words."""

    forms: frozenset[str]
    places: tuple[tuple[str, ...], ...]
    written: frozenset[str]


NO_MARKS = Marks(frozenset(), (), frozenset())


class NameIndex:
    """The distinctive words of the organisations' names (see the module). Only the words are
    kept, a tuple per organisation, and how many names use each: at 18k organisations the index
    with a dict of weights per organisation held 18 MB (tracemalloc), too much at 100k."""

    def __init__(self, words_of: dict[str, tuple[str, ...]], used: dict[str, int], total: int,
                 phrases: Mapping[str, Sequence[tuple[str, ...]]] | None = None,
                 rest: dict[str, tuple[str, ...]] | None = None,
                 marks: dict[str, Marks] | None = None) -> None:
        self._words = words_of  # organisation → its distinctive words, in its name's order
        # organisation → the other words of its name (places, words of many names; not
        # NAME_STOP_WORDS), for the organisations that have any: a text with all of them and its
        # distinctive words names it in full (``named``)
        self._rest = rest or {}
        # organisation → its legal forms and its seat's places (``Marks``), for the organisations
        # with a word another name has too: their namesakes may be found with them
        self._marks = marks or {}
        self._used, self._total = used, total  # distinctive word → names using it; names
        self._phrases = phrases or {}  # runs of words that are no name, by their first word
        by_word: dict[str, list[str]] = {}
        for oid, found in words_of.items():
            for word in found:
                by_word.setdefault(word, []).append(oid)
        self._by_word = {w: tuple(sorted(ids)) for w, ids in by_word.items()}

    def __len__(self) -> int:
        return len(self._words)

    def weight(self, word: str) -> float:
        """How much a distinctive word says of a name: log(names / names using it)."""
        return math.log(self._total / self._used[word])

    @classmethod
    def fit(cls, names: Iterable[tuple[str, str]], not_names: Collection[str] = (),
            keep: Collection[str] | None = None, not_phrases: Iterable[Sequence[str]] = (),
            seats: Mapping[str, Sequence[str]] | None = None,
            legal_forms: Mapping[str, str] | None = None) -> NameIndex:
        """The index of (id, name) pairs; ``not_names``: words that are no name (places);
        ``not_phrases``: runs of words (as ``words`` folds them) that are no name where a text
        has them (places of more than one word); ``keep``: the organisations that may be found
        (None: all), every name counting in how many use a word; ``seats``: the names of the
        places an organisation is seated in (its comune, its province), and ``legal_forms``:
        the name of its legal form ("Associazione di promozione sociale (APS)"), which tell
        namesakes apart with the forms its name says."""
        named, form_of = [], {}
        legal_forms, seats = legal_forms or {}, seats or {}
        of_legal = {text: forms(words(text)) for text in set(legal_forms.values())}  # a few dozen
        for oid, name in names:
            found = ordered_words(name)
            named.append((oid, [w for w in found if w not in NAME_STOP_WORDS]))
            written = forms(found)
            if written or oid in legal_forms:
                form_of[oid] = (with_implied(written | of_legal.get(legal_forms.get(oid, ""), frozenset())), written)
        used: Counter[str] = Counter()
        for _, found in named:
            used.update(found)
        limit = min(NAME_MAX, max(1, int(NAME_SHARE * len(named))))
        words_of, rest, marks = {}, {}, {}
        shared: dict[Any, Any] = {}  # one copy of each value: many organisations have the same

        def one(value: Any) -> Any:
            return shared.setdefault(value, value)

        @functools.cache
        def words_of_place(place: str) -> tuple[str, ...]:
            return one(tuple(map(sys.intern, ordered_words(place))))

        for oid, found in named:
            if keep is None or oid in keep:
                kept = tuple(sys.intern(w) for w in found if used[w] <= limit and w not in not_names)
                if kept:
                    words_of[oid] = kept
                    if others := tuple(sys.intern(w) for w in found if w not in kept):
                        rest[oid] = others
                    if any(used[w] > 1 for w in kept):
                        places = one(tuple(filter(None, map(words_of_place, seats.get(oid, ())))))
                        own_forms, written = form_of.get(oid, (frozenset(), frozenset()))
                        mark = Marks(one(own_forms), places, one(written))
                        if mark.forms or mark.places:
                            marks[oid] = one(mark)
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for run in {tuple(r) for r in not_phrases if len(r) > 1}:
            phrases.setdefault(run[0], []).append(run)
        distinct = {w: used[w] for found in words_of.values() for w in found}
        return cls(words_of, distinct, len(named), phrases, rest, marks)

    def named(self, text: str, counts: WordCounts | None, limit: int = NAMED_K,
              own: Collection[str] = ()) -> dict[str, Named]:
        """The organisations ``text`` names, at most ``limit``, the most strongly named first
        (ties by id); a word the work's texts use often (``counts``) names nothing. Without
        ``counts`` (no work yet), every word of a name counts. ``own``: the text's own
        organisations (a need's poster, the partners already known), which it may name as
        itself: found as any other, each wins a tie with its namesakes, and they are left out.
        "Noi del Bosco di Tutti", written by the APS Il Bosco di Tutti, names none of its
        namesakes, nor does the page of the Caritas Diocesana di Biella, which begins with its
        name, name another Caritas; «Il Bosco di Tutti Società Cooperativa Sociale» and "la
        Caritas di Vercelli" still name those."""
        said = {w for w in name_words(text, self._phrases)
                if w in self._by_word and (counts is None or counts.rare(w))}
        if not said:
            return {}
        found: dict[str, Named] = {}
        for oid in {oid for w in said for oid in self._by_word[w]}:
            distinct = self._words[oid]
            hit = tuple(w for w in distinct if w in said)  # in the name's order
            whole = sum(map(self.weight, distinct))  # 0 in a directory of one: every word is its name's
            found[oid] = Named(sum(map(self.weight, hit)) / whole if whole > 0 else len(hit) / len(distinct), hit)
        text_words = words(text)
        forms_said = forms(text_words)
        self._explain_away(text_words, forms_said, found)
        self._tell_apart(text_words, forms_said, found, own)
        for oid in own:
            found.pop(oid, None)
        best = sorted(found, key=lambda oid: (-found[oid].score, oid))[:limit]
        return {oid: found[oid] for oid in best}

    def _explain_away(self, text_words: set[str], forms_said: frozenset[str], found: dict[str, Named]) -> None:
        """Leave out the namesakes of an organisation the text names in full: every word of its
        name (NAME_STOP_WORDS aside), its place too, whether or not each names it (a word the
        work's texts use often names nobody, and is still part of the name given), and the legal
        form or kind its name says ("Soc. Coop." as "Società Cooperativa"). «Consulta del
        Volontariato di Conversano» names that Consulta, not the one of Vercelli, whose only
        distinctive word, "Consulta", it explains; one named by a word the full name does not
        explain stays, and so does one whose name is given but for its form: "Giovani" alone
        names «Giovani APS» no more fully than «Polisportiva Giovani Torino», nor less.
        ``text_words``: the text's ``words``; ``forms_said``: their ``forms``."""
        given = {oid for oid in found if all(w in text_words for w in (*self._words[oid], *self._rest.get(oid, ())))}
        in_full = {oid for oid in given if self._marks.get(oid, NO_MARKS).written <= forms_said}
        if not in_full:
            return
        explained = {w for oid in in_full for w in self._words[oid]}
        for oid in [oid for oid in found if oid not in given and set(found[oid].words) <= explained]:
            del found[oid]

    def _tell_apart(self, text_words: set[str], forms_said: frozenset[str], found: dict[str, Named],
                    own: Collection[str] = ()) -> None:
        """Leave out an organisation when another, found by all of its words, fits what the text
        says better: first by fewer legal forms or kinds the text says that neither its name nor
        its legal form has («Arcobaleno APS» names no «Arcobaleno Società Cooperativa Sociale»,
        "la cooperativa Arcobaleno" no «Arcobaleno APS»), then by the text naming its seat
        ("Arcobaleno di Palermo", of two that say no form). Where neither tells them apart, all of
        them stay, unless one is the text's ``own``. Takes the text as ``_explain_away`` does."""
        if len(found) < 2:
            return
        fits = {}
        for oid in found:
            mark = self._marks.get(oid, NO_MARKS)
            fits[oid] = (-len(forms_said - mark.forms), any(all(w in text_words for w in p) for p in mark.places))
        hits = {oid: set(named.words) for oid, named in found.items()}

        def outdone(o: str) -> bool:
            rivals = self._by_word[found[o].words[0]]  # all of its words: the first too (at most NAME_MAX)
            return any(x in found and (fits[x] > fits[o] or (x in own and x != o and fits[x] == fits[o]))
                       and hits[o] <= hits[x] for x in rivals)

        for oid in [o for o in found if outdone(o)]:
            del found[oid]
