"""Forget the per-process site memo (torg.web.routing) when sites or page addresses change here.

Other processes pick the change up within routing.SITE_MEMO_SECONDS.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.models import Site
from wagtail.signals import page_slug_changed, post_page_move

from .routing import forget_sites


def _forget(**kwargs: Any) -> None:
    forget_sites()


post_save.connect(_forget, sender=Site, dispatch_uid="web-site-saved")
post_delete.connect(_forget, sender=Site, dispatch_uid="web-site-deleted")
page_slug_changed.connect(_forget, dispatch_uid="web-slug-changed")
post_page_move.connect(_forget, dispatch_uid="web-page-moved")
