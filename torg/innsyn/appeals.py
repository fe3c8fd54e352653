"""Appeals (klage) against a decision on an access request (offentleglova § 32).

A requester who was refused, or granted only in part, may appeal. The appeal goes first
to the municipality, which looks at the case again: it either changes its decision and
gives access after all (``OMGJORT``), or keeps it and sends the appeal on to
Statsforvaltaren (the state's administrator in the county), who decides it
(``OVERSENDT``). The law gives the requester three weeks from the letter; a late appeal
is still received, marked as late, and the handler decides whether to take it up.

One appeal per part: an appeal after Statsforvaltaren's decision is not the
municipality's to handle. The writes live in :mod:`torg.innsyn.handling.appeals`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import InnsynskravDel

MAX_APPEAL_TEXT = 5000
APPEAL_DAYS = 21  # offentleglova § 32 with forvaltningslova § 29: three weeks


class KlageUtfall(models.TextChoices):
    OPEN = "", _("Not handled")
    OMGJORT = "omgjort", _("Changed: access given")
    OVERSENDT = "oversendt", _("Kept: sent to Statsforvaltaren")


class InnsynsklageQuerySet(models.QuerySet["Innsynsklage"]):
    def open(self) -> InnsynsklageQuerySet:
        return self.filter(outcome=KlageUtfall.OPEN)


class Innsynsklage(models.Model):
    part = models.OneToOneField(
        InnsynskravDel, verbose_name=_("access request part"), on_delete=models.CASCADE, related_name="klage"
    )
    text = models.TextField(_("the appeal"), blank=True, max_length=MAX_APPEAL_TEXT)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    deadline = models.DateField(_("handle by"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=KlageUtfall.choices, blank=True, default="")
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Why the decision is kept: the requester gets it, and it goes to Statsforvaltaren with the case.
    reasoning = models.TextField(_("reasoning"), blank=True, max_length=MAX_APPEAL_TEXT)

    objects = InnsynsklageQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [models.Index(fields=["outcome", "deadline"], name="innsyn_klage_open")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.part_id}"

    @property
    def is_open(self) -> bool:
        return self.outcome == KlageUtfall.OPEN

    def appeal_days_end(self) -> dt.date | None:
        """The last day of the three weeks, counted from the decision."""
        decided = self.part.decided_at
        return timezone.localdate(decided) + dt.timedelta(days=APPEAL_DAYS) if decided else None

    @property
    def late(self) -> bool:
        end = self.appeal_days_end()
        return end is not None and timezone.localdate(self.received_at) > end
