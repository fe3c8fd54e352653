"""The OpenAPI document describes the real API: it is valid, and the API keeps to it under fuzzing."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from schemathesis.specs.openapi.definitions import OPENAPI_30

from torg.inquiries.models import Channel, Inquiry
from torg.open311 import openapi

pytestmark = pytest.mark.urls("torg.open311.tests.urls")

API = "/open311/v2"


def test_the_openapi_document_is_valid_openapi_3_and_lists_every_endpoint(site_tree, client):
    response = client.get(f"{API}/openapi.json")

    assert response.status_code == 200
    document = response.json()
    jsonschema.validate(document, OPENAPI_30)
    assert document["servers"] == [{"url": "/open311/v2"}]
    for fmt in ("json", "xml"):
        for path in ("discovery", "services", "services/{service_code}", "requests", "requests/{service_request_id}"):
            assert f"/{path}.{fmt}" in document["paths"]
    assert set(document["paths"]["/requests.json"]) == {"get", "post"}


def _documented_example() -> dict[str, Any]:
    properties = openapi.SCHEMAS["NewServiceRequest"]["properties"]
    return {name: field["example"] for name, field in properties.items() if "example" in field}


@pytest.fixture
def keep_test_connection():
    """Schemathesis calls the WSGI app directly, not through Django's test client, so Django's
    request signals would close the test's database connection once it is older than
    CONN_MAX_AGE (seen on PostgreSQL in a long run). The test client disconnects them too."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_the_api_keeps_to_its_openapi_document_under_fuzzing(services, api_key, keep_test_connection):
    schema = schemathesis.openapi.from_wsgi(f"{API}/openapi.json", get_wsgi_application())
    calls = []

    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        is_post = operation.method.upper() == "POST"

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            if case.method.upper() == "POST" and isinstance(case.body, dict):
                case.body["api_key"] = api_key  # reach the checks behind the key
            response = case.call()
            calls.append(response.status_code)
            assert response.status_code < 500, case.as_curl_command()
            # Every check but "valid data is accepted": the rules that span fields (lat with long, a range of
            # at most 90 days, lat/long or address_string) are in the descriptions, not in JSON Schema.
            case.validate_response(response, excluded_checks=[positive_data_acceptance])

        fuzz()

        @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
        @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def fuzz_invalid(case):
            response = case.call()
            calls.append(response.status_code)
            assert response.status_code < 500, case.as_curl_command()

        fuzz_invalid()

        if is_post:  # the documented example is a report the API takes
            case = operation.Case(body={**_documented_example(), "api_key": api_key})
            response = case.call()
            assert response.status_code == 200, response.text
            case.validate_response(response)

    assert len(calls) > 100
    assert Inquiry.objects.filter(channel=Channel.OPEN311, client_name="Fiks gata").count() >= 2
