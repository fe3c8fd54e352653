"""The pieces every back-office section shares: deadlines in words, the gate and its 403 page, breadcrumbs."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import translation

from torg.core import backoffice


@pytest.mark.parametrize(
    ("days", "passed", "words", "late"),
    [
        (5, None, "Due in 5 days", False),
        (2, None, "Due in 2 days", False),
        (1, None, "Due tomorrow", False),
        (0, None, "Due today", False),
        (0, True, "Overdue by 1 day", True),  # a deadline earlier today has passed
        (-1, None, "Overdue by 1 day", True),
        (-3, None, "Overdue by 3 days", True),
    ],
)
def test_deadlines_are_said_in_words(days: int, passed: bool | None, words: str, late: bool) -> None:
    with translation.override("en"):
        assert backoffice.due_in_words(days, passed=passed) == (words, late)


def test_deadlines_speak_nynorsk() -> None:
    with translation.override("nn"):
        text, late = backoffice.due_in_words(-2)
    assert late and "2" in text and text != "Overdue by 2 days"


@pytest.mark.django_db
def test_the_gate_lets_in_only_those_allowed_and_says_why_to_the_rest() -> None:
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("inside")

    request = RequestFactory().get("/admin/somewhere/")
    request.user = AnonymousUser()
    message = "Only the archive may come in here."
    closed = backoffice.gate(lambda user: False, message)(view)(request)
    assert closed.status_code == 403
    assert isinstance(closed, HttpResponse) and message in closed.content.decode()
    opened = backoffice.gate(lambda user: True, message)(view)(request)
    assert isinstance(opened, HttpResponse) and (opened.status_code, opened.content) == (200, b"inside")


def test_breadcrumbs_start_at_home_and_end_at_the_current_page() -> None:
    with translation.override("en"):
        trail = backoffice.breadcrumbs(("/admin/section/", "Section"), ("", "This page"))
    assert [item["label"] for item in trail] == ["Home", "Section", "This page"]
    assert trail[0]["url"] == "/admin/" and trail[-1]["url"] == ""
