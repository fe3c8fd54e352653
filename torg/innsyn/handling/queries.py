"""Reads for the back office: the queue's sections and counts, and answer times per service area."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from torg.inquiries.deadlines import add_working_days, working_days_between

from ..requests import InnsynskravDel, InnsynskravDelQuerySet, InnsynskravStatus
from .access import visible_parts

STATS_DAYS = 90


def due_soon_until(today: dt.date) -> dt.date:
    """Parts due by the next working day are "due soon"."""
    return add_working_days(today, 1)


def section_parts(parts: InnsynskravDelQuerySet, section: str, today: dt.date) -> InnsynskravDelQuerySet:
    """One section of the queue: nye (every undecided part), snart, forfalne, klager (open appeals), avgjorde."""
    undecided = parts.undecided()
    if section == "klager":
        return open_appeals(parts).order_by("klage__deadline", "pk")
    if section == "snart":
        return undecided.filter(deadline__gte=today, deadline__lte=due_soon_until(today)).order_by("deadline", "pk")
    if section == "forfalne":
        return undecided.filter(deadline__lt=today).order_by("deadline", "pk")
    if section == "avgjorde":
        return parts.decided().order_by("-decided_at", "-pk")
    return undecided.order_by("deadline", "pk")


def queue_counts(parts: InnsynskravDelQuerySet, today: dt.date) -> dict[str, int]:
    undecided = parts.undecided()
    return {
        "nye": undecided.count(),
        "snart": undecided.filter(deadline__gte=today, deadline__lte=due_soon_until(today)).count(),
        "forfalne": undecided.filter(deadline__lt=today).count(),
        "klager": open_appeals(parts).count(),
        "avgjorde": parts.decided().count(),
    }


def open_appeals(parts: InnsynskravDelQuerySet) -> InnsynskravDelQuerySet:
    """Parts whose appeal the municipality has not answered yet."""
    return parts.filter(klage__isnull=False, klage__outcome="")


def needs_attention(user: Any) -> int:
    """Undecided parts and open appeals the user may handle: each must be answered within days."""
    visible = visible_parts(user)
    return int(visible.undecided().count()) + int(open_appeals(visible).count())


@dataclass
class AnswerTimes:
    """One row of the answer-time table."""

    area: str
    received: int = 0
    decided: int = 0
    within: int = 0  # decided on or before the deadline
    open_overdue: int = 0  # not decided, deadline passed
    days: list[int] | None = None  # working days from verification to decision, per decided part

    @property
    def median_days(self) -> float | None:
        return float(statistics.median(self.days)) if self.days else None

    @property
    def due(self) -> int:
        """Parts that count for the share: decided, or past their deadline."""
        return self.decided + self.open_overdue

    @property
    def within_share(self) -> float | None:
        return self.within / self.due if self.due else None


def answer_times(*, no_area: str, total: str, now: dt.datetime | None = None) -> tuple[list[AnswerTimes], AnswerTimes]:
    """Per service area (and in all): parts of requests verified in the last STATS_DAYS days.

    The answer time counts working days from the day the requester verified the request
    to the day of the decision (0: the same day). The share within the deadline counts
    decided parts and parts whose deadline has passed undecided.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = now - dt.timedelta(days=STATS_DAYS)
    rows = (
        InnsynskravDel.objects.for_handlers()
        .filter(krav__verified_at__gte=since)
        .values_list("journalpost__service_area__name", "krav__verified_at", "decided_at", "deadline", "status")
    )
    by_area: dict[str, AnswerTimes] = {}
    everything = AnswerTimes(area=total, days=[])
    for area_name, verified_at, decided_at, deadline, status in rows:
        name = area_name or no_area
        row = by_area.setdefault(name, AnswerTimes(area=name, days=[]))
        for target in (row, everything):
            target.received += 1
            if status != InnsynskravStatus.NY and decided_at is not None:
                decided_day = timezone.localdate(decided_at)
                target.decided += 1
                target.within += int(decided_day <= deadline)
                assert target.days is not None
                target.days.append(working_days_between(timezone.localdate(verified_at), decided_day))
            elif deadline < today:
                target.open_overdue += 1
    ordered = sorted(by_area.values(), key=lambda r: (r.area == no_area, r.area.casefold()))
    return ordered, everything
