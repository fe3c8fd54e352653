"""Reports → "Svartid i Servicetorget": answer times against the deadline, for leaders.

The page and its CSV export are registered here; the main "Servicetorget"
menu and its queues are registered in ``queue.py``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .. import statistics_views
from ..statistics import may_see_statistics


@hooks.register("register_admin_urls")
def register_statistics_urls() -> list[Any]:
    return [
        path("servicetorget/statistikk/", statistics_views.statistics_page, name="inquiries_statistics"),
        path("servicetorget/statistikk.csv", statistics_views.statistics_csv, name="inquiries_statistics_csv"),
    ]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return may_see_statistics(request.user)


@hooks.register("register_reports_menu_item")
def register_statistics_menu_item() -> MenuItem:
    return StatisticsMenuItem(
        gettext_lazy("Answer times in Servicetorget"),
        reverse("inquiries_statistics"),
        name="servicetorget-statistikk",
        icon_name="time",
        order=1170,
    )
