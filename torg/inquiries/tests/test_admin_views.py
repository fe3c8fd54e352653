"""Servicetorget's back office (/admin/servicetorget/): who comes in, the queue, the case page."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.html import escape

from torg.core.roles import Role
from torg.inquiries import actions
from torg.inquiries.files import CleanFile
from torg.inquiries.models import (
    AnswerRoutine,
    Kind,
    MessageKind,
)

from .admin_pages import QUEUE, case_url, html_of, in_nynorsk, menu_of, views_logged
from .factories import make_inquiry

pytestmark = [pytest.mark.django_db]


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
