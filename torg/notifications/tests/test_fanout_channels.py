"""Each channel against the local test gateway: e-mail with footer and one-click unsubscribe over one SMTP
connection, SMS batched in every provider shape, web push encrypted with VAPID; and delivery reports."""

from __future__ import annotations

import base64
import json

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from torg.notifications.delivery import (
    DeliveryRow,
    Recipient,
    add_deliveries,
    create_dispatch,
    deliver_batch,
    register_personaliser,
)
from torg.notifications.models import Delivery, Report, State
from torg.notifications.push import vapid_public_key
from torg.notifications.signals import delivery_failed

pytestmark = pytest.mark.django_db


def links(delivery: Recipient) -> dict[str, str]:
    return {
        "unsubscribe_url": f"https://fjordvik.kommune.no/abonnement/avmeld/{delivery.token}/",
        "manage_url": f"https://fjordvik.kommune.no/abonnement/endre/{delivery.token}/",
    }


register_personaliser("test-links", links)


def make_dispatch(**fields):
    defaults = {
        "key": "page:7",
        "kind": "page",
        "subject": "Vassbrot i Storgata",
        "text": "Vatnet er stengt til klokka 14.",
        "sms_text": "Vassbrot i Storgata til kl. 14.",
        "push_title": "Vassbrot",
        "push_body": "Storgata til kl. 14.",
        "url": "https://fjordvik.kommune.no/nyhende/vassbrot/",
        "personaliser": "test-links",
    }
    return create_dispatch(**{**defaults, **fields})


def test_an_email_has_the_footer_and_one_click_unsubscribe_headers_at_the_smtp_sink(smtp_to_gateway):
    dispatch = make_dispatch()
    add_deliveries(
        dispatch=dispatch,
        rows=[DeliveryRow(channel="email", address=f"p{i}@example.no", token=f"tok{i}") for i in range(3)],
    )

    assert deliver_batch(channel="email", worker="w") == 3

    mails = sorted(smtp_to_gateway.mail(), key=lambda m: m["to"][0])
    assert [m["to"] for m in mails] == [["p0@example.no"], ["p1@example.no"], ["p2@example.no"]]
    mail = mails[0]
    delivery = Delivery.objects.get(address="p0@example.no")
    assert mail["subject"] == "Vassbrot i Storgata"
    assert mail["headers"]["Message-ID"] == f"<torg-delivery-{delivery.pk}@torg.invalid>"
    assert mail["headers"]["List-Unsubscribe"] == "<https://fjordvik.kommune.no/abonnement/avmeld/tok0/>"
    assert mail["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Vatnet er stengt til klokka 14." in mail["body"]
    # Nynorsk once the nn catalogue has these msgids ("Endra kva du får: …", "Meld deg av: …").
    with translation.override("nn"):
        manage = gettext("Change what you get: %(url)s") % {"url": links(delivery)["manage_url"]}
        unsubscribe = gettext("Unsubscribe: %(url)s") % {"url": links(delivery)["unsubscribe_url"]}
    assert f"-- \r\n{manage}\r\n{unsubscribe}\r\n" in mail["body"]
    assert set(Delivery.objects.values_list("state", flat=True)) == {State.SENT}


def test_the_gateway_takes_a_message_id_once_and_counts_the_repeat(smtp_to_gateway):
    dispatch = make_dispatch(personaliser="")
    add_deliveries(dispatch=dispatch, rows=[DeliveryRow(channel="email", address="kari@example.no")])
    deliver_batch(channel="email", worker="w")
    Delivery.objects.update(state=State.QUEUED, next_attempt_at=timezone.now())  # as if never marked sent

    deliver_batch(channel="email", worker="w")

    stats = smtp_to_gateway.stats()
    assert (stats["mail"], stats["mail_duplicates"]) == (1, 1)
    assert len(smtp_to_gateway.mail()) == 1


SHAPES = {
    "generic": ("GenericHttpGateway", "generic", {"TOKEN": "t"}),
    "sveve": ("SveveGateway", "sveve", {"USER": "u", "PASSWORD": "p"}),
    "link": ("LinkMobilityGateway", "link", {"USER": "u", "PASSWORD": "p", "PLATFORM_PARTNER_ID": "42"}),
}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_sms_to_many_recipients_go_in_one_request_with_a_ref_each(settings, test_gateway, shape):
    backend, name, options = shape
    settings.TORG_SMS_GATEWAY = {
        "BACKEND": f"torg.notifications.sms.{backend}",
        "URL": test_gateway.sms_url(name),
        "SENDER": "Fjordvik",
        **options,
    }
    dispatch = make_dispatch()
    numbers = [f"+479100000{i}" for i in range(5)]
    add_deliveries(dispatch=dispatch, rows=[DeliveryRow(channel="sms", address=n) for n in numbers])

    assert deliver_batch(channel="sms", worker="w") == 5

    [message] = test_gateway.sms()
    assert message["to"] == numbers
    with translation.override("nn"):  # "Svar STOPP for å melda deg av." with the nn catalogue
        hint = gettext("Reply STOPP to unsubscribe.")
    assert message["text"] == f"Vassbrot i Storgata til kl. 14.\n{hint}"
    assert message["refs"] == [f"torg-delivery-{d.pk}" for d in Delivery.objects.order_by("pk")]
    assert test_gateway.stats()["sms_requests"] == 1
    assert set(Delivery.objects.values_list("state", flat=True)) == {State.SENT}
    assert all(Delivery.objects.values_list("provider_ref", flat=True))


@pytest.fixture
def browser_keys():
    """A browser's push subscription keys (P-256 and a 16-byte auth secret)."""
    private = ec.generate_private_key(ec.SECP256R1())
    public = private.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    auth = b"0123456789abcdef"
    encode = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    return private, {"p256dh": encode(public), "auth": encode(auth)}, auth


def _b64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def verified_jwt_claims(token: str, public_key: ec.EllipticCurvePublicKey) -> dict:
    """The claims of an ES256 JWT, after checking its signature (raises InvalidSignature)."""
    header, claims, signature = token.split(".")
    assert json.loads(_b64(header))["alg"] == "ES256"
    raw = _b64(signature)
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    public_key.verify(der, f"{header}.{claims}".encode(), ec.ECDSA(hashes.SHA256()))
    return json.loads(_b64(claims))


def test_web_push_is_encrypted_aes128gcm_and_signed_with_vapid(settings, tmp_path, test_gateway, browser_keys):
    settings.VAR_DIR = tmp_path
    settings.TORG_PUSH_ALLOW_HTTP = True
    private, keys, auth = browser_keys
    dispatch = make_dispatch()
    add_deliveries(
        dispatch=dispatch,
        rows=[DeliveryRow(channel="push", address=test_gateway.push_url("abc"), push_keys=keys, subscriber_id=3)],
    )

    assert deliver_batch(channel="push", worker="w") == 1

    [push] = test_gateway.push()
    assert push["path"] == "/push/abc"
    assert push["headers"]["Content-Encoding"] == "aes128gcm"
    assert int(push["headers"]["TTL"]) == 24 * 3600
    scheme, params = push["headers"]["Authorization"].split(" ", 1)
    assert scheme == "vapid"
    fields = dict(part.strip().split("=", 1) for part in params.split(","))
    assert fields["k"] == vapid_public_key()
    raw_public = base64.urlsafe_b64decode(fields["k"] + "==")
    signer = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw_public)
    claims = verified_jwt_claims(fields["t"], signer)
    assert claims["aud"] == test_gateway.http_url
    assert claims["sub"].startswith("mailto:")
    plain = http_ece.decrypt(base64.b64decode(push["body_b64"]), private_key=private, auth_secret=auth)
    assert json.loads(plain) == {
        "title": "Vassbrot",
        "body": "Storgata til kl. 14.",
        "url": "https://fjordvik.kommune.no/nyhende/vassbrot/",
    }
    assert Delivery.objects.get().state == State.SENT


def test_a_push_subscription_that_is_gone_fails_at_once(settings, tmp_path, test_gateway, browser_keys):
    settings.VAR_DIR = tmp_path
    settings.TORG_PUSH_ALLOW_HTTP = True
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs)

    delivery_failed.connect(receiver)
    dispatch = make_dispatch()
    add_deliveries(
        dispatch=dispatch,
        rows=[DeliveryRow(channel="push", address=test_gateway.push_url("gone/x"), push_keys=browser_keys[1])],
    )

    deliver_batch(channel="push", worker="w")

    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (State.FAILED, 1)
    assert "410" in delivery.last_error
    delivery_failed.disconnect(receiver)
    assert [(r["channel"], r["permanent"]) for r in received] == [("push", True)]


@pytest.fixture
def sent_sms(settings, sms_outbox):
    settings.TORG_SMS_REPORT_TOKEN = "rapport-hemmeleg"
    dispatch = make_dispatch()
    add_deliveries(dispatch=dispatch, rows=[DeliveryRow(channel="sms", address="+4791234567", subscriber_id=5)])
    deliver_batch(channel="sms", worker="w")
    return Delivery.objects.get()


@pytest.mark.urls("torg.notifications.tests.urls")
def test_a_delivery_report_marks_the_sms_delivered_or_failed(sent_sms):
    client = Client()
    url = "/varslingar/sms/rapport/?token=rapport-hemmeleg"

    answer = client.post(url, {"ref": sent_sms.idempotency_key, "status": "delivered"})
    assert answer.json() == {"received": 1, "matched": 1}
    sent_sms.refresh_from_db()
    assert (sent_sms.state, sent_sms.report) == (State.SENT, Report.DELIVERED)

    answer = client.post(
        url,
        json.dumps([{"ref": sent_sms.provider_ref, "status": "invalid", "error": "Ukjent nummer"}]),
        content_type="application/json",
    )
    assert answer.status_code == 200
    sent_sms.refresh_from_db()
    assert (sent_sms.state, sent_sms.report, sent_sms.last_error) == (State.FAILED, Report.FAILED, "Ukjent nummer")


@pytest.mark.urls("torg.notifications.tests.urls")
@pytest.mark.parametrize(
    ("query", "body", "content_type", "status"),
    [
        ("", {"ref": "x", "status": "delivered"}, None, 403),
        ("?token=feil", {"ref": "x", "status": "delivered"}, None, 403),
        ("?token=rapport-hemmeleg", "{not json", "application/json", 400),
        ("?token=rapport-hemmeleg", "[1, 2]", "application/json", 400),
        ("?token=rapport-hemmeleg", {"status": "delivered"}, None, 400),
        ("?token=rapport-hemmeleg", b"\xff\xfe", "application/json", 400),
    ],
)
def test_a_bad_delivery_report_is_refused_in_nynorsk_never_with_a_500(sent_sms, query, body, content_type, status):
    client = Client()
    kwargs = {"content_type": content_type} if content_type else {}

    answer = client.post(f"/varslingar/sms/rapport/{query}", body, **kwargs)

    assert answer.status_code == status
    assert answer.json()["error"]
    sent_sms.refresh_from_db()
    assert sent_sms.report == ""


def test_an_anymail_bounce_fails_the_email_delivery(smtp_to_gateway):
    from anymail.signals import AnymailTrackingEvent, tracking

    dispatch = make_dispatch()
    add_deliveries(dispatch=dispatch, rows=[DeliveryRow(channel="email", address="borte@example.no", token="t")])
    deliver_batch(channel="email", worker="w")
    delivery = Delivery.objects.get()

    event = AnymailTrackingEvent(
        event_type="bounced", message_id=f"<{delivery.idempotency_key}@torg.invalid>", reject_reason="bounced"
    )
    tracking.send(sender=object, event=event, esp_name="Test")

    delivery.refresh_from_db()
    assert (delivery.state, delivery.report) == (State.FAILED, Report.FAILED)
