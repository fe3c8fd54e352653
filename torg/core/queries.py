"""Reads about the municipality used across apps."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db.models import QuerySet
from wagtail.models import Site

from .models import MunicipalitySettings, ServiceArea

_SETTINGS_CACHE_KEY = "torg:municipality-settings"


# Each process keeps the settings for a few seconds: they are read several
# times on every page view and change seldom.
_MEMO_SECONDS = 10.0
_memo: dict[str, tuple[float, MunicipalitySettings]] = {}


def municipality() -> MunicipalitySettings:
    """The municipality's settings for the default site (cached; cleared on save)."""
    now = time.monotonic()
    memo = _memo.get("settings")
    if memo is not None and now - memo[0] < _MEMO_SECONDS:
        return memo[1]
    found = cache.get(_SETTINGS_CACHE_KEY)
    if found is None:
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        found = (
            MunicipalitySettings.objects.select_related("coat_of_arms").filter(site=site).first()
            or (MunicipalitySettings.for_site(site) if site else None)
            or MunicipalitySettings()
        )
        cache.set(_SETTINGS_CACHE_KEY, found, 300)
    _memo["settings"] = (now, found)
    return found


def forget_municipality() -> None:
    _memo.clear()
    cache.delete(_SETTINGS_CACHE_KEY)


def language_form() -> str:
    """The language form the public site speaks: the setting, else LANGUAGE_CODE."""
    try:
        form = municipality().language_form
    except Exception:  # noqa: BLE001 - before migrations, fall back to the setting
        form = ""
    return str(form or settings.LANGUAGE_CODE)


def service_areas() -> list[ServiceArea]:
    return list(ServiceArea.objects.all())


def holders(role: str, area: ServiceArea | None = None) -> QuerySet[AbstractBaseUser]:
    """Active users who hold ``role`` (in ``area`` for scoped roles)."""
    User = get_user_model()
    return User.objects.filter(
        is_active=True, groups__torg_role__role=role, groups__torg_role__service_area=area
    ).distinct()


def user_row(user: Any) -> Any:
    """The user's own row, to store in a foreign key.

    ``request.user`` is a lazy object (wrapped twice with a second factor), which a model
    field does not take as it is.
    """
    return get_user_model().objects.filter(pk=user.pk).first()
