"""The form under a page: anonymous, no cookie (so the page stays in the page cache)."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from wagtail.models import Page

from torg.brevmalar.models import LetterTemplate

from . import actions
from .forms import TextFeedbackForm

ANSWERS_PER_HOUR = 5


def _over_limit(request: HttpRequest, about: str) -> bool:
    """At most ANSWERS_PER_HOUR answers per client and text per hour (the address is hashed, never kept)."""
    client = request.META.get("REMOTE_ADDR", "")
    key = "textfeedback:" + hashlib.sha256(f"{client}:{about}".encode()).hexdigest()
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
    context = {"form": form, "target": page.specific, "action": request.path}
    if not form.is_valid():
        return render(request, "textfeedback/form_page.html", context, status=400)
    if _over_limit(request, f"page:{page.pk}"):
        return render(request, "textfeedback/form_page.html", {**context, "limited": True}, status=429)
    if not form.is_robot():
        actions.submit_text_feedback(
            page=page, understood=form.understood_value(), comment=form.cleaned_data["comment"]
        )
    return HttpResponseRedirect(f"{page.url}?forstod=takk#forstod")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, template_id: int) -> HttpResponse:
    """/forstod/brev/<id>/: the question about a letter, linked from every letter made from the template."""
    template = get_object_or_404(LetterTemplate.objects.filter(live=True), pk=template_id)
    form = TextFeedbackForm(request.POST or None)
    context = {"form": form, "letter": template, "action": request.path}
    if request.method == "GET":
        return render(request, "textfeedback/letter_page.html", context)
    if not form.is_valid():
        return render(request, "textfeedback/letter_page.html", {**context, "invalid": True}, status=400)
    if _over_limit(request, f"letter:{template.pk}"):
        return render(request, "textfeedback/letter_page.html", {**context, "limited": True}, status=429)
    if not form.is_robot():
        actions.submit_text_feedback(
            letter_template=template, understood=form.understood_value(), comment=form.cleaned_data["comment"]
        )
    return render(request, "textfeedback/letter_page.html", {**context, "thanked": True})
