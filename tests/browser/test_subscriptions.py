"""Subscribing as people do it: a resident fills in /abonnement/ with the keyboard alone, gets the
confirmation e-mail (caught by the local SMTP sink), confirms with the button behind the link,
and unsubscribes in one click. axe-core checks every subscription page on the way."""

from __future__ import annotations

import re
import time
import urllib.request
from typing import Any

import pytest

from .conftest import PHONE, LiveSite, screenshot, sign_in
from .test_accessibility import WCAG_21_AA, describe
from .test_crisis import _choose_template, _submit

pytestmark = pytest.mark.browser

RESIDENT = "browser-subscriber@example.org"


def violations(page: Any) -> str:
    """axe-core's WCAG 2.1 A/AA violations on the page, described ("" when none)."""
    from axe_playwright_python.sync_playwright import Axe

    return describe(Axe().run(page, options=WCAG_21_AA).response["violations"])


def mail_to(site: LiveSite, address: str, count: int, timeout: float = 60) -> list[dict[str, Any]]:
    """Wait until the SMTP sink has ``count`` e-mails to ``address``; return them."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in site.gateway.mail() if address in m["to"]]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def one_click(url: str) -> int:
    """What a mail provider does for RFC 8058: POST List-Unsubscribe=One-Click, no cookies, no CSRF token."""
    request = urllib.request.Request(
        url,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_resident_subscribes_by_keyboard_confirms_from_the_mail_and_unsubscribes_in_one_click(
    live_site: LiveSite, new_page: Any
) -> None:
    resident = new_page(viewport=PHONE)
    resident.goto(live_site("/abonnement/"))
    assert resident.locator("h1").count() == 1
    assert violations(resident) == ""

    # Sending nothing shows the error summary, which must pass axe too.
    resident.locator(".torg-subscription-form button[type=submit]").focus()
    with resident.expect_navigation():
        resident.keyboard.press("Enter")
    assert resident.locator(".ds-error-summary").count() == 1
    screenshot(resident, "subscriptions-errors")
    assert violations(resident) == ""

    # The keyboard alone: e-mail as the channel, the address, everything, consent, send.
    resident.locator("#sub-wants_email").focus()
    resident.keyboard.press("Space")
    resident.locator("#sub-email").focus()
    resident.keyboard.type(RESIDENT)
    resident.locator("#sub-everything-alt").focus()
    resident.keyboard.press("Space")
    resident.locator("#sub-frequency-straks").focus()
    resident.keyboard.press("Space")
    resident.locator("#sub-consent").focus()
    resident.keyboard.press("Space")
    resident.locator("#sub-email").focus()
    with resident.expect_navigation():
        resident.keyboard.press("Enter")
    assert resident.url.endswith("/abonnement/kode/"), resident.url
    assert "b***@example.org" in resident.content()
    screenshot(resident, "subscriptions-check-mail")
    assert violations(resident) == ""

    # The confirmation e-mail reaches the SMTP sink, with the link.
    mails = mail_to(live_site, RESIDENT, 1)
    assert len(mails) == 1, "one confirmation e-mail, sent by the task worker"
    link = re.search(r"http://\S+/abonnement/stadfest/[\w-]+/", mails[0]["body"])
    assert link, mails[0]["body"]

    # The resident's mail app opens the link: a page with one button; nothing happens before it is pressed.
    confirmer = new_page(viewport=PHONE)
    confirmer.goto(link.group(0))
    assert violations(confirmer) == ""
    confirmer.locator("main button[type=submit]").focus()
    with confirmer.expect_navigation():
        confirmer.keyboard.press("Enter")
    manage_url = confirmer.url
    token = re.search(r"/abonnement/endre/([\w-]+)/$", manage_url)
    assert token, manage_url
    assert confirmer.locator(".ds-alert[data-color=success]").count() == 1
    assert confirmer.locator("#sub-everything-alt").is_checked()
    screenshot(confirmer, "subscriptions-manage")
    assert violations(confirmer) == ""

    # Receive: a member of the crisis team publishes a crisis message for the whole municipality;
    # the task worker fans it out, and the resident's mail arrives with one-click unsubscribe headers.
    staff = new_page()
    sign_in(staff, live_site, "kommunikasjon")
    _choose_template(staff, live_site)
    staff.fill("input[name=headline]", "Kokevarsel: kok drikkevatnet i heile kommunen")
    staff.fill("textarea[name=instruction]", "Kok vatnet i minst eitt minutt før du drikk det.")
    staff.check("input[name=whole_municipality]")
    staff.check("input[name=status][value=Actual]")
    _submit(staff, staff.locator("form.krisevarsel-form"))
    staff.check("input[name=confirm]")
    _submit(staff, staff.locator("form[action$='/publiser/']"))
    crisis_pk = re.search(r"/admin/krisevarsel/(\d+)/$", staff.url)
    assert crisis_pk, staff.url
    mails = mail_to(live_site, RESIDENT, 2)
    assert len(mails) == 2, "the crisis message reaches the subscriber by e-mail"
    crisis_mail = next(m for m in mails if "Kokevarsel" in m["subject"])
    headers = {name.lower(): value for name, value in crisis_mail["headers"].items()}
    assert headers["list-unsubscribe-post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = re.search(r"<(http[^>]+)>", headers["list-unsubscribe"]).group(1)  # type: ignore[union-attr]
    assert f"/abonnement/avmeld/{token.group(1)}/" in unsubscribe_url
    assert f"/varsel/{crisis_pk.group(1)}/" in crisis_mail["body"]
    assert "/abonnement/endre/" in crisis_mail["body"], "every message links to the preferences"

    # The unsubscribe page (GET) has one button; the mail provider's one-click POST ends it, twice harmlessly.
    confirmer.goto(unsubscribe_url)
    assert confirmer.locator("main form button").count() == 1
    assert violations(confirmer) == ""
    assert one_click(unsubscribe_url) == 200
    assert one_click(unsubscribe_url) == 200

    # All clear, so the banner leaves the other tests' pages; the resident, gone, gets nothing more.
    staff.goto(live_site(f"/admin/krisevarsel/{crisis_pk.group(1)}/faren-er-over/"))
    staff.check("input[name=confirm]")
    _submit(staff, staff.locator("form:has(input[name=confirm])"))
    gone = confirmer.goto(manage_url)
    assert gone is not None and gone.status == 404
    assert violations(confirmer) == ""


def test_the_code_page_and_the_done_page_pass_axe(live_site: LiveSite, new_page: Any) -> None:
    page = new_page()
    page.goto(live_site("/abonnement/kode/"))
    assert page.locator("#code-phone").count() == 1 and page.locator("#code-code").count() == 1
    assert violations(page) == ""

    page.locator("#code-code").fill("12")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".ds-error-summary").count() == 1
    assert violations(page) == ""

    # A one-click POST to a link that is already gone shows the same neutral page.
    response = page.request.post(
        live_site("/abonnement/avmeld/finst-ikkje/"),
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    page.goto(live_site("/abonnement/stadfest/finst-ikkje/"))
    assert violations(page) == ""
