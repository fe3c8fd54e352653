"""The OpenSearch backend against a small local HTTP server that answers the calls it makes.

No OpenSearch or Elasticsearch server can be installed here: the server below implements
index create/delete, ``_bulk``, ``_count``, ``_refresh`` and ``_search`` with the subset of the
query language the backend sends (bool, multi_match phrase/phrase_prefix with boosts, term,
terms, range, exists; sort, size, ``_source: false``), analysing text as the index mapping
says (pattern tokenizer on non-letters/digits, lower case). Anything else is answered with
400, so a query the server does not know fails the test.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from torg.core.models import ServiceArea
from torg.innsyn import search_index
from torg.innsyn.models import Journalpost
from torg.innsyn.search import search_entries
from torg.innsyn.search_backends import get_backend, search_settings

from .journal_data import FNR, HIDDEN_PERSON, PERSON, SECRET_WORD, SENSITIVE_TITLE, build_journal, documents

pytestmark = pytest.mark.django_db


class Unsupported(Exception):
    pass


def _words(text: Any) -> list[str]:
    return re.findall(r"[^\W_]+", str(text or "").lower())


class FakeOpenSearch:
    def __init__(self) -> None:
        self.indices: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, Any]] = []
        self.auth: str | None = None

    # --- queries ---------------------------------------------------------------------
    def _phrase(self, doc_words: list[str], words: list[str], prefix: bool) -> bool:
        n = len(words)
        for i in range(len(doc_words) - n + 1):
            if doc_words[i : i + n - 1] == words[:-1]:
                last = doc_words[i + n - 1]
                if last == words[-1] or (prefix and last.startswith(words[-1])):
                    return True
        return False

    def match(self, query: dict[str, Any], doc: dict[str, Any]) -> tuple[bool, float]:
        ((kind, body),) = query.items()
        if kind == "bool":
            unknown = set(body) - {"must", "filter", "should", "must_not", "minimum_should_match"}
            if unknown:
                raise Unsupported(unknown)
            score = 0.0
            for clause in body.get("must", []):
                ok, part = self.match(clause, doc)
                if not ok:
                    return False, 0.0
                score += part
            for clause in body.get("filter", []):
                if not self.match(clause, doc)[0]:
                    return False, 0.0
            for clause in body.get("must_not", []):
                if self.match(clause, doc)[0]:
                    return False, 0.0
            should = [self.match(clause, doc) for clause in body.get("should", [])]
            if should and sum(ok for ok, _ in should) < body.get("minimum_should_match", 0):
                return False, 0.0
            return True, score + sum(part for ok, part in should if ok)
        if kind == "multi_match":
            if body.get("type") not in ("phrase", "phrase_prefix"):
                raise Unsupported(body)
            words = _words(body["query"])
            best = 0.0
            for spec in body["fields"]:
                name, _, boost = spec.partition("^")
                if self._phrase(_words(doc.get(name)), words, body["type"] == "phrase_prefix"):
                    best = max(best, float(boost or 1))
            return best > 0, best
        if kind == "term":
            ((name, value),) = body.items()
            got = doc.get(name)
            return (value in got if isinstance(got, list) else got == value), 0.0
        if kind == "terms":
            ((name, values),) = body.items()
            got = doc.get(name)
            return (any(v in got for v in values) if isinstance(got, list) else got in values), 0.0
        if kind == "range":
            ((name, bounds),) = body.items()
            got = doc.get(name)
            if got is None or set(bounds) - {"gte", "lte"}:
                return False, 0.0
            return ("gte" not in bounds or got >= bounds["gte"]) and ("lte" not in bounds or got <= bounds["lte"]), 0.0
        if kind == "exists":
            return doc.get(body["field"]) is not None, 0.0
        raise Unsupported(kind)

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        if set(body) - {"size", "_source", "track_total_hits", "query", "sort"}:
            raise Unsupported(body)
        hits = []
        for doc_id, doc in self.indices[index]["docs"].items():
            ok, score = self.match(body["query"], doc)
            if ok:
                hits.append({"_id": doc_id, "_score": score, "doc": doc})
        for spec in reversed(body.get("sort", [])):
            ((name, how),) = spec.items()

            def key(hit: dict[str, Any], name: str = name) -> Any:
                return hit["_score"] if name == "_score" else hit["doc"][name]

            hits.sort(key=key, reverse=how["order"] == "desc")
        shown = [{"_id": h["_id"], "_score": h["_score"]} for h in hits[: body.get("size", 10)]]
        return {"hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": shown}}

    def bulk(self, payload: bytes) -> dict[str, Any]:
        lines = [json.loads(line) for line in payload.decode().splitlines() if line.strip()]
        items = []
        while lines:
            ((action, meta),) = lines.pop(0).items()
            docs = self.indices[meta["_index"]]["docs"]
            if action == "index":
                source = lines.pop(0)
                allowed = set(self.indices[meta["_index"]]["mappings"]["properties"])
                if set(source) - allowed:
                    raise Unsupported(set(source) - allowed)  # the mapping is strict
                docs[meta["_id"]] = source
                items.append({"index": {"_id": meta["_id"], "status": 201}})
            elif action == "delete":
                found = docs.pop(meta["_id"], None)
                items.append({"delete": {"_id": meta["_id"], "status": 200 if found else 404}})
            else:
                raise Unsupported(action)
        return {"errors": False, "items": items}

    # --- HTTP ------------------------------------------------------------------------
    def handle(self, method: str, path: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        parts = [p for p in path.split("?")[0].split("/") if p]
        body: dict[str, Any] = json.loads(raw) if raw and not path.startswith("/_bulk") else {}
        self.requests.append((method, path, body))
        if parts == ["_bulk"] and method == "POST":
            return 200, self.bulk(raw)
        index = parts[0] if parts else ""
        if len(parts) == 1 and method == "PUT":
            if index in self.indices:
                return 400, {"error": {"type": "resource_already_exists_exception"}}
            self.indices[index] = {"mappings": body["mappings"], "settings": body["settings"], "docs": {}}
            return 200, {"acknowledged": True}
        if index not in self.indices:
            return 404, {"error": {"type": "index_not_found_exception"}}
        if len(parts) == 1 and method == "DELETE":
            del self.indices[index]
            return 200, {"acknowledged": True}
        if parts[1:] == ["_search"] and method == "POST":
            return 200, self.search(index, body)
        if parts[1:] == ["_refresh"] and method == "POST":
            return 200, {}
        if parts[1:] == ["_count"] and method == "GET":
            return 200, {"count": len(self.indices[index]["docs"])}
        raise Unsupported(f"{method} {path}")


@pytest.fixture
def opensearch() -> Iterator[tuple[FakeOpenSearch, str]]:
    fake = FakeOpenSearch()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            fake.auth = self.headers.get("Authorization")
            try:
                status, answer = fake.handle(self.command, self.path, raw)
            except Unsupported as error:
                status, answer = 400, {"error": {"type": "parsing_exception", "reason": str(error)}}
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://torg:hemmeleg@127.0.0.1:{server.server_address[1]}"
    try:
        with override_settings(
            TORG_INNSYN_SEARCH={
                "BACKEND": "torg.innsyn.search_backends.opensearch",
                "URL": url,
                "INDEX": "journal-test",
                "TIMEOUT": 5,
                "MAX_RESULTS": 1000,
            }
        ):
            yield fake, url
    finally:
        server.shutdown()
        server.server_close()


def _ids(**kwargs: object) -> list[str]:
    return [e.system_id for e in search_entries(today=timezone.localdate(), **kwargs)]  # type: ignore[arg-type]


def _rebuilt(fake: FakeOpenSearch) -> dict[str, Journalpost]:
    entries = build_journal(timezone.localdate())
    out = io.StringIO()
    call_command("innsyn_search_index", "--rebuild", stdout=out)
    assert "Indexed 4 entries" in out.getvalue()
    return entries


def test_rebuild_creates_the_index_with_its_mapping_and_sends_every_entry(
    opensearch: tuple[FakeOpenSearch, str],
) -> None:
    fake, _url = opensearch
    entries = _rebuilt(fake)
    index = fake.indices["journal-test"]
    assert index["mappings"]["dynamic"] == "strict"
    assert index["settings"]["analysis"]["tokenizer"]["torg_words"]["type"] == "pattern"
    assert fake.auth == "Basic dG9yZzpoZW1tZWxlZw=="  # torg:hemmeleg from the URL
    bridge = index["docs"][str(entries["jp-bridge"].pk)]
    assert bridge["parttypes"] == ["mottakar"]
    assert "rusta" in bridge["body"] and SECRET_WORD not in bridge["body"]
    exempt = index["docs"][str(entries["jp-exempt"].pk)]
    assert exempt["body"] == ""  # the exempted entry's documents are not sent
    sent = json.dumps(index["docs"], ensure_ascii=False)
    for secret in (SECRET_WORD, FNR, HIDDEN_PERSON, SENSITIVE_TITLE):
        assert secret not in sent
    out = io.StringIO()
    call_command("innsyn_search_index", stdout=out)
    assert "indexed: 4" in out.getvalue()


def test_search_words_ranking_and_filters(opensearch: tuple[FakeOpenSearch, str]) -> None:
    fake, _url = opensearch
    entries = _rebuilt(fake)
    today = timezone.localdate()
    assert _ids(q="rekkverk") == ["jp-bridge"]
    assert _ids(q="2025/42") == ["jp-bridge"]
    assert _ids(q="2025/4") == []
    assert _ids(q="brua", types=["U"], party_kind="mottakar") == ["jp-bridge"]
    assert _ids(q="brua", types=["I"]) == []
    assert _ids(q="brua", party_kind="avsendar") == []
    assert _ids(q="byggjeløyve", date_to=today - dt.timedelta(days=100)) == ["jp-old-person"]
    assert _ids(q="byggjeløyve", order="dato") == ["jp-recent-person", "jp-old-person"]
    assert _ids(saksmappe=entries["jp-bridge"].saksmappe_id) == ["jp-bridge"]
    area = ServiceArea.objects.create(name="Samferdsel", slug="samferdsel")
    Journalpost.objects.filter(pk=entries["jp-old-person"].pk).update(
        search_text="rekkverk i tittelen", service_area=area
    )
    search_index.entries_changed([entries["jp-old-person"].pk])
    assert _ids(q="rekkverk") == ["jp-old-person", "jp-bridge"]  # the title outranks the document
    assert _ids(q="rekkverk", order="dato") == ["jp-bridge", "jp-old-person"]
    assert _ids(q="rekkverk", area=area.pk) == ["jp-old-person"]
    body = next(b for m, p, b in reversed(fake.requests) if p.endswith("/_search"))
    assert body["query"]["bool"]["must"][0]["multi_match"]["type"] == "phrase_prefix"


def test_screening_rules_hold_through_opensearch(opensearch: tuple[FakeOpenSearch, str]) -> None:
    fake, _url = opensearch
    entries = _rebuilt(fake)
    assert _ids(q=PERSON, order="dato") == ["jp-recent-person"]  # nothing older than a year
    for words in (HIDDEN_PERSON, SENSITIVE_TITLE, SECRET_WORD, FNR):
        assert _ids(q=words) == [], words
    _public, blocked = documents(entries["jp-bridge"])
    blocked.cleared_at = timezone.now()
    blocked.save()
    assert _ids(q=SECRET_WORD) == []  # not sent yet
    search_index.entries_changed([entries["jp-bridge"].pk])
    assert _ids(q=SECRET_WORD) == ["jp-bridge"]
    # Withdrawn in the database but not yet in the index: never shown.
    Journalpost.objects.filter(pk=entries["jp-bridge"].pk).update(publish_metadata=False)
    assert _ids(q="brua") == []
    pk = entries["jp-bridge"].pk
    assert str(pk) in fake.indices["journal-test"]["docs"]
    entries["jp-bridge"].delete()
    search_index.entries_changed([pk])
    assert str(pk) not in fake.indices["journal-test"]["docs"]


def test_search_answers_from_the_database_when_opensearch_does_not(opensearch: tuple[FakeOpenSearch, str]) -> None:
    build_journal(timezone.localdate())  # never sent: the index does not exist
    assert _ids(q="brua") == ["jp-bridge"]
    with override_settings(TORG_INNSYN_SEARCH={**search_settings(), "URL": "http://127.0.0.1:9"}):
        assert _ids(q="rusta") == ["jp-bridge"]
        with pytest.raises(CommandError, match="did not answer"):
            call_command("innsyn_search_index", "--rebuild", stdout=io.StringIO())


def test_elasticsearch_is_the_same_backend() -> None:
    params = {**search_settings(), "BACKEND": "torg.innsyn.search_backends.elasticsearch"}
    assert type(get_backend(params)).__module__ == "torg.innsyn.search_backends.opensearch"


def test_clearing_a_held_back_text_sends_it_to_opensearch_after_the_commit(
    opensearch: tuple[FakeOpenSearch, str], admin_user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from torg.innsyn.actions import clear_document_text

    fake, _url = opensearch
    entries = _rebuilt(fake)
    _public, blocked = documents(entries["jp-bridge"])
    assert _ids(q=SECRET_WORD) == []
    with django_capture_on_commit_callbacks(execute=True):
        clear_document_text(dokument=blocked, actor=admin_user)
    assert _ids(q=SECRET_WORD) == ["jp-bridge"]  # no rebuild needed
