"""/abonnement/feed.atom: what subscribers were told, as Atom, for anyone (no sign-up)."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from torg.places.models import PlaceKind
from torg.places.tests.factories import make_place, polygon
from torg.subscriptions.models import Announcement, AnnouncementKind, Topic

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def announce(
    title: str,
    *,
    minutes_ago: int,
    kind: str = AnnouncementKind.PAGE,
    everyone: bool = False,
    topics: Any = (),
    places: Any = (),
    service_areas: Any = (),
    url: str = "",
) -> Announcement:
    made = Announcement.objects.create(
        key=f"test:{title}",
        kind=kind,
        title=title,
        summary=f"Om {title}",
        url=url or f"https://fjordvik.example/nyheiter/{len(title)}/",
        everyone=everyone,
        published_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
    )
    made.topics.set(topics)
    made.places.set(places)
    made.service_areas.set(service_areas)
    return made


def entries(response: Any) -> list[str]:
    root = ET.fromstring(response.content)
    return [str(entry.findtext(f"{ATOM}title")) for entry in root.iter(f"{ATOM}entry")]


@pytest.fixture
def feed_world(site_tree: Any) -> Any:
    class World:
        water = Topic.objects.create(name="Vatn og avløp", slug="vatn")
        roads = Topic.objects.create(name="Vegar", slug="vegar")
        sentrum = make_place("Sentrum", polygon(60.40, 5.40, 0.02), kind=PlaceKind.BYGD)
        nordbygd = make_place("Nordbygd", polygon(60.45, 5.30, 0.02), kind=PlaceKind.BYGD)
        area = site_tree.area_a

    w = World
    announce("Vatnet blir stengt i Sentrum", minutes_ago=30, topics=[w.water], places=[w.sentrum])
    announce("Ny asfalt i Nordbygd", minutes_ago=20, topics=[w.roads], places=[w.nordbygd], service_areas=[w.area])
    announce("Storm: hald deg inne", minutes_ago=10, kind=AnnouncementKind.CRISIS, everyone=True)
    announce("ØVING: flaum", minutes_ago=5, kind=AnnouncementKind.DRILL, everyone=True)
    return w


def test_the_feed_has_everything_announced_newest_first_without_drills(client: Client, feed_world: Any) -> None:
    response = client.get("/abonnement/feed.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = entries(response)
    assert titles[0].endswith("Storm: hald deg inne") and titles[0] != "Storm: hald deg inne"  # marked as crisis
    assert titles[1:] == ["Ny asfalt i Nordbygd", "Vatnet blir stengt i Sentrum"]
    assert not any("ØVING" in title for title in titles)
    body = response.content.decode()
    assert "https://fjordvik.example/nyheiter/" in body and "Om Ny asfalt i Nordbygd" in body


def test_a_topic_feed_has_only_that_topic(client: Client, feed_world: Any) -> None:
    response = client.get("/abonnement/feed.atom", {"emne": "vatn"})

    assert entries(response) == ["Vatnet blir stengt i Sentrum"]
    root = ET.fromstring(response.content)
    assert "Vatn og avløp" in str(root.findtext(f"{ATOM}title"))


def test_a_place_feed_includes_crisis_messages_for_the_whole_municipality(client: Client, feed_world: Any) -> None:
    titles = entries(client.get("/abonnement/feed.atom", {"stad": "nordbygd"}))

    assert len(titles) == 2 and titles[1] == "Ny asfalt i Nordbygd" and "Storm" in titles[0]


def test_a_service_area_feed(client: Client, feed_world: Any) -> None:
    titles = entries(client.get("/abonnement/feed.atom", {"omrade": feed_world.area.slug}))

    assert titles == ["Ny asfalt i Nordbygd"]


def test_an_unknown_slug_is_not_found(client: Client, feed_world: Any) -> None:
    for query in ({"emne": "finst-ikkje"}, {"stad": "x" * 500}, {"omrade": "<script>"}):
        assert client.get("/abonnement/feed.atom", query).status_code == 404


def test_the_feed_has_at_most_50_entries(client: Client, site_tree: Any) -> None:
    for number in range(55):
        announce(f"Melding {number}", minutes_ago=number)

    titles = entries(client.get("/abonnement/feed.atom"))

    assert len(titles) == 50 and titles[0] == "Melding 0"
