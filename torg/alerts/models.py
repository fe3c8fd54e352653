"""Crisis messages (varsel) and the CAP 1.2 alerts published for them.

A ``CrisisMessage`` is the thread of one crisis as the crisis team writes it.
Every publish of it makes one ``CapAlert``: an immutable CAP 1.2 document
(msgType Alert, then Update for each correction, and Cancel for the all-clear,
"Faren er over"). Published alerts are never changed; a correction is a new
Update that references the earlier alerts. Writes go through ``actions``.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, Any] = {
    "torg.alert.drafted": _("Crisis message drafted"),
    "torg.alert.draft_changed": _("Crisis message draft changed"),
    "torg.alert.published": _("Crisis message published"),
    "torg.alert.updated": _("Crisis message updated"),
    "torg.alert.cancelled": _("Crisis message cancelled (all clear)"),
    "torg.crisis_team.added": _("Added to the crisis team"),
    "torg.crisis_team.removed": _("Removed from the crisis team"),
}

# The Django group of those the mayor and the head of communication appoint to the crisis team.
CRISIS_TEAM_GROUP = "Kriseteam"


class Category(models.TextChoices):
    GEO = "Geo", _("Geophysical")
    MET = "Met", _("Weather")
    SAFETY = "Safety", _("Public safety")
    SECURITY = "Security", _("Security")
    RESCUE = "Rescue", _("Rescue")
    FIRE = "Fire", _("Fire")
    HEALTH = "Health", _("Health")
    ENV = "Env", _("Environment and pollution")
    TRANSPORT = "Transport", _("Transport")
    INFRA = "Infra", _("Infrastructure (power, water, phone)")
    CBRNE = "CBRNE", _("Chemical, biological, radiological or explosive threat")
    OTHER = "Other", _("Other")


class Severity(models.TextChoices):
    EXTREME = "Extreme", _("Extreme")
    SEVERE = "Severe", _("Severe")
    MODERATE = "Moderate", _("Moderate")
    MINOR = "Minor", _("Minor")
    UNKNOWN = "Unknown", _("Unknown")


class Urgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("Act now")
    EXPECTED = "Expected", _("Act soon (within the hour)")
    FUTURE = "Future", _("Act in the near future")
    PAST = "Past", _("No action needed any more")
    UNKNOWN = "Unknown", _("Unknown")


class Certainty(models.TextChoices):
    OBSERVED = "Observed", _("Observed")
    LIKELY = "Likely", _("Likely")
    POSSIBLE = "Possible", _("Possible")
    UNLIKELY = "Unlikely", _("Unlikely")
    UNKNOWN = "Unknown", _("Unknown")


class Status(models.TextChoices):
    ACTUAL = "Actual", _("Real crisis")
    EXERCISE = "Exercise", _("Drill")


class MsgType(models.TextChoices):
    ALERT = "Alert", _("Alert")
    UPDATE = "Update", _("Update")
    CANCEL = "Cancel", _("All clear")


_POINT = r"-?\d{1,3}(?:\.\d+)?,-?\d{1,3}(?:\.\d+)?"
_POLYGON = re.compile(rf"^{_POINT}(?: {_POINT}){{3,}}$")
_NOT_IN_IDENTIFIER = re.compile(r"[\s,<&]")


def validate_polygon(value: str) -> None:
    """CAP polygon: four or more "lat,lon" pairs separated by spaces, the first pair repeated last."""
    text = " ".join(value.split())
    message = _('Write the area as "lat,lon" pairs separated by spaces, at least four, ending with the first pair.')
    if not _POLYGON.match(text):
        raise ValidationError(message, code="polygon")
    points = text.split(" ")
    if points[0] != points[-1]:
        raise ValidationError(message, code="polygon")
    for point in points:
        lat, lon = (float(part) for part in point.split(","))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValidationError(message, code="polygon")


def validate_identifier_part(value: str) -> None:
    if _NOT_IN_IDENTIFIER.search(value):
        raise ValidationError(_("Use no spaces, commas, < or & here."), code="identifier")


class CrisisMessageQuerySet(models.QuerySet["CrisisMessage"]):
    def published(self) -> CrisisMessageQuerySet:
        return self.filter(alerts__isnull=False).distinct()

    def current(self) -> CrisisMessageQuerySet:
        return self.published().filter(cancelled_at__isnull=True)

    def earlier(self) -> CrisisMessageQuerySet:
        return self.published().filter(cancelled_at__isnull=False)


class CrisisMessage(models.Model):
    """One crisis, as the crisis team describes it now (the latest published alert is what the public saw)."""

    identifier_base = models.CharField(
        _("identifier prefix"),
        max_length=100,
        blank=True,
        validators=[validate_identifier_part],
        help_text=_("Leave empty to use the web address of the site."),
    )
    event = models.CharField(
        _("kind of event"), max_length=100, help_text=_("For example: Flood, Power cut, Boil water.")
    )
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, default=Category.SAFETY)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.SEVERE)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.IMMEDIATE)
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices, default=Certainty.OBSERVED)
    headline = models.CharField(_("headline"), max_length=160)
    description = models.TextField(_("what has happened"))
    instruction = models.TextField(_("what you should do"), blank=True)
    web = models.URLField(_("web address for more information"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    places = models.ManyToManyField(
        "places.Place",
        blank=True,
        related_name="crisis_messages",
        verbose_name=_("affected places"),
        help_text=_("Leave empty when the whole municipality is affected."),
    )
    area_desc = models.CharField(
        _("area"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the names of the places, or the whole municipality."),
    )
    polygon = models.TextField(
        _("area as a polygon"),
        blank=True,
        validators=[validate_polygon],
        help_text=_('Optional. "lat,lon" pairs separated by spaces; the last pair equals the first.'),
    )
    geocode = models.CharField(
        _("municipality number"),
        max_length=4,
        blank=True,
        help_text=_("Leave empty to use the municipality number from the settings."),
    )
    status = models.CharField(_("real crisis or drill"), max_length=10, choices=Status.choices, default=Status.ACTUAL)
    replace_front_page = models.BooleanField(
        _("the crisis page replaces the front page"),
        default=False,
        help_text=_("For a serious crisis: visitors to the front page see this crisis message instead."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    objects = CrisisMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("crisis message")
        verbose_name_plural = _("crisis messages")

    def __str__(self) -> str:
        return self.headline

    @property
    def is_drill(self) -> bool:
        return self.status == Status.EXERCISE

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class CrisisTemplate(models.Model):
    """A prepared crisis message (ferdig mal): the crisis team starts from one and fills in the details."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    event = models.CharField(_("kind of event"), max_length=100)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices, default=Category.SAFETY)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.SEVERE)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.IMMEDIATE)
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices, default=Certainty.OBSERVED)
    headline = models.CharField(_("headline"), max_length=160)
    description = models.TextField(_("what has happened"))
    instruction = models.TextField(_("what you should do"), blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("crisis message template")
        verbose_name_plural = _("crisis message templates")

    def __str__(self) -> str:
        return self.name


class CapAlert(models.Model):
    """One published CAP 1.2 document. Never changed after it is created."""

    message = models.ForeignKey(CrisisMessage, on_delete=models.PROTECT, related_name="alerts")
    identifier = models.CharField(max_length=200, unique=True)
    sender = models.CharField(max_length=200)
    sent = models.DateTimeField()
    msg_type = models.CharField(max_length=10, choices=MsgType.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    references = models.TextField(blank=True)  # "sender,identifier,sent" of earlier alerts, space-separated
    info = models.JSONField(default=dict)  # the nn info block as published, for the public pages
    xml = models.TextField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-sent", "-pk"]
        verbose_name = _("CAP alert")
        verbose_name_plural = _("CAP alerts")

    def __str__(self) -> str:
        return self.identifier

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("A published CAP alert never changes; publish an Update instead.")
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """This alert as another alert's ``references`` entry."""
        from .cap import cap_datetime

        return f"{self.sender},{self.identifier},{cap_datetime(self.sent)}"
