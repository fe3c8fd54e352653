"""The e-mail login form on /mi-side/."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from torg.core.forms import RobotTrapField, email_field


class EmailLoginForm(forms.Form):
    email = email_field(
        _("Your e-mail address"), required=True, help_text=_("The address you gave when you contacted us.")
    )
    website = RobotTrapField()

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()

    def error_links(self) -> list[tuple[str, str]]:
        return [(f"id_{name}", str(m)) for name in self.fields for m in self.errors.get(name, [])]
