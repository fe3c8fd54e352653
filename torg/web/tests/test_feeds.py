"""Feeds and machine-readable views: RSS, Atom, iCalendar, sitemap, robots.txt."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.utils import timezone

from torg.web.tests.factories import EventPageFactory, NewsPageFactory, ServicePageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def news(site_tree):
    now = timezone.now()
    return {
        "old": NewsPageFactory.create(
            parent=site_tree.news, title="Gamal nyheit", date=now - datetime.timedelta(days=9)
        ),
        "new": NewsPageFactory.create(
            parent=site_tree.news, title="Fersk nyheit", date=now - datetime.timedelta(hours=1)
        ),
        "middle": NewsPageFactory.create(
            parent=site_tree.news, title="Midt i veka", date=now - datetime.timedelta(days=3)
        ),
        "draft": NewsPageFactory.create(parent=site_tree.news, title="Hemmeleg utkast", live=False),
    }


def test_rss_feed_lists_live_news_newest_first(client, news):
    response = client.get("/nyheiter/feed.rss")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel is not None
    assert channel.findtext("language") == "nn"
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Fersk nyheit", "Midt i veka", "Gamal nyheit"]
    links = [item.findtext("link") or "" for item in channel.findall("item")]
    assert links[0].endswith("/nyheiter/fersk-nyheit/")


def test_atom_feed_lists_live_news_newest_first(client, news):
    response = client.get("/nyheiter/feed.atom")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert titles == ["Fersk nyheit", "Midt i veka", "Gamal nyheit"]


def test_feeds_leave_out_drafts_and_unpublished_news(client, news):
    news["old"].unpublish()

    rss = client.get("/nyheiter/feed.rss").content.decode()
    atom = client.get("/nyheiter/feed.atom").content.decode()

    for body in (rss, atom):
        assert "Hemmeleg utkast" not in body
        assert "Gamal nyheit" not in body
        assert "Fersk nyheit" in body


def test_event_calendar_file_has_the_events_start(client, site_tree):
    start = datetime.datetime(2030, 5, 17, 10, 0, tzinfo=datetime.UTC)
    event = EventPageFactory.create(
        parent=site_tree.events, title="17. mai-tog", slug="17-mai", start=start, location="Sentrum"
    )

    response = client.get(f"/arrangement/{event.slug}/kalender.ics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert 'filename="17-mai.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("dtstart") == start
    assert vevent.decoded("dtend") == start + datetime.timedelta(hours=2)
    assert str(vevent["summary"]) == "17. mai-tog"
    assert str(vevent["location"]) == "Sentrum"


def test_calendar_of_all_events_lists_upcoming_live_events_only(client, site_tree):
    now = timezone.now()
    EventPageFactory.create(parent=site_tree.events, title="Konsert", start=now + datetime.timedelta(days=2))
    EventPageFactory.create(parent=site_tree.events, title="Over", start=now - datetime.timedelta(days=5))
    EventPageFactory.create(parent=site_tree.events, title="Utkast", start=now + datetime.timedelta(days=3), live=False)

    response = client.get("/arrangement/kalender.ics")

    summaries = [str(event["summary"]) for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]
    assert summaries == ["Konsert"]


def test_sitemap_lists_live_pages_only(client, site_tree):
    live = ServicePageFactory.create(parent=site_tree.area_page_a, title="Byggesak", slug="byggesak")
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Hemmeleg", slug="hemmeleg", live=False)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [loc.text or "" for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert any(location.endswith(live.url) for location in locations)
    assert any(location.endswith("/nyheiter/") for location in locations)
    assert not any("hemmeleg" in location for location in locations)


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_back_office(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
