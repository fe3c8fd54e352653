"""Start the local test gateway from a test: ``start_test_gateway(tmp_path)``.

    gateway = start_test_gateway(tmp_path)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", gateway.smtp_port
    settings.TORG_SMS_GATEWAY = {"BACKEND": "torg.notifications.sms.GenericHttpGateway",
                                 "URL": gateway.sms_url("generic"), "TOKEN": "test"}
    ...
    assert gateway.mail()[0]["subject"] == "..."
    gateway.stop()

The gateway runs in its own process (``python -m torg.notifications.gateway``)
on free ports, so browser tests and a live server can use it alike.
"""

from __future__ import annotations

import json
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SMS_PATHS = {"generic": "/sms", "sveve": "/SMS/SendMessage", "link": "/sms/send", "link_batch": "/sms/sendbatch"}
_SMTP_LINE = re.compile(r"SMTP\s+([\d.]+):(\d+)")
_HTTP_LINE = re.compile(r"HTTP\s+http://([\d.]+):(\d+)")


@dataclass
class GatewayProcess:
    process: subprocess.Popen[str]
    directory: Path
    host: str
    smtp_port: int
    http_port: int
    output: list[str] = field(default_factory=list)

    @property
    def http_url(self) -> str:
        return f"http://{self.host}:{self.http_port}"

    def sms_url(self, shape: str = "generic") -> str:
        """Where an SMS gateway of ``shape`` (generic, sveve, link) should POST."""
        return self.http_url + SMS_PATHS[shape]

    def push_url(self, name: str = "browser") -> str:
        """A web-push endpoint at the gateway (``push_url("gone/x")`` answers 410)."""
        return f"{self.http_url}/push/{name}"

    def _request(self, method: str, path: str) -> Any:
        request = urllib.request.Request(self.http_url + path, method=method)  # noqa: S310 - always http://
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read())

    def stats(self) -> dict[str, int]:
        """Counts from memory: mail, mail_duplicates, sms, sms_duplicates, sms_requests, push (+ *_last_at)."""
        result: dict[str, int] = self._request("GET", "/stats")
        return result

    def push(self) -> list[dict[str, Any]]:
        """Web-push POSTs received: ``{"path", "headers", "length", "body_b64"}``."""
        result: list[dict[str, Any]] = self._request("GET", "/push")
        return result

    def mail(self) -> list[dict[str, Any]]:
        """E-mails received so far: ``{"from", "to", "subject", "headers", "body"}``."""
        result: list[dict[str, Any]] = self._request("GET", "/mail")
        return result

    def sms(self) -> list[dict[str, Any]]:
        """SMS received so far: ``{"shape", "to", "text", "from"}``."""
        result: list[dict[str, Any]] = self._request("GET", "/sms")
        return result

    def clear(self) -> None:
        self._request("DELETE", "/mail")
        self._request("DELETE", "/sms")
        self._request("DELETE", "/push")
        self._request("DELETE", "/stats")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> GatewayProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_test_gateway(tmp_path: Path, *, timeout: float = 15, sms_report_url: str = "") -> GatewayProcess:
    """Start the gateway on free ports, recording to ``tmp_path / "gateway"``; wait until it listens.

    ``sms_report_url``: the gateway posts a delivery report there for every SMS recipient it takes.
    """
    directory = Path(tmp_path) / "gateway"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "torg.notifications.gateway",
            *("--smtp-port", "0", "--http-port", "0"),
            "--dir",
            directory,
            *(["--sms-report-url", sms_report_url] if sms_report_url else []),
        ],
        cwd=PROJECT_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []

    def read() -> None:
        # Drains the pipe for the gateway's whole life, so it never blocks on a full pipe.
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, name="test-gateway-output", daemon=True).start()
    smtp = http = None
    deadline = time.monotonic() + timeout
    while smtp is None or http is None:
        remaining = deadline - time.monotonic()
        try:
            line = lines.get(timeout=max(remaining, 0.01))
        except queue.Empty:
            line = None
        if line is None:
            process.kill()
            process.wait()
            raise RuntimeError("The test gateway did not start:\n" + "".join(output))
        smtp = smtp or _SMTP_LINE.search(line)
        http = http or _HTTP_LINE.search(line)
    return GatewayProcess(
        process=process,
        directory=directory,
        host=http.group(1),
        smtp_port=int(smtp.group(2)),
        http_port=int(http.group(2)),
        output=output,
    )
