"""Italian vocabulary and text templates of the demo data set: people's names, organisation
name cores, the social themes with their sentences and needs, public bodies, partnership
projects and funders, the five communities of practice with their forum discussions.

Everything here is invented for the demo (contacts use the reserved ``example.it`` domain);
comuni, provinces and regions are the real ISTAT ones, resolved by the generator.

Slots in templates, filled by the generator:
``{name}`` organisation name, ``{comune}`` seat comune, ``{prov_phrase}`` "in provincia di X",
``{prov_of}`` "della provincia di X", ``{region_of}`` "del Piemonte", ``{founded}`` year,
``{a}`` feminine/masculine ending agreeing with the organisation, ``{un_form}`` "un'associazione
di promozione sociale", ``{founders}``, ``{mission}``, ``{volunteers}``, ``{staff}``, ``{reach}``,
``{benef}``; in the forum ``{op}`` and ``{prev}`` are first names of earlier posters.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- people

FEMALE_NAMES = (
    "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Elena", "Valentina", "Alessandra", "Silvia",
    "Federica", "Laura", "Paola", "Anna", "Maria", "Elisa", "Roberta", "Monica", "Barbara", "Cristina",
    "Simona", "Daniela", "Michela", "Ilaria", "Serena", "Giorgia", "Marta", "Alice", "Beatrice", "Camilla",
    "Eleonora", "Veronica", "Claudia", "Lucia", "Rosa", "Teresa", "Angela", "Carla", "Stefania", "Nadia",
    "Patrizia", "Manuela", "Antonella", "Rossana", "Gabriella", "Marina", "Lorenza", "Caterina", "Irene",
    "Noemi", "Arianna", "Benedetta", "Giovanna", "Annalisa", "Loredana", "Tiziana", "Margherita", "Agnese",
    "Emanuela", "Luisa", "Graziella", "Ornella", "Donatella", "Sofia", "Rebecca", "Miriam", "Vittoria",
)
MALE_NAMES = (
    "Marco", "Luca", "Andrea", "Francesco", "Alessandro", "Matteo", "Lorenzo", "Davide", "Simone",
    "Federico", "Stefano", "Giovanni", "Giuseppe", "Antonio", "Paolo", "Roberto", "Massimo", "Fabio",
    "Daniele", "Riccardo", "Alberto", "Giorgio", "Claudio", "Enrico", "Mauro", "Sergio", "Franco", "Pietro",
    "Carlo", "Michele", "Vincenzo", "Nicola", "Emanuele", "Tommaso", "Filippo", "Gabriele", "Jacopo",
    "Leonardo", "Diego", "Alessio", "Valerio", "Walter", "Piero", "Gianluca", "Mattia", "Samuele", "Angelo",
    "Giacomo", "Ettore", "Umberto", "Guido", "Bruno", "Renato", "Edoardo", "Raffaele", "Domenico",
)
#: First names more frequent in the south, mixed in for Campania, Puglia and Sicilia.
SOUTH_FEMALE_NAMES = ("Carmela", "Concetta", "Rosaria", "Assunta", "Immacolata", "Giuseppina", "Nunzia", "Rosalba")
SOUTH_MALE_NAMES = ("Salvatore", "Gennaro", "Rosario", "Carmelo", "Ciro", "Cosimo", "Vito", "Gaetano", "Pasquale")

SURNAMES_NORTH = (
    "Colombo", "Ferrari", "Bianchi", "Brambilla", "Galli", "Fontana", "Sala", "Ferrero", "Rosso", "Bertolino",
    "Gallo", "Bianco", "Ferraris", "Barbero", "Cerutti", "Fumagalli", "Villa", "Cattaneo", "Mazza", "Pozzi",
    "Ravasi", "Invernizzi", "Bonetti", "Zanetti", "Montanari", "Bertolini", "Guidetti", "Malaguti", "Gualtieri",
    "Sartori", "Gatti", "Pellegrini", "Cavallo", "Bosio", "Vercellino", "Peretti", "Zanotti", "Gherardi",
    "Borghi", "Fabbri", "Bassi", "Magnani", "Grassi", "Tosi", "Pasquali", "Sella", "Zegna", "Botta", "Gianotti",
)
SURNAMES_CENTRE = (
    "Mancini", "Conti", "Marini", "Ricci", "Bartolini", "Giannini", "Innocenti", "Fantoni", "Baldini", "Cecchi",
    "Franchi", "Santini", "Moretti", "Ferri", "Martini", "Bernardini", "Pieri", "Paoli", "Tognetti", "Proietti",
    "Giuliani", "Di Stefano", "De Angelis", "Cipriani", "Fiorentini", "Ciccarelli", "Valentini", "Mariotti",
    "Sabatini", "Cortesi", "Bruni", "Morelli", "Monti", "D'Amico", "Salvi", "Cappelli", "Tozzi", "Nardi",
    "Guerrini", "Landi", "Lupi", "Fabiani", "Santoni", "Leoni",
)
SURNAMES_SOUTH = (
    "Esposito", "Russo", "De Luca", "Romano", "Ferrara", "Amato", "Caruso", "Greco", "Lombardo", "Rizzo",
    "Messina", "La Rosa", "Marino", "Palumbo", "Santoro", "Castellano", "D'Angelo", "Sorrentino", "Pugliese",
    "Colucci", "Lorusso", "Mastrangelo", "Capuano", "Iannone", "Cirillo", "Coppola", "Di Martino", "Catalano",
    "Lo Presti", "Scalia", "Giordano", "Parisi", "Longo", "Barone", "Sciortino", "Lo Bianco", "Annunziata",
    "Carbone", "Palmieri", "Spagnuolo", "De Simone", "Nuzzo", "Schiavone", "Pepe", "Fusco", "Milazzo",
    "Lanza", "Ruggiero", "Cannizzaro", "Impellizzeri", "Montalbano", "Abbate", "Calò", "Quarta",
)
SURNAMES_ITALY = (
    "Rossi", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno",
    "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
    "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
    "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "Marchetti", "Parisi", "Villa",
    "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala",
    "De Angelis", "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo",
    "Morelli", "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani",
    "Benedetti", "Barone", "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino",
    "Fiore", "De Rosa", "Ferretti", "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia",
    "Sartori", "Neri", "Costantini", "Milani", "Pagano", "Ruggiero", "Orlando", "Negri", "Bellucci", "Zanella",
)
#: Names of people with a migrant background: (female names, male names, surnames) per origin.
FOREIGN_NAMES = (
    (("Amina", "Fatima", "Khadija"), ("Youssef", "Karim", "Omar"), ("El Idrissi", "Benali", "Amrani", "Bennani")),
    (("Aissatou", "Mariama"), ("Ibrahima", "Moussa", "Mamadou"), ("Diallo", "Traoré", "Cissé", "Ndiaye")),
    (("Mihaela", "Ioana"), ("Andrei", "Mihai", "Florin"), ("Popescu", "Ionescu", "Munteanu")),
    (("Oksana", "Olena", "Iryna"), ("Taras", "Andriy"), ("Kovalenko", "Shevchenko", "Bondarenko")),
    (("Nasrin", "Fatema"), ("Rahim", "Hasan"), ("Hossain", "Rahman", "Akter")),
    (("Mei", "Xiaoling"), ("Wei", "Jun"), ("Chen", "Hu", "Zhou")),
    (("Joy", "Blessing"), ("Emeka", "Chinedu"), ("Okafor", "Eze", "Nwosu")),
)

# ---------------------------------------------------------------------- territories

#: The eight demo regions: ISTAT code → (regional capital, "del Piemonte", ETS count, Regione's name).
REGIONS = {
    "01": ("Torino", "del Piemonte", 36, "Regione Piemonte"),
    "03": ("Milano", "della Lombardia", 36, "Regione Lombardia"),
    "08": ("Bologna", "dell'Emilia-Romagna", 32, "Regione Emilia-Romagna"),
    "09": ("Firenze", "della Toscana", 31, "Regione Toscana"),
    "12": ("Roma", "del Lazio", 33, "Regione Lazio"),
    "15": ("Napoli", "della Campania", 32, "Regione Campania"),
    "16": ("Bari", "della Puglia", 31, "Regione Puglia"),
    "19": ("Palermo", "della Sicilia", 31, "Regione Siciliana"),
}
#: The ISTAT code of the province the demo gives extra weight (Biella, where the project began).
FOCUS_PROVINCE = "096"

#: Larger non-capoluogo towns per region (names as ISTAT writes them; unknown ones are skipped).
TOWNS = {
    "01": ("Moncalieri", "Collegno", "Rivoli", "Nichelino", "Settimo Torinese", "Grugliasco", "Chieri",
           "Pinerolo", "Ivrea", "Alba", "Bra", "Casale Monferrato", "Novi Ligure", "Tortona", "Borgomanero",
           "Domodossola", "Cossato", "Candelo", "Vigliano Biellese", "Valdilana", "Mongrando", "Gaglianico"),
    "03": ("Sesto San Giovanni", "Cinisello Balsamo", "Legnano", "Rho", "Busto Arsizio", "Gallarate", "Saronno",
           "Vigevano", "Voghera", "Treviglio", "Seriate", "Desenzano del Garda", "Chiari", "Crema", "Cantù",
           "Merate", "Codogno", "Lissone", "Desio", "Seregno", "Abbiategrasso", "Paderno Dugnano"),
    "08": ("Imola", "Carpi", "Sassuolo", "Faenza", "Cesena", "Casalecchio di Reno", "San Lazzaro di Savena",
           "Fidenza", "Scandiano", "Lugo", "Riccione", "Cento", "Correggio", "Vignola", "Mirandola"),
    "09": ("Empoli", "Viareggio", "Sesto Fiorentino", "Scandicci", "Pontedera", "Campi Bisenzio", "Poggibonsi",
           "Montevarchi", "Piombino", "Cascina", "Carrara", "Figline e Incisa Valdarno", "Colle di Val d'Elsa",
           "Follonica", "Bagno a Ripoli"),
    "12": ("Fiumicino", "Guidonia Montecelio", "Aprilia", "Pomezia", "Tivoli", "Velletri", "Civitavecchia",
           "Anzio", "Cisterna di Latina", "Fondi", "Formia", "Cassino", "Sora", "Civita Castellana", "Ciampino",
           "Ladispoli"),
    "15": ("Giugliano in Campania", "Torre del Greco", "Pozzuoli", "Casoria", "Castellammare di Stabia",
           "Afragola", "Portici", "Ercolano", "Battipaglia", "Nocera Inferiore", "Cava de' Tirreni", "Scafati",
           "Aversa", "Marcianise", "Ariano Irpino", "Eboli", "Pomigliano d'Arco", "Sessa Aurunca"),
    "16": ("Altamura", "Molfetta", "Bitonto", "Monopoli", "Cerignola", "Manfredonia", "San Severo",
           "Martina Franca", "Grottaglie", "Fasano", "Nardò", "Galatina", "Gallipoli", "Bisceglie", "Corato",
           "Gravina in Puglia", "Conversano", "Ostuni", "Putignano"),
    "19": ("Marsala", "Mazara del Vallo", "Gela", "Vittoria", "Bagheria", "Acireale", "Modica", "Paternò",
           "Alcamo", "Caltagirone", "Partinico", "Sciacca", "Licata", "Milazzo", "Augusta", "Termini Imerese",
           "Corleone", "Piazza Armerina", "Niscemi", "Misterbianco", "Carini"),
}

#: Telephone area codes (prefissi) by province sigla.
AREA_CODES = {
    "TO": "011", "VC": "0161", "NO": "0321", "CN": "0171", "AT": "0141", "AL": "0131", "BI": "015", "VB": "0323",
    "VA": "0332", "CO": "031", "SO": "0342", "MI": "02", "BG": "035", "BS": "030", "PV": "0382", "CR": "0372",
    "MN": "0376", "LC": "0341", "LO": "0371", "MB": "039",
    "PC": "0523", "PR": "0521", "RE": "0522", "MO": "059", "BO": "051", "FE": "0532", "RA": "0544", "FC": "0543",
    "RN": "0541",
    "MS": "0585", "LU": "0583", "PT": "0573", "FI": "055", "LI": "0586", "PI": "050", "AR": "0575", "SI": "0577",
    "GR": "0564", "PO": "0574",
    "VT": "0761", "RI": "0746", "RM": "06", "LT": "0773", "FR": "0775",
    "CE": "0823", "BN": "0824", "NA": "081", "AV": "0825", "SA": "089",
    "FG": "0881", "BA": "080", "TA": "099", "BR": "0831", "LE": "0832", "BT": "0883",
    "TP": "0923", "PA": "091", "ME": "090", "AG": "0922", "CL": "0934", "EN": "0935", "CT": "095", "RG": "0932",
    "SR": "0931",
}
MOBILE_PREFIXES = ("320", "328", "329", "333", "335", "338", "339", "340", "347", "348", "349", "351", "366", "392")

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
          "ottobre", "novembre", "dicembre")

# ----------------------------------------------------------------- ETS legal forms

#: Share of each ETS legal form in the demo (normalised by the generator).
LEGAL_FORM_SHARE = {
    "odv": 26, "aps": 24, "coop_sociale_a": 12, "coop_sociale_b": 9, "associazione": 8, "impresa_sociale": 4,
    "fondazione": 4, "ente_filantropico": 3, "rete_associativa": 3, "mutuo_soccorso": 3, "altro_ets": 4,
}

#: The themes an ETS of each legal form is likely to work on, with weights.
FORM_THEMES = {
    "odv": (("anziani", 5), ("disabilita", 3), ("poverta", 5), ("minori", 2), ("migranti", 2), ("ambiente", 2),
            ("protezione_civile", 5), ("salute_mentale", 2), ("violenza", 2), ("housing", 1), ("legalita", 1)),
    "aps": (("cultura", 5), ("sport", 5), ("minori", 4), ("migranti", 3), ("ambiente", 3), ("anziani", 2),
            ("legalita", 2), ("disabilita", 2), ("poverta", 1)),
    "coop_sociale_a": (("anziani", 4), ("disabilita", 4), ("minori", 3), ("migranti", 2), ("salute_mentale", 3),
                       ("housing", 2), ("violenza", 1)),
    "coop_sociale_b": (("lavoro", 8), ("ambiente", 2), ("legalita", 2), ("poverta", 1)),
    "impresa_sociale": (("lavoro", 3), ("cultura", 2), ("housing", 2), ("ambiente", 1), ("servizi_ets", 1)),
    "fondazione": (("cultura", 3), ("disabilita", 3), ("anziani", 2), ("minori", 2), ("poverta", 1)),
    "ente_filantropico": (("poverta", 2), ("servizi_ets", 2), ("minori", 1)),
    "rete_associativa": (("servizi_ets", 3), ("sport", 1), ("cultura", 1), ("protezione_civile", 1)),
    "mutuo_soccorso": (("anziani", 2), ("cultura", 1)),
    "associazione": (("servizi_ets", 2), ("violenza", 2), ("legalita", 2), ("cultura", 2), ("salute_mentale", 1),
                     ("migranti", 1), ("housing", 1)),
    "altro_ets": (("servizi_ets", 3), ("protezione_civile", 1), ("legalita", 1), ("poverta", 1)),
}

#: Name patterns per legal form: (pattern, domain stub). ``None`` stub: the domain comes from the core.
NAME_PATTERNS = {
    "odv": (("ODV {core}", None), ("{core} ODV", None), ("Associazione {core} ODV", None),
            ("Associazione di volontariato {core}", None)),
    "aps": (("APS {core}", None), ("{core} APS", None), ("Associazione {core} APS", None),
            ("Circolo {core} APS", None)),
    "coop_sociale_a": (("Cooperativa Sociale {core}", None), ("{core} Società Cooperativa Sociale", None),
                       ("{core} Cooperativa Sociale", None)),
    "coop_sociale_b": (("Cooperativa Sociale {core}", None), ("{core} Società Cooperativa Sociale", None),
                       ("{core} Soc. Coop. Sociale", None)),
    "impresa_sociale": (("{core} Impresa Sociale", None), ("{core} Impresa Sociale srl", None),
                        ("Impresa Sociale {core}", None)),
    "fondazione": (("Fondazione {core}", None), ("Fondazione {core} ETS", None)),
    "ente_filantropico": (("Fondazione Comunità di {comune}", "fondazionecomunita"),
                          ("Fondazione {core} – Ente filantropico", None), ("Fondo {core} ETS", None)),
    "rete_associativa": (("Rete {core}", None), ("Rete Associativa {core}", None), ("Coordinamento {core}", None)),
    "mutuo_soccorso": (("Società di Mutuo Soccorso di {comune}", "soms"),
                       ("Società Operaia di Mutuo Soccorso di {comune}", "somsoperaia"),
                       ("Società di Mutuo Soccorso {core}", None)),
    "associazione": (("Associazione {core}", None), ("Associazione {core} ETS", None), ("Comitato {core}", None)),
    "altro_ets": (("Comitato {core} ETS", None), ("Consulta del Volontariato di {comune}", "consultavolontariato"),
                  ("{core} ETS", None)),
}

#: Head words of names that are grammatically masculine ("il Circolo … è nato").
MASCULINE_HEADS = ("Centro", "Gruppo", "Comitato", "Banco", "Emporio", "Coordinamento", "Forum", "Circolo",
                   "Presidio", "Fondo", "Laboratorio", "Comune", "Istituto", "Ambito")

#: Definite articles of names by their first word ("L'Associazione …", "Il Comune di …"); names whose
#: first word is not listed (brand names, names that open with their own article) take none.
NAME_ARTICLES = {
    "Associazione": "l'", "ODV": "l'", "APS": "l'", "Emporio": "l'", "Agenzia": "l'", "Impresa": "l'",
    "Istituto": "l'", "Ambito": "l'", "Unione": "l'", "ASL": "l'", "ATS": "l'", "ASP": "l'", "Azienda": "l'",
    "Cooperativa": "la ", "Società": "la ", "Fondazione": "la ", "Rete": "la ", "Consulta": "la ", "Casa": "la ",
    "Polisportiva": "la ", "Compagnia": "la ", "Regione": "la ", "Provincia": "la ", "Città": "la ",
    "Circolo": "il ", "Comitato": "il ", "Coordinamento": "il ", "Banco": "il ", "Centro": "il ", "Forum": "il ",
    "Gruppo": "il ", "Fondo": "il ", "Comune": "il ", "Libero": "il ",
}

#: "un'associazione di promozione sociale": the indefinite noun phrase of each legal form.
FORM_PHRASES = {
    "odv": "un'organizzazione di volontariato", "aps": "un'associazione di promozione sociale",
    "coop_sociale_a": "una cooperativa sociale di tipo A", "coop_sociale_b": "una cooperativa sociale di tipo B",
    "impresa_sociale": "un'impresa sociale", "fondazione": "una fondazione", "ente_filantropico": "un ente "
                                                                                                  "filantropico",
    "rete_associativa": "una rete associativa", "mutuo_soccorso": "una società di mutuo soccorso",
    "associazione": "un'associazione", "altro_ets": "un ente del Terzo settore",
}

#: Founding years per legal form (first, last).
FOUNDED = {
    "odv": (1978, 2022), "aps": (1982, 2023), "coop_sociale_a": (1982, 2021), "coop_sociale_b": (1985, 2021),
    "impresa_sociale": (2009, 2023), "fondazione": (1960, 2020), "ente_filantropico": (2001, 2022),
    "rete_associativa": (1990, 2021), "mutuo_soccorso": (1852, 1924), "associazione": (1975, 2023),
    "altro_ets": (1988, 2022),
}

#: Generic name cores, any theme.
GENERIC_CORES = (
    "Il Girasole", "La Bussola", "Mani Aperte", "Spazio Comune", "Il Ponte", "L'Aquilone", "Arcobaleno",
    "La Rondine", "Il Faro", "Porte Aperte", "Casa Comune", "Il Melograno", "La Tenda", "Il Germoglio",
    "Semi di Futuro", "Terra Buona", "La Lanterna", "Il Cortile", "Orizzonti", "Passo dopo Passo", "Il Sentiero",
    "La Clessidra", "Il Mosaico", "Insieme", "Il Seme", "La Quercia", "L'Albero delle Idee", "Il Volo",
    "Il Cerchio", "La Goccia", "Il Granello", "Stella Polare", "La Fenice", "Il Pellicano", "La Ginestra",
    "Il Glicine", "Il Castagno", "La Sorgente", "Il Mandorlo", "La Via Maestra", "Tessere Legami",
    "Fili Intrecciati", "Dialoghi", "Altrove", "Oltre il Muro", "La Panchina", "La Piazzetta", "Il Focolare",
    "La Zattera", "Il Gabbiano", "Il Quadrifoglio", "La Mongolfiera", "Il Chicco", "Pane e Rose", "Strade Nuove",
    "Radici e Ali", "Vento Nuovo", "Primavera", "Aurora", "Il Mulino", "La Carovana", "Il Raggio", "L'Officina",
    "Crocevia", "Approdo", "Il Porto", "Il Timone", "La Vela", "Alba Nuova", "Il Cammino", "Casa Aperta",
    "Il Nido", "La Conchiglia", "Sottosopra", "Il Gomitolo", "Il Tiglio", "La Rosa dei Venti", "L'Incontro",
    "La Trama", "Tra le Righe", "Il Cantiere", "Fuori Rotta", "Il Bucaneve", "La Lucciola", "Il Colibrì",
    "La Farfalla", "Il Pettirosso", "La Bottega", "Il Tamburo", "La Locanda", "Il Faggio", "La Meridiana",
    "Il Sorriso", "Mille Colori", "Il Mappamondo", "La Scialuppa", "Contatto", "Il Sestante",
)

# --------------------------------------------------------------------------- ETS text

#: Opening sentences of an ETS description.
OPENERS = (
    "{name} nasce a {comune} nel {founded} per {mission}.",
    "Dal {founded} {name} lavora a {comune} con un obiettivo preciso: {mission}.",
    "{name} è attiv{a} a {comune} dal {founded} e si propone di {mission}.",
    "Fondat{a} nel {founded} da un gruppo di {founders}, {name} si impegna a {mission}.",
    "{name} è {un_form} di {comune} che dal {founded} lavora per {mission}.",
    "Con sede a {comune}, {name} opera dal {founded} per {mission}.",
    "{name} riunisce dal {founded} {founders} che hanno scelto di {mission}.",
    "Nat{a} nel {founded} dall'iniziativa di {founders} di {comune}, {name} ha un obiettivo: {mission}.",
    "{name} è {un_form} che dal {founded} si propone di {mission} {prov_phrase}.",
)
#: Sentences about the territory and the network.
TERRITORY_SENTENCES = (
    "Collabora stabilmente con i servizi sociali del Comune e con le altre realtà del territorio {prov_of}.",
    "Le attività si svolgono a {comune} e nei comuni vicini, {prov_phrase}.",
    "Fa parte della rete del Terzo settore {prov_of} e partecipa ai tavoli del Piano di zona.",
    "Negli ultimi anni ha partecipato a percorsi di co-progettazione con l'Ambito territoriale sociale e con le "
    "scuole di {comune}.",
    "Lavora in rete con parrocchie, scuole, biblioteche e associazioni di quartiere.",
    "Il suo raggio d'azione va da {comune} a tutto il territorio {prov_of}.",
    "Aderisce alle reti regionali del Terzo settore {region_of} e collabora con il Centro di servizio per il "
    "volontariato.",
    "Molte attività nascono da convenzioni con il Comune di {comune} e con l'azienda sanitaria.",
)
TERRITORY_CAPOLUOGO = (
    "Opera soprattutto nei quartieri periferici di {comune}, dove i servizi pubblici faticano ad arrivare.",
)
TERRITORY_SMALL_TOWN = (
    "Opera soprattutto nelle frazioni e nei piccoli comuni intorno a {comune}, dove i servizi sono più lontani.",
)
#: Closing sentences (numbers, style, invitations).
CLOSINGS = (
    "Oggi conta su {volunteers} volontari e {staff} operatori retribuiti.",
    "Ogni anno raggiunge circa {reach} {benef}.",
    "Cerca nuovi volontari, anche per poche ore alla settimana, e offre una formazione iniziale.",
    "Accoglie volentieri proposte di collaborazione da altri enti e dalla pubblica amministrazione.",
    "Pubblica ogni anno il bilancio sociale e rende conto dei fondi ricevuti.",
    "È apert{a} a nuove collaborazioni con scuole, imprese e fondazioni del territorio.",
    "Nel {recent} ha avviato un nuovo servizio insieme ad altri enti della zona.",
    "Il lavoro quotidiano è affidato a {volunteers} volontari, coordinati da un piccolo staff.",
)
CLOSINGS_COOP = (
    "La cooperativa conta {staff} soci lavoratori e gestisce servizi in convenzione con enti pubblici.",
    "Oggi dà lavoro a {staff} persone, molte delle quali soci della cooperativa.",
)
#: Legal forms whose texts differ from their theme's: founders, missions and a first service sentence.
FORM_TEXTS = {
    "mutuo_soccorso": {
        "founders": ("operai e artigiani", "lavoratori delle fabbriche tessili", "artigiani e contadini"),
        "missions": ("garantire ai soci mutua assistenza nella malattia e nelle difficoltà",
                     "tenere viva la tradizione del mutuo aiuto tra i cittadini"),
        "services": ("Oggi offre ai soci sussidi sanitari e rimborsi per visite ed esami, e tiene aperta la storica "
                     "sede come luogo d'incontro della comunità.",
                     "Nella sede storica organizza incontri, corsi e pranzi sociali, e sostiene con piccoli sussidi i "
                     "soci anziani."),
    },
    "ente_filantropico": {
        "founders": ("imprenditori, associazioni ed enti locali", "cittadini, parrocchie e fondazioni"),
        "missions": ("raccogliere donazioni e sostenere i progetti sociali del territorio",
                     "far crescere la filantropia di comunità"),
        "services": ("Ogni anno pubblica bandi per piccoli contributi alle associazioni e raccoglie donazioni da "
                     "cittadini e imprese.",
                     "Gestisce fondi patrimoniali aperti alle donazioni e li destina ai progetti di welfare di "
                     "comunità."),
    },
    "coop_sociale_b": {
        "services": ("Nei suoi servizi lavorano persone svantaggiate inserite ai sensi della legge 381/1991, "
                     "affiancate da tutor ed educatori.",
                     "Almeno un terzo dei lavoratori sono persone svantaggiate, accompagnate in percorsi di "
                     "inserimento lavorativo."),
    },
    "rete_associativa": {
        "founders": ("associazioni e circoli del territorio", "organizzazioni di volontariato"),
        "missions": ("coordinare, rappresentare e sostenere le associazioni aderenti",
                     "mettere in rete le associazioni e dare loro voce presso le istituzioni"),
        "services": ("Riunisce decine di enti aderenti, offre loro consulenza e formazione e li rappresenta nei "
                     "tavoli con le istituzioni.",),
    },
}

#: Sentences driven by the resources the organisation can offer.
RESOURCE_SENTENCES = {
    "spazi": "Può mettere a disposizione di altri enti una sala per incontri e attività.",
    "mezzi": "Dispone di mezzi propri che presta volentieri ad altre associazioni.",
    "attrezzature": "Condivide attrezzature e materiali con le realtà del territorio che ne hanno bisogno.",
    "competenze": "Offre ad altri enti le competenze maturate dai suoi operatori.",
}

# ------------------------------------------------------------------------ themes

THEMES: dict[str, dict] = {
    "anziani": {
        "label": "Anziani e fragilità",
        "activities": ("a", "c"), "more_activities": ("u", "i", "w"),
        "competencies": ("assistenza-anziani", "assistenza-domiciliare", "trasporto-sociale"),
        "more_competencies": ("gestione-volontari", "alfabetizzazione-digitale", "supporto-psicologico",
                              "animazione-territoriale", "co-progettazione"),
        "resources": ("volontari", "mezzi", "spazi", "competenze"),
        "founders": ("pensionati e volontari", "familiari di persone anziane", "infermieri e volontari",
                     "cittadini del quartiere"),
        "missions": ("promuovere l'autonomia e la qualità della vita delle persone anziane",
                     "contrastare la solitudine degli anziani che vivono soli",
                     "sostenere gli anziani fragili e le loro famiglie",
                     "permettere alle persone anziane di restare il più a lungo possibile a casa propria"),
        "services": (
            "Gestisce un servizio di trasporto sociale per accompagnare gli anziani alle visite mediche e agli "
            "sportelli pubblici.",
            "I volontari fanno compagnia a domicilio e al telefono a chi vive solo, con particolare attenzione "
            "ai mesi estivi.",
            "Organizza un centro d'incontro con attività di ginnastica dolce, laboratori di memoria e pranzi "
            "comunitari.",
            "Da alcuni anni propone un Caffè Alzheimer mensile per persone con demenza e familiari che se ne "
            "prendono cura.",
            "Offre corsi per imparare a usare smartphone, SPID e fascicolo sanitario elettronico.",
            "Con operatori socio-sanitari qualificati gestisce servizi di assistenza domiciliare in convenzione.",
            "Consegna la spesa e i farmaci a domicilio alle persone anziane che non possono uscire.",
        ),
        "benef": "persone anziane",
        "cores": ("Argento Vivo", "Anni d'Oro", "Nonni in Rete", "Età Libera", "La Terza Primavera",
                  "Il Bastone d'Argento", "Le Radici", "La Memoria", "Vicini di Casa", "Mai Soli"),
        "titles": (("Operatore socio-sanitario", "Operatrice socio-sanitaria"),
                   ("Referente del trasporto sociale", "Referente del trasporto sociale"),
                   ("Animatore del centro d'incontro", "Animatrice del centro d'incontro")),
        "public_forms": ("comune", "ambito_sociale", "asl", "unione_comuni"),
        "needs": (
            {"title": "Autisti volontari per accompagnamenti sanitari",
                 "text": "volontari con patente B per accompagnare persone anziane sole alle visite mediche e agli "
                      "esami in ospedale",
                 "help": "volontari", "comps": ("trasporto-sociale", "assistenza-anziani"), "activity": "a",
                 "benef": "Persone anziane sole",
                 "detail": "L'auto è dell'associazione ed è coperta da assicurazione."},
            {"title": "Telefonate di compagnia agli anziani soli",
                 "text": "volontari per un servizio di telefonate di compagnia a persone over 75 che vivono sole a "
                      "{comune}",
                 "help": "volontari", "comps": ("assistenza-anziani", "gestione-volontari"), "activity": "a",
                 "benef": "Anziani over 75 che vivono soli"},
            {"title": "Formazione sulle demenze per i volontari",
                 "text": "una psicologa o un'infermiera esperta di demenze che formi i volontari del nostro centro "
                      "d'incontro",
                 "help": "competenze", "in_person": True, "comps": ("supporto-psicologico", "assistenza-anziani"),
                 "activity": "c", "benef": "Persone con demenza e caregiver familiari"},
            {"title": "Sala per il Caffè Alzheimer",
                 "text": "una sala accessibile al piano terra per ospitare il Caffè Alzheimer a {comune}",
                 "help": "spazi", "comps": ("assistenza-anziani",), "activity": "c",
                 "benef": "Persone con demenza e loro familiari"},
            {"title": "Tablet per le videochiamate in struttura",
                 "text": "tablet usati in buono stato per permettere agli ospiti di una residenza per anziani di "
                      "videochiamare i familiari",
                 "help": "attrezzature", "comps": ("alfabetizzazione-digitale",), "activity": "a",
                 "benef": "Anziani ospiti in struttura"},
            {"title": "Corso di smartphone per over 65",
                 "text": "volontari pazienti che insegnino a usare smartphone, SPID e fascicolo sanitario a piccoli "
                      "gruppi di anziani",
                 "help": "volontari", "comps": ("alfabetizzazione-digitale", "formazione-adulti"), "activity": "d",
                 "benef": "Anziani over 65"},
            {"title": "Partner per un progetto di domiciliarità leggera",
                 "text": "enti e servizi pubblici con cui costruire un progetto di domiciliarità leggera per gli "
                      "anziani fragili {prov_phrase}",
                 "help": "partenariato", "comps": ("co-progettazione", "assistenza-domiciliare"), "activity": "a",
                 "benef": "Anziani fragili che vivono a casa"},
        ),
        "projects": ("Nessuno resta solo – rete di prossimità per gli anziani di {comune}", "Argento attivo",
                     "Vicini di casa", "Custodi di comunità a {comune}", "Tempo di cura – sostegno ai caregiver "
                     "familiari"),
        "funders": ("PNRR M5C2 – Investimento 1.1 (sostegno alle persone vulnerabili e prevenzione "
                    "dell'istituzionalizzazione degli anziani)",),
    },
    "disabilita": {
        "label": "Disabilità e inclusione",
        "activities": ("a", "c"), "more_activities": ("p", "t", "q", "d"),
        "competencies": ("disabilita", "trasporto-sociale", "sport-inclusivo"),
        "more_competencies": ("orientamento-lavoro", "supporto-psicologico", "housing-sociale", "consulenza-legale",
                              "gestione-volontari"),
        "resources": ("volontari", "mezzi", "spazi", "competenze", "attrezzature"),
        "founders": ("genitori di ragazzi con disabilità", "famiglie e operatori", "educatori e genitori"),
        "missions": ("promuovere l'inclusione sociale delle persone con disabilità",
                     "costruire progetti di vita autonoma per i giovani con disabilità",
                     "sostenere le famiglie di persone con disabilità intellettiva",
                     "garantire a tutti il diritto allo sport, al lavoro e al tempo libero"),
        "services": (
            "Gestisce un centro diurno per giovani adulti con disabilità intellettiva, con laboratori artigianali "
            "e attività sul territorio.",
            "Ha avviato un appartamento di autonomia per il 'Dopo di noi', finanziato anche con i fondi della "
            "legge 112/2016.",
            "Organizza il sabato inclusivo: uscite, sport e cultura per ragazzi con e senza disabilità.",
            "Offre alle famiglie uno sportello di orientamento su diritti, amministrazione di sostegno e "
            "agevolazioni.",
            "Accompagna persone con disabilità in tirocini e inserimenti lavorativi nelle aziende della zona.",
            "Con un pulmino attrezzato garantisce il trasporto verso scuole, centri di riabilitazione e attività "
            "sportive.",
        ),
        "benef": "persone con disabilità e familiari",
        "cores": ("Oltre le Barriere", "Senza Barriere", "Diversamente Insieme", "Abilità in Gioco", "Noi Come Voi",
                  "Il Dopo di Noi", "Autonomia Possibile", "Il Vento in Poppa", "Tutti in Campo", "Passo Leggero"),
        "titles": (("Educatore professionale", "Educatrice professionale"),
                   ("Coordinatore del centro diurno", "Coordinatrice del centro diurno"),
                   ("Terapista occupazionale", "Terapista occupazionale")),
        "public_forms": ("comune", "ambito_sociale", "asl", "scuola", "altro_pa"),
        "needs": (
            {"title": "Volontari per il sabato inclusivo",
                 "text": "volontari per accompagnare ragazzi con disabilità intellettiva nelle uscite del sabato "
                      "pomeriggio a {comune}",
                 "help": "volontari", "comps": ("disabilita", "gestione-volontari"), "activity": "a",
                 "benef": "Ragazzi e giovani adulti con disabilità"},
            {"title": "Pulmino attrezzato per il trasporto",
                 "text": "un pulmino con pedana per carrozzine, anche in comodato d'uso, per il trasporto al centro "
                      "diurno",
                 "help": "attrezzature", "comps": ("trasporto-sociale", "disabilita"), "activity": "a",
                 "benef": "Persone con disabilità motoria"},
            {"title": "Consulenza su amministrazione di sostegno e Dopo di noi",
                 "text": "un avvocato o un notaio disponibile a incontrare le famiglie sull'amministrazione di "
                      "sostegno e sugli strumenti della legge 112/2016",
                 "help": "competenze", "comps": ("consulenza-legale", "disabilita"), "activity": "a",
                 "benef": "Famiglie di persone con disabilità"},
            {"title": "Istruttori per il nuoto inclusivo",
                 "text": "istruttori o volontari con brevetto per affiancare bambini con disabilità nei corsi di nuoto",
                 "help": "volontari", "comps": ("sport-inclusivo", "disabilita"), "activity": "t",
                 "benef": "Bambini con disabilità dai 6 ai 12 anni"},
            {"title": "Contributo per l'appartamento di autonomia",
                 "text": "un contributo per arredare un appartamento di sgancio per quattro giovani con disabilità a "
                      "{comune}",
                 "help": "finanziamenti", "comps": ("fundraising", "housing-sociale"), "activity": "q",
                 "benef": "Giovani adulti con disabilità"},
            {"title": "Aziende per tirocini inclusivi",
                 "text": "aziende ed enti del territorio disponibili ad accogliere tirocini di persone con disabilità, "
                      "con il nostro tutoraggio",
                 "help": "partenariato", "comps": ("orientamento-lavoro", "disabilita"), "activity": "p",
                 "benef": "Persone con disabilità in cerca di lavoro"},
        ),
        "projects": ("Dopo di noi, durante noi", "Abitare il futuro – autonomia per giovani con disabilità",
                     "Sport senza barriere", "Lavoro su misura – tirocini inclusivi {prov_phrase}", "Tutti in gioco"),
        "funders": ("PNRR M5C2 – Investimento 1.2 (percorsi di autonomia per persone con disabilità)",),
    },
    "poverta": {
        "label": "Povertà ed esclusione sociale",
        "activities": ("u", "a"), "more_activities": ("w", "q"),
        "competencies": ("distribuzione-alimentare", "logistica", "gestione-volontari"),
        "more_competencies": ("fundraising", "consulenza-fiscale", "orientamento-lavoro", "ricerca-sociale",
                              "co-progettazione"),
        "resources": ("volontari", "mezzi", "spazi", "attrezzature"),
        "founders": ("volontari della parrocchia", "cittadini e commercianti", "ex operatori dei servizi sociali"),
        "missions": ("sostenere le famiglie in difficoltà economica con dignità e senza assistenzialismo",
                     "contrastare lo spreco alimentare e la povertà",
                     "accompagnare fuori dalla povertà chi ha perso il lavoro o la casa",
                     "garantire a tutti un pasto e un punto di ascolto"),
        "services": (
            "Gestisce un emporio solidale dove le famiglie segnalate dai servizi sociali fanno la spesa con una "
            "tessera a punti.",
            "Recupera ogni settimana le eccedenze alimentari di supermercati e mense e le ridistribuisce alle "
            "famiglie.",
            "Il centro di ascolto accoglie chi è in difficoltà e lo orienta verso i servizi, aiutando anche con "
            "bollette e affitto.",
            "Organizza la raccolta alimentare nei supermercati due volte all'anno con centinaia di volontari.",
            "Apre tutte le sere una mensa per persone senza dimora, con docce e servizio guardaroba.",
            "Offre uno sportello per ISEE, bonus sociali e Assegno di inclusione in collaborazione con un "
            "patronato.",
        ),
        "benef": "famiglie in difficoltà",
        "cores": ("Il Pane Condiviso", "La Dispensa Solidale", "Tavola Amica", "Mensa Aperta", "La Spesa Sospesa",
                  "Il Buon Samaritano", "Il Cesto", "Pane e Companatico", "Tetto e Pane", "La Tavola di Tutti"),
        "names": (("Emporio Solidale {core}", None, ("odv", "associazione", "aps", "altro_ets")),
                  ("Banco di Solidarietà di {comune}", "bancosolidarieta", ("odv", "associazione"))),
        "titles": (("Responsabile dell'emporio solidale", "Responsabile dell'emporio solidale"),
                   ("Responsabile del magazzino", "Responsabile del magazzino"),
                   ("Operatore del centro di ascolto", "Operatrice del centro di ascolto")),
        "public_forms": ("comune", "ambito_sociale"),
        "needs": (
            {"title": "Volontari per l'emporio solidale",
                 "text": "volontari per i turni di apertura dell'emporio solidale, tra accoglienza delle famiglie e "
                      "riordino degli scaffali",
                 "help": "volontari", "comps": ("distribuzione-alimentare", "gestione-volontari"), "activity": "u",
                 "benef": "Famiglie in difficoltà economica"},
            {"title": "Furgone refrigerato per il recupero alimentare",
                 "text": "un furgone refrigerato, anche usato, per recuperare le eccedenze alimentari dai supermercati "
                      "di {comune}",
                 "help": "attrezzature", "comps": ("logistica", "distribuzione-alimentare"), "activity": "u",
                 "benef": "Famiglie seguite dai servizi sociali"},
            {"title": "Magazzino per la raccolta alimentare",
                 "text": "un magazzino asciutto di almeno 80 metri quadri a {comune} per stoccare gli alimenti della "
                      "raccolta",
                 "help": "spazi", "comps": ("logistica",), "activity": "u", "benef": "Famiglie in povertà alimentare"},
            {"title": "Raccolta alimentare nei supermercati",
                 "text": "volontari per la giornata di raccolta alimentare nei supermercati di {comune}",
                 "help": "volontari", "comps": ("distribuzione-alimentare",), "activity": "u",
                 "benef": "Famiglie assistite dall'emporio"},
            {"title": "Sportello su ISEE e misure di sostegno",
                 "text": "un consulente fiscale o un patronato disponibile a seguire con noi uno sportello su ISEE, "
                      "bonus sociali e Assegno di inclusione",
                 "help": "competenze", "comps": ("consulenza-fiscale",), "activity": "a", "benef": "Persone a basso "
                                                                                                   "reddito"},
            {"title": "Contributo per le spese dell'emporio",
                 "text": "un contributo per coprire affitto e utenze dell'emporio solidale nel prossimo anno",
                 "help": "finanziamenti", "comps": ("fundraising", "rendicontazione"), "activity": "u",
                 "benef": "Famiglie in difficoltà economica"},
            {"title": "Cuochi volontari per la mensa serale",
                 "text": "cuochi e aiuto cuochi volontari per la mensa serale aperta alle persone senza dimora",
                 "help": "volontari", "comps": ("distribuzione-alimentare",), "activity": "u", "benef": "Persone "
                                                                                                        "senza dimora",
                 "detail": "È richiesto l'attestato HACCP, che possiamo aiutarvi a ottenere."},
        ),
        "projects": ("Spesa sospesa – rete degli empori solidali {prov_of}", "Nessuno indietro",
                     "Filiera solidale contro lo spreco", "Tavola comune",
                     "Reti di comunità contro la povertà a {comune}"),
        "funders": ("PNRR M5C2 – Investimento 1.3 (housing temporaneo e stazioni di posta)",),
    },
    "minori": {
        "label": "Minori e povertà educativa",
        "activities": ("l", "d"), "more_activities": ("i", "a", "t"),
        "competencies": ("sostegno-scolastico", "educativa-territoriale", "animazione-territoriale"),
        "more_competencies": ("progettazione-sociale", "mediazione-familiare", "alfabetizzazione-digitale",
                              "co-progettazione", "gestione-volontari"),
        "resources": ("volontari", "spazi", "competenze"),
        "founders": ("genitori e insegnanti", "giovani educatori", "famiglie del quartiere", "studenti universitari"),
        "missions": ("contrastare la povertà educativa e la dispersione scolastica",
                     "offrire a bambini e ragazzi spazi sicuri per crescere, studiare e giocare",
                     "accompagnare gli adolescenti nelle scelte di scuola e di vita",
                     "costruire una comunità educante intorno alle scuole del quartiere"),
        "services": (
            "Gestisce un doposcuola gratuito per bambini e ragazzi delle scuole primarie e medie, con educatori "
            "e volontari.",
            "D'estate organizza centri estivi a prezzi calmierati, con posti riservati alle famiglie seguite dai "
            "servizi sociali.",
            "Gli educatori di strada incontrano gli adolescenti nei parchi e nelle piazze e propongono laboratori "
            "di musica e sport.",
            "Con le scuole del territorio ha firmato un patto educativo di comunità per tenere aperti gli edifici "
            "il pomeriggio.",
            "Offre orientamento scolastico e percorsi di recupero per ragazzi che hanno lasciato la scuola.",
            "Propone laboratori di lettura, teatro e coding per bambini che non hanno accesso ad attività "
            "extrascolastiche.",
        ),
        "benef": "bambini e ragazzi",
        "cores": ("Piccoli Passi", "Crescere Insieme", "Compiti Insieme", "Il Banco di Scuola", "La Cartella",
                  "Il Paese dei Balocchi", "Il Trampolino", "Matite Colorate", "Il Pallone e il Quaderno",
                  "Ragazzi al Centro"),
        "titles": (("Educatore", "Educatrice"), ("Coordinatore del doposcuola", "Coordinatrice del doposcuola"),
                   ("Pedagogista", "Pedagogista")),
        "public_forms": ("comune", "scuola", "ambito_sociale"),
        "needs": (
            {"title": "Volontari per il doposcuola",
                 "text": "volontari, anche studenti universitari, per aiutare nei compiti bambini e ragazzi delle "
                      "scuole medie",
                 "help": "volontari", "comps": ("sostegno-scolastico",), "activity": "l", "benef": "Ragazzi dagli 11 "
                                                                                                   "ai 14 anni"},
            {"title": "Coordinamento del centro estivo",
                 "text": "un educatore o un'educatrice con esperienza per coordinare il centro estivo nel quartiere",
                 "help": "competenze", "in_person": True,
                 "comps": ("educativa-territoriale", "animazione-territoriale"), "activity": "l",
                 "benef": "Bambini dai 6 agli 11 anni"},
            {"title": "Computer per il doposcuola",
                 "text": "computer portatili ricondizionati per i ragazzi che seguono il doposcuola e non hanno un pc "
                      "a casa",
                 "help": "attrezzature", "comps": ("alfabetizzazione-digitale", "sostegno-scolastico"), "activity": "l",
                 "benef": "Studenti in povertà educativa"},
            {"title": "Aula studio pomeridiana",
                 "text": "un'aula o una sala studio a {comune} per tre pomeriggi alla settimana",
                 "help": "spazi", "comps": ("sostegno-scolastico",), "activity": "l", "benef": "Studenti delle "
                                                                                               "superiori"},
            {"title": "Partner per un progetto contro la dispersione scolastica",
                 "text": "scuole, comuni e associazioni con cui presentare un progetto contro la dispersione "
                      "scolastica {prov_phrase}",
                 "help": "partenariato", "comps": ("progettazione-sociale", "co-progettazione"), "activity": "l",
                 "benef": "Adolescenti a rischio di abbandono scolastico"},
            {"title": "Laboratorio di teatro per adolescenti",
                 "text": "un contributo per il laboratorio di teatro gratuito per i ragazzi del quartiere",
                 "help": "finanziamenti", "comps": ("eventi-culturali", "educativa-territoriale"), "activity": "i",
                 "benef": "Adolescenti dai 13 ai 17 anni"},
        ),
        "projects": ("Comunità educante {comune}", "Scuola aperta tutto l'anno", "Compiti insieme",
                     "Ragazzi al centro", "Fuori classe – contrasto alla dispersione scolastica"),
        "funders": ("Con i Bambini – Fondo per il contrasto della povertà educativa minorile",
                    "Programma Erasmus+ – Partenariati su piccola scala"),
    },
    "migranti": {
        "label": "Migranti e intercultura",
        "activities": ("r", "w"), "more_activities": ("d", "a", "q"),
        "competencies": ("italiano-l2", "mediazione-culturale", "accoglienza-migranti"),
        "more_competencies": ("consulenza-legale", "orientamento-lavoro", "formazione-adulti", "housing-sociale",
                              "progettazione-sociale"),
        "resources": ("volontari", "spazi", "competenze"),
        "founders": ("insegnanti in pensione", "volontari e mediatori culturali", "famiglie italiane e straniere"),
        "missions": ("favorire l'accoglienza e l'integrazione delle persone migranti",
                     "costruire occasioni di incontro tra culture diverse",
                     "insegnare l'italiano e accompagnare verso il lavoro chi arriva in Italia",
                     "tutelare i diritti dei cittadini stranieri"),
        "services": (
            "Organizza corsi serali di italiano per adulti stranieri, con uno spazio bimbi per le mamme.",
            "Lo sportello per i cittadini stranieri offre orientamento su permessi di soggiorno, casa e servizi "
            "sanitari.",
            "I mediatori culturali affiancano scuole, consultori e servizi sociali nel rapporto con le famiglie "
            "neoarrivate.",
            "Gestisce piccoli appartamenti di semi-autonomia per neomaggiorenni usciti dal sistema di accoglienza.",
            "Organizza ogni anno una festa dei popoli e cene interculturali che coinvolgono centinaia di persone.",
            "Accompagna i titolari di protezione internazionale nella ricerca di lavoro e nella formazione.",
        ),
        "benef": "persone di origine straniera",
        "cores": ("Mondi Vicini", "Babele", "Terra Comune", "Il Mondo in Classe", "Lingue in Cammino",
                  "Senza Confini", "Ponti di Parole", "Mille Lingue", "Il Mappamondo", "Approdi"),
        "titles": (("Mediatore culturale", "Mediatrice culturale"),
                   ("Insegnante di italiano L2", "Insegnante di italiano L2"),
                   ("Operatore dell'accoglienza", "Operatrice dell'accoglienza")),
        "public_forms": ("comune", "scuola", "altro_pa"),
        "needs": (
            {"title": "Insegnanti volontari di italiano L2",
                 "text": "insegnanti, anche in pensione, per i corsi serali di italiano per adulti stranieri",
                 "help": "volontari", "comps": ("italiano-l2", "formazione-adulti"), "activity": "r",
                 "benef": "Adulti stranieri"},
            {"title": "Mediatori culturali di lingua araba",
                 "text": "mediatori linguistico-culturali di lingua araba per affiancare lo sportello di accoglienza",
                 "help": "competenze", "comps": ("mediazione-culturale", "accoglienza-migranti"), "activity": "r",
                 "benef": "Famiglie arabofone arrivate da poco"},
            {"title": "Spazio bimbi durante i corsi di italiano",
                 "text": "volontari per uno spazio bimbi durante i corsi di italiano per le mamme",
                 "help": "volontari", "comps": ("educativa-territoriale", "italiano-l2"), "activity": "r",
                 "benef": "Donne straniere con figli piccoli"},
            {"title": "Consulenza legale sui permessi di soggiorno",
                 "text": "un avvocato esperto di diritto dell'immigrazione per una consulenza mensile allo sportello",
                 "help": "competenze", "comps": ("consulenza-legale", "accoglienza-migranti"), "activity": "w",
                 "benef": "Cittadini stranieri"},
            {"title": "Appartamento per la semi-autonomia",
                 "text": "un appartamento a canone calmierato a {comune} per accogliere due neomaggiorenni usciti dal "
                      "sistema di accoglienza",
                 "help": "spazi", "comps": ("housing-sociale", "accoglienza-migranti"), "activity": "q",
                 "benef": "Neomaggiorenni stranieri"},
            {"title": "Rete per un progetto di integrazione lavorativa",
                 "text": "enti del territorio con cui costruire un progetto di integrazione lavorativa dei titolari di "
                      "protezione internazionale",
                 "help": "partenariato", "comps": ("progettazione-sociale", "orientamento-lavoro"), "activity": "r",
                 "only_runts": True, "benef": "Titolari di protezione internazionale"},
        ),
        "projects": ("Parole in cammino – italiano per tutti", "Case di quartiere interculturali",
                     "Benvenuti a {comune}", "Radici e ali", "Lavoro e cittadinanza"),
        "funders": ("Fondo Asilo, Migrazione e Integrazione (FAMI) 2021-2027",),
    },
    "ambiente": {
        "label": "Ambiente e sostenibilità",
        "activities": ("e", "s"), "more_activities": ("d", "f", "y"),
        "competencies": ("educazione-ambientale", "riuso-riciclo", "agricoltura-sociale"),
        "more_competencies": ("animazione-territoriale", "gestione-volontari", "progettazione-sociale",
                              "comunicazione-digitale"),
        "resources": ("volontari", "attrezzature", "competenze"),
        "founders": ("giovani ambientalisti", "escursionisti e naturalisti", "cittadini del quartiere",
                     "insegnanti e genitori"),
        "missions": ("tutelare l'ambiente e il paesaggio del territorio",
                     "diffondere stili di vita sostenibili e l'economia circolare",
                     "prendersi cura dei beni comuni naturali insieme ai cittadini",
                     "educare bambini e adulti al rispetto dell'ambiente"),
        "services": (
            "Organizza giornate di pulizia di parchi, sentieri e sponde dei fiumi con scuole e cittadini.",
            "Gestisce un orto comunitario dove lavorano insieme anziani, famiglie e persone in inserimento "
            "lavorativo.",
            "Propone alle scuole percorsi di educazione ambientale sull'acqua, sui rifiuti e sulla biodiversità.",
            "Ogni mese apre un Repair Café dove volontari esperti aiutano a riparare oggetti invece di buttarli.",
            "Promuove una comunità energetica rinnovabile e solidale insieme al Comune e alle famiglie.",
            "Cura la manutenzione di un'area verde comunale grazie a un patto di collaborazione.",
        ),
        "benef": "cittadini e studenti",
        "cores": ("Terra Viva", "Il Bosco di Tutti", "Orti in Comune", "Aria Nuova", "Sentieri Verdi",
                  "Il Fiume Pulito", "Foglia Verde", "Il Riciclone", "Semi Ribelli", "La Fonte"),
        "titles": (("Guida ambientale escursionistica", "Guida ambientale escursionistica"),
                   ("Educatore ambientale", "Educatrice ambientale"),
                   ("Responsabile degli orti", "Responsabile degli orti")),
        "public_forms": ("comune", "unione_comuni", "provincia", "scuola"),
        "needs": (
            {"title": "Volontari per la pulizia delle sponde del torrente",
                 "text": "volontari per la giornata di pulizia delle sponde del torrente a {comune}",
                 "help": "volontari", "comps": ("educazione-ambientale",), "activity": "e", "benef": "Cittadinanza e "
                                                                                                     "scuole",
                 "detail": "Guanti, pinze e sacchi sono forniti dall'associazione."},
            {"title": "Guide per le uscite didattiche",
                 "text": "guide ambientali o volontari esperti per accompagnare le classi nelle uscite didattiche",
                 "help": "competenze", "in_person": True, "comps": ("educazione-ambientale",), "activity": "e",
                 "benef": "Alunni della primaria"},
            {"title": "Attrezzi per l'orto comunitario",
                 "text": "attrezzi da giardino, una motozappa e un impianto di irrigazione a goccia per l'orto "
                      "comunitario",
                 "help": "attrezzature", "comps": ("agricoltura-sociale",), "activity": "s",
                 "benef": "Famiglie e anziani del quartiere"},
            {"title": "Terreno per un orto sociale",
                 "text": "un terreno di almeno mille metri quadri vicino a {comune} per avviare un orto sociale",
                 "help": "spazi", "comps": ("agricoltura-sociale",), "activity": "s",
                 "benef": "Persone in inserimento lavorativo"},
            {"title": "Riparatori volontari per il Repair Café",
                 "text": "volontari capaci di riparare piccoli elettrodomestici, biciclette e abiti per il Repair Café "
                      "mensile",
                 "help": "volontari", "comps": ("riuso-riciclo",), "activity": "e", "benef": "Cittadini del quartiere"},
            {"title": "Partner per una comunità energetica solidale",
                 "text": "enti del Terzo settore e comuni interessati a costituire una comunità energetica rinnovabile "
                      "e solidale {prov_phrase}",
                 "help": "partenariato", "comps": ("co-progettazione", "educazione-ambientale"), "activity": "e",
                 "benef": "Famiglie in povertà energetica"},
        ),
        "projects": ("Energia di comunità – CER solidale di {comune}", "Orti in rete", "Fiume bene comune",
                     "Ripara, riusa, condividi", "Scuole per il clima"),
        "funders": ("Programma Erasmus+ – Partenariati su piccola scala",
                    "Ministero dell'Ambiente e della Sicurezza Energetica – educazione ambientale"),
    },
    "cultura": {
        "label": "Cultura e patrimonio",
        "activities": ("i", "f"), "more_activities": ("d", "k", "j"),
        "competencies": ("eventi-culturali", "beni-culturali", "comunicazione-digitale"),
        "more_competencies": ("fundraising", "animazione-territoriale", "progettazione-sociale", "gestione-volontari"),
        "resources": ("volontari", "spazi", "attrezzature", "competenze"),
        "founders": ("appassionati di storia locale", "musicisti e attori", "bibliotecari e lettori",
                     "giovani artisti"),
        "missions": ("valorizzare il patrimonio culturale e la memoria del territorio",
                     "portare teatro, musica e lettura nei quartieri e nei piccoli centri",
                     "rendere la cultura accessibile a tutti, senza barriere economiche",
                     "custodire e raccontare la storia della comunità"),
        "services": (
            "Garantisce con i volontari l'apertura del museo civico e delle chiese storiche nei fine settimana.",
            "Organizza una rassegna estiva di musica e teatro nelle piazze e nei cortili.",
            "Cura l'archivio storico locale e ha pubblicato diversi volumi sulla storia del territorio.",
            "Gestisce una biblioteca di quartiere con letture ad alta voce per bambini e gruppi di lettura.",
            "Propone laboratori teatrali integrati aperti a persone con disabilità e a giovani del quartiere.",
            "Accompagna scuole e turisti in visite guidate alla scoperta dei luoghi meno conosciuti.",
        ),
        "benef": "spettatori e visitatori",
        "cores": ("Teatro Aperto", "Le Antiche Mura", "Il Palcoscenico", "Note in Libertà", "Biblioteca Viva",
                  "La Memoria del Borgo", "Il Sipario", "La Torre", "Voci di Carta", "Il Chiostro"),
        "names": (("Associazione Amici del Museo di {comune}", "amicidelmuseo", ("aps", "associazione", "odv")),
                  ("Compagnia Teatrale {core} APS", None, ("aps",))),
        "titles": (("Direttore artistico", "Direttrice artistica"), ("Curatore", "Curatrice"),
                   ("Bibliotecario", "Bibliotecaria")),
        "public_forms": ("comune", "regione", "scuola"),
        "needs": (
            {"title": "Volontari per l'apertura del museo civico",
                 "text": "volontari per garantire l'apertura del museo civico nei fine settimana",
                 "help": "volontari", "comps": ("beni-culturali",), "activity": "f", "benef": "Visitatori e scuole"},
            {"title": "Restauro e digitalizzazione dell'archivio storico",
                 "text": "un contributo per il restauro e la digitalizzazione del nostro archivio storico",
                 "help": "finanziamenti", "comps": ("beni-culturali", "fundraising"), "activity": "f",
                 "benef": "Ricercatori e cittadinanza"},
            {"title": "Sala prove per la banda giovanile",
                 "text": "una sala insonorizzata a {comune} per le prove settimanali della banda giovanile",
                 "help": "spazi", "comps": ("eventi-culturali",), "activity": "i", "benef": "Giovani musicisti"},
            {"title": "Impianto audio per la rassegna estiva",
                 "text": "un impianto audio e luci, anche in prestito, per la rassegna estiva in piazza",
                 "help": "attrezzature", "comps": ("eventi-culturali",), "activity": "i", "benef": "Cittadini e "
                                                                                                   "turisti"},
            {"title": "Comunicazione social per la stagione teatrale",
                 "text": "una persona esperta di comunicazione digitale che ci aiuti a promuovere la stagione teatrale",
                 "help": "competenze", "comps": ("comunicazione-digitale", "eventi-culturali"), "activity": "i",
                 "benef": "Pubblico giovane"},
            {"title": "Lettori volontari in biblioteca",
                 "text": "lettori volontari per le letture ad alta voce ai bambini in biblioteca",
                 "help": "volontari", "comps": ("eventi-culturali", "sostegno-scolastico"), "activity": "d",
                 "benef": "Bambini dai 3 agli 8 anni e famiglie"},
        ),
        "projects": ("Biblioteche di comunità", "Teatro in periferia", "Memorie di {comune}", "Cultura bene comune",
                     "Musei aperti"),
        "funders": ("Programma Erasmus+ – Partenariati su piccola scala",),
    },
    "sport": {
        "label": "Sport e inclusione",
        "activities": ("t",), "more_activities": ("a", "l", "d"),
        "competencies": ("sport-inclusivo", "gestione-volontari", "animazione-territoriale"),
        "more_competencies": ("disabilita", "educativa-territoriale", "primo-soccorso", "eventi-culturali"),
        "resources": ("volontari", "spazi", "attrezzature"),
        "founders": ("allenatori e genitori", "ex atleti", "giovani del quartiere", "insegnanti di educazione fisica"),
        "missions": ("rendere lo sport accessibile a tutti, a prescindere da reddito e abilità",
                     "usare lo sport come strumento di inclusione sociale",
                     "promuovere il movimento e la salute a tutte le età",
                     "offrire ai ragazzi del quartiere un'alternativa alla strada"),
        "services": (
            "Allena squadre di baskin, lo sport inclusivo in cui giocano insieme ragazzi con e senza disabilità.",
            "Con le quote sospese permette a bambini di famiglie in difficoltà di fare sport gratuitamente.",
            "Organizza gruppi di cammino per over 65 in collaborazione con l'azienda sanitaria.",
            "Gestisce un campo di calcio di quartiere aperto ogni pomeriggio, con allenatori-educatori.",
            "Ogni primavera organizza una corsa solidale che raccoglie fondi per le associazioni della città.",
            "Propone corsi di nuoto adattato per bambini con disabilità.",
        ),
        "benef": "atleti e famiglie",
        "cores": ("Palla al Centro", "Il Canestro", "Mete Solidali", "Sport per Tutti", "Tutti in Campo",
                  "Il Fischietto", "La Staffetta", "Fair Play", "Il Pallone Rotondo", "Bracciate"),
        "names": (("Polisportiva {core} APS", None, ("aps",)),
                  ("Polisportiva Inclusiva {comune}", "polisportiva", ("aps", "associazione"))),
        "titles": (("Allenatore", "Allenatrice"), ("Istruttore di nuoto", "Istruttrice di nuoto"),
                   ("Direttore sportivo", "Direttrice sportiva")),
        "public_forms": ("comune", "scuola"),
        "needs": (
            {"title": "Allenatori volontari per il calcio sociale",
                 "text": "allenatori volontari per le squadre miste di calcio sociale del martedì e del giovedì",
                 "help": "volontari", "comps": ("sport-inclusivo",), "activity": "t", "benef": "Ragazzi dai 12 ai 18 "
                                                                                               "anni"},
            {"title": "Palestra per gli allenamenti di baskin",
                 "text": "una palestra scolastica o comunale a {comune} per gli allenamenti di baskin",
                 "help": "spazi", "comps": ("sport-inclusivo", "disabilita"), "activity": "t",
                 "benef": "Ragazzi con e senza disabilità"},
            {"title": "Carrozzine sportive per il basket",
                 "text": "carrozzine sportive per il basket in carrozzina, anche usate",
                 "help": "attrezzature", "comps": ("sport-inclusivo",), "activity": "t", "benef": "Atleti con "
                                                                                                  "disabilità motoria"},
            {"title": "Volontari per la corsa solidale",
                 "text": "volontari per l'organizzazione della corsa solidale di primavera a {comune}",
                 "help": "volontari", "comps": ("eventi-culturali", "gestione-volontari"), "activity": "t",
                 "benef": "Cittadinanza"},
            {"title": "Quote sportive sospese",
                 "text": "un contributo per coprire le quote di iscrizione di bambini di famiglie in difficoltà",
                 "help": "finanziamenti", "comps": ("fundraising", "sport-inclusivo"), "activity": "t",
                 "benef": "Bambini dai 6 ai 14 anni"},
            {"title": "Walking leader per i gruppi di cammino",
                 "text": "volontari walking leader per i gruppi di cammino del mattino",
                 "help": "volontari", "comps": ("sport-inclusivo", "assistenza-anziani"), "activity": "t",
                 "benef": "Anziani over 65"},
        ),
        "projects": ("Sport e periferie a {comune}", "Palestre aperte", "Giochiamo insieme", "Campioni di inclusione",
                     "Muoversi fa bene"),
        "funders": ("Dipartimento per lo Sport – Sport e Periferie",),
    },
    "lavoro": {
        "label": "Lavoro e inserimento lavorativo",
        "activities": ("p",), "more_activities": ("e", "s", "o", "d"),
        "competencies": ("orientamento-lavoro", "formazione-adulti", "riuso-riciclo"),
        "more_competencies": ("agricoltura-sociale", "logistica", "co-progettazione", "comunicazione-digitale",
                              "rendicontazione"),
        "resources": ("mezzi", "attrezzature", "competenze", "spazi"),
        "founders": ("operatori sociali e artigiani", "ex detenuti e volontari", "familiari e imprenditori"),
        "missions": ("creare lavoro vero per persone svantaggiate",
                     "inserire nel mondo del lavoro chi ne è rimasto escluso",
                     "unire impresa e solidarietà con servizi di qualità"),
        "services": (
            "Gestisce servizi di manutenzione del verde, pulizie e piccoli traslochi in cui lavorano persone "
            "svantaggiate ai sensi della legge 381/1991.",
            "Ha aperto un bistrot sociale in cui giovani con disabilità imparano il lavoro di sala e cucina.",
            "Gestisce un laboratorio di riuso che ritira mobili e oggetti e li rivende nel proprio negozio.",
            "Nella sartoria sociale lavorano donne in uscita da percorsi di fragilità, con capi realizzati da "
            "tessuti di recupero.",
            "Con il collocamento mirato e le aziende del territorio realizza tirocini che spesso diventano "
            "assunzioni.",
            "Coltiva ortaggi con metodo biologico e li vende tramite gruppi di acquisto solidale.",
        ),
        "benef": "lavoratori svantaggiati",
        "cores": ("Il Lavoro Ritrovato", "L'Officina del Riuso", "Mani in Pasta", "La Bottega Solidale",
                  "Il Forno Sociale", "Verde Lavoro", "Ago e Filo", "Il Cantiere Sociale", "Seconda Vita",
                  "La Filiera"),
        "titles": (("Responsabile dell'inserimento lavorativo", "Responsabile dell'inserimento lavorativo"),
                   ("Tutor aziendale", "Tutor aziendale"), ("Capo cantiere", "Capo cantiere")),
        "public_forms": ("altro_pa", "comune", "ambito_sociale"),
        "needs": (
            {"title": "Commesse con clausola sociale",
                 "text": "aziende ed enti pubblici disposti ad affidare commesse di manutenzione del verde o pulizie "
                      "con clausola sociale",
                 "help": "partenariato", "comps": ("orientamento-lavoro", "co-progettazione"), "activity": "p",
                 "benef": "Persone svantaggiate ai sensi della legge 381/1991"},
            {"title": "Tutor per i tirocinanti",
                 "text": "professionisti in pensione disposti a fare da tutor ai tirocinanti nel nostro laboratorio",
                 "help": "volontari", "comps": ("orientamento-lavoro", "formazione-adulti"), "activity": "p",
                 "benef": "Tirocinanti in inserimento lavorativo"},
            {"title": "Piano commerciale per la bottega solidale",
                 "text": "un esperto di marketing o di vendite per costruire il piano commerciale della bottega "
                      "solidale",
                 "help": "competenze", "comps": ("comunicazione-digitale", "progettazione-sociale"), "activity": "p",
                 "benef": "Lavoratori svantaggiati della cooperativa"},
            {"title": "Furgone per il servizio di sgomberi",
                 "text": "un furgone usato per il servizio di sgomberi e il riuso dei mobili",
                 "help": "attrezzature", "comps": ("riuso-riciclo", "logistica"), "activity": "p",
                 "benef": "Soci lavoratori svantaggiati"},
            {"title": "Locale per la sartoria sociale",
                 "text": "un locale di circa 60 metri quadri a {comune} per la sartoria sociale",
                 "help": "spazi", "comps": ("riuso-riciclo", "orientamento-lavoro"), "activity": "p",
                 "benef": "Donne in uscita da percorsi di fragilità"},
            {"title": "Corso HACCP per il bistrot sociale",
                 "text": "un formatore per un corso HACCP e di sicurezza alimentare per i nuovi addetti del bistrot",
                 "help": "competenze", "comps": ("formazione-adulti",), "activity": "p", "benef": "Lavoratori in "
                                                                                                  "inserimento"},
        ),
        "projects": ("Ponti verso il lavoro", "Clausole sociali in rete", "Filiere inclusive {prov_of}",
                     "Mestieri in comune", "Lavoro possibile"),
        "funders": ("{regione} – Fondo Sociale Europeo Plus 2021-2027",),
    },
    "salute_mentale": {
        "label": "Salute mentale e dipendenze",
        "activities": ("c", "b"), "more_activities": ("a", "i", "q"),
        "competencies": ("salute-mentale", "supporto-psicologico", "dipendenze"),
        "more_competencies": ("facilitazione", "housing-sociale", "animazione-territoriale", "gestione-volontari"),
        "resources": ("volontari", "spazi", "competenze"),
        "founders": ("familiari di persone con disagio psichico", "psicologi e volontari", "utenti e operatori"),
        "missions": ("combattere lo stigma sulla malattia mentale",
                     "sostenere le persone con disagio psichico e le loro famiglie",
                     "prevenire le dipendenze tra i giovani",
                     "promuovere la salute mentale di comunità"),
        "services": (
            "Organizza gruppi di auto mutuo aiuto per familiari e per persone che vivono un disagio psichico.",
            "Gestisce un club serale con attività culturali e sportive in collaborazione con il Centro di Salute "
            "Mentale.",
            "Offre uno sportello di ascolto psicologico gratuito per ragazzi e giovani adulti.",
            "Porta nelle scuole percorsi di prevenzione sul gioco d'azzardo, l'alcol e le dipendenze digitali.",
            "Accompagna persone in uscita dalle comunità terapeutiche in percorsi di abitare supportato.",
        ),
        "benef": "persone e famiglie",
        "cores": ("Il Filo di Arianna", "La Luna Storta", "Sole Dentro", "Mente Libera", "Oltre la Nebbia",
                  "Il Mattone", "Porto Sicuro", "Il Grillo Parlante", "La Stanza Accanto", "Cielo Aperto"),
        "titles": (("Psicologo", "Psicologa"),
                   ("Tecnico della riabilitazione psichiatrica", "Tecnica della riabilitazione psichiatrica"),
                   ("Facilitatore di gruppi di auto mutuo aiuto", "Facilitatrice di gruppi di auto mutuo aiuto")),
        "public_forms": ("asl", "comune", "ambito_sociale"),
        "needs": (
            {"title": "Facilitatori per il gruppo di auto mutuo aiuto",
                 "text": "facilitatori volontari, già formati, per il gruppo di auto mutuo aiuto dei familiari",
                 "help": "volontari", "comps": ("salute-mentale", "facilitazione"), "activity": "c",
                 "benef": "Familiari di persone con disagio psichico"},
            {"title": "Psicologa o psicologo per lo sportello giovani",
                 "text": "uno psicologo o una psicologa per uno sportello di ascolto gratuito per giovani",
                 "help": "competenze", "comps": ("supporto-psicologico",), "activity": "c", "only_verified": True,
                 "benef": "Giovani dai 16 "
                                                                                                     "ai 25 anni"},
            {"title": "Sala per il club serale",
                 "text": "una sala a {comune} per le attività serali del club degli utenti dei servizi di salute "
                      "mentale",
                 "help": "spazi", "comps": ("salute-mentale", "animazione-territoriale"), "activity": "c",
                 "benef": "Persone seguite dal Centro di Salute Mentale"},
            {"title": "Campagna di prevenzione del gioco d'azzardo",
                 "text": "partner per una campagna di prevenzione del gioco d'azzardo patologico {prov_phrase}",
                 "help": "partenariato", "comps": ("dipendenze", "comunicazione-digitale"), "activity": "c",
                 "benef": "Giovani e adulti a rischio"},
            {"title": "Contributo per l'abitare supportato",
                 "text": "un contributo per i percorsi di abitare supportato di tre persone in uscita dalla comunità "
                      "terapeutica",
                 "help": "finanziamenti", "comps": ("salute-mentale", "housing-sociale"), "activity": "q",
                 "benef": "Persone con disagio psichico"},
            {"title": "Volontari per il laboratorio teatrale integrato",
                 "text": "volontari per affiancare il laboratorio teatrale integrato del giovedì sera",
                 "help": "volontari", "comps": ("salute-mentale", "eventi-culturali"), "activity": "i",
                 "benef": "Utenti dei servizi di salute mentale"},
        ),
        "projects": ("Abitare supportato", "Recovery college", "Mente aperta – salute mentale di comunità a {comune}",
                     "Fuori gioco – prevenzione dell'azzardo", "Oltre lo stigma"),
        "funders": (),
    },
    "protezione_civile": {
        "label": "Protezione civile",
        "activities": ("y",), "more_activities": ("e", "b"),
        "competencies": ("protezione-civile", "primo-soccorso", "logistica"),
        "more_competencies": ("gestione-volontari", "trasporto-sociale", "educazione-ambientale"),
        "resources": ("volontari", "mezzi", "attrezzature"),
        "founders": ("volontari dell'alluvione", "radioamatori e volontari", "cittadini e vigili del fuoco in congedo"),
        "missions": ("proteggere la comunità in caso di emergenze e calamità",
                     "diffondere la cultura della prevenzione e dell'autoprotezione",
                     "intervenire a fianco delle istituzioni nelle emergenze"),
        "services": (
            "La squadra interviene con il Comune in caso di alluvioni, nevicate e incendi boschivi.",
            "Forma ogni anno nuovi volontari con corsi base di protezione civile e di primo soccorso.",
            "Porta nelle scuole esercitazioni di evacuazione e lezioni sul rischio idrogeologico.",
            "Presidia manifestazioni ed eventi pubblici con volontari e mezzi attrezzati.",
            "Durante l'estate svolge attività di avvistamento e prevenzione degli incendi boschivi.",
        ),
        "benef": "cittadini coinvolti in attività di prevenzione",
        "cores": ("Soccorso Radio", "Pronto Intervento", "La Sentinella", "Il Presidio", "Aquila"),
        "names": (("Gruppo Volontari di Protezione Civile di {comune}", "protezionecivile",
                   ("odv", "associazione", "altro_ets")),
                  ("Associazione Volontari Antincendio Boschivo di {comune}", "aib", ("odv", "associazione"))),
        "titles": (("Caposquadra", "Caposquadra"), ("Coordinatore operativo", "Coordinatrice operativa"),
                   ("Responsabile della sala radio", "Responsabile della sala radio")),
        "public_forms": ("comune", "unione_comuni", "provincia", "regione"),
        "needs": (
            {"title": "Nuovi volontari di protezione civile",
                 "text": "nuovi volontari per la squadra comunale di protezione civile, con corso base gratuito",
                 "help": "volontari", "comps": ("protezione-civile", "primo-soccorso"), "activity": "y",
                 "benef": "Popolazione di {comune}"},
            {"title": "Generatore e torri faro per le emergenze",
                 "text": "un generatore e due torri faro per gli interventi in emergenza",
                 "help": "attrezzature", "comps": ("protezione-civile", "logistica"), "activity": "y",
                 "benef": "Popolazione colpita da emergenze"},
            {"title": "Rimessa per i mezzi di soccorso",
                 "text": "una rimessa coperta a {comune} per due fuoristrada e il carrello attrezzato",
                 "help": "spazi", "comps": ("protezione-civile", "logistica"), "activity": "y",
                 "helpers_within": "provincia", "benef": "Popolazione "
                                                                                                         "del "
                                                                                                         "territorio"},
            {"title": "Istruttore BLSD per i volontari",
                 "text": "un istruttore BLSD per formare i volontari all'uso del defibrillatore",
                 "help": "competenze", "in_person": True, "comps": ("primo-soccorso",), "activity": "y",
                 "only_verified": True, "benef": "Volontari e cittadinanza"},
            {"title": "Esercitazione di evacuazione con le scuole",
                 "text": "scuole e comuni con cui organizzare un'esercitazione di evacuazione e una giornata sul "
                      "rischio idrogeologico",
                 "help": "partenariato", "comps": ("protezione-civile", "educazione-ambientale"), "activity": "y",
                 "benef": "Studenti e personale scolastico"},
            {"title": "Volontari per la campagna antincendio boschivo",
                 "text": "volontari per la stagione estiva di avvistamento e prevenzione degli incendi boschivi",
                 "help": "volontari", "comps": ("protezione-civile",), "activity": "y", "benef": "Comunità dei "
                                                                                                 "territori boschivi",
                 "detail": "È richiesta l'idoneità medica, che rilasciamo con una visita convenzionata."},
        ),
        "projects": ("Comunità resilienti", "Pronti insieme – piano intercomunale di protezione civile",
                     "Boschi sicuri", "Scuole sicure {prov_phrase}"),
        "funders": ("Dipartimento della Protezione Civile – contributi al volontariato",),
    },
    "legalita": {
        "label": "Legalità e beni confiscati",
        "activities": ("v", "z"), "more_activities": ("s", "d", "p"),
        "competencies": ("legalita", "beni-confiscati", "agricoltura-sociale"),
        "more_competencies": ("educativa-territoriale", "progettazione-sociale", "orientamento-lavoro",
                              "consulenza-legale"),
        "resources": ("volontari", "spazi", "competenze"),
        "founders": ("giovani e familiari di vittime di mafia", "insegnanti e studenti", "sindacalisti e volontari"),
        "missions": ("promuovere la cultura della legalità e della responsabilità",
                     "restituire alla comunità i beni confiscati alla criminalità organizzata",
                     "sostenere chi denuncia usura ed estorsione"),
        "services": (
            "Gestisce un bene confiscato trasformato in centro giovanile e sede di associazioni.",
            "Coltiva terreni confiscati con persone in inserimento lavorativo e vende i prodotti con un marchio "
            "solidale.",
            "Organizza ogni estate campi di impegno e formazione per ragazzi da tutta Italia.",
            "Porta nelle scuole incontri con testimoni e percorsi di educazione alla legalità.",
            "Offre uno sportello di ascolto per chi è vittima di usura o sovraindebitamento.",
        ),
        "benef": "giovani e studenti",
        "cores": ("Terre Libere", "Semi di Legalità", "Le Radici della Legalità", "Liberi di Scegliere",
                  "Il Coraggio", "Memoria Viva", "La Terra Restituita", "I Cento Passi"),
        "titles": (("Responsabile del bene confiscato", "Responsabile del bene confiscato"),
                   ("Educatore alla legalità", "Educatrice alla legalità"), ("Agronomo", "Agronoma")),
        "public_forms": ("comune", "scuola", "regione"),
        "needs": (
            {"title": "Volontari per il campo estivo sul bene confiscato",
                 "text": "volontari per accogliere i gruppi di giovani del campo estivo di impegno e formazione",
                 # volunteers of such camps come from all over Italy
                 "help": "volontari", "comps": ("beni-confiscati", "legalita"), "activity": "z",
                 "helpers_within": "italia", "benef": "Giovani "
                                                                                                          "dai 16 ai "
                                                                                                          "25 anni"},
            {"title": "Ristrutturazione del casolare confiscato",
                 "text": "un contributo per rendere agibile il casolare confiscato che ci è stato assegnato a {comune}",
                 "help": "finanziamenti", "comps": ("beni-confiscati", "fundraising"), "activity": "z",
                 "benef": "Comunità locale"},
            {"title": "Testimoni per gli incontri nelle scuole",
                 "text": "testimoni e formatori per un ciclo di incontri sulla legalità con le scuole superiori",
                 "help": "competenze", "comps": ("legalita",), "activity": "v", "benef": "Studenti delle superiori"},
            {"title": "Trattore per i terreni confiscati",
                 "text": "un trattore e attrezzi agricoli, anche usati, per coltivare i terreni confiscati",
                 "help": "attrezzature", "comps": ("agricoltura-sociale", "beni-confiscati"), "activity": "z",
                 "benef": "Lavoratori in inserimento"},
            {"title": "Commercialista per lo sportello antiusura",
                 "text": "un commercialista volontario per lo sportello di ascolto su sovraindebitamento e usura",
                 "help": "competenze", "comps": ("consulenza-fiscale", "legalita"), "activity": "v",
                 "benef": "Famiglie e piccoli commercianti in difficoltà"},
        ),
        "projects": ("Terre libere – agricoltura sociale sui beni confiscati", "Cantieri di legalità",
                     "Beni comuni liberati a {comune}", "Memoria e impegno"),
        "funders": ("PNRR M5C3 – Valorizzazione dei beni confiscati alle mafie",),
    },
    "housing": {
        "label": "Housing sociale",
        "activities": ("q",), "more_activities": ("a", "u", "w"),
        "competencies": ("housing-sociale", "mediazione-familiare", "consulenza-legale"),
        "more_competencies": ("co-progettazione", "progettazione-sociale", "ricerca-sociale", "fundraising"),
        "resources": ("spazi", "competenze", "volontari"),
        "founders": ("operatori sociali e architetti", "famiglie e volontari", "cooperatori e inquilini"),
        "missions": ("garantire una casa dignitosa a chi rischia di perderla",
                     "accompagnare le persone senza dimora verso l'autonomia abitativa",
                     "costruire forme di abitare solidale e condiviso"),
        "services": (
            "Gestisce appartamenti di accoglienza temporanea per famiglie sfrattate e persone senza dimora.",
            "Con il metodo housing first accompagna persone senza dimora direttamente in una casa.",
            "Fa da garante con i proprietari per affitti a canone concordato a famiglie a basso reddito.",
            "Ha avviato un condominio solidale dove giovani, anziani e famiglie si aiutano a vicenda.",
            "Offre consulenza agli inquilini in difficoltà con l'affitto e mediazione con i proprietari.",
        ),
        "benef": "persone in emergenza abitativa",
        "cores": ("Casa Solidale", "Abitare Insieme", "Un Tetto per Tutti", "La Casa Accanto", "La Soglia",
                  "Chiavi di Casa", "Il Pianerottolo", "Casa Mia"),
        "names": (("Agenzia Sociale per la Casa {core}", None, ("coop_sociale_a", "impresa_sociale", "associazione")),),
        "titles": (("Operatore dell'abitare", "Operatrice dell'abitare"),
                   ("Responsabile dell'housing sociale", "Responsabile dell'housing sociale"),
                   ("Assistente sociale", "Assistente sociale")),
        "public_forms": ("comune", "ambito_sociale"),
        "needs": (
            {"title": "Alloggi per l'housing first",
                 "text": "proprietari disposti ad affittare a canone concordato piccoli alloggi a {comune} per il "
                      "progetto di housing first",
                 "help": "spazi", "comps": ("housing-sociale",), "activity": "q", "benef": "Persone senza dimora"},
            {"title": "Mobili per gli appartamenti di accoglienza",
                 "text": "mobili ed elettrodomestici in buono stato per arredare tre appartamenti di accoglienza "
                      "temporanea",
                 "help": "attrezzature", "comps": ("housing-sociale", "riuso-riciclo"), "activity": "q",
                 "benef": "Famiglie sfrattate"},
            {"title": "Tutor volontari per l'accompagnamento all'abitare",
                 "text": "volontari tutor che accompagnino le famiglie nella gestione della casa e del bilancio "
                      "familiare",
                 "help": "volontari", "comps": ("housing-sociale", "mediazione-familiare"), "activity": "q",
                 "benef": "Famiglie in emergenza abitativa"},
            {"title": "Consulenza legale sugli sfratti",
                 "text": "un avvocato per una consulenza sugli sfratti per morosità incolpevole",
                 "help": "competenze", "comps": ("consulenza-legale", "housing-sociale"), "activity": "q",
                 "benef": "Inquilini in difficoltà"},
            {"title": "Partner per un'agenzia sociale per la casa",
                 "text": "comuni ed enti con cui avviare un'agenzia sociale per la casa {prov_phrase}",
                 "help": "partenariato", "comps": ("co-progettazione", "housing-sociale"), "activity": "q",
                 "benef": "Famiglie a basso reddito"},
        ),
        "projects": ("Housing first {comune}", "Una casa per ripartire", "Agenzia sociale per la casa {prov_of}",
                     "Abitare solidale"),
        "funders": ("PNRR M5C2 – Investimento 1.3 (housing temporaneo e stazioni di posta)",),
    },
    "violenza": {
        "label": "Contrasto alla violenza di genere",
        "activities": ("w",), "more_activities": ("a", "q", "c"),
        "competencies": ("contrasto-violenza", "supporto-psicologico", "consulenza-legale"),
        "more_competencies": ("housing-sociale", "orientamento-lavoro", "educativa-territoriale",
                              "mediazione-culturale"),
        "resources": ("competenze", "spazi", "volontari"),
        "founders": ("donne e professioniste", "avvocate, psicologhe e volontarie", "attiviste del movimento delle "
                                                                                    "donne"),
        "missions": ("accogliere e sostenere le donne che subiscono violenza",
                     "prevenire la violenza di genere a partire dalle scuole",
                     "accompagnare le donne e i loro figli verso l'autonomia"),
        "services": (
            "Gestisce un centro antiviolenza con ascolto telefonico, colloqui e consulenza legale e psicologica.",
            "Ha una casa rifugio a indirizzo segreto per donne e bambini in pericolo.",
            "Porta nelle scuole laboratori sulle relazioni affettive e sugli stereotipi di genere.",
            "Accompagna le donne verso il lavoro e la casa con tirocini e contributi per l'autonomia.",
            "Collabora con pronto soccorso, forze dell'ordine e servizi sociali nella rete antiviolenza.",
        ),
        "benef": "donne accolte",
        "cores": ("Donne in Rete", "Mai più Sole", "Rompere il Silenzio", "Voce di Donna", "Nessuna Esclusa",
                  "La Stanza di Ginevra", "Libere Tutte", "Il Filo Rosa"),
        "names": (("Centro Antiviolenza {core}", None, ("odv", "associazione", "aps", "coop_sociale_a")),),
        "titles": (("Operatore di accoglienza", "Operatrice di accoglienza"), ("Avvocato", "Avvocata"),
                   ("Psicologo", "Psicologa")),
        "women_only": True,
        "public_forms": ("comune", "asl", "provincia", "ambito_sociale"),
        "needs": (
            {"title": "Volontarie per l'ascolto telefonico",
                 "text": "volontarie per la linea di ascolto del centro antiviolenza, con un percorso di formazione di "
                      "40 ore",
                 "help": "volontari", "comps": ("contrasto-violenza",), "activity": "w", "only_verified": True,
                 "benef": "Donne vittime di "
                                                                                                  "violenza"},
            {"title": "Arredi e biancheria per la casa rifugio",
                 "text": "arredi, biancheria e giochi per la casa rifugio che accoglie donne e bambini",
                 "help": "attrezzature", "comps": ("contrasto-violenza", "housing-sociale"), "activity": "w",
                 "benef": "Donne e minori in protezione"},
            {"title": "Avvocate per il patrocinio a spese dello Stato",
                 "text": "avvocate disponibili ad assistere le donne del centro con il patrocinio a spese dello Stato",
                 "help": "competenze", "comps": ("consulenza-legale", "contrasto-violenza"), "activity": "w",
                 "only_verified": True, "benef": "Donne vittime di violenza"},
            {"title": "Tirocini per donne in percorso di autonomia",
                 "text": "aziende ed enti disponibili ad accogliere in tirocinio donne in uscita dalla violenza",
                 "help": "partenariato", "comps": ("orientamento-lavoro", "contrasto-violenza"), "activity": "p",
                 "benef": "Donne in percorso di autonomia"},
            {"title": "Laboratori sulle relazioni nelle scuole medie",
                 "text": "un contributo per portare il laboratorio sulle relazioni affettive nelle scuole medie "
                      "{prov_phrase}",
                 "help": "finanziamenti", "comps": ("contrasto-violenza", "educativa-territoriale"), "activity": "w",
                 "benef": "Studenti dagli 11 ai 14 anni"},
        ),
        "projects": ("Rete antiviolenza {prov_of}", "Libere di ricominciare", "Relazioni senza violenza nelle scuole",
                     "Autonomia e lavoro per le donne"),
        "funders": ("Dipartimento per le Pari Opportunità – avviso per i centri antiviolenza",),
    },
    "servizi_ets": {
        "label": "Servizi agli enti del Terzo settore",
        "activities": ("m",), "more_activities": ("d", "i", "h"),
        "competencies": ("adempimenti-runts", "rendicontazione", "progettazione-sociale"),
        "more_competencies": ("consulenza-fiscale", "comunicazione-digitale", "facilitazione", "valutazione-impatto",
                              "fundraising", "co-progettazione", "bandi-europei"),
        "resources": ("competenze", "spazi", "attrezzature"),
        "founders": ("associazioni di volontariato", "reti associative del territorio", "presidenti di associazioni"),
        "missions": ("sostenere e qualificare il volontariato e gli enti del Terzo settore",
                     "accompagnare le associazioni negli adempimenti della riforma del Terzo settore",
                     "far crescere le reti tra associazioni, cittadini e istituzioni"),
        "services": (
            "Offre consulenza gratuita alle associazioni su statuti, iscrizione al RUNTS, bilanci e fisco.",
            "Organizza corsi di formazione su progettazione, rendicontazione, comunicazione e raccolta fondi.",
            "Promuove il volontariato tra i giovani con uno sportello di orientamento e campagne nelle scuole.",
            "Accompagna gli enti del Terzo settore nei percorsi di co-programmazione e co-progettazione con i "
            "Comuni.",
            "Mette a disposizione sale riunioni, attrezzature e un servizio di ufficio stampa per le associazioni.",
        ),
        "benef": "enti del Terzo settore",
        "cores": ("Volontariato in Rete", "Terzo Settore Insieme", "Officina del Volontariato", "Reti Solidali",
                  "Il Crocevia", "Il Nodo", "Ponti Solidali", "Cittadinanza Attiva"),
        "names": (("Centro Servizi per il Volontariato {provincia}", "csv",
                   ("associazione", "altro_ets", "rete_associativa")),
                  ("Casa del Volontariato di {comune}", "casavolontariato", ("associazione", "altro_ets", "odv")),
                  ("Forum del Terzo Settore di {comune}", "forumterzosettore",
                   ("associazione", "altro_ets", "rete_associativa"))),
        "titles": (("Consulente per gli adempimenti RUNTS", "Consulente per gli adempimenti RUNTS"),
                   ("Responsabile della formazione", "Responsabile della formazione"),
                   ("Operatore dello sportello associazioni", "Operatrice dello sportello associazioni")),
        "public_forms": ("comune", "regione", "provincia"),
        "needs": (
            {"title": "Formatori sulla riforma del Terzo settore",
                 "text": "esperti di RUNTS e di bilancio degli ETS per un ciclo di formazione rivolto alle piccole "
                      "associazioni",
                 "help": "competenze", "comps": ("adempimenti-runts", "rendicontazione"), "activity": "m",
                 "benef": "Piccole associazioni del territorio"},
            {"title": "Volontari per lo sportello associazioni",
                 "text": "volontari con esperienza amministrativa per lo sportello di supporto alle associazioni",
                 "help": "volontari", "comps": ("consulenza-fiscale", "adempimenti-runts"), "activity": "m",
                 "benef": "Associazioni e organizzazioni di volontariato"},
            {"title": "Sala per gli incontri delle reti",
                 "text": "una sala da 50 posti a {comune} per gli incontri mensili delle reti associative",
                 "help": "spazi", "comps": ("facilitazione",), "activity": "m", "benef": "Enti del Terzo settore"},
            {"title": "Videoproiettore e kit per le dirette",
                 "text": "un videoproiettore e un kit audio-video per trasmettere online i corsi",
                 "help": "attrezzature", "comps": ("comunicazione-digitale",), "activity": "m",
                 "benef": "Volontari e operatori degli ETS"},
            {"title": "Valutazione d'impatto dei progetti",
                 "text": "un ricercatore o una ricercatrice che ci aiuti a impostare la valutazione d'impatto sociale "
                      "dei progetti",
                 "help": "competenze", "comps": ("valutazione-impatto", "ricerca-sociale"), "activity": "m",
                 "benef": "Enti del Terzo settore"},
        ),
        "projects": ("Terzo settore in rete", "Officina della co-progettazione",
                     "RUNTS senza pensieri – supporto alle piccole associazioni", "Dati per il sociale"),
        "funders": (),
    },
}

# ------------------------------------------------------------------------ job titles

ETS_ADMIN_TITLES = {
    "default": (("Presidente", "Presidente"), ("Vicepresidente", "Vicepresidente"),
                ("Coordinatore", "Coordinatrice"), ("Segretario", "Segretaria")),
    "coop": (("Presidente", "Presidente"), ("Direttore", "Direttrice"),
             ("Coordinatore dei servizi", "Coordinatrice dei servizi")),
    "fondazione": (("Segretario generale", "Segretaria generale"), ("Presidente", "Presidente"),
                   ("Direttore", "Direttrice")),
}
ETS_MEMBER_TITLES = (
    ("Coordinatore dei volontari", "Coordinatrice dei volontari"), ("Referente progetti", "Referente progetti"),
    ("Responsabile amministrativo", "Responsabile amministrativa"), ("Progettista sociale", "Progettista sociale"),
    ("Tesoriere", "Tesoriera"), ("Responsabile comunicazione", "Responsabile comunicazione"),
    ("Consigliere", "Consigliera"), ("Volontario", "Volontaria"), ("Segretario", "Segretaria"),
)

PUBLIC_TITLES = {
    "comune": ((("Responsabile dell'Ufficio Politiche sociali", "Responsabile dell'Ufficio Politiche sociali"),
                ("Dirigente del Settore Servizi alla persona", "Dirigente del Settore Servizi alla persona")),
               (("Assessore alle Politiche sociali", "Assessora alle Politiche sociali"),
                ("Funzionario dell'Ufficio Politiche sociali", "Funzionaria dell'Ufficio Politiche sociali"),
                ("Assistente sociale", "Assistente sociale"),
                ("Istruttore amministrativo", "Istruttrice amministrativa"),
                ("Referente per il Terzo settore", "Referente per il Terzo settore"),
                ("Assessore all'Istruzione", "Assessora all'Istruzione"))),
    "unione_comuni": ((("Segretario dell'Unione", "Segretaria dell'Unione"),),
                      (("Responsabile del servizio associato di protezione civile",
                        "Responsabile del servizio associato di protezione civile"),
                       ("Assistente sociale", "Assistente sociale"),
                       ("Funzionario dei servizi sociali associati", "Funzionaria dei servizi sociali associati"))),
    "ambito_sociale": ((("Coordinatore dell'Ufficio di Piano", "Coordinatrice dell'Ufficio di Piano"),),
                       (("Assistente sociale", "Assistente sociale"),
                        ("Funzionario amministrativo dell'Ufficio di Piano",
                         "Funzionaria amministrativa dell'Ufficio di Piano"),
                        ("Referente per la co-progettazione", "Referente per la co-progettazione"))),
    "asl": ((("Direttore del Distretto socio-sanitario", "Direttrice del Distretto socio-sanitario"),),
            (("Infermiere di famiglia e di comunità", "Infermiera di famiglia e di comunità"),
             ("Psichiatra del Centro di Salute Mentale", "Psichiatra del Centro di Salute Mentale"),
             ("Referente per l'integrazione socio-sanitaria", "Referente per l'integrazione socio-sanitaria"),
             ("Assistente sociale del Distretto", "Assistente sociale del Distretto"))),
    "provincia": ((("Consigliere delegato alle Politiche sociali", "Consigliera delegata alle Politiche sociali"),),
                  (("Funzionario dell'Ufficio Istruzione", "Funzionaria dell'Ufficio Istruzione"),
                   ("Responsabile del Servizio Ambiente", "Responsabile del Servizio Ambiente"),
                   ("Consigliere di parità", "Consigliera di parità"))),
    "regione": ((("Dirigente del Settore Terzo settore", "Dirigente del Settore Terzo settore"),),
                (("Funzionario della Direzione Welfare", "Funzionaria della Direzione Welfare"),
                 ("Referente dell'Ufficio regionale del RUNTS", "Referente dell'Ufficio regionale del RUNTS"),
                 ("Funzionario del Settore Programmazione sociale", "Funzionaria del Settore Programmazione sociale"))),
    "scuola": ((("Dirigente scolastico", "Dirigente scolastica"),),
               (("Docente referente per l'inclusione", "Docente referente per l'inclusione"),
                ("Docente referente per l'educazione civica", "Docente referente per l'educazione civica"),
                ("Direttore dei servizi generali e amministrativi", "Direttrice dei servizi generali e amministrativi"),
                ("Animatore digitale", "Animatrice digitale"))),
    "altro_pa": ((("Responsabile del Centro per l'Impiego", "Responsabile del Centro per l'Impiego"),),
                 (("Operatore del collocamento mirato", "Operatrice del collocamento mirato"),
                  ("Orientatore", "Orientatrice"))),
}

# -------------------------------------------------------------------- public bodies

#: Activities (first one always) and competencies of public bodies per legal form.
PUBLIC_PROFILE = {
    "comune": (("a", "d", "l"), ("f", "e", "y", "z"),
               ("co-progettazione", "progettazione-sociale", "ricerca-sociale", "housing-sociale",
                "animazione-territoriale", "bandi-europei")),
    "unione_comuni": (("a", "y", "e"), ("f",),
                      ("protezione-civile", "trasporto-sociale", "assistenza-anziani", "co-progettazione")),
    "ambito_sociale": (("a", "c"), ("q", "l"),
                       ("co-progettazione", "progettazione-sociale", "ricerca-sociale", "assistenza-domiciliare",
                        "housing-sociale", "valutazione-impatto")),
    "asl": (("b", "c"), ("a",),
            ("salute-mentale", "dipendenze", "assistenza-domiciliare", "supporto-psicologico", "primo-soccorso")),
    "provincia": (("d", "e"), ("w", "y"),
                  ("educazione-ambientale", "bandi-europei", "contrasto-violenza", "protezione-civile")),
    "regione": (("a", "b", "d"), ("f", "m", "y"),
                ("co-progettazione", "bandi-europei", "valutazione-impatto", "rendicontazione", "adempimenti-runts")),
    "scuola": (("d", "l"), ("i", "t"),
               ("sostegno-scolastico", "educativa-territoriale", "alfabetizzazione-digitale", "italiano-l2",
                "legalita")),
    "altro_pa": (("p", "d"), (),
                 ("orientamento-lavoro", "formazione-adulti", "alfabetizzazione-digitale")),
}
PUBLIC_RESOURCES = {
    "comune": ("spazi", "finanziamenti", "competenze"), "unione_comuni": ("mezzi", "spazi", "competenze"),
    "ambito_sociale": ("finanziamenti", "competenze"), "asl": ("competenze", "spazi"),
    "provincia": ("spazi", "competenze"), "regione": ("finanziamenti", "competenze"),
    "scuola": ("spazi", "attrezzature"), "altro_pa": ("competenze",),
}

#: Description sentences of public bodies: legal form → pools of sentences, one taken from each pool.
PUBLIC_DESCRIPTIONS = {
    "comune": (
        ("{name} promuove la collaborazione con gli enti del Terzo settore attraverso l'Ufficio Politiche sociali.",
         "{name} partecipa alla piattaforma per conoscere le associazioni del territorio e costruire con loro i "
         "servizi alla persona.",
         "Attraverso l'Assessorato alle Politiche sociali, il Comune sostiene anziani, famiglie e persone con "
         "disabilità insieme al Terzo settore."),
        ("Negli ultimi anni ha avviato percorsi di co-programmazione e co-progettazione ai sensi dell'art. 55 del "
         "Codice del Terzo settore, in particolare per i servizi agli anziani e i centri estivi.",
         "Ha approvato un regolamento per l'amministrazione condivisa dei beni comuni e firmato decine di patti di "
         "collaborazione con cittadini e associazioni.",
         "Mette a disposizione delle associazioni spazi comunali e tiene un albo delle forme associative "
         "aggiornato ogni anno.",
         "Gestisce in convenzione con le organizzazioni di volontariato il trasporto sociale e i servizi di "
         "prossimità.",
         "Partecipa all'Ambito territoriale sociale e ai tavoli del Piano di zona {prov_of}."),
        ("Sulla piattaforma pubblica i bisogni del territorio e le occasioni di collaborazione.",
         "Cerca enti con cui condividere progetti su povertà educativa, invecchiamento attivo e inclusione.",
         "Lo sportello per le associazioni riceve su appuntamento.", ""),
    ),
    "unione_comuni": (
        ("{name} gestisce in forma associata per i comuni aderenti i servizi sociali, la protezione civile e la "
         "polizia locale.",),
        ("Il territorio comprende centri piccoli e frazioni, dove il contributo del volontariato è essenziale per "
         "il trasporto sociale e la compagnia agli anziani.",
         "Coordina il gruppo intercomunale di protezione civile e il piano di emergenza dei comuni aderenti."),
        ("Cerca associazioni disponibili a collaborare sui servizi di prossimità.", ""),
    ),
    "ambito_sociale": (
        ("{name} riunisce i comuni della zona per la programmazione e la gestione associata dei servizi sociali, "
         "con capofila il Comune di {comune}.",),
        ("L'Ufficio di Piano coordina il Piano di zona e i percorsi di co-programmazione con il Terzo settore.",
         "Gestisce i fondi per la non autosufficienza, per il contrasto alla povertà e i progetti della Missione 5 "
         "del PNRR."),
        ("Pubblica sulla piattaforma gli avvisi di co-progettazione e le occasioni di partenariato.",
         "Collabora con il Distretto sanitario per l'integrazione socio-sanitaria.", ""),
    ),
    "asl": (
        ("{name} garantisce l'assistenza sanitaria e socio-sanitaria nel territorio {prov_of}.",),
        ("I Distretti collaborano con le associazioni di volontariato per il trasporto sanitario, l'assistenza "
         "domiciliare e la salute mentale di comunità.",
         "Con le Case della Comunità previste dal PNRR sta costruendo nuovi spazi di integrazione tra servizi "
         "sanitari, sociali e Terzo settore."),
        ("Il Dipartimento di Salute Mentale e il Servizio per le Dipendenze lavorano in rete con cooperative e "
         "associazioni.", ""),
    ),
    "provincia": (
        ("{name} si occupa di edilizia scolastica, viabilità, ambiente e pari opportunità per i comuni del "
         "territorio.",),
        ("Ospita la Consigliera di parità e sostiene la rete territoriale contro la violenza di genere.",
         "Promuove progetti di educazione ambientale con le scuole superiori e collabora con il volontariato di "
         "protezione civile."),
        ("",),
    ),
    "regione": (
        ("{name} programma le politiche sociali e sanitarie regionali e gestisce l'Ufficio regionale del RUNTS.",),
        ("Finanzia progetti di organizzazioni di volontariato e associazioni di promozione sociale con gli accordi "
         "di programma sottoscritti con il Ministero del Lavoro e delle Politiche Sociali.",),
        ("Promuove la co-programmazione con il Forum regionale del Terzo settore.",
         "Sostiene i Centri di servizio per il volontariato e le reti associative regionali."),
    ),
    "scuola": (
        ("{name} accoglie alunni dalla scuola dell'infanzia alla secondaria di primo grado.",),
        ("Collabora con associazioni e cooperative per il doposcuola, l'educazione civica e l'inclusione degli "
         "alunni con disabilità.",
         "Ha firmato un patto educativo di comunità con il Comune di {comune} e con gli enti del territorio."),
        ("Apre le palestre e i cortili alle associazioni del quartiere il pomeriggio.", ""),
    ),
    "scuola_superiore": (
        ("{name} è un istituto di istruzione secondaria superiore di {comune} con indirizzi liceali, tecnici e "
         "professionali.",),
        ("Collabora con il Terzo settore per i percorsi per le competenze trasversali e l'orientamento (PCTO) e per "
         "il volontariato degli studenti.",
         "Ha attivato con associazioni e cooperative uno sportello di ascolto e percorsi contro la dispersione."),
        ("",),
    ),
    "altro_pa": (
        ("{name} offre servizi di orientamento, incontro tra domanda e offerta di lavoro e collocamento mirato per le "
         "persone con disabilità.",),
        ("Collabora con le cooperative sociali di tipo B e con gli enti del Terzo settore per tirocini di inclusione "
         "e percorsi del programma GOL.",),
        ("",),
    ),
}

#: Names given to schools.
SCHOOL_NAMES = ("Gianni Rodari", "Don Lorenzo Milani", "Maria Montessori", "Giovanni Falcone", "Paolo Borsellino",
                "Rita Levi-Montalcini", "Italo Calvino", "Dante Alighieri", "Alessandro Manzoni", "Giuseppe Mazzini",
                "Enrico Fermi", "Leonardo da Vinci", "Grazia Deledda", "Peppino Impastato", "Sandro Pertini",
                "Margherita Hack", "Piero Calamandrei", "Tina Anselmi", "Primo Levi", "Ada Negri")
HIGH_SCHOOL_NAMES = ("Galileo Galilei", "Enrico Fermi", "Guglielmo Marconi", "Leonardo da Vinci",
                     "Antonio Gramsci", "Luigi Einaudi", "Alessandro Volta", "Cesare Beccaria")

#: The health authority of a province, by region and sigla (real naming schemes).
HEALTH_BODIES = {
    "01": {"TO": "ASL Città di Torino", "CN": "ASL CN1", "VB": "ASL VCO"},
    "03": {"MI": "ATS della Città Metropolitana di Milano", "LO": "ATS della Città Metropolitana di Milano",
           "VA": "ATS Insubria", "CO": "ATS Insubria", "SO": "ATS della Montagna", "LC": "ATS Brianza",
           "MB": "ATS Brianza", "BG": "ATS di Bergamo", "BS": "ATS di Brescia", "CR": "ATS della Val Padana",
           "MN": "ATS della Val Padana", "PV": "ATS di Pavia"},
    "08": {"RA": "Azienda USL della Romagna", "FC": "Azienda USL della Romagna", "RN": "Azienda USL della Romagna",
           "RE": "Azienda USL di Reggio Emilia"},
    "09": {"FI": "Azienda USL Toscana Centro", "PO": "Azienda USL Toscana Centro", "PT": "Azienda USL Toscana Centro",
           "MS": "Azienda USL Toscana Nord Ovest", "LU": "Azienda USL Toscana Nord Ovest",
           "PI": "Azienda USL Toscana Nord Ovest", "LI": "Azienda USL Toscana Nord Ovest",
           "AR": "Azienda USL Toscana Sud Est", "SI": "Azienda USL Toscana Sud Est",
           "GR": "Azienda USL Toscana Sud Est"},
    "12": {"RM": "ASL Roma 1"},
    "15": {"NA": "ASL Napoli 1 Centro"},
    "16": {"BT": "ASL BT"},
}
#: Default pattern per region when the province has no entry above.
HEALTH_DEFAULT = {"01": "ASL {sigla}", "08": "Azienda USL di {provincia}", "12": "ASL {provincia}",
                  "15": "ASL {provincia}", "16": "ASL {provincia}", "19": "ASP di {provincia}",
                  "03": "ATS di {provincia}", "09": "Azienda USL Toscana Centro"}

#: Needs public bodies post: legal form → templates (same shape as theme needs).
PUBLIC_NEEDS = {
    "comune": (
        {"title": "Enti per co-progettare i servizi di prossimità per gli anziani",
             "text": "enti del Terzo settore con cui co-progettare, ai sensi dell'art. 55 del Codice del Terzo "
                     "settore, "
                  "i servizi di prossimità per gli anziani di {comune}",
             "help": "partenariato", "comps": ("co-progettazione", "assistenza-anziani"), "activity": "a",
             "benef": "Anziani residenti"},
        {"title": "Patti di collaborazione per la cura del verde",
             "text": "cittadini e associazioni disposti a firmare un patto di collaborazione per la cura dei giardini "
                  "di quartiere",
             "help": "volontari", "comps": ("animazione-territoriale", "educazione-ambientale"), "activity": "e",
             "benef": "Abitanti del quartiere"},
        {"title": "Proposte per il riuso di un immobile comunale",
             "text": "proposte da enti del Terzo settore per trasformare l'ex scuola elementare di {comune} in un "
                  "centro civico",
             "help": "partenariato", "comps": ("progettazione-sociale", "co-progettazione"), "activity": "z",
             "benef": "Comunità locale"},
    ),
    "ambito_sociale": (
        {"title": "Co-programmazione del nuovo Piano di zona",
             "text": "enti del Terzo settore che partecipino alla co-programmazione del nuovo Piano di zona",
             "help": "partenariato", "comps": ("co-progettazione", "ricerca-sociale"), "activity": "a",
             "benef": "Cittadini dei comuni dell'Ambito"},
    ),
    "scuola": (
        {"title": "Volontari per il doposcuola della scuola media",
             "text": "volontari per il doposcuola pomeridiano della scuola secondaria di primo grado",
             "help": "volontari", "comps": ("sostegno-scolastico",), "activity": "l", "benef": "Alunni dagli 11 ai 14 "
                                                                                               "anni"},
        {"title": "Associazioni per il patto educativo di comunità",
             "text": "associazioni e cooperative con cui firmare un patto educativo di comunità per aprire la scuola "
                     "il "
                  "pomeriggio",
             "help": "partenariato", "comps": ("co-progettazione", "educativa-territoriale"), "activity": "d",
             "benef": "Studenti e famiglie"},
    ),
    "asl": (
        {"title": "Trasporto sociale verso la Casa della Comunità",
             "text": "associazioni di volontariato per accompagnare pazienti fragili alla Casa della Comunità di "
                  "{comune}",
             "help": "volontari", "comps": ("trasporto-sociale",), "activity": "c", "benef": "Pazienti fragili e "
                                                                                             "anziani"},
    ),
    "unione_comuni": (
        {"title": "Volontari per il gruppo intercomunale di protezione civile",
             "text": "volontari per il gruppo intercomunale di protezione civile, con corso base gratuito",
             "help": "volontari", "comps": ("protezione-civile",), "activity": "y", "benef": "Popolazione dei comuni "
                                                                                             "dell'Unione"},
    ),
    "altro_pa": (
        {"title": "Enti ospitanti per i tirocini di inclusione",
             "text": "enti del Terzo settore disposti ad accogliere tirocini di inclusione del programma GOL",
             "help": "partenariato", "comps": ("orientamento-lavoro",), "activity": "p",
             "benef": "Persone disoccupate di lunga durata"},
    ),
}

# ---------------------------------------------------------------------- need text

NEED_INTROS = ("Cerchiamo", "Stiamo cercando", "Abbiamo bisogno di", "Siamo alla ricerca di")
PUBLIC_NEED_INTROS = ("Cerchiamo", "L'amministrazione cerca", "Siamo alla ricerca di")
NEED_WHEN = {
    "volontari": ("L'impegno richiesto è di {freq}, a partire da {month}.",
                  "Servono {n} persone disponibili {freq}, da {month} in poi.",
                  "Si parte a {month}, con turni di {freq}."),
    "competenze": ("Basta un supporto di circa {hours} ore tra {month} e {month2}, anche a distanza.",
                   "Pensiamo a {k} incontri di lavoro entro {month2}.",
                   "Ci basterebbe una consulenza iniziale a {month} e qualche verifica nei mesi successivi."),
    "spazi": ("Lo spazio ci servirebbe {slot} a partire da {month}.",
              "Ne avremmo bisogno {slot}, da {month}; possiamo contribuire alle spese di pulizie e utenze."),
    "attrezzature": ("Possiamo ritirare il materiale con un nostro mezzo entro {month2}.",
                     "Vanno benissimo anche attrezzature usate in buono stato, entro {month2}."),
    "finanziamenti": ("Il costo complessivo è di circa {amount} euro e ne abbiamo già coperto il {pct}% con risorse "
                      "proprie.",
                      "Cerchiamo un contributo di circa {amount} euro entro {month2}."),
    "partenariato": ("L'idea è presentare una proposta insieme entro {month2}.",
                     "Vorremmo costruire la proposta nelle prossime settimane, con un primo incontro a {month}."),
}
NEED_FREQUENCIES = ("due mattine alla settimana", "un pomeriggio alla settimana", "qualche ora il sabato mattina",
                    "tre ore alla settimana", "un fine settimana al mese", "due sere al mese")
NEED_SLOTS = ("un pomeriggio alla settimana", "due sere al mese", "per tutto il periodo estivo", "il sabato mattina",
              "tre mattine alla settimana")
NEED_CLOSINGS = {
    "volontari": ("Garantiamo formazione iniziale e copertura assicurativa.", "Rimborsiamo le spese di viaggio.",
                  "Anche poche ore sono preziose."),
    "default": ("Scriveteci dalla piattaforma per un primo contatto.",
                "Possiamo incontrarci nella nostra sede per conoscerci.",
                "Ogni aiuto, anche parziale, è benvenuto."),
}

#: A sentence naming an organisation of the same theme elsewhere whose work the poster wants to
#: follow (the matcher's "Il testo la nomina").
#: {where}: " a" its comune, unless its name says it already.
NEED_NAMING = ("Vorremmo fare come «{name}»{where}, che lo fa già da qualche anno.",
               "Ci ispiriamo all'esperienza di «{name}»{where}: chi la conosce ci può aiutare.")

# ------------------------------------------------------------------- partnerships

#: Funders by region (besides theme funders and the national ones).
REGIONAL_FUNDERS = {
    "01": ("Compagnia di San Paolo", "Fondazione CRT"),
    "03": ("Fondazione Cariplo",),
    "08": ("Fondazione del Monte di Bologna e Ravenna",),
    "09": ("Fondazione CR Firenze",),
    "12": ("Regione Lazio – avviso per i progetti di rilevanza locale (artt. 72 e 73 CTS)",),
    "15": ("Fondazione con il Sud",),
    "16": ("Fondazione con il Sud", "Fondazione Puglia"),
    "19": ("Fondazione con il Sud", "Fondazione Sicilia"),
}
FOCUS_FUNDERS = ("Fondazione Cassa di Risparmio di Biella",)
NATIONAL_FUNDERS = (
    "Ministero del Lavoro e delle Politiche Sociali – avviso 3/2022",
    "Ministero del Lavoro e delle Politiche Sociali – avviso 2/2023 (artt. 72 e 73 CTS)",
    "{regione} – accordo di programma per ODV e APS (artt. 72 e 73 CTS)",
    "{regione} – Fondo Sociale Europeo Plus 2021-2027",
    "Otto per mille della Chiesa Valdese",
    "Comune di {comune} – co-progettazione ex art. 55 CTS",
)

# --------------------------------------------------------------------- OPES

OPES = {
    "name": "OPES APS – Rete associativa nazionale",
    "domain": "opes-rete",
    "comune": "Roma",
    "legal_form": "rete_associativa",
    "description": (
        "OPES è una rete associativa nazionale di enti del Terzo settore impegnati nello sport, nella cultura, "
        "nell'educazione e nell'inclusione sociale. Sostiene i propri enti aderenti con formazione, consulenza e "
        "progettazione condivisa. Con il progetto Mentore ha avviato cinque comunità di pratica sui temi sociali: "
        "gruppi informali di attori del Terzo settore e della pubblica amministrazione che condividono esperienze e "
        "buone pratiche e costruiscono insieme soluzioni."),
    "activities": ("m", "t", "d"),
    "competencies": ("facilitazione", "progettazione-sociale", "co-progettazione", "adempimenti-runts",
                     "sport-inclusivo"),
    "people": ((("Responsabile delle comunità di pratica", "Responsabile delle comunità di pratica"), "f"),
               (("Facilitatore delle comunità di pratica", "Facilitatrice delle comunità di pratica"), "m"),
               (("Coordinatore dei progetti sociali", "Coordinatrice dei progetti sociali"), "f")),
}

# ------------------------------------------------------------- communities & forum

# A reply is (who, text). ``who``: "any" (a member), "op" (the topic's author), "fac" (a facilitator),
# "back" (the author of the post before the previous one: the person a question was put to), "r1", "r2"…
# (the author of that earlier reply; ``{r1}`` in a text is their first name),
# "pa" / "ets" (a member from a public body / an ETS), optionally ":form,form" (preferred legal forms)
# and "@01,03" (preferred regions). Topics' ``author`` uses the same notation.
COMMUNITIES = (
    {
        "slug": "anziani-fragilita",
        "name": "Anziani e fragilità",
        "membership_mode": "open",
        "activities": ("a", "c"),
        "themes": ("anziani", "salute_mentale"),
        "public_forms": ("comune", "ambito_sociale", "asl"),
        "description": (
            "La comunità riunisce associazioni, cooperative e servizi pubblici che lavorano con le persone anziane "
            "e fragili: assistenza domiciliare, trasporto sociale, contrasto alla solitudine, sostegno ai caregiver "
            "familiari. Ci confrontiamo su come organizzare reti di prossimità con i volontari e su come dialogare "
            "con ASL e Comuni per una presa in carico davvero integrata. Ogni mese un incontro online; qui si "
            "condividono domande, materiali e buone pratiche dei diversi territori."),
        "topics": (
            {
                "solved": True,  # written up in the best-practice showcase (mentore/demo/showcase.py)
                "title": "Trasporto sociale: come gestite assicurazione e rimborsi dei volontari autisti?",
                "author": "ets:odv",
                "body": "Ciao a tutti, siamo un'ODV che da tre anni accompagna gli anziani alle visite mediche con "
                        "due auto messe a disposizione dal Comune. Con l'iscrizione al RUNTS ci stiamo chiedendo se "
                        "la polizza dei volontari basta anche per il trasporto di terzi, e come vi regolate con i "
                        "rimborsi chilometrici. Ogni esperienza è preziosa.",
                "replies": (
                    ("ets", "Noi a {comune} abbiamo separato le coperture: la polizza obbligatoria per i volontari "
                            "(art. 18 del Codice del Terzo settore) e una RC auto con estensione al trasporto di "
                            "persone per i mezzi intestati all'associazione. Per le auto private dei volontari "
                            "valutate anche una kasko, altrimenti un incidente ricade sul volontario."),
                    ("ets", "Sui rimborsi attenzione: l'art. 17 vieta i rimborsi forfettari. Si può rimborsare con "
                            "autocertificazione fino a 10 euro al giorno e 150 al mese, ma solo se l'organo di "
                            "amministrazione ha deliberato per quali spese. Noi usiamo le tabelle chilometriche e un "
                            "registro dei viaggi firmato."),
                    ("fac", "Ottimi spunti. Nel prossimo incontro online avremo un consulente del CSV proprio sulle "
                            "assicurazioni: se avete domande specifiche scrivetele qui sotto, le raccogliamo."),
                    ("op", "Grazie {r2}, chiarissimo. Non sapevamo del divieto dei forfettari: cambiamo il "
                           "regolamento interno già al prossimo consiglio direttivo."),
                    ("any", "Aggiungo un tema: la convenzione con il Comune. A {comune} il trasporto sociale è "
                            "regolato da una convenzione ex art. 56 che rimborsa le spese effettivamente sostenute, "
                            "compresa una quota dell'assicurazione. Se vi serve lo schema lo condivido volentieri."),
                    ("any", "Sì {prev}, lo schema di convenzione interessa molto anche a noi! Lo puoi caricare tra i "
                            "materiali della comunità?"),
                ),
            },
            {
                "title": "Solitudine degli anziani: come raggiungere chi non esce più di casa?",
                "author": "ets",
                "body": "Nel nostro quartiere molte persone sole sopra gli 80 anni non partecipano più a nulla e non "
                        "chiedono aiuto. Abbiamo provato con i volantini in parrocchia e in farmacia, con risultati "
                        "scarsi. Come fate voi a intercettare chi è isolato?",
                "replies": (
                    ("any", "Da noi a {comune} ha funzionato il portierato sociale: un volontario di riferimento per "
                            "ogni scala nelle case popolari, d'accordo con l'ente gestore. In un anno abbiamo "
                            "conosciuto più di sessanta persone che nessun servizio seguiva."),
                    ("ets", "Noi lavoriamo con i medici di famiglia e con i farmacisti: sono i primi a sapere chi vive "
                            "solo. Con il consenso della persona ci segnalano i casi e facciamo una prima telefonata "
                            "di compagnia."),
                    ("pa:comune,ambito_sociale", "Attenzione alla privacy: per le segnalazioni serve il consenso "
                                                 "della persona, oppure si "
                           "passa dai servizi sociali. Ve lo dico perché in Comune ci siamo passati anche noi."),
                    ("fac", "Il tema torna spesso. Propongo di raccogliere in un documento condiviso le pratiche che "
                            "funzionano (portierato, telefonate, pranzi di quartiere) con un referente per ciascuna. "
                            "Chi si offre?"),
                    ("ets", "Mi offro per la parte sulle telefonate di compagnia: da due anni a {comune} abbiamo un "
                            "turno di volontari che chiama ogni giorno una quarantina di persone."),
                    ("op", "Grazie a tutti, ci avete dato parecchie idee. Proveremo a coinvolgere le farmacie del "
                           "quartiere e vi aggiorno tra qualche mese."),
                    ("ets", "A proposito di pranzi: d'estate organizziamo i pranzi della domenica nei centri "
                            "d'incontro, quando molte famiglie sono in ferie e gli anziani restano soli. Il Comune "
                            "presta la sala, i ristoratori della zona offrono il cibo a turno."),
                ),
            },
            {
                "title": "Caregiver familiari: quali servizi di sollievo avete attivato?",
                "author": "ets",
                "body": "Stiamo progettando con l'Ambito un servizio di sollievo per i familiari che assistono "
                        "persone con demenza: un centro d'incontro due pomeriggi a settimana e un gruppo di auto "
                        "mutuo aiuto. Qualcuno ha esperienze da condividere su costi, personale e coinvolgimento "
                        "delle famiglie?",
                "replies": (
                    ("ets", "A {comune} abbiamo un Caffè Alzheimer da sei anni: un pomeriggio al mese, con una "
                            "psicologa e volontari formati. I familiari dicono che la cosa più utile è parlare con "
                            "altri nella stessa situazione."),
                    ("ets", "Sui costi: il nostro centro d'incontro costa circa 25.000 euro l'anno, soprattutto "
                            "personale (un'educatrice e un'operatrice socio-sanitaria). Lo copriamo per metà con il "
                            "Fondo per la non autosufficienza tramite l'Ambito e per metà con una fondazione."),
                    ("pa:asl", "Consiglio di coinvolgere da subito il Centro per i disturbi cognitivi e le demenze: "
                               "da noi è il Centro a indirizzare le famiglie al momento della diagnosi, che è quando "
                               "sono più disorientate."),
                    ("op", "{r1}, come avete formato i volontari? Cercavamo un percorso breve ma serio."),
                    ("r1", "Abbiamo fatto un corso di 20 ore con l'azienda sanitaria e un mese di affiancamento. "
                             "Il materiale è libero, te lo mando in privato."),
                    ("fac", "A febbraio dedichiamo l'incontro mensile proprio ai caregiver: sarebbe bello avere una "
                            "testimonianza da chi gestisce un Caffè Alzheimer."),
                ),
            },
            {
                "title": "Dall'appalto alla co-progettazione dell'assistenza domiciliare: com'è andata da voi?",
                "author": "ets:coop_sociale_a",
                "body": "Il nostro Comune vuole passare dall'appalto del servizio di assistenza domiciliare a una "
                        "co-progettazione con il Terzo settore. Come cooperativa siamo interessati ma anche un po' "
                        "preoccupati: come si fanno i conti se non c'è più una tariffa oraria?",
                "replies": (
                    ("ets:coop_sociale_a,coop_sociale_b,impresa_sociale", "Noi ci siamo passati due anni fa a "
                                                                          "{comune}. Nella co-progettazione non c'è un "
                            "corrispettivo ma un contributo a copertura dei costi, rendicontato a consuntivo: "
                            "conviene avere un controllo di gestione per centri di costo, altrimenti si rischia di "
                            "non coprire il coordinamento."),
                    ("ets", "Il vantaggio vero è il tavolo: il progetto si modifica in corso d'opera insieme "
                            "all'ente. Da noi così sono nate le visite serali, che con l'appalto non erano previste."),
                    ("pa:comune,ambito_sociale", "Ricordate che la scelta della co-progettazione va motivata e che la "
                                                 "procedura deve "
                           "essere trasparente e aperta a tutti gli enti: le linee guida del DM 72/2021 sono il "
                           "riferimento. A {comune} le abbiamo lette insieme alle cooperative, è stato utile per "
                           "tutti."),
                    ("op", "Grazie, il DM 72/2021 lo stiamo studiando. E il cofinanziamento? Il Comune ci chiede di "
                           "mettere il 10%."),
                    ("any", "È normale che gli ETS partecipino con risorse proprie, ma non devono essere per forza "
                            "soldi: volontari, spazi e mezzi si possono valorizzare. Fatelo scrivere nel progetto."),
                    ("fac", "Tema centrale: lo riprendiamo anche nella comunità sull'amministrazione condivisa, dove "
                            "ci "
                            "sono funzionari comunali che possono raccontare il punto di vista della PA."),
                ),
            },
            {
                "title": "Anziani e digitale: corsi per SPID, fascicolo sanitario e videochiamate",
                "author": "ets",
                "body": "Vorremmo avviare corsi per aiutare gli anziani a usare lo SPID, il fascicolo sanitario "
                        "elettronico e le videochiamate con i nipoti. Cerchiamo suggerimenti su come organizzare i "
                        "gruppi e su dove trovare tablet a basso costo.",
                "replies": (
                    ("ets", "Gruppi piccoli, massimo sei persone, e un volontario ogni due partecipanti. Le lezioni "
                            "frontali non funzionano: ognuno porta il suo telefono e si risolvono problemi veri."),
                    ("ets", "A {comune} abbiamo coinvolto gli studenti delle superiori con i PCTO: gli anziani "
                            "adorano i ragazzi e i ragazzi imparano la pazienza. La scuola è stata contentissima."),
                    ("ets", "Per i tablet provate con le aziende del territorio che rinnovano i dispositivi: noi ne "
                            "abbiamo ricevuti quindici ricondizionati da una banca locale."),
                    ("ets", "Attenzione allo SPID: i volontari non devono mai conoscere le credenziali. Abbiamo "
                            "scritto una piccola regola interna e la facciamo firmare a tutti."),
                    ("op", "Ottimo, grazie! Ci piace molto l'idea dei PCTO, ne parliamo con l'istituto superiore "
                           "vicino a noi."),
                ),
            },
        ),
    },
    {
        "slug": "poverta-educativa-giovani",
        "name": "Povertà educativa e giovani",
        "membership_mode": "request",
        "activities": ("l", "d"),
        "themes": ("minori", "migranti", "sport"),
        "public_forms": ("scuola", "comune", "ambito_sociale"),
        "description": (
            "Una comunità per chi lavora con bambini, ragazzi e famiglie contro la povertà educativa: doposcuola, "
            "educativa di strada, centri estivi, patti educativi di comunità con le scuole. Scambiamo strumenti e "
            "idee su come tenere agganciati gli adolescenti, coinvolgere le famiglie e lavorare in rete con scuole e "
            "servizi sociali. Per partecipare basta chiedere l'iscrizione: i facilitatori accolgono i nuovi membri e "
            "li presentano al gruppo."),
        "topics": (
            {
                "title": "Doposcuola: come coinvolgere le famiglie che non parlano italiano?",
                "author": "ets",
                "body": "Il nostro doposcuola segue quaranta bambini della primaria, quasi metà con famiglie di "
                        "origine straniera. Con i bambini va bene, ma i genitori non vengono mai ai colloqui. "
                        "Qualcuno ha trovato il modo di creare un legame?",
                "replies": (
                    ("ets", "A {comune} è servito spostare i colloqui: non più a scuola ma durante la merenda del "
                            "venerdì, con una mediatrice culturale. I genitori vengono a prendere i figli e si "
                            "fermano."),
                    ("ets", "Noi abbiamo avviato un corso di italiano per le mamme negli stessi orari del doposcuola, "
                            "con uno spazio bimbi. Dopo qualche mese le mamme sono diventate parte del gruppo e ora "
                            "aiutano a organizzare le feste."),
                    ("ets", "Consiglio pratico: messaggi vocali su WhatsApp nelle lingue principali invece delle "
                            "circolari scritte. Li registrano i ragazzi più grandi."),
                    ("op", "{prev}, che bella idea i vocali. La mediatrice come la pagate? Da noi il budget è zero."),
                    ("back", "L'abbiamo inserita in un progetto sulla povertà educativa insieme a due scuole e al "
                             "Comune: senza una rete è difficile sostenerla."),
                    ("fac", "Ricordo che nella sezione materiali c'è la mappa dei servizi di mediazione culturale "
                            "raccolta il mese scorso."),
                ),
            },
            {
                "solved": True,  # written up in the best-practice showcase (mentore/demo/showcase.py)
                "title": "Patto educativo di comunità: chi l'ha firmato con la scuola?",
                "author": "ets:aps",
                "body": "La dirigente dell'istituto comprensivo ci ha proposto di firmare un patto educativo di "
                        "comunità insieme al Comune e ad altre tre associazioni. Che impegni comporta davvero? Ci "
                        "sono rischi per un'APS piccola come la nostra?",
                "replies": (
                    ("ets", "Il patto è un accordo di collaborazione, non un contratto: definisce obiettivi comuni, "
                            "spazi e tempi. A {comune} lo abbiamo firmato nel 2021 e ci ha dato accesso alle palestre "
                            "nel pomeriggio."),
                    ("ets", "Fate attenzione alla parte sulla responsabilità: chi risponde dei minori negli spazi "
                            "della scuola fuori orario? Noi abbiamo aggiunto una clausola sull'assicurazione."),
                    ("any", "Il rischio più grande è che resti sulla carta. Chiedete un tavolo di monitoraggio ogni "
                            "due o tre mesi con un referente della scuola."),
                    ("pa:scuola", "Dal lato della scuola: per noi i patti sono preziosi, ma abbiamo bisogno che le "
                                  "associazioni dicano chiaramente cosa possono garantire. Meglio poco e continuo che "
                                  "tanto per due mesi."),
                    ("op", "Grazie, molto utile il punto sull'assicurazione. Proporremo un tavolo trimestrale."),
                    ("fac", "Tra i materiali c'è un modello di patto educativo di comunità commentato, adattato da "
                            "quelli di due Comuni della rete."),
                ),
            },
            {
                "title": "Adolescenti che hanno lasciato la scuola: come comincia l'educativa di strada?",
                "author": "ets",
                "body": "Nella nostra zona c'è un gruppo di ragazzi di 15-17 anni che ha lasciato la scuola e passa "
                        "le giornate al parco. I servizi sociali ci chiedono di intervenire, ma non vogliamo andare "
                        "a prenderli. Chi fa educativa di strada può raccontarci come si comincia?",
                "replies": (
                    ("ets", "Si comincia stando lì, senza proposte, per settimane. A {comune} i nostri educatori "
                            "passano in piazza sempre negli stessi giorni e alla stessa ora: la regolarità è tutto."),
                    ("ets", "Da noi funziona la sala prove musicale: i ragazzi vengono per suonare, e poi si parla "
                            "anche di scuola e di lavoro."),
                    ("any", "Collegatevi con il CPIA e con la formazione professionale: quando un ragazzo dice "
                            "'voglio lavorare' bisogna avere subito una proposta concreta, un laboratorio o un "
                            "tirocinio."),
                    ("ets:coop_sociale_b", "Noi siamo una cooperativa di tipo B e facciamo brevi esperienze di "
                                           "lavoro in officina con l'educativa del Comune. Così tre ragazzi sono "
                                           "tornati a prendere la licenza media."),
                    ("op", "Grazie, ne parliamo con gli educatori. Quante ore settimanali servono all'inizio, "
                           "secondo voi?"),
                    ("any", "Almeno due uscite da tre ore a settimana, sempre con due educatori. Con meno si perde "
                            "la continuità."),
                    ("fac", "Proposta: una visita di scambio tra chi ha già un servizio di educativa di strada e chi "
                            "sta cominciando. Chi è disponibile a ospitare?"),
                    ("ets", "Noi volentieri, a {comune}, anche in primavera."),
                ),
            },
            {
                "title": "Progetto sulla povertà educativa: cerchiamo partner al Sud",
                "author": "ets:aps,odv,associazione@01,03,08",
                "body": "Stiamo preparando una proposta su un bando per la fascia 11-17 anni che premia i partenariati "
                        "tra regioni diverse. Siamo un'associazione del Nord: chi lavora con gli adolescenti in "
                        "Campania, Puglia o Sicilia e ha voglia di sentirci?",
                "replies": (
                    ("ets:coop_sociale_a,coop_sociale_b@15,16,19",
                     "Ciao, siamo una cooperativa di {comune} e lavoriamo con le scuole medie su dispersione e "
                     "orientamento. Ci interessa, scriviamoci in privato."),
                    ("ets:aps,associazione,odv@15,16,19",
                     "Anche noi, associazione di {comune}: abbiamo un laboratorio di teatro con i ragazzi del "
                     "quartiere. Potremmo portare l'esperienza degli scambi tra gruppi."),
                    ("fac", "Bello vedere questi incroci! Ricordo che sulla piattaforma potete pubblicare anche un "
                            "bisogno di tipo partenariato: così vi trovano anche gli enti che non seguono la "
                            "comunità."),
                    ("op", "Grazie a entrambi, vi ho scritto. Pubblico anche il bisogno, ottima idea."),
                ),
            },
            {
                "title": "Volontari universitari al doposcuola: come li tenete dopo gennaio?",
                "author": "ets",
                "body": "Ogni settembre partiamo con venti studenti universitari volontari e a gennaio, con gli esami, "
                        "ne restano sei. Come fate a dare continuità ai bambini?",
                "replies": (
                    ("ets", "Abbiamo chiesto all'università di riconoscere crediti formativi per il tirocinio: da "
                            "quando è attivo la permanenza è molto migliorata."),
                    ("ets", "Coppie fisse: ogni bambino ha due volontari che si alternano. Se uno ha gli esami c'è "
                            "l'altro."),
                    ("ets", "A {comune} lavoriamo a semestri e chiediamo un impegno esplicito fino a dicembre oppure "
                            "da febbraio a maggio. Meglio un impegno breve ma rispettato."),
                    ("any", "Aiuta molto anche il servizio civile universale: due operatori volontari per dodici mesi "
                            "sono la spina dorsale del servizio."),
                    ("op", "Sul servizio civile ci abbiamo pensato, ma non siamo accreditati. Si può entrare "
                           "attraverso un ente più grande?"),
                    ("any", "Sì, come ente di accoglienza di un ente accreditato. Chiedete al CSV della vostra "
                            "provincia o alle reti associative: molte fanno proprio questo."),
                    ("fac", "Discussione utilissima, la segnaliamo nella newsletter della comunità."),
                ),
            },
        ),
    },
    {
        "slug": "inclusione-disabilita",
        "name": "Inclusione e disabilità",
        "membership_mode": "open",
        "activities": ("a", "p", "t"),
        "themes": ("disabilita", "sport", "lavoro"),
        "public_forms": ("asl", "ambito_sociale", "altro_pa", "comune"),
        "description": (
            "Famiglie, associazioni, cooperative e servizi si confrontano sull'inclusione delle persone con "
            "disabilità: vita indipendente e Dopo di noi, inserimento lavorativo, sport, accessibilità. La comunità "
            "raccoglie esperienze concrete, modelli di convenzione e contatti utili. È aperta a chiunque lavori su "
            "questi temi e vuole far incontrare chi ha già trovato soluzioni con chi sta cominciando."),
        "topics": (
            {
                "title": "Dopo di noi (legge 112/2016): esperienze di appartamenti per la vita indipendente",
                "author": "ets:fondazione,odv,associazione",
                "body": "Siamo un gruppo di genitori e vorremmo avviare un appartamento di sgancio per quattro "
                        "ragazzi con disabilità intellettiva. Chi ha già esperienza con i fondi della legge 112 e "
                        "con la gestione quotidiana?",
                "replies": (
                    ("ets", "A {comune} abbiamo un appartamento da tre anni. I fondi della 112 passano dall'Ambito e "
                            "coprono in parte educatori e adeguamenti; il resto viene dalle famiglie e da una "
                            "raccolta fondi annuale."),
                    ("any", "La chiave è la gradualità: prima fine settimana di autonomia, poi settimane intere, poi "
                            "la convivenza. Non bruciate le tappe: i ragazzi e soprattutto le famiglie hanno bisogno "
                            "di tempo."),
                    ("any", "Attenzione al trust e agli altri strumenti patrimoniali: la legge 112 prevede "
                            "agevolazioni fiscali, conviene farsi seguire da un notaio che li conosce bene."),
                    ("op", "Grazie! {r1}, quanti educatori avete per quattro ragazzi?"),
                    ("r1", "Un educatore nelle fasce del mattino e della sera e una figura notturna leggera, "
                             "reperibile. Il resto è autonomia, che era proprio l'obiettivo."),
                    ("fac", "Con il PNRR (Missione 5, investimento 1.2) molti Ambiti hanno aperto nuovi percorsi di "
                            "autonomia: vale la pena chiedere al vostro Ufficio di Piano."),
                ),
            },
            {
                "title": "Sport inclusivo: squadre miste o squadre dedicate?",
                "author": "ets:aps",
                "body": "Nella nostra polisportiva si discute se creare una squadra di basket per ragazzi con "
                        "disabilità o inserirli nelle squadre che ci sono già. Che esperienze avete?",
                "replies": (
                    ("ets", "Noi a {comune} facciamo baskin: squadre miste con regole che valorizzano i ruoli di "
                            "ciascuno. Funziona benissimo anche per i ragazzi senza disabilità, che imparano a giocare "
                            "per la squadra."),
                    ("ets", "Dipende dal ragazzo e dallo sport. Nel nuoto l'inserimento nei corsi ordinari ha "
                            "funzionato con un istruttore in più in vasca."),
                    ("any", "Il problema vero sono gli allenatori: serve formazione. Federazioni ed enti di "
                            "promozione sportiva organizzano corsi specifici che costano poco."),
                    ("op", "Il baskin non lo conoscevamo, ci informiamo subito! Grazie."),
                    ("r1", "Se volete venire a vedere un allenamento, siamo in palestra il martedì sera."),
                ),
            },
            {
                "solved": True,  # written up in the best-practice showcase (mentore/demo/showcase.py)
                "title": "Tirocini che diventano assunzioni: quali strumenti usate con le aziende?",
                "author": "ets:coop_sociale_b",
                "body": "Come cooperativa di tipo B facciamo molti tirocini per persone con disabilità, ma raramente "
                        "diventano contratti. Usate le convenzioni dell'art. 14 del d.lgs. 276/2003 o dell'art. "
                        "12-bis della legge 68/1999?",
                "replies": (
                    ("ets", "Le convenzioni dell'art. 14 ci hanno cambiato la vita: l'azienda ci affida una commessa "
                            "e copre così una parte dell'obbligo di assunzione, noi assumiamo le persone. A {comune} "
                            "ne abbiamo tre attive, tutte nella logistica."),
                    ("ets", "Serve un tutor aziendale formato. Noi facciamo un incontro con i colleghi di reparto "
                            "prima dell'inserimento: riduce moltissimo i problemi."),
                    ("pa:altro_pa", "Parlate con il collocamento mirato del Centro per l'Impiego: conosciamo le "
                                    "aziende scoperte rispetto all'obbligo e spesso cerchiamo proprio partner come "
                                    "voi."),
                    ("op", "Grazie {prev}, un contatto con il collocamento mirato l'abbiamo ma non l'abbiamo mai "
                           "usato davvero. Ci proviamo."),
                    ("ets:coop_sociale_b,coop_sociale_a", "Aggiungo: misurate i risultati. Quando siamo andati dalle "
                                                          "aziende con i dati su assenze "
                            "e produttività dei nostri inserimenti, le porte si sono aperte."),
                    ("fac", "Propongo un incontro tematico con un referente del collocamento mirato: ci sono "
                            "funzionari dei Centri per l'Impiego sulla piattaforma, li invitiamo."),
                ),
            },
            {
                "title": "Eventi accessibili: costruiamo insieme una checklist",
                "author": "any",
                "body": "Sto preparando una checklist per rendere accessibili gli eventi pubblici delle associazioni: "
                        "spazi, bagni, interpreti LIS, materiali in linguaggio facile da leggere. Chi vuole "
                        "contribuire?",
                "replies": (
                    ("any", "Ottima idea. Aggiungerei i percorsi per persone cieche e ipovedenti: segnaletica "
                            "tattile o almeno un volontario all'accoglienza formato."),
                    ("any", "Per la LIS: prenotate l'interprete almeno un mese prima e mandate in anticipo i testi "
                            "degli interventi. A {comune} lo mettiamo sempre nel preventivo."),
                    ("any", "Non dimenticate una stanza tranquilla per le persone autistiche o con ipersensibilità "
                            "sensoriale. Costa zero e fa la differenza."),
                    ("any", "Il linguaggio facile da leggere ha regole precise: esistono linee guida europee, le "
                            "carico nei materiali."),
                    ("op", "Grazie a tutti, metto insieme una prima versione entro fine mese e la condivido qui."),
                    ("fac", "Quando è pronta la presentiamo nell'incontro mensile e la pubblichiamo come buona "
                            "pratica della comunità."),
                ),
            },
            {
                "title": "Accompagnamento dei ragazzi con disabilità: può farlo un'ODV?",
                "author": "ets:odv",
                "body": "Il Comune ha chiesto alle associazioni di integrare il trasporto dei ragazzi con disabilità, "
                        "perché il servizio non basta. Siamo un'ODV: possiamo farlo? Con quali garanzie?",
                "replies": (
                    ("any", "Sì, con una convenzione ex art. 56 del Codice del Terzo settore e solo rimborso delle "
                            "spese effettive. Ma servono un mezzo attrezzato e volontari formati: non è un servizio "
                            "da improvvisare."),
                    ("ets:odv,associazione,aps", "A {comune} il trasporto scolastico dei ragazzi con disabilità grave "
                                                 "lo fa una "
                            "cooperativa con personale dedicato; noi volontari facciamo solo gli accompagnamenti "
                            "alle attività del pomeriggio. Mi sembra una divisione sana."),
                    ("pa:comune", "Occhio alle responsabilità: il Comune resta titolare del servizio, e deve essere "
                                  "scritto chiaramente nella convenzione."),
                    ("op", "Grazie, ne parliamo in consiglio direttivo. Probabilmente proporremo solo gli "
                           "accompagnamenti pomeridiani."),
                ),
            },
        ),
    },
    {
        "slug": "amministrazione-condivisa",
        "name": "Amministrazione condivisa e co-progettazione",
        "membership_mode": "invitation",
        "activities": ("a", "m", "z"),
        "themes": ("servizi_ets", "legalita"),
        "public_forms": ("comune", "ambito_sociale", "regione", "unione_comuni", "provincia"),
        "description": (
            "Una comunità per enti del Terzo settore e pubbliche amministrazioni che vogliono applicare l'art. 55 "
            "del Codice del Terzo settore: co-programmazione, co-progettazione, accreditamento, patti di "
            "collaborazione per i beni comuni. Funzionari comunali e di Ambito, progettisti e presidenti di "
            "associazione si confrontano su procedure, atti e casi concreti. Si partecipa su invito dei "
            "facilitatori, per mantenere un gruppo equilibrato tra pubblico e privato sociale."),
        "topics": (
            {
                "title": "Primo avviso di co-progettazione: quanto tempo lasciare agli ETS per rispondere?",
                "author": "pa:ambito_sociale,comune",
                "body": "Lavoro nell'Ufficio di Piano di un Ambito sociale e stiamo scrivendo il nostro primo avviso "
                        "di co-progettazione per i servizi alle famiglie. Quanti giorni date di solito per la "
                        "manifestazione di interesse? E come gestite la fase dei tavoli?",
                "replies": (
                    ("pa:comune,ambito_sociale,unione_comuni", "Noi a {comune} diamo almeno 30 giorni, e prima "
                                                               "pubblichiamo una bozza del documento "
                           "progettuale per raccogliere osservazioni. Con meno tempo gli enti piccoli non riescono a "
                           "organizzarsi."),
                    ("ets", "Dal lato degli ETS: fate un incontro pubblico di presentazione subito dopo la "
                            "pubblicazione. Chiarisce moltissimi dubbi e riduce le domande scritte."),
                    ("any", "Per i tavoli: verbalizzate tutto e fissate da subito il numero massimo di sessioni. La "
                            "nostra prima co-progettazione è durata quattro mesi perché non avevamo un calendario."),
                    ("op", "Ottimi suggerimenti. Per la valutazione delle proposte usate una commissione con criteri "
                           "a punteggio, come negli appalti?"),
                    ("pa:comune,ambito_sociale,unione_comuni", "Sì, una commissione con criteri pubblicati "
                                                               "nell'avviso, ma i criteri guardano alla "
                           "capacità di co-progettare e alle risorse messe in campo, non al ribasso economico. Il DM "
                           "72/2021 è chiaro su questo."),
                    ("any", "Nelle premesse citate anche la sentenza della Corte costituzionale n. 131 del 2020: "
                            "aiuta a spiegare agli uffici perché la co-progettazione non è un appalto."),
                    ("fac", "Grazie, bellissimo scambio tra PA ed enti. Raccogliamo gli avvisi citati nella cartella "
                            "della comunità."),
                ),
            },
            {
                "title": "Patti di collaborazione per i beni comuni: serve prima il regolamento?",
                "author": "any",
                "body": "Il nostro Comune non ha ancora un regolamento per l'amministrazione condivisa dei beni "
                        "comuni, "
                        "e alcuni cittadini vogliono curare un'area verde abbandonata. Si può firmare un patto senza "
                        "regolamento?",
                "replies": (
                    ("pa:comune", "Si può partire dall'art. 118 della Costituzione e da una delibera di Giunta, ma il "
                                  "regolamento dà una cornice stabile. A {comune} lo abbiamo approvato partendo dal "
                                  "modello proposto da Labsus."),
                    ("any", "Cominciate dal patto sull'area verde come sperimentazione e intanto scrivete il "
                            "regolamento: il caso concreto aiuta moltissimo a capire cosa serve."),
                    ("any", "Nodo assicurazione: nei patti con cittadini singoli, non associati, chi li copre? Da noi "
                            "il Comune ha una polizza per i volontari civici."),
                    ("op", "Grazie! Della polizza per i volontari civici non sapevo nulla, chiedo subito "
                           "all'ufficio."),
                    ("pa:comune", "Noi abbiamo il regolamento da cinque anni e oltre quaranta patti attivi: aree "
                                  "verdi, una biblioteca di quartiere, la pulizia dei sentieri. Se volete venire a "
                                  "vedere, scrivetemi."),
                ),
            },
            {
                "flagged": (  # an open flag for the demo's moderation queue
                    "fuori_tema",
                    "Mi sembra fuori tema rispetto ai tavoli del Piano di zona: "
                    "si può spostare in una discussione nuova?"),
                "title": "Piano di zona: come trasformare i tavoli in una vera co-programmazione?",
                "author": "pa:ambito_sociale,comune",
                "body": "Ogni tre anni facciamo i tavoli del Piano di zona, ma partecipano sempre gli stessi enti e "
                        "alla fine il documento lo scrive l'Ufficio di Piano. Come si trasforma questo rito in una "
                        "co-programmazione ai sensi dell'art. 55?",
                "replies": (
                    ("any", "Serve un avviso pubblico di co-programmazione aperto a tutti gli ETS, con un'istruttoria "
                            "condivisa: dati, analisi dei bisogni, priorità. A differenza dei tavoli tradizionali, "
                            "l'atto finale deve dare conto di quello che è emerso."),
                    ("pa:comune,ambito_sociale", "A {comune} abbiamo usato la piattaforma per mappare i bisogni "
                                                 "pubblicati dalle "
                           "associazioni prima dei tavoli. Ci siamo presentati con dati veri, non con impressioni."),
                    ("ets", "Dal lato delle associazioni: scegliete orari compatibili con chi lavora. Se i tavoli "
                            "sono alle 10 del mattino partecipano solo i dipendenti delle cooperative grandi."),
                    ("any", "Noi abbiamo diviso il lavoro in tavoli tematici con un facilitatore esterno: il peso di "
                            "chi parla sempre si è ridotto molto."),
                    ("op", "Interessante la mappatura dei bisogni. {r2}, quanto tempo ha richiesto?"),
                    ("r2", "Circa due mesi, con una persona del CSV a metà tempo. Il CSV è stato fondamentale."),
                    ("fac", "Questa discussione è perfetta per il webinar di marzo sulla co-programmazione: chi è "
                            "disponibile a raccontare la propria esperienza in dieci minuti?"),
                    ("any", "Ci sono, racconto volentieri l'esperienza di {comune}."),
                ),
            },
            {
                "title": "Immobile confiscato: come assegnarlo a un ETS in modo trasparente?",
                "author": "pa:comune",
                "body": "Il nostro Comune ha ricevuto un immobile confiscato alla criminalità organizzata e vogliamo "
                        "assegnarlo a un ente del Terzo settore per un progetto sociale. Che procedura avete seguito?",
                "replies": (
                    ("pa:comune", "Avviso pubblico con criteri chiari, come prevede l'art. 48 del Codice antimafia. "
                                  "Noi a {comune} abbiamo valutato il progetto sociale, la sostenibilità economica e "
                                  "il radicamento nel territorio."),
                    ("any", "Prevedete un contributo per la ristrutturazione: spesso i beni sono in pessime "
                            "condizioni e un'associazione da sola non ce la fa."),
                    ("ets", "Un consiglio da chi gestisce un bene confiscato: coinvolgete le scuole fin dall'inizio. "
                            "Il valore simbolico è enorme e aiuta anche la raccolta fondi."),
                    ("ets", "E prevedete una concessione lunga, almeno dieci anni: nessun ente investe su un bene per "
                            "tre anni."),
                    ("op", "Grazie a tutti, molto utile. Il tema della durata non l'avevamo considerato."),
                ),
            },
            {
                "title": "Centri estivi: accreditamento o co-progettazione?",
                "author": "pa:comune",
                "body": "Per i centri estivi il nostro Comune ha sempre usato l'accreditamento con voucher alle "
                        "famiglie. Ora qualcuno propone la co-progettazione. Pro e contro, secondo la vostra "
                        "esperienza?",
                "replies": (
                    ("any", "L'accreditamento lascia scegliere le famiglie, ed è un valore. La co-progettazione però "
                            "permette di pensare i servizi insieme: per esempio portare i centri estivi nei quartieri "
                            "dove non ci sono."),
                    ("pa:comune", "A {comune} abbiamo fatto un mix: accreditamento per i centri estivi ordinari e "
                                  "co-progettazione per i servizi ai ragazzi con disabilità, dove serve una regia "
                                  "comune."),
                    ("any", "Ricordate che l'accreditamento è uno degli strumenti dell'art. 55, non una soluzione di "
                            "serie B. Dipende dall'obiettivo."),
                    ("op", "Grazie, l'idea del mix mi convince. La porto in Giunta."),
                ),
            },
            {
                "title": "Rendicontare un contributo di co-progettazione: quali spese sono ammesse?",
                "author": "ets",
                "body": "Abbiamo concluso la nostra prima co-progettazione con il Comune e ora dobbiamo rendicontare. "
                        "Il personale già assunto si può imputare? E le spese generali?",
                "replies": (
                    ("ets", "Sì, il personale si imputa in quota parte con i timesheet. Le spese generali di solito "
                            "sono ammesse in percentuale forfettaria se l'avviso lo prevede: da noi il 7%."),
                    ("pa:comune,ambito_sociale,regione", "Leggete bene la convenzione firmata alla fine della "
                                                         "co-progettazione: lì devono essere "
                           "definite le spese ammissibili. Se non c'è scritto, chiedete un chiarimento scritto prima "
                           "di spendere."),
                    ("ets", "A {comune} il Comune ci ha chiesto anche la valorizzazione del volontariato, cioè le "
                            "ore dei volontari per un costo orario standard. Non è una spesa rimborsabile: serve a "
                            "documentare il cofinanziamento."),
                    ("op", "Molto utile, grazie. Ci mancava proprio il tema della valorizzazione del volontariato."),
                    ("fac", "Aggiungo: tenete aggiornato il registro dei volontari, serve sia per l'assicurazione sia "
                            "per la rendicontazione."),
                ),
            },
        ),
    },
    {
        "slug": "ambiente-comunita-sostenibili",
        "name": "Ambiente e comunità sostenibili",
        "membership_mode": "request",
        "activities": ("e", "s"),
        "themes": ("ambiente", "lavoro", "protezione_civile"),
        "public_forms": ("comune", "unione_comuni", "provincia", "scuola"),
        "description": (
            "La comunità mette in contatto chi si prende cura dell'ambiente e dei beni comuni: associazioni "
            "ambientaliste, orti comunitari, cooperative di agricoltura sociale, gruppi di riuso, scuole e Comuni. "
            "Parliamo di comunità energetiche solidali, educazione ambientale, economia circolare e sicurezza dei "
            "volontari nelle attività all'aperto. L'iscrizione è su richiesta; ogni due mesi visitiamo insieme "
            "un'esperienza di uno dei territori."),
        "topics": (
            {
                "flagged": (  # an open flag for the demo's moderation queue
                    "fuori_tema",
                    "La domanda era sulla partecipazione di un'APS alla CER: questa "
                    "risposta parla d'altro, forse merita una discussione a parte."),
                "title": "Comunità energetiche rinnovabili: un'APS può essere socia?",
                "author": "ets:aps",
                "body": "Nel nostro paese si sta costituendo una comunità energetica rinnovabile con il Comune e "
                        "alcune famiglie. Come APS abbiamo il tetto della sede disponibile per un impianto. Possiamo "
                        "partecipare? Qualcuno l'ha già fatto?",
                "replies": (
                    ("any", "Sì, gli enti del Terzo settore possono essere membri di una CER. A {comune} la "
                            "parrocchia e due associazioni sono tra i soci fondatori, e i benefici dell'energia "
                            "condivisa finanziano il doposcuola."),
                    ("any", "Valutate bene la forma giuridica della CER: molte sono associazioni o cooperative. E "
                            "fatevi seguire per gli incentivi del GSE, le regole non sono semplici."),
                    ("any", "Attenzione al tetto: verificate la statica e il titolo di disponibilità. Se siete in "
                            "affitto serve l'autorizzazione del proprietario per tutta la durata dell'impianto."),
                    ("op", "Siamo in comodato dal Comune, quindi dovrebbe essere più semplice. Grazie per le "
                           "indicazioni sul GSE!"),
                    ("fac", "Le CER sono uno dei temi più richiesti: organizziamo un incontro con un esperto per "
                            "tutta la comunità. Scrivete qui le vostre domande."),
                    ("any", "Domanda per chi è già operativo: avete previsto una quota di benefici per le famiglie in "
                            "povertà energetica? Come le individuate?"),
                    ("pa:comune", "Noi sì, insieme ai servizi sociali: una parte dei benefici va alle famiglie "
                                  "segnalate dal Comune, sotto forma di contributo sulla bolletta."),
                ),
            },
            {
                "title": "Orti comunitari: regolamento e assegnazione dei lotti",
                "author": "any",
                "body": "Abbiamo ottenuto dal Comune un terreno per un orto comunitario. Come assegnate i lotti? "
                        "Precedenza ai pensionati, alle famiglie, alle scuole? E come gestite l'acqua?",
                "replies": (
                    ("any", "A {comune} un terzo dei lotti va agli anziani, un terzo alle famiglie con bambini e un "
                            "terzo a progetti collettivi (scuole, centro diurno per persone con disabilità). Il "
                            "bello è proprio la mescolanza."),
                    ("ets", "L'acqua è il problema numero uno. Abbiamo messo contatori per settore e turni di "
                            "irrigazione: i consumi sono scesi di quasi la metà."),
                    ("any", "Fate firmare un regolamento semplice: niente pesticidi chimici, partecipazione alle "
                            "giornate di manutenzione comune, nessuna vendita dei prodotti."),
                    ("ets:coop_sociale_b", "Noi abbiamo portato l'agricoltura sociale: due lotti sono coltivati da "
                                           "persone in inserimento lavorativo e i prodotti vanno all'emporio "
                                           "solidale."),
                    ("op", "Grazie! Bella l'idea dei lotti per il centro diurno, ne parliamo con la cooperativa "
                           "vicina."),
                ),
            },
            {
                "title": "Pulizia dei sentieri con scuole e aziende: come si gestisce la sicurezza?",
                "author": "ets",
                "body": "Ogni primavera organizziamo giornate di pulizia dei sentieri e delle sponde del torrente. "
                        "Quest'anno vorremmo coinvolgere scuole e aziende. Come gestite sicurezza, dispositivi di "
                        "protezione e assicurazione per chi partecipa una volta sola?",
                "replies": (
                    ("ets", "Il registro è obbligatorio per i volontari non occasionali; per chi partecipa a una "
                            "singola giornata a {comune} attiviamo una polizza giornaliera nominativa, che costa "
                            "pochi euro a persona."),
                    ("ets", "Guanti, pinze raccoglitrici e gilet ad alta visibilità per tutti. Niente decespugliatori "
                            "o attrezzi a motore per chi non è formato: li usano solo i volontari che hanno fatto il "
                            "corso."),
                    ("pa:scuola", "Con le scuole servono il consenso dei genitori e la presenza degli insegnanti. Il "
                                  "tratto di sentiero va messo in sicurezza dagli adulti il giorno prima."),
                    ("any", "Per le aziende: molte hanno programmi di volontariato d'impresa con una propria "
                            "assicurazione. Chiedetelo subito, vi semplifica tutto."),
                    ("op", "Grazie, chiarissimo. Con le classi useremo il tratto preparato il giorno prima."),
                    ("fac", "Tra i materiali carichiamo le indicazioni regionali sulla sicurezza dei volontari nelle "
                            "attività all'aperto."),
                ),
            },
            {
                "title": "Aprire un Repair Café: attrezzature, responsabilità, volontari",
                "author": "any",
                "body": "Vorremmo aprire un Repair Café una volta al mese nella biblioteca comunale. Cerchiamo "
                        "consigli sulle attrezzature minime, sulle responsabilità per le riparazioni e su come "
                        "trovare volontari capaci di aggiustare di tutto.",
                "replies": (
                    ("ets", "A {comune} lo abbiamo aperto due anni fa: saldatore, multimetro, cacciaviti di "
                            "precisione, due macchine da cucire. Il resto lo portano i volontari. Servono prese con "
                            "salvavita e un estintore."),
                    ("ets", "Sulle responsabilità: facciamo firmare una liberatoria semplice, e chi porta l'oggetto "
                            "resta presente durante la riparazione e impara. È anche lo spirito del Repair Café."),
                    ("ets", "I volontari migliori li abbiamo trovati tra i pensionati delle ditte di elettrodomestici "
                            "e tra gli studenti dell'istituto tecnico. È bastato un annuncio nel gruppo del "
                            "quartiere."),
                    ("op", "Perfetto. {r1}, quante riparazioni riuscite a fare in una serata?"),
                    ("r1", "Tra venti e trenta, con otto volontari. Circa due terzi vanno a buon fine."),
                ),
            },
            {
                "title": "Educazione ambientale alla primaria: progetti che durano tutto l'anno",
                "author": "any",
                "body": "Cerchiamo idee di percorsi di educazione ambientale per la primaria che vadano oltre la "
                        "singola lezione in classe. Cosa ha funzionato nelle vostre scuole?",
                "replies": (
                    ("ets", "Adotta un'aiuola: ogni classe cura un pezzetto del giardino della scuola per tutto "
                            "l'anno, e noi passiamo una volta al mese. A {comune} ora lo fanno dieci classi."),
                    ("ets", "Le uscite sul torrente con il retino e la scheda degli insetti acquatici: in un'ora i "
                            "bambini capiscono cos'è la qualità dell'acqua."),
                    ("pa:scuola", "Noi facciamo la spesa senza imballaggi con le classi quarte al mercato rionale: "
                                  "matematica, ambiente ed educazione civica insieme."),
                    ("ets", "Se serve, possiamo prestare i kit per l'analisi dell'acqua: li abbiamo comprati con un "
                            "piccolo contributo regionale."),
                    ("op", "Che belle idee, grazie! Il prestito dei kit ci interessa molto, ti scrivo."),
                ),
            },
        ),
    },
)


# ----------------------------------------------------------------------------- verification

#: What an ETS's administrator writes when asking for verification (services.verification);
#: {section}, {number}: its RUNTS enrolment, {person}: who asks, {phone}: the organisation's.
VERIFICATION_MESSAGES = (
    "",
    "",
    "Siamo iscritti al RUNTS, sezione {section}), con il numero di repertorio {number}.",
    "Chiediamo la verifica per poter rispondere ai bisogni che la richiedono. Repertorio RUNTS n. {number}.",
    "Per qualsiasi controllo potete chiamare {person} al {phone}.",
    "Abbiamo aggiornato lo statuto e completato il profilo: restiamo a disposizione per ogni verifica.",
    "Iscrizione al RUNTS per trasmigrazione dal registro regionale, sezione {section}), n. {number}.",
)

#: Why a request was not accepted, with the platform admin's note (services.verification.REFUSAL_REASONS).
VERIFICATION_REFUSALS = (
    ("informazioni", "Inviateci copia dello statuto adeguato alla riforma del Terzo settore."),
    ("informazioni", "La sede indicata nel profilo non è quella dello statuto: indicateci qual è la sede legale."),
    ("runts", "Il numero di repertorio indicato non compare nel registro: controllate la sezione."),
    ("dati", "Il codice fiscale risulta intestato a un'associazione con un altro nome: aggiornate il profilo o "
             "scriveteci."),
    ("altro", "Il sito e i recapiti indicati non rispondono: aggiornateli e chiedete di nuovo."),
)
