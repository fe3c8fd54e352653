"""Keep cached municipality settings and cached pages in step with the settings."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from torg.pagecache.cache import invalidate

from .models import MunicipalitySettings
from .queries import forget_municipality


@receiver(post_save, sender=MunicipalitySettings, dispatch_uid="core-municipality-saved")
def _municipality_saved(**kwargs: Any) -> None:
    forget_municipality()
    transaction.on_commit(invalidate)
