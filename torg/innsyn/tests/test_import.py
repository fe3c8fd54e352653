import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from torg.core.models import ServiceArea
from torg.innsyn.actions import ImportRejected, import_journal
from torg.innsyn.models import (
    Dokumentbeskrivelse,
    ImportRun,
    ImportStatus,
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Parttype,
    Saksmappe,
)

# The project's shared reference files: beside the checkout (../shared), else where the machines keep them.
REFERENCE = next(
    (
        path
        for path in (Path(__file__).resolve().parents[4] / "shared" / "reference", Path("/work/shared/reference"))
        if path.is_dir()
    ),
    Path("/work/shared/reference"),
)
NOARK = REFERENCE / "noark5" / "samples"
ARKADE = NOARK / "arkade5-Noark5Archive"
LEGACY = REFERENCE / "einnsyn" / "legacy-difi-datamodell" / "samples"

pytestmark = pytest.mark.django_db


def test_arkivstruktur_sample_is_imported_with_types_parties_and_documents() -> None:
    run = import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
    assert (run.format, run.status, run.created, run.cases_created) == ("noark5-arkivstruktur", ImportStatus.DONE, 4, 2)
    entry = Journalpost.objects.get(system_id="dbf32e5e-f6a2-4366-8ffa-5adb9ea54328")
    assert entry.saksmappe.saksnummer == "2011/1"
    assert entry.journalposttype == Journalposttype.INNGAAANDE
    assert str(entry.journaldato) == "2011-09-09" and str(entry.dokumentets_dato) == "2011-09-08"
    assert entry.offentlig_tittel == "Søknad om tilbygg i drammensveien"
    part = entry.parter.get()
    assert (part.parttype, part.namn, part.is_person) == (Parttype.MOTTAKAR, "Petter Strand", True)
    document = entry.dokument.get()
    assert document.source_reference == "dokumenter/1c555c2e-7f2f-492c-a770-c7bc18c902c6.pdf"
    assert document.tilknytning == "hovuddokument"


def test_journals_update_the_entries_of_the_arkivstruktur_without_losing_what_they_lack() -> None:
    import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
    run = import_journal(source=ARKADE / "offentligJournal.xml", actor=None)
    assert (run.created, run.updated) == (2, 2)
    run = import_journal(source=ARKADE / "loependeJournal.xml", actor=None)
    assert (run.format, run.created, run.updated) == ("noark5-loependejournal", 0, 4)
    assert Journalpost.objects.count() == 6
    assert Saksmappe.objects.count() == 2  # matched by saksnummer: the journals have no case systemID
    entry = Journalpost.objects.get(system_id="2b962a88-23b2-475e-bce3-a438d9db25db")
    assert entry.journalposttype == Journalposttype.INNGAAANDE  # not in the journals: kept
    assert entry.dokument.count() == 1  # documents are not in the journals: kept
    assert Saksmappe.objects.get(saksnummer="2011/1").status == "Avsluttet"


def test_small_sample_screens_exempted_entry() -> None:
    run = import_journal(source=NOARK / "arkade5-Small-arkivstruktur.xml", actor=None)
    assert run.created == 2
    exempted = Journalpost.objects.get(tilgangsrestriksjon="Klientsaker")
    assert exempted.is_exempted and not exempted.publish_documents
    part = exempted.parter.get()
    assert part.namn == "Alan Turing" and part.offentleg_namn == "[namn]" and part.skjerma
    assert "Alan Turing" not in exempted.search_text and "Alan Turing" not in exempted.parts_public


def test_legacy_einnsyn_sample_imports_case_files_and_skips_meetings() -> None:
    run = import_journal(source=LEGACY / "dki-8249-976819837.xml", actor=None)
    assert (run.created, run.cases_created) == (4, 4)
    assert run.skipped > 0  # the møtemappe and its registrations
    assert set(Journalpost.objects.values_list("journalposttype", flat=True)) == {Journalposttype.SAKSFRAMLEGG}
    assert Dokumentbeskrivelse.objects.filter(tilknytning="vedlegg").exists()


def test_trekk_tilbake_withdraws_entries() -> None:
    import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
    message = (
        b'<trekkTilbake xmlns="http://www.arkivverket.no/standarder/noark5/metamelding" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><registrering xsi:type="journalpost">'
        b"<systemID>dbf32e5e-f6a2-4366-8ffa-5adb9ea54328</systemID></registrering></trekkTilbake>"
    )
    run = import_journal(source=io.BytesIO(message), actor=None)
    assert run.withdrawn == 1
    assert not Journalpost.objects.get(system_id="dbf32e5e-f6a2-4366-8ffa-5adb9ea54328").publish_metadata
    assert import_journal(source=LEGACY / "trekkTilbake.xml", actor=None).format == "einnsyn-trekktilbake"


def test_addml_description_is_rejected_as_wrong_root() -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=ARKADE / "arkivuttrekk.xml", actor=None)
    assert rejected.value.line == 2 or rejected.value.line == 1
    assert "root element is 'addml'" in rejected.value.reason


def einnsyn_item(system_id: str = "jp-1", title: str = "Søknad om byggjeløyve – gnr. 12 bnr. 4") -> dict:
    """A Journalpost shaped as einnsyn.openapi.yml's Journalpost.Journalpost, saksmappe expanded."""
    return {
        "entity": "Journalpost",
        "systemId": system_id,
        "journalaar": 2025,
        "journalsekvensnummer": 17,
        "journalpostnummer": 2,
        "journalposttype": "inngaaende_dokument",
        "journaldato": "2025-03-04",
        "dokumentetsDato": "2025-03-01",
        "offentligTittel": "Søknad om byggjeløyve – [namn]",
        "offentligTittelSensitiv": title + " – Kari Nordmann",
        "skjerming": {"entity": "Skjerming", "tilgangsrestriksjon": "", "skjermingshjemmel": ""},
        "administrativEnhet": "Plan og byggesak",
        "korrespondansepart": [
            {
                "entity": "Korrespondansepart",
                "korrespondanseparttype": "avsender",
                "korrespondansepartNavn": "Kari Nordmann",
                "korrespondansepartNavnSensitiv": "Kari Nordmann",
            }
        ],
        "dokumentbeskrivelse": [
            {
                "entity": "Dokumentbeskrivelse",
                "tittel": "Søknad",
                "tittelSensitiv": "Søknad frå Kari Nordmann",
                "dokumentnummer": 1,
                "tilknyttetRegistreringSom": "hoveddokument",
            }
        ],
        "saksmappe": {
            "entity": "Saksmappe",
            "saksaar": 2025,
            "sakssekvensnummer": 40,
            "saksnummer": "2025/40",
            "offentligTittel": "Byggjesak gnr. 12 bnr. 4",
            "offentligTittelSensitiv": "Byggjesak gnr. 12 bnr. 4",
        },
    }


def test_einnsyn_json_list_and_items_forms_are_imported_with_pairs() -> None:
    area = ServiceArea.objects.create(name="Plan og byggesak", slug="plan")
    run = import_journal(source=io.BytesIO(json.dumps([einnsyn_item()]).encode()), actor=None)
    assert (run.format, run.created) == ("einnsyn-json", 1)
    entry = Journalpost.objects.get(system_id="jp-1")
    assert entry.tittel.endswith("Kari Nordmann")
    assert entry.offentlig_tittel == "Søknad om byggjeløyve – [namn]"
    assert entry.service_area == area
    assert entry.dokument.get().offentlig_tittel == "Søknad"
    saksmappe = {**einnsyn_item()["saksmappe"], "journalpost": [{**einnsyn_item("jp-2"), "journalpostnummer": 3}]}
    del saksmappe["journalpost"][0]["saksmappe"]
    run = import_journal(source=io.BytesIO(json.dumps({"items": [saksmappe], "next": None}).encode()), actor=None)
    assert (run.created, run.cases_created) == (1, 0)
    assert Saksmappe.objects.get().journalposter.count() == 2


def test_reimport_updates_rather_than_duplicates() -> None:
    import_journal(source=io.BytesIO(json.dumps([einnsyn_item()]).encode()), actor=None)
    changed = einnsyn_item()
    changed["offentligTittel"] = "Endra tittel"
    changed["korrespondansepart"][0]["korrespondansepartNavn"] = "Fjordkraft AS"
    changed["korrespondansepart"][0]["korrespondansepartNavnSensitiv"] = "Fjordkraft AS"
    run = import_journal(source=io.BytesIO(json.dumps([changed]).encode()), actor=None)
    assert (run.created, run.updated) == (0, 1)
    entry = Journalpost.objects.get()
    assert entry.offentlig_tittel == "Endra tittel"
    assert list(Korrespondansepart.objects.values_list("namn", flat=True)) == ["Fjordkraft AS"]
    assert Dokumentbeskrivelse.objects.count() == 1 and Saksmappe.objects.count() == 1


def test_json_lines_are_read_too() -> None:
    text = "\n".join(json.dumps(einnsyn_item(f"jp-{n}")) for n in range(3))
    assert import_journal(source=io.BytesIO(text.encode()), actor=None).created == 3


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (
            b"<?xml version='1.0'?>\n<offentligJournal xmlns='http://www.arkivverket.no/standarder/noark5/offentligJournal'>\n<journalhode>\n</offentligJournal>",
            4,
            "not well-formed",
        ),
        (b"<?xml version='1.0'?>\n\n<rss version='2.0'></rss>", 3, "root element is 'rss'"),
        (b'[\n{"entity": "Journalpost",\n "journalaar": 2025,,\n}]', 3, "not valid"),
        (b"this is not a journal", 1, "neither XML nor JSON"),
        (
            b'<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<offentligJournal xmlns="http://www.arkivverket.no/standarder/noark5/offentligJournal"/>',
            1,
            "entities",
        ),
    ],
)
def test_malformed_files_are_rejected_with_line_and_reason(content: bytes, line: int, reason: str) -> None:
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(content), actor=None)
    assert rejected.value.line == line
    assert reason in rejected.value.reason
    run = ImportRun.objects.get()
    assert run.status == ImportStatus.REJECTED and run.errors[0]["line"] == line
    assert not Journalpost.objects.exists()


def test_missing_required_field_is_rejected_and_nothing_is_written() -> None:
    text = (ARKADE / "offentligJournal.xml").read_text(encoding="utf-8-sig")
    broken = text.replace("<journalaar>2012</journalaar>", "", 1)
    line = text[: text.index("<journalaar>2012</journalaar>")].count("\n") + 1
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(broken.encode()), actor=None, batch_size=1)
    assert rejected.value.reason == "journalaar is missing"
    assert rejected.value.line == line - 2  # the <journalpost> that lacks it
    assert not Journalpost.objects.exists()  # the entries before it were rolled back too


def test_json_missing_required_field_names_the_item_line() -> None:
    item = einnsyn_item()
    del item["journaldato"]
    content = "[\n" + json.dumps(einnsyn_item("jp-ok")) + ",\n" + json.dumps(item) + "\n]"
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(content.encode()), actor=None)
    assert (rejected.value.line, rejected.value.reason) == (3, "journaldato is missing")


def test_progress_is_reported_in_entries_and_bytes() -> None:
    calls: list[tuple[int, int, int | None]] = []
    content = json.dumps([einnsyn_item(f"jp-{n}") for n in range(5)]).encode()
    import_journal(source=io.BytesIO(content), actor=None, batch_size=2, progress=lambda *a: calls.append(a))
    assert calls[-1] == (5, len(content), len(content))
    assert [c[0] for c in calls][:2] == [2, 4]


def test_command_prints_a_summary_and_rejects_with_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("import_journal", str(ARKADE / "offentligJournal.xml"))
    captured = capsys.readouterr()
    assert "4 entries" in captured.out and "4 created" in captured.out
    assert "100%" in captured.err
    bad = tmp_path / "bad.json"
    bad.write_text('[{"entity": "Journalpost"\n,,]')
    with pytest.raises(CommandError, match="line 2"):
        call_command("import_journal", str(bad))
