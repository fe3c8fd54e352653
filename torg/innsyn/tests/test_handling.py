"""The case handler decides access request parts: permission, the letters, the copies, the audit log.

The download links in the letters point at /innsyn/utlevering/<token>/; this module's own
URL configuration (``urlpatterns`` below) routes them in front of Torg's, so the tests do
not depend on where ``torg/innsyn/urls.py`` includes :mod:`torg.innsyn.handling.urls`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import include, path
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from torg import urls as torg_urls
from torg.core.roles import Role
from torg.innsyn.handling import heimlar
from torg.innsyn.handling.actions import decide_part
from torg.innsyn.models import Journalpost
from torg.innsyn.requests import InnsynskravDel, InnsynskravStatus, submit_request, verify_request

from .journal_data import FNR, build_journal, documents
from .test_extract import pdf

urlpatterns = [path("innsyn/", include("torg.innsyn.handling.urls")), *torg_urls.urlpatterns]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

REQUESTER = "journalist@example.no"
LINK = re.compile(r"https?://\S+?(/innsyn/utlevering/[^/\s]+/)")
# Wednesday before Easter 2026: Maundy Thursday 2 April to Easter Monday 6 April are holidays.
BEFORE_EASTER = dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC)
_PDF: dict[str, bytes] = {}


def nn(message: str) -> str:
    """The Nynorsk of ``message``, as letters are written (the municipality's language form)."""
    with translation.override("nn"):
        return gettext(message)


def pdf_of(*paragraphs: str) -> bytes:
    key = "\n".join(paragraphs)
    if key not in _PDF:
        _PDF[key] = pdf(list(paragraphs))
    return _PDF[key]


def upload(name: str = "kopi.pdf", data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_of("Tilstandsrapport for brua", "Namn: ████") if data is None else data)


@pytest.fixture(autouse=True)
def _private_files(settings: Any, tmp_path: Any) -> None:
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"


def build_handled_journal(site_tree: Any) -> dict[str, Journalpost]:
    """The small journal; the bridge letter and the exempted entry belong to area A, the bridge report has a file."""
    entries = build_journal(timezone.localdate())
    Journalpost.objects.filter(pk__in=[entries["jp-bridge"].pk, entries["jp-exempt"].pk]).update(
        service_area=site_tree.area_a
    )
    report = documents(entries["jp-bridge"])[0]
    from django.core.files.base import ContentFile

    report.file.save("2025-19-1.pdf", ContentFile(pdf_of("Brua over elva må målast.")), save=False)
    report.content_type = "application/pdf"
    report.save()
    for entry in entries.values():
        entry.refresh_from_db()
    return entries


@pytest.fixture
def journal(site_tree: Any) -> dict[str, Journalpost]:
    return build_handled_journal(site_tree)


@pytest.fixture
def handler(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.TENESTELEIAR, site_tree.area_a, first_name="Hilde", last_name="Handsamar")


@pytest.fixture
def leader(site_tree: Any, user_with_role: Any) -> Any:
    return user_with_role(Role.KOMMUNALSJEF, site_tree.area_a, email="leiar@kommune.example")


def request_parts(entries: list[Journalpost], *, email: str = REQUESTER, verify: bool = True) -> list[InnsynskravDel]:
    """A request for ``entries``, verified by the requester (the outbox is emptied afterwards)."""
    krav, token = submit_request(email=email, entry_ids=[e.pk for e in entries])
    if verify:
        verify_request(token=token)
    mail.outbox.clear()
    parts = {p.journalpost_id: p for p in krav.delar.select_related("krav", "journalpost")}
    return [parts[e.pk] for e in entries]


def decide(part: InnsynskravDel, actor: Any, decision: str, **fields: Any) -> InnsynskravDel:
    values: dict[str, Any] = {"basis": "", "meirinnsyn_considered": False, "reasoning": ""}
    values.update(fields)
    return decide_part(actor=actor, part=part, decision=decision, **values)


def only_mail_to(address: str) -> Any:
    found = [m for m in mail.outbox if address in m.to]
    assert len(found) == 1, [m.subject for m in mail.outbox]
    return found[0]


def test_a_grant_mails_links_that_download_the_stored_documents(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    with django_capture_on_commit_callbacks(execute=True):
        decided = decide(part, handler, InnsynskravStatus.INNVILGA, reasoning="God lesnad.")
    assert (decided.status, decided.decided_by, decided.basis) == (InnsynskravStatus.INNVILGA, handler, "")
    assert decided.decided_at is not None

    letter = only_mail_to(REQUESTER)
    assert nn("You get access. Download the documents here:") in letter.body
    assert "Vedlikehald av brua over elva" in letter.body and "God lesnad." in letter.body
    links = LINK.findall(letter.body)
    assert len(links) == 1, letter.body  # the report has a file; the attachment has none
    response = client.get(links[0])
    assert response.status_code == 200
    assert response.getvalue().startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"] and response["Referrer-Policy"] == "no-referrer"
    assert ModelLogEntry.objects.filter(action="torg.innsyn.granted_file_downloaded", object_id=str(part.pk)).exists()


def test_the_links_expire_after_the_set_number_of_days(
    journal: dict[str, Journalpost],
    handler: Any,
    client: Client,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TORG_INNSYN_DOWNLOAD_DAYS = 2
    (part,) = request_parts([journal["jp-bridge"]])
    with django_capture_on_commit_callbacks(execute=True):
        decide(part, handler, InnsynskravStatus.INNVILGA)
    link = LINK.findall(only_mail_to(REQUESTER).body)[0]
    assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=4)):
        response = client.get(link)
    assert response.status_code == 410
    assert nn("The link has expired") in response.content.decode()
    assert client.get(link[:-8] + "AAAAAAA/").status_code == 404  # a changed token


def test_a_partial_grant_hands_out_only_the_redacted_copy_and_says_why(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    with django_capture_on_commit_callbacks(execute=True):
        decided = decide(
            part,
            handler,
            InnsynskravStatus.DELVIS,
            basis="13-1",
            meirinnsyn_considered=True,
            reasoning="Namnet på søkjaren er teke bort.",
            redacted_file=upload(),
        )
    assert str(decided.redacted_file.name).endswith("-kopi.pdf")
    body = only_mail_to(REQUESTER).body
    basis = heimlar.BY_KEY["13-1"]
    for expected in (str(basis.citation), str(basis.meaning), "Namnet på søkjaren er teke bort."):
        assert nn(expected) in body
    assert nn("How to appeal") in body and "Statsforvaltaren" in body
    links = LINK.findall(body)
    assert len(links) == 1  # the copy, never the stored original
    content = client.get(links[0]).getvalue()
    assert content == upload().read()


def test_a_refusal_cites_the_basis_in_words_says_meirinnsyn_was_considered_and_how_to_appeal(
    journal: dict[str, Journalpost], handler: Any, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-exempt"]])
    with django_capture_on_commit_callbacks(execute=True):
        decide(part, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    letter = only_mail_to(REQUESTER)
    assert "2025/18" in letter.subject
    body = letter.body
    assert nn("Freedom of Information Act (offentleglova) § 14 first paragraph") in body
    assert nn("The document was written for our own internal preparation of the case.") in body
    assert "offentleglova § 11" in body  # meirinnsyn considered
    assert "offentleglova § 32" in body and "Statsforvaltaren" in body
    assert nn("You can appeal against the refusal within three weeks from the day you got this letter.") in body
    # Only the public title: the sensitive one never reaches the requester.
    assert "Sak etter barnevernlova" in body
    assert "Omsorgsovertaking" not in body and "Hemmelegsen" not in body
    assert not LINK.findall(body)


def test_refusing_needs_a_legal_basis_and_meirinnsyn(journal: dict[str, Journalpost], handler: Any) -> None:
    (part,) = request_parts([journal["jp-exempt"]])
    with pytest.raises(ValidationError) as missing:
        decide(part, handler, InnsynskravStatus.AVSLATT)
    assert set(missing.value.message_dict) == {"basis", "meirinnsyn_considered"}
    with pytest.raises(ValidationError) as unknown:
        decide(part, handler, InnsynskravStatus.AVSLATT, basis="99", meirinnsyn_considered=True)
    assert set(unknown.value.message_dict) == {"basis"}
    with pytest.raises(ValidationError) as no_copy:
        decide(part, handler, InnsynskravStatus.DELVIS, basis="14", meirinnsyn_considered=True)
    assert set(no_copy.value.message_dict) == {"redacted_file"}
    part.refresh_from_db()
    assert part.status == InnsynskravStatus.NY and not mail.outbox


def test_a_grant_of_an_entry_without_files_needs_the_document_uploaded(
    journal: dict[str, Journalpost], handler: Any, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    (part,) = request_parts([journal["jp-exempt"]])  # the archive sent no file for it
    with pytest.raises(ValidationError) as missing:
        decide(part, handler, InnsynskravStatus.INNVILGA)
    assert set(missing.value.message_dict) == {"redacted_file"}
    with django_capture_on_commit_callbacks(execute=True):
        decide(part, handler, InnsynskravStatus.INNVILGA, redacted_file=upload("brev.pdf"))
    (link,) = LINK.findall(only_mail_to(REQUESTER).body)
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("kopi.exe", b"MZ\x90\x00", "type"),
        ("kopi.pdf", b"<html>not a pdf</html>", "magic"),
        ("kopi.pdf", b"", "empty"),
    ],
)
def test_an_uploaded_copy_must_be_a_real_document(
    journal: dict[str, Journalpost], handler: Any, name: str, data: bytes, code: str
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    with pytest.raises(ValidationError) as error:
        decide(
            part,
            handler,
            InnsynskravStatus.DELVIS,
            basis="13-1",
            meirinnsyn_considered=True,
            redacted_file=SimpleUploadedFile(name, data),
        )
    assert set(error.value.message_dict) == {"redacted_file"}
    assert InnsynskravDel.objects.get(pk=part.pk).status == InnsynskravStatus.NY


def test_a_redacted_copy_that_still_holds_a_fodselsnummer_is_refused(
    journal: dict[str, Journalpost], handler: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    leaky = upload(data=pdf_of("Tilstandsrapport", f"Søkjar: {FNR}"))
    with pytest.raises(ValidationError) as error:
        decide(part, handler, InnsynskravStatus.DELVIS, basis="26", meirinnsyn_considered=True, redacted_file=leaky)
    assert error.value.message_dict["redacted_file"] == [
        gettext("The copy still holds a national identity number. Black it out and upload the copy again.")
    ]


def test_a_handler_of_another_service_area_may_not_decide(
    journal: dict[str, Journalpost], site_tree: Any, user_with_role: Any
) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    outsider = user_with_role(Role.KOMMUNALSJEF, site_tree.area_b)
    employee = user_with_role(Role.TILSETT)
    for user in (outsider, employee):
        with pytest.raises(PermissionDenied):
            decide(part, user, InnsynskravStatus.INNVILGA)
    assert InnsynskravDel.objects.get(pk=part.pk).status == InnsynskravStatus.NY


def test_a_municipality_wide_role_decides_entries_of_any_area_and_those_with_none(
    journal: dict[str, Journalpost], user_with_role: Any
) -> None:
    chief = user_with_role(Role.KOMMUNIKASJONSSJEF)
    bridge, no_area = request_parts([journal["jp-bridge"], journal["jp-recent-person"]])
    assert no_area.journalpost.service_area_id is None
    decide(bridge, chief, InnsynskravStatus.INNVILGA)
    decide(no_area, chief, InnsynskravStatus.AVSLATT, basis="13-1", meirinnsyn_considered=True)
    assert InnsynskravDel.objects.decided().count() == 2


def test_a_part_is_decided_once_and_only_after_verification(journal: dict[str, Journalpost], handler: Any) -> None:
    (part,) = request_parts([journal["jp-bridge"]])
    decide(part, handler, InnsynskravStatus.INNVILGA)
    with pytest.raises(ValidationError):
        decide(part, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    (unverified,) = request_parts([journal["jp-bridge"]], email="other@example.no", verify=False)
    with pytest.raises(ValidationError):
        decide(unverified, handler, InnsynskravStatus.INNVILGA)


def test_every_decision_is_in_the_audit_log(journal: dict[str, Journalpost], handler: Any) -> None:
    (part,) = request_parts([journal["jp-exempt"]])
    decide(part, handler, InnsynskravStatus.AVSLATT, basis="13-1", meirinnsyn_considered=True, reasoning="Teieplikt.")
    entry = ModelLogEntry.objects.get(action="torg.innsyn.request_decided", object_id=str(part.pk))
    assert entry.user_id == handler.pk
    assert entry.data == {"decision": "avslatt", "basis": "13-1", "meirinnsyn_considered": True, "copy": False}


def test_every_part_of_a_request_is_answered_in_its_own_letter(
    journal: dict[str, Journalpost], handler: Any, django_capture_on_commit_callbacks: Any
) -> None:
    bridge, exempt = request_parts([journal["jp-bridge"], journal["jp-exempt"]])
    with django_capture_on_commit_callbacks(execute=True):
        decide(bridge, handler, InnsynskravStatus.INNVILGA)
        decide(exempt, handler, InnsynskravStatus.AVSLATT, basis="13-1", meirinnsyn_considered=True)
    subjects = sorted(m.subject for m in mail.outbox if REQUESTER in m.to)
    assert len(subjects) == 2
    assert any("2025/19" in s for s in subjects) and any("2025/18" in s for s in subjects)


def test_a_signed_link_serves_nothing_the_decision_did_not_grant(
    journal: dict[str, Journalpost], handler: Any, client: Client
) -> None:
    from torg.innsyn.handling.downloads import PATH, make_token

    refused, partial = request_parts([journal["jp-bridge"]]) + request_parts(
        [journal["jp-bridge"]], email="b@example.no"
    )
    decide(refused, handler, InnsynskravStatus.AVSLATT, basis="14", meirinnsyn_considered=True)
    decide(partial, handler, InnsynskravStatus.DELVIS, basis="14", meirinnsyn_considered=True, redacted_file=upload())
    report = documents(journal["jp-bridge"])[0]
    assert client.get(f"{PATH}{make_token(refused, report.pk)}/").status_code == 404
    assert client.get(f"{PATH}{make_token(partial, report.pk)}/").status_code == 404  # the original, not the copy
    assert client.get(f"{PATH}{make_token(partial, 0)}/").status_code == 200


def test_a_confirmed_request_is_announced_to_each_areas_inbox_once_without_the_requester(
    journal: dict[str, Journalpost], site_tree: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from torg.core.queries import municipality

    site_tree.area_a.email = "plan@kommune.example"
    site_tree.area_a.save(update_fields=["email"])
    settings_row = municipality()
    settings_row.email = "post@kommune.example"
    settings_row.save()
    Journalpost.objects.filter(pk=journal["jp-recent-person"].pk).update(service_area=None)
    entries = [journal["jp-bridge"], journal["jp-exempt"], journal["jp-recent-person"]]
    _krav, token = submit_request(email=REQUESTER, entry_ids=[e.pk for e in entries])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verify_request(token=token)
    area_mail = only_mail_to("plan@kommune.example")
    assert area_mail.body.count("/admin/innsyn/") == 2  # both of area A's entries in one e-mail
    assert "2025/19" in area_mail.body and "Omsorgsovertaking" not in area_mail.body
    assert only_mail_to("post@kommune.example").body.count("/admin/innsyn/") == 1  # the entry with no area
    assert all(REQUESTER not in m.body and REQUESTER not in m.to for m in mail.outbox if m.to != [REQUESTER])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        verify_request(token=token)
    assert not mail.outbox


def test_parts_decided_together_are_answered_in_one_letter_that_mi_sak_shows_for_each(
    journal: dict[str, Journalpost], handler: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from torg.innsyn.handling.actions import decide_parts
    from torg.minsak.sources.innsyn import decision_letters

    bridge, exempt = request_parts([journal["jp-bridge"], journal["jp-exempt"]])
    with pytest.raises(ValidationError) as error:
        decide_parts(
            actor=handler,
            parts=[bridge, exempt],
            decision=InnsynskravStatus.DELVIS,
            basis="13-1",
            meirinnsyn_considered=True,
            reasoning="",
            redacted_file=upload(),
        )
    assert "also" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        decided = decide_parts(
            actor=handler,
            parts=[bridge, exempt],
            decision=InnsynskravStatus.AVSLATT,
            basis="14",
            meirinnsyn_considered=True,
            reasoning="Interne dokument.",
        )
    assert {p.status for p in decided} == {InnsynskravStatus.AVSLATT}
    letter = only_mail_to(REQUESTER)
    assert "2025/19" in letter.body and "2025/18" in letter.body
    assert letter.body.count("/innsyn/klage/") == 2  # an appeal link for each entry
    assert letter.body.count("offentleglova § 11") == 1  # the shared paragraphs once
    assert "Omsorgsovertaking" not in letter.body
    for part in (bridge, exempt):
        part.refresh_from_db()
    assert decision_letters([bridge, exempt]) == {bridge.pk: letter.body, exempt.pk: letter.body}


def test_a_grant_of_several_parts_stops_at_one_without_files_and_names_it(
    journal: dict[str, Journalpost], handler: Any
) -> None:
    from torg.innsyn.handling.actions import decide_parts

    bridge, person = request_parts([journal["jp-bridge"], journal["jp-recent-person"]])
    Journalpost.objects.filter(pk=journal["jp-recent-person"].pk).update(service_area=journal["jp-bridge"].service_area)
    person.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        decide_parts(
            actor=handler,
            parts=[bridge, person],
            decision=InnsynskravStatus.INNVILGA,
            basis="",
            meirinnsyn_considered=False,
            reasoning="",
        )
    assert "2025/20" in str(error.value.message_dict["also"])
    bridge.refresh_from_db()
    assert bridge.status == InnsynskravStatus.NY  # nothing was decided
