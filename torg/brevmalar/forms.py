"""The case handler's values for a letter: one input per field of the template."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format


class LetterValuesForm(forms.Form):
    """A text input for each field; all optional (an empty field shows as ``[field]`` in the letter)."""

    def __init__(self, field_names: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in field_names:
            initial = date_format(timezone.localdate(), "j. F Y") if name == "dato" else ""
            self.fields[name] = forms.CharField(
                label=name.replace("_", " ").capitalize(), required=False, max_length=2000, initial=initial
            )

    def values(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if value}
