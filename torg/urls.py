from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_control
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from torg.innsyn.api import router as innsyn_api_router
from torg.klarsprak.api import api as torg_api
from torg.web import routing
from torg.web import views as web_views

handler500 = "torg.web.views.server_error"

torg_api.add_router("/innsyn/", innsyn_api_router)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("dokument/", include(wagtaildocs_urls)),
    path("konto/", include("torg.core.urls")),
    path("sok/", web_views.search, name="search"),
    path("api/", torg_api.urls),
    path("forstod/", include("torg.textfeedback.urls")),
    path("servicetorget/", include("torg.inquiries.urls")),
    path("tilbakemeldingar/", include("torg.inquiries.feedback_urls")),
    path("open311/v2/", include("torg.open311.urls")),
    path("varsel/", include("torg.alerts.urls")),
    path("innsyn/", include("torg.innsyn.urls")),
    path("mi-side/", include("torg.minsak.urls")),
    path("abonnement/", include("torg.subscriptions.urls")),
    path("varslingar/", include("torg.notifications.urls")),
    path("anymail/", include("anymail.urls")),
    path("robots.txt", web_views.robots_txt, name="robots_txt"),
    re_path(
        r"^(?P<path>(?:[\w\-]+/)*)(?P<leaf>feed\.rss|feed\.atom|kalender\.ics)$", web_views.page_file, name="page_file"
    ),
    path("sitemap.xml", cache_control(max_age=3600)(sitemap), {"sitemaps": {"pages": Sitemap}}, name="sitemap"),
]

if settings.TORG_SERVE_MEDIA:
    from django.views.static import serve as serve_file

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_file, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Public pages: Wagtail's address pattern, served with fewer queries (torg.web.routing).
    re_path(r"^((?:[\w\-]+/)*)$", routing.serve, name="torg_serve"),
    path("", include(wagtail_urls)),
]
