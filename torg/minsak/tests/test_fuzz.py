"""Whatever is sent to Mi sak's forms and addresses, the answer is a page or a redirect, never a 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..models import LoginLink

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
OK = {200, 302, 400, 404, 405, 410, 429}

odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.emails(),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "kari@example.org",
            "KARI@EXAMPLE.ORG",
            "a@b",
            "@",
            "x" * 6000,
            "<script>@x.no",
            "kari@例え.jp",
        ]
    ),
)


@FUZZ
@given(
    email=odd_text,
    website=st.sampled_from(["", "x", "\x00"]),
    extra=st.dictionaries(st.text(max_size=10), odd_text, max_size=3),
)
def test_any_email_form_input_gives_a_page_or_a_redirect(
    cases: dict[str, Any], email: str, website: str, extra: dict[str, str]
) -> None:
    cache.clear()
    links_before = LoginLink.objects.count()  # the database keeps what earlier examples made

    response = Client().post("/mi-side/epost/", {**extra, "email": email, "website": website})

    assert response.status_code in OK, response.status_code
    if response.status_code != 302:
        assert LoginLink.objects.count() == links_before


@FUZZ
@given(token=st.text(min_size=1, max_size=300).filter(lambda t: "/" not in t))
def test_any_link_token_gives_a_page(db: None, token: str) -> None:
    client = Client()
    path = f"/mi-side/inn/{quote(token, safe='')}/"

    assert client.get(path).status_code in OK
    assert client.post(path).status_code in OK


@FUZZ
@given(code=odd_text, state=odd_text, error=odd_text)
def test_any_idporten_answer_gives_a_page(idporten: Any, code: str, state: str, error: str) -> None:
    response = Client().get("/mi-side/idporten/tilbake/", {"code": code, "state": state, "error": error})

    assert response.status_code in OK
