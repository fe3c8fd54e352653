"""Letter templates in the back office: the snippet listing with the clear-language result,
the check before approval, and "Write a letter" from a template.

Web contacts and case handlers draft (``brevmalar.add_lettertemplate``,
``change_lettertemplate``); an area's kommunalsjef or tenesteleiar, or the
kommunikasjonssjef, approve by publishing (``publish_lettertemplate``, and a
role in the template's area). Publishing is refused while the text is above
the LIX limit or has stiff words or the wrong language form; the draft is kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .actions import refusal_problems
from .models import LetterTemplate
from .queries import check_template, latest_version, may_approve
from .views import write_letter


def clarity(template: LetterTemplate) -> str:
    return check_template(latest_version(template)).summary()


class LetterTemplateViewSet(SnippetViewSet):
    model = LetterTemplate
    icon = "mail"
    menu_label = gettext_lazy("Letter templates")
    menu_order = 270
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "service_area",
        Column("klarsprak", label=gettext_lazy("Clear language"), accessor=clarity),
        UpdatedAtColumn(),
    ]
    list_filter = ["kind", "service_area"]
    search_fields = ["title", "body"]


register_snippet(LetterTemplateViewSet)


@hooks.register("before_publish")
def check_before_approval(request: HttpRequest, instance: Any) -> HttpResponse | None:
    """Refuse to approve a template whose text is not clear enough, or by someone outside its area."""
    if not isinstance(instance, LetterTemplate):
        return None
    edit_url = reverse("wagtailsnippets_brevmalar_lettertemplate:edit", args=[instance.pk])
    if not may_approve(request.user, instance):
        messages.error(request, _("Only the service area's leaders or the head of communication approve templates."))
        return redirect(edit_url)
    problems = refusal_problems(instance)
    if problems:
        messages.error(
            request,
            _("The template is saved as a draft, but not approved. Fix this first: %(problems)s")
            % {"problems": " ".join(problems)},
        )
        return redirect(edit_url)
    return None


@hooks.register("register_admin_urls")
def register_brevmalar_urls() -> list[Any]:
    return [path("brevmalar/<int:pk>/skriv/", write_letter, name="brevmalar_write_letter")]


@hooks.register("register_snippet_listing_buttons")
def write_letter_button(snippet: Any, user: Any, next_url: str | None = None) -> list[ListingButton]:
    if not isinstance(snippet, LetterTemplate):
        return []
    return [
        ListingButton(
            _("Write a letter"), reverse("brevmalar_write_letter", args=[snippet.pk]), icon_name="mail", priority=5
        )
    ]
