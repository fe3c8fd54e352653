"""The archive's back office (/admin/innsyn/arkiv/): import the journal, clear held-back document texts.

Import: a journal file (Noark 5 arkivstruktur.xml, offentligJournal.xml, loependeJournal.xml,
or eInnsyn JSON) is uploaded to private storage, and the task worker imports it
(:func:`torg.innsyn.tasks.import_uploaded_journal`). The page shows each run: a progress bar
while it runs (read from the cache, updated by a small script; without it the page says to
reload), then what was created and updated, or the line and reason the file was rejected.

Held back: documents whose text holds a national identity number (fødselsnummer or
d-nummer, control digits checked) are not published until a person has read the text.
The person clears the text when the number is not a person's, or it may be public; every
reading is logged as a view of personal data.

Who: superusers and users with the permission ``innsyn.import_journal`` (import), or
``innsyn.change_dokumentbeskrivelse`` (clear texts), given to a group in Wagtail's settings.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from torg.core import audit, backoffice

from .. import screening
from ..actions import clear_document_text, may_handle_documents, may_import_journal
from ..models import Dokumentbeskrivelse, ImportRun, ImportStatus, TextBlock, private_storage
from ..tasks import import_uploaded_journal, progress_key
from .common import MAX_PK

NO_ACCESS = gettext_lazy("Only the archive imports the journal and clears document texts.")
archive_required = backoffice.gate(may_handle_documents, NO_ACCESS)
MAX_UPLOAD_BYTES = 4 * 1024**3  # a whole year's journal of a large municipality
SUFFIXES = (".xml", ".json")
RUNS_SHOWN = 15
PER_PAGE = 50


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Journal file"),
        help_text=gettext_lazy(
            "A Noark 5 extraction (arkivstruktur.xml, offentligJournal.xml or loependeJournal.xml, "
            "version 3.1 or 5.0) or eInnsyn JSON. Importing the same entries again updates them."
        ),
        error_messages={"required": gettext_lazy("Choose the file to import.")},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Choose an XML or JSON file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 4 GB. Split it and import the parts."))
        return upload


def _breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return backoffice.breadcrumbs((reverse("innsyn_admin:archive"), _("Archive")), *items)


def _progress(run: ImportRun) -> dict[str, Any]:
    """What is known of a run now: entries and bytes read, and the share of the file."""
    noted = cache.get(progress_key(run.pk)) if run.status == ImportStatus.RUNNING else None
    entries = int(noted["entries"]) if noted else run.entries
    done = int(noted["bytes"]) if noted else (run.bytes_total or 0) * (run.status != ImportStatus.RUNNING)
    total = run.bytes_total or 0
    percent = min(100, round(100 * done / total)) if total else None
    return {"id": run.pk, "status": run.status, "entries": entries, "bytes": done, "total": total, "percent": percent}


def _held_back() -> Any:
    return (
        Dokumentbeskrivelse.objects.filter(text_blocked_reason=TextBlock.FODSELSNUMMER, cleared_at__isnull=True)
        .select_related("journalpost__saksmappe")
        .order_by("-journalpost__journaldato", "pk")
    )


@archive_required
def archive_page(request: HttpRequest, form: UploadForm | None = None, status: int = 200) -> HttpResponse:
    runs = list(ImportRun.objects.select_related("actor").order_by("-started_at", "-pk")[:RUNS_SHOWN])
    held = Paginator(_held_back(), PER_PAGE).get_page(request.GET.get("p"))
    context = {
        "header_title": _("Archive"),
        "breadcrumbs_items": _breadcrumbs(),
        "may_import": may_import_journal(request.user),
        "form": form or UploadForm(),
        "runs": [(run, _progress(run)) for run in runs],
        "running": any(run.status == ImportStatus.RUNNING for run in runs),
        "held": held,
    }
    return render(request, "innsyn/admin/archive.html", context, status=status)


@require_POST
@archive_required
def archive_upload(request: HttpRequest) -> HttpResponseBase:
    if not may_import_journal(request.user):
        return backoffice.forbidden(request, _("Only the archive imports the journal."))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Nothing was imported. Correct what is marked below and try again."))
        return archive_page(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()
    name = private_storage().save(f"innsyn/import/{uuid.uuid4().hex}{suffix}", upload)
    user = request.user if getattr(request.user, "is_authenticated", False) else None
    run = ImportRun.objects.create(
        source=Path(upload.name).name[:500], actor_id=getattr(user, "pk", None), bytes_total=upload.size
    )
    transaction.on_commit(lambda: import_uploaded_journal.enqueue(run_id=run.pk, name=name))
    messages.success(request, _("The file is uploaded. The import runs in the background: follow it below."))
    return HttpResponseRedirect(reverse("innsyn_admin:archive") + "#imports")


@archive_required
def archive_progress(request: HttpRequest) -> JsonResponse:
    """The running and recent runs' progress, for the page's script."""
    runs = ImportRun.objects.order_by("-started_at", "-pk")[:RUNS_SHOWN]
    return JsonResponse({"runs": [_progress(run) for run in runs]}, headers={"Cache-Control": "no-store"})


def _marked(text: str) -> SafeString:
    """The text, escaped, with every valid national identity number in <mark>."""
    numbers = sorted(set(screening.find_fodselsnummer(text)), key=len, reverse=True)
    if not numbers:
        return mark_safe(escape(text))  # noqa: S308  (escaped just now)
    pattern = re.compile("|".join(re.escape(str(escape(n))) for n in numbers))
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", str(escape(text))))  # noqa: S308


@archive_required
def held_text(request: HttpRequest, pk: int) -> HttpResponse:
    """One held-back text, its numbers marked; clearing it publishes the text."""
    if pk > MAX_PK:
        raise Http404
    doc = _held_back().filter(pk=pk).first()
    if doc is None:
        raise Http404
    if request.method == "POST":
        clear_document_text(dokument=doc, actor=request.user)
        messages.success(request, _("The text is cleared. It is published with the entry's documents."))
        return HttpResponseRedirect(reverse("innsyn_admin:archive") + "#halde-tilbake")
    audit.record_personal_data_view(actor=request.user, target=doc, purpose="innsyn")
    entry = doc.journalpost
    title = _("Document text held back")
    context = {
        "header_title": title,
        "breadcrumbs_items": _breadcrumbs(("", title)),
        "doc": doc,
        "entry": entry,
        "number": f"{entry.journalaar}/{entry.journalsekvensnummer}",
        "text": _marked(doc.extracted_text),
        "count": len(screening.find_fodselsnummer(doc.extracted_text)),
    }
    return render(request, "innsyn/admin/held_text.html", context)
