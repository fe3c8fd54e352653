"""The archive's back office (/admin/innsyn/arkiv/): upload and import a journal with its progress,
see why a file was rejected, and read and clear document texts held back for a national identity number."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.models import ModelLogEntry

from torg.core.roles import Role
from torg.innsyn.actions import attach_document
from torg.innsyn.models import Dokumentbeskrivelse, ImportRun, ImportStatus, Journalpost, TextBlock, private_storage
from torg.innsyn.tasks import progress_key

from .journal_data import FNR, build_journal, documents
from .test_extract import docx
from .test_import import ARKADE

pytestmark = pytest.mark.django_db

ARCHIVE = "/admin/innsyn/arkiv/"


@pytest.fixture(autouse=True)
def _private_files(settings: Any, tmp_path: Any) -> None:
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def archivist(django_user_model: Any, site_tree: Any) -> Any:
    """A staff member whose group may import the journal and clear texts (no handler role)."""
    user = django_user_model.objects.create_user("arkivar", "arkiv@kommune.example", "arkiv-passord-1")
    for codename in ("import_journal", "change_dokumentbeskrivelse", "access_admin"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def archive(archivist: Any, admin_client_for: Any) -> Client:
    client: Client = admin_client_for(archivist)
    return client


def html(response: Any) -> str:
    return str(response.content.decode())


def upload(client: Client, name: str, data: bytes, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(f"{ARCHIVE}last-opp/", {"file": SimpleUploadedFile(name, data)})


def test_an_uploaded_journal_is_imported_in_the_background_and_the_upload_deleted(
    archive: Client, archivist: Any, django_capture_on_commit_callbacks: Any
) -> None:
    data = (ARKADE / "offentligJournal.xml").read_bytes()
    response = upload(archive, "offentligJournal.xml", data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert (run.status, run.actor, run.source, run.bytes_total) == (
        ImportStatus.DONE,
        archivist,
        "offentligJournal.xml",
        len(data),
    )
    assert run.created > 0 and Journalpost.objects.count() == run.created
    assert not list(Path(private_storage().path("innsyn/import")).glob("*"))  # the raw journal is not kept
    page = html(archive.get(ARCHIVE))
    assert "offentligJournal.xml" in page and f">{run.created}<" in page
    assert ModelLogEntry.objects.filter(action="torg.innsyn.imported").exists()

    # The same file again updates, and creates nothing.
    upload(archive, "offentligJournal.xml", data, django_capture_on_commit_callbacks)
    again = ImportRun.objects.order_by("-pk").first()
    assert again is not None and (again.created, again.updated) == (0, run.created)


def test_a_malformed_file_is_rejected_with_its_line_and_reason(
    archive: Client, django_capture_on_commit_callbacks: Any
) -> None:
    broken = b"<?xml version='1.0'?>\n<offentligJournal xmlns='http://www.arkivverket.no/standarder/noark5/offentligJournal'>\n<journalhode>\n</offentligJournal>"
    upload(archive, "feil.xml", broken, django_capture_on_commit_callbacks)
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REJECTED and run.errors[0]["line"]
    page = html(archive.get(ARCHIVE))
    assert str(run.errors[0]["reason"]) in page.replace("&#x27;", "'").replace("&quot;", '"')


def test_only_xml_and_json_are_taken_and_only_by_the_archive(
    archive: Client, site_tree: Any, user_with_role: Any, admin_client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    wrong = upload(archive, "journal.pdf", b"%PDF-1.4", django_capture_on_commit_callbacks)
    assert wrong.status_code == 400 and not ImportRun.objects.exists()
    handler = admin_client_for(user_with_role(Role.TENESTELEIAR, site_tree.area_a))
    assert handler.get(ARCHIVE).status_code == 403
    assert handler.post(f"{ARCHIVE}last-opp/", {"file": SimpleUploadedFile("j.xml", b"<x/>")}).status_code in (403, 405)
    assert not ImportRun.objects.exists()


def test_a_running_import_shows_its_progress(archive: Client) -> None:
    run = ImportRun.objects.create(source="stor.xml", bytes_total=1000, status=ImportStatus.RUNNING)
    cache.set(progress_key(run.pk), {"entries": 1234, "bytes": 250}, 60)
    page = html(archive.get(ARCHIVE))
    assert 'value="25"' in page and "archive-progress.js" in page
    data = archive.get(f"{ARCHIVE}framdrift/").json()
    assert data["runs"][0] == {
        "id": run.pk,
        "status": "running",
        "entries": 1234,
        "bytes": 250,
        "total": 1000,
        "percent": 25,
    }
    cache.delete(progress_key(run.pk))


def test_a_held_back_text_is_read_with_its_number_marked_then_cleared(
    archive: Client, archivist: Any, admin_user: Any
) -> None:
    entries = build_journal(timezone.localdate())
    doc = documents(entries["jp-bridge"])[0]
    attach_document(dokument=doc, name="brev.docx", data=docx(["Brev om brua.", f"Nummer: {FNR}"]), actor=admin_user)
    doc.refresh_from_db()
    assert doc.text_blocked_reason == TextBlock.FODSELSNUMMER and doc.cleared_at is None

    listed = html(archive.get(ARCHIVE))
    assert f"{ARCHIVE}tekst/{doc.pk}/" in listed and FNR not in listed  # the list shows no text
    page = html(archive.get(f"{ARCHIVE}tekst/{doc.pk}/"))
    assert f"<mark>{FNR}</mark>" in page
    assert ModelLogEntry.objects.filter(action="torg.personal_data.viewed", object_id=str(doc.pk)).exists()

    assert archive.post(f"{ARCHIVE}tekst/{doc.pk}/").status_code == 302
    doc.refresh_from_db()
    assert doc.cleared_at is not None and doc.cleared_by == archivist
    assert f"{ARCHIVE}tekst/{doc.pk}/" not in html(archive.get(ARCHIVE))
    assert archive.get(f"{ARCHIVE}tekst/{doc.pk}/").status_code == 404
    assert Dokumentbeskrivelse.objects.get(pk=doc.pk).text_is_public
