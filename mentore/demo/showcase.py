"""The demo's best practices ("vetrina delle buone pratiche"): eight write-ups tied to the five
OPES communities, to real demo organisations and their territories. Four come from a community's
forum topic (written up by a facilitator, involving the organisations of the people who wrote in
it; linked to the topic when the forum data marks it solved), four were written by the lead
organisation's admin.

Pure Python like the generator: choices come from ``random.Random`` seeded with strings, ids from
the ``uid`` function the generator passes in, dates are fixed or derived from the topic."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from mentore.reference.territories import TerritoryTable

#: No write-up is dated after the demo's "today" (mentore.demo.generator.TODAY).
LATEST = datetime(2026, 11, 20, 17, 0)

PRACTICES: tuple[dict[str, Any], ...] = (
    {
        "key": "trasporto-sociale-autisti-volontari", "community": "anziani-fragilita", "topic": 0,
        "title": "Trasporto sociale con autisti volontari: polizza, rimborsi chilometrici e registro dei viaggi",
        "problem": "Molte ODV accompagnano anziani e persone fragili alle visite mediche con auto proprie o "
                   "del Comune, ma con l'iscrizione al RUNTS si sono chieste se la polizza dei volontari copra "
                   "anche il **trasporto di terzi** e come rimborsare le spese senza che diventino compensi.",
        "solution": "Dalla discussione nella comunità è nato uno schema in tre passi che diverse associazioni "
                    "hanno adottato:\n\n"
                    "1. **Polizza**: oltre all'assicurazione obbligatoria dei volontari (art. 18 CTS), una "
                    "copertura RC per il trasporto di terzi, concordata con il Comune quando le auto sono sue.\n"
                    "2. **Rimborsi**: solo a piè di lista o chilometrici, con una tariffa per chilometro decisa "
                    "dal consiglio direttivo e mai forfettaria.\n"
                    "3. **Registro dei viaggi** firmato dal volontario e dalla persona accompagnata: data, "
                    "percorso, chilometri, motivo del viaggio.",
        "results": "Rimborsi verificabili in caso di controllo, nessuna contestazione nei rendiconti al Comune e "
                   "un modello di registro che le associazioni della comunità si sono passate.",
        "activities": ("a", "c"),
        "materials": (("Modello di registro dei viaggi", "/materiali/registro-viaggi.pdf"),
                      ("Delibera sui rimborsi chilometrici dei volontari", "/materiali/delibera-rimborsi.pdf")),
    },
    {
        "key": "custodi-di-prossimita", "community": "anziani-fragilita", "topic": None,
        "region": "regione:01", "lead": ("odv",), "partners": (("comune",), ("asl",), ("aps",)),
        "scope": "province", "created": "2026-06-18T10:30:00Z",
        "title": "Custodi di prossimità: volontari di quartiere contro la solitudine degli anziani",
        "problem": "Gli anziani che vivono soli e non escono più di casa non arrivano ai servizi: non chiamano, "
                   "non rispondono agli avvisi, e i servizi sociali li incontrano solo quando c'è un'emergenza.",
        "solution": "Il Comune ha incrociato i propri elenchi con quelli dei medici di base e dell'ASL; l'ODV ha "
                    "formato **volontari \"custodi\"** di condominio e di frazione che:\n\n"
                    "- telefonano ogni settimana agli anziani che hanno accettato;\n"
                    "- portano farmaci e spesa quando serve;\n"
                    "- segnalano al servizio sociale, con una scheda semplice, i cambiamenti che preoccupano.\n\n"
                    "Una volta al mese custodi, assistente sociale e infermiere di comunità si incontrano.",
        "results": "In un anno **140 anziani** seguiti da 38 custodi; 22 segnalazioni hanno anticipato una presa "
                   "in carico; i ricoveri evitabili nelle frazioni coinvolte sono diminuiti.",
        "activities": ("a", "c"),
        "materials": (("Scheda di segnalazione del custode", "/materiali/scheda-segnalazione.pdf"),
                      ("Traccia del corso per custodi (4 incontri)", "/materiali/corso-custodi.pdf")),
    },
    {
        "key": "patto-educativo-di-comunita", "community": "poverta-educativa-giovani", "topic": 1,
        "title": "Patto educativo di comunità: scuola, Comune e associazioni firmano un impegno comune",
        "problem": "Scuole, associazioni e servizi lavorano con gli stessi ragazzi senza conoscersi: i progetti "
                   "si sovrappongono, finiscono con i finanziamenti e le famiglie non sanno a chi rivolgersi.",
        "solution": "Seguendo le indicazioni del Piano scuola, il dirigente scolastico ha proposto un **patto "
                    "educativo di comunità**: un accordo aperto, firmato da scuola, Comune e associazioni, che "
                    "mette in comune spazi (palestre, biblioteche, cortili) e tempi (pomeriggi, estate).\n\n"
                    "Ogni firmatario indica cosa mette a disposizione; una cabina di regia si riunisce ogni due "
                    "mesi e un calendario unico tiene insieme le attività.",
        "results": "Il patto è stato rinnovato per il secondo anno, con 11 firmatari; la scuola resta aperta tre "
                   "pomeriggi a settimana.",
        "activities": ("d", "l"),
        "materials": (("Schema di patto educativo di comunità", "/materiali/patto-educativo.pdf"),),
    },
    {
        "key": "doposcuola-mediatrici", "community": "poverta-educativa-giovani", "topic": None,
        "region": "regione:15", "lead": ("aps",), "partners": (("scuola",), ("comune",), ("odv", "associazione")),
        "scope": "comune", "created": "2026-04-09T16:00:00Z",
        "title": "Doposcuola con mediatrici linguistiche: le famiglie straniere entrano a scuola",
        "problem": "Al doposcuola arrivano molti bambini di famiglie che non parlano italiano: i genitori non "
                   "partecipano ai colloqui, non leggono le comunicazioni e i compiti restano a metà.",
        "solution": "L'APS ha coinvolto due **mediatrici linguistiche** (arabo e bengalese) che:\n\n"
                    "- accolgono i genitori all'iscrizione e spiegano il patto con la famiglia;\n"
                    "- traducono gli avvisi della scuola in messaggi vocali brevi;\n"
                    "- accompagnano i genitori ai colloqui con gli insegnanti.\n\n"
                    "Una volta al mese il doposcuola diventa un pomeriggio di italiano per le mamme.",
        "results": "Frequenza dei colloqui passata dal 20% al 75% delle famiglie; 9 mamme hanno ottenuto la "
                   "certificazione A2.",
        "activities": ("l", "d"),
        "materials": (("Patto con la famiglia in cinque lingue", "/materiali/patto-famiglia.pdf"),),
    },
    {
        "key": "dal-tirocinio-all-assunzione", "community": "inclusione-disabilita", "topic": 2,
        "title": "Dal tirocinio all'assunzione: il tutor d'azienda formato dalla cooperativa",
        "problem": "I tirocini di inclusione delle persone con disabilità finiscono spesso senza assunzione: "
                   "l'azienda non sa come organizzare il lavoro e, finito il tirocinio, nessuno la accompagna.",
        "solution": "La cooperativa sociale di tipo B forma in azienda un **tutor interno** (un collega, non un "
                    "responsabile) e resta presente per sei mesi dopo l'assunzione. Con le aziende usa la "
                    "**convenzione art. 14** (d.lgs. 276/2003) per coprire la quota d'obbligo affidando commesse "
                    "alla cooperativa, che vi inserisce le persone.",
        "results": "Su 18 tirocini avviati in due anni, **11 assunzioni**, 7 a tempo indeterminato.",
        "activities": ("p", "a"),
        "materials": (("Guida per il tutor d'azienda", "/materiali/guida-tutor.pdf"),
                      ("Fac-simile di convenzione art. 14", "/materiali/convenzione-art14.pdf")),
    },
    {
        "key": "regolamento-beni-comuni", "community": "amministrazione-condivisa", "topic": None,
        "region": "regione:08", "lead": ("comune",), "partners": (("aps",), ("associazione", "odv"), ("odv",)),
        "scope": "comune", "created": "2026-02-26T09:15:00Z",
        "title": "Regolamento dei beni comuni e primi patti di collaborazione in sei mesi",
        "problem": "Cittadini e associazioni si offrivano di curare aiuole, cortili e piccoli edifici, ma il "
                   "Comune non aveva uno strumento per dire sì senza un bando o una concessione.",
        "solution": "Il Comune ha adottato il **regolamento per l'amministrazione condivisa dei beni comuni** "
                    "(art. 118 della Costituzione, art. 55 CTS) e ha aperto uno sportello unico:\n\n"
                    "1. chiunque propone un patto con un modulo di due pagine;\n"
                    "2. l'ufficio risponde entro 30 giorni;\n"
                    "3. il patto dice chi fa cosa, con quali attrezzi e coperture assicurative del Comune.",
        "results": "**17 patti** firmati nel primo anno (9 per il verde, 5 per le scuole, 3 per spazi "
                   "culturali), con 240 volontari coinvolti.",
        "activities": ("z", "m"),
        "materials": (("Regolamento per l'amministrazione condivisa", "/materiali/regolamento-beni-comuni.pdf"),
                      ("Modulo di proposta di patto", "/materiali/proposta-patto.pdf")),
    },
    {
        "key": "repair-cafe-biblioteca", "community": "ambiente-comunita-sostenibili", "topic": 3,
        "title": "Un Repair Café in biblioteca: attrezzi, assicurazione e volontari riparatori",
        "problem": "Piccoli elettrodomestici, biciclette e vestiti finiscono in discarica per guasti da pochi "
                   "euro, e chi sa riparare non ha un posto dove insegnarlo.",
        "solution": "Dalla discussione nella comunità è nato un formato semplice: **un sabato al mese** in "
                    "biblioteca, con volontari riparatori assicurati come volontari dell'associazione, una "
                    "liberatoria per chi porta un oggetto e una cassetta di attrezzi comprata con un piccolo "
                    "contributo del Comune. Niente riparazioni su apparecchi a gas o microonde.",
        "results": "In dieci appuntamenti **310 oggetti** portati, il 64% riparati; tre nuovi volontari "
                   "riparatori formati.",
        "activities": ("e",),
        "materials": (("Liberatoria per i partecipanti", "/materiali/liberatoria-repair-cafe.pdf"),
                      ("Elenco degli attrezzi e dei costi", "/materiali/attrezzi-repair-cafe.pdf")),
    },
    {
        "key": "orti-comunitari-lotti", "community": "ambiente-comunita-sostenibili", "topic": None,
        "region": "regione:16", "lead": ("aps", "associazione"), "partners": (("comune",), ("coop_sociale_b",)),
        "scope": "comune", "created": "2026-09-03T11:45:00Z",
        "title": "Orti comunitari su terreni comunali: assegnazione trasparente e lotti per l'inserimento",
        "problem": "Un terreno comunale incolto in periferia e molte richieste di orti: serviva un modo equo di "
                   "assegnare i lotti e di tenere insieme anziani, famiglie e persone in inserimento lavorativo.",
        "solution": "Comune e APS hanno firmato un patto di collaborazione: l'APS gestisce l'orto con un "
                    "**regolamento** scritto con gli ortolani e una **graduatoria pubblica** (età, reddito, "
                    "distanza da casa). Due lotti sono affidati a una cooperativa sociale di tipo B per tirocini "
                    "di agricoltura sociale.",
        "results": "36 lotti assegnati, lista d'attesa pubblica, 4 tirocini avviati; il Comune ha replicato il "
                   "modello in un secondo quartiere.",
        "activities": ("e", "s"),
        "materials": (("Regolamento dell'orto comunitario", "/materiali/regolamento-orto.pdf"),),
    },
)


def _when(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


def _iso(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


class _Places:
    def __init__(self, table: TerritoryTable) -> None:
        self.by_id = {t.id: t for t in table.all()}

    def province(self, comune_id: str) -> str:
        return self.by_id[comune_id].parent_id or comune_id

    def region(self, comune_id: str) -> str:
        province = self.province(comune_id)
        return self.by_id[province].parent_id or province


def make_best_practices(organisations: Sequence[dict[str, Any]], people: Sequence[dict[str, Any]],
                        communities: Sequence[dict[str, Any]], topics: Sequence[dict[str, Any]],
                        territories: TerritoryTable, seed: int, uid: Callable[[str, str], str]) -> list[dict[str, Any]]:
    """Rows for ``graph.repositories.seeding`` kind ``best_practices`` (see graph.repositories.showcase.SEED)."""
    places = _Places(territories)
    orgs = {o["id"]: o for o in organisations}
    org_of = {p["id"]: p["organisation"] for p in people}
    admin_of = {p["organisation"]: p["id"] for p in people if p["role"] == "admin"}
    by_slug = {c["props"]["slug"]: c for c in communities}
    topics_of: dict[str, list[dict[str, Any]]] = {}
    for topic in topics:
        topics_of.setdefault(topic["community"], []).append(topic)
    rows = []
    for spec in PRACTICES:
        rng = random.Random(f"{seed}:showcase:{spec['key']}")
        community = by_slug.get(spec["community"])
        if community is None:
            continue
        site_org, base = _promoted(spec, community, topics_of, org_of, orgs) if spec["topic"] is not None \
            else _written(spec, rng, organisations, places)
        if not base:
            continue
        lead = orgs[site_org]
        seat = lead["seat"]
        scope = spec.get("scope", "comune")
        territory = {"comune": seat, "province": places.province(seat), "region": places.region(seat)}[scope]
        website = lead["props"].get("website", "https://mentore.example.it")
        rows.append({
            "id": uid("best_practice", spec["key"]),
            "props": {"title": spec["title"], "problem": spec["problem"], "solution": spec["solution"],
                      "results": spec["results"], "status": "published",
                      "materials": [f"{label}\t{website}{path}" for label, path in spec["materials"]]},
            "created_at": base["created_at"],
            "author": base["author"] or admin_of.get(site_org, ""),
            "territories": [territory],
            "activities": list(spec["activities"]),
            "organisations": base["organisations"],
            "community": community["id"],
            "topic": base.get("topic") or "",
        })
    return rows


def _promoted(spec: dict[str, Any], community: dict[str, Any], topics_of: dict[str, list[dict[str, Any]]],
              org_of: dict[str, str], orgs: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """A write-up of the community's topic by its first facilitator, a few days after the last reply."""
    candidates = topics_of.get(community["id"], [])
    if spec["topic"] >= len(candidates):
        return "", {}
    topic = candidates[spec["topic"]]
    writers = [topic["author"]] + [post["author"] for post in topic["posts"]]
    involved = list(dict.fromkeys(org_of[w] for w in writers if w in org_of and org_of[w] in orgs))[:6]
    last = max([_when(topic["created_at"])] + [_when(p["created_at"]) for p in topic["posts"]])
    created = min(last + timedelta(days=4, hours=3), LATEST)
    # Only a solved topic can be promoted: otherwise the write-up stands on its own (no link).
    solved = bool(topic.get("solution"))
    return involved[0], {"created_at": _iso(created), "author": (community["facilitators"] or [""])[0],
                         "organisations": involved, "topic": topic["id"] if solved else None}


def _written(spec: dict[str, Any], rng: random.Random, organisations: Sequence[dict[str, Any]],
             places: _Places) -> tuple[str, dict[str, Any]]:
    """A write-up by the lead organisation, with partners near it (same province first)."""
    in_region = [o for o in organisations if places.region(o["seat"]) == spec["region"]]

    def pick(forms: tuple[str, ...], near: str | None, taken: set[str]) -> dict[str, Any] | None:
        pool = [o for o in in_region if o["props"].get("legal_form") in forms and o["id"] not in taken]
        fitting = [o for o in pool if set(o.get("activities") or ()) & set(spec["activities"])] or pool
        close = [o for o in fitting if near and places.province(o["seat"]) == near] or fitting
        return rng.choice(sorted(close, key=lambda o: o["id"])) if close else None

    lead = pick(spec["lead"], None, set())
    if lead is None:
        return "", {}
    chosen = [lead]
    for forms in spec["partners"]:
        partner = pick(forms, places.province(lead["seat"]), {o["id"] for o in chosen})
        if partner is not None:
            chosen.append(partner)
    return lead["id"], {"created_at": spec["created"], "author": None,
                        "organisations": [o["id"] for o in chosen], "topic": None}
