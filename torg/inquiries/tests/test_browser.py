"""The public Servicetorget pages in Chromium: keyboard, narrow screen, map, axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .test_views import FORM, nn

# --- In a browser -----------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def chromium_page(site_tree: Any) -> Any:
    if not Path(CHROMIUM).exists():
        pytest.skip("no Chromium")
    from torg.core.models import MunicipalitySettings
    from torg.core.queries import forget_municipality

    # Saved, so the live server reads the language form as a plain string.
    MunicipalitySettings.for_site(site_tree.home.get_site())
    forget_municipality()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        yield browser.new_context(viewport={"width": 320, "height": 800}).new_page()
        browser.close()


def _axe_violations(page: Any) -> list[Any]:
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    return [(v["id"], [n["html"][:120] for n in v["nodes"]]) for v in violations]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_resident_reports_a_place_by_keyboard_on_a_narrow_screen_and_axe_finds_no_violations(
    live_server: Any, chromium_page: Any
) -> None:
    page = chromium_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    page.goto(f"{live_server.url}{FORM}")

    page.locator("button[type=submit]", has_text=nn("Send")).click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.classList.contains('ds-error-summary')")
    assert not _axe_violations(page)

    page.locator("#inquiry-kind-feilmelding").check()
    page.locator("#inquiry-text").fill("Gatelyset er knust.")
    page.locator("#inquiry-email").fill("kari@example.org")
    page.locator(".torg-map svg").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    assert page.locator("#inquiry-latitude").input_value().startswith("60.4")
    assert page.locator("#inquiry-longitude").input_value().startswith("5.4")
    assert page.locator("[data-map-status]").inner_text()
    assert page.locator(".torg-map__outline path").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert not _axe_violations(page)

    with page.expect_navigation():
        page.locator("button[type=submit]", has_text=nn("Send")).click()
    assert "/kvittering/" in page.url
    assert not _axe_violations(page)
    page.locator("a", has_text=nn("See your inquiry, the answer, and write to us again")).click()
    page.wait_for_load_state()
    assert "Gatelyset er knust." in page.content()
    assert not _axe_violations(page)
    page.goto(f"{live_server.url}/tilbakemeldingar/")
    assert not _axe_violations(page)
    assert not errors, errors
    assert not [url for url in missing if "/static/" in url or url.endswith(".geojson")], missing
