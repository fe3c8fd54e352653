"""Editing canned answers (ferdigsvar) and answer routines (svarrutinar) under the Servicetorget menu.

Canned answers: staff who handle inquiries write their own service area's;
those who handle every area also write the shared ones (no area).
Answer routines: the published promise to residents, so only the head of
communication (kommunikasjonssjef) and superusers change them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from torg.core.models import ServiceArea
from torg.core.roles import Role

from .. import queries
from ..models import AnswerRoutine, CannedAnswer

MENU_HOOK = "register_servicetorget_menu_item"


class CannedAnswerPermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        return queries.is_inquiry_staff(user)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if queries.handles_all(user):
            return True
        return instance.area_id is not None and instance.area_id in queries.handled_area_ids(user)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[CannedAnswer]:
        if queries.handles_all(user):
            return CannedAnswer.objects.all()
        return CannedAnswer.objects.filter(area_id__in=queries.handled_area_ids(user))

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        """Everyone who may handle inquiries somewhere (the limit to their own areas is per instance)."""
        area_staff = Q(groups__torg_role__role__in=queries.AREA_INQUIRY_ROLES)
        everywhere = Q(pk__in=queries.handlers_for(None).values("pk"))
        return get_user_model().objects.filter(area_staff | everywhere, is_active=True).distinct()


def is_routine_editor(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or user.has_perm("inquiries.change_answerroutine"):
        return True
    return bool(user.groups.filter(torg_role__role=Role.KOMMUNIKASJONSSJEF).exists())


class AnswerRoutinePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        cached = getattr(user, "_torg_routine_editor", None)
        if cached is None:
            cached = is_routine_editor(user)
            user._torg_routine_editor = cached
        return bool(cached)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(groups__torg_role__role=Role.KOMMUNIKASJONSSJEF), is_active=True
        )


class _InstanceChecked:
    """Edit and delete only what the policy allows for this one object."""

    request: Any
    permission_policy: Any
    permission_required: str

    def get_object(self, queryset: Any = None) -> Any:
        found = super().get_object(queryset)  # type: ignore[misc]
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.permission_required, found
        ):
            raise PermissionDenied
        return found


class CannedAnswerIndexView(generic.IndexView):
    def get_base_queryset(self) -> QuerySet[CannedAnswer]:
        policy = CannedAnswerPermissionPolicy(CannedAnswer)
        return policy.instances_user_has_permission_for(self.request.user, "change").select_related("area")


class CannedAnswerEditView(_InstanceChecked, generic.EditView):
    pass


class CannedAnswerDeleteView(_InstanceChecked, generic.DeleteView):
    pass


class CannedAnswerForm(WagtailAdminModelForm):
    """Area staff choose one of their own areas; those who handle all may leave it empty (shared)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        area = self.fields["area"]
        if user is not None and not queries.handles_all(user):
            area.queryset = ServiceArea.objects.filter(pk__in=queries.handled_area_ids(user))  # type: ignore[attr-defined]
            area.required = True
        else:
            area.empty_label = _("Shared by every service area")  # type: ignore[attr-defined]


class CannedAnswerViewSet(ModelViewSet):
    model = CannedAnswer
    icon = "openquote"
    menu_label = _("Canned answers")
    menu_order = 30
    menu_hook = MENU_HOOK
    url_prefix = "servicetorget/ferdigsvar"
    name = "servicetorget_canned"
    list_display = ["title", "area"]
    list_filter = ["area"]
    search_fields = ["title", "body"]
    index_view_class = CannedAnswerIndexView
    edit_view_class = CannedAnswerEditView
    delete_view_class = CannedAnswerDeleteView
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("area"),
            PageChooserPanel("service", ["web.ServicePage"]),
        ],
        base_form_class=CannedAnswerForm,
    )
    copy_view_enabled = False
    inspect_view_enabled = False


class AnswerRoutineViewSet(ModelViewSet):
    model = AnswerRoutine
    icon = "time"
    menu_label = _("Answer routines")
    menu_order = 40
    menu_hook = MENU_HOOK
    url_prefix = "servicetorget/svarrutinar"
    name = "servicetorget_routines"
    list_display = ["area", "kind", "working_days"]
    list_filter = ["area", "kind"]
    form_fields = ["area", "kind", "working_days"]
    copy_view_enabled = False
    inspect_view_enabled = False


canned_answer_viewset = CannedAnswerViewSet()
answer_routine_viewset = AnswerRoutineViewSet()
