"""Commands of the matcher.

    mentore embeddings rebuild [--all]   vectors of partnerships, needs, organisations
    mentore matcher train                rankers from the history and the feedback in the graph
    mentore suggestions refresh [--all]  suggestions of open needs (stale ones, or all)
    mentore bench matching BUNDLE --out RANKINGS.jsonl
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import click
from flask.cli import with_appcontext

from graph import GraphUnavailable
from graph.driver import DriverSettings, connect
from mentore.extensions import matcher_of, neo4j
from mentore.matcher.embedding import EmbeddingError
from mentore.progress import bar


def _unavailable(exc: GraphUnavailable) -> click.ClickException:
    return click.ClickException(f"{exc}\nAvviare Neo4j con `scripts/neo4j start` e riprovare.")


@click.group("embeddings")
def embeddings() -> None:
    """Text vectors of the graph."""


@embeddings.command("rebuild")
@click.option("--all", "everything", is_flag=True, help="Re-embed everything, not only what is missing or stale.")
@with_appcontext
def embeddings_rebuild(everything: bool) -> None:
    """Embed partnerships, needs and organisations with the configured model."""
    from mentore.services import matching, setup

    matcher = matcher_of()
    started = time.monotonic()
    try:
        done = matching.embed_all(matcher, neo4j.graph, everything=everything,
                                  progress=setup.by_label(bar))
    except EmbeddingError as exc:
        raise click.ClickException(f"Modello non disponibile: {exc}") from exc
    except GraphUnavailable as exc:
        raise _unavailable(exc) from exc
    summary = ", ".join(f"{label}: {n}" for label, n in done.items())
    click.echo(f"Vettori calcolati con {matcher.model} ({summary}) in {time.monotonic() - started:.1f} s.")


@click.group("matcher")
def matcher_group() -> None:
    """The matcher's rankers."""


@matcher_group.command("train")
@click.option("--if-untrained", is_flag=True,
              help="Only when no ranker has been learned yet (make demo: a second run changes nothing).")
@with_appcontext
def matcher_train(if_untrained: bool) -> None:
    """Learn the rankers from the partnerships and the feedback in the graph."""
    from mentore.services import matching

    try:
        if if_untrained and matching.has_learned_rankers(neo4j.graph):
            click.echo("Modelli di ordinamento già appresi: nulla da fare "
                       "(senza --if-untrained si addestrano di nuovo).")
            return
        with bar("Esempi", matching.TRAINING_QUERIES) as advance:
            outcome = matching.train(matcher_of(), neo4j.graph, progress=lambda i, n: advance(1))
    except GraphUnavailable as exc:
        raise _unavailable(exc) from exc
    for task, what in outcome.items():
        click.echo(f"  {task:<8} {what}")


@click.group("suggestions")
def suggestions() -> None:
    """Suggestions of open needs."""


@suggestions.command("refresh")
@click.option("--all", "everything", is_flag=True, help="Every open need, not only those whose suggestions are stale.")
@with_appcontext
def suggestions_refresh(everything: bool) -> None:
    """Compute the suggestions of open needs (a scheduler may run this)."""
    from mentore.services import suggestions as service

    count = _each("Bisogni", lambda: service.needs_to_refresh(neo4j.graph, everything),
                  lambda need_id: service.refresh(matcher_of(), neo4j.graph, need_id))
    click.echo(f"Suggerimenti aggiornati per {count} bisogn{'o' if count == 1 else 'i'}.")


def _each(label: str, ids: Callable[[], list[str]], step: Callable[[str], object]) -> int:
    """``step`` for each of ``ids()``, with a progress bar; how many there were."""
    try:
        todo = ids()
        with bar(label, len(todo)) as advance:
            for one in todo:
                step(one)
                advance(1)
    except GraphUnavailable as exc:
        raise _unavailable(exc) from exc
    return len(todo)


@click.group("partners")
def partners() -> None:
    """Possible partners shown on organisations' pages."""


@partners.command("refresh")
@click.option("--all", "everything", is_flag=True, help="Every organisation, not only those whose list is due.")
@with_appcontext
def partners_refresh(everything: bool) -> None:
    """Compute the possible partners of organisations (a scheduler may run this; pages otherwise
    ask for them in the background when they find them missing or old)."""
    from mentore.services import suggestions as service

    count = _each("Organizzazioni", lambda: service.organisations_with_partners_due(neo4j.graph, everything),
                  lambda organisation_id: service.refresh_organisation_partners(matcher_of(), neo4j.graph,
                                                                                organisation_id))
    click.echo(f"Possibili partner aggiornati per {count} organizzazion{'e' if count == 1 else 'i'}.")


@click.group("bench")
def bench() -> None:
    """Benchmarks."""


@bench.command("matching")
@click.argument("bundle", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the rankings (JSON lines: {id, ranking}).")
@click.option("--heap", default="2g", show_default=True, help="Heap of the throwaway Neo4j.")
@click.option("--keep", is_flag=True, help="Leave the throwaway Neo4j home on disk (to look into it).")
@click.option("--ceiling", is_flag=True,
              help="Partners bundles: also score a ranker fitted on the bundle's own answers (2 folds by project), "
                   "the bound of what learning the weights of the matcher's features can give.")
@click.option("--hand-set", "hand_set", is_flag=True,
              help="Partners bundles: also score the same candidates ranked by the hand-set weights, "
                   "as a site that has learned nothing yet would rank them.")
@click.option("--features", "features", type=click.Path(dir_okay=False, path_type=Path),
              help="Partners bundles: save every query's candidates and their features there (.npz), and the "
                   "examples the rankers learned from beside it (F.training.npz).")
@click.option("--model", "model", default=None,
              help="The embedding model: use-multilingual-v3 (the default) or st:<folder or installed package> "
                   "(extra [st]).")
def bench_matching(bundle: Path, out: Path, heap: str, keep: bool, ceiling: bool, hand_set: bool,
                   features: Path | None, model: str | None) -> None:
    """Load BUNDLE into a throwaway Neo4j through the import code, run the matcher for every
    query, write the rankings and print the scores next to simple baselines."""
    from graph import server
    from mentore.matcher import embedding
    from mentore.matcher import evaluation as ev
    from mentore.services import evaluation
    from mentore.services.matching import Matcher

    try:
        kind = ev.bundle_kind(bundle)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc
    extras = evaluation.Extras(ceiling=ceiling, hand_set=hand_set, features=features)
    if extras.observe and kind != "partners":
        raise click.BadParameter("--ceiling, --hand-set e --features valgono solo per i bundle di partenariati "
                                 "(organisations, projects, queries).")
    spec = model or embedding.DEFAULT_MODEL
    try:
        embedding.load(spec)  # before any server starts: a model that cannot load is a clear error now
    except embedding.EmbeddingError as exc:
        raise click.BadParameter(str(exc), param_hint="--model") from exc
    root = Path(__file__).resolve().parents[2] / "var" / "neo4j"
    started = time.monotonic()
    # a plain `kill` must still stop the throwaway server: SIGTERM unwinds like Ctrl-C
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with server.throwaway(root / f"bench-matching-{os.getpid()}", root / f"lib-{server.NEO4J_VERSION}",
                          timeout=180, keep=keep, heap=heap, pagecache="1g", tx_memory="1g") as instance:
        click.echo(f"Bundle {bundle} ({kind}); modello {spec}; Neo4j usa e getta in {instance.home} sulla porta "
                   f"{instance.port}.")
        graph = connect(DriverSettings(instance.uri, "neo4j", instance.password, retry_time=30.0))
        try:
            report = evaluation.run(graph, Matcher(load_embedder=lambda: embedding.load(spec)), bundle, out,
                                    progress=bar, extras=extras)
        finally:
            graph.close()
    click.echo(f"\nClassifiche scritte in {out}. Tempi (s): "
               + ", ".join(f"{k} {v}" for k, v in report.timings.items())
               + f"; in tutto {time.monotonic() - started:.0f} s.")
    if report.training:
        click.echo("Modelli: " + "; ".join(f"{k}: {v}" for k, v in report.training.items()))
    _print_figures(report.figures)
    if "ceiling" in report.figures:
        click.echo("\nceiling: ogni richiesta ordinata da un modello addestrato sulle risposte delle altre richieste "
                   "del bundle (2 gruppi per progetto): il limite di ciò che pesare diversamente le stesse "
                   "caratteristiche può dare. Non è una cifra del matcher.")
    if "hand-set" in report.figures:
        click.echo("hand-set: gli stessi candidati ordinati dai pesi fissati a mano, come su un sito che non ha "
                   "ancora imparato nulla.")
    if features is not None:
        click.echo(f"Candidati e caratteristiche di ogni richiesta salvati in {features}; gli esempi "
                   f"dell'addestramento in {evaluation.examples_path(features)}.")


def _print_figures(figures: dict) -> None:
    groups = sorted({g for rows in figures.values() for g in rows})
    for group in groups:
        click.echo(f"\n{group}")
        for method, rows in figures.items():
            row = rows.get(group)
            if row:
                metrics = "  ".join(f"{k}={v}" for k, v in row.items())
                click.echo(f"  {method:<18} {metrics}")
    sys.stdout.flush()
