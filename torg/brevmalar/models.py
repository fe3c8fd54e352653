"""A letter or decision template (brevmal/vedtaksmal) of a service area, with drafts and revisions.

Publishing a template approves it for use; see ``wagtail_hooks`` for the
clear-language check that comes first.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import DraftStateMixin, RevisionMixin

from .syntax import declared_fields, validate_letter_syntax

FIELD_HELP = _(
    "Write plain paragraphs with a blank line between them. A line starting with “# ” is a heading. "
    "Write fields as {{ namn }}, {{ dato }} or {{ saksnummer }}."
)


class LetterKind(models.TextChoices):
    LETTER = "brev", _("Letter")
    DECISION = "vedtak", _("Decision")


class LetterTemplate(DraftStateMixin, RevisionMixin, models.Model):  # type: ignore[django-manager-missing]
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=LetterKind.choices, default=LetterKind.LETTER)
    service_area = models.ForeignKey(
        "core.ServiceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="letter_templates",
        verbose_name=_("service area"),
        help_text=_("Empty: the template is for all service areas."),
    )
    body = models.TextField(_("text"), validators=[validate_letter_syntax], help_text=FIELD_HELP)
    legal_basis = models.TextField(
        _("legal basis (heimel)"),
        blank=True,
        validators=[validate_letter_syntax],
        help_text=_("Required for a decision: the law and section the decision is made under."),
    )
    appeal_information = models.TextField(
        _("right to appeal (klagerett)"),
        blank=True,
        validators=[validate_letter_syntax],
        help_text=_("Required for a decision: who to appeal to, how, and the deadline."),
    )
    # Wagtail's advice: revisions go when the template goes.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="lettertemplate")

    panels = [
        HelpPanel(FIELD_HELP),
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("service_area"),
        FieldPanel("body"),
        FieldPanel("legal_basis"),
        FieldPanel("appeal_information"),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self) -> models.QuerySet:  # type: ignore[type-arg]
        return self._revisions.all()

    @property
    def is_decision(self) -> bool:
        return self.kind == LetterKind.DECISION

    @property
    def fields(self) -> list[str]:
        """The fields the case handler fills in, in the order they appear."""
        return declared_fields(self.body, self.legal_basis, self.appeal_information)

    def clean(self) -> None:
        super().clean()
        if self.kind == LetterKind.DECISION:
            missing = {}
            if not self.legal_basis.strip():
                missing["legal_basis"] = _("A decision must say which law it is made under (heimel).")
            if not self.appeal_information.strip():
                missing["appeal_information"] = _("A decision must tell the resident how to appeal (klagerett).")
            if missing:
                raise ValidationError(missing)
