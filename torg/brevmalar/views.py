"""Back office: write a letter from a template — fill the fields, see it as HTML or download the PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from .forms import LetterValuesForm
from .models import LetterTemplate
from .queries import latest_version
from .render import letter_pdf, render_letter


def write_letter(request: HttpRequest, pk: int) -> HttpResponse:
    """The form for ``pk``'s fields; "Vis som HTML" shows the letter, "Last ned PDF" downloads it.

    The values are sent by POST so that names and case numbers stay out of addresses and logs.
    """
    template = latest_version(get_object_or_404(LetterTemplate, pk=pk))
    form = LetterValuesForm(template.fields, request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        if request.POST.get("format") == "pdf":
            response = HttpResponse(letter_pdf(template, values), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{slugify(template.title) or "brev"}.pdf"'
            return response
        return HttpResponse(render_letter(template, values))
    return render(request, "brevmalar/admin/write_letter.html", {"template": template, "form": form})
