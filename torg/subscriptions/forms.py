"""The residents' forms on /abonnement/: subscribe, change what they get, and the SMS code.

Forms check input only (the address is looked up with the geocoder, a read);
the views hand what they cleaned to ``torg.subscriptions.actions``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from torg.core.forms import RobotTrapField, email_field, mobile_field
from torg.core.models import ServiceArea
from torg.notifications.sms import normalise_phone
from torg.places.models import Place

from .models import Frequency, Topic

logger = logging.getLogger(__name__)

Point = tuple[str, float, float]

EVERYTHING = "alt"
CHOSEN = "utval"


def consent_text(municipality_name: str) -> str:
    """What the resident agrees to, stored with the subscription as it was shown."""
    return gettext(
        "I agree that %(name)s stores my e-mail address and/or mobile number and what I have chosen here, "
        "and uses them only to send me these messages. I can change or end the subscription at any time "
        "with the link in every message; then my details are deleted."
    ) % {"name": municipality_name}


class ChoiceCheckboxes(forms.ModelMultipleChoiceField):
    """Checkboxes whose values are slugs. A value that is not in the list gives a plain message."""

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        super().__init__(queryset, **kwargs)

    def clean(self, value: Any) -> Any:
        if value and not isinstance(value, (list, tuple)):
            value = [value]
        if value:
            value = [str(item) for item in value if str(item).strip()][:500]
        return super().clean(value)


class SubscriptionForm(forms.Form):
    email = email_field()
    phone = mobile_field()
    wants_email = forms.BooleanField(label=_("By e-mail"), required=False)
    wants_sms = forms.BooleanField(label=_("By SMS (text message)"), required=False)
    wants_push = forms.BooleanField(
        label=_("As notifications in the browser"),
        help_text=_("After you have confirmed, the browser asks whether we may show notifications."),
        required=False,
    )
    everything = forms.ChoiceField(
        label=_("What do you want to hear about?"),
        choices=[(EVERYTHING, _("Everything from the municipality")), (CHOSEN, _("Only what I choose below"))],
        widget=forms.RadioSelect,
        initial=CHOSEN,
        error_messages={
            "required": _("Choose everything from the municipality, or only what you choose below."),
            "invalid_choice": _("Choose everything from the municipality, or only what you choose below."),
        },
    )
    topics = ChoiceCheckboxes(
        Topic.objects.all(),
        label=_("Topics"),
        error_messages={
            "invalid_choice": _("Choose topics from the list."),
            "invalid_pk_value": _("Choose topics from the list."),
        },
    )
    service_areas = ChoiceCheckboxes(
        ServiceArea.objects.all(),
        label=_("Service areas"),
        error_messages={
            "invalid_choice": _("Choose service areas from the list."),
            "invalid_pk_value": _("Choose service areas from the list."),
        },
    )
    places = ChoiceCheckboxes(
        Place.objects.all(),
        label=_("Places"),
        error_messages={
            "invalid_choice": _("Choose places from the list."),
            "invalid_pk_value": _("Choose places from the list."),
        },
    )
    address = forms.CharField(
        label=_("My address"),
        help_text=_(
            "For example “Storgata 12”. You then also get messages about the areas the address is in, "
            "such as the water supply zone and the school district."
        ),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Keep the address under %(limit_value)d characters.")},
    )
    # One of the geocoder's hits, when the address matched more than one.
    address_choice = forms.CharField(required=False, max_length=300)
    frequency = forms.ChoiceField(
        label=_("How often?"),
        help_text=_("Crisis messages always come at once, whatever you choose here."),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.choices[0][0],
        error_messages={
            "required": _("Choose how often you want messages."),
            "invalid_choice": _("Choose how often you want messages."),
        },
    )
    consent = forms.BooleanField(
        label=_("I agree"),
        required=True,
        error_messages={"required": _("Tick the box to agree. Without it we cannot send you anything.")},
    )
    # Left empty by people; filled by robots that fill every field.
    website = RobotTrapField()

    def __init__(
        self,
        *args: Any,
        existing_points: Sequence[Point] = (),
        manage: bool = False,
        **kwargs: Any,
    ) -> None:
        """``manage``: the form of an existing subscription (consent given; unticking a channel drops its address)."""
        kwargs.setdefault("auto_id", "sub-%s")
        super().__init__(*args, **kwargs)
        self.existing_points = list(existing_points)
        self.manage = manage
        self.fields["consent"].required = not manage
        self.address_hits: list[Any] = []
        self.points: list[Point] = []

    # --- Fields -------------------------------------------------------------

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not value or not value.strip():
            return ""
        try:
            return normalise_phone(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean_address(self) -> str:
        return " ".join(str(self.cleaned_data["address"]).split())

    # --- The whole form -----------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self._check_contact_and_channels(data)
        self._check_what(data)
        if not self.has_error("address"):
            self.points = self._locate(data)
        return data

    def _check_contact_and_channels(self, data: dict[str, Any]) -> None:
        email, phone = data.get("email"), data.get("phone")
        wants_email, wants_sms, wants_push = (
            bool(data.get(name)) for name in ("wants_email", "wants_sms", "wants_push")
        )
        if not (wants_email or wants_sms or wants_push):
            self.add_error(
                "wants_email",
                _("Choose at least one way to get the messages: e-mail, SMS or notifications in the browser."),
            )
        elif not (wants_email or wants_sms):
            self.add_error(
                "wants_email",
                _(
                    "Choose e-mail or SMS as well. We send the confirmation there, "
                    "and tell you there if the notifications stop working."
                ),
            )
        if self.has_error("email"):
            pass
        elif wants_email and not email:
            self.add_error("email", _("Write your e-mail address, or untick e-mail."))
        elif email and not wants_email and not self.manage:
            self.add_error(
                "email",
                _("You wrote an e-mail address, but did not choose e-mail. Tick e-mail, or remove the address."),
            )
        if self.has_error("phone"):
            pass
        elif wants_sms and not phone:
            self.add_error("phone", _("Write your mobile number, or untick SMS."))
        elif phone and not wants_sms and not self.manage:
            self.add_error(
                "phone", _("You wrote a mobile number, but did not choose SMS. Tick SMS, or remove the number.")
            )

    def _check_what(self, data: dict[str, Any]) -> None:
        if data.get("everything") != CHOSEN:
            return
        chosen = data.get("topics") or data.get("service_areas") or data.get("places") or data.get("address")
        failed = any(self.has_error(name) for name in ("topics", "service_areas", "places", "address"))
        if not chosen and not failed:
            self.add_error(
                "everything",
                _(
                    "Choose at least one topic, service area, place or your address, "
                    "or choose everything from the municipality."
                ),
            )

    def _locate(self, data: dict[str, Any]) -> list[Point]:
        """The address as a point: kept as it was, found by the geocoder, or chosen among its hits."""
        text = data.get("address") or ""
        if not text:
            return []
        for label, lat, lon in self.existing_points:
            if label == text:
                return [(label, lat, lon)]
        from torg.places.geocoder import fold, geocode

        try:
            hits = list(geocode(text, limit=5))
        except Exception:  # the geocoder may be a service elsewhere; the form must still answer
            logger.exception("The geocoder failed for a subscription address")
            self.add_error(
                "address",
                _("We could not look up addresses just now. Try again later, or choose places from the list."),
            )
            return []
        if not hits:
            self.add_error(
                "address",
                _(
                    "We found no address like “%(address)s”. Check the spelling and write the street and number, "
                    "or choose places from the list instead."
                )
                % {"address": text},
            )
            return []
        if len(hits) == 1:
            return [(hits[0].text, hits[0].lat, hits[0].lon)]
        choice = data.get("address_choice") or ""
        for hit in hits:
            if hit.text == choice:
                return [(hit.text, hit.lat, hit.lon)]
        typed = fold(text)
        exact = [hit for hit in hits if typed in (fold(hit.text), fold(hit.text.split(",")[0]))]
        if len(exact) == 1:
            return [(exact[0].text, exact[0].lat, exact[0].lon)]
        self.address_hits = hits
        self.add_error("address", _("We found more than one address like this. Choose yours in the list."))
        return []

    # --- For the views and templates ----------------------------------------

    def subscription(self) -> dict[str, Any]:
        """Keyword arguments for actions.start_subscription / update_preferences (besides consent)."""
        data = self.cleaned_data
        return {
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
            "wants_email": bool(data.get("wants_email")),
            "wants_sms": bool(data.get("wants_sms")),
            "wants_push": bool(data.get("wants_push")),
            "frequency": data["frequency"],
            "everything": data.get("everything") == EVERYTHING,
            "topics": list(data.get("topics") or []),
            "service_areas": list(data.get("service_areas") or []),
            "places": list(data.get("places") or []),
            "points": list(self.points),
        }

    def selected(self, name: str) -> set[str]:
        """The values ticked in a checkbox group (as posted, or as given initially)."""
        value = self[name].value()
        if value is None:
            return set()
        if isinstance(value, (str, int)):
            value = [value]
        return {str(getattr(item, "slug", item)) for item in value}

    @property
    def selected_topics(self) -> set[str]:
        return self.selected("topics")

    @property
    def selected_service_areas(self) -> set[str]:
        return self.selected("service_areas")

    @property
    def selected_places(self) -> set[str]:
        return self.selected("places")

    def address_choice_value(self) -> str:
        return str(self["address_choice"].value() or "")

    def error_links(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary, in the order of the fields."""
        anchors = {
            "everything": f"sub-everything-{CHOSEN}",
            "frequency": f"sub-frequency-{Frequency.choices[0][0]}",
            "topics": "sub-topics",
            "service_areas": "sub-service_areas",
            "places": "sub-places",
        }
        links: list[tuple[str, str]] = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append((anchors.get(name, f"sub-{name}"), str(message)))
        for message in self.non_field_errors():
            links.append(("sub-email", str(message)))
        return links


def kept_input(form_class: type[forms.Form], data: Any) -> dict[str, Any]:
    """What the resident sent, as initial values for an unchecked form (when sending was refused)."""
    kept: dict[str, Any] = {}
    for name, field in form_class.base_fields.items():
        if name == "website":
            continue
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            kept[name] = [str(value) for value in data.getlist(name)]
        elif isinstance(field, forms.BooleanField):
            kept[name] = str(data.get(name, "")).lower() in ("on", "true", "1")
        elif name in data:
            kept[name] = str(data.get(name))
    return kept


class CodeForm(forms.Form):
    """The 6-digit code from the SMS. Without a pending subscription in the session, also the number."""

    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=40,
        error_messages={"max_length": _("The phone number is too long. Check it.")},
    )
    code = forms.CharField(
        label=_("Code from the SMS"),
        help_text=_("Six digits."),
        max_length=20,
        error_messages={
            "required": _("Write the code from the SMS."),
            "max_length": _("The code has six digits. Check it."),
        },
    )

    def __init__(self, *args: Any, ask_phone: bool, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "code-%s")
        super().__init__(*args, **kwargs)
        self.ask_phone = ask_phone
        if ask_phone:
            self.fields["phone"].required = True
            self.fields["phone"].error_messages["required"] = gettext("Write the mobile number you gave.")

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"]
        if not self.ask_phone or not value.strip():
            return ""
        try:
            return normalise_phone(value)
        except ValueError as error:
            raise ValidationError(str(error)) from error

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split()).replace("-", "")
        if not (len(code) == 6 and code.isascii() and code.isdigit()):
            raise ValidationError(_("The code has six digits. Check it."))
        return code

    def error_links(self) -> list[tuple[str, str]]:
        links = [(f"code-{name}", str(message)) for name in self.fields for message in self.errors.get(name, [])]
        links += [("code-code", str(message)) for message in self.non_field_errors()]
        return links


def slugs(items: Iterable[Any]) -> list[str]:
    return [str(item.slug) for item in items]
