"""Announcing pages and crisis messages to the right subscribers, once; digests at the right time."""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.utils import timezone

from torg.core.tests.factories import UserFactory
from torg.notifications.models import Delivery, Dispatch
from torg.subscriptions import actions
from torg.subscriptions.models import Announcement, DigestItem, Frequency
from torg.web.tests.factories import NewsPageFactory, ServicePageFactory

from .factories import TopicFactory, make_alert, make_place, make_subscriber

pytestmark = pytest.mark.django_db

OSLO = zoneinfo.ZoneInfo("Europe/Oslo")


def recipients(dispatch: Dispatch, channel: str) -> set[str]:
    return set(Delivery.objects.filter(dispatch=dispatch, channel=channel).values_list("address", flat=True))


@pytest.fixture
def town(site_tree: Any) -> dict[str, Any]:
    """Two places, a topic, and subscribers who want different things."""
    sentrum = make_place("Sentrum", 60.40, 5.40)
    nordvik = make_place("Nordvik", 60.45, 5.45)
    vatn = TopicFactory.create(name="Vatn og avløp")
    kultur = TopicFactory.create(name="Kultur")
    return {
        "tree": site_tree,
        "sentrum": sentrum,
        "nordvik": nordvik,
        "vatn": vatn,
        "kultur": kultur,
        # Lives in Sentrum (by a point), e-mail and SMS, immediate, no topics.
        "sentrum_point": make_subscriber(
            email="sentrum@example.org", wants_sms=True, phone="+4799000101", points=[(60.41, 5.41)]
        ),
        # Lives in Nordvik, chose topic "Vatn og avløp", push too.
        "vatn_nordvik": make_subscriber(
            email="vatn@example.org",
            topics=[vatn],
            points=[(60.46, 5.46)],
            wants_push=True,
            push_endpoints=["https://push.example.com/vatn"],
        ),
        # Daily digest, everything.
        "daily": make_subscriber(email="dagleg@example.org", everything=True, frequency=Frequency.DAGLEG),
        # Culture only, in Nordvik by choice.
        "kultur_nordvik": make_subscriber(email="kultur@example.org", topics=[kultur], places=[nordvik]),
        # Never confirmed.
        "unconfirmed": make_subscriber(email="ukjend@example.org", everything=True, confirmed=False),
        # Everything, but e-mail paused.
        "paused": make_subscriber(email="pause@example.org", everything=True, email_paused_at=timezone.now()),
    }


def tagged_news(town: dict[str, Any], **tags: Any) -> Any:
    number = town.setdefault("pages", 0) + 1
    town["pages"] = number
    page = NewsPageFactory.create(
        parent=town["tree"].news, title="Vatnet blir stengt i Sentrum", slug=f"vatnet-blir-stengt-{number}"
    )
    page.topics.set(tags.get("topics", []))
    page.places.set(tags.get("places", []))
    page.save()
    return page


# --- Pages ---------------------------------------------------------------------------------------


def test_announce_page_reaches_topic_and_place_subscribers_on_their_channels(town: dict[str, Any]) -> None:
    page = tagged_news(town, topics=[town["vatn"]], places=[town["sentrum"]])

    dispatch = actions.announce_page(page=page)

    assert dispatch is not None and dispatch.key == f"page:{page.pk}"
    assert recipients(dispatch, "email") == {"sentrum@example.org", "vatn@example.org"}
    assert recipients(dispatch, "sms") == {"+4799000101"}
    assert recipients(dispatch, "push") == {"https://push.example.com/vatn"}
    push = Delivery.objects.get(dispatch=dispatch, channel="push")
    assert push.push_keys == {"p256dh": "BKey", "auth": "auth"}
    assert push.token == town["vatn_nordvik"].token
    # The daily subscriber gets it in the digest instead.
    assert list(DigestItem.objects.values_list("subscriber_id", flat=True)) == [town["daily"].pk]
    assert "Vatnet blir stengt" in dispatch.text and page.get_full_url() in dispatch.sms_text


def test_announcing_a_page_twice_makes_one_dispatch(town: dict[str, Any]) -> None:
    page = tagged_news(town, topics=[town["vatn"]])

    first = actions.announce_page(page=page)
    second = actions.announce_page(page=page)

    assert first == second
    assert Dispatch.objects.count() == 1 and Announcement.objects.count() == 1
    assert Delivery.objects.filter(dispatch=first, channel="email").count() == 1
    assert DigestItem.objects.count() == 1


def test_untagged_news_goes_to_all_news_subscribers_only(town: dict[str, Any]) -> None:
    page = tagged_news(town)

    dispatch = actions.announce_page(page=page)

    assert dispatch is not None
    assert recipients(dispatch, "email") == set()  # the "everything" immediate one is paused
    assert DigestItem.objects.filter(subscriber=town["daily"]).count() == 1


def test_untagged_service_page_is_not_announced(town: dict[str, Any]) -> None:
    page = ServicePageFactory.create(parent=town["tree"].area_page_a)

    assert actions.announce_page(page=page) is None
    assert not Announcement.objects.exists()


def test_service_area_subscribers_hear_about_pages_of_their_area(town: dict[str, Any]) -> None:
    area = town["tree"].area_a
    follower = make_subscriber(email="helse@example.org", service_areas=[area])
    page = ServicePageFactory.create(parent=town["tree"].area_page_a)
    page.topics.set([town["kultur"]])
    page.save()

    dispatch = actions.announce_page(page=page)

    assert dispatch is not None
    assert recipients(dispatch, "email") == {follower.email, "kultur@example.org"}


def test_first_publish_announces_and_later_publishes_do_not(
    town: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        page = NewsPageFactory.create(parent=town["tree"].news, title="Ny bru opnar")
    assert Announcement.objects.filter(key=f"page:{page.pk}").count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Ny bru opnar i morgon"
        page.save_revision().publish()
    assert Announcement.objects.count() == 1
    assert Dispatch.objects.count() == 1


def test_no_page_announcements_keeps_a_bulk_publish_quiet(
    town: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from torg.subscriptions.signals import no_page_announcements

    with django_capture_on_commit_callbacks(execute=True), no_page_announcements():
        NewsPageFactory.create(parent=town["tree"].news, title="Demonyheit")

    assert not Announcement.objects.exists()


# --- Crisis messages --------------------------------------------------------------------------------


def test_crisis_in_a_place_goes_to_everyone_living_there_whatever_their_frequency(town: dict[str, Any]) -> None:
    daily_in_sentrum = make_subscriber(
        email="dagleg-sentrum@example.org", frequency=Frequency.VEKELEG, points=[(60.405, 5.405)]
    )
    alert = make_alert(places=[town["sentrum"]])

    dispatch = actions.announce_crisis(alert=alert)

    assert dispatch.kind == "crisis" and dispatch.priority == 0
    assert dispatch.key == f"crisis:{alert.identifier}"
    assert recipients(dispatch, "email") == {"sentrum@example.org", daily_in_sentrum.email}
    assert recipients(dispatch, "sms") == {"+4799000101"}
    assert "Kok vatnet" in dispatch.sms_text
    announcement = Announcement.objects.get(key=dispatch.key)
    assert list(announcement.places.all()) == [town["sentrum"]] and not announcement.everyone


def test_crisis_for_the_whole_municipality_goes_to_every_confirmed_subscriber(town: dict[str, Any]) -> None:
    dispatch = actions.announce_crisis(alert=make_alert())

    assert recipients(dispatch, "email") == {
        "sentrum@example.org",
        "vatn@example.org",
        "dagleg@example.org",
        "kultur@example.org",
    }
    assert recipients(dispatch, "push") == {"https://push.example.com/vatn"}


def test_announcing_a_crisis_twice_sends_once(town: dict[str, Any]) -> None:
    alert = make_alert(places=[town["nordvik"]])

    first = actions.announce_crisis(alert=alert)
    make_subscriber(email="seinare@example.org", points=[(60.46, 5.46)])
    second = actions.announce_crisis(alert=alert)

    assert first == second
    assert recipients(first, "email") == {"vatn@example.org", "kultur@example.org"}


def test_update_and_all_clear_are_new_dispatches_to_the_same_people(town: dict[str, Any]) -> None:
    alert = make_alert(places=[town["nordvik"]])
    actions.announce_crisis(alert=alert)
    update = make_alert(message=alert.message, msg_type="Update")

    dispatch = actions.announce_crisis(alert=update)

    assert Dispatch.objects.count() == 2
    assert dispatch.subject.startswith("Oppdatering") or dispatch.subject.startswith("Update")
    assert recipients(dispatch, "email") == {"vatn@example.org", "kultur@example.org"}


def test_a_drill_goes_only_to_the_crisis_team(town: dict[str, Any]) -> None:
    team, _ = Group.objects.get_or_create(name="Kriseteam")
    member = UserFactory.create(email="kriseteam@fjordvik.example")
    member.groups.add(team)
    UserFactory.create(email="ikkje-med@fjordvik.example")

    dispatch = actions.announce_crisis(alert=make_alert(places=[town["sentrum"]], drill=True))

    assert dispatch.kind == "drill"
    assert recipients(dispatch, "email") == {"kriseteam@fjordvik.example"}
    assert not Delivery.objects.filter(dispatch=dispatch).exclude(channel="email").exists()
    assert Delivery.objects.get(dispatch=dispatch).token == ""
    assert dispatch.subject.startswith(("ØVING", "DRILL"))


def test_personaliser_gives_manage_and_one_click_unsubscribe_links(town: dict[str, Any]) -> None:
    subscriber = town["sentrum_point"]
    dispatch = actions.announce_crisis(alert=make_alert(places=[town["sentrum"]]))
    delivery = Delivery.objects.get(dispatch=dispatch, channel="sms")

    links = actions.personalise(delivery)

    assert links["manage_url"].endswith(f"/abonnement/endre/{subscriber.token}/")
    assert links["unsubscribe_url"].endswith(f"/abonnement/avmeld/{subscriber.token}/?kanal=sms")


# --- Digests -------------------------------------------------------------------------------------------


def test_daily_digest_goes_at_seven_with_what_came_before(town: dict[str, Any]) -> None:
    monday_morning = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=OSLO)
    with time_machine.travel(monday_morning, tick=False):
        actions.announce_page(page=tagged_news(town, topics=[town["vatn"]]))
    with time_machine.travel(monday_morning + datetime.timedelta(hours=5), tick=False):
        actions.announce_page(page=tagged_news(town, topics=[town["kultur"]]))

    with time_machine.travel(datetime.datetime(2026, 3, 3, 6, 59, tzinfo=OSLO), tick=False):
        assert actions.send_digests(frequency=Frequency.DAGLEG) == 0
    with time_machine.travel(datetime.datetime(2026, 3, 3, 7, 0, tzinfo=OSLO), tick=False):
        assert actions.send_digests(frequency=Frequency.DAGLEG) == 1
        assert actions.send_digests(frequency=Frequency.DAGLEG) == 0

    digest = Dispatch.objects.get(kind="digest")
    assert digest.key == f"digest:dagleg:2026-03-03:{town['daily'].pk}"
    assert digest.text.count("Vatnet blir stengt i Sentrum") == 2
    assert recipients(digest, "email") == {"dagleg@example.org"}
    assert not DigestItem.objects.filter(sent_at__isnull=True).exists()


def test_weekly_digest_waits_for_monday(town: dict[str, Any]) -> None:
    weekly = make_subscriber(email="vekeleg@example.org", everything=True, frequency=Frequency.VEKELEG)
    with time_machine.travel(datetime.datetime(2026, 3, 4, 12, 0, tzinfo=OSLO), tick=False):  # Wednesday
        actions.announce_page(page=tagged_news(town))

    with time_machine.travel(datetime.datetime(2026, 3, 8, 20, 0, tzinfo=OSLO), tick=False):  # Sunday
        assert actions.send_digests(frequency=Frequency.VEKELEG) == 0
    with time_machine.travel(datetime.datetime(2026, 3, 9, 7, 15, tzinfo=OSLO), tick=False):  # Monday
        assert actions.send_digests(frequency=Frequency.VEKELEG) == 1

    digest = Dispatch.objects.get(kind="digest")
    assert digest.key == f"digest:vekeleg:2026-03-09:{weekly.pk}"
    assert recipients(digest, "email") == {"vekeleg@example.org"}


def test_due_moment_for_daily_and_weekly() -> None:
    wednesday = datetime.datetime(2026, 3, 4, 6, 0, tzinfo=OSLO)
    assert actions.due_moment(Frequency.DAGLEG, wednesday) == datetime.datetime(2026, 3, 3, 7, 0, tzinfo=OSLO)
    assert actions.due_moment(Frequency.VEKELEG, wednesday) == datetime.datetime(2026, 3, 2, 7, 0, tzinfo=OSLO)
