"""The English catalogue: every message of the Italian source has its translation, with the same
placeholders (a missing one would show Italian on an English page, a wrong one would fail)."""

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalogue(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


def _forms(value) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def test_every_message_of_the_template_is_translated_into_english():
    template = _catalogue(ROOT / "mentore/translations/messages.pot")
    english = _catalogue(ROOT / "mentore/translations/en/LC_MESSAGES/messages.po")
    missing = [m.id for m in template if m.id and (english.get(m.id) is None
                                                 or not all(_forms(english.get(m.id).string)))]
    assert missing == []


def test_translations_keep_the_placeholders_of_their_message():
    english = _catalogue(ROOT / "mentore/translations/en/LC_MESSAGES/messages.po")
    wrong = []
    for message in english:
        if not message.id:
            continue
        wanted = set(PLACEHOLDER.findall(" ".join(_forms(message.id))))
        for form in _forms(message.string):
            found = set(PLACEHOLDER.findall(form))
            # a value it does not have fails; a plural's singular may leave out a value
            if found - wanted or (not message.pluralizable and wanted - found):
                wrong.append(message.id)
    assert wrong == []
