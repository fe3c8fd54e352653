"""Phone numbers are stored as E.164, and SMS go to the gateway chosen in settings."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from torg.notifications.sms import FileGateway, LocmemGateway, get_gateway, normalise_phone

E164 = re.compile(r"\+[1-9][0-9]{7,14}")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+47 912 34 567", "+4791234567"),
        ("91234567", "+4791234567"),
        ("004791234567", "+4791234567"),
        ("912 34 567", "+4791234567"),
        ("912-34-567", "+4791234567"),
        ("(+47) 41 23 45 67", "+4741234567"),
        ("47 91234567", "+4791234567"),
        (" 22 33 44 55 ", "+4722334455"),
        ("+46 70 123 45 67", "+46701234567"),
        ("0046701234567", "+46701234567"),
        ("+1 (202) 555-0123", "+12025550123"),
    ],
)
def test_numbers_written_the_usual_ways_are_normalised(typed, stored):
    assert normalise_phone(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "1234567",  # seven digits
        "912345678",  # nine digits, no country code
        "01234567",  # Norwegian numbers do not start with 0
        "+47 1234 5678",
        "+47 912 34 5678",
        "+1234567",  # too short
        "+1234567890123456",  # too long
        "+0123456789",
        "ring meg",
        "912 34 567 eller 22 33 44 55",
        "+47 ９１２ ３４ ５６７",  # full-width digits
        "+",
        "00",
    ],
)
def test_anything_else_is_refused_with_a_message_saying_what_to_write(typed):
    with pytest.raises(ValueError, match=r"\w"):
        normalise_phone(typed)


@given(st.text(max_size=40))
@example("+٤٧٩١٢٣٤٥٦٧")  # Arabic-Indic digits are digits to str.isdigit(), not to us
@example("\u00b2" * 8)
def test_normalising_gives_a_valid_number_or_a_value_error_and_nothing_else(value):
    try:
        number = normalise_phone(value)
    except ValueError:
        return
    assert E164.fullmatch(number)
    assert normalise_phone(number) == number


@given(
    st.sampled_from("23456789"),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
    st.sampled_from(["", "+47", "0047", "+47 ", "47"]),
    st.sampled_from(["", " ", "-", "."]),
)
def test_every_norwegian_number_comes_out_as_plus_47_and_its_eight_digits(first, rest, prefix, separator):
    digits = first + rest
    typed = prefix + separator.join([digits[:3], digits[3:5], digits[5:]])

    assert normalise_phone(typed) == f"+47{digits}"


def test_the_gateway_is_chosen_by_settings(settings):
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.LocmemGateway", "SENDER": "Kommunen"}

    gateway = get_gateway()

    assert isinstance(gateway, LocmemGateway)
    assert gateway.sender == "Kommunen"


def test_the_file_gateway_appends_one_json_line_per_message(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.FileGateway"}
    gateway = get_gateway()
    assert isinstance(gateway, FileGateway)

    first = gateway.send(["+4791234567", "+4741234567"], "Vassbrot i Storgata.")
    gateway.send(["+4791234567"], "Vatnet er tilbake.")

    lines = (tmp_path / "sms" / "sms.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["to"], r["text"]) for r in records] == [
        (["+4791234567", "+4741234567"], "Vassbrot i Storgata."),
        (["+4791234567"], "Vatnet er tilbake."),
    ]
    assert records[0]["ids"] == first
    assert len(set(first)) == 2
