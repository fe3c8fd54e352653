"""The residents' side of Servicetorget: following an inquiry, the rate limit, the map, the public feedback."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from torg.inquiries import actions
from torg.inquiries.files import CleanFile
from torg.inquiries.models import Inquiry, Kind, MessageKind, Status

from .factories import submit
from .pages import FORM, NOT_FOUND, QUESTION, follow_with_key, html, nn, send

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_files")]


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
