"""Logging in to Mi sak: the login page, the e-mail link, ID-porten, and logging out."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from torg.inquiries import ratelimit
from torg.subscriptions.views.common import mask_email

from .. import actions, oidc, session
from ..forms import EmailLoginForm
from .common import crumbs, expired_notice, home_crumbs, private

logger = logging.getLogger(__name__)

PENDING_OIDC = "torg.minsak.oidc"
SENT_TO = "torg.minsak.sent_to"
PENDING_SECONDS = 15 * 60
PENDING_MAX = 3


def _setting(name: str, default: int) -> int:
    try:
        return int(getattr(settings, name, default))
    except (TypeError, ValueError):
        return default


def login_page(
    request: HttpRequest, form: EmailLoginForm | None = None, *, status: int = 200, limited: bool = False
) -> HttpResponse:
    context: dict[str, Any] = {
        "form": form or EmailLoginForm(),
        "idporten": oidc.config() is not None,
        "limited": limited,
        "minutes": actions.link_minutes(),
        "crumbs": crumbs(),
    }
    return private(render(request, "minsak/login.html", context, status=status))


@sensitive_post_parameters("email")
@require_http_methods(["GET", "POST"])
def email_login(request: HttpRequest) -> HttpResponse:
    """POST an address: a link goes out if anything is registered to it; the answer is the same either way."""
    if request.method != "POST":
        return private(HttpResponseRedirect(reverse("minsak:index")))
    if not ratelimit.allowed(request, "minsak-login", _setting("TORG_MINSAK_RATE_LIMIT_PER_HOUR", 10)):
        kept = EmailLoginForm(initial={"email": str(request.POST.get("email", ""))[:254]})
        return login_page(request, kept, status=429, limited=True)
    form = EmailLoginForm(request.POST)
    if not form.is_valid():
        return login_page(request, form, status=400)
    email = form.cleaned_data["email"]
    # At most a few links an hour to one address, whoever asks: nobody can flood an inbox.
    address_key = hashlib.sha256(email.encode()).hexdigest()
    if ratelimit.hit("minsak-login-address", address_key, _setting("TORG_MINSAK_LINKS_PER_ADDRESS_PER_HOUR", 3)):
        actions.send_login_link(email=email)
    request.session[SENT_TO] = mask_email(email)
    return private(HttpResponseRedirect(reverse("minsak:link_sent")))


def link_sent(request: HttpRequest) -> HttpResponse:
    sent_to = request.session.get(SENT_TO)
    if not isinstance(sent_to, str):
        return private(HttpResponseRedirect(reverse("minsak:index")))
    context = {"sent_to": sent_to, "minutes": actions.link_minutes(), "crumbs": home_crumbs()}
    return private(render(request, "minsak/link_sent.html", context))


@sensitive_variables("token", "email")
@require_http_methods(["GET", "POST"])
def link(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail link: GET shows one button (mail scanners open links), POST logs in."""
    context: dict[str, Any] = {"crumbs": home_crumbs(), "minutes": actions.link_minutes(), "failed": False}
    if request.method != "POST":
        if not actions.link_is_valid(token=token):
            context["failed"] = True
            return private(render(request, "minsak/link.html", context, status=410))
        return private(render(request, "minsak/link.html", context))
    email = actions.use_login_link(token=token)
    if email is None:
        context["failed"] = True
        return private(render(request, "minsak/link.html", context, status=410))
    session.log_in(request, kind=session.EMAIL, value=email, level=session.EMAIL)
    return private(HttpResponseRedirect(reverse("minsak:index")))


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    was_idporten = (resident := session.current(request, touch=False)) is not None and resident.kind == session.PID
    session.log_out(request)
    messages.success(request, _("You are logged out of Mi sak."))
    if was_idporten:
        messages.info(request, _("Close the browser to end the login at ID-porten too."))
    return private(HttpResponseRedirect(reverse("minsak:index")))


# --- ID-porten ------------------------------------------------------------------


def _error_page(request: HttpRequest, reason: str) -> HttpResponse:
    if reason == "unavailable":
        status = 503
        heading = _("ID-porten is not answering")
        text = _("ID-porten is not answering right now. Try again in a few minutes, or log in with a link by e-mail.")
    elif reason == "level":
        status = 403
        heading = _("You need a higher security level")
        text = _(
            "Mi sak needs a login with a higher security level than the one you used. "
            "Log in again with BankID, MinID with a code from an app or SMS, Buypass or Commfides."
        )
    else:
        status = 400
        heading = _("The login did not succeed")
        text = _("We could not complete the login with ID-porten. Start again from the login page.")
    context = {"heading": heading, "text": text, "crumbs": home_crumbs(), "idporten": oidc.config() is not None}
    return private(render(request, "minsak/idporten_error.html", context, status=status))


@require_POST
def idporten_start(request: HttpRequest) -> HttpResponse:
    cfg = oidc.config()
    if cfg is None:
        return private(HttpResponseRedirect(reverse("minsak:index")))
    try:
        url, pending = oidc.start(cfg)
    except oidc.OidcError as error:
        logger.warning("ID-porten login could not start: %s", error.reason)
        return _error_page(request, error.reason)
    now = int(time.time())
    flows = request.session.get(PENDING_OIDC)
    flows = flows if isinstance(flows, dict) else {}
    flows = {k: v for k, v in flows.items() if isinstance(v, dict) and now - int(v.get("started", 0)) < PENDING_SECONDS}
    flows = dict(list(flows.items())[-(PENDING_MAX - 1) :]) if PENDING_MAX > 1 else {}
    flows[pending["state"]] = pending
    request.session[PENDING_OIDC] = flows
    return private(HttpResponseRedirect(url))


@sensitive_variables("login", "params", "pending")
def idporten_callback(request: HttpRequest) -> HttpResponse:
    """ID-porten sends the resident back here with ``code`` and ``state`` (or ``error``)."""
    cfg = oidc.config()
    if cfg is None:
        return private(HttpResponseRedirect(reverse("minsak:index")))
    params = {name: str(request.GET.get(name, ""))[:4000] for name in ("code", "state", "error")}
    flows = request.session.get(PENDING_OIDC)
    pending = None
    if isinstance(flows, dict) and params["state"] in flows:
        pending = flows.pop(params["state"])  # one use
        request.session[PENDING_OIDC] = flows
        if not isinstance(pending, dict) or int(time.time()) - int(pending.get("started", 0)) > PENDING_SECONDS:
            pending = None
    try:
        login = oidc.finish(cfg, pending, params)
    except oidc.Cancelled:
        messages.info(request, _("You stopped the login at ID-porten. You can log in again when you like."))
        return private(HttpResponseRedirect(reverse("minsak:index")))
    except oidc.OidcError as error:
        logger.warning("ID-porten login failed: %s (%s)", error.reason, error)
        return _error_page(request, error.reason)
    session.log_in(request, kind=session.PID, value=login.pid_hash, level=login.acr, email=login.email)
    return private(HttpResponseRedirect(reverse("minsak:index")))


def index_logged_out(request: HttpRequest) -> HttpResponse:
    expired_notice(request)
    return login_page(request)
