"""Forms of the crisis back office: the crisis message (draft or update), confirmations, the crisis team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from torg.places.models import Place
from torg.places.queries import place_choices

from .models import CrisisMessage, CrisisTemplate, Status

# The message's own fields, in the order the form shows them.
MESSAGE_FIELDS = (
    "event",
    "category",
    "severity",
    "urgency",
    "certainty",
    "headline",
    "description",
    "instruction",
    "contact",
    "web",
    "area_desc",
)
TEMPLATE_FIELDS = (
    "event",
    "category",
    "severity",
    "urgency",
    "certainty",
    "headline",
    "description",
    "instruction",
    "contact",
)


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a fieldset and legend per group (villages, school districts, water supply zones …)."""

    template_name = "alerts/admin/widgets/grouped_checkboxes.html"


class CrisisMessageForm(forms.ModelForm):
    """What has happened, where, what to do; the affected places (checkboxes by kind) or the whole municipality."""

    whole_municipality = forms.BooleanField(
        label=_("The whole municipality"),
        required=False,
        help_text=_("Tick this when everyone in the municipality is affected. Then leave the places below empty."),
    )
    web = forms.URLField(
        label=_("web address for more information"), required=False, assume_scheme="https", max_length=200
    )
    places = forms.MultipleChoiceField(
        label=_("Affected places"),
        required=False,
        widget=GroupedCheckboxes,
        help_text=_("Residents who subscribe to these places, or live in them, get the message."),
    )

    class Meta:
        model = CrisisMessage
        fields = [*MESSAGE_FIELDS, "status", "replace_front_page"]
        widgets = {
            "status": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 5}),
            "instruction": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, updating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["places"].choices = [  # type: ignore[attr-defined]
            (label, [(str(place.pk), place.name) for place in places]) for label, places in place_choices()
        ]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (Status.ACTUAL.value, _("Real crisis: goes to every subscriber in the area")),
            (Status.EXERCISE.value, _("Drill (ØVING): goes only to the crisis team")),
        ]
        self.fields["area_desc"].label = _("Describe the area (optional)")
        if self.instance.pk and not self.is_bound:
            chosen = [str(pk) for pk in self.instance.places.values_list("pk", flat=True)]
            self.initial["places"] = chosen
            self.initial["whole_municipality"] = not chosen
        if updating:
            # An update keeps the message's status: a drill stays a drill.
            del self.fields["status"]
            self.fields["confirm"] = forms.BooleanField(
                label=_("I have checked the update and want to publish it now"),
                required=True,
                error_messages={"required": _("Tick the box to confirm that the update should be published.")},
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        whole = data.get("whole_municipality")
        chosen = data.get("places") or []
        if whole and chosen:
            self.add_error(
                "places", _("Choose either the whole municipality or some places, not both. Untick one of them.")
            )
        elif not whole and not chosen and "places" not in self.errors:
            self.add_error("places", _("Choose the affected places, or tick the whole municipality."))
        return data

    def chosen_places(self) -> list[Place]:
        if self.cleaned_data.get("whole_municipality"):
            return []
        pks = [int(pk) for pk in self.cleaned_data.get("places") or []]
        return list(Place.objects.filter(pk__in=pks))

    def message_fields(self) -> dict[str, Any]:
        names = [*MESSAGE_FIELDS, "replace_front_page", *(["status"] if "status" in self.fields else [])]
        return {name: self.cleaned_data[name] for name in names}

    @classmethod
    def initial_from_template(cls, template: CrisisTemplate | None) -> dict[str, Any]:
        if template is None:
            return {}
        return {name: getattr(template, name) for name in TEMPLATE_FIELDS}


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=True)

    def __init__(self, *args: Any, label: str, required_message: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = label
        self.fields["confirm"].error_messages["required"] = required_message


class AppointForm(forms.Form):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None,  # type: ignore[arg-type]
        label=_("Staff member"),
        empty_label=_("Choose a person"),
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = queryset  # type: ignore[attr-defined]
        field.label_from_instance = user_label  # type: ignore[attr-defined]


def user_label(user: Any) -> str:
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else str(user.username)
