"""Real delivery: e-mail over SMTP and SMS over HTTP (generic, Sveve, LINK Mobility) to the local test gateway."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request

import pytest

from torg.notifications.actions import deliver_notification, notify
from torg.notifications.models import Channel, Notification, State
from torg.notifications.sms import (
    GenericHttpGateway,
    LinkMobilityGateway,
    SmsGatewayError,
    SveveGateway,
)
from torg.notifications.testing import PROJECT_ROOT

pytestmark = pytest.mark.django_db


def test_an_email_goes_over_smtp_with_its_headers(smtp_to_gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            key="inquiry:11:receipt",
            channel=Channel.EMAIL,
            to="kari@example.no",
            subject="Vi har fått førespurnaden din",
            body="Saksnummer 2025/11. Svar innan fem arbeidsdagar.",
            headers={"X-Torg-Inquiry": "11", "Auto-Submitted": "auto-generated"},
            reply_to="postmottak@kommune.no",
        )

    [mail] = smtp_to_gateway.mail()
    assert mail["to"] == ["kari@example.no"]
    assert mail["from"] == "noreply@torg.invalid"
    assert mail["subject"] == "Vi har fått førespurnaden din"
    assert mail["body"].strip() == "Saksnummer 2025/11. Svar innan fem arbeidsdagar."
    assert mail["headers"]["X-Torg-Inquiry"] == "11"
    assert mail["headers"]["Reply-To"] == "postmottak@kommune.no"
    notification.refresh_from_db()
    assert notification.state == State.SENT
    assert mail["headers"]["Message-ID"] == notification.provider_id
    recorded = (smtp_to_gateway.directory / "mail.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["subject"] for line in recorded] == ["Vi har fått førespurnaden din"]


@pytest.mark.parametrize(
    ("backend", "shape", "options"),
    [
        ("GenericHttpGateway", "generic", {"TOKEN": "hemmeleg"}),
        ("SveveGateway", "sveve", {"USER": "kommunen", "PASSWORD": "hemmeleg"}),
        ("LinkMobilityGateway", "link", {"USER": "kommunen", "PASSWORD": "hemmeleg", "PLATFORM_PARTNER_ID": "42"}),
    ],
)
def test_an_sms_goes_over_http_through_each_provider_adapter(
    settings, test_gateway, django_capture_on_commit_callbacks, backend, shape, options
):
    settings.TORG_SMS_GATEWAY = {
        "BACKEND": f"torg.notifications.sms.{backend}",
        "URL": test_gateway.sms_url(shape),
        "SENDER": "Kommunen",
        **options,
    }
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(key=f"alert:{shape}", channel=Channel.SMS, to="912 34 567", body="Vassbrot: æøå.")

    assert test_gateway.sms() == [{"shape": shape, "to": ["+4791234567"], "text": "Vassbrot: æøå.", "from": "Kommunen"}]
    notification.refresh_from_db()
    assert notification.state == State.SENT
    assert notification.provider_id


@pytest.mark.parametrize(
    ("gateway_class", "shape", "options"),
    [
        (GenericHttpGateway, "generic", {"TOKEN": "t"}),
        (SveveGateway, "sveve", {"USER": "u", "PASSWORD": "p"}),
        (LinkMobilityGateway, "link", {"USER": "u", "PASSWORD": "p", "PLATFORM_PARTNER_ID": "1"}),
    ],
)
def test_one_text_to_many_numbers(test_gateway, gateway_class, shape, options):
    gateway = gateway_class(URL=test_gateway.sms_url(shape), **options)

    ids = gateway.send(["+4791234567", "+4741234567"], "Stengd veg.")

    assert len(ids) == 2
    received = [number for message in test_gateway.sms() for number in message["to"]]
    assert received == ["+4791234567", "+4741234567"]


REFUSALS = {
    "unknown address": (GenericHttpGateway, "generic", "/nowhere", {"TOKEN": "t"}, "HTTP 404"),
    "no token": (GenericHttpGateway, "generic", "", {}, "HTTP 401"),
    "wrong Sveve login": (SveveGateway, "sveve", "", {}, "Sveve refused the message: Ugyldig brukernavn"),
    "no LINK partner id": (LinkMobilityGateway, "link", "", {"USER": "u", "PASSWORD": "p"}, "HTTP 400"),
}


@pytest.mark.parametrize("case", REFUSALS.values(), ids=REFUSALS.keys())
def test_a_refusal_from_the_provider_is_an_error_to_retry(test_gateway, case):
    gateway_class, shape, suffix, options, message = case
    gateway = gateway_class(URL=test_gateway.sms_url(shape) + suffix, **options)

    with pytest.raises(SmsGatewayError, match=message):
        gateway.send(["+4791234567"], "Hei.")

    assert test_gateway.sms() == []


def test_an_unreachable_provider_is_an_error_to_retry():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))  # bound, not listening: the connection is refused
        gateway = GenericHttpGateway(URL=f"http://127.0.0.1:{sock.getsockname()[1]}/sms", TOKEN="t", TIMEOUT=2)

        with pytest.raises(SmsGatewayError, match="unreachable"):
            gateway.send(["+4791234567"], "Hei.")


def test_a_refused_sms_is_queued_for_retry_with_the_reason(settings, test_gateway):
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.SveveGateway", "URL": test_gateway.sms_url("sveve")}
    notification = Notification.objects.create(key="k", channel=Channel.SMS, recipient="+4791234567", body="Hei.")

    assert deliver_notification(notification_id=notification.pk) == State.QUEUED

    notification.refresh_from_db()
    assert notification.attempts == 1
    assert "Ugyldig brukernavn" in notification.last_error


def test_the_gateway_forgets_on_delete(test_gateway):
    GenericHttpGateway(URL=test_gateway.sms_url(), TOKEN="t").send(["+4791234567"], "Ein.")

    test_gateway.clear()

    assert test_gateway.sms() == []
    assert (test_gateway.directory / "sms.jsonl").read_text().count("\n") == 1  # the file keeps it


def test_the_management_command_prints_where_it_listens_and_stops_cleanly_on_sigterm(tmp_path):
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "torg_test_gateway",
            *("--smtp-port", "0", "--http-port", "0"),
            "--dir",
            tmp_path,
        ],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "torg.settings.test"},
    )
    assert process.stdout is not None
    lines = [process.stdout.readline() for _ in range(3)]
    http_url = lines[2].split()[1]
    with urllib.request.urlopen(http_url + "/mail", timeout=5) as response:
        assert json.loads(response.read()) == []

    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=10)

    assert "SMTP  127.0.0.1:" in lines[1]
    assert process.returncode == 0
    assert "stopped" in output
    assert (tmp_path / "mail.jsonl").exists()
