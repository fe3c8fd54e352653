"""A claimed delivery as the senders see it: the columns the claim returned, no model instance.

Building a model instance per recipient cost more than sending an SMS to it; the claim's
``UPDATE … RETURNING`` gives these columns directly. Writes go through ``claiming`` (fenced
on ``claimed_by``), never through this object.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from ..models import Dispatch

# The columns the claim returns, in this order.
CLAIMED_COLUMNS = (
    "id",
    "dispatch_id",
    "channel",
    "address",
    "subscriber_id",
    "token",
    "push_keys",
    "state",
    "attempts",
    "claimed_by",
    "priority",
    "last_error",
)


class Recipient(Protocol):
    """What a personaliser reads of a delivery (a ``ClaimedDelivery`` or a ``Delivery`` row)."""

    @property
    def token(self) -> str: ...

    @property
    def channel(self) -> str: ...


class ClaimedDelivery:
    """One recipient on one channel, held by this worker under ``claimed_by``."""

    __slots__ = (*(c for c in CLAIMED_COLUMNS if c != "push_keys"), "dispatch", "_push_keys", "_raw_keys")

    id: int
    dispatch_id: int
    channel: str
    address: str
    subscriber_id: int | None
    token: str
    state: str
    attempts: int
    claimed_by: str
    priority: int
    last_error: str
    dispatch: Dispatch

    def __init__(self, row: Sequence[Any]) -> None:
        (
            self.id,
            self.dispatch_id,
            self.channel,
            self.address,
            self.subscriber_id,
            self.token,
            self._raw_keys,
            self.state,
            self.attempts,
            self.claimed_by,
            self.priority,
            self.last_error,
        ) = row
        self._push_keys: dict[str, Any] | None = None

    @property
    def push_keys(self) -> dict[str, Any]:
        """The browser's push keys (decoded when first read: only push deliveries need them)."""
        if self._push_keys is None:
            keys = self._raw_keys
            if isinstance(keys, str | bytes):
                keys = json.loads(keys) if keys else {}
            self._push_keys = keys if isinstance(keys, dict) else {}
        return self._push_keys

    @property
    def pk(self) -> int:
        return self.id

    @property
    def idempotency_key(self) -> str:
        """The same as ``Delivery.idempotency_key``: the SMTP Message-ID's local part and the SMS ref."""
        return f"torg-delivery-{self.id}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ClaimedDelivery) and other.id == self.id

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"<ClaimedDelivery {self.dispatch_id}/{self.channel}/{self.id} ({self.state})>"
