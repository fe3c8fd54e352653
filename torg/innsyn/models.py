"""The public journal (postjournal) after Noark 5 and eInnsyn.

Words kept in Norwegian because the law and the standard use them:

- ``Saksmappe``: a case file (saksnummer = saksaar/sakssekvensnummer).
- ``Journalpost``: one journal entry: a letter in, a letter out, an internal note.
- ``Korrespondansepart``: a sender or recipient of a journal entry.
- ``Dokumentbeskrivelse``: one document (main document or attachment) of an entry.
- ``skjerming``: the exemption of an entry (tilgangsrestriksjon, skjermingshjemmel).

As in eInnsyn, every value the public sees is paired with its original:
``tittel`` (sensitive, staff only) / ``offentlig_tittel`` (screened, public);
``namn`` / ``offentleg_namn``. Public pages, feeds, the API and search read only
the public half. Screening rules live in :mod:`torg.innsyn.screening`.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.db import models
from django.utils.translation import gettext_lazy as _

from torg.core.models import ServiceArea

AUDIT_ACTIONS: dict[str, Any] = {
    "torg.innsyn.imported": _("Journal imported"),
    "torg.innsyn.import_rejected": _("Journal import rejected"),
    "torg.innsyn.document_attached": _("Journal document attached"),
    "torg.innsyn.document_cleared": _("Journal document text cleared for publication"),
}


class _PrivateStorage(FileSystemStorage):
    """Files under TORG_PRIVATE_MEDIA_ROOT, read when used (tests point it elsewhere)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.TORG_PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)


_private = _PrivateStorage(base_url=None)


def private_storage() -> Storage:
    """Journal documents live outside the web root; a view that checks screening serves them."""
    return _private


class Journalposttype(models.TextChoices):
    """Noark codes (I/U/N/X/S) and eInnsyn's meeting types."""

    INNGAAANDE = "I", _("Incoming document")
    UTGAAANDE = "U", _("Outgoing document")
    NOTAT_OPPFOLGING = "N", _("Internal note for follow-up")
    NOTAT = "X", _("Internal note without follow-up")
    SAKSFRAMLEGG = "S", _("Case presentation")
    SAKSKART = "K", _("Meeting agenda")
    MOTEPROTOKOLL = "P", _("Meeting minutes")
    MOTEBOK = "B", _("Meeting book")
    UKJENT = "?", _("Unknown")


class Parttype(models.TextChoices):
    AVSENDAR = "avsendar", _("Sender")
    MOTTAKAR = "mottakar", _("Recipient")
    KOPIMOTTAKAR = "kopimottakar", _("Copy recipient")
    GRUPPEMOTTAKAR = "gruppemottakar", _("Group recipient")
    INTERN_AVSENDAR = "intern_avsendar", _("Internal sender")
    INTERN_MOTTAKAR = "intern_mottakar", _("Internal recipient")
    INTERN_KOPIMOTTAKAR = "intern_kopimottakar", _("Internal copy recipient")
    UKJENT = "ukjent", _("Unknown")


INTERNAL_PARTTYPES = frozenset({Parttype.INTERN_AVSENDAR, Parttype.INTERN_MOTTAKAR, Parttype.INTERN_KOPIMOTTAKAR})


class Tilknytning(models.TextChoices):
    HOVUDDOKUMENT = "hovuddokument", _("Main document")
    VEDLEGG = "vedlegg", _("Attachment")
    ANNA = "anna", _("Other")


class TextBlock(models.TextChoices):
    """Why the text of a document is not public (yet)."""

    NONE = "", _("Not blocked")
    FODSELSNUMMER = "fodselsnummer", _("Contains a national identity number (fødselsnummer or d-nummer)")
    EXEMPTED = "unnateke", _("The entry is exempted from public access")
    UNREADABLE = "ulesbar", _("The text could not be read from the file")


class Saksmappe(models.Model):
    system_id = models.CharField(_("system ID"), max_length=100, unique=True, null=True, blank=True)
    saksaar = models.PositiveIntegerField(_("case year"))
    sakssekvensnummer = models.PositiveIntegerField(_("case sequence number"))
    saksnummer = models.CharField(_("case number"), max_length=30, db_index=True)  # "2024/123"
    saksdato = models.DateField(_("case date"), null=True, blank=True)
    tittel = models.TextField(_("title (original, may hold exempted words)"), blank=True)
    offentlig_tittel = models.TextField(_("public title"), blank=True)
    service_area = models.ForeignKey(
        ServiceArea, verbose_name=_("service area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    administrativ_enhet = models.CharField(_("administrative unit"), max_length=200, blank=True)
    saksansvarleg = models.CharField(_("case officer"), max_length=200, blank=True)  # staff only
    status = models.CharField(_("status"), max_length=100, blank=True)
    tilgangsrestriksjon = models.CharField(_("access restriction"), max_length=100, blank=True)
    skjermingshjemmel = models.CharField(_("legal basis for exemption"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("case file")
        verbose_name_plural = _("case files")
        indexes = [models.Index(fields=["saksaar", "sakssekvensnummer"], name="innsyn_sak_nr")]

    def __str__(self) -> str:
        return f"{self.saksnummer} {self.offentlig_tittel}"


class Journalpost(models.Model):
    saksmappe = models.ForeignKey(
        Saksmappe, verbose_name=_("case file"), on_delete=models.CASCADE, related_name="journalposter"
    )
    system_id = models.CharField(_("system ID"), max_length=100, unique=True)
    journalaar = models.PositiveIntegerField(_("journal year"))
    journalsekvensnummer = models.PositiveIntegerField(_("journal sequence number"))
    journalpostnummer = models.PositiveIntegerField(_("document number in the case"))
    journalposttype = models.CharField(
        _("entry type"), max_length=2, choices=Journalposttype.choices, default=Journalposttype.UKJENT
    )
    journalstatus = models.CharField(_("journal status"), max_length=100, blank=True)
    journaldato = models.DateField(_("journal date"))
    dokumentets_dato = models.DateField(_("document date"), null=True, blank=True)
    tittel = models.TextField(_("title (original, may hold exempted words)"), blank=True)
    offentlig_tittel = models.TextField(_("public title"), blank=True)
    tilgangsrestriksjon = models.CharField(_("access restriction"), max_length=100, blank=True)
    skjermingshjemmel = models.CharField(_("legal basis for exemption"), max_length=200, blank=True)
    skjerming_metadata = models.CharField(_("exempted metadata"), max_length=200, blank=True)
    # Denormalised from the case, for filters without a join.
    service_area = models.ForeignKey(
        ServiceArea, verbose_name=_("service area"), null=True, blank=True, on_delete=models.SET_NULL
    )
    administrativ_enhet = models.CharField(_("administrative unit"), max_length=200, blank=True)
    saksbehandlar = models.CharField(_("case handler"), max_length=200, blank=True)  # staff only
    accessible_after = models.DateField(_("public from"), null=True, blank=True)
    publish_metadata = models.BooleanField(_("shown in the public journal"), default=True)
    publish_documents = models.BooleanField(_("documents may be published"), default=True)
    # Search: the public title, the public party names and the case's public title, folded.
    search_text = models.TextField(_("search text"), blank=True)
    parts_public = models.CharField(_("senders and recipients (public)"), max_length=500, blank=True)
    has_person_party = models.BooleanField(_("has a private person as party"), default=False)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        indexes = [
            models.Index(fields=["-journaldato", "-id"], name="innsyn_jp_dato"),
            models.Index(fields=["journalposttype", "-journaldato"], name="innsyn_jp_type"),
            models.Index(fields=["service_area", "-journaldato"], name="innsyn_jp_area"),
            models.Index(fields=["saksmappe", "journalpostnummer"], name="innsyn_jp_sak"),
            models.Index(fields=["journalaar", "journalsekvensnummer"], name="innsyn_jp_nr"),
        ]

    def __str__(self) -> str:
        return f"{self.journalaar}/{self.journalsekvensnummer} {self.offentlig_tittel}"

    @property
    def is_exempted(self) -> bool:
        return bool(self.tilgangsrestriksjon or self.skjermingshjemmel)


class Korrespondansepart(models.Model):
    journalpost = models.ForeignKey(
        Journalpost, verbose_name=_("journal entry"), on_delete=models.CASCADE, related_name="parter"
    )
    parttype = models.CharField(_("type"), max_length=20, choices=Parttype.choices, default=Parttype.UKJENT)
    namn = models.CharField(_("name (original)"), max_length=300)
    offentleg_namn = models.CharField(_("public name"), max_length=300, blank=True)
    # casefolded, single-spaced original name: finds searches on a person's name (screening.name_key).
    namn_key = models.CharField(max_length=300, db_index=True, blank=True)
    is_person = models.BooleanField(_("private person"), default=False)
    skjerma = models.BooleanField(_("name exempted"), default=False)
    administrativ_enhet = models.CharField(_("administrative unit"), max_length=200, blank=True)
    saksbehandlar = models.CharField(_("case handler"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sender or recipient")
        verbose_name_plural = _("senders and recipients")
        # Created by migration 0004 (torg.innsyn.search_index): the one-year name rule and the
        # sender/recipient filter of the search.
        indexes = [
            models.Index(fields=["namn_key"], condition=models.Q(is_person=True), name="innsyn_part_person_namn"),
            models.Index(fields=["journalpost", "parttype"], name="innsyn_part_entry_kind"),
        ]

    def __str__(self) -> str:
        return self.offentleg_namn


class Dokumentbeskrivelse(models.Model):
    journalpost = models.ForeignKey(
        Journalpost, verbose_name=_("journal entry"), on_delete=models.CASCADE, related_name="dokument"
    )
    system_id = models.CharField(_("system ID"), max_length=100, blank=True)
    dokumentnummer = models.PositiveIntegerField(_("document number"), default=1)
    tittel = models.TextField(_("title (original)"), blank=True)
    offentlig_tittel = models.TextField(_("public title"), blank=True)
    tilknytning = models.CharField(
        _("role"), max_length=20, choices=Tilknytning.choices, default=Tilknytning.HOVUDDOKUMENT
    )
    dokumenttype = models.CharField(_("document type"), max_length=100, blank=True)
    tilgangsrestriksjon = models.CharField(_("access restriction"), max_length=100, blank=True)
    skjermingshjemmel = models.CharField(_("legal basis for exemption"), max_length=200, blank=True)
    source_reference = models.CharField(_("file in the extraction"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="innsyn/%Y/%m/", storage=private_storage, max_length=300, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    extracted_text = models.TextField(_("text"), blank=True)
    text_blocked_reason = models.CharField(
        _("text not public because"), max_length=20, choices=TextBlock.choices, blank=True, default=""
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cleared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["journalpost", "dokumentnummer"]

    def __str__(self) -> str:
        return self.offentlig_tittel

    @property
    def text_is_public(self) -> bool:
        """The extracted text may be shown and searched by the public."""
        if not self.extracted_text or self.tilgangsrestriksjon or self.text_blocked_reason == TextBlock.EXEMPTED:
            return False
        if self.text_blocked_reason == TextBlock.FODSELSNUMMER:
            return self.cleared_at is not None
        return self.text_blocked_reason == TextBlock.NONE


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")


class ImportRun(models.Model):
    source = models.CharField(_("source"), max_length=500)
    format = models.CharField(_("format"), max_length=30, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING)
    entries = models.PositiveIntegerField(_("entries read"), default=0)
    created = models.PositiveIntegerField(_("entries created"), default=0)
    updated = models.PositiveIntegerField(_("entries updated"), default=0)
    cases_created = models.PositiveIntegerField(_("case files created"), default=0)
    cases_updated = models.PositiveIntegerField(_("case files updated"), default=0)
    withdrawn = models.PositiveIntegerField(_("entries withdrawn"), default=0)
    skipped = models.PositiveIntegerField(_("records skipped"), default=0)
    bytes_total = models.BigIntegerField(_("file size"), null=True, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)

    class Meta:
        verbose_name = _("journal import")
        verbose_name_plural = _("journal imports")
        ordering = ["-started_at"]
        permissions = [("import_journal", _("Can import the public journal"))]

    def __str__(self) -> str:
        return f"{self.source} ({self.get_status_display()})"


from .appeals import Innsynsklage, KlageUtfall  # noqa: E402,F401  (appeals against decisions)
from .requests import Innsynskrav, InnsynskravDel, InnsynskravStatus  # noqa: E402,F401  (access requests)
