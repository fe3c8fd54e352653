"""Inquiries in valid states, made through the actions (so deadlines and the audit log are real)."""

from __future__ import annotations

import datetime
from typing import Any

from torg.core.models import ServiceArea

from ..actions import Contact, Submitted, submit_inquiry
from ..models import Channel, Inquiry, Kind


def make_inquiry(
    *,
    area: ServiceArea | None = None,
    kind: str = Kind.QUESTION,
    text: str = "Når blir vegen ved skulen brøyta?",
    email: str = "kari@example.org",
    phone: str = "",
    channel: str = Channel.WEB,
    received_at: datetime.datetime | None = None,
    **fields: Any,
) -> Inquiry:
    return submit(
        area=area, kind=kind, text=text, email=email, phone=phone, channel=channel, received_at=received_at, **fields
    ).inquiry


def submit(
    *,
    area: ServiceArea | None = None,
    kind: str = Kind.QUESTION,
    text: str = "Når blir vegen ved skulen brøyta?",
    email: str = "kari@example.org",
    phone: str = "",
    name: str = "Kari Nordmann",
    channel: str = Channel.WEB,
    received_at: datetime.datetime | None = None,
    **fields: Any,
) -> Submitted:
    return submit_inquiry(
        kind=kind,
        text=text,
        channel=channel,
        contact=Contact(name=name, email=email, phone=phone),
        area=area,
        received_at=received_at,
        **fields,
    )
