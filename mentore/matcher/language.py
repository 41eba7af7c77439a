"""Which language a text is written in, offline: py3langid, a naive Bayes model over byte n-grams
that ships in its package (numpy only, nothing downloaded).

The people who read needs and projects on Mentore read Italian, or English (the site's second
language). The text model puts both in one space, and the full-text indexes are Italian. So a
need or a project written in another language is refused, with a message that names the
language. A short text, or a text that may still be Italian or English, is let through: refusing
a real Italian need would be worse than accepting a foreign one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mentore.reference.vocabularies import N_, Message

ACCEPTED = frozenset({"it", "en"})
#: Italy's own languages and Latin: a short Italian text is sometimes taken for one of them.
CLOSE_TO_ITALIAN = frozenset({"vec", "lij", "la", "sc", "nap", "scn", "fur", "lmo", "pms", "co"})
NOT_A_LANGUAGE = "zxx"  # the model's label for strings without linguistic content
#: Below this many words a text is too short to tell its language.
MIN_WORDS = 4
#: A text is refused only when the model gives Italian and English together less than this. For
#: whole sentences in Spanish, Portuguese, French, German or Romanian it gives them at most 0.0003;
#: for the few Italian names it takes for another language (a comune, a local health agency) it
#: gives them 0.05 or more. The probability of the other language itself tells less: a Spanish
#: sentence can get 0.43, its rest going to Galician and Asturian.
MAX_ITALIAN_OR_ENGLISH = 0.01

_WORDS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

#: Italian names of the languages people are likeliest to write in instead of Italian.
NAMES = {
    "ar": N_("arabo"), "bg": N_("bulgaro"), "bn": N_("bengalese"), "ca": N_("catalano"), "cs": N_("ceco"),
    "da": N_("danese"), "de": N_("tedesco"), "el": N_("greco"), "es": N_("spagnolo"), "fa": N_("persiano"),
    "fi": N_("finlandese"), "fr": N_("francese"), "hi": N_("hindi"), "hr": N_("croato"), "hu": N_("ungherese"),
    "ja": N_("giapponese"), "ko": N_("coreano"), "nl": N_("olandese"), "no": N_("norvegese"), "pl": N_("polacco"),
    "pt": N_("portoghese"), "ro": N_("romeno"), "ru": N_("russo"), "sk": N_("slovacco"), "sl": N_("sloveno"),
    "sq": N_("albanese"), "sr": N_("serbo"), "sv": N_("svedese"), "tl": N_("filippino"), "tr": N_("turco"),
    "uk": N_("ucraino"), "ur": N_("urdu"), "zh": N_("cinese"), "gl": N_("galiziano"), "eu": N_("basco"),
    "et": N_("estone"), "lt": N_("lituano"), "lv": N_("lettone"), "mk": N_("macedone"), "bs": N_("bosniaco"),
    "he": N_("ebraico"), "hy": N_("armeno"), "ka": N_("georgiano"), "am": N_("amarico"), "so": N_("somalo"),
    "pa": N_("punjabi"), "si": N_("singalese"), "ta": N_("tamil"), "yo": N_("yoruba"), "ig": N_("igbo"),
    "ha": N_("hausa"), "vi": N_("vietnamita"), "th": N_("thailandese"), "id": N_("indonesiano"),
}


@lru_cache(maxsize=1)
def _identifier():  # py3langid's LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm() -> None:
    """Load the model now (0.7 s) rather than in the first request that checks a text."""
    _identifier()


def word_count(text: str) -> int:
    """Words of two letters or more (digits and signs are no words)."""
    return len(_WORDS.findall(text or ""))


def foreign_language(text: str) -> str | None:
    """The code of the language ``text`` is clearly written in when that is neither Italian nor
    English; None when it is one of them (or close to Italian), when the text is too short to
    tell, or when Italian or English stay plausible."""
    if word_count(text) < MIN_WORDS:
        return None
    ranked = _identifier().rank(text)
    code = str(ranked[0][0])
    if code in ACCEPTED or code in CLOSE_TO_ITALIAN or code == NOT_A_LANGUAGE:
        return None
    plausible = sum(float(probability) for lang, probability in ranked if lang in ACCEPTED)
    return None if plausible >= MAX_ITALIAN_OR_ENGLISH else code


def language_name(code: str) -> Message:
    """The language's Italian name, as it follows "scritto in": "francese", or "un'altra lingua"."""
    return Message(NAMES.get(code, N_("un'altra lingua")))


#: What is said to the person; ``what`` is the thing to write again ("il bisogno", "il titolo").
REFUSAL = N_("Il testo sembra scritto in %(language)s: scrivi %(what)s in italiano (o in inglese), perché "
             "le organizzazioni possano leggerlo e la piattaforma trovare chi può aiutare.")


def refusal(code: str, what: str = N_("il testo")) -> Message:
    """The message for a text in language ``code``; ``what`` is marked with N_ by the caller."""
    return Message(REFUSAL, language=language_name(code), what=Message(what))
