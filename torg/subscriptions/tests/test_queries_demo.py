"""The demo's subscribers and the staff overview of counts (numbers only)."""

from __future__ import annotations

from typing import Any

import pytest

from torg.demo.subscriptions import make_topics_and_subscribers
from torg.subscriptions import queries
from torg.subscriptions.models import Subscriber, SubscriberArea, Topic

from .factories import make_place

pytestmark = pytest.mark.django_db


def test_demo_makes_ten_topics_and_twenty_confirmed_subscribers_once() -> None:
    make_place("Sentrum", 60.39, 5.31, size=0.05)
    make_place("Nordvik", 60.43, 5.44, size=0.05)

    assert make_topics_and_subscribers() == 20
    assert make_topics_and_subscribers() == 0

    assert Topic.objects.count() == 10
    assert queries.subscriber_counts()["confirmed"] == 20
    assert all(s.email.endswith(("@example.org", "@example.com")) for s in Subscriber.objects.all())
    assert all(s.phone.startswith("+479900") for s in Subscriber.objects.exclude(phone=""))
    assert SubscriberArea.objects.exists()


def test_staff_overview_shows_counts_but_never_who(site_tree: Any, admin_client_for: Any) -> None:
    from torg.core.tests.factories import UserFactory

    make_topics_and_subscribers()
    editor = UserFactory.create(is_superuser=True)
    response = admin_client_for(editor).get("/admin/abonnement/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vatn og avløp" in content
    assert "@example" not in content  # never who

    nobody = UserFactory.create()
    assert admin_client_for(nobody).get("/admin/abonnement/").status_code in (302, 403)


def test_topic_snippet_listing_shows_subscriber_counts(site_tree: Any, admin_client_for: Any) -> None:
    from torg.core.tests.factories import UserFactory

    make_topics_and_subscribers()
    response = admin_client_for(UserFactory.create(is_superuser=True)).get("/admin/snippets/subscriptions/topic/")
    assert response.status_code == 200
    assert "Vegar og trafikk" in response.content.decode()
