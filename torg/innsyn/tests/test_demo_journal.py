"""The demo's public journal goes in through the real importer, and screening holds over it."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.demo.content.areas import AREAS
from torg.demo.innsyn import FNR_1, FNR_2, PERSONS, JournalSummary, make_journal
from torg.innsyn import screening
from torg.innsyn.models import (
    Dokumentbeskrivelse,
    ImportRun,
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Saksmappe,
    TextBlock,
)

pytestmark = pytest.mark.django_db

NUMBERS = (FNR_1, FNR_2, f"{FNR_2[:6]} {FNR_2[6:]}")


@pytest.fixture
def admin(django_user_model: type[AbstractBaseUser]) -> AbstractBaseUser:
    return django_user_model.objects.create_superuser("admin", "admin@fjordvik.example", "demo-password-1")  # type: ignore[attr-defined]


@pytest.fixture
def journal(settings: pytest.FixtureRequest, tmp_path: Path, admin: AbstractBaseUser) -> JournalSummary:
    settings.TORG_PRIVATE_MEDIA_ROOT = tmp_path / "private"  # type: ignore[attr-defined]
    for order, area in enumerate(AREAS):
        ServiceArea.objects.create(name=area["name"], slug=area["slug"], sort_order=order)
    return make_journal()


def test_demo_journal_is_a_few_hundred_entries_of_the_last_months_in_every_service_area(
    journal: JournalSummary,
) -> None:
    run = ImportRun.objects.get()
    assert run.format == "noark5-arkivstruktur"  # the real import path, from a Noark 5 file
    assert 200 <= journal.entries == run.created == Journalpost.objects.count() <= 400
    assert journal.cases == Saksmappe.objects.count() >= 60
    today = timezone.localdate()
    dates = set(Journalpost.objects.values_list("journaldato", flat=True))
    assert min(dates) >= today - dt.timedelta(days=120) and max(dates) < today
    assert not Journalpost.objects.filter(service_area=None).exists()
    assert set(Journalpost.objects.values_list("service_area__slug", flat=True)) == {a["slug"] for a in AREAS}
    types = set(Journalpost.objects.values_list("journalposttype", flat=True))
    assert {Journalposttype.INNGAAANDE, Journalposttype.UTGAAANDE, Journalposttype.SAKSFRAMLEGG} <= types
    assert {Journalposttype.NOTAT, Journalposttype.NOTAT_OPPFOLGING} <= types
    exempted = Journalpost.objects.exclude(skjermingshjemmel="")
    assert exempted.count() == journal.exempted >= 40
    assert exempted.filter(skjermingshjemmel__startswith="Offl. § 13").exists()


def test_demo_documents_have_text_and_two_are_held_back_for_an_identity_number(journal: JournalSummary) -> None:
    assert (journal.documents, journal.blocked) == (8, 2)
    documents = Dokumentbeskrivelse.objects.exclude(file="")
    assert documents.count() == 8
    assert {Path(str(d.file.name)).suffix for d in documents} == {".pdf", ".docx", ".odt", ".txt"}
    public = [d for d in documents if d.text_is_public]
    assert len(public) == 5
    assert all(d.extracted_text for d in public)
    held = documents.filter(text_blocked_reason=TextBlock.FODSELSNUMMER)
    assert held.count() == 2 and not any(d.text_is_public for d in held)
    assert documents.filter(text_blocked_reason=TextBlock.EXEMPTED).count() == 1


def test_no_private_persons_name_or_identity_number_reaches_a_public_field(journal: JournalSummary) -> None:
    persons_as_parties = set(Korrespondansepart.objects.filter(is_person=True).values_list("namn", flat=True))
    assert persons_as_parties and persons_as_parties <= set(PERSONS)
    for name in PERSONS:
        assert not Journalpost.objects.filter(offentlig_tittel__icontains=name).exists(), name
        assert not Saksmappe.objects.filter(offentlig_tittel__icontains=name).exists(), name
        assert not Dokumentbeskrivelse.objects.filter(offentlig_tittel__icontains=name).exists(), name
        exempted = Journalpost.objects.exclude(skjermingshjemmel="")
        assert not exempted.filter(parts_public__icontains=name).exists(), name
        assert not exempted.filter(search_text__icontains=name.casefold()).exists(), name
    assert Journalpost.objects.filter(offentlig_tittel__contains=screening.NAME_PLACEHOLDER).exists()
    assert not Korrespondansepart.objects.filter(journalpost__tilgangsrestriksjon__gt="", is_person=True).exclude(
        offentleg_namn=screening.NAME_PLACEHOLDER
    )
    public_values = [
        value
        for row in Journalpost.objects.values_list("offentlig_tittel", "parts_public", "search_text")
        for value in row
    ]
    public_values += list(Korrespondansepart.objects.values_list("offentleg_namn", flat=True))
    public_values += list(Dokumentbeskrivelse.objects.values_list("offentlig_tittel", flat=True))
    assert not [value for value in public_values if screening.find_fodselsnummer(value)]


def test_public_pages_show_the_published_text_and_hide_names_and_identity_numbers(
    journal: JournalSummary, client: Client
) -> None:
    for entry in Journalpost.objects.exclude(skjermingshjemmel=""):
        page = client.get(reverse("innsyn:entry", args=[entry.pk])).content.decode()
        assert screening.NAME_PLACEHOLDER in page or "[namn]" in page or entry.parter.filter(is_person=False).exists()
        assert not [name for name in PERSONS if name in page], entry.system_id
    for doc in Dokumentbeskrivelse.objects.exclude(file=""):
        response = client.get(reverse("innsyn:document_html", args=[doc.pk]))
        entry_page = client.get(reverse("innsyn:entry", args=[doc.journalpost_id])).content.decode()
        assert not [number for number in NUMBERS if number in entry_page]
        if doc.text_is_public:
            assert response.status_code == 200
            first_paragraph = doc.extracted_text.split("\n")[0]
            assert first_paragraph in response.content.decode()
        else:
            assert response.status_code == 404
            assert client.get(reverse("innsyn:document", args=[doc.pk])).status_code == 404
