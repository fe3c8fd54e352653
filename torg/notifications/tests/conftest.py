"""Fixtures for the notification tests: a clean SMS outbox and the local test gateway."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from torg.notifications import sms
from torg.notifications.testing import GatewayProcess, start_test_gateway


@pytest.fixture(autouse=True)
def _sms_outbox(settings: Any) -> Iterator[list[dict[str, Any]]]:
    """SMS go to the in-memory outbox unless a test says otherwise."""
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.LocmemGateway", "SENDER": "Torg"}
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture
def sms_outbox(_sms_outbox: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return _sms_outbox


@pytest.fixture
def test_gateway(tmp_path: Path) -> Iterator[GatewayProcess]:
    """The local test gateway in a subprocess on free ports, stopped after the test."""
    gateway = start_test_gateway(tmp_path)
    yield gateway
    gateway.stop()


@pytest.fixture
def smtp_to_gateway(settings: Any, test_gateway: GatewayProcess) -> GatewayProcess:
    """Django's SMTP backend, delivering to the test gateway."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = test_gateway.host
    settings.EMAIL_PORT = test_gateway.smtp_port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return test_gateway
