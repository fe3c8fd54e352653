"""The e-mail bytes built from a per-dispatch template say the same as Django's MIME message."""

from __future__ import annotations

import email
import email.policy

import pytest

from torg.notifications.delivery.mailbytes import mail_template, message_bytes

SUBJECT = (
    "Flaum i Øvre Benkbygda: hald deg unna elva og brua ved skulen til vatnet har sokke att, og følg med på fjordvik.no"
)
BODY = "Elva går over breiddene ved brua.\nHald deg og borna unna elva.\n"


def parsed(raw: bytes) -> email.message.EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_a_message_decodes_to_the_subject_sender_headers_and_body_it_was_given(settings) -> None:
    settings.DEFAULT_FROM_EMAIL = "Fjordvik kommune – varsel <varsel@fjordvik.example>"
    template = mail_template(subject=SUBJECT, body=BODY)

    raw = message_bytes(
        template,
        to="kari@example.no",
        message_id="<torg-delivery-7@fjordvik.example>",
        footer="\n-- \nMeld deg av: https://fjordvik.example/abonnement/avmeld/abc/\n",
        extra_headers={"List-Unsubscribe": "<https://fjordvik.example/abonnement/avmeld/abc/>"},
        date="Thu, 26 Nov 2026 14:00:00 +0100",
    )

    assert raw is not None
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    message = parsed(raw)
    assert message["Subject"] == SUBJECT
    assert message["From"].addresses[0].display_name == "Fjordvik kommune – varsel"
    assert message["From"].addresses[0].addr_spec == "varsel@fjordvik.example"
    assert message["To"] == "kari@example.no"
    assert message["Message-ID"] == "<torg-delivery-7@fjordvik.example>"
    assert message["List-Unsubscribe"] == "<https://fjordvik.example/abonnement/avmeld/abc/>"
    assert message["Content-Transfer-Encoding"] == "8bit"
    assert (
        message.get_content().replace("\r\n", "\n")
        == BODY + "\n-- \nMeld deg av: https://fjordvik.example/abonnement/avmeld/abc/\n"
    )
    assert template.envelope_from == "=?utf-8?q?Fjordvik_kommune_=E2=80=93_varsel?= <varsel@fjordvik.example>"


def test_an_ascii_message_is_declared_seven_bit(settings) -> None:
    settings.DEFAULT_FROM_EMAIL = "varsel@fjordvik.example"
    raw = message_bytes(mail_template(subject="Vassbrot", body="Vatnet er stengt.\n"), to="a@b.no", message_id="<x@y>")

    assert raw is not None
    assert parsed(raw)["Content-Transfer-Encoding"] == "7bit"


@pytest.mark.parametrize(
    ("to", "body"),
    [
        ("kåre@example.no", BODY),  # a non-ASCII address needs SMTPUTF8 handling
        ("kari@example.no", "x" * 1200 + "\n"),  # a line too long for SMTP needs quoted-printable
        ("kari@example.no\r\nBcc: evil@example.no", BODY),  # never a header injection
    ],
)
def test_what_needs_the_full_mime_path_is_left_to_it(settings, to: str, body: str) -> None:
    settings.DEFAULT_FROM_EMAIL = "varsel@fjordvik.example"

    assert message_bytes(mail_template(subject="Vassbrot", body=body), to=to, message_id="<x@y>") is None


def test_a_subject_with_a_line_break_stays_one_header(settings) -> None:
    settings.DEFAULT_FROM_EMAIL = "varsel@fjordvik.example"
    raw = message_bytes(
        mail_template(subject="Vassbrot\r\nBcc: evil@example.no", body=BODY), to="a@b.no", message_id="<x@y>"
    )

    assert raw is not None
    message = parsed(raw)
    assert message["Bcc"] is None
    assert message["Subject"] == "Vassbrot  Bcc: evil@example.no"
