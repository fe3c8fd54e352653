"""The residents' side of Servicetorget: the form and the receipt."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from torg.inquiries.files import ALLOWED_DESCRIPTION
from torg.inquiries.models import AnswerRoutine, Attachment, Inquiry, Kind
from torg.web.tests.factories import ServicePageFactory

from .pages import FORM, NOT_FOUND, QUESTION, html, jpeg, nn, nn_date, nn_plural, send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files")]


# --- The form -------------------------------------------------------------------


def test_form_shows_the_answer_routine_before_sending_also_where_an_area_differs(
    client: Client, site_tree: Any
) -> None:
    AnswerRoutine.objects.create(area=site_tree.area_a, kind=Kind.QUESTION, working_days=2)

    page = html(client.get(FORM))

    within = ("We answer within %(days)s working day.", "We answer within %(days)s working days.")
    assert nn_plural(*within, 5, days=5) in page  # the default for questions
    assert nn_plural(*within, 15, days=15) in page  # complaints
    routine = page.split('id="routine-heading"')[1].split("</section>")[0]
    assert "Helse og omsorg" in routine and nn_plural("%(days)s day", "%(days)s days", 2, days=2) in routine
    assert page.index('id="routine-heading"') < page.index(f'type="submit">{nn("Send")}<')


def test_form_groups_live_services_by_area_and_a_service_link_preselects_it(client: Client, site_tree: Any) -> None:
    service = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimesjukepleie")
    ServicePageFactory.create(parent=site_tree.area_page_b, title="Utkast til teneste", live=False)

    page = html(client.get(FORM, {"teneste": service.pk}))

    group = page.split('<optgroup label="Helse og omsorg">')[1].split("</optgroup>")[0]
    assert f'<option value="teneste-{service.pk}" selected>Heimesjukepleie</option>' in group
    assert "Utkast til teneste" not in page
    assert f'<option value="">{nn("Other / I do not know")}</option>' in page


def test_form_is_not_cached_and_hides_the_robot_field_with_a_class(client: Client, site_tree: Any) -> None:
    response = client.get(FORM)

    assert "no-store" in response["Cache-Control"]
    assert '<div class="torg-honeypot" aria-hidden="true">' in html(response)
    assert "style=" not in html(response)


def test_a_question_is_stored_in_the_chosen_service_with_a_receipt_and_the_receipt_page(
    client: Client, site_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    service = ServicePageFactory.create(parent=site_tree.area_page_a, title="Heimesjukepleie")

    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, about=f"teneste-{service.pk}", latitude="60,4", longitude="5.33")

    inquiry = Inquiry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{FORM}{inquiry.reference}/kvittering/"
    assert inquiry.area == site_tree.area_a and inquiry.service_id == service.pk
    assert (inquiry.channel, inquiry.kind, inquiry.text) == ("web", Kind.QUESTION, QUESTION)
    assert str(inquiry.latitude) == "60.400000"
    receipts = [m for m in mail.outbox if m.to == ["kari@example.org"]]
    assert len(receipts) == 1 and inquiry.reference in receipts[0].subject

    receipt = client.get(response["Location"])
    page = html(receipt)
    assert receipt.status_code == 200
    assert inquiry.reference in page
    assert "k***@example.org" in page and "kari@example.org" not in page
    assert f"?k={inquiry.access_key()}" in page
    assert receipt["Referrer-Policy"] == "no-referrer"
    assert nn_date(inquiry.due_at) in page


def test_receipt_is_not_found_in_another_browser(client: Client, site_tree: Any) -> None:
    response = send(client)

    other = Client().get(response["Location"])

    assert other.status_code == 404
    assert nn(NOT_FOUND) in html(other)


def test_a_question_without_contact_details_is_refused_with_a_message(client: Client, site_tree: Any) -> None:
    response = send(client, email="", contact_name="", anonymous="on")

    assert response.status_code == 400
    assert nn(
        "Only feedback can be sent without contact details. Give an e-mail address "
        "or a mobile number so that we can answer you."
    ) in html(response)
    assert QUESTION in html(response)
    assert not Inquiry.objects.exists()


def test_anonymous_feedback_is_received_and_the_receipt_says_we_cannot_answer(
    client: Client, site_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, kind=Kind.FEEDBACK, email="", contact_name="", anonymous="on", text="Fin park!")

    inquiry = Inquiry.objects.get()
    assert inquiry.is_anonymous and inquiry.kind == Kind.FEEDBACK
    assert not [m for m in mail.outbox if "kari@example.org" in m.to]
    receipt = html(client.get(response["Location"]))
    assert (
        nn(
            "You gave no contact details, so we cannot send you a receipt or an answer. Write down the "
            "reference number, or keep the link below to see what happens."
        )
        in receipt
    )


def test_feedback_without_contact_must_tick_the_anonymous_box(client: Client, site_tree: Any) -> None:
    response = send(client, kind=Kind.FEEDBACK, email="", contact_name="")

    assert response.status_code == 400
    assert nn(
        "Give an e-mail address or a mobile number, or tick the box to send your feedback without contact details."
    ) in html(response)


def test_errors_are_summarised_with_links_and_marked_on_each_field_and_input_is_kept(
    client: Client, site_tree: Any
) -> None:
    response = send(client, kind="", email="ikkje-ei-adresse", phone="12", title="Vegen", address="Storgata 1")
    page = html(response)

    assert response.status_code == 400
    summary = page.split('class="ds-error-summary')[1].split("</div>")[0]
    assert 'href="#inquiry-kind-sporsmal"' in summary
    assert 'href="#inquiry-email"' in summary and 'href="#inquiry-phone"' in summary
    email_input = page.split('id="inquiry-email"')[1].split(">")[0]
    assert 'aria-invalid="true"' in email_input and "inquiry-email-error" in email_input
    assert 'id="inquiry-email-error"' in page
    assert QUESTION in page and 'value="Vegen"' in page and 'value="Storgata 1"' in page
    assert f"<title>{nn('Error')}: " in page


def test_line_breaks_count_as_one_character_as_in_the_browser(client: Client, site_tree: Any) -> None:
    text = "Lyset blinkar.\r\n" * 330  # 4950 characters as the browser counts them, 5280 as sent

    assert send(client, text=text).status_code == 302
    assert len(Inquiry.objects.get().text) == 4949  # without the last line break


def test_a_mobile_number_is_stored_in_international_form(client: Client, site_tree: Any) -> None:
    send(client, email="", phone="912 34 567")

    assert Inquiry.objects.get().contact_phone == "+4791234567"


def test_the_enkeltvedtak_box_counts_only_for_complaints(client: Client, site_tree: Any) -> None:
    send(client, kind=Kind.QUESTION, about_enkeltvedtak="on")
    send(client, kind=Kind.COMPLAINT, about_enkeltvedtak="on")

    assert sorted(Inquiry.objects.values_list("kind", "about_enkeltvedtak")) == [
        (Kind.COMPLAINT, True),
        (Kind.QUESTION, False),
    ]


def test_only_markup_is_refused_but_text_with_markup_is_kept_as_plain_text(client: Client, site_tree: Any) -> None:
    refused = send(client, text="<b><i></i></b>")
    assert refused.status_code == 400
    assert nn("Write your message in ordinary words. We cannot read code or markup.") in html(refused)

    send(client, text='<script>alert("x")</script> Lyset er øydelagt')
    assert Inquiry.objects.get().text == '<script>alert("x")</script> Lyset er øydelagt'


def test_a_filled_robot_field_stops_the_form_and_shows_the_field(client: Client, site_tree: Any) -> None:
    response = send(client, website="http://spam.example")

    assert response.status_code == 400
    assert not Inquiry.objects.exists()
    assert nn("Leave this field empty. It is there to stop robots.") in html(response)


def test_a_program_renamed_to_jpg_is_refused_and_the_good_file_must_be_attached_again(
    client: Client, site_tree: Any
) -> None:
    program = SimpleUploadedFile("bilete.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)), "image/jpeg")
    photo = SimpleUploadedFile("hol-i-vegen.jpg", jpeg(), "image/jpeg")

    response = send(client, attachments=[program, photo])
    page = html(response)

    assert response.status_code == 400
    refused = nn(
        "We cannot take files like %(name)s. Send %(allowed)s.", name="bilete.jpg", allowed=ALLOWED_DESCRIPTION
    )
    assert refused in page
    again = ("Attach the file again: %(names)s", "Attach the files again: %(names)s")
    assert nn_plural(*again, 1, names="hol-i-vegen.jpg") in page
    assert QUESTION in page
    assert not Inquiry.objects.exists()


def test_a_file_over_the_limit_is_refused_with_the_limit(client: Client, site_tree: Any, settings: Any) -> None:
    settings.TORG_INQUIRY_MAX_FILE_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (3 * 1024 * 1024), "application/pdf")

    response = send(client, attachments=[big])

    assert response.status_code == 400
    too_large = nn("The file %(name)s is too large. The limit is %(mb)s MB per file.", name="stor.pdf", mb=2)
    assert too_large in html(response)


def test_too_many_files_are_refused(client: Client, site_tree: Any, settings: Any) -> None:
    settings.TORG_INQUIRY_MAX_FILES = 1
    files = [SimpleUploadedFile(f"{n}.txt", b"hei", "text/plain") for n in range(2)]

    response = send(client, attachments=files)

    assert response.status_code == 400
    too_many = nn("You can attach at most %(limit)d files. Choose fewer files and send again.", limit=1)
    assert too_many in html(response)


def test_a_photo_is_stored_without_its_gps_position(client: Client, site_tree: Any) -> None:
    original = jpeg(gps=True)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)

    response = send(client, attachments=[SimpleUploadedFile("lykt.jpg", original, "image/jpeg")])

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    with attachment.file.open("rb") as handle:
        stored = handle.read()
    assert stored.startswith(b"\xff\xd8\xff")
    assert not Image.open(io.BytesIO(stored)).getexif().get_ifd(0x8825)
    assert b"Exif" not in stored
