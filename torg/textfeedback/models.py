"""Residents' answers to "Forstod du teksten?" (did you understand the text?) under a page.

Only the answer, an optional comment and the time are kept: no name, no
address, no IP. Comments are deleted after TORG_TEXT_FEEDBACK_KEEP_DAYS.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class TextFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    understood = models.BooleanField(_("understood"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("given"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "created_at"])]
        verbose_name = _("text feedback")
        verbose_name_plural = _("text feedback")

    def __str__(self) -> str:
        return f"{self.page_id}: {'ja' if self.understood else 'nei'}"
