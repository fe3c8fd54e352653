"""Public views that are not pages: search, robots.txt, errors."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_GET
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """/sok/?q=: pages, news and services, best match first."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        found = Page.objects.live().public().specific().search(query, operator="and")
        if not len(found):
            found = Page.objects.live().public().specific().search(query, operator="or")
        paginator = Paginator(found, 20)
        results = paginator.get_page(request.GET.get("side"))
    return render(request, "web/search.html", {"query": query, "results": results})


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


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in Nynorsk, rendered without the database (it may be what failed)."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request": request}))
