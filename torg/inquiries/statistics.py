"""Answer times against the deadline (svarfrist) in Servicetorget, for leaders.

Every figure is about the inquiries *received* in the period: of those, how
many are answered, answered within the deadline (``answered_at <= due_at``)
or late, still open, and overdue now. Answer times run from received to the
first answer, in working days (``deadlines.working_days_between`` on local
dates) and in clock hours. Percentiles are computed in Python over the
answered rows; the counts come from one grouped query.

Who sees what: superusers, those who handle every inquiry, the ordførar,
the rådmann and the kommunikasjonssjef see every service area; a
kommunalsjef or tenesteleiar sees only the areas they lead.
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torg.core.models import ServiceArea
from torg.core.roles import Role

from . import deadlines, queries
from .models import OPEN_STATUSES, Channel, Inquiry, Status

# Roles that see the statistics of every service area (besides queries.handles_all).
ALL_AREA_ROLES = (Role.ORDFORAR, Role.RADMANN, Role.KOMMUNIKASJONSSJEF)
# Leaders who see the statistics of the service areas they lead.
AREA_LEADER_ROLES = (Role.KOMMUNALSJEF, Role.TENESTELEIAR)

PRESETS: dict[str, Any] = {
    "30": _("Last 30 days"),
    "90": _("Last 90 days"),
    "year": _("This year"),
}
DEFAULT_PRESET = "90"
# A chosen period may be at most this long (the weekly series stays readable).
MAX_PERIOD_DAYS = 3 * 366
NO_AREA_LABEL = _("No service area")


# --- Who may see what ---------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The service areas a user may see statistics for."""

    all_areas: bool
    area_ids: frozenset[int] = frozenset()


def scope_for(user: Any) -> Scope | None:
    """The user's scope, or None when the user may not see the statistics at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if queries.handles_all(user):
        return Scope(all_areas=True)
    rows = queries._role_rows(user)
    if any(role in ALL_AREA_ROLES for role, _area in rows):
        return Scope(all_areas=True)
    led = frozenset(area for role, area in rows if area is not None and role in AREA_LEADER_ROLES)
    return Scope(all_areas=False, area_ids=led) if led else None


def may_see_statistics(user: Any) -> bool:
    return scope_for(user) is not None


def areas_in(scope: Scope) -> QuerySet[ServiceArea]:
    areas = ServiceArea.objects.all()
    return areas if scope.all_areas else areas.filter(pk__in=scope.area_ids)


# --- The period ---------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # inclusive
    preset: str = ""  # a key of PRESETS, or "" for chosen dates

    @classmethod
    def from_preset(cls, preset: str, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        if preset == "30":
            return cls(today - datetime.timedelta(days=29), today, preset)
        if preset == "year":
            return cls(datetime.date(today.year, 1, 1), today, preset)
        return cls(today - datetime.timedelta(days=89), today, DEFAULT_PRESET)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """From the start of the first day to the start of the day after the last, local time."""
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
        return start, end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


# --- Figures ------------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float | None:
    """The ``fraction`` percentile by linear interpolation between the closest ranks (as spreadsheets do)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * fraction
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@dataclass
class Figures:
    """The answer-time figures of one group of inquiries (an area, a channel, a cell or all)."""

    label: str
    received: int = 0
    answered: int = 0
    in_time: int = 0
    open_now: int = 0
    overdue_now: int = 0
    preliminary: int = 0
    days: list[int] = field(default_factory=list, repr=False)
    hours: list[float] = field(default_factory=list, repr=False)

    @property
    def late(self) -> int:
        return self.answered - self.in_time

    @property
    def share_in_time(self) -> float | None:
        """Percent of the answered inquiries answered within the deadline (None: nothing answered)."""
        return round(100 * self.in_time / self.answered, 1) if self.answered else None

    @property
    def median_days(self) -> float | None:
        return _rounded(percentile([float(d) for d in self.days], 0.5))

    @property
    def p90_days(self) -> float | None:
        return _rounded(percentile([float(d) for d in self.days], 0.9))

    @property
    def median_hours(self) -> float | None:
        return _rounded(percentile(self.hours, 0.5))

    @property
    def p90_hours(self) -> float | None:
        return _rounded(percentile(self.hours, 0.9))

    def add_counts(self, row: dict[str, Any]) -> None:
        for name in ("received", "answered", "in_time", "open_now", "overdue_now", "preliminary"):
            setattr(self, name, getattr(self, name) + row[name])

    def add_answer(self, days: int, hours: float) -> None:
        self.days.append(days)
        self.hours.append(hours)


@dataclass(frozen=True)
class Week:
    year: int  # ISO year
    week: int  # ISO week
    received: int
    answered: int
    in_time: int


@dataclass
class Report:
    period: Period
    area: ServiceArea | None  # the chosen area, None for all the user may see
    total: Figures
    areas: list[Figures]
    channels: list[Figures]
    cells: list[tuple[str, str, Figures]]  # (area label, channel label, figures) with inquiries
    weeks: list[Week]

    @property
    def spans_years(self) -> bool:
        return len({w.year for w in self.weeks}) > 1


def channel_label(value: str) -> str:
    try:
        return str(Channel(value).label)
    except ValueError:
        return value


def _cohort(scope: Scope, period: Period, area: ServiceArea | None) -> QuerySet[Inquiry]:
    start, end = period.bounds()
    inquiries = Inquiry.objects.filter(received_at__gte=start, received_at__lt=end)
    if area is not None:
        return inquiries.filter(area=area)
    if not scope.all_areas:
        return inquiries.filter(area_id__in=scope.area_ids)
    return inquiries


def build_report(
    *, scope: Scope, period: Period, area: ServiceArea | None = None, now: datetime.datetime | None = None
) -> Report:
    """All the figures of the statistics page in four queries, however many inquiries there are."""
    if area is not None and not scope.all_areas and area.pk not in scope.area_ids:
        raise ValueError("The area is outside the user's scope.")
    now = now or timezone.now()
    cohort = _cohort(scope, period, area).order_by()
    areas = [area] if area is not None else list(areas_in(scope))
    area_names: dict[int | None, str] = {a.pk: a.name for a in areas}

    counts = cohort.values("area_id", "channel").annotate(
        received=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        in_time=Count("pk", filter=Q(answered_at__isnull=False, answered_at__lte=F("due_at"))),
        open_now=Count("pk", filter=Q(status__in=OPEN_STATUSES)),
        overdue_now=Count("pk", filter=Q(status__in=(Status.NEW, Status.IN_PROGRESS), due_at__lt=now)),
        preliminary=Count("pk", filter=Q(preliminary_answer_at__isnull=False)),
    )
    if area is not None:
        total = Figures(area.name)
    else:
        total = Figures(str(_("Whole municipality") if scope.all_areas else _("All your service areas")))
    by_area: dict[int | None, Figures] = {a.pk: Figures(a.name) for a in areas}
    by_channel: dict[str, Figures] = {}
    cells: dict[tuple[int | None, str], Figures] = {}
    for row in counts:
        area_id, channel = row["area_id"], row["channel"]
        tally: dict[str, Any] = dict(row)
        if area_id not in area_names:  # inquiries with no area, or an area created after the list was read
            area_names[area_id] = str(NO_AREA_LABEL) if area_id is None else str(area_id)
            by_area[area_id] = Figures(area_names[area_id])
        for figures in (
            total,
            by_area[area_id],
            by_channel.setdefault(channel, Figures(channel_label(channel))),
            cells.setdefault((area_id, channel), Figures("")),
        ):
            figures.add_counts(tally)

    weekly: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    answered = cohort.filter(answered_at__isnull=False).values_list(
        "area_id", "channel", "received_at", "answered_at", "due_at"
    )
    for area_id, channel, received_at, answered_at, due_at in answered:
        assert answered_at is not None  # filtered above
        days = deadlines.working_days_between(timezone.localdate(received_at), timezone.localdate(answered_at))
        hours = (answered_at - received_at).total_seconds() / 3600
        for group in (total, by_area.get(area_id), by_channel.get(channel), cells.get((area_id, channel))):
            if group is not None:
                group.add_answer(days, hours)
        year, week, _day = timezone.localdate(received_at).isocalendar()
        weekly[(year, week)][1] += 1
        if answered_at <= due_at:
            weekly[(year, week)][2] += 1

    per_day = cohort.annotate(day=TruncDate("received_at")).values("day").annotate(n=Count("pk"))
    for day, received in per_day.values_list("day", "n"):
        year, week, _day = day.isocalendar()
        weekly[(year, week)][0] += received

    return Report(
        period=period,
        area=area,
        total=total,
        areas=list(by_area.values()),
        channels=sorted(by_channel.values(), key=lambda f: (-f.received, f.label)),
        cells=[
            (area_names[area_id], channel_label(channel), figures)
            for (area_id, channel), figures in sorted(
                cells.items(), key=lambda item: (_area_order(item[0][0], areas), _channel_order(item[0][1]))
            )
        ],
        weeks=[Week(y, w, *weekly[(y, w)]) for y, w in _iso_weeks(period)],
    )


def _area_order(area_id: int | None, areas: list[ServiceArea]) -> int:
    for index, area in enumerate(areas):
        if area.pk == area_id:
            return index
    return len(areas)


def _channel_order(channel: str) -> tuple[int, str]:
    values = list(Channel.values)
    return (values.index(channel), "") if channel in values else (len(values), channel)


def _iso_weeks(period: Period) -> Iterator[tuple[int, int]]:
    """Every ISO week the period touches, in order."""
    day = period.start - datetime.timedelta(days=period.start.weekday())
    while day <= period.end:
        year, week, _day = day.isocalendar()
        yield year, week
        day += datetime.timedelta(days=7)


# --- One row per inquiry (no personal data) -----------------------------------


@dataclass(frozen=True)
class InquiryRow:
    reference: str
    area: str
    kind: str
    channel: str
    status: str
    received_at: datetime.datetime
    due_at: datetime.datetime
    answered_at: datetime.datetime | None
    closed_at: datetime.datetime | None

    @property
    def in_time(self) -> bool | None:
        return None if self.answered_at is None else self.answered_at <= self.due_at

    @property
    def working_days(self) -> int | None:
        if self.answered_at is None:
            return None
        return deadlines.working_days_between(
            timezone.localdate(self.received_at), timezone.localdate(self.answered_at)
        )


def inquiry_rows(*, scope: Scope, period: Period, area: ServiceArea | None = None) -> Iterator[InquiryRow]:
    """The inquiries received in the period, oldest first: dates, type, channel and area only."""
    rows = (
        _cohort(scope, period, area)
        .order_by("received_at", "pk")
        .values_list(
            "reference", "area__name", "kind", "channel", "status", "received_at", "due_at", "answered_at", "closed_at"
        )
    )
    for reference, area_name, kind, channel, status, received_at, due_at, answered_at, closed_at in rows.iterator(
        chunk_size=2000
    ):
        yield InquiryRow(
            reference,
            area_name or str(NO_AREA_LABEL),
            kind,
            channel,
            status,
            received_at,
            due_at,
            answered_at,
            closed_at,
        )
