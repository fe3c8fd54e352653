"""Fixtures shared by the core and web test suites.

Import what a test needs from here by naming the fixture; factories live in
each app's ``tests/factories.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from axes.utils import reset as reset_axes
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client

from torg.core.actions import assign_role
from torg.core.models import ServiceArea
from torg.core.roles import Role
from torg.core.tests.factories import UserFactory
from torg.web.tests.factories import SiteTree, build_site_tree


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    """Nothing cached by one test (municipality settings, sites, pages) leaks into the next."""
    from torg.core.queries import forget_municipality
    from torg.web.routing import forget_sites

    for alias in ("default", "pagecache"):
        caches[alias].clear()
    forget_municipality()
    forget_sites()
    yield
    for alias in ("default", "pagecache"):
        caches[alias].clear()
    forget_municipality()
    forget_sites()


@pytest.fixture
def axes_reset(db: None) -> Iterator[None]:
    """No login failures recorded before or after the test."""
    reset_axes()
    yield
    reset_axes()


@pytest.fixture
def site_tree(db: None) -> SiteTree:
    return build_site_tree()


UserWithRole = Callable[..., User]


@pytest.fixture
def user_with_role(site_tree: SiteTree) -> UserWithRole:
    """Make a user holding ``role`` (in ``area`` for the scoped roles)."""

    def make(role: Role, area: ServiceArea | None = None, **fields: Any) -> User:
        user = UserFactory.create(**fields)
        assign_role(user=user, role=role, area=area)
        return user

    return make


@pytest.fixture
def no_second_factor(settings: Any) -> None:
    """Back-office tests that are not about the second factor skip it."""
    settings.TORG_STAFF_SECOND_FACTOR = False


@pytest.fixture
def admin_client_for(no_second_factor: None) -> Callable[[User], Client]:
    """A test client signed in to the back office as ``user``."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
