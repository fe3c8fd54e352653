"""Web push (VAPID, RFC 8030/8291/8292) through pywebpush.

Keys: ``TORG_VAPID_PRIVATE_KEY`` (base64url of the raw 32-byte P-256 private key, or of its
DER) and ``TORG_VAPID_PUBLIC_KEY`` (base64url of the uncompressed public point, what the
browser's ``applicationServerKey`` wants). Without them a key pair is generated once into
``VAR_DIR/vapid/private_key.pem`` and used from there (``manage.py torg_vapid_keys`` prints
it for the settings). ``TORG_VAPID_SUBJECT``: a ``mailto:`` or ``https:`` contact for push services.
"""

from __future__ import annotations

import base64
import functools
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from py_vapid import Vapid02
from pywebpush import WebPushException, webpush

_lock = threading.Lock()
# Push services answer these when the subscription is gone for good.
GONE = {404, 410}


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def key_file() -> Path:
    return Path(settings.VAR_DIR) / "vapid" / "private_key.pem"


@functools.cache
def _vapid_from(private: str, path: str) -> Vapid02:
    if private:
        return Vapid02.from_string(private)
    with _lock:
        file = Path(path)
        if not file.exists():
            file.parent.mkdir(parents=True, exist_ok=True)
            vapid = Vapid02()
            vapid.generate_keys()
            vapid.save_key(str(file))
            file.chmod(0o600)
        return Vapid02.from_file(str(file))


def vapid() -> Vapid02:
    """The VAPID key pair from settings, or the one generated into VAR_DIR."""
    return _vapid_from(str(getattr(settings, "TORG_VAPID_PRIVATE_KEY", "") or ""), str(key_file()))


def vapid_public_key() -> str:
    """The application server key for ``pushManager.subscribe()``: base64url, uncompressed P-256 point."""
    configured = str(getattr(settings, "TORG_VAPID_PUBLIC_KEY", "") or "")
    if configured:
        return configured
    public = vapid().public_key
    return _b64url(public.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint))


def vapid_private_key() -> str:
    """base64url of the raw private key (for ``TORG_VAPID_PRIVATE_KEY``)."""
    number = vapid().private_key.private_numbers().private_value
    return _b64url(number.to_bytes(32, "big"))


class PushError(Exception):
    def __init__(self, message: str, *, permanent: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.permanent = permanent
        self.status = status


@dataclass(frozen=True)
class PushMessage:
    title: str
    body: str
    url: str = ""

    def payload(self) -> str:
        return json.dumps({"title": self.title, "body": self.body, "url": self.url}, ensure_ascii=False)


def send_push(
    *, endpoint: str, p256dh: str, auth: str, message: PushMessage, ttl: int | None = None, session: Any = None
) -> int:
    """Encrypt (aes128gcm) and POST ``message`` to one browser's push endpoint; return the HTTP status.

    Raises ``PushError`` (``permanent`` for 404/410: the subscription is gone; also for a malformed one).
    """
    if not endpoint.startswith("https://") and not (settings.DEBUG or _allow_http()):
        raise PushError("A push endpoint must use https.", permanent=True)
    if not p256dh or not auth:
        raise PushError("The push subscription has no keys.", permanent=True)
    subject = str(getattr(settings, "TORG_VAPID_SUBJECT", "") or "mailto:postmottak@torg.invalid")
    try:
        response = webpush(
            subscription_info={"endpoint": endpoint, "keys": {"p256dh": p256dh, "auth": auth}},
            data=message.payload(),
            vapid_private_key=vapid(),
            vapid_claims={"sub": subject},
            content_encoding="aes128gcm",
            ttl=int(ttl if ttl is not None else getattr(settings, "TORG_PUSH_TTL_SECONDS", 24 * 3600)),
            timeout=float(getattr(settings, "TORG_PUSH_TIMEOUT", 10)),
            requests_session=session,
        )
    except WebPushException as error:
        status = error.response.status_code if error.response is not None else None
        raise PushError(f"Push refused: {status or error}", permanent=status in GONE, status=status) from error
    except (ValueError, TypeError) as error:  # keys that are not keys
        raise PushError(f"Invalid push subscription: {error}", permanent=True) from error
    except OSError as error:  # requests' connection errors are OSErrors
        raise PushError(f"Push service unreachable: {error}") from error
    return int(getattr(response, "status_code", 201))


def _allow_http() -> bool:
    """Plain http endpoints only for the local test gateway (``TORG_PUSH_ALLOW_HTTP``)."""
    return bool(getattr(settings, "TORG_PUSH_ALLOW_HTTP", False))
