"""The form under a page: anonymous, no cookie (so the page stays in the page cache)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from . import actions
from .forms import TextFeedbackForm

ANSWERS_PER_HOUR = 5


def _over_limit(request: HttpRequest, page: Page) -> bool:
    """At most ANSWERS_PER_HOUR answers per client and page per hour (the address is hashed, never kept)."""
    client = request.META.get("REMOTE_ADDR", "")
    key = "textfeedback:" + hashlib.sha256(f"{client}:{page.pk}".encode()).hexdigest()
    count = cache.get_or_set(key, 0, 3600) or 0
    if count >= ANSWERS_PER_HOUR:
        return True
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
    return False


# No session and no cookie is involved, so there is nothing for a forged
# request to ride on; CSRF protection would set a cookie on every page that
# shows the form and take those pages out of the page cache.
@csrf_exempt
@require_POST
def submit(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page.objects.live().public(), pk=page_id)
    form = TextFeedbackForm(request.POST)
    if not form.is_valid():
        return render(request, "textfeedback/form_page.html", {"form": form, "target": page.specific}, status=400)
    if _over_limit(request, page):
        return render(
            request, "textfeedback/form_page.html", {"form": form, "target": page.specific, "limited": True}, status=429
        )
    if not form.is_robot():
        actions.submit_text_feedback(
            page=page, understood=form.understood_value(), comment=form.cleaned_data["comment"]
        )
    return HttpResponseRedirect(f"{page.url}?forstod=takk#forstod")
