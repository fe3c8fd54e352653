"""Staff confirm a TOTP code from an authenticator app before they reach the back office."""

from __future__ import annotations

import datetime
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.core.tests.factories import TOTPDeviceFactory

pytestmark = pytest.mark.django_db

SETUP_URL = "/konto/tofaktor/oppsett/"
VERIFY_URL = "/konto/tofaktor/"


def in_nynorsk(message: str) -> str:
    """What the resident sees: the message in the municipality's language form (nn)."""
    with translation.override("nn"):
        return translation.gettext(message)


def code_for(device: TOTPDevice) -> str:
    """The code the authenticator app shows now."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 500_000) % 1_000_000:06d}"


@pytest.fixture
def staff(site_tree, user_with_role):
    return user_with_role(Role.KOMMUNIKASJONSSJEF)


@pytest.fixture
def staff_client(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_staff_without_a_device_is_sent_to_set_one_up(staff_client):
    response = staff_client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == f"{SETUP_URL}?next={quote('/admin/', safe='')}"


def test_setting_up_with_the_right_code_confirms_the_device_and_opens_the_back_office(staff, staff_client):
    page = staff_client.get(SETUP_URL, {"next": "/admin/"})
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=staff)
    assert not device.confirmed
    assert page.context["secret"].replace(" ", "")  # shown for typing in by hand

    response = staff_client.post(SETUP_URL, {"code": code_for(device), "next": "/admin/"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert staff_client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action="torg.second_factor.enrolled", object_id=str(staff.pk)).exists()


def test_setting_up_with_a_wrong_code_shows_an_error_and_stays(staff, staff_client):
    staff_client.get(SETUP_URL)
    device = TOTPDevice.objects.get(user=staff)

    response = staff_client.post(SETUP_URL, {"code": wrong_code_for(device), "next": "/admin/"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        in_nynorsk("The code is wrong. Check the clock on the phone and try the new code.")
    ]
    assert escape(in_nynorsk("The code is wrong. Check the clock on the phone and try the new code.")) in (
        response.content.decode()
    )
    assert response["Content-Language"] == "nn"
    device.refresh_from_db()
    assert not device.confirmed
    assert staff_client.get("/admin/").status_code == 302


def test_code_with_letters_is_refused_with_advice(staff_client):
    response = staff_client.post(SETUP_URL, {"code": "12ab56"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [in_nynorsk("The code has digits only.")]


def test_staff_with_a_device_is_asked_for_the_code_and_passes_with_the_right_one(staff, staff_client):
    device = TOTPDeviceFactory.create(user=staff)

    redirect = staff_client.get("/admin/pages/")
    assert redirect["Location"] == f"{VERIFY_URL}?next={quote('/admin/pages/', safe='')}"

    response = staff_client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/pages/"})

    assert response["Location"] == "/admin/pages/"
    assert staff_client.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action="torg.second_factor.verified", object_id=str(staff.pk)).exists()


def test_wrong_code_at_login_is_refused_and_logged(staff, staff_client):
    device = TOTPDeviceFactory.create(user=staff)

    response = staff_client.post(VERIFY_URL, {"code": wrong_code_for(device), "next": "/admin/"})

    assert response.status_code == 200
    assert response.context["form"].errors["code"] == [
        in_nynorsk("The code is wrong or too old. Type the code the app shows now.")
    ]
    assert staff_client.get("/admin/").status_code == 302
    assert ModelLogEntry.objects.filter(action="torg.second_factor.failed", object_id=str(staff.pk)).exists()


@pytest.mark.parametrize("target", ["https://evil.example/admin/", "//evil.example/", "http://testserver.evil/"])
def test_next_cannot_send_the_user_to_another_site(staff, staff_client, target):
    device = TOTPDeviceFactory.create(user=staff)

    response = staff_client.post(VERIFY_URL, {"code": code_for(device), "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_second_factor_pages_need_a_signed_in_user(db):
    response = Client().get(VERIFY_URL)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_login_page_is_reachable_before_the_second_factor(staff_client):
    assert staff_client.get("/admin/login/").status_code in (200, 302)
    assert not staff_client.get("/admin/login/").get("Location", "").startswith("/konto/")


def test_public_site_does_not_ask_staff_for_the_second_factor(staff_client):
    assert staff_client.get("/").status_code == 200


def test_second_factor_can_be_switched_off_by_setting(staff_client, settings):
    settings.TORG_STAFF_SECOND_FACTOR = False

    assert staff_client.get("/admin/").status_code == 200


def test_right_code_right_after_a_wrong_one_is_throttled_with_advice_then_accepted(staff, staff_client):
    device = TOTPDeviceFactory.create(user=staff)
    staff_client.post(VERIFY_URL, {"code": wrong_code_for(device), "next": "/admin/"})

    too_soon = staff_client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/"})

    assert too_soon.context["form"].errors["code"] == [
        in_nynorsk("Too many wrong codes in a row. Wait a few seconds and try again.")
    ]
    with time_machine.travel(datetime.timedelta(seconds=5)):
        device.refresh_from_db()
        later = staff_client.post(VERIFY_URL, {"code": code_for(device), "next": "/admin/"})
    assert later["Location"] == "/admin/"
