"""Anyone can follow service requests, and sees only what the public may see."""

from __future__ import annotations

import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
from django.utils import timezone

from torg.core.roles import Role
from torg.inquiries.actions import close_inquiry, publish_feedback
from torg.inquiries.models import Channel, Kind
from torg.inquiries.tests.factories import make_inquiry
from torg.open311 import forms

pytestmark = pytest.mark.urls("torg.open311.tests.urls")

API = "/open311/v2"
HOME = "Storgata 12B, 5700 Voss"


def _report(site_tree, services=None, **fields):
    values = {
        "area": site_tree.area_a,
        "kind": Kind.ERROR_REPORT,
        "channel": Channel.OPEN311,
        "text": "Det er eit djupt hol i vegen utanfor huset mitt.",
        "email": "kari@example.org",
        "phone": "+4791234567",
        "name": "Kari Nordmann",
        "address": HOME,
        "latitude": Decimal("60.628100"),
        "longitude": Decimal("6.414200"),
        "client_name": "Fiks gata",
    }
    if services is not None:
        values["service"] = services.home_help
    values.update(fields)
    return make_inquiry(**values)


def test_a_reported_problem_is_listed_with_its_reference_status_and_service(services, site_tree, client, valid):
    inquiry = _report(site_tree, services)

    response = client.get(f"{API}/requests.json")

    assert response.status_code == 200
    data = response.json()
    valid("requests.json", data)
    [item] = data
    assert item["service_request_id"] == inquiry.reference
    assert item["status"] == "open"
    assert item["service_code"] == f"service-{services.home_help.pk}"
    assert item["service_name"] == "Heimehjelp"
    assert item["agency_responsible"] == "Helse og omsorg"
    assert datetime.datetime.fromisoformat(item["expected_datetime"]) == inquiry.due_at


def test_an_unpublished_report_never_shows_the_residents_words_place_or_contact(services, site_tree, client):
    _report(site_tree, services)

    for path in ("requests.json", "requests.xml"):
        body = client.get(f"{API}/{path}").content.decode()
        for secret in ("Storgata", "60.6281", "6.4142", "djupt hol", "kari@example.org", "91234567", "Kari"):
            assert secret not in body, (path, secret)
    [item] = client.get(f"{API}/requests.json").json()
    assert not {"description", "address", "lat", "long", "media_url"} & item.keys()


def test_published_feedback_shows_the_screened_text_and_place_but_not_the_residents_own_words(
    services, site_tree, client, user_with_role, valid
):
    inquiry = _report(site_tree, services, wants_public=True)
    staff = user_with_role(Role.KOMMUNIKASJONSSJEF)
    publish_feedback(inquiry=inquiry, actor=staff, public_title="Hol i vegen", public_text="Hol i vegen ved skulen.")
    close_inquiry(inquiry=inquiry, actor=staff, public_action="Vegen er lappa.")

    data = client.get(f"{API}/requests.json").json()

    valid("requests.json", data)
    [item] = data
    assert item["description"] == "Hol i vegen ved skulen."
    assert (item["address"], item["lat"], item["long"]) == (HOME, 60.6281, 6.4142)
    assert item["status"] == "closed"
    assert item["status_notes"] == "Vegen er lappa."
    body = client.get(f"{API}/requests.xml").content.decode()
    assert "djupt hol" not in body and "kari@example.org" not in body
    assert "Hol i vegen ved skulen." in body


def test_inquiries_from_other_channels_are_not_listed_even_by_reference(site_tree, client):
    private = make_inquiry(area=site_tree.area_a, channel=Channel.EMAIL)

    assert client.get(f"{API}/requests.json").json() == []
    assert client.get(f"{API}/requests.json", {"service_request_id": private.reference}).json() == []
    assert client.get(f"{API}/requests/{private.reference}.json").status_code == 404


def test_a_single_request_is_found_by_its_reference_in_json_and_xml(services, site_tree, client, valid):
    inquiry = _report(site_tree, services)

    data = client.get(f"{API}/requests/{inquiry.reference}.json").json()
    xml = ET.fromstring(client.get(f"{API}/requests/{inquiry.reference}.xml").content)

    valid("requests.json", data)
    assert data[0]["service_request_id"] == inquiry.reference
    assert xml.tag == "service_requests"
    assert xml.findtext("request/service_request_id") == inquiry.reference
    assert xml.findtext("request/status") == "open"
    # The reference works without its "ST-" and in lower case, as people type it.
    short = inquiry.reference.removeprefix("ST-").lower()
    assert client.get(f"{API}/requests/{short}.json").json()[0]["service_request_id"] == inquiry.reference


def test_an_unknown_request_is_an_open311_not_found(site_tree, client):
    response = client.get(f"{API}/requests/ST-NOSUCH.xml")

    assert response.status_code == 404
    assert ET.fromstring(response.content).findtext("error/code") == "404"


def test_requests_are_filtered_by_status_service_and_reference(services, site_tree, client, user_with_role):
    staff = user_with_role(Role.KOMMUNIKASJONSSJEF)
    open_one = _report(site_tree, services)
    closed_one = _report(site_tree, area=site_tree.area_b)
    close_inquiry(inquiry=closed_one, actor=staff)
    general = _report(site_tree, area=None)

    def ids(**params):
        return [item["service_request_id"] for item in client.get(f"{API}/requests.json", params).json()]

    assert ids(status="open") == [general.reference, open_one.reference]
    assert ids(status="closed") == [closed_one.reference]
    assert len(ids(status="open,closed")) == 3
    assert ids(service_code=f"service-{services.home_help.pk}") == [open_one.reference]
    assert ids(service_code=f"area-{site_tree.area_b.pk},general") == [general.reference, closed_one.reference]
    assert ids(service_code="nothing") == []
    # service_request_id overrides the other filters.
    assert ids(service_request_id=f"{closed_one.reference},{open_one.reference}", status="open") == [
        closed_one.reference,
        open_one.reference,
    ]


def test_requests_default_to_the_last_90_days_and_take_a_date_range(site_tree, client):
    now = timezone.now()
    old = _report(site_tree, received_at=now - datetime.timedelta(days=120))
    recent = _report(site_tree, received_at=now - datetime.timedelta(days=10))

    def ids(**params):
        return [item["service_request_id"] for item in client.get(f"{API}/requests.json", params).json()]

    assert ids() == [recent.reference]
    start = (now - datetime.timedelta(days=130)).strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now - datetime.timedelta(days=100)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    assert ids(start_date=start, end_date=end) == [old.reference]
    assert ids(start_date=start) == [old.reference]  # the 90 days after start_date


@pytest.mark.parametrize(
    "params",
    [
        {"status": "waiting"},
        {"start_date": "yesterday"},
        {"end_date": "2026-13-45T00:00:00Z"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
        {"start_date": "2026-06-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
        {"status": "open,pending"},
        {"end_date": "0001-01-02"},
    ],
)
def test_bad_filters_are_refused_with_what_to_send_instead(site_tree, client, params):
    response = client.get(f"{API}/requests.json", params)

    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400
    assert error["description"]


def test_the_list_takes_the_same_few_queries_for_many_requests(
    services, site_tree, client, django_assert_max_num_queries
):
    for _ in range(15):
        _report(site_tree, services)

    with django_assert_max_num_queries(4):
        response = client.get(f"{API}/requests.json")

    assert len(response.json()) == 15


def test_the_list_stops_at_its_limit_with_the_newest_first(site_tree, client, monkeypatch):
    monkeypatch.setattr(forms, "MAX_REQUESTS", 2)
    now = timezone.now()
    made = [_report(site_tree, received_at=now - datetime.timedelta(days=d)) for d in (3, 2, 1)]

    data = client.get(f"{API}/requests.json").json()

    assert [item["service_request_id"] for item in data] == [made[2].reference, made[1].reference]


def test_tokens_are_never_issued_so_a_token_is_not_found(site_tree, client):
    response = client.get(f"{API}/tokens/12345.json")

    assert response.status_code == 404
    assert "service_request_id" in response.json()[0]["description"]
