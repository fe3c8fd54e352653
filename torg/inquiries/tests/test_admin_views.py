"""Servicetorget's back office (/admin/servicetorget/): the queue, the case page and its actions, registering."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.inquiries import actions
from torg.inquiries.files import CleanFile
from torg.inquiries.models import (
    AnswerRoutine,
    Channel,
    Inquiry,
    Kind,
    MessageKind,
    Status,
    private_storage,
)
from torg.notifications.models import Notification

from .factories import make_inquiry

pytestmark = pytest.mark.django_db

QUEUE = "/admin/servicetorget/"
HARD_TEXT = " ".join(
    [
        "Kommunikasjonsavdelingsleiarens saksbehandlingsrutinebeskrivingar tilseier omfattande "
        "dokumentasjonsgjennomgang av innbyggjarførespurnader, personvernvurderingar og arkivverdigheitsvurderingar."
    ]
    * 4
)


def in_nynorsk(message: str) -> str:
    """The back office speaks the municipality's language form unless the user chose another."""
    with translation.override("nn"):
        return translation.gettext(message)


def html_of(response: Any) -> str:
    return str(response.content.decode())


def menu_of(client: Client) -> str:
    """The back-office sidebar (rendered as JSON in the dashboard's HTML)."""
    return html_of(client.get(reverse("wagtailadmin_home"))).replace("&quot;", '"')


def case_url(inquiry: Inquiry, action: str = "") -> str:
    return f"{QUEUE}{inquiry.pk}/{action + '/' if action else ''}"


def views_logged(inquiry: Inquiry, user: Any) -> int:
    return ModelLogEntry.objects.filter(
        object_id=str(inquiry.pk), action="torg.personal_data.viewed", user=user, data__purpose="servicetorget"
    ).count()


def queued_to(address: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=address).order_by("pk"))


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, first_name="Hilde", last_name="Handsamar")


@pytest.fixture
def client_a(handler: Any, admin_client_for: Any) -> Client:
    client: Client = admin_client_for(handler)
    return client


@pytest.fixture
def private_files(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Attachments land in a folder of the test's own."""
    monkeypatch.setattr(private_storage, "_wrapped", FileSystemStorage(location=tmp_path))


# --- Who comes in -------------------------------------------------------------


def test_area_handler_sees_only_own_areas_inquiries_in_the_queue(site_tree: Any, client_a: Client) -> None:
    own = make_inquiry(area=site_tree.area_a, title="Brøyting ved skulen")
    other = make_inquiry(area=site_tree.area_b, title="Barnehageplass")
    unrouted = make_inquiry(title="Kvar skal eg spørja?")

    response = client_a.get(QUEUE)

    assert response.status_code == 200
    html = html_of(response)
    assert own.reference in html and "Brøyting ved skulen" in html
    assert other.reference not in html
    assert unrouted.reference not in html
    assert "kari@example.org" not in html  # no contact details in the list


def test_area_handler_cannot_open_a_case_of_another_area(site_tree: Any, handler: Any, client_a: Client) -> None:
    other = make_inquiry(area=site_tree.area_b)

    response = client_a.get(case_url(other))

    assert response.status_code == 403
    assert "kari@example.org" not in html_of(response)
    assert views_logged(other, handler) == 0


def test_head_of_communication_sees_every_area_and_a_tab_for_unrouted_inquiries(
    site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    chief = user_with_role(Role.KOMMUNIKASJONSSJEF)
    in_a = make_inquiry(area=site_tree.area_a)
    in_b = make_inquiry(area=site_tree.area_b)
    unrouted = make_inquiry()
    client = admin_client_for(chief)

    everything = html_of(client.get(QUEUE))
    only_unrouted = html_of(client.get(QUEUE, {"omrade": "utan"}))
    only_b = html_of(client.get(QUEUE, {"omrade": site_tree.area_b.pk}))

    assert all(i.reference in everything for i in (in_a, in_b, unrouted))
    assert in_nynorsk("No service area") in everything
    assert unrouted.reference in only_unrouted and in_a.reference not in only_unrouted
    assert in_b.reference in only_b and in_a.reference not in only_b
    assert client.get(case_url(in_b)).status_code == 200


def test_staff_who_do_not_handle_inquiries_get_403_and_no_menu_item(
    site_tree: Any, user_with_role: Any, admin_client_for: Any, client_a: Client
) -> None:
    mayor = user_with_role(Role.ORDFORAR)
    inquiry = make_inquiry(area=site_tree.area_a)
    client = admin_client_for(mayor)

    assert client.get(QUEUE).status_code == 403
    assert client.get(case_url(inquiry)).status_code == 403
    assert client.post(case_url(inquiry, "notat"), {"note-text": "Hei"}).status_code == 403
    assert client.get(f"{QUEUE}ny/").status_code == 403
    assert '"name": "servicetorget"' not in menu_of(client)
    assert f'"url": "{QUEUE}"' in menu_of(client_a)
    assert not inquiry.messages.filter(kind=MessageKind.NOTE).exists()


def test_the_menu_item_counts_new_and_overdue_inquiries(site_tree: Any, client_a: Client) -> None:
    make_inquiry(area=site_tree.area_a)
    make_inquiry(area=site_tree.area_a)
    make_inquiry(area=site_tree.area_b)

    assert '"label": "Servicetorget (2)"' in menu_of(client_a)


# --- The queue ----------------------------------------------------------------


def test_queue_sections_show_new_overdue_and_waiting_with_the_deadline_in_words(
    site_tree: Any, handler: Any, client_a: Client
) -> None:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=30)):
        late = make_inquiry(area=site_tree.area_a, title="Gamal sak")
    fresh = make_inquiry(area=site_tree.area_a, title="Ny sak")
    waiting = make_inquiry(area=site_tree.area_a, title="Ventar på svar")
    actions.ask_resident(inquiry=waiting, actor=handler, text="Kva adresse gjeld det?")
    done = make_inquiry(area=site_tree.area_a, title="Ferdig sak")
    actions.answer_inquiry(inquiry=done, actor=handler, text="Ordna.", close=True)

    overdue = client_a.get(QUEUE, {"vis": "forfalne"})
    new = html_of(client_a.get(QUEUE, {"vis": "nye"}))
    waits = html_of(client_a.get(QUEUE, {"vis": "ventar"}))
    closed = html_of(client_a.get(QUEUE, {"vis": "lukka"}))

    assert [row.inquiry for row in overdue.context["rows"]] == [late]
    days_late = (timezone.localdate() - timezone.localdate(late.due_at)).days
    with translation.override("nn"):
        in_words = translation.ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", days_late)
    assert in_words % {"days": days_late} in html_of(overdue)
    assert overdue.context["counts"] == {"new": 2, "due_soon": 0, "overdue": 1, "waiting": 1}
    assert fresh.reference in new and late.reference in new and waiting.reference not in new
    assert waiting.reference in waits and fresh.reference not in waits
    assert done.reference in closed and fresh.reference not in closed


def test_due_soon_holds_what_is_due_within_one_working_day(site_tree: Any, client_a: Client) -> None:
    AnswerRoutine.objects.create(area=site_tree.area_a, kind=Kind.ERROR_REPORT, working_days=1)
    urgent = make_inquiry(area=site_tree.area_a, kind=Kind.ERROR_REPORT)
    make_inquiry(area=site_tree.area_a)

    response = client_a.get(QUEUE, {"vis": "snart"})

    assert [row.inquiry for row in response.context["rows"]] == [urgent]
    assert response.context["counts"]["due_soon"] == 1


def test_a_long_queue_is_split_into_pages(site_tree: Any, client_a: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    from torg.inquiries.admin_views import queue

    monkeypatch.setattr(queue, "PER_PAGE", 2)
    for _n in range(3):
        make_inquiry(area=site_tree.area_a)

    first = client_a.get(QUEUE)
    second = client_a.get(QUEUE, {"p": "2"})

    assert len(first.context["rows"]) == 2 and "p=2" in html_of(first)
    assert len(second.context["rows"]) == 1


def test_search_finds_by_reference_or_words_in_every_status(site_tree: Any, handler: Any, client_a: Client) -> None:
    snow = make_inquiry(area=site_tree.area_a, text="Vegen til Fjellheim er ikkje brøyta.")
    light = make_inquiry(area=site_tree.area_a, text="Gatelyset er øydelagt.")
    actions.close_inquiry(inquiry=light, actor=handler)

    by_reference = client_a.get(QUEUE, {"q": light.reference.removeprefix("ST-").lower()})
    by_words = client_a.get(QUEUE, {"q": "fjellheim brøyta"})
    nothing = client_a.get(QUEUE, {"q": "symjehall"})

    assert [row.inquiry for row in by_reference.context["rows"]] == [light]
    assert [row.inquiry for row in by_words.context["rows"]] == [snow]
    assert nothing.context["rows"] == []


def test_bad_queue_parameters_give_the_default_queue_not_an_error(site_tree: Any, client_a: Client) -> None:
    inquiry = make_inquiry(area=site_tree.area_a)

    response = client_a.get(QUEUE, {"omrade": "x'; drop", "vis": "alt", "p": "-3", "q": "a" * 500})

    assert response.status_code == 200
    assert client_a.get(QUEUE, {"omrade": "999"}).context["rows"][0].inquiry == inquiry


def test_queue_costs_the_same_queries_for_many_inquiries(
    site_tree: Any, handler: Any, user_with_role: Any, client_a: Client, django_assert_num_queries: Any
) -> None:
    colleague = user_with_role(Role.WEBKONTAKT, site_tree.area_a)
    make_inquiry(area=site_tree.area_a)
    client_a.get(QUEUE)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client_a.get(QUEUE)
    for n in range(12):
        inquiry = make_inquiry(area=site_tree.area_a, about_enkeltvedtak=bool(n % 2))
        actions.assign_inquiry(inquiry=inquiry, actor=handler, handler=colleague if n % 3 else handler)

    with django_assert_num_queries(len(few)):
        response = client_a.get(QUEUE)
    assert len(response.context["rows"]) == 13


def test_a_case_past_due_for_a_preliminary_answer_is_flagged_in_the_queue_and_on_the_case(
    site_tree: Any, client_a: Client
) -> None:
    with time_machine.travel(timezone.now() - datetime.timedelta(days=40)):
        old = make_inquiry(area=site_tree.area_a, about_enkeltvedtak=True)
    make_inquiry(area=site_tree.area_a)

    queue = client_a.get(QUEUE)
    case = html_of(client_a.get(case_url(old)))

    assert [row.preliminary_due for row in queue.context["rows"]].count(True) == 1
    assert in_nynorsk("Preliminary answer due") in html_of(queue)
    assert "orvaltningsloven § 11a" in case  # the law is named at the start of the sentence


# --- The case page --------------------------------------------------------------


def test_the_case_shows_the_thread_with_notes_marked_internal_and_logs_the_view(
    site_tree: Any, handler: Any, client_a: Client
) -> None:
    inquiry = make_inquiry(area=site_tree.area_a, text="Det er hol i vegen.", address="Skulevegen 3")
    actions.add_note(inquiry=inquiry, actor=handler, text="Vegvesenet har fått melding.")

    response = client_a.get(case_url(inquiry))

    html = html_of(response)
    assert "Det er hol i vegen." in html
    assert "Vegvesenet har fått melding." in html
    assert escape(in_nynorsk("Internal: the resident does not see this")) in html
    assert "kari@example.org" in html and "Skulevegen 3" in html
    assert views_logged(inquiry, handler) == 1


def test_attachments_download_for_the_handler_only(
    site_tree: Any, handler: Any, client_a: Client, user_with_role: Any, admin_client_for: Any, private_files: None
) -> None:
    photo = CleanFile(name="hol.txt", content=b"<script>alert(1)</script>", content_type="text/plain")
    inquiry = make_inquiry(area=site_tree.area_a, files=[photo])
    other = make_inquiry(area=site_tree.area_a, files=[photo])
    attachment = inquiry.attachments.get()
    url = f"{case_url(inquiry)}vedlegg/{attachment.pk}/"
    outsider = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_b))

    response = client_a.get(url)

    assert url in html_of(client_a.get(case_url(inquiry)))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"<script>alert(1)</script>"  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment")
    assert "hol.txt" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert outsider.get(url).status_code == 403
    assert client_a.get(f"{case_url(other)}vedlegg/{attachment.pk}/").status_code == 404


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
