"""The curated Italian vocabulary of competencies seeded by the project (platform admins extend
it later). Each entry: a stable id, the Italian label, an English label."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Competency:
    id: str
    label: str
    label_en: str


_RAW = (
    ("progettazione-sociale", "Progettazione sociale", "Social project design"),
    ("co-progettazione", "Co-programmazione e co-progettazione con la PA", "Co-design with public bodies"),
    ("rendicontazione", "Rendicontazione e bilancio sociale", "Reporting and social accounts"),
    ("fundraising", "Raccolta fondi", "Fundraising"),
    ("bandi-europei", "Bandi e finanziamenti europei", "EU calls and funding"),
    ("comunicazione-digitale", "Comunicazione digitale e social media", "Digital communication"),
    ("gestione-volontari", "Gestione e formazione dei volontari", "Volunteer management"),
    ("consulenza-legale", "Consulenza legale", "Legal advice"),
    ("consulenza-fiscale", "Consulenza fiscale e amministrativa", "Tax and administrative advice"),
    ("adempimenti-runts", "Adempimenti RUNTS e riforma del Terzo settore", "RUNTS and Third-Sector reform compliance"),
    ("valutazione-impatto", "Valutazione d'impatto sociale", "Social impact assessment"),
    ("facilitazione", "Facilitazione di gruppi e processi partecipativi", "Group facilitation"),
    ("animazione-territoriale", "Animazione territoriale e di comunità", "Community development"),
    ("mediazione-culturale", "Mediazione linguistico-culturale", "Cultural mediation"),
    ("italiano-l2", "Insegnamento dell'italiano L2", "Teaching Italian as a second language"),
    ("supporto-psicologico", "Supporto psicologico", "Psychological support"),
    ("mediazione-familiare", "Mediazione familiare", "Family mediation"),
    ("assistenza-domiciliare", "Assistenza domiciliare", "Home care"),
    ("assistenza-anziani", "Accompagnamento e cura delle persone anziane", "Elderly care"),
    ("disabilita", "Assistenza e inclusione delle persone con disabilità", "Disability support"),
    ("trasporto-sociale", "Trasporto sociale e accompagnamento", "Social transport"),
    ("orientamento-lavoro", "Orientamento e inserimento lavorativo", "Job guidance and placement"),
    ("sostegno-scolastico", "Doposcuola e sostegno allo studio", "After-school tutoring"),
    ("educativa-territoriale", "Educativa di strada e territoriale", "Street and youth work"),
    ("alfabetizzazione-digitale", "Alfabetizzazione digitale", "Digital literacy"),
    ("formazione-adulti", "Formazione degli adulti", "Adult education"),
    ("educazione-ambientale", "Educazione ambientale", "Environmental education"),
    ("riuso-riciclo", "Riuso, riparazione e riciclo", "Reuse and repair"),
    ("agricoltura-sociale", "Agricoltura sociale e orti comunitari", "Social farming and community gardens"),
    ("distribuzione-alimentare", "Raccolta e distribuzione alimentare", "Food collection and distribution"),
    ("housing-sociale", "Housing sociale e accoglienza abitativa", "Social housing"),
    ("accoglienza-migranti", "Accoglienza e integrazione dei migranti", "Migrant reception"),
    ("protezione-civile", "Protezione civile ed emergenze", "Civil protection and emergencies"),
    ("primo-soccorso", "Primo soccorso", "First aid"),
    ("sport-inclusivo", "Sport inclusivo", "Inclusive sport"),
    ("eventi-culturali", "Organizzazione di eventi culturali", "Cultural events"),
    ("beni-culturali", "Tutela e valorizzazione dei beni culturali", "Cultural heritage"),
    ("legalita", "Educazione alla legalità", "Legality education"),
    ("beni-confiscati", "Gestione di beni confiscati", "Managing confiscated assets"),
    ("ricerca-sociale", "Ricerca sociale e analisi dei bisogni", "Social research and needs analysis"),
    ("logistica", "Logistica e magazzino", "Logistics"),
    ("contrasto-violenza", "Contrasto alla violenza di genere", "Fighting gender-based violence"),
    ("dipendenze", "Prevenzione e cura delle dipendenze", "Addiction prevention and care"),
    ("salute-mentale", "Salute mentale di comunità", "Community mental health"),
)

COMPETENCIES: tuple[Competency, ...] = tuple(Competency(*row) for row in _RAW)
BY_ID = {c.id: c for c in COMPETENCIES}
