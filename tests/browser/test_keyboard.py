"""A visitor with only a keyboard: skip link first, then search, then a service."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import LiveSite, screenshot

pytestmark = pytest.mark.browser

MAX_TABS = 80


def _focused(page: Any) -> dict[str, Any]:
    return dict(
        page.evaluate(
            """() => {
                const el = document.activeElement;
                return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                        href: el.getAttribute('href'), text: (el.innerText || '').trim()};
            }"""
        )
    )


def _tab_until(page: Any, wanted: Any) -> dict[str, Any]:
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if wanted(focused):
            return focused
        seen.append(focused)
    raise AssertionError(f"Tab never reached it in {MAX_TABS} presses; focus went: {seen}")


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_site: LiveSite, new_page: Any) -> None:
    page = new_page()
    page.goto(live_site("/"))

    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["href"] == "#main", f"the first Tab stop is {first}, not the skip link"
    assert page.locator(":focus").is_visible()
    screenshot(page, "keyboard-skip-link")

    page.keyboard.press("Enter")
    assert _focused(page)["id"] == "main"


def test_keyboard_only_visitor_searches_and_opens_a_service(live_site: LiveSite, new_page: Any) -> None:
    page = new_page()
    page.goto(live_site("/"))
    title = live_site.pages["service_title"]

    _tab_until(page, lambda f: f["tag"] == "input" and f["id"] == "site-search")
    page.keyboard.type(title)
    page.keyboard.press("Enter")
    page.wait_for_url("**/sok/?q=*")
    screenshot(page, "keyboard-search-results")

    service = live_site.pages["service"]
    _tab_until(page, lambda f: f["tag"] == "a" and (f["href"] or "").endswith(service) and f["href"] != "/")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{service}")
    assert page.locator("h1").inner_text().strip() == title
    screenshot(page, "keyboard-service-page")
