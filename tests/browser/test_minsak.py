"""Mi sak as a resident uses it: ask for a login link, open it from the e-mail (caught by the local
SMTP sink), see an inquiry and an access request in one inbox, open both, log out. axe-core checks
the login page, the link pages, the inbox and the item page; the e-mail login also works without
JavaScript."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, PHONE, LiveSite, _manage, _server_env, screenshot
from .test_accessibility import WCAG_21_AA, describe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
SAMPLE = SHARED / "reference" / "noark5" / "samples" / "arkade5-Noark5Archive" / "arkivstruktur.xml"
RESIDENT = "browser-minsak@example.org"
TITLE = "Brøyting av vegen til skulen"

# Run in the server's environment: one inquiry and one confirmed access request from the resident.
_CASES = f"""
import json
from torg.inquiries.actions import Contact, submit_inquiry
from torg.innsyn.queries import published_entries
from torg.innsyn.requests import submit_request, verify_request
entry = published_entries().order_by("pk").first()
inquiry = submit_inquiry(kind="sporsmal", text="Når blir vegen til skulen brøyta i morgon?", channel="web",
                         contact=Contact(name="Kari", email="{RESIDENT}"), title="{TITLE}").inquiry
krav, token = submit_request(email="{RESIDENT}", entry_ids=[entry.pk], message="Helst som PDF.")
verify_request(token=token)
print("TORG-MINSAK " + json.dumps({{"reference": inquiry.reference, "krav": krav.pk, "entry_title": entry.offentlig_tittel}}))
"""


@pytest.fixture(scope="module")
def resident_cases(live_site: LiveSite, browser_database: str | None) -> dict[str, Any]:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is missing")
    env = _server_env(live_site.gateway.directory.parent, browser_database, live_site.gateway)
    env["TORG_BASE_URL"] = live_site.url
    _manage(env, "import_journal", str(SAMPLE), "--quiet-progress")
    line = next(x for x in _manage(env, "shell", "-c", _CASES).splitlines() if x.startswith("TORG-MINSAK"))
    return dict(json.loads(line.removeprefix("TORG-MINSAK ")))


def violations(page: Any) -> str:
    from axe_playwright_python.sync_playwright import Axe

    return describe(Axe().run(page, options=WCAG_21_AA).response["violations"])


def login_links(site: LiveSite, count: int, timeout: float = 60) -> list[str]:
    """Wait until the SMTP sink has ``count`` login e-mails to the resident; the links in them."""
    deadline = time.monotonic() + timeout
    while True:
        links = [
            match.group(0)
            for mail in site.gateway.mail()
            if RESIDENT in str(mail["to"])
            for match in [re.search(r"https?://\S+/mi-side/inn/[\w-]+/", mail["body"])]
            if match
        ]
        if len(links) >= count or time.monotonic() > deadline:
            return links
        time.sleep(0.5)


def test_resident_logs_in_by_email_link_sees_both_cases_and_logs_out(
    live_site: LiveSite, resident_cases: dict[str, Any], new_page: Any
) -> None:
    page = new_page(viewport=PHONE)
    response = page.goto(live_site("/mi-side/"))
    assert response is not None and response.status == 200
    assert page.locator("h1").count() == 1
    screenshot(page, "minsak-login-phone")
    assert violations(page) == ""

    # A wrong address: the error summary, which must pass axe too.
    page.fill("#id_email", "ikkje ei adresse")
    with page.expect_navigation():
        page.locator("form[action='/mi-side/epost/'] button[type=submit]").click()
    assert page.locator(".ds-error-summary").count() == 1
    assert violations(page) == ""

    # The keyboard alone: the address, then Enter.
    page.locator("#id_email").fill("")
    page.locator("#id_email").focus()
    page.keyboard.type(RESIDENT)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/mi-side/epost/sendt/"), page.url
    assert "b***@example.org" in page.content()
    assert violations(page) == ""

    [link] = login_links(live_site, 1)
    page.goto(link)
    assert page.locator("main form button[type=submit]").count() == 1, "the link only shows a button"
    assert violations(page) == ""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert urlsplit(page.url).path == "/mi-side/"

    # The inbox: both cases, each with its status in words; axe on a phone and on a desktop.
    items = page.locator("ol.torg-minsak-items > li")
    assert items.count() == 2
    inbox = page.content()
    assert TITLE in inbox and resident_cases["reference"] in inbox
    assert resident_cases["entry_title"][:40] in inbox
    assert page.locator("ol.torg-minsak-items .ds-tag").count() == 2
    screenshot(page, "minsak-inbox-phone")
    assert violations(page) == ""
    page.set_viewport_size(DESKTOP)
    screenshot(page, "minsak-inbox-desktop")
    assert violations(page) == ""

    # The access request's page: the entry with its status, and the resident's message.
    with page.expect_navigation():
        page.locator(f"a[href='/mi-side/sak/innsyn/{resident_cases['krav']}/']").click()
    assert page.locator("h1").count() == 1
    assert "Helst som PDF." in page.content()
    assert page.locator("main .ds-tag").count() >= 2
    screenshot(page, "minsak-request")
    assert violations(page) == ""

    # The inquiry opens on Servicetorget's follow page, without the key in the address.
    page.goto(live_site("/mi-side/"))
    with page.expect_navigation():
        page.locator(f"a[href='/mi-side/sak/servicetorget/{resident_cases['reference']}/']").click()
    assert urlsplit(page.url).path == f"/servicetorget/{resident_cases['reference']}/"
    assert "?k=" not in page.url and TITLE in page.content()

    # Log out: back on the login page, and the inquiry is closed to this browser again.
    page.goto(live_site("/mi-side/"))
    with page.expect_navigation():
        page.locator("form[action='/mi-side/logg-ut/'] button").click()
    assert page.locator("form[action='/mi-side/epost/']").count() == 1
    assert page.locator(".ds-alert[data-color=success]").count() == 1
    assert violations(page) == ""
    gone = page.goto(live_site(f"/servicetorget/{resident_cases['reference']}/"))
    assert gone is not None and gone.status == 404
    again = page.goto(link)
    assert again is not None and again.status == 410, "the link worked once"


def test_the_email_login_works_without_javascript(
    live_site: LiveSite, resident_cases: dict[str, Any], new_page: Any
) -> None:
    before = len(login_links(live_site, 0, timeout=0))
    page = new_page(java_script_enabled=False)
    page.goto(live_site("/mi-side/"))
    page.fill("#id_email", RESIDENT)
    with page.expect_navigation():
        page.locator("form[action='/mi-side/epost/'] button[type=submit]").click()
    assert page.url.endswith("/mi-side/epost/sendt/")

    links = login_links(live_site, before + 1)
    assert len(links) == before + 1
    page.goto(links[-1])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("ol.torg-minsak-items > li").count() == 2
