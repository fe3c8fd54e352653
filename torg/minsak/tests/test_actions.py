"""Mi sak's writes: login links (hashed, once, time-limited), links to an ID-porten login, clean-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import ModelLogEntry

from .. import actions
from ..models import LoginLink, ResidentLink
from ..session import pid_hash
from .conftest import RESIDENT, login_mails

pytestmark = pytest.mark.django_db


def test_a_link_is_sent_only_to_an_address_with_cases(cases: dict[str, Any]) -> None:
    assert actions.send_login_link(email="nobody@example.org") is None
    assert not LoginLink.objects.exists() and not login_mails()

    token = actions.send_login_link(email=" KARI@example.org ")

    assert token is not None
    link = LoginLink.objects.get()
    assert link.email == RESIDENT and link.token_hash != token and token not in link.token_hash
    assert link.expires_at - link.created_at == dt.timedelta(minutes=30)
    [mail] = login_mails(RESIDENT)
    assert f"/mi-side/inn/{token}/" in mail.body and "30" in mail.body


def test_a_link_logs_in_once(cases: dict[str, Any]) -> None:
    token = actions.send_login_link(email=RESIDENT)
    assert token is not None

    assert actions.link_is_valid(token=token)
    assert actions.use_login_link(token=token) == RESIDENT
    assert actions.use_login_link(token=token) is None
    assert not actions.link_is_valid(token=token)
    assert ModelLogEntry.objects.filter(action="torg.minsak.link_used").count() == 1
    assert RESIDENT not in str(list(ModelLogEntry.objects.values_list("label", "data")))


def test_the_link_lifetime_is_a_setting(cases: dict[str, Any], settings: Any) -> None:
    settings.TORG_MINSAK_LINK_MINUTES = 5
    token = actions.send_login_link(email=RESIDENT)
    assert token is not None

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert actions.use_login_link(token=token) is None


@pytest.mark.parametrize("token", ["", "x" * 101, "ÆØÅ", "../../etc", "a b"])
def test_malformed_tokens_log_in_nobody(db: None, token: str) -> None:
    assert actions.use_login_link(token=token) is None
    assert not actions.link_is_valid(token=token)


def test_linking_an_item_twice_keeps_one_link_and_logs_once(db: None) -> None:
    who = pid_hash("01019012345")

    actions.link_item(pid_hash=who, source="servicetorget", object_id=7)
    actions.link_item(pid_hash=who, source="servicetorget", object_id=7)

    assert ResidentLink.objects.get().pid_hash == who
    assert ModelLogEntry.objects.filter(action="torg.minsak.item_linked").count() == 1
    with pytest.raises(ValueError):
        actions.link_item(pid_hash="01019012345", source="servicetorget", object_id=8)


def test_used_and_expired_links_are_deleted(cases: dict[str, Any]) -> None:
    used = actions.send_login_link(email=RESIDENT)
    actions.use_login_link(token=used or "")
    actions.send_login_link(email=RESIDENT)
    fresh = actions.send_login_link(email=RESIDENT)

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        assert actions.delete_old_login_links() == 1
    assert LoginLink.objects.count() == 2
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        assert actions.delete_old_login_links() == 2
    assert fresh and not LoginLink.objects.exists()


def test_the_pid_hash_is_keyed_and_never_the_number(settings: Any) -> None:
    first = pid_hash("01019012345")
    assert len(first) == 64 and "01019012345" not in first
    settings.TORG_MINSAK_PID_KEY = "another-key"
    assert pid_hash("01019012345") != first
