"""A real Torg server with the demo loaded, and Chromium driven by Playwright.

The server runs in a subprocess (granian with torg.wsgi, as `make run` starts
it) against a temporary var dir: SQLite there by default, or, when
DATABASE_URL points at PostgreSQL, a database of its own
(``torg_browser_<pid>``) that is dropped afterwards, so the run never meets
pytest-django's test database. Settings: torg.settings.dev with DEBUG off.

Chromium is Debian's (/usr/bin/chromium). Without it the browser tests are
skipped, except on CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CHROMIUM = "/usr/bin/chromium"
SHOTS = Path("/tmp/torg-shots")
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

# Printed by the server's Django as JSON: one URL per public page type and a search word.
_FIND_PAGES = """
import json
from wagtail.models import Page
from torg.web import models as m

def first(model):
    page = model.objects.live().public().order_by("path").first()
    return page.get_url() if page else None

service = m.ServicePage.objects.live().public().order_by("path").first()
area = m.ServiceAreaPage.objects.live().order_by("path").first()
from torg.brevmalar.models import LetterTemplate
letter = LetterTemplate.objects.filter(live=True).order_by("pk").first()
from torg.inquiries.models import Inquiry
public_inquiry = Inquiry.objects.public().order_by("pk").first()
from torg.alerts.models import CrisisMessage
earlier_crisis = CrisisMessage.objects.earlier().exclude(status="Exercise").first()
print("TORG-PAGES " + json.dumps({
    "subscribe": "/abonnement/",
    "subscribe_code": "/abonnement/kode/",
    "subscribe_confirm": "/abonnement/stadfest/demo/",
    "crisis_message": f"/varsel/{earlier_crisis.pk}/" if earlier_crisis else None,
    "servicetorget": "/servicetorget/",
    "alerts": "/varsel/",
    "feedback_list": "/tilbakemeldingar/",
    "feedback_public": public_inquiry.get_absolute_url() if public_inquiry else None,
    "letter_feedback": f"/forstod/brev/{letter.pk}/" if letter else None,
    "service_area_id": str(area.pk) if area else None,
    "home": "/",
    "service_index": first(m.ServiceIndexPage),
    "service_area": first(m.ServiceAreaPage),
    "service": service.get_url() if service else None,
    "service_title": service.title if service else None,
    "news_index": first(m.NewsIndexPage),
    "news": first(m.NewsPage),
    "event_index": first(m.EventIndexPage),
    "event": first(m.EventPage),
    "article": first(m.ArticlePage),
    "accessibility": first(m.AccessibilityStatementPage),
    "contact": first(m.ContactPage),
}))
"""


@dataclass
class LiveSite:
    url: str
    pages: dict[str, str]
    gateway: Any = None  # torg.notifications.testing.GatewayProcess: the mail and SMS that left the site

    def __call__(self, path: str) -> str:
        return self.url + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def browser_database() -> Iterator[str | None]:
    """DATABASE_URL for the server: None (SQLite in the var dir) or a fresh PostgreSQL database."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://", "pgsql://")):
        yield None
        return
    import psycopg
    from psycopg import sql

    name = f"torg_browser_{os.getpid()}"
    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _server_env(var_dir: Path, database_url: str | None, gateway: Any = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "torg.settings.dev",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "*",
            "TORG_VAR_DIR": str(var_dir),
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    if gateway is not None:  # e-mail and SMS go to the local test gateway, by SMTP and HTTP
        env.update(
            {
                "EMAIL_HOST": gateway.host,
                "EMAIL_PORT": str(gateway.smtp_port),
                "TORG_SMS_BACKEND": "torg.notifications.sms.GenericHttpGateway",
                "TORG_SMS_URL": gateway.sms_url("generic"),
                "TORG_SMS_TOKEN": "browser-test",
            }
        )
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"manage.py {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-5000:]}")
    return done.stdout


@pytest.fixture(scope="session")
def live_site(browser_database: str | None) -> Iterator[LiveSite]:
    from torg.notifications.testing import start_test_gateway

    var_dir = Path(tempfile.mkdtemp(prefix="torg-browser-"))
    gateway = start_test_gateway(var_dir)
    env = _server_env(var_dir, browser_database, gateway)
    port = _free_port()
    env["TORG_BASE_URL"] = f"http://127.0.0.1:{port}"  # links in e-mail lead back to this server
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "load_demo")
    _manage(env, "update_index")  # the search index, whatever task backend is set
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    found = next(
        line for line in _manage(env, "shell", "-c", _FIND_PAGES).splitlines() if line.startswith("TORG-PAGES")
    )
    pages = json.loads(found.removeprefix("TORG-PAGES "))
    missing = [kind for kind, url in pages.items() if not url]
    assert not missing, f"The demo has no page of these kinds: {missing}"

    granian = ROOT / ".venv" / "bin" / "granian"
    log = (var_dir / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            str(granian) if granian.exists() else "granian",
            *("--interface", "wsgi", "torg.wsgi:application", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", "1", "--blocking-threads", "4", "--no-access-log"),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    # The task worker, as `make run` starts it: it sends the e-mail and SMS.
    worker = subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "db_worker", "--queue-name", "*", "--no-reload", "-v", "0"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"The server stopped:\n{(var_dir / 'server.log').read_text()[-5000:]}")
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
                break
            except (OSError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    pytest.fail("The server did not answer within 60 s")
                time.sleep(0.3)
        yield LiveSite(base, pages, gateway)
    finally:
        for process in (proc, worker):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=5)
        gateway.stop()
        log.close()
        server_log = (var_dir / "server.log").read_text(errors="replace")
        if "Traceback" in server_log:
            print(f"Server log (errors):\n{server_log[-5000:]}")
        shutil.rmtree(var_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(chromium: Any) -> Iterator[Any]:
    """Open pages in fresh browser contexts: ``new_page(viewport=..., java_script_enabled=...)``."""
    contexts: list[Any] = []

    def open_page(**options: Any) -> Any:
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "nn-NO")
        context = chromium.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, site: LiveSite, username: str) -> None:
    """Sign in to the back office as a demo user, with the demo second factor."""
    from binascii import unhexlify

    from django_otp.oath import totp

    from torg.demo.users import DEMO_PASSWORD, DEMO_TOTP_KEY

    page.goto(site("/admin/login/"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    for attempt in range(2):
        page.fill("input[name=code]", f"{totp(unhexlify(DEMO_TOTP_KEY)):06d}")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if "/konto/tofaktor/" not in page.url or attempt:
            break
        # A code is accepted once: this user signed in earlier in this 30-second step. Wait for the next.
        time.sleep(30 - time.time() % 30 + 1)
    assert "/admin/" in page.url
