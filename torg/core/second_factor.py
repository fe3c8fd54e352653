"""Second factor (TOTP) for staff: set up a device, then confirm a code at each login."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import cast

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import audit


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from the authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "ds-input"}),
        error_messages={"required": gettext_lazy("Type the six digits from the app.")},
    )

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].replace(" ", "")
        if not code.isdigit():
            raise forms.ValidationError(_("The code has digits only."))
        return code


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return "/admin/"
    return target


@transaction.atomic
def enrol_device(*, user, device: TOTPDevice, code: str) -> bool:  # type: ignore[no-untyped-def]
    """Confirm a new TOTP device if ``code`` matches it."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=user, action="torg.second_factor.enrolled", target=user)
    return True


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the current TOTP code and mark the session as verified."""
    user = cast(AbstractBaseUser, request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled = False
        for device in devices_for_user(request.user, confirmed=True):
            if not device.verify_is_allowed()[0]:
                throttled = True
            elif device.verify_token(form.cleaned_data["code"]):
                otp_login(request, device)
                audit.record(actor=user, action="torg.second_factor.verified", target=user)
                return HttpResponseRedirect(_next_url(request))
        audit.record(actor=user, action="torg.second_factor.failed", target=user)
        if throttled:
            form.add_error("code", _("Too many wrong codes in a row. Wait a few seconds and try again."))
        else:
            form.add_error("code", _("The code is wrong or too old. Type the code the app shows now."))
    return render(request, "core/second_factor.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: show the QR code and secret, then confirm a code."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "Autentiseringsapp"}
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrol_device(user=request.user, device=device, code=form.cleaned_data["code"]):
            otp_login(request, device)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("The code is wrong. Check the clock on the phone and try the new code."))
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - generated SVG, no user input
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }
    return render(request, "core/second_factor_setup.html", context)
