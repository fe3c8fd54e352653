"""Back-office integration of places: the "Stader" menu item, its views and permission policy."""

from __future__ import annotations

from typing import Any

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import PlacePermissionPolicy, place_viewset
from .models import Place

register_permission_policy(Place, PlacePermissionPolicy(Place))


@hooks.register("register_admin_viewset")
def register_place_viewset() -> Any:
    return place_viewset
