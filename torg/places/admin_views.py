"""Places ("Stader") in the back office: list, edit with a preview of the area, and GeoJSON import.

Only superusers and the head of communication (kommunikasjonssjef), or anyone
given ``places.change_place``, see the menu item and may change areas. Every
save and import goes through ``torg.places.actions``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy

from torg.core import backoffice
from torg.core.roles import Role

from . import actions
from .geometry import bounds_of_all, geometry_errors, svg_path, svg_size
from .models import Place, PlaceKind

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class PlacePermissionPolicy(BasePermissionPolicy):
    def user_has_permission(self, user: Any, action: str) -> bool:
        cached = getattr(user, "_torg_places_editor", None)
        if cached is None:
            cached = actions.may_edit_places(user)
            user._torg_places_editor = cached
        return bool(cached)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(groups__torg_role__role=Role.KOMMUNIKASJONSSJEF), is_active=True
        )


def preview(place: Place | None, size: float = 400.0) -> dict[str, Any] | None:
    """What the preview template draws: the area's outline in an SVG box, or None without a valid area."""
    geometry = getattr(place, "geometry", None)
    if not geometry or geometry_errors(geometry):
        return None
    bounds = bounds_of_all([geometry])
    width, height = svg_size(bounds, size)
    return {
        "path": svg_path(geometry, bounds, size),
        "width": width,
        "height": height,
        "name": place.name if place else "",
    }


class GeometryPreviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "places/admin/geometry_preview.html"

        def get_context_data(self, parent_context: Any = None) -> Any:
            context = super().get_context_data(parent_context)
            context["preview"] = preview(self.instance)
            return context


class PlaceIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self) -> list[Any]:
        buttons = list(super().header_buttons)
        buttons.append(HeaderButton(_("Import GeoJSON"), url=reverse("places:import"), icon_name="upload"))
        return buttons


class PlaceCreateView(generic.CreateView):
    def save_instance(self) -> Place:
        return actions.save_place(place=self.form.instance, actor=self.request.user)


class PlaceEditView(generic.EditView):
    def save_instance(self) -> Place:
        return actions.save_place(place=self.form.instance, actor=self.request.user)


class PlaceDeleteView(generic.DeleteView):
    def delete_action(self) -> None:
        actions.delete_place(place=self.object, actor=self.request.user)


class PlaceViewSet(ModelViewSet):
    model = Place
    icon = "site"
    menu_label = gettext_lazy("Places")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "stader"
    name = "places"
    list_display = ["name", "kind", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]
    index_view_class = PlaceIndexView
    add_view_class = PlaceCreateView
    edit_view_class = PlaceEditView
    delete_view_class = PlaceDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("kind"),
            FieldPanel("description"),
            FieldPanel("sort_order"),
            GeometryPreviewPanel(heading=gettext_lazy("Preview of the area")),
            FieldPanel("geometry"),
        ]
    )

    def get_urlpatterns(self) -> list[Any]:
        return [*super().get_urlpatterns(), path("importer/", import_view, name="import")]


place_viewset = PlaceViewSet()


# --- Import ---------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("GeoJSON file"),
        help_text=gettext_lazy(
            "A FeatureCollection in WGS84 (EPSG:4326). Each feature needs the property “name” (or “navn”); "
            "areas with the same short name (slug) are updated."
        ),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of area"),
        required=False,
        choices=[
            ("", gettext_lazy("As given in the file (property “kind”), otherwise “other area”")),
            *PlaceKind.choices,
        ],
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB. Split it and import the parts."))
        return bytes(upload.read())


def _breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    section = (reverse("places:index"), str(Place._meta.verbose_name_plural).capitalize())
    return backoffice.breadcrumbs(section, *items)


def import_view(request: HttpRequest) -> HttpResponse:
    """Upload a GeoJSON file; show what was created, updated and left as it was, or why nothing was imported."""
    if not actions.may_edit_places(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.import_places(
                source=form.cleaned_data["file"], kind=form.cleaned_data["kind"] or None, actor=request.user
            )
        except actions.ImportRejected as rejected:
            for error in rejected.errors:
                form.add_error(None, error)
        else:
            form = ImportForm()
    context = {
        "header_title": _("Import places"),
        "breadcrumbs_items": _breadcrumbs(("", _("Import places"))),
        "form": form,
        "result": result,
    }
    return render(request, "places/admin/import.html", context)
