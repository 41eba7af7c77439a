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
    "ar": "arabo", "bg": "bulgaro", "bn": "bengalese", "ca": "catalano", "cs": "ceco", "da": "danese",
    "de": "tedesco", "el": "greco", "es": "spagnolo", "fa": "persiano", "fi": "finlandese", "fr": "francese",
    "hi": "hindi", "hr": "croato", "hu": "ungherese", "ja": "giapponese", "ko": "coreano", "nl": "olandese",
    "no": "norvegese", "pl": "polacco", "pt": "portoghese", "ro": "romeno", "ru": "russo", "sk": "slovacco",
    "sl": "sloveno", "sq": "albanese", "sr": "serbo", "sv": "svedese", "tl": "filippino", "tr": "turco",
    "uk": "ucraino", "ur": "urdu", "zh": "cinese", "gl": "galiziano", "eu": "basco", "et": "estone",
    "lt": "lituano", "lv": "lettone", "mk": "macedone", "bs": "bosniaco", "he": "ebraico", "hy": "armeno",
    "ka": "georgiano", "am": "amarico", "so": "somalo", "pa": "punjabi", "si": "singalese", "ta": "tamil",
    "yo": "yoruba", "ig": "igbo", "ha": "hausa", "vi": "vietnamita", "th": "thailandese", "id": "indonesiano",
}


@lru_cache(maxsize=1)
def _identifier():  # py3langid's LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm() -> None:
    """Load the model now (0.7 s) rather than in the first request that checks a text."""
    _identifier()


def foreign_language(text: str) -> str | None:
    """The code of the language ``text`` is clearly written in when that is neither Italian nor
    English; None when it is one of them (or close to Italian), when the text is too short to
    tell, or when Italian or English stay plausible."""
    if len(_WORDS.findall(text or "")) < MIN_WORDS:
        return None
    ranked = _identifier().rank(text)
    code = str(ranked[0][0])
    if code in ACCEPTED or code in CLOSE_TO_ITALIAN or code == NOT_A_LANGUAGE:
        return None
    plausible = sum(float(probability) for lang, probability in ranked if lang in ACCEPTED)
    return None if plausible >= MAX_ITALIAN_OR_ENGLISH else code


def language_name(code: str) -> str:
    """The language's Italian name, as it follows "scritto in": "francese", or "un'altra lingua"."""
    return NAMES.get(code, "un'altra lingua")


def refusal(code: str, what: str = "il testo") -> str:
    """The message for a text in language ``code``: ``what`` is the thing to write again."""
    return (f"Il testo sembra scritto in {language_name(code)}: scrivi {what} in italiano (o in inglese), "
            "perché le organizzazioni possano leggerlo e la piattaforma trovare chi può aiutare.")
