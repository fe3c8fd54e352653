"""Whatever another system sends to POST /api/klarsprak/, the answer is a report or a clear error, never a 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from torg.klarsprak.tests.conftest import API_URL

FUZZ = hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries({"text": json_values}, optional={"form": json_values}),
    st.fixed_dictionaries({"text": st.text(max_size=2000)}, optional={"form": st.sampled_from(["nn", "nb", "NN", ""])}),
)


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.TORG_KLARSPRAK = {**settings.TORG_KLARSPRAK, "API_REQUESTS_PER_MINUTE": 100_000}


def _ok_or_clear_error(response) -> None:
    assert response.status_code in (200, 400), response.status_code
    data = response.json()
    assert ("lix" in data) if response.status_code == 200 else isinstance(data.get("detail"), str)


@FUZZ
@given(body=bodies)
def test_any_json_body_gets_a_report_or_a_400(site_tree, key_client, body):
    _ok_or_clear_error(key_client.post(API_URL, data=json.dumps(body), content_type="application/json"))


@FUZZ
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_any_bytes_get_a_400_or_a_report(site_tree, key_client, raw, content_type):
    _ok_or_clear_error(key_client.generic("POST", API_URL, raw, content_type=content_type))


@FUZZ
@given(text=st.text(max_size=3000))
def test_every_finding_points_at_its_excerpt(site_tree, key_client, text):
    response = key_client.post(API_URL, data=json.dumps({"text": text}), content_type="application/json")

    assert response.status_code == 200
    for finding in response.json()["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["excerpt"]
