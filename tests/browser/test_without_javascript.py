"""Every page works without JavaScript: read a service, search the site."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import LiveSite, screenshot

pytestmark = pytest.mark.browser


def test_service_page_and_search_work_without_javascript(live_site: LiveSite, new_page: Any) -> None:
    page = new_page(java_script_enabled=False)
    title = live_site.pages["service_title"]

    response = page.goto(live_site(live_site.pages["service"]))
    assert response is not None and response.status == 200
    assert page.locator("h1").inner_text().strip() == title

    page.locator("#site-search").fill(title)
    page.locator("#site-search").press("Enter")
    page.wait_for_url("**/sok/?q=*")

    results = page.locator("main a", has_text=title)
    assert results.count() >= 1, "the service should be among the search results"
    screenshot(page, "no-js-search-results")
