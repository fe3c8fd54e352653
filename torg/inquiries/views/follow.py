"""/servicetorget/<ref>/: the resident follows their inquiry; everyone else sees at most the public version."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import actions, ratelimit
from ..forms import ReplyForm
from ..models import RESIDENT_VISIBLE_KINDS, Inquiry, MessageKind, Status
from . import access
from .feedback import PublicReport


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, reference: str) -> HttpResponse:
    inquiry = access.find(reference)
    key = request.GET.get("k")
    if key is not None and inquiry is not None and inquiry.key_matches(key):
        # Keep the key in the session and take it out of the address at once.
        access.grant(request, inquiry)
        return access.private(HttpResponseRedirect(request.path))
    if inquiry is not None and access.has_access(request, inquiry):
        return _private_page(request, inquiry)
    if inquiry is not None and request.method != "POST" and inquiry.is_public and inquiry.wants_public:
        report = PublicReport.of(inquiry)
        context = {
            "report": report,
            "crumbs": [*access.crumbs(), (reverse("public_feedback"), _("Feedback and what we did"))],
        }
        return render(request, "inquiries/feedback_detail.html", context)
    return access.not_found(request)


def _private_page(request: HttpRequest, inquiry: Inquiry) -> HttpResponse:
    can_reply = inquiry.anonymised_at is None
    status = 200
    limited = False
    form = ReplyForm()
    if request.method == "POST" and can_reply:
        if not ratelimit.allowed(request, "inquiry-reply"):
            form = ReplyForm(initial={"text": request.POST.get("text", "")})
            status, limited = 429, True
        else:
            form = ReplyForm(request.POST, request.FILES)
            if form.is_valid():
                actions.add_resident_reply(
                    inquiry=inquiry, text=form.cleaned_data["text"], files=list(form.clean_files)
                )
                flash.success(request, _("Thank you. We have received your reply."))
                return access.private(HttpResponseRedirect(request.path + "#samtale"))
            status = 400
    elif request.method == "POST":
        return access.private(HttpResponseRedirect(request.path))
    thread = list(
        inquiry.messages.filter(kind__in=RESIDENT_VISIBLE_KINDS)
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    answers = [m for m in thread if m.kind == MessageKind.ANSWER]
    preliminary = [m for m in thread if m.kind == MessageKind.PRELIMINARY]
    questions = [m for m in thread if m.kind == MessageKind.QUESTION]
    context = {
        "inquiry": inquiry,
        "thread": thread,
        "answer": answers[-1] if answers else None,
        "preliminary": preliminary[-1] if preliminary else None,
        "question": questions[-1] if questions and inquiry.status == Status.WAITING else None,
        "due": timezone.localtime(inquiry.due_at),
        "waiting": inquiry.status == Status.WAITING,
        "form": form,
        "can_reply": can_reply,
        "max_files": settings.TORG_INQUIRY_MAX_FILES,
        "max_mb": settings.TORG_INQUIRY_MAX_FILE_BYTES // (1024 * 1024),
        "limited": limited,
        "crumbs": access.crumbs(),
        "RESIDENT": MessageKind.RESIDENT.value,
        "ANSWER": MessageKind.ANSWER.value,
        "PRELIMINARY": MessageKind.PRELIMINARY.value,
    }
    return access.private(render(request, "inquiries/follow.html", context, status=status))


@never_cache
@require_GET
def attachment(request: HttpRequest, reference: str, attachment_id: int) -> HttpResponseBase:
    """A file of the conversation, for the resident who holds the key (never one of an internal note)."""
    inquiry = access.find(reference)
    if inquiry is None or not access.has_access(request, inquiry):
        return access.not_found(request)
    found = inquiry.attachments.filter(pk=attachment_id, message__kind__in=RESIDENT_VISIBLE_KINDS).first()
    if found is None:
        return access.not_found(request)
    try:
        handle = found.file.open("rb")
    except (OSError, ValueError):
        return access.not_found(request)
    response = FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.content_type)
    return access.private(response)


@require_POST
def forget(request: HttpRequest, reference: str) -> HttpResponse:
    """Remove the access to an inquiry from this browser (on a shared computer)."""
    access.forget(request, reference)
    flash.info(
        request, _("This browser no longer has access to the inquiry. Use the link in the e-mail to open it again.")
    )
    return access.private(HttpResponseRedirect(reverse("inquiries:form")))
