"""The public journal in a browser: search → basket → request → confirm from the e-mail → a case
handler grants in the back office → the requester's e-mail links to the documents; axe-core on every page.

The test also imports the Arkade sample into the live site's database (beside the demo journal),
with the same environment the server runs in (conftest's ``_server_env`` and ``_manage``). Its
entries' documents come without files, so the handler uploads the document with the grant.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .conftest import DESKTOP, PHONE, LiveSite, _manage, _server_env, screenshot, sign_in
from .test_accessibility import WCAG_21_AA, describe

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" if (ROOT.parent / "shared").is_dir() else Path("/work/shared")
SAMPLE = SHARED / "reference" / "noark5" / "samples" / "arkade5-Noark5Archive" / "arkivstruktur.xml"
REQUESTER = "browser-innsyn@example.org"
HANDLER = "kommsjef"  # a municipality-wide role: decides entries of every service area
# The document the handler sends: a small, valid PDF.
DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

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


def _mail_to(site: LiveSite, address: str, timeout: float = 60, count: int = 1) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in site.gateway.mail() if address in str(m.get("to"))]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def _axe_admin(page: Any) -> str:
    """axe on a back-office page: our content (Wagtail's own frame is Wagtail's to fix)."""
    from axe_playwright_python.sync_playwright import Axe

    # Wagtail fades its messages in: measure colours once nothing in the content moves.
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running' || !a.effect?.target?.closest?.('main'))"
    )
    result = Axe().run(page, context={"include": [["main"]]}, options=WCAG_21_AA)
    return describe(result.response["violations"])


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
        page.locator("main form[action='/innsyn/'] button[type=submit]").first.click()
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
    number = re.search(r"^- (\d{4}/\d+) ", mails[-1]["body"], re.MULTILINE)
    assert number is not None, mails[-1]["body"]

    # A case handler grants the request in the back office.
    staff = new_page()
    sign_in(staff, live_site, HANDLER)
    staff.goto(live_site("/admin/innsyn/"))
    screenshot(staff, "innsyn-queue")
    found = _axe_admin(staff)
    assert not found, f"axe on /admin/innsyn/:\n{found}"
    with staff.expect_navigation():
        staff.locator("table.innsyn-queue a", has_text=number.group(1)).first.click()
    assert REQUESTER in staff.content()  # the case page shows who asked (and logs that it was seen)
    found = _axe_admin(staff)
    assert not found, f"axe on the case page:\n{found}"
    screenshot(staff, "innsyn-case")
    # A refusal without a legal basis or meirinnsyn comes back with the errors beside the fields.
    staff.locator("input[name=decision][value=avslatt]").check()
    with staff.expect_navigation():
        staff.locator("#avgjerd form button[type=submit]").click()
    assert staff.url.endswith("/avgjer/") and staff.locator("input[name=decision]").count() == 3
    found = _axe_admin(staff)
    assert not found, f"axe on the form with errors:\n{found}"
    staff.locator("input[name=decision][value=innvilga]").check()
    staff.locator("input[name=redacted_file]").set_input_files(
        files=[{"name": "dokument.pdf", "mimeType": "application/pdf", "buffer": DOCUMENT}]
    )
    with staff.expect_navigation():
        staff.locator("#avgjerd form button[type=submit]").click()
    screenshot(staff, "innsyn-granted")
    assert "#avgjerd" in staff.url and staff.locator("input[name=decision]").count() == 0
    assert not _axe_admin(staff)
    staff.goto(live_site("/admin/innsyn/svartider/"))
    assert staff.locator("table tbody tr").count() >= 1
    found = _axe_admin(staff)
    assert not found, f"axe on the answer times:\n{found}"

    # The requester's answer arrives, with a link that downloads the document.
    answers = [m for m in _mail_to(live_site, REQUESTER, count=2) if "/innsyn/utlevering/" in m["body"]]
    assert answers, "no answer with the documents"
    link = re.search(r"https?://\S+/innsyn/utlevering/\S+/", answers[0]["body"])
    assert link is not None, answers[0]["body"]
    download = page.request.get(link.group(0))
    assert download.status == 200, (
        f"{link.group(0)} gave {download.status}: is handling.urls included in innsyn/urls.py?"
    )
    assert download.body() == DOCUMENT
    assert download.headers["content-disposition"].startswith("attachment")


APPELLANT = "browser-klage@example.org"


def test_refusal_appeal_and_the_answer_to_it(live_site: LiveSite, journal: dict[str, Any], new_page: Any) -> None:
    """A request is refused; the requester appeals from the letter's link, by keyboard; the handler keeps
    the decision and the requester is told the appeal goes to Statsforvaltaren. axe on every page."""
    page = new_page()
    page.goto(live_site(f"/innsyn/journalpost/{journal['entry']}/"))
    with page.expect_navigation():
        page.locator("form[action='/innsyn/korg/legg-til/'] button").first.click()
    page.goto(live_site("/innsyn/korg/"))
    page.fill("#id_email", APPELLANT)
    with page.expect_navigation():
        page.locator("form[action='/innsyn/korg/'] button[type=submit]").click()
    confirm = re.search(r"https?://[^\s\"']+/innsyn/stadfest/[\w-]+/", json.dumps(_mail_to(live_site, APPELLANT)))
    assert confirm is not None
    page.goto(confirm.group(0))
    with page.expect_navigation():
        page.locator(f"form[action='{urlsplit(confirm.group(0)).path}'] button[type=submit]").click()
    number = re.search(r"^- (\d{4}/\d+) ", _mail_to(live_site, APPELLANT)[-1]["body"], re.MULTILINE)
    assert number is not None

    staff = new_page()
    sign_in(staff, live_site, HANDLER)
    staff.goto(live_site("/admin/innsyn/"))
    with staff.expect_navigation():
        staff.locator("table.innsyn-queue a", has_text=number.group(1)).first.click()
    case_path = urlsplit(staff.url).path
    staff.locator("input[name=decision][value=avslatt]").check()
    staff.select_option("select[name=basis]", "14")
    staff.locator("input[name=meirinnsyn_considered]").check()
    with staff.expect_navigation():
        staff.locator("#avgjerd form button[type=submit]").click()
    assert staff.locator("input[name=decision]").count() == 0

    letters = [m for m in _mail_to(live_site, APPELLANT, count=3) if "/innsyn/klage/" in m["body"]]
    assert letters, "the refusal has no appeal link"
    appeal = re.search(r"https?://\S+/innsyn/klage/\S+/", letters[0]["body"])
    assert appeal is not None
    page.goto(appeal.group(0))
    found = _axe(page)
    assert not found, f"axe on the appeal page:\n{found}"
    # By keyboard: into the text area, type, then Tab to the button and press Enter.
    page.locator("#id_text").focus()
    page.keyboard.type("Eg meiner dokumentet bør vera ope.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_text").count() == 0
    screenshot(page, "innsyn-appeal-received")
    found = _axe(page)
    assert not found, f"axe on the appeal receipt:\n{found}"

    staff.goto(live_site(case_path))
    assert "Eg meiner dokumentet bør vera ope." in staff.content()
    found = _axe_admin(staff)
    assert not found, f"axe on the case page with the appeal:\n{found}"
    staff.locator("input[name=outcome][value=oversend]").check()
    staff.fill("#klage textarea[name=reasoning]", "Notatet er organinternt, og meirinnsyn er vurdert.")
    with staff.expect_navigation():
        staff.locator("#klage form button[type=submit]").click()
    assert staff.locator("input[name=outcome]").count() == 0
    screenshot(staff, "innsyn-appeal-answered")

    sent_on = [m for m in _mail_to(live_site, APPELLANT, count=5) if "Notatet er organinternt" in m["body"]]
    assert sent_on and "Statsforvaltaren" in sent_on[0]["body"]


def test_the_archive_imports_a_journal_and_clears_a_held_back_text(
    live_site: LiveSite, journal: dict[str, Any], new_page: Any
) -> None:
    """The archive page: upload a journal, follow the run to its end, read a held-back text and clear it."""
    staff = new_page()
    sign_in(staff, live_site, "admin")
    staff.goto(live_site("/admin/innsyn/arkiv/"))
    found = _axe_admin(staff)
    assert not found, f"axe on the archive page:\n{found}"
    runs = staff.locator("#imports tbody tr").count()
    staff.set_input_files("input[name=file]", str(SAMPLE.with_name("offentligJournal.xml")))
    with staff.expect_navigation():
        staff.locator("#importer button[type=submit]").click()
    deadline = time.monotonic() + 60
    while staff.locator("#imports tbody tr progress").count() and time.monotonic() < deadline:
        time.sleep(1)
        staff.reload()
    assert staff.locator("#imports tbody tr").count() == runs + 1
    assert staff.locator("#imports tbody tr progress").count() == 0, "the import did not finish in a minute"
    screenshot(staff, "innsyn-archive")
    found = _axe_admin(staff)
    assert not found, f"axe on the archive page after the import:\n{found}"

    held = staff.locator("#halde-tilbake li a")
    before = held.count()
    assert before >= 1, "the demo journal holds two texts back"
    with staff.expect_navigation():
        held.first.click()
    assert staff.locator("main mark").count() >= 1
    found = _axe_admin(staff)
    assert not found, f"axe on a held-back text:\n{found}"
    with staff.expect_navigation():
        staff.locator("main form button[type=submit]").click()
    assert staff.locator("#halde-tilbake li a").count() == before - 1
