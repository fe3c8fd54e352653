"""The local test gateway: an SMTP sink and an HTTP SMS endpoint that record what arrives.

Used by tests, the demo and benchmarks instead of a real mail server and SMS
provider. Every message is one JSON line, flushed at once (no fsync), in

- ``mail.jsonl``: ``{"from", "to": [...], "subject", "headers": {...}, "body"}``
- ``sms.jsonl``: ``{"shape", "to": [...], "text", "from"}``

The HTTP side takes the three shapes Torg's SMS gateways send:

- ``generic``  POST /sms              JSON ``{"to": [...], "text", "from"}``, ``Authorization: Bearer …``
- ``sveve``    POST /SMS/SendMessage  form ``user, passwd, to (comma-separated), msg, from, f=json``
- ``link``     POST /sms/send         JSON ``{source, destination, userData, platformId, …}``, basic auth

and answers each as that provider would. ``GET /mail`` and ``GET /sms`` return
what this run recorded as a JSON list; ``DELETE`` on either forgets it.

This module does not import Django, so ``python -m torg.notifications.gateway``
starts in a fraction of a second; ``manage.py torg_test_gateway`` runs the same.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.policy
import itertools
import json
import signal
import socket
import sys
import threading
import urllib.parse
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any, Protocol

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

LINK_QUEUED = 1005


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...
    def flush(self) -> Any: ...


class Recorder:
    """Keeps what arrived in memory and appends it, one JSON line each, to a file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.items: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._file: IO[str] = path.open("a", encoding="utf-8")

    def add(self, item: dict[str, Any]) -> None:
        line = json.dumps(item, ensure_ascii=False)
        with self._lock:
            self.items.append(item)
            self._file.write(line + "\n")
            self._file.flush()

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.items)

    def clear(self) -> None:
        with self._lock:
            self.items.clear()

    def close(self) -> None:
        with self._lock:
            self._file.close()


# --- SMTP -------------------------------------------------------------------


def parse_mail(mail_from: str, rcpt_tos: list[str], content: bytes) -> dict[str, Any]:
    message = BytesParser(policy=email.policy.default).parsebytes(content)
    assert isinstance(message, EmailMessage)
    part = message.get_body(preferencelist=("plain", "html"))
    body = part.get_content() if part is not None else ""
    return {
        "from": mail_from,
        "to": list(rcpt_tos),
        "subject": str(message.get("Subject", "")),
        "headers": {name: str(value) for name, value in message.items()},
        "body": body,
    }


class MailHandler:
    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode()
        self.recorder.add(parse_mail(envelope.mail_from or "", envelope.rcpt_tos, content))
        return "250 Message accepted for delivery"


def _accept_any_login(*args: Any) -> AuthResult:
    """Accept any user name and password, so settings with EMAIL_HOST_USER work too."""
    return AuthResult(success=True)


class SmtpSink:
    """aiosmtpd on its own event loop in a thread; ``port=0`` picks a free port."""

    def __init__(self, recorder: Recorder, host: str, port: int) -> None:
        self.loop = asyncio.new_event_loop()
        handler = MailHandler(recorder)
        sock = socket.create_server((host, port))
        # aiosmtpd writes multi-line replies line by line: without this every mail waits
        # ~40 ms for the client's delayed ACK (measured by bench/inquiries.py).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.port: int = sock.getsockname()[1]

        def protocol() -> SMTP:
            return SMTP(
                handler,
                hostname="torg-test-gateway",
                enable_SMTPUTF8=True,
                authenticator=_accept_any_login,
                auth_require_tls=False,
                loop=self.loop,
            )

        self.server = self.loop.run_until_complete(self.loop.create_server(protocol, sock=sock))
        self.thread = threading.Thread(target=self.loop.run_forever, name="smtp-sink", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        async def close() -> None:
            self.server.close()
            await self.server.wait_closed()

        future = asyncio.run_coroutine_threadsafe(close(), self.loop)
        # Open client connections must not keep the gateway up.
        with contextlib.suppress(Exception):
            future.result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


# --- HTTP (SMS) -------------------------------------------------------------


class SmsHandler(BaseHTTPRequestHandler):
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

    def _recorder(self) -> Recorder | None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        return {"/mail": self.server.mail, "/sms": self.server.sms}.get(path)

    def do_GET(self) -> None:
        recorder = self._recorder()
        if recorder is None:
            self._answer(404, {"error": "GET /mail or /sms"})
        else:
            self._answer(200, recorder.snapshot())

    def do_DELETE(self) -> None:
        recorder = self._recorder()
        if recorder is None:
            self._answer(404, {"error": "DELETE /mail or /sms"})
        else:
            recorder.clear()
            self._answer(200, [])

    def do_POST(self) -> None:
        path = urllib.parse.urlsplit(self.path).path.rstrip("/")
        raw = self._body()
        handlers = {"/sms": self._generic, "/SMS/SendMessage": self._sveve, "/sms/send": self._link}
        handler = handlers.get(path)
        if handler is None:
            self._answer(404, {"error": f"No SMS endpoint at {path}; use /sms, /SMS/SendMessage or /sms/send."})
            return
        try:
            handler(raw)
        except (ValueError, KeyError, TypeError) as error:
            self._answer(400, {"error": f"Bad request: {error}"})

    def _record(self, shape: str, to: list[str], text: str, sender: str) -> list[str]:
        self.server.sms.add({"shape": shape, "to": to, "text": text, "from": sender})
        return [str(next(self.server.ids)) for _ in to]

    def _generic(self, raw: bytes) -> None:
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            self._answer(401, {"error": "Bearer token required"})
            return
        data = json.loads(raw)
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
        to = [n.strip() for n in str(data.get("to", "")).split(",") if n.strip()]
        if not to or not data.get("msg"):
            self._answer(200, {"response": {"msgOkCount": 0, "stdSMSCount": 0, "fatalError": "Mangler to/msg"}})
            return
        ids = self._record("sveve", to, str(data["msg"]), str(data.get("from", "")))
        self._answer(200, {"response": {"msgOkCount": len(to), "stdSMSCount": len(to), "ids": [int(i) for i in ids]}})

    def _link(self, raw: bytes) -> None:
        if not self.headers.get("Authorization", "").startswith("Basic "):
            self._answer(401, {"description": "Unauthorized"})
            return
        data = json.loads(raw)
        missing = [
            f for f in ("source", "destination", "userData", "platformId", "platformPartnerId") if not data.get(f)
        ]
        if missing:
            self._answer(400, {"resultCode": 1004, "description": f"Missing {', '.join(missing)}"})
            return
        ids = self._record("link", [str(data["destination"])], str(data["userData"]), str(data["source"]))
        self._answer(200, {"messageId": f"link-{ids[0]}", "resultCode": LINK_QUEUED, "description": "Queued"})


class GatewayHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], mail: Recorder, sms: Recorder) -> None:
        self.mail = mail
        self.sms = sms
        self.ids = itertools.count(1)
        super().__init__(address, SmsHandler)


# --- Running ----------------------------------------------------------------


def serve(*, host: str, smtp_port: int, http_port: int, directory: Path, out: Writer = sys.stdout) -> None:
    """Run until SIGTERM or SIGINT. Port 0 picks a free port; the ports in use are printed."""
    directory = Path(directory)
    mail, sms = Recorder(directory / "mail.jsonl"), Recorder(directory / "sms.jsonl")
    smtp = SmtpSink(mail, host, smtp_port)
    http = GatewayHttpServer((host, http_port), mail, sms)
    stopping = threading.Event()

    def stop(*_args: object) -> None:
        stopping.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    smtp.start()
    http_thread = threading.Thread(target=http.serve_forever, args=(0.05,), name="sms-http", daemon=True)
    http_thread.start()
    out.write(
        f"Local test gateway, recording to {directory.resolve()}\n"
        f"  SMTP  {host}:{smtp.port}\n"
        f"  HTTP  http://{host}:{http.server_address[1]}  "
        "(POST /sms, /SMS/SendMessage, /sms/send; GET /mail, /sms)\n"
        "Stop with Ctrl+C.\n"
    )
    out.flush()
    while not stopping.wait(0.05):
        pass
    http.shutdown()
    http.server_close()
    smtp.stop()
    mail.close()
    sms.close()
    out.write("Local test gateway stopped.\n")
    out.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Torg's local test gateway (SMTP sink and SMS endpoint).")
    add_arguments(parser)
    options = parser.parse_args(argv)
    serve(host=options.host, smtp_port=options.smtp_port, http_port=options.http_port, directory=Path(options.dir))


def add_arguments(parser: Any, default_dir: str = "var/gateway") -> None:
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
    parser.add_argument("--smtp-port", type=int, default=1025, help="SMTP port (default 1025; 0: any free port).")
    parser.add_argument("--http-port", type=int, default=8025, help="HTTP port (default 8025; 0: any free port).")
    parser.add_argument("--dir", default=default_dir, help=f"Where to write mail.jsonl and sms.jsonl ({default_dir}).")


if __name__ == "__main__":
    main()
