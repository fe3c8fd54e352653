"""Helpers that turn plain demo data into published Wagtail pages."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from wagtail.models import Page


def rich(text: str | None) -> str:
    """Plain text becomes one paragraph; HTML is kept as it is."""
    if not text:
        return ""
    return text if text.lstrip().startswith("<") else f"<p>{text}</p>"


def stream(items: list[Any]) -> list[dict[str, Any]]:
    """Body content as StreamField data: a str is a paragraph, a (type, value) pair any block."""
    blocks: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, str):
            blocks.append({"type": "paragraph", "value": rich(item)})
        else:
            kind, value = item
            if kind == "heading3":  # a sub-heading inside the text
                blocks.append({"type": "paragraph", "value": f"<h3>{value}</h3>"})
            elif kind == "paragraph":
                blocks.append({"type": "paragraph", "value": rich(value)})
            else:
                blocks.append({"type": kind, "value": value})
    return blocks


def publish(
    parent: Page,
    page: Page,
    *,
    author: AbstractBaseUser | None = None,
    publisher: AbstractBaseUser | None = None,
) -> Any:
    """Add ``page`` under ``parent`` and publish it through a revision."""
    parent.add_child(instance=page)
    revision = page.save_revision(user=author or publisher)
    revision.publish(user=publisher, skip_permission_checks=True)
    page.refresh_from_db()
    return page


def republish(page: Page, *, author: AbstractBaseUser | None, publisher: AbstractBaseUser | None) -> None:
    page.save_revision(user=author).publish(user=publisher, skip_permission_checks=True)


def local_at(day: datetime.datetime, hhmm: str) -> datetime.datetime:
    hour, minute = (int(part) for part in hhmm.split(":"))
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)
