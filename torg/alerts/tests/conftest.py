"""Fixtures for the crisis tests: the crisis team, places with real polygons, and the page cache in front of Django."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from torg.core.roles import Role
from torg.pagecache.wsgi import PageCacheApp
from torg.places.models import Place, PlaceKind
from torg.places.tests.factories import make_place, polygon


@pytest.fixture
def mayor(user_with_role: Any) -> Any:
    return user_with_role(Role.ORDFORAR, first_name="Solveig", last_name="Fjeldstad")


@pytest.fixture
def villages(db: None) -> list[Place]:
    """Two villages: Nordbygda (one square) and Sørbygda (two islands: a MultiPolygon)."""
    north = make_place("Nordbygda", polygon(60.45, 5.30, 0.02))
    south = make_place(
        "Sørbygda",
        {
            "type": "MultiPolygon",
            "coordinates": [polygon(60.32, 5.30, 0.01)["coordinates"], polygon(60.34, 5.40, 0.01)["coordinates"]],
        },
        slug="sorbygda",
    )
    make_place("Sentrum vassverk", polygon(60.38, 5.35, 0.02), kind=PlaceKind.VASSVERK, slug="sentrum-vassverk")
    return [north, south]


@pytest.fixture
def cached_site(settings: Any, site_tree: Any) -> Iterator[PageCacheApp]:
    """Django behind the anonymous page cache, called as a WSGI server calls it."""
    settings.TORG_PAGE_CACHE_ENABLED = True
    settings.TORG_PAGE_CACHE_SECONDS = 600
    # Django closes the connection after each request; inside the test's transaction it must not.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield PageCacheApp(get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
