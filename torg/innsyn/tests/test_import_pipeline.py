"""The importer's fast path: the lxml reader, the reader thread, bulk writes, and telling the search index."""

import gc
import io
import json
import logging
import re
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from torg.innsyn.actions import ImportRejected, import_journal
from torg.innsyn.importers import pipeline
from torg.innsyn.models import ImportRun, ImportStatus, Journalpost, Korrespondansepart, Saksmappe

from .test_import import ARKADE

pytestmark = pytest.mark.django_db

NS = "http://www.arkivverket.no/standarder/noark5/offentligJournal"


def registrering(number: int, *, journalaar: str = "2025", title: str = "Søknad om løyve") -> str:
    return (
        f"<journalregistrering><saksmappe><saksaar>2025</saksaar><sakssekvensnummer>{number % 7 + 1}"
        f"</sakssekvensnummer><offentligTittel>Sak {number % 7}</offentligTittel></saksmappe>\n"
        f"<journalpost><systemID>jp-{number}</systemID><journalaar>{journalaar}</journalaar>"
        f"<journalsekvensnummer>{number}</journalsekvensnummer><journalpostnummer>{number}</journalpostnummer>"
        f"<journalposttype>Inngående dokument</journalposttype><offentligTittel>{title} {number}</offentligTittel>"
        "<journaldato>2025-03-04</journaldato><korrespondansepart><korrespondanseparttype>Avsender"
        "</korrespondanseparttype><korrespondansepartNavn>Kari Nordmann</korrespondansepartNavn>"
        "</korrespondansepart></journalpost></journalregistrering>\n"
    )


def journal(count: int, *, broken_at: int | None = None, padding: int = 0) -> bytes:
    lines = [f'<?xml version="1.0" encoding="UTF-8"?>\n<offentligJournal xmlns="{NS}">\n', "\n" * padding]
    for number in range(1, count + 1):
        lines.append(registrering(number, journalaar="tjuetjuefem" if number == broken_at else "2025"))
    lines.append("</offentligJournal>\n")
    return "".join(lines).encode()


def line_of(content: bytes, needle: str) -> int:
    return content[: content.index(needle.encode())].count(b"\n") + 1


def test_many_batches_with_and_without_the_reader_thread_store_the_same_journal() -> None:
    content = journal(250)
    stored = []
    for read_ahead in (True, False):
        run = import_journal(source=io.BytesIO(content), actor=None, batch_size=40, read_ahead=read_ahead)
        stored.append(
            (
                run.created + run.updated,
                list(
                    Journalpost.objects.order_by("system_id").values_list(
                        "system_id", "offentlig_tittel", "saksmappe__saksnummer"
                    )
                ),
                Korrespondansepart.objects.count(),
                Saksmappe.objects.count(),
            )
        )
        assert (run.created, run.updated) == ((250, 0) if read_ahead else (0, 250))
    assert stored[0] == stored[1]
    assert stored[0][2] == 250 and stored[0][3] == 7
    assert Journalpost.objects.get(system_id="jp-3").offentlig_tittel == "Søknad om løyve 3"


def test_switching_between_reading_ahead_and_in_turn_keeps_every_batch_in_file_order(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pipeline, "TRIAL_BATCHES", 1)  # decide after every batch or two: many switches
    monkeypatch.setattr(pipeline, "KEEP_BATCHES", 2)
    caplog.set_level(logging.DEBUG, logger="torg.innsyn.importers.pipeline")
    content = journal(400)
    run = import_journal(source=io.BytesIO(content), actor=None, batch_size=7)
    assert (run.created, run.entries) == (400, 400)
    assert sorted(Journalpost.objects.values_list("journalsekvensnummer", flat=True)) == list(range(1, 401))
    threaded, in_turn = map(int, re.findall(r"(\d+) batches read ahead in a thread, (\d+) in turn", caplog.text)[0])
    assert threaded > 0 and in_turn > 0  # both ways were used
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(journal(400, broken_at=390)), actor=None, batch_size=7)
    assert rejected.value.reason == "journalaar is not a whole number: 'tjuetjuefem'"
    assert Journalpost.objects.count() == 400  # the second file changed nothing


def test_a_bad_record_late_in_the_file_rejects_it_with_its_line_after_batches_were_written() -> None:
    content = journal(300, broken_at=280)
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(content), actor=None, batch_size=25)
    assert rejected.value.reason == "journalaar is not a whole number: 'tjuetjuefem'"
    assert rejected.value.line == line_of(content, "<journalpost><systemID>jp-280<")
    assert not Journalpost.objects.exists() and not Saksmappe.objects.exists()  # the earlier batches rolled back
    assert ImportRun.objects.get().status == ImportStatus.REJECTED


def test_lines_past_65535_are_named_right() -> None:
    content = journal(3, broken_at=2, padding=70_000)
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(content), actor=None)
    assert rejected.value.line == line_of(content, "<journalpost><systemID>jp-2<") > 70_000


def test_external_entities_are_refused_and_an_external_dtd_is_never_read(tmp_path: Any) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hemmeleg")
    declared = (
        f'<?xml version="1.0"?>\n<!DOCTYPE offentligJournal [<!ENTITY e SYSTEM "file://{secret}">]>\n'
        f'<offentligJournal xmlns="{NS}">{registrering(1, title="&e;")}</offentligJournal>'
    ).encode()
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(declared), actor=None)
    assert (rejected.value.line, rejected.value.reason) == (
        2,
        "the file declares XML entities, which Torg does not read",
    )
    dtd = tmp_path / "journal.dtd"
    dtd.write_text('<!ENTITY tittel "frå DTD-en">')
    external = (
        f'<?xml version="1.0"?>\n<!DOCTYPE offentligJournal SYSTEM "file://{dtd}">\n'
        f'<offentligJournal xmlns="{NS}">{registrering(1, title="&tittel;")}</offentligJournal>'
    ).encode()
    with pytest.raises(ImportRejected) as rejected:
        import_journal(source=io.BytesIO(external), actor=None)
    assert rejected.value.reason == "the XML is not well-formed: Entity 'tittel' not defined"
    assert not Journalpost.objects.exists()


def test_new_entries_never_take_the_id_of_a_deleted_one() -> None:
    import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
    newest = Journalpost.objects.order_by("-pk").first()
    assert newest is not None
    deleted = newest.pk
    newest.delete()
    import_journal(source=io.BytesIO(journal(2)), actor=None)
    assert Journalpost.objects.filter(system_id__startswith="jp-", pk__lte=deleted).count() == 0
    assert Journalpost.objects.count() == 5


def test_the_import_puts_back_the_connections_cache_the_thread_switch_interval_and_the_collector() -> None:
    def cache_size() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return int(cursor.fetchone()[0])

    def state() -> tuple[int | None, float, bool]:
        return (cache_size() if connection.vendor == "sqlite" else None, sys.getswitchinterval(), gc.isenabled())

    before = state()
    assert before[2]
    import_journal(source=io.BytesIO(journal(5)), actor=None)
    with pytest.raises(ImportRejected):
        import_journal(source=io.BytesIO(journal(5, broken_at=4)), actor=None, batch_size=1)
    assert state() == before
    gc.disable()  # a process that runs without the cycle collector keeps it off
    try:
        import_journal(source=io.BytesIO(journal(5)), actor=None, read_ahead=False)
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert not [t for t in threading.enumerate() if t.name == "torg-journal-reader"]


@contextmanager
def bulk_recorder() -> Iterator[tuple[list[list[dict[str, Any]]], str]]:
    """A local HTTP server answering OpenSearch's _bulk, keeping what it was sent."""
    received: list[list[dict[str, Any]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            received.append([json.loads(line) for line in raw.splitlines() if line.strip()])
            data = b'{"errors": false, "items": []}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        yield received, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_search_index_outside_the_database_is_sent_the_entries_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with (
        bulk_recorder() as (received, url),
        override_settings(
            TORG_INNSYN_SEARCH={
                "BACKEND": "torg.innsyn.search_backends.opensearch",
                "URL": url,
                "INDEX": "journal-import-test",
                "TIMEOUT": 5,
                "MAX_RESULTS": 1000,
            }
        ),
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            import_journal(source=ARKADE / "arkivstruktur.xml", actor=None)
        assert not received  # nothing before the commit
        for callback in callbacks:
            callback()
        withdrawal = (
            b'<trekkTilbake xmlns="http://www.arkivverket.no/standarder/noark5/metamelding" '
            b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><registrering xsi:type="journalpost">'
            b"<systemID>dbf32e5e-f6a2-4366-8ffa-5adb9ea54328</systemID></registrering></trekkTilbake>"
        )
        with django_capture_on_commit_callbacks(execute=True):
            import_journal(source=io.BytesIO(withdrawal), actor=None)
    sent = [next(iter(line.values()))["_id"] for body in received[:1] for line in body if len(line) == 1]
    assert sorted(sent) == sorted(str(pk) for pk in Journalpost.objects.values_list("pk", flat=True))
    withdrawn = Journalpost.objects.get(system_id="dbf32e5e-f6a2-4366-8ffa-5adb9ea54328")
    action, document = received[-1]
    assert action == {"index": {"_index": "journal-import-test", "_id": str(withdrawn.pk)}}
    assert document["publish_metadata"] is False  # the index learns of the withdrawal


def test_an_import_stands_when_the_search_service_does_not_answer(
    django_capture_on_commit_callbacks: Any, caplog: pytest.LogCaptureFixture
) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    search = {"BACKEND": "torg.innsyn.search_backends.opensearch", "URL": f"http://127.0.0.1:{port}", "TIMEOUT": 2}
    with override_settings(TORG_INNSYN_SEARCH=search), django_capture_on_commit_callbacks(execute=True):
        run = import_journal(source=io.BytesIO(journal(3)), actor=None)
    run.refresh_from_db()
    assert (run.status, run.created) == (ImportStatus.DONE, 3)
    assert Journalpost.objects.count() == 3
    assert "entries_changed" in caplog.text
