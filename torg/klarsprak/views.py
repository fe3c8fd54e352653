"""Back-office pages: the checking page (/admin/klarsprak/) and the report on published texts.

The checking page is for every staff member with back-office access: paste a
text or upload a file and see the report. Nothing pasted or uploaded is
stored; the file is read in the request and forgotten.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import queries
from .engine import check
from .forms import CheckForm
from .marking import marked_html, numbered_findings, rule_label

PAGE_EDITOR_PERMISSIONS = ["add", "change", "publish"]


def report_context(text: str, report: dict[str, Any]) -> dict[str, Any]:
    """What the templates show of one report: LIX, the marked text, the numbered findings, skipped rules."""
    findings = numbered_findings(text, report["findings"])
    return {
        "lix": report["lix"],
        "lix_limit": settings.TORG_KLARSPRAK["LIX_LIMIT"],
        "over_limit": report["lix"]["score"] > settings.TORG_KLARSPRAK["LIX_LIMIT"],
        "findings": findings,
        "marked_text": marked_html(text, findings),
        "skipped": [(rule_label(rule), reason) for rule, reason in report["rules_skipped"].items()],
    }


class CheckView(WagtailAdminTemplateMixin, FormView):
    page_title = gettext_lazy("Clear language")
    page_subtitle = gettext_lazy("Check a text")
    header_icon = "doc-full"
    template_name = "klarsprak/check.html"
    form_class = CheckForm

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_valid(self, form: CheckForm) -> HttpResponse:
        text = form.cleaned_data["checked_text"]
        report = check(text, queries.checker_config(form.cleaned_data["form"])).to_dict()
        context = self.get_context_data(form=form, checked=True, **report_context(text, report))
        return self.render_to_response(context)


class PublishedTextsView(WagtailAdminTemplateMixin, TemplateView):
    """Klarspråk i publiserte tekstar: every live page by LIX and findings, worst first."""

    page_title = gettext_lazy("Clear language in published texts")
    header_icon = "doc-full"
    template_name = "klarsprak/published_texts.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not may_see_report(request):
            # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the dashboard).
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = queries.published_text_report()
        limit = settings.TORG_KLARSPRAK["LIX_LIMIT"]
        context.update(
            report=report,
            lix_limit=limit,
            over_limit=sum(1 for row in report.rows if row.score > limit),
            rows=[(row, sorted((rule_label(r), n) for r, n in row.by_rule.items())) for row in report.rows],
        )
        return context


def may_see_report(request: HttpRequest) -> bool:
    """Those who write or publish pages see how readable the published pages are."""
    return PagePermissionPolicy().user_has_any_permission(request.user, PAGE_EDITOR_PERMISSIONS)
