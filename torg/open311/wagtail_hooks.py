"""Open311 apps (API keys) in the back office: Settings → Open311 apps.

Superusers and the kommunikasjonssjef manage them (and anyone given the
model permissions ``open311.*_apiclient``). A new key is shown once, on the
page after "Create"; only its SHA-256 is stored.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from torg.core.roles import Role

from .actions import create_api_client
from .models import ApiClient

KEY_MANAGER_ROLES = (Role.KOMMUNIKASJONSSJEF,)


def manages_keys(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(torg_role__role__in=KEY_MANAGER_ROLES).exists())


class ApiClientPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return manages_keys(user) or bool(super().user_has_permission(user, action))

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        managers = get_user_model().objects.filter(is_active=True, groups__torg_role__role__in=KEY_MANAGER_ROLES)
        return (super().users_with_any_permission(actions) | managers).distinct()


register_permission_policy(ApiClient, ApiClientPermissionPolicy(ApiClient))


class ApiClientCreateView(CreateView):
    """Creates the app through the action and shows its key once, instead of going back to the list."""

    raw_key = ""

    def save_instance(self) -> ApiClient:
        data = self.form.cleaned_data
        client, self.raw_key = create_api_client(
            name=data["name"],
            contact_email=data.get("contact_email") or "",
            hourly_limit=data.get("hourly_limit"),
            actor=self.request.user,
        )
        return client

    def save_action(self) -> HttpResponse:
        response = TemplateResponse(
            self.request,
            "open311/admin/key_created.html",
            {
                "client": self.object,
                "key": self.raw_key,
                "index_url": reverse(self.index_url_name),
                "endpoint": self.request.build_absolute_uri(reverse("open311:root")) if _has_open311_urls() else "",
            },
        )
        response["Cache-Control"] = "no-store"
        return response


def _has_open311_urls() -> bool:
    try:
        reverse("open311:root")
    except NoReverseMatch:
        return False
    return True


class ApiClientViewSet(ModelViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("Open311 apps")
    menu_order = 900
    add_to_settings_menu = True
    add_view_class = ApiClientCreateView
    list_display = ["name", "prefix", "active", "last_used_at", "created_at"]
    search_fields = ["name", "contact_email"]
    form_fields = ["name", "contact_email", "active", "hourly_limit"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_form_class(self, for_update: bool = False) -> type[forms.ModelForm]:
        if for_update:
            return super().get_form_class(for_update=True)  # type: ignore[no-any-return]

        class NewClientForm(WagtailAdminModelForm):
            class Meta:
                model = ApiClient
                fields = ["name", "contact_email", "hourly_limit"]

        return NewClientForm


@hooks.register("register_admin_viewset")
def register_api_client_viewset() -> ApiClientViewSet:
    return ApiClientViewSet("open311_apps")
