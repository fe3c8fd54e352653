"""POST /api/klarsprak/: check a text; the OpenAPI document is at /api/schema/.

Who may call it: Torg's own editors (a signed-in back-office session, with the
second factor when that is on) and other systems with an API key in the
``X-API-Key`` header (``manage.py klarsprak_apikey NAME`` makes one; only its
SHA-256 is stored). Anyone else gets 401.

CSRF: the endpoint is exempt. It changes nothing, it accepts only
``Content-Type: application/json`` (which a page on another site cannot send
without a CORS preflight, which Torg never grants), and the session cookie is
SameSite=Lax; so another site cannot use an editor's session through it.

Limits: at most TORG_KLARSPRAK["MAX_CHARACTERS"] characters, and
TORG_KLARSPRAK["API_REQUESTS_PER_MINUTE"] requests a minute per editor or per
key (per client, not per IP address: a town hall's editors share one address).
Every error is JSON ``{"detail": "..."}`` in the municipality's language.

``api`` is the project's /api/ (django-ninja). When a second app needs
/api/, move ``api`` to ``torg/api.py`` and add each app's router there.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.parser import Parser
from ninja.security import APIKeyCookie, APIKeyHeader
from ninja.throttling import BaseThrottle

from . import actions, queries
from .engine import check
from .models import KlarsprakApiKey


class NotJson(ValueError):
    pass


class NotAnObject(ValueError):
    pass


class JsonOnlyParser(Parser):
    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if request.content_type != "application/json":
            raise NotJson(request.content_type)
        data = super().parse_body(request)
        if not isinstance(data, dict):
            raise NotAnObject(type(data).__name__)
        return data


class ApiKey(APIKeyHeader):
    """Another system: ``X-API-Key: tk_…``."""

    param_name = "X-API-Key"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        found = queries.api_key_for(key or "")
        if found is not None:
            actions.note_api_key_used(key=found)
        return found


class StaffSession(APIKeyCookie):
    """An editor signed in to the back office (as for /admin/: with the second factor when it is on)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user: Any = request.user
        if not (user.is_authenticated and user.is_active and user.has_perm("wagtailadmin.access_admin")):
            return None
        if settings.TORG_STAFF_SECOND_FACTOR and not user.is_verified():
            return None
        return user


class PerClientThrottle(BaseThrottle):
    """A fixed one-minute window per editor or key, counted in the Django cache (shared by every process)."""

    def allow_request(self, request: HttpRequest) -> bool:
        caller: Any = getattr(request, "auth", None)
        ident = f"{'key' if isinstance(caller, KlarsprakApiKey) else 'user'}:{getattr(caller, 'pk', '-')}"
        key = f"klarsprak:rate:{ident}:{int(time.time() // 60)}"
        cache.add(key, 0, 90)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, 90)
            count = 1
        return count <= settings.TORG_KLARSPRAK["API_REQUESTS_PER_MINUTE"]

    def wait(self) -> float:
        return 60 - time.time() % 60


class CheckIn(Schema):
    text: str = Field(description="The text to check (at most 200,000 characters by default).")
    form: Literal["nn", "nb"] | None = Field(
        default=None, description="Language form; the municipality's (språklova § 11) when left out."
    )


class LixOut(Schema):
    score: float
    band: str
    words: int
    sentences: int
    long_words: int


class FindingOut(Schema):
    rule: str
    start: int = Field(description="Offset of the first character, in Unicode code points.")
    end: int = Field(description="Offset after the last character; text[start:end] == excerpt.")
    excerpt: str
    message: str
    suggestion: str | None


class ReportOut(Schema):
    lix: LixOut
    findings: list[FindingOut]
    rules_run: list[str]
    rules_skipped: dict[str, str] = Field(description="Rules that did not run (or ran in part), with the reason.")


class ErrorOut(Schema):
    detail: str


api = NinjaAPI(
    title="Torg API",
    version="1",
    description="Torg's JSON API.",
    urls_namespace="torg_api",
    openapi_url="/schema/",
    docs_url=None,
    parser=JsonOnlyParser(),
)
router = Router(tags=["klarsprak"])


@router.post(
    "/",
    response={200: ReportOut, 400: ErrorOut, 401: ErrorOut, 429: ErrorOut},
    auth=[ApiKey(), StaffSession()],
    throttle=[PerClientThrottle()],
    summary="Check a text for clear language",
    url_name="klarsprak",
)
def check_text(request: HttpRequest, payload: CheckIn) -> Any:
    """LIX with its band and each finding with its place in the text and a suggestion."""
    limit = settings.TORG_KLARSPRAK["MAX_CHARACTERS"]
    if len(payload.text) > limit:
        raise HttpError(400, _("The text is too long: at most %(max)s characters. Check it in parts.") % {"max": limit})
    return check(payload.text, queries.checker_config(payload.form)).to_dict()


api.add_router("/klarsprak/", router)


_SEND_AN_OBJECT = gettext_lazy('Send a JSON object, for example {"text": "…", "form": "nn"}.')


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    return api.create_response(request, {"detail": str(message)}, status=status)


def _invalid(request: HttpRequest, exc: Any) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", ())]
    field_name = loc[2] if len(loc) > 2 else ""
    if field_name == "text":
        if first.get("type") == "missing":
            message = _("The field “text” is missing. Send the text to check in it.")
        else:
            message = _("The field “text” must be a string.")
    elif field_name == "form":
        message = _("The field “form” must be “nn” or “nb”.")
    else:
        message = str(_SEND_AN_OBJECT)
    return _error(request, 400, message)


def _http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    if isinstance(exc.__cause__, NotAnObject):
        return _error(request, 400, str(_SEND_AN_OBJECT))
    if isinstance(exc.__cause__, NotJson):
        return _error(request, 400, _("Send the text as JSON, with the header Content-Type: application/json."))
    if exc.status_code == 400 and exc.__cause__ is not None:
        return _error(request, 400, _("The body is not valid JSON. Check quotes, commas and brackets."))
    return _error(request, exc.status_code, exc.message)


api.add_exception_handler(ValidationError, _invalid)
api.add_exception_handler(HttpError, _http_error)
api.add_exception_handler(
    AuthenticationError,
    lambda request, exc: _error(
        request, 401, _("Sign in to Torg's back office, or send an API key in the header X-API-Key.")
    ),
)
api.add_exception_handler(
    Throttled,
    lambda request, exc: _error(request, 429, _("Too many checks in a short time. Wait a minute and try again.")),
)
api.add_exception_handler(
    RequestDataTooBig,
    lambda request, exc: _error(request, 400, _("The request is too large. Check the text in parts.")),
)
