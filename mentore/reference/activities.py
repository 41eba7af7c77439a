"""The activities of general interest of art. 5, comma 1, D.Lgs 3 luglio 2017 n. 117 (Codice
del Terzo settore): the 26 letters a–z with the law's Italian wording, a short label for lists
and facets, and an English short label."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Activity:
    code: str
    label: str  # the law's wording
    short: str
    short_en: str


ACTIVITIES: tuple[Activity, ...] = (
    Activity("a", "interventi e servizi sociali ai sensi dell'articolo 1, commi 1 e 2, della legge 8 novembre 2000, n. 328, e interventi, servizi e prestazioni di cui alla legge 5 febbraio 1992, n. 104, e alla legge 22 giugno 2016, n. 112", "Interventi e servizi sociali", "Social services"),
    Activity("b", "interventi e prestazioni sanitarie", "Interventi e prestazioni sanitarie", "Health care"),
    Activity("c", "prestazioni socio-sanitarie di cui al decreto del Presidente del Consiglio dei ministri 14 febbraio 2001", "Prestazioni socio-sanitarie", "Social and health care"),
    Activity("d", "educazione, istruzione e formazione professionale, ai sensi della legge 28 marzo 2003, n. 53, nonché le attività culturali di interesse sociale con finalità educativa", "Educazione, istruzione e formazione professionale", "Education and vocational training"),
    Activity("e", "interventi e servizi finalizzati alla salvaguardia e al miglioramento delle condizioni dell'ambiente e all'utilizzazione accorta e razionale delle risorse naturali, con esclusione dell'attività, esercitata abitualmente, di raccolta e riciclaggio dei rifiuti urbani, speciali e pericolosi, nonché alla tutela degli animali e prevenzione del randagismo, ai sensi della legge 14 agosto 1991, n. 281", "Ambiente e tutela degli animali", "Environment and animal welfare"),
    Activity("f", "interventi di tutela e valorizzazione del patrimonio culturale e del paesaggio, ai sensi del decreto legislativo 22 gennaio 2004, n. 42", "Patrimonio culturale e paesaggio", "Cultural heritage and landscape"),
    Activity("g", "formazione universitaria e post-universitaria", "Formazione universitaria e post-universitaria", "University and postgraduate education"),
    Activity("h", "ricerca scientifica di particolare interesse sociale", "Ricerca scientifica di interesse sociale", "Socially relevant research"),
    Activity("i", "organizzazione e gestione di attività culturali, artistiche o ricreative di interesse sociale, incluse attività, anche editoriali, di promozione e diffusione della cultura e della pratica del volontariato e delle attività di interesse generale di cui al presente articolo", "Attività culturali, artistiche e ricreative", "Cultural, artistic and recreational activities"),
    Activity("j", "radiodiffusione sonora a carattere comunitario, ai sensi dell'articolo 16, comma 5, della legge 6 agosto 1990, n. 223", "Radiodiffusione comunitaria", "Community radio"),
    Activity("k", "organizzazione e gestione di attività turistiche di interesse sociale, culturale o religioso", "Turismo sociale, culturale o religioso", "Social, cultural or religious tourism"),
    Activity("l", "formazione extra-scolastica, finalizzata alla prevenzione della dispersione scolastica e al successo scolastico e formativo, alla prevenzione del bullismo e al contrasto della povertà educativa", "Formazione extra-scolastica e contrasto alla povertà educativa", "Out-of-school education, against educational poverty"),
    Activity("m", "servizi strumentali ad enti del Terzo settore resi da enti composti in misura non inferiore al settanta per cento da enti del Terzo settore", "Servizi strumentali agli enti del Terzo settore", "Support services to Third-Sector entities"),
    Activity("n", "cooperazione allo sviluppo, ai sensi della legge 11 agosto 2014, n. 125", "Cooperazione allo sviluppo", "Development cooperation"),
    Activity("o", "attività commerciali, produttive, di educazione e informazione, di promozione, di rappresentanza, di concessione in licenza di marchi di certificazione, svolte nell'ambito o a favore di filiere del commercio equo e solidale", "Commercio equo e solidale", "Fair trade"),
    Activity("p", "servizi finalizzati all'inserimento o al reinserimento nel mercato del lavoro dei lavoratori e delle persone di cui all'articolo 2, comma 4, del decreto legislativo recante revisione della disciplina in materia di impresa sociale", "Inserimento lavorativo", "Work integration"),
    Activity("q", "alloggio sociale, ai sensi del decreto del Ministro delle infrastrutture del 22 aprile 2008, nonché ogni altra attività di carattere residenziale temporaneo diretta a soddisfare bisogni sociali, sanitari, culturali, formativi o lavorativi", "Alloggio sociale", "Social housing"),
    Activity("r", "accoglienza umanitaria ed integrazione sociale dei migranti", "Accoglienza e integrazione dei migranti", "Reception and integration of migrants"),
    Activity("s", "agricoltura sociale, ai sensi dell'articolo 2 della legge 18 agosto 2015, n. 141", "Agricoltura sociale", "Social farming"),
    Activity("t", "organizzazione e gestione di attività sportive dilettantistiche", "Attività sportive dilettantistiche", "Amateur sport"),
    Activity("u", "beneficenza, sostegno a distanza, cessione gratuita di alimenti o prodotti di cui alla legge 19 agosto 2016, n. 166, o erogazione di denaro, beni o servizi a sostegno di persone svantaggiate o di attività di interesse generale a norma del presente articolo", "Beneficenza e sostegno a persone svantaggiate", "Charity and support to disadvantaged people"),
    Activity("v", "promozione della cultura della legalità, della pace tra i popoli, della nonviolenza e della difesa non armata", "Legalità, pace e nonviolenza", "Legality, peace and non-violence"),
    Activity("w", "promozione e tutela dei diritti umani, civili, sociali e politici, nonché dei diritti dei consumatori e degli utenti delle attività di interesse generale, promozione delle pari opportunità e delle iniziative di aiuto reciproco, incluse le banche dei tempi e i gruppi di acquisto solidale", "Diritti umani, pari opportunità e aiuto reciproco", "Human rights, equal opportunities, mutual aid"),
    Activity("x", "cura di procedure di adozione internazionale ai sensi della legge 4 maggio 1983, n. 184", "Adozione internazionale", "International adoption"),
    Activity("y", "protezione civile ai sensi della legge 24 febbraio 1992, n. 225", "Protezione civile", "Civil protection"),
    Activity("z", "riqualificazione di beni pubblici inutilizzati o di beni confiscati alla criminalità organizzata", "Riqualificazione di beni pubblici e confiscati", "Regeneration of unused or confiscated assets"),
)

BY_CODE = {a.code: a for a in ACTIVITIES}
