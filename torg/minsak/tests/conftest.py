"""Fixtures for Mi sak: the local ID-porten, residents' cases, and logging in as people do."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from django.utils import timezone

from torg.innsyn.models import Innsynskrav, Journalpost
from torg.innsyn.requests import submit_request, verify_request
from torg.innsyn.tests.journal_data import build_journal
from torg.inquiries.models import Inquiry
from torg.inquiries.tests.factories import make_inquiry

from .provider import LocalProvider

RESIDENT = "kari@example.org"


@pytest.fixture
def idporten(settings: Any) -> Iterator[LocalProvider]:
    """A running local OIDC provider, and Torg configured to use it (client_secret_basic)."""
    provider = LocalProvider().start()
    settings.TORG_IDPORTEN_ISSUER = provider.issuer
    settings.TORG_IDPORTEN_CLIENT_ID = provider.client_id
    settings.TORG_IDPORTEN_CLIENT_SECRET = provider.client_secret
    settings.TORG_IDPORTEN_CLIENT_AUTH = "client_secret_basic"
    settings.TORG_IDPORTEN_ACR = "idporten-loa-substantial"
    settings.TORG_IDPORTEN_TIMEOUT = 3
    yield provider
    provider.stop()


def idporten_login(client: Client, provider: LocalProvider, tamper: Callable[[str], str] | None = None) -> Any:
    """Press the ID-porten button, let the provider answer, follow it back to Torg: Torg's answer."""
    start = client.post("/mi-side/idporten/")
    assert start.status_code == 302, start.status_code
    assert start["Location"].startswith(provider.issuer + "/authorize?")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    back = answer.headers["Location"]
    if tamper is not None:
        back = tamper(back)
    url = urlsplit(back)
    assert url.path == "/mi-side/idporten/tilbake/"
    return client.get(f"{url.path}?{url.query}")


def login_mails(address: str | None = None) -> list[Any]:
    """The login-link e-mails queued (to ``address``), oldest first."""
    from torg.notifications.models import Notification

    mails = Notification.objects.filter(key__startswith="minsak:link:").order_by("pk")
    return list(mails.filter(recipient=address) if address else mails)


def link_path(notification: Any) -> str:
    link = re.search(r"https?://\S+/mi-side/inn/[\w-]+/", notification.body)
    assert link is not None, notification.body
    return urlsplit(link.group(0)).path


def email_login(client: Client, address: str = RESIDENT) -> Any:
    """Ask for a link, open it from the e-mail, press the button: the response after the button."""
    before = len(login_mails())
    client.post("/mi-side/epost/", {"email": address, "website": ""})
    mails = login_mails()
    assert len(mails) == before + 1, "no login link was sent"
    return client.post(link_path(mails[-1]))


@pytest.fixture
def journal(db: None) -> dict[str, Journalpost]:
    return build_journal(timezone.localdate())


def make_request(
    entries: list[Journalpost], email: str = RESIDENT, message: str = "", verified: bool = True
) -> Innsynskrav:
    krav, token = submit_request(email=email, entry_ids=[e.pk for e in entries], message=message)
    if verified:
        verify_request(token=token)
        krav.refresh_from_db()
    return krav


@pytest.fixture
def cases(journal: dict[str, Journalpost], django_capture_on_commit_callbacks: Any) -> dict[str, Any]:
    """Kari's inquiry and access request, and someone else's of each."""
    with django_capture_on_commit_callbacks(execute=True):
        inquiry: Inquiry = make_inquiry(email="Kari@Example.org", title="Brøyting ved skulen")
        other_inquiry = make_inquiry(email="ola@example.org", title="Gatelys i Sentrum")
        krav = make_request([journal["jp-bridge"], journal["jp-exempt"]], message="Helst som PDF.")
        other_krav = make_request([journal["jp-bridge"]], email="ola@example.org")
    return {"inquiry": inquiry, "other_inquiry": other_inquiry, "krav": krav, "other_krav": other_krav}
