"""Form fields shared by the forms of every part of the site."""

from __future__ import annotations

from wtforms import TextAreaField as _TextAreaField


class TextAreaField(_TextAreaField):
    """A text area whose line breaks are one character each, as the person sees them.

    Browsers send each line break of a text area as CR LF, while they count it as one character
    against its ``maxlength``: a text that filled the field exactly came back "too long" by as
    many characters as it had lines. Line breaks are therefore LF once received, before any
    length is checked, and stored that way."""

    def process_formdata(self, valuelist: list[str]) -> None:
        if valuelist:
            self.data = valuelist[0].replace("\r\n", "\n").replace("\r", "\n")
