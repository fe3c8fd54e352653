"""The residents' side of Servicetorget: the form, the receipt, following an inquiry, the public feedback."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import formats, timezone, translation
from django.utils.html import escape
from PIL import Image

from torg.core.roles import Role
from torg.inquiries import actions
from torg.inquiries.files import ALLOWED_DESCRIPTION, CleanFile
from torg.inquiries.models import AnswerRoutine, Attachment, Inquiry, Kind, MessageKind, Status, private_storage
from torg.web.tests.factories import ServicePageFactory

from .factories import submit

pytestmark = pytest.mark.django_db

FORM = "/servicetorget/"
QUESTION = "Når blir vegen ved skulen brøyta?"


@pytest.fixture(autouse=True)
def _private_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Attachments are written under the test's own directory."""
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path))


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, email="handler@fjordvik.example")


def html(response: Any) -> str:
    return str(response.content.decode())


def nn(message: str, **values: Any) -> str:
    """``message`` as the resident reads it (the site speaks Nynorsk), escaped as in the page."""
    with translation.override("nn"):
        text = translation.gettext(message)
    return escape(text % values if values else text)


def nn_plural(singular: str, plural: str, count: int, **values: Any) -> str:
    with translation.override("nn"):
        return escape(translation.ngettext(singular, plural, count) % values)


def nn_date(value: Any) -> str:
    with translation.override("nn"):
        return str(formats.date_format(timezone.localtime(value), "l j. F Y"))


NOT_FOUND = "We cannot find the inquiry"


def send(client: Client, **fields: Any) -> Any:
    data = {"kind": Kind.QUESTION, "text": QUESTION, "contact_name": "Kari Nordmann", "email": "kari@example.org"}
    data.update(fields)
    return client.post(FORM, {k: v for k, v in data.items() if v is not None})


def jpeg(*, gps: bool = False, size: int = 24) -> bytes:
    image = Image.new("RGB", (size, size), "red")
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x8825] = {1: "N", 2: (60.0, 23.0, 30.0), 3: "E", 4: (5.0, 19.0, 12.0)}  # GPSInfo
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def follow_with_key(client: Client, inquiry: Inquiry) -> Any:
    """Open the private link as from the e-mail, and the page it leads to."""
    response = client.get(f"{FORM}{inquiry.reference}/", {"k": inquiry.access_key()})
    assert response.status_code == 302
    return client.get(response["Location"])


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


# --- Following an inquiry --------------------------------------------------------


def test_the_private_link_is_kept_in_the_session_and_taken_out_of_the_address(client: Client, site_tree: Any) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry

    response = client.get(f"{FORM}{inquiry.reference}/", {"k": inquiry.access_key()})

    assert response.status_code == 302
    assert response["Location"] == f"{FORM}{inquiry.reference}/"
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    assert "no-store" in page["Cache-Control"]
    assert QUESTION in html(page)


def test_the_thread_shows_answers_and_questions_but_never_internal_notes(
    client: Client, site_tree: Any, handler: Any
) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry
    actions.add_note(inquiry=inquiry, actor=handler, text="Intern: ring vegvesenet først")
    actions.send_preliminary_answer(
        inquiry=inquiry, actor=handler, text="Me må sjekka med entreprenøren.", expected_by=inquiry.due_at.date()
    )
    actions.answer_inquiry(inquiry=inquiry, actor=handler, text="Vegen blir brøyta før klokka sju.")

    page = html(follow_with_key(client, inquiry))

    assert "Vegen blir brøyta før klokka sju." in page
    assert "Me må sjekka med entreprenøren." in page
    assert "Intern: ring vegvesenet" not in page
    assert nn("Our answer") in page


def test_script_in_the_text_is_shown_escaped_on_the_follow_page(client: Client, site_tree: Any) -> None:
    inquiry = submit(area=site_tree.area_a, text='<script>alert("x")</script><img src=x onerror=alert(1)>').inquiry

    page = html(follow_with_key(client, inquiry))

    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_wrong_key_gives_the_same_not_found_page_as_a_reference_that_does_not_exist(
    client: Client, site_tree: Any
) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry

    wrong = client.get(f"{FORM}{inquiry.reference}/", {"k": "0" * 32})
    missing = client.get(f"{FORM}ST-ZZZZZZ/", {"k": "0" * 32})
    bare = client.get(f"{FORM}{inquiry.reference}/")

    assert wrong.status_code == missing.status_code == bare.status_code == 404
    assert nn(NOT_FOUND) in html(wrong)
    assert html(wrong).replace(inquiry.reference, "REF") == html(missing).replace("ST-ZZZZZZ", "REF")
    assert html(bare) == html(wrong)
    assert QUESTION not in html(wrong)


def test_a_public_inquiry_without_the_key_shows_only_the_public_version(
    client: Client, site_tree: Any, handler: Any
) -> None:
    inquiry = submit(area=site_tree.area_a, kind=Kind.ERROR_REPORT, wants_public=True, phone="+4791234567").inquiry
    actions.publish_feedback(
        inquiry=inquiry,
        actor=handler,
        public_title="Brøyting ved skulen",
        public_text="Ein innbyggjar melde at vegen ikkje var brøyta.",
        public_action="Me har endra brøyteruta.",
    )

    response = client.get(f"{FORM}{inquiry.reference}/")
    page = html(response)

    assert response.status_code == 200
    assert "Brøyting ved skulen" in page and "Me har endra brøyteruta." in page
    for private in (QUESTION, "Kari Nordmann", "kari@example.org", "91234567", nn("Write to us")):
        assert private not in page


def test_a_reply_to_our_question_starts_the_clock_again(client: Client, site_tree: Any, handler: Any) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry
    actions.ask_resident(inquiry=inquiry, actor=handler, text="Kva for ein veg gjeld det?")
    page = html(follow_with_key(client, inquiry))
    assert nn("We are waiting for an answer from you") in page and "Kva for ein veg gjeld det?" in page

    response = client.post(f"{FORM}{inquiry.reference}/", {"text": "Skulevegen 3."})

    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == Status.IN_PROGRESS and inquiry.paused_at is None
    assert inquiry.messages.filter(kind=MessageKind.RESIDENT).count() == 2
    page = html(client.get(response["Location"]))
    assert "Skulevegen 3." in page and nn("Thank you. We have received your reply.") in page


def test_a_reply_without_access_changes_nothing(client: Client, site_tree: Any) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry

    response = client.post(f"{FORM}{inquiry.reference}/", {"text": "Eg er ikkje eigaren."})

    assert response.status_code == 404
    assert inquiry.messages.count() == 1


def test_attachments_download_only_with_access_and_never_those_of_internal_notes(
    client: Client, site_tree: Any, handler: Any
) -> None:
    photo = CleanFile(name="lykt.txt", content=b"lykta er knust", content_type="text/plain")
    inquiry = submit(area=site_tree.area_a, files=[photo]).inquiry
    note = actions.add_note(inquiry=inquiry, actor=handler, text="Intern")
    from torg.inquiries.files import store_attachment

    hidden = store_attachment(inquiry=inquiry, message=note, file=photo)
    mine = inquiry.attachments.exclude(pk=hidden.pk).get()
    url = f"{FORM}{inquiry.reference}/vedlegg/{mine.pk}/"

    assert client.get(url).status_code == 404
    follow_with_key(client, inquiry)
    download = client.get(url)
    assert download.status_code == 200
    assert download.getvalue() == b"lykta er knust"
    assert "attachment" in download["Content-Disposition"]
    assert client.get(f"{FORM}{inquiry.reference}/vedlegg/{hidden.pk}/").status_code == 404


def test_removing_the_access_from_the_browser_hides_the_inquiry_again(client: Client, site_tree: Any) -> None:
    inquiry = submit(area=site_tree.area_a).inquiry
    follow_with_key(client, inquiry)

    client.post(f"{FORM}{inquiry.reference}/gloym/")

    assert client.get(f"{FORM}{inquiry.reference}/").status_code == 404


# --- Rate limit -------------------------------------------------------------------


def test_too_many_inquiries_from_one_address_get_429_and_the_text_stays(
    client: Client, site_tree: Any, settings: Any
) -> None:
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 1
    assert send(client).status_code == 302

    response = send(client, text="Ei melding til som ikkje må gå tapt", title="Lyset")

    assert response.status_code == 429
    page = html(response)
    assert "Ei melding til som ikkje må gå tapt" in page and 'value="Lyset"' in page
    wait = "Many inquiries have been sent from your network in the last hour. Wait a while and send again."
    assert nn(wait) in page
    assert Inquiry.objects.count() == 1
    # Another address is not limited: its form is checked as usual.
    assert Client(REMOTE_ADDR="10.0.0.9").post(FORM, {"kind": "sporsmal"}).status_code == 400


def test_too_many_replies_get_429_and_the_reply_stays(client: Client, site_tree: Any, settings: Any) -> None:
    settings.TORG_INQUIRY_RATE_LIMIT_PER_HOUR = 1
    inquiry = submit(area=site_tree.area_a).inquiry
    follow_with_key(client, inquiry)
    client.post(f"{FORM}{inquiry.reference}/", {"text": "Fyrste svar"})

    response = client.post(f"{FORM}{inquiry.reference}/", {"text": "Andre svar"})

    assert response.status_code == 429
    assert "Andre svar" in html(response)
    assert inquiry.messages.count() == 2


# --- The map --------------------------------------------------------------------


def test_the_map_outline_is_geojson_from_the_bounds_setting(client: Client, site_tree: Any, settings: Any) -> None:
    settings.TORG_MAP_BOUNDS = (61.0, 6.0, 61.5, 7.0)

    data = client.get(f"{FORM}kart.geojson").json()

    assert data["type"] == "FeatureCollection"
    assert data["bbox"] == [6.0, 61.0, 7.0, 61.5]
    assert data["features"][0]["geometry"]["coordinates"][0][0] == [6.0, 61.0]


def test_the_map_script_and_styles_are_local_files(client: Client, site_tree: Any) -> None:
    page = html(client.get(FORM))

    assert '<script src="/static/inquiries/map.js" defer></script>' in page
    assert 'data-geojson="/servicetorget/kart.geojson"' in page
    assert "https://" not in page.split("<head>")[1].split("</head>")[0]


# --- Feedback and what we did -----------------------------------------------------


def _published(handler: Any, area: Any, title: str, **fields: Any) -> Inquiry:
    inquiry = submit(area=area, wants_public=True, **fields).inquiry
    actions.publish_feedback(
        inquiry=inquiry, actor=handler, public_title=title, public_text=f"Om {title}", public_action="Fiksa."
    )
    return inquiry


def test_feedback_page_shows_only_published_reports_and_only_their_public_fields(
    client: Client, site_tree: Any, handler: Any
) -> None:
    shown = _published(handler, site_tree.area_a, "Lys i Storgata", kind=Kind.ERROR_REPORT)
    submit(area=site_tree.area_a, wants_public=True, text="Ikkje publisert enno")
    hidden = _published(handler, site_tree.area_a, "Tatt av sida")
    actions.unpublish_feedback(inquiry=hidden, actor=handler)

    page = html(client.get("/tilbakemeldingar/"))

    assert "Lys i Storgata" in page and "Om Lys i Storgata" in page and "Fiksa." in page
    assert f'href="{FORM}{shown.reference}/"' in page
    assert "Tatt av sida" not in page and "Ikkje publisert enno" not in page
    for private in (QUESTION, "Kari Nordmann", "kari@example.org"):
        assert private not in page


def test_feedback_page_filters_by_area_type_and_status(client: Client, site_tree: Any, handler: Any) -> None:
    _published(handler, site_tree.area_a, "Lys i Storgata", kind=Kind.ERROR_REPORT)
    answered = _published(handler, site_tree.area_a, "Opningstider", kind=Kind.QUESTION)
    actions.answer_inquiry(inquiry=answered, actor=handler, text="Svar")

    by_type = html(client.get("/tilbakemeldingar/", {"type": Kind.ERROR_REPORT}))
    by_status = html(client.get("/tilbakemeldingar/", {"status": "answered"}))
    by_area = html(client.get("/tilbakemeldingar/", {"omrade": site_tree.area_b.slug}))
    nonsense = client.get("/tilbakemeldingar/", {"omrade": "<x>", "type": "?", "status": "1", "side": "999"})

    assert "Lys i Storgata" in by_type and "Opningstider" not in by_type
    assert "Opningstider" in by_status and "Lys i Storgata" not in by_status
    assert nn("No reports match these choices. Choose other filters, or show all.") in by_area
    assert nonsense.status_code == 200 and "Lys i Storgata" in html(nonsense)


def test_feedback_page_uses_the_same_number_of_queries_for_many_reports(
    client: Client, site_tree: Any, handler: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(12):
        _published(handler, site_tree.area_a, f"Sak {n}")

    with django_assert_max_num_queries(12):
        response = client.get("/tilbakemeldingar/")

    assert response.status_code == 200 and "Sak 11" in html(response)


def test_feedback_feed_lists_the_public_reports_in_atom(client: Client, site_tree: Any, handler: Any) -> None:
    _published(handler, site_tree.area_a, "Lys i Storgata")

    response = client.get("/tilbakemeldingar/atom.xml")
    body = html(response)

    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    assert "Lys i Storgata" in body and QUESTION not in body and "kari@example.org" not in body
