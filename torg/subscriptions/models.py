"""Subscriptions (abonnement): residents who asked to hear about topics, service areas and places.

A ``Subscriber`` is one person without an account: an e-mail address and/or a
phone number, each confirmed separately (double opt-in), the channels chosen
(e-mail, SMS, web push), how often (at once, or a daily/weekly digest) and
what about (everything, topics (emne), service areas (tenesteområde), places).
``token`` is the secret in their manage and unsubscribe links.

``SubscriberArea`` rows are computed, never edited: the places a subscriber
chose plus the places that contain any of their points (addresses). They are
recomputed when the subscriber changes and when place geometries change, so
selecting recipients for a place is one indexed join.

``Announcement`` is what was announced (a published page or a crisis alert),
kept for the Atom feeds and the digests; ``DigestItem`` is an announcement
waiting for one subscriber's next digest. Writes go through ``actions``.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TOKEN_BYTES = 24  # 32 url-safe characters


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class Frequency(models.TextChoices):
    STRAKS = "straks", _("At once")
    DAGLEG = "dagleg", _("Daily digest")
    VEKELEG = "vekeleg", _("Weekly digest")


class SubscriptionChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    PUSH = "push", _("web push")


class Topic(models.Model):
    """An emne residents choose and editors tag pages with."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.name


class SubscriberQuerySet(models.QuerySet["Subscriber"]):
    def email_recipients(self) -> SubscriberQuerySet:
        """Those who get e-mail now: chosen, confirmed, not paused."""
        return self.filter(wants_email=True, email_confirmed_at__isnull=False, email_paused_at__isnull=True).exclude(
            email=""
        )

    def sms_recipients(self) -> SubscriberQuerySet:
        return self.filter(wants_sms=True, phone_confirmed_at__isnull=False, sms_paused_at__isnull=True).exclude(
            phone=""
        )

    def confirmed(self) -> SubscriberQuerySet:
        """Subscribers with at least one channel that can reach them."""
        return self.filter(
            Q(wants_email=True, email_confirmed_at__isnull=False)
            | Q(wants_sms=True, phone_confirmed_at__isnull=False)
            | Q(wants_push=True, pk__in=PushSubscription.objects.filter(failed_at__isnull=True).values("subscriber_id"))
        )


class Subscriber(models.Model):
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed"), null=True, blank=True)
    phone_confirmed_at = models.DateTimeField(_("mobile number confirmed"), null=True, blank=True)
    wants_email = models.BooleanField(_("by e-mail"), default=False)
    wants_sms = models.BooleanField(_("by SMS"), default=False)
    wants_push = models.BooleanField(_("by web push"), default=False)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.STRAKS)
    everything = models.BooleanField(_("all news"), default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="subscribers", verbose_name=_("topics"))
    service_areas = models.ManyToManyField(
        "core.ServiceArea", blank=True, related_name="subscribers", verbose_name=_("service areas")
    )
    places = models.ManyToManyField("places.Place", blank=True, related_name="chosen_by", verbose_name=_("places"))
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent_text = models.TextField(_("what they agreed to"))
    consent_at = models.DateTimeField(_("agreed"))
    email_paused_at = models.DateTimeField(_("e-mail paused"), null=True, blank=True)
    sms_paused_at = models.DateTimeField(_("SMS paused"), null=True, blank=True)
    email_failures = models.PositiveSmallIntegerField(default=0)
    sms_failures = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(fields=["email"], condition=~Q(email=""), name="subscriber_unique_email"),
            models.UniqueConstraint(fields=["phone"], condition=~Q(phone=""), name="subscriber_unique_phone"),
        ]
        indexes = [models.Index(fields=["frequency", "everything"], name="subscriber_frequency")]

    def __str__(self) -> str:
        # Never the address: this shows up in logs and the back office.
        return f"Subscriber {self.pk}"

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def phone_confirmed(self) -> bool:
        return self.phone_confirmed_at is not None


class SubscriberPoint(models.Model):
    """An address or map point the subscriber wants news about (the places containing it)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="points")
    label = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("subscriber's point")
        verbose_name_plural = _("subscribers' points")

    def __str__(self) -> str:
        return f"Point {self.pk}"


class SubscriberArea(models.Model):
    """Computed membership: ``subscriber`` hears about ``place`` (chosen, or one of their points is in it)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="areas")
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="subscriber_areas")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "place"], name="subscriberarea_unique"),
        ]
        indexes = [models.Index(fields=["place", "subscriber"], name="subscriberarea_place")]
        verbose_name = _("subscriber's area")
        verbose_name_plural = _("subscribers' areas")

    def __str__(self) -> str:
        return f"{self.subscriber_id} in {self.place_id}"


class PushSubscription(models.Model):
    """One browser's web push subscription (the endpoint and its keys)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="push_subscriptions")
    endpoint = models.CharField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("web push subscription")
        verbose_name_plural = _("web push subscriptions")

    def __str__(self) -> str:
        return f"Push subscription {self.pk}"


class ConfirmationCode(models.Model):
    """A pending confirmation: a link token (e-mail) or a 6-digit code (SMS). Only its hash is kept."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="confirmation_codes")
    channel = models.CharField(max_length=10, choices=SubscriptionChannel.choices)
    code_hash = models.CharField(max_length=64, db_index=True)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("confirmation code")
        verbose_name_plural = _("confirmation codes")

    def __str__(self) -> str:
        return f"Confirmation {self.pk} ({self.channel})"


class AnnouncementKind(models.TextChoices):
    PAGE = "page", _("Page")
    CRISIS = "crisis", _("Crisis message")
    DRILL = "drill", _("Drill")


class Announcement(models.Model):
    """Something that was announced to subscribers: for the Atom feeds and the digests."""

    key = models.CharField(max_length=200, unique=True, help_text="The dispatch key, e.g. page:12.")
    kind = models.CharField(max_length=10, choices=AnnouncementKind.choices)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    alert_identifier = models.CharField(max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    everyone = models.BooleanField(default=False, help_text="A crisis message for the whole municipality.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="announcements")
    places = models.ManyToManyField("places.Place", blank=True, related_name="announcements")
    service_areas = models.ManyToManyField("core.ServiceArea", blank=True, related_name="announcements")
    published_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    def __str__(self) -> str:
        return self.title


class DigestItem(models.Model):
    """An announcement waiting for one subscriber's next digest."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="digest_items")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="digest_items")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "announcement"], name="digestitem_unique"),
        ]
        indexes = [models.Index(fields=["frequency", "sent_at", "created_at"], name="digestitem_due")]

    def __str__(self) -> str:
        return f"{self.announcement_id} for {self.subscriber_id} ({self.frequency})"
