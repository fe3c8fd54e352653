"""The Open311 service list: what an app user can report, and how it maps to Torg.

A resident reporting a pothole looks for the thing that is wrong, grouped by
who deals with it. So there is one Open311 service per published service page
(``service-<page id>``, grouped under its service area), one "other" service
per service area (``area-<area id>``) for what fits no page, and ``general``
for when the resident does not know where it belongs (the service desk routes
it). Codes use ids, so they survive renamed pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from torg.core.models import ServiceArea
from torg.inquiries.models import Inquiry, Kind
from torg.inquiries.queries import routine_days
from torg.web.models import ServiceAreaPage, ServicePage

GENERAL_CODE = "general"
_CODE = re.compile(r"^(?:(?P<kind>service|area)-(?P<pk>[1-9][0-9]{0,8})|general)$")
# The service definition's attribute codes (POST as attribute[<code>]=<value>).
KIND_ATTRIBUTE = "kind"
TITLE_ATTRIBUTE = "title"
PUBLISH_ATTRIBUTE = "publish"
YES, NO = "yes", "no"
# Without an answer to "kind": an error report, or feedback when the reporter left no contact
# details (feedback is the one kind Torg accepts without a way to answer).
DEFAULT_KIND = Kind.ERROR_REPORT


@dataclass(frozen=True)
class Service:
    code: str
    name: str
    description: str
    group: str | None
    keywords: str | None
    area: ServiceArea | None = None
    page: ServicePage | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "service_code": self.code,
            "service_name": self.name,
            "description": self.description,
            "metadata": True,
            "type": "realtime",
            "keywords": self.keywords,
            "group": self.group,
        }


def _keywords(*words: str) -> str | None:
    seen: list[str] = []
    for word in words:
        word = (word or "").strip()
        if word and word.lower() not in (w.lower() for w in seen):
            seen.append(word)
    return ", ".join(seen) or None


def _page_service(page: ServicePage, area: ServiceArea) -> Service:
    return Service(
        code=f"service-{page.pk}",
        name=page.title,
        description=page.description() or area.description,
        group=area.name,
        keywords=_keywords(page.seo_title, area.name),
        area=area,
        page=page,
    )


def _area_service(area: ServiceArea) -> Service:
    return Service(
        code=f"area-{area.pk}",
        name=_("Other: %(area)s") % {"area": area.name},
        description=area.description or _("Anything for %(area)s that fits no other service.") % {"area": area.name},
        group=area.name,
        keywords=_keywords(area.name, area.slug.replace("-", " ")),
        area=area,
    )


def _general_service() -> Service:
    return Service(
        code=GENERAL_CODE,
        name=_("Something else"),
        description=_("Use this when no other service fits. We send your report to the right place."),
        group=None,
        keywords=None,
    )


def _live_area_pages() -> dict[str, ServiceAreaPage]:
    """Published service area pages by tree path."""
    pages = ServiceAreaPage.objects.live().public().select_related("service_area")
    return {page.path: page for page in pages}


def services() -> list[Service]:
    """Every service an app may report to: per area its pages A–Å, then "other"; last "something else"."""
    area_pages = _live_area_pages()
    by_area: dict[int, list[Service]] = {}
    steplen = ServicePage.steplen
    for page in ServicePage.objects.live().public().order_by("title"):
        parent = area_pages.get(page.path[:-steplen])
        if parent is not None:
            by_area.setdefault(parent.service_area_id, []).append(_page_service(page, parent.service_area))
    found: list[Service] = []
    for area in ServiceArea.objects.all():
        found.extend(by_area.get(area.pk, []))
        found.append(_area_service(area))
    found.append(_general_service())
    return found


def find_service(code: str) -> Service | None:
    """The service with ``code``, if an app may report to it now."""
    match = _CODE.match(code or "")
    if match is None:
        return None
    if match["kind"] is None:
        return _general_service()
    pk = int(match["pk"])
    if match["kind"] == "area":
        area = ServiceArea.objects.filter(pk=pk).first()
        return _area_service(area) if area is not None else None
    page = ServicePage.objects.live().public().filter(pk=pk).first()
    if page is None:
        return None
    parent = _live_area_pages().get(page.path[: -ServicePage.steplen])
    return _page_service(page, parent.service_area) if parent is not None else None


def definition(service: Service) -> dict[str, Any]:
    """The service definition: the optional questions an app may ask, and the answer time."""
    days = routine_days(service.area, DEFAULT_KIND)
    return {
        "service_code": service.code,
        "attributes": [
            {
                "variable": True,
                "code": KIND_ATTRIBUTE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": None,
                "order": 1,
                "description": _(
                    "What kind of inquiry is it? Without an answer: an error report. "
                    "Only feedback can be sent without an e-mail address or a mobile number."
                ),
                "values": [{"key": kind.value, "name": str(kind.label)} for kind in Kind],
            },
            {
                "variable": True,
                "code": TITLE_ATTRIBUTE,
                "datatype": "string",
                "required": False,
                "datatype_description": _("At most 200 characters."),
                "order": 2,
                "description": _("A short title for the report."),
            },
            {
                "variable": True,
                "code": PUBLISH_ATTRIBUTE,
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": None,
                "order": 3,
                "description": _(
                    "May we publish the report, without personal data, on our page of feedback and what we did? "
                    "Only then are its description and location shown by this API."
                ),
                "values": [{"key": YES, "name": _("Yes")}, {"key": NO, "name": _("No")}],
            },
            {
                "variable": False,
                "code": "answer_time",
                "datatype": "text",
                "required": False,
                "datatype_description": None,
                "order": 4,
                "description": _("We deal with error reports within %(days)s working days.") % {"days": days},
            },
        ],
    }


def code_for(inquiry: Inquiry) -> str:
    """The service code a request shows (matching the ``service_code`` filter)."""
    if inquiry.service_id:
        return f"service-{inquiry.service_id}"
    if inquiry.area_id:
        return f"area-{inquiry.area_id}"
    return GENERAL_CODE


def name_for(inquiry: Inquiry) -> str:
    if inquiry.service_id and inquiry.service is not None:
        return inquiry.service.title
    if inquiry.area_id and inquiry.area is not None:
        return _("Other: %(area)s") % {"area": inquiry.area.name}
    return _("Something else")


def q_for_codes(codes: list[str]) -> Q:
    """The inquiries the ``service_code`` filter selects (as ``code_for`` names them); unknown codes select none."""
    q = Q(pk__in=[])
    for code in codes:
        match = _CODE.match(code)
        if match is None:
            continue
        if match["kind"] is None:
            q |= Q(service__isnull=True, area__isnull=True)
        elif match["kind"] == "service":
            q |= Q(service_id=int(match["pk"]))
        else:
            q |= Q(service__isnull=True, area_id=int(match["pk"]))
    return q
