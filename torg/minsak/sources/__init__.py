"""Where Mi sak's items come from: a small registry of sources, each giving uniform items.

A source is any object with

- ``slug``: its part of the item address (``/mi-side/sak/<slug>/<key>/``);
- ``items(resident)``: the resident's items, as :class:`Item`;
- ``page(resident, key)``: one item's page, as :class:`Detail`, or a
  :class:`Redirect` to the page the source already has, or None when the
  resident has no such item.

The sources in use are listed in ``TORG_MINSAK_SOURCES`` (dotted paths to the
classes). A capability that lands later (applications, hearing comments)
writes its own source and appends it to that setting; nothing else in Mi sak
changes. Items that a resident sent while logged in with ID-porten are tied
to them with :func:`torg.minsak.actions.link_item` under the source's slug.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from ..session import Resident

# Designsystemet colours for a status tag.
NEUTRAL, INFO, SUCCESS, WARNING, DANGER = "neutral", "info", "success", "warning", "danger"


def day(moment: dt.datetime) -> str:
    """A date in words in the active language: "3. mars 2026"."""
    from django.utils import formats, timezone

    return str(formats.date_format(timezone.localtime(moment), "j. F Y"))


@dataclass(frozen=True)
class Item:
    """One line in the inbox."""

    source: str
    key: str
    kind: str  # what it is, in words: "Question to Servicetorget", "Access request"
    title: str
    reference: str
    status: str  # in words
    tone: str  # a Designsystemet colour for the status
    is_open: bool
    created_at: dt.datetime
    deadline: dt.date | None = None
    messages: int = 0
    documents: int = 0

    @property
    def url(self) -> str:
        from django.urls import reverse

        return reverse("minsak:item", args=[self.source, self.key])


@dataclass(frozen=True)
class Part:
    """A part of an item with its own status (one journal entry of an access request)."""

    title: str
    status: str
    tone: str
    deadline: dt.date | None = None
    decided_at: dt.datetime | None = None
    letter: str = ""
    url: str = ""  # a public page about the part, with its published documents
    appeal_url: str = ""  # where the resident appeals the decision, or follows the appeal
    appeal_status: str = ""  # how far the appeal has come, in words


@dataclass(frozen=True)
class Message:
    created_at: dt.datetime
    sender: str
    body: str


@dataclass(frozen=True)
class Document:
    name: str
    url: str


@dataclass(frozen=True)
class Detail:
    item: Item
    parts: Sequence[Part] = ()
    messages: Sequence[Message] = ()
    documents: Sequence[Document] = ()
    notice: str = ""  # something the resident must do, shown first
    facts: Sequence[tuple[str, str]] = field(default_factory=tuple)


@dataclass(frozen=True)
class Redirect:
    url: str


class Source(Protocol):
    slug: str

    def items(self, resident: Resident) -> list[Item]: ...

    def page(self, resident: Resident, key: str) -> Detail | Redirect | None: ...


@cache
def _load(paths: tuple[str, ...]) -> tuple[Source, ...]:
    return tuple(import_string(path)() for path in paths)


def registered() -> tuple[Source, ...]:
    """The sources named in TORG_MINSAK_SOURCES, each made once."""
    return _load(tuple(getattr(settings, "TORG_MINSAK_SOURCES", ())))


def by_slug(slug: str) -> Source | None:
    return next((source for source in registered() if source.slug == slug), None)
