"""The OpenAPI 3.1 description of ``/api/v1``, served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from typing import Any

from mentore.version import __version__


def _error(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


LIST_FILTERS = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
     "description": "Testo libero (indice full-text italiano; ogni parola anche come prefisso)."},
    *[{"name": name, "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form",
       "explode": True, "description": description} for name, description in (
        ("kind", "ETS | PUBLIC_BODY"),
        ("legal_form", "Forma giuridica (odv, aps, coop_sociale_a, comune, asl, ...)"),
        ("runts_section", "Sezione RUNTS a–g"),
        ("activity", "Attività di interesse generale, lettere a–z dell'art. 5 CTS"),
        ("competency", "Identificativo di competenza (es. progettazione-sociale)"),
        ("territory", "regione:NN, provincia:NNN o comune:NNNNNN (codici ISTAT); include i territori sottostanti"),
    )],
    {"name": "verified", "in": "query", "schema": {"type": "boolean"}, "description": "Solo organizzazioni verificate"},
    {"name": "sort", "in": "query", "schema": {"enum": ["relevance", "name"]}},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]

ORGANISATION_INPUT = {
    "type": "object",
    "required": ["name", "kind", "legal_form", "codice_fiscale", "seat"],
    "properties": {
        "name": {"type": "string", "minLength": 3, "maxLength": 200},
        "kind": {"enum": ["ETS", "PUBLIC_BODY"]},
        "legal_form": {"type": "string"},
        "codice_fiscale": {"type": "string", "description": "11 cifre o 16 caratteri, con carattere di controllo"},
        "runts_section": {"type": ["string", "null"], "enum": ["a", "b", "c", "d", "e", "f", "g", None]},
        "runts_number": {"type": ["string", "null"], "pattern": "^[0-9]{1,10}$"},
        "seat": {"type": "string", "description": "Comune della sede: nome, \"Nome (SIGLA)\", codice ISTAT o comune:NNNNNN"},
        "works_in": {"type": "array", "items": {"type": "string"}, "description": "regione:NN, provincia:NNN"},
        "activities": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]$"}},
        "competencies": {"type": "array", "items": {"type": "string"}},
        "resources": {"type": "array", "items": {"enum": ["volontari", "spazi", "mezzi", "attrezzature",
                                                          "finanziamenti", "competenze"]}},
        "description": {"type": "string", "maxLength": 4000},
        "website": {"type": ["string", "null"], "format": "uri"},
        "email": {"type": ["string", "null"], "format": "email"},
        "phone": {"type": ["string", "null"]},
        "founded": {"type": ["integer", "null"], "minimum": 1800},
    },
}

ORGANISATION = {
    "allOf": [{"$ref": "#/components/schemas/OrganisationInput"}, {"type": "object", "properties": {
        "id": {"type": "string"}, "verified": {"type": "boolean"},
        "verified_at": {"type": ["string", "null"], "description": "Quando gli amministratori della piattaforma l'hanno "
                                                                   "verificata"},
        "seat_name": {"type": "string"},
        "provincia": {"type": "string"}, "regione": {"type": "string"},
        "created_at": {"type": "string"}, "updated_at": {"type": ["string", "null"]}}}],
}


NEED_FILTERS = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
     "description": "Testo libero nel titolo e nella descrizione (indice full-text italiano)."},
    *[{"name": name, "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form",
       "explode": True, "description": description} for name, description in (
        ("status", "open | matched | in_progress | met | closed | expired (le bozze non sono pubbliche)"),
        ("help_kind", "volontari | competenze | spazi | attrezzature | finanziamenti | partenariato"),
        ("activity", "Attività di interesse generale, lettere a–z dell'art. 5 CTS"),
        ("territory", "regione:NN, provincia:NNN o comune:NNNNNN (codici ISTAT); include i territori sottostanti"),
    )],
    {"name": "organisation", "in": "query", "schema": {"type": "string"},
     "description": "Solo i bisogni pubblicati da questa organizzazione (il suo id)."},
    {"name": "helped_by", "in": "query", "schema": {"type": "string"},
     "description": "Solo i bisogni soddisfatti con l'aiuto di questa organizzazione (il suo id)."},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]

NEED_INPUT = {
    "type": "object",
    "required": ["title", "description", "deadline", "help_kind", "activity"],
    "properties": {
        "organisation": {"type": "string", "description": "Id dell'organizzazione (facoltativo se ne hai una sola)"},
        "title": {"type": "string", "minLength": 5, "maxLength": 140},
        "description": {"type": "string", "minLength": 20, "maxLength": 4000},
        "beneficiaries": {"type": ["string", "null"], "maxLength": 200},
        "place": {"type": ["string", "null"], "description": "Comune: nome, \"Nome (SIGLA)\" o codice ISTAT; "
                                                               "oppure \"Provincia di …\" o una regione, per un "
                                                               "bisogno che riguarda tutto quel territorio; "
                                                               "se manca, il primo comune nominato nel titolo o "
                                                               "nella descrizione («a Rieti»), altrimenti quello "
                                                               "della sede"},
        "deadline": {"type": "string", "format": "date", "description": "Da oggi a non oltre due anni"},
        "help_kind": {"enum": ["volontari", "competenze", "spazi", "attrezzature", "finanziamenti", "partenariato"]},
        "volunteers_needed": {"type": ["integer", "null"], "minimum": 1, "maximum": 500,
                              "description": "Obbligatorio se help_kind è volontari"},
        "in_person": {"type": "boolean", "default": False,
                      "description": "L'aiuto va dato di persona, sul posto (un istruttore, un tecnico): i "
                                     "suggerimenti preferiscono le organizzazioni vicine, come per volontari, spazi "
                                     "e attrezzature, che lo sono sempre"},
        "activity": {"type": "string", "pattern": "^[a-z]$"},
        "competencies": {"type": "array", "items": {"type": "string"}},
        "only_verified": {"type": "boolean", "default": False,
                          "description": "Requisito di chi aiuta: solo organizzazioni verificate dagli "
                                         "amministratori. Le altre non sono suggerite e non possono proporsi "
                                         "(POST /needs/{id}/offers: 422 su organisation)"},
        "only_runts": {"type": "boolean", "default": False,
                       "description": "Requisito di chi aiuta: solo enti iscritti al RUNTS (una sezione indicata "
                                      "nel profilo). Le altre organizzazioni non sono suggerite e non possono "
                                      "proporsi"},
        "helpers_within": {"enum": ["provincia", "regione", "italia", "", None], "default": None,
                           "description": "Requisito di chi aiuta: solo organizzazioni con sede o attività nella "
                                          "provincia (provincia) o nella regione (regione) del luogo del bisogno; "
                                          "per un bisogno di tutta una regione, la regione. Vuoto o null: da tutta "
                                          "Italia, ma un aiuto che si dà sul posto (help_kind volontari, spazi, "
                                          "attrezzature, o in_person) solo dalla regione del luogo. italia: da tutta "
                                          "Italia anche per un aiuto sul posto"},
        "publish": {"type": "boolean", "description": "true: pubblicato (open); false: bozza"},
        "keep_place": {"type": "boolean", "description": "Conferma il luogo: senza, se il titolo o la descrizione "
                       "nominano un luogo (comune, provincia, regione) che non contiene il luogo indicato né vi è "
                       "contenuto, la risposta è 422 su place. Un luogo confermato resta tale nelle modifiche"},
        "allow_duplicate": {"type": "boolean", "description": "Solo alla creazione. Senza: se l'organizzazione ha "
                            "già un bisogno attivo (bozza, aperto, abbinato, in corso) con lo stesso titolo, la "
                            "risposta è 422 sul titolo"},
    },
}

NEED = {
    "type": "object",
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
        "beneficiaries": {"type": ["string", "null"]}, "help_kind": {"type": "string"},
        "volunteers_needed": {"type": ["integer", "null"]}, "in_person": {"type": "boolean"},
        "only_verified": {"type": "boolean"}, "only_runts": {"type": "boolean"},
        "helpers_within": {"enum": ["provincia", "regione", "italia", None]},
        "status": {"enum": ["draft", "open", "matched", "in_progress", "met", "closed", "expired"]},
        "deadline": {"type": "string", "format": "date"}, "territory": {"type": "string"},
        "territory_name": {"type": "string"}, "activity": {"type": "string"},
        "competencies": {"type": "array", "items": {"type": "string"}},
        "organisation_id": {"type": "string"}, "organisation_name": {"type": "string"},
        "created_at": {"type": "string"}, "updated_at": {"type": ["string", "null"]},
        "published_at": {"type": ["string", "null"], "description": "Quando ha lasciato le bozze (null: bozza)"},
        "helped_by": {"type": "array", "description": "Le organizzazioni che hanno aiutato a soddisfarlo, come "
                      "indicate da chi l'ha pubblicato", "items": {"type": "object", "properties": {
                          "id": {"type": "string"}, "name": {"type": "string"}}}},
        "help_claims": {"type": "array", "description": "Solo per i membri dell'organizzazione che l'ha "
                        "pubblicato: le organizzazioni della directory indicate come aiuto, in attesa che lo "
                        "confermino", "items": {"type": "object", "properties": {
                            "id": {"type": "string"}, "name": {"type": "string"}, "at": {"type": "string"},
                            "members": {"type": "integer", "description": "Quanti membri ha sulla piattaforma"},
                            "answerers": {"type": "integer", "description": "Quanti di loro possono confermarlo: "
                                          "non chi è anche dell'organizzazione che ha pubblicato il bisogno (0: "
                                          "nessuno)"}}}},
        "help_declined": {"type": "array", "description": "Solo per i membri dell'organizzazione che l'ha "
                          "pubblicato: le organizzazioni della directory indicate come aiuto che hanno risposto di "
                          "non aver aiutato (non si chiede loro di nuovo)", "items": {"type": "object", "properties": {
                              "id": {"type": "string"}, "name": {"type": "string"}}}},
    },
}


REASON = {
    "type": "object", "description": "Un motivo del suggerimento e il suo contributo al punteggio",
    "properties": {
        "feature": {"type": "string"}, "label": {"type": "string", "description": "In italiano"},
        "contribution": {"type": "number"},
        "detail": {"type": "array", "items": {"type": "string"},
                   "description": "Di che cosa si tratta, quando si può dire: competenze o attività in comune (id), "
                                  "livello del territorio (comune, provincia, regione), partner indicati (id), "
                                  "parole del nome che il testo dice (named_in_text), organizzazioni con cui chi ha "
                                  "pubblicato il bisogno ha lavorato (in un partenariato o soddisfacendo un "
                                  "bisogno) attraverso cui passa il legame (poster_network, id; assente se ha "
                                  "lavorato con chi l'ha pubblicato)"},
        "via": {"type": "object", "additionalProperties": {"type": "string"},
                "description": "Solo per poster_network: id → nome delle organizzazioni di detail"},
        "work": {"type": "object", "description": "Il lavoro passato che fa da prova: il partenariato o il bisogno "
                                                  "soddisfatto più vicino al testo (per poster_network, un "
                                                  "partenariato del legame o un bisogno soddisfatto insieme)",
                 "properties": {"id": {"type": "string"}, "kind": {"type": "string", "enum": ["partnership", "need"]},
                                "title": {"type": "string"},
                                "year": {"type": ["integer", "null"],
                                         "description": "L'anno di inizio del partenariato, o quello in cui il "
                                                        "bisogno è stato soddisfatto (null per un bisogno non "
                                                        "ancora soddisfatto)"}}},
    },
}

NEED_SUGGESTIONS = {
    "type": "object", "required": ["need_id", "items", "degraded"],
    "properties": {
        "need_id": {"type": "string"},
        "suggested_at": {"type": ["string", "null"], "description": "null: non ancora calcolati (riprova tra poco)"},
        "degraded": {"type": "boolean", "description": "true: calcolati senza modello del testo o senza indice "
                                                       "dei vettori (vedi note)"},
        "note": {"type": ["string", "null"]},
        "can_decide": {"type": "boolean", "description": "Chi chiede è membro dell'organizzazione che ha pubblicato"},
        "narrowed": {"type": ["integer", "null"], "description": "Solo per chi ha pubblicato il bisogno: quando i "
                     "requisiti di chi aiuta (only_verified, only_runts, helpers_within) lasciano meno organizzazioni "
                     "di quante la piattaforma ne propone, quante ne propone ancora in gioco (né rifiutate né con "
                     "risposta no); altrimenti null"},
        "near_region": {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                        "description": "La regione del bisogno quando l'aiuto si dà sul posto (help_kind volontari, "
                                       "spazi, attrezzature, o in_person) e helpers_within è vuoto: la piattaforma "
                                       "suggerisce solo organizzazioni con sede o attività lì; altrimenti null"},
        "refreshing": {"type": "boolean", "description": "true: un aggiornamento è in corso (bisogno modificato, "
                                                         "organizzazione rifiutata): l'elenco sta per cambiare"},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "rank": {"type": ["integer", "null"], "description": "null: si è proposta "
                                                                                       "senza essere tra i primi"},
            "score": {"type": ["number", "null"], "description": "null: si è proposta, i motivi sono in calcolo"},
            "status": {"enum": ["proposed", "contacted", "accepted", "declined"]},
            "offered": {"type": "boolean", "description": "true: l'organizzazione si è proposta da sé"},
            "invited": {"type": "boolean", "description": "true: chi ha pubblicato il bisogno le ha chiesto di "
                                                          "aiutare, senza che la piattaforma la suggerisse"},
            "organisation_id": {"type": "string"}, "organisation_name": {"type": "string"},
            "organisation_kind": {"type": "string"},
            "organisation_verified": {"type": "boolean", "description": "Verificata dagli amministratori"},
            "organisation_runts_section": {"type": ["string", "null"], "description": "La sezione del RUNTS "
                                           "indicata nel profilo (null: nessuna)"},
            "comune_name": {"type": ["string", "null"]},
            "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
            "answer": {"type": ["string", "null"], "description": "La risposta dell'organizzazione suggerita"},
            "availability": {"enum": ["yes", "partly", "no", None], "description": "Se l'organizzazione suggerita "
                             "ha risposto di poter aiutare (yes), in parte (partly) o no (no: un'altra è proposta "
                             "al suo posto)"},
            "answered_at": {"type": ["string", "null"]},
            "decline_reason": {"type": ["string", "null"], "description": "Solo per chi ha pubblicato il bisogno "
                                                                          "(i suggerimenti rifiutati non sono pubblici)"},
            "decline_text": {"type": ["string", "null"]},
            "invitation": {"type": ["string", "null"], "description": "Solo per chi ha pubblicato il bisogno: il "
                                                                      "messaggio con cui ha chiesto aiuto "
                                                                      "all'organizzazione (invited)"},
        }}},
    },
}

DECISION = {
    "type": "object", "required": ["decision"],
    "properties": {
        "decision": {"enum": ["accept", "contact", "decline", "withdraw"],
                     "description": "accept porta un bisogno aperto allo stato matched; withdraw ritira una "
                                    "richiesta di aiuto di chi ha pubblicato il bisogno (invited) a cui "
                                    "l'organizzazione non ha ancora risposto, e la avvisa"},
        "reason": {"enum": ["not_relevant", "too_far", "already_known", "no_capacity", "other"],
                   "description": "Obbligatorio per decline"},
        "reason_text": {"type": "string", "maxLength": 500, "description": "Obbligatorio se reason è other"},
    },
}

ANSWER = {
    "type": "object", "required": ["availability"],
    "properties": {
        "availability": {"enum": ["yes", "partly", "no"], "description": "Se l'organizzazione può aiutare: sì, in "
                         "parte, no (no: un'altra organizzazione è proposta al suo posto)"},
        "answer": {"type": "string", "maxLength": 2000, "description": "Come, a quali condizioni, chi contattare "
                   "(obbligatoria tranne che per no); sostituisce la risposta precedente"},
    },
}

OFFER = {
    "type": "object", "required": ["availability", "answer"],
    "properties": {
        "organisation": {"type": "string", "description": "Id dell'organizzazione che si propone (chi chiede ne è "
                                                          "membro; non quella che ha pubblicato il bisogno); "
                                                          "facoltativo per chi è membro di una sola"},
        "availability": {"enum": ["yes", "partly"], "description": "Se può aiutare del tutto o in parte"},
        "answer": {"type": "string", "minLength": 1, "maxLength": 2000,
                   "description": "Come, a quali condizioni, chi contattare: la leggono solo i membri "
                                  "dell'organizzazione che ha pubblicato il bisogno"},
    },
}

HELP_REQUEST = {
    "type": "object", "required": ["organisation"],
    "properties": {
        "organisation": {"type": "string", "description": "Id dell'organizzazione dell'elenco a cui chiedere "
                                                          "aiuto (non suggerita per il bisogno)"},
        "message": {"type": "string", "maxLength": 2000,
                    "description": "Facoltativo: il messaggio che i suoi membri leggono con la richiesta"},
    },
}

NEEDS_NEARBY = {
    "type": "object", "required": ["organisation_id", "described", "items"],
    "properties": {
        "organisation_id": {"type": "string"},
        "described": {"type": "boolean", "description": "false: il profilo non ha né testo né attività da cui "
                                                       "cercare"},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "need_id": {"type": "string"}, "title": {"type": "string"},
            "status": {"enum": ["open", "matched", "in_progress"]}, "help_kind": {"type": "string"},
            "deadline": {"type": ["string", "null"]}, "territory": {"type": ["string", "null"]},
            "territory_name": {"type": ["string", "null"]},
            "organisation_id": {"type": "string", "description": "Chi ha pubblicato il bisogno"},
            "organisation_name": {"type": "string"},
            "score": {"type": "number", "description": "Vicinanza del testo più territorio, attività e competenze"},
            "similarity": {"type": ["number", "null"], "description": "Coseno tra il testo del bisogno e il profilo"},
            "territory_level": {"enum": ["comune", "provincia", "regione", None]},
            "activity": {"type": ["string", "null"], "description": "L'attività del bisogno, se l'organizzazione "
                                                                   "la svolge"},
            "competencies": {"type": "array", "items": {"type": "string"},
                             "description": "Le competenze chieste che l'organizzazione ha"},
        }}},
    },
}

PARTNER_REQUEST = {
    "type": "object", "required": ["text"],
    "properties": {
        "text": {"type": "string", "minLength": 1, "maxLength": 10000, "description": "Il progetto, in italiano"},
        "known_partners": {"type": "array", "maxItems": 20, "items": {"type": "string"},
                           "description": "Id delle organizzazioni già coinvolte (nessuna: chi potrebbe guidarlo)"},
        "programme": {"type": "string", "maxLength": 200,
                      "description": "Il bando o programma a cui il progetto risponde (facoltativo): chi ha già "
                                     "partecipato a bandi dello stesso programma, in qualunque anno, sale"},
        "kind": {"enum": ["ETS", "PUBLIC_BODY", None],
                 "description": "Solo organizzazioni di questo tipo (facoltativo; per la co-progettazione: ETS)"},
        "territory": {"oneOf": [
            {"type": ["string", "null"], "pattern": "^(regione|provincia|comune):[0-9]+$"},
            {"type": "array", "maxItems": 10,
             "items": {"type": "string", "pattern": "^(regione|provincia|comune):[0-9]+$"}}],
            "description": "Solo organizzazioni con sede o attività in questo territorio, o in uno di questi "
                           "(facoltativo; codice ISTAT: regione:NN, provincia:NNN, comune:NNNNNN; una zona come il "
                           "Salento: le sue province). Tutte quelle del territorio sono ordinate"},
        "activity": {"type": ["string", "null"], "pattern": "^[a-z]$",
                     "description": "Solo organizzazioni che svolgono questa attività di interesse generale "
                                    "(facoltativo; lettera dell'art. 5 CTS)"},
        "verified": {"type": "boolean", "default": False,
                     "description": "Solo organizzazioni verificate dagli amministratori della piattaforma"},
        "runts": {"type": "boolean", "default": False,
                  "description": "Solo enti iscritti al RUNTS (con la sezione indicata): la co-progettazione "
                                 "dell'art. 55 CTS è con gli enti iscritti"},
        "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
    },
}

#: One ranked organisation, as both partner endpoints give it (a project's partners, an
#: organisation's possible partners).
PARTNER_ITEM = {
    "type": "object", "properties": {
        "rank": {"type": "integer"}, "organisation_id": {"type": "string"},
        "organisation_name": {"type": "string"}, "organisation_kind": {"type": "string", "description": "ETS o PUBLIC_BODY"},
        "seat": {"type": ["string", "null"], "description": "Comune della sede (comune:NNNNNN, codice ISTAT)"},
        "verified": {"type": "boolean", "description": "Verificata dagli amministratori della piattaforma"},
        "runts_section": {"type": ["string", "null"], "description": "Sezione del RUNTS in cui è iscritta (a–g)"},
        "score": {"type": "number", "description": "Il punteggio per cui la lista è ordinata, con il vantaggio "
                                                   "dato agli enti del Terzo settore e agli enti pubblici"},
        "promoted": {"type": "boolean", "description": "Tra i primi dieci grazie al vantaggio dato agli enti del "
                                                       "Terzo settore e agli enti pubblici (senza, sarebbe più in "
                                                       "basso)"},
        "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}}},
}

PARTNER_RESULT = {
    "type": "object", "required": ["items", "degraded"],
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/PartnerItem"}},
        "degraded": {"type": "boolean"}, "note": {"type": ["string", "null"]},
        "ranker": {"type": "string", "description": "hand-set o learned"},
        "text_places": {"type": "array", "description": (
            "I territori nominati nel testo («nella provincia di Biella», «a Torino e Asti»; una zona, «nel "
            "Salento», con le sue province), quando la richiesta non ha territory; fanno da luogo del progetto, "
            "insieme alle sedi dei partner noti. Per cercare solo lì, ripetere la richiesta con territory uguale a "
            "uno di questi id, o alla lista degli id di una zona."),
            "items": {"type": "object", "required": ["id", "name", "area"], "properties": {
                "id": {"type": "string"}, "name": {"type": "string"},
                "area": {"type": ["string", "null"],
                         "description": "La zona nominata a cui appartiene il territorio (null: nominato da sé)"}}}},
        "text_activity": {"type": ["object", "null"], "description": (
            "L'attività di interesse generale (art. 5) di cui il testo parla chiaramente, quando la richiesta non "
            "ha activity e ci sono risultati: per cercare solo tra chi la svolge, ripetere la richiesta con "
            "activity uguale a code. null quando nessuna lo è abbastanza."),
            "required": ["code", "label"], "properties": {"code": {"type": "string"}, "label": {"type": "string"}}},
    },
}


RANKERS = {
    "type": "object", "required": ["rankers"],
    "properties": {"rankers": {"type": "array", "items": {
        "type": "object", "required": ["task", "learned", "features"],
        "properties": {
            "task": {"type": "string", "enum": ["need", "partner", "handler"]},
            "learned": {"type": "boolean", "description": "false: pesi fissati a mano (troppo pochi esempi)"},
            "trained_at": {"type": ["string", "null"]},
            "positives": {"type": "integer", "description": "Esempi di scelte riuscite da cui ha imparato"},
            "examples": {"type": "integer", "description": "Candidati visti in tutto durante l'addestramento"},
            "features": {"type": "array", "items": {"type": "object", "properties": {
                "feature": {"type": "string"}, "label": {"type": "string", "description": "In italiano"},
                "weight": {"type": "number", "description": "Il peso (appreso: su caratteristiche standardizzate)"},
                "effect": {"type": ["string", "null"], "enum": ["up", "down", None],
                           "description": "up: conta a favore; down: contro; null: non conta"},
                "strength": {"type": ["string", "null"], "enum": ["strong", "medium", "weak", None]},
                "hand_set": {"type": "boolean", "description": "Peso fissato a mano: ranker non appreso, o motivo che "
                                                               "gli esempi non mostrano mai"}}}},
        }}}},
}

ORGANISATION_PARTNERS = {
    "type": "object", "required": ["organisation_id", "computed", "items"],
    "properties": {
        "organisation_id": {"type": "string"},
        "computed": {"type": "boolean", "description": "false finché non sono calcolati la prima volta (in "
                                                       "background: riprovare tra qualche secondo)"},
        "suggested_at": {"type": ["string", "null"], "description": "Quando sono stati calcolati"},
        "area": {"type": ["string", "null"], "description": "Dove sono stati cercati: la provincia dell'organizzazione, "
                                                           "o la sua regione se la provincia ne ha meno di cinque "
                                                           "(provincia:NNN, regione:NN); null: tutta Italia"},
        "degraded": {"type": "boolean"},
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/PartnerItem"}},
    },
}

VERIFICATION = {
    "type": "object", "required": ["verified", "can_ask", "requests"],
    "properties": {
        "verified": {"type": "boolean"}, "verified_at": {"type": ["string", "null"]},
        "can_ask": {"type": "boolean", "description": "Chi chiede è amministratore dell'organizzazione, che non è "
                                                      "verificata né ha una richiesta in attesa"},
        "requests": {"type": "array", "description": "Le richieste, dalla più recente", "items": {
            "type": "object", "properties": {
                "id": {"type": "string"}, "status": {"enum": ["pending", "approved", "refused", "withdrawn"]},
                "status_text": {"type": "string"}, "message": {"type": ["string", "null"]},
                "reason": {"enum": ["dati", "runts", "informazioni", "altro", None]},
                "reason_text": {"type": ["string", "null"]}, "note": {"type": ["string", "null"]},
                "created_at": {"type": "string"}, "decided_at": {"type": ["string", "null"]},
                "asked_by": {"type": ["string", "null"]}, "asked_by_id": {"type": ["string", "null"]},
                "decided_by": {"type": ["string", "null"]}}}},
    },
}


def _suggestion_paths() -> dict[str, Any]:
    def body(schema: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}

    return {
        "/needs/{id}/suggestions": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "Chi può aiutare: le organizzazioni suggerite per un bisogno, con i motivi",
                    "responses": {"200": {"description": "Suggerimenti", "content": body("NeedSuggestions")},
                                  "404": _error("Bisogno non trovato (o bozza di un'altra organizzazione)")}},
        },
        "/needs/{id}/offers": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"summary": "Un'organizzazione non suggerita si propone per un bisogno attivo: diventa un "
                                "suggerimento già con la sua risposta, su cui chi ha pubblicato decide come sugli "
                                "altri; i motivi arrivano con l'aggiornamento dei suggerimenti",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"required": True, "content": body("Offer")},
                     "responses": {"201": {"description": "Il suggerimento creato",
                                           "content": {"application/json": {"schema": {"type": "object"}}}},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"),
                                   "403": _error("Non membro dell'organizzazione"),
                                   "404": _error("Bisogno non trovato (o bozza di un'altra organizzazione)"),
                                   "422": _error("Dati non validi (è l'organizzazione che l'ha pubblicato, "
                                                 "disponibilità o risposta mancante, risposta troppo lunga)"),
                                   "409": _error("Il bisogno non attende più risposte, o l'organizzazione è già "
                                                 "tra quelle suggerite")}},
        },
        "/needs/{id}/requests": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"summary": "Chi ha pubblicato il bisogno chiede aiuto a un'organizzazione dell'elenco che la "
                                "piattaforma non suggerisce: diventa un suggerimento da contattare (invited), i suoi "
                                "membri sono avvisati e rispondono come a ogni suggerimento; i motivi arrivano con "
                                "l'aggiornamento dei suggerimenti",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"required": True, "content": body("HelpRequest")},
                     "responses": {"201": {"description": "Il suggerimento creato",
                                           "content": {"application/json": {"schema": {"type": "object"}}}},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"),
                                   "403": _error("Non membro dell'organizzazione che ha pubblicato il bisogno"),
                                   "404": _error("Bisogno o organizzazione non trovati"),
                                   "422": _error("Dati non validi (organisation mancante; su need: il bisogno è "
                                                 "dell'organizzazione stessa, non è attivo, ha già il massimo di "
                                                 "richieste, o l'organizzazione non soddisfa i suoi requisiti; "
                                                 "messaggio troppo lungo)"),
                                   "409": _error("L'organizzazione è già tra quelle suggerite o rifiutate")}},
        },
        "/suggestions/{id}/decision": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"summary": "Accetta, contatta o rifiuta un suggerimento (membri dell'organizzazione che ha "
                                "pubblicato il bisogno)",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"required": True, "content": body("Decision")},
                     "responses": {"200": {"description": "Il suggerimento e il bisogno dopo la decisione",
                                           "content": {"application/json": {"schema": {"type": "object"}}}},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"),
                                   "403": _error("Non membro dell'organizzazione"), "404": _error("Non trovato"),
                                   "422": _error("Dati non validi (decisione sconosciuta, motivo mancante)"),
                                   "409": _error("Suggerimento già deciso")}},
        },
        "/suggestions/{id}/answer": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"summary": "Risponde a chi ha pubblicato il bisogno (membri dell'organizzazione suggerita)",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"required": True, "content": body("Answer")},
                     "responses": {"200": {"description": "Il suggerimento con la risposta e lo stato del bisogno "
                                                          "(need_status: torna «open» se l'organizzazione scelta "
                                                          "non può più aiutare e nessun'altra scelta può)",
                                           "content": {"application/json": {"schema": {"type": "object"}}}},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"),
                                   "403": _error("Non membro dell'organizzazione suggerita"),
                                   "404": _error("Non trovato"),
                                   "422": _error("Dati non validi (disponibilità mancante, risposta mancante o "
                                                 "troppo lunga)"),
                                   "409": _error("Il bisogno non attende più risposte")}},
        },
        "/organisations/{id}/partners": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "Possibili partner di un'organizzazione: chi non ha ancora lavorato con lei e "
                               "potrebbe farlo, con i motivi (come nella sua pagina)",
                    "responses": {"200": {"description": "Organizzazioni in ordine (vuota finché computed è false)",
                                          "content": body("OrganisationPartners")},
                                  "404": _error("Organizzazione non trovata")}},
        },
        "/organisations/{id}/needs/nearby": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "Bisogni attivi a cui l'organizzazione potrebbe rispondere senza esservi stata "
                               "suggerita (membri dell'organizzazione): i più vicini al suo profilo, alle sue "
                               "attività e ai suoi territori, come nella sua pagina",
                    "security": [{"bearer": []}, {"session": []}],
                    "responses": {"200": {"description": "Bisogni in ordine", "content": body("NeedsNearby")},
                                  "401": _error("Non autenticato"),
                                  "403": _error("Non membro dell'organizzazione"),
                                  "404": _error("Organizzazione non trovata")}},
        },
        "/organisations/{id}/verification": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "La verifica dell'organizzazione e le sue richieste (suoi amministratori e "
                               "amministratori della piattaforma)",
                    "security": [{"bearer": []}, {"session": []}],
                    "responses": {"200": {"description": "La verifica", "content": body("Verification")},
                                  "401": _error("Non autenticato"), "403": _error("Né amministratore "
                                                                                  "dell'organizzazione né della "
                                                                                  "piattaforma"),
                                  "404": _error("Organizzazione non trovata")}},
            "post": {"summary": "Chiede la verifica (amministratori dell'organizzazione): gli amministratori della "
                                "piattaforma ricevono una notifica",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
                         "message": {"type": "string", "maxLength": 1000}}}}}},
                     "responses": {"201": {"description": "Richiesta inviata", "content": body("Verification")},
                                   "200": {"description": "Una richiesta era già in attesa: nulla di nuovo",
                                           "content": body("Verification")},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"), "403": _error("Non amministratore"),
                                   "404": _error("Organizzazione non trovata"),
                                   "422": _error("Già verificata, senza codice fiscale o messaggio troppo lungo")}},
            "delete": {"summary": "Ritira la richiesta in attesa (amministratori dell'organizzazione): esce dalla "
                                  "coda e resta nella storia",
                       "security": [{"bearer": []}, {"session": []}],
                       "responses": {"200": {"description": "La verifica", "content": body("Verification")},
                                     "401": _error("Non autenticato"), "403": _error("Non amministratore"),
                                     "404": _error("Organizzazione non trovata"),
                                     "422": _error("Nessuna richiesta in attesa")}},
        },
        "/organisations/{id}/verification/decision": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "post": {"summary": "Decisione degli amministratori della piattaforma: verify (approva la richiesta in "
                                "attesa, se c'è), revoke, o refuse (la richiesta in attesa, con un motivo; la nota "
                                "serve per informazioni e altro); i membri dell'organizzazione ricevono una notifica",
                     "security": [{"bearer": []}, {"session": []}],
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                         "type": "object", "required": ["decision"], "properties": {
                             "decision": {"enum": ["verify", "revoke", "refuse"]},
                             "reason": {"enum": ["dati", "runts", "informazioni", "altro"]},
                             "note": {"type": "string", "maxLength": 1000}}}}}},
                     "responses": {"200": {"description": "La verifica", "content": body("Verification")},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "401": _error("Non autenticato"),
                                   "403": _error("Non amministratore della piattaforma"),
                                   "404": _error("Organizzazione non trovata"),
                                   "422": _error("Decisione o motivo non validi, nota mancante, nessuna richiesta "
                                                 "in attesa da respingere")}},
        },
        "/matcher/rankers": {
            "get": {"summary": "Come sono ordinati oggi i suggerimenti: per ogni compito (need: chi può soddisfare "
                               "un bisogno; partner: chi può unirsi a un progetto; handler: chi può guidarlo) i "
                               "pesi in uso, fissati a mano o appresi (quando, da quanti esempi)",
                    "responses": {"200": {"description": "I tre compiti", "content": body("Rankers")}}},
        },
        "/partners/suggest": {
            "post": {"summary": "Possibili partner per un progetto, con i motivi",
                     "requestBody": {"required": True, "content": body("PartnerRequest")},
                     "responses": {"200": {"description": "Organizzazioni in ordine", "content": body("PartnerResult")},
                                   "400": _error("Il corpo non è un oggetto JSON"),
                                   "422": _error("Dati non validi (testo vuoto o troppo lungo, id sconosciuti, "
                                                 "limit fuori intervallo)"),
                                   "429": _error("Troppe ricerche: 30 ogni 10 minuti per persona (o indirizzo); "
                                                 "l'intestazione Retry-After dice tra quanti secondi riprovare")}},
        },
    }


BEST_PRACTICE_FILTERS = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 200},
     "description": "Testo libero in titolo, problema, soluzione e risultati (indice full-text italiano)."},
    *[{"name": name, "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form",
       "explode": True, "description": description} for name, description in (
        ("activity", "Attività di interesse generale, lettere a–z dell'art. 5 CTS"),
        ("territory", "regione:NN, provincia:NNN o comune:NNNNNN (codici ISTAT); include i territori sottostanti"),
        ("community", "Id della comunità di pratica da cui è nata"),
        ("organisation", "Id di un'organizzazione coinvolta"),
    )],
    {"name": "comune", "in": "query", "schema": {"type": "string"},
     "description": "Nome di un comune (\"Biella\", \"Castro (LE)\"): sostituisce territory"},
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
]

BEST_PRACTICE = {
    "type": "object", "description": "Una buona pratica pubblicata (le bozze solo per chi l'ha scritta e per gli "
                                     "amministratori). I testi sono in Markdown; *_html è il loro HTML sanificato.",
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "status": {"enum": ["draft", "published"]},
        "problem": {"type": "string"}, "solution": {"type": "string"}, "results": {"type": ["string", "null"]},
        "problem_html": {"type": "string"}, "solution_html": {"type": "string"}, "results_html": {"type": "string"},
        "activities": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]$"}},
        "territories": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}}}},
        "organisations": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"}}}},
        "materials": {"type": "array", "items": {"type": "object", "properties": {
            "label": {"type": "string"}, "url": {"type": "string", "format": "uri", "pattern": "^https?://"}}}},
        "community": {"type": ["object", "null"], "properties": {
            "id": {"type": "string"}, "slug": {"type": "string"}, "name": {"type": "string"}}},
        "topic": {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "title": {"type": "string"}}},
        "url": {"type": "string", "format": "uri"}, "created_at": {"type": "string"},
        "updated_at": {"type": ["string", "null"]}, "published_at": {"type": ["string", "null"]},
    },
}


def _showcase_paths() -> dict[str, Any]:
    practice = {"application/json": {"schema": {"$ref": "#/components/schemas/BestPractice"}}}
    return {
        "/best-practices": {
            "get": {"summary": "Vetrina delle buone pratiche (solo pubblicate)", "parameters": BEST_PRACTICE_FILTERS,
                    "responses": {"200": {"description": "Una pagina di risultati", "content": {"application/json": {
                        "schema": {"type": "object", "required": ["items", "total", "page", "per_page", "pages"],
                                   "properties": {"items": {"type": "array", "items": {"type": "object"}},
                                                  "total": {"type": "integer"}, "page": {"type": "integer"},
                                                  "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                                                  "activity_counts": {"type": "object"}}}}}},
                                  "400": _error("Filtri non validi"), "503": _error("Database non raggiungibile")}},
        },
        "/best-practices/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "Una buona pratica", "responses": {
                "200": {"description": "Buona pratica", "content": practice},
                "404": _error("Non trovata (o bozza di un'altra persona)")}},
        },
    }


COMMUNITY = {
    "type": "object", "description": "Una comunità di pratica",
    "properties": {
        "id": {"type": "string"}, "slug": {"type": "string"}, "name": {"type": "string"},
        "description": {"type": "string"}, "membership_mode": {"enum": ["open", "request", "invitation"]},
        "activities": {"type": "array", "items": {"type": "string", "pattern": "^[a-z]$"}},
        "member_count": {"type": "integer"},
        "topic_count": {"type": "integer", "description": "Discussioni visibili (senza quelle nascoste)"},
        "facilitators": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "string"}, "name": {"type": "string"}}}},
        "territories": {"type": "array", "items": {"type": "string"}, "description": "Solo nel dettaglio"},
        "url": {"type": "string", "description": "Solo nel dettaglio: la pagina della comunità"},
    },
}

AUTHOR = {"type": ["object", "null"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}

TOPIC_SUMMARY = {
    "type": "object",
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "reply_count": {"type": "integer"},
        "pinned": {"type": "boolean"}, "locked": {"type": "boolean"}, "solved": {"type": "boolean"},
        "created_at": {"type": "string"}, "last_activity_at": {"type": "string"}, "author": AUTHOR,
        "url": {"type": "string"},
    },
}

FORUM_POST = {
    "type": "object", "description": "Una risposta; body è il Markdown, html il suo HTML sanificato",
    "properties": {
        "id": {"type": "string"}, "number": {"type": "integer", "description": "1, 2, 3… nella discussione"},
        "body": {"type": "string"}, "html": {"type": "string"}, "author": AUTHOR,
        "created_at": {"type": "string"}, "updated_at": {"type": ["string", "null"]},
        "quotes": {"type": ["integer", "null"], "description": "Numero della risposta citata"},
        "reactions": {"type": "object", "additionalProperties": {"type": "integer"}},
        "url": {"type": "string"},
    },
}

TOPIC = {
    "type": "object", "description": "Una discussione con una pagina delle sue risposte visibili",
    "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "body": {"type": "string"}, "html": {"type": "string"},
        "community": {"type": "object", "properties": {"id": {"type": "string"}, "slug": {"type": "string"},
                                                       "name": {"type": "string"}}},
        "author": AUTHOR, "created_at": {"type": "string"}, "updated_at": {"type": ["string", "null"]},
        "last_activity_at": {"type": "string"}, "reply_count": {"type": "integer"},
        "pinned": {"type": "boolean"}, "locked": {"type": "boolean"},
        "solution": {"type": ["integer", "null"], "description": "Numero della risposta indicata come soluzione"},
        "reactions": {"type": "object", "additionalProperties": {"type": "integer"}}, "url": {"type": "string"},
        "posts": {"type": "object", "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/ForumPost"}},
            "page": {"type": "integer"}, "pages": {"type": "integer"},
            "per_page": {"type": "integer", "description": "La pagina N contiene le risposte numerate da "
                                                          "(N-1)*per_page+1 a N*per_page, senza quelle nascoste"}}},
    },
}


def _community_paths() -> dict[str, Any]:
    def body(schema: str) -> dict[str, Any]:
        return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}

    slug = [{"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}]
    page = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}}
    return {
        "/communities": {
            "get": {"summary": "Le comunità di pratica, con facilitatori e numero di discussioni", "responses": {
                "200": {"description": "Tutte le comunità", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["items", "total"], "properties": {
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Community"}},
                        "total": {"type": "integer"}}}}}},
                "503": _error("Database non raggiungibile")}},
        },
        "/communities/{slug}": {
            "parameters": slug,
            "get": {"summary": "Una comunità di pratica", "responses": {
                "200": {"description": "Comunità", "content": body("Community")}, "404": _error("Non trovata")}},
        },
        "/communities/{slug}/topics": {
            "parameters": slug,
            "get": {"summary": "Le discussioni visibili di una comunità: prima quelle in evidenza, poi per ultima "
                               "attività",
                    "parameters": [page, {"name": "per_page", "in": "query", "schema": {
                        "type": "integer", "minimum": 1, "maximum": 100, "default": 20}}],
                    "responses": {"200": {"description": "Una pagina di discussioni", "content": {"application/json": {
                        "schema": {"type": "object", "required": ["items", "total", "page", "per_page", "pages"],
                                   "properties": {
                                       "community": {"type": "object"},
                                       "items": {"type": "array", "items": {"$ref": "#/components/schemas/TopicSummary"}},
                                       "total": {"type": "integer"}, "page": {"type": "integer"},
                                       "per_page": {"type": "integer"}, "pages": {"type": "integer"}}}}}},
                                  "400": _error("Parametri non validi"), "404": _error("Comunità non trovata")}},
        },
        "/topics/{id}": {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": "Una discussione e una pagina delle sue risposte (senza quelle nascoste)",
                    "parameters": [page],
                    "responses": {"200": {"description": "Discussione", "content": body("Topic")},
                                  "400": _error("Parametri non validi"),
                                  "404": _error("Non trovata (o nascosta dai facilitatori)")}},
        },
    }


LABEL_PROPOSAL = {"type": "object", "required": ["available", "activities", "competencies"], "properties": {
    "available": {"type": "boolean", "description": "false quando il modello non risponde: nessuna proposta"},
    "activities": {"type": "array", "maxItems": 3, "items": {"type": "object", "properties": {
        "code": {"type": "string"}, "label": {"type": "string"},
        "score": {"type": "number", "description": "coseno tra il testo e il prototipo dell'attività"}}}},
    "competencies": {"type": "array", "maxItems": 5, "items": {"type": "object", "properties": {
        "id": {"type": "string"}, "label": {"type": "string"}, "score": {"type": "number"}}}}}}


def document(server_url: str) -> dict[str, Any]:
    json_body = {"application/json": {"schema": {"$ref": "#/components/schemas/OrganisationInput"}}}
    organisation = {"application/json": {"schema": {"$ref": "#/components/schemas/Organisation"}}}
    need = {"application/json": {"schema": {"$ref": "#/components/schemas/Need"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Mentore API", "version": __version__,
                 "description": "Directory degli attori del Terzo settore e degli enti pubblici. Lettura pubblica; "
                                "scrittura con la sessione (e intestazione X-CSRFToken) o con un token personale. Nei testi "
                                "liberi ogni a capo conta un carattere e si salva come LF, anche se arriva come CR LF."},
        "servers": [{"url": server_url}],
        "paths": {
            "/stats": {"get": {"summary": "Numeri della piattaforma", "responses": {
                "200": {"description": "Conteggi dal grafo"}, "503": _error("Database non raggiungibile")}}},
            "/places": {"get": {
                "summary": "Luoghi il cui nome (o una sua parola) comincia con il testo: i suggerimenti dei campi "
                           "di luogo mentre si scrive",
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 100},
                     "description": "Il testo scritto (almeno due lettere; maiuscole e accenti non contano)"},
                    {"name": "level", "in": "query", "style": "form", "explode": True,
                     "schema": {"type": "array", "items": {"enum": ["regione", "provincia", "area", "comune"]}},
                     "description": "I livelli accettati (ripetibile; nessuno: tutti); area: una zona come il "
                                    "Salento, con le sue province"},
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20,
                                                                "default": 10}}],
                "responses": {
                    "200": {"description": "Prima il luogo con quel nome, poi regioni, province, zone e comuni "
                                           "(i capoluoghi prima)", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["items"], "properties": {"items": {"type": "array", "items": {
                            "type": "object", "required": ["name", "level", "ids"], "properties": {
                                "name": {"type": "string", "description": "Come lo prendono i campi di luogo"},
                                "level": {"enum": ["regione", "provincia", "area", "comune"]},
                                "level_label": {"type": "string"},
                                "ids": {"type": "array", "items": {"type": "string"}}}}}}}}}},
                    "400": _error("Parametri non validi")}}},
            "/organisations": {
                "get": {"summary": "Cerca nella directory", "parameters": LIST_FILTERS, "responses": {
                    "200": {"description": "Una pagina di risultati", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["items", "total", "page"], "properties": {
                            "items": {"type": "array", "items": {"type": "object"}},
                            "total": {"type": "integer"}, "page": {"type": "integer"},
                            "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                            "facets": {"type": "object"}}}}}},
                    "400": _error("Filtri non validi"), "503": _error("Database non raggiungibile")}},
                "post": {"summary": "Registra un'organizzazione (chi la crea ne diventa amministratore)",
                         "security": [{"bearer": []}, {"session": []}],
                         "requestBody": {"required": True, "content": json_body},
                         "responses": {"201": {"description": "Creata", "content": organisation},
                                       "401": _error("Non autenticato"), "422": _error("Dati non validi")}},
            },
            "/organisations/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {"summary": "Profilo pubblico", "responses": {
                    "200": {"description": "Profilo", "content": organisation}, "404": _error("Non trovata")}},
                "put": {"summary": "Sostituisce il profilo (amministratori dell'organizzazione)",
                        "security": [{"bearer": []}, {"session": []}],
                        "requestBody": {"required": True, "content": json_body},
                        "responses": {"200": {"description": "Aggiornata", "content": organisation},
                                      "401": _error("Non autenticato"), "403": _error("Non amministratore"),
                                      "404": _error("Non trovata"), "422": _error("Dati non validi")}},
                "patch": {"summary": "Aggiorna alcuni campi del profilo (amministratori dell'organizzazione)",
                          "security": [{"bearer": []}, {"session": []}],
                          "requestBody": {"required": True, "content": {"application/json": {"schema": {
                              "type": "object"}}}},
                          "responses": {"200": {"description": "Aggiornata", "content": organisation},
                                        "401": _error("Non autenticato"), "403": _error("Non amministratore"),
                                        "404": _error("Non trovata"), "422": _error("Dati non validi")}},
            },
            "/needs": {
                "get": {"summary": "Lista pubblica dei bisogni (senza bozze)", "parameters": NEED_FILTERS, "responses": {
                    "200": {"description": "Una pagina di risultati", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["items", "total", "page", "per_page", "pages"], "properties": {
                            "items": {"type": "array", "items": {"type": "object", "properties": {
                                "suggestion_count": {"type": "integer", "description": "Organizzazioni suggerite "
                                                     "(quelle rifiutate escluse)"},
                                "offer_count": {"type": "integer", "description": "Organizzazioni che si sono "
                                                "proposte senza essere suggerite (quelle rifiutate escluse)"},
                                "invite_count": {"type": "integer", "description": "Organizzazioni non "
                                                 "suggerite a cui chi ha pubblicato il bisogno ha chiesto aiuto "
                                                 "(quelle rifiutate escluse)"},
                                "unmatched": {"type": "boolean", "description": "Aperto, con i suggerimenti "
                                              "calcolati, e nessuna organizzazione ancora in gioco (nessuna "
                                              "trovata, o tutte rifiutate o impossibilitate ad aiutare)"},
                                "helped_by": {"type": "array", "description": "Chi ha aiutato a soddisfarlo, come "
                                              "indicato da chi l'ha pubblicato ({id, name})",
                                              "items": {"type": "object"}}}}},
                            "total": {"type": "integer"}, "page": {"type": "integer"},
                            "per_page": {"type": "integer"}, "pages": {"type": "integer"},
                            "status_counts": {"type": "object"}}}}}},
                    "400": _error("Filtri non validi"), "503": _error("Database non raggiungibile")}},
                "post": {"summary": "Pubblica un bisogno (o salvalo come bozza) per una tua organizzazione",
                         "security": [{"bearer": []}, {"session": []}],
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "$ref": "#/components/schemas/NeedInput"}}}},
                         "responses": {"201": {"description": "Creato", "content": need},
                                       "401": _error("Non autenticato"),
                                       "403": _error("Non membro dell'organizzazione"),
                                       "422": _error("Dati non validi")}},
            },
            "/needs/eligible": {
                "get": {"summary": "Quante organizzazioni della piattaforma ammettono i requisiti di chi aiuta di "
                                   "un bisogno, come il modulo lo dice mentre si scelgono (null senza requisiti né "
                                   "aiuto sul posto, o con un territorio chiesto per un luogo che non lo è)",
                        "parameters": [
                            {"name": "place", "in": "query", "schema": {"type": "string", "maxLength": 200},
                             "description": "Il luogo, come lo prende il campo del modulo"},
                            {"name": "only_verified", "in": "query", "schema": {"type": "boolean"}},
                            {"name": "only_runts", "in": "query", "schema": {"type": "boolean"}},
                            {"name": "helpers_within", "in": "query", "schema": {"enum": ["provincia", "regione", "italia", ""]}},
                            {"name": "help_kind", "in": "query", "schema": {"enum": [
                                "volontari", "competenze", "spazi", "attrezzature", "finanziamenti", "partenariato", ""]},
                             "description": "Il tipo di aiuto: volontari, spazi e attrezzature (o in_person) si danno "
                                            "sul posto, e senza helpers_within si contano solo le organizzazioni "
                                            "della regione del luogo (con italia, quelle di tutta Italia)"},
                            {"name": "in_person", "in": "query", "schema": {"type": "boolean"}},
                            {"name": "organisation", "in": "query", "schema": {"type": "string"},
                             "description": "L'organizzazione che pubblica, lasciata fuori dal conto"}],
                        "responses": {"200": {"description": "Il conto", "content": {"application/json": {"schema": {
                            "type": "object", "required": ["count", "message"], "properties": {
                                "count": {"type": ["integer", "null"]},
                                "message": {"type": ["string", "null"], "description": "Come lo dice il modulo, "
                                                                                       "nella lingua di chi chiede"}}}}}},
                                      "400": _error("Parametri non validi")}}},
            "/needs/labels": {
                "post": {"summary": "Le attività di interesse generale e le competenze di cui un bisogno sembra "
                                    "parlare, come le propone il modulo (titolo, descrizione e destinatari, "
                                    "confrontati con le organizzazioni e i bisogni che le hanno; in tutto al "
                                    "massimo 10000 caratteri). Il profilo di un'organizzazione chiede lo stesso, "
                                    "con il nome come titolo",
                         "security": [{"bearer": []}, {"session": []}],
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "description": "Almeno uno dei due", "properties": {
                                 "title": {"type": "string"},
                                 "description": {"type": "string"},
                                 "beneficiaries": {"type": "string"}}}}}},
                         "responses": {"200": {"description": "Le proposte, la più vicina prima", "content": {
                             "application/json": {"schema": LABEL_PROPOSAL}}},
                             "401": _error("Non autenticato"),
                             "422": _error("Testo vuoto, senza parole, troppo lungo o in un'altra lingua")}},
            },
            "/needs/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "get": {"summary": "Un bisogno (le bozze solo per i membri dell'organizzazione)", "responses": {
                    "200": {"description": "Bisogno", "content": need}, "404": _error("Non trovato")}},
                "patch": {"summary": "Aggiorna alcuni campi del bisogno (membri dell'organizzazione)",
                          "security": [{"bearer": []}, {"session": []}],
                          "requestBody": {"required": True, "content": {"application/json": {"schema": {
                              "type": "object"}}}},
                          "responses": {"200": {"description": "Aggiornato", "content": need},
                                        "401": _error("Non autenticato"), "403": _error("Non membro"),
                                        "404": _error("Non trovato"), "422": _error("Dati non validi")}},
            },
            "/needs/{id}/status": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "post": {"summary": "Cambia lo stato del bisogno, come i pulsanti della sua pagina (membri "
                                    "dell'organizzazione); da bozza, «open» lo pubblica",
                         "security": [{"bearer": []}, {"session": []}],
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["status"], "properties": {
                                 "status": {"enum": ["open", "matched", "in_progress", "met", "closed"]},
                                 "helped_by": {"type": "array", "items": {"type": "string"},
                                               "description": "Solo con «met»: le organizzazioni che hanno "
                                               "aiutato, tra quelle scelte, contattate o che hanno detto di poter "
                                               "aiutare per il bisogno; ricevono un ringraziamento"},
                                 "claim": {"type": "string", "description": "Solo con «met»: un'organizzazione "
                                           "della directory che ha aiutato fuori dai suggerimenti, a cui si chiede "
                                           "di confermarlo"}}}}}},
                         "responses": {"200": {"description": "Il bisogno nel nuovo stato", "content": need},
                                       "400": _error("Il corpo non è un oggetto JSON"),
                                       "401": _error("Non autenticato"), "403": _error("Non membro"),
                                       "404": _error("Non trovato"),
                                       "422": _error("Dati non validi (stato mancante, organizzazione che non "
                                                     "può essere indicata)"),
                                       "409": _error("Il ciclo di vita non permette questo passaggio, o lo stato "
                                                     "è cambiato nel frattempo")}},
            },
            "/needs/{id}/helpers": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "put": {"summary": "Dice di nuovo chi ha aiutato a soddisfare un bisogno già soddisfatto (l'elenco "
                                   "intero: aggiunge chi era stato dimenticato, che riceve un ringraziamento, e toglie "
                                   "chi era stato indicato per errore); membri dell'organizzazione",
                        "security": [{"bearer": []}, {"session": []}],
                        "requestBody": {"required": True, "content": {"application/json": {"schema": {
                            "type": "object", "required": ["helped_by"], "properties": {
                                "helped_by": {"type": "array", "items": {"type": "string"},
                                              "description": "Le organizzazioni che hanno aiutato, tra quelle "
                                              "scelte, contattate o che hanno detto di poter aiutare per il "
                                              "bisogno (e quelle della directory che l'hanno confermato); vuoto: "
                                              "nessuna"},
                                "claim": {"type": "string", "description": "Un'organizzazione della directory "
                                          "che ha aiutato fuori dai suggerimenti: le si chiede di confermarlo "
                                          "(help_claims) e fino ad allora non compare tra chi ha aiutato"}}}}}},
                        "responses": {"200": {"description": "Il bisogno, con chi ha aiutato", "content": need},
                                      "400": _error("Il corpo non è un oggetto JSON"),
                                      "401": _error("Non autenticato"), "403": _error("Non membro"),
                                      "404": _error("Non trovato"),
                                      "422": _error("Dati non validi (non una lista, organizzazione che non può "
                                                    "essere indicata)"),
                                      "409": _error("Il bisogno non è segnato come soddisfatto")}},
            },
            "/needs/{id}/helpers/{organisation_id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                               {"name": "organisation_id", "in": "path", "required": True,
                                "schema": {"type": "string"}}],
                "post": {"summary": "Un'organizzazione indicata come aiuto (help_claims) conferma di aver aiutato "
                                    "o dice di no (suoi membri; chi ha detto di no, help_declined, può ancora "
                                    "confermare); chi ha pubblicato il bisogno può ritirare la richiesta",
                         "security": [{"bearer": []}, {"session": []}],
                         "requestBody": {"required": True, "content": {"application/json": {"schema": {
                             "type": "object", "required": ["decision"], "properties": {
                                 "decision": {"enum": ["confirm", "decline", "withdraw"]}}}}}},
                         "responses": {"200": {"description": "Il bisogno", "content": need},
                                       "400": _error("Il corpo non è un oggetto JSON"),
                                       "401": _error("Non autenticato"),
                                       "403": _error("Non membro dell'organizzazione indicata, o per "
                                                     "confermare membro anche di quella che ha pubblicato il "
                                                     "bisogno"),
                                       "404": _error("Bisogno non trovato"),
                                       "422": _error("Decisione mancante o sconosciuta"),
                                       "409": _error("Nessuna richiesta di conferma per questa organizzazione")}},
            },
            **_suggestion_paths(),
            **_showcase_paths(),
            **_community_paths(),
        },
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "Token personale creato nella pagina Account"},
                "session": {"type": "apiKey", "in": "cookie", "name": "session"},
            },
            "schemas": {
                "OrganisationInput": ORGANISATION_INPUT,
                "Organisation": ORGANISATION,
                "NeedInput": NEED_INPUT,
                "Need": NEED,
                "Reason": REASON,
                "NeedSuggestions": NEED_SUGGESTIONS,
                "Decision": DECISION,
                "Answer": ANSWER, "Offer": OFFER, "HelpRequest": HELP_REQUEST, "NeedsNearby": NEEDS_NEARBY, "Verification": VERIFICATION,
                "PartnerRequest": PARTNER_REQUEST,
                "PartnerItem": PARTNER_ITEM,
                "PartnerResult": PARTNER_RESULT,
                "Rankers": RANKERS,
                "OrganisationPartners": ORGANISATION_PARTNERS,
                "BestPractice": BEST_PRACTICE,
                "Community": COMMUNITY,
                "TopicSummary": TOPIC_SUMMARY,
                "Topic": TOPIC,
                "ForumPost": FORUM_POST,
                "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "title": {"type": "string"}, "message": {"type": "string"},
                    "fields": {"type": "object"}}}}},
            },
        },
    }
