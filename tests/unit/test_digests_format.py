"""The digest's pure pieces: due times, grouping by kind, the mail text, the summary line."""

import datetime as dt

import pytest

from mentore.services import notifications as service
from mentore.services.errors import ValidationFailed

NOW = dt.datetime(2026, 11, 22, 7, 0, tzinfo=dt.UTC)


def item(kind, title, created_at="2026-11-20T10:00:00Z", **extra):
    return {"id": f"{kind}-{title}", "kind": kind, "title": title, "created_at": created_at,
            "url": f"/comunita/inclusione/discussioni/{title}", "actor_name": None, "excerpt": "", **extra}


def test_grouping_follows_the_order_of_kinds_and_keeps_each_group_oldest_first():
    items = [item("new_topic", "b"), item("reply", "z", "2026-11-21T00:00:00Z"), item("reply", "a"),
             item("weird", "w"), item("mention", "m")]
    grouped = service.group(items)
    assert [kind for kind, _ in grouped] == ["reply", "mention", "new_topic", "weird"]
    assert [i["title"] for i in grouped[0][1]] == ["a", "z"]


def test_the_digest_has_one_section_per_kind_with_absolute_links_and_the_preferences_link():
    digest = service.Digest("p-1", "Luca Bianchi", "luca@example.it", "weekly", [
        item("reply", "t1", actor_name="Maria Rossi", excerpt="Noi abbiamo un pulmino"),
        item("mention", "t2"), item("reply", "t3")])
    subject, body = service.format_digest(digest, "https://mentore.example.it/")

    assert subject == "Mentore: 3 novità dal tuo ultimo riepilogo"
    assert body.startswith("Buongiorno Luca Bianchi,") and "riepilogo settimanale" in body
    assert "Risposte alle tue discussioni (2)" in body and "Ti hanno menzionato (1)" in body
    assert body.index("Risposte alle tue discussioni") < body.index("Ti hanno menzionato")
    link = "https://mentore.example.it/comunita/inclusione/discussioni/t1"
    assert f"- Maria Rossi: t1\n  «Noi abbiamo un pulmino»\n  {link}" in body
    assert "https://mentore.example.it/notifiche/preferenze" in body and "//notifiche" not in body
    assert "mai una e-mail per ogni singolo evento" in body and "Moderazione" not in body


def test_a_digest_says_how_many_more_wait_on_the_site():
    digest = service.Digest("p-1", "Luca", "luca@example.it", "daily", [item("solution", "s")], more=4)
    subject, body = service.format_digest(digest, "http://localhost:5000")
    assert subject == "Mentore: 5 novità dal tuo ultimo riepilogo"
    assert "riepilogo giornaliero" in body and "… e altre 4" in body and "una volta al giorno" in body


@pytest.mark.parametrize(("frequency", "last_sent", "due"), [
    ("daily", None, True),
    ("daily", NOW - dt.timedelta(hours=22), False),
    ("daily", NOW - dt.timedelta(days=1), True),
    ("daily", NOW - dt.timedelta(hours=23, minutes=59), True),  # yesterday's run finished a bit later
    ("weekly", NOW - dt.timedelta(days=6), False),
    ("weekly", NOW - dt.timedelta(days=7), True),
    ("weekly", None, True),
    ("none", None, False),
])
def test_a_digest_is_due_once_per_period(frequency, last_sent, due):
    assert service.is_due(frequency, last_sent, NOW) is due


def test_the_cutoffs_of_the_graph_query_are_the_same_rule():
    cutoffs = service.due_cutoffs(NOW)
    assert cutoffs == {"daily": "2026-11-21T08:00:00+00:00", "weekly": "2026-11-15T08:00:00+00:00"}


def test_frequencies_never_include_none():
    assert service.frequencies_for("all") == ("daily", "weekly")
    assert service.frequencies_for("daily") == ("daily",)
    with pytest.raises(ValidationFailed):
        service.frequencies_for("none")


def test_the_summary_is_italian_and_counts_in_the_singular_and_plural():
    report = service.DigestReport(due=15, sent=12, without_news=3, notifications=40, deleted=1)
    assert report.summary() == ("12 riepiloghi inviati (40 notifiche), 3 persone senza novità; "
                                "1 notifica letta eliminata (più vecchie di 180 giorni).")
    failed = service.DigestReport(sent=1, without_news=1, notifications=1, failed=["a@b.it"], dry_run=True)
    assert failed.summary() == ("1 riepilogo da inviare (1 notifica), 1 persona senza novità, 1 invio fallito "
                                "(riprovati al prossimo giro). Prova: nessuna e-mail inviata, nulla modificato.")


def test_every_kind_of_notification_has_its_heading_in_a_digest_and_its_badge_in_the_list():
    from mentore.notifications.views import KIND_LABELS

    assert set(service.KIND_HEADINGS) == set(service.KINDS) == set(KIND_LABELS)
