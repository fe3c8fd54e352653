"""A letter from a template: HTML with the letterhead, an accessible tagged PDF, the back-office form."""

import io
from typing import Any, cast

from django.urls import reverse
from pypdf import PdfReader

from torg.brevmalar.models import LetterKind
from torg.brevmalar.render import letter_pdf, render_letter
from torg.brevmalar.tests.factories import LetterTemplateFactory, grant_letter_permissions
from torg.core.queries import forget_municipality, municipality
from torg.core.roles import Role


def _decision():
    return LetterTemplateFactory.create(
        title="Svar på søknad",
        kind=LetterKind.DECISION,
        body="Hei, {{ namn }}.\n\n# Dette har vi bestemt\n\nDu får plass.",
        legal_basis="Barnehagelova § 16.",
        appeal_information="Du kan klage innan tre veker.",
    )


def test_the_letter_has_the_municipality_in_the_letterhead_and_real_headings(site_tree):
    settings = municipality()
    settings.street_address, settings.postal_code, settings.city = "Rådhusvegen 1", "6900", "Florø"
    settings.save()
    forget_municipality()

    html = render_letter(_decision(), {"namn": "Kari <Nordmann>"})

    assert '<html lang="nn">' in html
    assert "<title>Svar på søknad – " in html
    assert "Rådhusvegen 1" in html and "6900 Florø" in html
    assert "<h1>Svar på søknad</h1>" in html
    assert "<h2>Dette har vi bestemt</h2>" in html
    assert "Kari &lt;Nordmann&gt;" in html
    assert "Barnehagelova § 16." in html


def test_the_pdf_is_tagged_in_nynorsk(site_tree):
    pdf = letter_pdf(_decision(), {"namn": "Kari Nordmann"})

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    root = cast(Any, reader.trailer["/Root"])
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "nn"
    assert "Kari Nordmann" in reader.pages[0].extract_text()


def test_staff_fill_the_fields_and_get_html_or_pdf(site_tree, user_with_role, admin_client_for):
    template = _decision()
    user = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    grant_letter_permissions(user, "add", "change")
    client = admin_client_for(user)
    url = reverse("brevmalar_write_letter", args=[template.pk])

    form = client.get(url)
    as_html = client.post(url, {"namn": "Ola", "format": "html"})
    as_pdf = client.post(url, {"namn": "Ola", "format": "pdf"})

    assert form.status_code == 200
    assert 'name="namn"' in form.content.decode()
    assert "Hei, Ola." in as_html.content.decode()
    assert as_pdf["Content-Type"] == "application/pdf"
    assert as_pdf.content.startswith(b"%PDF")


def test_a_resident_cannot_open_the_letter_form(site_tree, client):
    template = _decision()

    response = client.get(reverse("brevmalar_write_letter", args=[template.pk]))

    assert response.status_code == 302  # to the back-office sign-in
