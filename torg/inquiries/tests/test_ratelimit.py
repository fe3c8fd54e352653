"""The limit on how often one client may send (the form, replies and the Open311 API)."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine
from django.test import RequestFactory

from torg.inquiries import ratelimit

HOUR_START = datetime.datetime(2026, 11, 26, 10, 0, 5, tzinfo=datetime.UTC)


def test_a_client_gets_the_limit_per_hour_and_then_no_more() -> None:
    with time_machine.travel(HOUR_START, tick=False):
        results = [ratelimit.hit("form", "192.0.2.1", 3) for _ in range(5)]

    assert results == [True, True, True, False, False]


def test_the_count_starts_again_the_next_hour() -> None:
    with time_machine.travel(HOUR_START, tick=False):
        assert ratelimit.hit("form", "192.0.2.1", 1)
        assert not ratelimit.hit("form", "192.0.2.1", 1)
    with time_machine.travel(HOUR_START + datetime.timedelta(hours=1), tick=False):
        assert ratelimit.hit("form", "192.0.2.1", 1)


def test_clients_and_scopes_are_counted_apart() -> None:
    assert ratelimit.hit("form", "192.0.2.1", 1)

    assert ratelimit.hit("form", "192.0.2.2", 1)
    assert ratelimit.hit("open311", "192.0.2.1", 1)
    assert not ratelimit.hit("form", "192.0.2.1", 1)


def test_a_limit_of_zero_turns_the_limit_off() -> None:
    assert all(ratelimit.hit("form", "192.0.2.1", 0) for _ in range(50))


def test_the_client_is_the_remote_address_and_a_forwarded_header_is_ignored_by_default() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert ratelimit.client_id(request) == "192.0.2.1"


def test_behind_a_trusted_proxy_the_forwarded_client_counts(settings: Any) -> None:
    settings.TORG_TRUSTED_PROXIES = ["10.0.0.1", "10.0.0.2"]
    # A client may put anything in the header; the proxies append the address they saw.
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99, 198.51.100.7, 10.0.0.2"
    )

    assert ratelimit.client_id(request) == "198.51.100.7"


def test_allowed_reads_the_limit_from_the_setting(settings: Any) -> None:
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 2
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.5")

    assert [ratelimit.allowed(request, "form") for _ in range(3)] == [True, True, False]
