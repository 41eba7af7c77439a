"""Turn what people type in a search box into a safe Lucene query for the Italian full-text
indexes. The analyzer stems ("anziani" ~ "anziano") but does not join "volontari" and
"volontariato": every term is also searched as a prefix. Lucene syntax is escaped, Italian
stop words are dropped, and every remaining term is required."""

from __future__ import annotations

import re

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
_WORD = re.compile(r"[\w']+", re.UNICODE)

STOP_WORDS = frozenset("""
a ad al alla alle allo agli ai anche che chi con col coi da dal dalla dalle dai degli dei del della
delle dello di e ed gli i il in la le lo ma nel nella nelle nei negli non o per piu più se senza
si su sul sulla sui tra fra un una uno dell nell all dall sull coll the of and for or
""".split())


def terms(text: str) -> list[str]:
    """The words of ``text`` worth searching for, lower case, elisions split ("dell'anziano")."""
    words = []
    for raw in _WORD.findall(text.lower()[:MAX_QUERY_LENGTH]):
        for word in raw.split("'"):
            word = word.strip("_")
            if len(word) >= 2 and word not in STOP_WORDS:
                words.append(word)
    return words[:MAX_TERMS]


def escape(term: str) -> str:
    return _SPECIAL.sub(r"\\\1", term)


def lucene_query(text: str) -> str | None:
    """``None`` when nothing searchable is left (empty text, only stop words)."""
    found = terms(text or "")
    if not found:
        return None
    clauses = []
    for term in found:
        safe = escape(term)
        clause = f"{safe}^2 OR {safe}*"
        if len(term) >= 6:  # a typo in a long word still finds it
            clause += f" OR {safe}~1"
        clauses.append(f"+({clause})")
    return " ".join(clauses)


#: Words kept from a long text (a need, a project) for the "any of these words" query.
MAX_MATCH_TERMS = 40
MATCH_STOP_WORDS = STOP_WORDS | frozenset("""
are as at be by from has have is it its on that this to was were which will with we our their
this these those can into also more such been per sono sia come dove quando anche loro nostro nostra
nostri nostre cui ogni essere stato stata alcuni molto questo questa questi queste quello quella
""".split())


def lucene_any(text: str, max_terms: int = MAX_MATCH_TERMS) -> str | None:
    """A query that matches documents with *any* of the text's content words, for ranking by
    relevance rather than filtering. When there are more than ``max_terms``, the words the text
    repeats come first (a long text names its subject again and again: "vortex", "volontari"),
    then the longest ones (they carry more meaning than short ones)."""
    counts: dict[str, int] = {}
    for raw in _WORD.findall((text or "").lower()[:5_000]):
        for word in raw.split("'"):
            word = word.strip("_")
            if len(word) >= 3 and word not in MATCH_STOP_WORDS and not word.isdigit():
                counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], -len(w)))[:max_terms]
    return " OR ".join(escape(w) for w in words) or None
