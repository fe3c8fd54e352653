"""Request-wide rules: security headers, the municipality's language, staff second factor."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from .queries import language_form

Handler = Callable[[HttpRequest], HttpResponse]


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    back_office = ("/admin/", "/django-admin/", "/konto/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response
        self.csp = settings.TORG_CSP
        self.csp_back_office = settings.TORG_CSP_BACK_OFFICE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = self.csp_back_office if request.path.startswith(self.back_office) else self.csp
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class MunicipalityLanguageMiddleware:
    """Speak the municipality's language form (nn or nb) on the public site.

    The back office keeps each staff member's own admin language (Wagtail sets it).
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lang = language_form()
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", lang)
        return response


# Paths under the back office a signed-in user may reach before the second factor.
_OPEN_ADMIN_PATHS = ("/admin/login/", "/admin/logout/", "/admin/password_reset/")


class StaffSecondFactorMiddleware:
    """Staff reach the back office only after confirming a TOTP code.

    A user with no TOTP device is sent to set one up first.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.TORG_STAFF_SECOND_FACTOR
            and request.path.startswith(("/admin/", "/django-admin/"))
            and not request.path.startswith(_OPEN_ADMIN_PATHS)
            and request.user.is_authenticated
            and not request.user.is_verified()  # type: ignore[union-attr,attr-defined]
        ):
            from django_otp import devices_for_user

            has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
            target = reverse("core:second_factor" if has_device else "core:second_factor_setup")
            return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
