"""Forms of the public journal: the search (GET) and the access request (POST)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from torg.core.forms import RobotTrapField, email_field
from torg.core.models import ServiceArea
from torg.innsyn.appeals import MAX_APPEAL_TEXT

from .models import Journalposttype
from .requests import MAX_MESSAGE

ORDER_CHOICES = [("relevans", _("Relevance")), ("dato", _("Newest first"))]
PARTY_CHOICES = [
    ("", _("All")),
    ("avsendar", _("Has a sender")),
    ("mottakar", _("Has a recipient")),
    ("intern", _("Internal sender or recipient")),
]
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2999, 12, 31)


class SearchForm(forms.Form):
    """The search on /innsyn/. Bad values give a message in the form, never an error page."""

    q = forms.CharField(label=_("Search words"), required=False, max_length=200)
    fra = forms.DateField(label=_("From date"), required=False, help_text=_("For example 2025-01-31"))
    til = forms.DateField(label=_("To date"), required=False, help_text=_("For example 2025-12-31"))
    type = forms.MultipleChoiceField(label=_("Document type"), required=False, choices=Journalposttype.choices)
    omrade = forms.TypedChoiceField(label=_("Service area"), required=False, coerce=int, empty_value=None)
    part = forms.ChoiceField(label=_("Sender or recipient"), required=False, choices=PARTY_CHOICES)
    sorter = forms.ChoiceField(label=_("Sort by"), required=False, choices=ORDER_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["omrade"].choices = [("", _("All service areas"))] + [  # type: ignore[attr-defined]
            (str(a.pk), a.name) for a in ServiceArea.objects.order_by("name")
        ]

    def _date(self, name: str) -> dt.date | None:
        value = self.cleaned_data.get(name)
        if value is not None and not MIN_DATE <= value <= MAX_DATE:
            raise forms.ValidationError(_("Enter a date between the years 1900 and 2999."))
        return value  # type: ignore[no-any-return]

    def clean_fra(self) -> dt.date | None:
        return self._date("fra")

    def clean_til(self) -> dt.date | None:
        return self._date("til")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", _("The to date must be on or after the from date."))
        return data

    def error_links(self) -> list[tuple[str, str]]:
        return [(f"id_{name}", str(m)) for name in self.fields for m in self.errors.get(name, [])]

    def first_error(self) -> str:
        """The first message, for answers with room for one (the feeds and the JSON API)."""
        return next((str(messages[0]) for messages in self.errors.values() if messages), "")

    def has_filters(self) -> bool:
        return any(self.data.get(name) for name in ("q", "fra", "til", "type", "omrade", "part"))

    def filters_in_use(self) -> int:
        """How many of the filters below the search words are set (the chosen types count as one)."""
        if not self.is_bound:
            return 0
        return sum(1 for name in ("fra", "til", "type", "omrade", "part") if self.data.get(name))


class RequestForm(forms.Form):
    """The basket's form: the e-mail address and an optional message."""

    email = email_field(
        _("Your e-mail address"),
        required=True,
        help_text=_("We send a link to confirm the request, and the answers, to this address."),
    )
    message = forms.CharField(
        label=_("Message to the case handler"), required=False, max_length=MAX_MESSAGE, widget=forms.Textarea
    )
    website = RobotTrapField()

    def error_links(self) -> list[tuple[str, str]]:
        links = [(f"id_{name}", str(m)) for name in self.fields for m in self.errors.get(name, [])]
        links += [("id_email", str(m)) for m in self.non_field_errors()]
        return links


class AppealForm(forms.Form):
    """The requester's appeal: a reason is welcome but not required (offentleglova § 32)."""

    text = forms.CharField(
        label=_("Why do you appeal? (optional)"),
        help_text=_("You do not have to give a reason. If you do, it helps us look at the case again."),
        required=False,
        max_length=MAX_APPEAL_TEXT,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("Keep the appeal under %(limit_value)d characters (you wrote %(show_value)d).")
        },
    )
    website = RobotTrapField()

    def clean_text(self) -> str:
        return str(self.cleaned_data.get("text") or "").strip()

    def error_links(self) -> list[tuple[str, str]]:
        return [(f"id_{name}", str(m)) for name in self.fields for m in self.errors.get(name, [])]
