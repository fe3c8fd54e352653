"""Guessing passwords at the back-office login is stopped after a few tries (django-axes)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from torg.core.roles import Role
from torg.core.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/admin/login/"


@pytest.fixture
def staff(site_tree, user_with_role, axes_reset):
    return user_with_role(Role.WEBKONTAKT, site_tree.area_a)


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def test_right_password_logs_in(staff):
    client = Client()

    response = _login(client, staff.username, PASSWORD)

    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(staff.pk)


def test_wrong_password_shows_the_form_again(staff):
    response = _login(Client(), staff.username, "feil-passord")

    assert response.status_code == 200
    assert response.context["form"].errors


def test_after_too_many_wrong_passwords_even_the_right_one_is_locked_out(staff):
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, staff.username, "feil-passord")

    response = _login(client, staff.username, PASSWORD)

    assert response.status_code == 429
    assert "core/lockout.html" in [t.name for t in response.templates]
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_user_so_a_colleague_can_still_log_in(staff, user_with_role, site_tree):
    colleague = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    attacker = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(attacker, staff.username, "feil-passord")

    colleague_client = Client()
    response = _login(colleague_client, colleague.username, PASSWORD)

    assert response.status_code == 302
    assert colleague_client.session.get("_auth_user_id") == str(colleague.pk)
