"""The facilitator cockpit: per community, what needs a facilitator's attention.

Unanswered topics, flags waiting, members gone quiet, activity per week, and people of other
organisations worth inviting, with the reasons. Reserved to the community's facilitators and
platform admins (``communities.access(...).can_moderate``); everyone else gets PermissionDenied.
Reasons are structured (``Reason``): the template words them in the person's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from graph import Graph
from graph.repositories import cockpit as repo
from graph.repositories import people
from graph.repositories.people import Person
from mentore import clock
from mentore.reference.activities import BY_CODE as ACTIVITIES
from mentore.reference.vocabularies import N_, Message
from mentore.services import communities
from mentore.services.errors import NotFoundError, PermissionDenied

QUIET_DAYS = 60
WEEKS = 26
UNANSWERED_SHOWN = 50
TOP_COMPETENCIES = 5  # the competencies most common among the members' organisations
INVITE_ORGANISATIONS = 15
INVITE_PEOPLE = 20


@dataclass(frozen=True)
class Reason:
    """Why a person is worth inviting: ``kind`` activity | competency | territory | region."""

    kind: str
    label: str
    count: int = 0  # region: how many members are in the same region


@dataclass(frozen=True)
class Invitee:
    person_id: str
    name: str
    job_title: str | None
    organisation_id: str
    organisation_name: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Week:
    start: dt.date
    topics: int
    replies: int

    @property
    def total(self) -> int:
        return self.topics + self.replies


@dataclass(frozen=True)
class Cockpit:
    community: dict[str, Any]
    access: communities.Access
    now: dt.datetime
    unanswered: list[dict[str, Any]]  # each with age_days
    unanswered_total: int
    open_flags: int
    gone_quiet: list[dict[str, Any]]  # wrote here, not in the last QUIET_DAYS days
    never_wrote: list[dict[str, Any]]
    weeks: list[Week]
    invitees: list[Invitee]
    can_invite: bool  # the invitation button is shown
    quiet_days: int = QUIET_DAYS
    theme_competencies: list[dict[str, Any]] = field(default_factory=list)


def community_for_facilitator(graph: Graph, actor: Person | None, slug: str) -> tuple[dict[str, Any],
                                                                                       communities.Access]:
    """The community and the actor's access to it, if they may moderate it."""
    community = repo.community_by_slug(graph, slug)
    if community is None:
        raise NotFoundError(slug)
    access = communities.access(graph, actor, community["id"])
    if not access.can_moderate:
        raise PermissionDenied(Message(N_("Il cruscotto è riservato ai facilitatori della comunità e agli "
                                          "amministratori della piattaforma.")))
    return community, access


def cockpit(graph: Graph, actor: Person | None, slug: str, now: dt.datetime | None = None) -> Cockpit:
    """Everything the cockpit page shows; ``now`` (UTC) fixes the instant figures refer to."""
    community, access = community_for_facilitator(graph, actor, slug)
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    cid = community["id"]
    found = repo.unanswered(graph, cid, UNANSWERED_SHOWN)
    unanswered = [{**t, "age_days": _age_days(t["created_at"], now)} for t in found.items]
    quiet = repo.quiet_members(graph, cid, now.isoformat(), QUIET_DAYS)
    profile = repo.member_profile(graph, cid, TOP_COMPETENCIES)
    return Cockpit(
        community=community, access=access, now=now, unanswered=unanswered, unanswered_total=found.total,
        open_flags=repo.open_flags(graph, cid),
        gone_quiet=[{**m, "quiet_days": _age_days(m["last_written_at"], now)} for m in quiet if m["writings"]],
        never_wrote=[m for m in quiet if not m["writings"]],
        weeks=weekly_activity(graph, cid, now),
        invitees=invitees(graph, community, profile),
        can_invite=True,
        theme_competencies=profile.competencies,
    )


def weekly_activity(graph: Graph, community_id: str, now: dt.datetime, weeks: int = WEEKS) -> list[Week]:
    """Topics and replies per week, the ``weeks`` weeks up to the current one (oldest first,
    weeks without activity included). Weeks are Italy's: from Monday at midnight in Italy."""
    today = clock.today(now)
    monday = today - dt.timedelta(days=today.weekday())
    starts = [monday - dt.timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    since = clock.day_start(starts[0])
    counts: dict[tuple[str, str], int] = {(r["week"], r["kind"]): r["count"] for r in repo.weekly_activity(
        graph, community_id, since, clock.ITALY.key)}
    return [Week(start=s, topics=counts.get((s.isoformat(), "topics"), 0),
                 replies=counts.get((s.isoformat(), "replies"), 0)) for s in starts]


def invitees(graph: Graph, community: dict[str, Any], profile: repo.MemberProfile,
             limit: int = INVITE_PEOPLE) -> list[Invitee]:
    """People of organisations not yet in the community, closest to its theme first."""
    competencies = {c["id"]: c for c in profile.competencies}
    regions = {r["id"]: r["members"] for r in profile.regions}
    territories = {t["id"]: t["name"] for t in community.get("territories") or []}
    rows = repo.invite_candidates(
        graph, community["id"], represented=profile.organisations, activities=community.get("activities") or [],
        competencies=list(competencies), territories=list(territories), regions=regions,
        limit=INVITE_ORGANISATIONS)
    out: list[Invitee] = []
    for row in rows:
        reasons = [Reason("activity", _activity_label(code)) for code in row["activities"]]
        reasons += [Reason("competency", (competencies[k]["label"] or k).lower()) for k in row["competencies"]]
        reasons += [Reason("territory", territories.get(t, t)) for t in row["territories"]]
        region = row["region"]
        if region and regions.get(region["id"]):
            reasons.append(Reason("region", region["name"], regions[region["id"]]))
        for person in row["people"]:
            out.append(Invitee(person_id=person["id"], name=person["name"], job_title=person.get("job_title"),
                               organisation_id=row["organisation_id"], organisation_name=row["organisation_name"],
                               score=row["score"], reasons=tuple(reasons)))
    return out[:limit]


def invite(graph: Graph, actor: Person | None, slug: str, person_id: str) -> Person:
    """Invite a suggested person from the cockpit, through the forum's invitation (which checks
    the actor again, writes the INVITED relationship and notifies the person); the person."""
    community_for_facilitator(graph, actor, slug)
    person = people.get(graph, person_id)
    if person is None or not person.active or not person.email:
        raise NotFoundError(person_id)
    communities.invite(graph, actor, communities.by_slug(graph, slug), person.email)
    return person


def _activity_label(code: str) -> str:
    activity = ACTIVITIES.get(code)
    return f"{code}) {activity.short[:1].lower()}{activity.short[1:]}" if activity else code


def _age_days(iso: str | None, now: dt.datetime) -> int:
    if not iso:
        return 0
    when = dt.datetime.fromisoformat(iso.split("[", 1)[0].replace("Z", "+00:00"))
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0, (now - when).days)
