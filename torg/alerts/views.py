"""Public pages: /varsel/ (crisis messages), /varsel/<id>/, the CAP documents and their Atom index,
and the crisis page that replaces the front page while a crisis message asks for it."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from . import queries
from .models import CapAlert, CrisisMessage, Status

XML_CONTENT_TYPE = "application/xml; charset=utf-8"
ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8"
FEED_SIZE = 50

# Crisis messages change within minutes: let caches keep them briefly only.
_short_cache = cache_control(public=True, max_age=30)


@require_safe
@_short_cache
def index(request: HttpRequest) -> HttpResponse:
    messages = list(queries.published_messages().exclude(status=Status.EXERCISE))  # drills: crisis team only
    current = [message for message in messages if not message.is_cancelled]
    earlier = [message for message in messages if message.is_cancelled]
    return render(request, "alerts/index.html", {"current": current, "earlier": earlier})


@require_safe
@_short_cache
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = queries.published_messages().filter(pk=pk).first()
    if message is None:
        raise Http404
    alerts = list(message.alerts.all())
    return render(request, "alerts/detail.html", {"message": message, "latest": alerts[0], "alerts": alerts})


@require_safe
@_short_cache
def cap_document(request: HttpRequest, identifier: str) -> HttpResponse:
    alert = CapAlert.objects.filter(identifier=identifier).only("xml").first()
    if alert is None:
        raise Http404
    return HttpResponse(alert.xml, content_type=XML_CONTENT_TYPE)


@require_safe
@_short_cache
def cap_feed(request: HttpRequest) -> HttpResponse:
    from .cap import render_atom

    alerts = list(queries.public_alerts()[:FEED_SIZE])
    self_url = request.build_absolute_uri(reverse("alerts:cap_feed"))
    entries = [
        {
            "id": request.build_absolute_uri(reverse("alerts:cap_document", args=[alert.identifier])),
            "title": alert.info.get("headline") or alert.identifier,
            "updated": alert.sent,
            "href": request.build_absolute_uri(reverse("alerts:cap_document", args=[alert.identifier])),
            "summary": alert.info.get("description", ""),
        }
        for alert in alerts
    ]
    xml = render_atom(
        feed_id=self_url,
        title=gettext("Crisis messages from %(name)s (CAP)") % {"name": queries.sender_name()},
        self_url=self_url,
        author=queries.sender_name(),
        updated=alerts[0].sent if alerts else timezone.now(),
        entries=entries,
    )
    return HttpResponse(xml, content_type=ATOM_CONTENT_TYPE)


def crisis_front_page(request: HttpRequest, message: CrisisMessage) -> HttpResponse:
    """The front page during a crisis: the message, what to do, where to get help, the way to the rest of the site."""
    alerts = list(message.alerts.all())
    context = {"message": message, "latest": alerts[0], "hide_crisis_banner_for": message.pk}
    return render(request, "alerts/front_page.html", context)
