"""Whatever is posted to the subscription pages, the answer is a page, a redirect or a refusal, never a 500."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torg.places.models import Place, PlaceKind
from torg.places.tests.factories import make_place, polygon
from torg.subscriptions.models import Subscriber, Topic

pytestmark = pytest.mark.django_db

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
OK = {200, 302, 400, 404, 429}

odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50),
    st.sampled_from(
        ["", " ", "\x00", "<script>alert(1)</script>", "1e999", "NaN", "∞", "x" * 6000, "kari@example.org"]
    ),
)
phones = st.one_of(odd_text, st.sampled_from(["91234567", "+47 912 34 567", "0047912345678", "+", "00", "9" * 40]))
flags = st.sampled_from(["", "on", "off", "true", "0", "\x00"])
slugs = st.lists(st.one_of(st.sampled_from(["vatn", "sentrum", "", "0", "-1"]), st.text(max_size=30)), max_size=4)


@pytest.fixture
def fuzz_world(site_tree: Any, settings: Any) -> Any:
    settings.TORG_SUBSCRIPTION_RATE_LIMIT_PER_HOUR = 0
    settings.TORG_SMS_INBOUND_TOKEN = "hemmeleg"
    Topic.objects.get_or_create(name="Vatn", slug="vatn")
    if not Place.objects.filter(slug="sentrum").exists():
        make_place("Sentrum", polygon(60.40, 5.40, 0.02), kind=PlaceKind.BYGD)
    return site_tree


@FUZZ
@given(
    email=odd_text,
    phone=phones,
    wants_email=flags,
    wants_sms=flags,
    wants_push=flags,
    everything=st.one_of(st.sampled_from(["alt", "utval", ""]), st.text(max_size=10)),
    topics=slugs,
    places=slugs,
    service_areas=slugs,
    address=odd_text,
    address_choice=odd_text,
    frequency=st.one_of(st.sampled_from(["straks", "dagleg", "vekeleg", ""]), st.text(max_size=10)),
    consent=flags,
    website=st.sampled_from(["", "x"]),
)
def test_any_form_input_gives_a_page_or_a_redirect_never_an_error(fuzz_world: Any, **fields: Any) -> None:
    before = Subscriber.objects.count()

    response = Client().post("/abonnement/", fields)

    assert response.status_code in OK, response.status_code
    if response.status_code != 302:
        assert Subscriber.objects.count() == before


@FUZZ
@given(
    everything=st.one_of(st.sampled_from(["alt", "utval"]), st.text(max_size=10)),
    topics=slugs,
    email=odd_text,
    wants_email=flags,
    address=odd_text,
    frequency=st.text(max_size=10),
)
def test_any_change_to_a_subscription_gives_a_page_never_an_error(fuzz_world: Any, **fields: Any) -> None:
    person, _created = Subscriber.objects.get_or_create(
        email="fuzz@example.org",
        defaults={"wants_email": True, "consent_text": "Ja.", "consent_at": timezone.now()},
    )
    response = Client().post(f"/abonnement/endre/{person.token}/", fields)

    assert response.status_code in OK, response.status_code


@FUZZ
@given(phone=phones, code=odd_text)
def test_any_code_gives_a_page_never_an_error(fuzz_world: Any, phone: str, code: str) -> None:
    response = Client().post("/abonnement/kode/", {"phone": phone, "code": code})

    assert response.status_code in OK, response.status_code


@FUZZ
@given(token=st.text(min_size=1, max_size=120), method=st.sampled_from(["get", "post"]), channel=odd_text)
def test_any_link_token_gives_a_page_never_an_error(fuzz_world: Any, token: str, method: str, channel: str) -> None:
    client = Client()
    for path in ("stadfest", "endre", "avmeld"):
        url = f"/abonnement/{path}/{quote(token, safe='')}/?kanal={quote(channel, safe='')}"
        response = getattr(client, method)(url)
        assert response.status_code in OK | {403}, (url, response.status_code)


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=200), st.text(max_size=200)),
    content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded", "text/plain"]),
)
def test_any_webhook_or_push_body_is_answered_never_an_error(fuzz_world: Any, body: Any, content_type: str) -> None:
    client = Client()
    inbound = client.post("/abonnement/sms/inn/?token=hemmeleg", body, content_type=content_type)
    push = client.post("/abonnement/push/", body, content_type=content_type)

    assert inbound.status_code in {200, 400}, inbound.status_code
    assert push.status_code in {400, 403, 404}, push.status_code


@FUZZ
@given(emne=odd_text, stad=odd_text, omrade=odd_text)
def test_any_feed_query_gives_a_feed_or_not_found(fuzz_world: Any, emne: str, stad: str, omrade: str) -> None:
    response = Client().get("/abonnement/feed.atom", {"emne": emne, "stad": stad, "omrade": omrade})

    assert response.status_code in {200, 404}, response.status_code
