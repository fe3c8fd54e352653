"""A small published page tree and a WSGI caller for the page-cache tests.

The page templates are replaced by tiny in-memory ones: these tests are about
what the cache keeps and forgets, not about how the pages look (the browser
tests cover that), so they do not break when the real templates change.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.core import signals
from django.core.cache import caches
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from wagtail.models import Page, Site

from torg.pagecache.wsgi import PageCacheApp
from torg.web.models import ArticlePage, HomePage

PAGE_TEMPLATES = {
    "web/home_page.html": "<!doctype html><title>{{ page.title }}</title><h1>{{ page.title }}</h1>",
    "web/article_page.html": "<!doctype html><title>{{ page.title }}</title><h1>{{ page.title }}</h1>",
    # A page with a POST form: rendering the CSRF token sets the csrftoken cookie.
    "web/contact_page.html": (
        '<!doctype html><title>{{ page.title }}</title><form method="post">{% csrf_token %}<button>Send</button></form>'
    ),
    "404.html": "<!doctype html><title>Fann ikkje sida</title>",
    "web/search.html": "<!doctype html><title>Søk</title>{{ query }}",
}


@dataclass
class WSGIResponse:
    status: str
    headers: dict[str, str]
    header_list: list[tuple[str, str]]
    body: bytes

    @property
    def cache(self) -> str | None:
        """The X-Torg-Cache header: "hit", "miss", or None when the cache stood aside."""
        return self.headers.get("x-torg-cache")


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def wsgi_call(
    app: WSGIApp,
    path: str = "/",
    *,
    method: str = "GET",
    query: str = "",
    cookie: str = "",
    body: bytes = b"",
) -> WSGIResponse:
    """Call ``app`` the way a WSGI server does and collect the whole response."""
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    environ.update(
        {
            "PATH_INFO": path,
            "REQUEST_METHOD": method,
            "QUERY_STRING": query,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        }
    )
    if body:
        environ["CONTENT_TYPE"] = "application/x-www-form-urlencoded"
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    started: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
        started["status"], started["headers"] = status, headers
        return lambda data: None

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    headers = started["headers"]
    return WSGIResponse(started["status"], {k.lower(): v for k, v in headers}, headers, content)


@pytest.fixture
def page_templates(settings: Any) -> None:
    engine = dict(settings.TEMPLATES[0])
    engine["APP_DIRS"] = False
    engine["OPTIONS"] = {
        **engine["OPTIONS"],
        "loaders": [
            ("django.template.loaders.locmem.Loader", PAGE_TEMPLATES),
            "django.template.loaders.filesystem.Loader",
            "django.template.loaders.app_directories.Loader",
        ],
    }
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


@pytest.fixture
def clean_caches() -> Iterable[None]:
    caches["pagecache"].clear()
    caches["default"].clear()
    yield
    caches["pagecache"].clear()
    caches["default"].clear()


@pytest.fixture
def home(db: None, page_templates: None, clean_caches: None) -> HomePage:
    """A published home page as the default site's root, with an article under it."""
    root = Page.objects.get(depth=1)
    home = root.add_child(instance=HomePage(title="Framside", slug="framside"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    home.add_child(instance=ArticlePage(title="Om kommunen", slug="om-kommunen"))
    return home


@pytest.fixture
def article(home: HomePage) -> ArticlePage:
    return ArticlePage.objects.get(slug="om-kommunen")


@pytest.fixture(autouse=True)
def _keep_test_connection() -> Iterable[None]:
    """Called as a server calls it, Django closes the database connection after each
    request; inside a test's transaction that would end the test's connection (on
    PostgreSQL). Django's own test client switches this off in the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def app(settings: Any, home: HomePage) -> PageCacheApp:
    """Django behind the page cache, as torg.wsgi wires it (without WhiteNoise)."""
    settings.TORG_PAGE_CACHE_ENABLED = True
    settings.TORG_PAGE_CACHE_SECONDS = 600
    return PageCacheApp(get_wsgi_application())
