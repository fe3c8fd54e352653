"""Servicetorget's back office: the case actions, clear language on the answer, registering an inquiry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from torg.core.roles import Role
from torg.inquiries.models import (
    Channel,
    Inquiry,
    Kind,
    MessageKind,
    Status,
)

from .admin_pages import HARD_TEXT, QUEUE, case_url, html_of, in_nynorsk, queued_to
from .factories import make_inquiry

pytestmark = [pytest.mark.django_db]


# --- Actions ----------------------------------------------------------------------


def test_routing_sends_the_inquiry_to_another_area_and_out_of_the_handlers_queue(
    site_tree: Any, client_a: Client
) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(case_url(inquiry, "send-vidare"), {"route-area": site_tree.area_b.pk}, follow=True)

    inquiry.refresh_from_db()
    assert inquiry.area == site_tree.area_b
    assert response.redirect_chain[-1][0] == QUEUE
    message = in_nynorsk("The inquiry was sent to %(area)s.") % {"area": site_tree.area_b.name}
    assert escape(message) in html_of(response)


def test_routing_to_a_service_of_another_area_is_refused_with_a_message(site_tree: Any, client_a: Client) -> None:
    from torg.web.tests.factories import ServicePageFactory

    page_in_b = ServicePageFactory.create(parent=site_tree.area_page_b, title="Skuleskyss")
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(
        case_url(inquiry, "send-vidare"), {"route-area": site_tree.area_a.pk, "route-service": page_in_b.pk}
    )

    assert response.status_code == 200
    inquiry.refresh_from_db()
    assert inquiry.service_id is None
    assert escape(in_nynorsk("Nothing was done. Correct what is marked below and try again.")) in html_of(response)


def test_assigning_a_colleague_tells_them_by_email_and_take_it_myself_assigns_me(
    site_tree: Any, handler: Any, user_with_role: Any, client_a: Client
) -> None:
    colleague = user_with_role(Role.WEBKONTAKT, site_tree.area_a, email="kollega@fjordvik.example")
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(case_url(inquiry, "tildel"), {"assign-handler": colleague.pk}, follow=True)
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == colleague
    assert inquiry.status == Status.IN_PROGRESS
    (told,) = queued_to("kollega@fjordvik.example")
    assert told.subject.endswith(f"[{inquiry.reference}]")
    assert response.status_code == 200

    client_a.post(case_url(inquiry, "tildel"), {"assign-handler": "", "myself": "1"})
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == handler


def test_an_internal_note_is_kept_in_the_thread_and_not_sent(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)
    before = len(queued_to("kari@example.org"))

    response = client_a.post(case_url(inquiry, "notat"), {"note-text": "Ringte innbyggjaren."}, follow=True)

    assert "Ringte innbyggjaren." in html_of(response)
    assert inquiry.messages.filter(kind=MessageKind.NOTE, body="Ringte innbyggjaren.").exists()
    assert len(queued_to("kari@example.org")) == before


def test_asking_the_resident_pauses_the_deadline_and_queues_the_question(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(case_url(inquiry, "spor"), {"ask-text": "Kva husnummer gjeld det?"}, follow=True)

    inquiry.refresh_from_db()
    assert inquiry.status == Status.WAITING and inquiry.paused_at is not None
    assert "Kva husnummer gjeld det?" in html_of(response)
    assert any("Kva husnummer gjeld det?" in n.body for n in queued_to("kari@example.org"))


def test_asking_an_anonymous_resident_is_refused_and_nothing_is_saved(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a, kind=Kind.FEEDBACK, email="")

    response = client_a.post(case_url(inquiry, "spor"), {"ask-text": "Kven er du?"})

    assert response.status_code == 200
    assert in_nynorsk("We cannot ask: the resident left no contact details.") in html_of(response)
    inquiry.refresh_from_db()
    assert inquiry.status == Status.NEW
    assert not inquiry.messages.filter(kind=MessageKind.QUESTION).exists()


def test_the_answer_is_sent_to_the_resident_and_can_close_the_inquiry(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(
        case_url(inquiry, "svar"), {"answer-text": "Vegen blir brøyta i dag.", "answer-close": "on"}, follow=True
    )

    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED and inquiry.answered_at is not None
    assert any("Vegen blir brøyta i dag." in n.body for n in queued_to("kari@example.org"))
    message = in_nynorsk("The answer was sent to the resident, and the inquiry is closed.")
    assert escape(message) in html_of(response)


def test_a_preliminary_answer_records_the_expected_date_and_is_sent(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)
    expected = timezone.localdate() + datetime.timedelta(days=20)

    client_a.post(
        case_url(inquiry, "forebels-svar"),
        {"preliminary-text": "Saka tek tid fordi me må synfara.", "preliminary-expected_by": expected.isoformat()},
    )
    past = client_a.post(
        case_url(inquiry, "forebels-svar"),
        {"preliminary-text": "Igjen.", "preliminary-expected_by": "2001-01-01"},
    )

    inquiry.refresh_from_db()
    assert inquiry.expected_answer_by == expected and inquiry.preliminary_answer_at is not None
    assert any("Saka tek tid" in n.body for n in queued_to("kari@example.org"))
    assert escape(in_nynorsk("The expected answer date has passed. Choose a later date.")) in html_of(past)
    assert inquiry.messages.filter(kind=MessageKind.PRELIMINARY).count() == 1


def test_closing_records_what_we_did(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    client_a.post(case_url(inquiry, "lukk"), {"close-public_action": "Me fylte holet."})

    inquiry.refresh_from_db()
    assert inquiry.status == Status.CLOSED and inquiry.public_action == "Me fylte holet."


def test_publishing_feedback_starts_from_the_text_warns_about_personal_data_and_can_be_undone(
    site_tree: Any, client_a: Client
) -> None:
    inquiry = make_inquiry(
        area=site_tree.area_a, kind=Kind.FEEDBACK, text="Kari på Bakken 2 vil ha benk.", wants_public=True
    )
    private = make_inquiry(area=site_tree.area_a, kind=Kind.FEEDBACK)

    page = html_of(client_a.get(case_url(inquiry)))
    assert "Kari på Bakken 2 vil ha benk." in page.split('id="publisering"')[1]
    assert escape(in_nynorsk("Remove all personal data before you publish:")) in page
    assert 'name="publish-public_text"' not in html_of(client_a.get(case_url(private)))

    client_a.post(
        case_url(inquiry, "publiser"),
        {
            "publish-public_title": "Benk",
            "publish-public_text": "Ein innbyggjar vil ha benk.",
            "publish-public_action": "Sett opp benk.",
        },
    )
    inquiry.refresh_from_db()
    assert inquiry.is_public and inquiry.public_text == "Ein innbyggjar vil ha benk."

    client_a.post(case_url(inquiry, "avpubliser"))
    inquiry.refresh_from_db()
    assert not inquiry.is_public


# --- Clear language on the answer -----------------------------------------------------


def test_check_the_text_shows_lix_and_findings_and_sends_nothing(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.post(case_url(inquiry, "svar"), {"answer-text": HARD_TEXT, "check": "1"})

    html = html_of(response)
    assert response.context["klarsprak"]["over_limit"]
    assert "LIX" in html and HARD_TEXT[:40] in html  # the text stays in the form
    assert 'name="answer-confirm_lix"' in html
    assert not inquiry.messages.filter(kind=MessageKind.ANSWER).exists()


def test_a_hard_answer_needs_a_confirmation_before_it_goes_out(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    refused = client_a.post(case_url(inquiry, "svar"), {"answer-text": HARD_TEXT})
    assert not inquiry.messages.filter(kind=MessageKind.ANSWER).exists()
    assert response_error(refused, "confirm_lix")

    client_a.post(case_url(inquiry, "svar"), {"answer-text": HARD_TEXT, "answer-confirm_lix": "on"})
    assert inquiry.messages.filter(kind=MessageKind.ANSWER).count() == 1


def test_a_plain_answer_goes_out_without_a_confirmation(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    client_a.post(case_url(inquiry, "svar"), {"answer-text": "Takk. Me brøyter vegen i morgon."})

    assert inquiry.messages.filter(kind=MessageKind.ANSWER).count() == 1


def response_error(response: Any, field: str) -> bool:
    form = response.context["forms"]["answer"]
    return bool(form.errors.get(field))


# --- Registering an inquiry ------------------------------------------------------------


def test_a_phone_inquiry_is_registered_with_its_channel_and_the_resident_gets_a_receipt(
    site_tree: Any, handler: Any, client_a: Client
) -> None:
    response = client_a.post(
        f"{QUEUE}ny/",
        {
            "channel": Channel.PHONE,
            "kind": Kind.ERROR_REPORT,
            "area": site_tree.area_a.pk,
            "text": "Gatelyset i Storgata er mørkt.",
            "contact_name": "Per",
            "contact_email": "per@example.org",
            "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )

    inquiry = Inquiry.objects.get(text="Gatelyset i Storgata er mørkt.")
    assert inquiry.channel == Channel.PHONE and inquiry.registered_by == handler
    assert inquiry.area == site_tree.area_a
    assert response.redirect_chain[-1][0] == case_url(inquiry)
    assert inquiry.reference in html_of(response)
    assert any(inquiry.reference in n.subject for n in queued_to("per@example.org"))


def test_registering_needs_a_channel_and_an_area_the_handler_works_in(site_tree: Any, client_a: Client) -> None:
    response = client_a.post(f"{QUEUE}ny/", {"kind": Kind.QUESTION, "area": site_tree.area_b.pk, "text": "Hei"})

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"channel", "area"}
    assert not Inquiry.objects.exists()
