"""The crisis back office under /admin/krisevarsel/ (the crisis team only).

List → new from a template → the form → preview (banner, SMS, e-mail, who
gets it) → publish with an explicit confirmation; then update (CAP Update)
and "Faren er over" (CAP Cancel), both confirmed. The crisis team page lets
the mayor and the head of communication appoint staff to the team.
URLs are registered in ``wagtail_hooks``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.admin import messages

from torg.core import backoffice
from torg.core.roles import Role

from . import actions, queries, texts
from .admin_forms import AppointForm, ConfirmForm, CrisisMessageForm, user_label
from .models import CrisisMessage, CrisisTemplate, MsgType

ViewFunc = Callable[..., HttpResponseBase]


NO_ACCESS = gettext_lazy("Only the crisis team writes crisis messages. Ask the mayor or the head of communication.")
crisis_team_required = backoffice.gate(queries.can_publish_alerts, NO_ACCESS)


def _posted(request: HttpRequest) -> Any:
    """The POST data on a POST (even when empty: an empty form is still a submitted one), else None."""
    return request.POST if request.method == "POST" else None


def _breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return backoffice.breadcrumbs((reverse("krisevarsel:list"), "Krisevarsel"), *items)


def _detail_url(message: CrisisMessage) -> str:
    return reverse("krisevarsel:detail", args=[message.pk])


def _frame(title: str, *crumbs: tuple[str, str], **context: Any) -> dict[str, Any]:
    return {"header_title": title, "breadcrumbs_items": _breadcrumbs(*crumbs, ("", title)), **context}


def _state(message: CrisisMessage) -> str:
    if message.is_cancelled:
        return _("Over")
    if message.alerts.exists():
        return _("Current")
    return _("Draft")


@crisis_team_required
def message_list(request: HttpRequest) -> HttpResponse:
    found = list(CrisisMessage.objects.prefetch_related("alerts").order_by("-created_at", "-pk"))
    drafts = [message for message in found if not message.alerts.all()]
    current = [message for message in found if message.alerts.all() and not message.is_cancelled]
    over = [message for message in found if message.is_cancelled]
    context = {
        "header_title": _("Crisis messages"),
        "breadcrumbs_items": _breadcrumbs(),
        "sections": [(_("Current"), current, "current"), (_("Drafts"), drafts, "drafts"), (_("Over"), over, "over")],
    }
    return render(request, "alerts/admin/list.html", context)


@crisis_team_required
def choose_template(request: HttpRequest) -> HttpResponse:
    context = _frame(_("New crisis message"), templates=CrisisTemplate.objects.all())
    return render(request, "alerts/admin/choose_template.html", context)


def _form_page(request: HttpRequest, form: CrisisMessageForm, title: str, **context: Any) -> HttpResponse:
    if form.is_bound and form.errors:
        messages.error(request, _("The crisis message is not saved yet. Correct what is marked below and try again."))
    return render(request, "alerts/admin/form.html", _frame(title, form=form, **context))


@crisis_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    template = None
    template_pk = request.GET.get("mal", "")
    if template_pk.isascii() and template_pk.isdigit() and len(template_pk) < 10:
        template = CrisisTemplate.objects.filter(pk=int(template_pk)).first()
    form = CrisisMessageForm(_posted(request), initial=CrisisMessageForm.initial_from_template(template))
    if request.method == "POST" and form.is_valid():
        try:
            message = actions.create_draft(actor=request.user, places=form.chosen_places(), **form.message_fields())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft is saved. Check the preview, then publish."))
            return HttpResponseRedirect(_detail_url(message))
    return _form_page(request, form, _("Write the crisis message"), template=template)


@crisis_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit_draft(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(CrisisMessage, pk=pk)
    if message.alerts.exists():
        return HttpResponseRedirect(reverse("krisevarsel:update", args=[message.pk]))
    form = CrisisMessageForm(_posted(request), instance=message)
    if request.method == "POST" and form.is_valid():
        try:
            actions.change_draft(
                message=message, actor=request.user, places=form.chosen_places(), **form.message_fields()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft is saved. Check the preview, then publish."))
            return HttpResponseRedirect(_detail_url(message))
    return _form_page(request, form, _("Change the draft"), message=message)


def preview(message: CrisisMessage) -> dict[str, Any]:
    """How the message will look: the banner, the SMS (with its length), the e-mail, and who gets it."""
    info = texts.info_for(message, MsgType.ALERT)
    drill = message.is_drill
    url = texts.public_url(message.pk)
    sms = texts.sms_text(info, url=url, drill=drill)
    return {
        "info": info,
        "banner_colour": queries.SEVERITY_COLOURS.get(info["severity"], "danger"),
        "sms": sms,
        "sms_length": len(sms),
        "sms_limit": texts.SMS_LIMIT,
        "email_subject": texts.email_subject(info, drill=drill),
        "email_text": texts.email_text(info, url=url, drill=drill),
        "recipient_counts": None if drill else queries.crisis_recipient_counts(message),
        "team_size": queries.crisis_team_users().count() if drill else None,
        "polygon_count": len(info["polygons"]) + (1 if info["polygon"] else 0),
    }


def _publish_form(data: Any = None) -> ConfirmForm:
    return ConfirmForm(
        data,
        label=_("I have checked the preview and want to publish the crisis message now"),
        required_message=_("Tick the box to confirm that the crisis message should be published."),
    )


def _detail_page(request: HttpRequest, message: CrisisMessage, publish_form: ConfirmForm | None = None) -> HttpResponse:
    alerts = list(message.alerts.order_by("-sent", "-pk"))
    context = _frame(
        message.headline,
        message=message,
        state=_state(message),
        alerts=alerts,
        latest=alerts[0] if alerts else None,
        places=list(message.places.all()),
        publish_form=publish_form or _publish_form(),
    )
    if not alerts:
        context.update(preview(message))
    return render(
        request, "alerts/admin/detail.html", context, status=400 if publish_form and publish_form.errors else 200
    )


@crisis_team_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, get_object_or_404(CrisisMessage, pk=pk))


@crisis_team_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(CrisisMessage, pk=pk)
    form = _publish_form(request.POST)
    if not form.is_valid():
        messages.error(request, _("The crisis message is not published. Tick the box to confirm, then publish."))
        return _detail_page(request, message, form)
    try:
        actions.publish_alert(message=message, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(_detail_url(message))
    except PermissionDenied:
        return backoffice.forbidden(request, NO_ACCESS)
    if message.is_drill:
        messages.success(request, _("The drill is published. It goes only to the crisis team."))
    else:
        messages.success(
            request, _("The crisis message is published. It shows on every page and goes to the subscribers.")
        )
    return HttpResponseRedirect(_detail_url(message))


def _still_current(request: HttpRequest, message: CrisisMessage) -> HttpResponse | None:
    if not message.alerts.exists():
        return HttpResponseRedirect(reverse("krisevarsel:edit", args=[message.pk]))
    if message.is_cancelled:
        messages.error(request, _("The danger is over for this crisis message. Write a new crisis message instead."))
        return HttpResponseRedirect(_detail_url(message))
    return None


@crisis_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def update(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(CrisisMessage, pk=pk)
    elsewhere = _still_current(request, message)
    if elsewhere is not None:
        return elsewhere
    form = CrisisMessageForm(_posted(request), instance=message, updating=True)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_alert(
                message=CrisisMessage.objects.get(pk=message.pk),
                actor=request.user,
                places=form.chosen_places(),
                **form.message_fields(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            return backoffice.forbidden(request, NO_ACCESS)
        else:
            messages.success(request, _("The update is published."))
            return HttpResponseRedirect(_detail_url(message))
    crumb = (_detail_url(message), message.headline)
    if form.is_bound and form.errors:
        messages.error(request, _("The update is not published. Correct what is marked below and try again."))
    return render(
        request,
        "alerts/admin/form.html",
        _frame(_("Update the crisis message"), crumb, form=form, message=message, updating=True),
    )


@crisis_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(CrisisMessage, pk=pk)
    elsewhere = _still_current(request, message)
    if elsewhere is not None:
        return elsewhere
    form = ConfirmForm(
        _posted(request),
        label=_("The danger is over: publish the all clear now"),
        required_message=_("Tick the box to confirm that the danger is over."),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_alert(message=message, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied:
            return backoffice.forbidden(request, NO_ACCESS)
        else:
            messages.success(request, _("The all clear is published. The banner is gone from the website."))
        return HttpResponseRedirect(_detail_url(message))
    crumb = (_detail_url(message), message.headline)
    context = _frame(_("The danger is over"), crumb, form=form, message=message)
    return render(request, "alerts/admin/cancel.html", context, status=400 if form.errors else 200)


# --- The crisis team --------------------------------------------------------------------


def _team_rows() -> list[dict[str, Any]]:
    appointed = set(queries.appointed_members().values_list("pk", flat=True))
    rows = []
    for user in queries.crisis_team_users().prefetch_related("groups__torg_role"):
        roles = [
            str(Role(group.torg_role.role).label)
            for group in user.groups.all()
            if hasattr(group, "torg_role") and group.torg_role.role in queries.CRISIS_TEAM_ROLES
        ]
        why = roles + ([_("Superuser")] if user.is_superuser else [])
        rows.append({"user": user, "label": user_label(user), "why": why, "appointed": user.pk in appointed})
    return rows


@crisis_team_required
@require_http_methods(["GET", "HEAD", "POST"])
def crisis_team(request: HttpRequest) -> HttpResponse:
    may_manage = queries.can_manage_crisis_team(request.user)
    form = AppointForm(queryset=queries.appointable_users())
    if request.method == "POST":
        if not may_manage:
            return backoffice.forbidden(
                request, _("Only the mayor and the head of communication appoint the crisis team.")
            )
        if "remove" in request.POST:
            member = (
                queries.appointed_members().filter(pk=request.POST.get("remove", "")).first()
                if request.POST.get("remove", "").isascii() and request.POST.get("remove", "").isdigit()
                else None
            )
            if member is not None:
                actions.remove_from_crisis_team(user=member, actor=request.user)
                messages.success(request, _("%(name)s is no longer on the crisis team.") % {"name": user_label(member)})
            return HttpResponseRedirect(reverse("krisevarsel:team"))
        form = AppointForm(request.POST, queryset=queries.appointable_users())
        if form.is_valid():
            member = form.cleaned_data["user"]
            try:
                actions.add_to_crisis_team(user=member, actor=request.user)
            except ValidationError as error:
                form.add_error("user", error)
            else:
                messages.success(request, _("%(name)s is on the crisis team now.") % {"name": user_label(member)})
                return HttpResponseRedirect(reverse("krisevarsel:team"))
    context = _frame(_("Crisis team"), rows=_team_rows(), form=form, may_manage=may_manage)
    return render(request, "alerts/admin/team.html", context, status=400 if form.errors else 200)
