"""Access requests (innsynskrav): the basket a resident sends, one part per journal entry.

A request is sent with only an e-mail address. It reaches the case handlers only
after the address is verified through the link we send (``verified_at``). Each part
(``InnsynskravDel``) has its own status and deadline: received + TORG_INNSYN_ANSWER_WORKING_DAYS
working days (default 3, the Sivilombudet's practice of 1–3 working days).

A case handler decides each part (:mod:`torg.innsyn.handling`): the decision is the
part's ``status``, with the legal basis (``basis``, a key of
:data:`torg.innsyn.handling.heimlar.HEIMLAR`), whether meirinnsyn (offentleglova § 11)
was considered, the reasoning, who decided and when, and for a partial grant the
redacted copy (``redacted_file``) the requester gets instead of the documents.
``escalated_at`` and ``presumed_refused_at`` record that the leaders were told the
deadline had passed, and that five working days went by without an answer
(offentleglova § 32: the requester may then appeal as if refused); each happens once.

The models are imported by :mod:`torg.innsyn.models`; the actions ``submit_request`` and
``verify_request`` live here too, so that the request slice is one module.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .handling.heimlar import HEIMEL_CHOICES

MAX_ENTRIES = 50
MAX_MESSAGE = 2000
MAX_REASONING = 5000


class InnsynskravStatus(models.TextChoices):
    NY = "ny", _("New")
    INNVILGA = "innvilga", _("Granted")
    DELVIS = "delvis", _("Partly granted")
    AVSLATT = "avslatt", _("Refused")


class InnsynskravQuerySet(models.QuerySet["Innsynskrav"]):
    def verified(self) -> InnsynskravQuerySet:
        return self.filter(verified_at__isnull=False)


class Innsynskrav(models.Model):
    email = models.EmailField(_("e-mail"), max_length=254)
    message = models.TextField(_("message"), blank=True, max_length=MAX_MESSAGE)
    # A salted hash of the link's token: the token itself is only in the e-mail.
    token = models.CharField(_("token (hashed)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)

    objects = InnsynskravQuerySet.as_manager()

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


DECISIONS = (InnsynskravStatus.INNVILGA, InnsynskravStatus.DELVIS, InnsynskravStatus.AVSLATT)
# Decisions that withhold something: they cite a legal basis and record that meirinnsyn was considered.
WITHHOLDING = (InnsynskravStatus.DELVIS, InnsynskravStatus.AVSLATT)


def _private_storage() -> Any:
    from .models import private_storage

    return private_storage()


class InnsynskravDelQuerySet(models.QuerySet["InnsynskravDel"]):
    def for_handlers(self) -> InnsynskravDelQuerySet:
        """The parts case handlers see: only of requests whose e-mail is verified."""
        return self.filter(krav__verified_at__isnull=False)

    def undecided(self) -> InnsynskravDelQuerySet:
        return self.filter(status=InnsynskravStatus.NY)

    def decided(self) -> InnsynskravDelQuerySet:
        return self.exclude(status=InnsynskravStatus.NY)


class InnsynskravDel(models.Model):
    krav = models.ForeignKey(
        Innsynskrav, verbose_name=_("access request"), on_delete=models.CASCADE, related_name="delar"
    )
    journalpost = models.ForeignKey(
        "innsyn.Journalpost", verbose_name=_("journal entry"), on_delete=models.PROTECT, related_name="innsynskrav"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=InnsynskravStatus.choices, default=InnsynskravStatus.NY
    )
    deadline = models.DateField(_("answer by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    basis = models.CharField(_("legal basis"), max_length=20, choices=HEIMEL_CHOICES, blank=True)
    meirinnsyn_considered = models.BooleanField(_("meirinnsyn (offentleglova § 11) considered"), default=False)
    reasoning = models.TextField(_("reasoning"), blank=True, max_length=MAX_REASONING)
    # Partial grant: the redacted copy. Full grant of an entry with no stored file: the copy sent.
    redacted_file = models.FileField(
        _("copy sent to the requester"),
        upload_to="innsyn/kopi/%Y/%m/",
        storage=_private_storage,
        max_length=300,
        blank=True,
    )
    escalated_at = models.DateTimeField(_("deadline passed, leaders told"), null=True, blank=True)
    presumed_refused_at = models.DateTimeField(_("presumed refused (five working days)"), null=True, blank=True)
    # The notification key of the letter that told the requester the decision (one letter may answer several parts).
    letter_key = models.CharField(_("decision letter"), max_length=200, blank=True)

    objects = InnsynskravDelQuerySet.as_manager()

    class Meta:
        verbose_name = _("access request part")
        verbose_name_plural = _("access request parts")
        constraints = [models.UniqueConstraint(fields=["krav", "journalpost"], name="innsyn_krav_del_unik")]
        indexes = [
            models.Index(fields=["status", "deadline"], name="innsyn_krav_frist"),
            models.Index(fields=["decided_at"], name="innsyn_krav_avgjort"),
        ]
        permissions = [("handle_all_innsynskrav", _("Can handle access requests in every service area"))]

    def __str__(self) -> str:
        return f"{self.krav_id}/{self.journalpost_id} {self.status}"


def answer_working_days() -> int:
    try:
        return max(1, int(getattr(settings, "TORG_INNSYN_ANSWER_WORKING_DAYS", 3)))
    except (TypeError, ValueError):
        return 3


def deadline_for(received: dt.date) -> dt.date:
    from torg.inquiries.deadlines import add_working_days

    return add_working_days(received, answer_working_days())


def _hash(token: str) -> str:
    return salted_hmac("torg.innsyn.request", token, algorithm="sha256").hexdigest()


def verify_url(token: str) -> str:
    return f"{str(settings.WAGTAILADMIN_BASE_URL).rstrip('/')}/innsyn/stadfest/{token}/"


def clean_email(value: str) -> str:
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValueError(gettext("Enter an e-mail address like name@example.no.")) from error
    return email


@transaction.atomic
def submit_request(
    *, email: str, entry_ids: Sequence[int], message: str = "", today: dt.date | None = None
) -> tuple[Innsynskrav, str]:
    """Create a request for the published entries among ``entry_ids`` and send the verification link.

    Returns (request, token). Raises ValueError (a message for the resident) for a bad
    address or when none of the entries may be requested.
    """
    from torg.notifications.actions import notify
    from torg.notifications.models import Channel

    from .queries import published_entries

    address = clean_email(email)
    wanted = list(dict.fromkeys(int(pk) for pk in entry_ids))[:MAX_ENTRIES]
    entries = list(published_entries(today).filter(pk__in=wanted).order_by("-journaldato", "-pk"))
    if not entries:
        raise ValueError(gettext("The basket is empty. Add the journal entries you want to see."))
    today = today or timezone.localdate()
    token = secrets.token_urlsafe(24)
    krav = Innsynskrav.objects.create(email=address, message=(message or "").strip()[:MAX_MESSAGE], token=_hash(token))
    deadline = deadline_for(today)
    InnsynskravDel.objects.bulk_create(InnsynskravDel(krav=krav, journalpost=e, deadline=deadline) for e in entries)
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Confirm your request for access")
        lines = [
            gettext("You have asked for access to these entries in the public journal:"),
            "",
            *(f"- {e.journalaar}/{e.journalsekvensnummer} {e.offentlig_tittel}" for e in entries),
            "",
            gettext("Open this link to confirm the request. We handle it only after you have confirmed it:"),
            verify_url(token),
            "",
            gettext("If you did not ask for this, you can ignore this e-mail."),
        ]
    notify(
        key=f"innsyn:krav:{krav.pk}:verify", channel=Channel.EMAIL, to=address, subject=subject, body="\n".join(lines)
    )
    return krav, token


def request_by_token(token: str) -> Innsynskrav | None:
    if not token or len(token) > 100:
        return None
    return Innsynskrav.objects.filter(token=_hash(token)).first()


@transaction.atomic
def verify_request(*, token: str, today: dt.date | None = None) -> Innsynskrav | None:
    """Mark the request verified (the first time; the deadline counts from then), or None for a bad link."""
    krav = request_by_token(token)
    if krav is None:
        return None
    if krav.verified_at is None:
        krav.verified_at = timezone.now()
        krav.save(update_fields=["verified_at"])
        krav.delar.filter(status=InnsynskravStatus.NY).update(deadline=deadline_for(today or timezone.localdate()))
        from .handling.letters import tell_areas_of_new_request

        tell_areas_of_new_request(krav)
    return krav


def entry_ids(value: Any) -> list[int]:
    """The journal entry ids kept in a session basket (whatever was stored there)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, int) and not isinstance(v, bool) and v > 0][:MAX_ENTRIES]
