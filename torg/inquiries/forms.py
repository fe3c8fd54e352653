"""The residents' forms on /servicetorget/: send an inquiry, reply to one, filter the public feedback.

Forms check input only; the views hand what they cleaned to the actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from torg.core.forms import RobotTrapField, email_field, mobile_field
from torg.core.models import ServiceArea
from torg.notifications.sms import normalise_phone

from .files import CleanFile, clean_upload
from .models import Kind

TEXT_MAX_LENGTH = 5000

KIND_HELP: dict[str, Any] = {
    Kind.QUESTION: _("You want to know something, or need help to find out how a service works."),
    Kind.FEEDBACK: _("You want to tell us what works well or what we can do better."),
    Kind.COMPLAINT: _("You are not satisfied with how we treated you, or with a decision we made."),
    Kind.ERROR_REPORT: _("Something is broken or dangerous: a street light, a hole in the road, a broken bench."),
}

# What the public feedback page calls each status (fewer words than the resident's own page).
PUBLIC_STATUS_CHOICES = [
    ("open", _("Being followed up")),
    ("answered", _("Answered")),
    ("closed", _("Closed")),
]


@dataclass
class ServiceChoices:
    """What an inquiry can be about: each service area with its live service pages, plus "other"."""

    choices: list[Any]
    targets: dict[str, tuple[ServiceArea | None, Page | None]] = field(default_factory=dict)

    @classmethod
    def load(cls) -> ServiceChoices:
        from torg.web.models import ServiceAreaPage, ServicePage

        areas = list(ServiceArea.objects.all())
        area_by_path = dict(ServiceAreaPage.objects.live().public().values_list("path", "service_area_id"))
        services: dict[int, list[Page]] = {}
        for page in ServicePage.objects.live().public().order_by("title").only("id", "title", "path"):
            area_id = area_by_path.get(page.path[: -ServicePage.steplen])
            if area_id is not None:
                services.setdefault(area_id, []).append(page)
        choices: list[Any] = [("", _("Other / I do not know"))]
        targets: dict[str, tuple[ServiceArea | None, Page | None]] = {"": (None, None)}
        for area in areas:
            general = f"omrade-{area.pk}"
            group = [(general, _("%(area)s: something else") % {"area": area.name})]
            targets[general] = (area, None)
            for page in services.get(area.pk, []):
                value = f"teneste-{page.pk}"
                group.append((value, page.title))
                targets[value] = (area, page)
            choices.append((area.name, group))
        return cls(choices=choices, targets=targets)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files; each is checked by the form (files.clean_upload), not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [item for item in items if hasattr(item, "read")]


class CoordinateField(forms.CharField):
    """A latitude or longitude in degrees (WGS84); a comma works as the decimal mark."""

    def __init__(self, *, limit: int, **kwargs: Any) -> None:
        self.limit = limit
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", ".").replace("\u2212", "-"))
        except (InvalidOperation, ValueError):
            number = None
        if number is None or not number.is_finite() or abs(number) > self.limit:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number.quantize(Decimal("0.000001"))


class PlainTextField(forms.CharField):
    """A text area's text, with line breaks counted as one character each (as the browser counts them)."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).replace("\r\n", "\n").replace("\r", "\n")


def _clean_text(value: str) -> str:
    if value and not strip_tags(value).strip():
        raise ValidationError(_("Write your message in ordinary words. We cannot read code or markup."))
    return value


class AttachmentsMixin:
    """Checks each uploaded file and keeps what may be stored in ``clean_files``."""

    files: Any
    clean_files: list[CleanFile]
    uploaded_names: list[str]

    def _clean_attachments(self, uploads: list[Any]) -> list[CleanFile]:
        self.uploaded_names = []
        self.clean_files = []
        limit = settings.TORG_INQUIRY_MAX_FILES
        if len(uploads) > limit:
            raise ValidationError(
                _("You can attach at most %(limit)d files. Choose fewer files and send again.") % {"limit": limit}
            )
        errors: list[ValidationError] = []
        for upload in uploads:
            try:
                self.clean_files.append(clean_upload(upload))
            except ValidationError as error:
                errors.append(error)
            else:
                self.uploaded_names.append(str(getattr(upload, "name", "") or ""))
        if errors:
            raise ValidationError(errors)
        return self.clean_files


class InquiryForm(AttachmentsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to do?"),
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you have a question, feedback, a complaint or an error report."),
            "invalid_choice": _("Choose whether you have a question, feedback, a complaint or an error report."),
        },
    )
    about = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_("Choose the service if you know it. We send your inquiry to the right people."),
        required=False,
        error_messages={"invalid_choice": _("Choose a service from the list, or “Other / I do not know”.")},
    )
    title = forms.CharField(
        label=_("Short title"),
        help_text=_("A few words, for example “Broken street light in Storgata”."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Keep the title under %(limit_value)d characters.")},
    )
    text = PlainTextField(
        label=_("Your message"),
        help_text=_("Write what it is about. Do not write more personal details than we need."),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": _("Write your message."),
            "max_length": _("Keep the message under %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    about_enkeltvedtak = forms.BooleanField(
        label=_("The complaint is about an individual decision (enkeltvedtak) I have received"),
        help_text=_(
            "Only for complaints. An individual decision is a letter that grants or refuses you something, "
            "for example a place in kindergarten or a building permit. If the case takes longer than a month, "
            "we tell you why and when you get an answer."
        ),
        required=False,
    )
    address = forms.CharField(
        label=_("Address or place"),
        help_text=_("For example “Storgata 12” or “the playground behind the school”."),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Keep the address under %(limit_value)d characters.")},
    )
    latitude = CoordinateField(
        label=_("Latitude (north)"),
        limit=90,
        error_messages={"invalid": _("Write the latitude as a number between -90 and 90, for example 60.39.")},
    )
    longitude = CoordinateField(
        label=_("Longitude (east)"),
        limit=180,
        error_messages={"invalid": _("Write the longitude as a number between -180 and 180, for example 5.32.")},
    )
    attachments = MultipleFileField(label=_("Photos or documents"))
    contact_name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=120,
        error_messages={"max_length": _("Keep the name under %(limit_value)d characters.")},
    )
    email = email_field()
    phone = mobile_field(help_text=_("We send a text message if you give no e-mail address."))
    anonymous = forms.BooleanField(
        label=_("Send without contact details (only for feedback)"),
        help_text=_("Then we cannot answer you or ask you about anything, but we read all feedback."),
        required=False,
    )
    wants_public = forms.BooleanField(
        label=_("You may show my report publicly, without my name and contact details"),
        help_text=_(
            "We write a short summary without personal details on the page “Feedback and what we did”, "
            "so that others can see what was reported and what we did."
        ),
        required=False,
    )
    # Left empty by people; filled by robots that fill every field.
    website = RobotTrapField()

    def __init__(self, *args: Any, service_choices: ServiceChoices, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "inquiry-%s")
        super().__init__(*args, **kwargs)
        self.service_choices = service_choices
        self.fields["about"].choices = service_choices.choices  # type: ignore[attr-defined]
        self.clean_files = []
        self.uploaded_names = []

    def clean_text(self) -> str:
        return _clean_text(self.cleaned_data["text"])

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not value:
            return ""
        try:
            return normalise_phone(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean_attachments(self) -> list[CleanFile]:
        return self._clean_attachments(self.cleaned_data["attachments"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind != Kind.COMPLAINT:
            data["about_enkeltvedtak"] = False
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            missing = "longitude" if data.get("longitude") is None else "latitude"
            self.add_error(missing, _("Give both latitude and longitude, or neither."))
        contact_given = bool(data.get("email") or data.get("phone"))
        contact_attempted = contact_given or self.has_error("email") or self.has_error("phone")
        if data.get("anonymous"):
            if kind and kind != Kind.FEEDBACK:
                self.add_error(
                    "anonymous",
                    _(
                        "Only feedback can be sent without contact details. Give an e-mail address "
                        "or a mobile number so that we can answer you."
                    ),
                )
            elif contact_attempted or data.get("contact_name"):
                self.add_error(
                    "anonymous",
                    _(
                        "You chose to send without contact details, but you also gave some. "
                        "Remove your name, e-mail and mobile number, or untick the box."
                    ),
                )
        elif not contact_attempted:
            if kind == Kind.FEEDBACK:
                message = _(
                    "Give an e-mail address or a mobile number, or tick the box to send your feedback "
                    "without contact details."
                )
            else:
                message = _("Give an e-mail address or a mobile number so that we can answer you.")
            self.add_error("email", message)
        return data

    def about_groups(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The choices of the select as (group label or "", options), for a template to draw optgroups."""
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for value, label in self.service_choices.choices:
            if isinstance(label, list):
                groups.append((str(value), [(str(v), str(text)) for v, text in label]))
            else:
                groups.append(("", [(str(value), str(label))]))
        return groups

    def about_selected(self) -> str:
        return str(self["about"].value() or "")

    def target(self) -> tuple[ServiceArea | None, Page | None]:
        return self.service_choices.targets.get(self.cleaned_data.get("about") or "", (None, None))

    def submission(self) -> dict[str, Any]:
        """Keyword arguments for actions.submit_inquiry (besides channel and contact)."""
        data = self.cleaned_data
        area, service = self.target()
        return {
            "kind": data["kind"],
            "text": data["text"],
            "title": data["title"],
            "area": area,
            "service": service,
            "address": data["address"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "wants_public": data["wants_public"],
            "about_enkeltvedtak": data["about_enkeltvedtak"],
            "files": list(self.clean_files),
        }

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary, in the order of the fields."""
        links: list[tuple[str, str]] = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                anchor = f"inquiry-{name}-{Kind.QUESTION.value}" if name == "kind" else f"inquiry-{name}"
                links.append((anchor, str(message)))
        for message in self.non_field_errors():
            links.append(("inquiry-text", str(message)))
        return links

    def files_to_add_again(self) -> list[str]:
        """Names of the files that were fine but must be attached again (browsers do not keep them)."""
        if not self.is_bound or not self.errors:
            return []
        return self.uploaded_names


class ReplyForm(AttachmentsMixin, forms.Form):
    text = PlainTextField(
        label=_("Your reply"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "required": _("Write your reply."),
            "max_length": _("Keep the reply under %(limit_value)d characters (you wrote %(show_value)d)."),
        },
    )
    attachments = MultipleFileField(label=_("Photos or documents"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "reply-%s")
        super().__init__(*args, **kwargs)
        self.clean_files = []
        self.uploaded_names = []

    def clean_text(self) -> str:
        return _clean_text(self.cleaned_data["text"])

    def clean_attachments(self) -> list[CleanFile]:
        return self._clean_attachments(self.cleaned_data["attachments"])

    def error_links(self) -> list[tuple[str, str]]:
        return [(f"reply-{name}", str(message)) for name in self.fields for message in self.errors.get(name, [])]

    def files_to_add_again(self) -> list[str]:
        if not self.is_bound or not self.errors:
            return []
        return self.uploaded_names


class FeedbackFilterForm(forms.Form):
    """The filters on /tilbakemeldingar/ (GET). A value that is not in the list is ignored."""

    omrade = forms.ChoiceField(label=_("Service area"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All types")), *Kind.choices])
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *PUBLIC_STATUS_CHOICES])

    def __init__(self, *args: Any, areas: list[ServiceArea], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "filter-%s")
        super().__init__(*args, **kwargs)
        self.areas = {area.slug: area for area in areas}
        self.fields["omrade"].choices = [("", _("All service areas")), *((a.slug, a.name) for a in areas)]  # type: ignore[attr-defined]

    def value(self, name: str) -> str:
        """The cleaned value of one filter, or "" when it was missing or not valid."""
        if not self.is_bound:
            return ""
        self.is_valid()
        return str(self.cleaned_data.get(name) or "")
