"""The links in the messages: confirm (/stadfest/), change (/endre/) and unsubscribe (/avmeld/).

Confirming and unsubscribing happen only on POST: mail scanners and link previews
open links with GET, and must not confirm or end anything.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from torg.core.queries import municipality
from torg.inquiries import ratelimit

from .. import actions
from ..forms import CHOSEN, EVERYTHING, SubscriptionForm, kept_input, slugs
from . import common
from .signup import form_context

# ?kanal= on an unsubscribe link: only that channel ends; without it, everything does.
CHANNELS = {"email": "email", "epost": "email", "e-post": "email", "sms": "sms", "push": "push"}


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail link: GET shows one button, POST confirms."""
    context: dict[str, Any] = {"crumbs": common.crumbs(), "municipality": municipality(), "failed": False}
    if request.method != "POST":
        return common.private(render(request, "subscriptions/confirm.html", context))
    subscriber = actions.confirm_email(token=token) if common.plausible_token(token) else None
    if subscriber is None:
        context["failed"] = True
        return common.private(render(request, "subscriptions/confirm.html", context, status=404))
    request.session.pop(common.PENDING, None)
    messages.success(request, _("Your e-mail address is confirmed. The subscription has started."))
    return common.private(HttpResponseRedirect(reverse("subscriptions:manage", args=[subscriber.token])))


def _points(subscriber: Any) -> list[tuple[str, float, float]]:
    from ..models import SubscriberPoint

    return [(p.label, p.lat, p.lon) for p in SubscriberPoint.objects.filter(subscriber=subscriber).order_by("pk")]


def _initial(subscriber: Any, points: list[tuple[str, float, float]]) -> dict[str, Any]:
    return {
        "email": subscriber.email,
        "phone": subscriber.phone,
        "wants_email": subscriber.wants_email,
        "wants_sms": subscriber.wants_sms,
        "wants_push": subscriber.wants_push,
        "everything": EVERYTHING if subscriber.everything else CHOSEN,
        "topics": slugs(subscriber.topics.all()),
        "service_areas": slugs(subscriber.service_areas.all()),
        "places": slugs(subscriber.places.all()),
        "address": points[0][0] if points else "",
        "frequency": subscriber.frequency,
        "consent": True,
    }


def _render_manage(
    request: HttpRequest, form: SubscriptionForm, subscriber: Any, *, status: int = 200, limited: bool = False
) -> HttpResponse:
    context = form_context(
        request,
        form,
        limited=limited,
        crumbs=common.crumbs(),
        mode="manage",
        subscriber=subscriber,
        confirmed=bool(subscriber.email_confirmed_at or subscriber.phone_confirmed_at),
        push_url=reverse("subscriptions:push"),
        unsubscribe_url=reverse("subscriptions:unsubscribe", args=[subscriber.token]),
    )
    return common.private(render(request, "subscriptions/form.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The same form, filled in with what the subscriber has chosen; save, or end it all."""
    subscriber = common.find_subscriber(token)
    if subscriber is None:
        return common.not_found(request)
    points = _points(subscriber)
    if request.method != "POST":
        form = SubscriptionForm(initial=_initial(subscriber, points), existing_points=points, manage=True)
        return _render_manage(request, form, subscriber)
    if not ratelimit.hit("subscription-manage", ratelimit.client_id(request), 3 * max(common.rate_limit_per_hour(), 5)):
        form = SubscriptionForm(initial=kept_input(SubscriptionForm, request.POST), manage=True)
        return _render_manage(request, form, subscriber, status=429, limited=True)
    form = SubscriptionForm(request.POST, existing_points=points, manage=True)
    if not form.is_valid():
        return _render_manage(request, form, subscriber, status=400)
    try:
        actions.update_preferences(subscriber=subscriber, **form.subscription())
    except ValueError as error:
        form.add_error(None, str(error))
        return _render_manage(request, form, subscriber, status=400)
    messages.success(request, _("Your choices are saved."))
    return common.private(HttpResponseRedirect(request.path))


@csrf_exempt  # RFC 8058: mail providers POST "List-Unsubscribe=One-Click" without a CSRF token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: one button. POST (the button, or a mail provider's one-click): unsubscribe, idempotently."""
    channel = CHANNELS.get(request.GET.get("kanal", ""))
    subscriber = common.find_subscriber(token)
    context: dict[str, Any] = {
        "crumbs": common.crumbs(),
        "municipality": municipality(),
        "channel": channel,
        "done": False,
    }
    if request.method != "POST":
        if subscriber is None:
            return common.not_found(request)
        context["subscriber"] = subscriber
        return common.private(render(request, "subscriptions/unsubscribe.html", context))
    remaining = None
    if subscriber is not None:
        actions.unsubscribe(subscriber=subscriber, channel=channel)
        if channel is not None:
            remaining = common.find_subscriber(token)
    context.update({"done": True, "manage_url": reverse("subscriptions:manage", args=[token]) if remaining else ""})
    return common.private(render(request, "subscriptions/unsubscribe.html", context))
