"""Servicetorget: questions, feedback, complaints and error reports from residents.

An ``Inquiry`` is one matter a resident brought to the municipality, by any
channel. It carries a reference, a deadline (svarfrist) from the service
area's published answer routine, and a thread of ``InquiryMessage`` (the
resident's words, the municipality's answers, internal notes). A førebels
svar (preliminary answer, forvaltningsloven § 11a) is a message too.
Attachments live in private storage, outside the web root.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import LazyObject
from django.utils.translation import gettext_lazy as _

from torg.core.models import ServiceArea

AUDIT_ACTIONS: dict[str, Any] = {
    "torg.inquiry.submitted": _("Inquiry received"),
    "torg.inquiry.routed": _("Inquiry routed"),
    "torg.inquiry.assigned": _("Inquiry assigned"),
    "torg.inquiry.noted": _("Internal note added"),
    "torg.inquiry.asked_resident": _("Resident asked for more information"),
    "torg.inquiry.resident_replied": _("Resident replied"),
    "torg.inquiry.answered": _("Inquiry answered"),
    "torg.inquiry.preliminary_answer": _("Preliminary answer sent"),
    "torg.inquiry.closed": _("Inquiry closed"),
    "torg.inquiry.reopened": _("Inquiry reopened"),
    "torg.inquiry.published": _("Feedback made public"),
    "torg.inquiry.unpublished": _("Feedback made private"),
    "torg.inquiry.reminded": _("Deadline reminder sent"),
    "torg.inquiry.escalated": _("Overdue inquiry escalated"),
    "torg.inquiry.anonymised": _("Personal data deleted"),
}

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class PrivateStorage(LazyObject):
    """Files only staff and the resident may fetch: outside MEDIA_ROOT, served by a view that checks access."""

    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.TORG_PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = PrivateStorage()


class Kind(models.TextChoices):
    QUESTION = "sporsmal", _("Question")
    FEEDBACK = "tilbakemelding", _("Feedback or suggestion")
    COMPLAINT = "klage", _("Complaint")
    ERROR_REPORT = "feilmelding", _("Error report (something is broken)")


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    EMAIL = "epost", _("E-mail")
    PHONE = "telefon", _("Phone")
    COUNTER = "skranke", _("Counter")
    SOCIAL = "sosiale_medium", _("Social media")
    CHAT = "chat", _("Chat")
    OPEN311 = "open311", _("App (Open311)")


class Status(models.TextChoices):
    NEW = "ny", _("Received")
    IN_PROGRESS = "under_arbeid", _("Being handled")
    WAITING = "ventar", _("Waiting for you")
    ANSWERED = "svart", _("Answered")
    CLOSED = "lukka", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class AnswerRoutine(models.Model):
    """The published promise: an inquiry of ``kind`` to ``area`` is answered within N working days.

    A row without an area is the municipality's default for that kind.
    """

    area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answer_routines",
        verbose_name=_("service area"),
        help_text=_("Leave empty for the municipality's default."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    working_days = models.PositiveSmallIntegerField(_("answer within (working days)"))

    class Meta:
        verbose_name = _("answer routine")
        verbose_name_plural = _("answer routines")
        ordering = ["area__sort_order", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["area", "kind"], name="unique_routine_per_area_kind"),
            models.UniqueConstraint(
                fields=["kind"], condition=models.Q(area__isnull=True), name="unique_default_routine_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area or _('Default')}: {self.get_kind_display()} {self.working_days}"


class InquiryQuerySet(models.QuerySet["Inquiry"]):
    def open(self) -> InquiryQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, now: Any = None) -> InquiryQuerySet:
        return self.filter(status__in=(Status.NEW, Status.IN_PROGRESS), due_at__lt=now or timezone.now())

    def public(self) -> InquiryQuerySet:
        return self.filter(is_public=True, wants_public=True)


class Inquiry(models.Model):
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    # The private follow link carries a key derived from this nonce and SECRET_KEY
    # (so the database alone does not open it, and every message can repeat the link).
    access_nonce = models.CharField(max_length=32, editable=False, default="")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.QUESTION)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
        verbose_name=_("service area"),
    )
    service = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    about_enkeltvedtak = models.BooleanField(
        _("about an individual decision (enkeltvedtak)"),
        default=False,
        help_text=_("A preliminary answer is due when such a case is one month old."),
    )
    # Where: a typed address and/or a point (WGS84).
    address = models.CharField(_("address or place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Who: the least we need to answer. All empty: anonymous (feedback only).
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("mobile number"), max_length=20, blank=True)
    # Visible feedback: the resident asks; staff publish a screened version.
    wants_public = models.BooleanField(_("resident allows publication"), default=False)
    is_public = models.BooleanField(_("shown on the public feedback page"), default=False)
    public_title = models.CharField(_("public title"), max_length=200, blank=True)
    public_text = models.TextField(_("public text (without personal data)"), blank=True)
    public_action = models.TextField(_("what we did"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_inquiries",
        verbose_name=_("handler"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    # Deadline bookkeeping.
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    routine_days = models.PositiveSmallIntegerField(_("answer routine (working days)"))
    due_at = models.DateTimeField(_("answer deadline"), db_index=True)
    paused_at = models.DateTimeField(_("waiting for the resident since"), null=True, blank=True)
    expected_answer_by = models.DateField(_("expected answer by"), null=True, blank=True)
    preliminary_answer_at = models.DateTimeField(_("preliminary answer sent"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Where it came from, for threading and for API clients.
    email_message_id = models.CharField(max_length=250, blank=True, db_index=True, editable=False)
    client_name = models.CharField(_("app"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InquiryQuerySet.as_manager()

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["due_at"]
        permissions = [("handle_all_inquiries", "Can handle inquiries in every service area")]
        indexes = [models.Index(fields=["area", "status", "due_at"]), models.Index(fields=["is_public", "received_at"])]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inquiries:follow", args=[self.reference])

    def access_key(self) -> str:
        """The key in the resident's private link."""
        return salted_hmac("torg.inquiries.follow", f"{self.reference}:{self.access_nonce}").hexdigest()[:32]

    def key_matches(self, key: str) -> bool:
        return bool(key) and bool(self.access_nonce) and secrets.compare_digest(self.access_key(), key)

    def private_url(self) -> str:
        """The resident's private link, absolute (for e-mail and SMS)."""
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        return f"{base}{self.get_absolute_url()}?k={self.access_key()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_anonymous(self) -> bool:
        return not (self.contact_email or self.contact_phone)

    def is_overdue(self, now: Any = None) -> bool:
        return self.status in (Status.NEW, Status.IN_PROGRESS) and self.due_at < (now or timezone.now())


class MessageKind(models.TextChoices):
    RESIDENT = "innbyggjar", _("From the resident")
    ANSWER = "svar", _("Answer")
    PRELIMINARY = "forebels", _("Preliminary answer")
    QUESTION = "sporsmal", _("Question to the resident")
    NOTE = "notat", _("Internal note")


RESIDENT_VISIBLE_KINDS = (MessageKind.RESIDENT, MessageKind.ANSWER, MessageKind.PRELIMINARY, MessageKind.QUESTION)


class InquiryMessage(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("type"), max_length=20, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)
    email_message_id = models.CharField(max_length=250, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.inquiry.reference} {self.kind}"

    @property
    def resident_sees(self) -> bool:
        return self.kind in RESIDENT_VISIBLE_KINDS


class Attachment(models.Model):
    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        InquiryMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        storage=private_storage,  # type: ignore[arg-type]  # a lazy Storage
        upload_to="inquiries/%Y/%m/",
        max_length=300,
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class CannedAnswer(models.Model):
    """A prepared answer text staff start from; an area's own or shared by all."""

    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("text"))
    area = models.ForeignKey(
        ServiceArea,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="canned_answers",
        verbose_name=_("service area"),
    )
    service = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service page"),
        help_text=_("The answer links to this page."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("canned answer")
        verbose_name_plural = _("canned answers")

    def __str__(self) -> str:
        return self.title
