"""Public pages a resident meets: search, the 404 page, the language and security headers."""

from __future__ import annotations

import pytest

from torg.web.tests.factories import ServicePageFactory, paragraphs

pytestmark = pytest.mark.django_db


def test_search_finds_a_service_page_by_a_word_in_its_body(client, site_tree):
    page = ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Tryggleiksalarm", body=paragraphs("Alarmen kallar på heimetenesta.")
    )

    response = client.get("/sok/", {"q": "heimetenesta"})

    assert response.status_code == 200
    assert [result.pk for result in response.context["results"]] == [page.pk]
    assert "Tryggleiksalarm" in response.content.decode()


def test_search_does_not_show_unpublished_pages(client, site_tree):
    ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Løyndom", body=paragraphs("Snøskuterløyve er ikkje klart."), live=False
    )

    response = client.get("/sok/", {"q": "snøskuterløyve"})

    assert response.status_code == 200
    assert list(response.context["results"]) == []
    assert "Løyndom" not in response.content.decode()


def test_search_with_many_words_falls_back_to_any_word(client, site_tree):
    page = ServicePageFactory.create(
        parent=site_tree.area_page_a, title="Feiing", body=paragraphs("Feiaren kjem kvart år.")
    )

    response = client.get("/sok/", {"q": "feiaren sjiraff"})

    assert [result.pk for result in response.context["results"]] == [page.pk]


def test_empty_and_very_long_searches_do_not_fail(client, site_tree):
    assert client.get("/sok/").status_code == 200
    assert client.get("/sok/", {"q": "a" * 5000}).status_code == 200


def test_unknown_address_gives_the_nynorsk_not_found_page(client, site_tree):
    response = client.get("/finst-ikkje/")

    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert '<html lang="nn"' in response.content.decode()
    assert response["Content-Language"] == "nn"


def test_public_pages_carry_the_security_headers(client, site_tree):
    response = client.get("/")

    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_service_page_shows_its_content_in_nynorsk(client, site_tree):
    page = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimesjukepleie", intro="Hjelp heime.")

    response = client.get(page.url)

    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="nn"' in body
    assert "Heimesjukepleie" in body
    assert "Hjelp heime." in body


def test_public_pages_allow_no_inline_script_while_the_back_office_may(site_tree, client):
    public = client.get("/")["Content-Security-Policy"]
    back_office = client.get("/admin/login/")["Content-Security-Policy"]

    assert "script-src 'self';" in public
    assert "unsafe-inline" not in public
    assert "'unsafe-inline'" in back_office
