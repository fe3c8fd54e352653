"""Deadlines with frozen time: escalation to the area's leaders once after the deadline, and the
presumed refusal (offentleglova § 32) once after five working days, over weekends and Easter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.conf import settings as django_settings
from django.core import mail
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.innsyn.handling.actions import escalate_overdue_parts
from torg.innsyn.models import Journalpost
from torg.innsyn.requests import InnsynskravDel, InnsynskravStatus, submit_request, verify_request

from .journal_data import build_journal
from .test_handling import REQUESTER, decide, nn

pytestmark = pytest.mark.django_db

OSLO = dt.timezone(dt.timedelta(hours=2))  # summer time: the runs below are at 09:00 local time


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=OSLO)


@pytest.fixture
def leaders(site_tree: Any, user_with_role: Any) -> dict[str, Any]:
    return {
        "kommunalsjef": user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, email="kommunalsjef@kommune.example"),
        "tenesteleiar": user_with_role(Role.TENESTELEIAR, site_tree.area_a, email="tenesteleiar@kommune.example"),
        "other_area": user_with_role(Role.KOMMUNALSJEF, site_tree.area_b, email="annan@kommune.example"),
        "kommsjef": user_with_role(Role.KOMMUNIKASJONSSJEF, email="kommsjef@kommune.example"),
    }


def request_on(day: dt.date, site_tree: Any, *, area: bool = True) -> InnsynskravDel:
    """A request for the bridge letter, sent and verified at 09:00 on ``day``."""
    with time_machine.travel(at(day), tick=False):
        entries = build_journal(timezone.localdate())
        if area:
            Journalpost.objects.filter(pk=entries["jp-bridge"].pk).update(service_area=site_tree.area_a)
        krav, token = submit_request(email=REQUESTER, entry_ids=[entries["jp-bridge"].pk])
        verify_request(token=token)
    mail.outbox.clear()
    return krav.delar.get()


def run(day: dt.date, capture: Any) -> tuple[int, int]:
    with time_machine.travel(at(day), tick=False), capture(execute=True):
        return escalate_overdue_parts()


def recipients() -> list[str]:
    return sorted(address for m in mail.outbox for address in m.to)


def test_over_easter_the_leaders_hear_once_after_the_deadline_and_the_requester_after_five_working_days(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    # Verified Wednesday 1 April 2026; Thursday 2 to Monday 6 April are Easter holidays.
    part = request_on(dt.date(2026, 4, 1), site_tree)
    assert part.deadline == dt.date(2026, 4, 9)  # Tue 7, Wed 8, Thu 9
    capture = django_capture_on_commit_callbacks

    assert run(dt.date(2026, 4, 9), capture) == (0, 0)  # the deadline day itself is still in time
    assert not mail.outbox

    assert run(dt.date(2026, 4, 10), capture) == (1, 0)
    assert recipients() == ["kommunalsjef@kommune.example", "tenesteleiar@kommune.example"]
    letter = mail.outbox[0]
    assert "2025/19" in letter.subject and f"/admin/innsyn/{part.pk}/" in letter.body
    assert REQUESTER not in letter.body  # staff mail names no requester
    mail.outbox.clear()

    assert run(dt.date(2026, 4, 10), capture) == (0, 0)  # once
    assert run(dt.date(2026, 4, 13), capture) == (0, 0)  # Monday: the fifth working day, still in time
    assert not mail.outbox

    assert run(dt.date(2026, 4, 14), capture) == (0, 1)
    assert recipients() == sorted([REQUESTER, "kommunalsjef@kommune.example", "tenesteleiar@kommune.example"])
    to_requester = next(m for m in mail.outbox if REQUESTER in m.to)
    assert to_requester.subject == nn("We have not answered your request for access in time")
    assert "offentleglova § 32" in to_requester.body and "Statsforvaltaren" in to_requester.body
    mail.outbox.clear()

    assert run(dt.date(2026, 4, 20), capture) == (0, 0)  # each once
    assert not mail.outbox
    part.refresh_from_db()
    assert part.escalated_at == at(dt.date(2026, 4, 10)) and part.presumed_refused_at == at(dt.date(2026, 4, 14))
    actions = list(ModelLogEntry.objects.filter(object_id=str(part.pk)).values_list("action", flat=True))
    assert actions.count("torg.innsyn.request_escalated") == 1
    assert actions.count("torg.innsyn.request_presumed_refused") == 1


def test_a_request_verified_on_friday_is_presumed_refused_after_the_next_friday(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    part = request_on(dt.date(2026, 6, 5), site_tree)  # Friday
    assert part.deadline == dt.date(2026, 6, 10)  # Mon 8, Tue 9, Wed 10
    capture = django_capture_on_commit_callbacks
    assert run(dt.date(2026, 6, 12), capture) == (1, 0)  # Friday 12: the fifth working day
    assert run(dt.date(2026, 6, 13), capture) == (0, 1)  # Saturday: five working days have passed


def test_a_decided_part_is_never_escalated(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    part = request_on(dt.date(2026, 6, 1), site_tree)
    with time_machine.travel(at(dt.date(2026, 6, 2)), tick=False):
        decide(part, leaders["kommunalsjef"], InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    mail.outbox.clear()
    assert run(dt.date(2026, 6, 30), django_capture_on_commit_callbacks) == (0, 0)
    assert not mail.outbox


def test_an_unconfirmed_request_is_never_escalated(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with time_machine.travel(at(dt.date(2026, 6, 1)), tick=False):
        entries = build_journal(timezone.localdate())
        submit_request(email=REQUESTER, entry_ids=[entries["jp-bridge"].pk])
    mail.outbox.clear()
    assert run(dt.date(2026, 6, 30), django_capture_on_commit_callbacks) == (0, 0)
    assert not mail.outbox


def test_without_a_service_area_the_head_of_communication_is_told(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    request_on(dt.date(2026, 6, 1), site_tree, area=False)
    assert run(dt.date(2026, 6, 5), django_capture_on_commit_callbacks) == (1, 0)
    assert recipients() == ["kommsjef@kommune.example"]


def test_the_escalation_runs_as_a_periodic_task(
    site_tree: Any, leaders: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    name = "torg.innsyn.tasks.escalate_overdue_access_requests"
    assert django_settings.TORG_PERIODIC_TASKS[name] <= 3600
    request_on(dt.date(2026, 6, 1), site_tree)
    with time_machine.travel(at(dt.date(2026, 6, 5)), tick=False), django_capture_on_commit_callbacks(execute=True):
        result = import_string(name).enqueue()
    assert result.return_value == [1, 0]
    assert "kommunalsjef@kommune.example" in recipients()
