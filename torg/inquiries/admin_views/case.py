"""The case page (/admin/servicetorget/<pk>/): the thread, the resident, the deadline, and every action.

Each action is a form that posts to its own address and calls one action in
``actions.py``. On success: a message and back to the case (post/redirect/get).
On an error: the case page again with the form as it was sent and the error
beside the field, so nothing the handler typed is lost.

Opening the case shows the resident's personal data, so every view is logged
(``audit.record_personal_data_view``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin import messages

from torg.core import audit, backoffice
from torg.klarsprak.engine import check
from torg.klarsprak.queries import checker_config

from .. import actions, queries
from ..admin_forms import (
    AnswerForm,
    AskForm,
    AssignForm,
    CloseForm,
    NoteForm,
    PreliminaryForm,
    PublishForm,
    RouteForm,
    user_label,
)
from ..canned import suggestion_by_key, suggestions_for
from ..models import Attachment, Inquiry, Status
from .common import (
    breadcrumbs,
    case_url,
    deadline_in_words,
    handled_inquiry,
    queue_url,
    staff_status,
)

logger = logging.getLogger(__name__)
AUDIT_PURPOSE = "servicetorget"


def _forms(inquiry: Inquiry, bound: dict[str, forms.Form], answer_initial: str) -> dict[str, forms.Form]:
    """Every action form of the page, unbound unless the one just sent came back with an error."""
    made: dict[str, Callable[[], forms.Form]] = {
        "route": lambda: RouteForm(prefix="route", initial={"area": inquiry.area_id}),
        "assign": lambda: AssignForm(prefix="assign", inquiry=inquiry),
        "note": lambda: NoteForm(prefix="note"),
        "ask": lambda: AskForm(prefix="ask"),
        "answer": lambda: AnswerForm(prefix="answer", initial={"text": answer_initial}),
        "preliminary": lambda: PreliminaryForm(
            prefix="preliminary", initial={"expected_by": inquiry.expected_answer_by}
        ),
        "close": lambda: CloseForm(prefix="close", initial={"public_action": inquiry.public_action}),
        "publish": lambda: PublishForm(prefix="publish", initial=PublishForm.initial_for(inquiry)),
    }
    return {name: bound.get(name) or make() for name, make in made.items()}


def render_case(
    request: HttpRequest,
    inquiry: Inquiry,
    *,
    bound: dict[str, forms.Form] | None = None,
    klarsprak: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    thread = list(inquiry.messages.select_related("author").prefetch_related("attachments"))
    loose_attachments = list(inquiry.attachments.filter(message__isnull=True))
    suggestions = suggestions_for(inquiry)
    chosen = suggestion_by_key(suggestions, request.GET.get("svar"))
    deadline, overdue = deadline_in_words(inquiry, now)
    audit.record_personal_data_view(actor=request.user, target=inquiry, purpose=AUDIT_PURPOSE)
    context = {
        # The browser keeps the title in its history: the reference and the title, never the text.
        "header_title": f"{inquiry.reference}: {inquiry.title}" if inquiry.title else inquiry.reference,
        "breadcrumbs_items": breadcrumbs((case_url(inquiry), inquiry.reference)),
        "inquiry": inquiry,
        "thread": thread,
        "loose_attachments": loose_attachments,
        "deadline": deadline,
        "overdue": overdue,
        "preliminary_due": queries.needs_preliminary_answer(inquiry, now),
        "suggestions": suggestions,
        "chosen": chosen,
        "klarsprak": klarsprak,
        "forms": _forms(inquiry, bound or {}, chosen.body if chosen else ""),
        "status": staff_status(inquiry),
        "handler_name": user_label(inquiry.assigned_to),
        "registered_by_name": user_label(inquiry.registered_by),
        "canned_suggestions": [s for s in suggestions if s.source == "canned"],
        "service_suggestions": [s for s in suggestions if s.source == "service"],
        "can_ask": inquiry.is_open and not inquiry.is_anonymous,
        "can_close": inquiry.status != Status.CLOSED,
        "map_url": _map_url(inquiry),
    }
    return render(request, "inquiries/admin/case.html", context, status=status)


def _map_url(inquiry: Inquiry) -> str:
    if inquiry.latitude is None or inquiry.longitude is None:
        return ""
    lat, lon = inquiry.latitude, inquiry.longitude
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


@handled_inquiry
def case(request: HttpRequest, inquiry: Inquiry) -> HttpResponse:
    return render_case(request, inquiry)


# --- Clear language on the answer --------------------------------------------


def clear_language_report(text: str) -> dict[str, Any] | None:
    """LIX and findings of ``text`` as the template shows them; None if the checker failed."""
    config = checker_config()
    try:
        report = check(text, config)
    except Exception:  # a broken checker must not stop an answer to a resident
        logger.exception("The clear-language check of an answer failed")
        return None
    return {
        "score": round(report.lix.score, 1),
        "band": report.lix.band,
        "words": report.lix.words,
        "limit": config.lix_threshold,
        "over_limit": report.lix.words >= config.lix_min_words and report.lix.score > config.lix_threshold,
        "findings": report.findings,
        "skipped": sorted(report.rules_skipped.values()),
    }


# --- The actions -------------------------------------------------------------


def _route(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.route_inquiry(inquiry=inquiry, actor=request.user, area=data["area"], service=data["service"])
    return _("The inquiry was sent to %(area)s.") % {"area": data["area"].name}


def _assign(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    handler = data["handler"]
    if request.POST.get("myself"):
        me = request.user
        handler = get_user_model().objects.get(pk=me.pk) if me.pk is not None else None
    actions.assign_inquiry(inquiry=inquiry, actor=request.user, handler=handler)
    if handler is None:
        return _("Nobody handles the inquiry now.")
    if handler.pk == request.user.pk:
        return _("You handle the inquiry now.")
    return _("%(name)s handles the inquiry now. They get an e-mail.") % {"name": user_label(handler)}


def _note(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.add_note(inquiry=inquiry, actor=request.user, text=data["text"])
    return _("The internal note was saved.")


def _ask(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.ask_resident(inquiry=inquiry, actor=request.user, text=data["text"])
    return _("The question was sent to the resident. The deadline is paused until they reply.")


def _answer(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.answer_inquiry(inquiry=inquiry, actor=request.user, text=data["text"], close=data["close"])
    if inquiry.is_anonymous:
        return _("The answer was saved. The resident left no contact details, so it was not sent.")
    if data["close"]:
        return _("The answer was sent to the resident, and the inquiry is closed.")
    return _("The answer was sent to the resident.")


def _preliminary(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.send_preliminary_answer(
        inquiry=inquiry, actor=request.user, text=data["text"], expected_by=data["expected_by"]
    )
    if inquiry.is_anonymous:
        return _("The preliminary answer was saved. The resident left no contact details, so it was not sent.")
    return _("The preliminary answer was sent to the resident.")


def _close(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.close_inquiry(inquiry=inquiry, actor=request.user, public_action=data["public_action"])
    return _("The inquiry is closed.")


def _publish(request: HttpRequest, inquiry: Inquiry, data: dict[str, Any]) -> str:
    actions.publish_feedback(inquiry=inquiry, actor=request.user, **data)
    return _("The feedback is shown on the public feedback page.")


Perform = Callable[[HttpRequest, Inquiry, dict[str, Any]], str]
ACTIONS: dict[str, tuple[Callable[..., forms.Form], Perform, str]] = {
    # name: (form, what it does, where on the page to come back to)
    "route": (RouteForm, _route, "send-vidare"),
    "assign": (AssignForm, _assign, "tildel"),
    "note": (NoteForm, _note, "samtale"),
    "ask": (AskForm, _ask, "samtale"),
    "answer": (AnswerForm, _answer, "samtale"),
    "preliminary": (PreliminaryForm, _preliminary, "samtale"),
    "close": (CloseForm, _close, "status"),
    "publish": (PublishForm, _publish, "publisering"),
}


# The address of each action under /admin/servicetorget/<pk>/ -> its name (and URL name).
ACTION_URLS = {
    "send-vidare": "route",
    "tildel": "assign",
    "notat": "note",
    "spor": "ask",
    "svar": "answer",
    "forebels-svar": "preliminary",
    "lukk": "close",
    "publiser": "publish",
}


def _form_for(name: str, inquiry: Inquiry, data: Any) -> forms.Form:
    form_class = ACTIONS[name][0]
    if form_class is AssignForm:
        return AssignForm(data, prefix=name, inquiry=inquiry)
    return form_class(data, prefix=name)


@handled_inquiry
def case_action(request: HttpRequest, inquiry: Inquiry, name: str) -> HttpResponse:
    if name not in ACTIONS:
        raise Http404
    if request.method != "POST":  # a reload or a bookmarked action address: show the case
        return HttpResponseRedirect(case_url(inquiry, ACTIONS[name][2]))
    form = _form_for(name, inquiry, request.POST)
    klarsprak = None
    if form.is_valid() and name == "answer":
        klarsprak = clear_language_report(form.cleaned_data["text"])
        if request.POST.get("check"):
            return render_case(request, inquiry, bound={name: form}, klarsprak=klarsprak)
        if klarsprak and klarsprak["over_limit"] and not form.cleaned_data["confirm_lix"]:
            form.add_error(
                "confirm_lix",
                _("The answer is harder to read than our limit. Make it plainer, or tick the box to send it as it is."),
            )
    if form.is_valid():
        try:
            done = ACTIONS[name][1](request, inquiry, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            return backoffice.forbidden(request, _("You cannot do this with this inquiry."))
        else:
            messages.success(request, done)
            if not queries.can_handle(request.user, inquiry):  # routed out of the user's areas
                return HttpResponseRedirect(queue_url())
            return HttpResponseRedirect(case_url(inquiry, ACTIONS[name][2]))
    messages.error(request, _("Nothing was done. Correct what is marked below and try again."))
    return render_case(request, inquiry, bound={name: form}, klarsprak=klarsprak)


@handled_inquiry
def unpublish(request: HttpRequest, inquiry: Inquiry) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseRedirect(case_url(inquiry, "publisering"))
    actions.unpublish_feedback(inquiry=inquiry, actor=request.user)
    messages.success(request, _("The feedback is no longer public."))
    return HttpResponseRedirect(case_url(inquiry, "publisering"))


# --- Attachments -------------------------------------------------------------


@handled_inquiry
def attachment(request: HttpRequest, inquiry: Inquiry, attachment_pk: int) -> HttpResponseBase:
    """Stream one attachment from private storage, as a download the browser will not render."""
    found = get_object_or_404(Attachment, pk=attachment_pk, inquiry=inquiry)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404(_("The file is gone.")) from error
    audit.record_personal_data_view(actor=request.user, target=inquiry, purpose=AUDIT_PURPOSE)
    response = FileResponse(handle, as_attachment=True, filename=found.name, content_type=found.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
