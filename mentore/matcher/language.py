"""Which language a text is written in, offline: py3langid, a naive Bayes model over byte n-grams
that ships in its package (numpy only, nothing downloaded).

The people who read needs and projects on Mentore read Italian, or English (the site's second
language). The text model puts both in one space, and the full-text indexes are Italian. So a
need or a project written in another language is refused, with a message that names the
language. A short text, or a text the model is not sure of, is let through: refusing a real
Italian need would be worse than accepting a foreign one.
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
#: How sure the model must be that a text is in another language before it is refused. The
#: Italian texts that the model took for another language scored 0.18 or less; whole sentences
#: in French, Spanish or German score above 0.98.
MIN_PROBABILITY = 0.9

_WORDS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

#: Italian names of the languages people are likeliest to write in instead of Italian.
NAMES = {
    "ar": "arabo", "bg": "bulgaro", "bn": "bengalese", "ca": "catalano", "cs": "ceco", "da": "danese",
    "de": "tedesco", "el": "greco", "es": "spagnolo", "fa": "persiano", "fi": "finlandese", "fr": "francese",
    "hi": "hindi", "hr": "croato", "hu": "ungherese", "ja": "giapponese", "ko": "coreano", "nl": "olandese",
    "no": "norvegese", "pl": "polacco", "pt": "portoghese", "ro": "romeno", "ru": "russo", "sk": "slovacco",
    "sl": "sloveno", "sq": "albanese", "sr": "serbo", "sv": "svedese", "tl": "filippino", "tr": "turco",
    "uk": "ucraino", "ur": "urdu", "zh": "cinese",
}


@lru_cache(maxsize=1)
def _identifier():  # py3langid's LanguageIdentifier
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639 code) and its probability."""
    code, probability = _identifier().classify(text)
    return str(code), float(probability)


def foreign_language(text: str) -> str | None:
    """The code of the language ``text`` is clearly written in when that is neither Italian nor
    English; None when it is one of them, when the text is too short to tell, or when the model
    is not sure."""
    if len(_WORDS.findall(text or "")) < MIN_WORDS:
        return None
    code, probability = detect(text)
    if code in ACCEPTED or code in CLOSE_TO_ITALIAN or code == NOT_A_LANGUAGE or probability < MIN_PROBABILITY:
        return None
    return code


def language_name(code: str) -> str:
    """The language's Italian name, as it follows "scritto in": "francese", or "un'altra lingua"."""
    return NAMES.get(code, "un'altra lingua")


def refusal(code: str, what: str = "il testo") -> str:
    """The message for a text in language ``code``: ``what`` is the thing to write again."""
    return (f"Il testo sembra scritto in {language_name(code)}: scrivi {what} in italiano (o in inglese), "
            "perché le organizzazioni possano leggerlo e la piattaforma trovare chi può aiutare.")
