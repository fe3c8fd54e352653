"""Reads for Mi sak: the resident's inbox across every source, one item's page, who is logged in."""

from __future__ import annotations

from django.http import HttpRequest

from . import session
from .session import Resident
from .sources import Detail, Item, Redirect, by_slug, registered


def current_resident(request: HttpRequest) -> Resident | None:
    """The resident logged in to Mi sak in this session, or None.

    For other apps: a form that a resident sends while logged in with ID-porten
    (``resident.kind == "pid"``) links what it made to them with
    :func:`torg.minsak.actions.link_item`.
    """
    return session.current(request, touch=False)


def inbox(resident: Resident) -> list[Item]:
    """Everything the resident has going with the municipality, newest first."""
    items = [item for source in registered() for item in source.items(resident)]
    return sorted(items, key=lambda item: item.created_at, reverse=True)


def item_page(resident: Resident, source: str, key: str) -> Detail | Redirect | None:
    """One item's page (or where it lives), or None when the resident has no such item."""
    found = by_slug(source)
    if found is None or len(key) > 100:
        return None
    return found.page(resident, key)


def has_items(email: str) -> bool:
    """Whether anything in any source is registered to this e-mail address."""
    resident = Resident(kind=session.EMAIL, value=email, level=session.EMAIL)
    return any(source.items(resident) for source in registered())
