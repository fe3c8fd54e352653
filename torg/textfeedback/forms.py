from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import COMMENT_MAX_LENGTH


class TextFeedbackForm(forms.Form):
    understood = forms.ChoiceField(
        label=_("Did you understand the text?"),
        choices=[("ja", _("Yes")), ("nei", _("No"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no."), "invalid_choice": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What was hard to understand? (you may leave this empty)"),
        help_text=_("Do not write your name or other personal details here."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3, "class": "ds-input"}),
        error_messages={"max_length": _("Keep it under %(limit_value)d characters.")},
    )
    # Left empty by people; filled by robots that fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def understood_value(self) -> bool:
        return self.cleaned_data["understood"] == "ja"

    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
