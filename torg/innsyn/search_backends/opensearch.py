"""OpenSearch (or Elasticsearch 7/8) backend over plain HTTP and JSON, with urllib: no client library.

Settings (``TORG_INNSYN_SEARCH``): ``BACKEND = "torg.innsyn.search_backends.opensearch"``,
``URL`` (``https://user:password@host:9200`` for basic authentication), ``INDEX``,
``TIMEOUT`` (seconds), ``MAX_RESULTS``.

One document per journal entry (``_id`` is the pk) with only public values: ``title`` (the
entry's ``search_text``), ``body`` (the text of its public documents, by
:func:`torg.innsyn.search.public_documents`), and the filter fields. Words are split as
:func:`torg.innsyn.search_backends.tokens` splits them (a pattern tokenizer on everything
that is not a letter or digit, lower-cased). A query word is a ``phrase_prefix`` (or, for
short words and numbers, ``phrase``) ``multi_match`` over ``title^2.5`` and ``body``, as the
database weighs them 1.0 and 0.4. Unlike the database backend, OpenSearch ranks every match
(BM25) before it cuts at ``MAX_RESULTS``.

The screening filters (published, ``accessible_after``, the name rule's date) are part of
every query, and the pks that come back are checked against
:func:`torg.innsyn.queries.published_entries` once more, so an index behind the database
never shows an entry that has been withdrawn.

Keeping it in step: the database does not tell OpenSearch anything by itself. After an
import or a document change, :func:`torg.innsyn.search_index.entries_changed` sends the
entries; ``manage.py innsyn_search_index --rebuild`` builds the index afresh.
When OpenSearch does not answer, the search answers from the database
(:class:`torg.innsyn.search_backends.SearchUnavailable`).
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

from ..models import Journalpost, Korrespondansepart
from . import SearchQuery, SearchUnavailable

BATCH = 1000
TITLE_BOOST = 2.5  # 1.0 against 0.4, as the database backend weighs title and documents

ANALYSIS = {
    "analyzer": {"torg_words": {"type": "custom", "tokenizer": "torg_words", "filter": ["lowercase"]}},
    "tokenizer": {"torg_words": {"type": "pattern", "pattern": "[^\\p{L}\\p{N}]+"}},
}
MAPPINGS = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "long"},
        "title": {"type": "text", "analyzer": "torg_words"},
        "body": {"type": "text", "analyzer": "torg_words"},
        "journaldato": {"type": "date", "format": "yyyy-MM-dd"},
        "journalposttype": {"type": "keyword"},
        "service_area": {"type": "long"},
        "saksmappe": {"type": "long"},
        "parttypes": {"type": "keyword"},
        "publish_metadata": {"type": "boolean"},
        "accessible_after": {"type": "date", "format": "yyyy-MM-dd"},
    },
}
_ENTRY_FIELDS = (
    "pk",
    "search_text",
    "journaldato",
    "journalposttype",
    "service_area_id",
    "saksmappe_id",
    "publish_metadata",
    "accessible_after",
)


def documents(ids: list[int]) -> dict[int, dict[str, Any]]:
    """The index documents of these entries (those that exist), by pk."""
    from ..search import public_documents
    from ..search_index import MAX_DOCUMENT_TEXT

    found: dict[int, dict[str, Any]] = {}
    for row in Journalpost.objects.filter(pk__in=ids).values(*_ENTRY_FIELDS):
        found[row["pk"]] = {
            "id": row["pk"],
            "title": row["search_text"],
            "body": "",
            "journaldato": row["journaldato"].isoformat(),
            "journalposttype": row["journalposttype"],
            "service_area": row["service_area_id"],
            "saksmappe": row["saksmappe_id"],
            "parttypes": [],
            "publish_metadata": row["publish_metadata"],
            "accessible_after": row["accessible_after"].isoformat() if row["accessible_after"] else None,
        }
    for entry, parttype in Korrespondansepart.objects.filter(journalpost_id__in=found).values_list(
        "journalpost_id", "parttype"
    ):
        if parttype not in found[entry]["parttypes"]:
            found[entry]["parttypes"].append(parttype)
    texts: dict[int, list[str]] = {}
    rows = public_documents().filter(journalpost_id__in=found).order_by("journalpost_id", "dokumentnummer", "pk")
    for entry, text in rows.values_list("journalpost_id", "extracted_text"):
        texts.setdefault(entry, []).append(text)
    for entry, parts in texts.items():
        found[entry]["body"] = " ".join(parts)[:MAX_DOCUMENT_TEXT]
    return found


def search_body(query: SearchQuery, limit: int) -> dict[str, Any]:
    """The ``_search`` request for a query: the words as must, the filters and screening as filter."""
    must = [
        {
            "multi_match": {
                "query": " ".join(term.tokens),
                "type": "phrase_prefix" if term.prefix else "phrase",
                "fields": [f"title^{TITLE_BOOST}", "body"],
            }
        }
        for term in query.terms
    ]
    today = query.today.isoformat()
    filters: list[dict[str, Any]] = [
        {"term": {"publish_metadata": True}},
        {
            "bool": {
                "should": [
                    {"bool": {"must_not": [{"exists": {"field": "accessible_after"}}]}},
                    {"range": {"accessible_after": {"lte": today}}},
                ],
                "minimum_should_match": 1,
            }
        },
    ]
    dates = {}
    if query.date_from:
        dates["gte"] = query.date_from.isoformat()
    if query.date_to:
        dates["lte"] = query.date_to.isoformat()
    if dates:
        filters.append({"range": {"journaldato": dates}})
    if query.types:
        filters.append({"terms": {"journalposttype": list(query.types)}})
    if query.area is not None:
        filters.append({"term": {"service_area": query.area}})
    if query.saksmappe is not None:
        filters.append({"term": {"saksmappe": query.saksmappe}})
    if query.parttypes:
        filters.append({"terms": {"parttypes": sorted(query.parttypes)}})
    newest = [{"journaldato": {"order": "desc"}}, {"id": {"order": "desc"}}]
    return {
        "size": limit,
        "_source": False,
        "track_total_hits": False,
        "query": {"bool": {"must": must, "filter": filters}},
        "sort": ([{"_score": {"order": "desc"}}] if query.ranked else []) + newest,
    }


class SearchBackend:
    def __init__(self, params: dict[str, Any]) -> None:
        parts = urllib.parse.urlsplit(str(params["URL"]).rstrip("/"))
        self.headers = {"Accept": "application/json"}
        if parts.username:
            user = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
            token = base64.b64encode(f"{user}:{password}".encode()).decode()
            self.headers["Authorization"] = f"Basic {token}"
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        self.base = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))
        self.index = urllib.parse.quote(str(params["INDEX"]), safe="")
        self.timeout = float(params.get("TIMEOUT", 5.0))

    # --- HTTP -------------------------------------------------------------------------
    def request(
        self, method: str, path: str, body: Any = None, *, ndjson: bytes | None = None, missing_ok: bool = False
    ) -> dict[str, Any]:
        headers = dict(self.headers)
        data = None
        if ndjson is not None:
            data = ndjson
            headers["Content-Type"] = "application/x-ndjson"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)  # noqa: S310  (the configured URL)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                payload = response.read()
        except urllib.error.HTTPError as error:
            if missing_ok and error.code == 404:
                return {}
            detail = error.read()[:500].decode("utf-8", "replace")
            raise SearchUnavailable(f"{method} {path}: HTTP {error.code} {detail}") from error
        except (urllib.error.URLError, OSError) as error:
            raise SearchUnavailable(f"{method} {self.base}{path}: {error}") from error
        try:
            answer = json.loads(payload) if payload else {}
        except ValueError as error:
            raise SearchUnavailable(f"{method} {path}: not JSON") from error
        return answer if isinstance(answer, dict) else {}

    def _bulk(self, lines: list[dict[str, Any]]) -> None:
        if not lines:
            return
        payload = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode()
        answer = self.request("POST", "/_bulk", ndjson=payload)
        if answer.get("errors"):
            for item in answer.get("items", []):
                action, result = next(iter(item.items()))
                if result.get("error") and not (action == "delete" and result.get("status") == 404):
                    raise SearchUnavailable(f"bulk {action} of {result.get('_id')}: {result['error']}")

    # --- the backend ------------------------------------------------------------------
    def search_ids(self, query: SearchQuery, limit: int) -> list[int]:
        from ..queries import published_entries

        if query.unmatchable:
            return []
        answer = self.request("POST", f"/{self.index}/_search", search_body(query, limit))
        ids = [int(hit["_id"]) for hit in answer.get("hits", {}).get("hits", [])]
        # The index may be behind the database: an entry withdrawn since is never shown.
        shown = set(published_entries(query.today).filter(pk__in=ids).values_list("pk", flat=True))
        return [pk for pk in ids if pk in shown]

    def index_entries(self, ids: Iterable[int]) -> None:
        pending = sorted({int(pk) for pk in ids})
        for start in range(0, len(pending), BATCH):
            chunk = pending[start : start + BATCH]
            found = documents(chunk)
            lines: list[dict[str, Any]] = []
            for pk in chunk:
                if pk in found:
                    lines += [{"index": {"_index": self.index, "_id": str(pk)}}, found[pk]]
                else:
                    lines.append({"delete": {"_index": self.index, "_id": str(pk)}})
            self._bulk(lines)

    def create_index(self) -> None:
        self.request("DELETE", f"/{self.index}", missing_ok=True)
        self.request("PUT", f"/{self.index}", {"settings": {"analysis": ANALYSIS}, "mappings": MAPPINGS})

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        self.create_index()
        ids = Journalpost.objects.order_by("pk").values_list("pk", flat=True)
        total = ids.count()
        done = 0
        for start in range(0, total, BATCH):
            chunk = list(ids[start : start + BATCH])
            found = documents(chunk)
            self._bulk(
                [
                    line
                    for pk in chunk
                    if pk in found
                    for line in ({"index": {"_id": str(pk), "_index": self.index}}, found[pk])
                ]
            )
            done += len(chunk)
            if progress:
                progress(done, total)
        self.request("POST", f"/{self.index}/_refresh")
        return done

    def status(self) -> dict[str, Any]:
        answer = self.request("GET", f"/{self.index}/_count", missing_ok=True)
        return {
            "backend": "opensearch",
            "index": self.base + "/" + self.index,
            "ready": "count" in answer,
            "entries": Journalpost.objects.count(),
            "indexed": answer.get("count", 0),
        }
