"""Fixtures for the Klarspråk tests: callers of the API and the messages they should get."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from torg.core.roles import Role
from torg.klarsprak.actions import create_api_key

API_URL = "/api/klarsprak/"


def in_nynorsk(message: str) -> str:
    """The API and the command speak the municipality's language form (nn)."""
    with translation.override("nn"):
        return translation.gettext(message)


@pytest.fixture
def api_key(db: None) -> str:
    return create_api_key(name="Sakssystemet")[1]


@pytest.fixture
def key_client(api_key: str) -> Client:
    """Another system, calling with its API key."""
    return Client(HTTP_X_API_KEY=api_key)


@pytest.fixture
def editor_client(user_with_role: Any, admin_client_for: Callable[[Any], Client]) -> Client:
    """A web contact signed in to the back office."""
    from torg.core.models import ServiceArea

    return admin_client_for(user_with_role(Role.WEBKONTAKT, ServiceArea.objects.first()))


def post_json(client: Client, body: Any, **extra: Any) -> Any:
    import json

    return client.post(API_URL, data=json.dumps(body), content_type="application/json", **extra)
