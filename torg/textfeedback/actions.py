"""Writes: take a resident's answer, and delete old comments on schedule."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from .models import TextFeedback


@transaction.atomic
def submit_text_feedback(
    *, page: Page | None = None, letter_template: Any = None, understood: bool, comment: str
) -> TextFeedback:
    """Keep one answer to "Forstod du teksten?" about ``page`` or a letter from ``letter_template``."""
    if (page is None) == (letter_template is None):
        raise ValueError("An answer is about one page or one letter template")
    return TextFeedback.objects.create(
        page=page, letter_template=letter_template, understood=understood, comment=comment.strip()
    )


@transaction.atomic
def delete_old_comments(*, now: datetime.datetime | None = None) -> int:
    """Blank comments older than TORG_TEXT_FEEDBACK_KEEP_DAYS (the yes/no count stays)."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.TORG_TEXT_FEEDBACK_KEEP_DAYS)
    return TextFeedback.objects.filter(created_at__lt=limit).exclude(comment="").update(comment="")
