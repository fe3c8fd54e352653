"""Open311 GeoReport v2: include at "open311/v2/" (``path("open311/v2/", include("torg.open311.urls"))``)."""

from django.urls import path, re_path

from . import views

app_name = "open311"

_FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    path("", views.discovery, name="root"),
    re_path(r"^discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^services" + _FMT, views.services, name="services"),
    re_path(r"^services/(?P<code>[^/]{1,100}?)" + _FMT, views.service_definition, name="service_definition"),
    re_path(r"^requests" + _FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<reference>[^/]{1,100}?)" + _FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]{1,100}?)" + _FMT, views.token, name="token"),
    path("openapi.json", views.openapi_document, name="openapi"),
    re_path(r"^(?P<rest>.*)$", views.not_found),
]
