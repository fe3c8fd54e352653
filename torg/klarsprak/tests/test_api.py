"""POST /api/klarsprak/: the report as JSON for editors and other systems; clear errors for the rest."""

from __future__ import annotations

import datetime
import json

import pytest
import time_machine
from django.test import Client

from torg.core.roles import Role
from torg.klarsprak.actions import revoke_api_key
from torg.klarsprak.models import KlarsprakApiKey
from torg.klarsprak.tests.conftest import API_URL, in_nynorsk, post_json

pytestmark = pytest.mark.django_db

TEXT = "Søknaden må sendast innan fristen, samt vedlegga.\n\nDu får svar innan tre veker."


def test_editor_gets_lix_and_findings_whose_offsets_point_into_the_text(site_tree, editor_client, settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "JARGON": {"vedlegga": "dokumenta du sender med"}}

    response = post_json(editor_client, {"text": TEXT, "form": "nn"})

    assert response.status_code == 200
    report = response.json()
    assert report["lix"]["words"] == 13
    assert report["lix"]["sentences"] == 2
    assert report["lix"]["band"]
    assert report["findings"], "samt (officialese) and the municipality's jargon should be found"
    for finding in report["findings"]:
        assert TEXT[finding["start"] : finding["end"]] == finding["excerpt"]
    assert "lix" in report["rules_run"]


def test_another_system_checks_with_its_api_key(site_tree, key_client):
    response = post_json(key_client, {"text": "Kommunen svarar innan tre veker."})

    assert response.status_code == 200
    assert response.json()["lix"]["sentences"] == 1
    assert KlarsprakApiKey.objects.get().last_used_at is not None


def test_only_the_hash_of_a_key_is_stored(api_key):
    stored = KlarsprakApiKey.objects.get()

    assert api_key not in (stored.key_hash, stored.prefix)
    assert api_key.startswith(stored.prefix)


def test_a_revoked_key_is_refused(site_tree, key_client):
    revoke_api_key(key=KlarsprakApiKey.objects.get())

    response = post_json(key_client, {"text": "Hei."})

    assert response.status_code == 401


def test_anonymous_caller_gets_401_saying_how_to_get_access(site_tree, client):
    response = post_json(client, {"text": "Hei."})

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": in_nynorsk("Sign in to Torg's back office, or send an API key in the header X-API-Key.")
    }


def test_a_wrong_key_is_refused(site_tree):
    response = post_json(Client(HTTP_X_API_KEY="tk_gjetta"), {"text": "Hei."})

    assert response.status_code == 401


def test_employee_without_back_office_access_is_refused(site_tree, user_with_role, admin_client_for):
    response = post_json(admin_client_for(user_with_role(Role.TILSETT)), {"text": "Hei."})

    assert response.status_code == 401


def test_editor_session_counts_only_after_the_second_factor(site_tree, user_with_role, settings):
    client = Client()
    client.force_login(user_with_role(Role.KOMMUNIKASJONSSJEF))
    settings.TORG_STAFF_SECOND_FACTOR = True

    response = post_json(client, {"text": "Hei."})

    assert response.status_code == 401


def test_editor_needs_no_csrf_token(site_tree, user_with_role, no_second_factor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user_with_role(Role.KOMMUNIKASJONSSJEF))

    response = post_json(client, {"text": "Hei."})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{ikkje json", "The body is not valid JSON. Check quotes, commas and brackets."),
        ("[1, 2]", 'Send a JSON object, for example {"text": "…", "form": "nn"}.'),
        ("", 'Send a JSON object, for example {"text": "…", "form": "nn"}.'),
        ('"Hei."', 'Send a JSON object, for example {"text": "…", "form": "nn"}.'),
        ("null", 'Send a JSON object, for example {"text": "…", "form": "nn"}.'),
        ('{"form": "nn"}', "The field “text” is missing. Send the text to check in it."),
        ('{"text": 5}', "The field “text” must be a string."),
        ('{"text": ["a"]}', "The field “text” must be a string."),
        ('{"text": "Hei.", "form": "en"}', "The field “form” must be “nn” or “nb”."),
    ],
)
def test_bad_input_gets_400_with_a_plain_message(site_tree, key_client, body, message):
    response = key_client.post(API_URL, data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"detail": in_nynorsk(message)}


def test_a_text_over_the_limit_is_refused_before_it_is_checked(site_tree, key_client):
    response = post_json(key_client, {"text": "a" * 200_001})

    assert response.status_code == 400
    assert response.json()["detail"] == in_nynorsk(
        "The text is too long: at most %(max)s characters. Check it in parts."
    ) % {"max": 200_000}


def test_a_body_that_is_not_json_content_gets_400(site_tree, key_client):
    response = key_client.post(API_URL, data=json.dumps({"text": "Hei."}), content_type="text/plain")

    assert response.status_code == 400
    assert response.json()["detail"] == in_nynorsk(
        "Send the text as JSON, with the header Content-Type: application/json."
    )


def test_too_many_checks_in_a_minute_get_429(site_tree, key_client, settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "API_REQUESTS_PER_MINUTE": 3}

    statuses = [post_json(key_client, {"text": "Hei."}).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = post_json(key_client, {"text": "Hei."})
    assert response.json()["detail"] == in_nynorsk("Too many checks in a short time. Wait a minute and try again.")
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_limit_is_per_caller(site_tree, key_client, editor_client, settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "API_REQUESTS_PER_MINUTE": 1}

    # Within one minute even on a slow machine (the limit counts per clock minute).
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0, 5, tzinfo=datetime.UTC), tick=False):
        assert post_json(key_client, {"text": "Hei."}).status_code == 200
        assert post_json(editor_client, {"text": "Hei."}).status_code == 200
        assert post_json(key_client, {"text": "Hei."}).status_code == 429


def test_get_is_not_allowed(site_tree, key_client):
    assert key_client.get(API_URL).status_code == 405


def test_openapi_document_describes_the_endpoint(site_tree, client):
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = response.json()
    operation = schema["paths"]["/api/klarsprak/"]["post"]
    assert set(operation["responses"]) >= {"200", "400", "401", "429"}
    schemes = schema["components"]["securitySchemes"].values()
    assert {(scheme["in"], scheme["name"]) for scheme in schemes} == {("header", "X-API-Key"), ("cookie", "sessionid")}
