"""The test gateway's HTTP side: SMS in the shapes of Torg's gateways, web push, counts, delivery reports.

SMS shapes (single message and batch), answered as that provider would:

- ``generic``  POST /sms              JSON ``{"to": [...], "text", "from"}`` or
                                      ``{"text", "from", "recipients": [{"to", "ref"}]}``; ``Authorization: Bearer …``
- ``sveve``    POST /SMS/SendMessage  form or JSON ``user, passwd, to (comma-separated), msg, from, ref?``, or
                                      JSON ``{"user", "passwd", "messages": [{"to", "msg", "from", "ref"}]}``
- ``link``     POST /sms/send         JSON ``{source, destination, userData, platformId, platformPartnerId, refId?}``
               POST /sms/sendbatch    JSON ``{platformId, platformPartnerId, sendRequestMessages: [...]}``; basic auth

Web push: POST /push/<anything> records the request's headers and body length (and the body,
base64, when small) and answers 201; /push/gone/<anything> answers 410 as for an expired subscription.

Does not import Django (see ``gateway``).
"""

from __future__ import annotations

import base64
import itertools
import json
import queue
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .gateway import Counters, Recorder

LINK_QUEUED = 1005
PUSH_HEADERS = ("Authorization", "Content-Encoding", "Content-Type", "TTL", "Urgency", "Topic", "Crypto-Key")
PUSH_BODY_KEPT = 4096


class Reporter:
    """Posts SMS delivery reports to ``url`` from a thread, in batches (a JSON list of ``{ref, status}``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.queue: queue.Queue[list[str] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="sms-reports", daemon=True)
        self.thread.start()

    def report(self, refs: list[str]) -> None:
        if refs:
            self.queue.put(refs)

    def _run(self) -> None:
        while (refs := self.queue.get()) is not None:
            body = json.dumps([{"ref": ref, "status": "delivered"} for ref in refs]).encode()
            request = urllib.request.Request(  # noqa: S310 - the URL is the operator's
                self.url, data=body, headers={"Content-Type": "application/json"}, method="POST"
            )
            try:
                with urllib.request.urlopen(request, timeout=10):  # noqa: S310
                    pass
            except OSError:
                pass  # a test gateway: a lost report is the provider's problem, as in life

    def stop(self) -> None:
        self.queue.put(None)
        self.thread.join(timeout=5)


class GatewayHandler(BaseHTTPRequestHandler):
    server: GatewayHttpServer
    protocol_version = "HTTP/1.1"
    server_version = "TorgTestGateway/1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: benchmarks send thousands of requests

    def _answer(self, status: int, payload: Any) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _path(self) -> str:
        return urllib.parse.urlsplit(self.path).path.rstrip("/")

    def _recorder(self) -> tuple[str, Recorder] | None:
        name = self._path().lstrip("/")
        recorder = {"mail": self.server.mail, "sms": self.server.sms, "push": self.server.push}.get(name)
        return (name, recorder) if recorder is not None else None

    def do_GET(self) -> None:
        if self._path() == "/stats":
            self._answer(200, self.server.counters.snapshot())
            return
        found = self._recorder()
        if found is None:
            self._answer(404, {"error": "GET /mail, /sms, /push or /stats"})
        else:
            self._answer(200, found[1].snapshot())

    def do_DELETE(self) -> None:
        if self._path() == "/stats":
            self.server.counters.reset()
            self._answer(200, {})
            return
        found = self._recorder()
        if found is None:
            self._answer(404, {"error": "DELETE /mail, /sms or /push"})
        else:
            found[1].clear()
            self.server.counters.reset(found[0])
            self._answer(200, [])

    def do_POST(self) -> None:
        path = self._path()
        raw = self._body()
        if path.startswith("/push/"):
            self._push(path, raw)
            return
        handlers = {
            "/sms": self._generic,
            "/SMS/SendMessage": self._sveve,
            "/sms/send": self._link,
            "/sms/sendbatch": self._link_batch,
        }
        handler = handlers.get(path)
        if handler is None:
            self._answer(404, {"error": f"No SMS endpoint at {path}; use /sms, /SMS/SendMessage or /sms/send."})
            return
        try:
            handler(raw)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            self._answer(400, {"error": f"Bad request: {error}"})

    # --- SMS ---

    def _record(self, shape: str, to: list[str], text: str, sender: str, refs: list[str] | None = None) -> list[str]:
        """Record the recipients not seen before (by ref); return a provider id for every recipient."""
        server = self.server
        server.counters.add("sms_requests")
        keys: list[str | None] = list(refs) if refs else [None] * len(to)
        fresh = server.counters.take("sms", keys)
        new_to = [n for n, new in zip(to, fresh, strict=True) if new]
        if new_to:
            item: dict[str, Any] = {"shape": shape, "to": new_to, "text": text, "from": sender}
            if refs:
                item["refs"] = [r for r, new in zip(refs, fresh, strict=True) if new]
            server.sms.add(item)
        if refs and server.reporter is not None:
            server.reporter.report(refs)
        return [str(next(server.ids)) for _ in to]

    def _generic(self, raw: bytes) -> None:
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            self._answer(401, {"error": "Bearer token required"})
            return
        data = json.loads(raw)
        if "recipients" in data:
            recipients = [(str(r["to"]), str(r["ref"])) for r in data["recipients"]]
            if not recipients or not data.get("text"):
                raise ValueError("recipients and text are required")
            numbers, refs = [n for n, _ in recipients], [r for _, r in recipients]
            ids = self._record("generic", numbers, str(data["text"]), str(data.get("from", "")), refs)
            results = [{"ref": r, "id": f"generic-{i}", "status": "accepted"} for r, i in zip(refs, ids, strict=True)]
            self._answer(200, {"results": results, "ids": [f"generic-{i}" for i in ids]})
            return
        to = data["to"] if isinstance(data["to"], list) else [data["to"]]
        ids = self._record("generic", [str(n) for n in to], str(data["text"]), str(data.get("from", "")))
        self._answer(200, {"ids": [f"generic-{i}" for i in ids]})

    def _sveve(self, raw: bytes) -> None:
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            data = json.loads(raw)
            data = data.get("request", data)
        else:
            data = {k: v[-1] for k, v in urllib.parse.parse_qs(raw.decode(), keep_blank_values=True).items()}
        if not data.get("user") or not data.get("passwd"):
            self._answer(200, {"response": {"msgOkCount": 0, "stdSMSCount": 0, "fatalError": "Ugyldig brukernavn"}})
            return
        if isinstance(data.get("messages"), list):
            messages = data["messages"]
            if not messages or any(not m.get("to") or not m.get("msg") for m in messages):
                self._answer(200, {"response": {"msgOkCount": 0, "stdSMSCount": 0, "fatalError": "Mangler to/msg"}})
                return
            ids: list[str] = []
            for text, group in itertools.groupby(messages, key=lambda m: (str(m["msg"]), str(m.get("from", "")))):
                items = list(group)
                refs = [str(m.get("ref") or "") for m in items]
                ids += self._record(
                    "sveve", [str(m["to"]) for m in items], text[0], text[1], refs if all(refs) else None
                )
            count = len(messages)
            self._answer(200, {"response": {"msgOkCount": count, "stdSMSCount": count, "ids": [int(i) for i in ids]}})
            return
        to = [n.strip() for n in str(data.get("to", "")).split(",") if n.strip()]
        if not to or not data.get("msg"):
            self._answer(200, {"response": {"msgOkCount": 0, "stdSMSCount": 0, "fatalError": "Mangler to/msg"}})
            return
        ids = self._record("sveve", to, str(data["msg"]), str(data.get("from", "")))
        self._answer(200, {"response": {"msgOkCount": len(to), "stdSMSCount": len(to), "ids": [int(i) for i in ids]}})

    def _link_auth(self) -> bool:
        if self.headers.get("Authorization", "").startswith("Basic "):
            return True
        self._answer(401, {"description": "Unauthorized"})
        return False

    def _link(self, raw: bytes) -> None:
        if not self._link_auth():
            return
        data = json.loads(raw)
        required = ("source", "destination", "userData", "platformId", "platformPartnerId")
        missing = [f for f in required if not data.get(f)]
        if missing:
            self._answer(400, {"resultCode": 1004, "description": f"Missing {', '.join(missing)}"})
            return
        refs = [str(data["refId"])] if data.get("refId") else None
        ids = self._record("link", [str(data["destination"])], str(data["userData"]), str(data["source"]), refs)
        self._answer(200, {"messageId": f"link-{ids[0]}", "resultCode": LINK_QUEUED, "description": "Queued"})

    def _link_batch(self, raw: bytes) -> None:
        if not self._link_auth():
            return
        data = json.loads(raw)
        messages = data.get("sendRequestMessages")
        missing = [f for f in ("platformId", "platformPartnerId") if not data.get(f)]
        if missing or not isinstance(messages, list) or not 1 <= len(messages) <= 1000:
            self._answer(400, {"resultCode": 1004, "description": "Missing platform ids or 1-1000 messages"})
            return
        if any(not m.get("source") or not m.get("destination") or not m.get("userData") for m in messages):
            self._answer(400, {"resultCode": 1004, "description": "Missing source, destination or userData"})
            return
        ids = []
        for (text, source), group in itertools.groupby(messages, key=lambda m: (str(m["userData"]), str(m["source"]))):
            items = list(group)
            refs = [str(m.get("refId") or "") for m in items]
            ids += self._record(
                "link", [str(m["destination"]) for m in items], text, source, refs if all(refs) else None
            )
        self._answer(200, [{"messageId": f"link-{i}", "resultCode": LINK_QUEUED, "description": "Queued"} for i in ids])

    # --- Web push ---

    def _push(self, path: str, raw: bytes) -> None:
        if path.startswith("/push/gone/"):
            self._answer(410, {"error": "push subscription has unsubscribed or expired"})
            return
        item: dict[str, Any] = {
            "path": path,
            "headers": {name: self.headers[name] for name in PUSH_HEADERS if self.headers.get(name) is not None},
            "length": len(raw),
        }
        if len(raw) <= PUSH_BODY_KEPT:
            item["body_b64"] = base64.b64encode(raw).decode("ascii")
        self.server.push.add(item)
        self.server.counters.add("push")
        self.send_response(201)
        self.send_header("Content-Length", "0")
        self.send_header("Location", path)
        self.end_headers()


# The old name, for anything that imported it.
SmsHandler = GatewayHandler


class GatewayHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        *,
        mail: Recorder,
        sms: Recorder,
        push: Recorder,
        counters: Counters,
        reporter: Reporter | None = None,
    ) -> None:
        self.mail = mail
        self.sms = sms
        self.push = push
        self.counters = counters
        self.reporter = reporter
        self.ids = itertools.count(1)
        super().__init__(address, GatewayHandler)
