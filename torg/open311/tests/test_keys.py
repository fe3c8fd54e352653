"""The kommunikasjonssjef gives an app its key in the back office or by command; only its hash is kept."""

from __future__ import annotations

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from torg.core.roles import Role
from torg.core.tests.factories import UserFactory
from torg.inquiries.models import Inquiry
from torg.open311.models import ApiClient

pytestmark = pytest.mark.urls("torg.open311.tests.urls")

KEY = re.compile(r"o311_[A-Za-z0-9_-]{40,}")


def _key_in(text: str) -> str:
    found = KEY.search(text)
    assert found is not None, "no key shown"
    return found.group()


def _post_report(client, key, services):
    return client.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": f"service-{services.home_help.pk}",
            "address_string": "Skulevegen 3",
            "description": "Gatelyset er øydelagt.",
            "email": "kari@example.org",
        },
    )


def test_the_command_prints_a_working_key_once_and_keeps_only_its_hash(services, client):
    out = StringIO()

    call_command("open311_key", "Fiks gata", "--email", "app@example.org", stdout=out)

    key = _key_in(out.getvalue())
    app = ApiClient.objects.get()
    assert (app.name, app.contact_email, app.active) == ("Fiks gata", "app@example.org", True)
    assert app.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {app.prefix, app.key_hash}
    assert _post_report(client, key, services).status_code == 200
    assert Inquiry.objects.get().client_name == "Fiks gata"


def test_the_command_lists_and_stops_apps(services, client):
    out = StringIO()
    call_command("open311_key", "Fiks gata", stdout=out)
    key = _key_in(out.getvalue())

    call_command("open311_key", "--deactivate", "Fiks gata", stdout=StringIO())
    listing = StringIO()
    call_command("open311_key", "--list", stdout=listing)

    assert "Fiks gata" in listing.getvalue() and "stopped" in listing.getvalue()
    assert key not in listing.getvalue()
    assert _post_report(client, key, services).status_code == 403


def test_the_head_of_communication_makes_an_app_in_settings_and_sees_its_key_once(
    services, user_with_role, admin_client_for, client
):
    staff = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))
    index = reverse("open311_apps:index")
    assert index in staff.get(reverse("wagtailadmin_home")).content.decode()  # under Settings

    response = staff.post(
        reverse("open311_apps:add"), {"name": "Fiks gata", "contact_email": "app@example.org", "hourly_limit": ""}
    )

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = _key_in(response.content.decode())
    app = ApiClient.objects.get()
    assert app.key_hash == hashlib.sha256(key.encode()).hexdigest()
    listing = staff.get(index).content.decode()
    assert "Fiks gata" in listing and key not in listing
    assert key not in staff.get(reverse("open311_apps:edit", args=[app.pk])).content.decode()
    assert _post_report(client, key, services).status_code == 200


def test_unticking_active_in_the_back_office_stops_the_key(services, user_with_role, admin_client_for, client):
    staff = admin_client_for(user_with_role(Role.KOMMUNIKASJONSSJEF))
    response = staff.post(reverse("open311_apps:add"), {"name": "Fiks gata", "contact_email": "", "hourly_limit": ""})
    key = _key_in(response.content.decode())
    app = ApiClient.objects.get()

    staff.post(
        reverse("open311_apps:edit", args=[app.pk]),
        {"name": "Fiks gata", "contact_email": "", "hourly_limit": "5"},  # "active" left unticked
    )

    app.refresh_from_db()
    assert (app.active, app.hourly_limit) == (False, 5)
    assert _post_report(client, key, services).status_code == 403


def test_a_superuser_may_manage_apps(site_tree, admin_client_for):
    staff = admin_client_for(UserFactory.create(is_superuser=True, is_staff=True))

    assert staff.get(reverse("open311_apps:index")).status_code == 200


def test_a_web_contact_may_not_see_or_make_app_keys(site_tree, user_with_role, admin_client_for):
    staff = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_a))

    assert reverse("open311_apps:index") not in staff.get(reverse("wagtailadmin_home")).content.decode()
    assert staff.get(reverse("open311_apps:index")).status_code in (302, 403)
    response = staff.post(reverse("open311_apps:add"), {"name": "Snik", "contact_email": "", "hourly_limit": ""})
    assert response.status_code in (302, 403)
    assert not ApiClient.objects.exists()
