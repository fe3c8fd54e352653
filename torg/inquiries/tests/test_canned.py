"""Ready-made answers: the area's own, the shared ones, texts made from service pages; how they fill the answer."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from torg.core.roles import Role
from torg.inquiries.canned import plain_text, suggestions_for
from torg.inquiries.models import AnswerRoutine, CannedAnswer, Inquiry, Kind
from torg.web.tests.factories import ServicePageFactory

from .factories import make_inquiry

pytestmark = pytest.mark.django_db

QUEUE = "/admin/servicetorget/"


def html_of(response: Any) -> str:
    return str(response.content.decode())


def case_url(inquiry: Inquiry) -> str:
    return f"{QUEUE}{inquiry.pk}/"


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a)


@pytest.fixture
def client_a(handler: Any, admin_client_for: Any) -> Client:
    client: Client = admin_client_for(handler)
    return client


def test_suggestions_are_the_areas_own_and_the_shared_canned_answers(site_tree: Any) -> None:
    CannedAnswer.objects.create(title="Opningstider", body="Me har ope 8–15.")
    CannedAnswer.objects.create(title="Heimehjelp", body="Søk på nettsida.", area=site_tree.area_a)
    CannedAnswer.objects.create(title="Skulerute", body="Sjå skuleruta.", area=site_tree.area_b)
    inquiry = make_inquiry(area=site_tree.area_a)

    titles = [s.title for s in suggestions_for(inquiry) if s.source == "canned"]

    assert titles == ["Heimehjelp", "Opningstider"]


def test_an_unrouted_inquiry_gets_only_the_shared_canned_answers(site_tree: Any) -> None:
    CannedAnswer.objects.create(title="Opningstider", body="Me har ope 8–15.")
    CannedAnswer.objects.create(title="Heimehjelp", body="Søk på nettsida.", area=site_tree.area_a)

    assert [s.title for s in suggestions_for(make_inquiry())] == ["Opningstider"]


def test_a_service_page_becomes_an_answer_with_intro_how_to_apply_contact_and_link(site_tree: Any) -> None:
    page = ServicePageFactory.create(
        parent=site_tree.area_page_a,
        title="Tryggleiksalarm",
        intro="Ein alarm du ber rundt halsen.",
        how_to_apply="<p>Fyll ut skjemaet.</p><ul><li>Legg ved legeerklæring.</li></ul>",
        application_url="https://skjema.example.org/alarm",
        contact_name="Tildelingskontoret",
        contact_phone="56 00 00 00",
    )
    ServicePageFactory.create(parent=site_tree.area_page_b, title="Skuleskyss")
    inquiry = make_inquiry(area=site_tree.area_a)

    service = [s for s in suggestions_for(inquiry) if s.source == "service"]

    assert [s.title for s in service] == ["Tryggleiksalarm"]
    body = service[0].body
    assert body.startswith("Tryggleiksalarm: Ein alarm du ber rundt halsen.")
    assert "Fyll ut skjemaet.\nLegg ved legeerklæring." in body
    assert "https://skjema.example.org/alarm" in body
    assert "Tildelingskontoret" in body and "56 00 00 00" in body
    assert page.get_full_url() in body
    assert "<" not in body
    assert service[0].key == f"s{page.pk}"


def test_the_inquirys_own_service_is_the_only_page_suggested(site_tree: Any) -> None:
    chosen = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimesjukepleie")
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Matombring")
    inquiry = make_inquiry(area=site_tree.area_a, service=chosen)

    assert [s.title for s in suggestions_for(inquiry) if s.source == "service"] == ["Heimesjukepleie"]


def test_draft_service_pages_are_never_suggested(site_tree: Any) -> None:
    ServicePageFactory.create(parent=site_tree.area_page_a, title="Utkast", live=False)

    assert suggestions_for(make_inquiry(area=site_tree.area_a)) == []


def test_a_canned_answer_with_a_service_page_links_to_it(site_tree: Any) -> None:
    page = ServicePageFactory.create(parent=site_tree.area_page_a, title="Parkering")
    CannedAnswer.objects.create(title="Parkering", body="Du søkjer om løyve på nett.", service=page)

    body = suggestions_for(make_inquiry(area=site_tree.area_a))[0].body

    assert body.startswith("Du søkjer om løyve på nett.")
    assert page.get_full_url() in body


def test_rich_text_becomes_plain_lines() -> None:
    assert plain_text("<p>Ein&nbsp;<b>to</b></p><p>tre<br/>fire</p>") == "Ein to\ntre\nfire"


# --- Canned answers on the case page ------------------------------------------------


def test_choosing_a_canned_answer_fills_the_answer_without_javascript(site_tree: Any, client_a: Client) -> None:
    canned = CannedAnswer.objects.create(
        title="Brøyting", body="Me brøyter etter ei fast liste.", area=site_tree.area_a
    )
    inquiry = make_inquiry(area=site_tree.area_a)

    page = html_of(client_a.get(case_url(inquiry), {"svar": f"c{canned.pk}"}))

    textarea = page.split('name="answer-text"')[1].split("</textarea>")[0]
    assert "Me brøyter etter ei fast liste." in textarea


# --- Canned answers and answer routines in the menu ------------------------------------------


def test_handler_writes_canned_answers_for_own_area_only(site_tree: Any, client_a: Client) -> None:
    add = "/admin/servicetorget/ferdigsvar/new/"
    CannedAnswer.objects.create(title="Anna område", body="B", area=site_tree.area_b)

    index = html_of(client_a.get("/admin/servicetorget/ferdigsvar/"))
    client_a.post(add, {"title": "Opningstider", "body": "Me har ope 8–15.", "area": site_tree.area_a.pk})
    client_a.post(add, {"title": "Framand", "body": "Nei.", "area": site_tree.area_b.pk})

    assert "Anna område" not in index
    assert CannedAnswer.objects.filter(title="Opningstider", area=site_tree.area_a).exists()
    assert not CannedAnswer.objects.filter(title="Framand").exists()


def test_only_the_head_of_communication_edits_answer_routines(
    site_tree: Any, user_with_role: Any, admin_client_for: Any, client_a: Client
) -> None:
    add = "/admin/servicetorget/svarrutinar/new/"
    chief = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))

    client_a.post(add, {"area": site_tree.area_a.pk, "kind": Kind.QUESTION, "working_days": 1})
    chief.post(add, {"area": site_tree.area_a.pk, "kind": Kind.COMPLAINT, "working_days": 7})

    assert list(AnswerRoutine.objects.values_list("kind", "working_days")) == [(Kind.COMPLAINT, 7)]


# --- In the browser ---------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_chromium_the_pages_pass_axe_and_a_ready_made_text_fills_the_answer_in_place(
    live_server: Any, site_tree: Any, handler: Any, no_second_factor: None
) -> None:
    import os
    from pathlib import Path

    from torg.core.models import MunicipalitySettings
    from torg.core.queries import forget_municipality

    if not Path("/usr/bin/chromium").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI")
        pytest.skip("no Chromium")
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    MunicipalitySettings.for_site(site_tree.home.get_site())  # saved: the server reads it as a plain string
    forget_municipality()
    CannedAnswer.objects.create(title="Opningstider", body="Me har ope 8–15.")
    inquiry = make_inquiry(area=site_tree.area_a, latitude="60.1", longitude="5.2")
    session = Client()
    session.force_login(handler)
    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_context().new_page()
        page.context.add_cookies(
            [{"name": "sessionid", "value": session.cookies["sessionid"].value, "url": live_server.url}]
        )
        violations = {}
        for url in (QUEUE, case_url(inquiry), f"{QUEUE}ny/"):
            page.goto(live_server.url + url)
            violations[url] = Axe().run(page, options=wcag).violations_count
        page.goto(live_server.url + case_url(inquiry))
        page.select_option("#servicetorget-canned", label="Opningstider")
        page.locator(".servicetorget-canned button").click()
        filled = page.locator("#id_answer-text").input_value()
        still_here = page.url
        browser.close()

    assert violations == {QUEUE: 0, case_url(inquiry): 0, f"{QUEUE}ny/": 0}
    assert filled == "Me har ope 8–15."
    assert "svar=" not in still_here  # filled in place, no reload
