"""Closed vocabularies of the organisation and need profiles: stored codes and Italian labels.

Codes are what the graph stores; labels are what people read (translated through Babel in the
templates). RUNTS sections follow art. 46 D.Lgs 117/2017.
"""

from __future__ import annotations

ORGANISATION_KINDS = {
    "ETS": "Ente del Terzo settore",
    "PUBLIC_BODY": "Ente pubblico",
}

ETS_LEGAL_FORMS = {
    "odv": "Organizzazione di volontariato (ODV)",
    "aps": "Associazione di promozione sociale (APS)",
    "ente_filantropico": "Ente filantropico",
    "impresa_sociale": "Impresa sociale",
    "coop_sociale_a": "Cooperativa sociale di tipo A",
    "coop_sociale_b": "Cooperativa sociale di tipo B",
    "rete_associativa": "Rete associativa",
    "mutuo_soccorso": "Società di mutuo soccorso",
    "fondazione": "Fondazione",
    "associazione": "Associazione riconosciuta o non riconosciuta",
    "altro_ets": "Altro ente del Terzo settore",
}

PUBLIC_LEGAL_FORMS = {
    "comune": "Comune",
    "unione_comuni": "Unione di comuni",
    "ambito_sociale": "Ambito territoriale sociale",
    "asl": "Azienda sanitaria locale (ASL)",
    "provincia": "Provincia o città metropolitana",
    "regione": "Regione",
    "scuola": "Istituzione scolastica",
    "altro_pa": "Altro ente pubblico",
}

#: RUNTS sections (art. 46 CTS), letter → label.
RUNTS_SECTIONS = {
    "a": "Organizzazioni di volontariato",
    "b": "Associazioni di promozione sociale",
    "c": "Enti filantropici",
    "d": "Imprese sociali, incluse le cooperative sociali",
    "e": "Reti associative",
    "f": "Società di mutuo soccorso",
    "g": "Altri enti del Terzo settore",
}

#: The RUNTS section an ETS legal form belongs to.
SECTION_OF_LEGAL_FORM = {
    "odv": "a", "aps": "b", "ente_filantropico": "c", "impresa_sociale": "d",
    "coop_sociale_a": "d", "coop_sociale_b": "d", "rete_associativa": "e",
    "mutuo_soccorso": "f", "fondazione": "g", "associazione": "g", "altro_ets": "g",
}

RESOURCES = {
    "volontari": "Volontari",
    "spazi": "Spazi",
    "mezzi": "Mezzi di trasporto",
    "attrezzature": "Attrezzature",
    "finanziamenti": "Finanziamenti",
    "competenze": "Competenze professionali",
}

HELP_KINDS = {
    "volontari": "Volontari",
    "competenze": "Competenze",
    "spazi": "Spazi",
    "attrezzature": "Attrezzature",
    "finanziamenti": "Finanziamenti",
    "partenariato": "Partenariato",
}

NEED_STATUSES = {
    "draft": "Bozza",
    "open": "Aperto",
    "matched": "Abbinato",
    "in_progress": "In corso",
    "met": "Soddisfatto",
    "closed": "Chiuso",
    "expired": "Scaduto",
}

MEMBERSHIP_MODES = {
    "open": "Aperta",
    "request": "Su richiesta",
    "invitation": "Su invito",
}

MEMBER_ROLES = {
    "member": "Membro",
    "admin": "Amministratore dell'organizzazione",
}
