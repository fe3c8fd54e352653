"""Keeping service information up to date: stale pages, reminders to their owners, marking reviewed."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from torg.core.roles import Role
from torg.web.actions import mark_page_reviewed
from torg.web.queries import stale_service_pages
from torg.web.tasks import remind_stale_service_pages
from torg.web.tests.factories import ServicePageFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.datetime(2025, 3, 3, 7, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _remind() -> int:
    result = remind_stale_service_pages.enqueue()
    assert result.status == "SUCCESSFUL", result.errors
    assert result.return_value is not None
    return result.return_value


def test_stale_pages_are_the_live_ones_past_the_review_period_never_reviewed_first(site_tree, clock):
    old = ServicePageFactory.create(parent=site_tree.area_page_a, title="Gamal", last_reviewed=_days_ago(181))
    never = ServicePageFactory.create(parent=site_tree.area_page_b, title="Aldri", last_reviewed=None)
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Fersk", last_reviewed=_days_ago(180))
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Utkast", last_reviewed=None, live=False)

    assert list(stale_service_pages()) == [never, old]


def test_owner_of_a_stale_page_gets_one_reminder_then_none_until_the_repeat_period(
    site_tree, user_with_role, clock, mailoutbox, settings
):
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a, email="tenesteleiar@kommune.example")
    page = ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Parkeringsløyve", responsible=owner, last_reviewed=_days_ago(200)
    )

    assert _remind() == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["tenesteleiar@kommune.example"]
    assert "Parkeringsløyve" in mail.body
    assert f"/admin/pages/{page.pk}/edit/" in mail.body
    assert "/admin/reports/utdaterte-tenester/" in mail.body

    clock.shift(datetime.timedelta(days=1))
    assert _remind() == 0
    assert len(mailoutbox) == 1

    clock.shift(datetime.timedelta(days=settings.TORG_REVIEW_REMINDER_REPEAT_DAYS))
    assert _remind() == 1
    assert len(mailoutbox) == 2


def test_owner_gets_one_email_listing_all_their_stale_pages(site_tree, user_with_role, clock, mailoutbox):
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a)
    for title in ("Heimehjelp", "Tryggleiksalarm", "Matombringing"):
        ServicePageFactory.create(parent=site_tree.area_page_a, title=title, responsible=owner, last_reviewed=None)

    assert _remind() == 3

    assert len(mailoutbox) == 1
    assert all(title in mailoutbox[0].body for title in ("Heimehjelp", "Tryggleiksalarm", "Matombringing"))


def test_page_without_owner_is_reminded_to_the_areas_kommunalsjef(site_tree, user_with_role, clock, mailoutbox):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, email="kommunalsjef.helse@kommune.example")
    user_with_role(Role.KOMMUNALSJEF, site_tree.area_b, email="kommunalsjef.oppvekst@kommune.example")
    ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Sjukeheim", responsible=None, last_reviewed=_days_ago(365)
    )

    _remind()

    assert [mail.to for mail in mailoutbox] == [[leader.email]]


def test_page_whose_owner_left_is_reminded_to_the_areas_kommunalsjef(site_tree, user_with_role, clock, mailoutbox):
    leader = user_with_role(Role.KOMMUNALSJEF, site_tree.area_a)
    gone = user_with_role(Role.TENESTELEIAR, site_tree.area_a, is_active=False)
    ServicePageFactory.create(parent=site_tree.area_page_a, responsible=gone, last_reviewed=_days_ago(365))

    _remind()

    assert [mail.to for mail in mailoutbox] == [[leader.email]]


def test_area_without_a_leader_falls_back_to_the_head_of_communication(site_tree, user_with_role, clock, mailoutbox):
    editor = user_with_role(Role.KOMMUNIKASJONSSJEF)
    ServicePageFactory.create(parent=site_tree.area_page_b, responsible=None, last_reviewed=None)

    _remind()

    assert [mail.to for mail in mailoutbox] == [[editor.email]]


def test_recently_reviewed_pages_send_no_reminder(site_tree, user_with_role, clock, mailoutbox):
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a)
    ServicePageFactory.create(parent=site_tree.area_page_a, responsible=owner, last_reviewed=_days_ago(30))

    assert _remind() == 0
    assert mailoutbox == []


def test_marking_reviewed_takes_the_page_off_the_stale_list_and_stops_reminders(
    site_tree, user_with_role, clock, mailoutbox
):
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a)
    page = ServicePageFactory.create(parent=site_tree.area_page_a, responsible=owner, last_reviewed=_days_ago(200))

    mark_page_reviewed(page=page, actor=owner)

    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()
    assert not stale_service_pages().filter(pk=page.pk).exists()
    assert _remind() == 0


def test_marking_reviewed_is_kept_when_a_pending_draft_is_published_later(site_tree, user_with_role, clock):
    owner = user_with_role(Role.TENESTELEIAR, site_tree.area_a)
    page = ServicePageFactory.create(parent=site_tree.area_page_a, responsible=owner, last_reviewed=_days_ago(200))
    page.intro = "Ny tekst som ikkje er publisert enno."
    draft = page.save_revision(user=owner)

    mark_page_reviewed(page=page, actor=owner)

    draft.refresh_from_db()
    assert draft.content["last_reviewed"] == timezone.localdate().isoformat()
    draft.publish(user=owner)
    page.refresh_from_db()
    assert page.last_reviewed == timezone.localdate()
    assert page.intro == "Ny tekst som ikkje er publisert enno."


def test_only_someone_who_may_edit_the_page_can_mark_it_reviewed(site_tree, user_with_role, clock):
    other_area_contact = user_with_role(Role.WEBKONTAKT, site_tree.area_b)
    page = ServicePageFactory.create(parent=site_tree.area_page_a, last_reviewed=_days_ago(200))

    with pytest.raises(PermissionDenied):
        mark_page_reviewed(page=page, actor=other_area_contact)

    page.refresh_from_db()
    assert page.last_reviewed == _days_ago(200)
