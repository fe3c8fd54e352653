"""E-mail to Servicetorget: a new mail becomes an inquiry, a resident's reply continues theirs.

Every sample in ``mail/`` goes in both ways the municipality receives mail: through
the provider's inbound webhook (Anymail's Postmark endpoint, raw MIME, over HTTP) and
through ``manage.py import_eml``.
"""

from __future__ import annotations

import base64
import email.policy
import io
import json
from collections.abc import Callable, Iterator
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils.functional import empty

from torg.core.roles import Role
from torg.inquiries.actions import ask_resident
from torg.inquiries.inbound import Outcome, receive_email
from torg.inquiries.models import Channel, Inquiry, Kind, MessageKind, Status, private_storage
from torg.inquiries.tests.factories import make_inquiry
from torg.notifications.models import Notification

MAIL = Path(__file__).parent / "mail"
SECRET = "torg:hemmeleg-nokkel"


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path: Path) -> Iterator[Path]:
    """Attachments are written under the test's own directory."""
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty  # type: ignore[assignment]
    yield tmp_path / "private"
    private_storage._wrapped = empty  # type: ignore[assignment]


@pytest.fixture
def areas(site_tree):
    site_tree.area_b.email = "Oppvekst@Kommune.example"
    site_tree.area_b.save()
    return site_tree


def sample(name: str, inquiry: Inquiry | None = None) -> bytes:
    """A sample mail; a reply sample gets the reference and Message-IDs of ``inquiry``."""
    raw = (MAIL / name).read_bytes()
    if inquiry is not None:
        question = inquiry.messages.filter(kind=MessageKind.QUESTION).last()
        raw = raw.replace(b"ST-XXXXXX", inquiry.reference.encode()).replace(b"INQUIRY_PK", str(inquiry.pk).encode())
        raw = raw.replace(b"MESSAGE_PK", str(question.pk if question else 0).encode())
    return raw


def post_to_webhook(raw: bytes, secret: str = SECRET) -> Any:
    """What Postmark's inbound webhook posts: JSON with the whole message as raw MIME."""
    client = Client(raise_request_exception=False)
    auth = base64.b64encode(secret.encode()).decode()
    return client.post(
        "/anymail/postmark/inbound/",
        data=json.dumps({"RawEmail": raw.decode("utf-8"), "MessageID": "22c74902-a0c1-4511-804f-341342852c90"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Basic {auth}",
    )


Deliver = Callable[[bytes], str]


@pytest.fixture(params=["webhook", "import_eml"])
def deliver(request, settings, tmp_path: Path) -> Deliver:
    """Deliver one raw mail the way the parameter says; return what the importer printed ('' for the webhook)."""
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    count = iter(range(1000))

    def by_webhook(raw: bytes) -> str:
        response = post_to_webhook(raw)
        assert response.status_code == 200
        return ""

    def by_command(raw: bytes) -> str:
        file = tmp_path / f"mail-{next(count)}.eml"
        file.write_bytes(raw)
        out = io.StringIO()
        call_command("import_eml", str(file), stdout=out, stderr=io.StringIO())
        return out.getvalue()

    return by_webhook if request.param == "webhook" else by_command


def only_inquiry() -> Inquiry:
    return Inquiry.objects.get()


def test_a_plain_mail_becomes_a_question_in_the_area_it_was_sent_to_with_a_receipt(areas, deliver):
    printed = deliver(sample("plain.eml"))

    inquiry = only_inquiry()
    assert inquiry.channel == Channel.EMAIL
    assert inquiry.kind == Kind.QUESTION
    assert inquiry.title == "Skulevegen er ikkje broyta"
    assert "Vegen frå Solbakken til skulen er ikkje brøyta i dag" in inquiry.text
    assert "Helsing Kari" in inquiry.text
    assert (inquiry.contact_name, inquiry.contact_email) == ("Kari Nordmann", "kari@example.org")
    assert inquiry.area == areas.area_b  # To: oppvekst@kommune.example, matched whatever the case
    assert inquiry.messages.get().body == inquiry.text
    receipt = Notification.objects.get(key=f"inquiry:{inquiry.pk}:receipt:email")
    assert receipt.recipient == "kari@example.org"
    assert inquiry.reference in receipt.subject
    if printed:
        assert f"created {inquiry.reference}" in printed


def test_mail_to_an_address_of_no_service_area_waits_for_the_service_desk(areas, deliver):
    deliver(sample("nynorsk_headers.eml"))

    assert only_inquiry().area is None


def test_an_html_only_mail_is_kept_as_readable_text_without_script_or_style(areas, deliver):
    deliver(sample("html_only.eml"))

    inquiry = only_inquiry()
    assert inquiry.title == "Gatelys som ikkje verkar"
    assert "Gatelyset ved Kyrkjevegen 12 har vore mørkt i ei veke.\nDet er farleg" in inquiry.text
    assert "- Lykt nr. 4\n- Lykt nr. 5" in inquiry.text
    assert "https://kart.example.org/p/123" in inquiry.text
    assert "Ola & Anne" in inquiry.text
    for hidden in ("alert", "color: red", "<p>", "Gatelys\n"):
        assert hidden not in inquiry.text


def test_photo_and_pdf_attached_to_a_mail_are_stored_with_the_inquiry(areas, deliver, _private_files):
    deliver(sample("attachments.eml"))

    inquiry = only_inquiry()
    stored = {a.name: a for a in inquiry.attachments.all()}
    assert set(stored) == {"hol i vegen.jpg", "kart.pdf"}
    assert stored["hol i vegen.jpg"].content_type == "image/jpeg"
    assert stored["kart.pdf"].content_type == "application/pdf"
    assert stored["kart.pdf"].file.read().startswith(b"%PDF-")
    assert stored["kart.pdf"].message == inquiry.messages.get()
    assert Path(stored["kart.pdf"].file.path).is_relative_to(_private_files)
    assert inquiry.text == "Det er eit stort hol i vegen ved barnehagen. Bilete og kart ligg ved."


def test_a_program_attached_is_refused_but_the_mail_and_its_other_files_are_kept(areas, deliver):
    printed = deliver(sample("exe.eml"))

    inquiry = only_inquiry()
    assert [a.name for a in inquiry.attachments.all()] == ["teikning.pdf"]
    assert inquiry.text.startswith("Her er skjemaet eg fylte ut.")
    last_line = inquiry.text.splitlines()[-1]
    assert "skjema.exe" in last_line
    assert last_line.startswith("[") and last_line.endswith("]")
    if printed:
        assert "attachment not taken: " in printed and "skjema.exe" in printed


def test_more_attachments_than_allowed_are_listed_as_not_taken(areas, deliver, settings):
    settings.TORG_INQUIRY_MAX_FILES = 1

    deliver(sample("attachments.eml"))

    inquiry = only_inquiry()
    assert [a.name for a in inquiry.attachments.all()] == ["hol i vegen.jpg"]
    assert "kart.pdf" in inquiry.text.splitlines()[-1]


def test_encoded_nynorsk_headers_and_a_latin1_body_are_read_right(areas, deliver):
    deliver(sample("nynorsk_headers.eml"))

    inquiry = only_inquiry()
    assert inquiry.title == "Spørsmål om søknad til barnehage – kva no?"
    assert inquiry.contact_name == "Bjørn Ærøy"
    assert inquiry.text == "Eg søkte barnehageplass for veslejænta i februar. Når får eg svar?"


def test_a_mail_with_an_unknown_charset_is_still_kept_readable(areas, deliver):
    deliver(sample("broken_charset.eml"))

    assert only_inquiry().text == "Det står vatn i kjellaren etter at røyret sprakk – kven skal eg ringje?"


def test_the_same_mail_delivered_twice_makes_one_inquiry_and_one_receipt(areas, deliver):
    deliver(sample("plain.eml"))
    printed = deliver(sample("plain.eml"))

    inquiry = only_inquiry()
    assert inquiry.messages.count() == 1
    assert Notification.objects.filter(recipient="kari@example.org").count() == 1
    if printed:
        assert f"ignored: already received in {inquiry.reference}" in printed


@pytest.mark.parametrize("name", ["autoreply.eml", "bounce.eml", "newsletter.eml"])
def test_auto_replies_bounces_and_list_mail_make_no_inquiry_and_get_no_answer(areas, deliver, name):
    existing = make_inquiry(area=areas.area_b)
    sent_before = Notification.objects.count()

    printed = deliver(sample(name, existing))

    assert Inquiry.objects.count() == 1
    assert existing.messages.count() == 1
    assert Notification.objects.count() == sent_before
    if printed:
        assert ": ignored: " in printed


def _waiting_inquiry(areas, user_with_role) -> Inquiry:
    handler = user_with_role(Role.TENESTELEIAR, areas.area_b)
    inquiry = make_inquiry(area=areas.area_b, email="kari@example.org")
    ask_resident(inquiry=inquiry, actor=handler, text="Kva veg gjeld det?")
    inquiry.refresh_from_db()
    assert inquiry.status == Status.WAITING
    return inquiry


def test_a_reply_with_the_reference_continues_the_inquiry_without_the_quoted_question(areas, user_with_role, deliver):
    inquiry = _waiting_inquiry(areas, user_with_role)

    printed = deliver(sample("reply.eml", inquiry))

    assert Inquiry.objects.count() == 1
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS  # the clock runs again
    reply = inquiry.messages.filter(kind=MessageKind.RESIDENT).latest("pk")
    assert reply.body == "Det gjeld vegen mellom Solbakken og skulen, ved busslommen."
    assert reply.email_message_id == "<reply-1@mail.example.org>"
    if printed:
        assert f"continued {inquiry.reference}" in printed


def test_an_outlook_reply_found_by_in_reply_to_alone_continues_the_inquiry(areas, user_with_role, deliver):
    inquiry = _waiting_inquiry(areas, user_with_role)

    deliver(sample("reply_outlook.eml", inquiry))

    assert Inquiry.objects.count() == 1
    reply = inquiry.messages.filter(kind=MessageKind.RESIDENT).latest("pk")
    assert reply.body == "Busslommen ved Solbakken. Ho er heilt full av snø.\n\nMed venleg helsing\nKari"
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS


def test_a_reply_delivered_twice_is_stored_once(areas, user_with_role, deliver):
    inquiry = _waiting_inquiry(areas, user_with_role)

    deliver(sample("reply.eml", inquiry))
    deliver(sample("reply.eml", inquiry))

    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).count() == 2  # the first words and one reply


def test_a_reply_from_another_address_becomes_a_new_inquiry_and_leaves_the_case_alone(areas, user_with_role, deliver):
    inquiry = _waiting_inquiry(areas, user_with_role)
    raw = sample("reply.eml", inquiry).replace(b"Kari@Example.org", b"ukjend@example.net")

    deliver(raw)

    inquiry.refresh_from_db()
    assert inquiry.status == Status.WAITING
    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).count() == 1
    stranger = Inquiry.objects.exclude(pk=inquiry.pk).get()
    assert stranger.contact_email == "ukjend@example.net"
    assert "Det gjeld vegen mellom Solbakken og skulen" in stranger.text
    assert inquiry.private_url() not in stranger.text


def test_a_reply_to_a_closed_inquiry_opens_it_again(areas, user_with_role, deliver):
    inquiry = _waiting_inquiry(areas, user_with_role)
    Inquiry.objects.filter(pk=inquiry.pk).update(status=Status.CLOSED)

    deliver(sample("reply.eml", inquiry))

    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS
    assert Inquiry.objects.count() == 1


def test_the_webhook_refuses_a_post_without_the_secret_and_stores_nothing(areas, settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}

    response = post_to_webhook(sample("plain.eml"), secret="torg:feil")

    assert response.status_code == 400
    assert not Inquiry.objects.exists()


def test_a_failure_while_storing_answers_5xx_so_the_provider_delivers_again(areas, settings, tmp_path):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    settings.TORG_PRIVATE_MEDIA_ROOT = blocked  # attachments cannot be written
    private_storage._wrapped = empty  # type: ignore[assignment]

    response = post_to_webhook(sample("attachments.eml"))

    assert response.status_code >= 500
    assert not Inquiry.objects.exists()
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private_storage._wrapped = empty  # type: ignore[assignment]
    assert post_to_webhook(sample("attachments.eml")).status_code == 200
    assert only_inquiry().attachments.count() == 2


def test_a_mail_sent_by_torg_itself_is_not_taken_in(areas, deliver):
    raw = sample("plain.eml").replace(b"From: Kari Nordmann <kari@example.org>", b"From: Torg <noreply@torg.invalid>")

    deliver(raw)

    assert not Inquiry.objects.exists()


def test_import_eml_reads_a_directory_reports_each_file_and_moves_those_handled(areas, tmp_path):
    inbox, done = tmp_path / "innboks", tmp_path / "ferdig"
    inbox.mkdir()
    for name in ("plain.eml", "exe.eml", "autoreply.eml"):
        (inbox / name).write_bytes(sample(name))
    (inbox / "soppel.eml").write_bytes(bytes(range(256)) * 4)  # not an e-mail at all
    missing = tmp_path / "finst-ikkje.eml"
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_eml", str(inbox), str(missing), "--move-to", str(done), stdout=out, stderr=err)

    printed = out.getvalue()
    assert Inquiry.objects.count() == 2
    for inquiry in Inquiry.objects.all():
        assert f"created {inquiry.reference}" in printed
    assert "autoreply.eml: ignored: automatic message (Auto-Submitted: auto-replied)" in printed
    assert "soppel.eml: ignored: no sender address" in printed
    assert "finst-ikkje.eml: error:" in err.getvalue()
    assert "Done: 2 created, 0 continued, 2 ignored, 1 error." in printed
    assert sorted(p.name for p in done.iterdir()) == ["autoreply.eml", "exe.eml", "plain.eml", "soppel.eml"]
    assert not list(inbox.iterdir())


def receive(raw: bytes):
    """Straight to receive_email, with a plain email.message.EmailMessage (not Anymail's subclass)."""
    return receive_email(BytesParser(policy=email.policy.default).parsebytes(raw))


def _mail(body: bytes, headers: bytes = b"", content_type: bytes = b"text/plain; charset=utf-8") -> bytes:
    return (
        b"From: Kari Nordmann <kari@example.org>\nTo: servicetorget@kommune.example\nSubject: Sporsmal\n"
        + headers
        + b"MIME-Version: 1.0\nContent-Type: "
        + content_type
        + b"\n\n"
        + body
    )


def test_an_undeclared_8bit_latin1_body_is_read_as_latin1(areas):
    result = receive(_mail("Kvar er søppelbilen? Æ, ø og å.".encode("latin-1"), b"Message-ID: <l1@x>\n", b"text/plain"))

    assert result.outcome == Outcome.CREATED
    assert result.inquiry.text == "Kvar er søppelbilen? Æ, ø og å."


def test_a_mail_without_message_id_delivered_twice_still_makes_one_inquiry(areas):
    first = receive(_mail("Hei, kven brøyter vegen?".encode()))
    second = receive(_mail("Hei, kven brøyter vegen?".encode()))

    assert first.outcome == Outcome.CREATED
    assert second.outcome == Outcome.IGNORED
    assert Inquiry.objects.count() == 1


def test_a_very_long_mail_is_cut_in_the_text_and_kept_whole_as_a_file(areas):
    words = ("Lang forklaring. " * 2000).encode()

    inquiry = receive(_mail(words, b"Message-ID: <long@x>\n")).inquiry

    assert len(inquiry.text) < len(words)
    assert inquiry.text.startswith("Lang forklaring.")
    whole = inquiry.attachments.get()
    assert whole.content_type == "text/plain"
    assert whole.file.read().decode() == words.decode().strip()


def test_a_mail_with_only_a_photo_gets_a_placeholder_text_and_keeps_the_photo(areas):
    raw = sample("attachments.eml")
    start = raw.index(b"--=-ytre-grense\nContent-Type: multipart/alternative")
    end = raw.index(b"--=-ytre-grense\nContent-Type: image/jpeg")
    inquiry = receive(raw[:start] + raw[end:]).inquiry

    assert inquiry.text.strip()
    assert inquiry.attachments.count() == 2


def test_a_photo_pasted_into_an_html_mail_is_kept_as_an_attachment(areas):
    parsed = BytesParser(policy=email.policy.default).parsebytes(sample("attachments.eml"))
    jpeg = next(part.get_content() for part in parsed.iter_attachments() if part.get_content_type() == "image/jpeg")
    related = (
        b'--alt\nContent-Type: text/plain; charset=utf-8\n\nSjaa bilete\n\n--alt\nContent-Type: multipart/related; boundary="rel"\n\n'
        b'--rel\nContent-Type: text/html; charset=utf-8\n\n<p>Sjaa bilete <img src="cid:b1" alt="hol"></p>\n'
        b"--rel\nContent-Type: image/jpeg\nContent-ID: <b1>\nContent-Disposition: inline\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(jpeg)
        + b"\n--rel--\n\n--alt--\n"
    )

    inquiry = receive(_mail(related, b"Message-ID: <inline@x>\n", b'multipart/alternative; boundary="alt"')).inquiry

    assert inquiry.text == "Sjaa bilete"
    assert inquiry.attachments.get().content_type == "image/jpeg"


def test_a_sender_address_that_cannot_be_read_keeps_the_words_as_feedback(areas):
    raw = _mail(b"Lyktene er morke.", b"Message-ID: <badfrom@x>\n").replace(
        b"From: Kari Nordmann <kari@example.org>", b"From: Kari Nordmann <kari at example>"
    )

    result = receive(raw)

    assert result.outcome == Outcome.CREATED
    assert result.inquiry.kind == Kind.FEEDBACK
    assert result.inquiry.contact_email == ""
    assert result.inquiry.text.startswith("Lyktene er morke.")
    assert "kari at example" in result.inquiry.text


def test_a_mail_without_a_sender_is_ignored(areas):
    raw = _mail(b"Hei").replace(b"From: Kari Nordmann <kari@example.org>\n", b"")

    assert receive(raw).outcome == Outcome.IGNORED
    assert not Inquiry.objects.exists()


def test_a_reply_that_is_only_a_quote_keeps_the_whole_text(areas, user_with_role):
    inquiry = _waiting_inquiry(areas, user_with_role)
    raw = _mail(
        b"> Kva veg gjeld det?\n",
        f"Message-ID: <q@x>\nIn-Reply-To: <inquiry.{inquiry.pk}.receipt@torg.invalid>\n".encode(),
    )

    result = receive(raw)

    assert result.outcome == Outcome.CONTINUED
    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).latest("pk").body == "> Kva veg gjeld det?"


def test_an_html_reply_loses_the_quoted_blockquote(areas, user_with_role):
    inquiry = _waiting_inquiry(areas, user_with_role)
    html = (
        b"<div>Vegen ved skulen.</div><div class=gmail_quote><div>Den tys. 4. mars 2026 skreiv Torg &lt;noreply@torg.invalid&gt;:"
        b"</div><blockquote type=cite><p>Kva veg gjeld det?</p></blockquote></div>"
    )
    headers = f"Message-ID: <h@x>\nSubject: Re: Sporsmal [{inquiry.reference}]\n".encode()

    receive(_mail(html, headers, b"text/html; charset=utf-8").replace(b"Subject: Sporsmal\n", b""))

    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).latest("pk").body == "Vegen ved skulen."
