"""These tests read messages by their English msgids: run them with the catalogue switched off."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages(settings) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    settings.WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
    with translation.override("en"):
        yield


@pytest.fixture
def admin_client_for(admin_client_for: Any) -> Callable[[Any], Any]:
    """The project's signed-in back-office client, for a user who reads the back office in English."""
    from wagtail.users.models import UserProfile

    def signed_in(user: Any) -> Any:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        return admin_client_for(user)

    return signed_in
