"""The checking page's form: paste a text or upload a file. Nothing is stored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .extract import EXTENSIONS, ExtractError, check_upload, extract_text
from .queries import default_form


class CheckForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    document = forms.FileField(
        label=gettext_lazy("Or a file"),
        required=False,
        help_text=gettext_lazy("A .docx, .odt, .pdf or .txt file. It is read, checked and forgotten."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    form = forms.ChoiceField(
        label=gettext_lazy("Language form"),
        choices=[("nn", gettext_lazy("Nynorsk")), ("nb", gettext_lazy("Bokmål"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["form"].initial = default_form()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = (cleaned.get("text") or "").replace("\r\n", "\n").replace("\r", "\n")
        upload = cleaned.get("document")
        if upload and text.strip():
            raise forms.ValidationError(_("Paste a text or choose a file, not both."))
        if upload:
            try:
                check_upload(upload.name, upload.size)
                text = extract_text(upload.name, upload.read())
            except ExtractError as error:
                self.add_error("document", str(error))
                return cleaned
        if not text.strip():
            raise forms.ValidationError(_("Paste a text or choose a file to check."))
        limit = settings.TORG_KLARSPRAK["MAX_CHARACTERS"]
        if len(text) > limit:
            raise forms.ValidationError(
                _("The text is too long: at most %(max)s characters. Check it in parts.") % {"max": limit}
            )
        cleaned["checked_text"] = text
        return cleaned
