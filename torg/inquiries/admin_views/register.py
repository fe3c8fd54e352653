"""Register an inquiry that came by phone, at the counter, on social media or in a chat (/admin/servicetorget/ny/)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin import messages

from torg.core import backoffice

from .. import actions, queries
from ..admin_forms import RegisterForm
from .common import NO_ACCESS, breadcrumbs, case_url, queue_url, staff_required


@staff_required
def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                submitted = actions.submit_inquiry(
                    kind=data["kind"],
                    text=data["text"],
                    channel=data["channel"],
                    contact=actions.Contact(
                        name=data["contact_name"], email=data["contact_email"], phone=data["contact_phone"]
                    ),
                    title=data["title"],
                    area=data["area"],
                    service=data["service"],
                    address=data["address"],
                    wants_public=data["wants_public"],
                    about_enkeltvedtak=data["about_enkeltvedtak"],
                    files=[data["attachment"]] if data["attachment"] else [],
                    registered_by=request.user,
                    received_at=data["received_at"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                return backoffice.forbidden(request, NO_ACCESS)
            else:
                inquiry = submitted.inquiry
                if inquiry.is_anonymous:
                    done = _("Inquiry %(reference)s is registered. Tell the resident the reference.")
                else:
                    done = _("Inquiry %(reference)s is registered. The resident gets a receipt with the reference.")
                messages.success(request, done % {"reference": inquiry.reference})
                if queries.can_handle(request.user, inquiry):
                    return HttpResponseRedirect(case_url(inquiry))
                return HttpResponseRedirect(queue_url())
        messages.error(request, _("The inquiry is not registered yet. Correct what is marked below and try again."))
    context = {
        "header_title": _("Register an inquiry"),
        "breadcrumbs_items": breadcrumbs(("", _("Register an inquiry"))),
        "form": form,
    }
    return render(request, "inquiries/admin/register.html", context)
