"""CSV import of organisations: every row validated by the profile form (same rules and
messages as the web page), rejected rows reported with their reasons, the codice fiscale as the
key, so importing the same file twice creates no duplicate."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app
from werkzeug.datastructures import MultiDict

from graph import Graph
from graph.repositories import organisations as repo
from mentore.organisations.forms import OrganisationForm
from mentore.services import competencies

#: CSV column → form field. Lists are separated by ";" (or ",", "|").
COLUMNS = {
    "codice_fiscale": "codice_fiscale",
    "nome": "name",
    "tipo": "kind",
    "forma_giuridica": "legal_form",
    "sezione_runts": "runts_section",
    "numero_runts": "runts_number",
    "comune": "seat",
    "attivita": "activities",
    "competenze": "competencies",
    "risorse": "resources",
    "territori": "works_in",
    "descrizione": "description",
    "sito_web": "website",
    "email": "email",
    "telefono": "phone",
    "anno_fondazione": "founded",
}
REQUIRED = ("codice_fiscale", "nome", "tipo", "forma_giuridica", "comune")
LIST_FIELDS = {"activities", "competencies", "resources", "works_in"}
KIND_ALIASES = {"ets": "ETS", "ente del terzo settore": "ETS", "public_body": "PUBLIC_BODY",
                "ente pubblico": "PUBLIC_BODY", "pa": "PUBLIC_BODY"}
BATCH = 500


@dataclass
class Rejected:
    line: int
    row: dict[str, str]
    reasons: list[str]


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return self.created + self.updated


class ImportFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns)."""


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("Il file non è in UTF-8: salvalo come «CSV UTF-8» e riprova.") from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(f"Mancano le colonne obbligatorie: {', '.join(missing)}.")
    reader.fieldnames = header
    rows = [(reader.line_num, {k: (v or "").strip() for k, v in row.items() if k}) for row in reader]
    return header, [(line, row) for line, row in rows if any(row.values())]


def _formdata(row: dict[str, str]) -> MultiDict:
    data = MultiDict()
    for column, name in COLUMNS.items():
        value = row.get(column, "")
        if not value:
            continue
        if name in LIST_FIELDS:
            for item in value.replace("|", ";").replace(",", ";").split(";"):
                if item.strip():
                    data.add(name, _territory(item.strip()) if name == "works_in" else item.strip().lower())
        elif name == "kind":
            data.add(name, KIND_ALIASES.get(value.lower(), value.upper()))
        elif name in ("legal_form", "runts_section"):
            data.add(name, value.lower())
        else:
            data.add(name, value)
    return data


def _territory(value: str) -> str:
    """Territories by ISTAT code: 2 digits a region, 3 a province, 6 a comune; or an id."""
    if ":" in value:
        return value
    return {2: "regione:", 3: "provincia:", 6: "comune:"}.get(len(value), "") + value


def validate_row(row: dict[str, str], competency_choices: list[tuple[str, str]] | None = None,
                 ) -> tuple[dict | None, list[str]]:
    """Validate one row; needs a request context (the form's messages are translated per request)."""
    data = _formdata(row)
    works_in = data.getlist("works_in")
    comuni = [(t, t) for t in works_in if t.startswith("comune:")]
    form = OrganisationForm(formdata=data, meta={"csrf": False}, extra_areas=comuni,
                            competency_choices=competency_choices)
    if not form.validate():
        reverse = {v: k for k, v in COLUMNS.items()}
        return None, [f"{reverse.get(name, name)}: {' '.join(str(m) for m in messages)}"
                      for name, messages in form.errors.items()]
    profile = form.to_input()
    return {"props": profile.props(), "seat": profile.seat, "works_in": list(profile.works_in),
            "activities": list(profile.activities), "competencies": list(profile.competencies)}, []


def import_organisations(graph: Graph, path: Path, progress: Callable[[int], None] = lambda n: None) -> ImportReport:
    _, rows = read_rows(path)
    report = ImportReport()
    seen: dict[str, int] = {}
    batch: list[dict] = []
    choices = [(c.id, c.label) for c in competencies.vocabulary(graph)]
    for line, row in rows:
        with current_app.test_request_context():  # Italian messages, as on the web form
            valid, reasons = validate_row(row, choices)
        if valid is not None:
            cf = valid["props"]["codice_fiscale"]
            if cf in seen:
                valid, reasons = None, [f"codice_fiscale: già presente alla riga {seen[cf]} di questo file."]
            else:
                seen[cf] = line
        if valid is None:
            report.rejected.append(Rejected(line, row, reasons))
        else:
            batch.append(valid)
        if len(batch) >= BATCH:
            _write(graph, batch, report)
            batch = []
        progress(1)
    _write(graph, batch, report)
    return report


def _write(graph: Graph, batch: list[dict], report: ImportReport) -> None:
    if not batch:
        return
    existing = repo.existing_codici_fiscali(graph, [r["props"]["codice_fiscale"] for r in batch])
    repo.upsert_by_codice_fiscale(graph, batch)
    report.updated += len(existing)
    report.created += len(batch) - len(existing)


def write_rejected(report: ImportReport, header: list[str], target: Path) -> None:
    with target.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";")
        writer.writerow(["riga", "motivo", *header])
        for r in report.rejected:
            writer.writerow([r.line, " | ".join(r.reasons), *[r.row.get(h, "") for h in header]])


