"""Back-office integration: audit-log action labels, service areas."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .audit import ACTIONS
from .models import ServiceArea


@hooks.register("register_log_actions")
def register_torg_log_actions(actions: Any) -> None:
    for action, label in ACTIONS.items():
        actions.register_action(action, label, label)


class ServiceAreaViewSet(SnippetViewSet):
    model = ServiceArea
    icon = "group"
    menu_label = _("Service areas")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "email", "phone"]
    search_fields = ["name"]


register_snippet(ServiceAreaViewSet)
