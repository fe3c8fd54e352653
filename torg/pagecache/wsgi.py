"""A WSGI layer in front of Django that answers anonymous page views from the cache.

A hit costs two cache reads and no Django request handling at all, which is
what keeps a page under heavy load (a crisis) close to the cost of a static
file. Only anonymous GET/HEAD requests for public pages are cached, and only
responses that are the same for every anonymous visitor (200, no cookie set,
not marked private).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import caches

from .cache import generation

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]

_SKIP_PREFIXES = ("/admin/", "/django-admin/", "/konto/", "/static/", "/media/", "/dokument/", "/sok/")
_MAX_BODY = 2 * 1024 * 1024
_UNCACHEABLE = ("private", "no-store", "no-cache")


class PageCacheApp:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app
        self.cache = caches["pagecache"]
        self.timeout = settings.TORG_PAGE_CACHE_SECONDS
        self.enabled = settings.TORG_PAGE_CACHE_ENABLED
        self.session_cookie = settings.SESSION_COOKIE_NAME + "="

    def _key(self, environ: dict[str, Any]) -> str | None:
        if not self.enabled or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return None
        path = environ.get("PATH_INFO", "")
        if path.startswith(_SKIP_PREFIXES) or self.session_cookie in environ.get("HTTP_COOKIE", ""):
            return None
        query = environ.get("QUERY_STRING", "")
        if query and not (query.startswith("side=") and query[5:].isdigit()):
            return None
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        scheme = environ.get("HTTP_X_FORWARDED_PROTO") or environ.get("wsgi.url_scheme", "http")
        return f"{generation()}:{scheme}://{host}{path}?{query}"

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        key = self._key(environ)
        if key is None:
            return self.app(environ, start_response)
        hit = self.cache.get(key)
        if hit is not None:
            status, headers, body = hit
            start_response(status, [*headers, ("X-Torg-Cache", "hit")])
            return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]
        return self._fill(key, environ, start_response)

    def _fill(self, key: str, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["status"], captured["headers"] = status, headers
            return start_response(status, [*headers, ("X-Torg-Cache", "miss")], exc_info)

        result = self.app(environ, capture)
        if environ["REQUEST_METHOD"] == "HEAD":
            # Headers only, as on a hit (Django renders the body; drop it unread).
            close = getattr(result, "close", None)
            if close is not None:
                close()
            return [b""]
        if not self._cacheable(captured):
            return result
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        if len(body) <= _MAX_BODY:
            self.cache.set(key, (captured["status"], captured["headers"], body), self.timeout)
        return [body]

    @staticmethod
    def _cacheable(captured: dict[str, Any]) -> bool:
        if not captured.get("status", "").startswith("200"):
            return False
        for name, value in captured["headers"]:
            lower = name.lower()
            if lower == "set-cookie":
                return False
            if lower == "cache-control" and any(word in value.lower() for word in _UNCACHEABLE):
                return False
        return True
