"""The sources' uniform items: statuses in words, deadlines, and what an access request may show."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone, translation

from torg.innsyn.requests import InnsynskravStatus
from torg.innsyn.tests.journal_data import HIDDEN_PERSON, SENSITIVE_TITLE
from torg.inquiries.models import Status

from .. import queries
from ..actions import link_item
from ..session import EMAIL, PID, Resident, pid_hash
from ..sources import Detail, Redirect, registered
from .conftest import RESIDENT, make_request

pytestmark = pytest.mark.django_db

KARI = Resident(kind=EMAIL, value=RESIDENT, level=EMAIL)


@pytest.fixture(autouse=True)
def _english() -> Any:
    with translation.override("en"):
        yield


def test_the_registry_holds_the_sources_named_in_the_settings() -> None:
    assert [source.slug for source in registered()] == ["servicetorget", "innsyn"]


def test_an_email_resident_sees_their_inquiry_whatever_the_case_of_the_address(cases: dict[str, Any]) -> None:
    items = queries.inbox(KARI)

    inquiry = next(i for i in items if i.source == "servicetorget")
    assert inquiry.reference == cases["inquiry"].reference
    assert inquiry.status == "Received" and inquiry.tone == "info" and inquiry.is_open
    assert inquiry.deadline == timezone.localdate(cases["inquiry"].due_at)
    assert inquiry.messages == 1
    assert {i.key for i in items} == {cases["inquiry"].reference, str(cases["krav"].pk)}


def test_an_answered_inquiry_has_no_deadline_and_a_green_status(cases: dict[str, Any]) -> None:
    cases["inquiry"].status = Status.ANSWERED
    cases["inquiry"].save(update_fields=["status"])

    item = next(i for i in queries.inbox(KARI) if i.source == "servicetorget")

    assert item.status == "Answered" and item.tone == "success" and item.deadline is None and not item.is_open


def test_an_access_request_is_being_handled_partly_answered_then_answered(cases: dict[str, Any]) -> None:
    krav = cases["krav"]
    parts = list(krav.delar.order_by("pk"))
    assert len(parts) == 2

    def item() -> Any:
        return next(i for i in queries.inbox(KARI) if i.source == "innsyn")

    assert item().status == "Being handled" and item().deadline == min(p.deadline for p in parts)
    assert item().title == "Vedlikehald av brua over elva and 1 other entry"
    parts[0].status, parts[0].decided_at = InnsynskravStatus.AVSLATT, timezone.now()
    parts[0].save(update_fields=["status", "decided_at"])
    assert item().status == "Partly answered"
    parts[1].status, parts[1].decided_at = InnsynskravStatus.INNVILGA, timezone.now()
    parts[1].save(update_fields=["status", "decided_at"])
    assert item().status == "Answered" and item().deadline is None and not item().is_open


def test_an_access_request_page_shows_public_titles_and_never_the_sensitive_ones(cases: dict[str, Any]) -> None:
    detail = queries.item_page(KARI, "innsyn", str(cases["krav"].pk))

    assert isinstance(detail, Detail)
    titles = [part.title for part in detail.parts]
    assert "Vedlikehald av brua over elva" in titles and "Sak etter barnevernlova" in titles
    shown = repr(detail)
    assert SENSITIVE_TITLE not in shown and HIDDEN_PERSON not in shown
    assert [m.body for m in detail.messages] == ["Helst som PDF."]
    assert all(part.status == "Not decided yet" for part in detail.parts)


def test_an_inquiry_page_is_the_follow_page_with_its_key(cases: dict[str, Any]) -> None:
    inquiry = cases["inquiry"]

    found = queries.item_page(KARI, "servicetorget", inquiry.reference)

    assert found == Redirect(url=f"/servicetorget/{inquiry.reference}/?k={inquiry.access_key()}")


def test_an_idporten_resident_sees_linked_items_of_every_source(cases: dict[str, Any], journal: Any) -> None:
    who = Resident(kind=PID, value=pid_hash("01019012345"), level="idporten-loa-substantial")
    krav = make_request([journal["jp-recent-person"]], email="anna@example.org")
    link_item(pid_hash=who.value, source="innsyn", object_id=krav.pk)
    link_item(pid_hash=who.value, source="servicetorget", object_id=cases["other_inquiry"].pk)

    assert {i.key for i in queries.inbox(who)} == {str(krav.pk), cases["other_inquiry"].reference}
    assert queries.item_page(who, "innsyn", str(cases["krav"].pk)) is None


def test_has_items_knows_addresses_with_only_an_unconfirmed_request(journal: Any) -> None:
    make_request([journal["jp-bridge"]], email="ny@example.org", verified=False)

    assert queries.has_items("ny@example.org")
    assert not queries.has_items("ingen@example.org")


def test_a_refused_part_can_be_appealed_from_mi_sak_and_shows_how_far_the_appeal_has_come(
    cases: dict[str, Any],
) -> None:
    from torg.innsyn.appeals import Innsynsklage, KlageUtfall
    from torg.innsyn.handling.appeals import resolve

    refused, granted = list(cases["krav"].delar.order_by("pk"))
    for part, status in ((refused, InnsynskravStatus.AVSLATT), (granted, InnsynskravStatus.INNVILGA)):
        part.status, part.decided_at = status, timezone.now()
        part.save(update_fields=["status", "decided_at"])

    def parts() -> list[Any]:
        detail = queries.item_page(KARI, "innsyn", str(cases["krav"].pk))
        assert isinstance(detail, Detail)
        return list(detail.parts)

    first, second = parts()
    assert first.appeal_url and not first.appeal_status and not second.appeal_url
    assert resolve(first.appeal_url.rstrip("/").rsplit("/", 1)[-1]) == refused
    klage = Innsynsklage.objects.create(part=refused, deadline=timezone.localdate())
    assert parts()[0].appeal_status == "Appeal received: we are looking at the case again"
    klage.outcome = KlageUtfall.OVERSENDT
    klage.save(update_fields=["outcome"])
    assert parts()[0].appeal_status == "Appeal: sent to Statsforvaltaren, who decides it"
