"""The basket and the access request: session basket, e-mail verification, deadlines, bad input."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torg.innsyn.models import Innsynskrav, InnsynskravDel, InnsynskravStatus, Journalpost
from torg.innsyn.requests import submit_request, verify_request

from .journal_data import build_journal


def nn(message: str) -> str:
    with translation.override("nn"):
        return gettext(message)


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits() -> None:
    cache.clear()


def _add(client: Client, entry: Journalpost, neste: str = "/innsyn/") -> Any:
    return client.post(reverse("innsyn:basket_add"), {"journalpost": entry.pk, "neste": neste})


def test_basket_flow_sends_a_verification_link_and_only_verified_requests_reach_handlers(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    entries = build_journal(timezone.localdate())
    bridge, person = entries["jp-bridge"], entries["jp-recent-person"]
    response = _add(client, bridge, neste=f"/innsyn/journalpost/{bridge.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/innsyn/journalpost/{bridge.pk}/"
    _add(client, person)
    _add(client, person)  # twice: once in the basket
    assert _add(client, bridge, neste="https://evil.example/").headers["Location"] == "/innsyn/korg/"
    page = client.get(reverse("innsyn:basket")).content.decode()
    assert "Vedlikehald av brua over elva" in page and "Søknad om byggjeløyve – [namn]" in page
    client.post(reverse("innsyn:basket_remove"), {"journalpost": person.pk})
    _add(client, person)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("innsyn:basket"), {"email": " Journalist@Example.no ", "message": "Helst i PDF.", "website": ""}
        )
    assert response.status_code == 302 and response["Location"] == reverse("innsyn:receipt")
    receipt = client.get(reverse("innsyn:receipt")).content.decode()
    assert "j***@example.no" in receipt
    krav = Innsynskrav.objects.get()
    assert (krav.email, krav.message, krav.verified_at) == ("journalist@example.no", "Helst i PDF.", None)
    assert set(krav.delar.values_list("journalpost_id", flat=True)) == {bridge.pk, person.pk}
    assert not InnsynskravDel.objects.for_handlers().exists()
    assert (
        nn("The basket is empty. Search the public journal and choose “Ask for access” on the entries you want to see.")
        in client.get(reverse("innsyn:basket")).content.decode()
    )

    (message,) = mail.outbox
    assert message.to == ["journalist@example.no"]
    assert "Vedlikehald av brua over elva" in message.body
    link = re.search(r"https?://\S+/innsyn/stadfest/([\w-]+)/", str(message.body))
    assert link is not None
    token = link.group(1)
    assert krav.token != token  # only a hash is stored

    url = reverse("innsyn:verify", args=[token])
    assert client.get(url).status_code == 200  # a button, not yet verified
    krav.refresh_from_db()
    assert krav.verified_at is None
    assert client.post(url).status_code == 200
    krav.refresh_from_db()
    assert krav.verified_at is not None
    assert InnsynskravDel.objects.for_handlers().count() == 2
    assert client.post(url).status_code == 200  # again: harmless
    assert client.get(reverse("innsyn:verify", args=["not-a-token"])).status_code == 404
    assert client.post(reverse("innsyn:verify", args=["x" * 300])).status_code == 404


def test_deadline_is_three_working_days_from_verification() -> None:
    with time_machine.travel(dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC), tick=False):  # a Friday
        entries = build_journal(timezone.localdate())
        krav, token = submit_request(email="a@example.no", entry_ids=[entries["jp-bridge"].pk])
        part = krav.delar.get()
        assert (part.status, part.deadline, part.decided_at) == (InnsynskravStatus.NY, dt.date(2026, 12, 2), None)
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):  # verified on Monday
        assert verify_request(token=token) == krav
        part.refresh_from_db()
        assert part.deadline == dt.date(2026, 12, 3)


def test_deadline_days_follow_the_setting(settings: Any) -> None:
    settings.TORG_INNSYN_ANSWER_WORKING_DAYS = 1
    with time_machine.travel(dt.datetime(2026, 11, 27, 10, 0, tzinfo=dt.UTC), tick=False):
        entries = build_journal(timezone.localdate())
        krav, _token = submit_request(email="a@example.no", entry_ids=[entries["jp-bridge"].pk])
        assert krav.delar.get().deadline == dt.date(2026, 11, 30)


def test_submit_refuses_unpublished_entries_and_bad_addresses() -> None:
    entries = build_journal(timezone.localdate())
    Journalpost.objects.filter(pk=entries["jp-bridge"].pk).update(publish_metadata=False)
    with pytest.raises(ValueError):
        submit_request(email="a@example.no", entry_ids=[entries["jp-bridge"].pk, 999999])
    with pytest.raises(ValueError):
        submit_request(email="not an address", entry_ids=[entries["jp-old-person"].pk])
    assert not Innsynskrav.objects.exists()


def test_form_errors_keep_what_was_written_and_the_honeypot_catches_robots(client: Client) -> None:
    entries = build_journal(timezone.localdate())
    _add(client, entries["jp-bridge"])
    response = client.post(reverse("innsyn:basket"), {"email": "nei", "message": "Mi melding"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "ds-error-summary" in html and 'href="#id_email"' in html and "Mi melding" in html
    response = client.post(reverse("innsyn:basket"), {"email": "robot@example.no", "website": "http://spam"})
    assert response.status_code == 400
    assert not Innsynskrav.objects.exists()


def test_an_empty_basket_cannot_be_sent(client: Client) -> None:
    build_journal(timezone.localdate())
    response = client.post(reverse("innsyn:basket"), {"email": "a@example.no"})
    assert response.status_code == 400
    assert not Innsynskrav.objects.exists()


def test_rate_limit(client: Client, settings: Any) -> None:
    settings.TORG_INNSYN_RATE_LIMIT_PER_HOUR = 2
    entries = build_journal(timezone.localdate())
    statuses = []
    for _i in range(3):
        _add(client, entries["jp-bridge"])
        statuses.append(client.post(reverse("innsyn:basket"), {"email": "a@example.no"}).status_code)
    assert statuses == [302, 302, 429]
    assert Innsynskrav.objects.count() == 2


_text = st.text(max_size=80)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    q=_text,
    fra=_text,
    til=_text,
    types=st.lists(_text, max_size=3),
    omrade=_text,
    part=_text,
    sorter=_text,
    side=_text,
)
def test_fuzz_search_parameters(
    client: Client, q: str, fra: str, til: str, types: list[str], omrade: str, part: str, sorter: str, side: str
) -> None:
    params = {"q": q, "fra": fra, "til": til, "type": types, "omrade": omrade, "part": part, "sorter": sorter}
    params["side"] = side
    response = client.get(reverse("innsyn:search"), params)
    assert response.status_code in (200, 400)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    journalpost=st.one_of(_text, st.integers().map(str)),
    neste=_text,
    email=_text,
    message=st.text(max_size=3000),
    website=_text,
)
def test_fuzz_basket_posts(
    client: Client, journalpost: str, neste: str, email: str, message: str, website: str
) -> None:
    cache.clear()
    for name in ("innsyn:basket_add", "innsyn:basket_remove"):
        response = client.post(reverse(name), {"journalpost": journalpost, "neste": neste})
        assert response.status_code == 302
        assert response["Location"].startswith("/")
    response = client.post(reverse("innsyn:basket"), {"email": email, "message": message, "website": website})
    assert response.status_code in (302, 400)
