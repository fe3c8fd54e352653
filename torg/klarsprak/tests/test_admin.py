"""The checking page (/admin/klarsprak/) and "Klarspråk i publiserte tekstar" in the back office."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from torg.core.roles import Role
from torg.klarsprak.tests import documents
from torg.klarsprak.tests.conftest import in_nynorsk
from torg.web.tests.factories import ServicePageFactory, paragraphs

pytestmark = pytest.mark.django_db

CHECK_URL = "/admin/klarsprak/"
REPORT_URL = "/admin/reports/klarsprak/"


@pytest.fixture
def web_contact(site_tree, user_with_role, admin_client_for):
    return admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_a))


def test_every_back_office_role_finds_the_checking_page_in_the_menu(site_tree, user_with_role, admin_client_for):
    for role in (Role.ORDFORAR, Role.WEBKONTAKT):
        area = site_tree.area_a if role == Role.WEBKONTAKT else None
        response = admin_client_for(user_with_role(role, area)).get("/admin/")
        assert CHECK_URL in response.content.decode()


def test_pasted_text_is_shown_with_findings_marked_and_explained(web_contact):
    text = "Vi har motteke søknaden din, samt vedlegga.\n\nDu får svar innan tre veker."

    response = web_contact.post(CHECK_URL, {"text": text, "form": "nn"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "LIX" in html
    assert '<mark class="klarsprak-mark">samt</mark>' in html
    assert 'id="klarsprak-finding-1"' in html
    assert "Skriv heller «og»" in html  # the engine's message
    assert 'href="#klarsprak-ref-1"' in html


def test_an_uploaded_document_is_read_and_checked(web_contact):
    upload = SimpleUploadedFile("brev.docx", documents.docx("Vi svarar samt ringjer deg."))

    response = web_contact.post(CHECK_URL, {"document": upload, "form": "nn"})

    assert response.status_code == 200
    assert '<mark class="klarsprak-mark">samt</mark>' in response.content.decode()


def test_a_program_file_is_refused_with_a_message(web_contact):
    upload = SimpleUploadedFile("program.exe", b"MZ\x90\x00")

    response = web_contact.post(CHECK_URL, {"document": upload, "form": "nn"})

    assert response.status_code == 200
    assert not response.context.get("checked")
    message = in_nynorsk(
        "Torg can read .txt, .docx, .odt and .pdf files, not “%(name)s”. Save the text as one of these."
    ) % {"name": "program.exe"}
    assert response.context["form"].errors["document"] == [message]


def test_an_empty_form_asks_for_a_text(web_contact):
    response = web_contact.post(CHECK_URL, {"text": "  ", "form": "nn"})

    assert response.context["form"].non_field_errors() == [in_nynorsk("Paste a text or choose a file to check.")]


def test_report_lists_published_pages_hardest_first_with_time_taken(site_tree, user_with_role, admin_client_for):
    hard = ServicePageFactory.create(
        parent=site_tree.area_page_a,
        title="Parkeringsløyve",
        body=paragraphs(
            "Kommunikasjonsavdelingas saksbehandlingsrutiner vedrørende parkeringsløyveforespørsler "
            "gjennomgås fortløpande samt kvalitetssikrast kontinuerleg."
        ),
    )
    easy = ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Bibliotek", body=paragraphs("Du kan låne bøker.")
    )
    editor = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))

    response = editor.get(REPORT_URL)

    assert response.status_code == 200
    rows = [row for row, _ in response.context["rows"]]
    ids = [row.page_id for row in rows]
    assert ids.index(hard.pk) < ids.index(easy.pk)
    assert rows[0].page_id == hard.pk
    assert rows[0].by_rule.get("officialese") == 1
    report = response.context["report"]
    assert report.total_pages == len(rows)
    assert report.seconds > 0
    html = response.content.decode()
    assert "Parkeringsløyve" in html and f"/admin/pages/{hard.pk}/edit/" in html


def test_report_reuses_results_until_a_page_is_published_again(site_tree, user_with_role, admin_client_for):
    page = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimehjelp")
    editor = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))
    editor.get(REPORT_URL)

    second = editor.get(REPORT_URL).context["report"]
    assert second.from_cache == second.total_pages

    page.body = paragraphs("Du kan få hjelp heime, samt hjelp til å handle.")
    page.save_revision().publish()
    third = editor.get(REPORT_URL).context["report"]
    assert third.from_cache == third.total_pages - 1


def test_report_checks_at_most_the_configured_number_of_pages(site_tree, user_with_role, admin_client_for, settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "REPORT_MAX_PAGES": 2}
    editor = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))

    response = editor.get(REPORT_URL)

    assert len(response.context["rows"]) == 2
    assert response.context["report"].truncated


def test_report_is_for_those_who_write_pages(site_tree, user_with_role, admin_client_for):
    mayor = admin_client_for(user_with_role(Role.ORDFORAR))

    assert mayor.get(REPORT_URL).status_code == 403
    assert REPORT_URL not in mayor.get("/admin/reports/").content.decode()
