"""What the API shows of an inquiry: only what the public may see.

Every listed request shows its reference, status, service, and when it was
received, changed and is expected done. Its description (the screened public
text, never the resident's own words) and its place only when the resident
allowed publication and staff published it: a resident's home address must
not leak. Contact details, internal notes and attachments never.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from torg.inquiries import deadlines
from torg.inquiries.models import Inquiry, Status

from . import catalogue


def w3_datetime(value: datetime.datetime | None) -> str | None:
    """ISO 8601 with the offset, as GeoReport v2 requires (e.g. 2026-05-04T09:30:00+02:00)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _status_note(inquiry: Inquiry) -> str:
    notes = {
        Status.NEW: _("Received."),
        Status.IN_PROGRESS: _("Being dealt with."),
        Status.WAITING: _("Waiting for more information from the person who reported it."),
        Status.ANSWERED: _("Answered."),
        Status.CLOSED: _("Closed."),
    }
    return str(notes.get(Status(inquiry.status), inquiry.get_status_display()))


def is_published(inquiry: Inquiry) -> bool:
    return inquiry.is_public and inquiry.wants_public


def _updated(inquiry: Inquiry) -> datetime.datetime:
    if not inquiry.is_open:
        return inquiry.closed_at or inquiry.answered_at or inquiry.updated_at
    return inquiry.updated_at


def _expected(inquiry: Inquiry) -> datetime.datetime:
    """The deadline, or the later date a preliminary answer promised."""
    if inquiry.expected_answer_by and inquiry.expected_answer_by > timezone.localdate(inquiry.due_at):
        return deadlines.end_of_day(inquiry.expected_answer_by)
    return inquiry.due_at


def request_data(inquiry: Inquiry) -> dict[str, Any]:
    published = is_published(inquiry)
    data: dict[str, Any] = {
        "service_request_id": inquiry.reference,
        "status": "open" if inquiry.is_open else "closed",
        "status_notes": (inquiry.public_action if published and inquiry.public_action else _status_note(inquiry)),
        "service_name": catalogue.name_for(inquiry),
        "service_code": catalogue.code_for(inquiry),
        "agency_responsible": inquiry.area.name if inquiry.area_id and inquiry.area else None,
        "requested_datetime": w3_datetime(inquiry.received_at),
        "updated_datetime": w3_datetime(_updated(inquiry)),
        "expected_datetime": w3_datetime(_expected(inquiry)),
    }
    if published:
        data["description"] = inquiry.public_text[:4000] or None
        data["address"] = inquiry.address or None
        data["lat"] = float(inquiry.latitude) if inquiry.latitude is not None else None
        data["long"] = float(inquiry.longitude) if inquiry.longitude is not None else None
    return data
