from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from ..forms import TextFeedbackForm

register = template.Library()


@register.inclusion_tag("textfeedback/widget.html", takes_context=True)
def text_feedback(context: template.Context, page: Any) -> dict[str, Any]:
    """The "Forstod du teksten?" box under a page, or the thanks after an answer."""
    request = context.get("request")
    thanked = request is not None and request.GET.get("forstod") == "takk"
    action = reverse("textfeedback:submit", args=[page.pk])
    return {"target": page, "form": TextFeedbackForm(), "thanked": thanked, "action": action}
