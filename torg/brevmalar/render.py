"""A letter from a template and the case handler's values: HTML, and accessible tagged PDF (WeasyPrint).

The PDF is PDF/UA-1: tagged, with the language (nn) and a title, real
headings and paragraphs. The font comes from torg/static/vendor/inter/ on
disk, and the fetcher only reads files, so nothing is fetched from outside.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from torg.core.queries import language_form, municipality

from .models import LetterTemplate
from .syntax import blocks

FONT_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor" / "inter"


def _context(template: LetterTemplate, values: dict[str, str], font_base: str) -> dict[str, object]:
    return {
        "template": template,
        "lang": language_form() or "nn",
        "municipality": municipality(),
        "today": date_format(timezone.localdate(), "j. F Y"),
        "body": blocks(template.body, values),
        "legal_basis": blocks(template.legal_basis, values) if template.legal_basis.strip() else [],
        "appeal_information": blocks(template.appeal_information, values)
        if template.appeal_information.strip()
        else [],
        "font_base": font_base,
        # Residents say whether they understood the letter (torg.textfeedback); only approved templates.
        "feedback_url": settings.WAGTAILADMIN_BASE_URL + reverse("textfeedback:letter", args=[template.pk])
        if template.live
        else "",
    }


def render_letter(template: LetterTemplate, values: dict[str, str], *, font_base: str | None = None) -> str:
    """The letter as a complete HTML document; a missing value shows as ``[field]``."""
    base = font_base if font_base is not None else static("vendor/inter/")
    return render_to_string("brevmalar/letter.html", _context(template, values, base))


def letter_pdf(template: LetterTemplate, values: dict[str, str]) -> bytes:
    """The letter as an accessible, tagged PDF (PDF/UA-1)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_letter(template, values, font_base=FONT_DIR.as_uri() + "/")
    document = HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=URLFetcher(allowed_protocols={"file"}))
    pdf = document.write_pdf(pdf_variant="pdf/ua-1")
    assert pdf is not None
    return pdf
