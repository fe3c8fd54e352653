"""Selecting subscribers: the right people, set-based, and the feeds' and counts' reads."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from torg.core.actions import create_service_area
from torg.subscriptions import queries
from torg.subscriptions.models import Announcement, AnnouncementKind, Subscriber

from .factories import TopicFactory, make_place, make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture() -> dict[str, Any]:
    sentrum = make_place("Sentrum", 60.40, 5.40)
    nordvik = make_place("Nordvik", 60.45, 5.45)
    topic = TopicFactory.create(name="Vegar og trafikk")
    area = create_service_area(name="Plan og teknisk", slug="plan-og-teknisk")
    return {
        "sentrum": sentrum,
        "nordvik": nordvik,
        "topic": topic,
        "area": area,
        "by_point": make_subscriber(points=[(60.41, 5.41)]),
        "by_choice": make_subscriber(places=[nordvik]),
        "by_topic": make_subscriber(topics=[topic]),
        "by_area": make_subscriber(service_areas=[area]),
        "everything": make_subscriber(everything=True),
        "unconfirmed": make_subscriber(everything=True, confirmed=False, points=[(60.41, 5.41)]),
        "nothing": make_subscriber(),
    }


def pks(subscribers: Any) -> set[int]:
    return set(subscribers.values_list("pk", flat=True))


def test_recipients_for_matches_everything_topic_area_or_place(fixture: dict[str, Any]) -> None:
    f = fixture
    assert pks(queries.recipients_for(places=[f["sentrum"]])) == {f["by_point"].pk, f["everything"].pk}
    assert pks(queries.recipients_for(places=[f["nordvik"]], everything_too=False)) == {f["by_choice"].pk}
    assert pks(queries.recipients_for(topics=[f["topic"]], service_areas=[f["area"]], everything_too=False)) == {
        f["by_topic"].pk,
        f["by_area"].pk,
    }
    assert pks(queries.recipients_for(everything_too=False)) == set()


def test_crisis_recipients_are_those_in_the_places_or_everyone_confirmed(fixture: dict[str, Any]) -> None:
    f = fixture
    assert pks(queries.crisis_recipients([f["sentrum"].pk])) == {f["by_point"].pk}
    everyone = pks(queries.crisis_recipients(None))
    assert f["unconfirmed"].pk not in everyone
    assert everyone == pks(Subscriber.objects.exclude(pk=f["unconfirmed"].pk))


def test_selection_is_one_query_whatever_the_number_of_subscribers(fixture: dict[str, Any]) -> None:
    selection = queries.recipients_for(topics=[fixture["topic"]], places=[fixture["sentrum"]])
    with CaptureQueriesContext(connection) as captured:
        rows = list(queries.email_rows(selection))
    assert len(captured.captured_queries) == 1
    assert {row["subscriber_id"] for row in rows} == {
        fixture["by_topic"].pk,
        fixture["by_point"].pk,
        fixture["everything"].pk,
    }
    assert set(rows[0]) == {"address", "subscriber_id", "token"}


def test_paused_and_unwanted_channels_give_no_rows() -> None:
    paused = make_subscriber(wants_sms=True, sms_paused_at=timezone.now())
    sms_only = make_subscriber(wants_email=False, wants_sms=True)
    everyone = Subscriber.objects.all()

    assert {row["address"] for row in queries.sms_rows(everyone)} == {sms_only.phone}
    assert {row["address"] for row in queries.email_rows(everyone)} == {paused.email}


def test_subscriber_by_token() -> None:
    subscriber = make_subscriber()
    assert queries.subscriber_by_token(subscriber.token) == subscriber
    assert queries.subscriber_by_token("feil") is None
    assert queries.subscriber_by_token("") is None


def test_public_announcements_filter_by_topic_and_place_and_leave_out_drills(fixture: dict[str, Any]) -> None:
    now = timezone.now()
    page = Announcement.objects.create(key="page:1", kind=AnnouncementKind.PAGE, title="Vegarbeid", published_at=now)
    page.topics.set([fixture["topic"]])
    page.places.set([fixture["nordvik"]])
    crisis = Announcement.objects.create(
        key="crisis:1", kind=AnnouncementKind.CRISIS, title="Flaum", everyone=True, published_at=now
    )
    Announcement.objects.create(key="crisis:2", kind=AnnouncementKind.DRILL, title="Øving", published_at=now)

    assert set(queries.public_announcements()) == {page, crisis}
    assert list(queries.public_announcements(topic=fixture["topic"].slug)) == [page]
    assert set(queries.public_announcements(place="nordvik")) == {page, crisis}
    assert list(queries.public_announcements(place="sentrum")) == [crisis]


def test_subscriber_counts_are_numbers_only(fixture: dict[str, Any]) -> None:
    counts = queries.subscriber_counts()

    assert counts["total"] == 7 and counts["confirmed"] == 6 and counts["everything"] == 1
    assert ("Vegar og trafikk", 1) in counts["topics"]
    assert dict(queries.place_counts()) == {"Nordvik": 1, "Sentrum": 1}
    assert dict(queries.service_area_counts())["Plan og teknisk"] == 1
