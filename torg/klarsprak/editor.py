"""Klarspråk in Wagtail's page editor: live findings, one-click suggestions, confirmation to publish.

The script (static/klarsprak/editor.js) asks POST /api/klarsprak/ while the
writer types. Publishing a text above the LIX limit asks for a confirmation
in the browser; here, after publishing, the result is recorded in the audit
log so the kommunikasjonssjef sees what went out above the limit, and whether
the writer confirmed it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from torg.core import audit

from .engine import check
from .queries import checker_config, page_text

# Plain fields checked besides every rich text editor on the form (pages,
# letter templates; a name a form does not have is skipped).
CHECKED_FIELDS = ("title", "intro", "search_description", "body", "legal_basis", "appeal_information")


def editor_settings() -> dict[str, Any]:
    config = checker_config()
    return {
        "url": reverse("torg_api:klarsprak"),
        "form": config.form,
        "lixLimit": config.lix_threshold,
        "lixMinWords": config.lix_min_words,
        "csrf": "",
        "fields": list(CHECKED_FIELDS),
        "labels": {
            "title": _("Clear language"),
            "checking": _("Checking the text …"),
            "failed": _("The check did not work. Your text is not changed; try again in a moment."),
            "found": _("%(count)s things to look at."),
            "none": _("No findings. The text is clear."),
            "skipped": _("Not checked:"),
            "show": _("Show"),
            "apply": _("Use «%(suggestion)s»"),
            "applied": _("Changed. Checking again …"),
            "confirm": _(
                "The text is hard to read (LIX %(score)s; our limit is %(limit)s). "
                "Publish it anyway? The head of communication will see that it was published above the limit."
            ),
        },
    }


def editor_js() -> SafeString:
    """The panel's settings, stylesheet and script (Wagtail 8 has no editor-only CSS hook)."""
    return format_html(
        '{}<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        json_script(editor_settings(), "torg-klarsprak-config"),
        static("klarsprak/editor.css"),
        static("klarsprak/editor.js"),
    )


def record_publish(request: HttpRequest, page: Page) -> None:
    """After publishing: note in the audit log when the text is above the limit."""
    config = checker_config()
    report = check(page_text(page.specific), config)
    if report.lix.words < config.lix_min_words or report.lix.score <= config.lix_threshold:
        return
    audit.record(
        actor=request.user,
        action="torg.klarsprak.published_over_limit",
        target=page,
        data={
            "lix": round(report.lix.score, 1),
            "limit": config.lix_threshold,
            "findings": len(report.findings),
            "confirmed": request.POST.get("klarsprak_confirmed") == "1",
        },
    )


__all__ = ["editor_js", "record_publish"]
