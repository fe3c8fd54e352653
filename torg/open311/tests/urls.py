"""The project's addresses with the Open311 API at /open311/v2/ (for tests, until torg/urls.py includes it).

Receipts to residents link to ``inquiries:follow``; while the project does not
route that yet, a stand-in answers there.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import get_resolver, include, path

from torg import urls as project_urls

handler500 = project_urls.handler500


def _follow_stand_in(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse(reference)


_extra = []
if "inquiries" not in get_resolver("torg.urls").namespace_dict:
    _extra = [path("sak/", include(([path("<str:reference>/", _follow_stand_in, name="follow")], "inquiries")))]

urlpatterns = [path("open311/v2/", include("torg.open311.urls")), *_extra, *project_urls.urlpatterns]
