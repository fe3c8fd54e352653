"""The municipality's Klarspråk word lists and the API keys of other systems."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .wordlists import parse_word_list, validate_word_list

_LIST_HELP = _("One a line: word = alternative. Lines starting with # are notes.")


@register_setting(icon="doc-full")
class KlarsprakSettings(BaseSiteSetting):
    """The kommunikasjonssjef's own lists, added to (and winning over) TORG_KLARSPRAK."""

    officialese = models.TextField(
        _("officialese and plain alternatives"),
        blank=True,
        validators=[validate_word_list],
        help_text=_LIST_HELP,
    )
    jargon = models.TextField(
        _("jargon and explanations"),
        blank=True,
        validators=[validate_word_list],
        help_text=_LIST_HELP,
    )

    panels = [FieldPanel("officialese"), FieldPanel("jargon")]

    class Meta:
        verbose_name = _("clear language")
        verbose_name_plural = _("clear language")

    def officialese_entries(self) -> dict[str, str]:
        return parse_word_list(self.officialese)

    def jargon_entries(self) -> dict[str, str]:
        return parse_word_list(self.jargon)


class KlarsprakApiKeyQuerySet(models.QuerySet["KlarsprakApiKey"]):
    def active(self) -> KlarsprakApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class KlarsprakApiKey(models.Model):
    """A key another system sends in ``X-API-Key`` to use POST /api/klarsprak/.

    Only the SHA-256 of the key is kept: keys are 32 random bytes, so a fast
    hash is enough, and a stolen database gives no usable key. The key itself
    is shown once, when it is made (``manage.py klarsprak_apikey``).
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("Which system uses the key."))
    prefix = models.CharField(_("start of the key"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = KlarsprakApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("clear-language API key")
        verbose_name_plural = _("clear-language API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
