"""Apps that may report to Torg through the Open311 GeoReport v2 API."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiClientQuerySet(models.QuerySet["ApiClient"]):
    def active(self) -> ApiClientQuerySet:
        return self.filter(active=True)


class ApiClient(models.Model):
    """An app that sends ``api_key`` when it posts a service request.

    Only the SHA-256 of the key is kept (keys are 32 random bytes, so a fast
    hash is enough and a stolen database gives no usable key). The key itself
    is shown once, when the client is made in the back office or by
    ``manage.py open311_key``.
    """

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("The app's name. Inquiries from it show this name.")
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Who to tell when the key is stopped or the API changes.")
    )
    active = models.BooleanField(_("active"), default=True, help_text=_("Untick to stop the key at once."))
    hourly_limit = models.PositiveIntegerField(
        _("requests per hour"),
        null=True,
        blank=True,
        help_text=_("Leave empty for the municipality's standard limit. 0 means no limit."),
    )
    prefix = models.CharField(_("start of the key"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("Open311 app")
        verbose_name_plural = _("Open311 apps")

    def __str__(self) -> str:
        return self.name
