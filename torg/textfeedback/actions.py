"""Writes: take a resident's answer, and delete old comments on schedule."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import TextFeedback


@transaction.atomic
def submit_text_feedback(*, page: Page, understood: bool, comment: str) -> TextFeedback:
    """Keep one answer to "Forstod du teksten?" for ``page``."""
    return TextFeedback.objects.create(page=page, understood=understood, comment=comment.strip())


@transaction.atomic
def delete_old_comments(*, now: datetime.datetime | None = None) -> int:
    """Blank comments older than TORG_TEXT_FEEDBACK_KEEP_DAYS (the yes/no count stays)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.TORG_TEXT_FEEDBACK_KEEP_DAYS)
    return TextFeedback.objects.filter(created_at__lt=limit).exclude(comment="").update(comment="")
