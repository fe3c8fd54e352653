"""Form fields every public form asks for in the same words: e-mail, mobile number and the robot trap.

A resident meets the same label and the same error message for the same field wherever they are.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL_LABEL = _("E-mail")
MOBILE_LABEL = _("Mobile number")
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path
MOBILE_MAX_LENGTH = 40  # room for spaces, a country code and a typo; the number itself is checked elsewhere


def email_field(label: Any = EMAIL_LABEL, *, required: bool = False, **kwargs: Any) -> forms.EmailField:
    """An e-mail address field with plain Nynorsk messages."""
    return forms.EmailField(
        label=label,
        required=required,
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Write the e-mail address like this: name@example.no"),
            "max_length": _("The e-mail address is too long. Check it."),
        },
        **kwargs,
    )


def mobile_field(label: Any = MOBILE_LABEL, **kwargs: Any) -> forms.CharField:
    """A mobile number as typed (optional); the caller normalises and checks it."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=MOBILE_MAX_LENGTH,
        error_messages={"max_length": _("The phone number is too long. Check it.")},
        **kwargs,
    )


class RobotTrapField(forms.CharField):
    """A field hidden from people (by the template) that robots fill in: anything in it stops the form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Leave this field empty"))
        super().__init__(required=False, max_length=200, **kwargs)

    def clean(self, value: Any) -> str:
        if value:
            raise forms.ValidationError(_("Leave this field empty. It is there to stop robots."), code="robot")
        return ""
