"""Closed vocabularies of the organisation and need profiles: stored codes and Italian labels.

Codes are what the graph stores; labels are what people read (translated through Babel in the
templates). RUNTS sections follow art. 46 D.Lgs 117/2017.
"""

from __future__ import annotations


def N_(text: str) -> str:
    """Marks a label for the translation catalogue (``pybabel extract -k N_``); the web layer
    translates it when it shows it. This module stays free of Flask."""
    return text


class Message(str):
    """A message for people from plain Python code (a service, the matcher): as a string it is
    the Italian text; its ``template`` (marked with N_) and ``params`` let the web layer show it
    in the person's language (``mentore.messages.localized``). A param that is itself a Message
    is translated too; other params are shown as they are.

    >>> str(Message(N_("Al massimo %(max)d caratteri."), max=300))
    'Al massimo 300 caratteri.'
    """

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Message:
        message = super().__new__(cls, template % params if params else template)
        message.template = template
        message.params = params
        return message


def joined(*messages: Message) -> Message:
    """Several messages as one, separated by a space (each translated on its own)."""
    template = " ".join(f"%(m{i})s" for i in range(len(messages)))
    return Message(template, **{f"m{i}": m for i, m in enumerate(messages)})


ORGANISATION_KINDS = {
    "ETS": N_("Ente del Terzo settore"),
    "PUBLIC_BODY": N_("Ente pubblico"),
}

ETS_LEGAL_FORMS = {
    "odv": N_("Organizzazione di volontariato (ODV)"),
    "aps": N_("Associazione di promozione sociale (APS)"),
    "ente_filantropico": N_("Ente filantropico"),
    "impresa_sociale": N_("Impresa sociale"),
    "coop_sociale_a": N_("Cooperativa sociale di tipo A"),
    "coop_sociale_b": N_("Cooperativa sociale di tipo B"),
    "rete_associativa": N_("Rete associativa"),
    "mutuo_soccorso": N_("Società di mutuo soccorso"),
    "fondazione": N_("Fondazione"),
    "associazione": N_("Associazione riconosciuta o non riconosciuta"),
    "altro_ets": N_("Altro ente del Terzo settore"),
}

PUBLIC_LEGAL_FORMS = {
    "comune": N_("Comune"),
    "unione_comuni": N_("Unione di comuni"),
    "ambito_sociale": N_("Ambito territoriale sociale"),
    "asl": N_("Azienda sanitaria locale (ASL)"),
    "provincia": N_("Provincia o città metropolitana"),
    "regione": N_("Regione"),
    "scuola": N_("Istituzione scolastica"),
    "altro_pa": N_("Altro ente pubblico"),
}

#: Every legal form, of the third sector's and of public bodies.
LEGAL_FORMS = {**ETS_LEGAL_FORMS, **PUBLIC_LEGAL_FORMS}

#: RUNTS sections (art. 46 CTS), letter → label.
RUNTS_SECTIONS = {
    "a": N_("Organizzazioni di volontariato"),
    "b": N_("Associazioni di promozione sociale"),
    "c": N_("Enti filantropici"),
    "d": N_("Imprese sociali, incluse le cooperative sociali"),
    "e": N_("Reti associative"),
    "f": N_("Società di mutuo soccorso"),
    "g": N_("Altri enti del Terzo settore"),
}

#: The RUNTS section an ETS legal form belongs to.
SECTION_OF_LEGAL_FORM = {
    "odv": "a", "aps": "b", "ente_filantropico": "c", "impresa_sociale": "d",
    "coop_sociale_a": "d", "coop_sociale_b": "d", "rete_associativa": "e",
    "mutuo_soccorso": "f", "fondazione": "g", "associazione": "g", "altro_ets": "g",
}

RESOURCES = {
    "volontari": N_("Volontari"),
    "spazi": N_("Spazi"),
    "mezzi": N_("Mezzi di trasporto"),
    "attrezzature": N_("Attrezzature"),
    "finanziamenti": N_("Finanziamenti"),
    "competenze": N_("Competenze professionali"),
}

HELP_KINDS = {
    "volontari": N_("Volontari"),
    "competenze": N_("Competenze"),
    "spazi": N_("Spazi"),
    "attrezzature": N_("Attrezzature"),
    "finanziamenti": N_("Finanziamenti"),
    "partenariato": N_("Partenariato"),
}

NEED_STATUSES = {
    "draft": N_("Bozza"),
    "open": N_("Aperto"),
    "matched": N_("Abbinato"),
    "in_progress": N_("In corso"),
    "met": N_("Soddisfatto"),
    "closed": N_("Chiuso"),
    "expired": N_("Scaduto"),
}

#: Where a suggestion of a need stands (the poster decides; see services.suggestions).
SUGGESTION_STATUSES = {
    "proposed": N_("Proposta"),
    "contacted": N_("Contattata"),
    "accepted": N_("Accettata"),
    "declined": N_("Rifiutata"),
}

#: What a suggested organisation answered first (see services.suggestions.AVAILABILITY), as the
#: poster reads it next to the answer.
ANSWER_AVAILABILITY = {
    "yes": N_("Può aiutare"),
    "partly": N_("Può aiutare in parte"),
    "no": N_("Non può aiutare"),
}

MEMBERSHIP_MODES = {
    "open": N_("Aperta"),
    "request": N_("Su richiesta"),
    "invitation": N_("Su invito"),
}

MEMBER_ROLES = {
    "member": N_("Membro"),
    "admin": N_("Amministratore dell'organizzazione"),
}
