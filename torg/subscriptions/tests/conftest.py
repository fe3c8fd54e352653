"""Fixtures for the subscription pages' tests: no rate limit, and a small world of topics, places and addresses."""

from __future__ import annotations

from typing import Any

import pytest

from torg.notifications import sms
from torg.places.geocoder import fold
from torg.places.models import AddressPoint, PlaceKind
from torg.places.tests.factories import make_place, polygon
from torg.subscriptions.models import Topic


@pytest.fixture(autouse=True)
def _no_rate_limit(settings: Any) -> None:
    settings.TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR = 0
    sms.outbox.clear()


@pytest.fixture
def world(site_tree: Any) -> Any:
    """Topics, places of two kinds and a few addresses, on the demo site tree."""

    class World:
        tree = site_tree
        water = Topic.objects.create(name="Vatn og avløp", slug="vatn", sort_order=1)
        roads = Topic.objects.create(name="Vegar", slug="vegar", sort_order=2)
        sentrum = make_place("Sentrum", polygon(60.40, 5.40, 0.02), kind=PlaceKind.BYGD)
        nordbygd = make_place("Nordbygd", polygon(60.45, 5.30, 0.02), kind=PlaceKind.BYGD)
        school = make_place("Sentrum skulekrins", polygon(60.39, 5.39, 0.05), kind=PlaceKind.SKULEKRINS)

    for text, lat, lon in [
        ("Storgata 1", 60.41, 5.41),
        ("Storgata 10", 60.411, 5.411),
        ("Storgata 12", 60.412, 5.412),
        ("Kyrkjevegen 3", 60.46, 5.31),
    ]:
        AddressPoint.objects.create(
            text=text,
            postcode="5300",
            post_town="Fjordvik",
            lat=lat,
            lon=lon,
            search_text=fold(f"{text} 5300 Fjordvik"),
        )
    return World
