"""An app posts a report with its api_key; it becomes an inquiry in the right service area."""

from __future__ import annotations

from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from torg.core.models import MunicipalitySettings
from torg.core.queries import forget_municipality
from torg.inquiries.models import Channel, Inquiry, Kind
from torg.open311.actions import create_api_client, stop_api_client
from torg.open311.models import ApiClient

pytestmark = pytest.mark.urls("torg.open311.tests.urls")

API = "/open311/v2"


def _report(services, key, **fields):
    data = {
        "api_key": key,
        "service_code": f"service-{services.home_help.pk}",
        "lat": "60.6281",
        "long": "6.4142",
        "description": "Lyset i trappa er øydelagt.",
        "email": "kari@example.org",
        "first_name": "Kari",
        "last_name": "Nordmann",
        "phone": "+47 912 34 567",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def test_a_posted_report_becomes_an_inquiry_in_the_area_of_its_service(
    services, site_tree, client, api_key, valid, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{API}/requests.json", _report(services, api_key, address_string="Skulevegen 3"))

    assert response.status_code == 200
    [created] = response.json()
    inquiry = Inquiry.objects.get()
    assert created["service_request_id"] == inquiry.reference
    assert created["service_notice"]
    assert inquiry.channel == Channel.OPEN311
    assert inquiry.client_name == "Fiks gata"
    assert (inquiry.area, inquiry.service_id) == (site_tree.area_a, services.home_help.pk)
    assert inquiry.kind == Kind.ERROR_REPORT
    assert (inquiry.latitude, inquiry.longitude) == (Decimal("60.628100"), Decimal("6.414200"))
    assert inquiry.address == "Skulevegen 3"
    assert (inquiry.contact_name, inquiry.contact_email, inquiry.contact_phone) == (
        "Kari Nordmann",
        "kari@example.org",
        "+47 912 34 567",
    )
    assert inquiry.text == "Lyset i trappa er øydelagt."
    assert not inquiry.wants_public
    assert [m for m in mail.outbox if m.to == ["kari@example.org"]]  # the resident gets the receipt
    # The new request can be followed at once.
    followed = client.get(f"{API}/requests/{inquiry.reference}.json").json()
    valid("requests.json", followed)
    assert followed[0]["status"] == "open"


def test_a_report_posted_for_xml_is_answered_in_xml(services, client, api_key):
    response = client.post(f"{API}/requests.xml", _report(services, api_key))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.findtext("request/service_request_id") == Inquiry.objects.get().reference


def test_the_area_and_general_services_take_reports_too(services, site_tree, client, api_key):
    client.post(f"{API}/requests.json", _report(services, api_key, service_code=f"area-{site_tree.area_b.pk}"))
    client.post(f"{API}/requests.json", _report(services, api_key, service_code="general"))

    assert sorted((i.area_id or 0, i.service_id) for i in Inquiry.objects.all()) == [
        (0, None),
        (site_tree.area_b.pk, None),
    ]


def test_the_api_does_not_need_a_csrf_token(services, api_key):
    client = Client(enforce_csrf_checks=True)

    assert client.post(f"{API}/requests.json", _report(services, api_key)).status_code == 200


def test_attributes_set_the_kind_the_title_and_consent_to_publish(services, client, api_key):
    fields = {"attribute[kind]": "klage", "attribute[title]": "Lyset", "attribute[publish]": "yes"}

    client.post(f"{API}/requests.json", _report(services, api_key, **fields))

    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.title, inquiry.wants_public, inquiry.is_public) == (
        Kind.COMPLAINT,
        "Lyset",
        True,
        False,
    )


def test_an_anonymous_report_is_kept_as_feedback(services, client, api_key):
    response = client.post(
        f"{API}/requests.json", _report(services, api_key, email=None, phone=None, first_name=None, last_name=None)
    )

    assert response.status_code == 200
    inquiry = Inquiry.objects.get()
    assert (inquiry.kind, inquiry.is_anonymous) == (Kind.FEEDBACK, True)


def test_an_anonymous_question_is_refused_and_says_what_to_send(services, client, api_key):
    response = client.post(
        f"{API}/requests.json", _report(services, api_key, email=None, phone=None, **{"attribute[kind]": "sporsmal"})
    )

    assert response.status_code == 400
    assert response.json()[0]["code"] == 400
    assert not Inquiry.objects.exists()


def test_a_media_url_is_kept_as_a_link_in_the_text(services, client, api_key):
    client.post(f"{API}/requests.json", _report(services, api_key, media_url="https://bilete.example.org/1.jpg"))

    assert "https://bilete.example.org/1.jpg" in Inquiry.objects.get().text


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({"api_key": None}, 403),
        ({"api_key": "o311_not-a-real-key"}, 403),
        ({"service_code": "service-999999"}, 404),
        ({"service_code": None}, 400),
        ({"lat": None, "long": None}, 400),
        ({"lat": "60.1", "long": None}, 400),
        ({"lat": "north", "long": "5.3"}, 400),
        ({"lat": "91", "long": "5.3"}, 400),
        ({"lat": "NaN", "long": "inf"}, 400),
        ({"description": None}, 400),
        ({"description": "x" * 4001}, 400),
        ({"email": "not an address"}, 400),
        ({"phone": "ring meg"}, 400),
        ({"attribute[kind]": "sladder"}, 400),
        ({"attribute[publish]": "kanskje"}, 400),
        ({"media_url": "javascript:alert(1)"}, 400),
        ({"address_string": "x" * 201}, 400),
        ({"jurisdiction_id": "0301"}, 200),  # no municipality number set: any jurisdiction is fine
    ],
)
def test_bad_input_is_refused_in_open311_form_and_nothing_is_stored(services, client, api_key, fields, status):
    response = client.post(f"{API}/requests.json", _report(services, api_key, **fields))

    assert response.status_code == status
    if status != 200:
        assert response.json()[0]["code"] == status
        assert not Inquiry.objects.exists()


def test_every_problem_is_reported_at_once(services, client, api_key):
    response = client.post(
        f"{API}/requests.json", _report(services, api_key, lat=None, long=None, description=None, email="x")
    )

    assert response.status_code == 400
    assert len(response.json()) == 3


def test_a_stopped_key_is_refused(services, client):
    app, raw = create_api_client(name="Gammal app")
    stop_api_client(client=app)

    response = client.post(f"{API}/requests.xml", _report(services, raw))

    assert response.status_code == 403
    assert ET.fromstring(response.content).findtext("error/code") == "403"
    assert not Inquiry.objects.exists()


def test_text_with_control_characters_is_cleaned_not_a_server_error(services, client, api_key):
    response = client.post(
        f"{API}/requests.xml", _report(services, api_key, description="Hol\x00 i\x07 vegen\r\nved skulen")
    )

    assert response.status_code == 200
    assert Inquiry.objects.get().text == "Hol i vegen\r\nved skulen"


def test_a_body_that_is_too_large_is_refused_in_open311_form(services, client, api_key, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(f"{API}/requests.json", _report(services, api_key, description="x" * 2000))

    assert response.status_code == 413
    assert response.json()[0]["code"] == 413


def test_posts_are_limited_per_app_and_hour(services, client, api_key, settings):
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 2

    statuses = [client.post(f"{API}/requests.json", _report(services, api_key)).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert Inquiry.objects.count() == 2
    # Another app has its own count.
    _other, raw = create_api_client(name="Anna app")
    assert client.post(f"{API}/requests.json", _report(services, raw)).status_code == 200


def test_an_app_can_have_its_own_limit_and_zero_means_none(services, client, api_key, settings):
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 1
    ApiClient.objects.update(hourly_limit=0)

    statuses = [client.post(f"{API}/requests.json", _report(services, api_key)).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_a_post_with_a_wrong_jurisdiction_is_not_found(services, client, api_key):
    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.municipality_number = "4621"
    municipality.save()
    forget_municipality()

    wrong = client.post(f"{API}/requests.json", _report(services, api_key, jurisdiction_id="0301"))
    right = client.post(f"{API}/requests.json", _report(services, api_key, jurisdiction_id="4621"))

    assert (wrong.status_code, right.status_code) == (404, 200)
    assert Inquiry.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'--x\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nabc', "multipart/form-data; boundary=x"),
        (b"--x\r\nbroken", "multipart/form-data"),
        (b'{"api_key": "abc"}', "application/json"),
        (b"api_key=%FF%FE&description=%00%00", "application/x-www-form-urlencoded"),
        (b"\xff\xfe\x00", "application/x-www-form-urlencoded; charset=utf-8"),
        (b"a=1&" * 2000, "application/x-www-form-urlencoded"),
    ],
)
def test_odd_bodies_get_an_open311_error_not_a_server_error(services, client, body, content_type):
    response = client.post(f"{API}/requests.json", body, content_type=content_type)

    assert 400 <= response.status_code < 500
    assert response.json()[0]["code"] == response.status_code


@pytest.mark.parametrize(
    "path",
    [
        "requests.json?service_request_id=%FF%FE,%00",
        "requests.xml?start_date=%00&status=%FF",
        "requests/%00.xml",
        "services/service-99999999999999999999.json",
        "requests.json?start_date=9999-12-31T23:59:59-23:59",
        "requests.json?end_date=0001-01-01T00:00:00%2B14:00",
    ],
)
def test_odd_queries_get_an_answer_not_a_server_error(services, client, path):
    response = client.get(f"{API}/{path}")

    assert response.status_code in (200, 400, 404)
