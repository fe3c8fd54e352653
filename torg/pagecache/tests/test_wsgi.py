"""The anonymous page cache in front of Django, driven through real WSGI calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.core.cache import caches
from wagtail.models import PageViewRestriction

from torg.pagecache.wsgi import PageCacheApp
from torg.web.models import ArticlePage, ContactPage, HomePage

from .conftest import wsgi_call


def test_second_anonymous_view_of_a_page_is_served_from_the_cache(app: PageCacheApp) -> None:
    first = wsgi_call(app, "/om-kommunen/")
    second = wsgi_call(app, "/om-kommunen/")

    assert first.status.startswith("200")
    assert first.cache == "miss"
    assert second.cache == "hit"
    assert second.body == first.body
    assert b"Om kommunen" in second.body
    assert second.headers["content-type"] == first.headers["content-type"]


def test_publishing_a_new_revision_shows_the_new_title_at_once(
    app: PageCacheApp, article: ArticlePage, django_capture_on_commit_callbacks: Any
) -> None:
    wsgi_call(app, "/om-kommunen/")
    assert wsgi_call(app, "/om-kommunen/").cache == "hit"

    article.title = "Om Demo kommune"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    after = wsgi_call(app, "/om-kommunen/")
    assert after.cache == "miss"
    assert b"Om Demo kommune" in after.body
    assert wsgi_call(app, "/om-kommunen/").cache == "hit"


def test_publishing_one_page_refreshes_every_cached_page(
    app: PageCacheApp, home: HomePage, article: ArticlePage, django_capture_on_commit_callbacks: Any
) -> None:
    """A new title shows in menus and lists on other pages too, so the whole cache goes."""
    wsgi_call(app, "/")
    assert wsgi_call(app, "/").cache == "hit"

    article.title = "Om Demo kommune"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert wsgi_call(app, "/").cache == "miss"


def test_unpublishing_a_page_stops_serving_it_from_the_cache(
    app: PageCacheApp, article: ArticlePage, django_capture_on_commit_callbacks: Any
) -> None:
    wsgi_call(app, "/om-kommunen/")
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()

    gone = wsgi_call(app, "/om-kommunen/")
    assert gone.status.startswith("404")
    assert gone.cache == "miss"


def test_a_visitor_with_a_session_is_never_served_from_the_cache(app: PageCacheApp) -> None:
    wsgi_call(app, "/om-kommunen/")
    assert wsgi_call(app, "/om-kommunen/").cache == "hit"

    signed_in = wsgi_call(app, "/om-kommunen/", cookie="sessionid=abc123")

    assert signed_in.status.startswith("200")
    assert signed_in.cache is None


def test_a_page_first_seen_with_a_session_is_not_stored(app: PageCacheApp) -> None:
    wsgi_call(app, "/om-kommunen/", cookie="csrftoken=x; sessionid=abc123")

    assert wsgi_call(app, "/om-kommunen/").cache == "miss"


def test_other_cookies_do_not_stop_the_cache(app: PageCacheApp) -> None:
    wsgi_call(app, "/om-kommunen/")

    assert wsgi_call(app, "/om-kommunen/", cookie="csrftoken=x").cache == "hit"


def test_post_goes_past_the_cache_and_stores_nothing(app: PageCacheApp) -> None:
    wsgi_call(app, "/om-kommunen/")

    posted = wsgi_call(app, "/om-kommunen/", method="POST", body=b"a=1")

    assert posted.cache is None
    # Without a CSRF token Django refuses the POST: proof it reached Django.
    assert posted.status.startswith("403")
    assert wsgi_call(app, "/om-kommunen/").cache == "hit"


@pytest.mark.parametrize("query", ["q=skule", "side=2&utm_source=x", "side=abc", "utm_source=nyheitsbrev"])
def test_query_strings_other_than_a_page_number_go_past_the_cache(app: PageCacheApp, query: str) -> None:
    wsgi_call(app, "/om-kommunen/", query=query)
    again = wsgi_call(app, "/om-kommunen/", query=query)

    assert again.status.startswith("200")
    assert again.cache is None


def test_a_page_number_is_cached_separately(app: PageCacheApp) -> None:
    wsgi_call(app, "/om-kommunen/")

    assert wsgi_call(app, "/om-kommunen/", query="side=2").cache == "miss"
    assert wsgi_call(app, "/om-kommunen/", query="side=2").cache == "hit"
    assert wsgi_call(app, "/om-kommunen/", query="side=3").cache == "miss"


def test_a_page_that_sets_a_cookie_is_not_stored(
    app: PageCacheApp, home: HomePage, django_capture_on_commit_callbacks: Any
) -> None:
    """A form's CSRF token sets a cookie; storing it would hand one visitor's token to all."""
    home.add_child(instance=ContactPage(title="Kontakt oss", slug="kontakt"))

    first = wsgi_call(app, "/kontakt/")
    second = wsgi_call(app, "/kontakt/")

    assert any(name.lower() == "set-cookie" for name, _ in first.header_list)
    assert second.cache == "miss"
    assert any(name.lower() == "set-cookie" for name, _ in second.header_list)


def test_a_missing_page_is_not_stored(app: PageCacheApp) -> None:
    wsgi_call(app, "/finst-ikkje/")

    again = wsgi_call(app, "/finst-ikkje/")
    assert again.status.startswith("404")
    assert again.cache == "miss"


def _app_answering(headers: list[tuple[str, str]]) -> Callable[..., Iterable[bytes]]:
    calls: list[str] = []

    def inner(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers])
        return [b"<p>personleg</p>"]

    inner.calls = calls  # type: ignore[attr-defined]
    return inner


@pytest.mark.parametrize(
    "headers",
    [
        [("Set-Cookie", "messages=abc; Path=/")],
        [("Cache-Control", "private")],
        [("Cache-Control", "max-age=0, no-cache, no-store, must-revalidate, private")],
        [("Cache-Control", "no-store")],
    ],
    ids=["set-cookie", "private", "never-cache", "no-store"],
)
def test_responses_meant_for_one_visitor_are_not_stored(
    settings: Any, clean_caches: None, headers: list[tuple[str, str]]
) -> None:
    settings.TORG_PAGE_CACHE_ENABLED = True
    inner = _app_answering(headers)
    app = PageCacheApp(inner)

    wsgi_call(app, "/side/")
    second = wsgi_call(app, "/side/")

    assert second.cache == "miss"
    assert inner.calls == ["/side/", "/side/"]  # type: ignore[attr-defined]


def test_a_public_response_is_stored_and_django_is_not_asked_again(settings: Any, clean_caches: None) -> None:
    settings.TORG_PAGE_CACHE_ENABLED = True
    inner = _app_answering([("Cache-Control", "max-age=60")])
    app = PageCacheApp(inner)

    wsgi_call(app, "/side/")
    second = wsgi_call(app, "/side/")

    assert second.cache == "hit"
    assert second.body == b"<p>personleg</p>"
    assert inner.calls == ["/side/"]  # type: ignore[attr-defined]


def test_head_of_a_cached_page_gets_its_headers_without_a_body(app: PageCacheApp) -> None:
    page = wsgi_call(app, "/om-kommunen/")

    head = wsgi_call(app, "/om-kommunen/", method="HEAD")

    assert head.cache == "hit"
    assert head.body == b""
    assert head.headers["content-type"] == page.headers["content-type"]
    assert head.headers["content-length"] == str(len(page.body))


def test_head_of_an_uncached_page_gets_no_body_and_stores_nothing(app: PageCacheApp) -> None:
    head = wsgi_call(app, "/om-kommunen/", method="HEAD")

    assert head.status.startswith("200")
    assert head.cache == "miss"
    assert head.body == b""
    assert wsgi_call(app, "/om-kommunen/").cache == "miss"


def test_admin_and_search_are_never_cached(app: PageCacheApp) -> None:
    for path in ("/admin/login/", "/sok/"):
        wsgi_call(app, path)
        assert wsgi_call(app, path).cache is None


def test_disabled_cache_stands_aside(settings: Any, home: HomePage) -> None:
    from django.core.wsgi import get_wsgi_application

    settings.TORG_PAGE_CACHE_ENABLED = False
    app = PageCacheApp(get_wsgi_application())

    wsgi_call(app, "/om-kommunen/")
    again = wsgi_call(app, "/om-kommunen/")

    assert again.status.startswith("200")
    assert again.cache is None
    assert caches["pagecache"].get("generation") is None


def test_making_a_page_private_stops_serving_it_from_the_cache(
    app: PageCacheApp, article: ArticlePage, django_capture_on_commit_callbacks: Any
) -> None:
    wsgi_call(app, "/om-kommunen/")
    assert wsgi_call(app, "/om-kommunen/").cache == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)

    private = wsgi_call(app, "/om-kommunen/")
    assert private.status.startswith("302")
    assert "Om kommunen" not in private.body.decode()
