"""The subscription form's checks, without the web pages around it."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import QueryDict

from torg.places.geocoder import fold
from torg.places.models import AddressPoint
from torg.subscriptions.forms import CodeForm, SubscriptionForm, kept_input
from torg.subscriptions.models import Topic

pytestmark = pytest.mark.django_db


def form(**fields: Any) -> SubscriptionForm:
    data = {"wants_sms": "on", "phone": "+47 912 34 567", "everything": "alt", "frequency": "dagleg", "consent": "on"}
    data.update(fields)
    return SubscriptionForm(data)


def test_the_mobile_number_is_kept_in_one_form(site_tree: Any) -> None:
    checked = form()

    assert checked.is_valid(), checked.errors
    assert checked.subscription()["phone"] == "+4791234567"
    assert checked.subscription()["everything"] is True and checked.subscription()["points"] == []


def test_on_the_manage_page_unticking_a_channel_drops_its_address_without_complaint(site_tree: Any) -> None:
    changed = SubscriptionForm(
        {
            "wants_sms": "on",
            "phone": "91234567",
            "email": "kari@example.org",
            "everything": "alt",
            "frequency": "straks",
        },
        manage=True,
    )

    assert changed.is_valid(), changed.errors  # no consent box on the manage page


def test_a_kept_address_is_not_looked_up_again(site_tree: Any) -> None:
    kept = SubscriptionForm(
        {
            "wants_sms": "on",
            "phone": "91234567",
            "everything": "utval",
            "address": "Gamlevegen 1",
            "frequency": "straks",
        },
        existing_points=[("Gamlevegen 1", 60.4, 5.4)],
        manage=True,
    )

    assert kept.is_valid(), kept.errors
    assert kept.points == [("Gamlevegen 1", 60.4, 5.4)]


def test_an_address_typed_exactly_wins_over_longer_ones(site_tree: Any) -> None:
    for text in ("Storgata 1", "Storgata 10", "Storgata 11"):
        AddressPoint.objects.create(text=text, postcode="5300", lat=60.4, lon=5.4, search_text=fold(f"{text} 5300"))

    exact = form(everything="utval", address="storgata 1")

    assert exact.is_valid(), exact.errors
    assert exact.points == [("Storgata 1, 5300", 60.4, 5.4)]


def test_kept_input_keeps_ticked_boxes_and_lists_but_not_the_honeypot(site_tree: Any) -> None:
    Topic.objects.create(name="Vatn", slug="vatn")
    data = QueryDict(mutable=True)
    data.update({"email": "kari@example.org", "wants_email": "on", "website": "spam"})
    data.setlist("topics", ["vatn", "vegar"])

    kept = kept_input(SubscriptionForm, data)

    assert kept["email"] == "kari@example.org" and kept["wants_email"] is True and kept["wants_sms"] is False
    assert kept["topics"] == ["vatn", "vegar"] and "website" not in kept


@pytest.mark.parametrize(("typed", "code"), [("123456", "123456"), (" 123 456 ", "123456"), ("123-456", "123456")])
def test_the_sms_code_may_be_typed_with_spaces_or_a_dash(typed: str, code: str) -> None:
    checked = CodeForm({"code": typed}, ask_phone=False)

    assert checked.is_valid(), checked.errors
    assert checked.cleaned_data["code"] == code


@pytest.mark.parametrize("typed", ["12345", "1234567", "abcdef", "١٢٣٤٥٦", ""])
def test_anything_but_six_digits_is_not_a_code(typed: str) -> None:
    assert not CodeForm({"code": typed}, ask_phone=False).is_valid()
