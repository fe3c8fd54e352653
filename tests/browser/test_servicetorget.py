"""The whole Servicetorget flow as people do it: a resident asks, gets the receipt by e-mail
(caught by the local SMTP sink), follows the private link, the service desk answers in the
back office, and the resident reads the answer. axe-core checks every public page on the way."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest

from .conftest import PHONE, LiveSite, screenshot, sign_in
from .test_accessibility import WCAG_21_AA, describe

pytestmark = pytest.mark.browser

RESIDENT = "browser-resident@example.org"
QUESTION = "Kva tid opnar symjehallen att etter oppussinga? Eg vil gjerne ta med barna."
ANSWER = "Symjehallen opnar att måndag 4. januar. Velkomen!"


def violations(page: Any) -> str:
    """axe-core's WCAG 2.1 A/AA violations on the page, described ("" when none)."""
    from axe_playwright_python.sync_playwright import Axe

    return describe(Axe().run(page, options=WCAG_21_AA).response["violations"])


def _mail_to(live_site: LiveSite, address: str, count: int, timeout: float = 60) -> list[dict[str, Any]]:
    """Wait until the SMTP sink has ``count`` e-mails to ``address``; return them."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in live_site.gateway.mail() if address in m["to"]]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def test_resident_asks_gets_the_receipt_by_mail_and_reads_the_answer_from_the_service_desk(
    live_site: LiveSite, new_page: Any
) -> None:
    resident = new_page(viewport=PHONE)
    resident.goto(live_site("/servicetorget/"))
    assert violations(resident) == ""
    # The promise is visible before sending.
    assert "arbeidsdag" in resident.content()

    # Send it with the keyboard alone: the type, what it is about, the text, the address.
    resident.locator("#inquiry-kind-sporsmal").focus()
    resident.keyboard.press("Space")
    about = resident.locator("#inquiry-about")
    first_service = about.locator("optgroup option").first.get_attribute("value")
    about.select_option(first_service)
    resident.locator("#inquiry-text").focus()
    resident.keyboard.type(QUESTION)
    resident.locator("#inquiry-email").focus()
    resident.keyboard.type(RESIDENT)
    with resident.expect_navigation():
        resident.keyboard.press("Enter")
    assert "/kvittering/" in resident.url
    screenshot(resident, "servicetorget-receipt")
    assert violations(resident) == ""
    reference = re.search(r"ST-[2-9A-HJ-NP-Z]{6}", resident.content())
    assert reference, "the receipt shows the reference"
    reference_text = reference.group(0)

    # The receipt e-mail reaches the SMTP sink, with the private link.
    receipts = _mail_to(live_site, RESIDENT, 1)
    assert len(receipts) == 1, "one receipt, sent by the task worker"
    assert reference_text in receipts[0]["subject"]
    link = re.search(r"http://\S+/servicetorget/" + reference_text + r"/\?k=\w+", receipts[0]["body"])
    assert link, receipts[0]["body"]

    # Another browser (the resident's mail app): the link opens the case without the key in the address.
    follower = new_page(viewport=PHONE)
    follower.goto(link.group(0))
    assert "?k=" not in follower.url
    assert QUESTION in follower.content()
    assert violations(follower) == ""

    # The service desk answers in the back office.
    staff = new_page()
    sign_in(staff, live_site, "servicetorget")
    staff.goto(live_site(f"/admin/servicetorget/?q={reference_text}"))
    with staff.expect_navigation():
        staff.locator("a", has_text=reference_text).first.click()
    assert QUESTION in staff.content()
    staff.locator("#svar-skjema textarea").fill(ANSWER)
    with staff.expect_navigation():
        staff.locator("#svar-skjema button[type=submit]:not([name=check])").click()
    screenshot(staff, "servicetorget-staff-answered")
    assert ANSWER in staff.content()

    # The resident sees the answer on the page and in the e-mail.
    follower.reload()
    assert ANSWER in follower.content()
    screenshot(follower, "servicetorget-answered")
    assert violations(follower) == ""
    mails = _mail_to(live_site, RESIDENT, 2)
    assert len(mails) == 2 and ANSWER in mails[1]["body"]

    # The other public page of the flow.
    follower.goto(live_site("/tilbakemeldingar/"))
    assert violations(follower) == ""
