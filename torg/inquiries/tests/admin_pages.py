"""What the back-office tests of Servicetorget share: addresses, reading pages and the log."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from torg.inquiries.models import (
    Inquiry,
)
from torg.notifications.models import Notification

QUEUE = "/admin/servicetorget/"
HARD_TEXT = " ".join(
    [
        "Kommunikasjonsavdelingsleiarens saksbehandlingsrutinebeskrivingar tilseier omfattande "
        "dokumentasjonsgjennomgang av innbyggjarførespurnader, personvernvurderingar og arkivverdigheitsvurderingar."
    ]
    * 4
)


def in_nynorsk(message: str) -> str:
    """The back office speaks the municipality's language form unless the user chose another."""
    with translation.override("nn"):
        return translation.gettext(message)


def html_of(response: Any) -> str:
    return str(response.content.decode())


def menu_of(client: Client) -> str:
    """The back-office sidebar (rendered as JSON in the dashboard's HTML)."""
    return html_of(client.get(reverse("wagtailadmin_home"))).replace("&quot;", '"')


def case_url(inquiry: Inquiry, action: str = "") -> str:
    return f"{QUEUE}{inquiry.pk}/{action + '/' if action else ''}"


def views_logged(inquiry: Inquiry, user: Any) -> int:
    return ModelLogEntry.objects.filter(
        object_id=str(inquiry.pk), action="torg.personal_data.viewed", user=user, data__purpose="servicetorget"
    ).count()


def queued_to(address: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=address).order_by("pk"))
