"""Back office: "Svartid i Servicetorget" — answer times against the deadline, for leaders.

The page (/admin/servicetorget/statistikk/) shows, for a period and the
areas the user may see, the figures per service area, per channel and week
by week: each as a bar chart (inline SVG drawn here, no JavaScript) with a
table of the same numbers below it. The CSV export
(/admin/servicetorget/statistikk.csv) gives the same figures per area and
channel, or one row per inquiry; neither holds personal data.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from torg.core.models import ServiceArea

from . import statistics
from .models import Kind, Status
from .statistics import Figures, Period, Report, Scope

# --- The filter form ----------------------------------------------------------


_DATE_RANGE = [
    MinValueValidator(datetime.date(2000, 1, 1), gettext_lazy("Choose a date in the year 2000 or later.")),
    MaxValueValidator(datetime.date(2099, 12, 31), gettext_lazy("Choose a date before the year 2100.")),
]


class StatisticsForm(forms.Form):
    """GET parameters: ``period`` (a preset) or ``start``/``end`` (chosen dates), and ``area``."""

    period = forms.ChoiceField(
        required=False,
        choices=[("", ""), *statistics.PRESETS.items()],
        error_messages={"invalid_choice": gettext_lazy("Choose one of the periods.")},
    )
    start = forms.DateField(
        label=gettext_lazy("First day"),
        required=False,
        validators=_DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    end = forms.DateField(
        label=gettext_lazy("Last day"),
        required=False,
        validators=_DATE_RANGE,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    area = forms.ModelChoiceField(
        label=gettext_lazy("Service area"),
        queryset=ServiceArea.objects.none(),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Choose a service area from the list.")},
    )

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field: Any = self.fields["area"]
        area_field.queryset = statistics.areas_in(scope)
        area_field.empty_label = _("All service areas") if scope.all_areas else _("All your service areas")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start: datetime.date | None = data.get("start")
        end: datetime.date | None = data.get("end")
        if data.get("period") or not (start or end):
            return data
        if end is None:
            assert start is not None
            end = max(timezone.localdate(), start)
        if start is None:
            start = end - datetime.timedelta(days=89)
        if start > end:
            raise forms.ValidationError(_("The start date is after the end date. Choose a start date before it."))
        if (end - start).days + 1 > statistics.MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("The period is longer than three years. Choose a shorter period."))
        data["start"], data["end"] = start, end
        return data

    def chosen(self) -> tuple[Period, ServiceArea | None]:
        """The period and area asked for (the defaults where the input was not valid)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") or not data.get("start"):
            period = Period.from_preset(data.get("period") or statistics.DEFAULT_PRESET)
        else:
            period = Period(data["start"], data["end"])
        return period, data.get("area")


def _query(period: Period, area: ServiceArea | None, **extra: str) -> str:
    params = {"period": period.preset} if period.preset else {"start": str(period.start), "end": str(period.end)}
    if area is not None:
        params["area"] = str(area.pk)
    return urlencode({**params, **extra})


# --- Charts -------------------------------------------------------------------

CHART_WIDTH = 640
LABEL_WIDTH = 190
PLOT_WIDTH = 360
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 28
MAX_LABEL = 26
WEEK_BAR = 12  # two bars a week, received and answered in time
WEEK_ROW = 2 * WEEK_BAR + 10


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"


def _percent(value: float | None) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",")
    return (text[:-2] if text.endswith(",0") else text) + " %"


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    y: float  # top of the bar
    text_y: float  # baseline of the bar's texts
    width: float
    value_x: float
    value_text: str
    title: str


@dataclass(frozen=True)
class ShareChart:
    caption: str
    summary: str
    bars: list[Bar]
    height: int
    plot_x: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 8
    bar_height: int = BAR_HEIGHT
    plot_width: int = PLOT_WIDTH
    target_x: int = LABEL_WIDTH + PLOT_WIDTH
    width: int = CHART_WIDTH


def share_chart(caption: str, rows: Iterable[Figures]) -> ShareChart:
    """Horizontal bars: the share answered in time per row, with the target line at 100 %."""
    bars = []
    parts = []
    for index, figures in enumerate(rows):
        share = figures.share_in_time
        width = 0.0 if share is None else PLOT_WIDTH * share / 100
        text = _percent(share) if share is not None else _("nothing answered")
        parts.append(f"{figures.label} {text}")
        bars.append(
            Bar(
                label=figures.label,
                short_label=_short(figures.label),
                y=TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                text_y=TOP + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2 + 13,
                width=round(width, 1),
                value_x=round(LABEL_WIDTH + width + 6, 1),
                value_text=text,
                title=f"{figures.label}: {text}",
            )
        )
    summary = _("%(caption)s. Target 100 %%. %(values)s.") % {"caption": caption, "values": "; ".join(parts)}
    return ShareChart(caption=caption, summary=summary, bars=bars, height=TOP + len(bars) * ROW_HEIGHT + 8)


@dataclass(frozen=True)
class WeekBars:
    label: str
    text_y: float  # baseline of the week's label, between its two bars
    received: Bar
    in_time: Bar


@dataclass(frozen=True)
class WeeklyChart:
    caption: str
    summary: str
    weeks: list[WeekBars]
    height: int
    plot_x: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - 8
    bar_height: int = WEEK_BAR - 1
    width: int = CHART_WIDTH


def week_label(week: statistics.Week, with_year: bool) -> str:
    if with_year:
        return _("Week %(week)d, %(year)d") % {"week": week.week, "year": week.year}
    return _("Week %(week)d") % {"week": week.week}


def weekly_chart(caption: str, report: Report) -> WeeklyChart:
    """Two bars a week: received, and answered in time (hatched), on one scale."""
    top = max([w.received for w in report.weeks] + [1])
    rows = []
    for index, week in enumerate(report.weeks):
        label = week_label(week, report.spans_years)
        y = TOP + index * WEEK_ROW
        bars = []
        for offset, value, name in ((0, week.received, _("received")), (WEEK_BAR, week.in_time, _("answered in time"))):
            width = round(PLOT_WIDTH * value / top, 1)
            bars.append(
                Bar(
                    label=label,
                    short_label=label,
                    y=y + offset,
                    text_y=y + offset + 9,
                    width=width,
                    value_x=round(LABEL_WIDTH + width + 6, 1),
                    value_text=str(value),
                    title=f"{label}: {value} {name}",
                )
            )
        rows.append(WeekBars(label=label, text_y=y + WEEK_BAR + 4, received=bars[0], in_time=bars[1]))
    received = sum(w.received for w in report.weeks)
    in_time = sum(w.in_time for w in report.weeks)
    summary = _(
        "%(caption)s, %(weeks)d weeks: %(received)d received, %(in_time)d answered in time. "
        "The table below has the numbers for each week."
    ) % {"caption": caption, "weeks": len(rows), "received": received, "in_time": in_time}
    return WeeklyChart(caption=caption, summary=summary, weeks=rows, height=TOP + len(rows) * WEEK_ROW + 8)


# --- The page -----------------------------------------------------------------


def statistics_page(request: HttpRequest) -> HttpResponse:
    scope = statistics.scope_for(request.user)
    if scope is None:
        # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
        return permission_denied(request, PermissionDenied())
    asked = StatisticsForm(request.GET, scope=scope)
    period, area = asked.chosen()
    # Wrong input is shown with its errors (and the default figures); otherwise the dates in force.
    form = (
        asked
        if request.GET and not asked.is_valid()
        else StatisticsForm(initial={"start": period.start, "end": period.end, "area": area}, scope=scope)
    )
    report = statistics.build_report(scope=scope, period=period, area=area)
    area_query = {"area": str(area.pk)} if area else {}
    weekly = weekly_chart(_("Received and answered within the deadline, week by week"), report)
    context = {
        "page_title": _("Answer times in Servicetorget"),
        "header_icon": "time",
        "form": form,
        "report": report,
        "presets": [
            (key, label, f"?{urlencode({'period': key, **area_query})}", key == period.preset)
            for key, label in statistics.PRESETS.items()
        ],
        "area_chart": share_chart(_("Share answered within the deadline, by service area"), report.areas),
        "channel_chart": share_chart(_("Share answered within the deadline, by channel"), report.channels),
        "weekly_chart": weekly,
        "weeks": list(zip(report.weeks, weekly.weeks, strict=True)),
        "csv_summary_url": f"{reverse('inquiries_statistics_csv')}?{_query(period, area)}",
        "csv_inquiries_url": f"{reverse('inquiries_statistics_csv')}?{_query(period, area, rows='inquiries')}",
        "scope": scope,
    }
    return render(request, "inquiries/statistics/index.html", context)


# --- CSV ----------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> str:
    """One CSV cell: decimal comma (Norwegian Excel), and no formula from a staff-typed name."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(moment: datetime.datetime | None) -> str:
    return "" if moment is None else timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


SUMMARY_HEADER = [
    gettext_lazy("Service area"),
    gettext_lazy("Channel"),
    gettext_lazy("Received"),
    gettext_lazy("Answered"),
    gettext_lazy("Answered in time"),
    gettext_lazy("Answered late"),
    gettext_lazy("Share answered in time (%)"),
    gettext_lazy("Open now"),
    gettext_lazy("Overdue now"),
    gettext_lazy("Median answer time (working days)"),
    gettext_lazy("90th percentile (working days)"),
    gettext_lazy("Median answer time (hours)"),
    gettext_lazy("90th percentile (hours)"),
    gettext_lazy("Preliminary answers"),
]

INQUIRY_HEADER = [
    gettext_lazy("Reference"),
    gettext_lazy("Service area"),
    gettext_lazy("Type"),
    gettext_lazy("Channel"),
    gettext_lazy("Status"),
    gettext_lazy("Received"),
    gettext_lazy("Deadline"),
    gettext_lazy("Answered"),
    gettext_lazy("Closed"),
    gettext_lazy("Answered in time"),
    gettext_lazy("Answer time (working days)"),
]


def _figures_row(area: str, channel: str, f: Figures) -> list[Any]:
    return [
        area,
        channel,
        f.received,
        f.answered,
        f.in_time,
        f.late,
        f.share_in_time,
        f.open_now,
        f.overdue_now,
        f.median_days,
        f.p90_days,
        f.median_hours,
        f.p90_hours,
        f.preliminary,
    ]


def summary_rows(report: Report) -> Iterator[list[Any]]:
    yield list(SUMMARY_HEADER)
    for area, channel, figures in report.cells:
        yield _figures_row(area, channel, figures)
    yield _figures_row(report.total.label, _("All channels"), report.total)


def inquiry_csv_rows(scope: Scope, period: Period, area: ServiceArea | None) -> Iterator[list[Any]]:
    yield list(INQUIRY_HEADER)
    yes, no = _("yes"), _("no")
    for row in statistics.inquiry_rows(scope=scope, period=period, area=area):
        yield [
            row.reference,
            row.area,
            _label(Kind, row.kind),
            statistics.channel_label(row.channel),
            _label(Status, row.status),
            _local(row.received_at),
            _local(row.due_at),
            _local(row.answered_at),
            _local(row.closed_at),
            "" if row.in_time is None else (yes if row.in_time else no),
            row.working_days,
        ]


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _csv_stream(rows: Iterable[list[Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"  # the byte order mark makes Excel read UTF-8 (æ, ø, å)
    for row in rows:
        yield writer.writerow([_cell(value) for value in row])


def statistics_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    scope = statistics.scope_for(request.user)
    if scope is None:
        return permission_denied(request, PermissionDenied())
    form = StatisticsForm(request.GET, scope=scope)
    if not form.is_valid():
        message = " ".join(str(error) for errors in form.errors.values() for error in errors)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    period, area = form.chosen()
    per_inquiry = request.GET.get("rows") == "inquiries"
    if per_inquiry:
        rows: Iterable[list[Any]] = inquiry_csv_rows(scope, period, area)
    else:
        rows = summary_rows(statistics.build_report(scope=scope, period=period, area=area))
    name = "servicetorget-saker" if per_inquiry else "servicetorget-svartid"
    response = StreamingHttpResponse(_csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{period.start}-{period.end}.csv"'
    return response
