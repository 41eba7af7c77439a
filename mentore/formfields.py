"""Form fields shared by the forms of every part of the site."""

from __future__ import annotations

from wtforms import TextAreaField as _TextAreaField


def typed_line_breaks(text: str) -> str:
    """The text with each line break as the one character the person typed (CR LF and CR
    become LF), as text areas send it once received; the JSON API applies it to its free texts
    too, so that a text counts and is stored the same whichever way it came."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class TextAreaField(_TextAreaField):
    """A text area whose line breaks are one character each, as the person sees them.

    Browsers send each line break of a text area as CR LF, while they count it as one character
    against its ``maxlength``: a text that filled the field exactly came back "too long" by as
    many characters as it had lines. Line breaks are therefore LF once received, before any
    length is checked, and stored that way."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            self.data = typed_line_breaks(valuelist[0])
