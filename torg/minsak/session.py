"""Who is logged in to Mi sak: a resident identity kept in the session, never a Django user.

The identity is a small dict in the session: ``kind`` ("email" or "pid"),
``value`` (the e-mail address, or the salted HMAC of the fødselsnummer),
``level`` ("email", or the ID-porten ``acr``), ``email`` (an address ID-porten
gave, or ""), and the times it started and was last used. It ends after
``TORG_MINSAK_IDLE_MINUTES`` without use and ``TORG_MINSAK_MAX_MINUTES``
after login, whichever comes first. Logging out flushes the whole session:
on a shared computer nothing of the resident's stays behind.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac

SESSION_KEY = "torg.minsak.resident"
EXPIRED_KEY = "torg.minsak.expired"

EMAIL: Literal["email"] = "email"
PID: Literal["pid"] = "pid"


@dataclass(frozen=True)
class Resident:
    kind: Literal["email", "pid"]
    value: str
    level: str
    email: str = ""
    since: int = 0
    seen: int = 0

    @property
    def emails(self) -> tuple[str, ...]:
        """The addresses whose items this resident sees."""
        if self.kind == EMAIL:
            return (self.value,)
        return (self.email,) if self.email else ()

    @property
    def pid_hash(self) -> str:
        return self.value if self.kind == PID else ""


def _minutes(name: str, default: int) -> int:
    try:
        return max(1, int(getattr(settings, name, default)))
    except (TypeError, ValueError):
        return default


def idle_seconds() -> int:
    return 60 * _minutes("TORG_MINSAK_IDLE_MINUTES", 15)


def max_seconds() -> int:
    return 60 * _minutes("TORG_MINSAK_MAX_MINUTES", 120)


def pid_hash(pid: str) -> str:
    """The salted HMAC that stands for a fødselsnummer everywhere in Torg (the number is never stored)."""
    secret = str(getattr(settings, "TORG_MINSAK_PID_KEY", "") or settings.SECRET_KEY)
    return salted_hmac("torg.minsak.pid", pid, secret=secret, algorithm="sha256").hexdigest()


def log_in(request: HttpRequest, *, kind: Literal["email", "pid"], value: str, level: str, email: str = "") -> Resident:
    """Start a resident session: a new session key (no fixation), the identity, the clocks."""
    request.session.cycle_key()
    now = int(time.time())
    resident = Resident(kind=kind, value=value, level=level, email=email, since=now, seen=now)
    request.session[SESSION_KEY] = {
        "kind": kind,
        "value": value,
        "level": level,
        "email": email,
        "since": now,
        "seen": now,
    }
    request.session.pop(EXPIRED_KEY, None)
    return resident


def log_out(request: HttpRequest) -> None:
    request.session.flush()


def current(request: HttpRequest, *, touch: bool = True) -> Resident | None:
    """The logged-in resident, or None. An identity past its idle or total time is removed here."""
    data: Any = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    try:
        resident = Resident(
            kind=data["kind"],
            value=str(data["value"]),
            level=str(data["level"]),
            email=str(data.get("email") or ""),
            since=int(data["since"]),
            seen=int(data["seen"]),
        )
    except (KeyError, TypeError, ValueError):
        request.session.pop(SESSION_KEY, None)
        return None
    now = int(time.time())
    if resident.kind not in (EMAIL, PID) or not resident.value:
        request.session.pop(SESSION_KEY, None)
        return None
    if now - resident.seen > idle_seconds() or now - resident.since > max_seconds():
        log_out(request)
        request.session[EXPIRED_KEY] = True
        return None
    if touch and now != resident.seen:
        request.session[SESSION_KEY] = {**data, "seen": now}
    return resident


def was_logged_out_for_inactivity(request: HttpRequest) -> bool:
    return bool(request.session.pop(EXPIRED_KEY, False))
