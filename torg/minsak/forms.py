"""The e-mail login form on /mi-side/."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EmailLoginForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address you gave when you contacted us."),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@example.no."),
            "max_length": _("The e-mail address is too long."),
        },
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def error_links(self) -> list[tuple[str, str]]:
        return [(f"id_{name}", str(m)) for name in self.fields for m in self.errors.get(name, [])]
