"""The digest preference form (shape only; the service checks the value again)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

#: The choices in the order shown; labels and explanations are Italian first.
DIGEST_CHOICES = (
    ("weekly", _l("Una volta alla settimana")),
    ("daily", _l("Una volta al giorno")),
    ("none", _l("Mai: guardo le notifiche sul sito")),
)


class DigestForm(FlaskForm):
    digest = RadioField(_l("Riepilogo via e-mail"), choices=DIGEST_CHOICES,
                        validators=[InputRequired(message=_l("Scegli una frequenza."))])
