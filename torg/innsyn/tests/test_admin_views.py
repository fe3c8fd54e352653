"""Access requests in the back office (/admin/innsyn/): the queue, the case page and its decision
form, the documents, the menu count and the answer times."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from torg.core.roles import Role
from torg.innsyn.handling.queries import answer_times
from torg.innsyn.models import Journalpost
from torg.innsyn.requests import InnsynskravDel, InnsynskravStatus

from .journal_data import HIDDEN_PERSON, SENSITIVE_TITLE, documents
from .test_handling import REQUESTER, build_handled_journal, decide, request_parts, upload

pytestmark = pytest.mark.django_db

QUEUE = "/admin/innsyn/"


def html_of(response: Any) -> str:
    return str(response.content.decode())


def case_url(part: InnsynskravDel, action: str = "") -> str:
    return f"{QUEUE}{part.pk}/{action + '/' if action else ''}"


@pytest.fixture(autouse=True)
def _private_files(settings: Any, tmp_path: Any) -> None:
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, first_name="Hilde", last_name="Handsamar")


@pytest.fixture
def client_a(handler: Any, admin_client_for: Any) -> Client:
    """The handler's back office, in English (their own choice of language): the tests read its words."""
    profile = UserProfile.get_for_user(handler)
    profile.preferred_language = "en"
    profile.save()
    client: Client = admin_client_for(handler)
    return client


@pytest.fixture
def journal(site_tree: Any) -> dict[str, Journalpost]:
    return build_handled_journal(site_tree)


@pytest.fixture
def parts(journal: dict[str, Journalpost]) -> list[InnsynskravDel]:
    """One verified request for the bridge letter (area A) and the exempted entry (area A)."""
    return request_parts([journal["jp-bridge"], journal["jp-exempt"]])


def get(client: Client, url: str, **params: Any) -> Any:
    return client.get(url, params)


def test_the_queue_lists_verified_parts_of_the_users_areas_without_the_requester(
    client_a: Client, parts: list[InnsynskravDel], journal: dict[str, Journalpost]
) -> None:
    request_parts([journal["jp-bridge"]], email="unverified@example.no", verify=False)
    html = html_of(get(client_a, QUEUE))
    assert "2025/19" in html and "2025/18" in html
    assert html.count(f'href="{QUEUE}') >= 2
    assert "Vedlikehald av brua over elva" in html
    assert REQUESTER not in html and "unverified@example.no" not in html
    assert SENSITIVE_TITLE not in html  # the queue shows public titles only


def test_the_queue_sections_say_what_is_due_soon_and_overdue_in_words(
    client_a: Client, parts: list[InnsynskravDel], handler: Any
) -> None:
    bridge, exempt = parts
    today = timezone.localdate()
    InnsynskravDel.objects.filter(pk=bridge.pk).update(deadline=today - dt.timedelta(days=2))
    InnsynskravDel.objects.filter(pk=exempt.pk).update(deadline=today)
    overdue = html_of(get(client_a, QUEUE, vis="forfalne"))
    assert "Overdue by 2 days" in overdue and "2025/19" in overdue and "2025/18" not in overdue
    soon = html_of(get(client_a, QUEUE, vis="snart"))
    assert "Due today" in soon and "2025/18" in soon and "2025/19" not in soon
    decide(
        InnsynskravDel.objects.get(pk=exempt.pk),
        handler,
        InnsynskravStatus.AVSLATT,
        basis="14",
        meirinnsyn_considered=True,
    )
    decided = html_of(get(client_a, QUEUE, vis="avgjorde"))
    assert "2025/18" in decided and "Refused" in decided and "2025/19" not in decided


def test_the_queue_needs_as_many_queries_for_many_parts_as_for_one(
    client_a: Client, journal: dict[str, Journalpost]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    request_parts([journal["jp-bridge"]], email="r@example.no")
    get(client_a, QUEUE)  # warm up: sessions, sites, settings
    with CaptureQueriesContext(connection) as one:
        get(client_a, QUEUE)
    for n in range(12):
        request_parts([journal["jp-bridge"], journal["jp-exempt"]], email=f"r{n}@example.no")
    with CaptureQueriesContext(connection) as many:
        response = get(client_a, QUEUE)
    assert html_of(response).count(">2025/19<") == 13
    assert len(many) == len(one)


def test_a_handler_of_another_area_gets_no_access(
    parts: list[InnsynskravDel], site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    outsider = admin_client_for(user_with_role(Role.KOMMUNALSJEF, site_tree.area_b))
    assert "2025/19" not in html_of(get(outsider, QUEUE))
    for url in (case_url(parts[0]), case_url(parts[0], "kopi")):
        assert get(outsider, url).status_code == 403
    response = outsider.post(case_url(parts[0], "avgjer"), {"decision": "innvilga"})
    assert response.status_code == 403
    assert InnsynskravDel.objects.get(pk=parts[0].pk).status == InnsynskravStatus.NY
    employee = admin_client_for(user_with_role(Role.WEBKONTAKT, site_tree.area_b))
    assert get(employee, case_url(parts[1])).status_code == 403
    assert get(outsider, f"{QUEUE}999999/").status_code == 404


def test_staff_without_a_role_that_handles_requests_are_turned_away(
    site_tree: Any, user_with_role: Any, admin_client_for: Any
) -> None:
    client = admin_client_for(user_with_role(Role.ORDFORAR))
    assert get(client, QUEUE).status_code == 403
    assert get(client, f"{QUEUE}svartider/").status_code == 403


def test_the_case_page_shows_the_sensitive_original_and_the_requester_and_logs_the_view(
    client_a: Client, parts: list[InnsynskravDel], handler: Any
) -> None:
    exempt = parts[1]
    html = html_of(get(client_a, case_url(exempt)))
    assert escape(SENSITIVE_TITLE) in html and HIDDEN_PERSON in html
    assert REQUESTER in html
    assert "2025/19" in html  # the other entry in the same request
    assert 'enctype="multipart/form-data"' in html and 'name="meirinnsyn_considered"' in html
    assert "offentleglova" in html and "§ 13: duty of confidentiality, personal matters" in html
    logged = ModelLogEntry.objects.filter(
        action="torg.personal_data.viewed", object_id=str(exempt.pk), user=handler, data__purpose="innsyn"
    )
    assert logged.count() == 1


def test_granting_with_the_form_sends_the_letter_and_shows_the_decision(
    client_a: Client, parts: list[InnsynskravDel], handler: Any, django_capture_on_commit_callbacks: Any
) -> None:
    bridge = parts[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(case_url(bridge, "avgjer"), {"decision": "innvilga", "reasoning": ""})
    assert response.status_code == 302 and response["Location"] == case_url(bridge) + "#avgjerd"
    bridge.refresh_from_db()
    assert bridge.status == InnsynskravStatus.INNVILGA and bridge.decided_by == handler
    assert [m.to for m in mail.outbox] == [[REQUESTER]]
    html = html_of(get(client_a, case_url(bridge)))
    assert "Hilde Handsamar" in html and 'name="decision"' not in html


def test_the_form_refuses_a_refusal_without_basis_or_meirinnsyn_and_keeps_what_was_written(
    client_a: Client, parts: list[InnsynskravDel]
) -> None:
    exempt = parts[1]
    response = client_a.post(case_url(exempt, "avgjer"), {"decision": "avslatt", "reasoning": "Mitt utkast."})
    assert response.status_code == 400
    html = html_of(response)
    assert "Choose the legal basis for keeping something back." in html
    assert "Consider meirinnsyn (offentleglova § 11) before you refuse, and tick the box." in html
    assert "Mitt utkast." in html
    response = client_a.post(case_url(exempt, "avgjer"), {"decision": "avslatt", "basis": "14"})
    assert response.status_code == 400
    assert "Choose the legal basis" not in html_of(response) and "Consider meirinnsyn" in html_of(response)
    response = client_a.post(
        case_url(exempt, "avgjer"), {"decision": "delvis", "basis": "14", "meirinnsyn_considered": "on"}
    )
    assert response.status_code == 400 and "Upload the copy" in html_of(response)
    response = client_a.post(case_url(exempt, "avgjer"), {"decision": "kanskje"})
    assert response.status_code == 400
    assert InnsynskravDel.objects.get(pk=exempt.pk).status == InnsynskravStatus.NY
    assert not mail.outbox


def test_a_partial_grant_from_the_form_stores_the_copy_staff_can_download(
    client_a: Client, parts: list[InnsynskravDel], django_capture_on_commit_callbacks: Any
) -> None:
    bridge = parts[0]
    data = {"decision": "delvis", "basis": "13-1", "meirinnsyn_considered": "on", "redacted_file": upload()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(case_url(bridge, "avgjer"), data)
    assert response.status_code == 302
    copy = client_a.get(case_url(bridge, "kopi"))
    assert copy.status_code == 200 and copy.getvalue() == upload().read()
    assert len(mail.outbox) == 1


def test_a_stored_document_downloads_for_staff_and_the_download_is_logged(
    client_a: Client, parts: list[InnsynskravDel], handler: Any, journal: dict[str, Journalpost]
) -> None:
    bridge = parts[0]
    report, attachment = documents(journal["jp-bridge"])
    response = client_a.get(case_url(bridge, f"dokument/{report.pk}"))
    assert response.status_code == 200 and response.getvalue().startswith(b"%PDF-")
    assert client_a.get(case_url(bridge, f"dokument/{attachment.pk}")).status_code == 404  # no file
    other = documents(journal["jp-exempt"])[0]
    assert client_a.get(case_url(bridge, f"dokument/{other.pk}")).status_code == 404  # not this entry's
    assert ModelLogEntry.objects.filter(
        action="torg.personal_data.viewed", object_id=str(bridge.pk), user=handler
    ).exists()


def test_the_menu_shows_how_many_parts_wait_for_a_decision(
    client_a: Client, parts: list[InnsynskravDel], handler: Any
) -> None:
    menu = html_of(get(client_a, reverse("wagtailadmin_home"))).replace("&quot;", '"')
    assert '"Innsyn (2)"' in menu
    decide(parts[0], handler, InnsynskravStatus.INNVILGA)
    menu = html_of(get(client_a, reverse("wagtailadmin_home"))).replace("&quot;", '"')
    assert '"Innsyn (1)"' in menu


def test_answer_times_per_service_area(
    client_a: Client, journal: dict[str, Journalpost], handler: Any, site_tree: Any
) -> None:
    with time_machine.travel(dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC), tick=False):  # Monday
        bridge, exempt, _person = request_parts(
            [journal["jp-bridge"], journal["jp-exempt"], journal["jp-recent-person"]]
        )
        decide(bridge, handler, InnsynskravStatus.INNVILGA)  # same day: 0 working days
    with time_machine.travel(dt.datetime(2026, 6, 8, 8, 0, tzinfo=dt.UTC), tick=False):  # a week later: too late
        decide(exempt, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
        rows, total = answer_times(no_area="(none)", total="All")
        page = html_of(get(client_a, f"{QUEUE}svartider/"))
    area_a = next(r for r in rows if r.area == site_tree.area_a.name)
    assert (area_a.received, area_a.decided, area_a.within, area_a.median_days) == (2, 2, 1, 2.5)
    assert area_a.within_share == 0.5
    no_area = next(r for r in rows if r.area == "(none)")
    assert (no_area.decided, no_area.open_overdue, no_area.within_share) == (0, 1, 0.0)
    assert (total.received, total.due, total.within) == (3, 3, 1)
    assert "Helse og omsorg" in page and "50 %" in page and "2.5" in page


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    decision=st.text(max_size=20) | st.sampled_from(["innvilga", "delvis", "avslatt"]),
    basis=st.text(max_size=20) | st.sampled_from(["13-1", "14", "26"]),
    meirinnsyn=st.sampled_from(["", "on", "false", "x" * 50]),
    reasoning=st.text(max_size=6000),
    name=st.text(min_size=1, max_size=40),
    data=st.binary(max_size=200),
)
def test_any_post_to_the_decision_gives_a_page_never_an_error(
    client_a: Client,
    parts: list[InnsynskravDel],
    decision: str,
    basis: str,
    meirinnsyn: str,
    reasoning: str,
    name: str,
    data: bytes,
) -> None:
    fields: dict[str, Any] = {"decision": decision, "basis": basis, "meirinnsyn_considered": meirinnsyn}
    fields["reasoning"] = reasoning
    # A browser sends a file name without folders; Django refuses "", "." and ".." before any view sees them.
    name = os.path.basename(name.replace("\x00", ""))
    fields["redacted_file"] = SimpleUploadedFile(name if name not in ("", ".", "..") else "x", data)
    response = client_a.post(case_url(parts[1], "avgjer"), fields)
    assert response.status_code in (302, 400)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(token=st.text(min_size=1, max_size=400).filter(lambda t: "/" not in t and "\x00" not in t))
def test_any_download_token_gives_a_clear_page(token: str) -> None:
    from torg.innsyn.handling.downloads import granted_file

    request = RequestFactory().get("/innsyn/utlevering/x/")
    request.user = AnonymousUser()
    response = granted_file(request, token)
    assert response.status_code in (404, 410)


def test_the_decision_form_offers_the_requests_other_parts_and_answers_them_together(
    client_a: Client, parts: list[InnsynskravDel], django_capture_on_commit_callbacks: Any
) -> None:
    bridge, exempt = parts
    page = html_of(get(client_a, case_url(bridge)))
    assert 'name="also"' in page and f'value="{exempt.pk}"' in page
    fields = {"decision": "avslatt", "basis": "14", "meirinnsyn_considered": "on", "reasoning": "", "also": [exempt.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(case_url(bridge, "avgjer"), fields)
    assert response.status_code == 302
    assert set(InnsynskravDel.objects.filter(pk__in=[bridge.pk, exempt.pk]).values_list("status", flat=True)) == {
        InnsynskravStatus.AVSLATT
    }
    assert len([m for m in mail.outbox if REQUESTER in m.to]) == 1
    journal = {"jp-bridge": bridge.journalpost, "jp-exempt": exempt.journalpost}
    again, other = request_parts([journal["jp-bridge"], journal["jp-exempt"]], email="ny@example.no")
    partial = client_a.post(
        case_url(again, "avgjer"),
        {"decision": "delvis", "basis": "14", "meirinnsyn_considered": "on", "also": [other.pk]},
    )
    assert partial.status_code == 400 and "own blacked-out copy" in html_of(partial)
    assert InnsynskravDel.objects.get(pk=other.pk).status == InnsynskravStatus.NY
