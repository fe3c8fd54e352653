"""Phone numbers and SMS gateways.

``normalise_phone()`` turns what a resident types into E.164 (``+4791234567``).
The gateway is chosen by ``settings.TORG_SMS_GATEWAY``, a dict with a dotted
``BACKEND`` path plus that backend's options (``URL``, ``TOKEN``, ``USER``,
``PASSWORD``, ``SENDER``, ``TIMEOUT``, …). Every gateway has
``send(to, text) -> provider ids`` for one text to one or more numbers, and
``send_many(text, recipients) -> list[SmsResult]`` for one text to many
``(number, ref)`` pairs in one request, each with our own reference (the
delivery's idempotency key) so the provider can drop repeats and its delivery
reports can be matched.

- ``LocmemGateway``: for tests; keeps messages in the module-level ``outbox``.
- ``FileGateway``: the development default; one JSON line per message in
  ``VAR_DIR/sms/sms.jsonl``.
- ``GenericHttpGateway``: POST JSON ``{"to": [...], "text", "from"}`` with a Bearer token;
  batches as ``{"text", "from", "recipients": [{"to", "ref"}, ...]}``.
- ``SveveGateway``: Sveve's ``SMS/SendMessage`` (form fields, comma-separated numbers); batches
  in Sveve's JSON "multiple messages" shape, one entry per number with its own ``ref``.
- ``LinkMobilityGateway``: LINK Mobility's SMS REST API (JSON, basic auth, one number a request);
  batches through ``/sms/sendbatch`` (``sendRequestMessages``, up to 1,000, each with ``refId``).

The HTTP gateways use only the standard library (``urllib``); the local test
gateway (``manage.py torg_test_gateway``) accepts all three shapes.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext

# --- Phone numbers ----------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-./()]+")
_DIGITS = re.compile(r"[0-9]+")
# A Norwegian subscriber number has eight digits and does not start with 0 or 1.
_NORWEGIAN = re.compile(r"[2-9][0-9]{7}")


def normalise_phone(value: str) -> str:
    """Return ``value`` as an E.164 number (``+4791234567``) or raise ``ValueError``.

    Norwegian numbers may be written with or without +47/0047 and with spaces,
    dashes, dots or brackets: ``"+47 912 34 567"``, ``"91234567"`` and
    ``"004791234567"`` all give ``"+4791234567"``. Other countries' numbers
    need ``+`` or ``00`` and the country code, 8–15 digits in all.
    """
    compact = _SEPARATORS.sub("", str(value))
    if not compact:
        raise ValueError(gettext("Enter a phone number, for example 912 34 567."))
    if compact.startswith("+"):
        digits, international = compact[1:], True
    elif compact.startswith("00"):
        digits, international = compact[2:], True
    else:
        digits, international = compact, False
    if not _DIGITS.fullmatch(digits):
        raise ValueError(gettext("A phone number may only contain digits, spaces and a leading +."))
    if not international:
        if len(digits) == 10 and digits.startswith("47"):
            digits = digits[2:]  # "47 91234567": the country code without the +
        if not _NORWEGIAN.fullmatch(digits):
            raise ValueError(
                gettext(
                    "A Norwegian phone number has 8 digits, for example 912 34 567. "
                    "Start numbers from other countries with + and the country code."
                )
            )
        return f"+47{digits}"
    if digits.startswith("47"):
        if not _NORWEGIAN.fullmatch(digits[2:]):
            raise ValueError(gettext("A Norwegian phone number has 8 digits after +47, for example +47 912 34 567."))
        return f"+{digits}"
    if digits.startswith("0") or not 8 <= len(digits) <= 15:
        raise ValueError(
            gettext("An international phone number has + and the country code and then 8 to 15 digits in all.")
        )
    return f"+{digits}"


# --- Gateways ---------------------------------------------------------------


class SmsGatewayError(Exception):
    """The gateway refused or could not take the message; sending may be tried again."""


@dataclass(frozen=True)
class SmsResult:
    """What the provider said about one recipient of a batch."""

    number: str
    ref: str
    provider_id: str = ""
    error: str = ""
    permanent: bool = False  # the number can never receive (invalid, unknown): do not try again

    @property
    def ok(self) -> bool:
        return not self.error


class SmsGateway:
    """Base class: ``options`` are the ``TORG_SMS_GATEWAY`` entries other than ``BACKEND``."""

    default_url = ""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.sender: str = str(options.get("SENDER") or "Torg")
        self.timeout: float = float(options.get("TIMEOUT") or 10)
        self.url: str = str(options.get("URL") or self.default_url)

    def send(self, to: list[str], text: str) -> list[str]:
        """Send ``text`` to every number in ``to``; return the provider's message ids."""
        raise NotImplementedError

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        """Send ``text`` to every ``(number, ref)`` in one request where the provider allows it.

        Raises ``SmsGatewayError`` when the whole request failed (try again later); a refusal of
        single numbers comes back as results with ``error`` set.
        """
        ids = self.send([number for number, _ref in recipients], text)
        ids = ids + [""] * (len(recipients) - len(ids))
        return [SmsResult(number=n, ref=r, provider_id=i) for (n, r), i in zip(recipients, ids, strict=False)]

    # Shared by the HTTP gateways.
    def _post(self, body: bytes, headers: dict[str, str], url: str = "") -> bytes:
        url = url or self.url
        if not url.startswith(("http://", "https://")):
            raise SmsGatewayError("TORG_SMS_GATEWAY URL must start with http:// or https://")
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                return bytes(response.read())
        except urllib.error.HTTPError as error:
            detail = error.read(200).decode("utf-8", "replace")
            raise SmsGatewayError(f"HTTP {error.code} from SMS gateway: {detail}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise SmsGatewayError(f"SMS gateway unreachable: {error}") from error

    @staticmethod
    def _json(raw: bytes) -> Any:
        try:
            return json.loads(raw or b"null")
        except ValueError as error:
            raise SmsGatewayError(f"SMS gateway answered with something other than JSON: {raw[:200]!r}") from error


outbox: list[dict[str, Any]] = []
_locmem_ids = itertools.count(1)


class LocmemGateway(SmsGateway):
    """Keeps every message in ``torg.notifications.sms.outbox`` (tests clear it)."""

    def send(self, to: list[str], text: str) -> list[str]:
        ids = [f"locmem-{next(_locmem_ids)}" for _ in to]
        outbox.append({"to": list(to), "text": text, "from": self.sender, "ids": ids})
        return ids

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        ids = [f"locmem-{next(_locmem_ids)}" for _ in recipients]
        outbox.append(
            {
                "to": [n for n, _r in recipients],
                "refs": [r for _n, r in recipients],
                "text": text,
                "from": self.sender,
                "ids": ids,
            }
        )
        return [SmsResult(number=n, ref=r, provider_id=i) for (n, r), i in zip(recipients, ids, strict=True)]


class FileGateway(SmsGateway):
    """Appends one JSON line per message to ``PATH`` (default ``VAR_DIR/sms/sms.jsonl``)."""

    _lock = threading.Lock()

    def send(self, to: list[str], text: str) -> list[str]:
        path = Path(self.options.get("PATH") or Path(settings.VAR_DIR) / "sms" / "sms.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        ids = [f"file-{uuid.uuid4().hex}" for _ in to]
        line = {"to": list(to), "text": text, "from": self.sender, "ids": ids, "at": timezone.now().isoformat()}
        with self._lock, path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
        return ids

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        path = Path(self.options.get("PATH") or Path(settings.VAR_DIR) / "sms" / "sms.jsonl")
        path.parent.mkdir(parents=True, exist_ok=True)
        ids = [f"file-{uuid.uuid4().hex}" for _ in recipients]
        line = {
            "to": [n for n, _r in recipients],
            "refs": [r for _n, r in recipients],
            "text": text,
            "from": self.sender,
            "ids": ids,
            "at": timezone.now().isoformat(),
        }
        with self._lock, path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
        return [SmsResult(number=n, ref=r, provider_id=i) for (n, r), i in zip(recipients, ids, strict=True)]


class GenericHttpGateway(SmsGateway):
    """POST ``{"to": [...], "text": ..., "from": ...}`` as JSON with ``Authorization: Bearer TOKEN``.

    The answer may carry ``{"ids": [...]}`` (or ``{"id": ...}``); any 2xx counts as accepted.
    """

    def send(self, to: list[str], text: str) -> list[str]:
        body = json.dumps({"to": list(to), "text": text, "from": self.sender}).encode()
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.options.get("TOKEN"):
            headers["Authorization"] = f"Bearer {self.options['TOKEN']}"
        answer = self._json(self._post(body, headers))
        if isinstance(answer, dict) and isinstance(answer.get("ids"), list):
            return [str(i) for i in answer["ids"]]
        if isinstance(answer, dict) and answer.get("id") is not None:
            return [str(answer["id"])]
        return []

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        """One POST ``{"text", "from", "recipients": [{"to", "ref"}, ...]}``.

        The answer may list ``{"results": [{"ref", "id", "error"?, "permanent"?}]}``; without it,
        a 2xx means every recipient was taken.
        """
        payload = {"text": text, "from": self.sender, "recipients": [{"to": n, "ref": r} for n, r in recipients]}
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.options.get("TOKEN"):
            headers["Authorization"] = f"Bearer {self.options['TOKEN']}"
        answer = self._json(self._post(json.dumps(payload).encode(), headers))
        by_ref: dict[str, dict[str, Any]] = {}
        if isinstance(answer, dict) and isinstance(answer.get("results"), list):
            by_ref = {str(item.get("ref")): item for item in answer["results"] if isinstance(item, dict)}
        results = []
        for number, ref in recipients:
            item = by_ref.get(ref, {})
            results.append(
                SmsResult(
                    number=number,
                    ref=ref,
                    provider_id=str(item.get("id") or ""),
                    error=str(item.get("error") or ""),
                    permanent=bool(item.get("permanent", False)),
                )
            )
        return results


class SveveGateway(SmsGateway):
    """Sveve (https://sveve.no/apidok/send): form POST, numbers comma-separated, ``f=json``.

    Sveve answers 200 also when it refuses, with ``fatalError`` or ``errors`` in the body.
    Options: ``USER``, ``PASSWORD``, ``SENDER``, ``URL``, ``TEST`` (Sveve's test mode: nothing is sent).
    """

    default_url = "https://sveve.no/SMS/SendMessage"

    def send(self, to: list[str], text: str) -> list[str]:
        fields = {
            "user": str(self.options.get("USER") or ""),
            "passwd": str(self.options.get("PASSWORD") or ""),
            "to": ",".join(to),
            "msg": text,
            "from": self.sender,
            "f": "json",
        }
        if self.options.get("TEST"):
            fields["test"] = "true"
        body = urllib.parse.urlencode(fields).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": "application/json"}
        answer = self._json(self._post(body, headers))
        response = answer.get("response", {}) if isinstance(answer, dict) else {}
        if not isinstance(response, dict):
            raise SmsGatewayError("Sveve gave an answer without 'response'.")
        if response.get("fatalError"):
            raise SmsGatewayError(f"Sveve refused the message: {response['fatalError']}")
        if response.get("errors"):
            raise SmsGatewayError(f"Sveve refused some numbers: {json.dumps(response['errors'])[:300]}")
        if not response.get("msgOkCount"):
            raise SmsGatewayError("Sveve accepted no messages.")
        return [str(i) for i in response.get("ids") or []]

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        """Sveve's JSON "multiple messages" request: one entry per number, each with its own ``ref``.

        Numbers Sveve refuses come back in ``errors`` (``{"number", "message"}``): those fail for good;
        the rest are matched to ``ids`` in order.
        """
        messages = [{"to": n, "msg": text, "from": self.sender, "ref": r} for n, r in recipients]
        payload: dict[str, Any] = {
            "user": str(self.options.get("USER") or ""),
            "passwd": str(self.options.get("PASSWORD") or ""),
            "f": "json",
            "messages": messages,
        }
        if self.options.get("TEST"):
            payload["test"] = True
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        answer = self._json(self._post(json.dumps(payload).encode(), headers))
        response = answer.get("response", {}) if isinstance(answer, dict) else {}
        if not isinstance(response, dict):
            raise SmsGatewayError("Sveve gave an answer without 'response'.")
        if response.get("fatalError"):
            raise SmsGatewayError(f"Sveve refused the messages: {response['fatalError']}")
        refused = {
            str(e.get("number")): str(e.get("message") or "refused")
            for e in response.get("errors") or []
            if isinstance(e, dict)
        }
        ids = iter(str(i) for i in response.get("ids") or [])
        results = []
        for number, ref in recipients:
            if number in refused or number.lstrip("+") in refused:
                error = refused.get(number) or refused.get(number.lstrip("+"), "")
                results.append(SmsResult(number=number, ref=ref, error=f"Sveve: {error}", permanent=True))
            else:
                results.append(SmsResult(number=number, ref=ref, provider_id=next(ids, "")))
        return results


class LinkMobilityGateway(SmsGateway):
    """LINK Mobility's SMS REST API: one JSON POST per number, HTTP basic auth.

    Options: ``URL`` (e.g. ``https://n-eu.linkmobility.io/sms/send``), ``USER``, ``PASSWORD``,
    ``PLATFORM_ID`` (default ``COMMON_API``), ``PLATFORM_PARTNER_ID``, ``SENDER``,
    ``DELIVERY_REPORT`` (ask for delivery reports; default off).
    """

    default_url = "https://n-eu.linkmobility.io/sms/send"
    # LINK Mobility's result codes for a message taken for delivery.
    accepted_codes = {1005}

    def send(self, to: list[str], text: str) -> list[str]:
        credentials = f"{self.options.get('USER') or ''}:{self.options.get('PASSWORD') or ''}"
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode("ascii"),
        }
        ids = []
        for number in to:
            payload = {
                "source": self.sender,
                "destination": number,
                "userData": text,
                "platformId": str(self.options.get("PLATFORM_ID") or "COMMON_API"),
                "platformPartnerId": str(self.options.get("PLATFORM_PARTNER_ID") or ""),
                "useDeliveryReport": bool(self.options.get("DELIVERY_REPORT", False)),
            }
            answer = self._json(self._post(json.dumps(payload).encode(), headers))
            if not isinstance(answer, dict) or answer.get("resultCode") not in self.accepted_codes:
                raise SmsGatewayError(f"LINK Mobility refused the message: {json.dumps(answer)[:300]}")
            ids.append(str(answer.get("messageId", "")))
        return ids

    def _batch_url(self) -> str:
        if self.options.get("BATCH_URL"):
            return str(self.options["BATCH_URL"])
        base = self.url.rstrip("/")
        return base + "batch" if base.endswith("/sms/send") else base + "/sendbatch"

    def send_many(self, text: str, recipients: list[tuple[str, str]]) -> list[SmsResult]:
        """``POST …/sms/sendbatch`` with ``sendRequestMessages`` (at most 1,000 a request), each with ``refId``.

        LINK answers with one result per message, in order; ``resultCode`` 1005 means queued.
        """
        credentials = f"{self.options.get('USER') or ''}:{self.options.get('PASSWORD') or ''}"
        headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": "Basic " + base64.b64encode(credentials.encode()).decode("ascii"),
        }
        results: list[SmsResult] = []
        for start in range(0, len(recipients), 1000):
            chunk = recipients[start : start + 1000]
            payload = {
                "platformId": str(self.options.get("PLATFORM_ID") or "COMMON_API"),
                "platformPartnerId": str(self.options.get("PLATFORM_PARTNER_ID") or ""),
                "useDeliveryReport": bool(self.options.get("DELIVERY_REPORT", False)),
                "sendRequestMessages": [
                    {"source": self.sender, "destination": n, "userData": text, "refId": r} for n, r in chunk
                ],
            }
            answer = self._json(self._post(json.dumps(payload).encode(), headers, self._batch_url()))
            if not isinstance(answer, list) or len(answer) != len(chunk):
                raise SmsGatewayError(f"LINK Mobility gave an unexpected batch answer: {json.dumps(answer)[:300]}")
            for (number, ref), item in zip(chunk, answer, strict=True):
                code = item.get("resultCode") if isinstance(item, dict) else None
                if code in self.accepted_codes:
                    results.append(SmsResult(number=number, ref=ref, provider_id=str(item.get("messageId", ""))))
                else:
                    results.append(SmsResult(number=number, ref=ref, error=f"LINK Mobility: {json.dumps(item)[:200]}"))
        return results


def get_gateway() -> SmsGateway:
    """The gateway configured in ``settings.TORG_SMS_GATEWAY`` (default: ``FileGateway``)."""
    config = dict(getattr(settings, "TORG_SMS_GATEWAY", None) or {})
    backend = config.pop("BACKEND", "torg.notifications.sms.FileGateway")
    gateway_class = import_string(backend)
    gateway: SmsGateway = gateway_class(**config)
    return gateway
