"""An app finds the endpoint, lists what it can report, and reads a service's questions."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from wagtail.models import Site

from torg.core.models import MunicipalitySettings
from torg.core.queries import forget_municipality

pytestmark = pytest.mark.urls("torg.open311.tests.urls")

API = "/open311/v2"


def test_discovery_points_apps_to_the_endpoint_in_both_formats(site_tree, client):
    data = client.get(f"{API}/discovery.json").json()

    endpoint = data["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    xml = ET.fromstring(client.get(f"{API}/discovery.xml").content)
    assert xml.tag == "discovery"
    assert [f.text for f in xml.iter("format")] == ["text/xml", "application/json"]


def test_the_service_list_has_each_published_service_page_grouped_by_its_area(services, site_tree, client, valid):
    response = client.get(f"{API}/services.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    valid("services.json", data)
    by_code = {service["service_code"]: service for service in data}
    home_help = by_code[f"service-{services.home_help.pk}"]
    assert home_help["service_name"] == "Heimehjelp"
    assert home_help["description"] == "Hjelp i heimen når du treng det."
    assert home_help["group"] == "Helse og omsorg"
    assert (home_help["type"], home_help["metadata"]) == ("realtime", True)
    assert by_code[f"service-{services.school_bus.pk}"]["group"] == "Oppvekst"
    assert f"service-{services.draft.pk}" not in by_code  # a draft is nothing to report to
    # What fits no page still has a place: per area, and "something else" for the service desk to route.
    assert by_code[f"area-{site_tree.area_a.pk}"]["group"] == "Helse og omsorg"
    assert data[-1]["service_code"] == "general"


def test_the_service_list_in_xml_has_the_same_services(services, client):
    codes = [s["service_code"] for s in client.get(f"{API}/services.json").json()]

    response = client.get(f"{API}/services.xml")

    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ET.fromstring(response.content)
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == codes
    assert root.findtext("service/metadata") == "true"


def test_a_service_definition_offers_the_kind_of_inquiry_and_consent_to_publish(services, client, valid):
    data = client.get(f"{API}/services/service-{services.home_help.pk}.json").json()

    valid("service-definition.json", data)
    attributes = {a["code"]: a for a in data["attributes"]}
    assert {v["key"] for v in attributes["kind"]["values"]} == {"sporsmal", "tilbakemelding", "klage", "feilmelding"}
    assert [v["key"] for v in attributes["publish"]["values"]] == ["yes", "no"]
    assert not any(a["required"] for a in data["attributes"])  # a plain Open311 client can post without them
    xml = ET.fromstring(client.get(f"{API}/services/service-{services.home_help.pk}.xml").content)
    assert xml.tag == "service_definition"
    assert [a.findtext("code") for a in xml.iter("attribute")] == [a["code"] for a in data["attributes"]]


@pytest.mark.parametrize("code", ["service-999999", "area-999999", "nothing", "service-0"])
def test_an_unknown_service_code_is_an_open311_not_found(services, client, code):
    response = client.get(f"{API}/services/{code}.json")

    assert response.status_code == 404
    assert response.json()[0]["code"] == 404
    xml = client.get(f"{API}/services/{code}.xml")
    assert xml.status_code == 404
    assert ET.fromstring(xml.content).findtext("error/code") == "404"


def test_a_draft_service_page_has_no_definition(services, client):
    assert client.get(f"{API}/services/service-{services.draft.pk}.json").status_code == 404


def _set_municipality_number(number: str) -> None:
    municipality = MunicipalitySettings.for_site(Site.objects.get(is_default_site=True))
    municipality.municipality_number = number
    municipality.save()
    forget_municipality()


def test_the_jurisdiction_is_the_municipality_number_and_another_one_is_not_found(services, client):
    _set_municipality_number("4601")

    assert client.get(f"{API}/services.json", {"jurisdiction_id": "4601"}).status_code == 200
    assert client.get(f"{API}/services.json").status_code == 200  # optional: one jurisdiction only
    wrong = client.get(f"{API}/services.xml", {"jurisdiction_id": "0301"})
    assert wrong.status_code == 404
    assert "4601" in ET.fromstring(wrong.content).findtext("error/description", "")


def test_any_jurisdiction_is_accepted_when_the_municipality_number_is_not_set(services, client):
    _set_municipality_number("")

    assert client.get(f"{API}/services.json", {"jurisdiction_id": "sfgov.org"}).status_code == 200


def test_an_unknown_address_under_the_api_is_an_open311_error_not_a_web_page(site_tree, client):
    for path, parse in (("services.html", json.loads), ("nothing/here.xml", ET.fromstring)):
        response = client.get(f"{API}/{path}")
        assert response.status_code == 404
        parse(response.content)


def test_a_wrong_method_is_refused_with_the_allowed_ones(site_tree, client):
    response = client.delete(f"{API}/services.json")

    assert response.status_code == 405
    assert response["Allow"] == "GET"
    assert response.json()[0]["code"] == 405
