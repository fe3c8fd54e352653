"""The case page of one part (/admin/innsyn/<pk>/): the entry as staff see it (with its
original, sensitive title), the requester, the documents, and the decision form.

The page shows personal data (the requester's address, the sensitive title and party
names), so every view is logged (``audit.record_personal_data_view``), and so is every
download of a document. The decision posts to its own address; on an error the page
comes back with the form as sent and the message beside the field.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from torg.core import audit, backoffice

from ..appeals import Innsynsklage
from ..handling.access import may_handle
from ..handling.actions import decide_parts, presumed_refusal_day
from ..handling.appeals import change_decision, keep_decision
from ..handling.copies import granted_files
from ..handling.heimlar import heimel
from ..models import Dokumentbeskrivelse, TextBlock
from ..queries import published_entries
from ..requests import InnsynskravDel, InnsynskravStatus
from .common import (
    AUDIT_PURPOSE,
    MAX_PK,
    breadcrumbs,
    case_url,
    deadline_in_words,
    entry_number,
    handled_part,
    staff_status,
)
from .forms import AppealDecisionForm, AppealOutcome, DecisionForm

DONE = {
    InnsynskravStatus.INNVILGA: gettext_lazy(
        "Access was granted. The requester gets an e-mail with links to the documents."
    ),
    InnsynskravStatus.DELVIS: gettext_lazy(
        "Partial access was granted. The requester gets an e-mail with the copy and the reasons."
    ),
    InnsynskravStatus.AVSLATT: gettext_lazy(
        "Access was refused. The requester gets an e-mail with the reasons and how to appeal."
    ),
}


def _user_label(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def _documents(part: InnsynskravDel) -> list[dict[str, Any]]:
    rows = []
    for doc in part.journalpost.dokument.order_by("dokumentnummer", "pk"):
        rows.append(
            {
                "doc": doc,
                "has_file": bool(doc.file),
                "fodselsnummer": doc.text_blocked_reason == TextBlock.FODSELSNUMMER and doc.cleared_at is None,
            }
        )
    return rows


def _other_parts(part: InnsynskravDel, user: Any) -> list[dict[str, Any]]:
    others = (
        part.krav.delar.exclude(pk=part.pk)
        .select_related("journalpost__service_area", "journalpost__saksmappe", "krav")
        .order_by("pk")
    )
    return [
        {
            "number": entry_number(other),
            "title": other.journalpost.offentlig_tittel,
            "status": staff_status(other),
            "url": case_url(other) if may_handle(user, other) else "",
        }
        for other in others
    ]


def _undecided_siblings(part: InnsynskravDel, user: Any) -> list[InnsynskravDel]:
    """The request's other undecided parts that ``user`` may decide."""
    siblings = (
        part.krav.delar.exclude(pk=part.pk)
        .filter(status=InnsynskravStatus.NY)
        .select_related("krav", "journalpost__service_area", "journalpost__saksmappe")
        .order_by("pk")
    )
    return [other for other in siblings if may_handle(user, other)]


def _decide_together(part: InnsynskravDel, user: Any) -> list[tuple[int, str]]:
    return [
        (other.pk, f"{entry_number(other)} {other.journalpost.offentlig_tittel or _('(no public title)')}")
        for other in _undecided_siblings(part, user)
    ]


def render_case(
    request: HttpRequest,
    part: InnsynskravDel,
    *,
    form: DecisionForm | None = None,
    appeal_form: AppealDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    entry = part.journalpost
    klage = Innsynsklage.objects.select_related("handled_by").filter(part=part).first()
    deadline, overdue = deadline_in_words(part)
    audit.record_personal_data_view(actor=request.user, target=part, purpose=AUDIT_PURPOSE)
    number = entry_number(part)
    context = {
        "header_title": _("Access request %(number)s") % {"number": number},
        "breadcrumbs_items": breadcrumbs((case_url(part), number)),
        "part": part,
        "entry": entry,
        "number": number,
        "status": staff_status(part),
        "deadline": deadline,
        "overdue": overdue,
        "presumed_day": presumed_refusal_day(part.krav.verified_at) if part.krav.verified_at else None,
        "is_published": published_entries().filter(pk=entry.pk).exists(),
        "documents": _documents(part),
        "others": _other_parts(part, request.user),
        "form": form or DecisionForm(part=part, others=_decide_together(part, request.user)),
        "undecided": part.status == InnsynskravStatus.NY,
        "basis": heimel(part.basis),
        "decided_by": _user_label(part.decided_by),
        "sent_files": granted_files(part),
        "klage": klage,
        "appeal_form": appeal_form or (AppealDecisionForm() if klage is not None and klage.is_open else None),
        "appeal_handled_by": _user_label(klage.handled_by) if klage is not None else "",
    }
    return render(request, "innsyn/admin/case.html", context, status=status)


@handled_part
def case(request: HttpRequest, part: InnsynskravDel) -> HttpResponse:
    return render_case(request, part)


@handled_part
def decide(request: HttpRequest, part: InnsynskravDel) -> HttpResponse:
    if request.method != "POST":  # a reload or a bookmarked address: show the case
        return HttpResponseRedirect(case_url(part, "avgjerd"))
    form = DecisionForm(request.POST, request.FILES, part=part, others=_decide_together(part, request.user))
    if form.is_valid():
        data = form.cleaned_data
        chosen = set(data.get("also") or ())
        together = [other for other in _undecided_siblings(part, request.user) if other.pk in chosen]
        try:
            decide_parts(
                actor=request.user,
                parts=[part, *together],
                decision=data["decision"],
                basis=data["basis"],
                meirinnsyn_considered=data["meirinnsyn_considered"],
                reasoning=data["reasoning"],
                redacted_file=data.get("redacted_file"),
            )
        except PermissionDenied:
            return backoffice.forbidden(request, _("You cannot decide this access request."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                form.add_error(None, error)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, str(DONE[InnsynskravStatus(data["decision"])]))
            return HttpResponseRedirect(case_url(part, "avgjerd"))
    messages.error(request, _("Nothing was decided. Correct what is marked below and try again."))
    return render_case(request, part, form=form, status=400)


APPEAL_DONE = {
    AppealOutcome.CHANGE: gettext_lazy("The decision was changed. The requester gets a new letter with the documents."),
    AppealOutcome.KEEP: gettext_lazy(
        "The decision stands. The requester is told that the appeal goes to Statsforvaltaren: send the case there."
    ),
}


@handled_part
def answer_appeal(request: HttpRequest, part: InnsynskravDel) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseRedirect(case_url(part, "klage"))
    form = AppealDecisionForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["outcome"] == AppealOutcome.CHANGE:
                change_decision(
                    actor=request.user,
                    part=part,
                    decision=data["decision"],
                    reasoning=data["reasoning"],
                    redacted_file=data.get("redacted_file"),
                )
            else:
                keep_decision(actor=request.user, part=part, reasoning=data["reasoning"])
        except PermissionDenied:
            return backoffice.forbidden(request, _("You cannot handle this appeal."))
        except ValidationError as error:
            form.add_error(None, error if hasattr(error, "error_dict") else error.messages)
        else:
            messages.success(request, str(APPEAL_DONE[data["outcome"]]))
            return HttpResponseRedirect(case_url(part, "klage"))
    messages.error(request, _("The appeal was not answered. Correct what is marked below and try again."))
    return render_case(request, part, appeal_form=form, status=400)


def _file_response(field: Any, filename: str, content_type: str) -> HttpResponseBase:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404(_("The file is gone.")) from error
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@handled_part
def document(request: HttpRequest, part: InnsynskravDel, doc_pk: int) -> HttpResponseBase:
    """One of the entry's stored documents, as the archive sent it (staff only)."""
    if doc_pk > MAX_PK:
        raise Http404
    doc = Dokumentbeskrivelse.objects.filter(pk=doc_pk, journalpost_id=part.journalpost_id).first()
    if doc is None or not doc.file:
        raise Http404
    audit.record_personal_data_view(actor=request.user, target=part, purpose=AUDIT_PURPOSE)
    name = (doc.file.name or "").rsplit("/", 1)[-1]
    return _file_response(doc.file, name, doc.content_type or "application/octet-stream")


@handled_part
def copy(request: HttpRequest, part: InnsynskravDel) -> HttpResponseBase:
    """The copy that was sent to the requester."""
    sent = next((f for f in granted_files(part) if f.key == 0), None)
    if sent is None:
        raise Http404
    return _file_response(sent.file, sent.filename, sent.content_type)
