"""Time-limited download links to the documents a decision hands out.

Torg's notifications send plain-text e-mail without attachments, so the letter carries
one link per granted file: ``/innsyn/utlevering/<token>/``. The token is signed
(Django's ``TimestampSigner``, keyed by SECRET_KEY) and names the part and the file; it
works for ``TORG_INNSYN_DOWNLOAD_DAYS`` days (default 30) from the letter. At download
time the part must still hand out that file, so nothing is served that the decision
did not grant.

The address is routed by :mod:`torg.innsyn.handling.urls`, included from
``torg/innsyn/urls.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from torg.core import audit

from ..requests import InnsynskravDel
from .copies import GrantedFile, granted_files

SALT = "torg.innsyn.handling.download"
PATH = "/innsyn/utlevering/"
MAX_TOKEN = 300


def download_days() -> int:
    try:
        return max(1, int(getattr(settings, "TORG_INNSYN_DOWNLOAD_DAYS", 30)))
    except (TypeError, ValueError):
        return 30


def expires_on(now: dt.datetime | None = None) -> dt.date:
    """The last day a link made at ``now`` works."""
    return timezone.localdate(now or timezone.now()) + dt.timedelta(days=download_days())


def make_token(part: InnsynskravDel, key: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"p": part.pk, "f": key}, compress=False)


def download_url(token: str) -> str:
    return f"{str(settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{PATH}{token}/"


def links(part: InnsynskravDel) -> list[tuple[GrantedFile, str]]:
    """Every file the part hands out, with its download address."""
    return [(found, download_url(make_token(part, found.key))) for found in granted_files(part)]


class LinkError(Exception):
    def __init__(self, expired: bool):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def resolve(token: str) -> tuple[InnsynskravDel, GrantedFile]:
    """The part and file a token names, or LinkError."""
    if not token or len(token) > MAX_TOKEN:
        raise LinkError(expired=False)
    max_age = dt.timedelta(days=download_days() + 1)  # the whole last day counts
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkError(expired=True) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise LinkError(expired=False) from error
    if not isinstance(value, dict) or not isinstance(value.get("p"), int) or not isinstance(value.get("f"), int):
        raise LinkError(expired=False)
    part = InnsynskravDel.objects.select_related("journalpost").filter(pk=value["p"]).first()
    found = next((f for f in granted_files(part) if f.key == value["f"]), None) if part else None
    if part is None or found is None:
        raise LinkError(expired=False)
    return part, found


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"  # the token must not leak to other sites
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _crumbs() -> list[tuple[str, str]]:
    return [("/", _("Front page")), (reverse("innsyn:search"), _("Public journal"))]


@never_cache
@require_http_methods(["GET", "HEAD"])
def granted_file(request: HttpRequest, token: str) -> HttpResponseBase:
    """Serve one granted file as a download, or a page that says why the link does not work."""
    try:
        part, found = resolve(token)
        handle = found.file.open("rb")
    except LinkError as error:
        return _link_page(request, expired=error.expired)
    except (FileNotFoundError, OSError, ValueError):
        return _link_page(request, expired=False, missing=True)
    audit.record(actor=None, action="torg.innsyn.granted_file_downloaded", target=part, data={"file": found.key})
    response = FileResponse(handle, as_attachment=True, filename=found.filename, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)


def _link_page(request: HttpRequest, *, expired: bool, missing: bool = False) -> HttpResponseBase:
    context: dict[str, Any] = {
        "expired": expired,
        "missing": missing,
        "days": download_days(),
        "crumbs": _crumbs(),
    }
    status = 410 if expired else 404
    response: HttpResponse = render(request, "innsyn/letters/link.html", context, status=status)
    return _private(response)
