"""Mi sak's pages with the e-mail login: the link, the inbox, the item pages, logging out, timeouts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from torg.innsyn.requests import InnsynskravStatus
from torg.innsyn.tests.journal_data import HIDDEN_PERSON, SENSITIVE_TITLE
from torg.inquiries.models import Status

from ..models import LoginLink
from .conftest import RESIDENT, email_login, link_path, login_mails

pytestmark = pytest.mark.django_db


def nn(message: str) -> str:
    with translation.override("nn"):
        return gettext(message)


def text(response: Any) -> str:
    return response.content.decode()


def test_the_login_page_offers_the_email_link_and_no_idporten_button_when_it_is_not_set_up(client: Client) -> None:
    response = client.get("/mi-side/")

    assert response.status_code == 200
    page = text(response)
    assert 'action="/mi-side/epost/"' in page
    assert 'action="/mi-side/idporten/"' not in page
    assert "no-cache" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_resident_logs_in_with_the_link_and_sees_their_inquiry_and_access_request_newest_first(
    client: Client, cases: dict[str, Any]
) -> None:
    response = email_login(client)
    assert response.status_code == 302 and response["Location"] == "/mi-side/"

    page = text(client.get("/mi-side/"))

    assert cases["inquiry"].reference in page and "Brøyting ved skulen" in page
    assert "Vedlikehald av brua over elva" in page, "the access request, by the entry's public title"
    assert cases["other_inquiry"].reference not in page and "Gatelys" not in page
    assert page.index("Vedlikehald av brua") < page.index(cases["inquiry"].reference), "newest first"
    assert nn("Being handled") in page and nn("Received") in page
    assert 'action="/mi-side/logg-ut/"' in page
    assert "k***@example.org" in page


def test_the_same_page_follows_whether_or_not_the_address_is_known(client: Client, cases: dict[str, Any]) -> None:
    known = client.post("/mi-side/epost/", {"email": "kari@example.org"}, follow=True)
    unknown = Client().post("/mi-side/epost/", {"email": "kjell@example.org"}, follow=True)

    assert len(login_mails("kari@example.org")) == 1
    assert len(login_mails()) == 1, "a link goes only to an address with cases"
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert text(known) == text(unknown)


def test_the_link_is_stored_only_as_a_hash_and_works_once(client: Client, cases: dict[str, Any]) -> None:
    client.post("/mi-side/epost/", {"email": RESIDENT})
    path = link_path(login_mails()[-1])
    token = path.split("/")[-2]
    assert not LoginLink.objects.filter(token_hash=token).exists()
    assert token not in str(list(LoginLink.objects.values()))

    shown = client.get(path)
    assert shown.status_code == 200 and 'method="post"' in text(shown), "GET only shows the button"
    assert client.post(path).status_code == 302
    again = Client().post(path)
    assert again.status_code == 410 and nn("The link does not work") in text(again)
    assert Client().get(path).status_code == 410


def test_the_link_stops_working_after_thirty_minutes(client: Client, cases: dict[str, Any]) -> None:
    client.post("/mi-side/epost/", {"email": RESIDENT})
    path = link_path(login_mails()[-1])

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        response = client.post(path)

    assert response.status_code == 410
    assert client.get("/mi-side/sak/innsyn/1/")["Location"] == "/mi-side/", "not logged in"


def test_an_access_request_page_shows_each_part_with_its_public_title_status_and_deadline(
    client: Client, cases: dict[str, Any]
) -> None:
    krav = cases["krav"]
    part = krav.delar.order_by("pk").first()
    part.status = InnsynskravStatus.INNVILGA
    part.decided_at = timezone.now()
    part.save(update_fields=["status", "decided_at"])
    email_login(client)

    response = client.get(f"/mi-side/sak/innsyn/{krav.pk}/")

    page = text(response)
    assert response.status_code == 200
    assert nn("Granted") in page
    assert nn("Partly answered") in page or krav.delar.count() == 1
    assert "Helst som PDF." in page, "the resident's own message"
    assert SENSITIVE_TITLE not in page and HIDDEN_PERSON not in page
    assert f"/innsyn/journalpost/{part.journalpost_id}/" in page


def test_an_unconfirmed_request_asks_the_resident_to_confirm_it(
    client: Client, cases: dict[str, Any], journal: Any
) -> None:
    from .conftest import make_request

    krav = make_request([journal["jp-recent-person"]], verified=False)
    email_login(client)

    page = text(client.get(f"/mi-side/sak/innsyn/{krav.pk}/"))

    assert nn("Waiting for your confirmation") in page
    assert nn("Not confirmed by you") in text(client.get("/mi-side/"))


def test_an_inquiry_opens_on_its_follow_page_without_the_key_in_the_address(
    client: Client, cases: dict[str, Any]
) -> None:
    inquiry = cases["inquiry"]
    email_login(client)

    response = client.get(f"/mi-side/sak/servicetorget/{inquiry.reference}/")
    assert response.status_code == 302 and response["Referrer-Policy"] == "no-referrer"
    follow = client.get(response["Location"])
    assert follow.status_code == 302 and follow["Location"] == f"/servicetorget/{inquiry.reference}/"
    page = client.get(follow["Location"])
    assert page.status_code == 200 and "Brøyting ved skulen" in text(page)


def test_someone_elses_case_is_not_found(client: Client, cases: dict[str, Any]) -> None:
    email_login(client)

    assert client.get(f"/mi-side/sak/innsyn/{cases['other_krav'].pk}/").status_code == 404
    assert client.get(f"/mi-side/sak/servicetorget/{cases['other_inquiry'].reference}/").status_code == 404
    assert client.get("/mi-side/sak/ukjend/1/").status_code == 404
    assert client.get("/mi-side/sak/innsyn/abc/").status_code == 404


def test_logging_out_ends_the_session_and_the_inquiry_access_it_gave(client: Client, cases: dict[str, Any]) -> None:
    inquiry = cases["inquiry"]
    email_login(client)
    client.get(client.get(f"/mi-side/sak/servicetorget/{inquiry.reference}/")["Location"])
    assert client.get(f"/servicetorget/{inquiry.reference}/").status_code == 200

    response = client.post("/mi-side/logg-ut/", follow=True)

    assert nn("You are logged out of Mi sak.") in text(response)
    assert 'action="/mi-side/epost/"' in text(response)
    assert client.get(f"/servicetorget/{inquiry.reference}/").status_code == 404


def test_a_resident_away_for_sixteen_minutes_is_logged_out(client: Client, cases: dict[str, Any]) -> None:
    email_login(client)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        assert nn("My cases") in text(client.get("/mi-side/"))
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=27)):
        response = client.get("/mi-side/")

    assert 'action="/mi-side/epost/"' in text(response)
    assert nn("You were logged out because you were away for a while. Log in again.") in text(response)


def test_a_resident_is_logged_out_two_hours_after_logging_in_even_when_active(
    client: Client, cases: dict[str, Any]
) -> None:
    start = timezone.now()
    email_login(client)
    for minutes in range(10, 121, 10):
        with time_machine.travel(start + dt.timedelta(minutes=minutes)):
            page = text(client.get("/mi-side/"))
    assert 'action="/mi-side/epost/"' not in page
    with time_machine.travel(start + dt.timedelta(minutes=125)):
        assert 'action="/mi-side/epost/"' in text(client.get("/mi-side/"))


def test_many_link_requests_from_one_network_are_refused_with_a_message(
    client: Client, settings: Any, cases: Any
) -> None:
    settings.TORG_MINSAK_RATE_LIMIT_PER_HOUR = 2
    for _ in range(2):
        assert client.post("/mi-side/epost/", {"email": "x@example.org"}).status_code == 302

    response = client.post("/mi-side/epost/", {"email": RESIDENT})

    assert response.status_code == 429
    assert nn("We could not send a link yet") in text(response)
    assert not login_mails()


def test_one_address_gets_at_most_three_links_an_hour_and_the_page_does_not_tell(client: Client, cases: Any) -> None:
    answers = [Client().post("/mi-side/epost/", {"email": RESIDENT}, REMOTE_ADDR=f"10.0.0.{i}") for i in range(5)]

    assert [a.status_code for a in answers] == [302] * 5
    assert len(login_mails(RESIDENT)) == 3


def test_a_bad_address_gets_the_error_summary(client: Client) -> None:
    response = client.post("/mi-side/epost/", {"email": "ikkje ei adresse"})

    assert response.status_code == 400
    assert "ds-error-summary" in text(response)
    assert 'aria-invalid="true"' in text(response)


def test_an_inquiry_waiting_for_the_resident_shows_no_deadline_and_says_so(
    client: Client, cases: dict[str, Any]
) -> None:
    cases["inquiry"].status = Status.WAITING
    cases["inquiry"].save(update_fields=["status"])
    email_login(client)

    page = text(client.get("/mi-side/"))

    assert nn("Waiting for you") in page


def test_the_inbox_runs_the_same_number_of_queries_for_one_case_or_many(
    client: Client, cases: dict[str, Any], journal: Any, django_assert_max_num_queries: Any
) -> None:
    from torg.inquiries.tests.factories import make_inquiry

    from .conftest import make_request

    email_login(client)
    client.get("/mi-side/")
    for _ in range(5):
        make_inquiry(email=RESIDENT)
        make_request([journal["jp-recent-person"]])
    with django_assert_max_num_queries(12):
        page = text(client.get("/mi-side/"))
    assert page.count('class="ds-tag"') == 12


def test_a_decided_part_shows_the_decision_letter_the_requester_got(client: Client, cases: dict[str, Any]) -> None:
    from torg.innsyn.handling.letters import send_decision_letter

    part = cases["krav"].delar.select_related("journalpost__saksmappe").order_by("pk").first()
    part.status, part.decided_at = InnsynskravStatus.AVSLATT, timezone.now()
    part.reasoning = "Dokumentet er eit internt utkast."
    part.save(update_fields=["status", "decided_at", "reasoning"])
    send_decision_letter(part, now=timezone.now())
    email_login(client)

    page = text(client.get(f"/mi-side/sak/innsyn/{cases['krav'].pk}/"))

    assert nn("Decision letter") in page
    assert "Dokumentet er eit internt utkast." in page
    assert nn("Refused") in page
