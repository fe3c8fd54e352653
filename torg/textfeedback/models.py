"""Residents' answers to "Forstod du teksten?" (did you understand the text?) under a page,
or about a letter made from a letter template (brevmal; the letter links to its question).

Only the answer, an optional comment and the time are kept: no name, no
address, no IP. Comments are deleted after TORG_TEXT_FEEDBACK_KEEP_DAYS.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class TextFeedback(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"), null=True, blank=True
    )
    letter_template = models.ForeignKey(
        "brevmalar.LetterTemplate",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("letter template"),
        null=True,
        blank=True,
    )
    understood = models.BooleanField(_("understood"))
    comment = models.TextField(_("comment"), blank=True, max_length=COMMENT_MAX_LENGTH)
    created_at = models.DateTimeField(_("given"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["page", "created_at"]), models.Index(fields=["letter_template", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, letter_template__isnull=True)
                | models.Q(page__isnull=True, letter_template__isnull=False),
                name="text_feedback_about_one_text",
            )
        ]
        verbose_name = _("text feedback")
        verbose_name_plural = _("text feedback")

    def __str__(self) -> str:
        about = f"side {self.page_id}" if self.page_id else f"brevmal {self.letter_template_id}"
        return f"{about}: {'ja' if self.understood else 'nei'}"
