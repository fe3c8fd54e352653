"""The checking page in Chromium: a web contact pastes a text and reads the findings; axe finds no violations."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from torg.core.models import MunicipalitySettings
from torg.core.queries import forget_municipality
from torg.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM = "/usr/bin/chromium"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
TEXT = "Vi har motteke søknaden din, samt vedlegga.\n\nDu får svar innan tre veker."


@pytest.fixture
def session_cookie(site_tree, user_with_role, no_second_factor) -> str:
    """A web contact's session (made before Playwright starts: its event loop forbids database calls)."""
    # Saved, so the server reads the language form from the database as a plain string: an unsaved
    # MunicipalitySettings() gives the LanguageForm enum, which wsgiref refuses in Content-Language.
    MunicipalitySettings.for_site(site_tree.home.get_site())
    forget_municipality()
    client = Client()
    client.force_login(user_with_role(Role.WEBKONTAKT, site_tree.area_a))
    return client.cookies["sessionid"].value


@pytest.fixture
def chromium_page(session_cookie: str) -> Any:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing on CI")
        pytest.skip("no Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser.new_context().new_page()
        browser.close()


def test_web_contact_checks_a_text_and_reaches_each_explanation(live_server, session_cookie, chromium_page):
    from axe_playwright_python.sync_playwright import Axe

    page = chromium_page
    page.context.add_cookies([{"name": "sessionid", "value": session_cookie, "url": live_server.url}])

    page.goto(f"{live_server.url}/admin/klarsprak/")
    assert page.url.endswith("/admin/klarsprak/"), page.url
    page.locator("#id_text").fill(TEXT)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    mark = page.locator("mark.klarsprak-mark", has_text="samt")
    assert mark.count() == 1
    page.locator("a.klarsprak-ref").first.click()
    assert page.evaluate("location.hash") == "#klarsprak-finding-1"
    assert "«og»" in page.locator("#klarsprak-finding-1").inner_text()
    Path("/tmp/torg-shots").mkdir(exist_ok=True)
    page.screenshot(path="/tmp/torg-shots/klarsprak-check.png", full_page=True)
    violations = Axe().run(page, context="#klarsprak-result", options=WCAG_21_AA).response["violations"]
    assert not violations, [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]
