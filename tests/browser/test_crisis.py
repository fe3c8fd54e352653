"""The crisis team publishes a crisis message from a template; the banner shows on every page type; all clear.

A member of the crisis team (the mayor) signs in, writes from a prepared
template, previews and publishes with a confirmation. Anonymous visitors
(served through the page cache) then see the crisis page in place of the
front page and the banner on every other page type; axe-core finds no WCAG
2.1 A/AA violations on the crisis page, the message's page and a page with
the banner. "Faren er over" takes it all away again.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, LiveSite, screenshot, sign_in

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
HEADLINE = "Flaum i Storelva: hald deg unna elvebreidda ved Nedre bru"
INSTRUCTION = "Hald deg unna elva. Flytt bilen om han står nær vatnet."
BANNER = "section.torg-crisis-banner"


def _axe_clean(page: Any, where: str) -> None:
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    summary = "\n".join(f"- {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:5]]}" for v in violations)
    assert not violations, f"axe found {len(violations)} violation(s) on {where}:\n{summary}"


def _submit(page: Any, form: Any) -> None:
    with page.expect_navigation():
        form.locator("button[type=submit]").last.click()


def _choose_template(page: Any, site: LiveSite) -> None:
    """Start from the "Flaum" template (the demo's; made here through the back office if the demo has none)."""
    page.goto(site("/admin/krisevarsel/ny/"))
    template = page.locator("a[href*='?mal=']", has_text="Flaum")
    if template.count() == 0:
        page.goto(site("/admin/krisevarsel/malar/add/"))
        page.fill("input[name=name]", "Flaum")
        page.fill("input[name=event]", "Flaum")
        page.select_option("select[name=category]", "Met")
        page.fill("input[name=headline]", "Flaum i [elv]")
        page.fill("textarea[name=description]", "[Elva] går over breiddene.")
        page.fill("textarea[name=instruction]", "Hald deg unna elva.")
        with page.expect_navigation():
            page.locator("form:has(input[name=headline]) button[type=submit]").first.click()
        page.goto(site("/admin/krisevarsel/ny/"))
        template = page.locator("a[href*='?mal=']", has_text="Flaum")
    with page.expect_navigation():
        template.first.click()
    assert "?mal=" in page.url


def _publish_from_template(page: Any, site: LiveSite) -> int:
    _choose_template(page, site)
    page.fill("input[name=headline]", HEADLINE)
    page.fill("textarea[name=description]", "Storelva går over breiddene ved Nedre bru. Vegen langs elva er stengd.")
    page.fill("textarea[name=instruction]", INSTRUCTION)
    places = page.locator("input[name=places]")
    if places.count():
        places.first.check()
    else:
        page.check("input[name=whole_municipality]")
    page.check("input[name=replace_front_page]")
    page.check("input[name=status][value=Actual]")
    _submit(page, page.locator("form.krisevarsel-form"))
    match = re.search(r"/admin/krisevarsel/(\d+)/$", page.url)
    assert match, f"not on the preview page: {page.url}"
    preview = page.locator("main").inner_text()
    assert HEADLINE in preview
    assert f"/varsel/{match.group(1)}/" in preview  # the link in the SMS and the e-mail
    screenshot(page, "crisis-admin-preview")

    publish_form = page.locator("form[action$='/publiser/']")
    _submit(page, publish_form)  # without the confirmation: refused
    assert page.locator("input[name=confirm]").count() == 1
    page.check("input[name=confirm]")
    _submit(page, page.locator("form[action$='/publiser/']"))
    assert page.locator("a[href$='/faren-er-over/']").count() == 1
    return int(match.group(1))


def test_crisis_team_publishes_the_banner_shows_everywhere_and_all_clear_removes_it(
    live_site: LiveSite, new_page: Any
) -> None:
    staff = new_page()
    sign_in(staff, live_site, "ordforar")
    pages = live_site.pages
    banner_paths = [pages["service"], pages["news"], pages["servicetorget"], pages["alerts"], pages["service_index"]]

    visitor = new_page()
    visitor.goto(live_site("/"))  # the normal front page, now in the page cache
    normal_title = visitor.title()
    assert visitor.locator(BANNER).count() == 0

    pk = _publish_from_template(staff, live_site)

    # The front page is the crisis page (not the cached normal front page).
    visitor.goto(live_site("/"))
    assert visitor.locator("h1").inner_text().strip() == HEADLINE
    assert INSTRUCTION in visitor.locator("main").inner_text()
    assert visitor.locator(f"main a[href='/varsel/{pk}/']").count() == 1
    screenshot(visitor, "crisis-front-page")
    _axe_clean(visitor, "the crisis front page")

    for path in banner_paths:
        visitor.goto(live_site(path))
        banner = visitor.locator(BANNER)
        assert banner.count() == 1, f"no banner on {path}"
        assert HEADLINE in banner.inner_text()
        assert banner.locator(f"a[href='/varsel/{pk}/']").count() == 1
        assert visitor.locator("h1").count() == 1
    visitor.goto(live_site(pages["service"]))
    screenshot(visitor, "crisis-banner-service")
    _axe_clean(visitor, f"{pages['service']} with the banner")

    phone = new_page(viewport=PHONE)
    phone.goto(live_site(pages["news"]))
    assert phone.locator(BANNER).count() == 1
    screenshot(phone, "crisis-banner-news-phone")
    _axe_clean(phone, f"{pages['news']} with the banner (phone)")

    visitor.goto(live_site(f"/varsel/{pk}/"))
    assert visitor.locator("h1").inner_text().strip().endswith(HEADLINE)
    _axe_clean(visitor, f"/varsel/{pk}/")

    # All clear ("Faren er over"), confirmed.
    staff.goto(live_site(f"/admin/krisevarsel/{pk}/faren-er-over/"))
    staff.check("input[name=confirm]")
    _submit(staff, staff.locator("form:has(input[name=confirm])"))

    # A new visitor (/varsel/ lets browsers keep it for 30 seconds, so not the same browser).
    visitor = new_page()
    for path in ["/", *banner_paths]:
        visitor.goto(live_site(path))
        assert visitor.locator(BANNER).count() == 0, f"the banner is still on {path}"
    visitor.goto(live_site("/"))
    assert visitor.title() == normal_title
    visitor.goto(live_site(f"/varsel/{pk}/"))
    assert visitor.locator("[data-color=success]").count() >= 1
    _axe_clean(visitor, f"/varsel/{pk}/ after the all clear")


def test_without_javascript_the_crisis_team_can_publish_and_cancel_a_drill_that_the_public_never_sees(
    live_site: LiveSite, new_page: Any
) -> None:
    staff = new_page(java_script_enabled=False, viewport=DESKTOP)
    # The head of communication (another second-factor device: a code is accepted once per user).
    sign_in(staff, live_site, "kommsjef")
    _choose_template(staff, live_site)
    staff.fill("input[name=headline]", "Øving: flaum i Storelva")
    staff.check("input[name=whole_municipality]")
    staff.check("input[name=status][value=Exercise]")
    _submit(staff, staff.locator("form.krisevarsel-form"))
    pk = int(re.search(r"/admin/krisevarsel/(\d+)/$", staff.url).group(1))  # type: ignore[union-attr]
    staff.check("input[name=confirm]")
    _submit(staff, staff.locator("form[action$='/publiser/']"))

    visitor = new_page()
    for path in ("/", live_site.pages["service"], "/varsel/"):
        visitor.goto(live_site(path))
        assert visitor.locator(BANNER).count() == 0
        assert "Øving: flaum i Storelva" not in visitor.content()

    staff.goto(live_site(f"/admin/krisevarsel/{pk}/faren-er-over/"))
    staff.check("input[name=confirm]")
    _submit(staff, staff.locator("form:has(input[name=confirm])"))
    assert staff.locator("a[href$='/faren-er-over/']").count() == 0
