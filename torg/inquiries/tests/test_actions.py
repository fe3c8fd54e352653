"""Inquiry actions: deadlines, the paused clock, reminders, escalation, preliminary answers, privacy."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from torg.core.roles import Role
from torg.inquiries import actions, queries
from torg.inquiries.models import Channel, Inquiry, Kind, MessageKind, Status
from torg.notifications.models import Notification

from .factories import make_inquiry, submit

pytestmark = pytest.mark.django_db

OSLO = datetime.timezone(datetime.timedelta(hours=1))


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=OSLO)


def local_due(inquiry: Inquiry) -> datetime.date:
    return timezone.localdate(inquiry.due_at)


def audit_actions(inquiry: Inquiry) -> list[str]:
    from wagtail.models import ModelLogEntry

    return list(
        ModelLogEntry.objects.filter(object_id=str(inquiry.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


@pytest.fixture(autouse=True)
def _after_commit() -> Any:
    """Run what actions send after commit as they happen (the test itself is one transaction)."""
    from django.db import connection

    def run_now(func: Any, using: Any = None, robust: bool = False) -> None:
        func()

    original = connection.on_commit
    setattr(connection, "on_commit", run_now)  # noqa: B010 - the test's own transaction never commits
    yield
    setattr(connection, "on_commit", original)  # noqa: B010


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, email="handler@fjordvik.example")


def test_question_received_friday_evening_is_due_five_working_days_later(site_tree: Any) -> None:
    with time_machine.travel(at(2026, 11, 27, 22, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)
    assert inquiry.routine_days == 5
    assert local_due(inquiry) == datetime.date(2026, 12, 4)
    assert inquiry.reference.startswith("ST-") and len(inquiry.reference) == 9


def test_a_deadline_over_easter_skips_the_four_holidays(site_tree: Any) -> None:
    with time_machine.travel(at(2026, 4, 1, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a, kind=Kind.ERROR_REPORT)
    # 3 working days from Wednesday 1 April 2026: 7, 8, 9 April.
    assert local_due(inquiry) == datetime.date(2026, 4, 9)


def test_a_deadline_over_17_may_skips_it(site_tree: Any) -> None:
    from torg.inquiries.models import AnswerRoutine

    AnswerRoutine.objects.create(area=site_tree.area_a, kind=Kind.QUESTION, working_days=2)
    with time_machine.travel(at(2028, 5, 16, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)
    assert inquiry.routine_days == 2
    assert local_due(inquiry) == datetime.date(2028, 5, 19)


def test_the_area_routine_wins_over_the_default_and_the_setting(site_tree: Any) -> None:
    from torg.inquiries.models import AnswerRoutine

    assert queries.routine_days(site_tree.area_a, Kind.COMPLAINT) == 15
    AnswerRoutine.objects.create(area=None, kind=Kind.COMPLAINT, working_days=10)
    assert queries.routine_days(site_tree.area_a, Kind.COMPLAINT) == 10
    AnswerRoutine.objects.create(area=site_tree.area_a, kind=Kind.COMPLAINT, working_days=7)
    assert queries.routine_days(site_tree.area_a, Kind.COMPLAINT) == 7
    assert queries.routine_days(site_tree.area_b, Kind.COMPLAINT) == 10


def test_submitting_sends_one_receipt_with_the_private_link(site_tree: Any) -> None:
    submitted = submit(area=site_tree.area_a)
    inquiry = submitted.inquiry
    receipts = [m for m in mail.outbox if m.to == ["kari@example.org"]]
    assert len(receipts) == 1
    assert inquiry.reference in receipts[0].subject
    assert f"/servicetorget/{inquiry.reference}/?k={submitted.access_key}" in receipts[0].body
    assert inquiry.key_matches(submitted.access_key)
    assert not inquiry.key_matches("wrong")
    assert "torg.inquiry.submitted" in audit_actions(inquiry)


def test_a_resident_with_only_a_phone_gets_the_receipt_by_sms(site_tree: Any) -> None:
    inquiry = make_inquiry(area=site_tree.area_a, email="", phone="+4791234567")
    sms = Notification.objects.get(key=f"inquiry:{inquiry.pk}:receipt:sms")
    assert sms.recipient == "+4791234567"
    assert inquiry.reference in sms.body and len(sms.body) < 300


def test_an_anonymous_question_is_refused_but_anonymous_feedback_is_taken(site_tree: Any) -> None:
    with pytest.raises(ValidationError):
        make_inquiry(area=site_tree.area_a, email="", kind=Kind.QUESTION)
    feedback = make_inquiry(area=site_tree.area_a, email="", kind=Kind.FEEDBACK)
    assert feedback.is_anonymous
    assert not Notification.objects.filter(key__startswith=f"inquiry:{feedback.pk}:receipt").exists()


def test_waiting_for_the_resident_pauses_the_deadline(site_tree: Any, handler: Any) -> None:
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):  # Monday
        inquiry = make_inquiry(area=site_tree.area_a)
    assert local_due(inquiry) == datetime.date(2026, 11, 30)
    with time_machine.travel(at(2026, 11, 24, 10, 0), tick=False):  # Tuesday: ask
        actions.ask_resident(inquiry=inquiry, actor=handler, text="Kva adresse gjeld det?")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.WAITING
    with time_machine.travel(at(2026, 11, 27, 10, 0), tick=False):  # Friday: three working days later
        actions.add_resident_reply(inquiry=inquiry, text="Fjordvegen 2.")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS
    assert inquiry.paused_at is None
    assert local_due(inquiry) == datetime.date(2026, 12, 3)  # 30 Nov + 3 working days


def test_a_paused_inquiry_is_neither_reminded_nor_escalated(site_tree: Any, handler: Any) -> None:
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)
        actions.ask_resident(inquiry=inquiry, actor=handler, text="Kva adresse gjeld det?")
    assert actions.remind_and_escalate(now=at(2026, 12, 10, 9, 0)) == (0, 0)


def test_leader_is_reminded_the_working_day_before_and_escalated_after_the_deadline(
    site_tree: Any, user_with_role: Any
) -> None:
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, email="leiar@fjordvik.example")
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)  # due Monday 30 November
    assert actions.remind_and_escalate(now=at(2026, 11, 26, 12, 0)) == (0, 0)  # Thursday: not yet
    assert actions.remind_and_escalate(now=at(2026, 11, 27, 12, 0)) == (1, 0)  # Friday: the working day before
    assert actions.remind_and_escalate(now=at(2026, 11, 28, 12, 0)) == (0, 0)  # once only
    assert actions.remind_and_escalate(now=at(2026, 12, 1, 8, 0)) == (0, 1)  # Tuesday: overdue
    assert actions.remind_and_escalate(now=at(2026, 12, 2, 8, 0)) == (0, 0)
    to_leader = [m for m in mail.outbox if m.to == [leader.email]]
    assert len(to_leader) == 2
    assert inquiry.reference in to_leader[1].subject
    # Staff e-mail carries no personal data of the resident.
    assert all("kari@example.org" not in m.body and "Kari" not in m.body for m in to_leader)
    assert audit_actions(inquiry).count("torg.inquiry.escalated") == 1


def test_an_answered_inquiry_is_not_escalated(site_tree: Any, handler: Any) -> None:
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)
        actions.answer_inquiry(inquiry=inquiry, actor=handler, text="Vegen blir brøyta i morgon.")
    assert actions.remind_and_escalate(now=at(2026, 12, 10, 9, 0)) == (0, 0)


def test_an_enkeltvedtak_complaint_needs_a_preliminary_answer_after_one_month(site_tree: Any, handler: Any) -> None:
    with time_machine.travel(at(2026, 1, 31, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a, kind=Kind.COMPLAINT, about_enkeltvedtak=True)
    assert not queries.needs_preliminary_answer(inquiry, now=at(2026, 2, 27, 9, 0))
    assert queries.needs_preliminary_answer(inquiry, now=at(2026, 2, 28, 9, 0))  # end of a shorter month
    with time_machine.travel(at(2026, 3, 2, 9, 0), tick=False):
        actions.send_preliminary_answer(
            inquiry=inquiry,
            actor=handler,
            text="Saka tek tid fordi me hentar fråsegn.",
            expected_by=datetime.date(2026, 4, 15),
        )
    inquiry.refresh_from_db()
    assert not queries.needs_preliminary_answer(inquiry, now=at(2026, 3, 3, 9, 0))
    assert inquiry.expected_answer_by == datetime.date(2026, 4, 15)
    sent = [m for m in mail.outbox if m.to == ["kari@example.org"] and "Saka tek tid" in m.body]
    assert len(sent) == 1 and "15." in sent[0].body


def test_expecting_to_answer_after_the_deadline_prompts_a_preliminary_answer(site_tree: Any) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)
    assert not queries.needs_preliminary_answer(inquiry)
    inquiry.expected_answer_by = timezone.localdate(inquiry.due_at) + datetime.timedelta(days=10)
    assert queries.needs_preliminary_answer(inquiry)


def test_answer_goes_to_the_resident_once_and_closes_when_asked(site_tree: Any, handler: Any) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)
    mail.outbox.clear()
    message = actions.answer_inquiry(inquiry=inquiry, actor=handler, text="Vegen blir brøyta i dag.", close=True)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED and inquiry.answered_at and inquiry.closed_at
    assert [m.to for m in mail.outbox] == [["kari@example.org"]]
    assert "Vegen blir brøyta i dag." in mail.outbox[0].body
    assert message.kind == MessageKind.ANSWER


def test_a_reply_after_the_answer_opens_the_inquiry_with_a_new_deadline(site_tree: Any, handler: Any) -> None:
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a)
        actions.answer_inquiry(inquiry=inquiry, actor=handler, text="Svar.", close=True)
    with time_machine.travel(at(2026, 12, 14, 9, 0), tick=False):
        actions.add_resident_reply(inquiry=inquiry, text="Det er ikkje brøyta enno.")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS
    assert local_due(inquiry) == datetime.date(2026, 12, 21)
    assert "torg.inquiry.reopened" in audit_actions(inquiry)


def test_the_same_email_reply_twice_is_stored_once(site_tree: Any) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)
    actions.add_resident_reply(inquiry=inquiry, text="Hei", email_message_id="<a@b>")
    actions.add_resident_reply(inquiry=inquiry, text="Hei", email_message_id="<a@b>")
    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).count() == 2  # the inquiry itself and one reply


def test_staff_of_another_area_may_not_answer(site_tree: Any, user_with_role: Any) -> None:
    other = user_with_role(Role.TENESTELEIAR, site_tree.area_b)
    inquiry = make_inquiry(area=site_tree.area_a)
    with pytest.raises(PermissionDenied):
        actions.answer_inquiry(inquiry=inquiry, actor=other, text="Svar")
    with pytest.raises(PermissionDenied):
        actions.answer_inquiry(inquiry=inquiry, actor=None, text="Svar")


def test_routing_keeps_the_deadline_and_drops_a_handler_who_cannot_follow(
    site_tree: Any, handler: Any, user_with_role: Any
) -> None:
    desk = user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR)
    inquiry = make_inquiry(area=site_tree.area_a)
    actions.assign_inquiry(inquiry=inquiry, actor=desk, handler=handler)
    due = inquiry.due_at
    actions.route_inquiry(inquiry=inquiry, actor=desk, area=site_tree.area_b)
    inquiry.refresh_from_db()
    assert inquiry.area == site_tree.area_b and inquiry.due_at == due and inquiry.assigned_to is None


def test_publishing_needs_the_residents_consent_and_a_screened_text(site_tree: Any, handler: Any) -> None:
    private = make_inquiry(area=site_tree.area_a)
    with pytest.raises(ValidationError):
        actions.publish_feedback(inquiry=private, actor=handler, public_title="T", public_text="X")
    allowed = make_inquiry(area=site_tree.area_a, wants_public=True)
    with pytest.raises(ValidationError):
        actions.publish_feedback(inquiry=allowed, actor=handler, public_title="", public_text="")
    actions.publish_feedback(
        inquiry=allowed,
        actor=handler,
        public_title="Hol i vegen",
        public_text="Hol ved skulen.",
        public_action="Lappa.",
    )
    assert list(Inquiry.objects.public()) == [allowed]


def test_staff_can_register_a_phone_call_without_contact_details(site_tree: Any, user_with_role: Any) -> None:
    desk = user_with_role(Role.KOMMUNIKASJONSMEDARBEIDAR)
    inquiry = make_inquiry(area=site_tree.area_a, email="", channel=Channel.PHONE, registered_by=desk)
    assert inquiry.channel == Channel.PHONE and inquiry.registered_by == desk


def test_closed_inquiries_lose_their_personal_data_after_the_keeping_period(
    site_tree: Any, handler: Any, settings: Any
) -> None:
    settings.TORG_INQUIRY_KEEP_DAYS = 30
    with time_machine.travel(at(2026, 1, 5, 9, 0), tick=False):
        inquiry = make_inquiry(area=site_tree.area_a, address="Fjordvegen 2")
        actions.answer_inquiry(inquiry=inquiry, actor=handler, text="Svar", close=True)
    assert actions.anonymise_old_inquiries(now=at(2026, 2, 1, 9, 0)) == 0
    assert actions.anonymise_old_inquiries(now=at(2026, 2, 10, 9, 0)) == 1
    inquiry.refresh_from_db()
    assert (inquiry.contact_email, inquiry.contact_name, inquiry.text, inquiry.address) == ("", "", "", "")
    assert not inquiry.messages.exclude(body="").exists()
    assert inquiry.answered_at is not None  # the statistics keep their dates
    assert actions.anonymise_old_inquiries(now=at(2026, 2, 11, 9, 0)) == 0
