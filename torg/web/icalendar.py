"""iCalendar (RFC 5545) export of events."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

if TYPE_CHECKING:
    from .models import EventPage


def build_calendar(events: Sequence[EventPage], request: HttpRequest | None = None) -> bytes:
    from torg.core.queries import municipality

    name = municipality().name
    cal = Calendar()
    cal.add("prodid", f"-//Torg//{name}//NN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for page in events:
        event = Event()
        host = request.get_host() if request else "torg"
        event.add("uid", f"event-{page.pk}@{host}")
        event.add("dtstamp", page.last_published_at or timezone.now())
        event.add("dtstart", page.start)
        if page.end:
            event.add("dtend", page.end)
        event.add("summary", page.title)
        if page.intro:
            event.add("description", page.intro)
        if page.location:
            event.add("location", page.location)
        url = page.get_full_url(request)
        if url:
            event.add("url", url)
        cal.add_component(event)
    return cal.to_ical()


def calendar_response(events: Sequence[EventPage], request: HttpRequest, *, filename: str) -> HttpResponse:
    response = HttpResponse(build_calendar(events, request), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
