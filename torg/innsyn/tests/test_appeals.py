"""Appeals (klage, offentleglova § 32): the requester appeals through the link in the letter, the
municipality gives access after all or keeps its decision and sends the appeal on; Mi sak follows it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.innsyn.appeals import Innsynsklage, KlageUtfall
from torg.innsyn.handling import appeals
from torg.innsyn.handling.access import visible_parts
from torg.innsyn.handling.queries import needs_attention, section_parts
from torg.innsyn.models import Journalpost
from torg.innsyn.requests import InnsynskravDel, InnsynskravStatus
from torg.minsak.sources.innsyn import decision_letters

from .test_handling import REQUESTER, build_handled_journal, decide, nn, only_mail_to, request_parts, upload

pytestmark = pytest.mark.django_db

APPEAL_LINK = re.compile(r"https?://\S+?(/innsyn/klage/[^/\s]+/)")
DOWNLOAD_LINK = re.compile(r"https?://\S+?(/innsyn/utlevering/[^/\s]+/)")


@pytest.fixture(autouse=True)
def _private_files(settings: Any, tmp_path: Any) -> None:
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def journal(site_tree: Any) -> dict[str, Journalpost]:
    return build_handled_journal(site_tree)


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, email="handsamar@kommune.example")


@pytest.fixture
def leader(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, email="leiar@kommune.example")


def refused(journal: dict[str, Journalpost], handler: Any, capture: Any) -> tuple[InnsynskravDel, str]:
    """The bridge letter refused under § 14; returns the part and the appeal link from the letter."""
    (part,) = request_parts([journal["jp-bridge"]])
    with capture(execute=True):
        decide(part, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    (link,) = APPEAL_LINK.findall(only_mail_to(REQUESTER).body)
    mail.outbox.clear()
    return part, link


def test_the_refusal_letter_links_to_an_appeal_page_that_receives_the_appeal(
    journal: dict[str, Journalpost],
    handler: Any,
    leader: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert nn("Appeal the decision") in html and "Vedlikehald av brua over elva" in html
    assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "same-origin"

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(link, {"text": "Eg meiner dokumentet ikkje er internt.", "website": ""})
    assert (sent.status_code, sent["Location"]) == (302, link)
    klage = Innsynsklage.objects.get(part=part)
    assert (klage.outcome, klage.text, klage.late) == (
        KlageUtfall.OPEN,
        "Eg meiner dokumentet ikkje er internt.",
        False,
    )
    assert klage.deadline > timezone.localdate()

    receipt = only_mail_to(REQUESTER)
    assert nn("We have received your appeal about this entry:") in receipt.body
    staff = [m for m in mail.outbox if REQUESTER not in m.to]
    assert {m.to[0] for m in staff} == {"leiar@kommune.example", "handsamar@kommune.example"}
    assert all(REQUESTER not in m.body and "/admin/innsyn/" in m.body for m in staff)
    assert ModelLogEntry.objects.filter(action="torg.innsyn.appeal_received", object_id=str(part.pk)).exists()

    again = client.get(link).content.decode()
    assert nn("Your appeal") in again and 'name="text"' not in again  # one appeal per part
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"text": "Ein gong til."})
    assert Innsynsklage.objects.filter(part=part).count() == 1 and not mail.outbox


def test_a_grant_cannot_be_appealed_and_its_letter_has_no_appeal_link(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    with django_capture_on_commit_callbacks(execute=True):
        decide(part, handler, InnsynskravStatus.INNVILGA)
    assert not APPEAL_LINK.findall(only_mail_to(REQUESTER).body)
    link = f"/innsyn/klage/{appeals.make_token(part)}/"
    assert nn("You got access to this entry, so there is nothing to appeal.") in client.get(link).content.decode()
    client.post(link, {"text": "Likevel"})
    assert not Innsynsklage.objects.exists()
    with pytest.raises(ValueError):
        appeals.submit_appeal(part=part, text="")


def test_a_broken_link_says_so_and_an_old_one_says_how_to_appeal_anyway(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    _, link = refused(journal, handler, django_capture_on_commit_callbacks)
    assert client.get(link[:-8] + "AAAAAAA/").status_code == 404
    assert client.get("/innsyn/klage/x/").status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(days=appeals.LINK_DAYS + 1)):
        expired = client.get(link)
    assert expired.status_code == 410 and nn("The link has expired") in expired.content.decode()


def test_an_appeal_after_three_weeks_is_received_and_marked_late(
    journal: dict[str, Journalpost],
    handler: Any,
    leader: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + dt.timedelta(days=30)), django_capture_on_commit_callbacks(execute=True):
        client.post(link, {"text": ""})
    klage = Innsynsklage.objects.get(part=part)
    assert klage.late and klage.text == ""
    assert "forvaltningslova § 31" in only_mail_to(REQUESTER).body
    assert (
        nn("The appeal came later than three weeks after the decision.") in only_mail_to("leiar@kommune.example").body
    )


def test_changing_the_decision_sends_a_new_letter_with_the_documents(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    client.post(link, {"text": "Klage"})
    with pytest.raises(ValidationError) as error:
        appeals.change_decision(actor=handler, part=part, decision=InnsynskravStatus.AVSLATT, reasoning="")
    assert "decision" in error.value.message_dict
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        klage = appeals.change_decision(
            actor=handler, part=part, decision=InnsynskravStatus.INNVILGA, reasoning="Vi har sett på saka på nytt."
        )
    part.refresh_from_db()
    assert (part.status, part.basis, klage.outcome) == (InnsynskravStatus.INNVILGA, "", KlageUtfall.OMGJORT)
    letter = only_mail_to(REQUESTER)
    assert nn("We have looked at your appeal again and changed our decision about this entry:") in letter.body
    (download,) = DOWNLOAD_LINK.findall(letter.body)
    assert client.get(download).getvalue().startswith(b"%PDF-")
    assert decision_letters([part])[part.pk] == letter.body  # Mi sak shows the newest letter
    assert ModelLogEntry.objects.filter(action="torg.innsyn.appeal_decision_changed", object_id=str(part.pk)).exists()
    with pytest.raises(ValidationError):  # once
        appeals.keep_decision(actor=handler, part=part, reasoning="Nei")


def test_a_full_grant_after_a_partial_one_stops_handing_out_the_blacked_out_copy(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            part,
            handler,
            InnsynskravStatus.DELVIS,
            basis="13-1",
            meirinnsyn_considered=True,
            redacted_file=upload(),
        )
    (link,) = APPEAL_LINK.findall(only_mail_to(REQUESTER).body)
    client.post(link, {"text": ""})
    with pytest.raises(ValidationError):  # a partial grant after a partial grant changes nothing
        appeals.change_decision(actor=handler, part=part, decision=InnsynskravStatus.DELVIS, reasoning="")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        appeals.change_decision(actor=handler, part=part, decision=InnsynskravStatus.INNVILGA, reasoning="")
    part.refresh_from_db()
    assert not part.redacted_file
    (download,) = DOWNLOAD_LINK.findall(only_mail_to(REQUESTER).body)
    assert client.get(download).getvalue() != upload().read()  # the stored document, not the copy


def test_keeping_the_decision_needs_reasons_and_tells_the_requester_it_goes_to_statsforvaltaren(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    client.post(link, {"text": ""})
    with pytest.raises(ValidationError) as error:
        appeals.keep_decision(actor=handler, part=part, reasoning="  ")
    assert "reasoning" in error.value.message_dict
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        klage = appeals.keep_decision(actor=handler, part=part, reasoning="Notatet er framleis organinternt.")
    assert klage.outcome == KlageUtfall.OVERSENDT and klage.handled_by == handler
    body = only_mail_to(REQUESTER).body
    assert "Notatet er framleis organinternt." in body and "Statsforvaltaren" in body and "§ 32" in body
    part.refresh_from_db()
    assert part.status == InnsynskravStatus.AVSLATT
    page = client.get(link).content.decode()
    assert (
        nn(
            "We kept our decision and sent the appeal to Statsforvaltaren, who decides it. You get the answer from Statsforvaltaren."
        )
        in page
    )


def test_only_handlers_of_the_area_answer_an_appeal(
    journal: dict[str, Journalpost],
    handler: Any,
    site_tree: Any,
    user_with_role: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    client.post(link, {"text": ""})
    other = user_with_role(Role.TENESTELEIAR, site_tree.area_b)
    with pytest.raises(PermissionDenied):
        appeals.keep_decision(actor=other, part=part, reasoning="Nei")
    with pytest.raises(PermissionDenied):
        appeals.change_decision(actor=None, part=part, decision=InnsynskravStatus.INNVILGA, reasoning="")


def test_open_appeals_have_their_own_queue_section_and_count_in_the_menu(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    today = timezone.localdate()
    assert needs_attention(handler) == 0
    client.post(link, {"text": ""})
    assert list(section_parts(visible_parts(handler), "klager", today)) == [part]
    assert needs_attention(handler) == 1
    appeals.keep_decision(actor=handler, part=part, reasoning="Grunngjeving")
    assert not section_parts(visible_parts(handler), "klager", today).exists()
    assert needs_attention(handler) == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=6000), website=st.sampled_from(["", "http://spam.example"]))
def test_any_appeal_post_gives_a_page_or_a_redirect(
    journal: dict[str, Journalpost], handler: Any, text: str, website: str
) -> None:
    (part,) = InnsynskravDel.objects.filter(journalpost=journal["jp-exempt"])[:1] or request_parts(
        [journal["jp-exempt"]]
    )
    if part.status == InnsynskravStatus.NY:
        decide(part, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    Innsynsklage.objects.filter(part=part).delete()
    response = Client().post(f"/innsyn/klage/{appeals.make_token(part)}/", {"text": text, "website": website})
    assert response.status_code in (302, 400)
    assert Innsynsklage.objects.filter(part=part).exists() == (response.status_code == 302)


def test_the_case_page_shows_the_appeal_and_answers_it(
    journal: dict[str, Journalpost],
    handler: Any,
    admin_client_for: Any,
    client: Client,
    django_capture_on_commit_callbacks: Any,
) -> None:
    part, link = refused(journal, handler, django_capture_on_commit_callbacks)
    client.post(link, {"text": "Eg vil sjå notatet."})
    staff = admin_client_for(handler)
    case = staff.get(f"/admin/innsyn/{part.pk}/")
    html = case.content.decode()
    assert case.status_code == 200 and "Eg vil sjå notatet." in html and 'name="outcome"' in html
    queue = staff.get("/admin/innsyn/", {"vis": "klager"}).content.decode()
    assert f"/admin/innsyn/{part.pk}/" in queue

    wrong = staff.post(f"/admin/innsyn/{part.pk}/klage/", {"outcome": "oversend", "reasoning": ""})
    assert wrong.status_code == 400 and Innsynsklage.objects.get(part=part).is_open
    assert staff.get(f"/admin/innsyn/{part.pk}/klage/").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        done = staff.post(f"/admin/innsyn/{part.pk}/klage/", {"outcome": "omgjer", "decision": "innvilga"})
    assert done.status_code == 302
    assert Innsynsklage.objects.get(part=part).outcome == KlageUtfall.OMGJORT
    after = staff.get(f"/admin/innsyn/{part.pk}/").content.decode()
    assert 'name="outcome"' not in after
