"""/abonnement/ for machines: SMS replies (the reply word), web push registration, the service worker."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from torg.subscriptions.models import PushSubscription, Subscriber

from .test_views import subscriber

# --- Machines: SMS replies, web push, the service worker ------------------------------------------------


@pytest.fixture
def inbound(settings: Any) -> str:
    settings.TORG_SMS_INBOUND_TOKEN = "hemmeleg"
    return "/abonnement/sms/inn/?token=hemmeleg"


def test_an_sms_reply_stopp_stops_sms_to_that_number(client: Client, world: Any, inbound: str) -> None:
    person = subscriber(phone="+4791234567", wants_sms=True, phone_confirmed_at=timezone.now())

    response = client.post(inbound, {"from": "4791234567", "text": "Stopp"})

    assert response.status_code == 200 and response.json() == {"ok": True, "unsubscribed": True}
    person.refresh_from_db()
    assert not person.wants_sms and person.wants_email


def test_an_sms_reply_as_json_with_the_token_in_a_header(client: Client, world: Any, inbound: str) -> None:
    subscriber(email="", wants_email=False, phone="+4791234567", wants_sms=True, phone_confirmed_at=timezone.now())

    response = client.post(
        "/abonnement/sms/inn/",
        {"from": "+47 912 34 567", "text": "STOP takk"},
        content_type="application/json",
        headers={"X-Torg-Token": "hemmeleg"},
    )

    assert response.status_code == 200 and response.json()["unsubscribed"] is True
    assert not Subscriber.objects.filter(phone="+4791234567").exists()  # no channel left: deleted


def test_an_sms_reply_that_is_not_a_stop_word_changes_nothing(client: Client, world: Any, inbound: str) -> None:
    person = subscriber(phone="+4791234567", wants_sms=True, phone_confirmed_at=timezone.now())

    response = client.post(inbound, {"from": "+4791234567", "text": "Takk for meldinga"})

    assert response.status_code == 200 and response.json()["unsubscribed"] is False
    person.refresh_from_db()
    assert person.wants_sms


@pytest.mark.parametrize(
    ("path", "body", "content_type", "status"),
    [
        ("/abonnement/sms/inn/", {"from": "91234567", "text": "STOPP"}, None, 403),
        ("/abonnement/sms/inn/?token=feil", {"from": "91234567", "text": "STOPP"}, None, 403),
        ("/abonnement/sms/inn/?token=hemmeleg", {"text": "STOPP"}, None, 400),
        ("/abonnement/sms/inn/?token=hemmeleg", {"from": "91234567"}, None, 400),
        ("/abonnement/sms/inn/?token=hemmeleg", {"from": "ikkje-eit-nummer", "text": "STOPP"}, None, 400),
        ("/abonnement/sms/inn/?token=hemmeleg", {"from": "9" * 50, "text": "STOPP"}, None, 400),
        ("/abonnement/sms/inn/?token=hemmeleg", "{not json", "application/json", 400),
        ("/abonnement/sms/inn/?token=hemmeleg", "[1, 2]", "application/json", 400),
        ("/abonnement/sms/inn/?token=hemmeleg", '{"from": 5, "text": ["x"]}', "application/json", 400),
        ("/abonnement/sms/inn/?token=hemmeleg", b"\xff\xfe", "application/json", 400),
    ],
)
def test_an_sms_webhook_call_that_is_not_right_is_refused_never_an_error(
    client: Client, world: Any, inbound: str, path: str, body: Any, content_type: str | None, status: int
) -> None:
    response = client.post(path, body, content_type=content_type) if content_type else client.post(path, body)

    assert response.status_code == status


def test_the_sms_webhook_is_off_without_a_token_and_answers_only_post(
    client: Client, world: Any, settings: Any
) -> None:
    settings.TORG_SMS_INBOUND_TOKEN = ""
    assert client.post("/abonnement/sms/inn/?token=", {"from": "91234567", "text": "STOPP"}).status_code == 404
    settings.TORG_SMS_INBOUND_TOKEN = "hemmeleg"
    assert client.get("/abonnement/sms/inn/?token=hemmeleg").status_code == 405


PUSH = {"endpoint": "https://push.example.org/send/abc123", "keys": {"p256dh": "BPx-key_1", "auth": "auth-key"}}


def test_the_page_script_registers_a_browser_for_push_with_the_csrf_header(world: Any) -> None:
    person = subscriber(wants_push=True)
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"/abonnement/endre/{person.token}/")  # the page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value

    refused = browser.post(
        "/abonnement/push/", {"token": person.token, "subscription": PUSH}, content_type="application/json"
    )
    accepted = browser.post(
        "/abonnement/push/",
        {"token": person.token, "subscription": PUSH},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert accepted.status_code == 201 and accepted.json()["ok"] is True
    push = PushSubscription.objects.get(subscriber=person)
    assert (push.endpoint, push.p256dh, push.auth) == (PUSH["endpoint"], "BPx-key_1", "auth-key")


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("not json", 400),
        ({"token": "finst-ikkje", "subscription": PUSH}, 404),
        ({"subscription": PUSH}, 400),
        ({"token": "T", "subscription": {**PUSH, "endpoint": "http://push.example.org/x"}}, 400),
        ({"token": "T", "subscription": {**PUSH, "endpoint": "https://" + "x" * 1000 + ".no/"}}, 400),
        ({"token": "T", "subscription": {**PUSH, "keys": {"p256dh": "a b", "auth": "x"}}}, 400),
        ({"token": "T", "subscription": {**PUSH, "keys": {"p256dh": "a", "auth": "x" * 150}}}, 400),
        ({"token": "T", "endpoint": PUSH["endpoint"], "keys": PUSH["keys"]}, 201),
    ],
)
def test_a_push_registration_that_is_not_right_is_refused(client: Client, world: Any, body: Any, status: int) -> None:
    person = subscriber()
    if isinstance(body, dict) and body.get("token") == "T":
        body = {**body, "token": person.token}

    response = client.post("/abonnement/push/", body, content_type="application/json")

    assert response.status_code == status


def test_push_needs_a_confirmed_subscription(client: Client, world: Any) -> None:
    person = subscriber(email_confirmed_at=None)

    response = client.post(
        "/abonnement/push/", {"token": person.token, "subscription": PUSH}, content_type="application/json"
    )

    assert response.status_code == 403
    assert not PushSubscription.objects.exists()


def test_the_service_worker_is_javascript_allowed_for_the_subscription_pages(client: Client, world: Any) -> None:
    response = client.get("/abonnement/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/abonnement/"
    body = response.content.decode()
    assert "showNotification" in body and "notificationclick" in body and "openWindow" in body
