"""The local test gateway: an SMTP sink and an HTTP endpoint for SMS and web push that record what arrives.

Used by tests, the demo and benchmarks instead of a real mail server, SMS
provider and push service. Every new message is one JSON line, appended and
flushed at once (no fsync, no re-reading), in

- ``mail.jsonl``: ``{"from", "to": [...], "subject", "headers": {...}, "body"}``
- ``sms.jsonl``: ``{"shape", "to": [...], "text", "from", "refs"?: [...]}``
- ``push.jsonl``: ``{"path", "headers": {...}, "length", "body_b64"?}``

Like providers that take an idempotency key, it de-duplicates: an e-mail whose
Message-ID it already took, or an SMS recipient whose ``ref`` it already took,
is answered as accepted but not recorded again, only counted as a duplicate.
``GET /stats`` gives the counts from memory:
``{"mail", "mail_duplicates", "sms", "sms_duplicates", "sms_requests", "push", "mail_last_at", "sms_last_at"}``.

The HTTP side (``gateway_http``) takes the SMS shapes Torg's gateways send (one
message or a batch, for generic, Sveve and LINK Mobility), web push at
``/push/<anything>`` (``/push/gone/…`` answers 410), and optionally posts SMS
delivery reports back (``--sms-report-url``). ``GET /mail`` and ``GET /sms`` return
what this run recorded since the last ``DELETE`` of either.

This module does not import Django, so ``python -m torg.notifications.gateway``
starts in a fraction of a second; ``manage.py torg_test_gateway`` runs the same.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import email.policy
import json
import signal
import socket
import sys
import threading
import time
from email.header import decode_header, make_header
from email.message import Message
from email.parser import BytesParser
from pathlib import Path
from typing import IO, Any, Protocol

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from .gateway_http import GatewayHttpServer, Reporter


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...
    def flush(self) -> Any: ...


class Recorder:
    """Appends what arrived, one JSON line each, to a file; reads it back only when asked (GET)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._file: IO[str] = path.open("a", encoding="utf-8")
        self._start = self._file.tell()  # what GET returns starts here (moved by clear())

    def add(self, item: dict[str, Any]) -> None:
        line = json.dumps(item, ensure_ascii=False)
        with self._lock:
            self._file.write(line + "\n")
            self._file.flush()

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            self._file.flush()
            start = self._start
        with self.path.open("r", encoding="utf-8") as file:
            file.seek(start)
            return [json.loads(line) for line in file if line.strip()]

    def clear(self) -> None:
        with self._lock:
            self._file.flush()
            self._start = self._file.tell()

    def close(self) -> None:
        with self._lock:
            self._file.close()


class Counters:
    """What arrived, counted in memory, and the idempotency keys already taken."""

    FIELDS = ("mail", "mail_duplicates", "sms", "sms_duplicates", "sms_requests", "push")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.values: dict[str, float] = {}
        self.seen: dict[str, set[str]] = {"mail": set(), "sms": set()}
        self.reset()

    def reset(self, kind: str | None = None) -> None:
        with self._lock:
            for name in self.FIELDS:
                if kind is None or name.startswith(kind):
                    self.values[name] = 0
            for name in ("mail", "sms"):
                if kind is None or kind == name:
                    self.seen[name] = set()
                    self.values[f"{name}_last_at"] = 0.0

    def take(self, kind: str, keys: list[str | None]) -> list[bool]:
        """Count one message per key; return for each whether it is new (``None``: no key, always new)."""
        fresh = []
        with self._lock:
            seen = self.seen[kind]
            for key in keys:
                new = key is None or key not in seen
                if key is not None:
                    seen.add(key)
                fresh.append(new)
            new_count = sum(fresh)
            self.values[kind] += new_count
            self.values[f"{kind}_duplicates"] += len(fresh) - new_count
            if new_count:
                self.values[f"{kind}_last_at"] = time.time()
        return fresh

    def add(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.values[name] += n

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            return dict(self.values)


# --- SMTP -------------------------------------------------------------------

_PARSER = BytesParser(policy=email.policy.compat32)  # ~10x faster than policy.default


def _decode(value: Any) -> str:
    text = str(value)
    if "=?" not in text:
        return " ".join(text.split())
    return str(make_header(decode_header(text)))


def _text_body(message: Message) -> str:
    parts = [p for p in message.walk() if not p.is_multipart() and p.get_filename() is None]
    for wanted in ("text/plain", "text/html"):
        for part in parts:
            if part.get_content_type() == wanted:
                data = part.get_payload(decode=True)
                raw = data if isinstance(data, bytes) else b""
                return raw.decode(part.get_content_charset() or "utf-8", "replace")
    return ""


def parse_mail(mail_from: str, rcpt_tos: list[str], content: bytes) -> dict[str, Any]:
    message = _PARSER.parsebytes(content)
    return {
        "from": mail_from,
        "to": list(rcpt_tos),
        "subject": _decode(message.get("Subject", "")),
        "headers": {name: _decode(value) for name, value in message.items()},
        "body": _text_body(message),
    }


def _message_id(content: bytes) -> str | None:
    head = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    for line in head.splitlines():
        if line[:11].lower() == b"message-id:":
            return line[11:].strip().decode("ascii", "replace") or None
    return None


class MailHandler:
    def __init__(self, recorder: Recorder, counters: Counters | None = None) -> None:
        self.recorder = recorder
        self.counters = counters or Counters()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or envelope.content or b""
        if isinstance(content, str):
            content = content.encode()
        [new] = self.counters.take("mail", [_message_id(content)])
        if new:
            self.recorder.add(parse_mail(envelope.mail_from or "", envelope.rcpt_tos, content))
        return "250 Message accepted for delivery"


def _accept_any_login(*args: Any) -> AuthResult:
    """Accept any user name and password, so settings with EMAIL_HOST_USER work too."""
    return AuthResult(success=True)


class SmtpSink:
    """aiosmtpd on its own event loop in a thread; ``port=0`` picks a free port."""

    def __init__(self, recorder: Recorder, host: str, port: int, counters: Counters | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        handler = MailHandler(recorder, counters)
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


# --- Running ----------------------------------------------------------------


def serve(
    *,
    host: str,
    smtp_port: int,
    http_port: int,
    directory: Path,
    out: Writer = sys.stdout,
    sms_report_url: str = "",
) -> None:
    """Run until SIGTERM or SIGINT. Port 0 picks a free port; the ports in use are printed."""
    directory = Path(directory)
    counters = Counters()
    mail, sms, push = (Recorder(directory / f"{name}.jsonl") for name in ("mail", "sms", "push"))
    reporter = Reporter(sms_report_url) if sms_report_url else None
    smtp = SmtpSink(mail, host, smtp_port, counters)
    http = GatewayHttpServer((host, http_port), mail=mail, sms=sms, push=push, counters=counters, reporter=reporter)
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
        "(POST /sms, /SMS/SendMessage, /sms/send, /sms/sendbatch, /push/…; GET /mail, /sms, /push, /stats)\n"
        "Stop with Ctrl+C.\n"
    )
    out.flush()
    while not stopping.wait(0.05):
        pass
    http.shutdown()
    http.server_close()
    smtp.stop()
    if reporter is not None:
        reporter.stop()
    for recorder in (mail, sms, push):
        recorder.close()
    out.write("Local test gateway stopped.\n")
    out.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Torg's local test gateway (SMTP sink, SMS and web push endpoint).")
    add_arguments(parser)
    options = parser.parse_args(argv)
    serve(
        host=options.host,
        smtp_port=options.smtp_port,
        http_port=options.http_port,
        directory=Path(options.dir),
        sms_report_url=options.sms_report_url,
    )


def add_arguments(parser: Any, default_dir: str = "var/gateway") -> None:
    parser.add_argument("--host", default="127.0.0.1", help="Address to listen on (default 127.0.0.1).")
    parser.add_argument("--smtp-port", type=int, default=1025, help="SMTP port (default 1025; 0: any free port).")
    parser.add_argument("--http-port", type=int, default=8025, help="HTTP port (default 8025; 0: any free port).")
    parser.add_argument("--dir", default=default_dir, help=f"Where to write mail.jsonl and sms.jsonl ({default_dir}).")
    parser.add_argument(
        "--sms-report-url",
        default="",
        help="POST a delivery report ({ref, status: delivered}) here for every SMS recipient taken.",
    )


if __name__ == "__main__":
    main()
