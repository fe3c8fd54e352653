"""Servicetorget's inquiries as Mi sak items; the item page is the inquiry's own follow page."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from torg.inquiries.models import Inquiry, Status
from torg.inquiries.queries import resident_inquiries

from ..session import Resident
from . import INFO, NEUTRAL, SUCCESS, WARNING, Detail, Item, Redirect

TONES = {Status.NEW: INFO, Status.IN_PROGRESS: INFO, Status.WAITING: WARNING, Status.ANSWERED: SUCCESS}


def linked_ids(resident: Resident, source: str) -> Any:
    """The ids of ``source``'s items linked to the resident's ID-porten login (a subquery), or []."""
    if not resident.pid_hash:
        return []
    from ..models import ResidentLink

    return ResidentLink.objects.filter(pid_hash=resident.pid_hash, source=source).values("object_id")


class InquirySource:
    slug = "servicetorget"

    def _inquiries(self, resident: Resident) -> Any:
        return resident_inquiries(emails=list(resident.emails), ids=linked_ids(resident, self.slug))

    def _item(self, inquiry: Inquiry) -> Item:
        paused = inquiry.status == Status.WAITING
        return Item(
            source=self.slug,
            key=inquiry.reference,
            kind=_("Servicetorget: %(kind)s") % {"kind": inquiry.get_kind_display()},
            title=inquiry.title or Truncator(inquiry.text).chars(90) or _("Inquiry"),
            reference=inquiry.reference,
            status=str(inquiry.get_status_display()),
            tone=TONES.get(inquiry.status, NEUTRAL),  # type: ignore[call-overload]
            is_open=inquiry.is_open,
            created_at=inquiry.received_at,
            deadline=timezone.localdate(inquiry.due_at) if inquiry.is_open and not paused else None,
            messages=int(getattr(inquiry, "resident_messages", 0)),
            documents=int(getattr(inquiry, "resident_attachments", 0)),
        )

    def items(self, resident: Resident) -> list[Item]:
        return [self._item(inquiry) for inquiry in self._inquiries(resident)]

    def page(self, resident: Resident, key: str) -> Detail | Redirect | None:
        """The follow page, opened with the inquiry's private key (it keeps the key in the session)."""
        if not key or len(key) > 12:
            return None
        inquiry = self._inquiries(resident).filter(reference=key).first()
        if inquiry is None:
            return None
        return Redirect(url=f"{inquiry.get_absolute_url()}?k={inquiry.access_key()}")
