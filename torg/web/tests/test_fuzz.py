"""Whatever a visitor types into the address or the search box, the answer is never a 500."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(query=st.text(max_size=300))
def test_any_search_text_gives_a_page_not_an_error(site_tree, client, query):
    response = client.get("/sok/", {"q": query, "side": "x"})

    assert response.status_code == 200


@FUZZ
@given(segments=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_any_address_gives_a_page_or_not_found_never_an_error(site_tree, client, segments):
    path = "/" + "/".join(quote(s, safe="") for s in segments)

    for suffix in ("", "/", "/feed.rss", "/kalender.ics"):
        response = client.get(path + suffix)
        assert response.status_code in (200, 301, 302, 404), (path + suffix, response.status_code)
