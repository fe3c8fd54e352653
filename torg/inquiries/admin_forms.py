"""Forms of Servicetorget's back office: the actions on a case, and registering an inquiry.

Forms check input only; the views hand what they cleaned to the actions in
``actions.py``, which write. Each form on the case page gets its own prefix
in the view, so the many "text" fields have distinct ids.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from torg.core.models import ServiceArea

from . import queries
from .files import clean_upload
from .models import Channel, Inquiry, Kind

MAX_TEXT = 20_000
# Channels staff type in for a resident (the web form, the app and e-mail import register themselves;
# an e-mail forwarded by hand can be typed in too).
STAFF_CHANNELS = (Channel.PHONE, Channel.COUNTER, Channel.SOCIAL, Channel.CHAT, Channel.EMAIL)


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def user_label(user: Any) -> str:
    return str(user.get_full_name() or user.get_username()) if user is not None else ""


class ServiceChoices:
    """The live service pages as a select grouped by service area, and which area each page belongs to."""

    def __init__(self, area_ids: set[int] | None = None) -> None:
        from torg.web.models import ServiceAreaPage, ServicePage

        area_pages = {
            page.path: page.service_area
            for page in ServiceAreaPage.objects.select_related("service_area").order_by("path")
            if area_ids is None or page.service_area_id in area_ids
        }
        self.area_of: dict[int, ServiceArea] = {}
        groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
        steplen = ServicePage.steplen
        pages = ServicePage.objects.live().filter(depth__gt=1).order_by("title").only("pk", "title", "path")
        for page in pages:
            area = area_pages.get(page.path[:-steplen])
            if area is None:
                continue
            self.area_of[page.pk] = area
            groups.setdefault(area.pk, (area.name, []))[1].append((str(page.pk), page.title))
        ordered = sorted(groups.values(), key=lambda group: group[0])
        self.choices: list[Any] = [("", _("No particular service")), *ordered]

    def page(self, value: str) -> Any:
        from wagtail.models import Page

        return Page.objects.get(pk=int(value)) if value else None


class _ServiceAreaForm(forms.Form):
    """A form with an optional service page that must lie in the chosen (or derived) service area."""

    service = forms.ChoiceField(label=_("Service"), required=False)

    def __init__(self, *args: Any, area_ids: set[int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.services = ServiceChoices(area_ids)
        service_field: forms.ChoiceField = self.fields["service"]  # type: ignore[assignment]
        service_field.choices = self.services.choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        value = cleaned.get("service") or ""
        area = cleaned.get("area")
        if not value:
            cleaned["service"] = None
            return cleaned
        page_area = self.services.area_of.get(int(value))
        if page_area is None:  # pragma: no cover - the choice field only lets listed pages through
            raise ValidationError(_("Choose a service from the list."))
        if area is not None and area.pk != page_area.pk:
            self.add_error(
                "service",
                _("This service belongs to %(area)s. Choose a service in the chosen service area, or none.")
                % {"area": page_area.name},
            )
            return cleaned
        cleaned["area"] = page_area
        cleaned["service"] = self.services.page(value)
        return cleaned


class RouteForm(_ServiceAreaForm):
    area = forms.ModelChoiceField(
        label=_("Service area"),
        queryset=ServiceArea.objects.all(),
        empty_label=_("Choose a service area"),
        help_text=_("The deadline stays as promised to the resident."),
    )
    field_order = ["area", "service"]


class HandlerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class AssignForm(forms.Form):
    handler = HandlerChoiceField(
        label=_("Handler"), queryset=queries.handlers_for(None), required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args: Any, inquiry: Inquiry, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        handler: forms.ModelChoiceField = self.fields["handler"]  # type: ignore[assignment]
        handler.queryset = queries.handlers_for(inquiry.area)
        handler.initial = inquiry.assigned_to_id


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        max_length=MAX_TEXT,
        widget=_textarea(4),
        help_text=_("Only staff see notes. The resident never does."),
    )


class AskForm(forms.Form):
    text = forms.CharField(
        label=_("Question to the resident"),
        max_length=MAX_TEXT,
        widget=_textarea(4),
        help_text=_("Say exactly what you need. The deadline is paused until the resident replies."),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=MAX_TEXT, widget=_textarea(12))
    close = forms.BooleanField(label=_("Close the inquiry when the answer is sent"), required=False)
    confirm_lix = forms.BooleanField(
        label=_("The text is hard to read, but I want to send it as it is"), required=False
    )


class PreliminaryForm(forms.Form):
    text = forms.CharField(
        label=_("Preliminary answer"),
        max_length=MAX_TEXT,
        widget=_textarea(6),
        help_text=_("Say why it takes time and when the resident can expect the answer."),
    )
    expected_by = forms.DateField(
        label=_("Expected answer by"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean_expected_by(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["expected_by"]
        if day < timezone.localdate():
            raise ValidationError(_("The expected answer date has passed. Choose a later date."))
        return day


class CloseForm(forms.Form):
    public_action = forms.CharField(
        label=_("What we did"),
        max_length=MAX_TEXT,
        required=False,
        widget=_textarea(3),
        help_text=_("Optional. Shown with the feedback if it is made public."),
    )


class PublishForm(forms.Form):
    public_title = forms.CharField(label=_("Public title"), max_length=200)
    public_text = forms.CharField(label=_("Public text"), max_length=MAX_TEXT, widget=_textarea(6))
    public_action = forms.CharField(label=_("What we did"), max_length=MAX_TEXT, required=False, widget=_textarea(3))

    @classmethod
    def initial_for(cls, inquiry: Inquiry) -> dict[str, str]:
        return {
            "public_title": inquiry.public_title or inquiry.title,
            "public_text": inquiry.public_text or inquiry.text,
            "public_action": inquiry.public_action,
        }


def _now_minute() -> datetime.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


class RegisterForm(_ServiceAreaForm):
    """An inquiry that came by phone, at the counter, on social media or in a chat, typed in by staff."""

    channel = forms.ChoiceField(
        label=_("Channel"), choices=[("", _("Choose how it came in")), *[(c.value, c.label) for c in STAFF_CHANNELS]]
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices, initial=Kind.QUESTION)
    area = forms.ModelChoiceField(label=_("Service area"), queryset=ServiceArea.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    text = forms.CharField(
        label=_("What the resident said"),
        max_length=MAX_TEXT,
        widget=_textarea(8),
        help_text=_("In the resident's own words as far as you can."),
    )
    about_enkeltvedtak = forms.BooleanField(label=_("About an individual decision (enkeltvedtak)"), required=False)
    wants_public = forms.BooleanField(label=_("The resident allows us to publish the feedback"), required=False)
    address = forms.CharField(label=_("Address or place"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("Resident's name"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Resident's e-mail"), required=False)
    contact_phone = forms.RegexField(
        label=_("Resident's mobile number"),
        regex=r"^\+?[0-9 ]{8,19}$",
        max_length=20,
        required=False,
        error_messages={"invalid": _("Write the mobile number with digits only, for example 912 34 567.")},
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        initial=_now_minute,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("When the resident contacted us. Now, unless you type it in later."),
    )
    attachment = forms.FileField(label=_("Attachment"), required=False)

    field_order = [
        "channel",
        "kind",
        "area",
        "service",
        "title",
        "text",
        "about_enkeltvedtak",
        "address",
        "contact_name",
        "contact_email",
        "contact_phone",
        "wants_public",
        "received_at",
        "attachment",
    ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.handles_all = queries.handles_all(user)
        area_ids = None if self.handles_all else queries.handled_area_ids(user)
        super().__init__(*args, area_ids=area_ids, **kwargs)
        area: forms.ModelChoiceField = self.fields["area"]  # type: ignore[assignment]
        if self.handles_all:
            area.empty_label = _("No service area yet (route it later)")
        else:
            area.queryset = ServiceArea.objects.filter(pk__in=area_ids or ())
            area.required = True
            area.empty_label = _("Choose a service area")

    def clean_received_at(self) -> datetime.datetime:
        received: datetime.datetime = self.cleaned_data["received_at"]
        if received > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("The time received is in the future. Give the time the resident contacted us."))
        return received

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        return clean_upload(upload) if upload else None
