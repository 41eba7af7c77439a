"""Admin forms: shape only; the services check the rules."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional


class CompetencyForm(FlaskForm):
    label = StringField(_l("Nome (italiano)"), validators=[
        DataRequired(_l("Indica il nome della competenza.")), Length(3, 120, _l("Il nome va da 3 a 120 caratteri."))])
    label_en = StringField(_l("Nome (inglese)"), validators=[Optional(), Length(max=120)])


class MergeForm(FlaskForm):
    source = SelectField(_l("Doppione da eliminare"), validators=[DataRequired(_l("Scegli il doppione."))])
    target = SelectField(_l("Competenza che resta"), validators=[DataRequired(_l("Scegli la competenza che resta."))])
