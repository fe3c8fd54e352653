"""Public views that are not pages: search, robots.txt, errors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin

from . import queries, routing

MAX_QUERY_LENGTH = 200


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/sok/?q=: pages, news and services, best match first."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        paginator = Paginator(queries.search_pages(query), 20)
        results = paginator.get_page(request.GET.get("side"))
    return render(request, "web/search.html", {"query": query, "results": results})


@require_GET
def page_file(request: HttpRequest, path: str, leaf: str) -> HttpResponse:
    """A file-like route of a page: /nyheiter/feed.rss, /arrangement/<event>/kalender.ics.

    Wagtail's page URLs end in a slash; these public addresses end in a file
    name, so they are resolved here: find the page at ``path``, then its
    routable sub-page ``leaf``, and serve it through Wagtail's serve hooks
    (privacy restrictions apply as on the page itself).
    """
    route = routing.route(request, path)
    if route is None or not isinstance(route[0], RoutablePageMixin):
        raise Http404
    page = route[0]
    view, args, kwargs = page.resolve_subpage("/" + leaf)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, (view, args, kwargs), {})
        if isinstance(result, HttpResponse):
            return result
    return page.serve(request, view, args, kwargs)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /sok/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """403 in Nynorsk when a form's CSRF check fails: say how to send it without losing the text."""
    return render(request, "403_csrf.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in Nynorsk, rendered without the database (it may be what failed)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
