"""/abonnement/: the form, and the page after it ("check your e-mail / write the code from the SMS")."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from torg.core.models import ServiceArea
from torg.core.queries import municipality
from torg.inquiries import ratelimit
from torg.places.queries import place_choices

from .. import actions
from ..forms import EVERYTHING, CodeForm, SubscriptionForm, consent_text, kept_input
from ..models import Subscriber, Topic
from . import common

MAX_CODE_TRIES = 5
CODE_TRIES_WITHOUT_PENDING = "torg.subscriptions.code_tries"


def push_public_key() -> str:
    """The VAPID key the browser needs to subscribe to push, or "" when web push is not set up."""
    try:
        from torg.notifications.push import vapid_public_key

        return str(vapid_public_key() or "")
    except Exception:  # noqa: BLE001 - no keys or no engine yet: the page simply offers no push
        return ""


def feed_links() -> dict[str, Any]:
    """What the RSS/Atom list on the form shows: every topic, service area and place with a feed."""
    return {
        "feed_topics": list(Topic.objects.all()),
        "feed_areas": list(ServiceArea.objects.all()),
        "feed_places": place_choices(),
    }


def form_context(request: HttpRequest, form: SubscriptionForm, **extra: Any) -> dict[str, Any]:
    town = municipality()
    return {
        "form": form,
        "topic_list": list(Topic.objects.all()),
        "area_list": list(ServiceArea.objects.all()),
        "place_groups": place_choices(),
        "consent_text": consent_text(town.name),
        "push_key": push_public_key(),
        "everything_value": EVERYTHING,
        "municipality": town,
        **feed_links(),
        **extra,
    }


def _render_form(
    request: HttpRequest, form: SubscriptionForm, *, status: int = 200, limited: bool = False
) -> HttpResponse:
    context = form_context(request, form, limited=limited, crumbs=common.crumbs()[:1], mode="new")
    return render(request, "subscriptions/form.html", context, status=status)


def _initial_from_query(request: HttpRequest) -> dict[str, Any]:
    """?emne=<slug>&stad=<slug>&omrade=<slug> (from "subscribe" links on pages) tick those boxes."""
    initial: dict[str, Any] = {}
    for parameter, name in (("emne", "topics"), ("omrade", "service_areas"), ("stad", "places")):
        values = [value[:120] for value in request.GET.getlist(parameter) if value][:20]
        if values:
            initial[name] = values
    return initial


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_form(request, SubscriptionForm(initial=_initial_from_query(request)))
    if not ratelimit.hit("subscription-form", ratelimit.client_id(request), common.rate_limit_per_hour()):
        form = SubscriptionForm(initial=kept_input(SubscriptionForm, request.POST))
        return _render_form(request, form, status=429, limited=True)
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    data = form.subscription()
    try:
        subscriber = actions.start_subscription(consent_text=consent_text(municipality().name), **data)
    except ValueError as error:
        form.add_error(None, str(error))
        return _render_form(request, form, status=400)
    request.session[common.PENDING] = {
        "id": subscriber.pk,
        "email": common.mask_email(data["email"]) if data["email"] else "",
        "phone": common.mask_phone(data["phone"]) if data["phone"] else "",
        "tries": 0,
    }
    return common.private(HttpResponseRedirect(reverse("subscriptions:code")))


def _render_code(
    request: HttpRequest, form: CodeForm | None, pending: dict[str, Any], *, status: int = 200, locked: bool = False
) -> HttpResponse:
    context = {
        "form": form,
        "pending": pending,
        "locked": locked,
        "crumbs": common.crumbs(),
        "municipality": municipality(),
    }
    return common.private(render(request, "subscriptions/code.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def code(request: HttpRequest) -> HttpResponse:
    """After sending the form: where the link went, and the form for the SMS code.

    With the pending subscription in the session only the code is asked for; without it
    (another browser), the mobile number too. Each way allows MAX_CODE_TRIES wrong codes.
    """
    pending: dict[str, Any] = dict(request.session.get(common.PENDING) or {})
    ask_phone = not pending
    show_code = ask_phone or bool(pending.get("phone"))
    tries = int(pending.get("tries", 0)) if pending else int(request.session.get(CODE_TRIES_WITHOUT_PENDING, 0))
    if tries >= MAX_CODE_TRIES:
        return _render_code(request, None, pending, status=429 if request.method == "POST" else 200, locked=True)
    if request.method != "POST" or not show_code:
        return _render_code(request, CodeForm(ask_phone=ask_phone) if show_code else None, pending)
    form = CodeForm(request.POST, ask_phone=ask_phone)
    if not ratelimit.hit("subscription-code", ratelimit.client_id(request), 4 * max(common.rate_limit_per_hour(), 5)):
        form.is_valid()
        form.add_error(
            "code", _("Too many codes have been tried from your network in the last hour. Wait a while and try again.")
        )
        return _render_code(request, form, pending, status=429)
    if not form.is_valid():
        return _render_code(request, form, pending, status=400)
    if pending:
        subscriber = Subscriber.objects.filter(pk=int(pending.get("id") or 0)).first()
    else:
        subscriber = Subscriber.objects.filter(phone=form.cleaned_data["phone"]).order_by("pk").first()
    if subscriber is not None and actions.confirm_phone(subscriber=subscriber, code=form.cleaned_data["code"]):
        request.session.pop(common.PENDING, None)
        request.session.pop(CODE_TRIES_WITHOUT_PENDING, None)
        messages.success(request, _("Your mobile number is confirmed. The subscription has started."))
        return common.private(HttpResponseRedirect(reverse("subscriptions:manage", args=[subscriber.token])))
    tries += 1
    if pending:
        pending["tries"] = tries
        request.session[common.PENDING] = pending
    else:
        request.session[CODE_TRIES_WITHOUT_PENDING] = tries
    left = MAX_CODE_TRIES - tries
    if left <= 0:
        return _render_code(request, None, pending, status=429, locked=True)
    form.add_error(
        "code",
        _("The code is wrong or too old. Check the code in the SMS and try again. Tries left: %(left)d.")
        % {"left": left},
    )
    return _render_code(request, form, pending, status=400)
