"""Every public page type passes axe-core's WCAG 2.1 A and AA rules, on a desktop and on a phone."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, LiveSite, screenshot

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PAGE_KINDS = [
    "home",
    "service_index",
    "service_area",
    "service",
    "news_index",
    "news",
    "event_index",
    "event",
    "search",
    "accessibility",
    "contact",
    "article",
    "servicetorget",
    "feedback_list",
    "feedback_public",
    "alerts",
    "crisis_message",
    "subscribe",
    "subscribe_code",
    "subscribe_confirm",
    "unsubscribe_unknown",
    "innsyn_search",
    "innsyn_criteria",
    "mi_side",
    "mi_side_link_unknown",
    "not_found",
]


def _path(site: LiveSite, kind: str) -> tuple[str, int]:
    """The path of a page of this kind, and the status it should answer."""
    if kind == "search":
        word = site.pages["service_title"].split()[0]
        return f"/sok/?q={quote(word)}", 200
    if kind == "not_found":
        return "/finst-ikkje-denne-sida/", 404
    if kind == "unsubscribe_unknown":
        return "/abonnement/avmeld/finst-ikkje/", 404
    fixed = {
        "innsyn_search": ("/innsyn/?q=vedtak", 200),
        "innsyn_criteria": ("/innsyn/kriterium/", 200),
        "mi_side": ("/mi-side/", 200),
        "mi_side_link_unknown": ("/mi-side/inn/finst-ikkje/", 410),
    }
    if kind in fixed:
        return fixed[kind]
    return site.pages[kind], 200


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '').splitlines()[-1:]}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_public_page_has_no_wcag_21_aa_violations(live_site: LiveSite, new_page: Any, kind: str, width: str) -> None:
    page = new_page(viewport=DESKTOP if width == "desktop" else PHONE)
    path, status = _path(live_site, kind)

    response = page.goto(live_site(path))

    assert response is not None
    assert response.status == status, f"{path} answered {response.status}"
    assert page.locator("h1").count() == 1, f"{path} should have exactly one h1"
    screenshot(page, f"{kind}-{width}")
    results = Axe().run(page, options=WCAG_21_AA)
    violations = results.response["violations"]
    assert not violations, f"axe found {len(violations)} violation(s) on {path} ({width}):\n{describe(violations)}"
