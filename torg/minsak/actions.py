"""Writes for Mi sak: one-time login links by e-mail, and links from items to an ID-porten login."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from torg.core import audit

from . import queries
from .models import LoginLink, ResidentLink

TOKEN_MAX_LENGTH = 100


def link_minutes() -> int:
    try:
        return max(1, int(getattr(settings, "TORG_MINSAK_LINK_MINUTES", 30)))
    except (TypeError, ValueError):
        return 30


def _hash(token: str) -> str:
    return salted_hmac("torg.minsak.login-link", token, algorithm="sha256").hexdigest()


def login_url(token: str) -> str:
    return f"{str(settings.WAGTAILADMIN_BASE_URL).rstrip('/')}{reverse('minsak:link', args=[token])}"


@transaction.atomic
def send_login_link(*, email: str, now: dt.datetime | None = None) -> str | None:
    """E-mail a one-time login link to ``email`` when anything is registered to it.

    Returns the token, or None when nothing is registered to the address (then no
    e-mail goes out; the caller tells the resident the same in both cases).
    ``email`` must be a valid address already (the form checks it).
    """
    from torg.notifications.actions import notify
    from torg.notifications.models import Channel

    address = email.strip().lower()
    if not queries.has_items(address):
        return None
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    minutes = link_minutes()
    link = LoginLink.objects.create(
        token_hash=_hash(token), email=address, created_at=now, expires_at=now + dt.timedelta(minutes=minutes)
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your link to log in to Mi sak")
        body = "\n".join(
            [
                gettext("Open this link to log in and see your cases with the municipality:"),
                login_url(token),
                "",
                gettext("The link works once, for %(minutes)d minutes.") % {"minutes": minutes},
                gettext("If you did not ask for this, you can ignore this e-mail. Nobody can log in without the link."),
            ]
        )
    notify(key=f"minsak:link:{link.pk}", channel=Channel.EMAIL, to=address, subject=subject, body=body)
    return token


def _plausible(token: str) -> bool:
    return 0 < len(token) <= TOKEN_MAX_LENGTH and all(c.isascii() and (c.isalnum() or c in "-_") for c in token)


def link_is_valid(*, token: str, now: dt.datetime | None = None) -> bool:
    """Whether the link would still log in (unused, not expired), without using it."""
    if not _plausible(token):
        return False
    now = now or timezone.now()
    return LoginLink.objects.filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=now).exists()


@transaction.atomic
def use_login_link(*, token: str, now: dt.datetime | None = None) -> str | None:
    """Use a login link once: the e-mail address it was sent to, or None (unknown, used or expired)."""
    if not _plausible(token):
        return None
    now = now or timezone.now()
    link = LoginLink.objects.filter(token_hash=_hash(token)).first()
    if link is None:
        return None
    # The conditional update makes sure two clicks at once log in only one of them.
    used = LoginLink.objects.filter(pk=link.pk, used_at__isnull=True, expires_at__gt=now).update(used_at=now)
    if not used:
        return None
    audit.record(actor=None, action="torg.minsak.link_used", target=link)
    return link.email


@transaction.atomic
def link_item(*, pid_hash: str, source: str, object_id: int) -> ResidentLink:
    """Tie an item of ``source`` to the resident logged in with ID-porten (known by ``pid_hash``).

    Call it where the item is made, when ``torg.minsak.queries.current_resident(request)``
    is a resident of kind "pid". Linking twice is harmless.
    """
    if len(pid_hash) != 64 or not source:
        raise ValueError("link_item needs the 64-character pid hash and a source slug.")
    link, created = ResidentLink.objects.get_or_create(pid_hash=pid_hash, source=source, object_id=object_id)
    if created:
        audit.record(actor=None, action="torg.minsak.item_linked", target=link, data={"source": source})
    return link


@transaction.atomic
def delete_old_login_links(*, now: dt.datetime | None = None) -> int:
    """Delete login links that are used or expired (they can never log in again)."""
    now = now or timezone.now()
    deleted, _by_model = LoginLink.objects.filter(expires_at__lte=now).delete()
    used, _by_model = LoginLink.objects.filter(used_at__isnull=False).delete()
    return deleted + used


def link_to_current_resident(request: HttpRequest, *, source: str, object_id: int) -> None:
    """Show what a resident logged in with ID-porten sends in their Mi sak, also without an e-mail match.

    Called by the forms of other apps right after they stored the item.
    """
    from .queries import current_resident

    resident = current_resident(request)
    if resident is not None and resident.pid_hash:
        link_item(pid_hash=resident.pid_hash, source=source, object_id=object_id)
