"""Start a new page-cache generation when what anonymous visitors see changes.

Signal receivers are the one place this can hang: Wagtail's scheduled
publishing and its own front-end cache purge use the same signals. The
invalidation runs after commit.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import invalidate


def _invalidate_after_commit(**kwargs: Any) -> None:
    transaction.on_commit(invalidate)


for _signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
    _signal.connect(_invalidate_after_commit, dispatch_uid=f"pagecache-{id(_signal)}")


@receiver(post_delete, dispatch_uid="pagecache-page-deleted")
def _page_deleted(sender: type, instance: object, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        _invalidate_after_commit()


@receiver(post_save, sender=Site, dispatch_uid="pagecache-site-saved")
def _site_saved(**kwargs: Any) -> None:
    _invalidate_after_commit()


# A page made private must stop being served from the cache at once.
@receiver(post_save, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-saved")
@receiver(post_delete, sender=PageViewRestriction, dispatch_uid="pagecache-restriction-deleted")
def _restriction_changed(**kwargs: Any) -> None:
    _invalidate_after_commit()
