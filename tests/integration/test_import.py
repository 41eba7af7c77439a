"""`mentore import organisations FILE.csv`: validated rows, a report of the rejected ones,
and the codice fiscale as the key, so a second import creates nothing new."""

import csv

from mentore import create_app
from mentore.cli import cli
from tests.conftest import app_config

HEADER = ("codice_fiscale;nome;tipo;forma_giuridica;sezione_runts;numero_runts;comune;attivita;competenze;"
          "risorse;territori;descrizione;sito_web;email;telefono;anno_fondazione")
GOOD = [
    "80087670016;Regione Piemonte;ente pubblico;regione;;;Torino;a|d;;;01;Ente regionale;;;;",
    "90012345675;Associazione Prova;ETS;ODV;a;123;Biella;a;assistenza-anziani;volontari;096;"
    "Volontari per gli anziani;https://prova.example.it;info@prova.example.it;015 123456;2015",
]
BAD = [
    "12345678901;CF sbagliato;ETS;odv;a;;Biella;a;;;;;;;;",
    "90012345675;Doppione nel file;ETS;odv;a;;Biella;a;;;;;;;;",
    "91000000017;Comune ambiguo;ETS;aps;b;;Castro;zz;;;;;;;;",
]


def run_import(neo4j_server, path):
    app = create_app(app_config(neo4j_server))
    return app.test_cli_runner().invoke(cli, args=["import", "organisations", str(path)])


def test_import_validates_every_row_and_reports_the_rejected_ones(neo4j_server, graph, tmp_path):
    path = tmp_path / "enti.csv"
    path.write_text("\n".join([HEADER, *GOOD, *BAD]) + "\n", encoding="utf-8")
    result = run_import(neo4j_server, path)
    assert result.exit_code == 0, result.output
    assert "nuove: 2; aggiornate: 0; scartate: 3" in result.output
    with open(tmp_path / "enti.scartate.csv", encoding="utf-8") as fh:
        rejected = {row["riga"]: row["motivo"] for row in csv.DictReader(fh, delimiter=";")}
    assert "Codice fiscale non valido" in rejected["4"]
    assert "già presente alla riga 3" in rejected["5"]
    assert "Castro (LE)" in rejected["6"] and "Valori non ammessi: zz" in rejected["6"]
    stored = graph.read("MATCH (o:Organisation {codice_fiscale: '90012345675'})-[:LOCATED_IN]->(t) "
                        "RETURN o.name AS name, o.legal_form AS lf, t.name AS seat, "
                        "COUNT { (o)-[:WORKS_IN]->(:Territory {id: 'provincia:096'}) } AS works")
    assert stored == [{"name": "Associazione Prova", "lf": "odv", "seat": "Biella", "works": 1}]


def test_importing_the_same_file_twice_creates_no_duplicates(neo4j_server, graph, tmp_path):
    path = tmp_path / "enti.csv"
    path.write_text("\n".join([HEADER, *GOOD]) + "\n", encoding="utf-8")
    run_import(neo4j_server, path)
    second = run_import(neo4j_server, path)
    assert "nuove: 0; aggiornate: 2; scartate: 0" in second.output
    assert graph.read("MATCH (o:Organisation) RETURN count(o) AS n")[0]["n"] == 2


def test_a_file_without_the_required_columns_is_refused(neo4j_server, graph, tmp_path):
    path = tmp_path / "enti.csv"
    path.write_text("nome;comune\nPippo;Biella\n", encoding="utf-8")
    result = run_import(neo4j_server, path)
    assert result.exit_code != 0
    assert "Mancano le colonne obbligatorie: codice_fiscale, tipo, forma_giuridica" in result.output
