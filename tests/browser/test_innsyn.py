"""The public journal in a browser: search → basket → request → confirm from the e-mail; axe-core on every page.

The demo has no journal, so the test imports the Arkade sample into the live site's database first,
with the same environment the server runs in (conftest's ``_server_env`` and ``_manage``).
"""

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
REQUESTER = "browser-innsyn@example.org"

_FIND = """
import json
from torg.innsyn.queries import published_entries
entry = published_entries().order_by("pk").first()
print("TORG-INNSYN " + json.dumps({"entry": entry.pk, "case": entry.saksmappe_id, "word": entry.offentlig_tittel.split()[0]}))
"""


@pytest.fixture(scope="module")
def journal(live_site: LiveSite, browser_database: str | None) -> dict[str, Any]:
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE} is missing")
    env = _server_env(live_site.gateway.directory.parent, browser_database, live_site.gateway)
    _manage(env, "import_journal", str(SAMPLE), "--quiet-progress")
    line = next(x for x in _manage(env, "shell", "-c", _FIND).splitlines() if x.startswith("TORG-INNSYN"))
    return dict(json.loads(line.removeprefix("TORG-INNSYN ")))


def _axe(page: Any) -> str:
    from axe_playwright_python.sync_playwright import Axe

    return describe(Axe().run(page, options=WCAG_21_AA).response["violations"])


def _mail_to(site: LiveSite, address: str, timeout: float = 60) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in site.gateway.mail() if address in str(m.get("to"))]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_journal_pages_have_no_wcag_21_aa_violations(
    live_site: LiveSite, journal: dict[str, Any], new_page: Any, width: str
) -> None:
    page = new_page(viewport=DESKTOP if width == "desktop" else PHONE)
    paths = [
        "/innsyn/",
        f"/innsyn/?q={journal['word']}&sorter=dato",
        "/innsyn/?fra=2099-01-01&til=2000-01-01",  # the error summary
        f"/innsyn/sak/{journal['case']}/",
        f"/innsyn/journalpost/{journal['entry']}/",
        "/innsyn/korg/",
        "/innsyn/kriterium/",
    ]
    for path in paths:
        response = page.goto(live_site(path))
        assert response is not None and response.status in (200, 400), path
        assert page.locator("h1").count() == 1, path
        found = _axe(page)
        assert not found, f"axe on {path} ({width}):\n{found}"


def test_search_basket_request_and_confirm(live_site: LiveSite, journal: dict[str, Any], new_page: Any) -> None:
    # The pages are plain forms (no script of their own); axe needs JavaScript in the browser.
    page = new_page()
    page.goto(live_site("/innsyn/"))
    page.fill("#id_q", journal["word"])
    with page.expect_navigation():
        page.locator("main form[action='/innsyn/'] button[type=submit]").click()
    link = page.locator("ol.torg-list h3 a").first
    assert link.count() == 1
    with page.expect_navigation():
        page.locator("form[action='/innsyn/korg/legg-til/'] button").first.click()
    page.goto(live_site("/innsyn/korg/"))
    assert page.locator("form[action='/innsyn/korg/fjern/']").count() == 1
    assert not _axe(page)
    page.fill("#id_email", REQUESTER)
    with page.expect_navigation():
        page.locator("form[action='/innsyn/korg/'] button[type=submit]").click()
    assert "/innsyn/korg/sendt/" in page.url
    screenshot(page, "innsyn-receipt")
    assert not _axe(page)

    mails = _mail_to(live_site, REQUESTER)
    assert mails, "no confirmation e-mail"
    match = re.search(r"https?://[^\s\"']+/innsyn/stadfest/[\w-]+/", json.dumps(mails[-1]))
    assert match is not None
    page.goto(match.group(0))
    assert not _axe(page)
    with page.expect_navigation():
        page.locator(f"form[action='{urlsplit(match.group(0)).path}'] button[type=submit]").click()
    assert page.locator("h1").count() == 1
    screenshot(page, "innsyn-confirmed")
    assert not _axe(page)
