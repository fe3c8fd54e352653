"""A keyboard-only resident answers "Forstod du teksten?" under a service page; no WCAG violations."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import LiveSite, screenshot
from .test_accessibility import WCAG_21_AA, describe
from .test_keyboard import _focused, _tab_until

pytestmark = pytest.mark.browser


def _no_violations(page: Any, where: str) -> None:
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert not violations, f"axe found violations in {where}:\n{describe(violations)}"


def test_a_resident_answers_by_keyboard_and_is_thanked(live_site: LiveSite, new_page: Any) -> None:
    page = new_page()
    page.goto(live_site(live_site.pages["service"]))
    _no_violations(page, "the question under a service page")

    _tab_until(page, lambda f: f["tag"] == "input" and f["id"] == "forstod-ja")
    page.keyboard.press("ArrowDown")  # radio group: moves to "Nei" and selects it
    assert _focused(page)["id"] == "forstod-nei"
    page.keyboard.press("Tab")
    page.keyboard.type("Eg forstod ikkje kva «vedtak» betyr.")
    focused = _tab_until(page, lambda f: f["tag"] == "button" and "Send" in f["text"])
    assert focused["text"]
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "forstod=takk" in page.url
    assert page.get_by_role("status").inner_text().startswith("Takk")
    screenshot(page, "text-feedback-thanks")
    _no_violations(page, "the thanks under a service page")


def test_sending_without_choosing_shows_a_clear_error_without_violations(live_site: LiveSite, new_page: Any) -> None:
    page = new_page()
    page.goto(live_site(live_site.pages["service"]))
    page.locator("#forstod-comment").fill("Lang tekst.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send svaret").click()

    assert "Vel ja eller nei." in page.content()
    assert page.locator("#forstod-comment").input_value() == "Lang tekst."
    screenshot(page, "text-feedback-error")
    _no_violations(page, "the answer page with an error")


def test_the_question_about_a_letter_is_answered_by_keyboard_without_violations(
    live_site: LiveSite, new_page: Any
) -> None:
    page = new_page()
    page.goto(live_site(live_site.pages["letter_feedback"]))
    _no_violations(page, "the question about a letter")

    _tab_until(page, lambda f: f["tag"] == "input" and f["id"] == "forstod-ja")
    page.keyboard.press("Space")
    _tab_until(page, lambda f: f["tag"] == "button" and "Send" in f["text"])
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("status").inner_text().startswith("Takk")
    _no_violations(page, "the thanks for an answer about a letter")
